/**
 * Node.js tls / https / fetch: everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { verifyCodeByNumber } from '../codes/verify-codes.ts';
import { V } from '../codes/verify-code-constants.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { commonName, dnsSans, fill, ipSans, isIpLiteral, opensslSanString } from './formats.ts';
import { opensslText, continuedErrors, OPENSSL_DEPTH, NO_STRICT } from './openssl-family.ts';
import { judged, messageIn, ok } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const NODE_CODES = 'nodejs/node src/crypto/crypto_common.cc X509ErrorCode (28 mapped codes, else UNSPECIFIED); message = X509_verify_cert_error_string';
const NODE_HINT =
  'nodejs/node PR #57362 "Suggest --use-system-ca when a certificate error occurs" (UNABLE_TO_VERIFY_LEAF_SIGNATURE, DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_GET_ISSUER_CERT); string present in the Node v24.21.0 binary';
const NODE_TLS = 'nodejs/node lib/tls.js checkServerIdentity + lib/internal/errors.js ERR_TLS_CERT_ALTNAME_INVALID (as embedded in the Node v24.21.0 binary)';
const NODE_HINT_TEXT = '; if the root CA is installed locally, try running Node.js with --use-system-ca';
export const NODE_MESSAGES: readonly ClientMessage<'node'>[] = [
  { client: 'node', id: 'verify', template: 'Error: {text}', cause: 'from-code', errorCode: '{nodeCode}', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  {
    client: 'node',
    id: 'verify-hint',
    template: `Error: {text}${NODE_HINT_TEXT}`,
    cause: 'from-code',
    errorCode: '{nodeCode}',
    versions: 'Node 24 (nodejs/node PR #57362, 2025) for codes 2, 18, 21; not Node 20',
    basis: 'both',
    source: `${NODE_HINT}; ${CAPTURED} (node24 vs node20)`,
  },
  {
    client: 'node',
    id: 'leaf-signature',
    template: 'Error: unable to verify the first certificate',
    code: V.UNABLE_TO_VERIFY_LEAF_SIGNATURE,
    cause: 'incomplete-chain',
    errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    versions: 'Node before PR #57362 (Node 20 here)',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'leaf-signature-hint',
    template: `Error: unable to verify the first certificate${NODE_HINT_TEXT}`,
    code: V.UNABLE_TO_VERIFY_LEAF_SIGNATURE,
    cause: 'incomplete-chain',
    errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    versions: 'Node 24 here',
    basis: 'both',
    source: `${NODE_HINT}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'issuer-locally',
    template: 'Error: unable to get local issuer certificate',
    code: V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
    cause: 'unknown-ca',
    errorCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'self-signed-in-chain',
    template: 'Error: self-signed certificate in certificate chain',
    code: V.SELF_SIGNED_CERT_IN_CHAIN,
    cause: 'self-signed',
    errorCode: 'SELF_SIGNED_CERT_IN_CHAIN',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'depth-zero',
    template: 'Error: self-signed certificate',
    code: V.DEPTH_ZERO_SELF_SIGNED_CERT,
    cause: 'self-signed',
    errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    versions: 'Node 20 here',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'depth-zero-hint',
    template: `Error: self-signed certificate${NODE_HINT_TEXT}`,
    code: V.DEPTH_ZERO_SELF_SIGNED_CERT,
    cause: 'self-signed',
    errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    versions: 'Node 24 here',
    basis: 'both',
    source: `${NODE_HINT}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'expired',
    template: 'Error: certificate has expired',
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    errorCode: 'CERT_HAS_EXPIRED',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'not-yet-valid',
    template: 'Error: certificate is not yet valid',
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    errorCode: 'CERT_NOT_YET_VALID',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'altname',
    template:
      "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: {host}. is not in the cert's altnames: {altnames}",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    basis: 'both',
    source: `${NODE_TLS}; ${CAPTURED}`,
  },
  {
    client: 'node',
    id: 'altname-ip',
    template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: {host} is not in the cert's list: {names}",
    code: V.IP_ADDRESS_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    basis: 'both',
    source: `${NODE_TLS}; ${CAPTURED} (situation ip-mismatch)`,
  },
  {
    client: 'node',
    id: 'altname-cn',
    template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: {host}. is not cert's CN: {cn}",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    basis: 'source',
    source: NODE_TLS,
  },
  {
    client: 'node',
    id: 'altname-none',
    template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Cert does not contain a DNS name",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID',
    basis: 'source',
    source: NODE_TLS,
  },
  {
    client: 'node',
    id: 'unspecified',
    template: 'Error: {text}',
    cause: 'from-code',
    errorCode: 'UNSPECIFIED',
    basis: 'both',
    source: `${NODE_CODES}; ${CAPTURED} (e.g. "key usage does not include certificate signing", "permitted subtree violation", "EE certificate key too weak")`,
  },
  {
    client: 'node',
    id: 'alert-cert-required',
    template: 'Error: {hex}:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:{path}:SSL alert number 116',
    cause: 'client-cert-required',
    errorCode: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    basis: 'captured',
    source: `${CAPTURED} (situation client-cert-required)`,
  },
  {
    client: 'node',
    id: 'alert-protocol-version',
    template: 'Error: {hex}:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:{path}:SSL alert number 70',
    cause: 'protocol-mismatch',
    errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    basis: 'captured',
    source: `${CAPTURED} (situation protocol-mismatch)`,
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'node'> = {
  id: 'node',
  label: 'Node.js 24 (tls / https / fetch)',
  store: 'mozilla',
  policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: false, maxDepth: 100, opensslChain: true },
  evidence: {
    aiaFetch: {
      basis: 'source',
      note: 'Node does not fetch AIA (nodejs/node#58082 asks for it); captured: incomplete-chain fails with UNABLE_TO_VERIFY_LEAF_SIGNATURE.',
    },
    cnFallback: {
      basis: 'captured',
      note: 'tls.checkServerIdentity matches the CN "only if no supported identifiers exist" (lib/tls.js); CN-only leaf passes on Node 24 and 20 (situation cn-only).',
    },
    minRsaBits: {
      basis: 'captured',
      note: 'Node 24 rejects an RSA-1024 leaf with UNSPECIFIED "EE certificate key too weak"; Node 20 accepts it (situation weak-key).',
    },
    rejectSha1: {
      basis: 'captured',
      note: 'SHA-1 signed leaf fails on Node 24 and 20 with UNSPECIFIED "CA signature digest algorithm too weak" (situation weak-digest).',
    },
    strict: NO_STRICT,
    maxDepth: OPENSSL_DEPTH,
    partialChain: {
      basis: 'captured',
      note: 'Trusting only the intermediate fails with UNABLE_TO_GET_ISSUER_CERT (code 2; Node 24 adds the --use-system-ca hint) (situation trusted-intermediate).',
    },
    opensslChain: {
      basis: 'captured',
      note: 'Node verifies with its bundled OpenSSL (3.5.8 in Node 24.21, 3.0 in Node 20): two intermediates of the same name and key sent, the first leading to an untrusted root, fail with UNABLE_TO_GET_ISSUER_CERT_LOCALLY on both, as `openssl verify` does; Go, Java and rustls connect (situation first-issuer-dead-end).',
    },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: {
      basis: 'captured',
      note: 'tls.DEFAULT_MIN_VERSION is TLSv1.2: ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION (Node v24.21.0, captured here against `openssl s_server -tls1` and `-tls1_1` (test/clients/legacy-tls.test.ts checks it)).',
    },
  },
  notes:
    'Node lets OpenSSL continue past errors and reports the last one, like s_client: 21 for a leaf-only chain, 26 "unsupported certificate purpose" for a CA:FALSE issuer. Trust store is the bundled Mozilla list (tls.rootCertificates) unless --use-system-ca / NODE_EXTRA_CA_CERTS.',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(NODE_MESSAGES, id);

/** The 28 OpenSSL codes Node names (src/crypto/crypto_common.cc X509ErrorCode); every other code is UNSPECIFIED. */
export const NODE_NAMED_CODES: readonly string[] = [
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'OUT_OF_MEM',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
];

