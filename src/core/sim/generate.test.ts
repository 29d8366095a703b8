/**
 * The generator writes what the scenario says: read back with the project's certificate
 * parser, every field is the one asked for.
 *
 *   root (P-384, self-signed, name constraints) -> ica (RSA-2048, pathlen:0) -> leaf (RSA-1024, SHA-1 by ica)
 */
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../x509/certificate.ts';
import { generatePki, resolveTime } from './generate.ts';
import type { Scenario } from './scenario.ts';

const AT = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 86_400_000;

const scenario: Scenario = {
  version: 1,
  host: 'app.corp.example',
  certificates: [
    {
      id: 'root',
      issuer: 'root',
      subject: { country: 'DE', organization: 'Zürich, Test "AG"', commonName: 'Corp Root' },
      key: 'P-384',
      validity: { notBefore: '2020-01-01T00:00:00Z', notAfter: '2060-01-01T00:00:00Z' },
      basicConstraints: { ca: true },
      keyUsage: ['keyCertSign', 'cRLSign'],
      nameConstraints: { permitted: ['corp.example'], excluded: ['bad.corp.example'] },
    },
    {
      id: 'ica',
      issuer: 'root',
      subject: { commonName: 'Corp ICA' },
      key: 'RSA-2048',
      signatureHash: 'SHA-384',
      validity: { notBefore: -10, notAfter: 100 },
      basicConstraints: { ca: true, pathLen: 0 },
      keyUsage: ['keyCertSign'],
    },
    {
      id: 'leaf',
      issuer: 'ica',
      subject: {},
      key: 'RSA-1024',
      signatureHash: 'SHA-1',
      subjectAltNames: ['app.corp.example', '*.corp.example', '10.0.0.1'],
      validity: { notBefore: -1, notAfter: 30 },
      keyUsage: ['digitalSignature', 'keyEncipherment'],
      extendedKeyUsage: ['serverAuth', 'clientAuth'],
      aia: false,
    },
  ],
  serverSends: ['leaf', 'ica'],
  trustStore: ['root'],
};

describe('generatePki', () => {
  it('writes names, keys, hashes, dates and extensions as the scenario says', async () => {
    const r = await generatePki(scenario, { crypto: globalThis.crypto, at: AT });
    if (!r.ok) throw new Error(r.error.message);
    const [root, ica, leaf] = await Promise.all(r.pki.certificates.map((c) => parseCertificate(c.der, crypto.subtle)));
    expect({
      subject: root!.subject.rdns.map((rdn) => rdn.map((a) => `${a.type}=${a.value}`).join('+')),
      key: [root!.publicKey.algorithm, root!.publicKey.curve],
      notAfter: root!.notAfter,
      nameConstraints: root!.nameConstraints,
      selfIssued: root!.selfIssued,
    }).toEqual({
      subject: ['C=DE', 'O=Zürich, Test "AG"', 'CN=Corp Root'],
      key: ['EC', 'P-384'],
      notAfter: Date.UTC(2060, 0, 1), // after 2049: GeneralizedTime
      nameConstraints: { permitted: [{ type: 'dns', value: 'corp.example' }], excluded: [{ type: 'dns', value: 'bad.corp.example' }] },
      selfIssued: true,
    });
    expect({ alg: ica!.signatureAlgorithm.name, bc: ica!.basicConstraints, ku: ica!.keyUsage, bits: ica!.publicKey.bits, notBefore: ica!.notBefore }).toEqual({
      alg: 'ecdsa-with-SHA384',
      bc: { ca: true, pathLen: 0 },
      ku: ['keyCertSign'],
      bits: 2048,
      notBefore: AT - 10 * DAY,
    });
    expect({
      alg: leaf!.signatureAlgorithm.name,
      bits: leaf!.publicKey.bits,
      subject: leaf!.subject.rdns.length,
      sans: leaf!.subjectAltNames,
      eku: leaf!.extKeyUsage,
      bc: leaf!.basicConstraints,
      aia: leaf!.aia,
      akiIsIcaSki: leaf!.authorityKeyId === ica!.subjectKeyId,
    }).toEqual({
      alg: 'sha1WithRSAEncryption',
      bits: 1024,
      subject: 0,
      sans: [
        { type: 'dns', value: 'app.corp.example' },
        { type: 'dns', value: '*.corp.example' },
        { type: 'ip', value: '10.0.0.1' },
      ],
      eku: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
      bc: undefined,
      aia: undefined,
      akiIsIcaSki: true,
    });
    expect(ica!.aia?.caIssuers).toEqual(['http://pki.certlab.test/root.cer']);
    expect(r.pki.aiaResponses['http://pki.certlab.test/root.cer']).toEqual(r.pki.certificates[0]!.der);
    expect(r.pki.certificates[2]!.keyPem.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(r.pki.serverChain).toEqual([r.pki.certificates[2]!.der, r.pki.certificates[1]!.der]);
  });

  it('relative days count from `at`; absolute dates are taken as given', () => {
    expect(resolveTime(-30, AT)).toBe(AT - 30 * DAY);
    expect(resolveTime('2026-01-31T00:00:00Z', AT)).toBe(Date.UTC(2026, 0, 31));
  });
});
