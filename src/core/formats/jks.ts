/**
 * Java keystores in Sun's own formats: JKS (magic 0xFEEDFEED) and JCEKS (magic 0xCECECECE),
 * what `keytool -storetype JKS` writes and what older `cacerts` files are. PKCS#12 keystores
 * (keytool's default since Java 9) are read by pkcs12.ts.
 *
 * Layout (sun.security.provider.JavaKeyStore, version 2):
 *   u32 magic, u32 version, u32 count, then per entry:
 *     u32 tag (1 private key, 2 trusted certificate, 3 JCEKS secret key),
 *     alias (Java modified UTF-8: u16 length + bytes), u64 creation time (ms since 1970),
 *     tag 1: u32 length + protected key (an EncryptedPrivateKeyInfo), u32 chain length,
 *            and per certificate: type ("X.509", version 2 only), u32 length + DER;
 *     tag 2: type ("X.509", version 2 only), u32 length + DER;
 *     tag 3: a Java-serialised SealedObject (JCEKS only; not read, see below);
 *   then 20 bytes: SHA-1(password as UTF-16BE + "Mighty Aphrodite" + every byte before).
 *
 * What is readable without the password: everything but the private keys. Aliases, entry
 * types, dates and every certificate (trusted entries and the chains of key entries) are
 * stored in the clear; the password only proves the file's integrity (the digest at the end)
 * and, for JKS, decrypts the private keys (Sun's KeyProtector: a SHA-1 keystream). A wrong
 * password is a named failure and loses nothing else. JCEKS keys (PBEWithMD5AndTripleDES) are
 * listed but not decrypted, and a JCEKS secret-key entry is a Java-serialised object this
 * reader does not walk: entries after one are reported as not read.
 */
import type { Subtle } from '../model.ts';
import { concatBytes } from '../der/hex.ts';

export type KeystoreType = 'JKS' | 'JCEKS';

export type JksEntry =
  | { type: 'trusted-certificate'; alias: string; created: number; certificate: Uint8Array }
  | {
      type: 'private-key';
      alias: string;
      created: number;
      /** The chain stored with the key, the key's own certificate first. */
      chain: Uint8Array[];
      /** The protected key: an EncryptedPrivateKeyInfo (Sun KeyProtector or PBEWithMD5AndTripleDES). */
      protectedKey: Uint8Array;
      /** The PKCS#8 key when the password opened it (JKS only). */
      pkcs8?: Uint8Array;
      /** Why the key was not opened, when it was not. */
      keyNotOpened?: 'no-password' | 'wrong-password' | 'unsupported-protection';
      protection: string;
    }
  | { type: 'secret-key'; alias: string; created: number };

/** Whether the store's integrity digest was checked against a password. */
export type JksIntegrity = 'verified' | 'not-checked' | 'wrong-password';

export interface Keystore {
  type: KeystoreType;
  version: number;
  entries: JksEntry[];
  integrity: JksIntegrity;
  /** Entries the reader could not reach (after a JCEKS secret key), when any. */
  unread?: number;
}

export type JksFailure =
  | { kind: 'NotAKeystore'; detail: string }
  | { kind: 'TruncatedKeystore'; offset: number; needed: number; detail: string }
  | { kind: 'UnsupportedKeystoreVersion'; version: number };

export class JksError extends Error {
  readonly failure: JksFailure;
  constructor(failure: JksFailure) {
    super(
      failure.kind === 'NotAKeystore'
        ? `not a Java keystore: ${failure.detail}`
        : failure.kind === 'TruncatedKeystore'
          ? `the keystore ends early at byte ${failure.offset} (${failure.detail} needs ${failure.needed} more bytes)`
          : `unsupported keystore version ${failure.version} (1 and 2 are known)`,
    );
    this.failure = failure;
  }
}

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;
const WHITENER = new TextEncoder().encode('Mighty Aphrodite');
/** Sun's KeyProtector: 1.3.6.1.4.1.42.2.17.1.1 */
const KEY_PROTECTOR_OID = [0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x2a, 0x02, 0x11, 0x01, 0x01];

