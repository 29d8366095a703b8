/**
 * Java JSSE (PKIX TrustManager): everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { dnsSans, fill, javaDate } from './formats.ts';
import {
  UNTRUSTED,
  aiaCanComplete,
  isAnchorDepth,
  judged,
  lacksKeyCertSign,
  messageIn,
  ok,
  partialChainPasses,
  rsaBits,
  sayFrom,
  unmodelled,
} from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const JDK_HOST = 'openjdk/jdk commit 046262a0f5d0457cb68d5a9968603b1547923e29 src/java.base/share/classes/sun/security/util/HostnameChecker.java';
const JDK_RUN = 'OpenJDK 17.0.15 (Debian) on this machine: test/clients/TlsClient.java (default PKIX TrustManager, HTTPS endpoint identification)';
export const JAVA_MESSAGES: readonly ClientMessage<'java'>[] = [
  {
    client: 'java',
    id: 'pkix-build',
    template:
      'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    cause: 'unknown-ca',
    errorCode: 'SunCertPathBuilderException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED} (incomplete-chain, unknown-ca, self-signed-in-chain, self-signed-leaf all give this)`,
  },
  {
    client: 'java',
    id: 'validity-check',
    template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed',
    cause: 'expired',
    errorCode: 'CertPathValidatorException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'expired',
    template: 'java.security.cert.CertificateExpiredException: NotAfter: {notAfter}',
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    errorCode: 'CertificateExpiredException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED} (date in java.util.Date.toString form, JVM time zone)`,
  },
  {
    client: 'java',
    id: 'not-yet-valid',
    template: 'java.security.cert.CertificateNotYetValidException: NotBefore: {notBefore}',
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    errorCode: 'CertificateNotYetValidException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'no-san-dns',
    template: 'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching {host} found.',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CertificateException',
    basis: 'both',
    source: `${JDK_HOST}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'no-name',
    template: 'javax.net.ssl.SSLHandshakeException: No name matching {host} found',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CertificateException',
    basis: 'source',
    source: `${JDK_HOST} (no DNS SAN; subject CN did not match)`,
  },
  {
    client: 'java',
    id: 'no-san-ip',
    template: 'javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address {host} found',
    code: V.IP_ADDRESS_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CertificateException',
    basis: 'both',
    source: `${JDK_HOST}; ${CAPTURED} (situation ip-mismatch)`,
  },
  {
    client: 'java',
    id: 'no-san',
    template: 'javax.net.ssl.SSLHandshakeException: No subject alternative names present',
    code: V.IP_ADDRESS_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CertificateException',
    basis: 'source',
    source: `${JDK_HOST} (IP target, certificate without SAN)`,
  },
  {
    client: 'java',
    id: 'not-a-ca',
    template:
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: basic constraints check failed: this is not a CA certificate',
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'CertPathValidatorException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'pathlen',
    template:
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: basic constraints check failed: pathLenConstraint violated - this cert must be the last cert in the certification path',
    code: V.PATH_LENGTH_EXCEEDED,
    cause: 'path-length-exceeded',
    errorCode: 'CertPathValidatorException',
    basis: 'source',
    source:
      "openjdk/jdk src/java.base/share/classes/sun/security/provider/certpath/ConstraintsChecker.java checkBasicConstraints (for an intermediate's pathLen; Java ignores the trust anchor's own pathLen: captured here, root pathlen:0 -> ica -> ee is accepted)",
  },
  {
    client: 'java',
    id: 'eku',
    template: 'javax.net.ssl.SSLHandshakeException: Extended key usage does not permit use for TLS server authentication',
    code: V.INVALID_PURPOSE,
    cause: 'wrong-purpose',
    errorCode: 'ValidatorException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'keycertsign',
    template:
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: CA key usage check failed: keyCertSign bit is not set',
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'CertPathValidatorException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'name-constraints',
    template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: name constraints check failed',
    code: V.PERMITTED_VIOLATION,
    cause: 'name-constraints',
    errorCode: 'CertPathValidatorException',
    basis: 'captured',
    source: `${JDK_RUN}; ${CAPTURED}`,
  },
  {
    client: 'java',
    id: 'algorithm-constraints',
    template:
      'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: Algorithm constraints check failed on signature algorithm: {alg}',
    code: V.CA_MD_TOO_WEAK,
    cause: 'weak-signature',
    errorCode: 'CertPathValidatorException',
    basis: 'source',
    source:
      'openjdk/jdk sun/security/provider/certpath/AlgorithmChecker.java; jdk.certpath.disabledAlgorithms in java.security (Java 17: "SHA1 jdkCA & usage TLSServer" = only chains to JDK cacerts roots; a SHA-1 leaf under a private root passed here)',
  },
  {
    client: 'java',
    id: 'alert',
    template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: {alert}',
    cause: 'protocol-mismatch',
    errorCode: 'SSLHandshakeException',
    basis: 'both',
    source: `openjdk/jdk sun/security/ssl/Alert.java; ${CAPTURED} ("Received fatal alert: protocol_version")`,
  },
  {
    client: 'java',
    id: 'alert-handshake-failure',
    template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure',
    cause: 'protocol-mismatch',
    errorCode: 'SSLHandshakeException',
    basis: 'source',
    source: 'openjdk/jdk sun/security/ssl/Alert.java (alert name handshake_failure)',
  },
  {
    client: 'java',
    id: 'alert-bad-certificate',
    template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate',
    cause: 'client-cert-required',
    errorCode: 'SSLHandshakeException',
    basis: 'source',
    source: 'openjdk/jdk sun/security/ssl/Alert.java (alert name bad_certificate: the server rejected the client certificate, TLS 1.2)',
  },
  {
    client: 'java',
    id: 'alert-certificate-required',
    template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required',
    cause: 'client-cert-required',
    errorCode: 'SSLHandshakeException',
    basis: 'source',
    source: 'openjdk/jdk sun/security/ssl/Alert.java (alert name certificate_required, TLS 1.3)',
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'java'> = {
  id: 'java',
  label: 'Java 17 (JSSE, PKIX TrustManager)',
  store: 'java',
  policy: { aiaFetch: false, cnFallback: true, minRsaBits: 1024, rejectSha1: false, strict: false, partialChain: true, maxDepth: 5 },
  evidence: {
    aiaFetch: {
      basis: 'captured',
      note: "Fetches AIA caIssuers only with -Dcom.sun.security.enableAIAcaIssuers=true: a leaf-only chain whose leaf names its issuer's URL fails by default and passes with the flag (situation incomplete-chain-aia).",
    },
    cnFallback: {
      basis: 'captured',
      note: 'HostnameChecker.matchDNS falls back to the most specific CN when there is no DNS SAN; CN-only leaf passes (situation cn-only).',
    },
    minRsaBits: { basis: 'captured', note: 'jdk.certpath.disabledAlgorithms has "RSA keySize < 1024": an RSA-1024 leaf passes (situation weak-key).' },
    rejectSha1: {
      basis: 'captured',
      note: 'Java 17 disables SHA-1 only for chains to JDK cacerts roots ("SHA1 jdkCA & usage TLSServer"): a SHA-1 leaf under a private root passes (situation weak-digest).',
    },
    strict: {
      basis: 'captured',
      note: 'PKIX (RFC 5280) checks, no OpenSSL-style strict mode: an intermediate without keyUsage passes (situation ca-without-keyusage).',
    },
    partialChain: {
      basis: 'captured',
      note: 'Every trusted certificate entry of the KeyStore is a PKIX TrustAnchor: trusting only the intermediate passes (situation trusted-intermediate).',
    },
    maxDepth: { basis: 'source', note: 'PKIXBuilderParameters maxPathLength defaults to 5.' },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: {
      basis: 'captured',
      note: 'jdk.tls.disabledAlgorithms lists TLSv1 and TLSv1.1 (8u291, 11.0.11, 17+): "Received fatal alert: protocol_version" (OpenJDK 17.0.15, captured here against `openssl s_server -tls1` and `-tls1_1` (test/clients/legacy-tls.test.ts checks it)).',
    },
  },
  notes:
    "Java does not check the trust anchor's own basicConstraints/pathLen: root (pathlen:0) -> ica -> ee passes (captured, situation path-length), where OpenSSL says 25.",
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(JAVA_MESSAGES, id);
const say = sayFrom(JAVA_MESSAGES);

export function renderJava(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const r = javaDefault(f, ctx);
  // with -Dcom.sun.security.enableAIAcaIssuers=true Java fetches the missing issuer (captured: situation incomplete-chain-aia)
  const aia = aiaCanComplete(f, ctx) ? { fails: false, message: '' } : { fails: r.fails, message: r.message };
  return { ...r, variants: { 'aia-enabled': aia } };
}

function javaDefault(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const p = PROFILE.policy;
  if (f.code === V.OK) return ok(t('no-san-dns').source);
  const partial = partialChainPasses(PROFILE, f);
  if (partial) return partial;
  if (UNTRUSTED.includes(f.code)) return say('pkix-build');
  if (f.code === V.CERT_HAS_EXPIRED || f.code === V.CERT_NOT_YET_VALID) {
    const top = say('validity-check');
    const cause =
      f.code === V.CERT_HAS_EXPIRED
        ? fill(t('expired').template, { notAfter: javaDate(ctx.cert?.notAfter ?? 0) })
        : fill(t('not-yet-valid').template, { notBefore: javaDate(ctx.cert?.notBefore ?? 0) });
    return {
      ...top,
      message: `${top.message}\nCaused by: ${cause}`,
      errorCode: f.code === V.CERT_HAS_EXPIRED ? 'CertificateExpiredException' : 'CertificateNotYetValidException',
      note: 'Dates are java.util.Date.toString() in the JVM time zone (UTC assumed).',
    };
  }
  if (f.code === V.HOSTNAME_MISMATCH) return dnsSans(ctx.cert).length > 0 ? say('no-san-dns', { host: ctx.host }) : say('no-name', { host: ctx.host });
  if (f.code === V.IP_ADDRESS_MISMATCH) return ctx.cert?.subjectAltNames?.length ? say('no-san-ip', { host: ctx.host }) : say('no-san');
  if (f.code === V.INVALID_CA || f.code === V.KEYUSAGE_NO_CERTSIGN) {
    return ctx.cert?.basicConstraints?.ca === true && lacksKeyCertSign(ctx) ? say('keycertsign') : say('not-a-ca');
  }
  if (f.code === V.PATH_LENGTH_EXCEEDED) {
    return isAnchorDepth(f, ctx)
      ? ok(t('pathlen').source, "Java does not apply the trust anchor's own pathLen constraint (captured: root pathlen:0 -> ica -> ee passes).")
      : say('pathlen');
  }
  if (f.code === V.INVALID_PURPOSE) return say('eku');
  if (f.code === V.PERMITTED_VIOLATION || f.code === V.EXCLUDED_VIOLATION) return say('name-constraints');
  if (f.code === V.EE_KEY_TOO_SMALL || f.code === V.CA_KEY_TOO_SMALL) {
    return rsaBits(ctx) >= p.minRsaBits
      ? ok(t('algorithm-constraints').source, `Java 17 accepts RSA keys of ${p.minRsaBits} bits and more (captured: RSA-1024 leaf passes).`)
      : unmodelled('java', f.code);
  }
  if (f.code === V.CA_MD_TOO_WEAK)
    return ok(
      t('algorithm-constraints').source,
      'Java 17 refuses SHA-1 only in chains to JDK cacerts roots (captured: SHA-1 leaf under a private root passes).',
    );
  return unmodelled('java', f.code);
}

export const JAVA_CLIENT: ClientModule<'java'> = {
  ...PROFILE,
  messages: JAVA_MESSAGES,
  render: (failure, ctx) => renderJava(judged(failure), ctx),
};
