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

export class RecordingSocket extends Duplex {
  private readonly tcp: Socket;
  private readonly maxBytes: number;
  private readonly chunks: Buffer[] = [];
  received = 0;

  constructor(tcp: Socket, maxBytes: number) {
    super();
    this.tcp = tcp;
    this.maxBytes = maxBytes;
    tcp.on('data', (data: Buffer) => {
      if (this.received + data.length > this.maxBytes) {
        this.chunks.push(data.subarray(0, this.maxBytes - this.received));
        this.received = this.maxBytes;
        this.destroy(new TooMuchDataError(this.maxBytes));
        return;
      }
      this.received += data.length;
      this.chunks.push(data);
      if (!this.push(data)) tcp.pause();
    });
    tcp.on('end', () => this.push(null));
    tcp.on('error', (e) => this.destroy(e));
    tcp.on('close', () => {
      if (!this.destroyed) this.push(null);
    });
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
