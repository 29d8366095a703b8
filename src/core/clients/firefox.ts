/**
 * Firefox (NSS / mozilla::pkix): everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import type { CauseId } from '../causes/cause-id.ts';
import { type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { UNTRUSTED, hasNoSan, judged, lacksKeyCertSign, messageIn, ok, partialChainPasses, rsaBits, sayFrom, unmodelled } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const FF_FTL =
  'mozilla/gecko-dev commit a6161d44c93942d69acf4b37bb30b10b3664e939 toolkit/locales/en-US/toolkit/neterror/nsserrors.ftl (error code shown beside the text on the error page)';
const ff = (name: string, text: string, code: number | undefined, cause: CauseId): ClientMessage<'firefox'> => ({
  client: 'firefox',
  id: name.toLowerCase().replace(/_/g, '-'),
  template: text,
  code,
  cause,
  errorCode: name,
  basis: 'source',
  source: FF_FTL,
});
export const FIREFOX_MESSAGES: readonly ClientMessage<'firefox'>[] = [
  ff('SEC_ERROR_UNKNOWN_ISSUER', 'Peer’s Certificate issuer is not recognized.', V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 'unknown-ca'),
  ff('MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'The certificate is not trusted because it is self-signed.', V.DEPTH_ZERO_SELF_SIGNED_CERT, 'self-signed'),
  ff('SEC_ERROR_EXPIRED_CERTIFICATE', 'Peer’s Certificate has expired.', V.CERT_HAS_EXPIRED, 'expired'),
  ff(
    'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
    'The certificate issuer’s certificate has expired. Check your system date and time.',
    V.CERT_HAS_EXPIRED,
    'expired',
  ),
  ff('MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE', 'The server presented a certificate that is not yet valid.', V.CERT_NOT_YET_VALID, 'not-yet-valid'),
  ff(
    'MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE',
    'A certificate that is not yet valid was used to issue the server’s certificate.',
    V.CERT_NOT_YET_VALID,
    'not-yet-valid',
  ),
  ff(
    'SSL_ERROR_BAD_CERT_DOMAIN',
    'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.',
    V.HOSTNAME_MISMATCH,
    'hostname-mismatch',
  ),
  ff('SEC_ERROR_CA_CERT_INVALID', 'Issuer certificate is invalid.', V.INVALID_CA, 'invalid-ca'),
  ff('SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID', 'Certificate path length constraint is invalid.', V.PATH_LENGTH_EXCEEDED, 'path-length-exceeded'),
  ff('SEC_ERROR_INADEQUATE_CERT_TYPE', 'Certificate type not approved for application.', V.INVALID_PURPOSE, 'wrong-purpose'),
  ff('SEC_ERROR_INADEQUATE_KEY_USAGE', 'Certificate key usage inadequate for attempted operation.', V.KEYUSAGE_NO_CERTSIGN, 'invalid-ca'),
  ff(
    'SEC_ERROR_CERT_NOT_IN_NAME_SPACE',
    'The Certifying Authority for this certificate is not permitted to issue a certificate with this name.',
    V.PERMITTED_VIOLATION,
    'name-constraints',
  ),
  ff(
    'MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE',
    'The server presented a certificate with a key size that is too small to establish a secure connection.',
    V.EE_KEY_TOO_SMALL,
    'weak-key',
  ),
  ff(
    'SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED',
    'The certificate was signed using a signature algorithm that is disabled because it is not secure.',
    V.CA_MD_TOO_WEAK,
    'weak-signature',
  ),
  ff('SEC_ERROR_BAD_SIGNATURE', 'Peer’s certificate has an invalid signature.', V.CERT_SIGNATURE_FAILURE, 'bad-signature'),
  ff('SEC_ERROR_REVOKED_CERTIFICATE', 'Peer’s Certificate has been revoked.', V.CERT_REVOKED, 'revoked'),
  ff('SEC_ERROR_UNTRUSTED_ISSUER', 'Peer’s certificate issuer has been marked as not trusted by the user.', V.SELF_SIGNED_CERT_IN_CHAIN, 'unknown-ca'),
  ff(
    'MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY',
    'The server uses a certificate with a basic constraints extension identifying it as a certificate authority. For a properly-issued certificate, this should not be the case.',
    undefined,
    'invalid-ca',
  ),
  ff('SSL_ERROR_NO_CYPHER_OVERLAP', 'Cannot communicate securely with peer: no common encryption algorithm(s).', undefined, 'protocol-mismatch'),
  ff('SSL_ERROR_PROTOCOL_VERSION_ALERT', 'Peer reports incompatible or unsupported protocol version.', undefined, 'protocol-mismatch'),
  ff('SSL_ERROR_UNSUPPORTED_VERSION', 'Peer using unsupported version of security protocol.', undefined, 'protocol-mismatch'),
  ff('SSL_ERROR_BAD_CERT_ALERT', 'SSL peer cannot verify your certificate.', undefined, 'client-cert-required'),
  ff('SSL_ERROR_HANDSHAKE_FAILURE_ALERT', 'SSL peer was unable to negotiate an acceptable set of security parameters.', undefined, 'protocol-mismatch'),
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'firefox'> = {
  id: 'firefox',
  label: 'Firefox (NSS / mozilla::pkix)',
  store: 'mozilla',
  policy: { aiaFetch: false, cnFallback: false, minRsaBits: 1024, rejectSha1: true, strict: false, partialChain: true, trustedPeer: false, maxDepth: 100 },
  evidence: {
    aiaFetch: { basis: 'source', note: "Firefox does not fetch AIA; it preloads the intermediates disclosed in Mozilla's CA database (CCADB) instead." },
    cnFallback: {
      basis: 'assumed',
      note: 'Current Firefox matches names against the SAN only (security.pki.name_matching_mode); a CN-only certificate gives SSL_ERROR_BAD_CERT_DOMAIN. Not run here.',
    },
    minRsaBits: {
      basis: 'assumed',
      note: 'mozilla::pkix accepts RSA keys of at least 1024 bits for TLS server certificates; smaller give MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE.',
    },
    rejectSha1: {
      basis: 'assumed',
      note: 'SHA-1 is refused for built-in roots (SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED); security.pki.sha1_enforcement_level still allows it under locally imported roots.',
    },
    strict: { basis: 'source', note: 'No OpenSSL strict flag.' },
    partialChain: { basis: 'assumed', note: 'Any certificate with NSS trust bits is an anchor (as Chromium with the same NSS database showed); not run here.' },
    maxDepth: { basis: 'assumed', note: 'mozilla::pkix bounds path building by a budget.' },
    trustedPeer: {
      basis: 'assumed',
      note: 'NSS trust C,, trusts a CA, not a leaf (as Chromium with the same NSS database showed: a trusted leaf alone is ERR_CERT_AUTHORITY_INVALID); not run here.',
    },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: { basis: 'source', note: 'Firefox 78 set security.tls.version.min to 3 (TLS 1.2): SSL_ERROR_UNSUPPORTED_VERSION.' },
  },
  notes: 'Error pages show the code (e.g. SEC_ERROR_UNKNOWN_ISSUER) beside the sentence from nsserrors.ftl.',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(FIREFOX_MESSAGES, id);
const say = sayFrom(FIREFOX_MESSAGES);

export function renderFirefox(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const sec = (name: string, note?: string) => say(name.toLowerCase().replace(/_/g, '-'), {}, note);
  if (f.code === V.OK)
    return hasNoSan(ctx) && ctx.cert
      ? sec('SSL_ERROR_BAD_CERT_DOMAIN', 'Firefox matches names against the SAN only.')
      : ok(t('sec-error-unknown-issuer').source);
  const partial = partialChainPasses(PROFILE, f);
  if (partial) return partial;
  if (f.code === V.DEPTH_ZERO_SELF_SIGNED_CERT) return sec('MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT');
  if (UNTRUSTED.includes(f.code)) {
    return sec(
      'SEC_ERROR_UNKNOWN_ISSUER',
      f.code === V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY || f.code === V.UNABLE_TO_VERIFY_LEAF_SIGNATURE
        ? 'Firefox does not fetch AIA; it completes chains only from intermediates it already knows (preloaded from CCADB or cached).'
        : undefined,
    );
  }
  if (f.code === V.CERT_HAS_EXPIRED) return sec(f.depth === 0 ? 'SEC_ERROR_EXPIRED_CERTIFICATE' : 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE');
  if (f.code === V.CERT_NOT_YET_VALID)
    return sec(f.depth === 0 ? 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE' : 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE');
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) return sec('SSL_ERROR_BAD_CERT_DOMAIN');
  if (f.code === V.INVALID_CA || f.code === V.KEYUSAGE_NO_CERTSIGN)
    return ctx.cert?.basicConstraints?.ca === true && lacksKeyCertSign(ctx) ? sec('SEC_ERROR_INADEQUATE_KEY_USAGE') : sec('SEC_ERROR_CA_CERT_INVALID');
  if (f.code === V.PATH_LENGTH_EXCEEDED) return sec('SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID');
  if (f.code === V.INVALID_PURPOSE) return sec('SEC_ERROR_INADEQUATE_CERT_TYPE');
  if (f.code === V.PERMITTED_VIOLATION || f.code === V.EXCLUDED_VIOLATION) return sec('SEC_ERROR_CERT_NOT_IN_NAME_SPACE');
  if (f.code === V.EE_KEY_TOO_SMALL || f.code === V.CA_KEY_TOO_SMALL)
    return rsaBits(ctx) >= 1024
      ? ok(t('mozilla-pkix-error-inadequate-key-size').source, 'mozilla::pkix accepts RSA keys of 1024 bits and more (assumed).')
      : sec('MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE');
  if (f.code === V.CA_MD_TOO_WEAK)
    return sec('SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED', 'Firefox still allows SHA-1 under locally imported roots (security.pki.sha1_enforcement_level).');
  if (f.code === V.CERT_SIGNATURE_FAILURE) return sec('SEC_ERROR_BAD_SIGNATURE');
  if (f.code === V.CERT_REVOKED) return sec('SEC_ERROR_REVOKED_CERTIFICATE');
  return unmodelled('firefox', f.code);
}

export const FIREFOX_CLIENT: ClientModule<'firefox'> = {
  ...PROFILE,
  messages: FIREFOX_MESSAGES,
  render: (failure, ctx) => renderFirefox(judged(failure), ctx),
};
