/**
 * Decoders for DER primitive contents: OBJECT IDENTIFIER, INTEGER, BIT STRING, BOOLEAN,
 * the string types, UTCTime and GeneralizedTime (to ms since epoch). Each takes the
 * contents bytes plus the offset they came from (for errors) and fails with a DerError.
 */
import { DerError } from './errors.ts';
import { toHex } from './hex.ts';
import { TAG } from './reader.ts';

export function decodeOid(v: Uint8Array, offset = 0): string {
  if (v.length === 0) throw new DerError('BadOid', offset, 'an empty OBJECT IDENTIFIER', 'at least one byte');
  if (v[v.length - 1] & 0x80) throw new DerError('BadOid', offset, 'an OID whose last arc is unterminated', 'a final byte below 0x80');
  const arcs: string[] = [];
  let value = 0;
  let big: bigint | undefined;
  let first = true;
  for (let i = 0; i < v.length; i++) {
    const b = v[i];
    if (b === 0x80 && (i === 0 || (v[i - 1] & 0x80) === 0)) {
      throw new DerError('BadOid', offset + i, 'an arc padded with 0x80', 'minimal base-128 arcs');
    }
    if (big !== undefined) big = big * 128n + BigInt(b & 0x7f);
    else {
      value = value * 128 + (b & 0x7f);
      if (value > 0x1fffffffffff) big = BigInt(value);
    }
    if ((b & 0x80) === 0) {
      const arc = big !== undefined ? big : BigInt(value);
      if (first) {
        if (arc < 40n) arcs.push('0', arc.toString());
        else if (arc < 80n) arcs.push('1', (arc - 40n).toString());
        else arcs.push('2', (arc - 80n).toString());
        first = false;
      } else arcs.push(big !== undefined ? big.toString() : String(value));
      value = 0;
      big = undefined;
    }
  }
  return arcs.join('.');
}

