/**
 * Messages of the OpenSSL-based clients: openssl s_client, curl, Python and Node.js.
 * They share OpenSSL's verify codes and texts; they differ in whether they stop at the
 * first error (curl, Python: the code `openssl verify` reports) or let OpenSSL go on and
 * report the last one (s_client's summary, Node).
 */
import { verifyCodeByNumber } from '../codes/verify-codes.ts';
import { messageById } from './messages.ts';
import { commonName, dnsSans, fill, ipSans, isIpLiteral, opensslSanString, pyRepr } from './formats.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

/** OpenSSL 3.0's text for a verify code (X509_verify_cert_error_string). */
export function opensslText(code: number): string {
  return verifyCodeByNumber(code).code?.text ?? `error number ${code}`;
}

/**
 * The errors OpenSSL reports, in order, when the verify callback lets it continue
 * (s_client, Node). Captured here: a leaf-only chain gives 20 then 21; an issuer that is
 * not a CA gives 79 then 26, and 32 after them when its keyUsage lacks keyCertSign.
 */
export function continuedErrors(f: ClientFailure, ctx: RenderContext): number[] {
  if (f.code === 20 && f.depth === 0) return [20, 21];
  if (f.code === 79) {
    const ku = ctx.cert?.keyUsage;
    return ku && !ku.includes('keyCertSign') ? [79, 26, 32] : [79, 26];
  }
  return [f.code];
}

const t = (client: Parameters<typeof messageById>[0], id: string) => messageById(client, id);
const ok = (source: string): RenderedClientMessage => ({ fails: false, message: '', source, modelled: true });

export function renderOpenssl(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const line = t('openssl', 'verify-error-line');
  if (f.code === 0) return { ...ok(t('openssl', 'verify-return-code').source), message: 'Verify return code: 0 (ok)' };
  const codes = continuedErrors(f, ctx);
  const last = codes[codes.length - 1];
  const lines = codes.map((c) => fill(line.template, { code: c, text: opensslText(c) }));
  lines.push(fill(t('openssl', 'verification-error').template, { text: opensslText(last) }));
  lines.push(fill(t('openssl', 'verify-return-code').template, { code: last, text: opensslText(last) }));
  return {
    fails: true, message: lines.join('\n'), source: line.source, errorCode: String(last), modelled: true,
    note: f.code === 62 || f.code === 64 ? 's_client checks the name only when given -verify_hostname / -verify_ip; without it this chain verifies.' : undefined,
  };
}

export function renderCurl(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  if (f.code === 0) return ok(t('curl', '60-verify').source);
  if (f.code === 2) {
    return { ...ok('curl-7_88_1 lib/vtls/openssl.c sets X509_V_FLAG_PARTIAL_CHAIN; captured: situation trusted-intermediate passes'), note: 'curl takes a trusted intermediate as anchor (unless --no-partialchain); OpenSSL alone says 2.' };
  }
  const tail = t('curl', '60-tail').template;
  let entry = t('curl', '60-verify');
  let first: string;
  if (f.code === 62 || f.code === 64) {
    // curl 7.88 checks the name itself: SAN first, the last CN only when there is no DNS/IP SAN
    const hasSan = dnsSans(ctx.cert).length + ipSans(ctx.cert).length > 0;
    const cn = commonName(ctx.cert);
    entry = hasSan ? t('curl', '60-no-alt-name') : cn ? t('curl', '60-cn-mismatch') : t('curl', '60-no-cn');
    first = fill(entry.template, { host: ctx.host, cn: cn ?? '' });
  } else {
    first = fill(entry.template, { text: opensslText(f.code) });
  }
  return { fails: true, message: `${first}\n${tail}`, source: `${entry.source}; ${t('curl', '60-tail').source}`, errorCode: '60', modelled: true };
}

/** CPython 3.11.7's line for verify errors (this machine's python3); other builds print other numbers. */
export const PYTHON_SSL_LINE = 1006;
/** The same line in CPython 3.13.0 (captured here with pyenv's 3.13.0). */
export const PYTHON313_SSL_LINE = 1020;

function pythonVerifyText(f: ClientFailure, ctx: RenderContext): string {
  if (f.code === 62) return `Hostname mismatch, certificate is not valid for '${ctx.host}'.`;
  if (f.code === 64) return `IP address mismatch, certificate is not valid for '${ctx.host}'.`;
  return opensslText(f.code);
}

