/**
 * Apple's Security framework (NSURLError, SecureTransport OSStatus, SecTrust texts; curl on
 * macOS) and Windows SChannel / CryptoAPI / .NET texts without the SslPolicyErrors suffix
 * (curl --schannel, git for Windows, cargo, PowerShell, WCF, SqlClient).
 */
import { V } from '../../codes/verify-code-constants.ts';
import { CHAIN_UNKNOWN, DATES, HANDSHAKE, type StackEntry } from './types.ts';

const NSURL =
  'apple-oss-distributions/CFNetwork NSURLError.h (NSURLErrorServerCertificate* codes -1200…-1206) and the localized descriptions shown by URLSession';
const ST = 'apple-oss-distributions/Security OSX/libsecurity_ssl/lib/SecureTransport.h (errSSL* OSStatus values)';
const SECTRUST =
  'apple-oss-distributions/Security trust/trustd (SecTrustEvaluateWithError descriptions "“name” certificate is not trusted", "... has errors: ...")';
const SCHANNEL =
  'curl/curl commit 1ba3aa519af61afc575ce6ae0a73e2bfa5aec9ca lib/vtls/schannel.c (failf "schannel: next InitializeSecurityContext failed: %s") with Windows winerror.h texts';
const WINERROR = 'Windows SDK winerror.h (SEC_E_*, CERT_E_*, CRYPT_E_* values and their FormatMessage texts)';
const DOTNET_FX = '.NET Framework System.Net resources (net_webstatus_TrustFailure, net_requestaborted + net_webstatus_SecureChannelFailure)';
const SQLCLIENT = 'dotnet/SqlClient src/Microsoft.Data.SqlClient/src/Resources/Strings.resx (SNI_ERROR / provider: SSL Provider texts)';
const DOTNET_RT = 'dotnet/runtime src/libraries/System.Net.Security/src/Resources/Strings.resx (net_auth_tls_alert, net_ssl_io_frame)';

const st = (code: number, name: string, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'apple',
  id: name,
  pattern: new RegExp(`\\b${name}\\b|(?<![\\w-])${code}(?!\\d)`),
  cause,
  source: ST,
  ...extra,
});
const win = (name: string, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'schannel',
  id: name.toLowerCase(),
  pattern: new RegExp(`\\b${name}\\b`),
  cause,
  source: `${SCHANNEL}; ${WINERROR}`,
  ...extra,
});

