/**
 * Base64 decoding that says where it fails (line and column), and encoding with the
 * 64-column lines PEM uses. Whitespace is skipped; URL-safe letters are accepted.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
LOOKUP['-'.charCodeAt(0)] = 62;
LOOKUP['_'.charCodeAt(0)] = 63;

export type Base64Result =
  { ok: true; bytes: Uint8Array } | { ok: false; line: number; column: number; char: string; reason: 'not-base64' | 'bad-padding' | 'bad-length' };

/** Decodes base64 text; `firstLine` numbers lines for the error (1-based). */
export function decodeBase64(text: string, firstLine = 1): Base64Result {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let n = 0;
  let pad = 0;
  let line = firstLine;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    col++;
    if (c === 10) {
      line++;
      col = 0;
      continue;
    }
    if (c === 13 || c === 32 || c === 9) continue;
    if (c === 61) {
      pad++;
      continue;
    }
    const v = c < 256 ? LOOKUP[c] : -1;
    if (v < 0 || pad > 0) {
      return { ok: false, line, column: col, char: text[i], reason: v < 0 ? 'not-base64' : 'bad-padding' };
    }
    acc = (acc << 6) | v;
    n++;
    if (n === 4) {
      out[o++] = (acc >> 16) & 0xff;
      out[o++] = (acc >> 8) & 0xff;
      out[o++] = acc & 0xff;
      n = 0;
      acc = 0;
    }
  }
  if (n === 1 || pad > 2) return { ok: false, line, column: col, char: '', reason: 'bad-length' };
  if (n === 2) out[o++] = (acc >> 4) & 0xff;
  else if (n === 3) {
    out[o++] = (acc >> 10) & 0xff;
    out[o++] = (acc >> 2) & 0xff;
  }
  return { ok: true, bytes: out.slice(0, o) };
}

export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    s += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
  }
  if (i < bytes.length) {
    const v = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    s += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + (i + 1 < bytes.length ? ALPHABET[(v >> 6) & 63] : '=') + '=';
  }
  return s;
}

/** True when the text (ignoring whitespace) could be base64 at all. */
export function looksLikeBase64(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t.length >= 16 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(t);
}
