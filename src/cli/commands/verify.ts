/**
 * `certlab verify <peer.pem> [--untrusted FILE]... [--trusted FILE]... [--store mozilla|system]
 *  [--host NAME_OR_IP] [--at ISO-8601] [--aia] [--profile openssl|webpki|rfc5280] [--purpose serverAuth|clientAuth]
 *  [--max-depth N] [--crl FILE]... [--json]`: build and validate a path as the named profile does (default: OpenSSL 3,
 * as s_client applies it), and say what each client would print. A chain file given as the peer means: first
 * certificate is the peer, the rest untrusted. Exit 0 valid, 1 not valid, 2 bad input.
 */
import { readFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import type { CliIo } from '../io.ts';
import { InputError, readCertificateFile } from '../read-certs.ts';
import type { Certificate } from '../../core/model.ts';
import { scanPem } from '../../core/formats/pem.ts';
import { parseCrl, type Crl } from '../../core/x509/crl.ts';
import { isValidationProfileName, validationProfile, VALIDATION_PROFILE_NAMES, type ValidationProfileName } from '../../core/clients/validation-profiles.ts';
import type { Purpose } from '../../core/validate/failures.ts';
import { validate, type AiaFetcher, type ValidationResult } from '../../core/validate/validate.ts';
import { clientVerdicts, type ClientVerdict } from '../../core/clients/verdicts.ts';
import { CLIENT_IDS } from '../../core/clients/registry.ts';
import { explainFailure } from '../../core/validate/explain.ts';
import { CAUSES } from '../../core/causes/causes.ts';
import { trustStore, trustStoreErrorText } from '../../server/trust-stores.ts';
import { fetchAia } from '../../server/probe/aia-fetch.ts';
import { optionsOrExit, type ParsedArgs } from '../args.ts';
import { selectStore, storesMatrix, storesMatrixLines, type StoreSelection } from './verify-stores.ts';

export const summary = 'build and validate a path, with what each client would say';

const USAGE = [
  'usage: certlab verify <peer.pem|-> [--untrusted FILE]... [--trusted FILE]... [--store PLATFORM[@VERSION]|system]',
  '                      [--host NAME_OR_IP] [--at ISO-8601] [--aia] [--profile NAME] [--purpose PURPOSE]',
  '                      [--max-depth N] [--crl FILE]... [--json]',
  '',
  'Validates the peer certificate as the profile says (default: OpenSSL 3 as s_client applies it;',
  'failures carry OpenSSL verify codes), and what each client',
  `(${CLIENT_IDS.join(', ')}) would say.`,
  'A chain file as the peer: the first certificate is the peer, the rest are untrusted.',
  '',
  '  --untrusted FILE  intermediates (PEM or DER), any order; repeatable',
  '  --trusted FILE    trust anchors (PEM or DER); repeatable; replaces the store',
  "  --store NAME      mozilla (Node's Mozilla / certifi roots) or system (OS bundle); default system",
  '  --store PLATFORM[@VERSION]  a store version (mozilla, microsoft, apple@ios17, android@14,',
  '                    java@17.0.2, certifi@2021.10.8, debian@12; `certlab stores` lists them); newest without',
  '                    @VERSION. Adds the per-platform matrix (JSON: stores)',
  '  --host NAME       expected DNS name or IP address of the peer',
  '  --at TIME         validation time, ISO-8601 (default: now)',
  '  --aia             fetch missing intermediates from AIA caIssuers URLs (as Chrome does);',
  '                    without it nothing is fetched, also not for the clients that would',
  '  --profile NAME    openssl (OpenSSL 3.x as s_client applies it, CN fallback; the default),',
  "                    webpki (CA/B Baseline Requirements as Chrome's verifier and rustls-webpki: no CN",
  '                    fallback) or rfc5280 (RFC 5280 path validation and certificate profile)',
  '  --purpose P       serverAuth (default) or clientAuth: the extended key usage the peer must allow',
  '  --max-depth N     the most intermediates allowed (OpenSSL -verify_depth; default 100)',
  '  --crl FILE        a CRL (PEM or DER); repeatable. Each certificate with a CRL from its issuer',
  '                    is checked against it (as openssl verify -crl_check_all; nothing is fetched)',
  '  --json            print { ok, code, name, text, depth, cause, path, profile, clients }',
  '',
  'Exit status: 0 valid, 1 not valid, 2 bad input.',
].join('\n');

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

interface Options {
  peer?: string;
  untrusted: string[];
  trusted: string[];
  store?: string;
  host?: string;
  at?: string;
  aia: boolean;
  json: boolean;
  profile: ValidationProfileName;
  purpose: Purpose;
  maxDepth?: number;
  crls: string[];
}

type Parsed = ParsedArgs<Options>;

export function parseArgs(argv: string[]): Parsed {
  const o: Options = { untrusted: [], trusted: [], aia: false, json: false, profile: 'openssl', purpose: 'serverAuth', crls: [] };
  const withValue = ['--untrusted', '--trusted', '--store', '--host', '--at', '--profile', '--purpose', '--max-depth', '--crl'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { ok: 'help' };
    if (a === '--json') o.json = true;
    else if (a === '--aia') o.aia = true;
    else if (withValue.includes(a)) {
      const v = argv[++i];
      if (v === undefined) return { ok: false, error: `${a} needs a value.` };
      if (a === '--untrusted') o.untrusted.push(v);
      else if (a === '--trusted') o.trusted.push(v);
      else if (a === '--store') o.store = v;
      else if (a === '--host') o.host = v;
      else if (a === '--crl') o.crls.push(v);
      else if (a === '--profile') {
        if (!isValidationProfileName(v))
          return { ok: false, error: `--profile "${v}" is not a profile. Expected one of: ${VALIDATION_PROFILE_NAMES.join(', ')}.` };
        o.profile = v;
      } else if (a === '--purpose') {
        if (v !== 'serverAuth' && v !== 'clientAuth')
          return { ok: false, error: `--purpose "${v}" is not a purpose. Expected one of: serverAuth, clientAuth.` };
        o.purpose = v;
      } else if (a === '--max-depth') {
        if (!/^\d{1,3}$/.test(v)) return { ok: false, error: `--max-depth "${v}" is not a number of intermediates. Expected a whole number from 0 to 999.` };
        o.maxDepth = Number(v);
      } else o.at = v;
    } else if (a.startsWith('-') && a !== '-') {
      return { ok: false, error: `unknown option "${a}". Expected one of: ${[...withValue, '--aia', '--json', '--help'].join(', ')}.` };
    } else if (o.peer === undefined) o.peer = a;
    else return { ok: false, error: `unexpected argument "${a}": give one peer file; intermediates go in --untrusted.` };
  }
  if (o.peer === undefined) return { ok: false, error: 'missing the peer certificate file (use - for standard input).' };
  return { ok: true, options: o };
}

async function readCrls(file: string): Promise<Crl[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const ders =
    bytes[0] === 0x30
      ? [bytes]
      : scanPem(new TextDecoder().decode(bytes))
          .blocks.filter((b) => b.label === 'X509 CRL')
          .map((b) => b.bytes);
  if (ders.length === 0) throw new InputError(`${file} holds no CRL. Expected PEM (-----BEGIN X509 CRL-----) or DER.`);
  const out: Crl[] = [];
  for (const [i, der] of ders.entries()) {
    try {
      out.push(await parseCrl(der, subtle));
    } catch (e) {
      throw new InputError(`CRL ${i + 1} in ${file} does not parse: ${(e as Error).message}`);
    }
  }
  return out;
}

/** AIA caIssuers the way Chrome fetches them (http only, 10 s, 64 KiB), no address limits on a local CLI. */
export const aiaFetcher: AiaFetcher = async (url) => {
  const r = await fetchAia(url, { policy: null });
  return r.ok ? r.bytes : null;
};

export function toJson(r: ValidationResult, clients: Partial<Record<string, ClientVerdict>>, profile: ValidationProfileName = 'openssl') {
  return {
    ok: r.ok,
    code: r.code,
    name: r.name,
    text: r.text,
    depth: r.depth,
    cause: r.cause,
    path: r.path,
    profile,
    clients: Object.fromEntries(Object.entries(clients).map(([k, v]) => [k, { fails: v!.fails, message: v!.fails ? v!.message : null }])),
  };
}

function toHuman(r: ValidationResult, clients: Partial<Record<string, ClientVerdict>>, anchorsLabel: string, profileLine: string): string {
  const lines: string[] = [];
  lines.push(r.ok ? 'valid: a path reaches a trusted root (OpenSSL: 0 ok)' : `NOT valid: ${r.code} ${r.name} (${r.text}) at depth ${r.depth}`);
  lines.push(`judged by profile ${profileLine}`);
  if (!r.ok && r.error) lines.push(`cause: ${CAUSES[r.cause ?? 'unknown'].title}`, '', explainFailure(r.error), '');
  lines.push(`trust anchors: ${anchorsLabel}`, '', r.ok ? 'path:' : 'path examined:');
  r.path.forEach((p, i) => lines.push(`  ${i} ${p.subject}`, `      issuer ${p.issuer}`, `      sha256 ${p.sha256}`));
  if (r.aiaFetched.length) lines.push('', `fetched from AIA: ${r.aiaFetched.map((p) => p.subject).join('; ')}`);
  lines.push('', 'what each client says:');
  for (const [id, v] of Object.entries(clients)) {
    const [first, ...rest] = (v!.fails ? v!.message : '').split('\n');
    lines.push(`  ${id.padEnd(8)} ${v!.fails ? 'fails' : 'ok   '} ${first}`.trimEnd(), ...rest.map((l) => `${' '.repeat(17)}${l}`.trimEnd()));
  }
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const o = optionsOrExit(parseArgs(argv), 'verify', USAGE, io);
  if (typeof o === 'number') return o;
  let at = Date.now();
  if (o.at !== undefined) {
    at = Date.parse(o.at);
    if (Number.isNaN(at)) {
      io.err(`certlab verify: --at "${o.at}" is not a time. Expected ISO-8601, e.g. 2025-01-31T12:00:00Z.`);
      return 2;
    }
  }
  let peer: Certificate;
  let untrusted: Certificate[] = [];
  let anchors: Certificate[] = [];
  let anchorsLabel: string;
  const crls: Crl[] = [];
  try {
    for (const f of o.crls) crls.push(...(await readCrls(f)));
    const chain = await readCertificateFile(o.peer!, io);
    peer = chain[0];
    untrusted = chain.slice(1);
    for (const f of o.untrusted) untrusted.push(...(await readCertificateFile(f, io)));
    for (const f of o.trusted) anchors.push(...(await readCertificateFile(f, io)));
  } catch (e) {
    if (e instanceof InputError) {
      io.err(`certlab verify: ${e.message}`);
      return 2;
    }
    throw e;
  }
  // Versioned trust stores (#12): verify-stores.ts; 'legacy' falls through to trustStore().
  const selected: StoreSelection = o.store ? await selectStore(o.store) : { kind: 'legacy' };
  if (selected.kind === 'error') {
    io.err(`certlab verify: ${selected.text}`);
    return 2;
  }
  if (selected.kind === 'versioned') {
    anchors = [...anchors, ...selected.anchors];
    anchorsLabel = `${selected.label}${o.trusted.length ? ` + ${o.trusted.join(', ')}` : ''}`;
  } else if (o.trusted.length && !o.store) {
    anchorsLabel = `${anchors.length} certificate(s) from ${o.trusted.join(', ')}`;
  } else {
    const s = await trustStore(o.store ?? 'system');
    if (!s.ok) {
      io.err(`certlab verify: ${trustStoreErrorText(s.error)}`);
      return 2;
    }
    anchors = [...anchors, ...s.store.certificates];
    anchorsLabel = `${s.store.label} (${s.store.certificates.length} roots from ${s.store.source})${o.trusted.length ? ` + ${o.trusted.join(', ')}` : ''}`;
  }
  const base = { peer, untrusted, anchors, peerName: o.host, at, subtle, purpose: o.purpose, aiaFetcher: o.aia ? aiaFetcher : undefined };
  const profile = validationProfile(o.profile, o.maxDepth === undefined ? { aiaFetch: o.aia } : { aiaFetch: o.aia, maxDepth: o.maxDepth });
  const policy = profile.policy;
  const result = await validate({ ...base, policy, profile: profile.checks, crls });
  // Without --aia nothing is fetched: clients that would fetch (chrome, dotnet) are judged on what was given.
  const clients = await clientVerdicts(base);
  const matrix = selected.kind === 'versioned' ? await storesMatrix({ pool: selected.pool, peer, untrusted, peerName: o.host, at, policy }) : undefined;
  const json = toJson(result, clients, profile.name);
  if (o.json) io.out(JSON.stringify(matrix ? { ...json, stores: matrix } : json, null, 2));
  else io.out(toHuman(result, clients, anchorsLabel, `${profile.name} (${profile.label})`) + (matrix ? `\n\n${storesMatrixLines(matrix).join('\n')}` : ''));
  return result.ok ? 0 : 1;
}