/** Encodes a dotted OID as DER contents (for building structures in tests and conversions). */
export function encodeOid(oid: string): Uint8Array {
  const parts = oid.split('.').map((p) => BigInt(p));
  const arcs = [parts[0] * 40n + parts[1], ...parts.slice(2)];
  const out: number[] = [];
  for (const arc of arcs) {
    const bytes: number[] = [Number(arc & 0x7fn)];
    let a = arc >> 7n;
    while (a > 0n) {
      bytes.unshift(Number(a & 0x7fn) | 0x80);
      a >>= 7n;
    }
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

export interface IntegerValue {
  negative: boolean;
  /** Magnitude, lower-case hex, leading zero bytes removed ('00' for zero). */
  hex: string;
}

export function decodeInteger(v: Uint8Array, offset = 0): IntegerValue {
  if (v.length === 0) throw new DerError('BadInteger', offset, 'an empty INTEGER', 'at least one byte');
  const negative = (v[0] & 0x80) !== 0;
  if (!negative) {
    let i = 0;
    while (i < v.length - 1 && v[i] === 0) i++;
    return { negative, hex: toHex(v.subarray(i)) };
  }
  // two's complement magnitude
  const mag = new Uint8Array(v.length);
  let carry = 1;
  for (let i = v.length - 1; i >= 0; i--) {
    const x = (~v[i] & 0xff) + carry;
    mag[i] = x & 0xff;
    carry = x >> 8;
  }
  let i = 0;
  while (i < mag.length - 1 && mag[i] === 0) i++;
  return { negative, hex: toHex(mag.subarray(i)) };
}

/** A small non-negative INTEGER (versions, path lengths) as a number. */
export function decodeSmallInt(v: Uint8Array, offset = 0): number {
  const { negative, hex } = decodeInteger(v, offset);
  if (negative || hex.length > 12) throw new DerError('BadInteger', offset, `${negative ? '-' : ''}0x${hex}`, 'a small non-negative integer');
  return parseInt(hex, 16);
}

export function decodeBigInt(v: Uint8Array, offset = 0): bigint {
  const { negative, hex } = decodeInteger(v, offset);
  const m = BigInt('0x' + hex);
  return negative ? -m : m;
}

export interface BitString {
  unusedBits: number;
  bytes: Uint8Array;
}

export function decodeBitString(v: Uint8Array, offset = 0): BitString {
  if (v.length === 0) throw new DerError('BadBitString', offset, 'an empty BIT STRING', 'an unused-bits byte');
  const unusedBits = v[0];
  if (unusedBits > 7 || (unusedBits > 0 && v.length === 1)) {
    throw new DerError('BadBitString', offset, `${unusedBits} unused bits`, '0 to 7 unused bits');
  }
  return { unusedBits, bytes: v.subarray(1) };
}

/** Named bits of a BIT STRING (bit 0 = most significant bit of the first byte). */
export function bitsSet(bs: BitString): number[] {
  const out: number[] = [];
  const total = bs.bytes.length * 8 - bs.unusedBits;
  for (let i = 0; i < total; i++) if (bs.bytes[i >> 3] & (0x80 >> (i & 7))) out.push(i);
  return out;
}

export function decodeBoolean(v: Uint8Array, offset = 0): boolean {
  if (v.length !== 1) throw new DerError('BadBoolean', offset, `${v.length} bytes`, 'one byte');
  return v[0] !== 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes any ASN.1 string type to text. */
export function decodeString(tag: number, v: Uint8Array, offset = 0): string {
  switch (tag) {
    case TAG.UTF8_STRING:
      try {
        return utf8.decode(v);
      } catch {
        throw new DerError('BadString', offset, 'bytes that are not UTF-8', 'a UTF8String');
      }
    case TAG.BMP_STRING: {
      if (v.length % 2) throw new DerError('BadString', offset, `${v.length} bytes`, 'an even number of bytes (BMPString)');
      let s = '';
      for (let i = 0; i < v.length; i += 2) s += String.fromCharCode((v[i] << 8) | v[i + 1]);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      if (v.length % 4) throw new DerError('BadString', offset, `${v.length} bytes`, 'a multiple of 4 bytes (UniversalString)');
      let s = '';
      for (let i = 0; i < v.length; i += 4) {
        const cp = ((v[i] << 24) | (v[i + 1] << 16) | (v[i + 2] << 8) | v[i + 3]) >>> 0;
        if (cp > 0x10ffff) throw new DerError('BadString', offset + i, `code point ${cp}`, 'a Unicode code point');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default: {
      // PrintableString, IA5String, VisibleString, NumericString, TeletexString (read as Latin-1, as OpenSSL does)
      let s = '';
      for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i]);
      return s;
    }
  }
}

export function isStringTag(tag: number): boolean {
  return (
    tag === 0x0c ||
    tag === 0x12 ||
    tag === 0x13 ||
    tag === 0x14 ||
    tag === 0x15 ||
    tag === 0x16 ||
    tag === 0x19 ||
    tag === 0x1a ||
    tag === 0x1b ||
    tag === 0x1c ||
    tag === 0x1e
  );
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

const UTC_RE = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GEN_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/;

/**
 * UTCTime (YYMMDDHHMM[SS]Z, years 50-99 = 19xx) or GeneralizedTime
 * (YYYYMMDDHH[MM[SS[.f]]]Z) to ms since epoch. DER requires seconds and Z; the reader
 * also accepts the BER forms real files carry (no seconds, +hhmm offsets).
 */
export function decodeTime(tag: number, v: Uint8Array, offset = 0): number {
  let text = '';
  for (let i = 0; i < v.length && i < 40; i++) text += String.fromCharCode(v[i]);
  const generalized = tag === TAG.GENERALIZED_TIME;
  const m = generalized ? GEN_RE.exec(text) : UTC_RE.exec(text);
  const expected = generalized ? 'YYYYMMDDHHMMSSZ (GeneralizedTime)' : 'YYMMDDHHMMSSZ (UTCTime)';
  if (!m || v.length > 40) throw new DerError('BadTime', offset, JSON.stringify(text), expected);
  let year: number;
  let rest: string[];
  let frac = '';
  let zone: string | undefined;
  if (generalized) {
    year = +m[1];
    rest = [m[2], m[3], m[4], m[5] ?? '00', m[6] ?? '00'];
    frac = m[7] ?? '';
    zone = m[8];
  } else {
    const yy = +m[1];
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = [m[2], m[3], m[4], m[5], m[6] ?? '00'];
    zone = m[7];
  }
  const [mo, d, h, mi, s] = rest.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(year, mo) || h > 23 || mi > 59 || s > 60) {
    throw new DerError('BadTime', offset, JSON.stringify(text), `a real calendar date and time (${expected})`);
  }
  let ms = ((daysFromCivil(year, mo, d) * 24 + h) * 60 + mi) * 60_000 + Math.min(s, 59) * 1000;
  if (frac) ms += Math.floor(Number('0.' + frac) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const off = (+zone.slice(1, 3) * 60 + +zone.slice(3, 5)) * 60_000;
    ms -= sign * off;
  }
  return ms;
}
