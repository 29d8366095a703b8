/**
 * The signed_certificate_timestamp extension (RFC 6962 3.3): in TLS 1.2 the ServerHello carries
 * it, in TLS 1.3 the leaf's CertificateEntry (RFC 8446 4.4.2). Hand-made bytes; the list is
 * parsed by the same reader as the X.509 extension (x509/sct.ts).
 */
import { describe, expect, it } from 'vitest';
import { DerError } from '../der/errors.ts';
import { parseSctList } from '../x509/sct.ts';
import { parseCertificate } from './messages.ts';
import { readServerFlight } from './server-flight.ts';

const u16 = (n: number) => [n >> 8, n & 0xff];
const u24 = (n: number) => [n >> 16, (n >> 8) & 0xff, n & 0xff];
const vec = (lenBytes: 1 | 2 | 3, body: number[]) => [...(lenBytes === 1 ? [body.length] : lenBytes === 2 ? u16(body.length) : u24(body.length)), ...body];
const message = (type: number, body: number[]) => [type, ...u24(body.length), ...body];
const ext = (type: number, data: number[]) => [...u16(type), ...vec(2, data)];

const TIME = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
const u64 = (n: number) => Array.from({ length: 8 }, (_, i) => Math.floor(n / 256 ** (7 - i)) % 256);
const SCT = [0, ...new Array(32).fill(0x11), ...u64(TIME), ...u16(0), 4, 3, ...vec(2, [0xde, 0xad])];
const SCT_LIST = vec(2, vec(2, SCT));
const CERT = [0x30, 0x03, 0x01, 0x01, 0xaa];
const EXPECTED_SCT = {
  version: 1,
  logId: '11'.repeat(32),
  timestamp: TIME,
  hashAlgorithm: 'sha256',
  signatureAlgorithm: 'ecdsa',
  signatureHex: 'dead',
};

describe('SCTs from the TLS extension', () => {
  it('TLS 1.2: read from the ServerHello', async () => {
    const hello = message(2, [...u16(0x0303), ...new Array(32).fill(7), ...vec(1, []), ...u16(0xc02f), 0, ...vec(2, ext(18, SCT_LIST))]);
    const hs = [...hello, ...message(11, vec(3, vec(3, CERT))), ...message(14, [])];
    const { flight, error } = await readServerFlight(Uint8Array.from([22, 3, 3, ...u16(hs.length), ...hs]), { subtle: globalThis.crypto.subtle });
    expect([error, flight.sctList]).toEqual([undefined, Uint8Array.from(SCT_LIST)]);
    expect(parseSctList(flight.sctList!)).toEqual([EXPECTED_SCT]);
  });

  it("TLS 1.3: read from the leaf's certificate entry", () => {
    const body = [...vec(1, []), ...vec(3, [...vec(3, CERT), ...vec(2, ext(18, SCT_LIST))])];
    expect(parseCertificate(Uint8Array.from(body), true)).toEqual([{ der: Uint8Array.from(CERT), sctList: Uint8Array.from(SCT_LIST) }]);
  });

  it('a truncated list is a named failure', () => {
    let thrown: unknown;
    try {
      parseSctList(Uint8Array.from(SCT_LIST.slice(0, 20)));
    } catch (e) {
      thrown = e;
    }
    const e = thrown as DerError;
    expect([e instanceof DerError, e.kind, e.offset, e.received, e.expected]).toEqual([
      true,
      'Truncated',
      2,
      '18 bytes',
      `${SCT.length + 2} bytes (the SCT list)`,
    ]);
  });
});
