/**
 * Extension decoders, keyed by OID. Each reads the extnValue contents and returns plain
 * data; an unknown extension stays as OID + hex, a known one that fails to decode keeps
 * its hex and gets an `error` text instead of failing the whole certificate.
 */
import type { BasicConstraints, Extension, GeneralName, KeyUsageFlag, NameConstraints } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { bitsSet, decodeBitString, decodeBoolean, decodeInteger, decodeOid, decodeSmallInt, decodeString, decodeTime } from '../der/primitives.ts';
import { toHex } from '../der/hex.ts';
import { readGeneralName, readGeneralNames } from './general-name.ts';
import { readSctList, type Sct } from './sct.ts';
import { ACCESS_METHODS, EXTENSIONS, EXT_KEY_USAGES, POLICIES, oidName } from '../der/oids.ts';

export const KEY_USAGE_BITS: KeyUsageFlag[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface AuthorityKeyId {
  keyId?: string;
  issuer?: GeneralName[];
  serialHex?: string;
}
export interface AccessDescription {
  method: string;
  methodName: string;
  location: GeneralName;
}
export interface DistributionPoint {
  fullName?: GeneralName[];
  reasons?: string[];
  crlIssuer?: GeneralName[];
}
export interface PolicyInfo {
  oid: string;
  name: string;
  cps: string[];
  userNotices: string[];
}
export interface PolicyConstraints {
  requireExplicitPolicy?: number;
  inhibitPolicyMapping?: number;
}

export type DecodedExtension =
  | { kind: 'subjectAltName' | 'issuerAltName'; names: GeneralName[] }
  | { kind: 'keyUsage'; flags: KeyUsageFlag[] }
  | { kind: 'extKeyUsage'; usages: { oid: string; name: string }[] }
  | { kind: 'basicConstraints'; value: BasicConstraints }
  | { kind: 'nameConstraints'; value: NameConstraints }
  | { kind: 'subjectKeyIdentifier'; keyId: string }
  | { kind: 'authorityKeyIdentifier'; value: AuthorityKeyId }
  | { kind: 'authorityInfoAccess' | 'subjectInfoAccess'; access: AccessDescription[] }
  | { kind: 'cRLDistributionPoints' | 'freshestCRL'; points: DistributionPoint[] }
  | { kind: 'certificatePolicies'; policies: PolicyInfo[] }
  | { kind: 'policyConstraints'; value: PolicyConstraints }
  | { kind: 'policyMappings'; mappings: { issuerDomainPolicy: string; subjectDomainPolicy: string }[] }
  | { kind: 'inhibitAnyPolicy'; skipCerts: number }
  | { kind: 'sctList'; scts: Sct[] }
  | { kind: 'precertPoison' }
  | { kind: 'tlsFeature'; features: number[] }
  | { kind: 'text'; text: string }
  | { kind: 'integer'; hex: string }
  | { kind: 'crlReason'; reason: string }
  | { kind: 'time'; at: number };

type Decoder = (r: DerReader, t: Tlv) => DecodedExtension;

function seqOf(r: DerReader, t: Tlv, what: string): DerReader {
  if (t.tag !== TAG.SEQUENCE) throw new DerError('UnexpectedTag', t.start, `tag 0x${t.tag.toString(16)}`, `SEQUENCE (${what})`);
  return r.into(t);
}

const altNames =
  (kind: 'subjectAltName' | 'issuerAltName'): Decoder =>
  (r, t) => ({ kind, names: readGeneralNames(r, t) });

function accessList(kind: 'authorityInfoAccess' | 'subjectInfoAccess'): Decoder {
  return (r, t) => {
    const s = seqOf(r, t, 'AuthorityInfoAccessSyntax');
    const access: AccessDescription[] = [];
    while (!s.atEnd()) {
      const ad = s.into(s.expect(TAG.SEQUENCE, 'an AccessDescription'));
      const o = ad.expect(TAG.OID, 'the accessMethod');
      const method = decodeOid(ad.value(o), o.valueStart);
      const location = readGeneralName(ad, ad.next());
      ad.finish('AccessDescription');
      access.push({ method, methodName: ACCESS_METHODS[method] ?? method, location });
    }
    return { kind, access };
  };
}

const REASONS = [
  'unused',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];
const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

function distributionPoints(kind: 'cRLDistributionPoints' | 'freshestCRL'): Decoder {
  return (r, t) => {
    const s = seqOf(r, t, 'CRLDistributionPoints');
    const points: DistributionPoint[] = [];
    while (!s.atEnd()) {
      const dp = s.into(s.expect(TAG.SEQUENCE, 'a DistributionPoint'));
      const p: DistributionPoint = {};
      const name = dp.optional(0xa0);
      if (name) {
        const n = dp.into(name);
        const full = n.optional(0xa0);
        if (full) p.fullName = readGeneralNames(n, full);
        else n.next(); // nameRelativeToCRLIssuer: kept only in the hex
      }
      const reasons = dp.optional(0x81);
      if (reasons) p.reasons = bitsSet(decodeBitString(dp.value(reasons), reasons.valueStart)).map((i) => REASONS[i] ?? `bit${i}`);
      const issuer = dp.optional(0xa2);
      if (issuer) p.crlIssuer = readGeneralNames(dp, issuer);
      dp.finish('DistributionPoint');
      points.push(p);
    }
    return { kind, points };
  };
}

function policies(r: DerReader, t: Tlv): DecodedExtension {
  const s = seqOf(r, t, 'certificatePolicies');
  const out: PolicyInfo[] = [];
  while (!s.atEnd()) {
    const pi = s.into(s.expect(TAG.SEQUENCE, 'a PolicyInformation'));
    const o = pi.expect(TAG.OID, 'the policyIdentifier');
    const oid = decodeOid(pi.value(o), o.valueStart);
    const info: PolicyInfo = { oid, name: POLICIES[oid] ?? oid, cps: [], userNotices: [] };
    const quals = pi.optional(TAG.SEQUENCE);
    if (quals) {
      const q = pi.into(quals);
      while (!q.atEnd()) {
        const pq = q.into(q.expect(TAG.SEQUENCE, 'a PolicyQualifierInfo'));
        const qo = pq.expect(TAG.OID, 'the policyQualifierId');
        const qid = decodeOid(pq.value(qo), qo.valueStart);
        const v = pq.next();
        if (qid === '1.3.6.1.5.5.7.2.1') info.cps.push(decodeString(v.tag, pq.value(v), v.valueStart));
        else if (qid === '1.3.6.1.5.5.7.2.2' && v.tag === TAG.SEQUENCE) {
          const un = pq.into(v);
          while (!un.atEnd()) {
            const e = un.next();
            if (e.tag !== TAG.SEQUENCE) info.userNotices.push(decodeString(e.tag, un.value(e), e.valueStart));
          }
        }
      }
    }
    out.push(info);
  }
  return { kind: 'certificatePolicies', policies: out };
}

function nameConstraints(r: DerReader, t: Tlv): DecodedExtension {
  const s = seqOf(r, t, 'NameConstraints');
  const value: NameConstraints = { permitted: [], excluded: [] };
  const subtrees = (tlv: Tlv): GeneralName[] => {
    const st = s.into(tlv);
    const names: GeneralName[] = [];
    while (!st.atEnd()) {
      const gs = st.into(st.expect(TAG.SEQUENCE, 'a GeneralSubtree'));
      names.push(readGeneralName(gs, gs.next(), true));
    }
    return names;
  };
  const p = s.optional(0xa0);
  if (p) value.permitted = subtrees(p);
  const e = s.optional(0xa1);
  if (e) value.excluded = subtrees(e);
  s.finish('NameConstraints');
  return { kind: 'nameConstraints', value };
}

const DECODERS: Record<string, Decoder> = {
  '2.5.29.17': altNames('subjectAltName'),
  '2.5.29.18': altNames('issuerAltName'),
  '2.5.29.15': (r, t) => {
    if (t.tag !== TAG.BIT_STRING) throw new DerError('UnexpectedTag', t.start, `tag 0x${t.tag.toString(16)}`, 'BIT STRING (keyUsage)');
    return {
      kind: 'keyUsage',
      flags: bitsSet(decodeBitString(r.value(t), t.valueStart))
        .filter((i) => i < 9)
        .map((i) => KEY_USAGE_BITS[i]),
    };
  },
  '2.5.29.37': (r, t) => {
    const s = seqOf(r, t, 'ExtKeyUsageSyntax');
    const usages: { oid: string; name: string }[] = [];
    while (!s.atEnd()) {
      const o = s.expect(TAG.OID, 'a KeyPurposeId');
      const oid = decodeOid(s.value(o), o.valueStart);
      usages.push({ oid, name: EXT_KEY_USAGES[oid] ?? oid });
    }
    return { kind: 'extKeyUsage', usages };
  },
  '2.5.29.19': (r, t) => {
    const s = seqOf(r, t, 'BasicConstraints');
    const value: BasicConstraints = { ca: false };
    const ca = s.optional(TAG.BOOLEAN);
    if (ca) value.ca = decodeBoolean(s.value(ca), ca.valueStart);
    const pl = s.optional(TAG.INTEGER);
    if (pl) value.pathLen = decodeSmallInt(s.value(pl), pl.valueStart);
    s.finish('BasicConstraints');
    return { kind: 'basicConstraints', value };
  },
  '2.5.29.30': nameConstraints,
  '2.5.29.14': (r, t) => {
    if (t.tag !== TAG.OCTET_STRING) throw new DerError('UnexpectedTag', t.start, `tag 0x${t.tag.toString(16)}`, 'OCTET STRING (subjectKeyIdentifier)');
    return { kind: 'subjectKeyIdentifier', keyId: toHex(r.value(t)) };
  },
  '2.5.29.35': (r, t) => {
    const s = seqOf(r, t, 'AuthorityKeyIdentifier');
    const value: AuthorityKeyId = {};
    const k = s.optional(0x80);
    if (k) value.keyId = toHex(s.value(k));
    const iss = s.optional(0xa1);
    if (iss) value.issuer = readGeneralNames(s, iss);
    const sn = s.optional(0x82);
    if (sn) value.serialHex = decodeInteger(s.value(sn), sn.valueStart).hex;
    s.finish('AuthorityKeyIdentifier');
    return { kind: 'authorityKeyIdentifier', value };
  },
  '1.3.6.1.5.5.7.1.1': accessList('authorityInfoAccess'),
  '1.3.6.1.5.5.7.1.11': accessList('subjectInfoAccess'),
  '2.5.29.31': distributionPoints('cRLDistributionPoints'),
  '2.5.29.46': distributionPoints('freshestCRL'),
  '2.5.29.32': policies,
  '2.5.29.36': (r, t) => {
    const s = seqOf(r, t, 'PolicyConstraints');
    const value: PolicyConstraints = {};
    const a = s.optional(0x80);
    if (a) value.requireExplicitPolicy = decodeSmallInt(s.value(a), a.valueStart);
    const b = s.optional(0x81);
    if (b) value.inhibitPolicyMapping = decodeSmallInt(s.value(b), b.valueStart);
    return { kind: 'policyConstraints', value };
  },
  '2.5.29.33': (r, t) => {
    const s = seqOf(r, t, 'PolicyMappings');
    const mappings: { issuerDomainPolicy: string; subjectDomainPolicy: string }[] = [];
    while (!s.atEnd()) {
      const m = s.into(s.expect(TAG.SEQUENCE, 'a policy mapping'));
      const a = m.expect(TAG.OID, 'issuerDomainPolicy');
      const b = m.expect(TAG.OID, 'subjectDomainPolicy');
      mappings.push({ issuerDomainPolicy: decodeOid(m.value(a), a.valueStart), subjectDomainPolicy: decodeOid(m.value(b), b.valueStart) });
    }
    return { kind: 'policyMappings', mappings };
  },
  '2.5.29.54': (r, t) => ({ kind: 'inhibitAnyPolicy', skipCerts: decodeSmallInt(r.value(t), t.valueStart) }),
  '1.3.6.1.4.1.11129.2.4.2': (r, t) => ({ kind: 'sctList', scts: readSctList(r, t) }),
  '1.3.6.1.4.1.11129.2.4.5': (r, t) => ({ kind: 'sctList', scts: readSctList(r, t) }),
  '1.3.6.1.4.1.11129.2.4.3': () => ({ kind: 'precertPoison' }),
  '1.3.6.1.5.5.7.1.24': (r, t) => {
    const s = seqOf(r, t, 'TLS features');
    const features: number[] = [];
    while (!s.atEnd()) {
      const i = s.expect(TAG.INTEGER, 'a TLS feature');
      features.push(decodeSmallInt(s.value(i), i.valueStart));
    }
    return { kind: 'tlsFeature', features };
  },
  '2.16.840.1.113730.1.13': (r, t) => ({ kind: 'text', text: decodeString(t.tag, r.value(t), t.valueStart) }),
  '2.5.29.20': (r, t) => ({ kind: 'integer', hex: decodeInteger(r.value(t), t.valueStart).hex }),
  '2.5.29.27': (r, t) => ({ kind: 'integer', hex: decodeInteger(r.value(t), t.valueStart).hex }),
  '2.5.29.21': (r, t) => {
    const n = decodeSmallInt(r.value(t), t.valueStart);
    return { kind: 'crlReason', reason: CRL_REASONS[n] ?? `reason ${n}` };
  },
  '2.5.29.24': (r, t) => ({ kind: 'time', at: decodeTime(t.tag, r.value(t), t.valueStart) }),
};

/** Decodes one extension's value. Never throws: failures become `error`. */
export function decodeExtension(oid: string, critical: boolean, value: Uint8Array, depth: number): Extension {
  const ext: Extension = { oid, name: EXTENSIONS[oid] ?? oidName(oid), critical, valueHex: toHex(value) };
  const decoder = DECODERS[oid];
  if (!decoder) return ext;
  try {
    const r = new DerReader(value, 0, value.length, depth);
    const t = r.next();
    r.finish(ext.name);
    ext.decoded = decoder(r, t);
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    ext.error = e.message;
  }
  return ext;
}

/** Reads the Extensions SEQUENCE. */
export function readExtensions(r: DerReader, t: Tlv): Extension[] {
  const s = r.into(t);
  const out: Extension[] = [];
  while (!s.atEnd()) {
    const e = s.into(s.expect(TAG.SEQUENCE, 'an Extension'));
    const o = e.expect(TAG.OID, 'the extnID');
    const oid = decodeOid(e.value(o), o.valueStart);
    const c = e.optional(TAG.BOOLEAN);
    const critical = c ? decodeBoolean(e.value(c), c.valueStart) : false;
    const v = e.expect(TAG.OCTET_STRING, 'the extnValue OCTET STRING');
    e.finish('Extension');
    out.push(decodeExtension(oid, critical, e.value(v), e.depth + 1));
  }
  return out;
}
