/**
 * Issue 15: the site's text files travel compressed. Real HTTP on 127.0.0.1 through the guarded
 * server, over a folder made here shaped like a build's dist/client:
 *
 *   index.html, lessons/x/index.html, _astro/app.js   big text (compressed)
 *   small.txt                                          under 1 KiB (as it is)
 *   data.json.gz, photo.png                            not compressed again
 *   404.html                                           the site's 404 page
 *   escape.html -> ../outside/secret.html              a link out of the folder
 *   .env                                               a dotfile
 *
 * What this layer does not answer goes to `next`, here a handler that says so (in the site, the
 * Astro handler: its answers are checked in test/e2e/site.test.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS, ServerConfigError, createGuardedServer } from './http-guard.ts';
import { compressionFromEnv, createStaticFiles, etagFor, urlToRelativePath } from './static-files.ts';

/** Text that compresses, but not to nothing: numbered lines with some variety. */
function text(lines: number, seed: string): string {
  let out = '';
  for (let i = 0; i < lines; i++) out += `<p id="${seed}-${i}">Line ${i} of ${seed}: ${(i * 2654435761) % 1000003} certificates, chain depth ${i % 7}.</p>\n`;
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'certlab-static-'));
const root = join(dir, 'client');
const files: Record<string, Buffer> = {
  'index.html': Buffer.from(`<!doctype html>\n${text(600, 'home')}`),
  'lessons/x/index.html': Buffer.from(`<!doctype html>\n${text(900, 'lesson')}`),
  '_astro/app.Ab12Cd.js': Buffer.from(text(400, 'script')),
  'big.js': Buffer.from(text(3000, 'big')),
  'small.txt': Buffer.from('short\n'),
  'data.json.gz': gzipSync(Buffer.from(text(200, 'json'))),
  'photo.png': Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(4000, 7)]),
  '404.html': Buffer.from('<!doctype html><title>Not found</title>\n'),
  '.env': Buffer.from(text(100, 'secret')),
};

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request on a new connection; the body exactly as it arrived. */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { connection: 'close', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const pick = (h: IncomingHttpHeaders, names: string[]) => Object.fromEntries(names.map((n) => [n, h[n]]));
const ENTITY = ['content-type', 'content-encoding', 'content-length', 'vary', 'etag', 'cache-control', 'transfer-encoding', 'x-content-type-options'];
const etag = (rel: string, coding: 'br' | 'gzip') => etagFor(statSync(join(root, rel)), coding);
const passedOn = (path: string) => ({ status: 404, headers: {}, body: `passed on: ${path}` });

const servers: Server[] = [];
const children: ChildProcess[] = [];
/** The guarded server with the static layer in front of a `next` that says it was called. */
async function start(cacheBytes?: number): Promise<number> {
  const layer = createStaticFiles({ root, cacheBytes });
  const server = createGuardedServer(
    (req, res) =>
      layer(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`passed on: ${req.url}`);
      }),
    { limits: DEFAULT_SERVER_LIMITS, headers: () => ({ 'x-content-type-options': 'nosniff' }) },
  );
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

/** A reply reduced to what a test compares: status, chosen headers, body text (decompressed). */
function seen(r: Reply, names: string[] = []): { status: number; headers: Record<string, unknown>; body: string } {
  const coding = r.headers['content-encoding'];
  const body = coding === 'br' ? brotliDecompressSync(r.body) : coding === 'gzip' ? gunzipSync(r.body) : r.body;
  return { status: r.status, headers: pick(r.headers, names), body: body.toString('latin1') };
}
const same = (rel: string) => files[rel]!.toString('latin1');

