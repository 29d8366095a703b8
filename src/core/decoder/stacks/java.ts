/**
 * Java JSSE / PKIX wordings beyond the client table: the short forms Gradle, Maven and
 * IDEs print, Android's TrustManager, OkHttp, and validator messages of older JDKs.
 */
import { V } from '../../codes/verify-code-constants.ts';
import { CHAIN_UNKNOWN, DATES, HANDSHAKE, type StackEntry } from './types.ts';

const PKIX =
  'openjdk/jdk commit 1c651455a75ff21770bb3b112a440396fce402a5 src/java.base/share/classes/sun/security/validator/PKIXValidator.java ("PKIX path building failed", "PKIX path validation failed")';
const CPV =
  'openjdk/jdk src/java.base/share/classes/sun/security/provider/certpath (BasicChecker "validity check failed"/"timestamp check failed", PKIXCertPathValidator "Path does not chain with any of the trust anchors", AlgorithmChecker)';
const ALERT = 'openjdk/jdk src/java.base/share/classes/sun/security/ssl/Alert.java ("Received fatal alert: %s") and TransportContext';
const ANDROID = 'aosp platform/external/conscrypt TrustManagerImpl ("Trust anchor for certification path not found.", "Chain validation failed")';
const OKHTTP =
  'square/okhttp okhttp/src/main/kotlin/okhttp3/internal/connection/RealConnection.kt ("Hostname %s not verified") and CertificatePinner ("Certificate pinning failure!")';

const j = (id: string, pattern: RegExp, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'java',
  id,
  pattern,
  cause,
  source: PKIX,
  ...extra,
});

export const JAVA_ENTRIES: StackEntry[] = [
  j('pkix-build-short', /PKIX path building failed/, 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  j('no-valid-path', /unable to find valid certification path to requested target/, 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  j('no-trusted-cert', /No trusted certificate found/, 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  j('not-chain-anchors', /Path does not chain with any of the trust anchors/, 'unknown-ca', {
    alternatives: ['unknown-ca', 'incomplete-chain', 'outdated-client-store'],
    source: CPV,
  }),
  j('trust-anchors-empty', /the trustAnchors parameter must be non-empty/, 'outdated-client-store', {
    source: 'openjdk/jdk src/java.base/share/classes/java/security/cert/PKIXParameters.java (empty or unreadable cacerts)',
  }),
  j('validity', /validity check failed|timestamp check failed/, 'expired', { alternatives: DATES, source: CPV }),
  j('expired-exception', /CertificateExpiredException: NotAfter: [^\n]+/, 'expired', {
    code: V.CERT_HAS_EXPIRED,
    source: 'openjdk/jdk src/java.base/share/classes/sun/security/x509/CertificateValidity.java',
  }),
  j('not-yet-exception', /CertificateNotYetValidException: NotBefore: [^\n]+/, 'not-yet-valid', {
    code: V.CERT_NOT_YET_VALID,
    source: 'openjdk/jdk src/java.base/share/classes/sun/security/x509/CertificateValidity.java',
  }),
  j(
    'no-san',
    /No subject alternative (?:DNS name matching \S+ found|names (?:matching IP address \S+ found|present))|No name matching \S+ found/,
    'hostname-mismatch',
    { code: V.HOSTNAME_MISMATCH, source: 'openjdk/jdk src/java.base/share/classes/sun/security/util/HostnameChecker.java' },
  ),
  j(
    'algorithm-sig',
    /Algorithm constraints check failed on (?:signature algorithm|disabled algorithm)|Certificates do not conform to algorithm constraints/,
    'weak-signature',
    { code: V.CA_MD_TOO_WEAK, alternatives: ['weak-signature', 'weak-key'], source: CPV },
  ),
  j('algorithm-key', /Algorithm constraints check failed on keysize limits/, 'weak-key', { code: V.EE_KEY_TOO_SMALL, source: CPV }),
  j('revoked', /Certificate has been revoked, reason: \w+/, 'revoked', { code: V.CERT_REVOKED, source: CPV }),
  j('revocation-unknown', /Could not determine revocation status/, 'revoked', { source: CPV }),
  j('eku', /Extended key usage does not permit use for TLS (?:server|client) authentication/, 'wrong-purpose', {
    code: V.INVALID_PURPOSE,
    source: 'openjdk/jdk src/java.base/share/classes/sun/security/validator/EndEntityChecker.java',
  }),
  j('alert-handshake', /Received fatal alert: handshake_failure/, 'protocol-mismatch', { alternatives: HANDSHAKE, source: ALERT }),
  j(
    'alert-protocol',
    /Received fatal alert: protocol_version|No appropriate protocol \(protocol is disabled or cipher suites are inappropriate\)|The server selected protocol version \w+ is not accepted by client preferences|Client requested protocol \w+ is not enabled or supported in server context/,
    'protocol-mismatch',
    { source: ALERT },
  ),
  j('alert-bad-cert', /Received fatal alert: (?:bad_certificate|certificate_required|unknown_ca)/, 'client-cert-required', {
    alternatives: ['client-cert-required', 'unknown-ca'],
    source: ALERT,
  }),
  j('alert-certificate-unknown', /Received fatal alert: certificate_unknown/, 'client-cert-required', {
    alternatives: ['client-cert-required', 'unknown-ca'],
    source: ALERT,
  }),
  j('unrecognized-ssl', /Unsupported or unrecognized SSL message|Unrecognized SSL message, plaintext connection\?/, 'protocol-mismatch', {
    source: 'openjdk/jdk src/java.base/share/classes/sun/security/ssl/SSLSocketInputRecord.java',
  }),
  j('bc-no-cipher', /found no selectable cipher suite among the \d+ offered|TlsFatalAlert: (?:protocol_version|insufficient_security)/, 'protocol-mismatch', {
    source: 'bcgit/bc-java tls/src/main/java/org/bouncycastle/tls/AbstractTlsServer.java ("found no selectable cipher suite among the %d offered")',
  }),
  j('remote-closed', /Remote host (?:terminated the handshake|closed connection during handshake)/, 'protocol-mismatch', {
    alternatives: ['protocol-mismatch', 'client-cert-required', 'unknown'],
    source: 'openjdk/jdk src/java.base/share/classes/sun/security/ssl/SSLSocketImpl.java',
  }),
  j('empty-client-chain', /Empty (?:client )?certificate chain/, 'client-cert-required', {
    source: 'openjdk/jdk src/java.base/share/classes/sun/security/ssl/CertificateMessage.java (server side)',
  }),
  {
    stack: 'android',
    id: 'trust-anchor',
    pattern: /Trust anchor for certification path not found/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: ANDROID,
  },
  {
    stack: 'android',
    id: 'chain-validation',
    pattern: /CertPathValidatorException: Chain validation failed/,
    cause: 'expired',
    alternatives: ['expired', 'not-yet-valid', 'unknown-ca'],
    source: ANDROID,
  },
  {
    stack: 'okhttp',
    id: 'hostname-not-verified',
    pattern: /Hostname \S+ not verified|Hostname '[^']+' was not verified/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: OKHTTP,
  },
  {
    stack: 'okhttp',
    id: 'pinning',
    pattern: /Certificate pinning failure!/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'expired', 'unknown'],
    source: OKHTTP,
  },
];
