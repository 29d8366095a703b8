/**
 * OpenSSL 3 verify code → X509_V_ERR_* name and text, for the codes the validator emits.
 * Temporary: replaced by the project-wide table in src/core/codes/verify-codes.ts once it lands.
 * Source: openssl/openssl include/openssl/x509_vfy.h.in and crypto/x509/x509_txt.c (3.x).
 */
import type { VerifyCodeRef } from '../model.ts';

const TABLE: Record<number, readonly [string, string]> = {
  0: ['X509_V_OK', 'ok'],
  1: ['X509_V_ERR_UNSPECIFIED', 'unspecified certificate verification error'],
  2: ['X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT', 'unable to get issuer certificate'],
  6: ['X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'unable to decode issuer public key'],
  7: ['X509_V_ERR_CERT_SIGNATURE_FAILURE', 'certificate signature failure'],
  9: ['X509_V_ERR_CERT_NOT_YET_VALID', 'certificate is not yet valid'],
  10: ['X509_V_ERR_CERT_HAS_EXPIRED', 'certificate has expired'],
  18: ['X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
  19: ['X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'],
  20: ['X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'],
  21: ['X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
  22: ['X509_V_ERR_CERT_CHAIN_TOO_LONG', 'certificate chain too long'],
  25: ['X509_V_ERR_PATH_LENGTH_EXCEEDED', 'path length constraint exceeded'],
  26: ['X509_V_ERR_INVALID_PURPOSE', 'unsuitable certificate purpose'],
  32: ['X509_V_ERR_KEYUSAGE_NO_CERTSIGN', 'key usage does not include certificate signing'],
  34: ['X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION', 'unhandled critical extension'],
  37: ['X509_V_ERR_INVALID_NON_CA', 'invalid non-CA certificate (has CA markings)'],
  41: ['X509_V_ERR_INVALID_EXTENSION', 'invalid or inconsistent certificate extension'],
  47: ['X509_V_ERR_PERMITTED_VIOLATION', 'permitted subtree violation'],
  48: ['X509_V_ERR_EXCLUDED_VIOLATION', 'excluded subtree violation'],
  51: ['X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE', 'unsupported name constraint type'],
  52: ['X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX', 'unsupported or invalid name constraint syntax'],
  53: ['X509_V_ERR_UNSUPPORTED_NAME_SYNTAX', 'unsupported or invalid name syntax'],
  62: ['X509_V_ERR_HOSTNAME_MISMATCH', 'hostname mismatch'],
  64: ['X509_V_ERR_IP_ADDRESS_MISMATCH', 'IP address mismatch'],
  66: ['X509_V_ERR_EE_KEY_TOO_SMALL', 'EE certificate key too weak'],
  67: ['X509_V_ERR_CA_KEY_TOO_SMALL', 'CA certificate key too weak'],
  68: ['X509_V_ERR_CA_MD_TOO_WEAK', 'CA signature digest algorithm too weak'],
  78: ['X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY', 'cert info signature and signature algorithm mismatch'],
  79: ['X509_V_ERR_INVALID_CA', 'invalid CA certificate'],
  80: ['X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA', 'Path length invalid for non-CA cert'],
  81: ['X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN', 'Path length given without key usage keyCertSign'],
  82: ['X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA', 'Key usage keyCertSign invalid for non-CA cert'],
  83: ['X509_V_ERR_ISSUER_NAME_EMPTY', 'Issuer name empty'],
  84: ['X509_V_ERR_SUBJECT_NAME_EMPTY', 'Subject name empty'],
  85: ['X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER', 'Missing Authority Key Identifier'],
  86: ['X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER', 'Missing Subject Key Identifier'],
  87: ['X509_V_ERR_EMPTY_SUBJECT_ALT_NAME', 'Empty Subject Alternative Name extension'],
  88: ['X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL', 'Subject empty and Subject Alt Name extension not critical'],
  89: ['X509_V_ERR_CA_BCONS_NOT_CRITICAL', 'Basic Constraints of CA cert not marked critical'],
  90: ['X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL', 'Authority Key Identifier marked critical'],
  91: ['X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL', 'Subject Key Identifier marked critical'],
  92: ['X509_V_ERR_CA_CERT_MISSING_KEY_USAGE', 'CA cert does not include key usage extension'],
  93: ['X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3', 'Using cert extension requires at least X509v3'],
};

export function verifyCodeRef(code: number): VerifyCodeRef {
  const row = TABLE[code];
  if (!row) return { code, name: 'X509_V_ERR_UNSPECIFIED', text: 'unknown certificate verification error' };
  return { code, name: row[0], text: row[1] };
}
