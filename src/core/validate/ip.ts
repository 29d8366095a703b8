/**
 * IP address text → bytes (4 for IPv4, 16 for IPv6), so that `::1`, `0:0::1` and
 * `0000:…:0001` compare equal. Returns undefined for anything that is not an address.
 */

export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(parts[i])) return undefined;
    const n = Number(parts[i]);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

export function parseIpv6(text: string): Uint8Array | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!s.includes(':') || s.includes('%')) return undefined;
  // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const tail: number[] = [];
  const last = s.lastIndexOf(':');
  if (s.slice(last + 1).includes('.')) {
    const v4 = parseIpv4(s.slice(last + 1));
    if (!v4) return undefined;
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    s = s.slice(0, last + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return undefined;
  const used = head.length + rest.length + tail.length;
  let all: number[];
  if (halves.length === 2) {
    if (used > 7) return undefined;
    all = [...head, ...new Array<number>(8 - used).fill(0), ...rest, ...tail];
  } else {
    if (used !== 8) return undefined;
    all = [...head, ...tail];
  }
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

export function parseIp(text: string): Uint8Array | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

/** A prefix length (`'24'`) or a dotted / colon mask (`'255.255.255.0'`) → mask bytes of `len`. */
export function parseMask(mask: string, len: number): Uint8Array | undefined {
  if (/^[0-9]{1,3}$/.test(mask)) {
    const bits = Number(mask);
    if (bits > len * 8) return undefined;
    const out = new Uint8Array(len);
    for (let i = 0; i < bits; i++) out[i >> 3] |= 0x80 >> (i & 7);
    return out;
  }
  const m = parseIp(mask);
  return m && m.length === len ? m : undefined;
}

export function ipEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether `addr` falls inside `base`/`mask` (same family only). */
export function ipInSubnet(addr: Uint8Array, base: Uint8Array, mask: Uint8Array): boolean {
  if (addr.length !== base.length || mask.length !== base.length) return false;
  for (let i = 0; i < addr.length; i++) if ((addr[i] & mask[i]) !== (base[i] & mask[i])) return false;
  return true;
}
