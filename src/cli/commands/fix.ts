/**
 * `certlab fix <chain.pem | HOST[:PORT]> [--aia] [--trusted FILE]... [--store NAME] [--server ID]
 *  [--out FILE] [--host NAME] [--client ID]`: build the chain to serve (leaf first, no root)
 * from a file or from what a server sends, fetch missing intermediates by AIA when asked,
 * verify it, write it, and print the server's configuration lines. Exit 0 written, 1 no
 * complete chain (with the reason), 2 bad input or no TLS handshake.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { webcrypto } from 'node:crypto';
import type { CliIo } from '../io.ts';
import { InputError, readCertificateFile } from '../read-certs.ts';
import type { Certificate } from '../../core/model.ts';
import { buildChainToServe } from '../../core/fix/chain-to-serve.ts';
import { chainToServeJson, fullchainPem } from '../../core/fix/chain-json.ts';
import { SERVER_IDS, isServerId, serverConfig, type ServerId } from '../../core/fix/server-configs.ts';
import { clientFixCommands, TOOL_IDS, toolFixCommand, type ToolId } from '../../core/fix/client-fixes.ts';
import { CLIENT_IDS, type ClientId } from '../../core/clients/registry.ts';
import type { ChainToServeJson } from '../../core/net/probe-json.ts';
import { probe } from '../../server/probe/engine.ts';
import { describeProbeError } from '../../server/probe/errors.ts';
import { buildProbeResult } from '../../server/probe/result.ts';
import { fetchAia } from '../../server/probe/aia-fetch.ts';
import { trustStore, trustStoreErrorText } from '../../server/trust-stores.ts';
import { optionsOrExit, type ParsedArgs } from '../args.ts';
import { selectStore } from './verify-stores.ts';

export const summary = 'build the chain a server should serve, and its configuration lines';

const USAGE = [
  'usage: certlab fix <chain.pem | - | HOST[:PORT]> [--aia] [--trusted FILE]... [--store NAME]',
  '                   [--server ID] [--out FILE] [--host NAME] [--client ID]',
  '',
  'Builds the chain to serve from a file (any order, extra certificates allowed) or from what',
  'HOST sends: the leaf, then each intermediate, without the root. Roots, duplicates and',
  'certificates that play no part are left out (each with its reason); the result is verified as',
  'a strict client (openssl) that fetches nothing would verify it.',
  '',
  '  --aia           fetch missing intermediates from AIA caIssuers URLs (http, 64 KiB, 10 s)',
  '  --trusted FILE  trust anchors (PEM or DER); repeatable; replaces the store',
  '  --store NAME    mozilla, system (default), or PLATFORM[@VERSION] (`certlab stores`)',
  `  --server ID     configuration to print: ${SERVER_IDS.join(', ')} (default nginx)`,
  '  --out FILE      write the chain there (the report then goes to stdout); without it the',
  '                  chain goes to stdout and the report to stderr',
  '  --host NAME     the name the leaf must carry (default: HOST when probing)',
  `  --client ID     also print how that client trusts a CA file: ${[...CLIENT_IDS, ...TOOL_IDS].join(', ')}`,
  '',
  'Exit status: 0 chain written, 1 no complete chain can be built (the reason is printed),',
  '2 bad input or no TLS handshake.',
].join('\n');

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

interface Options {
  source?: string;
  trusted: string[];
  store?: string;
  server: ServerId;
  out?: string;
  host?: string;
  client?: ClientId | ToolId;
  aia: boolean;
}

export function parseArgs(argv: string[]): ParsedArgs<Options> {
  const o: Options = { trusted: [], server: 'nginx', aia: false };
  const withValue = ['--trusted', '--store', '--server', '--out', '--host', '--client'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--aia') o.aia = true;
    else if (withValue.includes(a)) {
      const v = argv[++i];
      if (v === undefined) return { ok: false, error: `${a} needs a value.` };
      if (a === '--trusted') o.trusted.push(v);
      else if (a === '--store') o.store = v;
      else if (a === '--out') o.out = v;
      else if (a === '--host') o.host = v;
      else if (a === '--server') {
        if (!isServerId(v)) return { ok: false, error: `unknown server "${v}". Expected one of: ${SERVER_IDS.join(', ')}.` };
        o.server = v;
      } else {
        const ids: string[] = [...CLIENT_IDS, ...TOOL_IDS];
        if (!ids.includes(v)) return { ok: false, error: `unknown client "${v}". Expected one of: ${ids.join(', ')}.` };
        o.client = v as ClientId | ToolId;
      }
    } else if (a.startsWith('-') && a !== '-') {
      return { ok: false, error: `unknown option "${a}". Expected one of: ${[...withValue, '--aia', '--help'].join(', ')}.` };
    } else if (o.source === undefined) o.source = a;
    else return { ok: false, error: `unexpected argument "${a}": give one chain file or one HOST[:PORT].` };
  }
  if (o.source === undefined) return { ok: false, error: 'missing the chain file (or - for standard input) or HOST[:PORT].' };
  return { ok: true, options: o };
}

/** What a server sends: the certificates as presented, through the probe's engine (no address limits on a local CLI). */
async function probeCerts(target: string): Promise<{ certs: Certificate[]; host: string; port: number }> {
  const outcome = await probe({ host: target }, { policy: null });
  const parts = await buildProbeResult(outcome, Date.now(), subtle);
  const certs = (parts?.certificates ?? []).filter((c): c is Certificate => c !== null);
  if (!parts || certs.length === 0) {
    throw new InputError(outcome.ok ? `${target} sent no certificate.` : describeProbeError(outcome.error));
  }
  return { certs, host: parts.report.target.servername ?? parts.report.target.host, port: parts.report.target.port };
}

