/**
 * The one table of real TLS-client error texts: what OpenSSL's s_client, curl, Python,
 * Node.js, Java, Go, .NET, Chrome and Firefox print when certificate verification (or
 * the handshake around it) fails. Real texts only, each with where it comes from.
 *
 * Templates use {placeholders}:
 *   {code}     OpenSSL 3 verify code number      {text}  OpenSSL's text for it (X509_verify_cert_error_string)
 *   {host}     the name or IP the client asked for {port}  port number
 *   {depth}    depth of the failing certificate  {names} the names a certificate is valid for
 *   {altnames} Node's cert.subjectaltname string ("DNS:a, DNS:b, IP Address:1.2.3.4")
 *   {cn}       a subject common name             {date} / {now} / {notAfter} / {notBefore}: times in the client's format
 *   {line}     CPython's _ssl.c line number (varies by CPython build: 1006 on this machine's 3.11.7)
 *   {nodeCode} Node's err.code for {code}         {status} .NET X509ChainStatusFlags name
 *   {issuer}   CN of a candidate issuer (Go)     {alg}   a signature algorithm name (Go: SHA1-RSA)
 *   {error}    a Go x509 error text (wrapped)    {hint}  the error Go hit on a candidate issuer
 *   {repr}     Python repr() of the verify message {policyErrors} .NET SslPolicyErrors value
 *   {file} {reason} {hex} {version} {alert} {path}: as named
 *
 * `cause` is a CauseId, or 'from-code' when the template is generic over {text}/{code} and
 * the cause follows from the OpenSSL verify code (see the decoder's code table).
 * `code` is set when the text belongs to one OpenSSL 3 verify code.
 * `basis` says how the text was obtained: 'source' (read in the program's source, cited),
 * 'captured' (printed by the real program here: scripts/capture-client-messages.ts writes
 * test/clients/captured.json), or 'both'.
 */
import type { CauseId } from '../causes/cause-id.ts';

export type ClientId = 'openssl' | 'curl' | 'python' | 'node' | 'java' | 'go' | 'dotnet' | 'chrome' | 'firefox';

export interface ClientMessage {
  client: ClientId;
  /** Unique within the client. */
  id: string;
  template: string;
  code?: number;
  cause: CauseId | 'from-code';
  /** Symbolic error code the program attaches (err.code, NET::ERR_…, SEC_ERROR_…, exit code …). */
  errorCode?: string;
  /** Versions this exact wording belongs to, when it changed over time. */
  versions?: string;
  basis: 'source' | 'captured' | 'both';
  source: string;
}

// ---- sources, named once -------------------------------------------------------------
const CAPTURED = 'captured here: ./node_modules/.bin/node scripts/capture-client-messages.ts (test/clients/captured.json)';
const OSSL_SCB = 'openssl/openssl apps/lib/s_cb.c verify_callback (OpenSSL 3.0.19 on this machine)';
const OSSL_SCLIENT = 'openssl/openssl apps/s_client.c print_stuff (OpenSSL 3.0.19 on this machine)';
const OSSL_VERIFY = 'openssl/openssl apps/verify.c cb / check (OpenSSL 3.0.19 on this machine)';
const OSSL_ERRSTR = 'openssl/openssl ssl reason strings, checked with `openssl errstr` (OpenSSL 3.0.19 on this machine)';
const CURL_788 = 'curl/curl tag curl-7_88_1 lib/vtls/openssl.c (Debian 12 curl 7.88.1)';
const CURL_HEAD = 'curl/curl commit 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/openssl.c';
const CURL_TOOL = 'curl/curl tag curl-7_88_1 src/tool_operate.c (CURL_CA_CERT_ERRORMSG, printed after exit code 60)';
const CURL_STRERROR = 'curl/curl tag curl-7_88_1 lib/strerror.c curl_easy_strerror (used when no detailed message was set)';
const CPY_SSL = 'python/cpython Modules/_ssl.c fill_and_set_sslerror (verify message + " (_ssl.c:LINE)"); Python 3.11.7 on this machine';
const URLLIB3 = 'urllib3 2.7 (MaxRetryError text) + requests 2.34 (SSLError wrapping) on this machine';
const NODE_CODES = 'nodejs/node src/crypto/crypto_common.cc X509ErrorCode (28 mapped codes, else UNSPECIFIED); message = X509_verify_cert_error_string';
const NODE_HINT = 'nodejs/node PR #57362 "Suggest --use-system-ca when a certificate error occurs" (UNABLE_TO_VERIFY_LEAF_SIGNATURE, DEPTH_ZERO_SELF_SIGNED_CERT, UNABLE_TO_GET_ISSUER_CERT); string present in the Node v24.21.0 binary';
const NODE_TLS = 'nodejs/node lib/tls.js checkServerIdentity + lib/internal/errors.js ERR_TLS_CERT_ALTNAME_INVALID (as embedded in the Node v24.21.0 binary)';
const JDK_HOST = 'openjdk/jdk commit 046262a0f5d0457cb68d5a9968603b1547923e29 src/java.base/share/classes/sun/security/util/HostnameChecker.java';
const JDK_RUN = 'OpenJDK 17.0.15 (Debian) on this machine: test/clients/TlsClient.java (default PKIX TrustManager, HTTPS endpoint identification)';
const GO_VERIFY = 'golang/go commit 0184fe5ece4f84fda9db04d2472b76efcaa8ef55 src/crypto/x509/verify.go';
const GO_X509 = 'golang/go src/crypto/x509/x509.go InsecureAlgorithmError.Error (the GODEBUG=x509sha1 suffix exists in Go 1.18–1.23)';
const GO_TLS = 'golang/go src/crypto/tls/common.go CertificateVerificationError.Error (Go 1.20+)';
const DOTNET_SR = 'dotnet/runtime commit f72a1f67a0a317ffc487a204014006d52bed7a92 src/libraries/System.Net.Security/src/Resources/Strings.resx';
const DOTNET_MAP = 'dotnet/runtime System.Security.Cryptography.X509Certificates Pal.Unix OpenSslX509ChainProcessor.MapVerifyErrorToChainStatus (OpenSSL verify code -> X509ChainStatusFlags)';
const CHROME_NET = 'chromium/chromium commit 0182b17bc505e3d68ffd2269d18e1a2fa5bc8876 net/base/net_error_list.h (shown as NET::ERR_<NAME> on the interstitial, net::ERR_<NAME> in DevTools)';
const FF_FTL = 'mozilla/gecko-dev commit a6161d44c93942d69acf4b37bb30b10b3664e939 toolkit/locales/en-US/toolkit/neterror/nsserrors.ftl (error code shown beside the text on the error page)';

