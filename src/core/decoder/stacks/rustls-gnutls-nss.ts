/**
 * rustls / webpki (reqwest, cargo, uv, deno, ...), GnuTLS (git, apt, wget, curl-gnutls,
 * OpenLDAP on Debian) and NSS (curl-nss, Firefox's SEC_ERROR_* / MOZILLA_PKIX_ERROR_* codes).
 * rustls 0.23 is also a client of the client table (src/core/clients/rustls.ts, its exact texts);
 * the patterns here also catch older releases' Debug names and webpki's errors inside other wrappers.
 */
import { V } from '../../codes/verify-code-constants.ts';
import { CHAIN_UNKNOWN, DATES, HANDSHAKE, type StackEntry } from './types.ts';

const RUSTLS =
  'rustls/rustls commit 92a9b187ebce1ed834387e5e9a03e38aa6752da2 rustls/src/error/mod.rs (impl Display for Error / CertificateError; 0.21 printed the Debug name, 0.23 a sentence)';
const WEBPKI = 'rustls/webpki commit cdc74d15daa4da630a765b7f79ea9024f1a56448 src/error.rs (Error variants)';
const GNUTLS_STATUS = 'gnutls/gnutls commit a46e3d3a3aab8957934b949d05177ed1503b5f5e lib/cert-session.c gnutls_certificate_verification_status_print';
const GNUTLS_ERR = 'gnutls/gnutls lib/errors.c error_entries (gnutls_strerror texts)';
const CURL_GTLS = 'curl/curl commit f67a79f0825b81aa53605f0b3073d12f31249eb5 lib/vtls/gtls.c (failf texts)';
const APT = 'Debian apt methods/connect.cc + GnuTLS status text (apt >= 1.5 uses GnuTLS directly)';
const WGET_GTLS = 'GNU wget src/gnutls.c ssl_check_certificate (messages "The certificate of %s ...")';
const WGET_OSSL = 'GNU wget src/openssl.c ssl_check_certificate (messages "ERROR: cannot verify %s\'s certificate, issued by %s:")';
const NSS = 'nss-dev/nss lib/util/SECerrs.h and lib/ssl/SSLerrs.h (error texts); curl lib/vtls/nss.c (curl < 8.3 with NSS, Fedora/RHEL 7-8)';
const FF = 'mozilla/gecko-dev security/manager/ssl (error codes shown as "Error code: ..." on the page)';

const rustls = (id: string, pattern: RegExp, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'rustls',
  id,
  pattern,
  cause,
  source: `${RUSTLS}; ${WEBPKI}`,
  ...extra,
});
const ff = (code: string, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'firefox',
  id: code.toLowerCase(),
  pattern: new RegExp(`(?<![A-Za-z0-9_])${code}(?![A-Za-z0-9_])`, 'i'),
  cause,
  source: FF,
  ...extra,
});

