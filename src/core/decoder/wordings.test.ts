import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES } from '../clients/messages.ts';
import { STACK_ENTRIES } from './stacks/index.ts';
import { V } from '../codes/verify-code-constants.ts';
import { VERIFY_CODES, verifyCodeByNumber } from '../codes/verify-codes.ts';
import { wordingsForCode, type CodeWording, type WordingGroup } from './wordings.ts';

// Issue #11 (Build 2): /reference/verify/N/ lists every client's and stack's wording for N.
// Each row: [client or stack, entry id, why it belongs to N, the wording as the page shows it].
const EXPECTED_20 = [
  ['openssl', 'verify-error-line', 'from-code', 'verify error:num=20:unable to get local issuer certificate'],
  ['openssl', 'verification-error', 'from-code', 'Verification error: unable to get local issuer certificate'],
  ['openssl', 'verify-return-code', 'from-code', 'Verify return code: 20 (unable to get local issuer certificate)'],
  ['openssl', 'verify-cmd-error', 'from-code', 'error 20 at {depth} depth lookup: unable to get local issuer certificate'],
  ['curl', '60-verify', 'from-code', 'curl: (60) SSL certificate problem: unable to get local issuer certificate'],
  ['curl', '60-verify-result', 'from-code', 'curl: (60) SSL certificate OpenSSL verify result: unable to get local issuer certificate (20)'],
  ['curl', 'sectransp-invalid-chain', 'cause', 'SSL certificate problem: Invalid certificate chain|SSL: certificate verification failed \\(result: 5\\)'],
  [
    'python',
    'ssl-verify',
    'from-code',
    'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:{line})',
  ],
  [
    'python',
    'urllib',
    'from-code',
    'urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:{line})>',
  ],
  ['node', 'issuer-locally', 'code', 'Error: unable to get local issuer certificate'],
  [
    'java',
    'pkix-build',
    'cause',
    'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
  ],
  ['java', 'pkix-build-short', 'cause', 'PKIX path building failed'],
  ['java', 'no-valid-path', 'cause', 'unable to find valid certification path to requested target'],
  ['java', 'no-trusted-cert', 'cause', 'No trusted certificate found'],
  ['java', 'not-chain-anchors', 'cause', 'Path does not chain with any of the trust anchors'],
  ['go', 'tls-prefix', 'from-code', 'tls: failed to verify certificate: x509: certificate signed by unknown authority'],
  ['go', 'http-get', 'from-code', 'Get "{url}": tls: failed to verify certificate: x509: certificate signed by unknown authority'],
  ['go', 'unknown-authority', 'cause', 'x509: certificate signed by unknown authority'],
  [
    'go',
    'unknown-authority-hint',
    'cause',
    'x509: certificate signed by unknown authority (possibly because of "{hint}" while trying to verify candidate authority certificate "{issuer}")',
  ],
  ['go', 'unknown-authority-rsa', 'cause', 'certificate signed by unknown authority \\(possibly because of "crypto\\/rsa: verification error"'],
  ['go', 'darwin-not-trusted', 'cause', 'x509: “[^”]*” certificate is not trusted'],
  ['rustls', 'unknown-issuer', 'cause', 'invalid peer certificate: UnknownIssuer'],
  [
    'rustls',
    'unknown-issuer',
    'cause',
    'invalid peer certificate: (?:UnknownIssuer|unknown issuer)|\\bInvalidCertificate\\(UnknownIssuer\\)|webpki::Error::UnknownIssuer|\\bUnknownIssuer\\b',
  ],
  ['dotnet', 'status-partial-chain', 'code', 'PartialChain'],
  [
    'dotnet',
    'chain',
    'from-code',
    'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: PartialChain',
  ],
  ['chrome', 'cert-authority-invalid', 'code', 'NET::ERR_CERT_AUTHORITY_INVALID'],
  ['chrome', 'net-err-lower', 'cause', '\\bnet::ERR_CERT_(?:AUTHORITY_INVALID)\\b'],
  ['chrome', 'symantec', 'cause', '\\b(?:NET::|net::)?ERR_CERT_SYMANTEC_LEGACY\\b'],
  ['chrome', 'interception', 'cause', '\\b(?:NET::|net::)?ERR_CERT_KNOWN_INTERCEPTION_BLOCKED\\b'],
  ['firefox', 'sec-error-unknown-issuer', 'code', 'Peer’s Certificate issuer is not recognized.'],
  [
    'firefox',
    'issuer-unknown-text',
    'cause',
    'The certificate is not trusted because the issuer certificate is unknown|its certificate issuer is unknown, the certificate is self-signed, or the server is not sending the correct intermediate certificates',
  ],
  ['firefox', 'mozilla_pkix_error_mitm_detected', 'cause', '(?<![A-Za-z0-9_])MOZILLA_PKIX_ERROR_MITM_DETECTED(?![A-Za-z0-9_])'],
  [
    'firefox',
    'mozilla_pkix_error_additional_policy_constraint_failed',
    'cause',
    '(?<![A-Za-z0-9_])MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED(?![A-Za-z0-9_])',
  ],
  ['git', 'gnutls-cafile', 'cause', 'server certificate verification failed\\. CAfile: \\S+ CRLfile:'],
  ['gnutls', 'status-issuer-unknown', 'cause', "The certificate issuer is unknown|certificate issuer is not recognized|Peer's certificate issuer is unknown"],
  [
    'gnutls',
    'status-not-trusted',
    'cause',
    'The certificate is NOT trusted\\.(?! The certificate (?:chain uses expired|issuer is unknown|chain uses not yet|is not yet|has expired|chain uses insecure|chain revoked|issuer is not a CA|requires))',
  ],
  ['wget', 'locally-verify', 'code', "Unable to locally verify the issuer's authority"],
  ['wget', 'gnutls-no-issuer', 'cause', "The certificate of [‘'`]?\\S+?[’']? (?:doesn't|hasn't got) (?:have )?a known issuer"],
  ['nss', 'issuer-not-recognized', 'cause', "Peer's Certificate issuer is not recognized"],
  ['nss', 'error-unknown-issuer', 'cause', 'NSS error -8179|SEC_ERROR_UNKNOWN_ISSUER'],
  [
    'apple',
    'nsurl-unknown-root',
    'cause',
    'NSURLErrorServerCertificateHasUnknownRoot|Code=-1203\\b|The certificate for this server was signed by an unknown certifying authority',
  ],
  ['apple', 'errSSLXCertChainInvalid', 'cause', '\\berrSSLXCertChainInvalid\\b|(?<![\\w-])-9807(?!\\d)'],
  ['apple', 'errSSLBadCert', 'cause', '\\berrSSLBadCert\\b|(?<![\\w-])-9808(?!\\d)'],
  ['apple', 'errSSLUnknownRootCert', 'cause', '\\berrSSLUnknownRootCert\\b|(?<![\\w-])-9812(?!\\d)'],
  ['apple', 'errSSLNoRootCert', 'cause', '\\berrSSLNoRootCert\\b|(?<![\\w-])-9813(?!\\d)'],
  ['apple', 'sectrust-not-trusted', 'cause', '“[^”]*” certificate is not trusted|Root is not trusted|Root certificate is not trusted'],
  ['schannel', 'hr-untrusted-root', 'cause', '\\(?0x80090325\\)?'],
  ['schannel', 'hr-untrustedroot', 'cause', '\\(?0x800B0109\\)?'],
  ['schannel', 'hr-cert-unknown', 'cause', '\\(?0x80090327\\)?'],
  ['schannel', 'sec_e_untrusted_root', 'cause', '\\bSEC_E_UNTRUSTED_ROOT\\b'],
  ['schannel', 'cert_e_untrustedroot', 'cause', '\\bCERT_E_UNTRUSTEDROOT\\b'],
  ['schannel', 'sec_e_cert_unknown', 'cause', '\\bSEC_E_CERT_UNKNOWN\\b'],
  [
    'schannel',
    'text-untrusted-root',
    'cause',
    'The certificate chain was issued by an authority that is not trusted|A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider',
  ],
  ['powershell', 'trust-relationship', 'cause', 'Could not establish trust relationship for the SSL\\/TLS secure channel'],
  ['android', 'trust-anchor', 'cause', 'Trust anchor for certification path not found'],
  ['postfix', 'untrusted-issuer', 'code', 'certificate verification failed for \\S+: untrusted issuer [^\\n]*'],
  ['postfix', 'untrusted-connection', 'cause', 'Untrusted TLS connection established to'],
  ['openldap', 'untrusted', 'cause', 'TLS: peer cert untrusted or revoked'],
  [
    'kubectl',
    'unknown-authority-kubernetes',
    'cause',
    'while trying to verify candidate authority certificate "(?:kubernetes|kubernetes-ca|minikubeCA|k3s-server-ca[^"]*)"',
  ],
];
const EXPECTED_10 = [
  ['openssl', 'verify-error-line', 'from-code', 'verify error:num=10:certificate has expired'],
  ['openssl', 'verification-error', 'from-code', 'Verification error: certificate has expired'],
  ['openssl', 'verify-return-code', 'from-code', 'Verify return code: 10 (certificate has expired)'],
  ['openssl', 'verify-cmd-error', 'from-code', 'error 10 at {depth} depth lookup: certificate has expired'],
  ['curl', '60-verify', 'from-code', 'curl: (60) SSL certificate problem: certificate has expired'],
  ['curl', '60-verify-result', 'from-code', 'curl: (60) SSL certificate OpenSSL verify result: certificate has expired (10)'],
  [
    'python',
    'ssl-verify',
    'from-code',
    'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:{line})',
  ],
  [
    'python',
    'urllib',
    'from-code',
    'urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:{line})>',
  ],
  ['node', 'expired', 'code', 'Error: certificate has expired'],
  ['java', 'expired', 'code', 'java.security.cert.CertificateExpiredException: NotAfter: {notAfter}'],
  ['java', 'expired-exception', 'code', 'CertificateExpiredException: NotAfter: [^\\n]+'],
  [
    'java',
    'validity-check',
    'cause',
    'javax.net.ssl.SSLHandshakeException: PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed',
  ],
  ['java', 'validity', 'cause', 'validity check failed|timestamp check failed'],
  ['go', 'expired', 'code', 'x509: certificate has expired or is not yet valid: current time {now} is after {notAfter}'],
  ['go', 'expired-after', 'code', 'x509: certificate has expired or is not yet valid:\\s+current time \\S+ is after \\S+'],
  ['go', 'darwin-expired', 'code', 'x509: “[^”]*” certificate is expired'],
  [
    'go',
    'tls-prefix',
    'from-code',
    'tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time {now} is after {notAfter}',
  ],
  [
    'go',
    'http-get',
    'from-code',
    'Get "{url}": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time {now} is after {notAfter}',
  ],
  ['go', 'expired-bare', 'cause', 'x509: certificate has expired or is not yet valid(?!:\\s+current time)'],
  [
    'rustls',
    'expired',
    'code',
    'invalid peer certificate: certificate expired: verification time {now} (UNIX), but certificate is not valid after {notAfter} ({seconds} seconds ago)',
  ],
  ['rustls', 'expired', 'code', 'invalid peer certificate: (?:Expired\\b|certificate expired)|InvalidCertificate\\(Expired(?:Context)?\\b|\\bCertExpired\\b'],
  ['dotnet', 'status-not-time-valid', 'code', 'NotTimeValid'],
  [
    'dotnet',
    'chain',
    'from-code',
    'System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: NotTimeValid',
  ],
  ['dotnet', 'status-not-time-nested', 'cause', '\\bNotTimeNested\\b'],
  ['chrome', 'cert-date-invalid', 'code', 'NET::ERR_CERT_DATE_INVALID'],
  ['chrome', 'date', 'cause', '\\b(?:NET::|net::)?ERR_CERT_DATE_INVALID\\b'],
  ['firefox', 'sec-error-expired-certificate', 'code', 'Peer’s Certificate has expired.'],
  ['firefox', 'sec-error-expired-issuer-certificate', 'code', 'The certificate issuer’s certificate has expired. Check your system date and time.'],
  ['firefox', 'sec_error_expired_issuer_certificate', 'code', '(?<![A-Za-z0-9_])SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE(?![A-Za-z0-9_])'],
  ['firefox', 'sec_error_cert_date_invalid', 'cause', '(?<![A-Za-z0-9_])SEC_ERROR_CERT_DATE_INVALID(?![A-Za-z0-9_])'],
  ['gnutls', 'status-expired', 'code', 'The certificate chain uses expired certificate|The certificate has expired'],
  ['wget', 'gnutls-expired', 'code', "The certificate of [‘'`]?\\S+?[’']? has expired"],
  ['wget', 'issued-expired', 'code', 'Issued certificate has expired'],
  ['nss', 'expired', 'code', "Peer's Certificate has expired"],
  ['nss', 'error-expired', 'code', 'NSS error -8181'],
  ['nss', 'error-expired-issuer', 'code', 'NSS error -8162'],
  ['apple', 'errSSLCertExpired', 'code', '\\berrSSLCertExpired\\b|(?<![\\w-])-9814(?!\\d)'],
  ['apple', 'sectrust-expired', 'code', '“[^”]*” certificate is expired|Certificate \\d+ “[^”]*” has errors: [^\\n]*(?:expired|Certificate has expired)'],
  [
    'apple',
    'nsurl-bad-date',
    'cause',
    'NSURLErrorServerCertificateHasBadDate|Code=-1201\\b|The certificate for this server has expired|The certificate for this server is not yet valid',
  ],
  ['schannel', 'hr-cert-expired', 'code', '\\(?0x80090328\\)?'],
  ['schannel', 'sec_e_cert_expired', 'code', '\\bSEC_E_CERT_EXPIRED\\b'],
  ['schannel', 'hr-e-expired', 'cause', '\\(?0x800B0101\\)?'],
  ['schannel', 'cert_e_expired', 'cause', '\\bCERT_E_EXPIRED\\b'],
  [
    'schannel',
    'text-expired',
    'cause',
    'The received certificate has expired|A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file',
  ],
  ['android', 'chain-validation', 'cause', 'CertPathValidatorException: Chain validation failed'],
  ['postfix', 'expired', 'code', 'certificate verification failed for \\S+: certificate has expired'],
];
const EXPECTED_62 = [
  ['openssl', 'verify-error-line', 'from-code', 'verify error:num=62:hostname mismatch'],
  ['openssl', 'verification-error', 'from-code', 'Verification error: hostname mismatch'],
  ['openssl', 'verify-return-code', 'from-code', 'Verify return code: 62 (hostname mismatch)'],
  ['openssl', 'verify-cmd-error', 'from-code', 'error 62 at {depth} depth lookup: hostname mismatch'],
  ['curl', '60-no-alt-name', 'code', "curl: (60) SSL: no alternative certificate subject name matches target host name '{host}'"],
  ['curl', '60-no-alt-name-8.7', 'code', "curl: (60) SSL: no alternative certificate subject name matches target hostname '{host}'"],
  ['curl', '60-cn-mismatch', 'code', "curl: (60) SSL: certificate subject name '{cn}' does not match target host name '{host}'"],
  ['curl', '60-no-cn', 'code', 'curl: (60) SSL: unable to obtain common name from peer certificate'],
  [
    'curl',
    'no-alt-name-any',
    'code',
    "SSL: no alternative certificate subject name matches target host ?name|SSL: certificate subject name '[^'\\n]*' does not match target host ?name|SSL: unable to obtain common name from peer certificate",
  ],
  [
    'python',
    'ssl-hostname',
    'code',
    "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for '{host}'. (_ssl.c:{line})",
  ],
  [
    'node',
    'altname',
    'code',
    "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: {host}. is not in the cert's altnames: {altnames}",
  ],
  [
    'node',
    'altname-cn',
    'code',
    "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: {host}. is not cert's CN: {cn}",
  ],
  ['node', 'altname-none', 'code', "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Cert does not contain a DNS name"],
  [
    'node',
    'altnames-bare',
    'code',
    "Hostname\\/IP does not match certificate's altnames: (?:Host: \\S+? is not in the cert's altnames|IP: \\S+ is not in the cert's list|Cert does not contain a DNS name|Host: \\S+ is not cert's CN)",
  ],
  ['node', 'altnames-old', 'code', "Hostname\\/IP (?:doesn't|does not) match certificate's altnames|is not in the cert's (?:altnames|list)"],
  ['node', 'altname-code', 'code', '\\bERR_TLS_CERT_ALTNAME_INVALID\\b'],
  ['java', 'no-san-dns', 'code', 'javax.net.ssl.SSLHandshakeException: No subject alternative DNS name matching {host} found.'],
  ['java', 'no-name', 'code', 'javax.net.ssl.SSLHandshakeException: No name matching {host} found'],
  [
    'java',
    'no-san',
    'code',
    'No subject alternative (?:DNS name matching \\S+ found|names (?:matching IP address \\S+ found|present))|No name matching \\S+ found',
  ],
  ['go', 'hostname', 'code', 'x509: certificate is valid for {names}, not {host}'],
  ['go', 'hostname-cn', 'code', 'x509: certificate relies on legacy Common Name field, use SANs instead'],
  ['go', 'hostname-no-names', 'code', 'x509: certificate is not valid for any names, but wanted to match {host}'],
  [
    'go',
    'cn-legacy-godebug',
    'code',
    'x509: certificate relies on legacy Common Name field, use SANs or temporarily enable Common Name matching with GODEBUG=x509ignoreCN=0',
  ],
  ['go', 'valid-for-any', 'code', 'x509: certificate is valid for [^\\n]+?, not \\S+'],
  ['go', 'not-valid-any-names', 'code', 'x509: certificate is not valid for any names, but wanted to match \\S+'],
  ['go', 'darwin-name', 'code', 'x509: “[^”]*” certificate name does not match input'],
  ['go', 'tls-prefix', 'from-code', 'tls: failed to verify certificate: x509: certificate is valid for {names}, not {host}'],
  ['go', 'http-get', 'from-code', 'Get "{url}": tls: failed to verify certificate: x509: certificate is valid for {names}, not {host}'],
  ['rustls', 'name', 'code', 'invalid peer certificate: certificate not valid for name "{host}"; certificate is only valid for {names}'],
  [
    'rustls',
    'name-none',
    'code',
    'invalid peer certificate: certificate not valid for name "{host}"; certificate is not valid for any names (according to its subjectAltName extension)',
  ],
  [
    'rustls',
    'name',
    'code',
    'invalid peer certificate: (?:NotValidForName\\b|certificate not valid for name)|InvalidCertificate\\(NotValidForName|\\bCertNotValidForName\\b',
  ],
  [
    'dotnet',
    'name-mismatch',
    'code',
    'System.Security.Authentication.AuthenticationException: The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch',
  ],
  ['chrome', 'cert-common-name-invalid', 'code', 'NET::ERR_CERT_COMMON_NAME_INVALID'],
  ['chrome', 'common-name', 'code', '\\b(?:NET::|net::)?ERR_CERT_COMMON_NAME_INVALID\\b'],
  ['firefox', 'ssl-error-bad-cert-domain', 'code', 'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.'],
  [
    'gnutls',
    'status-name',
    'code',
    "The name in the certificate does not match the expected|certificate's owner does not match hostname|The certificate's owner does not match",
  ],
  [
    'wget',
    'cn-mismatch',
    'code',
    "certificate common name [‘'`]?[^\\n]*?[’']? doesn't match requested host name|no certificate subject alternative name matches\\s+requested host name",
  ],
  [
    'nss',
    'bad-domain',
    'code',
    "Certificate subject name '[^']*' does not match target host name '[^']*'|requested domain name does not match the server'?s certificate",
  ],
  ['nss', 'error-bad-cert-domain', 'code', 'NSS error -12276'],
  ['apple', 'errSSLHostNameMismatch', 'code', '\\berrSSLHostNameMismatch\\b|(?<![\\w-])-9843(?!\\d)'],
  ['apple', 'sectrust-name', 'code', 'SSL hostname does not match name\\(s\\) in certificate|“[^”]*” certificate name does not match input'],
  ['schannel', 'hr-wrong-principal', 'code', '\\(?0x80090322\\)?'],
  ['schannel', 'hr-cn-no-match', 'code', '\\(?0x800B010F\\)?'],
  ['schannel', 'sec_e_wrong_principal', 'code', '\\bSEC_E_WRONG_PRINCIPAL\\b'],
  ['schannel', 'cert_e_cn_no_match', 'code', '\\bCERT_E_CN_NO_MATCH\\b'],
  ['schannel', 'text-principal', 'code', "The target principal name is incorrect|The certificate's CN name does not match the passed value"],
  ['okhttp', 'hostname-not-verified', 'code', "Hostname \\S+ not verified|Hostname '[^']+' was not verified"],
  ['nginx', 'upstream-name', 'code', 'upstream SSL certificate does not match "[^"]*"'],
  [
    'apache',
    'sni-mismatch',
    'code',
    'AH02032: Hostname \\S+ provided via SNI and hostname \\S+ provided via HTTP (?:are different|have no compatible SSL setup)|Misdirected Request',
  ],
  ['apache', 'no-id-matches', 'code', 'AH01909: [^\\n]*server certificate does NOT include an ID which matches the server name'],
  [
    'postfix',
    'name',
    'code',
    '(?:server certificate|peer certificate|certificate) (?:name|names) (?:do(?:es)? not match|mismatch)|subject_CN=\\S+, issuer_CN=\\S+[^\\n]*\\bname mismatch',
  ],
  ['exim', 'name-mismatch', 'code', 'SSL verify error: certificate name mismatch'],
  ['openldap', 'hostname', 'code', 'TLS: hostname \\([^)]*\\) does not match common name in certificate'],
  ['libpq', 'host-mismatch', 'code', 'server certificate for "[^"]*"(?: \\(and \\d+ other names?\\))? does not match host name "[^"]*"'],
  ['ruby', 'hostname', 'code', 'hostname "[^"]*" does not match the server certificate'],
  ['php', 'peer-cn', 'code', "Peer certificate CN=`[^']*' did not match expected CN=`[^']*'"],
];

