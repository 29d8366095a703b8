/** Every stack wording the decoder reads beside the client table. */
import { APPLE_ENTRIES, WINDOWS_ENTRIES } from './apple-windows.ts';
import { GO_ENTRIES } from './go.ts';
import { JAVA_ENTRIES } from './java.ts';
import { OPENSSL_REASON_ENTRIES } from './openssl-reasons.ts';
import { GNUTLS_ENTRIES, NSS_ENTRIES, RUSTLS_ENTRIES } from './rustls-gnutls-nss.ts';
import { SERVER_ENTRIES } from './servers.ts';
import { TOOL_ENTRIES } from './tools.ts';
import type { StackEntry } from './types.ts';

export type { StackEntry, StackId } from './types.ts';

export const STACK_ENTRIES: readonly StackEntry[] = [
  ...GO_ENTRIES,
  ...RUSTLS_ENTRIES,
  ...GNUTLS_ENTRIES,
  ...NSS_ENTRIES,
  ...APPLE_ENTRIES,
  ...WINDOWS_ENTRIES,
  ...JAVA_ENTRIES,
  ...OPENSSL_REASON_ENTRIES,
  ...SERVER_ENTRIES,
  ...TOOL_ENTRIES,
];
