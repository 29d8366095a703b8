/**
 * Certificate revocation lists (basic): issuer, this/next update, CRL number, the
 * revoked serials with dates and reasons, and the extensions.
 */
import type { DistinguishedName, Extension, Subtle } from '../model.ts';
import { TAG } from '../der/reader.ts';
import { decodeInteger, decodeSmallInt, decodeTime } from '../der/primitives.ts';
import { readName } from './name.ts';
import { readExtensions, type DecodedExtension } from './extensions.ts';
import { openSigned, readAlgorithm, digestHex, type AlgorithmId } from './certificate.ts';

export interface RevokedEntry {
  serialHex: string;
  revokedAt: number;
  reason?: string;
}

export interface Crl {
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
  issuer: DistinguishedName;
  thisUpdate: number;
  nextUpdate?: number;
  revoked: RevokedEntry[];
  extensions: Extension[];
  crlNumber?: string;
  authorityKeyId?: string;
  sha256: string;
}

const TIME_TAGS: number[] = [TAG.UTC_TIME, TAG.GENERALIZED_TIME];

export async function parseCrl(der: Uint8Array, subtle: Subtle): Promise<Crl> {
  const { c, tbsTlv, algTlv, sigTlv } = openSigned(der, 'CertificateList', 'tbsCertList');
  const t = c.into(tbsTlv);
  const v = t.optional(TAG.INTEGER);
  const version = v ? decodeSmallInt(t.value(v), v.valueStart) + 1 : 1;
  t.expect(TAG.SEQUENCE, 'the tbsCertList signature');
  const issuer = readName(t, t.expect(TAG.SEQUENCE, 'the issuer Name'));
  const tu = t.next();
  const thisUpdate = decodeTime(tu.tag, t.value(tu), tu.valueStart);
  let nextUpdate: number | undefined;
  if (TIME_TAGS.includes(t.peekTag())) {
    const nu = t.next();
    nextUpdate = decodeTime(nu.tag, t.value(nu), nu.valueStart);
  }
  const revoked: RevokedEntry[] = [];
  const list = t.optional(TAG.SEQUENCE);
  if (list) {
    const l = t.into(list);
    while (!l.atEnd()) {
      const e = l.into(l.expect(TAG.SEQUENCE, 'a revoked certificate entry'));
      const sn = e.expect(TAG.INTEGER, 'userCertificate');
      const d = e.next();
      const entry: RevokedEntry = { serialHex: decodeInteger(e.value(sn), sn.valueStart).hex, revokedAt: decodeTime(d.tag, e.value(d), d.valueStart) };
      const ext = e.optional(TAG.SEQUENCE);
      if (ext) {
        for (const x of readExtensions(e, ext)) {
          const dx = x.decoded as DecodedExtension | undefined;
          if (dx?.kind === 'crlReason') entry.reason = dx.reason;
        }
      }
      revoked.push(entry);
    }
  }
  let extensions: Extension[] = [];
  const extTlv = t.optional(0xa0);
  if (extTlv) {
    const er = t.into(extTlv);
    extensions = readExtensions(er, er.expect(TAG.SEQUENCE, 'crlExtensions'));
  }
  t.finish('tbsCertList');
  const out: Crl = {
    der,
    tbs: c.raw(tbsTlv),
    version,
    signatureAlgorithm: readAlgorithm(c, algTlv),
    signature: c.value(sigTlv).subarray(1),
    issuer,
    thisUpdate,
    revoked,
    extensions,
    sha256: await digestHex(subtle, 'SHA-256', der),
  };
  if (nextUpdate !== undefined) out.nextUpdate = nextUpdate;
  for (const x of extensions) {
    const d = x.decoded as DecodedExtension | undefined;
    if (d?.kind === 'integer' && x.oid === '2.5.29.20') out.crlNumber = d.hex;
    if (d?.kind === 'authorityKeyIdentifier' && d.value.keyId) out.authorityKeyId = d.value.keyId;
  }
  return out;
}
