/**
 * curl 7.88 with OpenSSL 3.0: everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { commonName, dnsSans, fill, ipSans } from './formats.ts';
import { opensslText, OPENSSL_DEPTH, NO_STRICT, SECLEVEL2_RSA, SECLEVEL2_SHA1 } from './openssl-family.ts';
import { judged, messageIn, ok } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const CURL_788 = 'curl/curl tag curl-7_88_1 lib/vtls/openssl.c (Debian 12 curl 7.88.1)';
const CURL_HEAD = 'curl/curl commit 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/openssl.c';
const CURL_TOOL = 'curl/curl tag curl-7_88_1 src/tool_operate.c (CURL_CA_CERT_ERRORMSG, printed after exit code 60)';
const CURL_STRERROR = 'curl/curl tag curl-7_88_1 lib/strerror.c curl_easy_strerror (used when no detailed message was set)';
export const CURL_MESSAGES: readonly ClientMessage<'curl'>[] = [
  {
    client: 'curl',
    id: '60-verify',
    template: 'curl: (60) SSL certificate problem: {text}',
    cause: 'from-code',
    errorCode: '60',
    basis: 'both',
    source: `${CURL_788}; ${CAPTURED}`,
  },
  {
    client: 'curl',
    id: '60-no-alt-name',
    template: "curl: (60) SSL: no alternative certificate subject name matches target host name '{host}'",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: '60',
    versions: 'curl < 8.7.0',
    basis: 'both',
    source: `${CURL_788}; ${CAPTURED}`,
  },
  {
    client: 'curl',
    id: '60-no-alt-name-8.7',
    template: "curl: (60) SSL: no alternative certificate subject name matches target hostname '{host}'",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: '60',
    versions: 'curl >= 8.7.0 (IP targets say "target IPv4 address" / "target IPv6 address")',
    basis: 'source',
    source: CURL_HEAD,
  },
  {
    client: 'curl',
    id: '60-cn-mismatch',
    template: "curl: (60) SSL: certificate subject name '{cn}' does not match target host name '{host}'",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: '60',
    versions: 'curl < 8.7.0 (later: "target hostname")',
    basis: 'source',
    source: CURL_788,
  },
  {
    client: 'curl',
    id: '60-no-cn',
    template: 'curl: (60) SSL: unable to obtain common name from peer certificate',
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: '60',
    basis: 'source',
    source: CURL_788,
  },
  {
    client: 'curl',
    id: '60-verify-result',
    template: 'curl: (60) SSL certificate OpenSSL verify result: {text} ({code})',
    cause: 'from-code',
    errorCode: '60',
    versions: 'curl 8.x',
    basis: 'source',
    source: CURL_HEAD,
  },
  {
    client: 'curl',
    id: '60-tail',
    template:
      'More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.',
    cause: 'from-code',
    errorCode: '60',
    versions: 'curl < 8.9.0 ("webpage" from 8.9.0 on)',
    basis: 'both',
    source: `${CURL_TOOL}; ${CAPTURED}`,
  },
  {
    client: 'curl',
    id: '60-strerror',
    template: 'curl: (60) SSL peer certificate or SSH remote key was not OK',
    cause: 'from-code',
    errorCode: '60',
    basis: 'source',
    source: CURL_STRERROR,
  },
  {
    client: 'curl',
    id: '35-openssl',
    template: 'curl: (35) OpenSSL/{version}: error:{hex}:SSL routines::{reason}',
    cause: 'protocol-mismatch',
    errorCode: '35',
    basis: 'both',
    source: `${CURL_788} (ossl_connect_step2 failf); ${CAPTURED} (situation protocol-mismatch: "curl: (35) OpenSSL/3.0.19: error:0A00014D:SSL routines::legacy sigalg disallowed or unsupported")`,
  },
  {
    client: 'curl',
    id: '35-strerror',
    template: 'curl: (35) SSL connect error',
    cause: 'protocol-mismatch',
    errorCode: '35',
    basis: 'source',
    source: CURL_STRERROR,
  },
  {
    client: 'curl',
    id: '56-cert-required',
    template: 'curl: (56) OpenSSL SSL_read: OpenSSL/{version}: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0',
    cause: 'client-cert-required',
    errorCode: '56',
    basis: 'captured',
    source: `${CAPTURED} (situation client-cert-required, TLS 1.3: the alert arrives after the handshake)`,
  },
  {
    client: 'curl',
    id: '51-obsolete',
    template: "curl: (51) SSL: no alternative certificate subject name matches target host name '{host}'",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: '51',
    versions: 'curl < 7.62.0 (51 is CURLE_OBSOLETE51 "NOT USED" since; name mismatches are 60)',
    basis: 'source',
    source: 'curl/curl include/curl/curl.h (CURLE_OBSOLETE51 since curl-7_62_0) and lib/vtls/openssl.c before it',
  },
  {
    client: 'curl',
    id: '58-client-cert',
    template: 'curl: (58) could not load PEM client certificate from {file}, OpenSSL error {reason}, (no key found, wrong pass phrase, or wrong file format?)',
    cause: 'client-cert-required',
    errorCode: '58',
    basis: 'both',
    source: `${CURL_788}; ${CAPTURED} extras 58-client-cert`,
  },
  {
    client: 'curl',
    id: '58-strerror',
    template: 'curl: (58) Problem with the local SSL certificate',
    cause: 'client-cert-required',
    errorCode: '58',
    basis: 'source',
    source: CURL_STRERROR,
  },
  {
    client: 'curl',
    id: '77-cafile',
    template: 'curl: (77) error setting certificate file: {file}',
    cause: 'outdated-client-store',
    errorCode: '77',
    basis: 'both',
    source: `${CURL_788}; ${CAPTURED} extras 77-cafile`,
  },
  {
    client: 'curl',
    id: '77-strerror',
    template: 'curl: (77) Problem with the SSL CA cert (path? access rights?)',
    cause: 'outdated-client-store',
    errorCode: '77',
    basis: 'source',
    source: CURL_STRERROR,
  },
  {
    client: 'curl',
    id: '83-issuer-open',
    template: 'curl: (83) SSL: Unable to open issuer cert ({file})',
    cause: 'unknown-ca',
    errorCode: '83',
    basis: 'source',
    source: CURL_788,
  },
  {
    client: 'curl',
    id: '83-issuer-check',
    template: 'curl: (83) SSL: Certificate issuer check failed ({file})',
    cause: 'unknown-ca',
    errorCode: '83',
    basis: 'source',
    source: CURL_788,
  },
  {
    client: 'curl',
    id: '83-strerror',
    template: 'curl: (83) Issuer check against peer certificate failed',
    cause: 'unknown-ca',
    errorCode: '83',
    basis: 'source',
    source: CURL_STRERROR,
  },
  {
    client: 'curl',
    id: '90-pin',
    template: 'curl: (90) SSL: public key does not match pinned public key',
    cause: 'unknown',
    errorCode: '90',
    basis: 'both',
    source: `${CURL_788}; ${CAPTURED} extras 90-pin`,
  },
  {
    client: 'curl',
    id: '91-no-ocsp',
    template: 'curl: (91) No OCSP response received',
    cause: 'revoked',
    errorCode: '91',
    basis: 'both',
    source: `${CURL_788}; ${CAPTURED} extras 91-no-ocsp (s_server staples nothing)`,
  },
  {
    client: 'curl',
    id: '91-revoked',
    template: 'curl: (91) SSL certificate revocation reason: {reason} ({code})',
    cause: 'revoked',
    errorCode: '91',
    basis: 'source',
    source: CURL_788,
  },
  {
    client: 'curl',
    id: '91-strerror',
    template: 'curl: (91) SSL server certificate status verification FAILED',
    cause: 'revoked',
    errorCode: '91',
    basis: 'source',
    source: CURL_STRERROR,
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'curl'> = {
  id: 'curl',
  label: 'curl 7.88 with OpenSSL 3.0 (Debian 12)',
  store: 'system',
  policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: true, maxDepth: 100, opensslChain: true },
  evidence: {
    aiaFetch: { basis: 'source', note: 'curl never fetches missing intermediates (curl/curl#2793 asks for it); captured: incomplete-chain fails with 60.' },
    cnFallback: {
      basis: 'captured',
      note: 'curl 7.88 lib/vtls/openssl.c verifyhost checks the last CN when the certificate has no DNS/IP SAN (situation cn-only passes).',
    },
    minRsaBits: SECLEVEL2_RSA,
    rejectSha1: SECLEVEL2_SHA1,
    strict: NO_STRICT,
    maxDepth: OPENSSL_DEPTH,
    partialChain: {
      basis: 'captured',
      note: 'curl sets X509_V_FLAG_PARTIAL_CHAIN unless --no-partialchain or a CRL file is used (curl-7_88_1 lib/vtls/openssl.c): trusting only the intermediate passes (situation trusted-intermediate), where s_client, Python 3.11 and Node say 2.',
    },
    opensslChain: {
      basis: 'captured',
      note: `OpenSSL builds curl's chain (X509_verify_cert): with two intermediates of the same name and key sent, the first leading to an untrusted root, curl 7.88.1 says "(60) SSL certificate problem: unable to get local issuer certificate" as \`openssl verify\` does, where Go, Java and rustls find the trusted path (situation first-issuer-dead-end).`,
    },
  },
  legacyTls: {
    behaviour: 'rsa-key-exchange-only',
    evidence: {
      basis: 'captured',
      note: 'curl 7.88.1 on OpenSSL 3.0.19: completes against a TLS 1.0/1.1 server using AES128-SHA, exit 35 (legacy sigalg disallowed or unsupported) with an ECDHE suite (captured here against `openssl s_server -tls1` and `-tls1_1` (test/clients/legacy-tls.test.ts checks it)).',
    },
  },
  notes:
    'curl stops at the first verify error and prints it: "curl: (60) SSL certificate problem: unable to get local issuer certificate" for an incomplete chain (s_client and Node say 21 there).',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(CURL_MESSAGES, id);

export function renderCurl(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  if (f.code === V.OK) return ok(t('60-verify').source);
  if (f.code === V.UNABLE_TO_GET_ISSUER_CERT) {
    return {
      ...ok('curl-7_88_1 lib/vtls/openssl.c sets X509_V_FLAG_PARTIAL_CHAIN; captured: situation trusted-intermediate passes'),
      note: 'curl takes a trusted intermediate as anchor (unless --no-partialchain); OpenSSL alone says 2.',
    };
  }
  const tail = t('60-tail').template;
  let entry = t('60-verify');
  let first: string;
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) {
    // curl 7.88 checks the name itself: SAN first, the last CN only when there is no DNS/IP SAN
    const hasSan = dnsSans(ctx.cert).length + ipSans(ctx.cert).length > 0;
    const cn = commonName(ctx.cert);
    entry = hasSan ? t('60-no-alt-name') : cn ? t('60-cn-mismatch') : t('60-no-cn');
    first = fill(entry.template, { host: ctx.host, cn: cn ?? '' });
  } else {
    first = fill(entry.template, { text: opensslText(f.code) });
  }
  return { fails: true, message: `${first}\n${tail}`, source: `${entry.source}; ${t('60-tail').source}`, errorCode: '60', modelled: true };
}

export const CURL_CLIENT: ClientModule<'curl'> = {
  ...PROFILE,
  messages: CURL_MESSAGES,
  render: (failure, ctx) => renderCurl(judged(failure), ctx),
};