export function renderPython(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const ssl = t('python', 'ssl-verify');
  const requestsCn = f.code === 0 && ctx.cert && dnsSans(ctx.cert).length === 0 && ipSans(ctx.cert).length === 0;
  const verifyText = requestsCn ? `Hostname mismatch, certificate is not valid for '${ctx.host}'.` : pythonVerifyText(f, ctx);
  const innerAt = (line: number) => `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${verifyText} (_ssl.c:${line})`;
  const inner = innerAt(PYTHON_SSL_LINE);
  const py313 = { fails: true, message: `ssl.SSLCertVerificationError: ${innerAt(PYTHON313_SSL_LINE)}` };
  const requests = {
    fails: f.code !== 0 || !!requestsCn,
    message: fill(t('python', 'requests').template, { host: ctx.host, port: ctx.port ?? 443, path: '/', repr: pyRepr(inner) }),
  };
  if (f.code === 0) {
    return {
      ...ok(ssl.source),
      note: requestsCn ? 'Python ssl falls back to the CN when the certificate has no SAN; requests (urllib3 2) does not.' : undefined,
      variants: { requests: requests.fails ? requests : { fails: false, message: '' } },
    };
  }
  return {
    fails: true, message: `ssl.SSLCertVerificationError: ${inner}`, source: `${ssl.source}; ${t('python', 'requests').source}`,
    errorCode: 'CERTIFICATE_VERIFY_FAILED', modelled: true,
    note: `"(_ssl.c:${PYTHON_SSL_LINE})" is CPython 3.11.7's line (3.13.0 prints ${PYTHON313_SSL_LINE}); other builds print other numbers. Python 3.13 validates in strict mode: render its verdict from a validation with the python profile (verdicts.ts).`,
    variants: {
      urllib: { fails: true, message: `urllib.error.URLError: <urlopen error ${inner}>` }, requests,
      // Python 3.13+ sets VERIFY_X509_PARTIAL_CHAIN: a trusted intermediate ends the path there
      'python3.13': f.code === 2 ? { fails: false, message: '' } : py313,
    },
  };
}

/** The 28 OpenSSL codes Node names (src/crypto/crypto_common.cc X509ErrorCode); every other code is UNSPECIFIED. */
export const NODE_NAMED_CODES: readonly string[] = [
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_CRL', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'CERT_SIGNATURE_FAILURE', 'CRL_SIGNATURE_FAILURE', 'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED', 'CRL_NOT_YET_VALID', 'CRL_HAS_EXPIRED', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD', 'ERROR_IN_CRL_NEXT_UPDATE_FIELD', 'OUT_OF_MEM', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED', 'INVALID_CA', 'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'HOSTNAME_MISMATCH',
];

export function nodeErrorCode(code: number): string {
  const short = verifyCodeByNumber(code).code?.short;
  return short && NODE_NAMED_CODES.includes(short) ? short : 'UNSPECIFIED';
}

/** Codes after which Node 24 appends the --use-system-ca hint (nodejs/node PR #57362). */
const NODE_HINT_CODES = [2, 18, 21];

function nodeAltnameReason(ctx: RenderContext): string {
  const sans = ctx.cert?.subjectAltNames ?? [];
  if (isIpLiteral(ctx.host)) return fill(t('node', 'altname-ip').template, { host: ctx.host, names: ipSans(ctx.cert).join(', ') });
  if (dnsSans(ctx.cert).length > 0) return fill(t('node', 'altname').template, { host: ctx.host, altnames: opensslSanString(sans) });
  const cn = commonName(ctx.cert);
  if (cn) return fill(t('node', 'altname-cn').template, { host: ctx.host, cn });
  return t('node', 'altname-none').template;
}

function nodeMessage(f: ClientFailure, ctx: RenderContext, version: 20 | 24): RenderedClientMessage {
  if (f.code === 0) return ok(t('node', 'verify').source);
  if (f.code === 66 && version === 20) {
    return { ...ok(`${t('node', 'unspecified').source} (Node 20 accepted the RSA-1024 leaf)`), note: 'Node 20 does not enforce OpenSSL security level 2 on certificate keys.' };
  }
  if (f.code === 62 || f.code === 64) {
    const entry = t('node', 'altname');
    return { fails: true, message: nodeAltnameReason(ctx), source: entry.source, errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID', modelled: true };
  }
  const codes = continuedErrors(f, ctx);
  const last = codes[codes.length - 1];
  const hint = version === 24 && NODE_HINT_CODES.includes(last);
  const entry = t('node', hint ? 'verify-hint' : 'verify');
  return {
    fails: true, message: fill(entry.template, { text: opensslText(last) }), source: entry.source,
    errorCode: nodeErrorCode(last), modelled: true,
    note: last !== f.code ? `Node lets OpenSSL continue and reports the last error (${last}), not the first (${f.code}).` : undefined,
  };
}

export function renderNode(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const n24 = nodeMessage(f, ctx, 24);
  const n20 = nodeMessage(f, ctx, 20);
  return { ...n24, variants: { node20: { fails: n20.fails, message: n20.message } } };
}
