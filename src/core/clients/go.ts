/**
 * Go crypto/tls + crypto/x509: everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { cnOfSubject, commonName, dnsSans, fill, goAlgorithmName, goRfc3339, ipSans, isIpLiteral } from './formats.ts';
import { UNTRUSTED, hasNoSan, judged, messageIn, ok, partialChainPasses, rsaBits, sayFrom, unmodelled } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const GO_VERIFY = 'golang/go commit 0184fe5ece4f84fda9db04d2472b76efcaa8ef55 src/crypto/x509/verify.go';
const GO_X509 = 'golang/go src/crypto/x509/x509.go InsecureAlgorithmError.Error (the GODEBUG=x509sha1 suffix exists in Go 1.18–1.23)';
const GO_TLS = 'golang/go src/crypto/tls/common.go CertificateVerificationError.Error (Go 1.20+)';
const GO_RUN =
  'captured here: go1.26.8 running test/clients/tls_client.go (tls.Dial and net/http); the bare Go 1.19 wordings were captured earlier with Debian go1.19.8';
const goCap = (situations: string) => `${CAPTURED} (${GO_RUN}; ${situations})`;
export const GO_MESSAGES: readonly ClientMessage<'go'>[] = [
  {
    client: 'go',
    id: 'tls-prefix',
    template: 'tls: failed to verify certificate: {error}',
    cause: 'from-code',
    versions: 'Go >= 1.20 (Go 1.19 returns the x509 error bare)',
    basis: 'both',
    source: `${GO_TLS}; ${goCap('every failing situation, go1.26.8')}`,
  },
  {
    client: 'go',
    id: 'http-get',
    template: 'Get "{url}": {error}',
    cause: 'from-code',
    basis: 'captured',
    source: goCap('every failing situation; net/http url.Error'),
  },
  {
    client: 'go',
    id: 'unknown-authority',
    template: 'x509: certificate signed by unknown authority',
    cause: 'unknown-ca',
    errorCode: 'x509.UnknownAuthorityError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('incomplete-chain, unknown-ca, self-signed-leaf, self-signed-in-chain')}`,
  },
  {
    client: 'go',
    id: 'unknown-authority-hint',
    template: 'x509: certificate signed by unknown authority (possibly because of "{hint}" while trying to verify candidate authority certificate "{issuer}")',
    cause: 'unknown-ca',
    errorCode: 'x509.UnknownAuthorityError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('invalid-ca, no-keycertsign, weak-digest')}`,
  },
  {
    client: 'go',
    id: 'constraint-violation',
    template: 'x509: invalid signature: parent certificate cannot sign this kind of certificate',
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'x509.ConstraintViolationError',
    basis: 'both',
    source: `golang/go src/crypto/x509/x509.go ConstraintViolationError (CheckSignatureFrom: parent not a CA, or keyUsage without certSign); ${goCap('invalid-ca, no-keycertsign: as the hint of unknown authority')}`,
  },
  {
    client: 'go',
    id: 'insecure-algorithm',
    template: 'x509: cannot verify signature: insecure algorithm {alg}',
    code: V.CA_MD_TOO_WEAK,
    cause: 'weak-signature',
    errorCode: 'x509.InsecureAlgorithmError',
    versions: 'Go >= 1.24 (1.18–1.23 add " (temporarily override with GODEBUG=x509sha1=1)" for SHA-1)',
    basis: 'both',
    source: `${GO_X509}; ${goCap('weak-digest: without the suffix on go1.26.8, with it on go1.19.8')}`,
  },
  {
    client: 'go',
    id: 'hostname',
    template: 'x509: certificate is valid for {names}, not {host}',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'x509.HostnameError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('hostname-mismatch')}`,
  },
  {
    client: 'go',
    id: 'hostname-cn',
    template: 'x509: certificate relies on legacy Common Name field, use SANs instead',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'x509.HostnameError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('cn-only')}`,
  },
  {
    client: 'go',
    id: 'hostname-no-ip',
    template: "x509: cannot validate certificate for {host} because it doesn't contain any IP SANs",
    code: V.IP_ADDRESS_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'x509.HostnameError',
    basis: 'source',
    source: GO_VERIFY,
  },
  {
    client: 'go',
    id: 'hostname-no-names',
    template: 'x509: certificate is not valid for any names, but wanted to match {host}',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'x509.HostnameError',
    basis: 'source',
    source: GO_VERIFY,
  },
  {
    client: 'go',
    id: 'expired',
    template: 'x509: certificate has expired or is not yet valid: current time {now} is after {notAfter}',
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'both',
    source: `${GO_VERIFY} (times in RFC 3339); ${goCap('expired')}`,
  },
  {
    client: 'go',
    id: 'not-yet-valid',
    template: 'x509: certificate has expired or is not yet valid: current time {now} is before {notBefore}',
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'both',
    source: `${GO_VERIFY} (times in RFC 3339); ${goCap('not-yet-valid')}`,
  },
  {
    client: 'go',
    id: 'not-authorized-to-sign',
    template: 'x509: certificate is not authorized to sign other certificates',
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'source',
    source: `${GO_VERIFY} (rarely seen: CheckSignatureFrom refuses a non-CA parent first, see constraint-violation)`,
  },
  {
    client: 'go',
    id: 'too-many-intermediates',
    template: 'x509: too many intermediates for path length constraint',
    code: V.PATH_LENGTH_EXCEEDED,
    cause: 'path-length-exceeded',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('path-length')}`,
  },
  {
    client: 'go',
    id: 'incompatible-usage',
    template: 'x509: certificate specifies an incompatible key usage',
    code: V.INVALID_PURPOSE,
    cause: 'wrong-purpose',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('wrong-purpose')}`,
  },
  {
    client: 'go',
    id: 'name-constraints',
    template: 'x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "{host}" is not permitted by any constraint',
    code: V.PERMITTED_VIOLATION,
    cause: 'name-constraints',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'both',
    source: `${GO_VERIFY}; ${goCap('name-constraints')}`,
  },
  {
    client: 'go',
    id: 'name-excluded',
    template: 'x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "{host}" is excluded by constraint "{names}"',
    code: V.EXCLUDED_VIOLATION,
    cause: 'name-constraints',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'source',
    source: GO_VERIFY,
  },
  {
    client: 'go',
    id: 'eku-nested',
    template: 'x509: a root or intermediate certificate is not authorized for an extended key usage: {reason}',
    code: V.INVALID_PURPOSE,
    cause: 'wrong-purpose',
    errorCode: 'x509.CertificateInvalidError',
    basis: 'source',
    source: GO_VERIFY,
  },
  {
    client: 'go',
    id: 'unhandled-critical',
    template: 'x509: unhandled critical extension',
    code: V.UNHANDLED_CRITICAL_EXTENSION,
    cause: 'unknown',
    errorCode: 'x509.UnhandledCriticalExtension',
    basis: 'source',
    source: 'golang/go src/crypto/x509/x509.go UnhandledCriticalExtension.Error',
  },
  {
    client: 'go',
    id: 'remote-cert-required',
    template: 'remote error: tls: certificate required',
    cause: 'client-cert-required',
    errorCode: 'tls.alert',
    basis: 'captured',
    source: goCap('client-cert-required: seen on the first request, after the handshake'),
  },
  {
    client: 'go',
    id: 'remote-protocol-version',
    template: 'remote error: tls: protocol version not supported',
    cause: 'protocol-mismatch',
    errorCode: 'tls.alert',
    basis: 'captured',
    source: goCap('protocol-mismatch'),
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'go'> = {
  id: 'go',
  label: 'Go crypto/tls + crypto/x509 (1.24+)',
  store: 'system',
  policy: { aiaFetch: false, cnFallback: false, minRsaBits: 1024, rejectSha1: true, strict: false, partialChain: true, maxDepth: 100 },
  evidence: {
    aiaFetch: { basis: 'source', note: 'crypto/x509 Verify builds chains from Roots and Intermediates only (src/crypto/x509/verify.go buildChains).' },
    cnFallback: {
      basis: 'captured',
      note: 'Go 1.17 removed CN matching: a CN-only leaf gives "x509: certificate relies on legacy Common Name field, use SANs instead" (verify.go HostnameError; go1.26.8 and go1.19.8, situation cn-only).',
    },
    minRsaBits: {
      basis: 'captured',
      note: 'An RSA-1024 leaf passes (go1.26.8 and go1.19.8, situation weak-key); since Go 1.24 crypto/rsa refuses only keys below 1024 bits (GODEBUG rsa1024min).',
    },
    rejectSha1: {
      basis: 'captured',
      note: 'SHA1WithRSA/ECDSAWithSHA1 are not used to build chains: "unknown authority (possibly because of … insecure algorithm SHA1-RSA …)" (go1.26.8, without the GODEBUG=x509sha1 override Go 1.24 removed; go1.19.8, situation weak-digest).',
    },
    strict: {
      basis: 'captured',
      note: 'Go has its own checks, no strict flag: an intermediate without keyUsage passes (go1.26.8 and go1.19.8, situation ca-without-keyusage).',
    },
    partialChain: {
      basis: 'captured',
      note: 'Any certificate in Roots is an anchor: trusting only the intermediate passes (go1.26.8 and go1.19.8, situation trusted-intermediate).',
    },
    maxDepth: { basis: 'source', note: 'No depth limit; a budget of 100 signature checks (maxChainSignatureChecks).' },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: {
      basis: 'captured',
      note: 'crypto/tls clients default to MinVersion TLS 1.2 (Go 1.18+): "remote error: tls: protocol version not supported" (go1.26.8, captured here against `openssl s_server -tls1` and `-tls1_1` (test/clients/legacy-tls.test.ts checks it)).',
    },
  },
  notes:
    'Errors reach users as "tls: failed to verify certificate: x509: …" (Go 1.20+; bare "x509: …" before), inside net/http\'s "Get \\"https://host/\\": …". Go refuses an issuer that is not a CA or lacks keyCertSign while checking the signature, so it says "certificate signed by unknown authority (possibly because of \\"x509: invalid signature: parent certificate cannot sign this kind of certificate\\" …)".',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(GO_MESSAGES, id);
const say = sayFrom(GO_MESSAGES);

/** Go 1.18–1.23 append this inside the SHA-1 hint (captured here with Debian's go1.19.8); Go 1.24 removed GODEBUG x509sha1. */
const GO_SHA1_OVERRIDE = ' (temporarily override with GODEBUG=x509sha1=1)';

