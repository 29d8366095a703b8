/**
 * What the numbers in openssl-numbering.ts mean in practice: one entry per verify code name
 * (without the X509_V_ERR_ prefix): how often people meet it, the cause, who has to act, a
 * plain-words explanation and, where the cause's generic advice is not enough, a specific action.
 * Frequencies are judgements from public issue trackers and Q&A, not measurements.
 */
import type { CauseId } from '../causes/cause-id.ts';
import type { Liability } from '../causes/causes.ts';

export type Frequency = 'very common' | 'common' | 'rare' | 'obscure';

export interface Annotation {
  frequency: Frequency;
  cause: CauseId;
  /** Defaults to the cause's liability. */
  liability?: Liability;
  explanation: string;
  /** Replaces the cause's actions where the code needs more specific advice. */
  actions?: { server: string; client: string };
}

const STRICT = 'Only raised in strict mode (X509_V_FLAG_X509_STRICT, e.g. `openssl verify -x509_strict` or Python 3.13+, which turns it on by default).';
const STRICT_ACTIONS = {
  server:
    "Reissue the certificate following RFC 5280's profile (the extension named in the message), or get it from a CA that does; an `openssl x509 -req` without an extensions file produces such certificates.",
  client:
    'The certificate is non-conformant. For a private CA you control, fix the CA; turning strict mode off (Python: ctx.verify_flags &= ~ssl.VERIFY_X509_STRICT) is a stopgap only.',
};
/**
 * Code 21 (and 20 at depth 0): the leaf's issuer was found nowhere. A server that forgot its
 * intermediate and a two-tier private CA whose root the client lacks (mkcert, kubeadm, a company
 * CA) print the same words, so neither side is blamed: whether the leaf's issuer is a root
 * decides (issue 15). The reference page and the decoder read this one text.
 */
export const LEAF_ISSUER_UNKNOWN_ACTIONS = {
  server:
    "First ask whether your leaf's issuer is a root. If it is an intermediate, serve the full chain: your certificate first, then every intermediate (for example fullchain.pem, not cert.pem), and confirm with s_client -showcerts that the intermediate appears at depth 1. If it is a root (a two-tier private CA), you send all you need to: hand that root to the clients.",
  client:
    "First ask whether the leaf's issuer is a root (the command below shows it). If it is a root (mkcert, kubeadm, a company CA), add it to the trust store this client uses (update-ca-certificates, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, keytool -importcert). If it is an intermediate, nothing is wrong on your side: tell the server's operator. Never turn verification off.",
} as const;
const INFO = 'Informational: reported only while OpenSSL searches for an issuer with issuer checks on, not a final verdict.';

