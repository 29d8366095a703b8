/**
 * Messages of the clients that do not use OpenSSL's verifier: Java (PKIX), Go (crypto/x509),
 * .NET (X509Chain; OpenSSL underneath on Linux, reported as X509ChainStatusFlags), Chrome
 * and Firefox. Each maps the OpenSSL code of the situation to what that client does.
 */
import { messageById, type ClientId } from './messages.ts';
import { clientProfile } from './profiles.ts';
import { cnOfSubject, commonName, dnsSans, fill, goAlgorithmName, goRfc3339, ipSans, isIpLiteral, javaDate } from './formats.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

const t = (client: ClientId, id: string) => messageById(client, id);
const ok = (source: string, note?: string): RenderedClientMessage => ({ fails: false, message: '', source, modelled: true, note });
const unmodelled = (client: ClientId, code: number): RenderedClientMessage => ({
  fails: true, message: '', modelled: false,
  source: `no real ${client} text recorded for OpenSSL code ${code} (see src/core/clients/messages.ts)`,
});
const say = (client: ClientId, id: string, vars: Record<string, string | number> = {}, note?: string): RenderedClientMessage => {
  const m = t(client, id);
  return { fails: true, message: fill(m.template, vars), source: m.source, errorCode: m.errorCode, modelled: true, note };
};

const UNTRUSTED = [2, 18, 19, 20, 21, 27];
/** Code 2 with a trusted, not self-signed top certificate: clients that take any trusted certificate as anchor pass. */
const partialChainPasses = (client: ClientId, f: ClientFailure): RenderedClientMessage | undefined =>
  f.code === 2 && clientProfile(client).policy.partialChain
    ? ok(clientProfile(client).evidence.partialChain.note, 'A trusted intermediate ends the path for this client; OpenSSL without X509_V_FLAG_PARTIAL_CHAIN says 2.')
    : undefined;
const hasNoSan = (ctx: RenderContext) => dnsSans(ctx.cert).length + ipSans(ctx.cert).length === 0;
const isAnchorDepth = (f: ClientFailure, ctx: RenderContext) =>
  ctx.chainSubjects !== undefined && f.depth === ctx.chainSubjects.length - 1;
const lacksKeyCertSign = (ctx: RenderContext) => !!ctx.cert?.keyUsage && !ctx.cert.keyUsage.includes('keyCertSign');
const rsaBits = (ctx: RenderContext) => ctx.cert?.publicKey.bits ?? 0;
/** Incomplete chain that an AIA-fetching client can complete from the leaf's caIssuers URL. */
const aiaCanComplete = (f: ClientFailure, ctx: RenderContext) =>
  (f.code === 20 || f.code === 21) && f.depth === 0 && (ctx.cert?.aia?.caIssuers.length ?? 0) > 0;

export function renderJava(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const r = javaDefault(f, ctx);
  // with -Dcom.sun.security.enableAIAcaIssuers=true Java fetches the missing issuer (captured: situation incomplete-chain-aia)
  const aia = aiaCanComplete(f, ctx) ? { fails: false, message: '' } : { fails: r.fails, message: r.message };
  return { ...r, variants: { 'aia-enabled': aia } };
}