let port: number;
beforeAll(async () => {
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), bytes);
  }
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside/secret.html'), text(200, 'outside'));
  symlinkSync(join(dir, 'outside/secret.html'), join(root, 'escape.html'));
  symlinkSync(join(dir, 'outside'), join(root, 'away'));
  symlinkSync(join(root, 'index.html'), join(root, 'inside.html'));
  port = await start();
});
afterAll(() => {
  for (const s of servers) s.close();
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('compressed answers', () => {
  it('Brotli and gzip bodies decompress to exactly the file, with their headers', async () => {
    const rel = 'lessons/x/index.html';
    const br = await get(port, '/lessons/x/', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    const gz = await get(port, '/lessons/x/', { 'accept-encoding': 'gzip' });
    expect(seen(br, ENTITY)).toEqual({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'br',
        'content-length': String(br.body.length),
        vary: 'Accept-Encoding',
        etag: etag(rel, 'br'),
        'cache-control': 'public, max-age=0',
        'transfer-encoding': undefined,
        'x-content-type-options': 'nosniff',
      },
      body: same(rel),
    });
    expect(seen(gz, ENTITY)).toEqual({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'gzip',
        'content-length': String(gz.body.length),
        vary: 'Accept-Encoding',
        etag: etag(rel, 'gzip'),
        'cache-control': 'public, max-age=0',
        'transfer-encoding': undefined,
        'x-content-type-options': 'nosniff',
      },
      body: same(rel),
    });
    // Both much smaller than the file; the ETags differ per coding.
    expect([br.body.length < files[rel]!.length / 4, gz.body.length < files[rel]!.length / 4, etag(rel, 'br') !== etag(rel, 'gzip')]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('finds a folder with and without its slash, the way the Astro handler does (no redirect)', async () => {
    const forms = ['/', '/index.html', '/lessons/x', '/lessons/x/', '/lessons/x/index.html', '/lessons/x/?from=home', '/lessons/%78/'];
    const replies = await Promise.all(forms.map((p) => get(port, p, { 'accept-encoding': 'br' })));
    expect(replies.map((r) => seen(r, ['content-encoding', 'location']))).toEqual(
      forms.map((p) => ({
        status: 200,
        headers: { 'content-encoding': 'br', location: undefined },
        body: same(p.startsWith('/lessons') ? 'lessons/x/index.html' : 'index.html'),
      })),
    );
  });

  it('hashed assets are cached for a year; the same bytes come from the memory cache the second time', async () => {
    const rel = '_astro/app.Ab12Cd.js';
    const first = await get(port, `/${rel}`, { 'accept-encoding': 'br' });
    const second = await get(port, `/${rel}`, { 'accept-encoding': 'br' });
    expect(seen(first, ['content-type', 'cache-control', 'content-encoding'])).toEqual({
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'content-encoding': 'br' },
      body: same(rel),
    });
    expect(second.body).toEqual(first.body);
  });

  it('HEAD has the headers of GET and no body', async () => {
    const head = await get(port, '/', { 'accept-encoding': 'br' }, 'HEAD');
    const full = await get(port, '/', { 'accept-encoding': 'br' });
    expect({ status: head.status, headers: pick(head.headers, ENTITY), body: head.body.length }).toEqual({
      status: 200,
      headers: pick(full.headers, ENTITY),
      body: 0,
    });
  });

  it('If-None-Match with the coding’s ETag gives 304 without a body; another coding’s ETag does not', async () => {
    const tag = etag('index.html', 'br');
    const hit = await get(port, '/', { 'accept-encoding': 'br', 'if-none-match': `"x", ${tag}` });
    const star = await get(port, '/', { 'accept-encoding': 'br', 'if-none-match': '*' });
    const other = await get(port, '/', { 'accept-encoding': 'br', 'if-none-match': etag('index.html', 'gzip') });
    const notModified = {
      status: 304,
      headers: { etag: tag, vary: 'Accept-Encoding', 'cache-control': 'public, max-age=0', 'content-encoding': undefined, 'content-type': undefined },
      body: '',
    };
    const names = ['etag', 'vary', 'cache-control', 'content-encoding', 'content-type'];
    expect([seen(hit, names), seen(star, names), seen(other, ['content-encoding'])]).toEqual([
      notModified,
      notModified,
      { status: 200, headers: { 'content-encoding': 'br' }, body: same('index.html') },
    ]);
  });

  it('a file larger than the memory cache is still delivered whole, compressed as it streams', async () => {
    const small = await start(10_000);
    const rel = 'big.js';
    const replies = await Promise.all(['br', 'gzip'].map((c) => get(small, `/${rel}`, { 'accept-encoding': c })));
    expect(files[rel]!.length).toBeGreaterThan(10_000);
    expect(replies.map((r) => seen(r, ['content-encoding', 'content-length', 'transfer-encoding', 'etag']))).toEqual(
      ['br', 'gzip'].map((c) => ({
        status: 200,
        headers: { 'content-encoding': c, 'content-length': undefined, 'transfer-encoding': 'chunked', etag: etag(rel, c as 'br' | 'gzip') },
        body: same(rel),
      })),
    );
  });
});

describe('answers left to the Astro handler', () => {
  it('the file as it is when the client refuses both codings or sends none (Vary still says why)', async () => {
    const cases: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br', range: 'bytes=0-9' },
    ];
    const replies = await Promise.all(cases.map((h) => get(port, '/lessons/x/', h)));
    expect(replies.map((r) => seen(r, ['vary', 'content-encoding']))).toEqual(
      cases.map(() => ({ ...passedOn('/lessons/x/'), headers: { vary: 'Accept-Encoding', 'content-encoding': undefined } })),
    );
  });

  it('never compresses a .gz file, an image, or a file under 1 KiB', async () => {
    const paths = ['/data.json.gz', '/photo.png', '/small.txt'];
    const replies = await Promise.all(paths.map((p) => get(port, p, { 'accept-encoding': 'br, gzip' })));
    expect(replies.map((r) => seen(r, ['vary', 'content-encoding']))).toEqual(
      paths.map((p) => ({ ...passedOn(p), headers: { vary: undefined, 'content-encoding': undefined } })),
    );
  });

  it('other methods, missing files and a file named with a trailing slash', async () => {
    const replies = await Promise.all([
      get(port, '/', { 'accept-encoding': 'br' }, 'POST'),
      get(port, '/missing/', { 'accept-encoding': 'br' }),
      get(port, '/api/probe', { 'accept-encoding': 'br' }),
      get(port, '/index.html/', { 'accept-encoding': 'br' }),
    ]);
    expect(replies.map((r) => seen(r, ['content-encoding']))).toEqual(
      ['/', '/missing/', '/api/probe', '/index.html/'].map((p) => ({ ...passedOn(p), headers: { 'content-encoding': undefined } })),
    );
  });

  it('traversal, encoded slashes and backslashes, NUL and dotfiles are never resolved here', async () => {
    const attacks = [
      '/../outside/secret.html',
      '/lessons/../../outside/secret.html',
      '/%2e%2e/outside/secret.html',
      '/lessons%2fx/index.html',
      '/lessons%2Fx%2Findex.html',
      '/..%2foutside%2fsecret.html',
      '/..%5coutside%5csecret.html',
      '/lessons\\x\\index.html',
      '/index.html%00.js',
      '/.env',
      '/%2eenv',
      '/lessons/./x/',
      '/%E0%A4%A',
    ];
    const replies = await Promise.all(attacks.map((p) => get(port, p, { 'accept-encoding': 'br' })));
    // Node's HTTP client sends the path as written; the server's `next` sees it unchanged.
    expect(replies.map((r) => seen(r, ['content-encoding']))).toEqual(attacks.map((p) => ({ ...passedOn(p), headers: { 'content-encoding': undefined } })));
    expect(attacks.map(urlToRelativePath)).toEqual(attacks.map(() => undefined));
  });

  it('a link out of the folder gets the 404 page, whatever its type; a link inside is served', async () => {
    const replies = await Promise.all(['/escape.html', '/away/secret.html', '/inside.html'].map((p) => get(port, p, { 'accept-encoding': 'br' })));
    const notFound = { status: 404, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': undefined }, body: same('404.html') };
    expect(replies.map((r) => seen(r, ['content-type', 'content-encoding']))).toEqual([
      notFound,
      notFound,
      { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' }, body: same('index.html') },
    ]);
  });
});

describe('CERTLAB_SERVER_COMPRESSION', () => {
  it('is on unless set to off; other values are refused, naming the variable', () => {
    expect(
      [{}, { CERTLAB_SERVER_COMPRESSION: '' }, { CERTLAB_SERVER_COMPRESSION: 'on' }, { CERTLAB_SERVER_COMPRESSION: 'OFF' }].map(compressionFromEnv),
    ).toEqual([true, true, true, false]);
    expect(() => compressionFromEnv({ CERTLAB_SERVER_COMPRESSION: 'no' })).toThrow(
      new ServerConfigError('CERTLAB_SERVER_COMPRESSION="no" is not valid: expected on or off.'),
    );
  });

  /**
   * serve.ts as `npm run serve` runs it, over a build-shaped folder: server/entry.mjs (a handler that
   * sends the named file as it is, standing where Astro's is) and the client folder made above.
   */
  async function serveTs(env: Record<string, string>): Promise<{ port?: number; code?: number | null; output: string }> {
    const entry = join(dir, 'server/entry.mjs');
    mkdirSync(join(dir, 'server'), { recursive: true });
    writeFileSync(
      entry,
      `import { readFileSync } from 'node:fs';
export const handler = (req, res) => {
  try { res.writeHead(200, { 'content-type': 'text/html' }).end(readFileSync(new URL('../client' + req.url + (req.url.endsWith('/') ? 'index.html' : ''), import.meta.url))); }
  catch { res.writeHead(404).end(); }
};\n`,
    );
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', resolve(import.meta.dirname, 'serve.ts'), entry], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stderr.on('data', (d) => (output += d));
    return new Promise((ok) => {
      child.stdout.on('data', (d) => {
        output += d;
        const m = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (m) ok({ port: Number(m[1]), output });
      });
      child.on('exit', (code) => ok({ code, output }));
    });
  }

  it('serve.ts compresses by default and not when off; a bad value stops it at start', async () => {
    const [on, off, bad] = await Promise.all([serveTs({}), serveTs({ CERTLAB_SERVER_COMPRESSION: 'off' }), serveTs({ CERTLAB_SERVER_COMPRESSION: 'maybe' })]);
    const [a, b] = await Promise.all([get(on.port!, '/', { 'accept-encoding': 'br' }), get(off.port!, '/', { 'accept-encoding': 'br' })]);
    expect([seen(a, ['content-encoding', 'vary']), seen(b, ['content-encoding', 'vary']), bad]).toEqual([
      { status: 200, headers: { 'content-encoding': 'br', vary: 'Accept-Encoding' }, body: same('index.html') },
      { status: 200, headers: { 'content-encoding': undefined, vary: undefined }, body: same('index.html') },
      { code: 2, output: 'certlab: CERTLAB_SERVER_COMPRESSION="maybe" is not valid: expected on or off.\n' },
    ]);
  });
});
