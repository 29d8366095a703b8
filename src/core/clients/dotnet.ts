/**
 * .NET SslStream / HttpClient: everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import { type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { OPENSSL_DEPTH, NO_STRICT_SOURCE, NO_PARTIAL } from './openssl-family.ts';
import { aiaCanComplete, judged, messageIn, ok, sayFrom, unmodelled } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const DOTNET_SR = 'dotnet/runtime commit f72a1f67a0a317ffc487a204014006d52bed7a92 src/libraries/System.Net.Security/src/Resources/Strings.resx';
const DOTNET_MAP =
  'dotnet/runtime System.Security.Cryptography.X509Certificates Pal.Unix OpenSslX509ChainProcessor.MapVerifyErrorToChainStatus (OpenSSL verify code -> X509ChainStatusFlags)';
export const DOTNET_MESSAGES: readonly ClientMessage<'dotnet'>[] = [
  {
    client: 'dotnet',
    id: 'http-wrapper',
    template: 'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.',
    cause: 'from-code',
    basis: 'source',
    source: 'dotnet/runtime System.Net.Http SR net_http_ssl_connection_failed (outer exception of HttpClient)',
  },
  {
    client: 'dotnet',
    id: 'chain',
    template: 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: {status}',
    cause: 'from-code',
    errorCode: 'RemoteCertificateChainErrors',
    versions: '.NET 5+',
    basis: 'source',
    source: `${DOTNET_SR} net_ssl_io_cert_chain_validation; status names from ${DOTNET_MAP}`,
  },
  {
    client: 'dotnet',
    id: 'name-mismatch',
    template:
      'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'RemoteCertificateNameMismatch',
    basis: 'source',
    source: `${DOTNET_SR} net_ssl_io_cert_validation with SslPolicyErrors.RemoteCertificateNameMismatch`,
  },
  {
    client: 'dotnet',
    id: 'validation',
    template: 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: {policyErrors}',
    cause: 'from-code',
    basis: 'source',
    source: `${DOTNET_SR} net_ssl_io_cert_validation`,
  },
  {
    client: 'dotnet',
    id: 'custom-callback',
    template:
      'System.Security.Authentication.AuthenticationException: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.',
    cause: 'unknown',
    basis: 'source',
    source: `${DOTNET_SR} net_ssl_io_cert_custom_validation`,
  },
  {
    client: 'dotnet',
    id: 'status-partial-chain',
    template: 'PartialChain',
    code: V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    cause: 'incomplete-chain',
    errorCode: 'X509ChainStatusFlags.PartialChain',
    basis: 'source',
    source: `${DOTNET_MAP} (codes 2, 20, 21)`,
  },
  {
    client: 'dotnet',
    id: 'status-untrusted-root',
    template: 'UntrustedRoot',
    code: V.SELF_SIGNED_CERT_IN_CHAIN,
    cause: 'unknown-ca',
    errorCode: 'X509ChainStatusFlags.UntrustedRoot',
    basis: 'source',
    source: `${DOTNET_MAP} (codes 18, 19, 27)`,
  },
  {
    client: 'dotnet',
    id: 'status-not-time-valid',
    template: 'NotTimeValid',
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    errorCode: 'X509ChainStatusFlags.NotTimeValid',
    basis: 'source',
    source: `${DOTNET_MAP} (codes 9, 10, 13, 14)`,
  },
  {
    client: 'dotnet',
    id: 'status-basic-constraints',
    template: 'InvalidBasicConstraints',
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'X509ChainStatusFlags.InvalidBasicConstraints',
    basis: 'source',
    source: `${DOTNET_MAP} (codes 24/79 INVALID_CA, 25, 32, 37, 39)`,
  },
  {
    client: 'dotnet',
    id: 'status-usage',
    template: 'NotValidForUsage',
    code: V.INVALID_PURPOSE,
    cause: 'wrong-purpose',
    errorCode: 'X509ChainStatusFlags.NotValidForUsage',
    basis: 'source',
    source: `${DOTNET_MAP} (code 26)`,
  },
  {
    client: 'dotnet',
    id: 'status-signature',
    template: 'NotSignatureValid',
    code: V.CERT_SIGNATURE_FAILURE,
    cause: 'bad-signature',
    errorCode: 'X509ChainStatusFlags.NotSignatureValid',
    basis: 'source',
    source: `${DOTNET_MAP} (codes 6, 7)`,
  },
  {
    client: 'dotnet',
    id: 'status-revoked',
    template: 'Revoked',
    code: V.CERT_REVOKED,
    cause: 'revoked',
    errorCode: 'X509ChainStatusFlags.Revoked',
    basis: 'source',
    source: `${DOTNET_MAP} (code 23)`,
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'dotnet'> = {
  id: 'dotnet',
  label: '.NET (SslStream / HttpClient on Linux)',
  store: 'system',
  policy: { aiaFetch: true, cnFallback: true, minRsaBits: 0, rejectSha1: false, strict: false, partialChain: false, maxDepth: 100 },
  evidence: {
    aiaFetch: { basis: 'source', note: 'OpenSslX509ChainProcessor downloads missing issuers from http AIA caIssuers URLs (DownloadCertificate).' },
    cnFallback: {
      basis: 'assumed',
      note: 'Name check goes through OpenSSL X509_check_host on Linux and CertVerifyCertificateChainPolicy on Windows, both of which fall back to the CN; not run here.',
    },
    minRsaBits: { basis: 'assumed', note: 'X509Chain reports no key-size status flag; not run here.' },
    rejectSha1: { basis: 'assumed', note: 'X509Chain on Linux has no weak-signature status; not run here.' },
    strict: NO_STRICT_SOURCE,
    partialChain: NO_PARTIAL,
    maxDepth: OPENSSL_DEPTH,
  },
  legacyTls: {
    behaviour: 'rsa-key-exchange-only',
    evidence: {
      basis: 'assumed',
      note: 'On Linux SslStream uses the system OpenSSL with SslProtocols.None (the OS default), so it is assumed to behave as openssl does; not run here.',
    },
  },
  notes:
    'Chain errors arrive as X509ChainStatusFlags names (PartialChain, UntrustedRoot, NotTimeValid, …) inside "The remote certificate is invalid because of errors in the certificate chain: …".',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(DOTNET_MESSAGES, id);
const say = sayFrom(DOTNET_MESSAGES);

/** .NET on Linux: OpenSSL verify code -> X509ChainStatusFlags (OpenSslX509ChainProcessor.MapVerifyErrorToChainStatus). */
const DOTNET_STATUS: Record<number, string> = {
  [V.CERT_NOT_YET_VALID]: 'NotTimeValid',
  [V.CERT_HAS_EXPIRED]: 'NotTimeValid',
  [V.ERROR_IN_CERT_NOT_BEFORE_FIELD]: 'NotTimeValid',
  [V.ERROR_IN_CERT_NOT_AFTER_FIELD]: 'NotTimeValid',
  [V.CERT_REVOKED]: 'Revoked',
  [V.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY]: 'NotSignatureValid',
  [V.CERT_SIGNATURE_FAILURE]: 'NotSignatureValid',
  [V.CERT_UNTRUSTED]: 'UntrustedRoot',
  [V.DEPTH_ZERO_SELF_SIGNED_CERT]: 'UntrustedRoot',
  [V.SELF_SIGNED_CERT_IN_CHAIN]: 'UntrustedRoot',
  [V.UNABLE_TO_GET_ISSUER_CERT]: 'PartialChain',
  [V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY]: 'PartialChain',
  [V.UNABLE_TO_VERIFY_LEAF_SIGNATURE]: 'PartialChain',
  [V.INVALID_PURPOSE]: 'NotValidForUsage',
  [V.INVALID_CA]: 'InvalidBasicConstraints',
  [V.INVALID_NON_CA]: 'InvalidBasicConstraints',
  [V.PATH_LENGTH_EXCEEDED]: 'InvalidBasicConstraints',
  [V.KEYUSAGE_NO_CERTSIGN]: 'InvalidBasicConstraints',
  [V.KEYUSAGE_NO_DIGITAL_SIGNATURE]: 'InvalidBasicConstraints',
  [V.UNHANDLED_CRITICAL_EXTENSION]: 'HasNotSupportedCriticalExtension',
  [V.CERT_REJECTED]: 'ExplicitDistrust',
};

export function renderDotnet(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  if (f.code === V.OK) return ok(t('chain').source);
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) return say('name-mismatch');
  if (aiaCanComplete(f, ctx))
    return ok(t('status-partial-chain').source, `.NET on Linux downloads the missing issuer from ${ctx.cert?.aia?.caIssuers[0]} (http AIA only) and retries.`);
  if (f.code === V.EE_KEY_TOO_SMALL || f.code === V.CA_KEY_TOO_SMALL || f.code === V.CA_MD_TOO_WEAK)
    return ok(t('chain').source, 'X509Chain has no key-size or weak-digest status (an assumption: this case was not tried against .NET).');
  const status = DOTNET_STATUS[f.code];
  if (!status) return unmodelled('dotnet', f.code);
  const r = say('chain', { status });
  return { ...r, errorCode: `X509ChainStatusFlags.${status}` };
}

export const DOTNET_CLIENT: ClientModule<'dotnet'> = {
  ...PROFILE,
  messages: DOTNET_MESSAGES,
  render: (failure, ctx) => renderDotnet(judged(failure), ctx),
};
