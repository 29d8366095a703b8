/**
 * PKCS#12 (.p12/.pfx): checks the MAC with the password (wrong password = MAC check
 * failed), opens every SafeContents (plain or password-encrypted) and returns the
 * certificates and keys with their friendly names and local key ids. Modern files
 * (OpenSSL 3 default: PBES2 with PBKDF2-SHA256 + AES-256-CBC, SHA-256 MAC) open with
 * WebCrypto alone; legacy files (`-legacy`: RC2-40 + 3DES, SHA-1 MAC) load node-forge
 * for those two ciphers (see pbe.ts).
 */
import type { Subtle } from '../model.ts';
import { DerReader, TAG, octetContent, type Tlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { decodeOid, decodeSmallInt, decodeString } from '../der/primitives.ts';
import { bytesEqual, toHex } from '../der/hex.ts';
import { bmpPassword, describeEncryption, pbeDecrypt, pkcs12Kdf, PbeError, type EncryptionInfo } from './pbe.ts';
import { OID, oidName } from '../der/oids.ts';

export interface Pkcs12Bag {
  type: 'certificate' | 'key' | 'encrypted-key' | 'crl' | 'other';
  /** Certificate DER, PKCS#8 PrivateKeyInfo DER (key), or EncryptedPrivateKeyInfo DER. */
  der: Uint8Array;
  friendlyName?: string;
  localKeyId?: string;
  bagType: string;
}

export interface Pkcs12Contents {
  mac?: { algorithm: string; iterations: number };
  /** How each SafeContents was protected. */
  encryption: EncryptionInfo[];
  legacy: boolean;
  bags: Pkcs12Bag[];
}

const HASH_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export type Pkcs12Failure = { kind: 'PasswordRequired' } | { kind: 'WrongPassword'; detail: string } | { kind: 'UnsupportedEncryption'; scheme: string };

export class Pkcs12Error extends Error {
  readonly failure: Pkcs12Failure;
  constructor(failure: Pkcs12Failure) {
    super(failure.kind);
    this.failure = failure;
  }
}

/** True when the DER looks like a PFX (version 3 then a ContentInfo). */
export function looksLikePkcs12(der: Uint8Array): boolean {
  try {
    const r = new DerReader(der, 0, der.length, 0, true);
    const s = r.into(r.expect(TAG.SEQUENCE, 'PFX'));
    const v = s.expect(TAG.INTEGER, 'version');
    return decodeSmallInt(s.value(v)) === 3 && s.peekTag() === TAG.SEQUENCE;
  } catch {
    return false;
  }
}

async function checkMac(
  subtle: Subtle,
  r: DerReader,
  macTlv: Tlv,
  authSafe: Uint8Array,
  password: string,
): Promise<{ ok: boolean; algorithm: string; iterations: number }> {
  const m = r.into(macTlv);
  const di = m.into(m.expect(TAG.SEQUENCE, 'the MAC DigestInfo'));
  const alg = di.into(di.expect(TAG.SEQUENCE, 'the MAC digest algorithm'));
  const ao = alg.expect(TAG.OID, 'the MAC hash');
  const hashOid = decodeOid(alg.value(ao), ao.valueStart);
  const expected = di.value(di.expect(TAG.OCTET_STRING, 'the MAC value'));
  const salt = m.value(m.expect(TAG.OCTET_STRING, 'the MAC salt'));
  const it = m.optional(TAG.INTEGER);
  const iterations = it ? decodeSmallInt(m.value(it), it.valueStart) : 1;
  const hash = HASH_BY_OID[hashOid];
  if (!hash) throw new Pkcs12Error({ kind: 'UnsupportedEncryption', scheme: `MAC with ${oidName(hashOid)}` });
  const key = await pkcs12Kdf(subtle, hash, bmpPassword(password), salt, 3, iterations, expected.length);
  const k = await subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
  const mac = new Uint8Array(await subtle.sign('HMAC', k, authSafe as Uint8Array<ArrayBuffer>));
  let ok = bytesEqual(mac, expected);
  if (!ok && password === '') {
    // some writers derive the MAC key from an absent password (no 00 00 terminator)
    const key2 = await pkcs12Kdf(subtle, hash, new Uint8Array(0), salt, 3, iterations, expected.length);
    const k2 = await subtle.importKey('raw', key2 as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['sign']);
    ok = bytesEqual(new Uint8Array(await subtle.sign('HMAC', k2, authSafe as Uint8Array<ArrayBuffer>)), expected);
  }
  return { ok, algorithm: oidName(hashOid), iterations };
}

/** An OCTET STRING, primitive (DER) or constructed (BER, as NSS and Windows write). */
function expectOctets(r: DerReader, what: string): Tlv {
  return r.peekTag() === 0x24 ? r.next() : r.expect(TAG.OCTET_STRING, what);
}

function readAttributes(r: DerReader, t: Tlv | undefined, bag: Pkcs12Bag): void {
  if (!t) return;
  const s = r.into(t);
  while (!s.atEnd()) {
    const a = s.into(s.expect(TAG.SEQUENCE, 'a bag attribute'));
    const o = a.expect(TAG.OID, 'the attribute type');
    const type = decodeOid(a.value(o), o.valueStart);
    const vals = a.into(a.expect(TAG.SET, 'the attribute values'));
    if (vals.atEnd()) continue;
    const v = vals.next();
    if (type === '1.2.840.113549.1.9.20') bag.friendlyName = decodeString(v.tag, vals.value(v), v.valueStart);
    if (type === '1.2.840.113549.1.9.21') bag.localKeyId = toHex(vals.value(v));
  }
}

function readSafeContents(data: Uint8Array, depth: number, out: Pkcs12Bag[]): void {
  const r = new DerReader(data, 0, data.length, depth, true);
  const s = r.into(r.expect(TAG.SEQUENCE, 'SafeContents'));
  while (!s.atEnd()) {
    const b = s.into(s.expect(TAG.SEQUENCE, 'a SafeBag'));
    const o = b.expect(TAG.OID, 'the bagId');
    const bagOid = decodeOid(b.value(o), o.valueStart);
    const wrap = b.into(b.expect(0xa0, 'the [0] bagValue'));
    const v = wrap.next();
    const attrs = b.optional(TAG.SET);
    const bag: Pkcs12Bag = { type: 'other', der: wrap.raw(v).slice(), bagType: oidName(bagOid) };
    if (bagOid === '1.2.840.113549.1.12.10.1.3' || bagOid === '1.2.840.113549.1.12.10.1.4') {
      const cb = wrap.into(v);
      cb.expect(TAG.OID, 'the certId');
      const inner = cb.into(cb.expect(0xa0, 'the [0] certValue'));
      const ot = inner.next();
      bag.der = octetContent(inner, ot).slice();
      bag.type = bagOid.endsWith('.3') ? 'certificate' : 'crl';
    } else if (bagOid === '1.2.840.113549.1.12.10.1.1') bag.type = 'key';
    else if (bagOid === '1.2.840.113549.1.12.10.1.2') bag.type = 'encrypted-key';
    else if (bagOid === '1.2.840.113549.1.12.10.1.6') {
      readSafeContents(wrap.raw(v), depth + 1, out);
      continue;
    }
    readAttributes(b, attrs, bag);
    out.push(bag);
  }
}

/**
 * Opens a PFX. Without a password the empty password is tried (what `-passout pass:`
 * writes); then PasswordRequired. A MAC mismatch with a given password is WrongPassword.
 */
export async function openPkcs12(der: Uint8Array, password: string | undefined, subtle: Subtle): Promise<Pkcs12Contents> {
  const r = new DerReader(der, 0, der.length, 0, true);
  const top = r.expect(TAG.SEQUENCE, 'a PKCS#12 PFX');
  r.finish('the PKCS#12 PFX');
  const pfx = r.into(top);
  const v = pfx.expect(TAG.INTEGER, 'the PFX version');
  if (decodeSmallInt(pfx.value(v), v.valueStart) !== 3) throw new DerError('BadInteger', v.valueStart, 'another PFX version', 'version 3');
  const ci = pfx.into(pfx.expect(TAG.SEQUENCE, 'the authSafe ContentInfo'));
  const ct = ci.expect(TAG.OID, 'the authSafe content type');
  if (decodeOid(ci.value(ct), ct.valueStart) !== OID.data) {
    throw new Pkcs12Error({ kind: 'UnsupportedEncryption', scheme: `public-key integrity mode (${oidName(decodeOid(ci.value(ct)))})` });
  }
  const cw = ci.into(ci.expect(0xa0, 'the [0] authSafe content'));
  const authSafe = octetContent(cw, expectOctets(cw, 'the authSafe OCTET STRING'));
  const macTlv = pfx.optional(TAG.SEQUENCE);
  const pass = password ?? '';
  let mac: Pkcs12Contents['mac'];
  if (macTlv) {
    const res = await checkMac(subtle, pfx, macTlv, authSafe, pass);
    if (!res.ok) {
      if (password === undefined) throw new Pkcs12Error({ kind: 'PasswordRequired' });
      throw new Pkcs12Error({ kind: 'WrongPassword', detail: `MAC check failed (${res.algorithm}, ${res.iterations} iterations)` });
    }
    mac = { algorithm: res.algorithm, iterations: res.iterations };
  }
  const bags: Pkcs12Bag[] = [];
  const encryption: EncryptionInfo[] = [];
  const ar = new DerReader(authSafe, 0, authSafe.length, pfx.depth + 1, true);
  const list = ar.into(ar.expect(TAG.SEQUENCE, 'AuthenticatedSafe'));
  while (!list.atEnd()) {
    const c = list.into(list.expect(TAG.SEQUENCE, 'a ContentInfo'));
    const o = c.expect(TAG.OID, 'the content type');
    const type = decodeOid(c.value(o), o.valueStart);
    const w = c.into(c.expect(0xa0, 'the [0] content'));
    if (type === OID.data) {
      readSafeContents(octetContent(w, expectOctets(w, 'SafeContents')), list.depth + 2, bags);
    } else if (type === OID.encryptedData) {
      const ed = w.into(w.expect(TAG.SEQUENCE, 'EncryptedData'));
      ed.expect(TAG.INTEGER, 'the EncryptedData version');
      const eci = ed.into(ed.expect(TAG.SEQUENCE, 'EncryptedContentInfo'));
      eci.expect(TAG.OID, 'the content type');
      const alg = eci.expect(TAG.SEQUENCE, 'the contentEncryptionAlgorithm');
      const info = describeEncryption(eci, alg);
      encryption.push(info);
      const enc = eci.next();
      if (enc.tagNumber !== 0 || enc.cls !== 2) throw new DerError('UnexpectedTag', enc.start, `tag 0x${enc.tag.toString(16)}`, '[0] encryptedContent');
      const data = octetContent(eci, enc);
      let plain: Uint8Array;
      try {
        plain = await pbeDecrypt(subtle, eci, alg, data, pass);
      } catch (e) {
        if (e instanceof PbeError) {
          if (e.failure.kind === 'UnsupportedEncryption') throw new Pkcs12Error({ kind: 'UnsupportedEncryption', scheme: e.failure.scheme });
          if (password === undefined) throw new Pkcs12Error({ kind: 'PasswordRequired' });
          throw new Pkcs12Error({ kind: 'WrongPassword', detail: `${info.scheme} decryption failed` });
        }
        throw e;
      }
      readSafeContents(plain, list.depth + 2, bags);
    } else {
      throw new Pkcs12Error({ kind: 'UnsupportedEncryption', scheme: `public-key privacy mode (${oidName(type)})` });
    }
  }
  for (const b of bags) if (b.type === 'encrypted-key') encryption.push(describeEncryption(...encInfo(b.der)));
  return { mac, encryption, legacy: encryption.some((e) => e.legacy), bags };
}

function encInfo(der: Uint8Array): [DerReader, Tlv] {
  const r = new DerReader(der);
  const s = r.into(r.expect(TAG.SEQUENCE, 'EncryptedPrivateKeyInfo'));
  return [s, s.expect(TAG.SEQUENCE, 'the encryptionAlgorithm')];
}
