/**
 * Certificate-profile checks beyond what OpenSSL enforces, off unless asked for
 * (ValidateInput.profile):
 * - 'rfc5280': the RFC 5280 MUSTs OpenSSL leaves alone (serial numbers, nameConstraints only
 *   in CAs, non-empty and critical);
 * - 'cabf': the CA/Browser Forum Baseline Requirements profile that rustls-webpki and
 *   browsers enforce (RFC 5280's rules except criticality of nameConstraints, plus key
 *   algorithms, EKU in leaves and roots, SAN criticality, root AKI form).
 * Each returns a named failure; the OpenSSL code beside it is the nearest one OpenSSL has.
 */
import type { Certificate } from '../model.ts';
import type { ValidationFailure } from './failures.ts';
import { OID_AKI, OID_EKU, OID_NAME_CONSTRAINTS, OID_SAN, certAt, hasExt } from './cert-facts.ts';
import type { AuthorityKeyId } from '../x509/extensions.ts';

const ANY_EKU = '2.5.29.37.0';
const ALLOWED_KEYS = new Set(['RSA', 'EC']);
const ALLOWED_CURVES = new Set(['P-256', 'P-384', 'P-521']);

export type Profile = 'rfc5280' | 'cabf';

function serialProblem(serialHex: string): 'zero' | 'negative' | 'longer than 20 octets' | undefined {
  const digits = serialHex.replace(/^-/, '');
  if (/^0*$/.test(digits)) return 'zero';
  if (serialHex.startsWith('-')) return 'negative';
  if (digits.length > 40) return 'longer than 20 octets';
  return undefined;
}

export function profileFailure(profile: Profile, cert: Certificate, i: number, n: number): ValidationFailure | undefined {
  const at = certAt(cert, i);
  const isPeer = i === 0;
  const isAnchor = i === n - 1;
  // A trust anchor is a key and a name: the serial rules apply to the certificates it issued.
  const serial = isAnchor ? undefined : serialProblem(cert.serialHex);
  if (serial) return { kind: 'InvalidSerialNumber', ...at, serialHex: cert.serialHex, reason: serial };
  // A trusted intermediate is still a certificate a CA issued: RFC 5280 4.2.1.1 wants its AKI
  // (OpenSSL's strict check exempts the top of the chain, whatever it is).
  if (isAnchor && !cert.selfIssued && cert.version >= 3 && !cert.authorityKeyId) return { kind: 'MissingAuthorityKeyId', ...at };
  const nc = hasExt(cert, OID_NAME_CONSTRAINTS);
  if (nc && !cert.basicConstraints?.ca) {
    return { kind: 'NonConformingExtension', ...at, oid: nc.oid, rule: 'nameConstraints only in CA certificates (RFC 5280 4.2.1.10)' };
  }
  if (nc && cert.nameConstraints && cert.nameConstraints.permitted.length === 0 && cert.nameConstraints.excluded.length === 0) {
    return { kind: 'NonConformingExtension', ...at, oid: nc.oid, rule: 'nameConstraints needs permitted or excluded subtrees (RFC 5280 4.2.1.10)' };
  }
  if (profile === 'rfc5280') {
    if (nc && !nc.critical) return { kind: 'NonConformingExtension', ...at, oid: nc.oid, rule: 'nameConstraints must be critical (RFC 5280 4.2.1.10)' };
    return undefined;
  }
  const k = cert.publicKey;
  if (!ALLOWED_KEYS.has(k.algorithm) || (k.algorithm === 'EC' && !ALLOWED_CURVES.has(k.curve ?? ''))) {
    return { kind: 'ForbiddenKeyAlgorithm', ...at, algorithm: k.curve ? `${k.algorithm} ${k.curve}` : k.algorithm };
  }
  const san = hasExt(cert, OID_SAN);
  if (san?.critical && cert.subject.rdns.length > 0) {
    return { kind: 'NonConformingExtension', ...at, oid: san.oid, rule: 'subjectAltName must not be critical when the subject is not empty (BR 7.1.2.7.12)' };
  }
  const eku = hasExt(cert, OID_EKU);
  if (isPeer) {
    if (cert.basicConstraints?.ca) return { kind: 'InvalidNonCa', ...at };
    if (!eku) return { kind: 'MissingExtendedKeyUsage', ...at };
    if (eku.critical) return { kind: 'NonConformingExtension', ...at, oid: eku.oid, rule: 'extKeyUsage must not be critical (BR 7.1.2.7.6)' };
    if (cert.extKeyUsage?.includes(ANY_EKU)) return { kind: 'AnyExtendedKeyUsage', ...at };
  }
  // The BR root profile: a trusted intermediate (a non-self-signed anchor) is a subordinate CA.
  if (isAnchor && n > 1 && cert.selfIssued) {
    if (eku) return { kind: 'NonConformingExtension', ...at, oid: eku.oid, rule: 'a root must not carry extKeyUsage (BR 7.1.2.1.2)' };
    const aki = hasExt(cert, OID_AKI);
    const d = aki?.decoded as { kind?: string; value?: AuthorityKeyId } | undefined;
    if (aki && d?.kind === 'authorityKeyIdentifier' && (!d.value?.keyId || d.value.issuer || d.value.serialHex)) {
      return { kind: 'NonConformingExtension', ...at, oid: aki.oid, rule: 'a root AKI holds only keyIdentifier (BR 7.1.2.1.3)' };
    }
    if (aki && d?.value?.keyId && cert.subjectKeyId && d.value.keyId !== cert.subjectKeyId) {
      return { kind: 'NonConformingExtension', ...at, oid: aki.oid, rule: "a root AKI's keyIdentifier is its own subjectKeyIdentifier (BR 7.1.2.1.3)" };
    }
  }
  return undefined;
}