export const ANNOTATIONS: Readonly<Record<string, Annotation>> = {
  OK: {
    frequency: 'very common',
    cause: 'unknown',
    liability: 'both',
    explanation: 'No error: the chain verified.',
    actions: { server: 'Nothing to do.', client: 'Nothing to do.' },
  },
  UNSPECIFIED: { frequency: 'rare', cause: 'unknown', explanation: 'A verification failure OpenSSL could not classify; look at the errors logged around it.' },
  UNABLE_TO_GET_ISSUER_CERT: {
    frequency: 'common',
    cause: 'unknown-ca',
    explanation:
      'The issuer of a certificate that came from the trust store itself could not be found: the store holds an intermediate but not the root above it.',
  },
  UNABLE_TO_GET_CRL: {
    frequency: 'rare',
    cause: 'revoked',
    liability: 'client',
    explanation: 'CRL checking is on but no CRL for this certificate was found.',
    actions: {
      server: 'Publish a CRL distribution point the client can reach.',
      client: 'Give the client the CRL (-CRLfile, -crl_download) or turn CRL checking off if you did not mean it.',
    },
  },
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: {
    frequency: 'rare',
    cause: 'bad-signature',
    explanation:
      "The certificate's RSA signature could not be decrypted with the issuer's key: the issuer served is not the one that signed it, or the data is damaged.",
  },
  UNABLE_TO_DECRYPT_CRL_SIGNATURE: {
    frequency: 'obscure',
    cause: 'revoked',
    explanation: "A CRL's signature could not be decrypted (unused in modern OpenSSL).",
  },
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: {
    frequency: 'rare',
    cause: 'bad-signature',
    explanation: "The issuer certificate's public key could not be read, so no signature can be checked.",
  },
  CERT_SIGNATURE_FAILURE: { frequency: 'rare', cause: 'bad-signature', explanation: "The certificate's signature does not verify with its issuer's key." },
  CRL_SIGNATURE_FAILURE: { frequency: 'obscure', cause: 'revoked', explanation: "A CRL's signature does not verify." },
  CERT_NOT_YET_VALID: {
    frequency: 'common',
    cause: 'not-yet-valid',
    explanation: "The certificate's notBefore is in the future for this client: usually the client's clock is behind.",
  },
  CERT_HAS_EXPIRED: {
    frequency: 'very common',
    cause: 'expired',
    explanation: "The certificate's notAfter date has passed: the server (or an intermediate it serves) needs a renewed certificate.",
  },
  CRL_NOT_YET_VALID: {
    frequency: 'rare',
    cause: 'revoked',
    liability: 'both',
    explanation: "The CRL's lastUpdate is in the future for this client (often a clock problem).",
  },
  CRL_HAS_EXPIRED: {
    frequency: 'rare',
    cause: 'revoked',
    explanation: "The CRL's nextUpdate has passed: the CA has not published a fresh CRL, or the client uses an old copy.",
  },
  ERROR_IN_CERT_NOT_BEFORE_FIELD: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: "The certificate's notBefore date is malformed.",
  },
  ERROR_IN_CERT_NOT_AFTER_FIELD: { frequency: 'obscure', cause: 'unknown', liability: 'server', explanation: "The certificate's notAfter date is malformed." },
  ERROR_IN_CRL_LAST_UPDATE_FIELD: { frequency: 'obscure', cause: 'revoked', explanation: "The CRL's lastUpdate date is malformed." },
  ERROR_IN_CRL_NEXT_UPDATE_FIELD: { frequency: 'obscure', cause: 'revoked', explanation: "The CRL's nextUpdate date is malformed." },
  OUT_OF_MEM: { frequency: 'obscure', cause: 'unknown', liability: 'client', explanation: 'OpenSSL ran out of memory while verifying.' },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    frequency: 'very common',
    cause: 'self-signed',
    explanation: "The server's own certificate is self-signed and that certificate is not in the client's trust store.",
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    frequency: 'very common',
    cause: 'unknown-ca',
    explanation:
      'The chain ends at a self-signed root that the client does not trust: typically a company CA or a TLS-intercepting proxy, or a private CA whose root was never installed.',
  },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    frequency: 'very common',
    cause: 'unknown-ca',
    explanation:
      "The issuer of the last certificate the client has is in neither the chain nor the trust store: an unknown or private CA, a missing/old CA bundle, or (when the server sent only part of the chain) a missing intermediate. At depth 0, ask whether the leaf's issuer is a root: a root means the client lacks it (a two-tier private CA); an intermediate means the server did not send it.",
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    frequency: 'very common',
    cause: 'incomplete-chain',
    liability: 'both',
    actions: LEAF_ISSUER_UNKNOWN_ACTIONS,
    explanation:
      "Only the server's own certificate is available and its issuer is not in the trust store. Is the leaf's issuer a root? If it is an intermediate, the server does not send it (an incomplete chain: the server must send leaf + intermediates). If it is a root, the CA is two-tier (mkcert, kubeadm, many company CAs sign leaves directly from the root): the server sends all it needs to, and the client lacks that root.",
  },
  CERT_CHAIN_TOO_LONG: {
    frequency: 'rare',
    cause: 'path-length-exceeded',
    liability: 'both',
    explanation: "The chain is longer than the client's maximum verify depth.",
  },
  CERT_REVOKED: { frequency: 'common', cause: 'revoked', explanation: 'The CA has revoked this certificate (a CRL or OCSP response lists it).' },
  NO_ISSUER_PUBLIC_KEY: {
    frequency: 'obscure',
    cause: 'bad-signature',
    explanation:
      'The issuer certificate has no usable public key, so the signature cannot be checked. (OpenSSL 3.x code 24, "issuer certificate doesn\'t have a public key"; in 1.1.1 the number 24 meant INVALID_CA.)',
  },
  PATH_LENGTH_EXCEEDED: {
    frequency: 'rare',
    cause: 'path-length-exceeded',
    explanation: "A CA's basicConstraints pathLenConstraint is exceeded by the intermediates below it.",
  },
  INVALID_PURPOSE: {
    frequency: 'common',
    cause: 'wrong-purpose',
    explanation: "The certificate's extendedKeyUsage (or a CA's) does not allow this use, e.g. a server certificate without serverAuth.",
  },
  CERT_UNTRUSTED: {
    frequency: 'rare',
    cause: 'unknown-ca',
    liability: 'client',
    explanation: 'The root is in the store but not marked trusted for this purpose (OpenSSL trust settings).',
  },
  CERT_REJECTED: {
    frequency: 'rare',
    cause: 'unknown-ca',
    liability: 'client',
    explanation: 'The root is explicitly marked to reject this purpose in the trust store.',
  },
  SUBJECT_ISSUER_MISMATCH: {
    frequency: 'obscure',
    cause: 'unknown',
    explanation: `A candidate issuer's subject does not match the certificate's issuer name. ${INFO}`,
  },
  AKID_SKID_MISMATCH: {
    frequency: 'obscure',
    cause: 'unknown',
    explanation: `A candidate issuer's Subject Key Identifier does not match the certificate's Authority Key Identifier. ${INFO}`,
  },
  AKID_ISSUER_SERIAL_MISMATCH: {
    frequency: 'obscure',
    cause: 'unknown',
    explanation: `A candidate issuer's name and serial do not match the Authority Key Identifier. ${INFO}`,
  },
  KEYUSAGE_NO_CERTSIGN: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: 'A certificate used as an issuer has a keyUsage without keyCertSign, so it may not sign certificates.',
  },
  UNABLE_TO_GET_CRL_ISSUER: { frequency: 'obscure', cause: 'revoked', liability: 'client', explanation: 'The issuer of a CRL could not be found.' },
  UNHANDLED_CRITICAL_EXTENSION: {
    frequency: 'rare',
    cause: 'unknown',
    liability: 'server',
    explanation: 'The certificate has an extension marked critical that this client does not understand, so it must refuse it.',
  },
  KEYUSAGE_NO_CRL_SIGN: { frequency: 'obscure', cause: 'revoked', explanation: "The CRL issuer's keyUsage lacks cRLSign." },
  UNHANDLED_CRITICAL_CRL_EXTENSION: { frequency: 'obscure', cause: 'revoked', explanation: 'A CRL has a critical extension the client does not understand.' },
  INVALID_NON_CA: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: 'A certificate that is not a CA carries CA markings (e.g. keyCertSign) in a way that is not allowed.',
  },
  PROXY_PATH_LENGTH_EXCEEDED: { frequency: 'obscure', cause: 'path-length-exceeded', explanation: "A proxy certificate's path length limit is exceeded." },
  KEYUSAGE_NO_DIGITAL_SIGNATURE: {
    frequency: 'rare',
    cause: 'wrong-purpose',
    explanation: "The certificate's keyUsage lacks digitalSignature, which this use needs.",
  },
  PROXY_CERTIFICATES_NOT_ALLOWED: {
    frequency: 'obscure',
    cause: 'wrong-purpose',
    liability: 'client',
    explanation: 'A proxy certificate was presented but proxy certificates are not enabled.',
  },
  INVALID_EXTENSION: {
    frequency: 'rare',
    cause: 'unknown',
    liability: 'server',
    explanation: 'A certificate extension is malformed or inconsistent with the others (for example a pathLenConstraint on a non-CA).',
  },
  INVALID_POLICY_EXTENSION: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: 'The certificatePolicies extension is malformed or inconsistent (only with policy checking on).',
  },
  NO_EXPLICIT_POLICY: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'both',
    explanation: 'An explicit certificate policy is required but none is present in the path.',
  },
  DIFFERENT_CRL_SCOPE: { frequency: 'obscure', cause: 'revoked', explanation: 'The only CRLs found do not cover this certificate.' },
  UNSUPPORTED_EXTENSION_FEATURE: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: 'A feature of a certificate extension is not supported.',
  },
  UNNESTED_RESOURCE: {
    frequency: 'obscure',
    cause: 'name-constraints',
    explanation: "RFC 3779 IP/AS resources of a certificate are not inside its issuer's resources.",
  },
  PERMITTED_VIOLATION: {
    frequency: 'rare',
    cause: 'name-constraints',
    explanation: "A name in the certificate is outside the permitted subtrees of a CA's name constraints.",
  },
  EXCLUDED_VIOLATION: {
    frequency: 'rare',
    cause: 'name-constraints',
    explanation: "A name in the certificate is inside the excluded subtrees of a CA's name constraints.",
  },
  SUBTREE_MINMAX: { frequency: 'obscure', cause: 'name-constraints', explanation: 'A name constraint uses minimum/maximum, which OpenSSL does not support.' },
  APPLICATION_VERIFICATION: {
    frequency: 'rare',
    cause: 'unknown',
    liability: 'client',
    explanation: "The application's own extra check rejected the certificate (set by the application, not by OpenSSL).",
  },
  UNSUPPORTED_CONSTRAINT_TYPE: { frequency: 'obscure', cause: 'name-constraints', explanation: 'A name constraint of a type OpenSSL does not support.' },
  UNSUPPORTED_CONSTRAINT_SYNTAX: { frequency: 'obscure', cause: 'name-constraints', explanation: 'A name constraint whose syntax OpenSSL does not recognise.' },
  UNSUPPORTED_NAME_SYNTAX: {
    frequency: 'obscure',
    cause: 'name-constraints',
    explanation: 'A name in the certificate has a syntax that cannot be checked against name constraints.',
  },
  CRL_PATH_VALIDATION_ERROR: { frequency: 'obscure', cause: 'revoked', explanation: 'The path of the CRL issuer did not verify (extended CRL support).' },
  PATH_LOOP: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: 'Path building went round in a loop (cross-signed certificates pointing at each other).',
  },
  SUITE_B_INVALID_VERSION: { frequency: 'obscure', cause: 'unknown', liability: 'both', explanation: 'Suite B mode: the certificate version is not allowed.' },
  SUITE_B_INVALID_ALGORITHM: {
    frequency: 'obscure',
    cause: 'weak-key',
    liability: 'both',
    explanation: 'Suite B mode: the public key algorithm is not allowed.',
  },
  SUITE_B_INVALID_CURVE: { frequency: 'obscure', cause: 'weak-key', liability: 'both', explanation: 'Suite B mode: the elliptic curve is not allowed.' },
  SUITE_B_INVALID_SIGNATURE_ALGORITHM: {
    frequency: 'obscure',
    cause: 'weak-signature',
    liability: 'both',
    explanation: 'Suite B mode: the signature algorithm is not allowed.',
  },
  SUITE_B_LOS_NOT_ALLOWED: {
    frequency: 'obscure',
    cause: 'weak-key',
    liability: 'both',
    explanation: 'Suite B mode: the curve is not allowed at this level of security.',
  },
  SUITE_B_CANNOT_SIGN_P_384_WITH_P_256: {
    frequency: 'obscure',
    cause: 'weak-signature',
    liability: 'both',
    explanation: 'Suite B mode: a P-384 key is signed with a P-256 key.',
  },
  HOSTNAME_MISMATCH: {
    frequency: 'very common',
    cause: 'hostname-mismatch',
    explanation: "The host name the client asked for is not in the certificate's subjectAltName (nor its CN, where the client still accepts CN).",
  },
  EMAIL_MISMATCH: { frequency: 'rare', cause: 'hostname-mismatch', explanation: 'The e-mail address asked for is not in the certificate.' },
  IP_ADDRESS_MISMATCH: {
    frequency: 'common',
    cause: 'hostname-mismatch',
    explanation: "The client connected to an IP address that is not listed as an IP entry in the certificate's subjectAltName.",
  },
  DANE_NO_MATCH: {
    frequency: 'rare',
    cause: 'unknown',
    liability: 'server',
    explanation: 'No DANE TLSA record matches the certificate chain.',
    actions: { server: 'Update the TLSA records in DNS to match the new certificate or key.', client: 'Check that the TLSA records you fetched are current.' },
  },
  EE_KEY_TOO_SMALL: {
    frequency: 'common',
    cause: 'weak-key',
    explanation: "The server certificate's key is smaller than the client's security level allows (e.g. RSA-1024 at Debian's default level 2).",
  },
  CA_KEY_TOO_SMALL: { frequency: 'rare', cause: 'weak-key', explanation: "A CA certificate's key is smaller than the client's security level allows." },
  CA_MD_TOO_WEAK: {
    frequency: 'common',
    cause: 'weak-signature',
    explanation: "A certificate in the chain is signed with a digest (SHA-1, MD5) the client's security level refuses.",
  },
  INVALID_CALL: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'client',
    explanation: 'The application called the verifier incorrectly (a programming error).',
  },
  STORE_LOOKUP: {
    frequency: 'rare',
    cause: 'unknown',
    liability: 'client',
    explanation: 'Looking up an issuer in the trust store failed (an unreadable CA file or directory, a store error).',
  },
  NO_VALID_SCTS: {
    frequency: 'rare',
    cause: 'unknown',
    liability: 'server',
    explanation: 'Certificate Transparency is required but the certificate has no valid SCTs.',
    actions: { server: 'Use a certificate logged to CT (public CAs embed SCTs) or staple SCTs.', client: 'Only relevant if you enabled CT enforcement.' },
  },
  PROXY_SUBJECT_NAME_VIOLATION: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: "A proxy certificate's subject name does not follow the rules for proxy certificates.",
  },
  OCSP_VERIFY_NEEDED: { frequency: 'rare', cause: 'revoked', liability: 'client', explanation: 'OCSP checking is required but was not done yet.' },
  OCSP_VERIFY_FAILED: { frequency: 'rare', cause: 'revoked', liability: 'both', explanation: "The certificate's status could not be verified through OCSP." },
  OCSP_CERT_UNKNOWN: { frequency: 'rare', cause: 'revoked', explanation: 'The OCSP responder does not know this certificate.' },
  UNSUPPORTED_SIGNATURE_ALGORITHM: {
    frequency: 'rare',
    cause: 'weak-signature',
    liability: 'both',
    explanation: "The certificate's signature algorithm is unknown to or disabled in this client.",
  },
  SIGNATURE_ALGORITHM_MISMATCH: {
    frequency: 'rare',
    cause: 'bad-signature',
    explanation: "The signature algorithm does not fit the issuer's key type (e.g. an ECDSA signature with an RSA issuer key).",
  },
  SIGNATURE_ALGORITHM_INCONSISTENCY: {
    frequency: 'rare',
    cause: 'bad-signature',
    explanation: `The signature algorithm inside the signed part differs from the outer one. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  INVALID_CA: {
    frequency: 'common',
    cause: 'invalid-ca',
    explanation:
      'A certificate used as an issuer is not a valid CA: no basicConstraints CA:TRUE, or its extensions do not allow this purpose. (3.x code 79; 1.1.1 used 24.)',
  },
  PATHLEN_INVALID_FOR_NON_CA: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `A pathLenConstraint appears on a certificate that is not a CA. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  PATHLEN_WITHOUT_KU_KEY_CERT_SIGN: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `A pathLenConstraint is set but keyUsage lacks keyCertSign. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `keyUsage keyCertSign on a certificate that is not a CA. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  ISSUER_NAME_EMPTY: { frequency: 'rare', cause: 'invalid-ca', explanation: `The certificate's issuer name is empty. ${STRICT}`, actions: STRICT_ACTIONS },
  SUBJECT_NAME_EMPTY: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `The certificate's subject name is empty (without a critical subjectAltName). ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  MISSING_AUTHORITY_KEY_IDENTIFIER: {
    frequency: 'common',
    cause: 'invalid-ca',
    explanation: `The certificate has no Authority Key Identifier extension, which RFC 5280 requires on certificates that are not self-signed. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  MISSING_SUBJECT_KEY_IDENTIFIER: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `A CA certificate has no Subject Key Identifier extension. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  EMPTY_SUBJECT_ALT_NAME: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `The subjectAltName extension is present but empty. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  EMPTY_SUBJECT_SAN_NOT_CRITICAL: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `The subject is empty and the subjectAltName is not marked critical. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  CA_BCONS_NOT_CRITICAL: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `A CA certificate's basicConstraints is not marked critical. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  AUTHORITY_KEY_IDENTIFIER_CRITICAL: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `The Authority Key Identifier is marked critical, which RFC 5280 forbids. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  SUBJECT_KEY_IDENTIFIER_CRITICAL: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `The Subject Key Identifier is marked critical, which RFC 5280 forbids. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  CA_CERT_MISSING_KEY_USAGE: {
    frequency: 'common',
    cause: 'invalid-ca',
    explanation: `A CA certificate has no keyUsage extension. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  EXTENSIONS_REQUIRE_VERSION_3: {
    frequency: 'rare',
    cause: 'invalid-ca',
    explanation: `The certificate has extensions but is not version 3. ${STRICT}`,
    actions: STRICT_ACTIONS,
  },
  EC_KEY_EXPLICIT_PARAMS: {
    frequency: 'rare',
    cause: 'weak-key',
    explanation: "The certificate's EC key spells out its curve parameters instead of naming the curve (refused in strict mode; 3.x code 94, 1.1.1 code 79).",
  },
  RPK_UNTRUSTED: {
    frequency: 'obscure',
    cause: 'unknown-ca',
    liability: 'client',
    explanation: 'A raw public key (RFC 7250) was presented and no trusted keys are configured.',
  },
  OCSP_RESP_INVALID: { frequency: 'rare', cause: 'revoked', explanation: 'The stapled OCSP response(s) are invalid.' },
  OCSP_SIGNATURE_FAILURE: { frequency: 'rare', cause: 'revoked', explanation: "The OCSP response's signature does not verify." },
  OCSP_NOT_YET_VALID: {
    frequency: 'rare',
    cause: 'revoked',
    liability: 'both',
    explanation: 'The OCSP response is dated in the future (often a clock problem).',
  },
  OCSP_HAS_EXPIRED: { frequency: 'rare', cause: 'revoked', explanation: 'The OCSP response (e.g. a stapled one) has expired.' },
  OCSP_NO_RESPONSE: { frequency: 'rare', cause: 'revoked', explanation: 'No OCSP response is available for the certificate.' },
  CRL_VERIFY_FAILED: { frequency: 'rare', cause: 'revoked', explanation: 'The CRL could not be verified.' },
  EMPTY_AUTHORITY_KEY_IDENTIFIER: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: 'The Authority Key Identifier extension is present but empty.',
  },
  AKID_ISSUER_SERIAL_NOT_PAIRED: {
    frequency: 'obscure',
    cause: 'unknown',
    liability: 'server',
    explanation: 'The Authority Key Identifier has an issuer name without a serial number, or the other way round.',
  },
  IDP_ONLY_USER_CA_ATTR_EXCLUSIVE: {
    frequency: 'obscure',
    cause: 'revoked',
    explanation: "A CRL's issuingDistributionPoint sets more than one of onlyContainsUserCerts / onlyContainsCACerts / onlyContainsAttributeCerts.",
  },
};
