/**
 * PKCS#7 / CMS SignedData as used for certificate bundles (.p7b, .p7c, `openssl
 * crl2pkcs7`): the certificates and CRLs it carries, in file order. BER (indefinite
 * lengths, as Windows and Java write) is accepted.
 */
import { DerReader, TAG, readTlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { decodeOid, decodeSmallInt } from '../der/primitives.ts';
import { OID, oidName } from '../der/oids.ts';

export interface Pkcs7Bundle {
  contentType: string;
  version: number;
  certificates: Uint8Array[];
  crls: Uint8Array[];
  signerCount: number;
}

/** True when the DER starts like a ContentInfo of signedData (cheap sniff). */
export function looksLikePkcs7(der: Uint8Array): boolean {
  try {
    const r = new DerReader(der, 0, der.length, 0, true);
    const s = r.into(r.expect(TAG.SEQUENCE, 'ContentInfo'));
    const o = s.expect(TAG.OID, 'contentType');
    return decodeOid(s.value(o)) === OID.signedData;
  } catch {
    return false;
  }
}

export function parsePkcs7(der: Uint8Array): Pkcs7Bundle {
  const r = new DerReader(der, 0, der.length, 0, true);
  const top = r.expect(TAG.SEQUENCE, 'a PKCS#7 ContentInfo');
  r.finish('the PKCS#7 ContentInfo');
  const ci = r.into(top);
  const o = ci.expect(TAG.OID, 'the contentType');
  const contentType = decodeOid(ci.value(o), o.valueStart);
  if (contentType !== OID.signedData) {
    throw new DerError('UnexpectedTag', o.start, `PKCS#7 ${oidName(contentType)}`, 'PKCS#7 signedData (a certificate bundle)');
  }
  const wrapper = ci.into(ci.expect(0xa0, 'the [0] content'));
  const sd = wrapper.into(wrapper.expect(TAG.SEQUENCE, 'SignedData'));
  const vt = sd.expect(TAG.INTEGER, 'the SignedData version');
  const version = decodeSmallInt(sd.value(vt), vt.valueStart);
  sd.expect(TAG.SET, 'digestAlgorithms');
  sd.expect(TAG.SEQUENCE, 'encapContentInfo');
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  const certs = sd.optional(0xa0);
  if (certs) {
    const cs = sd.into(certs);
    while (!cs.atEnd()) {
      const c = cs.next();
      if (c.tag === TAG.SEQUENCE) certificates.push(toDer(cs.raw(c)));
    }
  }
  const crlSet = sd.optional(0xa1);
  if (crlSet) {
    const cs = sd.into(crlSet);
    while (!cs.atEnd()) crls.push(toDer(cs.raw(cs.next())));
  }
  const signers = sd.optional(TAG.SET);
  const signerCount = signers ? sd.into(signers).rest().length : 0;
  return { contentType: oidName(contentType), version, certificates, crls, signerCount };
}

/** Copies an element out of the bundle; a BER (indefinite) element is kept as-is for the strict parser to judge. */
function toDer(raw: Uint8Array): Uint8Array {
  readTlv(raw, 0, raw.length, 0, true);
  return raw.slice();
}
