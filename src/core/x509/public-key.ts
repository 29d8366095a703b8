/**
 * SubjectPublicKeyInfo: algorithm, size (RSA modulus bits, curve bits, 256 for Ed25519),
 * named curve and RSA exponent. The SPKI bytes are kept for key matching and pins.
 */
import type { PublicKeyInfo } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { decodeBigInt, decodeBitString, decodeOid } from '../der/primitives.ts';
import { DerError } from '../der/errors.ts';
import { CURVES, OID } from '../der/oids.ts';

export type PublicKeyShape = Omit<PublicKeyInfo, 'spkiSha256'>;

const ALG_NAMES: Record<string, string> = {
  [OID.rsaEncryption]: 'RSA',
  [OID.rsassaPss]: 'RSA-PSS',
  [OID.ecPublicKey]: 'EC',
  [OID.dsa]: 'DSA',
  [OID.ed25519]: 'Ed25519',
  [OID.ed448]: 'Ed448',
  [OID.x25519]: 'X25519',
  [OID.x448]: 'X448',
};

/** Bit length of an unsigned big-endian integer. */
export function bitLength(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]));
}

/** Reads a SubjectPublicKeyInfo element `t` from `r`. */
export function readPublicKey(r: DerReader, t: Tlv): PublicKeyShape {
  const s = r.into(t);
  const algTlv = s.expect(TAG.SEQUENCE, 'the public key AlgorithmIdentifier');
  const alg = s.into(algTlv);
  const oidTlv = alg.expect(TAG.OID, 'the public key algorithm');
  const algorithmOid = decodeOid(alg.value(oidTlv), oidTlv.valueStart);
  const params = alg.atEnd() ? undefined : alg.next();
  alg.finish('the public key AlgorithmIdentifier');
  const keyTlv = s.expect(TAG.BIT_STRING, 'the subjectPublicKey BIT STRING');
  s.finish('SubjectPublicKeyInfo');
  const key = decodeBitString(s.value(keyTlv), keyTlv.valueStart).bytes;
  const algorithm = ALG_NAMES[algorithmOid] ?? algorithmOid;
  const spki = r.raw(t);
  const out: PublicKeyShape = { algorithm, algorithmOid, bits: 0, spki };
  const keyOffset = keyTlv.valueStart + 1;
  if (algorithmOid === OID.rsaEncryption || algorithmOid === OID.rsassaPss) {
    const kr = new DerReader(key, 0, key.length, s.depth + 1);
    const seq = kr.into(kr.expect(TAG.SEQUENCE, 'RSAPublicKey'));
    const n = seq.expect(TAG.INTEGER, 'the RSA modulus');
    const e = seq.expect(TAG.INTEGER, 'the RSA public exponent');
    out.bits = bitLength(seq.value(n));
    out.exponent = decodeBigInt(seq.value(e), keyOffset + e.valueStart).toString();
  } else if (algorithmOid === OID.ecPublicKey) {
    if (params && params.tag === TAG.OID) {
      const curveOid = decodeOid(alg.value(params), params.valueStart);
      const c = CURVES[curveOid];
      out.curve = c?.name ?? curveOid;
      out.bits = c?.bits ?? 0;
    } else {
      out.curve = 'explicit parameters';
      // uncompressed point 04 || X || Y
      out.bits = key.length > 1 ? ((key.length - 1) / 2) * 8 : 0;
    }
  } else if (algorithmOid === OID.ed25519 || algorithmOid === OID.x25519) {
    out.bits = algorithmOid === OID.ed25519 ? 256 : 253;
  } else if (algorithmOid === OID.ed448 || algorithmOid === OID.x448) {
    out.bits = algorithmOid === OID.ed448 ? 456 : 448;
  } else if (algorithmOid === OID.dsa && params && params.tag === TAG.SEQUENCE) {
    const p = alg.into(params).expect(TAG.INTEGER, 'the DSA prime p');
    out.bits = bitLength(alg.value(p));
  }
  return out;
}

/** Parses a DER SubjectPublicKeyInfo on its own (a PUBLIC KEY PEM). */
export function parsePublicKey(der: Uint8Array): PublicKeyShape {
  const r = new DerReader(der);
  const t = r.expect(TAG.SEQUENCE, 'a SubjectPublicKeyInfo');
  if (!r.atEnd()) throw new DerError('TrailingData', r.pos, `${der.length - r.pos} more bytes`, 'the end of the SubjectPublicKeyInfo');
  return readPublicKey(r, t);
}
