/**
 * The shared vocabulary of the core: plain data that the parser produces and the
 * validator, decoder, probe, widgets and CLI consume. Pure types, no code.
 *
 * Rules for everything in src/core/:
 * - no DOM, no `node:*`, no `new Date()` / `Date.now()`: time comes in as `at` (ms since epoch);
 * - crypto is injected as a WebCrypto `SubtleCrypto` (`globalThis.crypto.subtle` in browsers and Node);
 * - relative imports carry their `.ts` extension and use erasable syntax only (no enums,
 *   no parameter properties), so Node 24 runs the CLI straight from source.
 */

/** Milliseconds since 1970-01-01T00:00:00Z. */
export type Millis = number;

/** One attribute of a distinguished name, e.g. { type: 'CN', oid: '2.5.4.3', value: 'example.com' }. */
export interface NameAttribute {
  oid: string;
  /** Short name (CN, O, OU, C, ST, L, DC, emailAddress, ...) or the dotted OID when unknown. */
  type: string;
  value: string;
}

export interface DistinguishedName {
  /** RFC 4514 string, most significant RDN last (as `openssl -nameopt RFC2253` prints it). */
  rfc4514: string;
  /** OpenSSL 3 one-line form as `openssl s_client` prints it, e.g. `C=US, O=Let's Encrypt, CN=R11`. */
  oneline: string;
  /** RDNs in DER order (most significant first); each RDN is a set of attributes. */
  rdns: NameAttribute[][];
  /** Canonical form for comparisons (RFC 5280 7.1-style: case-folded, whitespace-collapsed). */
  canonical: string;
  /** Hex of the DER encoding of the Name. */
  derHex: string;
}

export type GeneralName =
  | { type: 'dns'; value: string }
  | { type: 'ip'; value: string; /** for name constraints: CIDR mask as text */ mask?: string }
  | { type: 'email'; value: string }
  | { type: 'uri'; value: string }
  | { type: 'dirName'; value: DistinguishedName }
  | { type: 'registeredId'; value: string }
  | { type: 'otherName'; oid: string; valueHex: string }
  | {
      type: 'unknown';
      tag: number;
      valueHex: string;
      /** Not a well-formed GeneralName (class, tag number or constructed bit wrong): OpenSSL refuses the whole extension. */
      malformed?: boolean;
    };

export interface PublicKeyInfo {
  /** 'RSA' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'RSA-PSS' | 'X25519' | other OID */
  algorithm: string;
  algorithmOid: string;
  /** RSA modulus bits; EC field size bits; 256 for Ed25519. */
  bits: number;
  /** Named curve for EC keys: 'P-256' | 'P-384' | 'P-521' | OID. */
  curve?: string;
  /** RSA public exponent as a decimal string. */
  exponent?: string;
  /** DER of the whole SubjectPublicKeyInfo, as bytes. */
  spki: Uint8Array;
  /** SHA-256 of the SPKI DER, hex lower case (the "pin"). */
  spkiSha256: string;
}

export interface Extension {
  oid: string;
  /** Known name (e.g. 'subjectAltName') or the dotted OID. */
  name: string;
  critical: boolean;
  /** The extnValue contents (the DER inside the OCTET STRING), hex. */
  valueHex: string;
  /** Set when the extension was recognised and decoded. */
  decoded?: unknown;
  /** Set when a recognised extension failed to decode. */
  error?: string;
}

export interface BasicConstraints {
  ca: boolean;
  pathLen?: number;
}

export type KeyUsageFlag =
  'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign' | 'encipherOnly' | 'decipherOnly';

export interface NameConstraints {
  permitted: GeneralName[];
  excluded: GeneralName[];
}

