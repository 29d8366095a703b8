/**
 * `certlab inspect <file|-> [--password P] [--keystore F --storepass P] [--host H --trusted F]
 * [--json] [--at ISO-8601]`: read anything (PEM of any label, DER, base64, PKCS#7, PKCS#12,
 * JKS/JCEKS keystores, keytool -list output, s_client output) and explain it: every
 * field of each object, the chain with each link checked, findings with what to do, and
 * the conversions with their openssl commands. Exit 0 ok, 2 unreadable input (the typed
 * error on stderr).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { webcrypto } from 'node:crypto';
import type { CliIo } from '../io.ts';
import { inspectFiles, type InspectResult } from '../../core/inspect/inspect.ts';
import { inspectErrors, type InspectError } from '../../core/inspect/errors.ts';
import { chainText, describeItem } from '../../core/inspect/describe.ts';
import { encodeBase64 } from '../../core/der/base64.ts';
import { optionsOrExit, type ParsedArgs } from '../args.ts';
import { hostCheckForResult, type HostCheck } from '../../core/clients/host-check.ts';
import { pemCertificates } from '../../core/formats/pem.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import type { Certificate } from '../../core/model.ts';
import { trustStore } from '../../server/trust-stores.ts';

export const summary = 'read certificates, keys, CSRs, PKCS#7/#12 and s_client output';

const USAGE = [
  'usage: certlab inspect <file|-> [--password P | --password-file F] [--keystore F [--storepass P]]',
  '                       [--host NAME [--trusted F]] [--json] [--at ISO-8601]',
  '',
  'Reads PEM (any label), DER, bare base64, PKCS#7 (.p7b), PKCS#12 (.p12/.pfx, also -legacy),',
  'Java keystores (JKS, JCEKS), `keytool -list [-v|-rfc]` output and `openssl s_client -showcerts`',
  'output, and explains every object, the chain and what is wrong with it.',
  '',
  '  --password P  password of a .p12/.pfx, a keystore or an encrypted private key',
  '  --password-file F  read the password from the first line of F (keeps it out of `ps`)',
  '  --keystore F  a keystore or cacerts (JKS, JCEKS, PKCS12, or keytool -list text) read beside the',
  '                input: says whether the certificate, or one on its path, is in it',
  '  --storepass P the keystore password (default: --password; a JDK cacerts uses "changeit")',
  "  --host NAME   check the certificate for this host name or IP address, with each client's rule",
  '  --trusted F   PEM file of the roots to trust for --host (default: the Mozilla list Node bundles)',
  '  --json        print { ok, items: [{ kind, ... }], bundle, matches, findings }',
  '  --at TIME     judge validity at this time, ISO-8601 (default: now)',
  '',
  'Exit status: 0 read, 2 unreadable input (the error on stderr).',
].join('\n');

interface Options {
  file?: string;
  password?: string;
  passwordFile?: string;
  keystore?: string;
  storepass?: string;
  host?: string;
  trusted?: string;
  json: boolean;
  at?: string;
}

export function parseArgs(argv: string[]): ParsedArgs<Options> {
  const o: Options = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--json') o.json = true;
    else if (['--password', '--password-file', '--at', '--keystore', '--storepass', '--host', '--trusted'].includes(a)) {
      const v = argv[++i];
      if (v === undefined) return { ok: false, error: `${a} needs a value` };
      if (a === '--password') o.password = v;
      else if (a === '--password-file') o.passwordFile = v;
      else if (a === '--keystore') o.keystore = v;
      else if (a === '--storepass') o.storepass = v;
      else if (a === '--host') o.host = v;
      else if (a === '--trusted') o.trusted = v;
      else o.at = v;
    } else if (a.startsWith('--password=')) o.password = a.slice(11);
    else if (a.startsWith('-') && a !== '-')
      return {
        ok: false,
        error: `unknown option "${a}". Expected one of: --password, --password-file, --keystore, --storepass, --host, --trusted, --json, --at`,
      };
    else if (o.file === undefined) o.file = a;
    else return { ok: false, error: `one input at a time; received "${o.file}" and "${a}"` };
  }
  if (o.file === undefined) return { ok: false, error: 'no input: give a file name, or - for standard input' };
  if (o.trusted !== undefined && o.host === undefined) return { ok: false, error: '--trusted names the roots for --host: give --host NAME too' };
  return { ok: true, options: o };
}

function errorText(e: InspectError): string {
  return [`certlab inspect: ${e.message}`, `  received: ${e.received}`, `  expected: ${e.expected}`, `  what to do: ${e.action}`, `  (${e.kind})`].join('\n');
}

/** JSON for scripts: bytes as base64, private key material left out. */
export function toJson(r: InspectResult): string {
  const { conversions: _conversions, ...rest } = r;
  return JSON.stringify(
    rest,
    (key, value) => {
      if (key === 'pkcs8') return undefined;
      if (value instanceof Uint8Array) return encodeBase64(value);
      return value;
    },
    2,
  );
}

/** The host check as text: one line per client, its name rule and whether it connects. */
export function hostText(h: HostCheck): string[] {
  const out = [`Host ${h.host} (trusted roots: ${h.trust}):`];
  const width = Math.max(...h.verdicts.map((v) => v.label.length));
  for (const v of h.verdicts) {
    const names = v.namesCompared.length ? v.namesCompared.join(', ') : 'no name of this kind';
    out.push(
      `  ${v.label.padEnd(width)}  name ${v.nameMatches ? 'matches' : 'does not match'} (${names}); ${v.connects ? 'connects' : `refuses: ${v.message}`}`,
    );
  }
  return out;
}

