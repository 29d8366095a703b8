/**
 * Wording of TLS stacks and tools beyond the ten clients of the shared client table
 * (src/core/clients/): each entry is one real format string (a {placeholder} template as in
 * the client table, or a regular expression where the wording varies), the cause or verify
 * code it means, and where the wording comes from (repository + path + commit, or a public
 * thread). The decoder's recognisers (../patterns.ts) read these beside the client table.
 */
import type { CauseId } from '../../causes/cause-id.ts';

export type StackId =
  | 'go'
  | 'rustls'
  | 'gnutls'
  | 'git'
  | 'apt'
  | 'wget'
  | 'nss'
  | 'schannel'
  | 'dotnet'
  | 'sqlserver'
  | 'powershell'
  | 'apple'
  | 'java'
  | 'android'
  | 'openssl'
  | 'curl'
  | 'python'
  | 'node'
  | 'ruby'
  | 'php'
  | 'libpq'
  | 'mysql'
  | 'openldap'
  | 'postfix'
  | 'exim'
  | 'dovecot'
  | 'nginx'
  | 'apache'
  | 'haproxy'
  | 'docker'
  | 'kubectl'
  | 'chrome'
  | 'firefox'
  | 'npm'
  | 'yarn'
  | 'pip'
  | 'cargo'
  | 'uv'
  | 'composer'
  | 'okhttp'
  | 'wsl';

export interface StackEntry {
  stack: StackId;
  /** Unique within the stack. */
  id: string;
  /** A template in the client table's form ({host}, {text}, ...). */
  template?: string;
  /** Or a regular expression, where the wording varies between versions. */
  pattern?: RegExp;
  /**
   * The cause, or 'from-code': a wrapper that says verification failed; an OpenSSL text or
   * code found beside it decides, and without one `alternatives` are the usual readings.
   */
  cause: CauseId | 'from-code';
  /** OpenSSL 3 verify code (V.*) the message corresponds to, when one does. */
  code?: number;
  /** Causes the text alone cannot tell apart (the first is the usual reading). */
  alternatives?: CauseId[];
  source: string;
  /** Lower-case words one of which every match contains, when they cannot be read off `pattern`. */
  needles?: string[];
}

/** The readings of "the chain does not lead to a root this client trusts", most frequent first. */
export const CHAIN_UNKNOWN: CauseId[] = ['unknown-ca', 'incomplete-chain', 'outdated-client-store'];
export const DATES: CauseId[] = ['expired', 'not-yet-valid'];
export const HANDSHAKE: CauseId[] = ['protocol-mismatch', 'client-cert-required'];
