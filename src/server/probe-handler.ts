/**
 * The probe over HTTP as a Web-standard handler, `(Request) => Promise<Response>`: the Astro
 * route delegates to it, a serverless adapter can too, and tests call it with no server.
 *
 *   POST /api/probe  {"host": "example.com", "port": 443, "servername": "www.example.com", "starttls": "smtp"}
 *                    optional: "ip" (one backend; judged by the same address rules),
 *                    "revocation": true (live OCSP and CRL check, within the probe's budget)
 *   GET  /api/probe?host=example.com&port=443&starttls=auto   (the no-JavaScript form)
 *
 * `starttls` (issue 13): auto (default: from the well-known port), none, or a protocol.
 *
 * 200 with the result when a TLS conversation took place (even a failed one); 400 for a
 * malformed request or target; 413 for a body over 4 KiB; 415 for a POST that is not JSON;
 * 403 for a refused target (private address, port) or a request from another site; 429 over
 * the per-client rate or with the client's probes already running; 503 when too many probes
 * run, or when the shared limit store (Redis, CERTLAB_REDIS_URL) does not answer; 502 when
 * the server could not be reached.
 *
 * Issue 18: only our own pages start probes (Sec-Fetch-Site / Origin, and POST only as JSON,
 * which a cross-site form cannot send); a refusal for lack of a slot is decided before the
 * rate limit and does not count against it; each probe has one time budget.
 */
import { type TargetRefusal, describeRefusal } from '../core/net/policy.ts';
import { UPGRADE_CHOICES, isUpgradeChoice } from '../core/net/starttls/protocols.ts';
import { type ProbeConfig, probeConfigFromEnv } from './probe/config.ts';
import { type ProbeRequest, probe } from './probe/engine.ts';
import { errorJson } from './probe/result.ts';
import { ProbeSlots, type RateDecision, RateLimiter, type SlotDecision } from './probe/rate-limit.ts';
import { type LimitStore, LimitStoreUnavailable, memoryLimitStore } from './probe/limit-store.ts';
import { redisLimitStore } from './probe/redis-limit-store.ts';
import { type Resolver, dnsResolver } from './probe/resolver.ts';
import { analyseProbe } from './probe/analyse.ts';
import { probeAiaFetcher } from './probe/aia-fetch.ts';
import { clientAddress, clientKey } from './client-key.ts';

export interface ProbeHandlerOptions {
  config?: ProbeConfig;
  /** One resolver for every client (tests); default: c-ares with per-client shares (resolver.ts). */
  resolver?: Resolver;
  now?: () => number;
  /** Largest JSON answer (default MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
  /** Where rate counts and slots live; default: Redis when config.redisUrl is set, else this process's memory. */
  limits?: LimitStore;
}

export type ProbeHandler = (request: Request, info?: { clientAddress?: string }) => Promise<Response>;

const MAX_BODY = 4096;
/** Largest JSON answer sent; a hostile server's flight (256 KiB read) must not become megabytes. */
export const MAX_ANSWER_BYTES = 512 * 1024;
const SERVERNAME = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?$/;
const SYNTAX_REFUSALS: TargetRefusal['kind'][] = [
  'EmptyHost',
  'TooLong',
  'UserinfoNotAllowed',
  'ZoneIdNotAllowed',
  'InvalidHost',
  'InvalidPort',
  'UnparsableAddress',
];

function json(status: number, body: unknown, headers: Record<string, string> = {}, text = JSON.stringify(body, null, 2)): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

const badRequest = (message: string) => json(400, { error: { kind: 'BadRequest', message } });
const EXAMPLE = 'Expected {"host": "example.com", "port": 443} (port and servername optional).';

/** What the route takes beyond the target: the opt-in live revocation check, and one backend address. */
type Extras = { revocation: boolean };
type Parsed = { ok: true; value: ProbeRequest; extras: Extras } | { ok: false; response: Response };

