/**
 * TLS 1.3's late refusal (issue 13): a server that requires a client certificate learns that the
 * client has none only from the client's Certificate message, sent with its Finished; the client
 * has already called the handshake complete when the server's certificate_required alert arrives
 * (RFC 8446 4.4.2.4, 6.2). So when a TLS 1.3 server asked for a certificate, the probe keeps the
 * connection open for one short grace period and reports an alert that arrives in it.
 */
import { parseKeyLog } from '../../core/tls/tls13-decrypt.ts';
import { readServerFlight } from '../../core/tls/server-flight.ts';

/** How long to wait for the server's verdict on the (empty) client certificate: a round trip and the server's check. */
export const POST_HANDSHAKE_GRACE_MS = 1000;

/** Whether the server's (decrypted) TLS 1.3 flight holds a CertificateRequest. */
export async function flightAsksForClientCert(recording: Uint8Array, keylog: string, maxMessageBytes: number): Promise<boolean> {
  const { flight } = await readServerFlight(recording, { subtle: globalThis.crypto.subtle, keyLog: parseKeyLog(keylog), maxMessageBytes });
  return flight.clientCertRequested;
}
