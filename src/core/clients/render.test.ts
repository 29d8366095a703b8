/**
 * Exact texts each client prints for the main verification situations. The certificates are
 * built in code (test/clients/pki.ts) and parsed with the project's parser:
 *
 *   root "Certlab Test Root" -> ica "Certlab Test ICA" -> ee "localhost" (SAN DNS:localhost, IP:127.0.0.1)
 *
 * with the one change each situation needs. The OpenSSL-family texts are also compared with the
 * real programs in test/clients/real-clients.test.ts.
 */
import { webcrypto } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../x509/certificate.ts';
import type { Certificate } from '../model.ts';
import { issue, type CertSpec, type Issued } from '../../../test/clients/pki.ts';
import { FAILURE_CODES, type FailureKind, type ValidationFailure } from '../validate/failures.ts';
import { allClientMessages } from './render.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 86_400_000;
const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const TAIL =
  'More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.';
const HINT = '; if the root CA is installed locally, try running Node.js with --use-system-ca';
const PY = (text: string) => `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${text} (_ssl.c:1006)`;
const SUBJECTS = ['CN=localhost', 'CN=Certlab Test ICA', 'CN=Certlab Test Root'];

let root: Issued;
let ica: Issued;
const parse = async (i: Issued): Promise<Certificate> => parseCertificate(new Uint8Array(i.cert.rawData), subtle);
const leaf = async (spec: Partial<CertSpec> = {}, issuer?: Issued) => parse(await issue({ cn: 'localhost', issuer: issuer ?? ica, ...spec }, NOW));

beforeAll(async () => {
  root = await issue({ cn: 'Certlab Test Root', ca: true }, NOW);
  ica = await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root }, NOW);
});

/**
 * The failure variant the validator reports for an OpenSSL code (the first kind with that code in
 * FAILURE_CODES), at a depth; null for code 0. The renderers read the kind, code and depth only.
 */
function failure({ code, depth }: { code: number; depth: number }): ValidationFailure | null {
  if (code === 0) return null;
  const kind = (Object.keys(FAILURE_CODES) as FailureKind[]).find((k) => FAILURE_CODES[k] === code);
  if (!kind) throw new Error(`no failure kind has OpenSSL code ${code}`);
  return { kind, depth, subject: '', sha256: '' } as ValidationFailure;
}

/** fails + message per client, for one situation. */
function render(f: { code: number; depth: number }, cert: Certificate, host = 'localhost', chainSubjects = SUBJECTS) {
  const all = allClientMessages(failure(f), { host, port: 8443, cert, chainSubjects, at: NOW });
  return Object.fromEntries(Object.entries(all).map(([c, r]) => [c, { fails: r.fails, message: r.message, errorCode: r.errorCode }]));
}

