/**
 * Probe configuration from environment variables. Every variable is optional; the defaults
 * are the safe public-deployment values. Bad values are reported, not silently replaced.
 */
import { DEFAULT_PROBE_PORTS, type TargetPolicy } from '../../core/net/policy.ts';

export interface ProbeLimits {
  connectTimeoutMs: number;
  handshakeTimeoutMs: number;
  /** Most bytes read from the server before the probe gives up. */
  maxBytes: number;
  dnsTimeoutMs: number;
  /** One probe's whole time: DNS, connect, handshake and AIA fetches together. */
  budgetMs: number;
  /** The plain-text dialogue before TLS (STARTTLS and the like), from TCP connected to the server's go-ahead. */
  upgradeTimeoutMs: number;
}

export interface ProbeConfig {
  policy: TargetPolicy;
  limits: ProbeLimits;
  /** Probes per client per window. */
  rateLimit: number;
  rateWindowMs: number;
  /** Probes running at once in this process. */
  maxConcurrent: number;
  /** Probes running at once for one client (IPv4 address or IPv6 /64). */
  maxPerClient: number;
  /**
   * Reverse proxies in front that append to X-Forwarded-For; the client is the address the
   * outermost of them saw (see client-key.ts). 0: the socket peer is the client.
   */
  trustedHops: number;
  /** Redis shared by every instance for the per-client limits; undefined: this process's memory. */
  redisUrl?: string;
}

export const DEFAULT_LIMITS: ProbeLimits = {
  connectTimeoutMs: 5_000,
  handshakeTimeoutMs: 10_000,
  maxBytes: 256 * 1024,
  dnsTimeoutMs: 5_000,
  budgetMs: 15_000,
  upgradeTimeoutMs: 10_000,
};

/** Each variable, its default and meaning (the README table is written from this list). */
export const PROBE_ENV_VARS = {
  CERTLAB_PROBE_ALLOW_PRIVATE: '0 — set to 1 to allow loopback/private/link-local targets (local development and tests only)',
  CERTLAB_PROBE_PORTS: `${DEFAULT_PROBE_PORTS.join(',')} — comma-separated ports the probe may connect to, or * for any`,
  CERTLAB_PROBE_CONNECT_TIMEOUT_MS: '5000 — TCP connect timeout',
  CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: "10000 — TLS handshake timeout (from TCP connected to the server's last handshake message)",
  CERTLAB_PROBE_UPGRADE_TIMEOUT_MS:
    "10000 — the plain-text dialogue before TLS (SMTP/IMAP/POP3/FTP/XMPP STARTTLS, LDAP StartTLS, PostgreSQL and MySQL SSL requests), until the server's go-ahead",
  CERTLAB_PROBE_DNS_TIMEOUT_MS: '5000 — name resolution timeout (per DNS query, asked directly through c-ares)',
  CERTLAB_PROBE_BUDGET_MS: "15000 — one probe's whole time: DNS, connect, handshake and AIA fetches together",
  CERTLAB_PROBE_MAX_BYTES: '262144 — most bytes read from a server before the probe aborts',
  CERTLAB_PROBE_RATE_LIMIT: '10 — probes per client per window (429 with Retry-After beyond it)',
  CERTLAB_PROBE_RATE_WINDOW_S: '60 — rate-limit window in seconds',
  CERTLAB_PROBE_MAX_CONCURRENT: '8 — probes running at once per process (503 with Retry-After beyond it; not counted against the rate limit)',
  CERTLAB_PROBE_MAX_PER_CLIENT:
    '2 — probes running at once per client, IPv4 address or IPv6 /64 (429 TooManyAtOnce beyond it; not counted against the rate limit)',
  CERTLAB_PROBE_TRUSTED_HOPS:
    '0 — reverse proxies in front that append to X-Forwarded-For; the client is the address the outermost one saw (the N-th entry from the right)',
  CERTLAB_PROBE_TRUST_PROXY: '0 — 1 is the same as CERTLAB_PROBE_TRUSTED_HOPS=1 (kept for old configurations)',
  CERTLAB_REDIS_URL:
    'unset — redis:// or rediss:// URL of a Redis shared by every instance: the rate limit and the per-client slots then count across instances (unset: per process). If Redis does not answer within 1 s, probes are refused with 503 LimiterUnavailable and a log line (fail closed)',
} as const;

