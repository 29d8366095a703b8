import { describe, expect, it } from 'vitest';
import { LEGACY_CIPHER_SUITES, legacyClientHello, signsKeyExchange } from './legacy-hello.ts';
import { cipherSuiteName } from './names.ts';
import { TlsReader } from './reader.ts';

/** Reads the ClientHello back field by field (RFC 4346 7.4.1.2). */
function readHello(bytes: Uint8Array) {
  const rec = new TlsReader(bytes, 'record');
  const header = [rec.u8('type'), rec.u16('version')];
  const hs = new TlsReader(rec.vector(2, 'fragment'), 'handshake');
  rec.expectEnd();
  const type = hs.u8('msg_type');
  const body = new TlsReader(hs.vector(3, 'body'), 'ClientHello');
  const version = body.u16('client_version');
  body.take(32, 'random');
  const session = body.vector(1, 'session_id').length;
  const suitesRaw = new TlsReader(body.vector(2, 'cipher_suites'), 'suites');
  const suites: string[] = [];
  while (suitesRaw.remaining) suites.push(cipherSuiteName(suitesRaw.u16('suite')));
  const compression = Array.from(body.vector(1, 'compression'));
  const exts = new TlsReader(body.vector(2, 'extensions'), 'extensions');
  body.expectEnd();
  const extensions: [number, string][] = [];
  while (exts.remaining) extensions.push([exts.u16('type'), Buffer.from(exts.vector(2, 'data')).toString('hex')]);
  return { header, type, version, session, suites, compression, extensions };
}

describe('legacyClientHello', () => {
  it('offers TLS 1.0-1.1 with OpenSSL 3.0 suites, SNI, groups and point formats', () => {
    expect(readHello(legacyClientHello('old.example', new Uint8Array(32)))).toEqual({
      header: [22, 0x0301],
      type: 1,
      version: 0x0302,
      session: 0,
      suites: LEGACY_CIPHER_SUITES.map(cipherSuiteName),
      compression: [0],
      extensions: [
        [0, `000e00000b${Buffer.from('old.example').toString('hex')}`],
        [10, '0008001d001700180019'],
        [11, '0100'],
      ],
    });
  });

  it('sends no SNI without a name, and wants 32 random bytes', () => {
    expect(readHello(legacyClientHello(null, new Uint8Array(32))).extensions.map(([t]) => t)).toEqual([10, 11]);
    expect(() => legacyClientHello(null, new Uint8Array(8))).toThrow('legacyClientHello: random must be 32 bytes, received 8');
  });

  it('tells signed key exchanges from RSA key exchange', () => {
    expect(['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA'].map(signsKeyExchange)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
