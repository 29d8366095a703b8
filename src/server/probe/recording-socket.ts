/**
 * A Duplex placed between node:tls and the TCP socket: everything the server sends passes
 * through it and is kept, byte for byte, so the handshake can be read exactly as sent
 * (TLS 1.3 records included, decrypted later from the key log). It reads at most `maxBytes`;
 * one byte more and it destroys the connection with a TooMuchData error.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

export class TooMuchDataError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the server sent more than ${limit} bytes during the handshake`);
    this.limit = limit;
  }
}

/** The server cut its flight into more records than a reader accepts (issue 18: 1-byte records). */
export class TooManyRecordsError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the server sent more than ${limit} TLS records during the handshake`);
    this.limit = limit;
  }
}

export class RecordingSocket extends Duplex {
  private readonly tcp: Socket;
  private readonly maxBytes: number;
  private readonly maxRecords: number;
  private readonly chunks: Buffer[] = [];
  /** Offset of the next record header in the stream, and the 5 header bytes seen of it. */
  private nextHeader = 0;
  private header: number[] = [];
  private records = 0;
  received = 0;

  constructor(tcp: Socket, maxBytes: number, maxRecords = Infinity) {
    super();
    this.tcp = tcp;
    this.maxBytes = maxBytes;
    this.maxRecords = maxRecords;
    tcp.on('data', (data: Buffer) => {
      if (this.received + data.length > this.maxBytes) {
        this.chunks.push(data.subarray(0, this.maxBytes - this.received));
        this.received = this.maxBytes;
        this.destroy(new TooMuchDataError(this.maxBytes));
        return;
      }
      const start = this.received;
      this.received += data.length;
      this.chunks.push(data);
      if (this.countRecords(data, start) > this.maxRecords) {
        // Stop here: the recording holds one record past the cap, which the flight reader reports.
        this.destroy(new TooManyRecordsError(this.maxRecords));
        return;
      }
      if (!this.push(data)) tcp.pause();
    });
    tcp.on('end', () => this.push(null));
    tcp.on('error', (e) => this.destroy(e));
    tcp.on('close', () => {
      if (!this.destroyed) this.push(null);
    });
  }

  /** Follows record headers (type, version, 2-byte length) through `data`; returns records begun so far. */
  private countRecords(data: Buffer, start: number): number {
    let at = Math.max(this.nextHeader, start) - start;
    while (at < data.length) {
      this.header.push(data[at]!);
      at++;
      if (this.header.length < 5) continue;
      this.records++;
      this.nextHeader = start + at + ((this.header[3]! << 8) | this.header[4]!);
      this.header = [];
      at = this.nextHeader - start;
    }
    return this.records;
  }

  /** Everything the server has sent so far. */
  get recording(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }

  override _read(): void {
    this.tcp.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (this.tcp.destroyed) return cb();
    this.tcp.write(chunk, (e) => cb(e ?? null));
  }

  override _final(cb: (e?: Error | null) => void): void {
    this.tcp.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    this.tcp.destroy();
    cb(err);
  }
}
