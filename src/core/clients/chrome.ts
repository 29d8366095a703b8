/**
 * Chrome (builtin verifier): everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import type { CauseId } from '../causes/cause-id.ts';
import { type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { UNTRUSTED, aiaCanComplete, hasNoSan, judged, messageIn, ok, partialChainPasses, rsaBits, sayFrom, unmodelled } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const CHROME_NET =
  'chromium/chromium commit 0182b17bc505e3d68ffd2269d18e1a2fa5bc8876 net/base/net_error_list.h (shown as NET::ERR_<NAME> on the interstitial, net::ERR_<NAME> in DevTools)';
const CHROME_RUN =
  'captured here: Chromium 156 (Debian) via test/clients/chromium-probe.ts, test anchor added to a fresh NSS database; Playwright reports "net::ERR_<NAME> at <url>"';
const chrome = (name: string, code: number | undefined, cause: CauseId, extra = '', captured = ''): ClientMessage<'chrome'> => ({
  client: 'chrome',
  id: name.toLowerCase().replace(/_/g, '-'),
  template: `NET::ERR_${name}`,
  code,
  cause,
  errorCode: `ERR_${name}`,
  basis: captured ? 'both' : 'source',
  source: CHROME_NET + extra + (captured ? `; ${CHROME_RUN} (${captured})` : ''),
});
export const CHROME_MESSAGES: readonly ClientMessage<'chrome'>[] = [
  chrome(
    'CERT_AUTHORITY_INVALID',
    V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    'unknown-ca',
    '; -202',
    'situations incomplete-chain, unknown-ca, self-signed-leaf, self-signed-in-chain',
  ),
  chrome('CERT_DATE_INVALID', V.CERT_HAS_EXPIRED, 'expired', '; -201 (expired and not yet valid alike)', 'situations expired, not-yet-valid'),
  chrome('CERT_COMMON_NAME_INVALID', V.HOSTNAME_MISMATCH, 'hostname-mismatch', '; -200', 'situations hostname-mismatch, cn-only'),
  chrome('CERT_WEAK_SIGNATURE_ALGORITHM', V.CA_MD_TOO_WEAK, 'weak-signature', '; -208'),
  chrome('CERT_WEAK_KEY', V.EE_KEY_TOO_SMALL, 'weak-key', '; -211'),
  chrome('CERT_NAME_CONSTRAINT_VIOLATION', undefined, 'name-constraints', "; -212 (set for Chrome's own per-CA restrictions)"),
  chrome(
    'CERT_INVALID',
    undefined,
    'invalid-ca',
    '; -207 (builtin verifier: any path error not mapped explicitly: net/cert/cert_verify_proc_builtin.cc MapPathBuilderErrorsToCertStatus)',
    'situations invalid-ca, path-length, wrong-purpose, no-keycertsign, name-constraints, and weak-digest: a SHA-1 leaf under a local root',
  ),
  chrome('CERT_REVOKED', V.CERT_REVOKED, 'revoked', '; -206'),
  chrome('CERT_VALIDITY_TOO_LONG', undefined, 'unknown', '; -213'),
  chrome('CERTIFICATE_TRANSPARENCY_REQUIRED', undefined, 'unknown', '; -214'),
  chrome('SSL_VERSION_OR_CIPHER_MISMATCH', undefined, 'protocol-mismatch', '; -113', 'situation protocol-mismatch'),

  chrome(
    'BAD_SSL_CLIENT_AUTH_CERT',
    undefined,
    'client-cert-required',
    '; -117; seen in some capture runs of situation client-cert-required (TLS 1.3 server demanding a certificate, headless Chromium offering none), others gave net::ERR_SOCKET_NOT_CONNECTED: the alert races the first request',
  ),
  chrome('SSL_CLIENT_AUTH_CERT_NEEDED', undefined, 'client-cert-required', '; -110'),
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'chrome'> = {
  id: 'chrome',
  label: 'Chrome (Chrome Root Store, builtin verifier)',
  store: 'chrome',
  policy: { aiaFetch: true, cnFallback: false, minRsaBits: 1024, rejectSha1: true, strict: false, partialChain: true, trustedPeer: false, maxDepth: 100 },
  evidence: {
    aiaFetch: {
      basis: 'captured',
      note: "cert_verify_proc_builtin.cc adds a CertIssuerSourceAia to the path builder: a leaf-only chain whose leaf names its issuer's URL passes (Chromium 156 fetched it from 127.0.0.1, situation incomplete-chain-aia). Limits per shared/ANCHORS.md: at most 5 fetches per certificate, 10 s, 64 KiB.",
    },
    cnFallback: {
      basis: 'captured',
      note: 'Chrome 58 removed commonName matching: a CN-only certificate gives NET::ERR_CERT_COMMON_NAME_INVALID (Chromium 156, situation cn-only).',
    },
    minRsaBits: {
      basis: 'captured',
      note: 'An RSA-1024 leaf under a locally trusted root passes (Chromium 156, situation weak-key); smaller keys give kUnacceptablePublicKey -> CERT_WEAK_KEY.',
    },
    rejectSha1: {
      basis: 'captured',
      note: 'A SHA-1 signed leaf under a locally trusted root is refused with NET::ERR_CERT_INVALID (Chromium 156, situation weak-digest).',
    },
    strict: { basis: 'captured', note: 'No OpenSSL strict flag; an intermediate without keyUsage passes (Chromium 156, situation ca-without-keyusage).' },
    partialChain: {
      basis: 'captured',
      note: 'A locally trusted intermediate (NSS trust C,,) ends the path: trusting only the intermediate passes (Chromium 156, situation trusted-intermediate).',
    },
    maxDepth: { basis: 'source', note: 'Path building is bounded by an iteration limit and a deadline, not by depth.' },
    trustedPeer: {
      basis: 'captured',
      note: 'NSS trust C,, makes a certificate a trusted CA, not a trusted leaf: trusting only the (not self-signed) leaf gives NET::ERR_CERT_AUTHORITY_INVALID (Chromium 156, situation anchor-leaf).',
    },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: {
      basis: 'source',
      note: 'Chrome 98 removed TLS 1.0 and 1.1 (after Chrome 84 put them behind an interstitial): ERR_SSL_VERSION_OR_CIPHER_MISMATCH.',
    },
  },
  notes:
    'The interstitial shows one NET::ERR_CERT_* code: the most serious status by MapCertStatusToNetError (INVALID, then AUTHORITY_INVALID, COMMON_NAME_INVALID, …, DATE_INVALID).',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(CHROME_MESSAGES, id);
const say = sayFrom(CHROME_MESSAGES);

/** Path errors Chrome's builtin verifier does not name: they all show as CERT_INVALID. */
const CHROME_CERT_INVALID: readonly number[] = [
  V.CERT_SIGNATURE_FAILURE,
  V.NO_ISSUER_PUBLIC_KEY,
  V.PATH_LENGTH_EXCEEDED,
  V.INVALID_PURPOSE,
  V.KEYUSAGE_NO_CERTSIGN,
  V.UNHANDLED_CRITICAL_EXTENSION,
  V.PERMITTED_VIOLATION,
  V.EXCLUDED_VIOLATION,
  V.INVALID_CA,
];

