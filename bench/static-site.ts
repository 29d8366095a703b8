/**
 * Serves a built site's static files on 127.0.0.1 for the benches, and lists its pages.
 * (bench/site-weight.bench.ts has the same two helpers inline; it can import these instead.)
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/** `front`, when given, sees each request first and calls `next` for what it leaves (src/server/static-files.ts). */
export type FrontLayer = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function serveStatic(dir: string, front?: FrontLayer): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const plain = (req: IncomingMessage, res: ServerResponse) => {
    let path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!path.startsWith(root) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  };
  const server = createServer(front ? (req, res) => front(req, res, () => plain(req, res)) : plain);
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** Every page of a built client dir ("/" and each folder holding an index.html), sorted. */
export function allPages(clientDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    if (existsSync(join(clientDir, rel, 'index.html'))) out.push(`/${rel}${rel ? '/' : ''}`);
    for (const e of readdirSync(join(clientDir, rel), { withFileTypes: true })) if (e.isDirectory()) walk(rel ? `${rel}/${e.name}` : e.name);
  };
  walk('');
  return out.sort();
}

/** The pages under `section` of a built client dir: "/<section>/" and "/<section>/<name>/". */
export function sectionPages(clientDir: string, section: string): string[] {
  const dir = join(clientDir, section);
  if (!existsSync(dir)) return [];
  const out = existsSync(join(dir, 'index.html')) ? [`/${section}/`] : [];
  for (const name of readdirSync(dir).sort()) if (existsSync(join(dir, name, 'index.html'))) out.push(`/${section}/${name}/`);
  return out;
}
