/**
 * Password-based decryption for PKCS#8 and PKCS#12: PBES2 (PBKDF2 + AES-CBC) through
 * WebCrypto; the PKCS#12 key derivation (RFC 7292 appendix B) over WebCrypto SHA; and
 * the legacy ciphers (RC2-40/128, 2- and 3-key 3DES, DES-EDE3 in PBES2) through
 * node-forge, imported only when a legacy file is opened.
 */
import type { Subtle } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { decodeOid, decodeSmallInt } from '../der/primitives.ts';
import { concatBytes } from '../der/hex.ts';
import { oidName } from '../der/oids.ts';
import { rehash } from './hash-iterate.ts';

export type PbeFailure = { kind: 'WrongPassword'; scheme: string } | { kind: 'UnsupportedEncryption'; scheme: string };

export class PbeError extends Error {
  readonly failure: PbeFailure;
  constructor(failure: PbeFailure) {
    super(failure.kind === 'WrongPassword' ? `wrong password (${failure.scheme} decryption failed)` : `unsupported encryption ${failure.scheme}`);
    this.failure = failure;
  }
}

export interface EncryptionInfo {
  /** Readable scheme, e.g. 'PBES2 (PBKDF2 hmacWithSHA256, aes-256-cbc)' or 'pbeWithSHA1And40BitRC2-CBC'. */
  scheme: string;
  oid: string;
  /** True for the PKCS#12 PBE schemes and DES: what `openssl pkcs12 -legacy` writes. */
  legacy: boolean;
  iterations?: number;
}

const PKCS12_PBE: Record<string, { cipher: 'rc2' | '3des' | 'rc4'; keyLen: number; bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: '3des', keyLen: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: '3des', keyLen: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLen: 16, bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLen: 5, bits: 40 },
};
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PRF_HASH: Record<string, string> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
const AES: Record<string, number> = { '2.16.840.1.101.3.4.1.2': 16, '2.16.840.1.101.3.4.1.22': 24, '2.16.840.1.101.3.4.1.42': 32 };
const DES_EDE3 = '1.2.840.113549.3.7';

interface Pbes2Params {
  salt: Uint8Array;
  iterations: number;
  keyLength?: number;
  hash: string;
  prfOid: string;
  cipherOid: string;
  iv: Uint8Array;
}

function readPbes2(r: DerReader, params: Tlv): Pbes2Params {
  const p = r.into(params);
  const kdf = p.into(p.expect(TAG.SEQUENCE, 'keyDerivationFunc'));
  const kdfOid = kdf.expect(TAG.OID, 'the KDF');
  if (decodeOid(kdf.value(kdfOid)) !== PBKDF2)
    throw new PbeError({ kind: 'UnsupportedEncryption', scheme: `PBES2 with ${oidName(decodeOid(kdf.value(kdfOid)))}` });
  const kp = kdf.into(kdf.expect(TAG.SEQUENCE, 'PBKDF2-params'));
  const salt = kp.value(kp.expect(TAG.OCTET_STRING, 'the PBKDF2 salt'));
  const itTlv = kp.expect(TAG.INTEGER, 'the PBKDF2 iteration count');
  const iterations = decodeSmallInt(kp.value(itTlv), itTlv.valueStart);
  const kl = kp.optional(TAG.INTEGER);
  const keyLength = kl ? decodeSmallInt(kp.value(kl), kl.valueStart) : undefined;
  let prfOid = '1.2.840.113549.2.7';
  const prf = kp.optional(TAG.SEQUENCE);
  if (prf) {
    const pr = kp.into(prf);
    const o = pr.expect(TAG.OID, 'the PRF');
    prfOid = decodeOid(pr.value(o));
  }
  const enc = p.into(p.expect(TAG.SEQUENCE, 'encryptionScheme'));
  const co = enc.expect(TAG.OID, 'the cipher');
  const cipherOid = decodeOid(enc.value(co));
  const ivTlv = enc.optional(TAG.OCTET_STRING);
  const hash = PRF_HASH[prfOid];
  if (!hash || !ivTlv) throw new PbeError({ kind: 'UnsupportedEncryption', scheme: `PBES2 (${oidName(prfOid)}, ${oidName(cipherOid)})` });
  return { salt, iterations, keyLength, hash, prfOid, cipherOid, iv: enc.value(ivTlv) };
}

/** Describes an AlgorithmIdentifier of an encryption scheme without decrypting. */
export function describeEncryption(r: DerReader, alg: Tlv): EncryptionInfo {
  const a = r.into(alg);
  const o = a.expect(TAG.OID, 'the encryption algorithm');
  const oid = decodeOid(a.value(o), o.valueStart);
  const params = a.atEnd() ? undefined : a.next();
  if (oid === PBES2 && params) {
    try {
      const p = readPbes2(a, params);
      return { scheme: `PBES2 (PBKDF2 ${oidName(p.prfOid)}, ${oidName(p.cipherOid)})`, oid, legacy: p.cipherOid === DES_EDE3, iterations: p.iterations };
    } catch (e) {
      if (e instanceof PbeError) return { scheme: e.failure.scheme, oid, legacy: false };
      throw e;
    }
  }
  let iterations: number | undefined;
  if (params && params.tag === TAG.SEQUENCE) {
    const pr = a.into(params);
    pr.optional(TAG.OCTET_STRING);
    const it = pr.optional(TAG.INTEGER);
    if (it) iterations = decodeSmallInt(pr.value(it), it.valueStart);
  }
  return { scheme: oidName(oid), oid, legacy: oid in PKCS12_PBE, iterations };
}

