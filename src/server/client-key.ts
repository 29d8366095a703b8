/**
 * Who a request comes from, for rate limits and per-client caps (issue 18).
 *
 * - IPv4: the whole address (/32). IPv6: its /64 prefix, the smallest block one subscriber
 *   normally gets (RFC 6177), so a client cannot take 2^64 identities. IPv4-mapped IPv6
 *   (::ffff:a.b.c.d, what a dual-stack socket reports) counts as the IPv4 address.
 * - Behind reverse proxies, only `trustedHops` proxies are believed: each appends the address
 *   it received the request from to X-Forwarded-For, so the address the outermost trusted
 *   proxy saw is the N-th entry from the right. Entries further left were written by the
 *   client and are ignored.
 */
import { parseIp } from '../core/net/ip.ts';

/** The rate-limit key for a peer address: `a.b.c.d` or `2001:db8:1:2::/64`. */
export function clientKey(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const ip = parseIp(bare);
  if (!ip) return `unparsed:${bare.slice(0, 64)}`;
  if (ip.family === 4) return ip.text;
  const b = ip.bytes;
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const groups: string[] = [];
  for (let i = 0; i < 8; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return `${groups.join(':')}::/64`;
}

/**
 * The client's address: with `trustedHops` = 0 the socket's peer; with N > 0 the N-th
 * X-Forwarded-For entry from the right (the address the outermost trusted proxy saw). When the
 * header has fewer than N entries the request did not pass every proxy: the peer is used.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | null, trustedHops: number): string | undefined {
  if (trustedHops > 0 && forwardedFor) {
    const entries = forwardedFor.split(',').map((e) => e.trim());
    const seen = entries[entries.length - trustedHops];
    if (entries.length >= trustedHops && seen) return seen;
  }
  return socketAddress;
}
