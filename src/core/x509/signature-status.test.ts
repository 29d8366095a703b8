import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeCertificate } from './certificate.ts';
import { scanPem } from '../formats/pem.ts';
import { verifySignature } from './signature-status.ts';
import { makeChain, openssl, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

// Signed by openssl with each algorithm WebCrypto offers:
//   root (RSA 2048) -> pss (RSA-PSS SHA-256 signature), sha1 (sha1WithRSA), sha512 (sha512WithRSA)
//   ica (P-384) -> ecdsa384 (ecdsa-with-SHA384), ecdsa512 (ecdsa-with-SHA512)
//   ed (Ed25519, self-signed) -> edchild (Ed25519 signature)
const subtle = globalThis.crypto.subtle;
let chain: Chain;
const cert = (name: string) => decodeCertificate(scanPem(readFileSync(chain.path(name), 'utf8')).blocks[0].bytes);

beforeAll(() => {
  chain = makeChain();
  const run = (args: string[]) => openssl(args, chain.dir);
  run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'child.key', '-out', 'child.csr', '-subj', '/CN=child']);
  const sign = (out: string, ca: string, key: string, extra: string[]) =>
    run(['x509', '-req', '-in', 'child.csr', '-CA', ca, '-CAkey', key, '-CAcreateserial', '-days', '10', '-out', out, ...extra]);
  sign('pss.pem', 'root.pem', 'root.key', ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']);
  sign('sha1.pem', 'root.pem', 'root.key', ['-sha1']);
  sign('sha512.pem', 'root.pem', 'root.key', ['-sha512']);
  sign('ecdsa384.pem', 'ica.pem', 'ica.key', ['-sha384']);
  sign('ecdsa512.pem', 'ica.pem', 'ica.key', ['-sha512']);
  sign('edchild.pem', 'ed.pem', 'ed.key', []);
});

describe('verifySignature', () => {
  it('checks RSA PKCS#1 v1.5, RSA-PSS, ECDSA and Ed25519 signatures made by openssl', async () => {
    const cases: [string, string][] = [
      ['pss.pem', 'root.pem'],
      ['sha1.pem', 'root.pem'],
      ['sha512.pem', 'root.pem'],
      ['ecdsa384.pem', 'ica.pem'],
      ['ecdsa512.pem', 'ica.pem'],
      ['edchild.pem', 'ed.pem'],
      ['root.pem', 'root.pem'],
      ['ica.pem', 'root.pem'],
      ['ee.pem', 'ica.pem'],
    ];
    const got = [];
    for (const [child, issuer] of cases) {
      const c = cert(child);
      got.push([child, c.signatureAlgorithm.name, (await verifySignature(subtle, c.tbs, c.signatureAlgorithm, c.signature, cert(issuer).publicKey)).status]);
    }
    expect(got).toEqual([
      ['pss.pem', 'rsassaPss', 'valid'],
      ['sha1.pem', 'sha1WithRSAEncryption', 'valid'],
      ['sha512.pem', 'sha512WithRSAEncryption', 'valid'],
      ['ecdsa384.pem', 'ecdsa-with-SHA384', 'valid'],
      ['ecdsa512.pem', 'ecdsa-with-SHA512', 'valid'],
      ['edchild.pem', 'ED25519', 'valid'],
      ['root.pem', 'sha256WithRSAEncryption', 'valid'],
      ['ica.pem', 'sha384WithRSAEncryption', 'valid'],
      ['ee.pem', 'ecdsa-with-SHA256', 'valid'],
    ]);
  });

  it('says invalid for the wrong issuer key or a changed certificate, never throws', async () => {
    const ee = cert('ee.pem');
    const tampered = Uint8Array.from(ee.tbs);
    tampered[tampered.length - 5] ^= 1;
    expect([
      (await verifySignature(subtle, ee.tbs, ee.signatureAlgorithm, ee.signature, cert('root.pem').publicKey)).status, // RSA key, ECDSA signature
      (await verifySignature(subtle, ee.tbs, ee.signatureAlgorithm, ee.signature, cert('ecdsa384.pem').publicKey)).status, // EC key, not the signer
      (await verifySignature(subtle, tampered, ee.signatureAlgorithm, ee.signature, cert('ica.pem').publicKey)).status,
      (await verifySignature(subtle, ee.tbs, ee.signatureAlgorithm, new Uint8Array([0x30, 0x00]), cert('ica.pem').publicKey)).status,
    ]).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(
      await verifySignature(subtle, ee.tbs, { oid: '1.2.840.113549.1.1.4', name: 'md5WithRSAEncryption' }, ee.signature, cert('root.pem').publicKey),
    ).toEqual({ status: 'unsupported', reason: 'md5WithRSAEncryption is not available in WebCrypto' });
  });
});
