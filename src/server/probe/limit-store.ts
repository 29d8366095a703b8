/**
 * Where the probe's per-client limits live (issue 18). In this process's memory by default;
 * with CERTLAB_REDIS_URL, in Redis (redis-limit-store.ts), so N instances give a client the
 * rate limit and the per-client slots once, not N times.
 */
import { ProbeSlots, RateLimiter, type RateDecision, type SlotDecision } from './rate-limit.ts';

export interface LimitStore {
  /** A probe slot: at most `max` at once in this process, at most `maxPerClient` for one client. */
  acquire(key: string): Promise<SlotDecision>;
  /** Counts one probe against the client's rate. */
  take(key: string): Promise<RateDecision>;
  close(): Promise<void>;
}

/** The store could not answer (Redis unreachable or too slow): the probe is refused, not run unlimited. */
export class LimitStoreUnavailable extends Error {
  override name = 'LimitStoreUnavailable';
}

export function memoryLimitStore(slots: ProbeSlots, rate: RateLimiter): LimitStore {
  return {
    acquire: async (key) => slots.acquire(key),
    take: async (key) => rate.take(key),
    close: async () => {},
  };
}
