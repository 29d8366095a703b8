/**
 * DSA signature verification (FIPS 186-4 4.7) in BigInt arithmetic: WebCrypto has no DSA, yet
 * OpenSSL still verifies DSA-signed certificates (issue #16: x509-limbo's
 * webpki::forbidden-signature-algorithm-in-root, where OpenSSL says ok). Only verification,
 * of public data: no secret is involved, so constant time does not matter here.
 */
import type { Subtle } from '../model.ts';
import { DerReader, TAG } from '../der/reader.ts';

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

function integers(r: DerReader, count: number, what: string): bigint[] {
  const seq = r.into(r.expect(TAG.SEQUENCE, what));
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) out.push(toBigInt(seq.value(seq.expect(TAG.INTEGER, what))));
  seq.finish(what);
  return out;
}

/** The DSA public key of a SubjectPublicKeyInfo: domain parameters p, q, g and y. */
export function dsaPublicKey(spki: Uint8Array): { p: bigint; q: bigint; g: bigint; y: bigint } {
  const top = new DerReader(spki);
  const s = top.into(top.expect(TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  const alg = s.into(s.expect(TAG.SEQUENCE, 'AlgorithmIdentifier'));
  alg.expect(TAG.OID, 'the algorithm');
  const [p, q, g] = integers(alg, 3, 'Dss-Parms');
  const bits = s.value(s.expect(TAG.BIT_STRING, 'subjectPublicKey'));
  const key = new DerReader(bits.subarray(1));
  const y = toBigInt(key.value(key.expect(TAG.INTEGER, 'the DSA public key')));
  return { p, q, g, y };
}

/** Verifies a DER Dss-Sig-Value over `signed` with the hash named (SHA-1/256/384/512). */
export async function verifyDsa(subtle: Subtle, spki: Uint8Array, hash: string, signature: Uint8Array, signed: Uint8Array): Promise<boolean> {
  const { p, q, g, y } = dsaPublicKey(spki);
  const [r, s] = integers(new DerReader(signature), 2, 'Dss-Sig-Value');
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  const digest = new Uint8Array(await subtle.digest(hash, signed as Uint8Array<ArrayBuffer>));
  const qBits = q.toString(2).length;
  let z = toBigInt(digest);
  if (digest.length * 8 > qBits) z >>= BigInt(digest.length * 8 - qBits);
  const w = modInverse(s, q);
  const v = ((modPow(g, (z * w) % q, p) * modPow(y, (r * w) % q, p)) % p) % q;
  return v === r;
}
