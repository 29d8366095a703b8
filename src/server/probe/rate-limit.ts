/**
 * Per-client rate limit (fixed window) and a cap on probes running at once. Both live in
 * this process's memory: with several instances, each enforces its own limits.
 */

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
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
    if (this.windows.size > 10_000) this.sweep(t);
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000)) };
    w.count++;
    return { allowed: true };
  }

  private sweep(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}

export class ConcurrencyCap {
  private running = 0;
  readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  get active(): number {
    return this.running;
  }

  /** Runs `task` if a slot is free; returns undefined (without running it) when all are taken. */
  async run<T>(task: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.running >= this.max) return undefined;
    this.running++;
    try {
      return { value: await task() };
    } finally {
      this.running--;
    }
  }
}
