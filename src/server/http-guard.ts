/**
 * The site's HTTP server with limits sized for the job (issue 18). Node's defaults hold a
 * request that sent its headers but never its body for 300 s, and accept connections until
 * file descriptors run out; here:
 *
 * - headers must arrive within `headersTimeoutMs`, the whole request (body included) within
 *   `requestTimeoutMs` (Node answers 408 and closes), idle keep-alive connections close after
 *   `keepAliveTimeoutMs`; the timers are checked every second, not Node's default 30 s;
 * - at most `maxConnections` connections in all (Node closes extra ones at accept) and
 *   `maxConnectionsPerClient` per client (IPv4 address or IPv6 /64, see client-key.ts); with
 *   a reverse proxy in front every connection comes from the proxy, so set it to 0 (off) there
 *   and let the proxy cap connections per client;
 * - every response carries the security headers (security-headers.ts);
 * - a request the client aborts is logged as one line, at most one such line a second.
 */
import { type IncomingMessage, type RequestListener, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from './client-key.ts';

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** 0 = no per-client cap (behind a reverse proxy). */
  maxConnectionsPerClient: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
  maxConnectionsPerClient: 32,
};

/** Each variable, its default and meaning (the README table is written from this list). */
export const SERVER_ENV_VARS = {
  CERTLAB_SERVER_HEADERS_TIMEOUT_MS: "10000 — a request's headers must arrive within this time (408 and close otherwise)",
  CERTLAB_SERVER_REQUEST_TIMEOUT_MS: '15000 — the whole request, body included, must arrive within this time',
  CERTLAB_SERVER_MAX_CONNECTIONS: '1024 — open connections in all; more are closed at once',
  CERTLAB_SERVER_MAX_CONNECTIONS_PER_CLIENT: '32 — open connections per client address (IPv6: per /64); 0 turns the cap off (behind a reverse proxy)',
  CERTLAB_SERVER_COMPRESSION: 'on — text files of the site go with Brotli or gzip as the browser accepts; off behind a proxy that compresses (static-files.ts)',
} as const;

export class ServerConfigError extends Error {}

function int(env: Record<string, string | undefined>, name: keyof typeof SERVER_ENV_VARS, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ServerConfigError(`${name}="${raw}" is not valid: expected a whole number from ${min} to ${max}.`);
  return n;
}

export function serverLimitsFromEnv(env: Record<string, string | undefined>): ServerLimits {
  const headersTimeoutMs = int(env, 'CERTLAB_SERVER_HEADERS_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.headersTimeoutMs, 1000, 120_000);
  const requestTimeoutMs = int(env, 'CERTLAB_SERVER_REQUEST_TIMEOUT_MS', DEFAULT_SERVER_LIMITS.requestTimeoutMs, 1000, 300_000);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ServerConfigError(
      `CERTLAB_SERVER_REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must not be shorter than CERTLAB_SERVER_HEADERS_TIMEOUT_MS (${headersTimeoutMs}).`,
    );
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs,
    maxConnections: int(env, 'CERTLAB_SERVER_MAX_CONNECTIONS', DEFAULT_SERVER_LIMITS.maxConnections, 1, 1_000_000),
    maxConnectionsPerClient: int(env, 'CERTLAB_SERVER_MAX_CONNECTIONS_PER_CLIENT', DEFAULT_SERVER_LIMITS.maxConnectionsPerClient, 0, 1_000_000),
  };
}

export interface GuardOptions {
  limits: ServerLimits;
  /** Headers set on every response before the listener runs (it may override them). */
  headers?: (req: IncomingMessage) => Record<string, string>;
  /** Where the one-line notices go (default console.warn). */
  log?: (line: string) => void;
  now?: () => number;
}

/** Counts open connections per client key; refuses past the cap. O(1) per connection. */
class ConnectionCounter {
  private readonly open = new Map<string, number>();
  private readonly max: number;
  constructor(max: number) {
    this.max = max;
  }

  admit(key: string): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= this.max) return false;
    this.open.set(key, n + 1);
    return true;
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
  }
}

/** At most one line per interval; the next line says how many were dropped. */
export function throttledLog(log: (line: string) => void, intervalMs: number, now: () => number): (line: string) => void {
  let last = -Infinity;
  let dropped = 0;
  return (line) => {
    const t = now();
    if (t - last < intervalMs) {
      dropped++;
      return;
    }
    last = t;
    log(dropped ? `${line} (${dropped} similar lines suppressed)` : line);
    dropped = 0;
  };
}

export function createGuardedServer(listener: RequestListener, options: GuardOptions): Server {
  const { limits } = options;
  const notice = throttledLog(options.log ?? ((l) => console.warn(l)), 1000, options.now ?? Date.now);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: 1000,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      if (options.headers) for (const [k, v] of Object.entries(options.headers(req))) res.setHeader(k, v);
      res.on('close', () => {
        if (!res.writableFinished) notice(`[certlab] ${req.method} ${req.url?.slice(0, 200)} aborted by the client before the answer was sent`);
      });
      listener(req, res);
    },
  );
  server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerClient > 0) {
    const counter = new ConnectionCounter(limits.maxConnectionsPerClient);
    server.on('connection', (socket: Socket) => {
      const key = clientKey(socket.remoteAddress ?? 'unknown');
      if (!counter.admit(key)) {
        socket.destroy();
        notice(`[certlab] connection from ${key} refused: it already has ${limits.maxConnectionsPerClient} open`);
        return;
      }
      socket.once('close', () => counter.release(key));
    });
  }
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Node's default answer (400, or 408 for a timeout) without a stack trace in the log.
    if (!socket.writable) return void socket.destroy();
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return server;
}
