/**
 * POST /api/aia {"urls": ["http://ca.example/ica.der"]}: fetches AIA caIssuers URLs for the
 * inspector's fix panel, which holds certificates the browser never sends; only the URLs come
 * here. Each URL goes through the probe's guard (fetchAia: the address policy of
 * CERTLAB_PROBE_*, one DNS answer, no redirects, 64 KiB, one timeout), and only certificates
 * go back (PEM), never the bytes as served. Strict limits: JSON only, from our own pages,
 * 2 KiB body, at most 4 URLs, each client's requests counted against the probe's rate.
 *
 * 200 {results: [{url, ok: true, pem: [...]} | {url, ok: false, error: {kind, message}}]};
 * 400 malformed; 403 another site; 405 not POST; 413 too large; 415 not JSON; 429 rate.
 */
import { toPem } from '../core/formats/pem.ts';
import { aiaCertificates } from '../core/fix/chain-to-serve.ts';
import { describeRefusal } from '../core/net/policy.ts';
import { type ProbeConfig, probeConfigFromEnv } from './probe/config.ts';
import { type AiaFetchError, fetchAia } from './probe/aia-fetch.ts';
import { RateLimiter } from './probe/rate-limit.ts';
import type { Resolver } from './probe/resolver.ts';
import { clientAddress, clientKey } from './client-key.ts';
import { crossSite, readCapped } from './probe-handler.ts';

export const AIA_MAX_BODY = 2048;
export const AIA_MAX_URLS = 4;

export interface AiaHandlerOptions {
  config?: ProbeConfig;
  resolver?: Resolver;
  now?: () => number;
}

export type AiaResult = { url: string; ok: true; pem: string[] } | { url: string; ok: false; error: { kind: string; message: string } };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

const EXAMPLE = 'Expected {"urls": ["http://ca.example/intermediate.der"]}.';
const bad = (message: string) => json(400, { error: { kind: 'BadRequest', message: `${message} ${EXAMPLE}` } });

export function aiaErrorText(e: AiaFetchError): string {
  switch (e.kind) {
    case 'BadUrl':
      return 'not a URL';
    case 'UnsupportedScheme':
      return `only http:// AIA URLs are fetched (this one is ${e.scheme})`;
    case 'Refused':
      return describeRefusal(e.refusal);
    case 'DnsFailed':
      return `the name does not resolve (${e.code})`;
    case 'ConnectFailed':
      return `no connection (${e.code})`;
    case 'Timeout':
      return `no answer within ${e.afterMs / 1000} s`;
    case 'Redirect':
      return `it redirects (HTTP ${e.status}); redirects are not followed`;
    case 'HttpStatus':
      return `HTTP ${e.status}`;
    case 'TooLarge':
      return `larger than ${e.limit / 1024} KiB`;
  }
}

export function createAiaHandler(options: AiaHandlerOptions = {}): (request: Request, info?: { clientAddress?: string }) => Promise<Response> {
  const config = options.config ?? probeConfigFromEnv(process.env);
  const rate = new RateLimiter(config.rateLimit, config.rateWindowMs, options.now ?? Date.now);
  return async (request, info) => {
    const foreign = crossSite(request);
    if (foreign) return json(403, { error: { kind: 'CrossSite', message: `AIA fetches start only from this site's own pages; refused because ${foreign}.` } });
    if (request.method !== 'POST')
      return json(405, { error: { kind: 'MethodNotAllowed', message: `${request.method} is not supported; use POST with JSON.` } }, { allow: 'POST' });
    if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
      return json(415, { error: { kind: 'UnsupportedMediaType', message: `The body must be sent as Content-Type: application/json. ${EXAMPLE}` } });
    }
    const text = await readCapped(request, AIA_MAX_BODY);
    if (text === undefined) return json(413, { error: { kind: 'BodyTooLarge', message: `The body is larger than ${AIA_MAX_BODY} bytes. ${EXAMPLE}` } });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return bad('The body is not valid JSON.');
    }
    const urls = (body as { urls?: unknown } | null)?.urls;
    if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string')) return bad('"urls" must be a list of strings.');
    if (urls.length > AIA_MAX_URLS) return bad(`At most ${AIA_MAX_URLS} URLs at once (received ${urls.length}).`);
    const key = clientKey(clientAddress(info?.clientAddress, request.headers.get('x-forwarded-for'), config.trustedHops) ?? 'unknown-client');
    const decision = rate.take(key);
    if (!decision.allowed) {
      return json(
        429,
        { error: { kind: 'RateLimited', message: `Too many requests from your address; try again in ${decision.retryAfterSeconds} s.` } },
        { 'retry-after': String(decision.retryAfterSeconds) },
      );
    }
    const results: AiaResult[] = [];
    for (const url of [...new Set(urls as string[])]) {
      const r = await fetchAia(url, { policy: config.policy, ...(options.resolver ? { resolver: options.resolver } : {}) });
      if (!r.ok) {
        results.push({ url, ok: false, error: { kind: r.error.kind, message: aiaErrorText(r.error) } });
        continue;
      }
      const certs = await aiaCertificates(r.bytes, globalThis.crypto.subtle);
      // Re-encoded from the parsed certificates: only certificates leave this route.
      const pem = certs.map((c) => toPem('CERTIFICATE', c.der));
      results.push(pem.length ? { url, ok: true, pem } : { url, ok: false, error: { kind: 'NoCertificate', message: 'it served no certificate' } });
    }
    return json(200, { results });
  };
}
