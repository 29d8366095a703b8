import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FLIGHT_RECORDS, readServerFlight } from './server-flight.ts';

// Byte builders for hand-made server flights (RFC 5246 / RFC 8446 wire formats).
const u16 = (n: number) => [n >> 8, n & 0xff];
const u24 = (n: number) => [n >> 16, (n >> 8) & 0xff, n & 0xff];
const vec = (lenBytes: 1 | 2 | 3, body: number[]) => [...(lenBytes === 1 ? [body.length] : lenBytes === 2 ? u16(body.length) : u24(body.length)), ...body];
const record = (type: number, body: number[]) => [type, 3, 3, ...u16(body.length), ...body];
const message = (type: number, body: number[]) => [type, ...u24(body.length), ...body];
const ext = (type: number, data: number[]) => [...u16(type), ...vec(2, data)];
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const CERT_A = [0x30, 0x03, 0x01, 0x01, 0xaa];
const CERT_B = [0x30, 0x03, 0x01, 0x01, 0xbb];

function serverHello12(extensions: number[]): number[] {
  return message(2, [...u16(0x0303), ...new Array(32).fill(7), ...vec(1, []), ...u16(0xc02f), 0, ...vec(2, extensions)]);
}

const subtle = globalThis.crypto.subtle;
const read = (b: number[]) => readServerFlight(Uint8Array.from(b), { subtle });

describe('readServerFlight, TLS 1.2', () => {
  it('reads every message, keeps certificate order and duplicates, across record boundaries', async () => {
    const alpn = ext(16, vec(2, vec(1, ascii('h2'))));
    const hs = [
      ...serverHello12([...alpn, ...ext(5, [])]),
      ...message(11, vec(3, [...vec(3, CERT_A), ...vec(3, CERT_B), ...vec(3, CERT_A)])),
      ...message(22, [1, ...vec(3, [0x30, 0x00])]),
      ...message(12, [1, 2, 3]),
      ...message(13, [...vec(1, [1, 64]), ...vec(2, [4, 3]), ...vec(2, vec(2, [0x30, 0x00]))]),
      ...message(14, []),
    ];
    // Split the handshake stream at an awkward place: inside the Certificate message.
    const bytes = [...record(22, hs.slice(0, 50)), ...record(22, hs.slice(50))];
    const { flight, error } = await read(bytes);
    expect(error).toBeUndefined();
    expect(flight).toEqual({
      records: 2,
      bytes: bytes.length,
      protocol: 'TLSv1.2',
      cipherSuite: { code: 0xc02f, name: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' },
      helloRetryRequest: false,
      alpn: 'h2',
      messages: ['ServerHello', 'Certificate', 'CertificateStatus', 'ServerKeyExchange', 'CertificateRequest', 'ServerHelloDone'],
      certificates: [new Uint8Array(CERT_A), new Uint8Array(CERT_B), new Uint8Array(CERT_A)],
      ocspStapled: true,
      ocspResponse: new Uint8Array([0x30, 0x00]),
      clientCertRequested: true,
      acceptableClientCAs: [new Uint8Array([0x30, 0x00])],
      complete: true,
    });
  });

  it('reports a fatal alert sent instead of a ServerHello', async () => {
    const { flight, error } = await read(record(21, [2, 40]));
    expect(error).toBeUndefined();
    expect(flight.alert).toEqual({ level: 'fatal', description: 40, name: 'handshake_failure' });
    expect(flight.complete).toBe(false);
  });
});

describe('readServerFlight, bad input gives typed errors', () => {
  it('plain HTTP', async () => {
    const { error } = await read(ascii('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(error).toEqual({
      kind: 'NotTls',
      firstBytesHex: '485454502f312e312034303020426164',
      hint: 'this port speaks plain HTTP, not TLS',
      protocol: 'http',
      name: 'plain HTTP',
      firstLine: 'HTTP/1.1 400 Bad Request',
    });
  });
  it('an SMTP greeting', async () => {
    const { error } = await read(ascii('220 mail.example ESMTP\r\n'));
    expect(error).toEqual({
      kind: 'NotTls',
      firstBytesHex: '323230206d61696c2e6578616d706c65',
      hint: 'this port speaks SMTP, not TLS: it speaks plain text first and upgrades with STARTTLS, not TLS from the first byte',
      protocol: 'smtp',
      name: 'SMTP',
      firstLine: '220 mail.example ESMTP',
    });
  });
  it('a record cut short', async () => {
    const { error } = await read(record(22, serverHello12([])).slice(0, 20));
    expect(error).toEqual({ kind: 'Truncated', what: 'record 0', needed: 44, available: 15 });
  });
  it('a record longer than TLS allows', async () => {
    const { error } = await read([22, 3, 3, 0xff, 0xff, 0]);
    expect(error).toEqual({ kind: 'RecordTooLong', recordIndex: 0, length: 65535, max: 18432 });
  });
  it('a 10 MB Certificate message is refused from its header', async () => {
    const { flight, error } = await read([...record(22, serverHello12([])), ...record(22, [11, ...u24(10 * 1024 * 1024), 0, 0])]);
    expect(error).toEqual({ kind: 'MessageTooLong', message: 'Certificate', length: 10485760, max: 262144 });
    expect(flight.protocol).toBe('TLSv1.2');
  });
  it('a Certificate list whose inner length overruns', async () => {
    const { error } = await read([...record(22, serverHello12([])), ...record(22, message(11, [...u24(9), ...u24(200), 1, 2, 3, 4, 5, 6]))]);
    expect(error).toEqual({ kind: 'Truncated', what: 'Certificate certificate_list: certificate 0', needed: 200, available: 6 });
  });
  it('the connection closed inside a handshake message', async () => {
    const { error } = await read(record(22, serverHello12([]).slice(0, 30)));
    expect(error).toEqual({ kind: 'Truncated', what: 'ServerHello message', needed: 44, available: 30 });
  });
  it('TLS 1.3 without the key log secret', async () => {
    const sh13 = message(2, [...u16(0x0303), ...new Array(32).fill(1), ...vec(1, []), ...u16(0x1301), 0, ...vec(2, ext(43, u16(0x0304)))]);
    const { flight, error } = await read([...record(22, sh13), ...record(23, new Array(40).fill(0))]);
    expect(error).toEqual({ kind: 'MissingSecret', label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET' });
    expect(flight.protocol).toBe('TLSv1.3');
  });
  it('TLS 1.3 with a secret that does not match', async () => {
    const sh13 = message(2, [...u16(0x0303), ...new Array(32).fill(1), ...vec(1, []), ...u16(0x1301), 0, ...vec(2, ext(43, u16(0x0304)))]);
    const keyLog = new Map([['SERVER_HANDSHAKE_TRAFFIC_SECRET', new Uint8Array(32)]]);
    const { error } = await readServerFlight(Uint8Array.from([...record(22, sh13), ...record(20, [1]), ...record(23, new Array(40).fill(0))]), {
      subtle,
      keyLog,
    });
    expect(error).toEqual({
      kind: 'DecryptFailed',
      recordIndex: 2,
      reason: 'AES-GCM authentication failed (OperationError); the key log secret does not match this recording',
    });
  });
  it('empty input is an incomplete, error-free reading', async () => {
    expect(await read([])).toEqual({
      flight: {
        records: 0,
        bytes: 0,
        helloRetryRequest: false,
        messages: [],
        certificates: [],
        ocspStapled: false,
        clientCertRequested: false,
        acceptableClientCAs: [],
        complete: false,
      },
    });
  });
});

describe('readServerFlight never throws or hangs on hostile bytes', () => {
  const valid = [
    ...record(22, [...serverHello12([...ext(16, vec(2, vec(1, ascii('h2'))))]), ...message(11, vec(3, [...vec(3, CERT_A), ...vec(3, CERT_B)]))]),
    ...record(22, message(14, [])),
  ];
  it('random bytes give a reading, with a typed error when they are not a flight', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const r = await readServerFlight(bytes, { subtle });
        expect(typeof r.flight.records).toBe('number');
        if (r.error) expect(typeof r.error.kind).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
  it('a valid flight with one byte changed or cut short gives a reading, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length), async (at, value, cut) => {
        const bytes = Uint8Array.from(valid);
        bytes[at] = value;
        const r = await readServerFlight(bytes.subarray(0, cut), { subtle });
        // the certificate_list holds 16 bytes and every entry takes at least 4
        expect(r.flight.certificates.length).toBeLessThanOrEqual(4);
      }),
      { numRuns: 500 },
    );
  });
});

