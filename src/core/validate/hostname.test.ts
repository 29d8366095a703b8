import { describe, expect, it } from 'vitest';
import { dnsNameMatches, peerName } from './hostname.ts';
import { ipBytes, ipInSubnet, parseMask } from '../net/ip.ts';

describe('dnsNameMatches (RFC 6125 / CA/B Forum)', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['EXAMPLE.com', 'example.COM', true],
    ['example.com.', 'example.com', true],
    ['example.com', 'www.example.com', false],
    ['*.example.com', 'www.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.com', 'example.com', false],
    ['f*.example.com', 'foo.example.com', false],
    ['*oo.example.com', 'foo.example.com', false],
    ['www.*.example.com', 'www.foo.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['', 'example.com', false],
  ])('%s vs %s → %s', (presented, reference, want) => {
    expect(dnsNameMatches(presented, reference)).toBe(want);
  });
});

describe('IP addresses', () => {
  it('normalises IPv6 text', () => {
    expect(ipBytes('::1')).toEqual(ipBytes('0:0:0:0:0:0:0:1'));
    expect(ipBytes('2001:db8::1')).toEqual(ipBytes('2001:0db8:0000:0000:0000:0000:0000:0001'));
    expect(ipBytes('::ffff:192.0.2.1')).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]));
    expect(ipBytes('[::1]')).toEqual(ipBytes('::1'));
  });
  it('rejects what is not an address', () => {
    for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', 'example.com', '1:2:3:4:5:6:7']) {
      expect(ipBytes(bad)).toBeUndefined();
    }
  });
  it('checks subnets with prefix or dotted masks', () => {
    const a = ipBytes('192.0.2.77')!;
    expect(ipInSubnet(a, ipBytes('192.0.2.0')!, parseMask('24', 4)!)).toBe(true);
    expect(ipInSubnet(a, ipBytes('192.0.3.0')!, parseMask('255.255.255.0', 4)!)).toBe(false);
    expect(ipInSubnet(ipBytes('::1')!, ipBytes('::')!, parseMask('127', 16)!)).toBe(true);
    expect(ipInSubnet(a, ipBytes('::')!, parseMask('0', 16)!)).toBe(false);
  });
  it('tells IP literals from DNS names', () => {
    expect(peerName('127.0.0.1')).toEqual({ kind: 'ip', value: '127.0.0.1' });
    expect(peerName('[::1]')).toEqual({ kind: 'ip', value: '::1' });
    expect(peerName('example.com')).toEqual({ kind: 'dns', value: 'example.com' });
  });
});

describe('partial wildcards (the openssl profile: X509_check_host without NO_PARTIAL_WILDCARDS; issue #16)', () => {
  it('match only when asked for, only in the left-most label, never an xn-- label', () => {
    const cases: [string, string][] = [
      ['f*.example.com', 'foo.example.com'],
      ['*oo.example.com', 'foo.example.com'],
      ['f*o.example.com', 'fo.example.com'],
      ['f*.example.com', 'bar.example.com'],
      ['f*.example.com', 'foo.bar.example.com'],
      ['x*.example.com', 'xn--e1afmkfd.example.com'],
      ['f*.com', 'foo.com'],
      ['*.example.com', 'foo.example.com'],
    ];
    expect(cases.map(([p, r]) => [dnsNameMatches(p, r), dnsNameMatches(p, r, true)])).toEqual([
      [false, true],
      [false, true],
      [false, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [true, true],
    ]);
  });
});