/** Password as PKCS#12 wants it for its KDF: BMPString (UTF-16BE) with a 00 00 terminator. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[i * 2] = password.charCodeAt(i) >> 8;
    out[i * 2 + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

const HASH_INFO: Record<string, { u: number; v: number }> = {
  'SHA-1': { u: 20, v: 64 },
  'SHA-256': { u: 32, v: 64 },
  'SHA-384': { u: 48, v: 128 },
  'SHA-512': { u: 64, v: 128 },
};

/** RFC 7292 B.2: id 1 = key, 2 = IV, 3 = MAC key. */
export async function pkcs12Kdf(
  subtle: Subtle,
  hash: string,
  pass: Uint8Array,
  salt: Uint8Array,
  id: number,
  iterations: number,
  n: number,
): Promise<Uint8Array> {
  const { u, v } = HASH_INFO[hash];
  const fill = (src: Uint8Array) => {
    const len = src.length === 0 ? 0 : v * Math.ceil(src.length / v);
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = src[i % src.length];
    return out;
  };
  const I = concatBytes([fill(salt), fill(pass)]);
  const D = new Uint8Array(v).fill(id);
  const out: Uint8Array[] = [];
  for (let got = 0; got < n; got += u) {
    let A: Uint8Array = new Uint8Array(await subtle.digest(hash, concatBytes([D, I]) as Uint8Array<ArrayBuffer>));
    const fast = rehash(hash, A, iterations - 1);
    if (fast) A = fast;
    else for (let r = 1; r < iterations; r++) A = new Uint8Array(await subtle.digest(hash, A as Uint8Array<ArrayBuffer>));
    out.push(A);
    if (got + u >= n) break;
    const B = new Uint8Array(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u];
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const x = I[j + k] + B[k] + carry;
        I[j + k] = x & 0xff;
        carry = x >> 8;
      }
    }
  }
  return concatBytes(out).slice(0, n);
}

type Forge = typeof import('node-forge');
let forgePromise: Promise<Forge> | undefined;
/** node-forge, loaded on first use only (legacy ciphers). */
export function loadForge(): Promise<Forge> {
  forgePromise ??= import('node-forge').then((m) => (m as unknown as { default?: Forge }).default ?? (m as unknown as Forge));
  return forgePromise;
}

const bin = (b: Uint8Array) => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
};
const unbin = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

async function forgeDecrypt(cipher: 'rc2' | '3des', bits: number, key: Uint8Array, iv: Uint8Array, data: Uint8Array, scheme: string): Promise<Uint8Array> {
  const forge = await loadForge();
  const input = forge.util.createBuffer(bin(data));
  let ok: boolean;
  let output: string;
  if (cipher === 'rc2') {
    const c = forge.rc2.createDecryptionCipher(bin(key), bits);
    c.start(bin(iv));
    c.update(input);
    ok = c.finish();
    output = c.output.getBytes();
  } else {
    const k = key.length === 16 ? concatBytes([key, key.subarray(0, 8)]) : key; // 2-key 3DES = K1 K2 K1
    const c = forge.cipher.createDecipher('3DES-CBC', bin(k));
    c.start({ iv: bin(iv) });
    c.update(input);
    ok = c.finish();
    output = c.output.getBytes();
  }
  if (!ok) throw new PbeError({ kind: 'WrongPassword', scheme });
  return unbin(output);
}

/**
 * Decrypts `data` encrypted with the AlgorithmIdentifier `alg` (inside `r`) under `password`.
 * A bad padding after decryption means a wrong password (PbeError WrongPassword).
 */
export async function pbeDecrypt(subtle: Subtle, r: DerReader, alg: Tlv, data: Uint8Array, password: string): Promise<Uint8Array> {
  const a = r.into(alg);
  const o = a.expect(TAG.OID, 'the encryption algorithm');
  const oid = decodeOid(a.value(o), o.valueStart);
  const params = a.atEnd() ? undefined : a.next();
  const legacy = PKCS12_PBE[oid];
  if (legacy && params) {
    const pr = a.into(params);
    const salt = pr.value(pr.expect(TAG.OCTET_STRING, 'the PBE salt'));
    const it = pr.expect(TAG.INTEGER, 'the PBE iteration count');
    const iterations = decodeSmallInt(pr.value(it), it.valueStart);
    const pass = bmpPassword(password);
    const key = await pkcs12Kdf(subtle, 'SHA-1', pass, salt, 1, iterations, legacy.keyLen);
    const iv = await pkcs12Kdf(subtle, 'SHA-1', pass, salt, 2, iterations, 8);
    if (legacy.cipher === 'rc4') throw new PbeError({ kind: 'UnsupportedEncryption', scheme: oidName(oid) });
    return forgeDecrypt(legacy.cipher, legacy.bits ?? 0, key, iv, data, oidName(oid));
  }
  if (oid === PBES2 && params) {
    const p = readPbes2(a, params);
    const scheme = `PBES2 (${oidName(p.prfOid)}, ${oidName(p.cipherOid)})`;
    const keyLen = AES[p.cipherOid] ?? (p.cipherOid === DES_EDE3 ? 24 : 0);
    if (!keyLen) throw new PbeError({ kind: 'UnsupportedEncryption', scheme });
    const base = await subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: p.hash, salt: p.salt as Uint8Array<ArrayBuffer>, iterations: p.iterations },
      base,
      (p.keyLength ?? keyLen) * 8,
    );
    const key = new Uint8Array(bits);
    if (p.cipherOid === DES_EDE3) return forgeDecrypt('3des', 0, key, p.iv, data, scheme);
    try {
      const k = await subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
      return new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: p.iv as Uint8Array<ArrayBuffer> }, k, data as Uint8Array<ArrayBuffer>));
    } catch {
      throw new PbeError({ kind: 'WrongPassword', scheme });
    }
  }
  throw new PbeError({ kind: 'UnsupportedEncryption', scheme: oidName(oid) });
}
