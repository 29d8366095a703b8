/**
 * Tools on top of the TLS stacks, whose wrappers carry the stack's text: Ruby, PHP, Node
 * without the error-code prefix, npm/yarn, pip, cargo, uv, composer, Docker, kubectl, Helm,
 * Chrome net::ERR_*. Wrappers alone say only "verification failed".
 */
import { V } from '../../codes/verify-code-constants.ts';
import { CHAIN_UNKNOWN, DATES, type StackEntry } from './types.ts';

const RUBY = 'ruby/openssl ext/openssl/ossl_ssl.c ("SSL_connect returned=%d errno=%d peeraddr=%s state=%s: %s") and lib/openssl/ssl.rb (post_connection_check)';
const PHP = 'php/php-src ext/openssl/xp_ssl.c (php_openssl_apply_peer_verification / "Peer certificate CN=`%.*s\' did not match expected CN=`%s\'")';
const NODE =
  'nodejs/node lib/tls.js checkServerIdentity (reason strings, printed without the ERR_TLS_CERT_ALTNAME_INVALID prefix by wrappers such as axios, npm)';
const CHROME = 'chromium/chromium net/base/net_error_list.h';

export const TOOL_ENTRIES: StackEntry[] = [
  {
    stack: 'ruby',
    id: 'ssl-connect',
    pattern: /SSL_connect returned=1 errno=0 (?:peeraddr=\S+ )?state=[^:\n]*(?::\s*| )certificate verify failed(?! \()/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: `${RUBY} (Ruby < 2.4 did not append the verify text)`,
  },
  {
    stack: 'ruby',
    id: 'hostname',
    pattern: /hostname "[^"]*" does not match the server certificate/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: RUBY,
  },
  {
    stack: 'php',
    id: 'peer-cn',
    pattern: /Peer certificate CN=`[^']*' did not match expected CN=`[^']*'/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: PHP,
  },
  {
    stack: 'php',
    id: 'failed-crypto',
    pattern: /SSL operation failed with code 1\. OpenSSL Error messages:[^\n]*certificate verify failed(?! \()/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: PHP,
  },
  {
    stack: 'php',
    id: 'curl-60',
    pattern: /cURL error 60: SSL certificate problem: /,
    cause: 'from-code',
    source: 'guzzle/guzzle src/Handler/CurlFactory.php ("cURL error %s: %s (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)")',
  },
  {
    stack: 'node',
    id: 'altnames-bare',
    pattern:
      /Hostname\/IP does not match certificate's altnames: (?:Host: \S+? is not in the cert's altnames|IP: \S+ is not in the cert's list|Cert does not contain a DNS name|Host: \S+ is not cert's CN)/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: NODE,
  },
  {
    stack: 'node',
    id: 'altnames-old',
    pattern: /Hostname\/IP (?:doesn't|does not) match certificate's altnames|is not in the cert's (?:altnames|list)/i,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: `${NODE} (Node < 10 wrote "doesn't")`,
  },
  { stack: 'node', id: 'altname-code', pattern: /\bERR_TLS_CERT_ALTNAME_INVALID\b/, code: V.HOSTNAME_MISMATCH, cause: 'hostname-mismatch', source: NODE },
  {
    stack: 'node',
    id: 'socket-disconnected',
    pattern: /Client network socket disconnected before secure TLS connection was established/,
    cause: 'protocol-mismatch',
    alternatives: ['protocol-mismatch', 'unknown'],
    source: 'nodejs/node lib/_tls_wrap.js onConnectEnd (ECONNRESET during the handshake: proxy, firewall or TLS mismatch)',
  },
  {
    stack: 'npm',
    id: 'code',
    pattern:
      /npm ERR! code (?:E?)(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)/,
    cause: 'from-code',
    source: 'npm/cli lib/utils/error-message.js ("npm ERR! code %s" from the Node err.code)',
  },
  {
    stack: 'pip',
    id: 'problem-confirming',
    pattern: /There was a problem confirming the ssl certificate/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: 'pypa/pip src/pip/_internal/index/collector.py ("Could not fetch URL %s: There was a problem confirming the ssl certificate: %s - skipping")',
  },
  {
    stack: 'cargo',
    id: 'peer-not-ok',
    pattern: /\[60\] SSL peer certificate or SSH remote key was not OK/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: 'rust-lang/cargo via curl-rust ("[60] SSL peer certificate or SSH remote key was not OK (%s)")',
  },
  {
    stack: 'docker',
    id: 'tls-handshake-timeout',
    pattern: /net\/http: TLS handshake timeout/,
    cause: 'unknown',
    alternatives: ['unknown', 'protocol-mismatch'],
    source: 'golang/go src/net/http/transport.go (tlsHandshakeTimeoutError)',
  },
  {
    stack: 'kubectl',
    id: 'unknown-authority-kubernetes',
    pattern: /while trying to verify candidate authority certificate "(?:kubernetes|kubernetes-ca|minikubeCA|k3s-server-ca[^"]*)"/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'bad-signature'],
    source: 'golang/go src/crypto/x509/verify.go UnknownAuthorityError (kubeconfig CA from an older cluster)',
  },
  {
    stack: 'chrome',
    id: 'net-err-lower',
    pattern: /\bnet::ERR_CERT_(?:AUTHORITY_INVALID)\b/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'],
    source: CHROME,
  },
  {
    stack: 'chrome',
    id: 'ssl-protocol-error',
    pattern: /\b(?:NET::|net::)?ERR_SSL_PROTOCOL_ERROR\b/,
    cause: 'protocol-mismatch',
    alternatives: ['protocol-mismatch', 'client-cert-required', 'unknown'],
    source: CHROME,
  },
  {
    stack: 'chrome',
    id: 'obsolete-version',
    pattern: /\b(?:NET::|net::)?ERR_SSL_(?:OBSOLETE_VERSION|VERSION_INTERFERENCE|UNRECOGNIZED_NAME_ALERT)\b/,
    cause: 'protocol-mismatch',
    source: CHROME,
  },
  { stack: 'chrome', id: 'symantec', pattern: /\b(?:NET::|net::)?ERR_CERT_SYMANTEC_LEGACY\b/, cause: 'unknown-ca', source: CHROME },
  { stack: 'chrome', id: 'interception', pattern: /\b(?:NET::|net::)?ERR_CERT_KNOWN_INTERCEPTION_BLOCKED\b/, cause: 'unknown-ca', source: CHROME },
  {
    stack: 'chrome',
    id: 'client-auth',
    pattern: /\b(?:NET::|net::)?ERR_(?:BAD_SSL_CLIENT_AUTH_CERT|SSL_CLIENT_AUTH_CERT_NEEDED|SSL_CLIENT_AUTH_SIGNATURE_FAILED)\b/,
    cause: 'client-cert-required',
    source: CHROME,
  },
  { stack: 'chrome', id: 'date', pattern: /\b(?:NET::|net::)?ERR_CERT_DATE_INVALID\b/, cause: 'expired', alternatives: DATES, source: CHROME },
  {
    stack: 'chrome',
    id: 'common-name',
    pattern: /\b(?:NET::|net::)?ERR_CERT_COMMON_NAME_INVALID\b/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: CHROME,
  },
  {
    stack: 'chrome',
    id: 'revoked',
    pattern: /\b(?:NET::|net::)?ERR_CERT_(?:REVOKED|UNABLE_TO_CHECK_REVOCATION|NO_REVOCATION_MECHANISM)\b/,
    cause: 'revoked',
    source: CHROME,
  },
  {
    stack: 'chrome',
    id: 'weak',
    pattern: /\b(?:NET::|net::)?ERR_CERT_WEAK_SIGNATURE_ALGORITHM\b|\bERR_CERT_(?:WEAK_KEY)\b/,
    cause: 'weak-signature',
    alternatives: ['weak-signature', 'weak-key'],
    source: CHROME,
  },
  { stack: 'chrome', id: 'version-cipher', pattern: /\b(?:NET::|net::)?ERR_SSL_VERSION_OR_CIPHER_MISMATCH\b/, cause: 'protocol-mismatch', source: CHROME },
  { stack: 'chrome', id: 'ct', pattern: /\b(?:NET::|net::)?ERR_CERTIFICATE_TRANSPARENCY_REQUIRED\b/, cause: 'unknown', source: CHROME },
];