async function anchorsFor(o: Options, io: CliIo): Promise<{ anchors: Certificate[]; label: string }> {
  const anchors: Certificate[] = [];
  for (const f of o.trusted) anchors.push(...(await readCertificateFile(f, io)));
  const selected = o.store ? await selectStore(o.store) : ({ kind: 'legacy' } as const);
  if (selected.kind === 'error') throw new InputError(selected.text);
  if (selected.kind === 'versioned') return { anchors: [...anchors, ...selected.anchors], label: selected.label };
  if (o.trusted.length && !o.store) return { anchors, label: o.trusted.join(', ') };
  const s = await trustStore(o.store ?? 'system');
  if (!s.ok) throw new InputError(trustStoreErrorText(s.error));
  return { anchors: [...anchors, ...s.store.certificates], label: `${s.store.label}${o.trusted.length ? ` + ${o.trusted.join(', ')}` : ''}` };
}

/** The report: the chain, what was left out, the verification, the configuration. */
export function report(j: ChainToServeJson, o: { server: ServerId; dir: string; host: string; wrote: string | null; probeAgain: string | null }): string {
  const lines = [`chain to serve (leaf first, no root): ${j.chain.length} certificate(s)`];
  j.chain.forEach((c, i) => lines.push(`  ${i} ${c.subject}${c.fetched ? '  (fetched from AIA)' : ''}`));
  if (j.root) lines.push(`ends under the root: ${j.root}`);
  if (j.dropped.length) {
    lines.push('left out:');
    for (const d of j.dropped) lines.push(`  ${d.subject}: ${d.text}`);
  }
  for (const a of j.aia)
    lines.push(
      `AIA ${a.url}: ${a.outcome === 'fetched' ? `fetched ${a.got.join('; ')}` : a.outcome === 'nothing-usable' ? 'gave no usable certificate' : 'not fetched'}`,
    );
  const v = j.verification!;
  lines.push(`verified: ${v.code} ${v.ok ? 'ok' : v.name}, against ${v.against}, as a client that fetches nothing sees it`);
  if (o.wrote) lines.push(`wrote ${o.wrote}`);
  const cfg = serverConfig(o.server, { dir: o.dir, host: o.host });
  lines.push('', `${cfg.label}: ${cfg.note}`, '', cfg.text, '', `other servers: --server ${SERVER_IDS.filter((s) => s !== o.server).join('|')}`);
  if (o.probeAgain) lines.push('', `then probe again: ${o.probeAgain}`);
  return lines.join('\n');
}

function clientLines(client: ClientId | ToolId, host: string, port: number): string {
  const input = { caFile: '/path/to/ca.pem', host, port };
  const cmds = (TOOL_IDS as readonly string[]).includes(client) ? [toolFixCommand(client as ToolId, input)] : clientFixCommands(client as ClientId, input);
  return [
    `${client}: trusting a CA file (/path/to/ca.pem: your CA's root)`,
    ...cmds.flatMap((c) => ['', `  ${c.label}`, ...c.code.split('\n').map((l) => `    ${l}`)]),
  ].join('\n');
}

/** A source is a file when it exists (or is -); otherwise HOST[:PORT]. */
function isFile(source: string): boolean {
  return source === '-' || existsSync(source) || /\.(pem|crt|cer|der|p7b|txt)$/i.test(source);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const o = optionsOrExit(parseArgs(argv), 'fix', USAGE, io);
  if (typeof o === 'number') return o;
  let certs: Certificate[];
  let host = o.host;
  let port = 443;
  let probeAgain: string | null = null;
  let anchors: { anchors: Certificate[]; label: string };
  try {
    if (isFile(o.source!)) certs = await readCertificateFile(o.source!, io);
    else {
      const p = await probeCerts(o.source!);
      certs = p.certs;
      host ??= p.host;
      port = p.port;
      probeAgain = `certlab probe ${o.source!}`;
    }
    anchors = await anchorsFor(o, io);
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`certlab fix: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const fetchIssuer = o.aia
    ? async (url: string) => {
        const r = await fetchAia(url, { policy: null });
        return r.ok ? r.bytes : null;
      }
    : undefined;
  const built = await buildChainToServe({
    certificates: certs,
    ...(host ? { host } : {}),
    anchors: anchors.anchors,
    at: Date.now(),
    subtle,
    ...(fetchIssuer ? { fetchIssuer } : {}),
  });
  const json = chainToServeJson(built, host ?? null, anchors.label);
  if (!json.ok) {
    io.err(`certlab fix: no complete chain can be built. ${json.failure!.message}`);
    for (const d of json.dropped) io.err(`  left out ${d.subject}: ${d.text}`);
    return 1;
  }
  const pem = fullchainPem(json);
  const dir = o.out ? dirname(resolve(o.out)) : '/etc/ssl/certlab';
  const leafName = host ?? json.chain[0]!.subject.replace(/^.*CN=/, '');
  let text = report(json, { server: o.server, dir, host: leafName, wrote: o.out ?? null, probeAgain });
  if (o.client) text += `\n\n${clientLines(o.client, leafName, port)}`;
  if (o.out) {
    try {
      await writeFile(o.out, pem);
    } catch (e) {
      io.err(`certlab fix: cannot write ${o.out}: ${(e as Error).message}`);
      return 2;
    }
    io.out(text);
  } else {
    io.out(pem);
    io.err(text);
  }
  return 0;
}