function javaDefault(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const p = clientProfile('java').policy;
  if (f.code === 0) return ok(t('java', 'no-san-dns').source);
  const partial = partialChainPasses('java', f);
  if (partial) return partial;
  if (UNTRUSTED.includes(f.code)) return say('java', 'pkix-build');
  if (f.code === 10 || f.code === 9) {
    const top = say('java', 'validity-check');
    const cause = f.code === 10
      ? fill(t('java', 'expired').template, { notAfter: javaDate(ctx.cert?.notAfter ?? 0) })
      : fill(t('java', 'not-yet-valid').template, { notBefore: javaDate(ctx.cert?.notBefore ?? 0) });
    return { ...top, message: `${top.message}\nCaused by: ${cause}`, errorCode: f.code === 10 ? 'CertificateExpiredException' : 'CertificateNotYetValidException', note: 'Dates are java.util.Date.toString() in the JVM time zone (UTC assumed).' };
  }
  if (f.code === 62) return dnsSans(ctx.cert).length > 0 ? say('java', 'no-san-dns', { host: ctx.host }) : say('java', 'no-name', { host: ctx.host });
  if (f.code === 64) return ctx.cert?.subjectAltNames?.length ? say('java', 'no-san-ip', { host: ctx.host }) : say('java', 'no-san');
  if (f.code === 79 || f.code === 32) {
    return ctx.cert?.basicConstraints?.ca === true && lacksKeyCertSign(ctx) ? say('java', 'keycertsign') : say('java', 'not-a-ca');
  }
  if (f.code === 25) {
    return isAnchorDepth(f, ctx)
      ? ok(t('java', 'pathlen').source, 'Java does not apply the trust anchor\'s own pathLen constraint (captured: root pathlen:0 -> ica -> ee passes).')
      : say('java', 'pathlen');
  }
  if (f.code === 26) return say('java', 'eku');
  if (f.code === 47 || f.code === 48) return say('java', 'name-constraints');
  if (f.code === 66 || f.code === 67) {
    return rsaBits(ctx) >= p.minRsaBits ? ok(t('java', 'algorithm-constraints').source, `Java 17 accepts RSA keys of ${p.minRsaBits} bits and more (captured: RSA-1024 leaf passes).`) : unmodelled('java', f.code);
  }
  if (f.code === 68) return ok(t('java', 'algorithm-constraints').source, 'Java 17 refuses SHA-1 only in chains to JDK cacerts roots (captured: SHA-1 leaf under a private root passes).');
  return unmodelled('java', f.code);
}

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
    note: [current.note, 'Go 1.24+ wording (captured with go1.26.8); net/http adds \'Get "<url>": \' in front; variants go1.20-1.23 and go1.18-1.19 are what older Go prints.'].filter(Boolean).join(' '),
    variants,
  };
}

function goWorded(f: ClientFailure, ctx: RenderContext, prefix: boolean, sha1Override: boolean): RenderedClientMessage {
  const inner = goInner(f, ctx, sha1Override);
  if (!prefix || !inner.fails || !inner.modelled) return inner;
  return { ...inner, message: fill(t('go', 'tls-prefix').template, { error: inner.message }) };
}

function goHostname(ctx: RenderContext): RenderedClientMessage {
  if (hasNoSan(ctx) && commonName(ctx.cert)?.toLowerCase() === ctx.host.toLowerCase()) return say('go', 'hostname-cn');
  if (isIpLiteral(ctx.host)) {
    const ips = ipSans(ctx.cert);
    return ips.length === 0 ? say('go', 'hostname-no-ip', { host: ctx.host }) : say('go', 'hostname', { names: ips.join(', '), host: ctx.host });
  }
  const names = dnsSans(ctx.cert);
  return names.length === 0 ? say('go', 'hostname-no-names', { host: ctx.host }) : say('go', 'hostname', { names: names.join(', '), host: ctx.host });
}

