/**
 * Every way a path can fail validation: one union, each variant named, with the certificate
 * it is about (depth in the path, subject, SHA-256) and the facts that explain it. The OpenSSL 3
 * verify code of each kind (what `openssl verify` prints for the same chain) sits in
 * FAILURE_CODES below; `describeFailure` adds the X509_V_ERR_* name and OpenSSL's text.
 */
import type { CauseId } from '../causes/cause-id.ts';
import { assertNever } from '../assert-never.ts';
import type { Millis, VerifyCodeRef } from '../model.ts';
import { V, type VerifyCodeNumber } from '../codes/verify-code-constants.ts';
import { verifyCodeRef } from './codes.ts';

/** Which certificate a failure is about: its depth in the path (0 = peer) and identity. */
export interface CertAt {
  depth: number;
  subject: string;
  sha256: string;
}

export type Purpose = 'serverAuth' | 'clientAuth';

export type ValidationFailure =
  // Path building: no path reached a trust anchor.
  | (CertAt & { kind: 'IssuerNotFound'; issuer: string })
  | (CertAt & { kind: 'UnlinkableCertificate'; oid: string; reason: string })
  | (CertAt & { kind: 'AnchorNotSelfSigned' })
  | (CertAt & { kind: 'SelfSignedLeaf' })
  | (CertAt & { kind: 'SelfSignedInChain' })
  | (CertAt & { kind: 'ChainTooLong'; maxDepth: number })
  | (CertAt & { kind: 'WorkBudgetExhausted'; budget: number })
  // More signature verifications than one validation may spend (rustls-webpki: 100).
  | (CertAt & { kind: 'SignatureBudgetExhausted'; budget: number })
  // Extensions and CA markings (OpenSSL check_extensions, in its order).
  | (CertAt & { kind: 'UnhandledCriticalExtension'; oid: string })
  | (CertAt & { kind: 'InvalidExtension'; oid: string; reason: string })
  | (CertAt & { kind: 'InvalidCa'; reason: 'basic-constraints-not-ca' | 'no-basic-constraints' | 'key-usage-without-keyCertSign' | 'v1-not-self-signed' })
  | (CertAt & { kind: 'PathlenInvalidForNonCa'; pathLen: number })
  | (CertAt & { kind: 'PathlenWithoutKeyCertSign'; pathLen: number })
  | (CertAt & { kind: 'CaBasicConstraintsNotCritical' })
  | (CertAt & { kind: 'CaMissingKeyUsage' })
  | (CertAt & { kind: 'KeyCertSignOnNonCa' })
  | (CertAt & { kind: 'IssuerNameEmpty' })
  | (CertAt & { kind: 'SubjectNameEmpty' })
  | (CertAt & { kind: 'EmptySubjectSanNotCritical' })
  | (CertAt & { kind: 'EmptySubjectAltName' })
  | (CertAt & { kind: 'SignatureAlgorithmInconsistency'; outer: string; inner: string })
  | (CertAt & { kind: 'AuthorityKeyIdCritical' })
  | (CertAt & { kind: 'SubjectKeyIdCritical' })
  | (CertAt & { kind: 'MissingAuthorityKeyId' })
  | (CertAt & { kind: 'MissingSubjectKeyId' })
  | (CertAt & { kind: 'ExtensionsRequireV3'; version: number })
  | (CertAt & { kind: 'InvalidPurpose'; purpose: Purpose; reason: 'extended-key-usage' | 'key-usage'; present: string[] })
  | (CertAt & { kind: 'PathLengthExceeded'; pathLen: number; intermediatesBelow: number })
  // Security level (OpenSSL check_auth_level).
  | (CertAt & { kind: 'EeKeyTooSmall'; algorithm: string; bits: number; minBits: number })
  | (CertAt & { kind: 'CaKeyTooSmall'; algorithm: string; bits: number; minBits: number })
  | (CertAt & { kind: 'WeakSignatureDigest'; algorithm: string })
  // Peer identity (OpenSSL check_id).
  | (CertAt & { kind: 'HostnameMismatch'; expected: string; presented: string[] })
  | (CertAt & { kind: 'IpAddressMismatch'; expected: string; presented: string[] })
  // Signatures and time (OpenSSL internal_verify, from the anchor down).
  | (CertAt & { kind: 'IssuerKeyNoCertSign'; keyUsage: string[] })
  | (CertAt & { kind: 'BadSignature'; algorithm: string; issuerSubject: string })
  | (CertAt & { kind: 'UnsupportedSignatureAlgorithm'; algorithm: string })
  | (CertAt & { kind: 'IssuerKeyUndecodable'; algorithm: string })
  | (CertAt & { kind: 'CertNotYetValid'; notBefore: Millis; at: Millis })
  | (CertAt & { kind: 'CertExpired'; notAfter: Millis; at: Millis })
  // Name constraints (OpenSSL check_name_constraints).
  | (CertAt & { kind: 'PermittedSubtreeViolation'; name: string; constraintDepth: number; permitted: string[] })
  | (CertAt & { kind: 'ExcludedSubtreeViolation'; name: string; constraintDepth: number; excluded: string })
  | (CertAt & { kind: 'UnsupportedConstraintType'; name: string; constraintDepth: number })
  | (CertAt & { kind: 'InvalidIpConstraint'; constraint: string; constraintDepth: number })
  | (CertAt & { kind: 'UnsupportedNameSyntax'; name: string; constraintDepth: number })
  // Too much name-constraint work: OpenSSL's names x subtrees bound for one certificate and CA
  // ('certificate', NAME_CHECK_MAX), or the comparisons one validation may spend ('validation').
  | (CertAt & {
      kind: 'NameConstraintBudgetExhausted';
      scope: 'certificate' | 'validation';
      names: number;
      constraints: number;
      limit: number;
      constraintDepth: number;
    })
  // CA/Browser Forum profile (only with ValidateInput.cabForumProfile; OpenSSL checks none of these).
  | (CertAt & { kind: 'InvalidSerialNumber'; serialHex: string; reason: 'zero' | 'negative' | 'longer than 20 octets' })
  | (CertAt & { kind: 'ForbiddenKeyAlgorithm'; algorithm: string })
  | (CertAt & { kind: 'NonConformingExtension'; oid: string; rule: string })
  | (CertAt & { kind: 'InvalidNonCa' })
  | (CertAt & { kind: 'MissingExtendedKeyUsage' })
  | (CertAt & { kind: 'AnyExtendedKeyUsage' })
  // Revocation from the CRLs the caller gave (revocation.ts).
  | (CertAt & { kind: 'CertRevoked'; revokedAt: Millis; reason: string | null })
  | (CertAt & { kind: 'CrlSignatureFailure'; crlIssuer: string })
  | (CertAt & { kind: 'CrlNotYetValid'; thisUpdate: Millis })
  | (CertAt & { kind: 'CrlExpired'; nextUpdate: Millis })
  | (CertAt & { kind: 'CrlIssuerNoCrlSign'; keyUsage: string[] })
  | (CertAt & { kind: 'CrlUnhandledCriticalExtension'; oid: string })
  | (CertAt & { kind: 'NonConformingCrl'; rule: string });

