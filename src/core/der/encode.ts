/** A tiny DER writer for the few structures the core builds (SPKI, PKCS#8 wrappers). */
import { concatBytes } from './hex.ts';
import { encodeOid } from './primitives.ts';

export function derLength(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return new Uint8Array([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(content);
  return concatBytes([new Uint8Array([tag]), derLength(body.length), body]);
}

export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
export const oid = (dotted: string) => tlv(0x06, encodeOid(dotted));
export const nullValue = () => new Uint8Array([0x05, 0x00]);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const bitString = (b: Uint8Array) => tlv(0x03, new Uint8Array([0]), b);

/** An unsigned big-endian magnitude as a DER INTEGER (adds 00 when the top bit is set). */
export function uint(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const m = b.subarray(i);
  return m[0] & 0x80 ? tlv(0x02, new Uint8Array([0]), m) : tlv(0x02, m);
}
