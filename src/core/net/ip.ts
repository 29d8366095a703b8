/**
 * IP address literals as bytes: strict parsers for canonical IPv4 dotted quads and every
 * RFC 4291 IPv6 text form (with `::` and an embedded dotted quad), and canonical text
 * (RFC 5952) back. Odd IPv4 spellings (octal, hex, short forms) are normalised before this
 * by the WHATWG URL parser in target.ts; here only the plain forms are accepted.
 * The one IP parser of the project: the probe's target policy and the validator's name and
 * name-constraint checks (ipBytes, parseMask, ipInSubnet) both read addresses here.
 */

export interface IpAddress {
  family: 4 | 6;
  bytes: Uint8Array;
  /** Canonical text: dotted quad, or RFC 5952 IPv6 without brackets. */
  text: string;
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): IpAddress | undefined {
  const m = DOTTED_QUAD.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map((p) => (p.length > 1 && p.startsWith('0') ? NaN : Number(p)));
  if (parts.some((p) => !(p >= 0 && p <= 255))) return undefined;
  return { family: 4, bytes: Uint8Array.from(parts), text: parts.join('.') };
}

/** Groups of one side of `::`; `last` when this side ends the address (only there may a dotted quad sit). */
function parseGroups(part: string, last: boolean): number[] | undefined {
  if (part === '') return [];
  const out: number[] = [];
  const pieces = part.split(':');
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (last && i === pieces.length - 1 && p.includes('.')) {
      const v4 = parseIpv4(p);
      if (!v4) return undefined;
      out.push((v4.bytes[0]! << 8) | v4.bytes[1]!, (v4.bytes[2]! << 8) | v4.bytes[3]!);
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
    out.push(parseInt(p, 16));
  }
  return out;
}

/** Parses IPv6 text without brackets and without a zone (`%eth0` is refused by the caller). */
export function parseIpv6(text: string): IpAddress | undefined {
  if (text.includes('%') || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0]!, false);
    const tail = parseGroups(halves[1]!, true);
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(text, true);
    if (!all || all.length !== 8) return undefined;
    groups = all;
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return { family: 6, bytes, text: formatIpv6(bytes) };
}

export function parseIp(text: string): IpAddress | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

/**
 * The bytes of an address as a certificate or a peer name spells it (4 for IPv4, 16 for
 * IPv6, brackets allowed around IPv6), so `::1`, `[::1]` and `0:0::1` compare equal;
 * undefined for anything that is not an address.
 */
export function ipBytes(text: string): Uint8Array | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return parseIp(bare)?.bytes;
}

/** A prefix length (`'24'`) or a dotted / colon mask (`'255.255.255.0'`) → mask bytes of `len`. */
export function parseMask(mask: string, len: number): Uint8Array | undefined {
  if (/^[0-9]{1,3}$/.test(mask)) {
    const bits = Number(mask);
    if (bits > len * 8) return undefined;
    const out = new Uint8Array(len);
    for (let i = 0; i < bits; i++) out[i >> 3]! |= 0x80 >> (i & 7);
    return out;
  }
  const m = ipBytes(mask);
  return m && m.length === len ? m : undefined;
}

export function ipEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether `addr` falls inside `base`/`mask` (same family only). */
export function ipInSubnet(addr: Uint8Array, base: Uint8Array, mask: Uint8Array): boolean {
  if (addr.length !== base.length || mask.length !== base.length) return false;
  for (let i = 0; i < addr.length; i++) if ((addr[i]! & mask[i]!) !== (base[i]! & mask[i]!)) return false;
  return true;
}

/** RFC 5952: lower case, longest run (≥2) of zero groups as `::`, first run on a tie. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function ipv4FromBytes(bytes: Uint8Array): IpAddress {
  const b = Uint8Array.from(bytes.subarray(0, 4));
  return { family: 4, bytes: b, text: Array.from(b).join('.') };
}

/** True when the first `bits` bits of `bytes` equal those of `prefix`. */
export function hasPrefix(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}