export type FailureKind = ValidationFailure['kind'];

/** OpenSSL 3 verify code of each kind: the number `openssl verify` prints for the situation. */
export const FAILURE_CODES: Record<FailureKind, VerifyCodeNumber> = {
  IssuerNotFound: V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  // OpenSSL never links a certificate whose extensions it cannot decode: "unable to get local issuer certificate".
  UnlinkableCertificate: V.UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
  AnchorNotSelfSigned: V.UNABLE_TO_GET_ISSUER_CERT,
  SelfSignedLeaf: V.DEPTH_ZERO_SELF_SIGNED_CERT,
  SelfSignedInChain: V.SELF_SIGNED_CERT_IN_CHAIN,
  ChainTooLong: V.CERT_CHAIN_TOO_LONG,
  WorkBudgetExhausted: V.UNSPECIFIED,
  SignatureBudgetExhausted: V.UNSPECIFIED,
  UnhandledCriticalExtension: V.UNHANDLED_CRITICAL_EXTENSION,
  InvalidExtension: V.INVALID_EXTENSION,
  InvalidCa: V.INVALID_CA,
  PathlenInvalidForNonCa: V.PATHLEN_INVALID_FOR_NON_CA,
  PathlenWithoutKeyCertSign: V.PATHLEN_WITHOUT_KU_KEY_CERT_SIGN,
  CaBasicConstraintsNotCritical: V.CA_BCONS_NOT_CRITICAL,
  CaMissingKeyUsage: V.CA_CERT_MISSING_KEY_USAGE,
  KeyCertSignOnNonCa: V.KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA,
  IssuerNameEmpty: V.ISSUER_NAME_EMPTY,
  SubjectNameEmpty: V.SUBJECT_NAME_EMPTY,
  EmptySubjectSanNotCritical: V.EMPTY_SUBJECT_SAN_NOT_CRITICAL,
  EmptySubjectAltName: V.EMPTY_SUBJECT_ALT_NAME,
  SignatureAlgorithmInconsistency: V.SIGNATURE_ALGORITHM_INCONSISTENCY,
  AuthorityKeyIdCritical: V.AUTHORITY_KEY_IDENTIFIER_CRITICAL,
  SubjectKeyIdCritical: V.SUBJECT_KEY_IDENTIFIER_CRITICAL,
  MissingAuthorityKeyId: V.MISSING_AUTHORITY_KEY_IDENTIFIER,
  MissingSubjectKeyId: V.MISSING_SUBJECT_KEY_IDENTIFIER,
  ExtensionsRequireV3: V.EXTENSIONS_REQUIRE_VERSION_3,
  InvalidPurpose: V.INVALID_PURPOSE,
  PathLengthExceeded: V.PATH_LENGTH_EXCEEDED,
  EeKeyTooSmall: V.EE_KEY_TOO_SMALL,
  CaKeyTooSmall: V.CA_KEY_TOO_SMALL,
  WeakSignatureDigest: V.CA_MD_TOO_WEAK,
  HostnameMismatch: V.HOSTNAME_MISMATCH,
  IpAddressMismatch: V.IP_ADDRESS_MISMATCH,
  IssuerKeyNoCertSign: V.KEYUSAGE_NO_CERTSIGN,
  BadSignature: V.CERT_SIGNATURE_FAILURE,
  UnsupportedSignatureAlgorithm: V.CERT_SIGNATURE_FAILURE,
  IssuerKeyUndecodable: V.UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY,
  CertNotYetValid: V.CERT_NOT_YET_VALID,
  CertExpired: V.CERT_HAS_EXPIRED,
  PermittedSubtreeViolation: V.PERMITTED_VIOLATION,
  ExcludedSubtreeViolation: V.EXCLUDED_VIOLATION,
  UnsupportedConstraintType: V.UNSUPPORTED_CONSTRAINT_TYPE,
  // OpenSSL reports a malformed iPAddress constraint as "unsupported or invalid name syntax".
  InvalidIpConstraint: V.UNSUPPORTED_NAME_SYNTAX,
  UnsupportedNameSyntax: V.UNSUPPORTED_NAME_SYNTAX,
  // v3_ncons.c NAME_CONSTRAINTS_check: past NAME_CHECK_MAX it returns X509_V_ERR_UNSPECIFIED.
  NameConstraintBudgetExhausted: V.UNSPECIFIED,
  InvalidSerialNumber: V.UNSPECIFIED,
  ForbiddenKeyAlgorithm: V.UNSPECIFIED,
  NonConformingExtension: V.INVALID_EXTENSION,
  InvalidNonCa: V.INVALID_NON_CA,
  MissingExtendedKeyUsage: V.INVALID_PURPOSE,
  AnyExtendedKeyUsage: V.INVALID_PURPOSE,
  CertRevoked: V.CERT_REVOKED,
  CrlSignatureFailure: V.CRL_SIGNATURE_FAILURE,
  CrlNotYetValid: V.CRL_NOT_YET_VALID,
  CrlExpired: V.CRL_HAS_EXPIRED,
  CrlIssuerNoCrlSign: V.KEYUSAGE_NO_CRL_SIGN,
  CrlUnhandledCriticalExtension: V.UNHANDLED_CRITICAL_CRL_EXTENSION,
  // OpenSSL accepts a CRL without a CRL number; only the strict profiles refuse it.
  NonConformingCrl: V.UNSPECIFIED,
};

