/**
 * rustls 0.23 with its WebPKI verifier (rustls-webpki 0.103): everything the project knows about
 * this client in one place: its profile (the ValidationPolicy knobs, each with its evidence), its
 * trust store, its messages (real texts, aggregated with the other clients' into CLIENT_MESSAGES)
 * and its renderer, which puts a validation failure in rustls's words. Registered in registry.ts.
 *
 * What reqwest (rustls-tls), hyper-rustls, uv, deno and many Rust services print as the innermost
 * cause of a failed connection is rustls::Error's Display: "invalid peer certificate: …".
 */
import { V } from '../codes/verify-code-constants.ts';
import type { Certificate, GeneralName } from '../model.ts';
import { CAPTURED, type ClientMessage, type ClientModule, type ClientProfile } from './client-types.ts';
import { UNTRUSTED, hasNoSan, isAnchorDepth, judged, ok, partialChainPasses, rsaBits, sayFrom, unmodelled } from './render-helpers.ts';
import type { ClientFailure, RenderContext, RenderedClientMessage } from './render-types.ts';

// ---- messages ----------------------------------------------------------------------------
const RUSTLS_ERROR = 'rustls 0.23.48 rustls/src/error.rs (impl Display for Error and CertificateError) and src/webpki/mod.rs pki_error';
const WEBPKI = 'rustls-webpki 0.103.17 src/verify_cert.rs (check_basic_constraints, build_chain_inner; errors ranked by Error::rank)';
const RUSTLS_RUN = 'rustls 0.23.48 + ring running test/clients/rustls_client (the WebPKI verifier rustls builds from a root store)';
const rustlsCap = (situations: string) => `${CAPTURED} (${RUSTLS_RUN}; ${situations})`;
const PREFIX = 'invalid peer certificate: ';

/** webpki errors rustls does not map to a CertificateError of its own: Display is the Debug form of CertificateError::Other. */
const other = (webpki: string) => `${PREFIX}Other(OtherError(${webpki}))`;

