/**
 * The ClientHello of the probe's second, read-only attempt at a server that refused TLS 1.2
 * and 1.3 (issue 13): it offers TLS 1.0 and 1.1 (RFC 2246 / RFC 4346 7.4.1.2, client_version
 * 0x0302) with the cipher suites OpenSSL 3.0 offers there, in OpenSSL's order, so the server
 * picks what it would pick for a real client. The probe reads the server's flight up to
 * ServerHelloDone (certificates included) and never completes the handshake: no key exchange,
 * no application data.
 *
 *   legacyClientHello('old.example', random32) // -> record bytes 16 03 01 …
 */
import { EXT } from './names.ts';

/** OpenSSL 3.0's TLS 1.0/1.1 suites (`openssl s_client -tls1 -trace` shows them), then 3DES last. */
export const LEGACY_CIPHER_SUITES: readonly number[] = [
  0xc00a, // TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
  0xc014, // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
  0x0039, // TLS_DHE_RSA_WITH_AES_256_CBC_SHA
  0xc009, // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
  0xc013, // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
  0x0033, // TLS_DHE_RSA_WITH_AES_128_CBC_SHA
  0x0035, // TLS_RSA_WITH_AES_256_CBC_SHA
  0x002f, // TLS_RSA_WITH_AES_128_CBC_SHA
  0x000a, // TLS_RSA_WITH_3DES_EDE_CBC_SHA
  0x00ff, // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
];

/** Highest version offered: TLS 1.1. */
export const LEGACY_MAX_VERSION = 0x0302;

const u16 = (v: number) => [(v >> 8) & 0xff, v & 0xff];
const u24 = (v: number) => [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const vec16 = (bytes: number[]) => [...u16(bytes.length), ...bytes];
const ext = (type: number, data: number[]) => [...u16(type), ...vec16(data)];

/** A ClientHello record offering TLS 1.0-1.1; `random` is 32 bytes from the caller's random source. */
export function legacyClientHello(servername: string | null, random: Uint8Array): Uint8Array {
  if (random.length !== 32) throw new Error(`legacyClientHello: random must be 32 bytes, received ${random.length}`);
  const extensions: number[] = [];
  if (servername) {
    const name = Array.from(new TextEncoder().encode(servername));
    // RFC 6066 3: server_name_list of one host_name (type 0).
    extensions.push(...ext(EXT.serverName, vec16([0, ...u16(name.length), ...name])));
  }
  // RFC 8422 5.1: supported_groups (x25519, P-256, P-384, P-521) and ec_point_formats (uncompressed).
  extensions.push(...ext(EXT.supportedGroups, vec16([...u16(29), ...u16(23), ...u16(24), ...u16(25)])));
  extensions.push(...ext(EXT.ecPointFormats, [1, 0]));
  const suites = LEGACY_CIPHER_SUITES.flatMap(u16);
  const body = [...u16(LEGACY_MAX_VERSION), ...random, 0, ...vec16(suites), 1, 0, ...vec16(extensions)];
  const handshake = [1, ...u24(body.length), ...body];
  // Record version 0x0301: what clients put on a first ClientHello for the widest reach.
  return Uint8Array.from([22, 0x03, 0x01, ...u16(handshake.length), ...handshake]);
}

/** In TLS 1.0/1.1, an (EC)DHE suite has the server sign its key exchange with MD5+SHA-1 or SHA-1; a TLS_RSA_ suite has no signature. */
export function signsKeyExchange(cipherSuiteName: string): boolean {
  return /^TLS_(EC)?DHE_/.test(cipherSuiteName);
}