/** The cause (shared list) each kind points to. */
export function failureCause(f: ValidationFailure): CauseId {
  switch (f.kind) {
    case 'IssuerNotFound':
      return f.depth === 0 ? 'incomplete-chain' : 'unknown-ca';
    case 'AnchorNotSelfSigned':
    case 'SelfSignedInChain':
      return 'unknown-ca';
    case 'SelfSignedLeaf':
      return 'self-signed';
    case 'CertExpired':
      return 'expired';
    case 'CertNotYetValid':
      return 'not-yet-valid';
    case 'HostnameMismatch':
    case 'IpAddressMismatch':
      return 'hostname-mismatch';
    case 'InvalidCa':
    case 'IssuerKeyNoCertSign':
    case 'CaBasicConstraintsNotCritical':
    case 'CaMissingKeyUsage':
    case 'MissingSubjectKeyId':
      return 'invalid-ca';
    case 'PathLengthExceeded':
    case 'ChainTooLong':
      return 'path-length-exceeded';
    case 'InvalidPurpose':
    case 'MissingExtendedKeyUsage':
    case 'AnyExtendedKeyUsage':
      return 'wrong-purpose';
    case 'InvalidNonCa':
      return 'invalid-ca';
    case 'CertRevoked':
    case 'CrlSignatureFailure':
    case 'CrlNotYetValid':
    case 'CrlExpired':
    case 'CrlIssuerNoCrlSign':
    case 'CrlUnhandledCriticalExtension':
    case 'NonConformingCrl':
      return 'revoked';
    case 'EeKeyTooSmall':
    case 'CaKeyTooSmall':
      return 'weak-key';
    case 'WeakSignatureDigest':
      return 'weak-signature';
    case 'BadSignature':
    case 'UnsupportedSignatureAlgorithm':
    case 'IssuerKeyUndecodable':
      return 'bad-signature';
    case 'PermittedSubtreeViolation':
    case 'ExcludedSubtreeViolation':
    case 'UnsupportedConstraintType':
    case 'InvalidIpConstraint':
    case 'UnsupportedNameSyntax':
    case 'NameConstraintBudgetExhausted':
      return 'name-constraints';
    // No cause of their own in the shared list: shown as the failure itself.
    case 'UnlinkableCertificate':
    case 'WorkBudgetExhausted':
    case 'SignatureBudgetExhausted':
    case 'UnhandledCriticalExtension':
    case 'InvalidExtension':
    case 'PathlenInvalidForNonCa':
    case 'PathlenWithoutKeyCertSign':
    case 'KeyCertSignOnNonCa':
    case 'IssuerNameEmpty':
    case 'SubjectNameEmpty':
    case 'EmptySubjectSanNotCritical':
    case 'EmptySubjectAltName':
    case 'SignatureAlgorithmInconsistency':
    case 'AuthorityKeyIdCritical':
    case 'SubjectKeyIdCritical':
    case 'MissingAuthorityKeyId':
    case 'ExtensionsRequireV3':
    case 'InvalidSerialNumber':
    case 'ForbiddenKeyAlgorithm':
    case 'NonConformingExtension':
      return 'unknown';
    default:
      return assertNever(f, 'failure kind');
  }
}

