/**
 * `certlab probe HOST[:PORT] [--servername NAME] [--starttls PROTO] [--ca FILE] [--json] [--revocation] [--ip ADDRESS | --all-ips]
 * [--proxy http://HOST:PORT] [--dns-server IP[:PORT]]`: connect, read the chain
 * exactly as the server sends it, and say what every client will make of it. Runs locally, so
 * private addresses are allowed (internal-api:8443 with the company root via --ca).
 * Exit 0 when every strict client succeeds, 1 when some would fail, 2 when no TLS handshake
 * could be made (or on bad usage).
 */
import { readFile } from 'node:fs/promises';
import type { CliIo } from '../io.ts';
import type { Certificate } from '../../core/model.ts';
import type { RevocationJson } from '../../core/net/probe-json.ts';
import { crlText, ocspText, sctText } from '../../core/net/revocation-text.ts';
import { parseCertificate } from '../../core/x509/certificate.ts';
import { pemCertificates } from '../../core/formats/pem.ts';
import { type ProbeOptions, type ProbeOutcome, probe } from '../../server/probe/engine.ts';
import { type AllIpsResult, probeAllIps } from '../../server/probe/all-ips.ts';
import { httpConnectTunnel, parseProxyUrl } from '../../server/probe/tunnel.ts';
import { dnsResolver } from '../../server/probe/resolver.ts';
import { parseIp } from '../../core/net/ip.ts';
import { type ProbeError, describeProbeError } from '../../server/probe/errors.ts';
import { type ProbeAnalysis, analyseProbe } from '../../server/probe/analyse.ts';
import { probeAiaFetcher } from '../../server/probe/aia-fetch.ts';
import { STRICT_CLIENTS } from '../../server/probe/verdicts.ts';
import { optionsOrExit, type ParsedArgs } from '../args.ts';
import { UPGRADE_CHOICES, type UpgradeChoice, isUpgradeChoice } from '../../core/net/starttls/protocols.ts';

export const summary = 'show what a TLS server presents and what each client will say';

const USAGE = [
  'usage: certlab probe HOST[:PORT] [--servername NAME] [--starttls PROTO] [--ca FILE] [--json]',
  '                     [--revocation] [--ip ADDRESS | --all-ips] [--proxy http://HOST:PORT] [--dns-server IP[:PORT]]',
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
  '  --revocation       also ask the OCSP responder and download the CRL named in the certificate',
  '  --ip ADDRESS       connect to this address (one backend) while sending SNI for HOST',
  '  --all-ips          probe every address HOST resolves to and report backends that present different chains',
  '  --proxy URL        connect through this HTTP CONNECT proxy (http://HOST:PORT, user:password@ allowed)',
  '  --dns-server IP    resolve HOST with this DNS server (IP or IP:PORT) instead of the system resolver',
  '',
  'Exit status: 0 every strict client accepts, 1 some would fail (or a client certificate is required),',
  '2 no TLS handshake (or bad usage; also a server that speaks only TLS 1.0/1.1, or not TLS).',
].join('\n');

interface Options {
  target?: string;
  servername?: string;
  starttls?: UpgradeChoice;
  ca: string[];
  json: boolean;
  revocation?: true;
  ip?: string;
  allIps?: true;
  proxy?: string;
  dnsServer?: string;
}

const WITH_VALUE = ['--servername', '--starttls', '--ca', '--ip', '--proxy', '--dns-server'];

type Parsed = ParsedArgs<Options>;

