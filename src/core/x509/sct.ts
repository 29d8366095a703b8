/**
 * Signed Certificate Timestamps (RFC 6962 3.3): the extension holds an OCTET STRING
 * with a TLS-encoded list: u16 total length, then per SCT a u16 length and
 * version(1) logID(32) timestamp(8) extensions(u16+n) hash(1) sig(1) signature(u16+n).
 */
import type { DerReader, Tlv } from '../der/reader.ts';
import { DerError } from '../der/errors.ts';
import { toHex } from '../der/hex.ts';

export interface Sct {
  version: number;
  logId: string; // hex
  timestamp: number; // ms
  hashAlgorithm: string;
  signatureAlgorithm: string;
  signatureHex: string;
}

const HASHES = ['none', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
const SIGS = ['anonymous', 'rsa', 'dsa', 'ecdsa'];

export function readSctList(r: DerReader, t: Tlv): Sct[] {
  if (t.tag !== 0x04) throw new DerError('UnexpectedTag', t.start, `tag 0x${t.tag.toString(16)}`, 'OCTET STRING (SCT list)');
  return parseSctList(r.value(t), t.valueStart);
}

/**
 * A SignedCertificateTimestampList as bytes: what the TLS signed_certificate_timestamp
 * extension carries (RFC 6962 3.3), and what the X.509 and OCSP extensions wrap in an OCTET STRING.
 * `base` is the offset of `b` in its enclosing buffer, for error positions.
 */
export function parseSctList(b: Uint8Array, base = 0): Sct[] {
  let p = 0;
  const need = (n: number, what: string) => {
    if (p + n > b.length) throw new DerError('Truncated', base + p, `${b.length - p} bytes`, `${n} bytes (${what})`);
  };
  const u16 = () => {
    need(2, 'a length');
    const v = (b[p] << 8) | b[p + 1];
    p += 2;
    return v;
  };
  const total = u16();
  need(total, 'the SCT list');
  const end = p + total;
  const out: Sct[] = [];
  while (p < end) {
    const len = u16();
    need(len, 'an SCT');
    const sctEnd = p + len;
    need(43, 'an SCT header');
    const version = b[p];
    const logId = toHex(b.subarray(p + 1, p + 33));
    let ts = 0;
    for (let i = 0; i < 8; i++) ts = ts * 256 + b[p + 33 + i];
    p += 41;
    const extLen = u16();
    need(extLen, 'SCT extensions');
    p += extLen;
    need(2, 'the SCT signature algorithm');
    const hash = b[p];
    const sig = b[p + 1];
    p += 2;
    const sigLen = u16();
    need(sigLen, 'the SCT signature');
    const signatureHex = toHex(b.subarray(p, p + sigLen));
    p += sigLen;
    if (p !== sctEnd) throw new DerError('TrailingData', base + p, `${sctEnd - p} bytes`, 'the end of the SCT');
    out.push({
      version: version + 1,
      logId,
      timestamp: ts,
      hashAlgorithm: HASHES[hash] ?? String(hash),
      signatureAlgorithm: SIGS[sig] ?? String(sig),
      signatureHex,
    });
  }
  return out;
}
