/**
 * certlab verify --profile / --purpose / --max-depth (issue #16), on the generated PKI of
 * test/openssl-verify/pki.ts: root -> ica -> ee (SAN example.com), ee-cn (CN=example.com, no
 * SAN), ee-client (EKU clientAuth only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainFactory } from '../../../test/pki/factory.ts';
import { buildPki } from '../../../test/openssl-verify/pki.ts';
import { run } from './verify.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => new Uint8Array() } };
}

let f: ChainFactory;
let crl: string;
beforeAll(() => {
  f = buildPki();
  // ica revokes ee-client; its CRL (with a CRL number) runs 2024-01-01 .. 2030-01-01.
  const ca = (args: string[], cnf = 'ca.cnf') =>
    execFileSync('openssl', ['ca', '-config', cnf, '-cert', f.path('ica'), '-keyfile', f.path('ica', 'key'), ...args], { cwd: f.dir, stdio: 'ignore' });
  ca(['-revoke', f.path('ee-client')]);
  writeFileSync(join(f.dir, 'crl.cnf'), readFileSync(join(f.dir, 'ca.cnf'), 'utf8').replace('[d]\n', '[d]\ncrlnumber = crlnumber\n'));
  writeFileSync(join(f.dir, 'crlnumber'), '01\n');
  crl = f.path('ica', 'crl');
  ca(['-gencrl', '-md', 'sha256', '-crl_lastupdate', '20240101000000Z', '-crl_nextupdate', '20300101000000Z', '-out', crl], 'crl.cnf');
});
afterAll(() => f?.dispose());

const AT = ['--at', '2025-01-01T00:00:00Z'];

async function verdict(leaf: string, ...extra: string[]) {
  const t = io();
  const exit = await run(['--json', f.path(leaf), '--untrusted', f.path('ica'), '--trusted', f.path('root'), ...AT, ...extra], t.io);
  const j = JSON.parse(t.out.join(''));
  return { exit, profile: j.profile, code: j.code, depth: j.depth, kind: j.ok ? null : j.cause };
}

describe('certlab verify --profile', () => {
  it("a CN-only leaf: openssl keeps OpenSSL's CN fallback, webpki and rfc5280 do not (RFC 9525)", async () => {
    expect(await verdict('ee-cn', '--host', 'example.com')).toEqual({ exit: 0, profile: 'openssl', code: 0, depth: null, kind: null });
    expect(await verdict('ee-cn', '--host', 'example.com', '--profile', 'openssl')).toEqual({ exit: 0, profile: 'openssl', code: 0, depth: null, kind: null });
    expect(await verdict('ee-cn', '--host', 'example.com', '--profile', 'rfc5280')).toEqual({
      exit: 1,
      profile: 'rfc5280',
      code: 62,
      depth: 0,
      kind: 'hostname-mismatch',
    });
    // webpki refuses it earlier: a leaf without extKeyUsage (BR 7.1.2.7.10), nearest OpenSSL code 26.
    expect(await verdict('ee-cn', '--host', 'example.com', '--profile', 'webpki')).toEqual({
      exit: 1,
      profile: 'webpki',
      code: 26,
      depth: 0,
      kind: 'wrong-purpose',
    });
  });
  it('a well-formed chain passes every profile', async () => {
    for (const p of ['openssl', 'webpki', 'rfc5280']) {
      expect(await verdict('ee', '--host', 'example.com', '--profile', p)).toEqual({ exit: 0, profile: p, code: 0, depth: null, kind: null });
    }
  });
  it('the human output names the profile', async () => {
    const t = io();
    await run([f.path('ee'), '--untrusted', f.path('ica'), '--trusted', f.path('root'), ...AT, '--profile', 'webpki'], t.io);
    expect(t.out.join('').split('\n').slice(0, 2)).toEqual([
      'valid: a path reaches a trusted root (OpenSSL: 0 ok)',
      "judged by profile webpki (CA/B Forum Baseline Requirements, as Chrome's verifier and rustls-webpki enforce them)",
    ]);
  });
});

describe('certlab verify --purpose and --max-depth', () => {
  it('a clientAuth-only leaf fails as a server (26) and passes with --purpose clientAuth', async () => {
    expect(await verdict('ee-client')).toEqual({ exit: 1, profile: 'openssl', code: 26, depth: 0, kind: 'wrong-purpose' });
    expect(await verdict('ee-client', '--purpose', 'clientAuth')).toEqual({ exit: 0, profile: 'openssl', code: 0, depth: null, kind: null });
  });
  it('--max-depth 0 refuses the one intermediate (openssl verify -verify_depth 0: error 22 at 1); 1 allows it', async () => {
    expect(await verdict('ee', '--max-depth', '0')).toEqual({ exit: 1, profile: 'openssl', code: 22, depth: 1, kind: 'path-length-exceeded' });
    expect(await verdict('ee', '--max-depth', '1')).toEqual({ exit: 0, profile: 'openssl', code: 0, depth: null, kind: null });
  });
  it('--crl: a revoked leaf exits 1 with 23 in every profile; a leaf not on the CRL passes', async () => {
    for (const p of ['openssl', 'webpki', 'rfc5280']) {
      expect(await verdict('ee-client', '--purpose', 'clientAuth', '--crl', crl, '--profile', p)).toEqual({
        exit: 1,
        profile: p,
        code: 23,
        depth: 0,
        kind: 'revoked',
      });
    }
    expect(await verdict('ee', '--crl', crl)).toEqual({ exit: 0, profile: 'openssl', code: 0, depth: null, kind: null });
  });
  it('bad values exit 2 with what was expected', async () => {
    const cases: [string[], string][] = [
      [['--profile', 'chrome'], '--profile "chrome" is not a profile. Expected one of: openssl, webpki, rfc5280.'],
      [['--purpose', 'codeSigning'], '--purpose "codeSigning" is not a purpose. Expected one of: serverAuth, clientAuth.'],
      [['--max-depth', '-1'], '--max-depth "-1" is not a number of intermediates. Expected a whole number from 0 to 999.'],
      [['--crl', f.path('ee')], 'holds no CRL. Expected PEM (-----BEGIN X509 CRL-----) or DER.'],
    ];
    for (const [args, msg] of cases) {
      const t = io();
      expect(await run([f.path('ee'), ...args], t.io)).toBe(2);
      expect(t.err.join('')).toContain(msg);
    }
  });
});
