/**
 * The server's handshake messages the probe reads (RFC 8446 section 4, RFC 5246 section 7.4,
 * RFC 6066 section 8 for CertificateStatus). Each parser takes the message body and throws a
 * TlsReadFailure on anything out of bounds.
 */
import { EXT } from './names.ts';
import { TlsReader, fail } from './reader.ts';

export interface Extension {
  type: number;
  data: Uint8Array;
}

function readExtensions(r: TlsReader, field: string): Extension[] {
  const block = new TlsReader(r.vector(2, field), `${r.what} ${field}`);
  const out: Extension[] = [];
  while (block.remaining > 0) out.push({ type: block.u16('extension type'), data: block.vector(2, 'extension data') });
  return out;
}

/** RFC 8446 4.1.3: the random of a HelloRetryRequest is SHA-256("HelloRetryRequest"). */
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

export interface ServerHello {
  legacyVersion: number;
  /** supported_versions when present (TLS 1.3), otherwise legacy_version. */
  version: number;
  random: Uint8Array;
  cipherSuite: number;
  helloRetryRequest: boolean;
  extensions: Extension[];
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const r = new TlsReader(body, 'ServerHello');
  const legacyVersion = r.u16('legacy_version');
  const random = r.take(32, 'random');
  r.vector(1, 'legacy_session_id');
  const cipherSuite = r.u16('cipher_suite');
  r.u8('compression_method');
  const extensions = r.remaining > 0 ? readExtensions(r, 'extensions') : [];
  r.expectEnd();
  const sv = extensions.find((e) => e.type === EXT.supportedVersions);
  let version = legacyVersion;
  if (sv) {
    const v = new TlsReader(sv.data, 'ServerHello supported_versions');
    version = v.u16('selected_version');
    v.expectEnd();
  }
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return { legacyVersion, version, random, cipherSuite, helloRetryRequest: hex === HRR_RANDOM, extensions };
}

/** RFC 7301: the ALPN extension from the server names exactly one protocol. */
export function readAlpn(extensions: Extension[]): string | undefined {
  const ext = extensions.find((e) => e.type === EXT.alpn);
  if (!ext) return undefined;
  const r = new TlsReader(ext.data, 'ALPN extension');
  const list = new TlsReader(r.vector(2, 'protocol_name_list'), 'ALPN protocol_name_list');
  const name = list.vector(1, 'protocol_name');
  list.expectEnd();
  if (name.length === 0) fail({ kind: 'Malformed', what: 'ALPN extension', reason: 'empty protocol name' });
  return String.fromCharCode(...name);
}

export function parseEncryptedExtensions(body: Uint8Array): Extension[] {
  const r = new TlsReader(body, 'EncryptedExtensions');
  const ext = readExtensions(r, 'extensions');
  r.expectEnd();
  return ext;
}

export interface CertificateEntry {
  der: Uint8Array;
  /** TLS 1.3 only: the OCSP response stapled to this entry (status_request extension). */
  ocspResponse?: Uint8Array;
  /** TLS 1.3 only: the SignedCertificateTimestampList sent with this entry (RFC 6962 3.3, RFC 8446 4.4.2). */
  sctList?: Uint8Array;
}

/** The signed_certificate_timestamp extension's data: the SCT list bytes (TLS 1.2 ServerHello, TLS 1.3 entry). */
export function readSctExtension(extensions: Extension[]): Uint8Array | undefined {
  return extensions.find((e) => e.type === EXT.signedCertificateTimestamp)?.data;
}

/** RFC 6066 8 / RFC 8446 4.4.2.1: CertificateStatus { status_type ocsp(1); OCSPResponse<1..2^24-1> }. */
export function parseCertificateStatus(body: Uint8Array, what = 'CertificateStatus'): Uint8Array {
  const r = new TlsReader(body, what);
  const type = r.u8('status_type');
  if (type !== 1) fail({ kind: 'Malformed', what, reason: `status_type ${type}, expected 1 (ocsp)` });
  const response = r.vector(3, 'OCSPResponse');
  r.expectEnd();
  return response;
}

/** Certificate message, in the TLS 1.2 form or the TLS 1.3 form (context + per-entry extensions). */
export function parseCertificate(body: Uint8Array, tls13: boolean): CertificateEntry[] {
  const r = new TlsReader(body, 'Certificate');
  if (tls13) r.vector(1, 'certificate_request_context');
  const list = new TlsReader(r.vector(3, 'certificate_list'), 'Certificate certificate_list');
  r.expectEnd();
  const out: CertificateEntry[] = [];
  while (list.remaining > 0) {
    const der = list.vector(3, `certificate ${out.length}`);
    if (der.length === 0) fail({ kind: 'Malformed', what: 'Certificate', reason: `certificate ${out.length} is empty` });
    if (!tls13) {
      out.push({ der });
      continue;
    }
    const ext = readExtensions(list, `certificate ${out.length} extensions`);
    const status = ext.find((e) => e.type === EXT.statusRequest);
    const sctList = readSctExtension(ext);
    out.push({
      der,
      ...(status ? { ocspResponse: parseCertificateStatus(status.data, 'Certificate entry status_request') } : {}),
      ...(sctList ? { sctList } : {}),
    });
  }
  return out;
}

export interface CertificateRequest {
  /** Distinguished names (DER) of the CAs the server accepts client certificates from. */
  authorities: Uint8Array[];
}

function readAuthorities(data: Uint8Array): Uint8Array[] {
  const r = new TlsReader(data, 'certificate_authorities');
  const list = new TlsReader(r.vector(2, 'authorities'), 'certificate_authorities list');
  const out: Uint8Array[] = [];
  while (list.remaining > 0) out.push(list.vector(2, 'DistinguishedName'));
  return out;
}

/** `tls12`: false for TLS 1.0/1.1, whose CertificateRequest has no supported_signature_algorithms (RFC 4346 7.4.4). */
export function parseCertificateRequest(body: Uint8Array, tls13: boolean, tls12 = true): CertificateRequest {
  const r = new TlsReader(body, 'CertificateRequest');
  if (tls13) {
    r.vector(1, 'certificate_request_context');
    const ext = readExtensions(r, 'extensions');
    r.expectEnd();
    const ca = ext.find((e) => e.type === EXT.certificateAuthorities);
    return { authorities: ca ? readAuthorities(ca.data) : [] };
  }
  r.vector(1, 'certificate_types');
  if (tls12) r.vector(2, 'supported_signature_algorithms');
  const list = new TlsReader(r.vector(2, 'certificate_authorities'), 'CertificateRequest certificate_authorities');
  r.expectEnd();
  const authorities: Uint8Array[] = [];
  while (list.remaining > 0) authorities.push(list.vector(2, 'DistinguishedName'));
  return { authorities };
}

export interface Alert {
  level: 'warning' | 'fatal' | `unknown(${number})`;
  description: number;
  name: string;
}
