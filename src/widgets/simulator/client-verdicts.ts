/**
 * Each client's verdict on a generated PKI, as the results table shows it.
 * The `openssl verify` row comes straight from the validator run with Debian's OpenSSL policy.
 */
import type { CauseId } from '../../core/cause-id.ts';
import type { Subtle } from '../../core/model.ts';
import type { GeneratedPki } from '../../core/sim/generate.ts';
import type { ParsedPki } from '../../core/sim/judge.ts';
import type { ValidationResult } from '../../core/validate/validate.ts';

export interface ClientVerdictView {
  client: string;
  label: string;
  fails: boolean;
  message: string;
  cause: CauseId | null;
  note?: string;
  /** For OpenSSL rows: the verify code the message carries. */
  verifyCode?: { code: number; text: string };
}

export async function clientVerdicts(pki: GeneratedPki, _parsed: ParsedPki, openssl: ValidationResult, _subtle: Subtle): Promise<ClientVerdictView[]> {
  const verifyRow: ClientVerdictView = {
    client: 'openssl-verify',
    label: 'openssl verify (OpenSSL 3.0, Debian)',
    fails: !openssl.ok,
    message: openssl.ok ? 'leaf.pem: OK' : `error ${openssl.code} at ${openssl.depth ?? 0} depth lookup: ${openssl.text}\nerror leaf.pem: verification failed`,
    cause: openssl.cause,
    note: `openssl verify -CAfile trusted.pem -untrusted chain.pem -verify_hostname ${pki.scenario.host} -purpose sslserver -auth_level 2 leaf.pem`,
  };
  return [verifyRow];
}
