/**
 * X.509 certificate parsing: `decodeCertificate` is the synchronous DER → structure part
 * (fast, for bulk), `parseCertificate` adds the SHA-1/SHA-256 fingerprints and the SPKI
 * pin through the injected SubtleCrypto. Malformed input fails with a typed DerError.
 */
import type { Certificate, Extension, Subtle } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { decodeBitString, decodeInteger, decodeOid, decodeSmallInt, decodeTime } from '../der/primitives.ts';
import { toHex } from '../der/hex.ts';
import { readName } from './name.ts';
import { readPublicKey, type PublicKeyShape } from './public-key.ts';
import { readExtensions, type DecodedExtension } from './extensions.ts';
import { oidName } from '../der/oids.ts';

/** Everything of a Certificate that needs no hashing. */
export type CertificateStructure = Omit<Certificate, 'sha1' | 'sha256' | 'publicKey'> & { publicKey: PublicKeyShape };

export interface AlgorithmId {
  oid: string;
  name: string;
  paramsHex?: string;
}

export function readAlgorithm(r: DerReader, t: Tlv): AlgorithmId {
  const s = r.into(t);
  const o = s.expect(TAG.OID, 'the algorithm OID');
  const oid = decodeOid(s.value(o), o.valueStart);
  const out: AlgorithmId = { oid, name: oidName(oid) };
  if (!s.atEnd()) {
    const p = s.next();
    if (p.tag !== TAG.NULL) out.paramsHex = toHex(s.raw(p));
  }
  s.finish('AlgorithmIdentifier');
  return out;
}

/** Fills the convenience views (basicConstraints, keyUsage, SAN, AIA, ...) from the extensions. */
function views(exts: Extension[]): Partial<Certificate> {
  const v: Partial<Certificate> = {};
  for (const e of exts) {
    const d = e.decoded as DecodedExtension | undefined;
    if (!d) continue;
    switch (d.kind) {
      case 'basicConstraints':
        v.basicConstraints = d.value;
        break;
      case 'keyUsage':
        v.keyUsage = d.flags;
        break;
      case 'extKeyUsage':
        v.extKeyUsage = d.usages.map((u) => u.oid);
        break;
      case 'subjectAltName':
        v.subjectAltNames = d.names;
        break;
      case 'nameConstraints':
        v.nameConstraints = d.value;
        break;
      case 'subjectKeyIdentifier':
        v.subjectKeyId = d.keyId;
        break;
      case 'authorityKeyIdentifier':
        if (d.value.keyId) v.authorityKeyId = d.value.keyId;
        break;
      case 'authorityInfoAccess': {
        const uris = (m: string) => d.access.flatMap((a) => (a.method === m && a.location.type === 'uri' ? [a.location.value] : []));
        v.aia = { caIssuers: uris('1.3.6.1.5.5.7.48.2'), ocsp: uris('1.3.6.1.5.5.7.48.1') };
        break;
      }
      case 'cRLDistributionPoints':
        if (e.oid === '2.5.29.31') {
          v.crlDistributionPoints = d.points.flatMap((p) => (p.fullName ?? []).flatMap((g) => (g.type === 'uri' ? [g.value] : [])));
        }
        break;
      case 'certificatePolicies':
        v.policies = d.policies.map((p) => p.oid);
        break;
      default:
        break; // the other kinds have no convenience view
    }
  }
  return v;
}

/** Opens the SIGNED{} envelope shared by certificates, CRLs and CSRs: to-be-signed, algorithm, signature. */
export function openSigned(der: Uint8Array, what: string, tbsName: string): { c: DerReader; tbsTlv: Tlv; algTlv: Tlv; sigTlv: Tlv } {
  const r = new DerReader(der);
  const top = r.expect(TAG.SEQUENCE, `a ${what} SEQUENCE`);
  r.finish(`the ${what}`);
  const c = r.into(top);
  const tbsTlv = c.expect(TAG.SEQUENCE, tbsName);
  const algTlv = c.expect(TAG.SEQUENCE, 'signatureAlgorithm');
  const sigTlv = c.expect(TAG.BIT_STRING, 'the signature');
  c.finish(`the ${what}`);
  return { c, tbsTlv, algTlv, sigTlv };
}