export const APPLE_ENTRIES: StackEntry[] = [
  {
    stack: 'apple',
    id: 'nsurl-untrusted',
    pattern: /NSURLErrorServerCertificateUntrusted|[Cc]ode ?= ?-1202\b|error code: -1202\b|The certificate for this server is invalid|此服务器的证书无效/,
    cause: 'from-code',
    alternatives: ['unknown-ca', 'incomplete-chain', 'hostname-mismatch'],
    source: NSURL,
  },
  {
    stack: 'apple',
    id: 'nsurl-bad-date',
    pattern: /NSURLErrorServerCertificateHasBadDate|Code=-1201\b|The certificate for this server has expired|The certificate for this server is not yet valid/,
    cause: 'expired',
    alternatives: DATES,
    source: NSURL,
  },
  {
    stack: 'apple',
    id: 'nsurl-unknown-root',
    pattern: /NSURLErrorServerCertificateHasUnknownRoot|Code=-1203\b|The certificate for this server was signed by an unknown certifying authority/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'],
    source: NSURL,
  },
  {
    stack: 'apple',
    id: 'nsurl-not-yet',
    pattern: /NSURLErrorServerCertificateNotYetValid|Code=-1204\b/,
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    source: NSURL,
  },
  {
    stack: 'apple',
    id: 'nsurl-client-cert',
    pattern: /NSURLErrorClientCertificate(?:Rejected|Required)|Code=-120[56]\b/,
    cause: 'client-cert-required',
    source: NSURL,
  },
  {
    stack: 'apple',
    id: 'nsurl-secure-connection',
    pattern: /NSURLErrorSecureConnectionFailed|Code=-1200\b|An SSL error has occurred and a secure connection to the server cannot be made/,
    cause: 'protocol-mismatch',
    alternatives: ['protocol-mismatch', 'unknown-ca', 'client-cert-required'],
    source: `${NSURL} (App Transport Security refuses TLS < 1.2 / weak ciphers with -1200)`,
  },
  st(-9807, 'errSSLXCertChainInvalid', 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  st(-9808, 'errSSLBadCert', 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  st(-9812, 'errSSLUnknownRootCert', 'unknown-ca', { alternatives: ['unknown-ca', 'self-signed'] }),
  st(-9813, 'errSSLNoRootCert', 'unknown-ca', { alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'] }),
  st(-9814, 'errSSLCertExpired', 'expired', { code: V.CERT_HAS_EXPIRED }),
  st(-9815, 'errSSLCertNotYetValid', 'not-yet-valid', { code: V.CERT_NOT_YET_VALID }),
  st(-9824, 'errSSLPeerHandshakeFail', 'protocol-mismatch', { alternatives: HANDSHAKE }),
  st(-9836, 'errSSLPeerProtocolVersion', 'protocol-mismatch'),
  st(-9843, 'errSSLHostNameMismatch', 'hostname-mismatch', { code: V.HOSTNAME_MISMATCH }),
  st(-9825, 'errSSLPeerBadCert', 'client-cert-required', { alternatives: ['client-cert-required', 'unknown-ca'] }),
  st(-9829, 'errSSLPeerCertUnknown', 'client-cert-required', { alternatives: ['client-cert-required', 'unknown-ca'] }),
  st(-9802, 'errSSLFatalAlert', 'protocol-mismatch', { alternatives: HANDSHAKE }),
  {
    stack: 'apple',
    id: 'sectrust-not-trusted',
    pattern: /“[^”]*” certificate is not trusted|Root is not trusted|Root certificate is not trusted/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'],
    source: SECTRUST,
  },
  {
    stack: 'apple',
    id: 'sectrust-expired',
    pattern: /“[^”]*” certificate is expired|Certificate \d+ “[^”]*” has errors: [^\n]*(?:expired|Certificate has expired)/,
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    source: SECTRUST,
  },
  {
    stack: 'apple',
    id: 'sectrust-name',
    pattern: /SSL hostname does not match name\(s\) in certificate|“[^”]*” certificate name does not match input/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: SECTRUST,
  },
  { stack: 'apple', id: 'sectrust-standards', pattern: /certificate is not standards compliant/, cause: 'invalid-ca', source: SECTRUST },
  {
    stack: 'apple',
    id: 'sectrust-key-size',
    pattern: /RSA key size is too small|Key size is not permitted/,
    code: V.EE_KEY_TOO_SMALL,
    cause: 'weak-key',
    source: SECTRUST,
  },
  {
    stack: 'curl',
    id: 'no-alt-name-any',
    pattern:
      /SSL: no alternative certificate subject name matches target host ?name|SSL: certificate subject name '[^'\n]*' does not match target host ?name|SSL: unable to obtain common name from peer certificate/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: 'curl/curl lib/vtls/openssl.c verifyhost (the same texts without the "curl: (NN)" prefix, as libcurl users such as git, PHP and R print them)',
  },
  {
    stack: 'curl',
    id: 'sectransp-invalid-chain',
    pattern: /SSL certificate problem: Invalid certificate chain|SSL: certificate verification failed \(result: 5\)/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: 'curl/curl lib/vtls/sectransp.c (curl on macOS with Secure Transport, errSSLXCertChainInvalid)',
  },
  {
    stack: 'curl',
    id: 'sectransp-client-cert',
    pattern: /SSL peer handshake failed, the server most likely requires a client certificate to connect/,
    cause: 'client-cert-required',
    source: 'curl/curl lib/vtls/sectransp.c (errSSLPeerHandshakeFail)',
  },
];

/** Windows prints the texts in the user's language; the HRESULT in parentheses is the same everywhere. */
const hresult = (hex: string, id: string, cause: StackEntry['cause'], extra: Partial<StackEntry> = {}): StackEntry => ({
  stack: 'schannel',
  id,
  pattern: new RegExp(`\\(?0x${hex}\\)?`, 'i'),
  cause,
  source: WINERROR,
  ...extra,
});

export const WINDOWS_ENTRIES: StackEntry[] = [
  hresult('80090325', 'hr-untrusted-root', 'unknown-ca', { alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'] }),
  hresult('800B0109', 'hr-untrustedroot', 'unknown-ca', { alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'] }),
  hresult('800B010A', 'hr-chaining', 'incomplete-chain', { alternatives: ['incomplete-chain', 'unknown-ca'] }),
  hresult('80090327', 'hr-cert-unknown', 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  hresult('80090328', 'hr-cert-expired', 'expired', { code: V.CERT_HAS_EXPIRED }),
  hresult('800B0101', 'hr-e-expired', 'expired', { alternatives: DATES }),
  hresult('80090322', 'hr-wrong-principal', 'hostname-mismatch', { code: V.HOSTNAME_MISMATCH }),
  hresult('800B010F', 'hr-cn-no-match', 'hostname-mismatch', { code: V.HOSTNAME_MISMATCH }),
  hresult('80092012', 'hr-no-revocation-check', 'revoked'),
  hresult('80092013', 'hr-revocation-offline', 'revoked'),
  hresult('80092010', 'hr-revoked', 'revoked', { code: V.CERT_REVOKED }),
  hresult('80090326', 'hr-illegal-message', 'protocol-mismatch', { alternatives: HANDSHAKE }),
  hresult('80090331', 'hr-algorithm-mismatch', 'protocol-mismatch'),
  hresult('80090308', 'hr-invalid-token', 'protocol-mismatch'),
  win('SEC_E_UNTRUSTED_ROOT', 'unknown-ca', { alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'] }),
  win('CERT_E_UNTRUSTEDROOT', 'unknown-ca', { alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'] }),
  win('CERT_E_CHAINING', 'incomplete-chain', { alternatives: ['incomplete-chain', 'unknown-ca'] }),
  win('SEC_E_CERT_EXPIRED', 'expired', { code: V.CERT_HAS_EXPIRED }),
  win('CERT_E_EXPIRED', 'expired', { alternatives: DATES }),
  win('SEC_E_WRONG_PRINCIPAL', 'hostname-mismatch', { code: V.HOSTNAME_MISMATCH }),
  win('CERT_E_CN_NO_MATCH', 'hostname-mismatch', { code: V.HOSTNAME_MISMATCH }),
  win('CRYPT_E_REVOKED', 'revoked', { code: V.CERT_REVOKED }),
  win('CRYPT_E_NO_REVOCATION_CHECK', 'revoked'),
  win('CRYPT_E_REVOCATION_OFFLINE', 'revoked'),
  win('CERT_E_WRONG_USAGE', 'wrong-purpose', { code: V.INVALID_PURPOSE }),
  win('SEC_E_ILLEGAL_MESSAGE', 'protocol-mismatch', { alternatives: HANDSHAKE }),
  win('SEC_E_ALGORITHM_MISMATCH', 'protocol-mismatch'),
  win('SEC_E_UNSUPPORTED_FUNCTION', 'protocol-mismatch'),
  win('SEC_E_INVALID_TOKEN', 'protocol-mismatch'),
  win('SEC_E_CERT_UNKNOWN', 'unknown-ca', { alternatives: CHAIN_UNKNOWN }),
  win('SEC_E_NO_CREDENTIALS', 'client-cert-required'),
  win('TRUST_E_CERT_SIGNATURE', 'bad-signature'),
  {
    stack: 'schannel',
    id: 'text-untrusted-root',
    pattern:
      /The certificate chain was issued by an authority that is not trusted|A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider/,
    cause: 'unknown-ca',
    alternatives: ['unknown-ca', 'self-signed', 'incomplete-chain'],
    source: WINERROR,
  },
  {
    stack: 'schannel',
    id: 'text-chaining',
    pattern: /A certificate chain could not be built to a trusted root authority/,
    cause: 'incomplete-chain',
    alternatives: ['incomplete-chain', 'unknown-ca'],
    source: WINERROR,
  },
  {
    stack: 'schannel',
    id: 'text-expired',
    pattern:
      /The received certificate has expired|A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file/,
    cause: 'expired',
    alternatives: DATES,
    source: WINERROR,
  },
  {
    stack: 'schannel',
    id: 'text-principal',
    pattern: /The target principal name is incorrect|The certificate's CN name does not match the passed value/,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    source: WINERROR,
  },
  {
    stack: 'schannel',
    id: 'text-revocation',
    pattern:
      /The revocation function was unable to check revocation|The certificate is revoked|The certificate has been revoked by its certification authority/,
    cause: 'revoked',
    source: WINERROR,
  },
  {
    stack: 'schannel',
    id: 'text-no-common',
    pattern: /do not possess a common algorithm|The client and server cannot communicate/,
    cause: 'protocol-mismatch',
    source: WINERROR,
  },
  {
    stack: 'schannel',
    id: 'text-illegal',
    pattern: /The message received was unexpected or badly formatted/,
    cause: 'protocol-mismatch',
    alternatives: HANDSHAKE,
    source: WINERROR,
  },
  {
    stack: 'powershell',
    id: 'trust-relationship',
    pattern: /Could not establish trust relationship for the SSL\/TLS secure channel/,
    cause: 'unknown-ca',
    alternatives: CHAIN_UNKNOWN,
    source: DOTNET_FX,
  },
  {
    stack: 'powershell',
    id: 'secure-channel',
    pattern: /Could not create SSL\/TLS secure channel|The underlying connection was closed: An unexpected error occurred on a send/,
    cause: 'protocol-mismatch',
    alternatives: HANDSHAKE,
    source: `${DOTNET_FX} (ServicePointManager.SecurityProtocol without Tls12 is the usual reason)`,
  },
  {
    stack: 'dotnet',
    id: 'validation-bare',
    pattern: /The remote certificate is invalid according to the validation procedure(?![:.]? ?Remote)/,
    cause: 'from-code',
    alternatives: ['unknown-ca', 'incomplete-chain', 'hostname-mismatch'],
    source: 'dotnet/runtime Strings.resx net_ssl_io_cert_validation (.NET Framework and .NET Core < 5: no SslPolicyErrors suffix)',
  },
  {
    stack: 'dotnet',
    id: 'chain-errors',
    pattern: /RemoteCertificateChainErrors(?![^\n]*RemoteCertificateNameMismatch)/,
    cause: 'from-code',
    alternatives: CHAIN_UNKNOWN,
    source: 'dotnet/runtime SslPolicyErrors.RemoteCertificateChainErrors',
  },
  {
    stack: 'dotnet',
    id: 'tls-alert',
    pattern: /Authentication failed because the remote party sent a TLS alert: '(\w+)'/,
    cause: 'protocol-mismatch',
    alternatives: HANDSHAKE,
    source: `${DOTNET_RT} net_auth_tls_alert (.NET 7+)`,
  },
  {
    stack: 'dotnet',
    id: 'tls-alert-cert',
    pattern: /remote party sent a TLS alert: '(?:CertificateRequired|BadCertificate|UnknownCA|CertificateUnknown)'/,
    cause: 'client-cert-required',
    source: `${DOTNET_RT} net_auth_tls_alert`,
  },
  {
    stack: 'dotnet',
    id: 'eof',
    pattern: /Received an unexpected EOF or 0 bytes from the transport stream|Authentication failed because the remote party has closed the transport stream/,
    cause: 'protocol-mismatch',
    alternatives: ['protocol-mismatch', 'client-cert-required', 'unknown'],
    source: DOTNET_RT,
  },
  {
    stack: 'dotnet',
    id: 'status-revocation-unknown',
    pattern: /\bRevocationStatusUnknown\b|\bOfflineRevocation\b/,
    cause: 'revoked',
    source: 'dotnet/runtime X509ChainStatusFlags',
  },
  { stack: 'dotnet', id: 'status-not-time-nested', pattern: /\bNotTimeNested\b/, cause: 'expired', source: 'dotnet/runtime X509ChainStatusFlags' },
  {
    stack: 'sqlserver',
    id: 'ssl-provider-untrusted',
    pattern: /provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted/,
    cause: 'self-signed',
    alternatives: ['self-signed', 'unknown-ca'],
    source: `${SQLCLIENT} (Microsoft.Data.SqlClient 4+ encrypts by default; SQL Server's own certificate is self-signed)`,
  },
  {
    stack: 'sqlserver',
    id: 'ssl-provider-handshake',
    pattern: /provider: SSL Provider, error: 31 - Encryption\(ssl\/tls\) handshake failed|provider: TCP Provider, error: 35 - An internal exception was caught/,
    cause: 'protocol-mismatch',
    source: SQLCLIENT,
  },
];
