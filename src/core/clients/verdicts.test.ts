/**
 * clientVerdicts: each client's own policy decides, then its own words. Chains built in code
 * (test/clients/pki.ts), parsed by the project's parser; the same situations are run against
 * the real programs in test/clients/real-clients.test.ts.
 */
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../x509/certificate.ts';
import type { Certificate } from '../model.ts';
import { issue, type Issued } from '../../../test/clients/pki.ts';
import { clientVerdicts } from './verdicts.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const parse = (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);
const fails = (v: Record<string, { fails: boolean }>) => Object.fromEntries(Object.entries(v).map(([c, r]) => [c, r.fails]));

let root: Issued;
beforeAll(async () => {
  root = await issue({ cn: 'Certlab Test Root', ca: true }, NOW);
});

describe('clientVerdicts', () => {
  it('CA without keyUsage: only Python 3.13 (strict) refuses it', async () => {
    // root -> ica (no keyUsage) -> ee
    const ica = await issue({ cn: 'Certlab Test ICA', ca: true, keyUsage: null, issuer: root }, NOW);
    const ee = await issue({ cn: 'localhost', issuer: ica }, NOW);
    const v = await clientVerdicts({
      peer: await parse(ee),
      untrusted: [await parse(ica)],
      anchors: [await parse(root)],
      peerName: 'localhost',
      at: NOW,
      subtle,
    });
    expect(fails(v)).toEqual({
      openssl: false,
      curl: false,
      python: true,
      node: false,
      java: false,
      go: false,
      rustls: false,
      dotnet: false,
      chrome: false,
      firefox: false,
    });
    expect([v.python.result.code, v.python.result.depth, v.python.variants?.['python3.13'].message]).toEqual([
      92,
      1,
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: CA cert does not include key usage extension (_ssl.c:1020)',
    ]);
  });

  it('only the intermediate trusted: clients that take any trusted certificate as anchor pass', async () => {
    // root -> ica -> ee, trusting ica alone
    const ica = await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root }, NOW);
    const ee = await issue({ cn: 'localhost', issuer: ica }, NOW);
    const v = await clientVerdicts({
      peer: await parse(ee),
      untrusted: [await parse(ica)],
      anchors: [await parse(ica)],
      peerName: 'localhost',
      at: NOW,
      subtle,
    });
    expect(fails(v)).toEqual({
      openssl: true,
      curl: false,
      python: false,
      node: true,
      java: false,
      go: false,
      rustls: false,
      dotnet: true,
      chrome: false,
      firefox: false,
    });
    expect([v.node.message, v.node.errorCode, v.dotnet.message]).toEqual([
      'Error: unable to get issuer certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
      'UNABLE_TO_GET_ISSUER_CERT',
      'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: PartialChain',
    ]);
  });

  it('SHA-1 signed leaf: Java 17 and .NET accept it, the rest refuse', async () => {
    const ica = await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root }, NOW);
    const ee = await issue({ cn: 'localhost', issuer: ica, hash: 'SHA-1' }, NOW);
    const v = await clientVerdicts(
      { peer: await parse(ee), untrusted: [await parse(ica)], anchors: [await parse(root)], peerName: 'localhost', at: NOW, subtle },
      { port: 8443 },
    );
    expect(fails(v)).toEqual({
      openssl: true,
      curl: true,
      python: true,
      node: true,
      java: false,
      go: true,
      rustls: true,
      dotnet: false,
      chrome: true,
      firefox: true,
    });
    expect(v.python.variants?.requests.message).toBe(
      "requests.exceptions.SSLError: HTTPSConnectionPool(host='localhost', port=8443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: CA signature digest algorithm too weak (_ssl.c:1006)')))",
    );
  });
});
