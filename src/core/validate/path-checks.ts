/**
 * Checks one candidate path (peer first, trust anchor last) in the order OpenSSL 3's
 * verify_chain runs them, and returns the first failure: extensions and CA markings per
 * certificate (check_extensions), key and digest strength (check_auth_level), the peer's
 * name (check_id), issuer key usage, signatures and validity from the anchor down
 * (internal_verify), then name constraints (check_name_constraints).
 */
import type { Certificate, Millis, Subtle, ValidationPolicy } from '../model.ts';
import { DerReader, TAG } from '../der/reader.ts';
import { toHex } from '../der/hex.ts';
import type { Purpose, ValidationFailure } from './failures.ts';
import {
  OID_AKI,
  OID_BASIC_CONSTRAINTS,
  OID_SAN,
  OID_SKI,
  OPENSSL_SUPPORTED_CRITICAL,
  caStatus,
  certAt,
  digestSecurityBits,
  hasExt,
  isSelfSigned,
  keySecurityBits,
  rsaSecurityBits,
} from './cert-facts.ts';
import { checkPeerName, type PeerName } from './hostname.ts';
import { checkNameConstraints, type ConstraintViolation, type NameConstraintBudget } from './name-constraints.ts';
import { profileFailure, type Profile } from './profile-checks.ts';
import { signatureDigest, verifySignature } from '../x509/signature.ts';
import type { Crl } from '../x509/crl.ts';
import { revocationFailure } from './revocation.ts';

export interface PathContext {
  at: Millis;
  purpose: Purpose;
  policy: ValidationPolicy;
  peerName?: PeerName;
  /** Certificate-profile checks beyond OpenSSL's (profile-checks.ts). */
  profile?: Profile;
  subtle: Subtle;
  /** Signature results by `child sha256 + issuer sha256` (a path shares most links with others). */
  signatureCache: Map<string, Promise<ValidationFailure | undefined>>;
  /** Signatures this validation has verified (cache misses) and how many it may verify. */
  signatureBudget: { used: number; limit: number };
  /** Name-constraint comparisons this validation may still spend (name-constraints.ts). */
  ncBudget: NameConstraintBudget;
  /** CRLs to check revocation against (revocation.ts); none = no revocation check. */
  crls?: readonly Crl[];
  /** Name-constraint results by `cert sha256 + CA sha256 + peer? + pedantic?` (paths share most pairs). */
  ncCache: Map<string, ConstraintViolation | null>;
}

const EKU_SERVER = '1.3.6.1.5.5.7.3.1';
const EKU_CLIENT = '1.3.6.1.5.5.7.3.2';
const EKU_SGC = ['2.16.840.1.113730.4.1', '1.3.6.1.4.1.311.10.3.3'];

/** DER of the AlgorithmIdentifier inside tbsCertificate and of the outer one, as hex. */
function signatureAlgorithmsHex(cert: Certificate): { inner: string; outer: string } | undefined {
  try {
    const r = new DerReader(cert.der);
    const c = r.into(r.expect(TAG.SEQUENCE, 'Certificate'));
    const tbsTlv = c.expect(TAG.SEQUENCE, 'tbsCertificate');
    const outer = c.raw(c.expect(TAG.SEQUENCE, 'signatureAlgorithm'));
    const t = c.into(tbsTlv);
    t.optional(0xa0);
    t.expect(TAG.INTEGER, 'serialNumber');
    const inner = t.raw(t.expect(TAG.SEQUENCE, 'signature'));
    return { inner: toHex(inner), outer: toHex(outer) };
  } catch {
    return undefined;
  }
}

