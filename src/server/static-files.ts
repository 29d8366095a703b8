/**
 * Compressed static files in front of @astrojs/node's handler (issue 15: lesson pages of
 * 137-237 KB of HTML cost Lighthouse points when sent as they are).
 *
 * For a GET or HEAD of a text file under the build's client folder (`dist/client`), found the way
 * the Astro handler finds it (build format "directory", trailing slash "ignore": `/lessons/x/` and
 * `/lessons/x` both give `lessons/x/index.html`, no redirect), this layer answers with Brotli or
 * gzip as the client's `Accept-Encoding` allows. Each compressed file is kept in memory once (the
 * build does not change while it is served) up to `cacheBytes` in all; beyond that, or for a file
 * larger than that, it is compressed as it streams. Answers carry `Vary: Accept-Encoding`, an
 * ETag per coding (`If-None-Match` gives 304) and the Cache-Control the Astro handler sets
 * (a year and immutable under `/_astro/`, whose names carry a content hash; `max-age=0` elsewhere).
 *
 * Everything else goes to the Astro handler (`next`) untouched: other methods, API routes,
 * missing files and the 404 page, files that are not text (images, fonts, `.gz`, Pagefind's
 * already compressed fragments), small files, `Range` requests and clients that want the file as
 * it is (it sends them with its own headers; this layer has only added `Vary`). Paths with `..`,
 * dot segments, encoded slashes or backslashes, or NUL are never resolved here; they reach the
 * Astro handler, which refuses them as before. A symbolic link that leads out of the folder is
 * never served: it gets the site's 404 page.
 */
import { createReadStream, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';
import { type ContentCoding, chooseCoding } from './accept-encoding.ts';
import { ServerConfigError } from './http-guard.ts';

/**
 * The types this layer compresses, written as the Astro handler (the `send` package, through
 * `mime-types`) writes them, so a file has the same Content-Type whichever coding it travels in.
 */
export const COMPRESSIBLE_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.sh': 'application/x-sh',
  '.wasm': 'application/wasm',
  '.pem': 'application/x-x509-ca-cert',
};

export interface StaticFilesOptions {
  /** The build's client folder (dist/client). */
  root: string;
  /** Astro's assets folder, whose file names carry a content hash (default `_astro`). */
  assetsDir?: string;
  /** Compressed bytes kept in memory in all (default 64 MiB). */
  cacheBytes?: number;
  /** Files smaller than this go as they are (default 1024 bytes: compression gains little). */
  minBytes?: number;
}

export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;
const DEFAULT_MIN_BYTES = 1024;
/** Quality 6: within 10 % of Brotli's best for these files at a twentieth of the time of 11. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } };
const GZIP = { level: 6 };

export type Next = () => void;
export type StaticFilesHandler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** `CERTLAB_SERVER_COMPRESSION`: `on` (default) or `off` (behind a proxy that compresses). */
export function compressionFromEnv(env: Record<string, string | undefined>): boolean {
  const raw = env.CERTLAB_SERVER_COMPRESSION;
  if (raw === undefined || raw.trim() === '') return true;
  const v = raw.trim().toLowerCase();
  if (v === 'on') return true;
  if (v === 'off') return false;
  throw new ServerConfigError(`CERTLAB_SERVER_COMPRESSION="${raw}" is not valid: expected on or off.`);
}

/**
 * The file a URL path names, relative to the root, or undefined when this layer must not resolve
 * it (the Astro handler decides). `/a/b/` and `/a/b` may both name a folder; the caller adds index.html.
 */
export function urlToRelativePath(url: string): string | undefined {
  const path = url.split('#')[0]!.split('?')[0]!;
  if (!path.startsWith('/') || /%(2f|5c|00)/i.test(path) || path.includes('\\')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const segments = decoded.split('/').slice(1);
  // Dot segments and dotfiles: the Astro handler refuses them (or serves /.well-known/) itself.
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  return segments.join('/');
}

interface Found {
  file: string;
  stats: Stats;
}

/** Caches compressed bodies by file, coding and version, up to a total size. */
class CompressedCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer>>();
  private readonly limit: number;
  used = 0;
  constructor(limit: number) {
    this.limit = limit;
  }

  /** The compressed body, made once; undefined when it cannot be kept (the caller streams). */
  async get(key: string, file: string, size: number, coding: 'br' | 'gzip'): Promise<Buffer | undefined> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    if (size > this.limit || this.used >= this.limit) return undefined;
    let job = this.pending.get(key);
    if (!job) {
      job = readFile(file).then((bytes) => compress(bytes, coding));
      this.pending.set(key, job);
      job.then(
        (body) => {
          this.pending.delete(key);
          if (this.used + body.length <= this.limit) {
            this.entries.set(key, body);
            this.used += body.length;
          }
        },
        () => this.pending.delete(key),
      );
    }
    return job;
  }
}

