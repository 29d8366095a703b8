import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { decryptPkcs8, keyIdentity, parsePrivateKey, parseRsaPublicKey } from './keys.ts';
import { decodeCertificate } from '../x509/certificate.ts';
import { scanPem, toPem } from './pem.ts';
import { parsePublicKey } from '../x509/public-key.ts';
import { PbeError } from './pbe.ts';
import { makeChain, makeExtras, openssl, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

// root (RSA) -> ica (P-384) -> ee (P-256); ed: Ed25519 self-signed; keys re-encoded by openssl
const subtle = globalThis.crypto.subtle;
let chain: Chain;
const block = (name: string) => scanPem(readFileSync(chain.path(name), 'utf8')).blocks[0].bytes;
const pin = (args: string[]) => openssl(['dgst', '-sha256', '-r'], chain.dir, openssl(args, chain.dir)).toString().split(' ')[0];

beforeAll(() => {
  chain = makeChain();
  makeExtras(chain);
  openssl(['ec', '-in', 'ee.key', '-no_public', '-out', 'ee-nopub.key'], chain.dir);
  openssl(['genpkey', '-algorithm', 'X25519', '-out', 'x25519.key'], chain.dir);
});

describe("private keys give their public key, equal to the certificate's", () => {
  it('EC (PKCS#8, SEC1, SEC1 without the public point), RSA (PKCS#1), Ed25519 (PKCS#8 v1)', async () => {
    const cases: [string, 'pkcs8' | 'pkcs1' | 'sec1', string][] = [
      ['ee.key', 'pkcs8', 'ee.pem'],
      ['ee-sec1.key', 'sec1', 'ee.pem'],
      ['ee-nopub.key', 'sec1', 'ee.pem'],
      ['root-pkcs1.key', 'pkcs1', 'root.pem'],
      ['ed.key', 'pkcs8', 'ed.pem'],
    ];
    const got = [];
    for (const [file, format, certFile] of cases) {
      const k = await parsePrivateKey(block(file), format, subtle);
      const cert = decodeCertificate(block(certFile));
      got.push([
        file,
        k.format,
        k.algorithm,
        k.bits,
        k.curve,
        keyIdentity(k.publicKey!) === keyIdentity(cert.publicKey),
        k.publicKey!.spkiSha256 === pin(['pkey', '-in', file, '-pubout', '-outform', 'DER']),
      ]);
    }
    expect(got).toEqual([
      ['ee.key', 'PKCS#8', 'EC', 256, 'P-256', true, true],
      ['ee-sec1.key', 'SEC1', 'EC', 256, 'P-256', true, true],
      ['ee-nopub.key', 'SEC1', 'EC', 256, 'P-256', true, true],
      ['root-pkcs1.key', 'PKCS#1', 'RSA', 2048, undefined, true, true],
      ['ed.key', 'PKCS#8', 'Ed25519', 256, undefined, true, true],
    ]);
  });

  it('X25519 keys derive their public key too', async () => {
    const k = await parsePrivateKey(block('x25519.key'), 'pkcs8', subtle);
    expect([k.algorithm, k.bits, k.publicKey?.spkiSha256]).toEqual(['X25519', 253, pin(['pkey', '-in', 'x25519.key', '-pubout', '-outform', 'DER'])]);
  });

  it('PKCS#8 from PKCS#1 is what openssl pkey writes', async () => {
    const k = await parsePrivateKey(block('root-pkcs1.key'), 'pkcs1', subtle);
    // (openssl pkey writes PKCS#8 only as PEM; its DER output is the traditional form)
    expect(toPem('PRIVATE KEY', k.pkcs8)).toBe(openssl(['pkey', '-in', 'root-pkcs1.key'], chain.dir).toString());
  });
});

describe('public keys and identities', () => {
  it('an RSA PUBLIC KEY (PKCS#1) is the same key as the SPKI in the certificate', async () => {
    const pk = await parseRsaPublicKey(block('root-rsapub.pem'), subtle);
    expect(keyIdentity(pk)).toBe(keyIdentity(decodeCertificate(block('root.pem')).publicKey));
    expect(keyIdentity(pk)).not.toBe(keyIdentity(decodeCertificate(block('ica.pem')).publicKey));
  });

  it('a compressed EC point has the same identity as the uncompressed one', () => {
    openssl(['ec', '-in', 'ee.key', '-pubout', '-conv_form', 'compressed', '-out', 'ee-pub-compressed.pem'], chain.dir);
    const a = parsePublicKey(block('ee-pub-compressed.pem'));
    const b = parsePublicKey(block('ee-pub.pem'));
    expect([a.spki.length < b.spki.length, keyIdentity(a) === keyIdentity(b)]).toEqual([true, true]);
  });
});

describe('encrypted PKCS#8', () => {
  it('opens PBES2/AES-256 and PKCS#12-PBE/3DES keys and names a wrong password', async () => {
    for (const file of ['ee-enc.key', 'ee-enc-3des.key']) {
      const k = await decryptPkcs8(block(file), 'pw', subtle);
      expect(toPem('PRIVATE KEY', k.pkcs8)).toBe(openssl(['pkey', '-in', file, '-passin', 'pass:pw'], chain.dir).toString());
      const err = await decryptPkcs8(block(file), 'wrong', subtle).catch((e) => e);
      expect(err instanceof PbeError && err.failure.kind).toBe('WrongPassword');
    }
  });
});