function extras(revocation: unknown, ip: unknown, value: ProbeRequest): Parsed {
  if (revocation !== undefined && revocation !== null && typeof revocation !== 'boolean' && revocation !== '1' && revocation !== '0') {
    return { ok: false, response: badRequest(`"revocation" is ${JSON.stringify(revocation)}; expected true or false.`) };
  }
  if (ip !== undefined && ip !== null && ip !== '') {
    if (typeof ip !== 'string' || ip.length > 64)
      return { ok: false, response: badRequest(`"ip" is ${JSON.stringify(ip)}; expected an IPv4 or IPv6 address.`) };
    // The engine judges it with the same address rules as a resolved name (private addresses refused).
    value.ip = ip.replace(/^\[(.*)\]$/, '$1');
  }
  return { ok: true, value, extras: { revocation: revocation === true || revocation === '1' } };
}

function fields(host: unknown, port: unknown, servername: unknown, starttls?: unknown): { ok: true; value: ProbeRequest } | { ok: false; response: Response } {
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
  if (starttls !== undefined && starttls !== null && starttls !== '') {
    if (!isUpgradeChoice(starttls)) {
      return { ok: false, response: badRequest(`"starttls" is ${JSON.stringify(starttls)}; expected one of: ${UPGRADE_CHOICES.join(', ')}.`) };
    }
    value.starttls = starttls;
  }
  return { ok: true, value };
}

/** The body as text, or undefined past `max` bytes (stops reading there: no unbounded buffering). */
export async function readCapped(request: Request, max: number): Promise<string | undefined> {
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

/** Why the request comes from another site, or undefined when it comes from ours (or from no browser). */
export function crossSite(request: Request): string | undefined {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return `the browser marked it Sec-Fetch-Site: ${site}`;
  const origin = request.headers.get('origin');
  if (origin === null) return undefined;
  // Compare hosts, not schemes: behind a TLS-terminating proxy the request URL says http.
  const own = request.headers.get('host') ?? new URL(request.url).host;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  return host === own ? undefined : `it comes from the page ${origin}, not from ${own}`;
}

const isJson = (request: Request) => /^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '');