/** The x509 error text; `sha1Override` adds Go 1.18–1.23's GODEBUG suffix to the SHA-1 hint. */
function goInner(f: ClientFailure, ctx: RenderContext, sha1Override: boolean): RenderedClientMessage {
  if (f.code === 0) {
    return hasNoSan(ctx) && ctx.cert ? { ...goHostname(ctx), note: 'Go ignores the CN (since Go 1.17): OpenSSL-based clients accept this certificate.' } : ok(t('go', 'tls-prefix').source);
  }
  const partial = partialChainPasses('go', f);
  if (partial) return partial;
  if (UNTRUSTED.includes(f.code)) return say('go', 'unknown-authority');
  if (f.code === 68) {
    const alg = fill(t('go', 'insecure-algorithm').template, { alg: goAlgorithmName(ctx.cert?.signatureAlgorithm.oid) });
    const hint = sha1Override && /SHA1/.test(alg) ? alg + GO_SHA1_OVERRIDE : alg;
    const issuer = cnOfSubject(ctx.chainSubjects?.[f.depth + 1]) ?? '';
    return say('go', 'unknown-authority-hint', { hint, issuer });
  }
  if (f.code === 79 || f.code === 32) {
    // CheckSignatureFrom refuses a parent that is not a CA or whose keyUsage lacks certSign
    const hint = t('go', 'constraint-violation').template;
    return say('go', 'unknown-authority-hint', { hint, issuer: commonName(ctx.cert) ?? '' }, 'Go reports the refused issuer as a hint on "unknown authority" (captured with go1.19.8 and go1.26.8).');
  }
  if (f.code === 10) return say('go', 'expired', { now: goRfc3339(ctx.at), notAfter: goRfc3339(ctx.cert?.notAfter ?? 0) }, 'Go prints the current time in the process time zone; UTC shown.');
  if (f.code === 9) return say('go', 'not-yet-valid', { now: goRfc3339(ctx.at), notBefore: goRfc3339(ctx.cert?.notBefore ?? 0) }, 'Go prints the current time in the process time zone; UTC shown.');
  if (f.code === 62 || f.code === 64) return goHostname(ctx);
  if (f.code === 25) return say('go', 'too-many-intermediates');
  if (f.code === 26) return say('go', 'incompatible-usage');
  if (f.code === 47) {
    const name = dnsSans(ctx.cert)[0] ?? ctx.host;
    return say('go', 'name-constraints', { host: name }, 'Go names the first SAN that no permitted subtree covers; the leaf\'s first DNS SAN is shown.');
  }
  if (f.code === 66 || f.code === 67) return rsaBits(ctx) >= 1024 ? ok(t('go', 'tls-prefix').source, 'Go accepts RSA keys of 1024 bits and more (captured with go1.19.8 and go1.26.8: RSA-1024 leaf passes; Go 1.24+ refuses keys below 1024 bits).') : unmodelled('go', f.code);
  return unmodelled('go', f.code);
}

/** .NET on Linux: OpenSSL verify code -> X509ChainStatusFlags (OpenSslX509ChainProcessor.MapVerifyErrorToChainStatus). */
const DOTNET_STATUS: Record<number, string> = {
  9: 'NotTimeValid', 10: 'NotTimeValid', 13: 'NotTimeValid', 14: 'NotTimeValid', 23: 'Revoked', 6: 'NotSignatureValid', 7: 'NotSignatureValid',
  27: 'UntrustedRoot', 18: 'UntrustedRoot', 19: 'UntrustedRoot', 2: 'PartialChain', 20: 'PartialChain', 21: 'PartialChain',
  26: 'NotValidForUsage', 79: 'InvalidBasicConstraints', 37: 'InvalidBasicConstraints', 25: 'InvalidBasicConstraints',
  32: 'InvalidBasicConstraints', 39: 'InvalidBasicConstraints', 34: 'HasNotSupportedCriticalExtension', 28: 'ExplicitDistrust',
};

export function renderDotnet(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  if (f.code === 0) return ok(t('dotnet', 'chain').source);
  if (f.code === 62 || f.code === 64) return say('dotnet', 'name-mismatch');
  if (aiaCanComplete(f, ctx)) return ok(t('dotnet', 'status-partial-chain').source, `.NET on Linux downloads the missing issuer from ${ctx.cert?.aia?.caIssuers[0]} (http AIA only) and retries.`);
  if (f.code === 66 || f.code === 67 || f.code === 68) return ok(t('dotnet', 'chain').source, 'X509Chain has no key-size or weak-digest status (assumed, not run here).');
  const status = DOTNET_STATUS[f.code];
  if (!status) return unmodelled('dotnet', f.code);
  const r = say('dotnet', 'chain', { status });
  return { ...r, errorCode: `X509ChainStatusFlags.${status}` };
}