/**
 * Go's wordings by version range. The main message is the newest Go's (captured here with go1.26.8);
 * older wordings are variants named by the range that prints them:
 *   Go >= 1.24   "tls: failed to verify certificate: x509: …", SHA-1 hint without the GODEBUG suffix
 *   go1.20-1.23  the same prefix, SHA-1 hint with " (temporarily override with GODEBUG=x509sha1=1)"
 *   go1.18-1.19  the bare "x509: …" error, SHA-1 hint with the suffix (captured with go1.19.8)
 */
export const GO_WORDINGS = [
  { variant: null, fromMinor: 24, toMinor: Infinity, prefix: true, sha1Override: false },
  { variant: 'go1.20-1.23', fromMinor: 20, toMinor: 23, prefix: true, sha1Override: true },
  { variant: 'go1.18-1.19', fromMinor: 18, toMinor: 19, prefix: false, sha1Override: true },
] as const;

export type GoVariant = NonNullable<(typeof GO_WORDINGS)[number]['variant']>;

/** Which wording a Go 1.x release prints: null for the main message, else the variant's name; undefined when older than 1.18 (not modelled). */
export function goWordingFor(minor: number): GoVariant | null | undefined {
  return GO_WORDINGS.find((w) => minor >= w.fromMinor && minor <= w.toMinor)?.variant;
}