async function readRequest(request: Request): Promise<Parsed> {
  const foreign = crossSite(request);
  if (foreign) {
    return {
      ok: false,
      response: json(403, {
        error: {
          kind: 'CrossSite',
          message: `Probes start only from this site's own pages; this request was refused because ${foreign}. Open the probe page and run it there.`,
        },
      }),
    };
  }
  if (request.method === 'GET') {
    const q = new URL(request.url).searchParams;
    const f = fields(q.get('host'), q.get('port') ?? undefined, q.get('servername') ?? undefined, q.get('starttls') ?? undefined);
    return f.ok ? extras(q.get('revocation') ?? undefined, q.get('ip') ?? undefined, f.value) : f;
  }
  if (request.method !== 'POST') {
    return {
      ok: false,
      response: json(
        405,
        { error: { kind: 'MethodNotAllowed', message: `${request.method} is not supported; use POST with JSON or GET with ?host=.` } },
        { allow: 'GET, POST' },
      ),
    };
  }
  if (!isJson(request)) {
    return {
      ok: false,
      response: json(415, {
        error: {
          kind: 'UnsupportedMediaType',
          message: `The body must be sent as Content-Type: application/json (received ${JSON.stringify(request.headers.get('content-type') ?? 'none')}). ${EXAMPLE}`,
        },
      }),
    };
  }
  const text = await readCapped(request, MAX_BODY);
  if (text === undefined)
    return { ok: false, response: json(413, { error: { kind: 'BodyTooLarge', message: `The body is larger than ${MAX_BODY} bytes. ${EXAMPLE}` } }) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { ok: false, response: badRequest(`The body is not valid JSON (${(e as Error).message}). ${EXAMPLE}`) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, response: badRequest(`The body must be a JSON object. ${EXAMPLE}`) };
  const b = body as Record<string, unknown>;
  const f = fields(b.host, b.port, b.servername, b.starttls);
  return f.ok ? extras(b.revocation, b.ip, f.value) : f;
}

/** How long a Redis slot outlives a crashed instance: twice a probe's budget plus 5 s. */
export const slotTtlMs = (config: ProbeConfig) => 2 * config.limits.budgetMs + 5000;

/** The shared limit store did not answer (its log line says why): refuse rather than run unlimited. */
const unavailable = () =>
  json(
    503,
    { error: { kind: 'LimiterUnavailable', message: 'The probe cannot check its rate limits right now, so it does not run; try again in a few seconds.' } },
    { 'retry-after': '5' },
  );

export function createProbeHandler(options: ProbeHandlerOptions = {}): ProbeHandler {
  const config = options.config ?? probeConfigFromEnv(process.env);
  const now = options.now ?? Date.now;
  const maxAnswer = options.maxAnswerBytes ?? MAX_ANSWER_BYTES;
  const limits =
    options.limits ??
    (config.redisUrl
      ? redisLimitStore({
          url: config.redisUrl,
          rateLimit: config.rateLimit,
          rateWindowMs: config.rateWindowMs,
          maxConcurrent: config.maxConcurrent,
          maxPerClient: config.maxPerClient,
          slotTtlMs: slotTtlMs(config),
        })
      : memoryLimitStore(new ProbeSlots(config.maxConcurrent, config.maxPerClient), new RateLimiter(config.rateLimit, config.rateWindowMs, now)));
  // Each probe looks up its target and at most a few AIA hosts: four lookups per slot.
  const shared = options.resolver
    ? undefined
    : dnsResolver({ timeoutMs: config.limits.dnsTimeoutMs, maxInFlight: 4 * config.maxConcurrent, maxPerClient: 4 * config.maxPerClient });

  return async (request, info) => {
    const parsed = await readRequest(request);
    if (!parsed.ok) return parsed.response;
    const key = clientKey(clientAddress(info?.clientAddress, request.headers.get('x-forwarded-for'), config.trustedHops) ?? 'unknown-client');
    let slot: SlotDecision;
    try {
      slot = await limits.acquire(key);
    } catch (e) {
      if (e instanceof LimitStoreUnavailable) return unavailable();
      throw e;
    }
    if (!slot.ok) {
      return slot.scope === 'client'
        ? json(
            429,
            { error: { kind: 'TooManyAtOnce', message: `You already have ${slot.max} probes running; wait for them to finish, then try again.` } },
            { 'retry-after': '5' },
          )
        : json(503, { error: { kind: 'Busy', message: `${slot.max} probes are already running; try again in a few seconds.` } }, { 'retry-after': '2' });
    }
    try {
      let decision: RateDecision;
      try {
        decision = await limits.take(key);
      } catch (e) {
        if (e instanceof LimitStoreUnavailable) return unavailable();
        throw e;
      }
      if (!decision.allowed) {
        return json(
          429,
          {
            error: {
              kind: 'RateLimited',
              message: `Too many probes from your address; at most ${config.rateLimit} every ${config.rateWindowMs / 1000} s. Try again in ${decision.retryAfterSeconds} s.`,
            },
          },
          { 'retry-after': String(decision.retryAfterSeconds) },
        );
      }
      const started = performance.now();
      const resolver = options.resolver ?? shared!.forClient(key);
      const outcome = await probe(parsed.value, { policy: config.policy, limits: config.limits, resolver });
      if (!outcome.ok && outcome.error.kind === 'Refused') {
        const r = outcome.error.refusal;
        return json(SYNTAX_REFUSALS.includes(r.kind) ? 400 : 403, { error: { kind: 'Refused', message: describeRefusal(r), detail: r } });
      }
      // AIA fetches get what is left of the probe's budget.
      const left = Math.max(0, Math.floor(config.limits.budgetMs - (performance.now() - started)));
      const aiaFetcher = probeAiaFetcher({ policy: config.policy, resolver, totalMs: left, timeoutMs: Math.min(10_000, left) });
      // The live revocation check (opt-in) ends with the probe's budget too; same policy and resolver.
      const liveRevocation = parsed.extras.revocation
        ? { policy: config.policy, resolver, timeoutMs: Math.min(10_000, left), deadline: started + config.limits.budgetMs }
        : undefined;
      const result = await analyseProbe(outcome, now(), globalThis.crypto.subtle, { aiaFetcher, ...(liveRevocation ? { liveRevocation } : {}) });
      if (!result) return json(502, { target: parsed.value, error: outcome.ok ? undefined : errorJson(outcome.error) });
      const text = JSON.stringify(result, null, 2);
      if (text.length > maxAnswer) {
        return json(502, {
          target: parsed.value,
          error: {
            kind: 'AnswerTooLarge',
            message: `The report on this server would be ${text.length} characters; at most ${maxAnswer} are sent. The server sent an unusually large handshake (${outcome.report?.presented.length ?? 0} certificates).`,
          },
        });
      }
      return json(200, undefined, {}, text);
    } finally {
      slot.release();
    }
  };
}