export function parseArgs(argv: string[]): Parsed {
  const o: Options = { ca: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--json') o.json = true;
    else if (a === '--revocation') o.revocation = true;
    else if (a === '--all-ips') o.allIps = true;
    else if (WITH_VALUE.includes(a)) {
      const v = argv[++i];
      if (v === undefined) return { ok: false, error: `${a} needs a value.` };
      if (a === '--ca') o.ca.push(v);
      else if (a === '--starttls') {
        if (!isUpgradeChoice(v)) return { ok: false, error: `--starttls "${v}" is not known. Expected one of: ${UPGRADE_CHOICES.join(', ')}.` };
        o.starttls = v;
      } else if (a === '--servername') o.servername = v;
      else if (a === '--ip') o.ip = v.replace(/^\[(.*)\]$/, '$1');
      else if (a === '--proxy') o.proxy = v;
      else o.dnsServer = v;
    } else if (a.startsWith('-')) {
      return {
        ok: false,
        error: `unknown option "${a}". Expected one of: --servername, --starttls, --ca, --json, --revocation, --ip, --all-ips, --proxy, --dns-server, --help.`,
      };
    } else if (o.target === undefined) o.target = a;
    else return { ok: false, error: `unexpected argument "${a}": give one HOST[:PORT].` };
  }
  if (o.target === undefined) return { ok: false, error: 'missing HOST[:PORT], e.g. certlab probe example.com or certlab probe internal-api:8443.' };
  if (o.ip !== undefined && !parseIp(o.ip)) return { ok: false, error: `--ip "${o.ip}" is not an IPv4 or IPv6 address.` };
  if (o.ip !== undefined && o.allIps) return { ok: false, error: '--ip and --all-ips exclude each other: --ip probes one address, --all-ips every one.' };
  if (o.proxy !== undefined && (o.ip !== undefined || o.allIps)) {
    return { ok: false, error: '--proxy cannot be combined with --ip or --all-ips: the proxy resolves the name and picks the address.' };
  }
  if (o.proxy !== undefined) {
    const p = parseProxyUrl(o.proxy);
    if (!p.ok) return { ok: false, error: p.error };
  }
  if (o.dnsServer !== undefined && !parseIp(o.dnsServer.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([\d.]+):\d+$/, '$1'))) {
    return { ok: false, error: `--dns-server "${o.dnsServer}" is not an IP address (IP, IP:PORT or [IPv6]:PORT).` };
  }
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
  if (a.notTls)
    lines.push(
      '',
      `Not TLS: ${a.notTls.protocol === 'unknown' ? 'this port does not speak TLS' : `this port speaks ${a.notTls.name}`}; it sent "${a.notTls.firstLine}".`,
    );
  if (a.legacyTls) {
    lines.push('', `Old TLS only (${a.legacyTls.protocol}${a.legacyTls.cipher ? `, ${a.legacyTls.cipher}` : ''}), read by a second, read-only attempt:`);
    for (const c of a.legacyTls.clients) lines.push(`  ${c.refuses ? 'FAIL' : 'ok  '} ${c.client.padEnd(8)} ${c.reason}`);
  }
  if (a.clientCert) {
    lines.push(
      '',
      `Client certificate ${a.clientCert.required ? 'required' : 'requested'}; CAs the server accepts:${a.clientCert.authorities.length ? '' : ' (none named)'}`,
    );
    for (const ca of a.clientCert.authorities) lines.push(`  ${ca}`);
  }
  if (a.verdicts) {
    lines.push('', 'What each client says:');
    for (const [id, v] of Object.entries(a.verdicts)) {
      if (!v) continue;
      lines.push(`  ${v.ok ? 'ok  ' : 'FAIL'} ${id.padEnd(8)} ${v.ok ? '' : v.message.split('\n')[0]}`.trimEnd());
    }
  }
  if (a.revocation) lines.push('', ...revocationLines(a.revocation));
  const notable = a.findings.filter((f) => f.severity !== 'info');
  if (notable.length) {
    lines.push('', 'Findings:');
    for (const f of notable) lines.push(`  ${f.severity}: ${f.message}. ${f.action}`);
  }
  if (a.email) lines.push('', `Email to the server's administrators — Subject: ${a.email.subject}`, '', a.email.body);
  return lines.join('\n');
}

export function revocationLines(r: RevocationJson): string[] {
  const lines = ['Revocation and transparency:'];
  lines.push(`  OCSP staple: ${r.stapled ? ocspText(r.stapled) : 'none'}`);
  lines.push(`  Must-Staple: ${r.mustStaple ? 'yes (the certificate requires a staple)' : 'no'}`);
  lines.push(`  SCTs: ${r.scts.length || 'none'}`);
  for (const s of r.scts) lines.push(`    ${sctText(s)}`);
  if (r.live) {
    if (r.live.skipped) lines.push(`  Live check: ${r.live.skipped}`);
    for (const o of r.live.ocsp) lines.push(`  OCSP ${o.url}: ${ocspText(o)}`);
    for (const c of r.live.crl) lines.push(`  CRL ${c.url}: ${crlText(c)}`);
  }
  return lines;
}