export function renderChrome(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const net = (name: string, note?: string) => say('chrome', name.toLowerCase().replace(/_/g, '-'), {}, note);
  if (f.code === 0) return hasNoSan(ctx) && ctx.cert ? net('CERT_COMMON_NAME_INVALID', 'Chrome ignores the subject CN (since Chrome 58).') : ok(t('chrome', 'cert-authority-invalid').source);
  const partial = partialChainPasses('chrome', f);
  if (partial) return partial;
  if (aiaCanComplete(f, ctx)) return ok(t('chrome', 'cert-authority-invalid').source, `Chrome fetches the missing issuer from ${ctx.cert?.aia?.caIssuers[0]} (AIA) and completes the chain.`);
  if (UNTRUSTED.includes(f.code)) return net('CERT_AUTHORITY_INVALID');
  if (f.code === 9 || f.code === 10) return net('CERT_DATE_INVALID');
  if (f.code === 62 || f.code === 64) return net('CERT_COMMON_NAME_INVALID');
  if (f.code === 68) return net('CERT_INVALID', 'Captured with Chromium 156: a SHA-1 signed leaf under a locally trusted root gives CERT_INVALID, not CERT_WEAK_SIGNATURE_ALGORITHM.');
  if (f.code === 66 || f.code === 67) return rsaBits(ctx) >= 1024 ? ok(t('chrome', 'cert-weak-key').source, 'RSA keys of 1024 bits and more pass Chrome\'s path builder (assumed).') : net('CERT_WEAK_KEY');
  if (f.code === 23) return net('CERT_REVOKED');
  if ([7, 24, 25, 26, 32, 34, 47, 48, 79].includes(f.code)) return net('CERT_INVALID', 'Chrome\'s builtin verifier maps path errors it does not name (basic constraints, path length, EKU, key usage, name constraints) to CERT_INVALID.');
  return unmodelled('chrome', f.code);
}

export function renderFirefox(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const sec = (name: string, note?: string) => say('firefox', name.toLowerCase().replace(/_/g, '-'), {}, note);
  if (f.code === 0) return hasNoSan(ctx) && ctx.cert ? sec('SSL_ERROR_BAD_CERT_DOMAIN', 'Firefox matches names against the SAN only.') : ok(t('firefox', 'sec-error-unknown-issuer').source);
  const partial = partialChainPasses('firefox', f);
  if (partial) return partial;
  if (f.code === 18) return sec('MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT');
  if (UNTRUSTED.includes(f.code)) {
    return sec('SEC_ERROR_UNKNOWN_ISSUER', f.code === 20 || f.code === 21 ? 'Firefox does not fetch AIA; it completes chains only from intermediates it already knows (preloaded from CCADB or cached).' : undefined);
  }
  if (f.code === 10) return sec(f.depth === 0 ? 'SEC_ERROR_EXPIRED_CERTIFICATE' : 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE');
  if (f.code === 9) return sec(f.depth === 0 ? 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE' : 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE');
  if (f.code === 62 || f.code === 64) return sec('SSL_ERROR_BAD_CERT_DOMAIN');
  if (f.code === 79 || f.code === 32) return ctx.cert?.basicConstraints?.ca === true && lacksKeyCertSign(ctx) ? sec('SEC_ERROR_INADEQUATE_KEY_USAGE') : sec('SEC_ERROR_CA_CERT_INVALID');
  if (f.code === 25) return sec('SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID');
  if (f.code === 26) return sec('SEC_ERROR_INADEQUATE_CERT_TYPE');
  if (f.code === 47 || f.code === 48) return sec('SEC_ERROR_CERT_NOT_IN_NAME_SPACE');
  if (f.code === 66 || f.code === 67) return rsaBits(ctx) >= 1024 ? ok(t('firefox', 'mozilla-pkix-error-inadequate-key-size').source, 'mozilla::pkix accepts RSA keys of 1024 bits and more (assumed).') : sec('MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE');
  if (f.code === 68) return sec('SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED', 'Firefox still allows SHA-1 under locally imported roots (security.pki.sha1_enforcement_level).');
  if (f.code === 7) return sec('SEC_ERROR_BAD_SIGNATURE');
  if (f.code === 23) return sec('SEC_ERROR_REVOKED_CERTIFICATE');
  return unmodelled('firefox', f.code);
}
