/**
 * Private and public keys in every common shape: PKCS#8 (RSA, EC, Ed25519, ...), PKCS#1
 * RSA, SEC1 EC, encrypted PKCS#8 (described without a password, opened with one),
 * OpenSSL's legacy PEM encryption (Proc-Type/DEK-Info), SubjectPublicKeyInfo and PKCS#1
 * RSA public keys. Each private key yields its public key, so a key can be matched to a
 * certificate or CSR by comparing public keys (`keyIdentity`).
 */
import type { PublicKeyInfo, Subtle } from '../model.ts';
import { DerReader, TAG, type Tlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { decodeBitString, decodeOid, decodeSmallInt } from '../der/primitives.ts';
import { fromHex, toHex } from '../der/hex.ts';
import { bitString, nullValue, octets, oid, seq, tlv, uint } from '../der/encode.ts';
import { decodeBase64 } from '../der/base64.ts';
import { parsePublicKey, type PublicKeyShape } from '../x509/public-key.ts';
import { digestHex } from '../x509/certificate.ts';
import { describeEncryption, loadForge, pbeDecrypt, PbeError, type EncryptionInfo } from './pbe.ts';
import { CURVES, OID } from '../der/oids.ts';

export interface PrivateKeySummary {
  format: 'PKCS#8' | 'PKCS#1' | 'SEC1';
  algorithm: string;
  algorithmOid: string;
  bits: number;
  curve?: string;
  /** The matching public key, derived from the private key. */
  publicKey?: PublicKeyInfo;
  /** The key as unencrypted PKCS#8 DER (what `openssl pkcs8 -topk8 -nocrypt` writes). */
  pkcs8: Uint8Array;
}

export interface EncryptedKeySummary {
  format: 'encrypted PKCS#8' | 'legacy PEM encryption';
  encryption: EncryptionInfo;
}

/** A private-key shape whose public key is known before hashing. */
interface Draft {
  format: PrivateKeySummary['format'];
  algorithmOid: string;
  curveOid?: string;
  spki?: Uint8Array;
  pkcs8: Uint8Array;
  /** For keys whose public part is not stored (Ed25519 v1 PKCS#8, EC without [1]). */
  needsDerive?: { algorithm: AlgorithmIdentifier | EcKeyImportParams };
}

function rsaSpki(n: Uint8Array, e: Uint8Array): Uint8Array {
  return seq(seq(oid(OID.rsaEncryption), nullValue()), bitString(seq(uint(n), uint(e))));
}
function ecSpki(curveOid: string, point: Uint8Array): Uint8Array {
  return seq(seq(oid(OID.ecPublicKey), oid(curveOid)), bitString(point));
}

function readRsaPrivate(r: DerReader, t: Tlv): { n: Uint8Array; e: Uint8Array } {
  const s = r.into(t);
  s.expect(TAG.INTEGER, 'the RSAPrivateKey version');
  const n = s.value(s.expect(TAG.INTEGER, 'the RSA modulus'));
  const e = s.value(s.expect(TAG.INTEGER, 'the RSA public exponent'));
  for (let i = 0; i < 6; i++) s.expect(TAG.INTEGER, 'an RSA private component');
  return { n, e };
}

function readEcPrivate(r: DerReader, t: Tlv): { curveOid?: string; point?: Uint8Array } {
  const s = r.into(t);
  const v = s.expect(TAG.INTEGER, 'the ECPrivateKey version');
  if (decodeSmallInt(s.value(v), v.valueStart) !== 1) throw new DerError('BadInteger', v.valueStart, 'another version', 'ECPrivateKey version 1');
  s.expect(TAG.OCTET_STRING, 'the EC private key');
  let curveOid: string | undefined;
  const params = s.optional(0xa0);
  if (params) {
    const p = s.into(params);
    const o = p.optional(TAG.OID);
    if (o) curveOid = decodeOid(p.value(o), o.valueStart);
  }
  let point: Uint8Array | undefined;
  const pub = s.optional(0xa1);
  if (pub) {
    const p = s.into(pub);
    const b = p.expect(TAG.BIT_STRING, 'the EC public key');
    point = decodeBitString(p.value(b), b.valueStart).bytes;
  }
  return { curveOid, point };
}

function pkcs8Draft(der: Uint8Array): Draft {
  const r = new DerReader(der);
  const top = r.expect(TAG.SEQUENCE, 'a PrivateKeyInfo');
  r.finish('the PrivateKeyInfo');
  const s = r.into(top);
  s.expect(TAG.INTEGER, 'the PrivateKeyInfo version');
  const alg = s.into(s.expect(TAG.SEQUENCE, 'the private key AlgorithmIdentifier'));
  const o = alg.expect(TAG.OID, 'the key algorithm');
  const algorithmOid = decodeOid(alg.value(o), o.valueStart);
  const params = alg.atEnd() ? undefined : alg.next();
  const keyTlv = s.expect(TAG.OCTET_STRING, 'the privateKey OCTET STRING');
  s.optional(0xa0); // attributes
  const pub = s.optional(0x81); // OneAsymmetricKey publicKey [1] IMPLICIT BIT STRING
  const key = s.value(keyTlv);
  const inner = new DerReader(key, 0, key.length, s.depth + 1);
  if (algorithmOid === OID.rsaEncryption || algorithmOid === OID.rsassaPss) {
    const { n, e } = readRsaPrivate(inner, inner.expect(TAG.SEQUENCE, 'RSAPrivateKey'));
    return { format: 'PKCS#8', algorithmOid, spki: rsaSpki(n, e), pkcs8: der };
  }
  if (algorithmOid === OID.ecPublicKey) {
    const curveOid = params?.tag === TAG.OID ? decodeOid(alg.value(params), params.valueStart) : undefined;
    const ec = readEcPrivate(inner, inner.expect(TAG.SEQUENCE, 'ECPrivateKey'));
    const c = curveOid ?? ec.curveOid;
    if (c && ec.point) return { format: 'PKCS#8', algorithmOid, curveOid: c, spki: ecSpki(c, ec.point), pkcs8: der };
    return { format: 'PKCS#8', algorithmOid, curveOid: c, pkcs8: der, needsDerive: { algorithm: { name: 'ECDSA', namedCurve: CURVES[c ?? '']?.name ?? '' } } };
  }
  if (algorithmOid === OID.ed25519 || algorithmOid === OID.x25519 || algorithmOid === OID.ed448 || algorithmOid === OID.x448) {
    if (pub) return { format: 'PKCS#8', algorithmOid, spki: seq(seq(oid(algorithmOid)), tlv(0x03, s.value(pub))), pkcs8: der };
    const name = { [OID.ed25519]: 'Ed25519', [OID.x25519]: 'X25519', [OID.ed448]: 'Ed448', [OID.x448]: 'X448' }[algorithmOid];
    return { format: 'PKCS#8', algorithmOid, pkcs8: der, needsDerive: { algorithm: { name } } };
  }
  return { format: 'PKCS#8', algorithmOid, pkcs8: der };
}

function pkcs1Draft(der: Uint8Array): Draft {
  const r = new DerReader(der);
  const t = r.expect(TAG.SEQUENCE, 'an RSAPrivateKey');
  r.finish('the RSAPrivateKey');
  const { n, e } = readRsaPrivate(r, t);
  const pkcs8 = seq(tlv(0x02, new Uint8Array([0])), seq(oid(OID.rsaEncryption), nullValue()), octets(der));
  return { format: 'PKCS#1', algorithmOid: OID.rsaEncryption, spki: rsaSpki(n, e), pkcs8 };
}

function sec1Draft(der: Uint8Array): Draft {
  const r = new DerReader(der);
  const t = r.expect(TAG.SEQUENCE, 'an ECPrivateKey');
  r.finish('the ECPrivateKey');
  const { curveOid, point } = readEcPrivate(r, t);
  if (!curveOid) throw new DerError('UnexpectedTag', t.start, 'an ECPrivateKey without a named curve', 'the [0] namedCurve parameter');
  const pkcs8 = seq(tlv(0x02, new Uint8Array([0])), seq(oid(OID.ecPublicKey), oid(curveOid)), octets(der));
  if (point) return { format: 'SEC1', algorithmOid: OID.ecPublicKey, curveOid, spki: ecSpki(curveOid, point), pkcs8 };
  return {
    format: 'SEC1',
    algorithmOid: OID.ecPublicKey,
    curveOid,
    pkcs8,
    needsDerive: { algorithm: { name: 'ECDSA', namedCurve: CURVES[curveOid]?.name ?? '' } },
  };
}

function b64url(s: string | undefined): Uint8Array {
  const r = decodeBase64(s ?? '');
  return r.ok ? r.bytes : new Uint8Array();
}

/** Derives the public key through WebCrypto when the private key does not carry it. */
async function deriveSpki(subtle: Subtle, d: Draft): Promise<Uint8Array | undefined> {
  if (!d.needsDerive) return undefined;
  try {
    const k = await subtle.importKey(
      'pkcs8',
      d.pkcs8 as Uint8Array<ArrayBuffer>,
      d.needsDerive.algorithm,
      true,
      d.algorithmOid === OID.x25519 || d.algorithmOid === OID.x448 ? ['deriveBits'] : ['sign'],
    );
    const jwk = await subtle.exportKey('jwk', k);
    if (d.algorithmOid === OID.ecPublicKey && d.curveOid) return ecSpki(d.curveOid, new Uint8Array([4, ...b64url(jwk.x), ...b64url(jwk.y)]));
    return seq(seq(oid(d.algorithmOid)), bitString(b64url(jwk.x)));
  } catch {
    return undefined;
  }
}

export async function publicKeyInfo(spki: Uint8Array, subtle: Subtle): Promise<PublicKeyInfo> {
  const shape = parsePublicKey(spki);
  return { ...shape, spkiSha256: await digestHex(subtle, 'SHA-256', spki) };
}

async function finish(d: Draft, subtle: Subtle): Promise<PrivateKeySummary> {
  const spki = d.spki ?? (await deriveSpki(subtle, d));
  const publicKey = spki ? await publicKeyInfo(spki, subtle) : undefined;
  const algNames: Record<string, string> = {
    [OID.rsaEncryption]: 'RSA',
    [OID.rsassaPss]: 'RSA-PSS',
    [OID.ecPublicKey]: 'EC',
    [OID.ed25519]: 'Ed25519',
    [OID.ed448]: 'Ed448',
    [OID.x25519]: 'X25519',
    [OID.x448]: 'X448',
    [OID.dsa]: 'DSA',
  };
  const out: PrivateKeySummary = {
    format: d.format,
    algorithm: publicKey?.algorithm ?? algNames[d.algorithmOid] ?? d.algorithmOid,
    algorithmOid: d.algorithmOid,
    bits: publicKey?.bits ?? 0,
    pkcs8: d.pkcs8,
  };
  const curve = publicKey?.curve ?? (d.curveOid ? (CURVES[d.curveOid]?.name ?? d.curveOid) : undefined);
  if (curve) out.curve = curve;
  if (publicKey) out.publicKey = publicKey;
  return out;
}

export type PrivateKeyFormat = 'pkcs8' | 'pkcs1' | 'sec1';

/** Parses an unencrypted private key of the given format. Fails with DerError. */
export async function parsePrivateKey(der: Uint8Array, format: PrivateKeyFormat, subtle: Subtle): Promise<PrivateKeySummary> {
  const draft = format === 'pkcs8' ? pkcs8Draft(der) : format === 'pkcs1' ? pkcs1Draft(der) : sec1Draft(der);
  return finish(draft, subtle);
}

/** Describes an EncryptedPrivateKeyInfo without opening it. */
export function describeEncryptedPkcs8(der: Uint8Array): { info: EncryptionInfo; reader: DerReader; alg: Tlv; data: Uint8Array } {
  const r = new DerReader(der);
  const top = r.expect(TAG.SEQUENCE, 'an EncryptedPrivateKeyInfo');
  r.finish('the EncryptedPrivateKeyInfo');
  const s = r.into(top);
  const alg = s.expect(TAG.SEQUENCE, 'the encryptionAlgorithm');
  const data = s.value(s.expect(TAG.OCTET_STRING, 'the encryptedData'));
  s.finish('EncryptedPrivateKeyInfo');
  return { info: describeEncryption(s, alg), reader: s, alg, data };
}

/** Opens an encrypted PKCS#8 key. Throws PbeError (WrongPassword / UnsupportedEncryption) or DerError. */
export async function decryptPkcs8(der: Uint8Array, password: string, subtle: Subtle): Promise<PrivateKeySummary> {
  const { reader, alg, data } = describeEncryptedPkcs8(der);
  const plain = await pbeDecrypt(subtle, reader, alg, data, password);
  try {
    return await parsePrivateKey(plain, 'pkcs8', subtle);
  } catch (e) {
    // garbage after a lucky padding check is a wrong password too
    if (e instanceof DerError) throw new PbeError({ kind: 'WrongPassword', scheme: describeEncryption(reader, alg).scheme });
    throw e;
  }
}

const PEM_CIPHERS: Record<string, { forge: string; keyLen: number }> = {
  'AES-128-CBC': { forge: 'AES-CBC', keyLen: 16 },
  'AES-192-CBC': { forge: 'AES-CBC', keyLen: 24 },
  'AES-256-CBC': { forge: 'AES-CBC', keyLen: 32 },
  'DES-EDE3-CBC': { forge: '3DES-CBC', keyLen: 24 },
  'DES-CBC': { forge: 'DES-CBC', keyLen: 8 },
};

export function describeLegacyPem(dekInfo: string): EncryptionInfo {
  const cipher = dekInfo.split(',')[0]?.trim() ?? '';
  return { scheme: `OpenSSL PEM encryption (${cipher}, MD5 key derivation)`, oid: '', legacy: true, iterations: 1 };
}

/**
 * Opens an OpenSSL "traditional" encrypted PEM key (Proc-Type: 4,ENCRYPTED; DEK-Info:
 * cipher,iv-hex): key = EVP_BytesToKey(MD5, salt = first 8 bytes of the IV, 1 round).
 */
export async function decryptLegacyPem(
  der: Uint8Array,
  dekInfo: string,
  password: string,
  format: 'pkcs1' | 'sec1',
  subtle: Subtle,
): Promise<PrivateKeySummary> {
  const [name, ivHex] = dekInfo.split(',').map((s) => s.trim());
  const c = PEM_CIPHERS[name];
  const iv = fromHex(ivHex ?? '');
  const scheme = describeLegacyPem(dekInfo).scheme;
  if (!c || !iv) throw new PbeError({ kind: 'UnsupportedEncryption', scheme });
  const forge = await loadForge();
  let key = '';
  let prev = '';
  const salt = String.fromCharCode(...iv.subarray(0, 8));
  while (key.length < c.keyLen) {
    const md = forge.md.md5.create();
    md.update(prev + forge.util.encodeUtf8(password) + salt);
    prev = md.digest().getBytes();
    key += prev;
  }
  const d = forge.cipher.createDecipher(c.forge as 'AES-CBC', key.slice(0, c.keyLen));
  d.start({ iv: String.fromCharCode(...iv) });
  d.update(forge.util.createBuffer(String.fromCharCode(...der)));
  if (!d.finish()) throw new PbeError({ kind: 'WrongPassword', scheme });
  const plain = Uint8Array.from(d.output.getBytes(), (ch) => ch.charCodeAt(0));
  try {
    return await parsePrivateKey(plain, format, subtle);
  } catch (e) {
    if (e instanceof DerError) throw new PbeError({ kind: 'WrongPassword', scheme });
    throw e;
  }
}

/** Parses a PKCS#1 RSAPublicKey ("RSA PUBLIC KEY") into SPKI form. */
export async function parseRsaPublicKey(der: Uint8Array, subtle: Subtle): Promise<PublicKeyInfo> {
  const r = new DerReader(der);
  const s = r.into(r.expect(TAG.SEQUENCE, 'an RSAPublicKey'));
  r.finish('the RSAPublicKey');
  const n = s.value(s.expect(TAG.INTEGER, 'the RSA modulus'));
  const e = s.value(s.expect(TAG.INTEGER, 'the RSA public exponent'));
  s.finish('RSAPublicKey');
  return publicKeyInfo(rsaSpki(n, e), subtle);
}

/**
 * A string that is equal for two SPKIs exactly when they hold the same public key:
 * RSA by modulus, EC by curve + x coordinate + y parity (so compressed and uncompressed
 * points compare equal), other algorithms by the key bits.
 */
export function keyIdentity(pk: PublicKeyShape): string {
  const r = new DerReader(pk.spki);
  const s = r.into(r.expect(TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  s.expect(TAG.SEQUENCE, 'AlgorithmIdentifier');
  const b = s.expect(TAG.BIT_STRING, 'subjectPublicKey');
  const key = decodeBitString(s.value(b), b.valueStart).bytes;
  if (pk.algorithm === 'RSA' || pk.algorithm === 'RSA-PSS') {
    const kr = new DerReader(key);
    const ks = kr.into(kr.expect(TAG.SEQUENCE, 'RSAPublicKey'));
    const n = ks.value(ks.expect(TAG.INTEGER, 'modulus'));
    return `rsa:${toHex(n).replace(/^(00)+/, '')}`;
  }
  if (pk.algorithm === 'EC' && key.length > 1) {
    if (key[0] === 4) {
      const half = (key.length - 1) / 2;
      return `ec:${pk.curve}:${key[key.length - 1] & 1 ? '03' : '02'}${toHex(key.subarray(1, 1 + half))}`;
    }
    return `ec:${pk.curve}:${toHex(key)}`;
  }
  return `${pk.algorithmOid}:${toHex(key)}`;
}