// ---- OpenSSL s_client / verify ---------------------------------------------------------
const OPENSSL: ClientMessage[] = [
  { client: 'openssl', id: 'verify-error-line', template: 'verify error:num={code}:{text}', cause: 'from-code', basis: 'both', source: `${OSSL_SCB}; ${CAPTURED}` },
  { client: 'openssl', id: 'verification-error', template: 'Verification error: {text}', cause: 'from-code', basis: 'both', source: `${OSSL_SCLIENT}; ${CAPTURED}` },
  { client: 'openssl', id: 'verify-return-code', template: 'Verify return code: {code} ({text})', cause: 'from-code', basis: 'both', source: `${OSSL_SCLIENT}; ${CAPTURED}` },
  { client: 'openssl', id: 'verify-cmd-error', template: 'error {code} at {depth} depth lookup: {text}', cause: 'from-code', basis: 'both', source: `${OSSL_VERIFY}; ${CAPTURED} extras openssl-verify-missing-issuer` },
  { client: 'openssl', id: 'verify-cmd-failed', template: 'error {file}: verification failed', cause: 'from-code', basis: 'both', source: `${OSSL_VERIFY}; ${CAPTURED} extras openssl-verify-missing-issuer` },
  { client: 'openssl', id: 'alert-certificate-required', template: 'error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required', cause: 'client-cert-required', basis: 'both', source: `${OSSL_ERRSTR}; ${CAPTURED} (situation client-cert-required)` },
  { client: 'openssl', id: 'alert-bad-certificate', template: 'error:0A000412:SSL routines::sslv3 alert bad certificate', cause: 'client-cert-required', basis: 'source', source: OSSL_ERRSTR },
  { client: 'openssl', id: 'alert-unknown-ca', template: 'error:0A000418:SSL routines::tlsv1 alert unknown ca', cause: 'client-cert-required', basis: 'source', source: OSSL_ERRSTR },
  { client: 'openssl', id: 'alert-certificate-unknown', template: 'error:0A000416:SSL routines::sslv3 alert certificate unknown', cause: 'client-cert-required', basis: 'source', source: OSSL_ERRSTR },
  { client: 'openssl', id: 'alert-handshake-failure', template: 'error:0A000410:SSL routines::sslv3 alert handshake failure', cause: 'protocol-mismatch', basis: 'source', source: OSSL_ERRSTR },
  { client: 'openssl', id: 'alert-protocol-version', template: 'error:0A00042E:SSL routines::tlsv1 alert protocol version', cause: 'protocol-mismatch', basis: 'source', source: OSSL_ERRSTR },
  { client: 'openssl', id: 'legacy-sigalg', template: 'error:0A00014D:SSL routines:tls_process_key_exchange:legacy sigalg disallowed or unsupported', cause: 'protocol-mismatch', basis: 'both', source: `${OSSL_ERRSTR}; ${CAPTURED} (situation protocol-mismatch: server limited to TLS 1.1)` },
  { client: 'openssl', id: 'certificate-verify-failed', template: 'error:0A000086:SSL routines::certificate verify failed', cause: 'from-code', basis: 'source', source: OSSL_ERRSTR },
];

