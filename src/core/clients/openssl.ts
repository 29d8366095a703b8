/**
 * OpenSSL 3.0 `openssl s_client` (Debian 12): everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { fill } from './formats.ts';
import { opensslText, continuedErrors, NO_AIA, OPENSSL_DEPTH, NO_STRICT, NO_PARTIAL_CAPTURED, SECLEVEL2_RSA, SECLEVEL2_SHA1 } from './openssl-family.ts';
import { judged, messageIn, ok } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const OSSL_SCB = 'openssl/openssl apps/lib/s_cb.c verify_callback (OpenSSL 3.0.19 on this machine)';
const OSSL_SCLIENT = 'openssl/openssl apps/s_client.c print_stuff (OpenSSL 3.0.19 on this machine)';
const OSSL_VERIFY = 'openssl/openssl apps/verify.c cb / check (OpenSSL 3.0.19 on this machine)';
const OSSL_ERRSTR = 'openssl/openssl ssl reason strings, checked with `openssl errstr` (OpenSSL 3.0.19 on this machine)';
export const OPENSSL_MESSAGES: readonly ClientMessage<'openssl'>[] = [
  {
    client: 'openssl',
    id: 'verify-error-line',
    template: 'verify error:num={code}:{text}',
    cause: 'from-code',
    basis: 'both',
    source: `${OSSL_SCB}; ${CAPTURED}`,
  },
  {
    client: 'openssl',
    id: 'verification-error',
    template: 'Verification error: {text}',
    cause: 'from-code',
    basis: 'both',
    source: `${OSSL_SCLIENT}; ${CAPTURED}`,
  },
  {
    client: 'openssl',
    id: 'verify-return-code',
    template: 'Verify return code: {code} ({text})',
    cause: 'from-code',
    basis: 'both',
    source: `${OSSL_SCLIENT}; ${CAPTURED}`,
  },
  {
    client: 'openssl',
    id: 'verify-cmd-error',
    template: 'error {code} at {depth} depth lookup: {text}',
    cause: 'from-code',
    basis: 'both',
    source: `${OSSL_VERIFY}; ${CAPTURED} extras openssl-verify-missing-issuer`,
  },
  {
    client: 'openssl',
    id: 'verify-cmd-failed',
    template: 'error {file}: verification failed',
    cause: 'from-code',
    basis: 'both',
    source: `${OSSL_VERIFY}; ${CAPTURED} extras openssl-verify-missing-issuer`,
  },
  {
    client: 'openssl',
    id: 'alert-certificate-required',
    template: 'error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required',
    cause: 'client-cert-required',
    basis: 'both',
    source: `${OSSL_ERRSTR}; ${CAPTURED} (situation client-cert-required)`,
  },
  {
    client: 'openssl',
    id: 'alert-bad-certificate',
    template: 'error:0A000412:SSL routines::sslv3 alert bad certificate',
    cause: 'client-cert-required',
    basis: 'source',
    source: OSSL_ERRSTR,
  },
  {
    client: 'openssl',
    id: 'alert-unknown-ca',
    template: 'error:0A000418:SSL routines::tlsv1 alert unknown ca',
    cause: 'client-cert-required',
    basis: 'source',
    source: OSSL_ERRSTR,
  },
  {
    client: 'openssl',
    id: 'alert-certificate-unknown',
    template: 'error:0A000416:SSL routines::sslv3 alert certificate unknown',
    cause: 'client-cert-required',
    basis: 'source',
    source: OSSL_ERRSTR,
  },
  {
    client: 'openssl',
    id: 'alert-handshake-failure',
    template: 'error:0A000410:SSL routines::sslv3 alert handshake failure',
    cause: 'protocol-mismatch',
    basis: 'source',
    source: OSSL_ERRSTR,
  },
  {
    client: 'openssl',
    id: 'alert-protocol-version',
    template: 'error:0A00042E:SSL routines::tlsv1 alert protocol version',
    cause: 'protocol-mismatch',
    basis: 'source',
    source: OSSL_ERRSTR,
  },
  {
    client: 'openssl',
    id: 'legacy-sigalg',
    template: 'error:0A00014D:SSL routines:tls_process_key_exchange:legacy sigalg disallowed or unsupported',
    cause: 'protocol-mismatch',
    basis: 'both',
    source: `${OSSL_ERRSTR}; ${CAPTURED} (situation protocol-mismatch: server limited to TLS 1.1)`,
  },
  {
    client: 'openssl',
    id: 'certificate-verify-failed',
    template: 'error:0A000086:SSL routines::certificate verify failed',
    cause: 'from-code',
    basis: 'source',
    source: OSSL_ERRSTR,
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'openssl'> = {
  id: 'openssl',
  label: 'OpenSSL 3.0 (openssl s_client, Debian 12)',
  store: 'system',
  policy: {
    aiaFetch: false,
    cnFallback: true,
    minRsaBits: 2048,
    rejectSha1: true,
    strict: false,
    partialChain: false,
    maxDepth: 100,
    opensslChain: true,
    partialWildcards: true,
  },
  evidence: {
    aiaFetch: NO_AIA,
    cnFallback: {
      basis: 'captured',
      note: 'X509_check_host falls back to the subject CN when there is no DNS SAN: CN-only leaf passes with -verify_hostname (situation cn-only).',
    },
    minRsaBits: SECLEVEL2_RSA,
    rejectSha1: SECLEVEL2_SHA1,
    strict: NO_STRICT,
    partialChain: NO_PARTIAL_CAPTURED,
    maxDepth: OPENSSL_DEPTH,
    partialWildcards: {
      basis: 'source',
      note: 'crypto/x509/v3_utl.c wildcard_match: without X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS (s_client does not set it) f*.example.com matches foo.example.com; CPython sets the flag.',
    },
    opensslChain: {
      basis: 'source',
      note: 'crypto/x509/x509_vfy.c build_chain: trusted-first, the first time-valid matching issuer, no retry once the chain is built; compared with real `openssl verify` on every x509-limbo case and a sample of BetterTLS (test/openssl-verify).',
    },
  },
  legacyTls: {
    behaviour: 'rsa-key-exchange-only',
    evidence: {
      basis: 'captured',
      note: 'OpenSSL 3.0.19 (Debian 12 sets no MinProtocol) offers TLS 1.0/1.1: with AES128-SHA the handshake completes; with an ECDHE suite s_client stops at "tls_process_key_exchange:legacy sigalg disallowed or unsupported" (captured here against `openssl s_server -tls1` and `-tls1_1` (test/clients/legacy-tls.test.ts checks it)).',
    },
  },
  notes:
    's_client does not stop on a verify error: it prints every error (verify error:num=…) and the last one as "Verify return code"; an incomplete chain shows 20 then 21, a CA:FALSE issuer 79 then 26.',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(OPENSSL_MESSAGES, id);

export function renderOpenssl(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const line = t('verify-error-line');
  if (f.code === V.OK) return { ...ok(t('verify-return-code').source), message: 'Verify return code: 0 (ok)' };
  const codes = continuedErrors(f, ctx);
  const last = codes[codes.length - 1];
  const lines = codes.map((c) => fill(line.template, { code: c, text: opensslText(c) }));
  lines.push(fill(t('verification-error').template, { text: opensslText(last) }));
  lines.push(fill(t('verify-return-code').template, { code: last, text: opensslText(last) }));
  return {
    fails: true,
    message: lines.join('\n'),
    source: line.source,
    errorCode: String(last),
    reportedCode: last,
    modelled: true,
    note:
      f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH
        ? 's_client checks the name only when given -verify_hostname / -verify_ip; without it this chain verifies.'
        : undefined,
  };
}

export const OPENSSL_CLIENT: ClientModule<'openssl'> = {
  ...PROFILE,
  messages: OPENSSL_MESSAGES,
  render: (failure, ctx) => renderOpenssl(judged(failure), ctx),
};
