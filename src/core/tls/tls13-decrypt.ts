/**
 * Decrypting the server's TLS 1.3 handshake records from the key log secrets
 * (SSLKEYLOGFILE format, as Node's `keylog` event gives it), using WebCrypto only.
 *
 * RFC 8446 7.1 HKDF-Expand-Label; 7.3 traffic keys (key, iv); 5.3 per-record nonce
 * (iv XOR 64-bit sequence number); 5.2 TLSInnerPlaintext (content, type, zero padding),
 * with the 5-byte record header as additional data. Only the AES-GCM suites are supported:
 * the probe offers nothing else in TLS 1.3, so ChaCha20 (missing from WebCrypto) is never needed.
 */
import { cipherSuiteName } from './names.ts';
import { fail } from './reader.ts';

/** Key log lines: `LABEL <client_random hex> <secret hex>`; returns label -> secret. */
export function parseKeyLog(text: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+) ([0-9a-fA-F]+) ([0-9a-fA-F]+)\s*$/.exec(line.trim());
    if (!m || m[3]!.length % 2 !== 0) continue;
    const hex = m[3]!;
    out.set(
      m[1]!,
      Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16)),
    );
  }
  return out;
}

interface SuiteParams {
  hash: 'SHA-256' | 'SHA-384';
  hashLen: number;
  keyLen: number;
}

const AES_GCM_SUITES: Record<number, SuiteParams> = {
  0x1301: { hash: 'SHA-256', hashLen: 32, keyLen: 16 },
  0x1302: { hash: 'SHA-384', hashLen: 48, keyLen: 32 },
};

async function hmac(subtle: SubtleCrypto, hash: string, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const k = await subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, data as BufferSource));
}

/** RFC 5869 HKDF-Expand. */
export async function hkdfExpand(subtle: SubtleCrypto, hash: string, prk: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let t: Uint8Array = new Uint8Array(0);
  for (let i = 1, filled = 0; filled < length; i++) {
    const input = new Uint8Array(t.length + info.length + 1);
    input.set(t);
    input.set(info, t.length);
    input[input.length - 1] = i;
    t = await hmac(subtle, hash, prk, input);
    out.set(t.subarray(0, Math.min(t.length, length - filled)), filled);
    filled += t.length;
  }
  return out;
}

/** RFC 8446 7.1 HKDF-Expand-Label(secret, label, context, length). */
export function hkdfExpandLabel(
  subtle: SubtleCrypto,
  hash: string,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
): Promise<Uint8Array> {
  const full = new TextEncoder().encode(`tls13 ${label}`);
  const info = new Uint8Array(2 + 1 + full.length + 1 + context.length);
  info[0] = length >> 8;
  info[1] = length & 0xff;
  info[2] = full.length;
  info.set(full, 3);
  info[3 + full.length] = context.length;
  info.set(context, 4 + full.length);
  return hkdfExpand(subtle, hash, secret, info, length);
}

export interface RecordDecrypter {
  /** Decrypts one application_data record; returns the inner content type and content. */
  decrypt(header: Uint8Array, ciphertext: Uint8Array, recordIndex: number): Promise<{ type: number; content: Uint8Array }>;
}

export async function handshakeDecrypter(subtle: SubtleCrypto, cipherSuite: number, secret: Uint8Array | undefined): Promise<RecordDecrypter> {
  const suite = AES_GCM_SUITES[cipherSuite];
  if (!suite)
    fail({ kind: 'CannotDecrypt', cipherSuite: cipherSuiteName(cipherSuite), reason: 'only TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384 are decrypted' });
  if (!secret) return fail({ kind: 'MissingSecret', label: 'SERVER_HANDSHAKE_TRAFFIC_SECRET' });
  if (secret.length !== suite!.hashLen) {
    fail({ kind: 'CannotDecrypt', cipherSuite: cipherSuiteName(cipherSuite), reason: `secret is ${secret.length} bytes, expected ${suite!.hashLen}` });
  }
  const { hash, keyLen } = suite!;
  const keyBytes = await hkdfExpandLabel(subtle, hash, secret, 'key', new Uint8Array(0), keyLen);
  const iv = await hkdfExpandLabel(subtle, hash, secret, 'iv', new Uint8Array(0), 12);
  const key = await subtle.importKey('raw', keyBytes as BufferSource, 'AES-GCM', false, ['decrypt']);
  let seq = 0n;
  return {
    async decrypt(header, ciphertext, recordIndex) {
      const nonce = iv.slice();
      let s = seq++;
      for (let i = 11; i >= 4; i--, s >>= 8n) nonce[i]! ^= Number(s & 0xffn);
      let plain: Uint8Array;
      try {
        plain = new Uint8Array(
          await subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: header as BufferSource, tagLength: 128 }, key, ciphertext as BufferSource),
        );
      } catch (e) {
        return fail({
          kind: 'DecryptFailed',
          recordIndex,
          reason: `AES-GCM authentication failed (${(e as Error).name}); the key log secret does not match this recording`,
        });
      }
      let end = plain.length;
      while (end > 0 && plain[end - 1] === 0) end--;
      if (end === 0) return fail({ kind: 'Malformed', what: `encrypted record ${recordIndex}`, reason: 'no content type after padding' });
      return { type: plain[end - 1]!, content: plain.subarray(0, end - 1) };
    },
  };
}