export function nodeErrorCode(code: number): string {
  const short = verifyCodeByNumber(code).code?.short;
  return short && NODE_NAMED_CODES.includes(short) ? short : 'UNSPECIFIED';
}

/** Codes after which Node 24 appends the --use-system-ca hint (nodejs/node PR #57362). */
export const NODE_HINT_CODES: readonly number[] = [V.UNABLE_TO_GET_ISSUER_CERT, V.DEPTH_ZERO_SELF_SIGNED_CERT, V.UNABLE_TO_VERIFY_LEAF_SIGNATURE];

function nodeAltnameReason(ctx: RenderContext): string {
  const sans = ctx.cert?.subjectAltNames ?? [];
  if (isIpLiteral(ctx.host)) return fill(t('altname-ip').template, { host: ctx.host, names: ipSans(ctx.cert).join(', ') });
  if (dnsSans(ctx.cert).length > 0) return fill(t('altname').template, { host: ctx.host, altnames: opensslSanString(sans) });
  const cn = commonName(ctx.cert);
  if (cn) return fill(t('altname-cn').template, { host: ctx.host, cn });
  return t('altname-none').template;
}

function nodeMessage(f: ClientFailure, ctx: RenderContext, version: 20 | 24): RenderedClientMessage {
  if (f.code === V.OK) return ok(t('verify').source);
  if (f.code === V.EE_KEY_TOO_SMALL && version === 20) {
    return {
      ...ok(`${t('unspecified').source} (Node 20 accepted the RSA-1024 leaf)`),
      note: 'Node 20 does not enforce OpenSSL security level 2 on certificate keys.',
    };
  }
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) {
    const entry = t('altname');
    return { fails: true, message: nodeAltnameReason(ctx), source: entry.source, errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID', modelled: true };
  }
  const codes = continuedErrors(f, ctx);
  const last = codes[codes.length - 1];
  const hint = version === 24 && NODE_HINT_CODES.includes(last);
  const entry = t(hint ? 'verify-hint' : 'verify');
  return {
    fails: true,
    message: fill(entry.template, { text: opensslText(last) }),
    source: entry.source,
    errorCode: nodeErrorCode(last),
    modelled: true,
    note: last !== f.code ? `Node lets OpenSSL continue and reports the last error (${last}), not the first (${f.code}).` : undefined,
  };
}

export function renderNode(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const n24 = nodeMessage(f, ctx, 24);
  const n20 = nodeMessage(f, ctx, 20);
  return { ...n24, variants: { node20: { fails: n20.fails, message: n20.message } } };
}

export const NODE_CLIENT: ClientModule<'node'> = {
  ...PROFILE,
  messages: NODE_MESSAGES,
  render: (failure, ctx) => renderNode(judged(failure), ctx),
};
