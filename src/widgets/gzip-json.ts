/**
 * gzip'd JSON → value with the web-standard DecompressionStream (browsers, Node 18+, workers):
 * how the browser reads stores.json.gz and the pool shards.
 */
export async function gunzipJson<T>(bytes: Uint8Array): Promise<T> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as T;
}
