/**
 * The `openssl` profile against the real `openssl verify`, case by case (node-only): each
 * x509-limbo / BetterTLS case is verified as `openssl s_client` would (security level 2 =
 * `-auth_level 2`, purpose sslserver or sslclient, `-verify_hostname` / `-verify_ip`, no
 * -x509_strict, OpenSSL's default trusted-first chain building) and through validate() with
 * validationProfile('openssl'). Two `openssl` processes at a time (the machine has 2 cores).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../../src/core/model.ts';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import { pemCertificates } from '../../src/core/formats/pem.ts';
import { validate } from '../../src/core/validate/validate.ts';
import { validationProfile } from '../../src/core/clients/validation-profiles.ts';
import type { LimboCase } from '../conformance/limbo-runner.ts';
import { parseOpensslVerify } from './openssl-verify.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export interface Comparison {
  id: string;
  /** 'ok' or `code@depth` (the first error openssl verify prints). */
  openssl: string;
  certlab: string;
  /** certlab's failure kind, for reading the differences. */
  kind: string;
}

async function parseAll(pems: string[]): Promise<Certificate[]> {
  const out: Certificate[] = [];
  for (const pem of pems) for (const der of pemCertificates(pem)) out.push(await parseCertificate(der, subtle));
  return out;
}

function purposeOf(c: LimboCase): 'serverAuth' | 'clientAuth' {
  const p = c.extended_key_usage ?? ['serverAuth'];
  return p.includes('clientAuth') && !p.includes('serverAuth') ? 'clientAuth' : 'serverAuth';
}

function runOpenssl(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('openssl', args);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) => {
      const r = parseOpensslVerify(out, status === 0);
      resolve(r.ok ? 'ok' : r.first ? `${r.first.code}@${r.first.depth}` : `unparsed: ${out.trim().split('\n')[0]}`);
    });
  });
}

async function compareOne(c: LimboCase, dir: string, now: number): Promise<Comparison | undefined> {
  if (c.validation_kind !== 'SERVER' || c.expected_peer_name?.kind === 'RFC822') return undefined;
  let peer: Certificate;
  let untrusted: Certificate[];
  let anchors: Certificate[];
  try {
    [peer] = await parseAll([c.peer_certificate]);
    untrusted = await parseAll(c.untrusted_intermediates);
    anchors = await parseAll(c.trusted_certs);
  } catch {
    return undefined; // certlab refuses to parse it; limbo.test.ts counts those.
  }
  const at = c.validation_time ? Date.parse(c.validation_time) : now;
  const purpose = purposeOf(c);
  const profile = validationProfile('openssl', c.max_chain_depth === null ? {} : { maxDepth: c.max_chain_depth });
  const r = await validate({ peer, untrusted, anchors, peerName: c.expected_peer_name?.value, at, purpose, policy: profile.policy, subtle });
  const stem = join(dir, c.id.replace(/[^A-Za-z0-9_-]/g, '_'));
  writeFileSync(`${stem}-peer.pem`, c.peer_certificate);
  writeFileSync(`${stem}-trusted.pem`, c.trusted_certs.join('\n'));
  const args = ['verify', '-no-CApath', '-no-CAstore', '-auth_level', '2', '-purpose', purpose === 'clientAuth' ? 'sslclient' : 'sslserver'];
  args.push('-attime', String(Math.floor(at / 1000)));
  if (c.trusted_certs.length) args.push('-CAfile', `${stem}-trusted.pem`);
  else args.push('-no-CAfile');
  if (c.untrusted_intermediates.length) {
    writeFileSync(`${stem}-untrusted.pem`, c.untrusted_intermediates.join('\n'));
    args.push('-untrusted', `${stem}-untrusted.pem`);
  }
  const name = c.expected_peer_name;
  if (name?.kind === 'DNS') args.push('-verify_hostname', name.value);
  if (name?.kind === 'IP') args.push('-verify_ip', name.value);
  if (c.max_chain_depth !== null) args.push('-verify_depth', String(c.max_chain_depth));
  args.push(`${stem}-peer.pem`);
  const openssl = await runOpenssl(args);
  return { id: c.id, openssl, certlab: r.ok ? 'ok' : `${r.code}@${r.depth}`, kind: r.error?.kind ?? 'ok' };
}

/** Every case through both, `parallel` openssl processes at a time. */
export async function compareWithOpenssl(cases: LimboCase[], now: number, parallel = 2): Promise<Comparison[]> {
  const dir = mkdtempSync(join(tmpdir(), 'certlab-openssl-profile-'));
  const out: (Comparison | undefined)[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await compareOne(cases[i], dir, now);
    }
  };
  try {
    await Promise.all(Array.from({ length: parallel }, worker));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out.filter((c): c is Comparison => c !== undefined);
}
