/**
 * Which addresses the public probe may connect to. Anything that is not global unicast is
 * refused: loopback, RFC 1918, link-local (cloud metadata 169.254.169.254), CGNAT, multicast,
 * reserved and documentation ranges, and IPv6 forms that embed such an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo).
 *
 * Sources: IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates),
 * RFC 6052 (NAT64 64:ff9b::/96), RFC 8215 (64:ff9b:1::/48), RFC 3056 (6to4), RFC 4380 (Teredo).
 */
import { type IpAddress, hasPrefix, ipv4FromBytes, parseIp } from './ip.ts';

export type RangeId =
  | 'this-network'
  | 'private'
  | 'cgnat'
  | 'loopback'
  | 'link-local'
  | 'cloud-metadata'
  | 'ietf-protocol'
  | 'documentation'
  | 'relay-anycast'
  | 'benchmarking'
  | 'multicast'
  | 'reserved'
  | 'broadcast'
  | 'unspecified'
  | 'unique-local'
  | 'site-local'
  | 'discard-only'
  | 'orchid'
  | 'nat64-local'
  | 'not-global-unicast';

export interface AddressRange {
  id: RangeId;
  cidr: string;
  /** Why it is refused, in words. */
  label: string;
}

/** How an IPv4 address was embedded in the IPv6 address that carried it. */
export type Embedding = 'ipv4-mapped' | 'ipv4-compatible' | 'nat64' | '6to4' | 'teredo-server' | 'teredo-client';

export type AddressVerdict =
  { allowed: true; address: string } | { allowed: false; address: string; range: AddressRange; via?: { embedding: Embedding; ipv4: string } };

interface RangeRule extends AddressRange {
  prefix: number[];
  bits: number;
}

function rule(id: RangeId, cidr: string, label: string): RangeRule {
  const [base, len] = cidr.split('/') as [string, string];
  const ip = parseIp(base);
  if (!ip) throw new Error(`bad CIDR in table: ${cidr}`);
  return { id, cidr, label, prefix: Array.from(ip.bytes), bits: Number(len) };
}

/** Most specific first: the first match names the range. */
const IPV4_RULES: RangeRule[] = [
  rule('broadcast', '255.255.255.255/32', 'the limited broadcast address'),
  rule('cloud-metadata', '169.254.169.254/32', 'the cloud metadata service address (link-local)'),
  rule('this-network', '0.0.0.0/8', '"this network" (0.0.0.0/8), which reaches the local host'),
  rule('private', '10.0.0.0/8', 'a private network address (RFC 1918)'),
  rule('cgnat', '100.64.0.0/10', 'carrier-grade NAT shared address space (RFC 6598)'),
  rule('loopback', '127.0.0.0/8', 'a loopback address (this machine)'),
  rule('link-local', '169.254.0.0/16', 'a link-local address'),
  rule('private', '172.16.0.0/12', 'a private network address (RFC 1918)'),
  rule('ietf-protocol', '192.0.0.0/24', 'IETF protocol assignments (RFC 6890)'),
  rule('documentation', '192.0.2.0/24', 'documentation range TEST-NET-1 (RFC 5737)'),
  rule('relay-anycast', '192.88.99.0/24', 'the deprecated 6to4 relay anycast range (RFC 7526)'),
  rule('private', '192.168.0.0/16', 'a private network address (RFC 1918)'),
  rule('benchmarking', '198.18.0.0/15', 'the benchmarking range (RFC 2544)'),
  rule('documentation', '198.51.100.0/24', 'documentation range TEST-NET-2 (RFC 5737)'),
  rule('documentation', '203.0.113.0/24', 'documentation range TEST-NET-3 (RFC 5737)'),
  rule('multicast', '224.0.0.0/4', 'a multicast address'),
  rule('reserved', '240.0.0.0/4', 'the reserved range 240.0.0.0/4'),
];