// ---- curl ------------------------------------------------------------------------------
const CURL: ClientMessage[] = [
  { client: 'curl', id: '60-verify', template: 'curl: (60) SSL certificate problem: {text}', cause: 'from-code', errorCode: '60', basis: 'both', source: `${CURL_788}; ${CAPTURED}` },
  { client: 'curl', id: '60-no-alt-name', template: "curl: (60) SSL: no alternative certificate subject name matches target host name '{host}'", code: 62, cause: 'hostname-mismatch', errorCode: '60', versions: 'curl < 8.7.0', basis: 'both', source: `${CURL_788}; ${CAPTURED}` },
  { client: 'curl', id: '60-no-alt-name-8.7', template: "curl: (60) SSL: no alternative certificate subject name matches target hostname '{host}'", code: 62, cause: 'hostname-mismatch', errorCode: '60', versions: 'curl >= 8.7.0 (IP targets say "target IPv4 address" / "target IPv6 address")', basis: 'source', source: CURL_HEAD },
  { client: 'curl', id: '60-cn-mismatch', template: "curl: (60) SSL: certificate subject name '{cn}' does not match target host name '{host}'", code: 62, cause: 'hostname-mismatch', errorCode: '60', versions: 'curl < 8.7.0 (later: "target hostname")', basis: 'source', source: CURL_788 },
  { client: 'curl', id: '60-no-cn', template: 'curl: (60) SSL: unable to obtain common name from peer certificate', code: 62, cause: 'hostname-mismatch', errorCode: '60', basis: 'source', source: CURL_788 },
  { client: 'curl', id: '60-verify-result', template: 'curl: (60) SSL certificate OpenSSL verify result: {text} ({code})', cause: 'from-code', errorCode: '60', versions: 'curl 8.x', basis: 'source', source: CURL_HEAD },
  { client: 'curl', id: '60-tail', template: 'More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.', cause: 'from-code', errorCode: '60', versions: 'curl < 8.9.0 ("webpage" from 8.9.0 on)', basis: 'both', source: `${CURL_TOOL}; ${CAPTURED}` },
  { client: 'curl', id: '60-strerror', template: 'curl: (60) SSL peer certificate or SSH remote key was not OK', cause: 'from-code', errorCode: '60', basis: 'source', source: CURL_STRERROR },
  { client: 'curl', id: '35-openssl', template: 'curl: (35) OpenSSL/{version}: error:{hex}:SSL routines::{reason}', cause: 'protocol-mismatch', errorCode: '35', basis: 'both', source: `${CURL_788} (ossl_connect_step2 failf); ${CAPTURED} (situation protocol-mismatch: "curl: (35) OpenSSL/3.0.19: error:0A00014D:SSL routines::legacy sigalg disallowed or unsupported")` },
  { client: 'curl', id: '35-strerror', template: 'curl: (35) SSL connect error', cause: 'protocol-mismatch', errorCode: '35', basis: 'source', source: CURL_STRERROR },
  { client: 'curl', id: '56-cert-required', template: 'curl: (56) OpenSSL SSL_read: OpenSSL/{version}: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0', cause: 'client-cert-required', errorCode: '56', basis: 'captured', source: `${CAPTURED} (situation client-cert-required, TLS 1.3: the alert arrives after the handshake)` },
  { client: 'curl', id: '51-obsolete', template: 'curl: (51) SSL: no alternative certificate subject name matches target host name \'{host}\'', code: 62, cause: 'hostname-mismatch', errorCode: '51', versions: 'curl < 7.62.0 (51 is CURLE_OBSOLETE51 "NOT USED" since; name mismatches are 60)', basis: 'source', source: 'curl/curl include/curl/curl.h (CURLE_OBSOLETE51 since curl-7_62_0) and lib/vtls/openssl.c before it' },
  { client: 'curl', id: '58-client-cert', template: 'curl: (58) could not load PEM client certificate from {file}, OpenSSL error {reason}, (no key found, wrong pass phrase, or wrong file format?)', cause: 'client-cert-required', errorCode: '58', basis: 'both', source: `${CURL_788}; ${CAPTURED} extras 58-client-cert` },
  { client: 'curl', id: '58-strerror', template: 'curl: (58) Problem with the local SSL certificate', cause: 'client-cert-required', errorCode: '58', basis: 'source', source: CURL_STRERROR },
  { client: 'curl', id: '77-cafile', template: 'curl: (77) error setting certificate file: {file}', cause: 'outdated-client-store', errorCode: '77', basis: 'both', source: `${CURL_788}; ${CAPTURED} extras 77-cafile` },
  { client: 'curl', id: '77-strerror', template: 'curl: (77) Problem with the SSL CA cert (path? access rights?)', cause: 'outdated-client-store', errorCode: '77', basis: 'source', source: CURL_STRERROR },
  { client: 'curl', id: '83-issuer-open', template: 'curl: (83) SSL: Unable to open issuer cert ({file})', cause: 'unknown-ca', errorCode: '83', basis: 'source', source: CURL_788 },
  { client: 'curl', id: '83-issuer-check', template: 'curl: (83) SSL: Certificate issuer check failed ({file})', cause: 'unknown-ca', errorCode: '83', basis: 'source', source: CURL_788 },
  { client: 'curl', id: '83-strerror', template: 'curl: (83) Issuer check against peer certificate failed', cause: 'unknown-ca', errorCode: '83', basis: 'source', source: CURL_STRERROR },
  { client: 'curl', id: '90-pin', template: 'curl: (90) SSL: public key does not match pinned public key', cause: 'unknown', errorCode: '90', basis: 'both', source: `${CURL_788}; ${CAPTURED} extras 90-pin` },
  { client: 'curl', id: '91-no-ocsp', template: 'curl: (91) No OCSP response received', cause: 'revoked', errorCode: '91', basis: 'both', source: `${CURL_788}; ${CAPTURED} extras 91-no-ocsp (s_server staples nothing)` },
  { client: 'curl', id: '91-revoked', template: 'curl: (91) SSL certificate revocation reason: {reason} ({code})', cause: 'revoked', errorCode: '91', basis: 'source', source: CURL_788 },
  { client: 'curl', id: '91-strerror', template: 'curl: (91) SSL server certificate status verification FAILED', cause: 'revoked', errorCode: '91', basis: 'source', source: CURL_STRERROR },
];

