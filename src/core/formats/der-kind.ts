/**
 * Tells what a DER (or BER) blob is from its shape alone: certificate, CRL, CSR,
 * PKCS#8 / encrypted PKCS#8 / PKCS#1 / SEC1 private key, SPKI / PKCS#1 public key,
 * PKCS#7 or PKCS#12. Never throws; undefined when it is none of them.
 */
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { decodeOid } from '../der/primitives.ts';
import { OID } from '../der/oids.ts';

export type DerKind =
  'certificate' | 'trusted-certificate' | 'crl' | 'csr' | 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1' | 'sec1' | 'spki' | 'rsa-public' | 'pkcs7' | 'pkcs12';

function children(r: DerReader, t: Tlv, max = 12): { r: DerReader; kids: Tlv[] } {
  const s = r.into(t);
  const kids: Tlv[] = [];
  while (!s.atEnd() && kids.length < max) kids.push(s.next());
  return { r: s, kids };
}

const isTime = (t: Tlv | undefined) => t !== undefined && (t.tag === TAG.UTC_TIME || t.tag === TAG.GENERALIZED_TIME);
const smallInt = (r: DerReader, t: Tlv | undefined, v: number) => t?.tag === TAG.INTEGER && t.valueEnd - t.valueStart === 1 && r.buf[t.valueStart] === v;

function signedKind(r: DerReader, tbs: Tlv): DerKind | undefined {
  const { r: tr, kids: t } = children(r, tbs);
  if (t[0]?.tag === 0xa0) return 'certificate';
  if (t[0]?.tag === TAG.INTEGER) {
    const second = t[1];
    if (second?.tag !== TAG.SEQUENCE) return undefined;
    const first = second.valueEnd > second.valueStart ? tr.buf[second.valueStart] : TAG.SET;
    if (first === TAG.SET) return 'csr';
    if (first === TAG.OID) return isTime(t[3]) ? 'crl' : t[3]?.tag === TAG.SEQUENCE ? 'certificate' : undefined;
    return undefined;
  }
  if (t[0]?.tag === TAG.SEQUENCE && isTime(t[2])) return 'crl';
  return undefined;
}

export function classifyDer(bytes: Uint8Array): DerKind | undefined {
  try {
    const r = new DerReader(bytes, 0, bytes.length, 0, true);
    const top = r.next();
    if (top.tag !== TAG.SEQUENCE) return undefined;
    const trailing = !r.atEnd();
    const { r: s, kids: c } = children(r, top);
    const tags = c.map((k) => k.tag);
    let kind: DerKind | undefined;
    if (c.length === 3 && tags[0] === TAG.SEQUENCE && tags[1] === TAG.SEQUENCE && tags[2] === TAG.BIT_STRING) {
      kind = signedKind(s, c[0]);
      if (kind === 'certificate' && trailing) return 'trusted-certificate';
    } else if (tags[0] === TAG.OID) {
      kind = decodeOid(s.value(c[0])) === OID.signedData ? 'pkcs7' : undefined;
    } else if (smallInt(s, c[0], 3) && tags[1] === TAG.SEQUENCE) {
      kind = 'pkcs12';
    } else if (c.length === 2 && tags[0] === TAG.SEQUENCE && tags[1] === TAG.OCTET_STRING) {
      kind = 'encrypted-pkcs8';
    } else if ((smallInt(s, c[0], 0) || smallInt(s, c[0], 1)) && tags[1] === TAG.SEQUENCE && tags[2] === TAG.OCTET_STRING) {
      kind = 'pkcs8';
    } else if (c.length === 2 && tags[0] === TAG.SEQUENCE && tags[1] === TAG.BIT_STRING) {
      kind = 'spki';
    } else if (c.length >= 9 && tags.every((t) => t === TAG.INTEGER)) {
      kind = 'pkcs1';
    } else if (c.length === 2 && tags[0] === TAG.INTEGER && tags[1] === TAG.INTEGER) {
      kind = 'rsa-public';
    } else if (smallInt(s, c[0], 1) && tags[1] === TAG.OCTET_STRING) {
      kind = 'sec1';
    }
    return trailing ? undefined : kind;
  } catch {
    return undefined;
  }
}

/** PEM labels and the DER kind each announces. */
export const PEM_LABELS: Record<string, DerKind> = {
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'TRUSTED CERTIFICATE': 'trusted-certificate',
  'X509 CRL': 'crl',
  'CERTIFICATE REQUEST': 'csr',
  'NEW CERTIFICATE REQUEST': 'csr',
  'PRIVATE KEY': 'pkcs8',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
  'PUBLIC KEY': 'spki',
  'RSA PUBLIC KEY': 'rsa-public',
  PKCS7: 'pkcs7',
  'PKCS #7 SIGNED DATA': 'pkcs7',
  CMS: 'pkcs7',
  PKCS12: 'pkcs12',
};

/** Labels that come along with keys and are skipped quietly (`openssl ecparam -genkey`). */
export const IGNORED_LABELS = new Set(['EC PARAMETERS']);
