/**
 * Reads everything a TLS server sent during the handshake from a recording of the raw bytes
 * it sent: protocol version, cipher suite, ALPN, the certificate list exactly as sent (order
 * and duplicates kept), a stapled OCSP response, a request for a client certificate, an alert.
 *
 * TLS 1.2: all of it is in the clear up to the server's ChangeCipherSpec.
 * TLS 1.3: everything after ServerHello is encrypted with the server handshake traffic key,
 * which is derived from SERVER_HANDSHAKE_TRAFFIC_SECRET in the key log (see tls13-decrypt.ts).
 */
import {
  type Alert,
  parseCertificate,
  parseCertificateRequest,
  parseCertificateStatus,
  parseEncryptedExtensions,
  parseServerHello,
  readAlpn,
  readSctExtension,
} from './messages.ts';
import { recognisePlainProtocol } from './not-tls.ts';
import { alertName, cipherSuiteName, handshakeTypeName, versionName } from './names.ts';
import { type TlsReadError, TlsReadFailure, fail, toHex } from './reader.ts';
import { type RecordDecrypter, handshakeDecrypter } from './tls13-decrypt.ts';

export interface ServerFlight {
  /** Records read and raw bytes seen. */
  records: number;
  bytes: number;
  protocol?: string;
  cipherSuite?: { code: number; name: string };
  helloRetryRequest: boolean;
  alpn?: string;
  /** Handshake messages in the order the server sent them. */
  messages: string[];
  /** DER of each certificate, exactly as sent. */
  certificates: Uint8Array[];
  ocspStapled: boolean;
  ocspResponse?: Uint8Array;
  /** SCT list from the signed_certificate_timestamp extension (TLS 1.2 ServerHello, TLS 1.3 leaf entry). */
  sctList?: Uint8Array;
  clientCertRequested: boolean;
  /** DER distinguished names of the CAs the server accepts client certificates from. */
  acceptableClientCAs: Uint8Array[];
  alert?: Alert;
  /** The server's flight ended normally (ServerHelloDone in TLS 1.2, Finished in TLS 1.3). */
  complete: boolean;
}

export interface FlightReading {
  flight: ServerFlight;
  /** Why reading stopped early; the flight holds what was read before. */
  error?: TlsReadError;
}

export interface ReadFlightOptions {
  subtle: SubtleCrypto;
  /** Key log secrets by label (parseKeyLog); needed for TLS 1.3. */
  keyLog?: Map<string, Uint8Array>;
  /** Largest handshake message accepted (default 256 KiB). */
  maxMessageBytes?: number;
  /** Most records read before giving up with TooManyRecords (default MAX_FLIGHT_RECORDS). */
  maxRecords?: number;
}

/**
 * A real server's flight fits in a few dozen records (16 KiB each); even 512-byte records
 * (max_fragment_length) carry 256 KiB in 512. A server sending thousands of tiny records is
 * hostile: each record costs a header parse (and in TLS 1.3 a decryption), so stop there.
 */
export const MAX_FLIGHT_RECORDS = 1024;

/**
 * Handshake bytes waiting to form whole messages. Appending is amortised O(fragment): the
 * buffer doubles when full and consumed bytes are dropped by moving the tail to the front,
 * so a flight cut into 1-byte records costs linear time, not a copy of everything per record.
 */
class HandshakeBuffer {
  private buf = new Uint8Array(1024);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  at(i: number): number {
    return this.buf[this.start + i]!;
  }

