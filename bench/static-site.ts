/**
 * Serves a built site's static files on 127.0.0.1 for the benches, and lists its pages.
 * (bench/site-weight.bench.ts has the same two helpers inline; it can import these instead.)
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.pem': 'application/x-pem-file',
};

export function serveStatic(dir: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!path.startsWith(root) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** The pages under `section` of a built client dir: "/<section>/" and "/<section>/<name>/". */
export function sectionPages(clientDir: string, section: string): string[] {
  const dir = join(clientDir, section);
  if (!existsSync(dir)) return [];
  const out = existsSync(join(dir, 'index.html')) ? [`/${section}/`] : [];
  for (const name of readdirSync(dir).sort()) if (existsSync(join(dir, name, 'index.html'))) out.push(`/${section}/${name}/`);
  return out;
}
