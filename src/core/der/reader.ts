/**
 * A small strict DER reader (BER indefinite lengths only when asked). Works on offsets
 * into one buffer, copies nothing, checks every bound and limits nesting depth, and
 * fails only with a typed DerError.
 */
import { DerError } from './errors.ts';

/** Nesting deeper than this is refused (real certificates nest about 10 levels). */
export const MAX_DEPTH = 64;

export interface Tlv {
  /** The first identifier byte, e.g. 0x30 for SEQUENCE, 0xa0 for [0] constructed. */
  tag: number;
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  tagNumber: number;
  /** Offset of the identifier byte. */
  start: number;
  valueStart: number;
  /** End of the contents (exclusive; before the end-of-contents octets for indefinite lengths). */
  valueEnd: number;
  /** End of the whole element (exclusive). */
  end: number;
  indefinite: boolean;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
} as const;

export function tagName(tag: number): string {
  const universal: Record<number, string> = {
    0x01: 'BOOLEAN',
    0x02: 'INTEGER',
    0x03: 'BIT STRING',
    0x04: 'OCTET STRING',
    0x05: 'NULL',
    0x06: 'OBJECT IDENTIFIER',
    0x0a: 'ENUMERATED',
    0x0c: 'UTF8String',
    0x13: 'PrintableString',
    0x14: 'TeletexString',
    0x16: 'IA5String',
    0x17: 'UTCTime',
    0x18: 'GeneralizedTime',
    0x1a: 'VisibleString',
    0x1c: 'UniversalString',
    0x1e: 'BMPString',
    0x30: 'SEQUENCE',
    0x31: 'SET',
  };
  if (tag < 0) return 'end of data';
  if (universal[tag]) return universal[tag];
  const cls = tag >> 6;
  const num = tag & 0x1f;
  const c = tag & 0x20 ? ' constructed' : '';
  if (cls === 2) return `[${num}]${c}`;
  return `tag 0x${tag.toString(16).padStart(2, '0')}`;
}

/** Reads one TLV starting at `pos`, which must end at or before `limit`. */
export function readTlv(buf: Uint8Array, pos: number, limit: number, depth: number, ber: boolean): Tlv {
  const start = pos;
  if (pos >= limit) throw new DerError('Truncated', pos, 'end of data', 'an identifier byte');
  const tag = buf[pos++];
  const cls = tag >> 6;
  const constructed = (tag & 0x20) !== 0;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit) throw new DerError('Truncated', pos, 'end of data', 'the rest of a high tag number');
      const b = buf[pos++];
      if (i === 0 && b === 0x80) throw new DerError('BadTag', pos - 1, 'a padded high tag number', 'a minimal tag number');
      if (i >= 3) throw new DerError('BadTag', pos - 1, 'a tag number longer than 4 bytes', 'a tag number below 2^28');
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    if (tagNumber < 31 && !ber) throw new DerError('BadTag', start, `high tag form for ${tagNumber}`, 'the short tag form');
  }
  if (pos >= limit) throw new DerError('Truncated', pos, 'end of data', 'a length byte');
  const first = buf[pos++];
  let length: number;
  let indefinite = false;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    if (!ber) throw new DerError('IndefiniteLength', pos - 1, 'an indefinite length (BER)', 'a definite length (DER)');
    if (!constructed) throw new DerError('IndefiniteLength', pos - 1, 'an indefinite length on a primitive element', 'a definite length');
    indefinite = true;
    length = 0;
  } else {
    const n = first & 0x7f;
    if (n > 4) throw new DerError('LengthTooLarge', pos - 1, `a length of ${n} bytes`, 'at most 4 length bytes');
    if (pos + n > limit) throw new DerError('Truncated', pos, 'end of data', `${n} length bytes`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
    if (!ber && (length < 0x80 || buf[pos - n] === 0)) {
      throw new DerError('NonMinimalLength', pos - n - 1, `length ${length} in ${n} bytes`, 'the shortest length form');
    }
  }
  const valueStart = pos;
  if (indefinite) {
    if (depth + 1 > MAX_DEPTH) throw new DerError('TooDeep', start, `nesting deeper than ${MAX_DEPTH}`, `at most ${MAX_DEPTH} levels`);
    let p = valueStart;
    for (;;) {
      if (p + 2 <= limit && buf[p] === 0 && buf[p + 1] === 0) {
        return { tag, cls, constructed, tagNumber, start, valueStart, valueEnd: p, end: p + 2, indefinite: true };
      }
      if (p >= limit) throw new DerError('Truncated', p, 'end of data', 'end-of-contents octets (00 00)');
      p = readTlv(buf, p, limit, depth + 1, ber).end;
    }
  }
  if (valueStart + length > limit) {
    throw new DerError('Truncated', start, `${limit - valueStart} bytes of contents`, `${length} bytes (${tagName(tag)})`);
  }
  return { tag, cls, constructed, tagNumber, start, valueStart, valueEnd: valueStart + length, end: valueStart + length, indefinite };
}

