/**
 * Checks a signature (certificate, CRL or CSR) with WebCrypto: RSA PKCS#1 v1.5, RSA-PSS,
 * ECDSA (DER r,s converted to WebCrypto's raw form) and Ed25519. Algorithms WebCrypto
 * lacks (MD5, SHA-224, DSA, Ed448 in some engines) are reported as unsupported, not failed.
 */
import type { Subtle } from '../model.ts';
import type { PublicKeyShape } from './public-key.ts';
import type { AlgorithmId } from '../certificate.ts';
import { DerReader, TAG } from '../der/reader.ts';
import { decodeOid, decodeSmallInt } from '../der/primitives.ts';
import { fromHex } from '../der/hex.ts';

export type SignatureCheck = { status: 'valid' } | { status: 'invalid' } | { status: 'unsupported'; reason: string };

const RSA_HASH: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'SHA-1', '1.2.840.113549.1.1.11': 'SHA-256', '1.2.840.113549.1.1.12': 'SHA-384', '1.2.840.113549.1.1.13': 'SHA-512',
};
const ECDSA_HASH: Record<string, string> = {
  '1.2.840.10045.4.1': 'SHA-1', '1.2.840.10045.4.3.2': 'SHA-256', '1.2.840.10045.4.3.3': 'SHA-384', '1.2.840.10045.4.3.4': 'SHA-512',
};
const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1', '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.2': 'SHA-384', '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** ECDSA-Sig-Value (SEQUENCE of r, s) to r||s, each padded to the curve size. */
function ecdsaRaw(sig: Uint8Array, size: number): Uint8Array | undefined {
  try {
    const r = new DerReader(sig);
    const s = r.into(r.expect(TAG.SEQUENCE, 'ECDSA-Sig-Value'));
    const out = new Uint8Array(size * 2);
    for (let k = 0; k < 2; k++) {
      let v = s.value(s.expect(TAG.INTEGER, k ? 's' : 'r'));
      while (v.length > size && v[0] === 0) v = v.subarray(1);
      if (v.length > size) return undefined;
      out.set(v, k * size + size - v.length);
    }
    return out;
  } catch {
    return undefined;
  }
}

function pssParams(paramsHex: string | undefined): { hash: string; saltLength: number } | undefined {
  let hash = 'SHA-1';
  let saltLength = 20;
  if (!paramsHex) return { hash, saltLength };
  const bytes = fromHex(paramsHex);
  if (!bytes) return undefined;
  const r = new DerReader(bytes);
  const s = r.into(r.expect(TAG.SEQUENCE, 'RSASSA-PSS-params'));
  const h = s.optional(0xa0);
  if (h) {
    const a = s.into(h);
    const alg = a.into(a.expect(TAG.SEQUENCE, 'hashAlgorithm'));
    const o = alg.expect(TAG.OID, 'hash OID');
    const name = HASH_OIDS[decodeOid(alg.value(o))];
    if (!name) return undefined;
    hash = name;
  }
  s.optional(0xa1);
  const sl = s.optional(0xa2);
  if (sl) {
    const a = s.into(sl);
    const i = a.expect(TAG.INTEGER, 'saltLength');
    saltLength = decodeSmallInt(a.value(i));
  }
  return { hash, saltLength };
}

const CURVE_SIZE: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

export async function verifySignature(subtle: Subtle, signed: Uint8Array, alg: AlgorithmId, signature: Uint8Array, key: PublicKeyShape): Promise<SignatureCheck> {
  const spki = key.spki as Uint8Array<ArrayBuffer>;
  const data = signed as Uint8Array<ArrayBuffer>;
  try {
    if (RSA_HASH[alg.oid]) {
      if (key.algorithm !== 'RSA') return { status: 'invalid' };
      const k = await subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: RSA_HASH[alg.oid] }, false, ['verify']);
      return (await subtle.verify('RSASSA-PKCS1-v1_5', k, signature as Uint8Array<ArrayBuffer>, data)) ? { status: 'valid' } : { status: 'invalid' };
    }
    if (alg.oid === '1.2.840.113549.1.1.10') {
      if (key.algorithm !== 'RSA' && key.algorithm !== 'RSA-PSS') return { status: 'invalid' };
      const p = pssParams(alg.paramsHex);
      if (!p) return { status: 'unsupported', reason: 'RSA-PSS with a hash WebCrypto does not offer' };
      const k = await subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: p.hash }, false, ['verify']);
      return (await subtle.verify({ name: 'RSA-PSS', saltLength: p.saltLength }, k, signature as Uint8Array<ArrayBuffer>, data)) ? { status: 'valid' } : { status: 'invalid' };
    }
    if (ECDSA_HASH[alg.oid]) {
      if (key.algorithm !== 'EC') return { status: 'invalid' };
      const size = CURVE_SIZE[key.curve ?? ''];
      if (!size) return { status: 'unsupported', reason: `ECDSA on ${key.curve}` };
      const raw = ecdsaRaw(signature, size);
      if (!raw) return { status: 'invalid' };
      const k = await subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: key.curve }, false, ['verify']);
      return (await subtle.verify({ name: 'ECDSA', hash: ECDSA_HASH[alg.oid] }, k, raw as Uint8Array<ArrayBuffer>, data)) ? { status: 'valid' } : { status: 'invalid' };
    }
    if (alg.oid === '1.3.101.112') {
      if (key.algorithm !== 'Ed25519') return { status: 'invalid' };
      const k = await subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
      return (await subtle.verify('Ed25519', k, signature as Uint8Array<ArrayBuffer>, data)) ? { status: 'valid' } : { status: 'invalid' };
    }
  } catch (e) {
    return { status: 'unsupported', reason: `WebCrypto refused the key or algorithm (${(e as Error).message})` };
  }
  return { status: 'unsupported', reason: `${alg.name} is not available in WebCrypto` };
}

