/**
 * clientVerdicts runs the validator under each client's policy and renders each failure with the
 * clients' renderer: the same chain passes for some clients and fails for others exactly where
 * their knobs differ. Chains (test/openssl-verify/pki.ts):
 *
 *   root -> ica -> ee-cn (CN=example.com, no SAN)      root -> ica -> ee-rsa1024 (RSA 1024)
 *   root -> ica -> ee (only the leaf sent)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import type { ChainFactory } from '../../../test/pki/factory.ts';
import { AT, buildPki } from '../../../test/openssl-verify/pki.ts';
import { clientVerdicts } from './verdicts.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

let f: ChainFactory;
const c: Record<string, Certificate> = {};
beforeAll(async () => {
  f = buildPki();
  for (const n of ['root', 'ica', 'ee', 'ee-cn', 'ee-rsa1024']) c[n] = await parseCertificate(f.der(n), subtle);
});
afterAll(() => f?.dispose());

async function verdicts(peer: string, untrusted: Certificate[]) {
  const v = await clientVerdicts({ peer: c[peer], untrusted, anchors: [c.root], peerName: 'example.com', at: AT, subtle });
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x!.fails ? x!.message : 'ok']));
}

describe('clientVerdicts by policy', () => {
  it('a CN-only certificate: OpenSSL-based clients, Java and .NET fall back to the CN; Go, rustls and browsers do not', async () => {
    expect(await verdicts('ee-cn', [c.ica])).toEqual({
      openssl: 'ok',
      curl: 'ok',
      python: 'ok',
      node: 'ok',
      java: 'ok',
      dotnet: 'ok',
      go: 'tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead',
      rustls:
        'invalid peer certificate: certificate not valid for name "example.com"; certificate is not valid for any names (according to its subjectAltName extension)',
      chrome: 'NET::ERR_CERT_COMMON_NAME_INVALID',
      firefox: 'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.',
    });
  });
  it('an RSA-1024 leaf: refused at OpenSSL security level 2 and by rustls (ring verifies 2048+ bits only), accepted where 1024 bits still pass', async () => {
    const v = await verdicts('ee-rsa1024', [c.ica]);
    expect({ ...v, curl: (v.curl as string).split('\n')[0] }).toEqual({
      openssl:
        'verify error:num=66:EE certificate key too weak\nVerification error: EE certificate key too weak\nVerify return code: 66 (EE certificate key too weak)',
      curl: 'curl: (60) SSL certificate problem: EE certificate key too weak',
      python: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: EE certificate key too weak (_ssl.c:1006)',
      node: 'Error: EE certificate key too weak',
      java: 'ok',
      go: 'ok',
      rustls: 'invalid peer certificate: BadSignature',
      dotnet: 'ok',
      chrome: 'ok',
      firefox: 'ok',
    });
  });
  it('leaf only: every client fails, each in its own words (Node reports 21, curl 20)', async () => {
    const v = await verdicts('ee', []);
    expect([v.node, v.go, v.rustls, v.chrome, v.firefox]).toEqual([
      'Error: unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
      'invalid peer certificate: UnknownIssuer',
      'NET::ERR_CERT_AUTHORITY_INVALID',
      'Peer’s Certificate issuer is not recognized.',
    ]);
    expect((v.curl as string).split('\n')[0]).toBe('curl: (60) SSL certificate problem: unable to get local issuer certificate');
  });
  it('a valid chain passes everywhere; only s_client prints a line about it', async () => {
    const v = await clientVerdicts({ peer: c.ee, untrusted: [c.ica], anchors: [c.root], peerName: 'example.com', at: AT, subtle });
    expect(Object.fromEntries(Object.values(v).map((x) => [x.client, [x.fails, x.message, x.result.code]]))).toEqual({
      openssl: [false, 'Verify return code: 0 (ok)', 0],
      curl: [false, '', 0],
      python: [false, '', 0],
      node: [false, '', 0],
      java: [false, '', 0],
      go: [false, '', 0],
      rustls: [false, '', 0],
      dotnet: [false, '', 0],
      chrome: [false, '', 0],
      firefox: [false, '', 0],
    });
  });
});
