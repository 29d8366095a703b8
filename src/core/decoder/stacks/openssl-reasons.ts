/**
 * OpenSSL library reason strings (ERR_reason_error_string) that travel inside every
 * OpenSSL-based client's message (Python "[SSL: X] x", Ruby, PHP, Node "error:0A000…",
 * nginx, libpq): matched by the reason text or its upper-case name, any OpenSSL version.
 */
import { V } from '../../codes/verify-code-constants.ts';
import { HANDSHAKE, type StackEntry } from './types.ts';

const REASONS = 'openssl/openssl crypto/err/openssl.txt (SSL_R_* reason strings; 1.1.1 "func:reason" and 3.x "::reason" forms)';

const r = (id: string, reason: string, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'openssl',
  id,
  cause,
  source: REASONS,
  ...extra,
  // the longest word of each alternative: every match contains it
  needles: reason.split('|').map((alt) =>
    alt
      .split(' ')
      .reduce((a, b) => (b.length > a.length ? b : a))
      .toLowerCase(),
  ),
  // "ee key too small" or "[SSL: EE_KEY_TOO_SMALL]"
  pattern: new RegExp(`(?<![A-Za-z])(?:${reason.replace(/ /g, '[ _]')})(?![A-Za-z])`, 'i'),
});

export const OPENSSL_REASON_ENTRIES: StackEntry[] = [
  r('ee-key-too-small', 'ee key too small', 'weak-key', { code: V.EE_KEY_TOO_SMALL }),
  r('ca-key-too-small', 'ca key too small', 'weak-key', { code: V.CA_KEY_TOO_SMALL }),
  r('ca-md-too-weak', 'ca md too weak', 'weak-signature', { code: V.CA_MD_TOO_WEAK }),
  r('dh-key-too-small', 'dh key too small', 'weak-key'),
  r('wrong-version-number', 'wrong version number', 'protocol-mismatch'),
  r('unsupported-protocol', 'unsupported protocol|no protocols available|tlsv1 alert protocol version|version too low|unknown protocol', 'protocol-mismatch'),
  r('no-shared-cipher', 'no shared cipher|no ciphers available|no suitable signature algorithm|no cipher match', 'protocol-mismatch'),
  r('legacy-renegotiation', 'unsafe legacy renegotiation disabled', 'protocol-mismatch'),
  r('handshake-failure', 'sslv3 alert handshake failure', 'protocol-mismatch', { alternatives: HANDSHAKE }),
  r('alert-bad-certificate', 'sslv3 alert bad certificate', 'client-cert-required', { alternatives: ['client-cert-required', 'unknown-ca'] }),
  r('alert-certificate-required', 'tlsv13 alert certificate required|peer did not return a certificate', 'client-cert-required'),
  r('alert-unknown-ca', 'tlsv1 alert unknown ca', 'client-cert-required', { alternatives: ['client-cert-required', 'unknown-ca'] }),
  r('alert-certificate-expired', 'sslv3 alert certificate expired', 'client-cert-required', { alternatives: ['client-cert-required', 'expired'] }),
  {
    stack: 'openssl',
    id: 'http-request',
    pattern: /routines:[^\n]*:(?:http request|https proxy request|packet length too long)|\[SSL: (?:HTTP_REQUEST|HTTPS_PROXY_REQUEST)\]/i,
    cause: 'protocol-mismatch',
    source: REASONS,
  },
  r('key-values-mismatch', 'key values mismatch', 'client-cert-required'),
  {
    stack: 'openssl',
    id: 'verify-failed-bare',
    pattern: /(?:SSL routines[^\n]*:|\[SSL: CERTIFICATE_VERIFY_FAILED\] )certificate verify failed(?!:| ?\((?!_ssl\.c))/i,
    cause: 'from-code',
    alternatives: ['unknown-ca', 'incomplete-chain', 'outdated-client-store'],
    source: `${REASONS} (SSL_R_CERTIFICATE_VERIFY_FAILED without the verify text: Python < 3.7, Ruby, PHP, OpenSSL 1.0.2 clients)`,
  },
  {
    stack: 'openssl',
    id: 'no-ca-bundle',
    pattern:
      /error setting certificate verify locations|CAfile: \S+ CApath: none\b|could not load the shared library|no certificate or crl found|\[X509: NO_CERTIFICATE_OR_CRL_FOUND\]/i,
    cause: 'outdated-client-store',
    source: 'curl/curl lib/vtls/openssl.c ("error setting certificate verify locations") and OpenSSL X509_R_NO_CERTIFICATE_OR_CRL_FOUND',
  },
];
