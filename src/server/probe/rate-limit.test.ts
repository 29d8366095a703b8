import { describe, expect, it } from 'vitest';
import { ProbeSlots, RateLimiter } from './rate-limit.ts';

describe('RateLimiter (issue 18: O(1) per request at any number of clients)', () => {
  it('counts per key within a clock-aligned window and forgets every key when it ends', () => {
    let t = 120_000; // the start of a 60 s window
    const rate = new RateLimiter(2, 60_000, () => t);
    for (let i = 0; i < 50_000; i++) rate.take(`client-${i}`);
    expect(rate.size).toBe(50_000);
    expect([rate.take('a'), rate.take('a'), rate.take('a')]).toEqual([{ allowed: true }, { allowed: true }, { allowed: false, retryAfterSeconds: 60 }]);
    t += 59_500;
    expect(rate.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    t += 500;
    expect(rate.take('a')).toEqual({ allowed: true });
    expect(rate.size).toBe(1);
  });
});

describe('ProbeSlots', () => {
  it('caps per client and in total; a release frees exactly one place, once', () => {
    const slots = new ProbeSlots(3, 2);
    const a1 = slots.acquire('a');
    const a2 = slots.acquire('a');
    expect(slots.acquire('a')).toEqual({ ok: false, scope: 'client', max: 2 });
    const b1 = slots.acquire('b');
    expect(slots.acquire('c')).toEqual({ ok: false, scope: 'total', max: 3 });
    expect([a1.ok, a2.ok, b1.ok, slots.active]).toEqual([true, true, true, 3]);
    if (a1.ok) {
      a1.release();
      a1.release();
    }
    expect(slots.active).toBe(2);
    expect(slots.acquire('a').ok).toBe(true);
    expect(slots.acquire('a')).toEqual({ ok: false, scope: 'client', max: 2 });
  });
});
