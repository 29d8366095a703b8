/**
 * How each real client validates: the ValidationPolicy knobs on which they differ, which
 * trust store they use, and the evidence for every knob. `basis` per knob:
 *   'captured' - the real client was run here against a local server (scripts/capture-client-messages.ts,
 *                situations named in test/clients/scenarios.ts);
 *   'source'   - read in the client's source or documentation (cited);
 *   'assumed'  - our best reading, not verified here (said so in the note).
 */
import type { ValidationPolicy } from '../model.ts';
import type { ClientId } from './messages.ts';

export type TrustStoreId = 'mozilla' | 'system' | 'java' | 'chrome' | 'windows';

export interface KnobEvidence {
  basis: 'captured' | 'source' | 'assumed';
  note: string;
}

export interface ClientProfile {
  id: ClientId;
  label: string;
  policy: ValidationPolicy;
  store: TrustStoreId;
  /** Why each knob has its value. */
  evidence: Record<keyof ValidationPolicy, KnobEvidence>;
  notes: string;
}

const NO_AIA: KnobEvidence = { basis: 'source', note: 'OpenSSL never fetches AIA caIssuers; an incomplete chain fails with 20/21 (captured: incomplete-chain).' };
const OPENSSL_DEPTH: KnobEvidence = { basis: 'source', note: 'OpenSSL X509_VERIFY_PARAM default depth 100 (crypto/x509/x509_vpm.c).' };
const NO_STRICT: KnobEvidence = { basis: 'captured', note: 'X509_V_FLAG_X509_STRICT is off unless the application sets it: an intermediate without keyUsage passes (situation ca-without-keyusage).' };
const NO_STRICT_SOURCE: KnobEvidence = { basis: 'source', note: 'X509_V_FLAG_X509_STRICT is off unless the application sets it.' };
const NO_PARTIAL: KnobEvidence = { basis: 'source', note: 'X509_V_FLAG_PARTIAL_CHAIN is off unless the application sets it: the chain must end at a self-signed trusted root.' };
const NO_PARTIAL_CAPTURED: KnobEvidence = { basis: 'captured', note: 'Trusting only the intermediate fails with 2 "unable to get issuer certificate" (situation trusted-intermediate).' };
const SECLEVEL2_RSA: KnobEvidence = { basis: 'captured', note: 'Debian 12 openssl.cnf sets SECLEVEL=2 (112 bits): an RSA-1024 leaf fails with 66 "EE certificate key too weak" (situation weak-key).' };
const SECLEVEL2_SHA1: KnobEvidence = { basis: 'captured', note: 'At SECLEVEL 2 a SHA-1 signature (below the anchor) fails with 68 "CA signature digest algorithm too weak" (situation weak-digest).' };