export const RUSTLS_MESSAGES: readonly ClientMessage<'rustls'>[] = [
  {
    client: 'rustls',
    id: 'unknown-issuer',
    template: `${PREFIX}UnknownIssuer`,
    cause: 'unknown-ca',
    errorCode: 'CertificateError::UnknownIssuer',
    basis: 'both',
    source: `${RUSTLS_ERROR}; ${rustlsCap('incomplete-chain, incomplete-chain-aia, unknown-ca, self-signed-in-chain, self-signed-leaf')}`,
  },
  {
    client: 'rustls',
    id: 'expired',
    template: `${PREFIX}certificate expired: verification time {now} (UNIX), but certificate is not valid after {notAfter} ({seconds} seconds ago)`,
    code: V.CERT_HAS_EXPIRED,
    cause: 'expired',
    errorCode: 'CertificateError::ExpiredContext',
    versions: 'rustls 0.23 with webpki 0.103 (earlier releases: "invalid peer certificate: Expired")',
    basis: 'both',
    source: `${RUSTLS_ERROR}; ${rustlsCap('expired, expired-intermediate')}`,
  },
  {
    client: 'rustls',
    id: 'not-yet-valid',
    template: `${PREFIX}certificate not valid yet: verification time {now} (UNIX), but certificate is not valid before {notBefore} ({seconds} seconds in future)`,
    code: V.CERT_NOT_YET_VALID,
    cause: 'not-yet-valid',
    errorCode: 'CertificateError::NotValidYetContext',
    basis: 'both',
    source: `${RUSTLS_ERROR}; ${rustlsCap('not-yet-valid')}`,
  },
  {
    client: 'rustls',
    id: 'name',
    template: `${PREFIX}certificate not valid for name "{host}"; certificate is only valid for {names}`,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CertificateError::NotValidForNameContext',
    basis: 'both',
    source: `${RUSTLS_ERROR} ({names}: every subjectAltName entry as webpki's GeneralName Debug, DnsName("a") or IpAddress(1.2.3.4), joined by ", " and " or "); ${rustlsCap('hostname-mismatch, ip-mismatch')}`,
  },
  {
    client: 'rustls',
    id: 'name-none',
    template: `${PREFIX}certificate not valid for name "{host}"; certificate is not valid for any names (according to its subjectAltName extension)`,
    code: V.HOSTNAME_MISMATCH,
    cause: 'hostname-mismatch',
    errorCode: 'CertificateError::NotValidForNameContext',
    basis: 'both',
    source: `${RUSTLS_ERROR} (webpki never reads the subject CN); ${rustlsCap('cn-only')}`,
  },
  {
    client: 'rustls',
    id: 'purpose',
    template: `${PREFIX}certificate does not allow extended key usage for server authentication, allows {names}`,
    code: V.INVALID_PURPOSE,
    cause: 'wrong-purpose',
    errorCode: 'CertificateError::InvalidPurposeContext',
    basis: 'both',
    source: `${RUSTLS_ERROR} (ExtendedKeyPurpose Display: "client authentication", "server authentication", else the OID's arcs joined by ", "); ${rustlsCap('wrong-purpose')}`,
  },
  {
    client: 'rustls',
    id: 'bad-signature',
    template: `${PREFIX}BadSignature`,
    code: V.CERT_SIGNATURE_FAILURE,
    cause: 'bad-signature',
    errorCode: 'CertificateError::BadSignature',
    basis: 'source',
    source: `${RUSTLS_ERROR} (webpki InvalidSignatureForPublicKey)`,
  },
  {
    client: 'rustls',
    id: 'bad-signature-small-rsa',
    template: `${PREFIX}BadSignature`,
    code: V.EE_KEY_TOO_SMALL,
    cause: 'weak-key',
    errorCode: 'CertificateError::BadSignature',
    basis: 'both',
    source: `${RUSTLS_ERROR} (ring verifies RSA signatures with 2048-8192-bit keys only: a smaller key's signature, on a certificate or the handshake, is a bad signature); ${rustlsCap('weak-key')}`,
  },
  {
    client: 'rustls',
    id: 'unsupported-signature-algorithm',
    template: `${PREFIX}UnsupportedSignatureAlgorithmContext { signature_algorithm_id: [{bytes}], supported_algorithms: [{algs}] }`,
    code: V.CA_MD_TOO_WEAK,
    cause: 'weak-signature',
    errorCode: 'CertificateError::UnsupportedSignatureAlgorithmContext',
    versions: 'rustls >= 0.23.29 (before: "invalid peer certificate: UnsupportedSignatureAlgorithm")',
    basis: 'both',
    source: `${RUSTLS_ERROR} (Debug of the variant: the AlgorithmIdentifier's DER content bytes, then the provider's algorithms); ${rustlsCap('weak-digest')}`,
  },
  {
    client: 'rustls',
    id: 'ee-used-as-ca',
    template: other('EndEntityUsedAsCa'),
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'webpki::Error::EndEntityUsedAsCa',
    basis: 'both',
    source: `${WEBPKI}; ${rustlsCap('invalid-ca')}`,
  },
  {
    client: 'rustls',
    id: 'ca-used-as-ee',
    template: other('CaUsedAsEndEntity'),
    cause: 'self-signed',
    errorCode: 'webpki::Error::CaUsedAsEndEntity',
    basis: 'source',
    source: `${WEBPKI} (a leaf with basicConstraints CA:TRUE)`,
  },
  {
    client: 'rustls',
    id: 'unsupported-cert-version',
    template: other('UnsupportedCertVersion'),
    code: V.INVALID_CA,
    cause: 'invalid-ca',
    errorCode: 'webpki::Error::UnsupportedCertVersion',
    basis: 'source',
    source: 'rustls-webpki 0.103.17 src/cert.rs (Cert::from_der: only X.509 v3 certificates)',
  },
  {
    client: 'rustls',
    id: 'path-len',
    template: other('PathLenConstraintViolated'),
    code: V.PATH_LENGTH_EXCEEDED,
    cause: 'path-length-exceeded',
    errorCode: 'webpki::Error::PathLenConstraintViolated',
    basis: 'source',
    source: `${WEBPKI} (only intermediates: a trust anchor is a name and a key, its pathLen is not kept)`,
  },
  {
    client: 'rustls',
    id: 'name-constraints',
    template: other('NameConstraintViolation'),
    code: V.PERMITTED_VIOLATION,
    cause: 'name-constraints',
    errorCode: 'webpki::Error::NameConstraintViolation',
    basis: 'both',
    source: `${WEBPKI}; ${rustlsCap('name-constraints')}`,
  },
  {
    client: 'rustls',
    id: 'too-deep',
    template: other('MaximumPathDepthExceeded'),
    code: V.CERT_CHAIN_TOO_LONG,
    cause: 'unknown',
    errorCode: 'webpki::Error::MaximumPathDepthExceeded',
    basis: 'source',
    source: `${WEBPKI} (MAX_SUB_CA_COUNT = 6 intermediates)`,
  },
  {
    client: 'rustls',
    id: 'unsupported-critical-extension',
    template: other('UnsupportedCriticalExtension'),
    code: V.UNHANDLED_CRITICAL_EXTENSION,
    cause: 'unknown',
    errorCode: 'webpki::Error::UnsupportedCriticalExtension',
    basis: 'source',
    source: 'rustls-webpki 0.103.17 src/cert.rs (remember_extension: an unknown critical extension)',
  },
  {
    client: 'rustls',
    id: 'alert-certificate-required',
    template: 'received fatal alert: CertificateRequired',
    cause: 'client-cert-required',
    errorCode: 'Error::AlertReceived',
    basis: 'both',
    source: `${RUSTLS_ERROR}; ${rustlsCap('client-cert-required: seen on the first read, after the handshake (TLS 1.3)')}`,
  },
  {
    client: 'rustls',
    id: 'alert-protocol-version',
    template: 'received fatal alert: ProtocolVersion',
    cause: 'protocol-mismatch',
    errorCode: 'Error::AlertReceived',
    basis: 'both',
    source: `${RUSTLS_ERROR} (rustls speaks TLS 1.2 and 1.3 only); ${rustlsCap('protocol-mismatch')}`,
  },
];