export class ProbeConfigError extends Error {}

function int(env: Record<string, string | undefined>, name: keyof typeof PROBE_ENV_VARS, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ProbeConfigError(`${name}="${raw}" is not valid: expected a whole number from ${min} to ${max}.`);
  }
  return n;
}

function flag(env: Record<string, string | undefined>, name: keyof typeof PROBE_ENV_VARS): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ProbeConfigError(`${name}="${raw}" is not valid: expected 1 or 0.`);
}

function ports(raw: string | undefined): TargetPolicy['ports'] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PROBE_PORTS;
  if (raw.trim() === '*') return 'any';
  const list = raw.split(',').map((p) => Number(p.trim()));
  if (list.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
    throw new ProbeConfigError(`CERTLAB_PROBE_PORTS="${raw}" is not valid: expected comma-separated ports (1-65535) or *.`);
  }
  return list;
}

function redisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    // The URL may hold a password: name the variable, not the value.
    throw new ProbeConfigError('CERTLAB_REDIS_URL is not valid: expected a URL such as redis://127.0.0.1:6379 or rediss://user:password@host:6380.');
  }
  return url.href;
}

export function probeConfigFromEnv(env: Record<string, string | undefined>): ProbeConfig {
  const redis = redisUrl(env.CERTLAB_REDIS_URL);
  return {
    policy: { allowPrivate: flag(env, 'CERTLAB_PROBE_ALLOW_PRIVATE'), ports: ports(env.CERTLAB_PROBE_PORTS) },
    limits: {
      connectTimeoutMs: int(env, 'CERTLAB_PROBE_CONNECT_TIMEOUT_MS', DEFAULT_LIMITS.connectTimeoutMs, 100, 60_000),
      handshakeTimeoutMs: int(env, 'CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS', DEFAULT_LIMITS.handshakeTimeoutMs, 100, 60_000),
      dnsTimeoutMs: int(env, 'CERTLAB_PROBE_DNS_TIMEOUT_MS', DEFAULT_LIMITS.dnsTimeoutMs, 100, 60_000),
      maxBytes: int(env, 'CERTLAB_PROBE_MAX_BYTES', DEFAULT_LIMITS.maxBytes, 16 * 1024, 1024 * 1024),
      budgetMs: int(env, 'CERTLAB_PROBE_BUDGET_MS', DEFAULT_LIMITS.budgetMs, 1000, 120_000),
      upgradeTimeoutMs: int(env, 'CERTLAB_PROBE_UPGRADE_TIMEOUT_MS', DEFAULT_LIMITS.upgradeTimeoutMs, 100, 60_000),
    },
    rateLimit: int(env, 'CERTLAB_PROBE_RATE_LIMIT', 10, 1, 100_000),
    rateWindowMs: int(env, 'CERTLAB_PROBE_RATE_WINDOW_S', 60, 1, 86_400) * 1000,
    maxConcurrent: int(env, 'CERTLAB_PROBE_MAX_CONCURRENT', 8, 1, 1000),
    maxPerClient: int(env, 'CERTLAB_PROBE_MAX_PER_CLIENT', 2, 1, 1000),
    trustedHops: Math.max(int(env, 'CERTLAB_PROBE_TRUSTED_HOPS', 0, 0, 10), flag(env, 'CERTLAB_PROBE_TRUST_PROXY') ? 1 : 0),
    ...(redis ? { redisUrl: redis } : {}),
  };
}
