/**
 * `certlab probe HOST[:PORT] [--servername NAME] [--starttls PROTO] [--ca FILE] [--json]`: connect, read the chain
 * exactly as the server sends it, and say what every client will make of it. Runs locally, so
 * private addresses are allowed (internal-api:8443 with the company root via --ca).
 * Exit 0 when every strict client succeeds, 1 when some would fail, 2 when no TLS handshake
 * could be made (or on bad usage).
 */
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../io.ts';
import type { Certificate } from '../../core/model.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import { pemCertificates } from '../../core/formats/pem.ts';
import { probe } from '../../server/probe/engine.ts';
import { describeProbeError } from '../../server/probe/errors.ts';
import { type ProbeAnalysis, analyseProbe } from '../../server/probe/analyse.ts';
import { probeAiaFetcher } from '../../server/probe/aia-fetch.ts';
import { STRICT_CLIENTS } from '../../server/probe/verdicts.ts';
import { optionsOrExit, type ParsedArgs } from '../args.ts';
import { UPGRADE_CHOICES, type UpgradeChoice, isUpgradeChoice } from '../../core/net/starttls/protocols.ts';

export const summary = 'show what a TLS server presents and what each client will say';

const USAGE = [
  'usage: certlab probe HOST[:PORT] [--servername NAME] [--starttls PROTO] [--ca FILE] [--json]',
  '',
  'Connects to HOST (port 443 unless given), reads the certificate list exactly as the server',
  'sends it, and judges it as openssl, curl, Python, Node, Java, Go, .NET, Chrome and Firefox would.',
  '',
  '  --servername NAME  SNI name (and the name checked) when it differs from HOST',
  '  --starttls PROTO   talk PROTO before TLS: smtp, imap, pop3, ftp, ldap, xmpp, postgres, mysql;',
  '                     none: TLS from the first byte; auto (default): chosen from the well-known',
  '                     port (25/587 smtp, 143 imap, 110 pop3, 21 ftp, 389 ldap, 5222 xmpp, 5432, 3306)',
  '  --ca FILE          also trust these roots (PEM or DER), e.g. your company CA',
  '  --json             print { target, presented, protocol, cipher, verdicts, cause, liability, findings, email, ... }',
  '',
  'Exit status: 0 every strict client accepts, 1 some would fail, 2 no TLS handshake (or bad usage).',
].join('\n');

interface Options {
  target?: string;
  servername?: string;
  starttls?: UpgradeChoice;
  ca: string[];
  json: boolean;
}

type Parsed = ParsedArgs<Options>;

export function parseArgs(argv: string[]): Parsed {
  const o: Options = { ca: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--json') o.json = true;
    else if (a === '--servername' || a === '--ca' || a === '--starttls') {
      const v = argv[++i];
      if (v === undefined) return { ok: false, error: `${a} needs a value.` };
      if (a === '--ca') o.ca.push(v);
      else if (a === '--starttls') {
        if (!isUpgradeChoice(v)) return { ok: false, error: `--starttls "${v}" is not known. Expected one of: ${UPGRADE_CHOICES.join(', ')}.` };
        o.starttls = v;
      } else o.servername = v;
    } else if (a.startsWith('-')) {
      return { ok: false, error: `unknown option "${a}". Expected one of: --servername, --starttls, --ca, --json, --help.` };
    } else if (o.target === undefined) o.target = a;
    else return { ok: false, error: `unexpected argument "${a}": give one HOST[:PORT].` };
  }
  if (o.target === undefined) return { ok: false, error: 'missing HOST[:PORT], e.g. certlab probe example.com or certlab probe internal-api:8443.' };
  return { ok: true, options: o };
}

async function readAnchors(files: string[]): Promise<Certificate[] | string> {
  const out: Certificate[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      return `cannot read --ca ${file}: ${(e as Error).message}`;
    }
    const ders = bytes[0] === 0x30 ? [bytes] : pemCertificates(new TextDecoder().decode(bytes));
    if (ders.length === 0) return `--ca ${file} holds no certificate (expected PEM "BEGIN CERTIFICATE" blocks or DER).`;
    for (const der of ders) {
      try {
        out.push(await parseCertificate(der, globalThis.crypto.subtle));
      } catch (e) {
        return `--ca ${file}: a certificate does not parse (${(e as Error).message}).`;
      }
    }
  }
  return out;
}

export function toHuman(a: ProbeAnalysis): string {
  const lines = [a.headline, ...(a.upgrade ? [`Upgrade: ${a.upgrade.description}`] : []), '', a.evidence];
  if (a.verdicts) {
    lines.push('', 'What each client says:');
    for (const [id, v] of Object.entries(a.verdicts)) {
      if (!v) continue;
      lines.push(`  ${v.ok ? 'ok  ' : 'FAIL'} ${id.padEnd(8)} ${v.ok ? '' : v.message.split('\n')[0]}`.trimEnd());
    }
  }
  const notable = a.findings.filter((f) => f.severity !== 'info');
  if (notable.length) {
    lines.push('', 'Findings:');
    for (const f of notable) lines.push(`  ${f.severity}: ${f.message}. ${f.action}`);
  }
  if (a.email) lines.push('', `Email to the server's administrators — Subject: ${a.email.subject}`, '', a.email.body);
  return lines.join('\n');
}

export function exitCode(a: ProbeAnalysis): number {
  if (!a.verdicts) return 2;
  return STRICT_CLIENTS.every((c) => a.verdicts![c]?.ok !== false) ? 0 : 1;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const o = optionsOrExit(parseArgs(argv), 'probe', USAGE, io);
  if (typeof o === 'number') return o;
  const anchors = await readAnchors(o.ca);
  if (typeof anchors === 'string') {
    io.err(`certlab probe: ${anchors}`);
    return 2;
  }
  const outcome = await probe(
    { host: o.target!, ...(o.servername ? { servername: o.servername } : {}), ...(o.starttls ? { starttls: o.starttls } : {}) },
    { policy: null },
  );
  const aiaFetcher = probeAiaFetcher({ policy: null });
  const analysis = await analyseProbe(outcome, Date.now(), globalThis.crypto.subtle, { extraAnchors: anchors, aiaFetcher });
  if (!analysis) {
    const error = outcome.ok ? undefined : outcome.error;
    if (o.json) io.out(JSON.stringify({ target: o.target, error: error && { kind: error.kind, message: describeProbeError(error), detail: error } }, null, 2));
    else io.err(`certlab probe: ${error ? describeProbeError(error) : 'no result'}`);
    return 2;
  }
  io.out(o.json ? JSON.stringify(analysis, null, 2) : toHuman(analysis));
  return exitCode(analysis);
}