export function failureCode(f: ValidationFailure): VerifyCodeRef {
  return verifyCodeRef(FAILURE_CODES[f.kind]);
}

/**
 * How much a failure tells the user, used to pick one when every candidate path failed.
 * A path that reached a trust anchor says more than one that did not; among those, a bad
 * signature usually means "wrong candidate issuer with the same name", so it ranks lowest.
 */
export function failureRank(f: ValidationFailure): number {
  switch (f.kind) {
    case 'WorkBudgetExhausted':
    case 'SignatureBudgetExhausted':
      return 0;
    case 'IssuerNotFound':
      return 10 + f.depth;
    case 'ChainTooLong':
      return 15;
    case 'SelfSignedInChain':
      return 20;
    case 'AnchorNotSelfSigned':
      return 25;
    case 'SelfSignedLeaf':
      return 30;
    case 'BadSignature':
    case 'UnsupportedSignatureAlgorithm':
    case 'IssuerKeyUndecodable':
      return 100;
    // The path reached an anchor and failed on a certificate's own merits: these say the most.
    case 'UnlinkableCertificate':
    case 'UnhandledCriticalExtension':
    case 'InvalidExtension':
    case 'InvalidCa':
    case 'PathlenInvalidForNonCa':
    case 'PathlenWithoutKeyCertSign':
    case 'CaBasicConstraintsNotCritical':
    case 'CaMissingKeyUsage':
    case 'KeyCertSignOnNonCa':
    case 'IssuerNameEmpty':
    case 'SubjectNameEmpty':
    case 'EmptySubjectSanNotCritical':
    case 'EmptySubjectAltName':
    case 'SignatureAlgorithmInconsistency':
    case 'AuthorityKeyIdCritical':
    case 'SubjectKeyIdCritical':
    case 'MissingAuthorityKeyId':
    case 'MissingSubjectKeyId':
    case 'ExtensionsRequireV3':
    case 'InvalidPurpose':
    case 'PathLengthExceeded':
    case 'EeKeyTooSmall':
    case 'CaKeyTooSmall':
    case 'WeakSignatureDigest':
    case 'HostnameMismatch':
    case 'IpAddressMismatch':
    case 'IssuerKeyNoCertSign':
    case 'CertNotYetValid':
    case 'CertExpired':
    case 'PermittedSubtreeViolation':
    case 'ExcludedSubtreeViolation':
    case 'UnsupportedConstraintType':
    case 'InvalidIpConstraint':
    case 'UnsupportedNameSyntax':
    case 'NameConstraintBudgetExhausted':
    case 'InvalidSerialNumber':
    case 'ForbiddenKeyAlgorithm':
    case 'NonConformingExtension':
    case 'InvalidNonCa':
    case 'MissingExtendedKeyUsage':
    case 'AnyExtendedKeyUsage':
    case 'CertRevoked':
    case 'CrlSignatureFailure':
    case 'CrlNotYetValid':
    case 'CrlExpired':
    case 'CrlIssuerNoCrlSign':
    case 'CrlUnhandledCriticalExtension':
    case 'NonConformingCrl':
      return 200;
    default:
      return assertNever(f, 'failure kind');
  }
}