// ---- Python ----------------------------------------------------------------------------
const PY_VERIFY = '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {text} (_ssl.c:{line})';
const PYTHON: ClientMessage[] = [
  { client: 'python', id: 'ssl-verify', template: `ssl.SSLCertVerificationError: ${PY_VERIFY}`, cause: 'from-code', errorCode: 'CERTIFICATE_VERIFY_FAILED', basis: 'both', source: `${CPY_SSL}; ${CAPTURED}` },
  { client: 'python', id: 'ssl-hostname', template: "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for '{host}'. (_ssl.c:{line})", code: 62, cause: 'hostname-mismatch', errorCode: 'CERTIFICATE_VERIFY_FAILED', basis: 'both', source: `${CPY_SSL}; ${CAPTURED}` },
  { client: 'python', id: 'ssl-ip', template: "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '{host}'. (_ssl.c:{line})", code: 64, cause: 'hostname-mismatch', errorCode: 'CERTIFICATE_VERIFY_FAILED', basis: 'both', source: `${CPY_SSL} (X509_V_ERR_IP_ADDRESS_MISMATCH branch); ${CAPTURED} (situation ip-mismatch)` },
  { client: 'python', id: 'urllib', template: `urllib.error.URLError: <urlopen error ${PY_VERIFY}>`, cause: 'from-code', errorCode: 'CERTIFICATE_VERIFY_FAILED', basis: 'both', source: `python/cpython Lib/urllib/request.py do_open (URLError(err)); ${CAPTURED}` },
  { client: 'python', id: 'requests', template: "requests.exceptions.SSLError: HTTPSConnectionPool(host='{host}', port={port}): Max retries exceeded with url: {path} (Caused by SSLError(SSLCertVerificationError(1, {repr})))", cause: 'from-code', errorCode: 'CERTIFICATE_VERIFY_FAILED', basis: 'both', source: `${URLLIB3}; ${CAPTURED} ({repr} is Python's repr of "${PY_VERIFY}")` },
  { client: 'python', id: 'alert-cert-required', template: 'ssl.SSLError: [SSL: TLSV13_ALERT_CERTIFICATE_REQUIRED] tlsv13 alert certificate required (_ssl.c:{line})', cause: 'client-cert-required', errorCode: 'TLSV13_ALERT_CERTIFICATE_REQUIRED', basis: 'captured', source: `${CAPTURED} (situation client-cert-required; line 2580 on 3.11.7: raised on read, after the handshake)` },
  { client: 'python', id: 'alert-protocol-version', template: 'ssl.SSLError: [SSL: TLSV1_ALERT_PROTOCOL_VERSION] tlsv1 alert protocol version (_ssl.c:{line})', cause: 'protocol-mismatch', errorCode: 'TLSV1_ALERT_PROTOCOL_VERSION', basis: 'captured', source: `${CAPTURED} (situation protocol-mismatch)` },
];

