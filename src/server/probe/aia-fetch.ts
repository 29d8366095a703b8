/**
 * Fetches a missing intermediate from an AIA caIssuers URL, as Chrome does, under the probe's
 * address rules: the host is judged and resolved once and the request goes to that exact
 * address; no redirects are followed; at most 64 KiB is read; one timeout covers it all.
 * Only plain http:// (what CAs publish; Chrome's limits: 64 KiB, 10 s).
 */
import { request } from 'node:http';
import { type TargetPolicy, type TargetRefusal, admitAddress, admitTarget } from '../../core/net/policy.ts';
import { type Resolver, systemResolver } from './resolver.ts';

export type AiaFetchError =
  | { kind: 'BadUrl'; url: string }
  | { kind: 'UnsupportedScheme'; url: string; scheme: string }
  | { kind: 'Refused'; url: string; refusal: TargetRefusal }
  | { kind: 'DnsFailed'; url: string; code: string }
  | { kind: 'ConnectFailed'; url: string; code: string }
  | { kind: 'Timeout'; url: string; afterMs: number }
  | { kind: 'Redirect'; url: string; status: number; location: string | null }
  | { kind: 'HttpStatus'; url: string; status: number }
  | { kind: 'TooLarge'; url: string; limit: number };

export type AiaFetchResult = { ok: true; bytes: Uint8Array; contentType: string | null } | { ok: false; error: AiaFetchError };

export interface AiaFetchOptions {
  /** null = no address restrictions (local CLI). */
  policy: TargetPolicy | null;
  resolver?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  /** POST `body` (an OCSP request) instead of GET. */
  post?: { body: Uint8Array; contentType: string };
  /** CLI only (`--proxy`): send the request to this HTTP proxy with the absolute URL; the proxy resolves the name. */
  httpProxy?: { host: string; port: number };
}

/** Ports an AIA URL may use under a restrictive policy. */
export const AIA_PORTS: readonly number[] = [80, 8080];

export async function fetchAia(url: string, options: AiaFetchOptions): Promise<AiaFetchResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1024;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: { kind: 'BadUrl', url } };
  }
  if (parsed.protocol !== 'http:') return { ok: false, error: { kind: 'UnsupportedScheme', url, scheme: parsed.protocol.replace(/:$/, '') } };
  const policy = options.policy && { ...options.policy, ports: options.policy.ports === 'any' ? ('any' as const) : AIA_PORTS };
  const admitted = admitTarget(parsed.host, policy ?? { allowPrivate: true, ports: 'any' }, Number(parsed.port || 80));
  if (!admitted.ok) return { ok: false, error: { kind: 'Refused', url, refusal: admitted.refusal } };
  const { host, port, kind } = admitted.target;
  const deadline = Date.now() + timeoutMs;

  let ip = host;
  if (kind === 'name' && !options.httpProxy) {
    let answers: string[];
    // The DNS wait is inside the one timeout too (issue 18: it was not, and took 30 s).
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    try {
      const answered = await Promise.race([(options.resolver ?? systemResolver)(host), timedOut]);
      if (answered === 'timeout') return { ok: false, error: { kind: 'Timeout', url, afterMs: timeoutMs } };
      answers = answered;
    } catch (e) {
      return { ok: false, error: { kind: 'DnsFailed', url, code: (e as NodeJS.ErrnoException).code ?? String(e) } };
    } finally {
      clearTimeout(timer);
    }
    const refusals = policy ? answers.map((a) => admitAddress(host, a, policy)) : answers.map(() => undefined);
    const i = refusals.findIndex((r) => r === undefined);
    if (answers.length === 0) return { ok: false, error: { kind: 'DnsFailed', url, code: 'ENODATA' } };
    if (i < 0) return { ok: false, error: { kind: 'Refused', url, refusal: refusals[0]! } };
    ip = answers[i]!;
  }

  return new Promise((resolve) => {
    let done = false;
    const finish = (r: AiaFetchResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = request({
      host: options.httpProxy?.host ?? ip,
      port: options.httpProxy?.port ?? port,
      path: options.httpProxy ? parsed.href : `${parsed.pathname}${parsed.search}`,
      method: options.post ? 'POST' : 'GET',
      headers: {
        host: parsed.host,
        accept: '*/*',
        ...(options.post ? { 'content-type': options.post.contentType, 'content-length': String(options.post.body.length) } : {}),
      },
      setHost: false,
    });
    const timer = setTimeout(() => finish({ ok: false, error: { kind: 'Timeout', url, afterMs: timeoutMs } }), Math.max(0, deadline - Date.now()));
    req.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, error: { kind: 'ConnectFailed', url, code: e.code ?? e.message } }));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return finish({ ok: false, error: { kind: 'Redirect', url, status, location: res.headers.location ?? null } });
      if (status !== 200) return finish({ ok: false, error: { kind: 'HttpStatus', url, status } });
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) return finish({ ok: false, error: { kind: 'TooLarge', url, limit: maxBytes } });
        chunks.push(c);
      });
      res.on('end', () => finish({ ok: true, bytes: new Uint8Array(Buffer.concat(chunks)), contentType: res.headers['content-type'] ?? null }));
      res.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, error: { kind: 'ConnectFailed', url, code: e.code ?? e.message } }));
    });
    req.end(options.post ? Buffer.from(options.post.body) : undefined);
  });
}

/**
 * The AIA fetcher one probe uses: each URL fetched at most once (clients with different
 * policies share the answer), at most `maxFetches` URLs and `totalMs` in all, so a hostile
 * certificate full of slow AIA URLs cannot hold a probe open.
 */
export function probeAiaFetcher(options: AiaFetchOptions & { maxFetches?: number; totalMs?: number }): (url: string) => Promise<Uint8Array | null> {
  const cache = new Map<string, Promise<Uint8Array | null>>();
  const deadline = Date.now() + (options.totalMs ?? 10_000);
  const maxFetches = options.maxFetches ?? 5;
  return (url) => {
    let p = cache.get(url);
    if (!p) {
      const left = deadline - Date.now();
      p =
        cache.size >= maxFetches || left <= 0
          ? Promise.resolve(null)
          : fetchAia(url, { ...options, timeoutMs: Math.min(options.timeoutMs ?? 10_000, left) }).then((r) => (r.ok ? r.bytes : null));
      cache.set(url, p);
    }
    return p;
  };
}