// ---- profile -----------------------------------------------------------------------------
const PROFILE: ClientProfile<'rustls'> = {
  id: 'rustls',
  label: 'rustls 0.23 + webpki (reqwest rustls-tls, uv, hyper-rustls)',
  store: 'mozilla',
  policy: { aiaFetch: false, cnFallback: false, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: true, trustedPeer: false, maxDepth: 6 },
  evidence: {
    aiaFetch: {
      basis: 'source',
      note: 'webpki builds paths only from the intermediates the server sent and the trust anchors (verify_cert.rs build_chain_inner); rustls fetches nothing.',
    },
    cnFallback: {
      basis: 'captured',
      note: 'webpki matches names against the subjectAltName only (subject_name/dns_name.rs): a CN-only leaf gives "certificate is not valid for any names (according to its subjectAltName extension)" (rustls 0.23.48, situation cn-only).',
    },
    minRsaBits: {
      basis: 'captured',
      note: 'The ring and aws-lc-rs providers verify RSA signatures with 2048–8192-bit keys only (RSA_PKCS1_2048_8192_*, RSA_PSS_2048_8192_*): an RSA-1024 leaf fails its handshake signature with BadSignature (rustls 0.23.48, situation weak-key).',
    },
    rejectSha1: {
      basis: 'captured',
      note: "No SHA-1 signature algorithm is in the providers' lists: a SHA-1-signed leaf gives UnsupportedSignatureAlgorithmContext (rustls 0.23.48, situation weak-digest).",
    },
    strict: {
      basis: 'captured',
      note: 'webpki ignores keyUsage (verify_cert.rs check_issuer_independent_properties): an intermediate without keyUsage, or without keyCertSign, passes (rustls 0.23.48, situations ca-without-keyusage, no-keycertsign).',
    },
    partialChain: {
      basis: 'captured',
      note: 'Every root-store entry is a trust anchor (a subject name and a key; its dates and pathLen are not kept): trusting only the intermediate passes (rustls 0.23.48, situation trusted-intermediate).',
    },
    maxDepth: { basis: 'source', note: 'At most 6 intermediates (verify_cert.rs MAX_SUB_CA_COUNT), then MaximumPathDepthExceeded.' },
    trustedPeer: {
      basis: 'captured',
      note: 'A trust anchor only issues: webpki looks for the leaf\'s issuer among the anchors, never the leaf itself. Trusting only the (not self-signed) leaf gives "invalid peer certificate: UnknownIssuer" (rustls 0.23.48, situation anchor-leaf), where OpenSSL with partial chains, Go and Java connect.',
    },
  },
  legacyTls: {
    behaviour: 'refuses',
    evidence: {
      basis: 'captured',
      note: 'rustls implements TLS 1.2 and 1.3 only: against a TLS 1.1-only server it says "received fatal alert: ProtocolVersion" (rustls 0.23.48, test/clients/rustls_client).',
    },
  },
  notes:
    'The store depends on the application: reqwest with rustls-tls-webpki-roots and uv bundle Mozilla\'s roots (webpki-roots); rustls-tls-native-roots, rustls-native-certs and rustls-platform-verifier (uv --native-tls) read the system store instead. rustls speaks TLS 1.2 and 1.3 only, never 1.0 or 1.1. No revocation checks unless the application gives CRLs; no OCSP fetching. reqwest prints "error sending request for url (…)" and the chain of causes ending in rustls\'s text; cargo uses libcurl, not rustls.',
};

