/**
 * PKCS#10 certificate signing requests: subject, public key, requested extensions
 * (SAN, key usage, ...) and other attributes, and whether the request's own signature
 * checks out with its public key (proof that the requester holds the private key).
 */
import type { DistinguishedName, Extension, GeneralName, PublicKeyInfo, Subtle } from '../model.ts';
import { TAG } from '../der/reader.ts';
import { decodeBitString, decodeOid, decodeSmallInt } from '../der/primitives.ts';
import { toHex } from '../der/hex.ts';
import { readName } from './name.ts';
import { readPublicKey } from './public-key.ts';
import { readExtensions, type DecodedExtension } from './extensions.ts';
import { openSigned, readAlgorithm, digestHex, type AlgorithmId } from './certificate.ts';
import { verifySignature, type SignatureCheck } from './signature-status.ts';
import { oidName } from '../der/oids.ts';

export interface CertificateRequest {
  der: Uint8Array;
  version: number;
  subject: DistinguishedName;
  publicKey: PublicKeyInfo;
  signatureAlgorithm: AlgorithmId;
  /** Extensions asked for in the extensionRequest attribute. */
  extensions: Extension[];
  subjectAltNames?: GeneralName[];
  /** Other attributes (challengePassword, ...), values as DER hex. */
  attributes: { oid: string; name: string; valuesHex: string[] }[];
  signature: SignatureCheck;
  sha256: string;
}

export async function parseCsr(der: Uint8Array, subtle: Subtle): Promise<CertificateRequest> {
  const { c, tbsTlv: infoTlv, algTlv, sigTlv } = openSigned(der, 'CertificationRequest', 'certificationRequestInfo');
  const info = c.into(infoTlv);
  const v = info.expect(TAG.INTEGER, 'the CSR version');
  const version = decodeSmallInt(info.value(v), v.valueStart) + 1;
  const subject = readName(info, info.expect(TAG.SEQUENCE, 'the subject Name'));
  const pk = readPublicKey(info, info.expect(TAG.SEQUENCE, 'subjectPKInfo'));
  const attributes: CertificateRequest['attributes'] = [];
  let extensions: Extension[] = [];
  const attrs = info.optional(0xa0);
  if (attrs) {
    const a = info.into(attrs);
    while (!a.atEnd()) {
      const at = a.into(a.expect(TAG.SEQUENCE, 'an Attribute'));
      const o = at.expect(TAG.OID, 'the attribute type');
      const oid = decodeOid(at.value(o), o.valueStart);
      const set = at.into(at.expect(TAG.SET, 'the attribute values'));
      if (oid === '1.2.840.113549.1.9.14' && set.peekTag() === TAG.SEQUENCE) {
        extensions = readExtensions(set, set.next());
      } else {
        attributes.push({ oid, name: oidName(oid), valuesHex: set.rest().map((t) => toHex(set.raw(t))) });
      }
    }
  }
  info.finish('certificationRequestInfo');
  const signatureAlgorithm = readAlgorithm(c, algTlv);
  const signatureBytes = decodeBitString(c.value(sigTlv), sigTlv.valueStart).bytes;
  const [spkiSha256, sha256, signature] = await Promise.all([
    digestHex(subtle, 'SHA-256', pk.spki),
    digestHex(subtle, 'SHA-256', der),
    verifySignature(subtle, c.raw(infoTlv), signatureAlgorithm, signatureBytes, pk),
  ]);
  const san = extensions.map((e) => e.decoded as DecodedExtension | undefined).find((d) => d?.kind === 'subjectAltName');
  const out: CertificateRequest = {
    der,
    version,
    subject,
    publicKey: { ...pk, spkiSha256 },
    signatureAlgorithm,
    extensions,
    attributes,
    signature,
    sha256,
  };
  if (san && san.kind === 'subjectAltName') out.subjectAltNames = san.names;
  return out;
}
