/**
 * Small facts about one certificate that the checks share, computed the way OpenSSL 3
 * computes them (v3_purp.c): is it a CA and by which marking, is it self-signed, which
 * critical extensions it understands, how strong its key is.
 */
import type { Certificate, Extension, GeneralName } from '../model.ts';
import type { CertAt } from './failures.ts';
import { keyIdsAgree, namesIssuer } from '../x509/issuer-link.ts';

export function certAt(cert: Certificate, depth: number): CertAt {
  return { depth, subject: cert.subject.oneline, sha256: cert.sha256 };
}

export function hasExt(cert: Certificate, oid: string): Extension | undefined {
  return cert.extensions.find((e) => e.oid === oid);
}

export const OID_BASIC_CONSTRAINTS = '2.5.29.19';
export const OID_KEY_USAGE = '2.5.29.15';
export const OID_SAN = '2.5.29.17';
export const OID_AKI = '2.5.29.35';
export const OID_SKI = '2.5.29.14';
export const OID_NAME_CONSTRAINTS = '2.5.29.30';
export const OID_EKU = '2.5.29.37';

/** Critical extensions OpenSSL 3 understands (X509_supported_extension in v3_purp.c). */
export const OPENSSL_SUPPORTED_CRITICAL = new Set([
  '2.16.840.1.113730.1.1', // nsCertType
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.32', // certificatePolicies
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.7', // sbgp-ipAddrBlock
  '1.3.6.1.5.5.7.1.8', // sbgp-autonomousSysNum
  '1.3.6.1.5.5.7.48.1.5', // OCSP noCheck
  '2.5.29.36', // policyConstraints
  '1.3.6.1.5.5.7.1.14', // proxyCertInfo
  '2.5.29.30', // nameConstraints
  '2.5.29.33', // policyMappings
  '2.5.29.54', // inhibitAnyPolicy
]);

/** Extensions OpenSSL decodes when it first looks at a certificate (ossl_x509v3_cache_extensions). */
const CACHED_EXTENSIONS = new Set([
  '2.5.29.19',
  '2.5.29.15',
  '2.5.29.37',
  '2.5.29.17',
  '2.5.29.30',
  '2.5.29.35',
  '2.5.29.14',
  '2.5.29.31',
  '2.16.840.1.113730.1.1',
  '1.3.6.1.5.5.7.1.14',
]);

/**
 * Why OpenSSL would mark the certificate EXFLAG_INVALID: one of the extensions it decodes up
 * front is malformed, an extension appears twice, or keyUsage has no bit set. Such a certificate
 * is never linked to an issuer (ossl_x509_likely_issued fails), so OpenSSL reports 20.
 */
export function linkProblem(cert: Certificate): { oid: string; reason: string } | undefined {
  const seen = new Set<string>();
  for (const e of cert.extensions) {
    if (seen.has(e.oid)) return { oid: e.oid, reason: 'the extension appears twice' };
    seen.add(e.oid);
    if (e.error && CACHED_EXTENSIONS.has(e.oid)) return { oid: e.oid, reason: e.error };
  }
  if (cert.keyUsage && cert.keyUsage.length === 0) return { oid: '2.5.29.15', reason: 'keyUsage has no bit set' };
  const bad = malformedGeneralName(cert.subjectAltNames ?? []);
  if (bad) return { oid: '2.5.29.17', reason: bad };
  const nc = cert.nameConstraints;
  const badNc = nc && malformedGeneralName([...nc.permitted, ...nc.excluded]);
  if (badNc) return { oid: '2.5.29.30', reason: badNc };
  return undefined;
}

/**
 * A GeneralName OpenSSL's decoder refuses, so the whole extension fails to decode and OpenSSL
 * finds no issuer for the certificate (issue #16: BetterTLS's SANs with a primitive [0] or [3]).
 */
function malformedGeneralName(names: GeneralName[]): string | undefined {
  const g = names.find((n) => n.type === 'unknown' && n.malformed);
  return g?.type === 'unknown' ? `a GeneralName with tag [${g.tag}] that is not well-formed` : undefined;
}

/** Names issuer and subject equal and key ids agree (OpenSSL X509_self_signed without the signature). */
export function isSelfSigned(cert: Certificate): boolean {
  return namesIssuer(cert, cert) && keyIdsAgree(cert, cert) && !linkProblem(cert);
}

export function mayHaveIssued(issuer: Certificate, cert: Certificate): boolean {
  return namesIssuer(issuer, cert) && keyIdsAgree(cert, issuer) && !linkProblem(issuer) && !linkProblem(cert);
}

/**
 * X509_check_ca: 0 not a CA; 1 basicConstraints CA:TRUE; 3 v1 self-signed root;
 * 4 keyUsage with keyCertSign but no basicConstraints. A keyUsage without keyCertSign is never a CA.
 */
export function caStatus(cert: Certificate): 0 | 1 | 3 | 4 {
  if (cert.keyUsage && !cert.keyUsage.includes('keyCertSign')) return 0;
  if (hasExt(cert, OID_BASIC_CONSTRAINTS)) return cert.basicConstraints?.ca ? 1 : 0;
  if (cert.version === 1 && isSelfSigned(cert)) return 3;
  if (cert.keyUsage) return 4;
  return 0;
}

/** Security bits of a public key as OpenSSL counts them (EVP_PKEY_get_security_bits). */
export function keySecurityBits(cert: Certificate): number {
  const k = cert.publicKey;
  if (k.algorithm === 'RSA' || k.algorithm === 'RSA-PSS' || k.algorithm === 'DSA') return rsaSecurityBits(k.bits);
  if (k.algorithm === 'Ed25519' || k.algorithm === 'X25519') return 128;
  if (k.algorithm === 'Ed448' || k.algorithm === 'X448') return 224;
  if (k.algorithm === 'EC') return Math.floor(k.bits / 2);
  return 0;
}

/** NIST SP 800-57 equivalences, as OpenSSL's ossl_ifc_ffc_compute_security_bits rounds them. */
export function rsaSecurityBits(bits: number): number {
  if (bits >= 15360) return 256;
  if (bits >= 7680) return 192;
  if (bits >= 3072) return 128;
  if (bits >= 2048) return 112;
  if (bits >= 1024) return 80;
  return 0;
}

/** Security bits of a signature digest (OpenSSL sigalg security: MD5 39, SHA-1 63). */
export function digestSecurityBits(digest: string): number {
  switch (digest) {
    case 'MD5':
      return 39;
    case 'SHA-1':
      return 63;
    case 'SHA-224':
      return 112;
    case 'SHA-256':
      return 128;
    case 'SHA-384':
      return 192;
    case 'SHA-512':
      return 256;
    default:
      return 128;
  }
}
