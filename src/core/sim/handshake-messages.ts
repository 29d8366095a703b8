/**
 * "Client certificate required": the chain is fine, the handshake is not. What each client
 * prints when the server demands a certificate it does not have, taken from the one client
 * message table (src/core/clients/messages.ts). Go and .NET have no recorded text there.
 */
import type { ClientId } from '../clients/messages.ts';
import { messageById } from '../clients/messages.ts';
import { fill } from '../clients/formats.ts';

export interface HandshakeMessage {
  message: string;
  source: string;
  note?: string;
}

/**
 * Table ids of the certificate_required failure per client (TLS 1.3 server, client without a
 * certificate); null where none is recorded for the simulation. Every client is listed, so a new
 * one in the registry must be decided on here.
 */
const IDS: Record<ClientId, string | null> = {
  openssl: 'alert-certificate-required',
  curl: '56-cert-required',
  python: 'alert-cert-required',
  node: 'alert-cert-required',
  java: 'alert-certificate-required',
  go: null,
  rustls: 'alert-certificate-required',
  dotnet: null,
  chrome: 'bad-ssl-client-auth-cert',
  firefox: 'ssl-error-bad-cert-alert',
};

const NOTES: Partial<Record<ClientId, string>> = {
  python: 'Raised on the first read, after the handshake seemed to finish: TLS 1.3 sends the alert late (line 2580 on CPython 3.11.7).',
  node: 'The hex prefix and the source path vary with the Node build.',
  rustls: "Returned by the first read or write after the handshake: a TLS 1.3 server sends the alert after the client's Finished.",
  chrome: 'Chrome first asks which certificate to send; with none to offer the server refuses.',
};

export function clientCertRequiredMessage(client: ClientId): HandshakeMessage {
  const id = IDS[client];
  if (!id) {
    return { message: '', source: 'none', note: 'The server refuses the handshake; certlab has no recorded text for this client.' };
  }
  const entry = messageById(client, id);
  const message = fill(entry.template, { version: '3.0.19', line: 2580, hex: '…', path: '…' });
  return { message, source: entry.source, ...(NOTES[client] ? { note: NOTES[client] } : {}) };
}