  append(fragment: Uint8Array): void {
    if (this.end + fragment.length > this.buf.length) {
      const live = this.end - this.start;
      const need = live + fragment.length;
      if (need > this.buf.length) {
        const next = new Uint8Array(Math.max(need, this.buf.length * 2));
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
      } else {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(fragment, this.end);
    this.end += fragment.length;
  }

  /** Removes the first n bytes and returns them as a copy (later appends may overwrite the buffer). */
  take(n: number): Uint8Array {
    const out = this.buf.slice(this.start, this.start + n);
    this.start += n;
    if (this.start === this.end) this.start = this.end = 0;
    return out;
  }
}

/** Versions whose CertificateRequest lacks supported_signature_algorithms. */
const LEGACY_VERSIONS = ['SSLv3', 'TLSv1', 'TLSv1.1'];

/** RFC 8446 5.1/5.2: TLSPlaintext up to 2^14, TLS 1.2 TLSCiphertext up to 2^14 + 2048. */
const MAX_RECORD = 16384 + 2048;
const CT = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;

function readAlert(content: Uint8Array): Alert {
  if (content.length < 2) fail({ kind: 'Truncated', what: 'Alert', needed: 2, available: content.length });
  const level = content[0] === 1 ? 'warning' : content[0] === 2 ? 'fatal' : (`unknown(${content[0]})` as const);
  return { level, description: content[1]!, name: alertName(content[1]!) };
}

export async function readServerFlight(bytes: Uint8Array, opts: ReadFlightOptions): Promise<FlightReading> {
  const flight: ServerFlight = {
    records: 0,
    bytes: bytes.length,
    helloRetryRequest: false,
    messages: [],
    certificates: [],
    ocspStapled: false,
    clientCertRequested: false,
    acceptableClientCAs: [],
    complete: false,
  };
  const maxMessage = opts.maxMessageBytes ?? 256 * 1024;
  let tls13 = false;
  let encrypted = false; // TLS 1.3 records after ServerHello
  let decrypter: RecordDecrypter | undefined;
  const maxRecords = opts.maxRecords ?? MAX_FLIGHT_RECORDS;
  const hs = new HandshakeBuffer();
  let stopped = false;

  const onMessage = (type: number, body: Uint8Array) => {
    flight.messages.push(handshakeTypeName(type));
    switch (type) {
      case 2: {
        const sh = parseServerHello(body);
        flight.helloRetryRequest ||= sh.helloRetryRequest;
        if (sh.helloRetryRequest) {
          tls13 = true; // a HelloRetryRequest exists only in TLS 1.3; records stay clear until the real ServerHello
          return;
        }
        tls13 = sh.version === 0x0304;
        encrypted = tls13;
        flight.protocol = versionName(sh.version);
        flight.cipherSuite = { code: sh.cipherSuite, name: cipherSuiteName(sh.cipherSuite) };
        if (!tls13) {
          flight.alpn = readAlpn(sh.extensions);
          const scts = readSctExtension(sh.extensions);
          if (scts) flight.sctList = scts;
        }
        return;
      }
      case 8:
        flight.alpn = readAlpn(parseEncryptedExtensions(body));
        return;
      case 11: {
        const entries = parseCertificate(body, tls13);
        flight.certificates = entries.map((e) => e.der);
        const ocsp = entries[0]?.ocspResponse;
        if (ocsp) Object.assign(flight, { ocspStapled: true, ocspResponse: ocsp });
        if (entries[0]?.sctList) flight.sctList = entries[0].sctList;
        return;
      }
      case 22:
        Object.assign(flight, { ocspStapled: true, ocspResponse: parseCertificateStatus(body) });
        return;
      case 13:
        flight.clientCertRequested = true;
        flight.acceptableClientCAs = parseCertificateRequest(body, tls13, !LEGACY_VERSIONS.includes(flight.protocol ?? '')).authorities;
        return;
      case 14: // TLS 1.2: keep reading, a plaintext alert may follow (e.g. client certificate missing)
        flight.complete = true;
        return;
      case 20: // TLS 1.3: later records use the application traffic keys
        flight.complete = true;
        stopped = true;
        return;
    }
  };

  const onHandshakeBytes = (fragment: Uint8Array) => {
    hs.append(fragment);
    while (!stopped && hs.length >= 4) {
      const len = (hs.at(1) << 16) | (hs.at(2) << 8) | hs.at(3);
      if (len > maxMessage) fail({ kind: 'MessageTooLong', message: handshakeTypeName(hs.at(0)), length: len, max: maxMessage });
      if (hs.length < 4 + len) break;
      const whole = hs.take(4 + len);
      onMessage(whole[0]!, whole.subarray(4));
    }
  };

  try {
    let pos = 0;
    while (!stopped && pos < bytes.length) {
      if (flight.records >= maxRecords) fail({ kind: 'TooManyRecords', max: maxRecords, bytesRead: pos });
      if (bytes.length - pos < 5) fail({ kind: 'Truncated', what: `record ${flight.records} header`, needed: 5, available: bytes.length - pos });
      const type = bytes[pos]!;
      const major = bytes[pos + 1]!;
      const length = (bytes[pos + 3]! << 8) | bytes[pos + 4]!;
      const knownType = type >= 20 && type <= 24;
      if (!knownType || major !== 3) {
        if (flight.records === 0) {
          const plain = recognisePlainProtocol(bytes.subarray(pos));
          fail({
            kind: 'NotTls',
            firstBytesHex: toHex(bytes.subarray(pos, pos + 16)),
            hint: plain.hint,
            protocol: plain.protocol,
            name: plain.name,
            firstLine: plain.firstLine,
          });
        }
        fail({ kind: 'Malformed', what: `record ${flight.records}`, reason: `content type ${type}, version byte ${major}: not a TLS record` });
      }
      if (length > MAX_RECORD) fail({ kind: 'RecordTooLong', recordIndex: flight.records, length, max: MAX_RECORD });
      if (bytes.length - pos - 5 < length) fail({ kind: 'Truncated', what: `record ${flight.records}`, needed: length, available: bytes.length - pos - 5 });
      const header = bytes.subarray(pos, pos + 5);
      const fragment = bytes.subarray(pos + 5, pos + 5 + length);
      const index = flight.records++;
      pos += 5 + length;

      if (type === CT.changeCipherSpec) {
        if (!tls13) stopped = true; // TLS 1.2: the rest of the flight is encrypted
        continue;
      }
      if (type === CT.alert && !encrypted) {
        flight.alert = readAlert(fragment);
        break;
      }
      if (type === CT.handshake && !encrypted) {
        onHandshakeBytes(fragment);
        continue;
      }
      if (type === CT.applicationData && encrypted) {
        decrypter ??= await handshakeDecrypter(opts.subtle, flight.cipherSuite!.code, opts.keyLog?.get('SERVER_HANDSHAKE_TRAFFIC_SECRET'));
        const inner = await decrypter.decrypt(header, fragment, index);
        if (inner.type === CT.alert) {
          flight.alert = readAlert(inner.content);
          break;
        }
        if (inner.type === CT.handshake) onHandshakeBytes(inner.content);
        continue;
      }
      fail({
        kind: 'UnexpectedMessage',
        received: `record type ${type} in record ${index}`,
        expected: encrypted ? 'encrypted handshake records' : 'handshake records',
      });
    }
    if (!flight.complete && !flight.alert && hs.length > 0) {
      const len = hs.length >= 4 ? (hs.at(1) << 16) | (hs.at(2) << 8) | hs.at(3) : 4;
      fail({ kind: 'Truncated', what: `${handshakeTypeName(hs.at(0))} message`, needed: len + 4, available: hs.length });
    }
    return { flight };
  } catch (e) {
    if (e instanceof TlsReadFailure) return { flight, error: e.error };
    throw e;
  }
}
