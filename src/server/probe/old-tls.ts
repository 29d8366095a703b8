/**
 * The probe's second, read-only attempt (issue 13): when a server refuses TLS 1.2 and 1.3, offer
 * TLS 1.0/1.1 (core/tls/legacy-hello.ts) and read what it sends up to ServerHelloDone: version,
 * cipher suite, the certificates exactly as sent. The handshake is never completed (no key
 * exchange, nothing sent after the ClientHello). The attempt dials the address the first attempt
 * was admitted to, through the engine's own connect (same timeouts, same time budget), and is
 * bounded like the first: at most `maxBytes`, at most MAX_FLIGHT_RECORDS records, `waitMs`.
 */
import type { Socket } from 'node:net';
import { legacyClientHello } from '../../core/tls/legacy-hello.ts';
import { MAX_FLIGHT_RECORDS, type ServerFlight, readServerFlight } from '../../core/tls/server-flight.ts';
import type { ProbeError } from './errors.ts';

export interface LegacyTlsReport {
  /** What the server chose: TLSv1 or TLSv1.1 (SSLv3 if it went that low). */
  protocol: string;
  cipher: string | null;
  /** DER of each certificate, exactly as sent in this attempt. */
  presented: Uint8Array[];
  serverMessages: string[];
  clientCertRequested: boolean;
  acceptableClientCAs: Uint8Array[];
  bytesReceived: number;
}

/** A first attempt worth following with a TLS 1.0/1.1 one: the server refused the versions offered, or hung up, before a TLS 1.2+ ServerHello. */
export function wantsLegacyAttempt(error: ProbeError, flight: ServerFlight): boolean {
  if (flight.protocol && !LEGACY_VERSIONS.includes(flight.protocol)) return false;
  if (error.kind === 'ServerAlert') return ['protocol_version', 'handshake_failure', 'insufficient_security'].includes(error.alert.name);
  return error.kind === 'HandshakeFailed' || error.kind === 'ClosedMidHandshake';
}

const LEGACY_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1'];
const SERVER_HELLO_DONE = [14, 0, 0, 0];

/** Collects the server's answer until its flight ends (ServerHelloDone or an alert) or a limit is reached. */
function collect(tcp: Socket, hello: Uint8Array, waitMs: number, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve) => {
    // One buffer of the cap: a server that sends in tiny pieces costs a copy of each piece, nothing more.
    const all = Buffer.alloc(maxBytes);
    let received = 0;
    let records = 0;
    let nextHeader = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      tcp.destroy();
      resolve(new Uint8Array(all.subarray(0, received)));
    };
    const timer = setTimeout(finish, waitMs);
    tcp.on('data', (data: Buffer) => {
      received += data.copy(all, received, 0, Math.min(data.length, maxBytes - received));
      if (received >= maxBytes) return finish();
      // Walk the complete record headers; stop at an alert, at anything not a handshake record, after ServerHelloDone, or past the record cap.
      while (nextHeader + 5 <= received) {
        const type = all[nextHeader]!;
        const end = nextHeader + 5 + all.readUInt16BE(nextHeader + 3);
        if (++records > MAX_FLIGHT_RECORDS || type !== 22) return finish();
        if (end > received) {
          records--; // counted again once the record is complete
          break;
        }
        if (SERVER_HELLO_DONE.every((b, i) => all[end - 4 + i] === b)) return finish();
        nextHeader = end;
      }
    });
    tcp.on('error', finish);
    tcp.on('close', finish);
    tcp.write(hello);
  });
}

export interface LegacyAttemptOptions {
  /** The engine's connect to the admitted address, under the probe's budget. */
  connect: () => Promise<Socket | ProbeError>;
  servername: string | null;
  /** How long to wait for the server's flight (the handshake timeout, within the budget). */
  waitMs: number;
  maxBytes: number;
}

/** The server's TLS 1.0/1.1 flight, or undefined when it answers none (no connection, an alert, not TLS). */
export async function readLegacyTls(o: LegacyAttemptOptions): Promise<LegacyTlsReport | undefined> {
  if (o.waitMs <= 0) return undefined;
  const tcp = await o.connect();
  if ('kind' in tcp) return undefined;
  const bytes = await collect(tcp, legacyClientHello(o.servername, globalThis.crypto.getRandomValues(new Uint8Array(32))), o.waitMs, o.maxBytes);
  const { flight } = await readServerFlight(bytes, { subtle: globalThis.crypto.subtle, maxMessageBytes: o.maxBytes });
  if (!flight.protocol || !LEGACY_VERSIONS.includes(flight.protocol)) return undefined;
  return {
    protocol: flight.protocol,
    cipher: flight.cipherSuite?.name ?? null,
    presented: flight.certificates,
    serverMessages: flight.messages,
    clientCertRequested: flight.clientCertRequested,
    acceptableClientCAs: flight.acceptableClientCAs,
    bytesReceived: bytes.length,
  };
}