const IPV6_RULES: RangeRule[] = [
  rule('unspecified', '::/128', 'the unspecified address'),
  rule('loopback', '::1/128', 'the IPv6 loopback address (this machine)'),
  rule('nat64-local', '64:ff9b:1::/48', 'a local-use NAT64 prefix (RFC 8215)'),
  rule('discard-only', '100::/64', 'the discard-only prefix (RFC 6666)'),
  rule('ietf-protocol', '2001::/23', 'IETF protocol assignments (RFC 2928)'),
  rule('benchmarking', '2001:2::/48', 'the IPv6 benchmarking range (RFC 5180)'),
  rule('orchid', '2001:10::/28', 'ORCHID identifiers (RFC 4843)'),
  rule('orchid', '2001:20::/28', 'ORCHIDv2 identifiers (RFC 7343)'),
  rule('documentation', '2001:db8::/32', 'the IPv6 documentation range (RFC 3849)'),
  rule('unique-local', 'fc00::/7', 'an IPv6 unique local address (private network)'),
  rule('link-local', 'fe80::/10', 'an IPv6 link-local address'),
  rule('site-local', 'fec0::/10', 'a deprecated IPv6 site-local address'),
  rule('multicast', 'ff00::/8', 'an IPv6 multicast address'),
];

const GLOBAL_UNICAST = rule('not-global-unicast', '2000::/3', 'outside IPv6 global unicast (2000::/3)');

function match(rules: RangeRule[], bytes: Uint8Array): AddressRange | undefined {
  const r = rules.find((x) => hasPrefix(bytes, x.prefix, x.bits));
  return r && { id: r.id, cidr: r.cidr, label: r.label };
}

function classifyV4(ip: IpAddress): AddressVerdict {
  const range = match(IPV4_RULES, ip.bytes);
  return range ? { allowed: false, address: ip.text, range } : { allowed: true, address: ip.text };
}

/** The IPv4 addresses an IPv6 address carries inside it, with how. */
function embeddedIpv4(b: Uint8Array): { embedding: Embedding; ipv4: IpAddress }[] {
  const last4 = () => ipv4FromBytes(b.subarray(12, 16));
  if (hasPrefix(b, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96)) return [{ embedding: 'ipv4-mapped', ipv4: last4() }];
  if (hasPrefix(b, [], 96)) return [{ embedding: 'ipv4-compatible', ipv4: last4() }];
  if (hasPrefix(b, [0, 0x64, 0xff, 0x9b], 96)) return [{ embedding: 'nat64', ipv4: last4() }];
  if (hasPrefix(b, [0x20, 0x02], 16)) return [{ embedding: '6to4', ipv4: ipv4FromBytes(b.subarray(2, 6)) }];
  if (hasPrefix(b, [0x20, 0x01, 0, 0], 32)) {
    const client = b.subarray(12, 16).map((x) => x ^ 0xff);
    return [
      { embedding: 'teredo-server', ipv4: ipv4FromBytes(b.subarray(4, 8)) },
      { embedding: 'teredo-client', ipv4: ipv4FromBytes(client) },
    ];
  }
  return [];
}

function classifyV6(ip: IpAddress): AddressVerdict {
  const b = ip.bytes;
  // ::/128 and ::1/128 first: they sit inside the IPv4-compatible block.
  const exact = match(IPV6_RULES.slice(0, 2), b);
  if (exact) return { allowed: false, address: ip.text, range: exact };
  const embedded = embeddedIpv4(b);
  for (const e of embedded) {
    const inner = classifyV4(e.ipv4);
    if (!inner.allowed) return { ...inner, address: ip.text, via: { embedding: e.embedding, ipv4: e.ipv4.text } };
  }
  // A mapped, compatible or NAT64 address of a public IPv4 address reaches that public address.
  const translated: Embedding[] = ['ipv4-mapped', 'ipv4-compatible', 'nat64'];
  if (embedded.some((e) => translated.includes(e.embedding))) return { allowed: true, address: ip.text };
  const range = match(IPV6_RULES, b) ?? (hasPrefix(b, GLOBAL_UNICAST.prefix, 3) ? undefined : GLOBAL_UNICAST);
  if (!range) return { allowed: true, address: ip.text };
  return { allowed: false, address: ip.text, range: { id: range.id, cidr: range.cidr, label: range.label } };
}

/** Decides whether the public probe may connect to this address. */
export function classifyAddress(ip: IpAddress): AddressVerdict {
  return ip.family === 4 ? classifyV4(ip) : classifyV6(ip);
}

/** Same, from text as a resolver returns it (`93.184.216.34`, `2606:2800::1`). */
export function classifyAddressText(text: string): AddressVerdict | undefined {
  const ip = parseIp(text);
  return ip && classifyAddress(ip);
}
