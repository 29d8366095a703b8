/**
 * Python ssl / urllib / requests: everything the project knows about this client in one place: its profile (the
 * ValidationPolicy knobs, each with its evidence), its trust store, its messages (real texts,
 * aggregated with the other clients' into CLIENT_MESSAGES) and its renderer, which puts a
 * validation failure in this client's words. Registered in registry.ts.
 */
import { V } from '../codes/verify-code-constants.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { dnsSans, fill, ipSans, pyRepr } from './formats.ts';
import { opensslText, NO_AIA, OPENSSL_DEPTH } from './openssl-family.ts';
import { judged, messageIn, ok } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const CPY_SSL = 'python/cpython Modules/_ssl.c fill_and_set_sslerror (verify message + " (_ssl.c:LINE)"); Python 3.11.7 on this machine';
const URLLIB3 = 'urllib3 2.7 (MaxRetryError text) + requests 2.34 (SSLError wrapping) on this machine';
const PY_VERIFY = '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {text} (_ssl.c:{line})';
export const PYTHON_MESSAGES: readonly ClientMessage<'python'>[] = [
  {
    client: 'python',
    id: 'ssl-verify',
    template: `ssl.SSLCertVerificationError: ${PY_VERIFY}`,
    cause: 'from-code',
    errorCode: 'CERTIFICATE_VERIFY_FAILED',
    basis: 'both',
    source: `${CPY_SSL}; ${CAPTURED}`,
  },
  {
    client: 'python',
    id: 'ssl-hostname',
    template:
      "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for '{host}'. (_ssl.c:{line})",
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CERTIFICATE_VERIFY_FAILED',
    basis: 'both',
    source: `${CPY_SSL}; ${CAPTURED}`,
  },
  {
    client: 'python',
    id: 'ssl-ip',
    template:
      "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '{host}'. (_ssl.c:{line})",
    code: V.IP_ADDRESS_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CERTIFICATE_VERIFY_FAILED',
    basis: 'both',
    source: `${CPY_SSL} (X509_V_ERR_IP_ADDRESS_MISMATCH branch); ${CAPTURED} (situation ip-mismatch)`,
  },
  {
    client: 'python',
    id: 'urllib',
    template: `urllib.error.URLError: <urlopen error ${PY_VERIFY}>`,
    cause: 'from-code',
    errorCode: 'CERTIFICATE_VERIFY_FAILED',
    basis: 'both',
    source: `python/cpython Lib/urllib/request.py do_open (URLError(err)); ${CAPTURED}`,
  },
  {
    client: 'python',
    id: 'requests',
    template:
      "requests.exceptions.SSLError: HTTPSConnectionPool(host='{host}', port={port}): Max retries exceeded with url: {path} (Caused by SSLError(SSLCertVerificationError(1, {repr})))",
    cause: 'from-code',
    errorCode: 'CERTIFICATE_VERIFY_FAILED',
    basis: 'both',
    source: `${URLLIB3}; ${CAPTURED} ({repr} is Python's repr of "${PY_VERIFY}")`,
  },
  {
    client: 'python',
    id: 'alert-cert-required',
    template: 'ssl.SSLError: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:{line})',
    cause: 'client-cert-required',
    errorCode: 'TLSV13_ALERT_CERTIFICATE_REQUIRED',
    basis: 'captured',
    source: `${CAPTURED} (situation client-cert-required; line 2580 on 3.11.7: raised on read, after the handshake)`,
  },
  {
    client: 'python',
    id: 'alert-protocol-version',
    template: 'ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:{line})',
    cause: 'protocol-mismatch',
    errorCode: 'TLSV1_ALERT_PROTOCOL_VERSION',
    basis: 'captured',
    source: `${CAPTURED} (situation protocol-mismatch)`,
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'python'> = {
  id: 'python',
  label: 'Python 3.13+ ssl (create_default_context)',
  store: 'system',
  policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: true, partialChain: true, maxDepth: 100, opensslChain: true },
  evidence: {
    aiaFetch: NO_AIA,
    cnFallback: {
      basis: 'captured',
      note: 'SSLContext.hostname_checks_common_name defaults to True: ssl passes a CN-only leaf (captured on 3.11.7). requests/urllib3 2.x turn it off: the same leaf fails with "Hostname mismatch" (captured, requests 2.34 / urllib3 2.7).',
    },
    minRsaBits: {
      basis: 'captured',
      note: 'Python uses the system OpenSSL and its SECLEVEL 2: RSA-1024 leaf fails with 66 (captured on 3.11.7 with OpenSSL 3.0.19).',
    },
    rejectSha1: { basis: 'captured', note: 'SHA-1 signed leaf fails with 68 (captured on 3.11.7).' },
    strict: {
      basis: 'captured',
      note: 'Python 3.13 create_default_context() sets VERIFY_X509_STRICT (verify_flags 0x88020 on pyenv 3.13.0 here): an intermediate without keyUsage fails with 92 "CA cert does not include key usage extension" (situation ca-without-keyusage), which 3.11.7 accepts.',
    },
    partialChain: {
      basis: 'captured',
      note: 'Python 3.13 create_default_context() also sets VERIFY_X509_PARTIAL_CHAIN: trusting only the intermediate passes on 3.13.0 and fails on 3.11.7 with 2 "unable to get issuer certificate" (situation trusted-intermediate).',
    },
    maxDepth: OPENSSL_DEPTH,
    opensslChain: {
      basis: 'captured',
      note: 'The ssl module verifies with OpenSSL\'s X509_verify_cert: two intermediates of the same name and key sent, the first leading to an untrusted root, fail on 3.11.7 and 3.13.0 with "certificate verify failed: unable to get local issuer certificate" as `openssl verify` does; Go, Java and rustls connect (situation first-issuer-dead-end).',
    },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: {
      basis: 'captured',
      note: 'ssl.create_default_context() sets minimum_version TLS 1.2 (Python 3.10+): "[SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version" (Python 3.11.7, captured here against `openssl s_server -tls1` and `-tls1_1` (test/clients/legacy-tls.test.ts checks it)).',
    },
  },
  notes:
    'Messages end in "(_ssl.c:LINE)": 1006 for verify errors on this machine\'s python3 (3.11.7), 1020 on 3.13.0; it differs per CPython build. Under 3.13 strict mode, chains older Pythons accepted fail, e.g. "CA cert does not include key usage extension". The cnFallback, key and SHA-1 knobs were captured on 3.11.7, strict and partialChain on 3.13.0.',
};

// ---- renderer ----------------------------------------------------------------------------
const t = (id: string) => messageIn(PYTHON_MESSAGES, id);

/** CPython 3.11.7's line for verify errors (this machine's python3); other builds print other numbers. */
export const PYTHON_SSL_LINE = 1006;

/** The same line in CPython 3.13.0 (captured here with pyenv's 3.13.0). */
export const PYTHON313_SSL_LINE = 1020;

function pythonVerifyText(f: ClientFailure, ctx: RenderContext): string {
  if (f.code === V.HOSTNAME_MISMATCH) return `Hostname mismatch, certificate is not valid for '${ctx.host}'.`;
  if (f.code === V.IP_ADDRESS_MISMATCH) return `IP address mismatch, certificate is not valid for '${ctx.host}'.`;
  return opensslText(f.code);
}

export function renderPython(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const ssl = t('ssl-verify');
  const requestsCn = f.code === V.OK && ctx.cert && dnsSans(ctx.cert).length === 0 && ipSans(ctx.cert).length === 0;
  const verifyText = requestsCn ? `Hostname mismatch, certificate is not valid for '${ctx.host}'.` : pythonVerifyText(f, ctx);
  const innerAt = (line: number) => `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${verifyText} (_ssl.c:${line})`;
  const inner = innerAt(PYTHON_SSL_LINE);
  const py313 = { fails: true, message: `ssl.SSLCertVerificationError: ${innerAt(PYTHON313_SSL_LINE)}` };
  const requests = {
    fails: f.code !== V.OK || !!requestsCn,
    message: fill(t('requests').template, { host: ctx.host, port: ctx.port ?? 443, path: '/', repr: pyRepr(inner) }),
  };
  if (f.code === V.OK) {
    return {
      ...ok(ssl.source),
      note: requestsCn ? 'Python ssl falls back to the CN when the certificate has no SAN; requests (urllib3 2) does not.' : undefined,
      variants: { requests: requests.fails ? requests : { fails: false, message: '' } },
    };
  }
  return {
    fails: true,
    message: `ssl.SSLCertVerificationError: ${inner}`,
    source: `${ssl.source}; ${t('requests').source}`,
    errorCode: 'CERTIFICATE_VERIFY_FAILED',
    modelled: true,
    note: `"(_ssl.c:${PYTHON_SSL_LINE})" is CPython 3.11.7's line (3.13.0 prints ${PYTHON313_SSL_LINE}); other builds print other numbers. Python 3.13 and later validate in strict mode, so some chains older versions accept fail there.`,
    variants: {
      urllib: { fails: true, message: `urllib.error.URLError: <urlopen error ${inner}>` },
      requests,
      // Python 3.13+ sets VERIFY_X509_PARTIAL_CHAIN: a trusted intermediate ends the path there
      'python3.13': f.code === V.UNABLE_TO_GET_ISSUER_CERT ? { fails: false, message: '' } : py313,
    },
  };
}

export const PYTHON_CLIENT: ClientModule<'python'> = {
  ...PROFILE,
  messages: PYTHON_MESSAGES,
  render: (failure, ctx) => renderPython(judged(failure), ctx),
};
