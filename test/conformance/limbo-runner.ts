/**
 * Runs x509-limbo test cases through the validator (node-only), in the shape of the limbo
 * harnesses: one `{ id, actual, context }` per case. The vectors are a pinned copy in the
 * repository, test/conformance/x509-limbo (limbo.json and online/*.limbo.json; origin and
 * license in its README).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../../src/core/model.ts';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import { pemCertificates, scanPem } from '../../src/core/formats/pem.ts';
import { parseCrl, type Crl } from '../../src/core/x509/crl.ts';
import { validate } from '../../src/core/validate/validate.ts';
import { validationProfile, type ValidationProfileName } from '../../src/core/clients/validation-profiles.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LIMBO_DIR = resolve(REPO_ROOT, 'test/conformance/x509-limbo');
/** BetterTLS's suites in limbo's shape (README there: module version, command, SHA256). */
export const BETTERTLS_FILE = resolve(REPO_ROOT, 'test/conformance/bettertls/bettertls.limbo.json.gz');

export interface LimboCase {
  id: string;
  description: string;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  extended_key_usage: string[] | null;
  expected_result: 'SUCCESS' | 'FAILURE';
  expected_peer_name: { kind: 'DNS' | 'IP' | 'RFC822'; value: string } | null;
  max_chain_depth: number | null;
  features: string[] | null;
  /** PEM CRLs (newer x509-limbo; none in the pinned copy). */
  crls?: string[];
}

export interface LimboResult {
  id: string;
  expected: 'SUCCESS' | 'FAILURE';
  actual: 'SUCCESS' | 'FAILURE' | 'SKIPPED';
  context: string;
  ms: number;
}

/** Every case: limbo.json, then each online/*.limbo.json (149 in the copy we ship with). */
export function loadLimboCases(dir = LIMBO_DIR): { source: string; case: LimboCase }[] {
  const out: { source: string; case: LimboCase }[] = [];
  const main = JSON.parse(readFileSync(join(dir, 'limbo.json'), 'utf8')) as { testcases: LimboCase[] };
  for (const c of main.testcases) out.push({ source: 'limbo.json', case: c });
  const online = join(dir, 'online');
  if (existsSync(online)) {
    for (const file of readdirSync(online)
      .filter((n) => n.endsWith('.limbo.json'))
      .sort()) {
      out.push({ source: `online/${file}`, case: JSON.parse(readFileSync(join(online, file), 'utf8')) as LimboCase });
    }
  }
  return out;
}

/** BetterTLS's pathbuilding and nameconstraints cases (9,572 in the committed export). */
export function loadBetterTlsCases(file = BETTERTLS_FILE): { source: string; case: LimboCase }[] {
  const all = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { testcases: LimboCase[] };
  return all.testcases.map((c) => ({ source: 'bettertls', case: c }));
}

/**
 * Each namespace is judged with the profile its expectations assume: `rfc5280::` and
 * `pathlen::` cases RFC 5280; `webpki::`, real-world `online::` chains and BetterTLS (which
 * limbo runs as Web PKI cases: no CN fallback, constraints on SANs) the CA/B Forum profile.
 * Cases marked rfc5280-incompatible-with-webpki exist in both forms with opposite results.
 */
export function limboProfileName(c: LimboCase): ValidationProfileName {
  return c.id.startsWith('webpki::') || c.id.startsWith('online::') || c.id.startsWith('bettertls::') ? 'webpki' : 'rfc5280';
}

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

async function parseAll(pems: string[]): Promise<Certificate[]> {
  const out: Certificate[] = [];
  for (const pem of pems) for (const der of pemCertificates(pem)) out.push(await parseCertificate(der, subtle));
  return out;
}

export async function runLimboCase(c: LimboCase, now: number): Promise<LimboResult> {
  const started = performance.now();
  const done = (actual: LimboResult['actual'], context: string): LimboResult => ({
    id: c.id,
    expected: c.expected_result,
    actual,
    context,
    ms: performance.now() - started,
  });
  if (c.validation_kind !== 'SERVER') return done('SKIPPED', `validation kind ${c.validation_kind} is not modelled`);
  if (c.expected_peer_name?.kind === 'RFC822') return done('SKIPPED', 'RFC822 peer names are not modelled');
  let peer: Certificate;
  let untrusted: Certificate[];
  let anchors: Certificate[];
  const crls: Crl[] = [];
  try {
    [peer] = await parseAll([c.peer_certificate]);
    untrusted = await parseAll(c.untrusted_intermediates);
    anchors = await parseAll(c.trusted_certs);
    for (const pem of c.crls ?? []) for (const b of scanPem(pem).blocks.filter((x) => x.label === 'X509 CRL')) crls.push(await parseCrl(b.bytes, subtle));
  } catch (e) {
    // A certificate we refuse to parse is a certificate we refuse to accept.
    return done('FAILURE', `parse: ${(e as Error).message}`);
  }
  if (!peer) return done('FAILURE', 'parse: no peer certificate');
  const purposes = c.extended_key_usage ?? ['serverAuth'];
  const profile = validationProfile(limboProfileName(c), { maxDepth: c.max_chain_depth ?? 100 });
  const r = await validate({
    peer,
    untrusted,
    anchors,
    peerName: c.expected_peer_name?.value,
    at: c.validation_time ? Date.parse(c.validation_time) : now,
    purpose: purposes.includes('clientAuth') && !purposes.includes('serverAuth') ? 'clientAuth' : 'serverAuth',
    policy: profile.policy,
    profile: profile.checks,
    crls,
    subtle,
  });
  return r.ok
    ? done('SUCCESS', `${profile.name}: path of ${r.path.length}`)
    : done('FAILURE', `${profile.name}: ${r.code} ${r.name} at depth ${r.depth}: ${r.error?.kind}`);
}

export async function runLimbo(now: number): Promise<LimboResult[]> {
  const out: LimboResult[] = [];
  for (const { case: c } of [...loadLimboCases(), ...loadBetterTlsCases()]) out.push(await runLimboCase(c, now));
  return out;
}
