import { describe, expect, it } from 'vitest';
import { clientAddress, clientKey } from './client-key.ts';

describe('clientKey (issue 18: IPv4 /32, IPv6 /64)', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['[2001:DB8:0001:0002::5]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unparsed:not an address'],
  ])('%s -> %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
  it('every address of one /64 shares a key; the neighbouring /64 does not', () => {
    const keys = new Set(['2001:db8:1:2::1', '2001:db8:1:2:1::', '2001:db8:1:2:abcd:ef01:2345:6789'].map(clientKey));
    expect([...keys]).toEqual(['2001:db8:1:2::/64']);
    expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });
});

describe('clientAddress behind trusted proxies', () => {
  // client 203.0.113.50 -> proxy A (10.0.0.1) -> proxy B (10.0.0.2) -> us; the client forged "1.2.3.4".
  const xff = '1.2.3.4, 203.0.113.50, 10.0.0.1';
  it('no trusted hops: the socket peer, whatever the header says', () => {
    expect(clientAddress('10.0.0.2', xff, 0)).toBe('10.0.0.2');
  });
  it('one trusted hop: the address proxy B saw', () => {
    expect(clientAddress('10.0.0.2', xff, 1)).toBe('10.0.0.1');
  });
  it('two trusted hops: the address proxy A saw, never the forged first entry', () => {
    expect(clientAddress('10.0.0.2', xff, 2)).toBe('203.0.113.50');
  });
  it('a header shorter than the trusted hops (or none) falls back to the peer', () => {
    expect(clientAddress('10.0.0.2', '203.0.113.50', 2)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', null, 1)).toBe('10.0.0.2');
  });
});