describe('clientMessage: the main situations, every client', () => {
  it('incomplete chain: leaf only, its issuer not sent (20 at depth 0)', async () => {
    const r = render({ code: 20, depth: 0 }, await leaf(), 'localhost', ['CN=localhost']);
    expect(r).toEqual({
      openssl: {
        fails: true,
        errorCode: '21',
        message:
          'verify error:num=20:unable to get local issuer certificate\nverify error:num=21:unable to verify the first certificate\nVerification error: unable to verify the first certificate\nVerify return code: 21 (unable to verify the first certificate)',
      },
      curl: { fails: true, errorCode: '60', message: `curl: (60) SSL certificate problem: unable to get local issuer certificate\n${TAIL}` },
      python: { fails: true, errorCode: 'CERTIFICATE_VERIFY_FAILED', message: `ssl.SSLCertVerificationError: ${PY('unable to get local issuer certificate')}` },
      node: { fails: true, errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: `Error: unable to verify the first certificate${HINT}` },
      java: {
        fails: true,
        errorCode: 'SunCertPathBuilderException',
        message:
          'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      },
      go: { fails: true, errorCode: 'x509.UnknownAuthorityError', message: 'tls: failed to verify certificate: x509: certificate signed by unknown authority' },
      rustls: { fails: true, errorCode: 'CertificateError::UnknownIssuer', message: 'invalid peer certificate: UnknownIssuer' },
      dotnet: {
        fails: true,
        errorCode: 'X509ChainStatusFlags.PartialChain',
        message:
          'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: PartialChain',
      },
      chrome: { fails: true, errorCode: 'ERR_CERT_AUTHORITY_INVALID', message: 'NET::ERR_CERT_AUTHORITY_INVALID' },
      firefox: { fails: true, errorCode: 'SEC_ERROR_UNKNOWN_ISSUER', message: 'Peer’s Certificate issuer is not recognized.' },
    });
  });

  it('unknown CA: the chain is sent but its root is not trusted (20 at depth 1)', async () => {
    const r = render({ code: 20, depth: 1 }, await leaf());
    expect([r.openssl.message, r.node.message, r.node.errorCode, r.curl.message.split('\n')[0]]).toEqual([
      'verify error:num=20:unable to get local issuer certificate\nVerification error: unable to get local issuer certificate\nVerify return code: 20 (unable to get local issuer certificate)',
      'Error: unable to get local issuer certificate',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
    ]);
  });

  it('self-signed leaf (18)', async () => {
    const self = await parse(await issue({ cn: 'localhost' }, NOW));
    const r = render({ code: 18, depth: 0 }, self, 'localhost', ['CN=localhost']);
    expect([
      r.openssl.message.split('\n')[0],
      r.curl.message.split('\n')[0],
      r.python.message,
      r.node,
      r.java.message,
      r.go.message,
      r.dotnet.message,
      r.chrome.message,
      r.firefox,
    ]).toEqual([
      'verify error:num=18:self-signed certificate',
      'curl: (60) SSL certificate problem: self-signed certificate',
      `ssl.SSLCertVerificationError: ${PY('self-signed certificate')}`,
      { fails: true, errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: `Error: self-signed certificate${HINT}` },
      'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
      'tls: failed to verify certificate: x509: certificate signed by unknown authority',
      'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
      'NET::ERR_CERT_AUTHORITY_INVALID',
      { fails: true, errorCode: 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', message: 'The certificate is not trusted because it is self-signed.' },
    ]);
  });

  it('self-signed root in the chain, not trusted (19)', async () => {
    const r = render({ code: 19, depth: 2 }, await parse(root));
    expect([r.curl.message.split('\n')[0], r.node.message, r.node.errorCode, r.dotnet.errorCode, r.firefox.errorCode]).toEqual([
      'curl: (60) SSL certificate problem: self-signed certificate in certificate chain',
      'Error: self-signed certificate in certificate chain',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'X509ChainStatusFlags.UntrustedRoot',
      'SEC_ERROR_UNKNOWN_ISSUER',
    ]);
  });

  it('expired leaf (10)', async () => {
    const ee = await leaf({ notBefore: NOW - 100 * DAY, notAfter: Date.UTC(2026, 10, 16, 12, 0, 0) });
    const r = render({ code: 10, depth: 0 }, ee);
    expect([r.python.message, r.node.message, r.java.message, r.go.message, r.dotnet.message, r.chrome.message, r.firefox.message]).toEqual([
      `ssl.SSLCertVerificationError: ${PY('certificate has expired')}`,
      'Error: certificate has expired',
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed\nCaused by: java.security.cert.CertificateExpiredException: NotAfter: Mon Nov 16 12:00:00 UTC 2026',
      'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-26T12:00:00Z is after 2026-11-16T12:00:00Z',
      'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: NotTimeValid',
      'NET::ERR_CERT_DATE_INVALID',
      'Peer’s Certificate has expired.',
    ]);
  });

  it('expired intermediate (10 at depth 1): Firefox names the issuer, Java and Go give its date', async () => {
    const oldIca = await parse(
      await issue({ cn: 'Certlab Test ICA', ca: true, issuer: root, notBefore: NOW - 200 * DAY, notAfter: Date.UTC(2026, 10, 21, 12, 0, 0) }, NOW),
    );
    const r = render({ code: 10, depth: 1 }, oldIca);
    expect([r.node.errorCode, r.java.message.split('\n')[1], r.go.message, r.chrome.message, r.firefox]).toEqual([
      'CERT_HAS_EXPIRED',
      'Caused by: java.security.cert.CertificateExpiredException: NotAfter: Sat Nov 21 12:00:00 UTC 2026',
      'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-26T12:00:00Z is after 2026-11-21T12:00:00Z',
      'NET::ERR_CERT_DATE_INVALID',
      {
        fails: true,
        errorCode: 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
        message: 'The certificate issuer’s certificate has expired. Check your system date and time.',
      },
    ]);
  });

  it('leaf not yet valid (9)', async () => {
    const ee = await leaf({ notBefore: Date.UTC(2026, 11, 6, 12, 0, 0), notAfter: NOW + 100 * DAY });
    const r = render({ code: 9, depth: 0 }, ee);
    expect([r.curl.message.split('\n')[0], r.node.errorCode, r.java.message.split('\n')[1], r.go.message, r.firefox.errorCode]).toEqual([
      'curl: (60) SSL certificate problem: certificate is not yet valid',
      'CERT_NOT_YET_VALID',
      'Caused by: java.security.cert.CertificateNotYetValidException: NotBefore: Sun Dec 06 12:00:00 UTC 2026',
      'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2026-11-26T12:00:00Z is before 2026-12-06T12:00:00Z',
      'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE',
    ]);
  });

  it('hostname mismatch (62)', async () => {
    const ee = await leaf({ cn: 'www.example.org', san: ['DNS:www.example.org', 'DNS:example.org'] });
    const r = render({ code: 62, depth: 0 }, ee);
    expect(r).toEqual({
      openssl: {
        fails: true,
        errorCode: '62',
        message: 'verify error:num=62:hostname mismatch\nVerification error: hostname mismatch\nVerify return code: 62 (hostname mismatch)',
      },
      curl: { fails: true, errorCode: '60', message: `curl: (60) SSL: no alternative certificate subject name matches target host name 'localhost'\n${TAIL}` },
      python: {
        fails: true,
        errorCode: 'CERTIFICATE_VERIFY_FAILED',
        message: `ssl.SSLCertVerificationError: ${PY("Hostname mismatch, certificate is not valid for 'localhost'.")}`,
      },
      node: {
        fails: true,
        errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
        message:
          "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:www.example.org, DNS:example.org",
      },
      java: {
        fails: true,
        errorCode: 'CertificateException',
        message: 'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching localhost found.',
      },
      go: {
        fails: true,
        errorCode: 'x509.HostnameError',
        message: 'tls: failed to verify certificate: x509: certificate is valid for www.example.org, example.org, not localhost',
      },
      rustls: {
        fails: true,
        errorCode: 'CertificateError::NotValidForNameContext',
        message:
          'invalid peer certificate: certificate not valid for name "localhost"; certificate is only valid for DnsName("www.example.org") or DnsName("example.org")',
      },
      dotnet: {
        fails: true,
        errorCode: 'RemoteCertificateNameMismatch',
        message:
          'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch',
      },
      chrome: { fails: true, errorCode: 'ERR_CERT_COMMON_NAME_INVALID', message: 'NET::ERR_CERT_COMMON_NAME_INVALID' },
      firefox: {
        fails: true,
        errorCode: 'SSL_ERROR_BAD_CERT_DOMAIN',
        message: 'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.',
      },
    });
  });

  it('IP address mismatch (64): asked for 127.0.0.1, the certificate names 127.0.0.2', async () => {
    const r = render({ code: 64, depth: 0 }, await leaf({ san: ['DNS:localhost', 'IP:127.0.0.2'] }), '127.0.0.1');
    expect([
      r.openssl.message.split('\n')[0],
      r.curl.message.split('\n')[0],
      r.python.message,
      r.node.message,
      r.java.message,
      r.go.message,
      r.chrome.message,
    ]).toEqual([
      'verify error:num=64:IP address mismatch',
      "curl: (60) SSL: no alternative certificate subject name matches target host name '127.0.0.1'",
      `ssl.SSLCertVerificationError: ${PY("IP address mismatch, certificate is not valid for '127.0.0.1'.")}`,
      "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: 127.0.0.1 is not in the cert's list: 127.0.0.2",
      'javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address 127.0.0.1 found',
      'tls: failed to verify certificate: x509: certificate is valid for 127.0.0.2, not 127.0.0.1',
      'NET::ERR_CERT_COMMON_NAME_INVALID',
    ]);
  });

  it('hostname mismatch: requests quotes the message with double quotes, as Python repr does', async () => {
    const ee = await leaf({ cn: 'www.example.org', san: ['DNS:www.example.org'] });
    const all = allClientMessages(failure({ code: 62, depth: 0 }), { host: 'localhost', port: 8443, cert: ee, at: NOW });
    expect(all.python.variants?.requests.message).toBe(
      `requests.exceptions.SSLError: HTTPSConnectionPool(host='localhost', port=8443): Max retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, "${PY("Hostname mismatch, certificate is not valid for 'localhost'.")}")))`,
    );
  });

  it('CN only, no SAN: OpenSSL clients, Java and Python ssl accept; Go, rustls, browsers and requests refuse', async () => {
    const ee = await leaf({ san: null });
    const r = render({ code: 0, depth: 0 }, ee);
    const all = allClientMessages(failure({ code: 0, depth: 0 }), { host: 'localhost', port: 8443, cert: ee, at: NOW });
    expect(Object.fromEntries(Object.entries(r).map(([c, v]) => [c, v.fails]))).toEqual({
      openssl: false,
      curl: false,
      python: false,
      node: false,
      java: false,
      go: true,
      rustls: true,
      dotnet: false,
      chrome: true,
      firefox: true,
    });
    expect([r.go.message, all.python.variants?.requests.fails]).toEqual([
      'tls: failed to verify certificate: x509: certificate relies on legacy Common Name field, use SANs instead',
      true,
    ]);
  });

  it('issuer is not a CA (79): s_client and Node report 26, the last error; Go refuses the issuer while checking the signature', async () => {
    const notCa = await parse(await issue({ cn: 'Certlab Test ICA', ca: false, keyUsage: 32 | 64, eku: null, san: null, issuer: root }, NOW));
    const r = render({ code: 79, depth: 1 }, notCa);
    expect([
      r.openssl.message,
      r.curl.message.split('\n')[0],
      r.node.message,
      r.node.errorCode,
      r.java.message,
      r.go.message,
      r.dotnet.errorCode,
      r.chrome.message,
      r.firefox.errorCode,
    ]).toEqual([
      'verify error:num=79:invalid CA certificate\nverify error:num=26:unsuitable certificate purpose\nVerification error: unsuitable certificate purpose\nVerify return code: 26 (unsuitable certificate purpose)',
      'curl: (60) SSL certificate problem: invalid CA certificate',
      'Error: unsuitable certificate purpose',
      'INVALID_PURPOSE',
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: basic constraints check failed: this is not a CA certificate',
      'tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate" while trying to verify candidate authority certificate "Certlab Test ICA")',
      'X509ChainStatusFlags.InvalidBasicConstraints',
      'NET::ERR_CERT_INVALID',
      'SEC_ERROR_CA_CERT_INVALID',
    ]);
  });

  it('CA without keyCertSign (79): Node reports 32 as UNSPECIFIED; Go refuses the issuer too', async () => {
    const noSign = await parse(await issue({ cn: 'Certlab Test ICA', ca: true, keyUsage: 1, issuer: root }, NOW));
    const r = render({ code: 79, depth: 1 }, noSign);
    expect([r.node.message, r.node.errorCode, r.java.message, r.go.fails, r.firefox.errorCode]).toEqual([
      'Error: key usage does not include certificate signing',
      'UNSPECIFIED',
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: CA key usage check failed: keyCertSign bit is not set',
      true,
      'SEC_ERROR_INADEQUATE_KEY_USAGE',
    ]);
  });

  it("path length exceeded at the root (25 at depth 2): Java ignores the anchor's pathLen", async () => {
    const r = render({ code: 25, depth: 2 }, await parse(root));
    expect([r.curl.message.split('\n')[0], r.node.errorCode, r.java.fails, r.go.message, r.firefox.errorCode]).toEqual([
      'curl: (60) SSL certificate problem: path length constraint exceeded',
      'PATH_LENGTH_EXCEEDED',
      false,
      'tls: failed to verify certificate: x509: too many intermediates for path length constraint',
      'SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID',
    ]);
  });

  it('wrong purpose: leaf EKU clientAuth only (26)', async () => {
    const r = render({ code: 26, depth: 0 }, await leaf({ eku: ['1.3.6.1.5.5.7.3.2'] }));
    expect([r.python.message, r.node.message, r.java.message, r.go.message, r.dotnet.errorCode, r.firefox.errorCode]).toEqual([
      `ssl.SSLCertVerificationError: ${PY('unsuitable certificate purpose')}`,
      'Error: unsuitable certificate purpose',
      'javax.net.ssl.SSLHandshakeException: Extended key usage does not permit use for TLS server authentication',
      'tls: failed to verify certificate: x509: certificate specifies an incompatible key usage',
      'X509ChainStatusFlags.NotValidForUsage',
      'SEC_ERROR_INADEQUATE_CERT_TYPE',
    ]);
  });

  it('RSA-1024 leaf (66): refused at OpenSSL security level 2, by Node 24 and by rustls; Node 20, Java, Go and browsers accept', async () => {
    const ee = await leaf({ rsaBits: 1024 });
    const all = allClientMessages(failure({ code: 66, depth: 0 }), { host: 'localhost', cert: ee, at: NOW });
    expect(Object.fromEntries(Object.entries(all).map(([c, v]) => [c, v.fails]))).toEqual({
      openssl: true,
      curl: true,
      python: true,
      node: true,
      java: false,
      go: false,
      rustls: true,
      dotnet: false,
      chrome: false,
      firefox: false,
    });
    expect([all.curl.message.split('\n')[0], all.node.message, all.node.errorCode, all.node.variants?.node20]).toEqual([
      'curl: (60) SSL certificate problem: EE certificate key too weak',
      'Error: EE certificate key too weak',
      'UNSPECIFIED',
      { fails: false, message: '' },
    ]);
  });

  it('SHA-1 signed leaf (68): Java 17 accepts it, Go names the algorithm and the candidate issuer, Chromium says CERT_INVALID', async () => {
    const ee = await leaf({ hash: 'SHA-1' });
    const r = render({ code: 68, depth: 0 }, ee);
    expect([r.curl.message.split('\n')[0], r.node.errorCode, r.java.fails, r.go.message, r.chrome.message, r.firefox.errorCode]).toEqual([
      'curl: (60) SSL certificate problem: CA signature digest algorithm too weak',
      'UNSPECIFIED',
      false,
      'tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of "x509: cannot verify signature: insecure algorithm SHA1-RSA" while trying to verify candidate authority certificate "Certlab Test ICA")',
      'NET::ERR_CERT_INVALID',
      'SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED',
    ]);
    const all = allClientMessages(failure({ code: 68, depth: 0 }), { host: 'localhost', cert: ee, chainSubjects: SUBJECTS, at: NOW });
    const hint =
      'x509: certificate signed by unknown authority (possibly because of "x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)" while trying to verify candidate authority certificate "Certlab Test ICA")';
    expect(all.go.variants).toEqual({
      'go1.20-1.23': { fails: true, message: `tls: failed to verify certificate: ${hint}` },
      'go1.18-1.19': { fails: true, message: hint },
    });
  });

  it("name constraints: leaf outside the issuer's permitted subtree (47)", async () => {
    const r = render({ code: 47, depth: 0 }, await leaf({ san: ['DNS:localhost'] }));
    expect([
      r.python.message,
      r.node.message,
      r.node.errorCode,
      r.java.message,
      r.go.message,
      r.chrome.message,
      r.firefox.errorCode,
      r.dotnet.fails,
      r.dotnet.message,
    ]).toEqual([
      `ssl.SSLCertVerificationError: ${PY('permitted subtree violation')}`,
      'Error: permitted subtree violation',
      'UNSPECIFIED',
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: name constraints check failed',
      'tls: failed to verify certificate: x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "localhost" is not permitted by any constraint',
      'NET::ERR_CERT_INVALID',
      'SEC_ERROR_CERT_NOT_IN_NAME_SPACE',
      true,
      '',
    ]);
  });

  it('valid chain: nobody complains', async () => {
    const r = render({ code: 0, depth: 0 }, await leaf());
    expect(Object.values(r).map((v) => v.fails)).toEqual([false, false, false, false, false, false, false, false, false, false]);
  });

  it('incomplete chain with an AIA URL: Chrome and .NET fetch the issuer, the others fail', async () => {
    const ee = await leaf();
    const withAia: Certificate = { ...ee, aia: { caIssuers: ['http://ca.example/ica.der'], ocsp: [] } };
    const r = render({ code: 20, depth: 0 }, withAia, 'localhost', ['CN=localhost']);
    expect(Object.fromEntries(Object.entries(r).map(([c, v]) => [c, v.fails]))).toEqual({
      openssl: true,
      curl: true,
      python: true,
      node: true,
      java: true,
      go: true,
      rustls: true,
      dotnet: false,
      chrome: false,
      firefox: true,
    });
  });
});