/** OpenSSL check_purpose for sslserver / sslclient (X509_check_purpose + check_ssl_ca). */
function purposeFailure(cert: Certificate, depth: number, ctx: PathContext): ValidationFailure | undefined {
  const wanted = ctx.purpose === 'serverAuth' ? EKU_SERVER : EKU_CLIENT;
  const eku = cert.extKeyUsage;
  const at = certAt(cert, depth);
  if (eku && !eku.includes(wanted) && !(ctx.purpose === 'serverAuth' && eku.some((o) => EKU_SGC.includes(o)))) {
    return { kind: 'InvalidPurpose', ...at, purpose: ctx.purpose, reason: 'extended-key-usage', present: eku };
  }
  if (depth > 0) {
    const ca = caStatus(cert);
    if (ca === 0 || (ca !== 1 && ctx.policy.strict)) {
      return { kind: 'InvalidPurpose', ...at, purpose: ctx.purpose, reason: 'key-usage', present: cert.keyUsage ?? [] };
    }
    return undefined;
  }
  const ku = cert.keyUsage;
  const allowed = ctx.purpose === 'serverAuth' ? ['digitalSignature', 'keyEncipherment', 'keyAgreement'] : ['digitalSignature', 'keyAgreement'];
  if (ku && !ku.some((u) => allowed.includes(u))) {
    return { kind: 'InvalidPurpose', ...at, purpose: ctx.purpose, reason: 'key-usage', present: ku };
  }
  return undefined;
}

/** X509_V_FLAG_X509_STRICT checks (RFC 5280 profile), in OpenSSL's order. */
function strictFailure(cert: Certificate, i: number, n: number): ValidationFailure | undefined {
  const at = certAt(cert, i);
  const bcExt = hasExt(cert, OID_BASIC_CONSTRAINTS);
  const bc = cert.basicConstraints;
  const isCa = bc?.ca === true;
  const ku = cert.keyUsage;
  if (bc?.pathLen !== undefined) {
    if (!isCa) return { kind: 'PathlenInvalidForNonCa', ...at, pathLen: bc.pathLen };
    if (ku && !ku.includes('keyCertSign')) return { kind: 'PathlenWithoutKeyCertSign', ...at, pathLen: bc.pathLen };
  }
  if (isCa && bcExt && !bcExt.critical) return { kind: 'CaBasicConstraintsNotCritical', ...at };
  if (isCa) {
    if (!ku) return { kind: 'CaMissingKeyUsage', ...at };
  } else if (ku?.includes('keyCertSign')) {
    return { kind: 'KeyCertSignOnNonCa', ...at };
  }
  if (cert.issuer.rdns.length === 0) return { kind: 'IssuerNameEmpty', ...at };
  const san = hasExt(cert, OID_SAN);
  const subjectEmpty = cert.subject.rdns.length === 0;
  if ((isCa || ku?.includes('cRLSign') || !san) && subjectEmpty) return { kind: 'SubjectNameEmpty', ...at };
  if (subjectEmpty && san && !san.critical) return { kind: 'EmptySubjectSanNotCritical', ...at };
  if (san && (cert.subjectAltNames ?? []).length === 0) return { kind: 'EmptySubjectAltName', ...at };
  const algs = signatureAlgorithmsHex(cert);
  if (algs && algs.inner !== algs.outer) {
    return { kind: 'SignatureAlgorithmInconsistency', ...at, outer: algs.outer, inner: algs.inner };
  }
  if (hasExt(cert, OID_AKI)?.critical) return { kind: 'AuthorityKeyIdCritical', ...at };
  if (hasExt(cert, OID_SKI)?.critical) return { kind: 'SubjectKeyIdCritical', ...at };
  if (cert.version >= 3) {
    if (i + 1 < n && !cert.authorityKeyId) return { kind: 'MissingAuthorityKeyId', ...at };
    if (isCa && !cert.subjectKeyId) return { kind: 'MissingSubjectKeyId', ...at };
  } else if (cert.extensions.length > 0) {
    return { kind: 'ExtensionsRequireV3', ...at, version: cert.version };
  }
  return undefined;
}

function invalidCaReason(cert: Certificate): Extract<ValidationFailure, { kind: 'InvalidCa' }>['reason'] {
  if (cert.keyUsage && !cert.keyUsage.includes('keyCertSign')) return 'key-usage-without-keyCertSign';
  if (hasExt(cert, OID_BASIC_CONSTRAINTS)) return 'basic-constraints-not-ca';
  if (cert.version === 1) return 'v1-not-self-signed';
  return 'no-basic-constraints';
}