// ---- renderer ----------------------------------------------------------------------------
const say = sayFrom(RUSTLS_MESSAGES);
/** Where "rustls connects" comes from. */
const ACCEPTED = rustlsCap('ok, trusted-intermediate, ca-without-keyusage, no-keycertsign, path-length at the root: "OK"');
const secs = (ms: number) => Math.floor(ms / 1000);
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/** An IP address's bytes from its text (dotted IPv4 or IPv6 with "::"); undefined when not an address. */
function ipOctets(text: string): number[] | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text.split('.').map(Number);
  if (!text.includes(':')) return undefined;
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const tl = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - tl.length).fill(0), ...tl];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** webpki's IpAddrSlice Debug: IPv4 dotted; IPv6 groups in hex where every run of zero groups after the first prints as "::" and a trailing run as nothing. */
function webpkiIp(text: string): string {
  const b = ipOctets(text);
  if (!b) return `[invalid: ${text}]`;
  if (b.length === 4) return b.join('.');
  let out = '';
  let skipping = false;
  for (let i = 0; i < 16; i += 2) {
    const zero = b[i] === 0 && b[i + 1] === 0;
    if (i > 0) {
      if (zero) {
        skipping = true;
        continue;
      }
      out += skipping ? '::' : ':';
      skipping = false;
    }
    out += b[i] === 0 ? b[i + 1].toString(16) : b[i].toString(16) + b[i + 1].toString(16).padStart(2, '0');
  }
  return out;
}

/** webpki's Debug of one subjectAltName entry (subject_name/mod.rs GeneralName). */
function webpkiName(n: GeneralName): string {
  switch (n.type) {
    case 'dns':
      return `DnsName("${n.value}")`;
    case 'ip':
      return `IpAddress(${webpkiIp(n.value)})`;
    case 'uri':
      return `UniformResourceIdentifier("${n.value}")`;
    case 'dirName':
      return 'DirectoryName';
    case 'otherName':
      return 'Unsupported(0x00)';
    case 'email':
      return 'Unsupported(0x01)';
    case 'registeredId':
      return 'Unsupported(0x08)';
    case 'unknown':
      return `Unsupported(0x${(n.tag & 0x1f).toString(16).padStart(2, '0')})`;
  }
}

/** rustls's list of presented names: "a", "a or b", "a, b or c". */
function presentedNames(cert: Certificate | undefined): string[] {
  return (cert?.subjectAltNames ?? []).map(webpkiName);
}
const orList = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/** rustls's ExtendedKeyPurpose Display for one EKU OID. */
function purposeName(oid: string): string {
  if (oid === SERVER_AUTH) return 'server authentication';
  if (oid === '1.3.6.1.5.5.7.3.2') return 'client authentication';
  return oid.split('.').join(', ');
}

/** A DER TLV's header length and content length at `at`. */
function tlv(der: Uint8Array, at: number): { header: number; length: number } {
  const first = der[at + 1] ?? 0;
  if (first < 0x80) return { header: 2, length: first };
  let length = 0;
  for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + (der[at + 2 + i] ?? 0);
  return { header: 2 + (first & 0x7f), length };
}

/** Debug of Vec<u8> ("6, 9, 42, …"): the content of the certificate's outer signature AlgorithmIdentifier (OID TLV, then parameters), as webpki keeps it. */
function algorithmIdBytes(cert: Certificate | undefined): string {
  if (!cert) return '';
  const at = tlv(cert.der, 0).header + cert.tbs.length;
  const { header, length } = tlv(cert.der, at);
  return [...cert.der.subarray(at + header, at + header + length)].join(', ');
}

