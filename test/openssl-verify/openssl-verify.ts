/**
 * Runs the real `openssl verify` (node-only) and parses what it prints, so tests can compare
 * the validator's code with OpenSSL's for the same generated chain.
 *
 * `openssl verify` prints `error N at D depth lookup: TEXT` for each error its callback sees
 * (it continues past a few, e.g. expiry), then `error FILE: verification failed`; a TLS
 * client's default callback stops at the first one, so `first` is what clients report.
 */
import { spawnSync } from 'node:child_process';

export interface OpensslVerifyOptions {
  cafile?: string;
  untrusted?: string;
  host?: string;
  ip?: string;
  /** Seconds since epoch. */
  attime?: number;
  purpose?: 'sslserver' | 'sslclient';
  strict?: boolean;
  partialChain?: boolean;
  authLevel?: number;
  /** -verify_depth: the most intermediates allowed. */
  depth?: number;
  /** CRL files: -crl_check (the peer's revocation) with each as -CRLfile. */
  crls?: string[];
}

export interface OpensslError {
  code: number;
  depth: number;
  text: string;
}

export interface OpensslVerifyResult {
  ok: boolean;
  errors: OpensslError[];
  first?: OpensslError;
  output: string;
}

const ERROR_LINE = /^error (\d+) at (\d+) depth lookup: (.*)$/;

export function parseOpensslVerify(output: string, exitOk: boolean): OpensslVerifyResult {
  const errors: OpensslError[] = [];
  for (const line of output.split('\n')) {
    const m = ERROR_LINE.exec(line.trim());
    if (m) errors.push({ code: Number(m[1]), depth: Number(m[2]), text: m[3] });
  }
  return { ok: exitOk && errors.length === 0, errors, first: errors[0], output };
}

export function opensslVerify(peer: string, o: OpensslVerifyOptions): OpensslVerifyResult {
  const args = ['verify'];
  // -no-CApath / -no-CAstore keep the machine's own roots out of the comparison.
  args.push('-no-CApath', '-no-CAstore');
  if (o.cafile) args.push('-CAfile', o.cafile);
  else args.push('-no-CAfile');
  if (o.untrusted) args.push('-untrusted', o.untrusted);
  if (o.host) args.push('-verify_hostname', o.host);
  if (o.ip) args.push('-verify_ip', o.ip);
  if (o.attime !== undefined) args.push('-attime', String(o.attime));
  if (o.purpose) args.push('-purpose', o.purpose);
  if (o.strict) args.push('-x509_strict');
  if (o.partialChain) args.push('-partial_chain');
  if (o.authLevel !== undefined) args.push('-auth_level', String(o.authLevel));
  if (o.depth !== undefined) args.push('-verify_depth', String(o.depth));
  if (o.crls?.length) args.push('-crl_check', ...o.crls.flatMap((c) => ['-CRLfile', c]));
  args.push(peer);
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return parseOpensslVerify(`${r.stdout}\n${r.stderr}`, r.status === 0);
}