export const CLIENT_PROFILES: readonly ClientProfile[] = [
  {
    id: 'openssl', label: 'OpenSSL 3.0 (openssl s_client, Debian 12)', store: 'system',
    policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: false, maxDepth: 100 },
    evidence: {
      aiaFetch: NO_AIA,
      cnFallback: { basis: 'captured', note: 'X509_check_host falls back to the subject CN when there is no DNS SAN: CN-only leaf passes with -verify_hostname (situation cn-only).' },
      minRsaBits: SECLEVEL2_RSA, rejectSha1: SECLEVEL2_SHA1, strict: NO_STRICT, partialChain: NO_PARTIAL_CAPTURED, maxDepth: OPENSSL_DEPTH,
    },
    notes: 's_client does not stop on a verify error: it prints every error (verify error:num=…) and the last one as "Verify return code"; an incomplete chain shows 20 then 21, a CA:FALSE issuer 79 then 26.',
  },
  {
    id: 'curl', label: 'curl 7.88 with OpenSSL 3.0 (Debian 12)', store: 'system',
    policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: true, maxDepth: 100 },
    evidence: {
      aiaFetch: { basis: 'source', note: 'curl never fetches missing intermediates (curl/curl#2793 asks for it); captured: incomplete-chain fails with 60.' },
      cnFallback: { basis: 'captured', note: 'curl 7.88 lib/vtls/openssl.c verifyhost checks the last CN when the certificate has no DNS/IP SAN (situation cn-only passes).' },
      minRsaBits: SECLEVEL2_RSA, rejectSha1: SECLEVEL2_SHA1, strict: NO_STRICT, maxDepth: OPENSSL_DEPTH,
      partialChain: { basis: 'captured', note: 'curl sets X509_V_FLAG_PARTIAL_CHAIN unless --no-partialchain or a CRL file is used (curl-7_88_1 lib/vtls/openssl.c): trusting only the intermediate passes (situation trusted-intermediate), where s_client, Python 3.11 and Node say 2.' },
    },
    notes: 'curl stops at the first verify error and prints it: "curl: (60) SSL certificate problem: unable to get local issuer certificate" for an incomplete chain (s_client and Node say 21 there).',
  },
  {
    id: 'python', label: 'Python 3.13+ ssl (create_default_context)', store: 'system',
    policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: true, partialChain: true, maxDepth: 100 },
    evidence: {
      aiaFetch: NO_AIA,
      cnFallback: { basis: 'captured', note: 'SSLContext.hostname_checks_common_name defaults to True: ssl passes a CN-only leaf (captured on 3.11.7). requests/urllib3 2.x turn it off: the same leaf fails with "Hostname mismatch" (captured, requests 2.34 / urllib3 2.7).' },
      minRsaBits: { basis: 'captured', note: 'Python uses the system OpenSSL and its SECLEVEL 2: RSA-1024 leaf fails with 66 (captured on 3.11.7 with OpenSSL 3.0.19).' },
      rejectSha1: { basis: 'captured', note: 'SHA-1 signed leaf fails with 68 (captured on 3.11.7).' },
      strict: { basis: 'captured', note: 'Python 3.13 create_default_context() sets VERIFY_X509_STRICT (verify_flags 0x88020 on pyenv 3.13.0 here): an intermediate without keyUsage fails with 92 "CA cert does not include key usage extension" (situation ca-without-keyusage), which 3.11.7 accepts.' },
      partialChain: { basis: 'captured', note: 'Python 3.13 create_default_context() also sets VERIFY_X509_PARTIAL_CHAIN: trusting only the intermediate passes on 3.13.0 and fails on 3.11.7 with 2 "unable to get issuer certificate" (situation trusted-intermediate).' },
      maxDepth: OPENSSL_DEPTH,
    },
    notes: 'Messages end in "(_ssl.c:LINE)": 1006 for verify errors on this machine\'s python3 (3.11.7), 1020 on 3.13.0; it differs per CPython build. Under 3.13 strict mode, chains older Pythons accepted fail, e.g. "CA cert does not include key usage extension". The cnFallback, key and SHA-1 knobs were captured on 3.11.7, strict and partialChain on 3.13.0.',
  },
  {
    id: 'node', label: 'Node.js 24 (tls / https / fetch)', store: 'mozilla',
    policy: { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: false, maxDepth: 100 },
    evidence: {
      aiaFetch: { basis: 'source', note: 'Node does not fetch AIA (nodejs/node#58082 asks for it); captured: incomplete-chain fails with UNABLE_TO_VERIFY_LEAF_SIGNATURE.' },
      cnFallback: { basis: 'captured', note: 'tls.checkServerIdentity matches the CN "only if no supported identifiers exist" (lib/tls.js); CN-only leaf passes on Node 24 and 20 (situation cn-only).' },
      minRsaBits: { basis: 'captured', note: 'Node 24 rejects an RSA-1024 leaf with UNSPECIFIED "EE certificate key too weak"; Node 20 accepts it (situation weak-key).' },
      rejectSha1: { basis: 'captured', note: 'SHA-1 signed leaf fails on Node 24 and 20 with UNSPECIFIED "CA signature digest algorithm too weak" (situation weak-digest).' },
      strict: NO_STRICT, maxDepth: OPENSSL_DEPTH,
      partialChain: { basis: 'captured', note: 'Trusting only the intermediate fails with UNABLE_TO_GET_ISSUER_CERT (code 2; Node 24 adds the --use-system-ca hint) (situation trusted-intermediate).' },
    },
    notes: 'Node lets OpenSSL continue past errors and reports the last one, like s_client: 21 for a leaf-only chain, 26 "unsupported certificate purpose" for a CA:FALSE issuer. Trust store is the bundled Mozilla list (tls.rootCertificates) unless --use-system-ca / NODE_EXTRA_CA_CERTS.',
  },
  {
    id: 'java', label: 'Java 17 (JSSE, PKIX TrustManager)', store: 'java',
    policy: { aiaFetch: false, cnFallback: true, minRsaBits: 1024, rejectSha1: false, strict: false, partialChain: true, maxDepth: 5 },
    evidence: {
      aiaFetch: { basis: 'captured', note: 'Fetches AIA caIssuers only with -Dcom.sun.security.enableAIAcaIssuers=true: a leaf-only chain whose leaf names its issuer\'s URL fails by default and passes with the flag (situation incomplete-chain-aia).' },
      cnFallback: { basis: 'captured', note: 'HostnameChecker.matchDNS falls back to the most specific CN when there is no DNS SAN; CN-only leaf passes (situation cn-only).' },
      minRsaBits: { basis: 'captured', note: 'jdk.certpath.disabledAlgorithms has "RSA keySize < 1024": an RSA-1024 leaf passes (situation weak-key).' },
      rejectSha1: { basis: 'captured', note: 'Java 17 disables SHA-1 only for chains to JDK cacerts roots ("SHA1 jdkCA & usage TLSServer"): a SHA-1 leaf under a private root passes (situation weak-digest).' },
      strict: { basis: 'captured', note: 'PKIX (RFC 5280) checks, no OpenSSL-style strict mode: an intermediate without keyUsage passes (situation ca-without-keyusage).' },
      partialChain: { basis: 'captured', note: 'Every trusted certificate entry of the KeyStore is a PKIX TrustAnchor: trusting only the intermediate passes (situation trusted-intermediate).' },
      maxDepth: { basis: 'source', note: 'PKIXBuilderParameters maxPathLength defaults to 5.' },
    },
    notes: 'Java does not check the trust anchor\'s own basicConstraints/pathLen: root (pathlen:0) -> ica -> ee passes (captured, situation path-length), where OpenSSL says 25.',
  },
  {
    id: 'go', label: 'Go crypto/tls + crypto/x509 (1.24+; go1.26.8 run here)', store: 'system',
    policy: { aiaFetch: false, cnFallback: false, minRsaBits: 1024, rejectSha1: true, strict: false, partialChain: true, maxDepth: 100 },
    evidence: {
      aiaFetch: { basis: 'source', note: 'crypto/x509 Verify builds chains from Roots and Intermediates only (src/crypto/x509/verify.go buildChains).' },
      cnFallback: { basis: 'captured', note: 'Go 1.17 removed CN matching: a CN-only leaf gives "x509: certificate relies on legacy Common Name field, use SANs instead" (verify.go HostnameError; go1.26.8 and go1.19.8, situation cn-only).' },
      minRsaBits: { basis: 'captured', note: 'An RSA-1024 leaf passes (go1.26.8 and go1.19.8, situation weak-key); since Go 1.24 crypto/rsa refuses only keys below 1024 bits (GODEBUG rsa1024min).' },
      rejectSha1: { basis: 'captured', note: 'SHA1WithRSA/ECDSAWithSHA1 are not used to build chains: "unknown authority (possibly because of … insecure algorithm SHA1-RSA …)" (go1.26.8, without the GODEBUG=x509sha1 override Go 1.24 removed; go1.19.8, situation weak-digest).' },
      strict: { basis: 'captured', note: 'Go has its own checks, no strict flag: an intermediate without keyUsage passes (go1.26.8 and go1.19.8, situation ca-without-keyusage).' },
      partialChain: { basis: 'captured', note: 'Any certificate in Roots is an anchor: trusting only the intermediate passes (go1.26.8 and go1.19.8, situation trusted-intermediate).' },
      maxDepth: { basis: 'source', note: 'No depth limit; a budget of 100 signature checks (maxChainSignatureChecks).' },
    },
    notes: 'Errors reach users as "tls: failed to verify certificate: x509: …" (Go 1.20+; bare "x509: …" before), inside net/http\'s "Get \\"https://host/\\": …". Go refuses an issuer that is not a CA or lacks keyCertSign while checking the signature, so it says "certificate signed by unknown authority (possibly because of \\"x509: invalid signature: parent certificate cannot sign this kind of certificate\\" …)".',
  },
  {
    id: 'dotnet', label: '.NET (SslStream / HttpClient on Linux)', store: 'system',
    policy: { aiaFetch: true, cnFallback: true, minRsaBits: 0, rejectSha1: false, strict: false, partialChain: false, maxDepth: 100 },
    evidence: {
      aiaFetch: { basis: 'source', note: 'OpenSslX509ChainProcessor downloads missing issuers from http AIA caIssuers URLs (DownloadCertificate).' },
      cnFallback: { basis: 'assumed', note: 'Name check goes through OpenSSL X509_check_host on Linux and CertVerifyCertificateChainPolicy on Windows, both of which fall back to the CN; not run here.' },
      minRsaBits: { basis: 'assumed', note: 'X509Chain reports no key-size status flag; not run here.' },
      rejectSha1: { basis: 'assumed', note: 'X509Chain on Linux has no weak-signature status; not run here.' },
      strict: NO_STRICT_SOURCE, partialChain: NO_PARTIAL, maxDepth: OPENSSL_DEPTH,
    },
    notes: 'Chain errors arrive as X509ChainStatusFlags names (PartialChain, UntrustedRoot, NotTimeValid, …) inside "The remote certificate is invalid because of errors in the certificate chain: …".',
  },
  {
    id: 'chrome', label: 'Chrome (Chrome Root Store, builtin verifier)', store: 'chrome',
    policy: { aiaFetch: true, cnFallback: false, minRsaBits: 1024, rejectSha1: true, strict: false, partialChain: true, maxDepth: 100 },
    evidence: {
      aiaFetch: { basis: 'captured', note: 'cert_verify_proc_builtin.cc adds a CertIssuerSourceAia to the path builder: a leaf-only chain whose leaf names its issuer\'s URL passes (Chromium 156 fetched it from 127.0.0.1, situation incomplete-chain-aia). Limits per shared/ANCHORS.md: at most 5 fetches per certificate, 10 s, 64 KiB.' },
      cnFallback: { basis: 'captured', note: 'Chrome 58 removed commonName matching: a CN-only certificate gives NET::ERR_CERT_COMMON_NAME_INVALID (Chromium 156, situation cn-only).' },
      minRsaBits: { basis: 'captured', note: 'An RSA-1024 leaf under a locally trusted root passes (Chromium 156, situation weak-key); smaller keys give kUnacceptablePublicKey -> CERT_WEAK_KEY.' },
      rejectSha1: { basis: 'captured', note: 'A SHA-1 signed leaf under a locally trusted root is refused with NET::ERR_CERT_INVALID (Chromium 156, situation weak-digest).' },
      strict: { basis: 'captured', note: 'No OpenSSL strict flag; an intermediate without keyUsage passes (Chromium 156, situation ca-without-keyusage).' },
      partialChain: { basis: 'captured', note: 'A locally trusted intermediate (NSS trust C,,) ends the path: trusting only the intermediate passes (Chromium 156, situation trusted-intermediate).' },
      maxDepth: { basis: 'source', note: 'Path building is bounded by an iteration limit and a deadline, not by depth.' },
    },
    notes: 'The interstitial shows one NET::ERR_CERT_* code: the most serious status by MapCertStatusToNetError (INVALID, then AUTHORITY_INVALID, COMMON_NAME_INVALID, …, DATE_INVALID).',
  },
  {
    id: 'firefox', label: 'Firefox (NSS / mozilla::pkix)', store: 'mozilla',
    policy: { aiaFetch: false, cnFallback: false, minRsaBits: 1024, rejectSha1: true, strict: false, partialChain: true, maxDepth: 100 },
    evidence: {
      aiaFetch: { basis: 'source', note: 'Firefox does not fetch AIA; it preloads the intermediates disclosed in Mozilla\'s CA database (CCADB) instead.' },
      cnFallback: { basis: 'assumed', note: 'Current Firefox matches names against the SAN only (security.pki.name_matching_mode); a CN-only certificate gives SSL_ERROR_BAD_CERT_DOMAIN. Not run here.' },
      minRsaBits: { basis: 'assumed', note: 'mozilla::pkix accepts RSA keys of at least 1024 bits for TLS server certificates; smaller give MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE.' },
      rejectSha1: { basis: 'assumed', note: 'SHA-1 is refused for built-in roots (SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED); security.pki.sha1_enforcement_level still allows it under locally imported roots.' },
      strict: { basis: 'source', note: 'No OpenSSL strict flag.' },
      partialChain: { basis: 'assumed', note: 'Any certificate with NSS trust bits is an anchor (as Chromium with the same NSS database showed); not run here.' },
      maxDepth: { basis: 'assumed', note: 'mozilla::pkix bounds path building by a budget.' },
    },
    notes: 'Error pages show the code (e.g. SEC_ERROR_UNKNOWN_ISSUER) beside the sentence from nsserrors.ftl.',
  },
];

export function clientProfile(id: ClientId): ClientProfile {
  const p = CLIENT_PROFILES.find((c) => c.id === id);
  if (!p) throw new Error(`Unknown client profile "${id}". Expected one of: ${CLIENT_PROFILES.map((c) => c.id).join(', ')}`);
  return p;
}