// ---- Node.js ---------------------------------------------------------------------------
const NODE_HINT_TEXT = '; if the root CA is installed locally, try running Node.js with --use-system-ca';
const NODE: ClientMessage[] = [
  { client: 'node', id: 'verify', template: 'Error: {text}', cause: 'from-code', errorCode: '{nodeCode}', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'verify-hint', template: `Error: {text}${NODE_HINT_TEXT}`, cause: 'from-code', errorCode: '{nodeCode}', versions: 'Node 24 (nodejs/node PR #57362, 2025) for codes 2, 18, 21; not Node 20', basis: 'both', source: `${NODE_HINT}; ${CAPTURED} (node24 vs node20)` },
  { client: 'node', id: 'leaf-signature', template: 'Error: unable to verify the first certificate', code: 21, cause: 'incomplete-chain', errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', versions: 'Node before PR #57362 (Node 20 here)', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'leaf-signature-hint', template: `Error: unable to verify the first certificate${NODE_HINT_TEXT}`, code: 21, cause: 'incomplete-chain', errorCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', versions: 'Node 24 here', basis: 'both', source: `${NODE_HINT}; ${CAPTURED}` },
  { client: 'node', id: 'issuer-locally', template: 'Error: unable to get local issuer certificate', code: 20, cause: 'unknown-ca', errorCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'self-signed-in-chain', template: 'Error: self-signed certificate in certificate chain', code: 19, cause: 'self-signed', errorCode: 'SELF_SIGNED_CERT_IN_CHAIN', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'depth-zero', template: 'Error: self-signed certificate', code: 18, cause: 'self-signed', errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', versions: 'Node 20 here', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'depth-zero-hint', template: `Error: self-signed certificate${NODE_HINT_TEXT}`, code: 18, cause: 'self-signed', errorCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', versions: 'Node 24 here', basis: 'both', source: `${NODE_HINT}; ${CAPTURED}` },
  { client: 'node', id: 'expired', template: 'Error: certificate has expired', code: 10, cause: 'expired', errorCode: 'CERT_HAS_EXPIRED', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'not-yet-valid', template: 'Error: certificate is not yet valid', code: 9, cause: 'not-yet-valid', errorCode: 'CERT_NOT_YET_VALID', basis: 'both', source: `${NODE_CODES}; ${CAPTURED}` },
  { client: 'node', id: 'altname', template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: {host}. is not in the cert's altnames: {altnames}", code: 62, cause: 'hostname-mismatch', errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID', basis: 'both', source: `${NODE_TLS}; ${CAPTURED}` },
  { client: 'node', id: 'altname-ip', template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: IP: {host} is not in the cert's list: {names}", code: 64, cause: 'hostname-mismatch', errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID', basis: 'both', source: `${NODE_TLS}; ${CAPTURED} (situation ip-mismatch)` },
  { client: 'node', id: 'altname-cn', template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: {host}. is not cert's CN: {cn}", code: 62, cause: 'hostname-mismatch', errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID', basis: 'source', source: NODE_TLS },
  { client: 'node', id: 'altname-none', template: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Cert does not contain a DNS name", code: 62, cause: 'hostname-mismatch', errorCode: 'ERR_TLS_CERT_ALTNAME_INVALID', basis: 'source', source: NODE_TLS },
  { client: 'node', id: 'unspecified', template: 'Error: {text}', cause: 'from-code', errorCode: 'UNSPECIFIED', basis: 'both', source: `${NODE_CODES}; ${CAPTURED} (e.g. "key usage does not include certificate signing", "permitted subtree violation", "EE certificate key too weak")` },
  { client: 'node', id: 'alert-cert-required', template: 'Error: {hex}:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:{path}:SSL alert number 116', cause: 'client-cert-required', errorCode: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', basis: 'captured', source: `${CAPTURED} (situation client-cert-required)` },
  { client: 'node', id: 'alert-protocol-version', template: 'Error: {hex}:error:0A00042E:SSL routines:ssl3_read_bytes:tlsv1 alert protocol version:{path}:SSL alert number 70', cause: 'protocol-mismatch', errorCode: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', basis: 'captured', source: `${CAPTURED} (situation protocol-mismatch)` },
];

// ---- Java (JSSE / PKIX) -----------------------------------------------------------------
const JAVA: ClientMessage[] = [
  { client: 'java', id: 'pkix-build', template: 'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target', cause: 'unknown-ca', errorCode: 'SunCertPathBuilderException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED} (incomplete-chain, unknown-ca, self-signed-in-chain, self-signed-leaf all give this)` },
  { client: 'java', id: 'validity-check', template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed', cause: 'expired', errorCode: 'CertPathValidatorException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED}` },
  { client: 'java', id: 'expired', template: 'java.security.cert.CertificateExpiredException: NotAfter: {notAfter}', code: 10, cause: 'expired', errorCode: 'CertificateExpiredException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED} (date in java.util.Date.toString form, JVM time zone)` },
  { client: 'java', id: 'not-yet-valid', template: 'java.security.cert.CertificateNotYetValidException: NotBefore: {notBefore}', code: 9, cause: 'not-yet-valid', errorCode: 'CertificateNotYetValidException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED}` },
  { client: 'java', id: 'no-san-dns', template: 'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching {host} found.', code: 62, cause: 'hostname-mismatch', errorCode: 'CertificateException', basis: 'both', source: `${JDK_HOST}; ${CAPTURED}` },
  { client: 'java', id: 'no-name', template: 'javax.net.ssl.SSLHandshakeException: No name matching {host} found', code: 62, cause: 'hostname-mismatch', errorCode: 'CertificateException', basis: 'source', source: `${JDK_HOST} (no DNS SAN; subject CN did not match)` },
  { client: 'java', id: 'no-san-ip', template: 'javax.net.ssl.SSLHandshakeException: No subject alternative names matching IP address {host} found', code: 64, cause: 'hostname-mismatch', errorCode: 'CertificateException', basis: 'both', source: `${JDK_HOST}; ${CAPTURED} (situation ip-mismatch)` },
  { client: 'java', id: 'no-san', template: 'javax.net.ssl.SSLHandshakeException: No subject alternative names present', code: 64, cause: 'hostname-mismatch', errorCode: 'CertificateException', basis: 'source', source: `${JDK_HOST} (IP target, certificate without SAN)` },
  { client: 'java', id: 'not-a-ca', template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: basic constraints check failed: this is not a CA certificate', code: 79, cause: 'invalid-ca', errorCode: 'CertPathValidatorException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED}` },
  { client: 'java', id: 'pathlen', template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: basic constraints check failed: pathLenConstraint violated - this cert must be the last cert in the certification path', code: 25, cause: 'path-length-exceeded', errorCode: 'CertPathValidatorException', basis: 'source', source: 'openjdk/jdk src/java.base/share/classes/sun/security/provider/certpath/ConstraintsChecker.java checkBasicConstraints (for an intermediate\'s pathLen; Java ignores the trust anchor\'s own pathLen: captured here, root pathlen:0 -> ica -> ee is accepted)' },
  { client: 'java', id: 'eku', template: 'javax.net.ssl.SSLHandshakeException: Extended key usage does not permit use for TLS server authentication', code: 26, cause: 'wrong-purpose', errorCode: 'ValidatorException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED}` },
  { client: 'java', id: 'keycertsign', template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: CA key usage check failed: keyCertSign bit is not set', code: 79, cause: 'invalid-ca', errorCode: 'CertPathValidatorException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED}` },
  { client: 'java', id: 'name-constraints', template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: name constraints check failed', code: 47, cause: 'name-constraints', errorCode: 'CertPathValidatorException', basis: 'captured', source: `${JDK_RUN}; ${CAPTURED}` },
  { client: 'java', id: 'algorithm-constraints', template: 'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: Algorithm constraints check failed on signature algorithm: {alg}', code: 68, cause: 'weak-signature', errorCode: 'CertPathValidatorException', basis: 'source', source: 'openjdk/jdk sun/security/provider/certpath/AlgorithmChecker.java; jdk.certpath.disabledAlgorithms in java.security (Java 17: "SHA1 jdkCA & usage TLSServer" = only chains to JDK cacerts roots; a SHA-1 leaf under a private root passed here)' },
  { client: 'java', id: 'alert', template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: {alert}', cause: 'protocol-mismatch', errorCode: 'SSLHandshakeException', basis: 'both', source: `openjdk/jdk sun/security/ssl/Alert.java; ${CAPTURED} ("Received fatal alert: protocol_version")` },
  { client: 'java', id: 'alert-handshake-failure', template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure', cause: 'protocol-mismatch', errorCode: 'SSLHandshakeException', basis: 'source', source: 'openjdk/jdk sun/security/ssl/Alert.java (alert name handshake_failure)' },
  { client: 'java', id: 'alert-bad-certificate', template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: bad_certificate', cause: 'client-cert-required', errorCode: 'SSLHandshakeException', basis: 'source', source: 'openjdk/jdk sun/security/ssl/Alert.java (alert name bad_certificate: the server rejected the client certificate, TLS 1.2)' },
  { client: 'java', id: 'alert-certificate-required', template: 'javax.net.ssl.SSLHandshakeException: Received fatal alert: certificate_required', cause: 'client-cert-required', errorCode: 'SSLHandshakeException', basis: 'source', source: 'openjdk/jdk sun/security/ssl/Alert.java (alert name certificate_required, TLS 1.3)' },
];

// ---- Go (crypto/x509, crypto/tls) -------------------------------------------------------
const GO_RUN = 'captured here: go1.26.8 running test/clients/tls_client.go (tls.Dial and net/http); the bare Go 1.19 wordings were captured earlier with Debian go1.19.8';
const goCap = (situations: string) => `${CAPTURED} (${GO_RUN}; ${situations})`;
const GO: ClientMessage[] = [
  { client: 'go', id: 'tls-prefix', template: 'tls: failed to verify certificate: {error}', cause: 'from-code', versions: 'Go >= 1.20 (Go 1.19 returns the x509 error bare)', basis: 'both', source: `${GO_TLS}; ${goCap('every failing situation, go1.26.8')}` },
  { client: 'go', id: 'http-get', template: 'Get "{url}": {error}', cause: 'from-code', basis: 'captured', source: goCap('every failing situation; net/http url.Error') },
  { client: 'go', id: 'unknown-authority', template: 'x509: certificate signed by unknown authority', cause: 'unknown-ca', errorCode: 'x509.UnknownAuthorityError', basis: 'both', source: `${GO_VERIFY}; ${goCap('incomplete-chain, unknown-ca, self-signed-leaf, self-signed-in-chain')}` },
  { client: 'go', id: 'unknown-authority-hint', template: 'x509: certificate signed by unknown authority (possibly because of "{hint}" while trying to verify candidate authority certificate "{issuer}")', cause: 'unknown-ca', errorCode: 'x509.UnknownAuthorityError', basis: 'both', source: `${GO_VERIFY}; ${goCap('invalid-ca, no-keycertsign, weak-digest')}` },
  { client: 'go', id: 'constraint-violation', template: 'x509: invalid signature: parent certificate cannot sign this kind of certificate', code: 79, cause: 'invalid-ca', errorCode: 'x509.ConstraintViolationError', basis: 'both', source: `golang/go src/crypto/x509/x509.go ConstraintViolationError (CheckSignatureFrom: parent not a CA, or keyUsage without certSign); ${goCap('invalid-ca, no-keycertsign: as the hint of unknown authority')}` },
  { client: 'go', id: 'insecure-algorithm', template: 'x509: cannot verify signature: insecure algorithm {alg}', code: 68, cause: 'weak-signature', errorCode: 'x509.InsecureAlgorithmError', versions: 'Go >= 1.24 (1.18–1.23 add " (temporarily override with GODEBUG=x509sha1=1)" for SHA-1)', basis: 'both', source: `${GO_X509}; ${goCap('weak-digest: without the suffix on go1.26.8, with it on go1.19.8')}` },
  { client: 'go', id: 'hostname', template: 'x509: certificate is valid for {names}, not {host}', code: 62, cause: 'hostname-mismatch', errorCode: 'x509.HostnameError', basis: 'both', source: `${GO_VERIFY}; ${goCap('hostname-mismatch')}` },
  { client: 'go', id: 'hostname-cn', template: 'x509: certificate relies on legacy Common Name field, use SANs instead', code: 62, cause: 'hostname-mismatch', errorCode: 'x509.HostnameError', basis: 'both', source: `${GO_VERIFY}; ${goCap('cn-only')}` },
  { client: 'go', id: 'hostname-no-ip', template: "x509: cannot validate certificate for {host} because it doesn't contain any IP SANs", code: 64, cause: 'hostname-mismatch', errorCode: 'x509.HostnameError', basis: 'source', source: GO_VERIFY },
  { client: 'go', id: 'hostname-no-names', template: 'x509: certificate is not valid for any names, but wanted to match {host}', code: 62, cause: 'hostname-mismatch', errorCode: 'x509.HostnameError', basis: 'source', source: GO_VERIFY },
  { client: 'go', id: 'expired', template: 'x509: certificate has expired or is not yet valid: current time {now} is after {notAfter}', code: 10, cause: 'expired', errorCode: 'x509.CertificateInvalidError', basis: 'both', source: `${GO_VERIFY} (times in RFC 3339); ${goCap('expired')}` },
  { client: 'go', id: 'not-yet-valid', template: 'x509: certificate has expired or is not yet valid: current time {now} is before {notBefore}', code: 9, cause: 'not-yet-valid', errorCode: 'x509.CertificateInvalidError', basis: 'both', source: `${GO_VERIFY} (times in RFC 3339); ${goCap('not-yet-valid')}` },
  { client: 'go', id: 'not-authorized-to-sign', template: 'x509: certificate is not authorized to sign other certificates', code: 79, cause: 'invalid-ca', errorCode: 'x509.CertificateInvalidError', basis: 'source', source: `${GO_VERIFY} (rarely seen: CheckSignatureFrom refuses a non-CA parent first, see constraint-violation)` },
  { client: 'go', id: 'too-many-intermediates', template: 'x509: too many intermediates for path length constraint', code: 25, cause: 'path-length-exceeded', errorCode: 'x509.CertificateInvalidError', basis: 'both', source: `${GO_VERIFY}; ${goCap('path-length')}` },
  { client: 'go', id: 'incompatible-usage', template: 'x509: certificate specifies an incompatible key usage', code: 26, cause: 'wrong-purpose', errorCode: 'x509.CertificateInvalidError', basis: 'both', source: `${GO_VERIFY}; ${goCap('wrong-purpose')}` },
  { client: 'go', id: 'name-constraints', template: 'x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "{host}" is not permitted by any constraint', code: 47, cause: 'name-constraints', errorCode: 'x509.CertificateInvalidError', basis: 'both', source: `${GO_VERIFY}; ${goCap('name-constraints')}` },
  { client: 'go', id: 'name-excluded', template: 'x509: a root or intermediate certificate is not authorized to sign for this name: DNS name "{host}" is excluded by constraint "{names}"', code: 48, cause: 'name-constraints', errorCode: 'x509.CertificateInvalidError', basis: 'source', source: GO_VERIFY },
  { client: 'go', id: 'eku-nested', template: 'x509: a root or intermediate certificate is not authorized for an extended key usage: {reason}', code: 26, cause: 'wrong-purpose', errorCode: 'x509.CertificateInvalidError', basis: 'source', source: GO_VERIFY },
  { client: 'go', id: 'unhandled-critical', template: 'x509: unhandled critical extension', code: 34, cause: 'unknown', errorCode: 'x509.UnhandledCriticalExtension', basis: 'source', source: 'golang/go src/crypto/x509/x509.go UnhandledCriticalExtension.Error' },
  { client: 'go', id: 'remote-cert-required', template: 'remote error: tls: certificate required', cause: 'client-cert-required', errorCode: 'tls.alert', basis: 'captured', source: goCap('client-cert-required: seen on the first request, after the handshake') },
  { client: 'go', id: 'remote-protocol-version', template: 'remote error: tls: protocol version not supported', cause: 'protocol-mismatch', errorCode: 'tls.alert', basis: 'captured', source: goCap('protocol-mismatch') },
];

// ---- .NET (SslStream / HttpClient) -------------------------------------------------------
const DOTNET: ClientMessage[] = [
  { client: 'dotnet', id: 'http-wrapper', template: 'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.', cause: 'from-code', basis: 'source', source: 'dotnet/runtime System.Net.Http SR net_http_ssl_connection_failed (outer exception of HttpClient)' },
  { client: 'dotnet', id: 'chain', template: 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: {status}', cause: 'from-code', errorCode: 'RemoteCertificateChainErrors', versions: '.NET 5+', basis: 'source', source: `${DOTNET_SR} net_ssl_io_cert_chain_validation; status names from ${DOTNET_MAP}` },
  { client: 'dotnet', id: 'name-mismatch', template: 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch', code: 62, cause: 'hostname-mismatch', errorCode: 'RemoteCertificateNameMismatch', basis: 'source', source: `${DOTNET_SR} net_ssl_io_cert_validation with SslPolicyErrors.RemoteCertificateNameMismatch` },
  { client: 'dotnet', id: 'validation', template: 'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: {policyErrors}', cause: 'from-code', basis: 'source', source: `${DOTNET_SR} net_ssl_io_cert_validation` },
  { client: 'dotnet', id: 'custom-callback', template: 'System.Security.Authentication.AuthenticationException: The remote certificate was rejected by the provided RemoteCertificateValidationCallback.', cause: 'unknown', basis: 'source', source: `${DOTNET_SR} net_ssl_io_cert_custom_validation` },
  { client: 'dotnet', id: 'status-partial-chain', template: 'PartialChain', code: 20, cause: 'incomplete-chain', errorCode: 'X509ChainStatusFlags.PartialChain', basis: 'source', source: `${DOTNET_MAP} (codes 2, 20, 21)` },
  { client: 'dotnet', id: 'status-untrusted-root', template: 'UntrustedRoot', code: 19, cause: 'unknown-ca', errorCode: 'X509ChainStatusFlags.UntrustedRoot', basis: 'source', source: `${DOTNET_MAP} (codes 18, 19, 27)` },
  { client: 'dotnet', id: 'status-not-time-valid', template: 'NotTimeValid', code: 10, cause: 'expired', errorCode: 'X509ChainStatusFlags.NotTimeValid', basis: 'source', source: `${DOTNET_MAP} (codes 9, 10, 13, 14)` },
  { client: 'dotnet', id: 'status-basic-constraints', template: 'InvalidBasicConstraints', code: 79, cause: 'invalid-ca', errorCode: 'X509ChainStatusFlags.InvalidBasicConstraints', basis: 'source', source: `${DOTNET_MAP} (codes 24/79 INVALID_CA, 25, 32, 37, 39)` },
  { client: 'dotnet', id: 'status-usage', template: 'NotValidForUsage', code: 26, cause: 'wrong-purpose', errorCode: 'X509ChainStatusFlags.NotValidForUsage', basis: 'source', source: `${DOTNET_MAP} (code 26)` },
  { client: 'dotnet', id: 'status-signature', template: 'NotSignatureValid', code: 7, cause: 'bad-signature', errorCode: 'X509ChainStatusFlags.NotSignatureValid', basis: 'source', source: `${DOTNET_MAP} (codes 6, 7)` },
  { client: 'dotnet', id: 'status-revoked', template: 'Revoked', code: 23, cause: 'revoked', errorCode: 'X509ChainStatusFlags.Revoked', basis: 'source', source: `${DOTNET_MAP} (code 23)` },
];

// ---- Chrome ------------------------------------------------------------------------------
const CHROME_RUN = 'captured here: Chromium 156 (Debian) via test/clients/chromium-probe.ts, test anchor added to a fresh NSS database; Playwright reports "net::ERR_<NAME> at <url>"';
const chrome = (name: string, code: number | undefined, cause: CauseId, extra = '', captured = ''): ClientMessage => ({
  client: 'chrome', id: name.toLowerCase().replace(/_/g, '-'), template: `NET::ERR_${name}`, code, cause,
  errorCode: `ERR_${name}`, basis: captured ? 'both' : 'source',
  source: CHROME_NET + extra + (captured ? `; ${CHROME_RUN} (${captured})` : ''),
});
const CHROME: ClientMessage[] = [
  chrome('CERT_AUTHORITY_INVALID', 20, 'unknown-ca', '; -202', 'situations incomplete-chain, unknown-ca, self-signed-leaf, self-signed-in-chain'),
  chrome('CERT_DATE_INVALID', 10, 'expired', '; -201 (expired and not yet valid alike)', 'situations expired, not-yet-valid'),
  chrome('CERT_COMMON_NAME_INVALID', 62, 'hostname-mismatch', '; -200', 'situations hostname-mismatch, cn-only'),
  chrome('CERT_WEAK_SIGNATURE_ALGORITHM', 68, 'weak-signature', '; -208'),
  chrome('CERT_WEAK_KEY', 66, 'weak-key', '; -211'),
  chrome('CERT_NAME_CONSTRAINT_VIOLATION', undefined, 'name-constraints', '; -212 (set for Chrome\'s own per-CA restrictions)'),
  chrome('CERT_INVALID', undefined, 'invalid-ca', '; -207 (builtin verifier: any path error not mapped explicitly: net/cert/cert_verify_proc_builtin.cc MapPathBuilderErrorsToCertStatus)', 'situations invalid-ca, path-length, wrong-purpose, no-keycertsign, name-constraints, and weak-digest: a SHA-1 leaf under a local root'),
  chrome('CERT_REVOKED', 23, 'revoked', '; -206'),
  chrome('CERT_VALIDITY_TOO_LONG', undefined, 'unknown', '; -213'),
  chrome('CERTIFICATE_TRANSPARENCY_REQUIRED', undefined, 'unknown', '; -214'),
  chrome('SSL_VERSION_OR_CIPHER_MISMATCH', undefined, 'protocol-mismatch', '; -113', 'situation protocol-mismatch'),

  chrome('BAD_SSL_CLIENT_AUTH_CERT', undefined, 'client-cert-required', '; -117; seen in some capture runs of situation client-cert-required (TLS 1.3 server demanding a certificate, headless Chromium offering none), others gave net::ERR_SOCKET_NOT_CONNECTED: the alert races the first request'),
  chrome('SSL_CLIENT_AUTH_CERT_NEEDED', undefined, 'client-cert-required', '; -110'),
];

// ---- Firefox -----------------------------------------------------------------------------
const ff = (name: string, text: string, code: number | undefined, cause: CauseId): ClientMessage => ({
  client: 'firefox', id: name.toLowerCase().replace(/_/g, '-'), template: text, code, cause,
  errorCode: name, basis: 'source', source: FF_FTL,
});
const FIREFOX: ClientMessage[] = [
  ff('SEC_ERROR_UNKNOWN_ISSUER', 'Peer’s Certificate issuer is not recognized.', 20, 'unknown-ca'),
  ff('MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'The certificate is not trusted because it is self-signed.', 18, 'self-signed'),
  ff('SEC_ERROR_EXPIRED_CERTIFICATE', 'Peer’s Certificate has expired.', 10, 'expired'),
  ff('SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE', 'The certificate issuer’s certificate has expired. Check your system date and time.', 10, 'expired'),
  ff('MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE', 'The server presented a certificate that is not yet valid.', 9, 'not-yet-valid'),
  ff('MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE', 'A certificate that is not yet valid was used to issue the server’s certificate.', 9, 'not-yet-valid'),
  ff('SSL_ERROR_BAD_CERT_DOMAIN', 'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.', 62, 'hostname-mismatch'),
  ff('SEC_ERROR_CA_CERT_INVALID', 'Issuer certificate is invalid.', 79, 'invalid-ca'),
  ff('SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID', 'Certificate path length constraint is invalid.', 25, 'path-length-exceeded'),
  ff('SEC_ERROR_INADEQUATE_CERT_TYPE', 'Certificate type not approved for application.', 26, 'wrong-purpose'),
  ff('SEC_ERROR_INADEQUATE_KEY_USAGE', 'Certificate key usage inadequate for attempted operation.', 32, 'invalid-ca'),
  ff('SEC_ERROR_CERT_NOT_IN_NAME_SPACE', 'The Certifying Authority for this certificate is not permitted to issue a certificate with this name.', 47, 'name-constraints'),
  ff('MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE', 'The server presented a certificate with a key size that is too small to establish a secure connection.', 66, 'weak-key'),
  ff('SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED', 'The certificate was signed using a signature algorithm that is disabled because it is not secure.', 68, 'weak-signature'),
  ff('SEC_ERROR_BAD_SIGNATURE', 'Peer’s certificate has an invalid signature.', 7, 'bad-signature'),
  ff('SEC_ERROR_REVOKED_CERTIFICATE', 'Peer’s Certificate has been revoked.', 23, 'revoked'),
  ff('SEC_ERROR_UNTRUSTED_ISSUER', 'Peer’s certificate issuer has been marked as not trusted by the user.', 19, 'unknown-ca'),
  ff('MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY', 'The server uses a certificate with a basic constraints extension identifying it as a certificate authority. For a properly-issued certificate, this should not be the case.', undefined, 'invalid-ca'),
  ff('SSL_ERROR_NO_CYPHER_OVERLAP', 'Cannot communicate securely with peer: no common encryption algorithm(s).', undefined, 'protocol-mismatch'),
  ff('SSL_ERROR_PROTOCOL_VERSION_ALERT', 'Peer reports incompatible or unsupported protocol version.', undefined, 'protocol-mismatch'),
  ff('SSL_ERROR_UNSUPPORTED_VERSION', 'Peer using unsupported version of security protocol.', undefined, 'protocol-mismatch'),
  ff('SSL_ERROR_BAD_CERT_ALERT', 'SSL peer cannot verify your certificate.', undefined, 'client-cert-required'),
  ff('SSL_ERROR_HANDSHAKE_FAILURE_ALERT', 'SSL peer was unable to negotiate an acceptable set of security parameters.', undefined, 'protocol-mismatch'),
];

export const CLIENT_MESSAGES: readonly ClientMessage[] = [
  ...OPENSSL, ...CURL, ...PYTHON, ...NODE, ...JAVA, ...GO, ...DOTNET, ...CHROME, ...FIREFOX,
];

/** The entry with this client and id; throws on a programming error (unknown id). */
export function messageById(client: ClientId, id: string): ClientMessage {
  const m = CLIENT_MESSAGES.find((e) => e.client === client && e.id === id);
  if (!m) throw new Error(`No client message ${client}/${id}. Known ids for ${client}: ${CLIENT_MESSAGES.filter((e) => e.client === client).map((e) => e.id).join(', ')}`);
  return m;
}
