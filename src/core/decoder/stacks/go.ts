/**
 * Go (crypto/x509, crypto/tls) wordings the client table lacks: older and newer versions,
 * the platform verifiers (macOS, Windows) Go uses since 1.18, and tls alerts.
 */
import { V } from '../../codes/verify-code-constants.ts';
import { CHAIN_UNKNOWN, DATES, HANDSHAKE, type StackEntry } from './types.ts';

const VERIFY = 'golang/go commit 28fad8da15631a8b165fece2c7381ed84ce090db src/crypto/x509/verify.go';
const ROOT_DARWIN = 'golang/go src/crypto/x509/root_darwin.go (Go >= 1.18: macOS SecTrustEvaluateWithError text)';
const ROOT_WINDOWS = 'golang/go src/crypto/x509/root_windows.go (Go >= 1.18: CertGetCertificateChain status)';
const ALERT = 'golang/go src/crypto/tls/alert.go (alert texts) and conn.go ("remote error: " prefix)';
const HS = 'golang/go src/crypto/tls/handshake_client.go';

export const GO_ENTRIES: StackEntry[] = [
  { stack: 'go', id: 'cn-legacy-godebug', template: 'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0', code: V.HOSTNAME_MISMATCH, cause: 'hostname-mismatch', source: `${VERIFY} (Go 1.15–1.16 wording)` },
  { stack: 'go', id: 'expired-bare', pattern: /x509: certificate has expired or is not yet valid(?!:\s+current time)/, cause: 'expired', alternatives: DATES, source: `${VERIFY} (Go < 1.9 printed no times; still seen through wrappers)` },
  { stack: 'go', id: 'expired-after', pattern: /x509: certificate has expired or is not yet valid:\s+current time \S+ is after \S+/, code: V.CERT_HAS_EXPIRED, cause: 'expired', source: VERIFY },
  { stack: 'go', id: 'not-yet-valid-before', pattern: /x509: certificate has expired or is not yet valid:\s+current time \S+ is before \S+/, code: V.CERT_NOT_YET_VALID, cause: 'not-yet-valid', source: VERIFY },
  { stack: 'go', id: 'unknown-authority-any', pattern: /x509: certificate signed by unknown authority/, cause: 'unknown-ca', alternatives: CHAIN_UNKNOWN, source: VERIFY },
  { stack: 'go', id: 'unknown-authority-rsa', pattern: /certificate signed by unknown authority \(possibly because of "crypto\/rsa: verification error"/, cause: 'unknown-ca', alternatives: ['unknown-ca', 'bad-signature', 'outdated-client-store'], source: `${VERIFY} UnknownAuthorityError.Error hintErr` },
  { stack: 'go', id: 'valid-for-any', pattern: /x509: certificate is valid for [^\n]+?, not \S+/, code: V.HOSTNAME_MISMATCH, cause: 'hostname-mismatch', source: VERIFY },
  { stack: 'go', id: 'ip-sans', pattern: /x509: cannot validate certificate for \S+ because it doesn't contain any IP SANs/, code: V.IP_ADDRESS_MISMATCH, cause: 'hostname-mismatch', source: VERIFY },
  { stack: 'go', id: 'not-valid-any-names', pattern: /x509: certificate is not valid for any names, but wanted to match \S+/, code: V.HOSTNAME_MISMATCH, cause: 'hostname-mismatch', source: VERIFY },
  { stack: 'go', id: 'issuer-mismatch', template: 'x509: issuer name does not match subject from issuing certificate', cause: 'bad-signature', alternatives: ['bad-signature', 'incomplete-chain'], source: VERIFY },
  { stack: 'go', id: 'rsa-verification', pattern: /x509: (?:ECDSA verification failure|signature algorithm specifies an \w+ public key, but have public key of type)|crypto\/rsa: verification error(?!" while trying)/, code: V.CERT_SIGNATURE_FAILURE, cause: 'bad-signature', source: 'golang/go src/crypto/x509/x509.go checkSignature' },
  { stack: 'go', id: 'insecure-sha1-godebug', pattern: /x509: cannot verify signature: insecure algorithm \S+(?: \(temporarily override with GODEBUG=x509sha1=1\))?/, code: V.CA_MD_TOO_WEAK, cause: 'weak-signature', source: 'golang/go src/crypto/x509/x509.go InsecureAlgorithmError.Error' },
  { stack: 'go', id: 'algorithm-unimplemented', pattern: /x509: cannot verify signature: algorithm unimplemented/, cause: 'weak-signature', source: 'golang/go src/crypto/x509/x509.go ErrUnsupportedAlgorithm' },
  { stack: 'go', id: 'no-system-roots', pattern: /x509: failed to load system roots and no roots provided/, cause: 'outdated-client-store', source: 'golang/go src/crypto/x509/cert_pool.go / verify.go systemRootsErr (FROM scratch / distroless images without CA bundle)' },
  { stack: 'go', id: 'darwin-not-trusted', pattern: /x509: “[^”]*” certificate is not trusted/, cause: 'unknown-ca', alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'], source: ROOT_DARWIN },
  { stack: 'go', id: 'darwin-expired', pattern: /x509: “[^”]*” certificate is expired/, code: V.CERT_HAS_EXPIRED, cause: 'expired', source: ROOT_DARWIN },
  { stack: 'go', id: 'darwin-not-standards', pattern: /x509: “[^”]*” certificate is not standards compliant/, cause: 'invalid-ca', source: `${ROOT_DARWIN} (Apple's TLS certificate requirements: validity > 825/398 days, missing SAN or EKU)` },
  { stack: 'go', id: 'darwin-name', pattern: /x509: “[^”]*” certificate name does not match input/, code: V.HOSTNAME_MISMATCH, cause: 'hostname-mismatch', source: ROOT_DARWIN },
  { stack: 'go', id: 'darwin-revoked', pattern: /x509: “[^”]*” certificate is revoked/, code: V.CERT_REVOKED, cause: 'revoked', source: ROOT_DARWIN },
  { stack: 'go', id: 'windows-bad-chain', pattern: /x509: certificate signed by unknown authority \(possibly because of "x509: invalid signature: parent certificate cannot sign this kind of certificate"/, cause: 'invalid-ca', source: ROOT_WINDOWS },
  { stack: 'go', id: 'tls-unsupported-version', pattern: /tls: (?:server selected unsupported protocol version [0-9a-f]+|client offered only unsupported versions|unsupported protocol version [0-9a-f]+|no supported versions satisfy MinVersion and MaxVersion)/, cause: 'protocol-mismatch', source: HS },
  { stack: 'go', id: 'tls-first-record', pattern: /(?:tls: )?first record does not look like a TLS handshake/, cause: 'protocol-mismatch', source: 'golang/go src/crypto/tls/conn.go readRecordOrCCS (plain HTTP or another protocol on the port)' },
  { stack: 'go', id: 'tls-no-cipher', pattern: /tls: no cipher suite supported by both client and server|tls: server chose an unconfigured cipher suite/, cause: 'protocol-mismatch', source: 'golang/go src/crypto/tls/handshake_server.go / handshake_client.go' },
  { stack: 'go', id: 'remote-handshake-failure', pattern: /remote error: tls: handshake failure/, cause: 'protocol-mismatch', alternatives: HANDSHAKE, source: ALERT },
  { stack: 'go', id: 'remote-bad-certificate', pattern: /remote error: tls: bad certificate/, cause: 'client-cert-required', alternatives: ['client-cert-required', 'unknown-ca'], source: ALERT },
  { stack: 'go', id: 'remote-unknown-ca', pattern: /remote error: tls: unknown certificate authority/, cause: 'client-cert-required', alternatives: ['client-cert-required', 'unknown-ca'], source: ALERT },
  { stack: 'go', id: 'remote-expired', pattern: /remote error: tls: expired certificate/, cause: 'client-cert-required', alternatives: ['client-cert-required', 'expired'], source: ALERT },
  { stack: 'go', id: 'remote-protocol', pattern: /remote error: tls: (?:protocol version not supported|insufficient security level)/, cause: 'protocol-mismatch', source: ALERT },
  { stack: 'go', id: 'server-no-client-cert', pattern: /tls: client didn't provide a certificate/, cause: 'client-cert-required', source: 'golang/go src/crypto/tls/handshake_server.go (server log)' },
  { stack: 'go', id: 'server-client-cert-verify', pattern: /tls: failed to verify client certificate: /, cause: 'client-cert-required', source: 'golang/go src/crypto/tls/handshake_server.go processCertsFromClient' },
];