/** The certificate model. Every field is plain data. */
export interface Certificate {
  der: Uint8Array;
  /** DER of tbsCertificate (what the issuer signed). */
  tbs: Uint8Array;
  version: number; // 1, 2 or 3
  serialHex: string; // lower-case hex, no separators, no leading 00 for positive serials
  /** Signature algorithm (outer), e.g. { oid: '1.2.840.113549.1.1.11', name: 'sha256WithRSAEncryption' }. */
  signatureAlgorithm: { oid: string; name: string; /** DER hex of parameters, if any */ paramsHex?: string };
  signature: Uint8Array;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Millis;
  notAfter: Millis;
  publicKey: PublicKeyInfo;
  extensions: Extension[];
  /** Decoded convenience views of the common extensions (undefined when absent). */
  basicConstraints?: BasicConstraints;
  keyUsage?: KeyUsageFlag[];
  extKeyUsage?: string[]; // OIDs
  subjectAltNames?: GeneralName[];
  nameConstraints?: NameConstraints;
  subjectKeyId?: string; // hex
  authorityKeyId?: string; // hex keyIdentifier
  aia?: { caIssuers: string[]; ocsp: string[] };
  crlDistributionPoints?: string[];
  policies?: string[]; // OIDs
  sha1: string; // fingerprint, hex lower case
  sha256: string;
  /** subject == issuer by name (signature is checked by the validator, not here). */
  selfIssued: boolean;
  /** 'root' = self-issued CA; 'intermediate' = CA not self-issued; 'leaf' otherwise. */
  role: 'root' | 'intermediate' | 'leaf';
}

/** A crypto provider is just WebCrypto's SubtleCrypto. */
export type Subtle = SubtleCrypto;

/**
 * How a given client validates: the knobs on which real clients differ. The validator
 * (src/core/validate/) honours these; the client profiles (src/core/clients/) set them.
 */
export interface ValidationPolicy {
  /** Fetch missing intermediates from AIA caIssuers URLs (Chrome, Edge, Safari, Windows CryptoAPI). */
  aiaFetch: boolean;
  /** Accept the subject CN when the certificate has no SAN (OpenSSL-based clients, Java); Go and browsers do not. */
  cnFallback: boolean;
  /** Minimum RSA modulus size for any certificate in the path (OpenSSL level 1 = 2048 bits for EE: code 66 EE_KEY_TOO_SMALL / 67 CA_KEY_TOO_SMALL). 0 = no limit. */
  minRsaBits: number;
  /** Reject SHA-1 (and weaker) signatures on certificates other than the trust anchor (code 68 CA_MD_TOO_WEAK). */
  rejectSha1: boolean;
  /** OpenSSL X509_V_FLAG_X509_STRICT (Python 3.13+ default): e.g. CA without keyUsage is an error. */
  strict: boolean;
  /** Accept a chain that ends at a trusted intermediate (X509_V_FLAG_PARTIAL_CHAIN). */
  partialChain: boolean;
  /** Maximum number of intermediates (OpenSSL default depth 100). */
  maxDepth: number;
  /**
   * Build one chain as OpenSSL's build_chain does (trusted-first, first matching issuer, no
   * retry: validate/openssl-chain.ts) instead of trying every path. Absent = every path.
   */
  opensslChain?: boolean;
  /**
   * false = a peer certificate found in the trust store is not trusted by itself: it still needs
   * an issuer among the anchors (rustls-webpki and Chrome: an anchor issues the path, it is not
   * the peer; a self-signed peer in the store is its own issuer). Absent = as partialChain says
   * (OpenSSL's X509_V_FLAG_PARTIAL_CHAIN trusts such a peer; Go and Java do too).
   */
  trustedPeer?: boolean;
  /** Accept a partial wildcard in the left-most label (`f*.example.com`), as OpenSSL's X509_check_host does by default. Absent = no. */
  partialWildcards?: boolean;
}

/** One OpenSSL verify result as the whole project passes it around. */
export interface VerifyCodeRef {
  /** OpenSSL 3.x numbering (0 = X509_V_OK). */
  code: number;
  /** 'X509_V_OK' or 'X509_V_ERR_…'. */
  name: string;
  /** OpenSSL's own text (X509_verify_cert_error_string), e.g. 'certificate has expired'. */
  text: string;
}
