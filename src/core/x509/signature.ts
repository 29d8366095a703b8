/**
 * Checks that `issuer`'s key signed `cert`'s tbsCertificate, with WebCrypto: RSA PKCS#1 v1.5,
 * RSA-PSS (parameters read from the AlgorithmIdentifier), ECDSA P-256/384/521 (the DER
 * signature turned into the raw r||s WebCrypto expects) and Ed25519; DSA, which WebCrypto lacks,
 * in BigInt arithmetic (dsa.ts).
 */
import type { Certificate, Subtle } from '../model.ts';
import { DerReader, TAG } from '../der/reader.ts';
import { decodeOid } from '../der/primitives.ts';
import { fromHex } from '../der/hex.ts';
import { verifyDsa } from './dsa.ts';

type Hash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export type SignatureScheme =
  | { family: 'rsa-pkcs1'; hash: Hash | 'MD5' | 'SHA-224' }
  | { family: 'rsa-pss'; hash: Hash; saltLength: number }
  | { family: 'ecdsa'; hash: Hash | 'SHA-224' }
  | { family: 'ed25519' }
  | { family: 'dsa'; hash: Hash | 'SHA-224' }
  | { family: 'unsupported'; name: string };

const DSA: Record<string, Hash | 'SHA-224'> = {
  '1.2.840.10040.4.3': 'SHA-1',
  '2.16.840.1.101.3.4.3.1': 'SHA-224',
  '2.16.840.1.101.3.4.3.2': 'SHA-256',
  '2.16.840.1.101.3.4.3.3': 'SHA-384',
  '2.16.840.1.101.3.4.3.4': 'SHA-512',
};

const HASH_OIDS: Record<string, Hash> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const PKCS1: Record<string, Hash | 'MD5' | 'SHA-224'> = {
  '1.2.840.113549.1.1.4': 'MD5',
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.113549.1.1.14': 'SHA-224',
  '1.2.840.113549.1.1.11': 'SHA-256',
  '1.2.840.113549.1.1.12': 'SHA-384',
  '1.2.840.113549.1.1.13': 'SHA-512',
};

const ECDSA: Record<string, Hash | 'SHA-224'> = {
  '1.2.840.10045.4.1': 'SHA-1',
  '1.2.840.10045.4.3.1': 'SHA-224',
  '1.2.840.10045.4.3.2': 'SHA-256',
  '1.2.840.10045.4.3.3': 'SHA-384',
  '1.2.840.10045.4.3.4': 'SHA-512',
};

function algorithmOf(r: DerReader, t: { valueStart: number }): { oid: string } {
  void t;
  const oidTlv = r.expect(TAG.OID, 'an algorithm OID');
  return { oid: decodeOid(r.value(oidTlv), oidTlv.valueStart) };
}

/** RSASSA-PSS-params: hash [0] (default SHA-1), mask generation [1] (MGF1 with the same hash), salt [2] (default 20). */
function pssScheme(paramsHex: string | undefined): SignatureScheme {
  let hash: Hash | undefined = 'SHA-1';
  let mgfHash: Hash | undefined = 'SHA-1';
  let saltLength = 20;
  const params = paramsHex ? fromHex(paramsHex) : undefined;
  if (params && params.length > 0) {
    const top = new DerReader(params);
    const seq = top.into(top.expect(TAG.SEQUENCE, 'RSASSA-PSS-params'));
    const h = seq.optional(0xa0);
    if (h) {
      const a = seq.into(h);
      const alg = a.into(a.expect(TAG.SEQUENCE, 'hashAlgorithm'));
      hash = HASH_OIDS[algorithmOf(alg, h).oid];
    }
    const m = seq.optional(0xa1);
    if (m) {
      const a = seq.into(m);
      const mgf = a.into(a.expect(TAG.SEQUENCE, 'maskGenAlgorithm'));
      algorithmOf(mgf, m);
      const inner = mgf.into(mgf.expect(TAG.SEQUENCE, 'MGF1 hash'));
      mgfHash = HASH_OIDS[algorithmOf(inner, m).oid];
    }
    const s = seq.optional(0xa2);
    if (s) {
      const a = seq.into(s);
      const i = a.expect(TAG.INTEGER, 'saltLength');
      saltLength = a.value(i).reduce((n, b) => n * 256 + b, 0);
    }
    seq.optional(0xa3); // trailerField, always 1 (trailerFieldBC)
    seq.finish('RSASSA-PSS-params');
  }
  if (!hash || hash !== mgfHash) return { family: 'unsupported', name: 'RSASSA-PSS with these parameters' };
  return { family: 'rsa-pss', hash, saltLength };
}

export function signatureScheme(alg: Certificate['signatureAlgorithm']): SignatureScheme {
  if (PKCS1[alg.oid]) return { family: 'rsa-pkcs1', hash: PKCS1[alg.oid] };
  if (ECDSA[alg.oid]) return { family: 'ecdsa', hash: ECDSA[alg.oid] };
  if (DSA[alg.oid]) return { family: 'dsa', hash: DSA[alg.oid] };
  if (alg.oid === '1.3.101.112') return { family: 'ed25519' };
  if (alg.oid === '1.2.840.113549.1.1.10') {
    try {
      return pssScheme(alg.paramsHex);
    } catch {
      return { family: 'unsupported', name: 'RSASSA-PSS with malformed parameters' };
    }
  }
  return { family: 'unsupported', name: alg.name };
}

