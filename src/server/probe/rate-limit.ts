/**
 * Per-client rate limit and probe slots in this process's memory: with several instances,
 * each enforces its own limits unless CERTLAB_REDIS_URL shares them (redis-limit-store.ts).
 * Clients are keys from client-key.ts (IPv4 address, IPv6 /64).
 */

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed windows aligned on the clock (t / windowMs): one map of counts for the current
 * window, replaced whole when the window ends. O(1) per request at any number of clients
 * (issue 18: the old per-client windows swept every entry once 10,000 clients were seen).
 */
export class RateLimiter {
  private counts = new Map<string, number>();
  private window = -1;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.now = now;
  }

  take(key: string): RateDecision {
    const t = this.now();
    const w = Math.floor(t / this.windowMs);
    if (w !== this.window) {
      this.window = w;
      this.counts = new Map();
    }
    const n = this.counts.get(key) ?? 0;
    if (n >= this.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((w + 1) * this.windowMs - t) / 1000)) };
    this.counts.set(key, n + 1);
    return { allowed: true };
  }

  /** Clients counted in the current window (for tests and monitoring). */
  get size(): number {
    return this.counts.size;
  }
}

export type SlotDecision = { ok: true; release: () => void } | { ok: false; scope: 'total' | 'client'; max: number };

/**
 * Probe slots: at most `max` probes at once, at most `maxPerClient` of them for one client, so
 * one client's probes to silent servers cannot take every slot (issue 18).
 */
export class ProbeSlots {
  private running = 0;
  private readonly perClient = new Map<string, number>();
  readonly max: number;
  readonly maxPerClient: number;

  constructor(max: number, maxPerClient: number) {
    this.max = max;
    this.maxPerClient = maxPerClient;
  }

  get active(): number {
    return this.running;
  }

  acquire(key: string): SlotDecision {
    const mine = this.perClient.get(key) ?? 0;
    if (mine >= this.maxPerClient) return { ok: false, scope: 'client', max: this.maxPerClient };
    if (this.running >= this.max) return { ok: false, scope: 'total', max: this.max };
    this.running++;
    this.perClient.set(key, mine + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.perClient.get(key) ?? 1) - 1;
        if (left <= 0) this.perClient.delete(key);
        else this.perClient.set(key, left);
      },
    };
  }
}
