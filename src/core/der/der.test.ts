import { describe, expect, it } from 'vitest';
import { DerReader, readTlv, MAX_DEPTH } from './reader.ts';
import { DerError } from './errors.ts';
import { decodeInteger, decodeOid, decodeTime, encodeOid } from './primitives.ts';

const fail = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DerError) return { kind: e.kind, offset: e.offset, received: e.received, expected: e.expected };
    throw e;
  }
  return 'no error';
};

describe('readTlv', () => {
  it('reads short, long and high-tag forms', () => {
    const long = new Uint8Array([0x04, 0x82, 0x01, 0x00, ...new Uint8Array(256)]);
    expect(readTlv(long, 0, long.length, 0, false)).toMatchObject({ tag: 4, valueStart: 4, valueEnd: 260, end: 260 });
    const high = new Uint8Array([0xbf, 0x81, 0x00, 0x01, 0x05]);
    expect(readTlv(high, 0, high.length, 0, false)).toMatchObject({ cls: 2, constructed: true, tagNumber: 128, valueStart: 4, end: 5 });
  });

  it('fails with typed errors on bad lengths', () => {
    expect(fail(() => readTlv(new Uint8Array([0x04, 0x85, 1, 1, 1, 1, 1]), 0, 7, 0, false))).toEqual({
      kind: 'LengthTooLarge',
      offset: 1,
      received: 'a length of 5 bytes',
      expected: 'at most 4 length bytes',
    });
    expect(fail(() => readTlv(new Uint8Array([0x04, 0x05, 1]), 0, 3, 0, false))).toEqual({
      kind: 'Truncated',
      offset: 0,
      received: '1 bytes of contents',
      expected: '5 bytes (OCTET STRING)',
    });
    expect(fail(() => readTlv(new Uint8Array([0x04, 0x82, 0x00, 0x90]), 0, 4, 0, false))).toMatchObject({ kind: 'NonMinimalLength' });
  });

  it('reads BER indefinite lengths when asked and limits their nesting', () => {
    const ber = new Uint8Array([0x30, 0x80, 0x02, 0x01, 0x07, 0x00, 0x00]);
    expect(readTlv(ber, 0, ber.length, 0, true)).toMatchObject({ indefinite: true, valueStart: 2, valueEnd: 5, end: 7 });
    const deep = new Uint8Array(2 * (MAX_DEPTH + 5));
    for (let i = 0; i < deep.length; i += 2) [deep[i], deep[i + 1]] = [0x30, 0x80];
    expect(fail(() => readTlv(deep, 0, deep.length, 0, true))).toMatchObject({ kind: 'TooDeep' });
  });

  it('limits nesting through DerReader.into', () => {
    let r = new DerReader(new Uint8Array([0x30, 0x00]));
    const t = r.next();
    for (let i = 0; i < MAX_DEPTH; i++) r = r.into(t);
    expect(fail(() => r.into(t))).toMatchObject({ kind: 'TooDeep' });
  });
});

describe('primitives', () => {
  it('decodes OIDs, including arcs beyond 2^53', () => {
    expect(decodeOid(new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]))).toBe('1.2.840.113549.1.1.11');
    const big = '2.25.329800735698586629295641978511506172918';
    expect(decodeOid(encodeOid(big))).toBe(big);
    expect(fail(() => decodeOid(new Uint8Array([0x2a, 0x86])))).toMatchObject({ kind: 'BadOid' });
    expect(fail(() => decodeOid(new Uint8Array([0x2a, 0x80, 0x01])))).toMatchObject({ kind: 'BadOid', offset: 1 });
  });

  it('decodes INTEGERs as hex magnitudes', () => {
    expect(decodeInteger(new Uint8Array([0x00, 0x80]))).toEqual({ negative: false, hex: '80' });
    expect(decodeInteger(new Uint8Array([0xff, 0x7f]))).toEqual({ negative: true, hex: '81' });
    expect(decodeInteger(new Uint8Array([0x00]))).toEqual({ negative: false, hex: '00' });
  });

  it('decodes UTCTime and GeneralizedTime to ms', () => {
    const t = (s: string) => new TextEncoder().encode(s);
    expect(decodeTime(0x17, t('491231235959Z'))).toBe(Date.UTC(2049, 11, 31, 23, 59, 59));
    expect(decodeTime(0x17, t('500101000000Z'))).toBe(Date.UTC(1950, 0, 1));
    expect(decodeTime(0x18, t('99991231235959Z'))).toBe(253402300799000);
    expect(decodeTime(0x18, t('00500101000000Z'))).toBe(-60589296000000);
    expect(decodeTime(0x17, t('2401010000+0100'))).toBe(Date.UTC(2023, 11, 31, 23, 0));
    expect(fail(() => decodeTime(0x17, t('240231000000Z')))).toEqual({
      kind: 'BadTime',
      offset: 0,
      received: '"240231000000Z"',
      expected: 'a real calendar date and time (YYMMDDHHMMSSZ (UTCTime))',
    });
  });
});