export function renderChrome(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const net = (name: string, note?: string) => say(name.toLowerCase().replace(/_/g, '-'), {}, note);
  if (f.code === V.OK)
    return hasNoSan(ctx) && ctx.cert
      ? net('CERT_COMMON_NAME_INVALID', 'Chrome ignores the subject CN (since Chrome 58).')
      : ok(t('cert-authority-invalid').source);
  const partial = partialChainPasses(PROFILE, f);
  if (partial) return partial;
  if (aiaCanComplete(f, ctx))
    return ok(t('cert-authority-invalid').source, `Chrome fetches the missing issuer from ${ctx.cert?.aia?.caIssuers[0]} (AIA) and completes the chain.`);
  if (UNTRUSTED.includes(f.code)) return net('CERT_AUTHORITY_INVALID');
  if (f.code === V.CERT_NOT_YET_VALID || f.code === V.CERT_HAS_EXPIRED) return net('CERT_DATE_INVALID');
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) return net('CERT_COMMON_NAME_INVALID');
  if (f.code === V.CA_MD_TOO_WEAK)
    return net(
      'CERT_INVALID',
      'Captured with Chromium 156: a SHA-1 signed leaf under a locally trusted root gives CERT_INVALID, not CERT_WEAK_SIGNATURE_ALGORITHM.',
    );
  if (f.code === V.EE_KEY_TOO_SMALL || f.code === V.CA_KEY_TOO_SMALL)
    return rsaBits(ctx) >= 1024 ? ok(t('cert-weak-key').source, "RSA keys of 1024 bits and more pass Chrome's path builder (assumed).") : net('CERT_WEAK_KEY');
  if (f.code === V.CERT_REVOKED) return net('CERT_REVOKED');
  if (CHROME_CERT_INVALID.includes(f.code))
    return net(
      'CERT_INVALID',
      "Chrome's builtin verifier maps path errors it does not name (basic constraints, path length, EKU, key usage, name constraints) to CERT_INVALID.",
    );
  return unmodelled('chrome', f.code);
}

export const CHROME_CLIENT: ClientModule<'chrome'> = {
  ...PROFILE,
  messages: CHROME_MESSAGES,
  render: (failure, ctx) => renderChrome(judged(failure), ctx),
};