export function toText(r: InspectResult): string {
  const out: string[] = [];
  for (const it of r.items) {
    const d = describeItem(it);
    out.push(`[${it.index}] ${d.title}`, `    ${d.subtitle}`);
    for (const s of d.sections) {
      if (!s.rows.length) continue;
      out.push(`  ${s.title}:`);
      for (const row of s.rows) {
        const [first, ...more] = row.value.length ? row.value : [''];
        out.push(`    ${row.label}: ${first}`);
        for (const m of more) out.push(`    ${' '.repeat(row.label.length + 2)}${m}`);
      }
    }
    out.push('');
  }
  if (r.bundle && r.bundle.chain.length > 1) out.push('Chain (leaf first):', ...chainText(r.bundle, r.items).map((l) => `  ${l}`), '');
  if (r.findings.length) {
    out.push('Findings:');
    for (const f of r.findings) out.push(`  ${f.severity.toUpperCase()} ${f.kind}: ${f.message}`, `    what to do: ${f.action}`);
    out.push('');
  }
  if (r.keystoreAnswers?.length) {
    out.push('In the keystore?');
    for (const q of r.keystoreAnswers) out.push(`  ${q.text}`);
    out.push('');
  }
  const cmds = r.conversions.filter((c) => !c.containsPrivateKey || r.items.some((i) => i.kind === 'pkcs12'));
  if (cmds.length) {
    out.push('Conversions (the web inspector offers these as downloads):');
    for (const c of cmds) out.push(`  ${c.title}: ${c.command}`);
  }
  return out.join('\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const opts = optionsOrExit(parseArgs(argv), 'inspect', USAGE, io);
  if (typeof opts === 'number') return opts;
  const { file, json, passwordFile } = opts;
  let password = opts.password;
  if (passwordFile !== undefined) {
    try {
      password = (await readFile(passwordFile, 'utf8')).split(/\r?\n/)[0];
    } catch (e) {
      io.err(`certlab inspect: cannot read the password file "${passwordFile}": ${(e as Error).message}`);
      return 2;
    }
  }
  let at = Date.now();
  if (opts.at !== undefined) {
    at = Date.parse(opts.at);
    if (Number.isNaN(at)) {
      io.err(`certlab inspect: --at "${opts.at}" is not a time. Expected ISO-8601, e.g. 2026-01-31T12:00:00Z`);
      return 2;
    }
  }
  let data: Uint8Array;
  try {
    data = file === '-' ? await io.readStdin() : new Uint8Array(await readFile(file!));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(
      errorText({
        ...inspectErrors.unknownFormat(`a file that cannot be read (${err.code ?? err.message})`),
        message: `cannot read "${file}": ${err.message}`,
        action: 'Check the path and the permissions.',
      }),
    );
    return 2;
  }
  const inputs = [{ name: file === '-' ? undefined : basename(file!), data }];
  if (opts.keystore !== undefined) {
    try {
      inputs.push({ name: basename(opts.keystore), data: new Uint8Array(await readFile(opts.keystore)) });
    } catch (e) {
      io.err(`certlab inspect: cannot read the keystore "${opts.keystore}": ${(e as Error).message}`);
      return 2;
    }
  }
  const subtle = webcrypto.subtle as unknown as SubtleCrypto;
  // one password opens what the input needs: --storepass when only it is given
  const result = await inspectFiles(inputs, { subtle, at, password: password ?? opts.storepass });
  const locked = result.items.find((i) => (i.kind === 'pkcs12' || i.kind === 'encrypted-private-key') && i.error);
  const onlyLocked = result.items.every((i) => i.kind === 'error' || (i.kind === 'pkcs12' && !i.pkcs12) || i.kind === 'encrypted-private-key');
  if (!result.ok || (onlyLocked && locked)) {
    const e = result.error ?? (locked && 'error' in locked ? locked.error : undefined);
    if (json) io.out(toJson(result));
    if (e) io.err(errorText(e));
    return 2;
  }
  let host: HostCheck | undefined;
  if (opts.host !== undefined) {
    const anchors = await anchorsFor(opts.trusted, subtle, io);
    if (!anchors) return 2;
    host = await hostCheckForResult(result, { ...anchors, host: opts.host, at, subtle });
    if (!host) io.err(`certlab inspect: no certificate in the input to check against ${opts.host}`);
  }
  if (json) io.out(host ? toJson({ ...result, host } as InspectResult) : toJson(result));
  else io.out(host ? `${toText(result)}\n\n${hostText(host).join('\n')}` : toText(result));
  return 0;
}

/** The roots for --host: a PEM file (--trusted), or the Mozilla list Node bundles. */
async function anchorsFor(trusted: string | undefined, subtle: SubtleCrypto, io: CliIo): Promise<{ anchors: Certificate[]; trust: string } | undefined> {
  if (trusted === undefined) {
    const s = await trustStore('mozilla');
    if (!s.ok) {
      io.err('certlab inspect: the Mozilla root list is not available');
      return undefined;
    }
    return { anchors: s.store.certificates, trust: s.store.source };
  }
  let text: string;
  try {
    text = await readFile(trusted, 'utf8');
  } catch (e) {
    io.err(`certlab inspect: cannot read --trusted "${trusted}": ${(e as Error).message}`);
    return undefined;
  }
  const anchors: Certificate[] = [];
  for (const der of pemCertificates(text)) anchors.push(await parseCertificate(der, subtle));
  if (!anchors.length) {
    io.err(`certlab inspect: --trusted "${trusted}" holds no PEM certificate. Expected -----BEGIN CERTIFICATE----- blocks.`);
    return undefined;
  }
  return { anchors, trust: `${anchors.length} root${anchors.length > 1 ? 's' : ''} from ${basename(trusted)}` };
}