export const RUSTLS_ENTRIES: StackEntry[] = [
  rustls(
    'unknown-issuer',
    /invalid peer certificate: (?:UnknownIssuer|unknown issuer)|\bInvalidCertificate\(UnknownIssuer\)|webpki::Error::UnknownIssuer|\bUnknownIssuer\b/,
    'unknown-ca',
    { alternatives: CHAIN_UNKNOWN },
  ),
  rustls('expired', /invalid peer certificate: (?:Expired\b|certificate expired)|InvalidCertificate\(Expired(?:Context)?\b|\bCertExpired\b/, 'expired', {
    code: V.CERT_HAS_EXPIRED,
  }),
  rustls(
    'not-yet-valid',
    /invalid peer certificate: (?:NotValidYet\b|certificate not valid yet)|InvalidCertificate\(NotValidYet|\bCertNotValidYet\b/,
    'not-yet-valid',
    { code: V.CERT_NOT_YET_VALID },
  ),
  rustls(
    'name',
    /invalid peer certificate: (?:NotValidForName\b|certificate not valid for name)|InvalidCertificate\(NotValidForName|\bCertNotValidForName\b/,
    'hostname-mismatch',
    { code: V.HOSTNAME_MISMATCH },
  ),
  rustls('bad-signature', /invalid peer certificate: (?:BadSignature\b|bad signature)|InvalidCertificate\(BadSignature/, 'bad-signature', {
    code: V.CERT_SIGNATURE_FAILURE,
  }),
  rustls('revoked', /invalid peer certificate: (?:Revoked\b|certificate revoked)|InvalidCertificate\(Revoked/, 'revoked', { code: V.CERT_REVOKED }),
  rustls(
    'purpose',
    /invalid peer certificate: (?:InvalidPurpose\b|certificate does not allow)|InvalidCertificate\(InvalidPurpose|\bRequiredEkuNotFound\b/,
    'wrong-purpose',
    { code: V.INVALID_PURPOSE },
  ),
  rustls('ca-as-ee', /\bCaUsedAsEndEntity\b/, 'self-signed', { alternatives: ['self-signed', 'invalid-ca'] }),
  rustls('ee-as-ca', /\bEndEntityUsedAsCa\b/, 'invalid-ca'),
  rustls('unsupported-cert-version', /\bUnsupportedCertVersion\b/, 'invalid-ca', { alternatives: ['invalid-ca', 'self-signed'] }),
  rustls(
    'unsupported-sigalg',
    /invalid peer certificate: (?:UnsupportedSignatureAlgorithm|unsupported signature algorithm)|\bUnsupportedSignatureAlgorithm(?:ForPublicKey)?\b/,
    'weak-signature',
  ),
  rustls('path-len', /\bPathLenConstraintViolated\b/, 'path-length-exceeded', { code: V.PATH_LENGTH_EXCEEDED }),
  rustls('name-constraints', /\bNameConstraintViolation\b/, 'name-constraints'),
  rustls('bad-encoding', /invalid peer certificate: (?:BadEncoding|BadDer)\b/, 'invalid-ca'),
  rustls('alert-handshake', /received fatal alert: HandshakeFailure/, 'protocol-mismatch', { alternatives: HANDSHAKE }),
  rustls('alert-protocol', /received fatal alert: ProtocolVersion|peer is incompatible: /, 'protocol-mismatch'),
  rustls('alert-cert-required', /received fatal alert: CertificateRequired/, 'client-cert-required'),
  rustls('alert-bad-cert', /received fatal alert: (?:BadCertificate|UnknownCA|CertificateUnknown)/, 'client-cert-required', {
    alternatives: ['client-cert-required', 'unknown-ca'],
  }),
  rustls('corrupt-message', /received corrupt message of type InvalidContentType|corrupt message/, 'protocol-mismatch'),
  rustls('no-certs', /peer sent no certificates/, 'client-cert-required'),
];

export const GNUTLS_ENTRIES: StackEntry[] = [
  {
    stack: 'git',
    id: 'gnutls-cafile',
    pattern: /server certificate verification failed\. CAfile: \S+ CRLfile:/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: `${CURL_GTLS} (git on Debian/Ubuntu is linked to libcurl-gnutls)`,
  },
  {
    stack: 'gnutls',
    id: 'status-issuer-unknown',
    pattern: /The certificate issuer is unknown|certificate issuer is not recognized|Peer's certificate issuer is unknown/i,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-not-trusted',
    pattern:
      /The certificate is NOT trusted\.(?! The certificate (?:chain uses expired|issuer is unknown|chain uses not yet|is not yet|has expired|chain uses insecure|chain revoked|issuer is not a CA|requires))/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-expired',
    pattern: /The certificate chain uses expired certificate|The certificate has expired/,
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-not-yet',
    pattern: /The certificate chain uses not yet valid certificate|The certificate is not yet activated/,
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-name',
    pattern: /The name in the certificate does not match the expected|certificate's owner does not match hostname|The certificate's owner does not match/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: GNUTLS_STATUS,
  },
  { stack: 'gnutls', id: 'status-revoked', pattern: /The certificate chain (?:is )?revoked/, code: V.CERT_REVOKED, cause: 'revoked', source: GNUTLS_STATUS },
  {
    stack: 'gnutls',
    id: 'status-ocsp-old',
    pattern: /The revocation or OCSP data are old and have been superseded|The revocation or OCSP data are issued with a future date/,
    cause: 'revoked',
    source: GNUTLS_STATUS,
  },
  { stack: 'gnutls', id: 'status-not-ca', pattern: /The certificate issuer is not a CA/, cause: 'invalid-ca', source: GNUTLS_STATUS },
  {
    stack: 'gnutls',
    id: 'status-insecure',
    pattern: /The certificate chain uses insecure algorithm/,
    code: V.CA_MD_TOO_WEAK,
    cause: 'weak-signature',
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-signer-constraints',
    pattern: /The certificate chain violates the signer's constraints/,
    cause: 'name-constraints',
    alternatives: ['name-constraints', 'path-length-exceeded', 'invalid-ca'],
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-signature',
    pattern: /The signature in the certificate is invalid/,
    code: V.CERT_SIGNATURE_FAILURE,
    cause: 'bad-signature',
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'status-purpose',
    pattern: /The certificate purpose does not match|key purpose .* not compatible/i,
    code: V.INVALID_PURPOSE,
    cause: 'wrong-purpose',
    source: GNUTLS_STATUS,
  },
  {
    stack: 'gnutls',
    id: 'verification-error',
    pattern: /Error in the certificate verification|certificate verification failed(?!\. CAfile)/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: GNUTLS_ERR,
  },
  {
    stack: 'gnutls',
    id: 'fatal-alert',
    pattern:
      /gnutls_handshake\(\) failed: (?:A TLS fatal alert has been received|Handshake failed|An unexpected TLS packet was received|The TLS connection was non-properly terminated|Error in the pull function)|GnuTLS recv error \(-(?:9|110|54)\)/,
    cause: 'protocol-mismatch',
    alternatives: ['protocol-mismatch', 'client-cert-required', 'unknown'],
    source: `${GNUTLS_ERR}; ${CURL_GTLS}`,
  },
  {
    stack: 'gnutls',
    id: 'no-common-alg',
    pattern:
      /Could not negotiate a supported cipher suite|No supported cipher suites have been found|The requested TLS protocol version is not supported|A packet with illegal or unsupported version was received/,
    cause: 'protocol-mismatch',
    source: GNUTLS_ERR,
  },
  {
    stack: 'gnutls',
    id: 'insufficient-credentials',
    pattern: /Insufficient credentials for that request|No certificate was found/,
    cause: 'client-cert-required',
    source: GNUTLS_ERR,
  },
  {
    stack: 'apt',
    id: 'could-not-handshake',
    pattern: /Certificate verification failed: The certificate is NOT trusted/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: APT,
  },
  {
    stack: 'wget',
    id: 'gnutls-not-trusted',
    pattern: /The certificate of [‘'`]?\S+?[’']? is not trusted/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: WGET_GTLS,
  },
  {
    stack: 'wget',
    id: 'gnutls-no-issuer',
    pattern: /The certificate of [‘'`]?\S+?[’']? (?:doesn't|hasn't got) (?:have )?a known issuer/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: WGET_GTLS,
  },
  {
    stack: 'wget',
    id: 'gnutls-expired',
    pattern: /The certificate of [‘'`]?\S+?[’']? has expired/,
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    source: WGET_GTLS,
  },
  {
    stack: 'wget',
    id: 'gnutls-not-activated',
    pattern: /The certificate of [‘'`]?\S+?[’']? (?:is not yet activated|was revoked)/,
    cause: 'not-yet-valid',
    source: WGET_GTLS,
  },
  {
    stack: 'wget',
    id: 'cannot-verify',
    pattern: /ERROR: cannot verify \S+ certificate, issued by/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: WGET_OSSL,
  },
  {
    stack: 'wget',
    id: 'locally-verify',
    pattern: /Unable to locally verify the issuer's authority/,
    code: V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: WGET_OSSL,
  },
  { stack: 'wget', id: 'issued-expired', pattern: /Issued certificate has expired/, code: V.CERT_HAS_EXPIRED, cause: 'expired', source: WGET_OSSL },
  { stack: 'wget', id: 'not-yet-valid', pattern: /Issued certificate not yet valid/, code: V.CERT_NOT_YET_VALID, cause: 'not-yet-valid', source: WGET_OSSL },
  {
    stack: 'wget',
    id: 'self-signed',
    pattern: /Self-signed certificate encountered/,
    code: V.DEPTH_ZERO_SELF_SIGNED_CERT,
    cause: 'self-signed',
    alternatives: ['self-signed', 'unknown-ca'],
    source: WGET_OSSL,
  },
  {
    stack: 'wget',
    id: 'cn-mismatch',
    pattern:
      /certificate common name [‘'`]?[^\n]*?[’']? doesn't match requested host name|no certificate subject alternative name matches\s+requested host name/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: WGET_OSSL,
  },
];

export const NSS_ENTRIES: StackEntry[] = [
  {
    stack: 'nss',
    id: 'issuer-not-recognized',
    pattern: /Peer's Certificate issuer is not recognized/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: NSS,
  },
  { stack: 'nss', id: 'expired', pattern: /Peer's Certificate has expired/, code: V.CERT_HAS_EXPIRED, cause: 'expired', source: NSS },
  {
    stack: 'nss',
    id: 'bad-domain',
    pattern: /Certificate subject name '[^']*' does not match target host name '[^']*'|requested domain name does not match the server'?s certificate/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: NSS,
  },
  {
    stack: 'nss',
    id: 'error-unknown-issuer',
    pattern: /NSS error -8179|SEC_ERROR_UNKNOWN_ISSUER/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: NSS,
  },
  { stack: 'nss', id: 'error-untrusted-issuer', pattern: /NSS error -8172/, code: V.SELF_SIGNED_CERT_IN_CHAIN, cause: 'unknown-ca', source: NSS },
  { stack: 'nss', id: 'error-expired', pattern: /NSS error -8181/, code: V.CERT_HAS_EXPIRED, cause: 'expired', source: NSS },
  {
    stack: 'nss',
    id: 'error-expired-issuer',
    pattern: /NSS error -8162/,
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    alternatives: ['expired', 'outdated-client-store'],
    source: NSS,
  },
  {
    stack: 'nss',
    id: 'error-no-cypher',
    pattern: /NSS error -12286|NSS error -12190|NSS error -12263|SSL_ERROR_RX_RECORD_TOO_LONG/,
    cause: 'protocol-mismatch',
    source: NSS,
  },
  { stack: 'nss', id: 'error-ca-invalid', pattern: /NSS error -8156/, cause: 'invalid-ca', source: NSS },
  { stack: 'nss', id: 'error-bad-cert-domain', pattern: /NSS error -12276/, code: V.HOSTNAME_MISMATCH, cause: 'hostname-mismatch', source: NSS },
  {
    stack: 'nss',
    id: 'error-bad-cert-alert',
    pattern: /NSS error -12271|NSS error -12227|SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT/,
    cause: 'client-cert-required',
    source: NSS,
  },
  {
    stack: 'firefox',
    id: 'no-issuer-chain',
    pattern: /The certificate is not trusted because no issuer chain was provided/,
    cause: 'incomplete-chain',
    alternatives: ['incomplete-chain', 'unknown-ca'],
    source: `${FF} (Firefox < 33 page text for SEC_ERROR_UNKNOWN_ISSUER)`,
  },
  {
    stack: 'firefox',
    id: 'issuer-unknown-text',
    pattern:
      /The certificate is not trusted because the issuer certificate is unknown|its certificate issuer is unknown, the certificate is self-signed, or the server is not sending the correct intermediate certificates/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'incomplete-chain', 'self-signed'],
    source: FF,
  },
  ff('MOZILLA_PKIX_ERROR_MITM_DETECTED', 'unknown-ca'),
  ff('MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED', 'unknown-ca'),
  ff('MOZILLA_PKIX_ERROR_V1_CERT_USED_AS_CA', 'invalid-ca'),
  ff('MOZILLA_PKIX_ERROR_EMPTY_ISSUER_NAME', 'invalid-ca'),
  ff('MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING', 'invalid-ca'),
  ff('MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING', 'revoked'),
  ff('MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING', 'revoked'),
  ff('SEC_ERROR_OCSP_[A-Z_]+', 'revoked'),
  ff('SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE', 'expired', { code: V.CERT_HAS_EXPIRED, alternatives: ['expired', 'outdated-client-store'] }),
  ff('SEC_ERROR_CERT_DATE_INVALID', 'expired', { alternatives: DATES }),
  ff('SSL_ERROR_RX_RECORD_TOO_LONG', 'protocol-mismatch'),
  ff('SSL_ERROR_NO_CYPHER_OVERLAP', 'protocol-mismatch'),
  ff('SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT', 'client-cert-required'),
  ff('SSL_ERROR_UNKNOWN_CA_ALERT', 'client-cert-required', { alternatives: ['client-cert-required', 'unknown-ca'] }),
  ff('SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT', 'protocol-mismatch'),
  ff('SEC_ERROR_CERT_USAGES_INVALID', 'wrong-purpose'),
  ff('SEC_ERROR_INVALID_TIME', 'invalid-ca'),
  ff('SEC_ERROR_BAD_DER', 'invalid-ca'),
  ff('SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION', 'invalid-ca'),
];