/** OpenSSL check_extensions. */
function extensionFailure(path: Certificate[], ctx: PathContext): ValidationFailure | undefined {
  const n = path.length;
  let plen = 0;
  for (let i = 0; i < n; i++) {
    const cert = path[i];
    const at = certAt(cert, i);
    // OpenSSL ignores malformed extensions it never decodes (AIA, policies, ...); the profiles do not.
    const malformed = ctx.profile ? cert.extensions.find((e) => e.error) : undefined;
    if (malformed) return { kind: 'InvalidExtension', ...at, oid: malformed.oid, reason: malformed.error! };
    const unhandled = cert.extensions.find((e) => e.critical && !OPENSSL_SUPPORTED_CRITICAL.has(e.oid));
    if (unhandled) return { kind: 'UnhandledCriticalExtension', ...at, oid: unhandled.oid };
    const ca = caStatus(cert);
    const strict = ctx.policy.strict;
    if (i === 0 ? strict && ca !== 0 && ca !== 1 : ca === 0 || ((i + 1 < n || strict) && ca !== 1)) {
      return { kind: 'InvalidCa', ...at, reason: invalidCaReason(cert) };
    }
    if (strict && n > 1) {
      const f = strictFailure(cert, i, n);
      if (f) return f;
    }
    const p = purposeFailure(cert, i, ctx);
    if (p) return p;
    const pathLen = cert.basicConstraints?.pathLen;
    if (i > 1 && pathLen !== undefined && plen > pathLen) {
      return { kind: 'PathLengthExceeded', ...at, pathLen, intermediatesBelow: plen };
    }
    if (i > 0 && !cert.selfIssued) plen++;
    if (ctx.profile) {
      const w = profileFailure(ctx.profile, cert, i, n);
      if (w) return w;
    }
  }
  return undefined;
}

/** The peer's key against the policy's minimum (OpenSSL checks it before building the chain). */
export function keyFailure(cert: Certificate, depth: number, policy: ValidationPolicy): ValidationFailure | undefined {
  if (policy.minRsaBits <= 0) return undefined;
  const need = rsaSecurityBits(policy.minRsaBits);
  if (keySecurityBits(cert) >= need) return undefined;
  const f = { ...certAt(cert, depth), algorithm: cert.publicKey.algorithm, bits: cert.publicKey.bits, minBits: policy.minRsaBits };
  return depth === 0 ? { kind: 'EeKeyTooSmall', ...f } : { kind: 'CaKeyTooSmall', ...f };
}

/** OpenSSL check_auth_level: key sizes of every certificate, signature digests below the anchor. */
function authLevelFailure(path: Certificate[], ctx: PathContext): ValidationFailure | undefined {
  for (let i = 0; i < path.length; i++) {
    const k = keyFailure(path[i], i, ctx.policy);
    if (k) return k;
    if (i < path.length - 1 && ctx.policy.rejectSha1) {
      const digest = signatureDigest(path[i].signatureAlgorithm);
      if (digest && digestSecurityBits(digest) < 80) {
        return { kind: 'WeakSignatureDigest', ...certAt(path[i], i), algorithm: path[i].signatureAlgorithm.name };
      }
    }
  }
  return undefined;
}

function idFailure(peer: Certificate, ctx: PathContext): ValidationFailure | undefined {
  if (!ctx.peerName) return undefined;
  const r = checkPeerName(peer, ctx.peerName, ctx.policy.cnFallback, ctx.policy.partialWildcards ?? false);
  if (r.ok) return undefined;
  const kind = ctx.peerName.kind === 'ip' ? 'IpAddressMismatch' : 'HostnameMismatch';
  return { kind, ...certAt(peer, 0), expected: ctx.peerName.value, presented: r.presented };
}

