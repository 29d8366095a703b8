/**
 * The one table of real TLS-client error texts, aggregated from the client modules (openssl.ts,
 * curl.ts, … registered in registry.ts, each holding its own entries): what OpenSSL's s_client, curl, Python,
 * Node.js, Java, Go, rustls, .NET, Chrome and Firefox print when certificate verification (or
 * the handshake around it) fails. Real texts only, each with where it comes from.
 *
 * Templates use {placeholders}:
 *   {code}     OpenSSL 3 verify code number      {text}  OpenSSL's text for it (X509_verify_cert_error_string)
 *   {host}     the name or IP the client asked for {port}  port number
 *   {depth}    depth of the failing certificate  {names} the names a certificate is valid for
 *   {altnames} Node's cert.subjectaltname string ("DNS:a, DNS:b, IP Address:1.2.3.4")
 *   {cn}       a subject common name             {date} / {now} / {notAfter} / {notBefore}: times in the client's format
 *   {line}     CPython's _ssl.c line number (varies by CPython build: 1006 on this machine's 3.11.7)
 *   {nodeCode} Node's err.code for {code}         {status} .NET X509ChainStatusFlags name
 *   {issuer}   CN of a candidate issuer (Go)     {alg}   a signature algorithm name (Go: SHA1-RSA)
 *   {error}    a Go x509 error text (wrapped)    {hint}  the error Go hit on a candidate issuer
 *   {repr}     Python repr() of the verify message {policyErrors} .NET SslPolicyErrors value
 *   {file} {reason} {hex} {version} {alert} {path} {seconds} {bytes} {algs}: as named
 *
 * `cause` is a CauseId, or 'from-code' when the template is generic over {text}/{code} and
 * the cause follows from the OpenSSL verify code (see the decoder's code table).
 * `code` is set when the text belongs to one OpenSSL 3 verify code.
 * `basis` says how the text was obtained: 'source' (read in the program's source, cited),
 * 'captured' (printed by the real program here: scripts/capture-client-messages.ts writes
 * test/clients/captured.json), or 'both'.
 */
import type { ClientMessage as ModuleMessage } from './client-types.ts';
import { CLIENT_IDS, CLIENTS, type ClientId } from './registry.ts';

export type { ClientId } from './registry.ts';
export type ClientMessage = ModuleMessage<ClientId>;

export const CLIENT_MESSAGES: readonly ClientMessage[] = CLIENT_IDS.flatMap((id): readonly ClientMessage[] => CLIENTS[id].messages);

/** The entry with this client and id; throws on a programming error (unknown id). */
export function messageById(client: ClientId, id: string): ClientMessage {
  const m = CLIENT_MESSAGES.find((e) => e.client === client && e.id === id);
  if (!m)
    throw new Error(
      `No client message ${client}/${id}. Known ids for ${client}: ${CLIENT_MESSAGES.filter((e) => e.client === client)
        .map((e) => e.id)
        .join(', ')}`,
    );
  return m;
}
