/**
 * The probe's per-client limits shared through Redis (issue 18): every instance that points
 * at the same Redis counts a client's probes and running slots together. The total number of
 * probes at once stays per process (it protects this process's CPU and sockets).
 *
 * - Rate: one counter per client, INCR and PEXPIRE in one Lua script (atomic); the window
 *   starts at the client's first probe and lasts `windowMs`.
 * - Slots: one sorted set per client, a member per running probe scored with its expiry time
 *   (Redis's clock). A probe's slot is removed when it ends; if the instance crashes first,
 *   the slot expires after `slotTtlMs`, so a crash cannot hold a client's slots for ever.
 *
 * Fails closed: when Redis does not answer within `commandTimeoutMs` (or is not connected),
 * `acquire` and `take` reject with LimitStoreUnavailable and the handler answers 503.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { LimitStoreUnavailable, type LimitStore } from './limit-store.ts';
import { ProbeSlots, type RateDecision, type SlotDecision } from './rate-limit.ts';

const RATE_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
if n > tonumber(ARGV[1]) then return {0, ttl} end
return {1, ttl}`;

const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

export interface RedisLimitStoreOptions {
  url: string;
  rateLimit: number;
  rateWindowMs: number;
  maxConcurrent: number;
  maxPerClient: number;
  /** How long a slot outlives a crashed instance. */
  slotTtlMs: number;
  /** Most time one Redis command may take before the probe is refused (default 1000). */
  commandTimeoutMs?: number;
  /** Prefix of every key (default "certlab:probe:"). */
  prefix?: string;
  /** Where failures are reported, at most one line per 10 s (default console.error). */
  log?: (line: string) => void;
}

export function redisLimitStore(options: RedisLimitStoreOptions): LimitStore {
  const prefix = options.prefix ?? 'certlab:probe:';
  const timeoutMs = options.commandTimeoutMs ?? 1000;
  const write = options.log ?? ((line: string) => console.error(line));
  let lastLog = -Infinity;
  let quiet = 0;
  const log = (what: string, e: unknown) => {
    const t = performance.now();
    if (t - lastLog < 10_000) {
      quiet++;
      return;
    }
    lastLog = t;
    write(`certlab probe: Redis limit store: ${what}: ${e instanceof Error ? e.message : String(e)}${quiet ? ` (${quiet} more since the last line)` : ''}`);
    quiet = 0;
  };

  const client = createClient({
    url: options.url,
    // Commands while disconnected fail at once instead of waiting in a queue: the probe is refused.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
  });
  client.on('error', (e: unknown) => log('connection', e));
  void client.connect().catch((e: unknown) => log('connect', e));
  // Before the first connection and while reconnecting, a command waits (within its timeout) for the client to be ready.
  let readyWait: Promise<void> | undefined;
  client.on('ready', () => {
    readyWait = undefined;
  });
  const whenReady = () => (client.isReady ? Promise.resolve() : (readyWait ??= new Promise<void>((resolve) => client.once('ready', () => resolve()))));
  const local = new ProbeSlots(options.maxConcurrent, options.maxConcurrent);

  async function call(what: string, script: string, keys: string[], args: string[]): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gaveUp = false;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    // A request refused for lack of Redis must not be counted once Redis comes back: no script after giving up.
    const run = whenReady().then(() => (gaveUp ? undefined : client.eval(script, { keys, arguments: args })));
    run.catch(() => {}); // after a timeout its own failure has nobody to tell
    try {
      return await Promise.race([run, late]);
    } catch (e) {
      log(what, e);
      throw new LimitStoreUnavailable(`the shared limit store (Redis) did not answer ${what}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async acquire(key: string): Promise<SlotDecision> {
      const here = local.acquire(key);
      if (!here.ok) return here;
      const slots = `${prefix}slots:${key}`;
      const token = randomUUID();
      let got: unknown;
      try {
        got = await call('a slot', ACQUIRE_SCRIPT, [slots], [String(options.maxPerClient), String(options.slotTtlMs), token]);
      } catch (e) {
        here.release();
        // A script that timed out may still run once Redis answers: take its slot back (sent after it on the same connection).
        if (client.isReady) client.zRem(slots, token).catch(() => {});
        throw e;
      }
      if (got !== 1) {
        here.release();
        return { ok: false, scope: 'client', max: options.maxPerClient };
      }
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          here.release();
          // If this fails the slot expires after slotTtlMs; the failure is logged.
          client.zRem(slots, token).catch((e: unknown) => log('release', e));
        },
      };
    },

    async take(key: string): Promise<RateDecision> {
      const reply = await call('the rate', RATE_SCRIPT, [`${prefix}rate:${key}`], [String(options.rateLimit), String(options.rateWindowMs)]);
      const [allowed, ttl] = reply as [number, number];
      return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    },

    async close(): Promise<void> {
      // While Redis is unreachable the client keeps reconnecting: destroy it rather than wait.
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}
