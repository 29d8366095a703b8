/**
 * Every client the project speaks for, one module each. ClientId is derived from this table:
 * adding a client means one module (its profile, trust store, messages, renderer, see
 * client-types.ts) and its line here; the compiler then lists every `Record<ClientId, …>`
 * that has to name it (probe store labels, simulator handshake texts, decoder signatures, …).
 */
import type { ClientModule } from './client-types.ts';
import { CHROME_CLIENT } from './chrome.ts';
import { CURL_CLIENT } from './curl.ts';
import { DOTNET_CLIENT } from './dotnet.ts';
import { FIREFOX_CLIENT } from './firefox.ts';
import { GO_CLIENT } from './go.ts';
import { JAVA_CLIENT } from './java.ts';
import { NODE_CLIENT } from './node.ts';
import { OPENSSL_CLIENT } from './openssl.ts';
import { PYTHON_CLIENT } from './python.ts';
import { RUSTLS_CLIENT } from './rustls.ts';

const MODULES = {
  openssl: OPENSSL_CLIENT,
  curl: CURL_CLIENT,
  python: PYTHON_CLIENT,
  node: NODE_CLIENT,
  java: JAVA_CLIENT,
  go: GO_CLIENT,
  rustls: RUSTLS_CLIENT,
  dotnet: DOTNET_CLIENT,
  chrome: CHROME_CLIENT,
  firefox: FIREFOX_CLIENT,
};

export type ClientId = keyof typeof MODULES;

/** The modules by id; each module's own id must equal its key. */
export const CLIENTS: { readonly [K in ClientId]: ClientModule<K> } = MODULES;

/** Every client id, in the table's order (the order of every listing and JSON object). */
export const CLIENT_IDS = Object.keys(CLIENTS) as ClientId[];

export function clientModule(id: ClientId): ClientModule<ClientId> {
  return CLIENTS[id];
}
