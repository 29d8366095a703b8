/**
 * The probe over HTTP as a Web-standard handler, `(Request) => Promise<Response>`: the Astro
 * route delegates to it, a serverless adapter can too, and tests call it with no server.
 *
 *   POST /api/probe  {"host": "example.com", "port": 443, "servername": "www.example.com"}
 *   GET  /api/probe?host=example.com&port=443          (permalinks)
 *
 * 200 with the result when a TLS conversation took place (even a failed one); 400 for a
 * malformed request or target; 413 for a body over 4 KiB; 403 for a refused target (private address, port); 429 over
 * the per-client rate; 503 when too many probes run; 502 when the server could not be reached.
 */
import { type TargetRefusal, describeRefusal } from '../core/net/policy.ts';
import { type ProbeConfig, probeConfigFromEnv } from './probe/config.ts';
import { type ProbeRequest, probe } from './probe/engine.ts';
import { errorJson } from './probe/result.ts';
import { ConcurrencyCap, RateLimiter } from './probe/rate-limit.ts';
import type { Resolver } from './probe/resolver.ts';
import { analyseProbe } from './probe/analyse.ts';
import { probeAiaFetcher } from './probe/aia-fetch.ts';

export interface ProbeHandlerOptions {
  config?: ProbeConfig;
  resolver?: Resolver;
  now?: () => number;
}

export type ProbeHandler = (request: Request, info?: { clientAddress?: string }) => Promise<Response>;

const MAX_BODY = 4096;
const SERVERNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?$/;
const SYNTAX_REFUSALS: TargetRefusal['kind'][] = ['EmptyHost', 'TooLong', 'UserinfoNotAllowed', 'ZoneIdNotAllowed', 'InvalidHost', 'InvalidPort', 'UnparsableAddress'];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

const badRequest = (message: string) => json(400, { error: { kind: 'BadRequest', message } });
const EXAMPLE = 'Expected {"host": "example.com", "port": 443} (port and servername optional).';

type Parsed = { ok: true; value: ProbeRequest } | { ok: false; response: Response };

function fields(host: unknown, port: unknown, servername: unknown): Parsed {
  if (typeof host !== 'string' || host.trim() === '') return { ok: false, response: badRequest(`"host" is missing or not a string. ${EXAMPLE}`) };
  const value: ProbeRequest = { host };
  if (port !== undefined && port !== null && port !== '') {
    const n = typeof port === 'string' && /^\d{1,5}$/.test(port) ? Number(port) : port;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) {
      return { ok: false, response: badRequest(`"port" is ${JSON.stringify(port)}; expected a whole number from 1 to 65535.`) };
    }
    value.port = n;
  }
  if (servername !== undefined && servername !== null && servername !== '') {
    if (typeof servername !== 'string' || !SERVERNAME.test(servername)) {
      return { ok: false, response: badRequest(`"servername" is ${JSON.stringify(servername)}; expected a DNS name such as www.example.com.`) };
    }
    value.servername = servername.replace(/\.$/, '').toLowerCase();
  }
  return { ok: true, value };
}

/** The body as text, or undefined past `max` bytes (stops reading there: no unbounded buffering). */
async function readCapped(request: Request, max: number): Promise<string | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > max) return undefined;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(all);
}

async function readRequest(request: Request): Promise<Parsed> {
  if (request.method === 'GET') {
    const q = new URL(request.url).searchParams;
    return fields(q.get('host'), q.get('port') ?? undefined, q.get('servername') ?? undefined);
  }
  if (request.method !== 'POST') {
    return { ok: false, response: json(405, { error: { kind: 'MethodNotAllowed', message: `${request.method} is not supported; use POST with JSON or GET with ?host=.` } }, { allow: 'GET, POST' }) };
  }
  const text = await readCapped(request, MAX_BODY);
  if (text === undefined) return { ok: false, response: json(413, { error: { kind: 'BodyTooLarge', message: `The body is larger than ${MAX_BODY} bytes. ${EXAMPLE}` } }) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { ok: false, response: badRequest(`The body is not valid JSON (${(e as Error).message}). ${EXAMPLE}`) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, response: badRequest(`The body must be a JSON object. ${EXAMPLE}`) };
  const b = body as Record<string, unknown>;
  return fields(b.host, b.port, b.servername);
}

function clientKey(request: Request, info: { clientAddress?: string } | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return info?.clientAddress ?? 'unknown-client';
}

export function createProbeHandler(options: ProbeHandlerOptions = {}): ProbeHandler {
  const config = options.config ?? probeConfigFromEnv(process.env);
  const now = options.now ?? Date.now;
  const rate = new RateLimiter(config.rateLimit, config.rateWindowMs, now);
  const cap = new ConcurrencyCap(config.maxConcurrent);

  return async (request, info) => {
    const parsed = await readRequest(request);
    if (!parsed.ok) return parsed.response;
    const decision = rate.take(clientKey(request, info, config.trustProxy));
    if (!decision.allowed) {
      return json(429, { error: { kind: 'RateLimited', message: `Too many probes from your address; at most ${config.rateLimit} every ${config.rateWindowMs / 1000} s. Try again in ${decision.retryAfterSeconds} s.` } },
        { 'retry-after': String(decision.retryAfterSeconds) });
    }
    const ran = await cap.run(async () => {
      const outcome = await probe(parsed.value, { policy: config.policy, limits: config.limits, ...(options.resolver ? { resolver: options.resolver } : {}) });
      if (!outcome.ok && outcome.error.kind === 'Refused') {
        const r = outcome.error.refusal;
        return json(SYNTAX_REFUSALS.includes(r.kind) ? 400 : 403, { error: { kind: 'Refused', message: describeRefusal(r), detail: r } });
      }
      const aiaFetcher = probeAiaFetcher({ policy: config.policy, ...(options.resolver ? { resolver: options.resolver } : {}) });
      const result = await analyseProbe(outcome, now(), globalThis.crypto.subtle, { aiaFetcher });
      if (!result) return json(502, { target: parsed.value, error: outcome.ok ? undefined : errorJson(outcome.error) });
      return json(200, result);
    });
    if (!ran) {
      return json(503, { error: { kind: 'Busy', message: `${cap.max} probes are already running; try again in a few seconds.` } }, { 'retry-after': '2' });
    }
    return ran.value;
  };
}
