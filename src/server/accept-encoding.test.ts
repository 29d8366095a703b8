import { describe, expect, it } from 'vitest';
import { chooseCoding, codingWeights } from './accept-encoding.ts';

describe('chooseCoding', () => {
  it('picks Brotli, then gzip, then the file as it is', () => {
    const cases = [
      undefined,
      '',
      'gzip, deflate, br, zstd', // Chromium
      'gzip, deflate', // an older client
      'br;q=0.5, gzip', // gzip weighed higher
      'br;q=0, gzip;q=0', // both refused
      'br;q=0', // Brotli refused, gzip never named
      '*', // anything
      '*;q=0.5, br;q=0', // anything but Brotli
      'x-gzip', // gzip's old name
      'identity', // only the file as it is
      'identity;q=1, br;q=0.5', // prefers the file as it is
      'deflate', // nothing this server makes
      'BR;Q=1.0', // case does not matter
      'br;q=0.001',
      'br;q=abc', // a weight that is not one counts as 1
    ];
    expect(cases.map((h) => [h, chooseCoding(h)])).toEqual([
      [undefined, 'identity'],
      ['', 'identity'],
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', 'identity'],
      ['br;q=0', 'identity'],
      ['*', 'br'],
      ['*;q=0.5, br;q=0', 'gzip'],
      ['x-gzip', 'gzip'],
      ['identity', 'identity'],
      ['identity;q=1, br;q=0.5', 'identity'],
      ['deflate', 'identity'],
      ['BR;Q=1.0', 'br'],
      ['br;q=0.001', 'br'],
      ['br;q=abc', 'br'],
    ]);
  });

  it('reads each coding with its weight', () => {
    expect([...codingWeights('gzip;q=0.8, br , *;q=0, gzip;q=0.2, deflate ; q = 0.5')]).toEqual([
      ['gzip', 0.8],
      ['br', 1],
      ['*', 0],
      ['deflate', 0.5],
    ]);
  });
});