/** A cursor over the elements between `pos` and `end` of one buffer. */
export class DerReader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
  readonly depth: number;
  readonly ber: boolean;

  constructor(buf: Uint8Array, start = 0, end = buf.length, depth = 0, ber = false) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.depth = depth;
    this.ber = ber;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** The next identifier byte, or -1 at the end. */
  peekTag(): number {
    return this.pos < this.end ? this.buf[this.pos] : -1;
  }

  next(): Tlv {
    const t = readTlv(this.buf, this.pos, this.end, this.depth, this.ber);
    this.pos = t.end;
    return t;
  }

  /** Reads the next element, which must carry `tag`; `what` names it in the error. */
  expect(tag: number, what: string): Tlv {
    const got = this.peekTag();
    if (got !== tag) {
      throw new DerError('UnexpectedTag', this.pos, `${tagName(got)}`, `${tagName(tag)} (${what})`);
    }
    return this.next();
  }

  /** Reads the next element only if it carries `tag`. */
  optional(tag: number): Tlv | undefined {
    return this.peekTag() === tag ? this.next() : undefined;
  }

  /** A reader over the contents of a constructed element, one level deeper. */
  into(t: Tlv): DerReader {
    if (this.depth + 1 > MAX_DEPTH) {
      throw new DerError('TooDeep', t.start, `nesting deeper than ${MAX_DEPTH}`, `at most ${MAX_DEPTH} levels`);
    }
    return new DerReader(this.buf, t.valueStart, t.valueEnd, this.depth + 1, this.ber);
  }

  /** Every remaining element. */
  rest(): Tlv[] {
    const out: Tlv[] = [];
    while (!this.atEnd()) out.push(this.next());
    return out;
  }

  value(t: Tlv): Uint8Array {
    return this.buf.subarray(t.valueStart, t.valueEnd);
  }

  /** The whole element, identifier and length included. */
  raw(t: Tlv): Uint8Array {
    return this.buf.subarray(t.start, t.end);
  }

  /** Fails when elements remain (`what` names the structure). */
  finish(what: string): void {
    if (!this.atEnd()) {
      throw new DerError('TrailingData', this.pos, `${this.end - this.pos} more bytes (${tagName(this.peekTag())})`, `the end of ${what}`);
    }
  }
}

/** Reads exactly one element spanning the whole input (what a DER file holds). */
export function readRoot(buf: Uint8Array, what: string, ber = false): { reader: DerReader; tlv: Tlv } {
  const reader = new DerReader(buf, 0, buf.length, 0, ber);
  const tlv = reader.next();
  reader.finish(what);
  return { reader, tlv };
}

/** OCTET STRING contents, joining the segments of a BER constructed OCTET STRING. */
export function octetContent(r: DerReader, t: Tlv): Uint8Array {
  if (!t.constructed) return r.value(t);
  const parts: Uint8Array[] = [];
  const s = r.into(t);
  while (!s.atEnd()) parts.push(octetContent(s, s.next()));
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
