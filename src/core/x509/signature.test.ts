/**
 * Signature plumbing: DER ECDSA signatures to WebCrypto's r||s, RSASSA-PSS parameters, and
 * verification results on generated certificates (test/openssl-verify/pki.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../model.ts';
import { parseCertificate } from './certificate.ts';
import type { ChainFactory } from '../../../test/pki/factory.ts';
import { buildPki } from '../../../test/openssl-verify/pki.ts';
import { ecdsaDerToRaw, signatureScheme, verifySignature } from './signature.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

describe('ecdsaDerToRaw', () => {
  it('strips the sign byte and left-pads each integer to the field size', () => {
    // SEQUENCE { INTEGER 00 ff, INTEGER 01 }
    const der = new Uint8Array([0x30, 0x07, 0x02, 0x02, 0x00, 0xff, 0x02, 0x01, 0x01]);
    expect(ecdsaDerToRaw(der, 4)).toEqual(new Uint8Array([0, 0, 0, 0xff, 0, 0, 0, 1]));
  });
  it('refuses integers longer than the field, trailing bytes and garbage', () => {
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 0x08, 0x02, 0x03, 1, 2, 3, 0x02, 0x01, 1]), 2)).toBeUndefined();
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 0x06, 0x02, 0x01, 1, 0x02, 0x01, 1, 0x00]), 2)).toBeUndefined();
    expect(ecdsaDerToRaw(new Uint8Array([0x04, 0x00]), 32)).toBeUndefined();
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 0x80]), 32)).toBeUndefined();
  });
});

describe('signatureScheme', () => {
  it('reads RSASSA-PSS parameters, with RFC 4055 defaults when absent', () => {
    expect(signatureScheme({ oid: '1.2.840.113549.1.1.10', name: 'rsassaPss' })).toEqual({ family: 'rsa-pss', hash: 'SHA-1', saltLength: 20 });
  });
  it('names what it cannot check', () => {
    // DSA is checked since issue #16 (dsa.ts); an unknown algorithm is named.
    expect(signatureScheme({ oid: '2.16.840.1.101.3.4.3.2', name: 'dsa_with_SHA256' })).toEqual({ family: 'dsa', hash: 'SHA-256' });
    expect(signatureScheme({ oid: '1.2.3.4', name: '1.2.3.4' })).toEqual({ family: 'unsupported', name: '1.2.3.4' });
    expect(signatureScheme({ oid: '1.2.840.113549.1.1.10', name: 'rsassaPss', paramsHex: '3003020100' })).toEqual({
      family: 'unsupported',
      name: 'RSASSA-PSS with malformed parameters',
    });
  });
});

describe('verifySignature on generated certificates', () => {
  let f: ChainFactory;
  const c: Record<string, Certificate> = {};
  beforeAll(async () => {
    f = buildPki();
    for (const n of ['root', 'ica', 'ee', 'ica-pss', 'ee-pss', 'ed', 'ee-ed', 'ica-p521', 'ee-p521chain']) c[n] = await parseCertificate(f.der(n), subtle);
  });
  afterAll(() => f?.dispose());

  it('RSASSA-PSS parameters as OpenSSL writes them (SHA-256, salt 32)', () => {
    expect(signatureScheme(c['ee-pss'].signatureAlgorithm)).toEqual({ family: 'rsa-pss', hash: 'SHA-256', saltLength: 32 });
  });
  it('accepts the real signatures: ECDSA P-256, RSA-PSS, Ed25519, ECDSA P-521', async () => {
    const pairs: [string, string][] = [
      ['ee', 'ica'],
      ['ee-pss', 'ica-pss'],
      ['ee-ed', 'ed'],
      ['ee-p521chain', 'ica-p521'],
    ];
    for (const [child, issuer] of pairs) expect(await verifySignature(c[child], c[issuer], subtle)).toEqual({ ok: true });
  });
  it('a changed tbsCertificate fails; a key of the wrong family is named', async () => {
    const tbs = c.ee.tbs.slice();
    tbs[tbs.length - 1] ^= 1;
    expect(await verifySignature({ ...c.ee, tbs }, c.ica, subtle)).toEqual({ ok: false, reason: 'bad-signature', algorithm: 'ecdsa-with-SHA256' });
    expect(await verifySignature(c.ee, c['ica-pss'], subtle)).toEqual({ ok: false, reason: 'key-algorithm-mismatch', algorithm: 'ecdsa-with-SHA256' });
  });
});
