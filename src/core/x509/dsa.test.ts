/**
 * DSA verification (issue #16: OpenSSL verifies DSA-signed certificates, WebCrypto cannot):
 * a self-signed DSA-2048 certificate made by the real openssl, checked as it is and with one
 * bit of its tbsCertificate flipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { webcrypto } from 'node:crypto';
import type { Certificate } from '../model.ts';
import { pemCertificates } from '../formats/pem.ts';
import { parseCertificate } from './certificate.ts';
import { verifySignature } from './signature.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
let dir: string;
const certs: Record<string, Certificate> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certlab-dsa-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run('genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:2048', '-pkeyopt', 'dsa_paramgen_q_bits:256', '-out', 'params.pem');
  run('genpkey', '-paramfile', 'params.pem', '-out', 'key.pem');
  for (const md of ['sha256', 'sha1']) {
    run('req', '-new', '-x509', '-key', 'key.pem', `-${md}`, '-subj', `/CN=DSA ${md}`, '-days', '30', '-out', `${md}.pem`);
    certs[md] = await parseCertificate(pemCertificates(readFileSync(join(dir, `${md}.pem`), 'utf8'))[0], subtle);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DSA signatures', () => {
  it('verify with SHA-256 and SHA-1 (the DSA key signed itself)', async () => {
    expect(await verifySignature(certs.sha256, certs.sha256, subtle)).toEqual({ ok: true });
    expect(await verifySignature(certs.sha1, certs.sha1, subtle)).toEqual({ ok: true });
  });
  it('fail when the signed bytes change', async () => {
    const tbs = certs.sha256.tbs.slice();
    tbs[tbs.length - 1] ^= 1;
    expect(await verifySignature({ ...certs.sha256, tbs }, certs.sha256, subtle)).toEqual({ ok: false, reason: 'bad-signature', algorithm: 'dsa_with_SHA256' });
  });
});