export function renderRustls(f: ClientFailure, ctx: RenderContext): RenderedClientMessage {
  const failure = f.failure;
  if (f.code === V.OK)
    // a result under another policy (OpenSSL's CN fallback): webpki never reads the CN
    return hasNoSan(ctx) && ctx.cert ? say('name-none', { host: ctx.host }, 'webpki matches the subjectAltName only, never the CN.') : ok(ACCEPTED);
  const atAnchor = isAnchorDepth(f, ctx);
  const partial = partialChainPasses(PROFILE, f);
  if (partial) return partial;
  // webpki checks the leaf's own basicConstraints before looking for its issuer
  if (f.code === V.DEPTH_ZERO_SELF_SIGNED_CERT && ctx.cert?.basicConstraints?.ca === true) return say('ca-used-as-ee');
  if (UNTRUSTED.includes(f.code)) return say('unknown-issuer');
  if (f.code === V.CERT_HAS_EXPIRED || f.code === V.CERT_NOT_YET_VALID) {
    if (atAnchor) return ok(PROFILE.evidence.partialChain.note, "webpki does not check a trust anchor's dates; OpenSSL does.");
    const now = secs(ctx.at);
    if (f.code === V.CERT_HAS_EXPIRED) {
      const notAfter = secs(ctx.cert?.notAfter ?? 0);
      return say('expired', { now, notAfter, seconds: Math.max(0, now - notAfter) });
    }
    const notBefore = secs(ctx.cert?.notBefore ?? 0);
    return say('not-yet-valid', { now, notBefore, seconds: Math.max(0, notBefore - now) });
  }
  if (f.code === V.HOSTNAME_MISMATCH || f.code === V.IP_ADDRESS_MISMATCH) {
    const names = presentedNames(ctx.cert);
    return names.length === 0
      ? say('name-none', { host: ctx.host }, 'webpki matches the subjectAltName only, never the CN.')
      : say('name', { host: ctx.host, names: orList(names) });
  }
  if (f.code === V.INVALID_PURPOSE) {
    // webpki checks the extended key usage of every certificate in the path (absent = any), never keyUsage
    const ekus = ctx.cert?.extKeyUsage ?? [];
    if (ekus.length === 0 || ekus.includes(SERVER_AUTH))
      return ok(PROFILE.evidence.strict.note, 'webpki ignores keyUsage; only the extended key usage is checked.');
    return say('purpose', { names: ekus.map(purposeName).join(', ') });
  }
  if (f.code === V.INVALID_CA || f.code === V.KEYUSAGE_NO_CERTSIGN) {
    // webpki reads basicConstraints (a missing one means CA:FALSE) and ignores keyUsage
    if (ctx.cert && ctx.cert.version < 3) return say('unsupported-cert-version');
    return ctx.cert?.basicConstraints?.ca === true ? ok(PROFILE.evidence.strict.note) : say('ee-used-as-ca');
  }
  if (f.code === V.PATH_LENGTH_EXCEEDED)
    return atAnchor ? ok(PROFILE.evidence.partialChain.note, "webpki does not keep a trust anchor's pathLen; OpenSSL enforces it.") : say('path-len');
  if (f.code === V.PERMITTED_VIOLATION || f.code === V.EXCLUDED_VIOLATION) return say('name-constraints');
  if (f.code === V.CERT_CHAIN_TOO_LONG) return say('too-deep');
  if (f.code === V.EE_KEY_TOO_SMALL || f.code === V.CA_KEY_TOO_SMALL)
    return ctx.cert?.publicKey.algorithm === 'RSA' && rsaBits(ctx) < 2048 ? say('bad-signature-small-rsa') : unmodelled('rustls', f.code);
  if (f.code === V.CA_MD_TOO_WEAK || failure?.kind === 'UnsupportedSignatureAlgorithm')
    return say('unsupported-signature-algorithm', { bytes: algorithmIdBytes(ctx.cert), algs: RING_ALGORITHMS });
  if (f.code === V.CERT_SIGNATURE_FAILURE) return say('bad-signature');
  if (f.code === V.UNHANDLED_CRITICAL_EXTENSION) return say('unsupported-critical-extension');
  return unmodelled('rustls', f.code);
}

/**
 * Debug of the ring provider's supported_algorithms (rustls 0.23.48 crypto/ring: each
 * AlgorithmIdentifier as 0x + its DER content: ECDSA P-256/P-384 with SHA-256/384 twice (for
 * either curve), Ed25519, RSA-PSS SHA-256/384/512, RSA PKCS#1 SHA-256/384/512 with and without
 * NULL parameters). Captured here (situation weak-digest); aws-lc-rs lists more.
 */
const RING_ALGORITHMS = [
  '06082a8648ce3d040302',
  '06082a8648ce3d040303',
  '06082a8648ce3d040302',
  '06082a8648ce3d040303',
  '06032b6570',
  '06092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120',
  '06092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f70d010108300d06096086480165030402020500a203020130',
  '06092a864886f70d01010a3034a00f300d06096086480165030402030500a11c301a06092a864886f70d010108300d06096086480165030402030500a203020140',
  '06092a864886f70d01010b0500',
  '06092a864886f70d01010c0500',
  '06092a864886f70d01010d0500',
  '06092a864886f70d01010b',
  '06092a864886f70d01010c',
  '06092a864886f70d01010d',
]
  .map((hex) => `0x${hex}`)
  .join(', ');

export const RUSTLS_CLIENT: ClientModule<'rustls'> = {
  ...PROFILE,
  messages: RUSTLS_MESSAGES,
  render: (failure, ctx) => renderRustls(judged(failure), ctx),
};
