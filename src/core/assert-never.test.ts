import { describe, expect, it } from 'vitest';
import { assertNever } from './assert-never.ts';

describe('assertNever', () => {
  it('throws, naming what it received, for a value the types ruled out', () => {
    expect(() => assertNever('stale-cause' as never, 'cause')).toThrow(
      new Error('Unhandled cause: received "stale-cause"; every variant must have its own case.'),
    );
  });
});