export function renderGo(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const [current, ...older] = GO_WORDINGS.map((w) => goWorded(f, ctx, w.prefix, w.sha1Override));
  const variants = Object.fromEntries(GO_WORDINGS.slice(1).map((w, i) => [w.variant, { fails: older[i].fails, message: older[i].message }]));
  if (!current.fails || !current.modelled) return { ...current, variants };
  return {
    ...current,
    note: [
      current.note,
      'Go 1.24+ wording (captured with go1.26.8); net/http adds \'Get "<url>": \' in front; variants go1.20-1.23 and go1.18-1.19 are what older Go prints.',
    ]
      .filter(Boolean)
      .join(' '),
    variants,
  };
}

function goWorded(f: ClientFailure, ctx: RenderContext, prefix: boolean, sha1Override: boolean): RenderedClientMessage {
  const inner = goInner(f, ctx, sha1Override);
  if (!prefix || !inner.fails || !inner.modelled) return inner;
  return { ...inner, message: fill(t('tls-prefix').template, { error: inner.message }) };
}

function goHostname(ctx: RenderContext): RenderedClientMessage {
  if (hasNoSan(ctx) && commonName(ctx.cert)?.toLowerCase() === ctx.host.toLowerCase()) return say('hostname-cn');
  if (isIpLiteral(ctx.host)) {
    const ips = ipSans(ctx.cert);
    return ips.length === 0 ? say('hostname-no-ip', { host: ctx.host }) : say('hostname', { names: ips.join(', '), host: ctx.host });
  }
  const names = dnsSans(ctx.cert);
  return names.length === 0 ? say('hostname-no-names', { host: ctx.host }) : say('hostname', { names: names.join(', '), host: ctx.host });
}