// Issue 18: a server sending its flight in 1-byte records made reassembly copy the whole
// buffer per record (quadratic: ~0.8 s of CPU per probe). Reassembly is now linear, and the
// number of records is capped with a named error.
describe('readServerFlight, a flight cut into tiny records (issue 18)', () => {
  const hs = [
    ...serverHello12([...ext(16, vec(2, vec(1, ascii('h2'))))]),
    ...message(11, vec(3, [...vec(3, CERT_A), ...vec(3, CERT_B), ...vec(3, CERT_A)])),
    ...message(14, []),
  ];
  const whole = [...record(22, hs)];
  const oneByteRecords = (bytes: number[]) => bytes.flatMap((b) => record(22, [b]));

  it('reads the same messages whatever the record boundaries', async () => {
    const expected = (await read(whole)).flight;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: hs.length - 1 }), { maxLength: 40 }), async (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), hs.length];
        const bytes = at.slice(1).flatMap((end, i) => record(22, hs.slice(at[i], end)));
        const { flight, error } = await read(bytes);
        expect(error).toBeUndefined();
        expect(flight).toEqual({ ...expected, records: at.length - 1, bytes: bytes.length });
      }),
      { numRuns: 200 },
    );
  });

  it('reads a flight of one-byte records up to the record cap', async () => {
    const bytes = oneByteRecords(hs);
    const { flight, error } = await readServerFlight(Uint8Array.from(bytes), { subtle, maxRecords: hs.length });
    expect(error).toBeUndefined();
    expect(flight).toEqual({ ...(await read(whole)).flight, records: hs.length, bytes: bytes.length });
  });

  it('stops with TooManyRecords one record past the cap, keeping what it read', async () => {
    const bytes = oneByteRecords(hs);
    const { flight, error } = await readServerFlight(Uint8Array.from(bytes), { subtle, maxRecords: 60 });
    expect(error).toEqual({ kind: 'TooManyRecords', max: 60, bytesRead: 360 });
    expect(flight.messages).toEqual(['ServerHello']);
    expect(flight.records).toBe(60);
  });

  it('caps records at MAX_FLIGHT_RECORDS by default', async () => {
    const bytes = oneByteRecords(new Array(MAX_FLIGHT_RECORDS + 10).fill(0).map((_, i) => (i < 4 ? [11, 0, 0x10, 0][i]! : 0)));
    const { error } = await read(bytes);
    expect(error).toEqual({ kind: 'TooManyRecords', max: MAX_FLIGHT_RECORDS, bytesRead: MAX_FLIGHT_RECORDS * 6 });
  });
});