const rows = (groups: WordingGroup[]) => groups.flatMap((g) => g.wordings.map((w) => [w.by, w.id, w.match, w.text]));
const at = (n: number) => wordingsForCode(verifyCodeByNumber(n).code!);

describe('wordingsForCode (issue #11: every wording on the reference page)', () => {
  it('lists for 20 (unable to get local issuer certificate) the filled curl, Python and OpenSSL texts, Node, Java, Go, rustls, .NET, Chrome, Firefox and the other stacks', () => {
    expect(rows(at(V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY))).toEqual(EXPECTED_20);
  });

  it('lists for 10 (certificate has expired) every client and stack that words an expired certificate', () => {
    expect(rows(at(V.CERT_HAS_EXPIRED))).toEqual(EXPECTED_10);
  });

  it("lists for 62 (hostname mismatch) the clients' own name-check texts, not the generic verify text they never print for it", () => {
    expect(rows(at(V.HOSTNAME_MISMATCH))).toEqual(EXPECTED_62);
  });

  it('groups by client in the client table order, then by stack, each client with its label', () => {
    expect(at(V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY).map((g) => [g.by, g.label ?? null])).toEqual([
      ['openssl', 'OpenSSL 3.0 (openssl s_client, Debian 12)'],
      ['curl', 'curl 7.88 with OpenSSL 3.0 (Debian 12)'],
      ['python', 'Python 3.13+ ssl (create_default_context)'],
      ['node', 'Node.js 24 (tls / https / fetch)'],
      ['java', 'Java 17 (JSSE, PKIX TrustManager)'],
      ['go', 'Go crypto/tls + crypto/x509 (1.24+)'],
      ['rustls', 'rustls 0.23 + webpki (reqwest rustls-tls, uv, hyper-rustls)'],
      ['dotnet', '.NET (SslStream / HttpClient on Linux)'],
      ['chrome', 'Chrome (Chrome Root Store, builtin verifier)'],
      ['firefox', 'Firefox (NSS / mozilla::pkix)'],
      ['git', null],
      ['gnutls', null],
      ['wget', null],
      ['nss', null],
      ['apple', null],
      ['schannel', null],
      ['powershell', null],
      ['android', null],
      ['postfix', null],
      ['openldap', null],
      ['kubectl', null],
    ]);
  });

  it("gives every wording, on every code's page, the source of the table entry it comes from", () => {
    // java/eku is both a client entry (a template) and a stack entry (a pattern): look up by form
    const client = new Map(CLIENT_MESSAGES.map((m) => [`${m.client}/${m.id}`, m]));
    const stack = new Map(STACK_ENTRIES.map((e) => [`${e.stack}/${e.id}`, e]));
    const sourceOf = (w: CodeWording) => {
      const key = `${w.by}/${w.id}`;
      return w.form === 'pattern' || !client.has(key) ? stack.get(key)?.source : client.get(key)?.source;
    };
    const wrong = VERIFY_CODES.flatMap((c) =>
      wordingsForCode(c).flatMap((g) => g.wordings.filter((w) => !w.source || sourceOf(w) !== w.source).map((w) => `${c.code} ${w.by}/${w.id}`)),
    );
    expect(wrong).toEqual([]);
  });

  it("fills Node's err.code for the code, and leaves the UNSPECIFIED entry to the codes Node does not name", () => {
    const node = (n: number) =>
      at(n)
        .find((g) => g.by === 'node')
        ?.wordings.map((w) => [w.id, w.text, w.errorCode]);
    expect(node(V.UNABLE_TO_GET_ISSUER_CERT)).toEqual([
      ['verify', 'Error: unable to get issuer certificate', 'UNABLE_TO_GET_ISSUER_CERT'],
      [
        'verify-hint',
        'Error: unable to get issuer certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
        'UNABLE_TO_GET_ISSUER_CERT',
      ],
    ]);
    expect(node(V.KEYUSAGE_NO_CERTSIGN)).toEqual([['unspecified', 'Error: key usage does not include certificate signing', 'UNSPECIFIED']]);
  });

  it('lists nothing generic for a code OpenSSL has no text for', () => {
    const c = VERIFY_CODES.find((v) => v.text === null)!;
    expect(wordingsForCode(c).flatMap((g) => g.wordings.filter((w) => w.match === 'from-code'))).toEqual([]);
  });
});