/** Synchronous DER → certificate structure (no fingerprints). */
export function decodeCertificate(der: Uint8Array): CertificateStructure {
  const { c, tbsTlv, algTlv: sigAlgTlv, sigTlv } = openSigned(der, 'Certificate', 'tbsCertificate');

  const t = c.into(tbsTlv);
  let version = 1;
  const vTlv = t.optional(0xa0);
  if (vTlv) {
    const vr = t.into(vTlv);
    const i = vr.expect(TAG.INTEGER, 'the version INTEGER');
    vr.finish('the version');
    const v = decodeSmallInt(vr.value(i), i.valueStart);
    if (v > 2) throw new DerError('BadInteger', i.valueStart, `version ${v + 1}`, 'version 1, 2 or 3 (0, 1 or 2 in DER)');
    version = v + 1;
  }
  const serialTlv = t.expect(TAG.INTEGER, 'serialNumber');
  const serial = decodeInteger(t.value(serialTlv), serialTlv.valueStart);
  t.expect(TAG.SEQUENCE, 'the tbsCertificate signature AlgorithmIdentifier');
  const issuer = readName(t, t.expect(TAG.SEQUENCE, 'issuer Name'));
  const validity = t.into(t.expect(TAG.SEQUENCE, 'Validity'));
  const nb = validity.next();
  const na = validity.next();
  validity.finish('Validity');
  const notBefore = decodeTime(nb.tag, validity.value(nb), nb.valueStart);
  const notAfter = decodeTime(na.tag, validity.value(na), na.valueStart);
  const subject = readName(t, t.expect(TAG.SEQUENCE, 'subject Name'));
  const publicKey = readPublicKey(t, t.expect(TAG.SEQUENCE, 'subjectPublicKeyInfo'));
  t.optional(0x81); // issuerUniqueID
  t.optional(0x82); // subjectUniqueID
  let extensions: Extension[] = [];
  const extTlv = t.optional(0xa3);
  if (extTlv) {
    const er = t.into(extTlv);
    extensions = readExtensions(er, er.expect(TAG.SEQUENCE, 'Extensions'));
    er.finish('the [3] extensions wrapper');
  }
  t.finish('tbsCertificate');

  const signatureAlgorithm = readAlgorithm(c, sigAlgTlv);
  const signature = decodeBitString(c.value(sigTlv), sigTlv.valueStart).bytes;
  const v = views(extensions);
  const selfIssued = issuer.canonical === subject.canonical;
  // A v1 self-issued certificate (old roots) has no basicConstraints and acts as a CA.
  const isCa = v.basicConstraints?.ca === true || (version === 1 && selfIssued);
  return {
    der,
    tbs: c.raw(tbsTlv),
    version,
    serialHex: (serial.negative ? '-' : '') + serial.hex,
    signatureAlgorithm,
    signature,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    extensions,
    ...v,
    selfIssued,
    role: isCa ? (selfIssued ? 'root' : 'intermediate') : 'leaf',
  };
}

export async function digestHex(subtle: Subtle, alg: 'SHA-1' | 'SHA-256', data: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await subtle.digest(alg, data as Uint8Array<ArrayBuffer>)));
}

/** Adds fingerprints and the SPKI pin to a decoded structure. */
export async function withDigests(s: CertificateStructure, subtle: Subtle): Promise<Certificate> {
  const [sha1, sha256, spkiSha256] = await Promise.all([
    digestHex(subtle, 'SHA-1', s.der),
    digestHex(subtle, 'SHA-256', s.der),
    digestHex(subtle, 'SHA-256', s.publicKey.spki),
  ]);
  return { ...s, publicKey: { ...s.publicKey, spkiSha256 }, sha1, sha256 };
}

/** DER → Certificate. Fails with a DerError (typed, with offset) on malformed input. */
export async function parseCertificate(der: Uint8Array, subtle: Subtle): Promise<Certificate> {
  return withDigests(decodeCertificate(der), subtle);
}

/** Bulk parsing: structures decoded synchronously, all digests run concurrently. */
export async function parseCertificates(ders: Uint8Array[], subtle: Subtle): Promise<Certificate[]> {
  const structures = ders.map(decodeCertificate);
  return Promise.all(structures.map((s) => withDigests(s, subtle)));
}

export interface ValidityStatus {
  state: 'valid' | 'expired' | 'not-yet-valid';
  /** Whole days until expiry (valid), since expiry (expired) or until start (not yet valid). */
  days: number;
  text: string;
}

const DAY = 86_400_000;

/** "expires in 42 days" / "expired 3 days ago" / "not valid for another 2 days", against `at`. */
export function validityStatus(notBefore: number, notAfter: number, at: number): ValidityStatus {
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (at < notBefore) {
    const days = Math.ceil((notBefore - at) / DAY);
    return { state: 'not-yet-valid', days, text: `not valid for another ${plural(days)}` };
  }
  if (at > notAfter) {
    const days = Math.floor((at - notAfter) / DAY);
    return { state: 'expired', days, text: days === 0 ? 'expired today' : `expired ${plural(days)} ago` };
  }
  const days = Math.floor((notAfter - at) / DAY);
  return { state: 'valid', days, text: days === 0 ? 'expires today' : `expires in ${plural(days)}` };
}
