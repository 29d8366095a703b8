/**
 * Target spellings the public probe must refuse, each with the refusal it must give.
 * Shared by the core policy test (what is refused, and why) and the engine/handler tests
 * (refused before any connection reaches a listener on loopback).
 */
export interface ForbiddenCase {
  input: string;
  /** Refusal kind, and for ForbiddenAddress the range id and, if embedded, how. */
  kind: string;
  range?: string;
  embedding?: string;
}

const loop = (input: string, embedding?: string): ForbiddenCase =>
  embedding ? { input, kind: 'ForbiddenAddress', range: 'loopback', embedding } : { input, kind: 'ForbiddenAddress', range: 'loopback' };

export const FORBIDDEN_TARGETS: ForbiddenCase[] = [
  // Loopback, every spelling of 127.0.0.1
  loop('127.0.0.1'),
  loop('127.0.0.1:443'),
  loop('127.1'),
  loop('127.0.1'),
  loop('2130706433'),
  loop('0x7f000001'),
  loop('0x7f.1'),
  loop('0x7F.0x0.0x0.0x1'),
  loop('0177.0.0.1'),
  loop('0177.1'),
  loop('017700000001'),
  loop('127.0.0.1.'),
  loop('127.000.000.001'),
  loop('127.255.255.254'),
  loop('%31%32%37.0.0.1'),
  loop('１２７.０.０.１'),
  loop('127。0。0。1'),
  loop('https://127.0.0.1/'),
  loop('https://127.0.0.1:443/path?q=1#frag'),
  loop('HTTPS://0x7f.1'),
  loop('ldaps://127.0.0.1'),
  loop('  127.0.0.1  '),
  loop('::1'),
  loop('[::1]'),
  loop('[::1]:443'),
  loop('[0:0:0:0:0:0:0:1]'),
  loop('0000:0000:0000:0000:0000:0000:0000:0001'),
  loop('[::ffff:127.0.0.1]', 'ipv4-mapped'),
  loop('::ffff:7f00:1', 'ipv4-mapped'),
  loop('[::ffff:0x7f.1]'.replace('0x7f.1', '127.0.0.1'), 'ipv4-mapped'),
  loop('[::127.0.0.1]', 'ipv4-compatible'),
  loop('[64:ff9b::127.0.0.1]', 'nat64'),
  loop('[64:ff9b::7f00:1]', 'nat64'),
  loop('[2002:7f00:1::]', '6to4'),
  loop('[2001:0:7f00:1::]', 'teredo-server'),
  // Names that always mean this machine
  { input: 'localhost', kind: 'ForbiddenName' },
  { input: 'LOCALHOST.', kind: 'ForbiddenName' },
  { input: 'api.localhost', kind: 'ForbiddenName' },
  { input: 'https://localhost:443/', kind: 'ForbiddenName' },
  // Private, link-local, metadata, CGNAT
  { input: '10.0.0.1', kind: 'ForbiddenAddress', range: 'private' },
  { input: '10.1', kind: 'ForbiddenAddress', range: 'private' },
  { input: '167772161', kind: 'ForbiddenAddress', range: 'private' },
  { input: '172.16.0.1', kind: 'ForbiddenAddress', range: 'private' },
  { input: '172.31.255.255', kind: 'ForbiddenAddress', range: 'private' },
  { input: '192.168.1.1', kind: 'ForbiddenAddress', range: 'private' },
  { input: '0xc0.0xa8.1.1', kind: 'ForbiddenAddress', range: 'private' },
  { input: '169.254.169.254', kind: 'ForbiddenAddress', range: 'cloud-metadata' },
  { input: '0xa9fea9fe', kind: 'ForbiddenAddress', range: 'cloud-metadata' },
  { input: '2852039166', kind: 'ForbiddenAddress', range: 'cloud-metadata' },
  { input: '[::ffff:169.254.169.254]', kind: 'ForbiddenAddress', range: 'cloud-metadata', embedding: 'ipv4-mapped' },
  { input: '[64:ff9b::a9fe:a9fe]', kind: 'ForbiddenAddress', range: 'cloud-metadata', embedding: 'nat64' },
  { input: '169.254.1.1', kind: 'ForbiddenAddress', range: 'link-local' },
  { input: '100.64.0.1', kind: 'ForbiddenAddress', range: 'cgnat' },
  { input: '100.127.255.254', kind: 'ForbiddenAddress', range: 'cgnat' },
  { input: '[::ffff:10.0.0.1]', kind: 'ForbiddenAddress', range: 'private', embedding: 'ipv4-mapped' },
  { input: '[::ffff:192.168.0.1]:8443', kind: 'ForbiddenAddress', range: 'private', embedding: 'ipv4-mapped' },
  { input: '[2002:c0a8:101::1]', kind: 'ForbiddenAddress', range: 'private', embedding: '6to4' },
  { input: '[2001:0:4136:e378:8000:63bf:f5ff:fffe]', kind: 'ForbiddenAddress', range: 'private', embedding: 'teredo-client' },
  // Unspecified, broadcast, multicast, reserved, documentation, benchmarking
  { input: '0.0.0.0', kind: 'ForbiddenAddress', range: 'this-network' },
  { input: '0', kind: 'ForbiddenAddress', range: 'this-network' },
  { input: '0.1.2.3', kind: 'ForbiddenAddress', range: 'this-network' },
  { input: '255.255.255.255', kind: 'ForbiddenAddress', range: 'broadcast' },
  { input: '4294967295', kind: 'ForbiddenAddress', range: 'broadcast' },
  { input: '224.0.0.1', kind: 'ForbiddenAddress', range: 'multicast' },
  { input: '239.255.255.250', kind: 'ForbiddenAddress', range: 'multicast' },
  { input: '240.0.0.1', kind: 'ForbiddenAddress', range: 'reserved' },
  { input: '192.0.2.1', kind: 'ForbiddenAddress', range: 'documentation' },
  { input: '198.18.0.1', kind: 'ForbiddenAddress', range: 'benchmarking' },
  { input: '192.0.0.8', kind: 'ForbiddenAddress', range: 'ietf-protocol' },
  { input: '::', kind: 'ForbiddenAddress', range: 'unspecified' },
  { input: '[::]:443', kind: 'ForbiddenAddress', range: 'unspecified' },
  // IPv6 private and special
  { input: '[fc00::1]', kind: 'ForbiddenAddress', range: 'unique-local' },
  { input: 'fd12:3456:789a::1', kind: 'ForbiddenAddress', range: 'unique-local' },
  { input: '[fe80::1]', kind: 'ForbiddenAddress', range: 'link-local' },
  { input: '[FE80::A:B:C:D]', kind: 'ForbiddenAddress', range: 'link-local' },
  { input: '[fec0::1]', kind: 'ForbiddenAddress', range: 'site-local' },
  { input: '[ff02::1]', kind: 'ForbiddenAddress', range: 'multicast' },
  { input: '[64:ff9b:1::1]', kind: 'ForbiddenAddress', range: 'nat64-local' },
  { input: '[2001:db8::1]', kind: 'ForbiddenAddress', range: 'documentation' },
  { input: '[100::1]', kind: 'ForbiddenAddress', range: 'discard-only' },
  { input: '[::abcd:1.2.3.4]', kind: 'ForbiddenAddress', range: 'not-global-unicast' },
  // Spellings refused as such
  { input: 'a@127.0.0.1', kind: 'UserinfoNotAllowed' },
  { input: 'https://user:pw@127.0.0.1/', kind: 'UserinfoNotAllowed' },
  { input: 'example.com@127.0.0.1', kind: 'UserinfoNotAllowed' },
  { input: '[fe80::1%25eth0]', kind: 'ZoneIdNotAllowed' },
  { input: 'fe80::1%eth0', kind: 'ZoneIdNotAllowed' },
  { input: '[::1%lo]:443', kind: 'ZoneIdNotAllowed' },
  { input: '1.2.3.4.5', kind: 'InvalidHost' },
  { input: '127.0.0.256', kind: 'InvalidHost' },
  { input: '0x7g.1', kind: 'InvalidHost' },
  { input: 'exa mple.com', kind: 'InvalidHost' },
  { input: '', kind: 'EmptyHost' },
  { input: 'example.com:0', kind: 'InvalidPort' },
  { input: 'example.com:99999', kind: 'InvalidPort' },
  { input: 'example.com:22', kind: 'ForbiddenPort' },
];