async function signatureFailure(cert: Certificate, issuer: Certificate, depth: number, ctx: PathContext): Promise<ValidationFailure | undefined> {
  const key = `${cert.sha256}:${issuer.sha256}`;
  let p = ctx.signatureCache.get(key);
  if (!p) {
    if (++ctx.signatureBudget.used > ctx.signatureBudget.limit) {
      return { kind: 'SignatureBudgetExhausted', ...certAt(cert, depth), budget: ctx.signatureBudget.limit };
    }
    p = verifySignature(cert, issuer, ctx.subtle).then((r): ValidationFailure | undefined => {
      if (r.ok) return undefined;
      const at = certAt(cert, depth);
      if (r.reason === 'unsupported-algorithm') return { kind: 'UnsupportedSignatureAlgorithm', ...at, algorithm: r.algorithm };
      if (r.reason === 'undecodable-key') return { kind: 'IssuerKeyUndecodable', ...at, algorithm: issuer.publicKey.algorithm };
      return { kind: 'BadSignature', ...at, algorithm: r.algorithm, issuerSubject: issuer.subject.oneline };
    });
    ctx.signatureCache.set(key, p);
  }
  const f = await p;
  return f && { ...f, depth };
}

function timeFailure(cert: Certificate, depth: number, exactly: Millis): ValidationFailure | undefined {
  // Certificate times have whole seconds: the time is compared at that granularity (floored, as
  // OpenSSL's time_t and x509-limbo's notafter-fractional / notbefore-fractional expect).
  const at = Math.floor(exactly / 1000) * 1000;
  if (at < cert.notBefore) return { kind: 'CertNotYetValid', ...certAt(cert, depth), notBefore: cert.notBefore, at };
  if (at > cert.notAfter) return { kind: 'CertExpired', ...certAt(cert, depth), notAfter: cert.notAfter, at };
  return undefined;
}

/** OpenSSL internal_verify: from the anchor down, issuer keyCertSign, signature, then validity. */
async function internalVerifyFailure(path: Certificate[], ctx: PathContext): Promise<ValidationFailure | undefined> {
  const n = path.length;
  for (let i = n - 1; i >= 0; i--) {
    const cert = path[i];
    if (i < n - 1) {
      const issuer = path[i + 1];
      if (issuer.keyUsage && !issuer.keyUsage.includes('keyCertSign')) {
        return { kind: 'IssuerKeyNoCertSign', ...certAt(issuer, i + 1), keyUsage: issuer.keyUsage };
      }
      const s = await signatureFailure(cert, issuer, i, ctx);
      if (s) return s;
    }
    const t = timeFailure(cert, i, ctx.at);
    if (t) return t;
  }
  return undefined;
}

/**
 * OpenSSL check_name_constraints: each certificate (top down) against every constraint above it.
 * Each pair is checked once per validation; the work is bounded by OpenSSL's per-pair limit and
 * the validation's comparison budget (ctx.ncBudget).
 */
function nameConstraintFailure(path: Certificate[], ctx: PathContext): ValidationFailure | undefined {
  const n = path.length;
  for (let i = n - 1; i >= 0; i--) {
    const cert = path[i];
    if (i > 0 && cert.selfIssued) continue;
    for (let j = n - 1; j > i; j--) {
      const nc = path[j].nameConstraints;
      if (!nc) continue;
      const key = `${cert.sha256}:${path[j].sha256}:${i === 0}:${!!ctx.profile}`;
      let v = ctx.ncCache.get(key);
      if (v === undefined) {
        v = checkNameConstraints(cert, i === 0, nc, !!ctx.profile, ctx.ncBudget) ?? null;
        // Running out of this validation's budget is not a fact about the pair: not kept for others.
        if (!(v?.kind === 'NameConstraintBudgetExhausted' && v.scope === 'validation')) ctx.ncCache.set(key, v);
      }
      if (v) return { ...v, ...certAt(cert, i), constraintDepth: j } as ValidationFailure;
    }
  }
  return undefined;
}

/** First failure of a complete path, or undefined when it validates. */
export async function checkPath(path: Certificate[], ctx: PathContext): Promise<ValidationFailure | undefined> {
  return (
    extensionFailure(path, ctx) ??
    authLevelFailure(path, ctx) ??
    idFailure(path[0], ctx) ??
    (await revocationFailure(path, ctx.crls ?? [], ctx.at, !!ctx.profile, ctx.subtle)) ??
    (await internalVerifyFailure(path, ctx)) ??
    nameConstraintFailure(path, ctx)
  );
}

export { isSelfSigned };