/** The first four bytes name a JKS or JCEKS store. */
export function keystoreTypeOf(bytes: Uint8Array): KeystoreType | undefined {
  if (bytes.length < 4) return undefined;
  const m = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  return m === JKS_MAGIC ? 'JKS' : m === JCEKS_MAGIC ? 'JCEKS' : undefined;
}

class Cursor {
  pos = 0;
  readonly b: Uint8Array;
  readonly end: number;
  constructor(b: Uint8Array, end: number) {
    this.b = b;
    this.end = end;
  }
  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw new JksError({ kind: 'TruncatedKeystore', offset: this.pos, needed: this.pos + n - this.end, detail: what });
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.b[this.pos] << 8) | this.b[this.pos + 1];
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = ((this.b[this.pos] << 24) | (this.b[this.pos + 1] << 16) | (this.b[this.pos + 2] << 8) | this.b[this.pos + 3]) >>> 0;
    this.pos += 4;
    return v;
  }
  u64(what: string): number {
    const hi = this.u32(what);
    const lo = this.u32(what);
    return hi * 2 ** 32 + lo;
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  utf(what: string): string {
    return decodeModifiedUtf8(this.bytes(this.u16(what), what));
  }
}

/** Java's modified UTF-8 (DataOutputStream.writeUTF): NUL as C0 80, supplementary characters as two 3-byte surrogates. */
export function decodeModifiedUtf8(b: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      units.push(c);
      i += 1;
    } else if ((c & 0xe0) === 0xc0 && i + 1 < b.length) {
      units.push(((c & 0x1f) << 6) | (b[i + 1] & 0x3f));
      i += 2;
    } else if ((c & 0xf0) === 0xe0 && i + 2 < b.length) {
      units.push(((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
      i += 3;
    } else {
      units.push(0xfffd);
      i += 1;
    }
  }
  return String.fromCharCode(...units);
}

/** The password as Java hands it to the digest: each UTF-16 unit as two bytes, big-endian. */
function passwordBytes(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

const sha1 = async (subtle: Subtle, data: Uint8Array) => new Uint8Array(await subtle.digest('SHA-1', data as Uint8Array<ArrayBuffer>));
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether a protected key is Sun's KeyProtector (JKS) rather than PBEWithMD5AndTripleDES (JCEKS). */
function isKeyProtector(epki: Uint8Array): boolean {
  // SEQUENCE { SEQUENCE { OID, NULL? }, OCTET STRING }: find the OID bytes in the first 24
  const head = epki.subarray(0, 24);
  for (let i = 0; i + KEY_PROTECTOR_OID.length <= head.length; i++) if (KEY_PROTECTOR_OID.every((x, j) => head[i + j] === x)) return true;
  return false;
}

/** The encrypted octets of an EncryptedPrivateKeyInfo: the last OCTET STRING of the outer SEQUENCE. */
function encryptedData(epki: Uint8Array): Uint8Array | undefined {
  const len = (p: number): [number, number] | undefined => {
    const l = epki[p];
    if (l < 0x80) return [l, p + 1];
    const n = l & 0x7f;
    if (n < 1 || n > 3) return undefined;
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + epki[p + 1 + i];
    return [v, p + 1 + n];
  };
  if (epki[0] !== 0x30) return undefined;
  const outer = len(1);
  if (!outer) return undefined;
  let p = outer[1];
  if (epki[p] !== 0x30) return undefined;
  const alg = len(p + 1);
  if (!alg) return undefined;
  p = alg[1] + alg[0];
  if (epki[p] !== 0x04) return undefined;
  const data = len(p + 1);
  if (!data || data[1] + data[0] > epki.length) return undefined;
  return epki.subarray(data[1], data[1] + data[0]);
}

/**
 * Sun's KeyProtector.recover: data = salt(20) | key XOR keystream | check(20), where the
 * keystream is SHA-1(password | previous) starting from the salt, and check = SHA-1(password | key).
 * Returns the PKCS#8 key, or undefined when the check fails (a wrong key password).
 */
export async function recoverJksKey(epki: Uint8Array, password: string, subtle: Subtle): Promise<Uint8Array | undefined> {
  const data = encryptedData(epki);
  if (!data || data.length < 40) return undefined;
  const pw = passwordBytes(password);
  const salt = data.subarray(0, 20);
  const enc = data.subarray(20, data.length - 20);
  const check = data.subarray(data.length - 20);
  const key = new Uint8Array(enc.length);
  let digest = salt;
  for (let off = 0; off < enc.length; off += 20) {
    digest = await sha1(subtle, concatBytes([pw, digest]));
    for (let i = 0; i < 20 && off + i < enc.length; i++) key[off + i] = enc[off + i] ^ digest[i];
  }
  return equal(await sha1(subtle, concatBytes([pw, key])), check) ? key : undefined;
}

/**
 * Reads a JKS or JCEKS store. Without a password every entry and certificate is read and the
 * integrity is 'not-checked'; with the right one it is 'verified' and JKS keys are decrypted;
 * with a wrong one it is 'wrong-password' and everything else is still read.
 */
export async function readKeystore(bytes: Uint8Array, password: string | undefined, subtle: Subtle): Promise<Keystore> {
  const type = keystoreTypeOf(bytes);
  if (!type) throw new JksError({ kind: 'NotAKeystore', detail: 'the file does not start with FE ED FE ED (JKS) or CE CE CE CE (JCEKS)' });
  if (bytes.length < 12 + 20)
    throw new JksError({ kind: 'TruncatedKeystore', offset: bytes.length, needed: 32 - bytes.length, detail: 'the header and digest' });
  const end = bytes.length - 20;
  const c = new Cursor(bytes, end);
  c.pos = 4;
  const version = c.u32('the version');
  if (version !== 1 && version !== 2) throw new JksError({ kind: 'UnsupportedKeystoreVersion', version });
  const count = c.u32('the entry count');
  const certificate = (what: string) => {
    if (version === 2) c.utf(`${what}'s type`);
    return c.bytes(c.u32(what), what);
  };
  const entries: JksEntry[] = [];
  let unread: number | undefined;
  for (let i = 0; i < count; i++) {
    const tag = c.u32(`entry ${i + 1}'s tag`);
    const alias = c.utf(`entry ${i + 1}'s alias`);
    const created = c.u64(`entry ${i + 1}'s date`);
    if (tag === 1) {
      const protectedKey = c.bytes(c.u32(`the key of ${alias}`), `the key of ${alias}`);
      const n = c.u32(`the chain length of ${alias}`);
      const chain: Uint8Array[] = [];
      for (let j = 0; j < n; j++) chain.push(certificate(`certificate ${j + 1} of ${alias}`));
      const sun = isKeyProtector(protectedKey);
      entries.push({
        type: 'private-key',
        alias,
        created,
        chain,
        protectedKey,
        protection: sun ? 'Sun KeyProtector (SHA-1 keystream)' : 'PBEWithMD5AndTripleDES',
      });
    } else if (tag === 2) {
      entries.push({ type: 'trusted-certificate', alias, created, certificate: certificate(`the certificate of ${alias}`) });
    } else if (tag === 3 && type === 'JCEKS') {
      entries.push({ type: 'secret-key', alias, created });
      unread = count - i - 1;
      break;
    } else {
      throw new JksError({ kind: 'NotAKeystore', detail: `entry ${i + 1} (${alias}) has tag ${tag}; 1 (private key) and 2 (trusted certificate) are known` });
    }
  }
  if (unread === undefined && c.pos !== end)
    throw new JksError({ kind: 'NotAKeystore', detail: `${end - c.pos} bytes follow the last entry before the digest` });
  let integrity: JksIntegrity = 'not-checked';
  if (password !== undefined) {
    const digest = await sha1(subtle, concatBytes([passwordBytes(password), WHITENER, bytes.subarray(0, end)]));
    integrity = equal(digest, bytes.subarray(end)) ? 'verified' : 'wrong-password';
  }
  for (const e of entries) {
    if (e.type !== 'private-key') continue;
    if (password === undefined) e.keyNotOpened = 'no-password';
    else if (!isKeyProtector(e.protectedKey)) e.keyNotOpened = 'unsupported-protection';
    else {
      // keytool uses the store password for keys unless -keypass said otherwise
      const pkcs8 = await recoverJksKey(e.protectedKey, password, subtle);
      if (pkcs8) e.pkcs8 = pkcs8;
      else e.keyNotOpened = 'wrong-password';
    }
  }
  return { type, version, entries, integrity, ...(unread ? { unread } : {}) };
}