function compress(bytes: Buffer, coding: 'br' | 'gzip'): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const done = (err: Error | null, out: Buffer) => (err ? fail(err) : ok(out));
    if (coding === 'br') brotliCompress(bytes, { ...BROTLI, params: { ...BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }, done);
    else gzip(bytes, GZIP, done);
  });
}

/** The ETag of the file in one coding: the Astro handler's weak tag (size and mtime, hex) plus the coding. */
export function etagFor(stats: Stats, coding: ContentCoding): string {
  const base = `${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}`;
  return coding === 'identity' ? `W/"${base}"` : `W/"${base}-${coding}"`;
}

/** RFC 9110 §13.1.2: weak comparison against each tag in the list, or `*`. */
function noneMatch(header: string, etag: string): boolean {
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
}

function notModified(req: IncomingMessage, etag: string, stats: Stats): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return noneMatch(inm, etag);
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(stats.mtimeMs / 1000) * 1000 <= since;
}

function addVary(res: ServerResponse): void {
  const prior = res.getHeader('vary');
  const list =
    prior === undefined
      ? []
      : String(prior)
          .split(',')
          .map((s) => s.trim());
  if (!list.some((v) => v.toLowerCase() === 'accept-encoding' || v === '*')) res.setHeader('Vary', [...list, 'Accept-Encoding'].filter(Boolean).join(', '));
}

export function createStaticFiles(options: StaticFilesOptions): StaticFilesHandler {
  const root = resolve(options.root);
  const assetsPrefix = `/${options.assetsDir ?? '_astro'}/`;
  const minBytes = options.minBytes ?? DEFAULT_MIN_BYTES;
  const cache = new CompressedCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  let realRoot: Promise<string> | undefined;

  async function find(rel: string, trailingSlash: boolean): Promise<Found | 'outside' | undefined> {
    let file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) return undefined;
    let stats = await stat(file).catch(() => undefined);
    if (stats?.isDirectory()) {
      file = join(file, 'index.html');
      stats = await stat(file).catch(() => undefined);
    } else if (trailingSlash) return undefined;
    if (!stats?.isFile()) return undefined;
    realRoot ??= realpath(root);
    const real = await realpath(file);
    const base = await realRoot;
    if (!real.startsWith(base + sep)) return 'outside';
    return { file, stats };
  }

  async function serve(req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const url = req.url ?? '/';
    const rel = urlToRelativePath(url);
    if (rel === undefined) return next();
    const urlPath = url.split('#')[0]!.split('?')[0]!;
    const found = await find(rel, urlPath.endsWith('/'));
    if (found === undefined) return next();
    if (found === 'outside') return notFound(res, req.method === 'HEAD');
    const type = COMPRESSIBLE_TYPES[extname(found.file).toLowerCase()];
    if (type === undefined || found.stats.size < minBytes) return next();
    addVary(res);
    const coding = chooseCoding(req.headers['accept-encoding']);
    if (coding === 'identity' || req.headers.range !== undefined) return next();

    const etag = etagFor(found.stats, coding);
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', urlPath.startsWith(assetsPrefix) ? 'public, max-age=31536000, immutable' : 'public, max-age=0');
    res.setHeader('Last-Modified', found.stats.mtime.toUTCString());
    res.setHeader('ETag', etag);
    if (notModified(req, etag, found.stats)) {
      res.removeHeader('Content-Type');
      res.statusCode = 304;
      return void res.end();
    }
    res.setHeader('Content-Encoding', coding);
    const body = await cache.get(`${found.file}\0${coding}\0${etag}`, found.file, found.stats.size, coding);
    if (body) {
      res.setHeader('Content-Length', body.length);
      res.statusCode = 200;
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    // Too large to keep, or the cache is full: compressed as it is sent (chunked, no length).
    res.statusCode = 200;
    if (req.method === 'HEAD') return void res.end();
    pipeline(createReadStream(found.file), coding === 'br' ? createBrotliCompress(BROTLI) : createGzip(GZIP), res, () => {});
  }

  async function notFound(res: ServerResponse, head: boolean): Promise<void> {
    const page = await readFile(join(root, '404.html')).catch(() => undefined);
    res.statusCode = 404;
    res.setHeader('Content-Type', page ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8');
    const body = page ?? Buffer.from('Not found\n');
    res.setHeader('Content-Length', body.length);
    res.end(head ? undefined : body);
  }

  return (req, res, next) => {
    let passed = false;
    const pass = () => {
      passed = true;
      next();
    };
    serve(req, res, pass).catch((err: unknown) => {
      if (passed) return void console.error(err); // the Astro handler's own failure, not ours to answer
      // A file that vanished or could not be read mid-way: the Astro handler answers, if it still can.
      if (!res.headersSent) {
        for (const h of ['content-encoding', 'content-type', 'content-length', 'etag', 'last-modified', 'cache-control']) res.removeHeader(h);
        res.statusCode = 200;
        pass();
      } else {
        console.warn(`[certlab] static file ${req.url?.slice(0, 200)} failed: ${(err as Error).message}`);
        res.destroy();
      }
    });
  };
}
