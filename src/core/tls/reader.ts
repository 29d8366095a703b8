/**
 * Bounds-checked reading of TLS wire structures (RFC 8446 section 3: uint8/16/24 and
 * length-prefixed vectors). Every read that would run past the end stops with a typed error.
 */
import type { PlainProtocol } from './not-tls.ts';

export type TlsReadError =
  /** The first bytes are no TLS record; `protocol` names what they are (not-tls.ts). */
  | { kind: 'NotTls'; firstBytesHex: string; hint: string; protocol: PlainProtocol; name: string; firstLine: string }
  | { kind: 'Truncated'; what: string; needed: number; available: number }
  | { kind: 'RecordTooLong'; recordIndex: number; length: number; max: number }
  | { kind: 'TooManyRecords'; max: number; bytesRead: number }
  | { kind: 'MessageTooLong'; message: string; length: number; max: number }
  | { kind: 'Malformed'; what: string; reason: string }
  | { kind: 'UnexpectedMessage'; received: string; expected: string }
  | { kind: 'MissingSecret'; label: string }
  | { kind: 'CannotDecrypt'; cipherSuite: string; reason: string }
  | { kind: 'DecryptFailed'; recordIndex: number; reason: string };

/** Carries a TlsReadError out of deep parsing code; caught at the top of each entry point. */
export class TlsReadFailure extends Error {
  readonly error: TlsReadError;
  constructor(error: TlsReadError) {
    super(error.kind);
    this.error = error;
  }
}

export const fail = (error: TlsReadError): never => {
  throw new TlsReadFailure(error);
};

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export class TlsReader {
  readonly bytes: Uint8Array;
  readonly what: string;
  pos = 0;

  constructor(bytes: Uint8Array, what: string) {
    this.bytes = bytes;
    this.what = what;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number, field: string): void {
    if (n > this.remaining) fail({ kind: 'Truncated', what: `${this.what}: ${field}`, needed: n, available: this.remaining });
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos++]!;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  u24(field: string): number {
    this.need(3, field);
    const v = (this.bytes[this.pos]! << 16) | (this.bytes[this.pos + 1]! << 8) | this.bytes[this.pos + 2]!;
    this.pos += 3;
    return v;
  }

  take(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** A vector with a 1, 2 or 3 byte length prefix. */
  vector(lengthBytes: 1 | 2 | 3, field: string): Uint8Array {
    const n = lengthBytes === 1 ? this.u8(field) : lengthBytes === 2 ? this.u16(field) : this.u24(field);
    return this.take(n, field);
  }

  expectEnd(): void {
    if (this.remaining !== 0) fail({ kind: 'Malformed', what: this.what, reason: `${this.remaining} unexpected trailing bytes` });
  }
}