/** The digest a signature algorithm uses, for the security-level check (undefined: none / built in). */
export function signatureDigest(alg: Certificate['signatureAlgorithm']): string | undefined {
  const s = signatureScheme(alg);
  if (s.family === 'rsa-pkcs1' || s.family === 'ecdsa' || s.family === 'rsa-pss' || s.family === 'dsa') return s.hash;
  return undefined;
}

/** ECDSA-Sig-Value (SEQUENCE { r INTEGER, s INTEGER }) → r||s, each padded to `size` bytes. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | undefined {
  try {
    const top = new DerReader(der);
    const seq = top.into(top.expect(TAG.SEQUENCE, 'ECDSA-Sig-Value'));
    top.finish('ECDSA-Sig-Value');
    const parts = [seq.expect(TAG.INTEGER, 'r'), seq.expect(TAG.INTEGER, 's')].map((t) => seq.value(t));
    seq.finish('ECDSA-Sig-Value');
    const out = new Uint8Array(size * 2);
    for (let i = 0; i < 2; i++) {
      let v = parts[i];
      while (v.length > 1 && v[0] === 0) v = v.subarray(1);
      if (v.length > size) return undefined;
      out.set(v, (i + 1) * size - v.length);
    }
    return out;
  } catch {
    return undefined;
  }
}

const CURVE_SIZES: Record<string, number> = { 'P-256': 32, 'P-384': 48, 'P-521': 66 };

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'bad-signature' | 'unsupported-algorithm' | 'undecodable-key' | 'key-algorithm-mismatch'; algorithm: string };

type Buf = Uint8Array<ArrayBuffer>;

/** Checks that `issuer`'s key signed `cert`'s tbsCertificate. */
export function verifySignature(cert: Certificate, issuer: Certificate, subtle: Subtle): Promise<SignatureCheck> {
  return verifySignedData(subtle, cert.tbs, cert.signatureAlgorithm, cert.signature, issuer.publicKey);
}

/** The key fields a signature check needs (a certificate's, a CSR's or a CRL issuer's). */
export interface VerifyingKey {
  algorithm: string;
  curve?: string;
  spki: Uint8Array;
}

/** Checks any signed structure (certificate, CRL, CSR): `signed` is the DER that was signed. */
export async function verifySignedData(
  subtle: Subtle,
  signed: Uint8Array,
  alg: Certificate['signatureAlgorithm'],
  signatureValue: Uint8Array,
  key: VerifyingKey,
): Promise<SignatureCheck> {
  const scheme = signatureScheme(alg);
  const algorithm = alg.name;
  const spki = key.spki as Buf;
  const fail = (reason: Exclude<SignatureCheck, { ok: true }>['reason']): SignatureCheck => ({ ok: false, reason, algorithm });
  let importAlg: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  let verifyAlg: Algorithm | RsaPssParams | EcdsaParams;
  let signature = signatureValue;
  switch (scheme.family) {
    case 'rsa-pkcs1':
      if (key.algorithm !== 'RSA') return fail('key-algorithm-mismatch');
      if (scheme.hash === 'MD5' || scheme.hash === 'SHA-224') return fail('unsupported-algorithm');
      importAlg = { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash };
      verifyAlg = { name: 'RSASSA-PKCS1-v1_5' };
      break;
    case 'rsa-pss':
      if (key.algorithm !== 'RSA' && key.algorithm !== 'RSA-PSS') return fail('key-algorithm-mismatch');
      importAlg = { name: 'RSA-PSS', hash: scheme.hash };
      verifyAlg = { name: 'RSA-PSS', saltLength: scheme.saltLength } as RsaPssParams;
      break;
    case 'ecdsa': {
      if (key.algorithm !== 'EC') return fail('key-algorithm-mismatch');
      const size = key.curve ? CURVE_SIZES[key.curve] : undefined;
      if (!size || scheme.hash === 'SHA-224') return fail('unsupported-algorithm');
      const raw = ecdsaDerToRaw(signatureValue, size);
      if (!raw) return fail('bad-signature');
      signature = raw;
      importAlg = { name: 'ECDSA', namedCurve: key.curve! };
      verifyAlg = { name: 'ECDSA', hash: scheme.hash } as EcdsaParams;
      break;
    }
    case 'dsa': {
      if (key.algorithm !== 'DSA') return fail('key-algorithm-mismatch');
      if (scheme.hash === 'SHA-224') return fail('unsupported-algorithm');
      let ok: boolean;
      try {
        ok = await verifyDsa(subtle, key.spki, scheme.hash, signatureValue, signed);
      } catch {
        return fail('undecodable-key');
      }
      return ok ? { ok: true } : fail('bad-signature');
    }
    case 'ed25519':
      if (key.algorithm !== 'Ed25519') return fail('key-algorithm-mismatch');
      importAlg = { name: 'Ed25519' };
      verifyAlg = { name: 'Ed25519' };
      break;
    default:
      return fail('unsupported-algorithm');
  }
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await subtle.importKey('spki', spki, importAlg, false, ['verify']);
  } catch {
    return fail('undecodable-key');
  }
  try {
    const ok = await subtle.verify(verifyAlg, cryptoKey, signature as Buf, signed as Buf);
    return ok ? { ok: true } : fail('bad-signature');
  } catch {
    return fail('bad-signature');
  }
}