/** The x509 error text; `sha1Override` adds Go 1.18–1.23's GODEBUG suffix to the SHA-1 hint. */
function goInner(f: ClientFailure, ctx: RenderContext, sha1Override: boolean): RenderedClientMessage {
  if (f.code === V.OK) {
    return hasNoSan(ctx) && ctx.cert
      ? { ...goHostname(ctx), note: 'Go ignores the CN (since Go 1.17): OpenSSL-based clients accept this certificate.' }
      : ok(t('tls-prefix').source);
  }
  const partial = partialChainPasses(PROFILE, f);
  if (partial) return partial;
  if (UNTRUSTED.includes(f.code)) return say('unknown-authority');
  if (f.code === V.CA_MD_TOO_WEAK) {
    const alg = fill(t('insecure-algorithm').template, { alg: goAlgorithmName(ctx.cert?.signatureAlgorithm.oid) });
    const hint = sha1Override && /SHA1/.test(alg) ? alg + GO_SHA1_OVERRIDE : alg;
    const issuer = cnOfSubject(ctx.chainSubjects?.[f.depth + 1]) ?? '';
    return say('unknown-authority-hint', { hint, issuer });
  }
  if (f.code === V.INVALID_CA || f.code === V.KEYUSAGE_NO_CERTSIGN) {
    // CheckSignatureFrom refuses a parent that is not a CA or whose keyUsage lacks certSign
    const hint = t('constraint-violation').template;
    return say(
      'unknown-authority-hint',
      { hint, issuer: commonName(ctx.cert) ?? '' },
      'Go reports the refused issuer as a hint on "unknown authority" (captured with go1.19.8 and go1.26.8).',
    );
  }
  if (f.code === V.CERT_HAS_EXPIRED)
    return say(
      'expired',
      { now: goRfc3339(ctx.at), notAfter: goRfc3339(ctx.cert?.notAfter ?? 0) },
      'Go prints the current time in the process time zone; UTC shown.',
    );
  if (f.code === V.CERT_NOT_YET_VALID)
    return say(
      'not-yet-valid',
      { now: goRfc3339(ctx.at), notBefore: goRfc3339(ctx.cert?.notBefore ?? 0) },
      'Go prints the current time in the process time zone; UTC shown.',
    );
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) return goHostname(ctx);
  if (f.code === V.PATH_LENGTH_EXCEEDED) return say('too-many-intermediates');
  if (f.code === V.INVALID_PURPOSE) return say('incompatible-usage');
  if (f.code === V.PERMITTED_VIOLATION) {
    const name = dnsSans(ctx.cert)[0] ?? ctx.host;
    return say('name-constraints', { host: name }, "Go names the first SAN that no permitted subtree covers; the leaf's first DNS SAN is shown.");
  }
  if (f.code === V.EE_KEY_TOO_SMALL || f.code === V.CA_KEY_TOO_SMALL)
    return rsaBits(ctx) >= 1024
      ? ok(
          t('tls-prefix').source,
          'Go accepts RSA keys of 1024 bits and more (captured with go1.19.8 and go1.26.8: RSA-1024 leaf passes; Go 1.24+ refuses keys below 1024 bits).',
        )
      : unmodelled('go', f.code);
  return unmodelled('go', f.code);
}

export const GO_CLIENT: ClientModule<'go'> = {
  ...PROFILE,
  messages: GO_MESSAGES,
  render: (failure, ctx) => renderGo(judged(failure), ctx),
};
