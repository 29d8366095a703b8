/**
 * The product names a reader knows each client by ("Python (ssl / requests)"), for text people
 * read: the decoder's "printed by", the CLI's human output. The profiles' `label` names the exact
 * version a policy was captured from; a pasted message may come from any version, so text that
 * says who printed a message uses these names. Ids stay in JSON and attributes.
 */
import type { ClientId } from './registry.ts';

export const CLIENT_NAMES: Record<ClientId, string> = {
  openssl: 'OpenSSL (openssl s_client / verify)',
  curl: 'curl',
  python: 'Python (ssl / requests)',
  node: 'Node.js (tls / https / fetch)',
  java: 'Java (JSSE)',
  go: 'Go (crypto/tls)',
  rustls: 'rustls (Rust)',
  dotnet: '.NET (SslStream / HttpClient)',
  chrome: 'Chrome',
  firefox: 'Firefox',
};

export function clientName(id: ClientId): string {
  return CLIENT_NAMES[id];
}