export function exitCode(a: ProbeAnalysis): number {
  if (!a.verdicts) return 2;
  // The chain may be fine, but a connection without a client certificate fails.
  if (a.clientCert?.required) return 1;
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
  const proxy = o.proxy === undefined ? undefined : parseProxyUrl(o.proxy);
  const options: ProbeOptions = {
    policy: null,
    ...(o.dnsServer ? { resolver: dnsResolver({ timeoutMs: 5000, maxInFlight: 16, maxPerClient: 16, servers: [o.dnsServer] }).forClient('cli') } : {}),
    ...(proxy?.ok ? { tunnel: httpConnectTunnel(proxy) } : {}),
  };
  const request = {
    host: o.target!,
    ...(o.servername ? { servername: o.servername } : {}),
    ...(o.starttls ? { starttls: o.starttls } : {}),
    ...(o.ip ? { ip: o.ip } : {}),
  };
  // AIA, OCSP and CRL requests go through the proxy too (the network may allow nothing else).
  const fetchOptions = {
    policy: null,
    ...(options.resolver ? { resolver: options.resolver } : {}),
    ...(proxy?.ok ? { httpProxy: { host: proxy.host, port: proxy.port } } : {}),
  };
  const analyse = (outcome: ProbeOutcome) =>
    analyseProbe(outcome, Date.now(), globalThis.crypto.subtle, {
      extraAnchors: anchors,
      aiaFetcher: probeAiaFetcher(fetchOptions),
      ...(o.revocation ? { liveRevocation: { ...fetchOptions, deadline: performance.now() + 15_000 } } : {}),
    });
  if (o.allIps) return runAllIps(await probeAllIps(request, options), analyse, o.json, io);
  const outcome = await probe(request, options);
  const analysis = await analyse(outcome);
  if (!analysis) {
    const error = outcome.ok ? undefined : outcome.error;
    if (o.json) io.out(JSON.stringify({ target: o.target, error: error && { kind: error.kind, message: describeProbeError(error), detail: error } }, null, 2));
    else io.err(`certlab probe: ${error ? describeProbeError(error) : 'no result'}`);
    return 2;
  }
  io.out(o.json ? JSON.stringify(analysis, null, 2) : toHuman(analysis));
  return exitCode(analysis);
}

/** --all-ips: one analysis per address, then whether the backends agree. Exit status: the worst backend's. */
async function runAllIps(
  result: AllIpsResult | ProbeError,
  analyse: (outcome: ProbeOutcome) => Promise<ProbeAnalysis | undefined>,
  json: boolean,
  io: CliIo,
): Promise<number> {
  if ('kind' in result) {
    if (json) io.out(JSON.stringify({ error: { kind: result.kind, message: describeProbeError(result), detail: result } }, null, 2));
    else io.err(`certlab probe: ${describeProbeError(result)}`);
    return 2;
  }
  const backends = [];
  let worst = 0;
  for (const b of result.backends) {
    const analysis = await analyse(b.outcome);
    const error = b.outcome.ok ? undefined : { kind: b.outcome.error.kind, message: describeProbeError(b.outcome.error) };
    const code = analysis ? exitCode(analysis) : 2;
    worst = Math.max(worst, code);
    backends.push({ ip: b.ip, exitCode: code, ...(analysis ? { analysis } : {}), ...(error && !analysis ? { error } : {}) });
  }
  const differ = result.groups.length > 1;
  const summary = differ
    ? `The ${result.backends.length} addresses of ${result.host} do not all present the same chain: ${result.groups.map((g) => g.join(' and ')).join(' | ')}.`
    : `All ${result.backends.length} addresses of ${result.host} present the same chain.`;
  if (json) {
    io.out(
      JSON.stringify({ host: result.host, addresses: result.addresses, skipped: result.skipped, groups: result.groups, differ, summary, backends }, null, 2),
    );
  } else {
    const lines = [summary];
    if (result.skipped.length) lines.push(`Not probed (more than ${result.backends.length} addresses): ${result.skipped.join(', ')}.`);
    for (const b of backends) {
      lines.push('', `== ${b.ip} ==`);
      if (b.analysis) {
        lines.push(b.analysis.headline);
        for (const c of b.analysis.presented)
          lines.push(`  ${c.index}: ${'subject' in c ? `${c.subject} (sha256 ${c.sha256.slice(0, 16)}…)` : `unparsed: ${c.error}`}`);
      } else lines.push(b.error?.message ?? 'no result');
    }
    io.out(lines.join('\n'));
  }
  return differ ? Math.max(worst, 1) : worst;
}
