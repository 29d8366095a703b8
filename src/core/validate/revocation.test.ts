/**
 * Revocation from given CRLs (issue #16: `certlab verify --crl`), each verdict checked against
 * the real `openssl verify -crl_check`:
 *
 *   root ─ ica ─┬─ ee-revoked (on ica's CRL)
 *               └─ ee-good
 *   ica.crl: thisUpdate 2024-01-01, nextUpdate 2030-01-01, CRL number; ica-stale.crl: nextUpdate 2024-06-01
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import type { ValidationPolicy } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { parseCrl, type Crl } from '../x509/crl.ts';
import { pemToDer, ChainFactory, CA_EXT, leafExt } from '../../../test/pki/factory.ts';
import { opensslVerify } from '../../../test/openssl-verify/openssl-verify.ts';
import { validate } from './validate.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const OPENSSL: ValidationPolicy = {
  aiaFetch: false,
  cnFallback: true,
  minRsaBits: 2048,
  rejectSha1: true,
  strict: false,
  partialChain: false,
  maxDepth: 100,
  opensslChain: true,
};
const AT = Date.UTC(2025, 0, 1);

let f: ChainFactory;
function gencrl(name: string, nextUpdate: string) {
  const cnf = join(f.dir, 'crl.cnf');
  writeFileSync(cnf, `${readFileSync(join(f.dir, 'ca.cnf'), 'utf8').replace('[d]\n', '[d]\ncrlnumber = crlnumber\n')}`);
  writeFileSync(join(f.dir, 'crlnumber'), '01\n');
  const args = ['ca', '-config', cnf, '-gencrl', '-cert', f.path('ica'), '-keyfile', f.path('ica', 'key'), '-md', 'sha256'];
  execFileSync('openssl', [...args, '-crl_lastupdate', '20240101000000Z', '-crl_nextupdate', nextUpdate, '-out', f.path(name, 'crl')], {
    cwd: f.dir,
    stdio: 'ignore',
  });
}
beforeAll(() => {
  f = ChainFactory.create();
  f.issue({ name: 'root', subject: '/CN=Root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/CN=ICA', issuer: 'root', ext: CA_EXT });
  f.issue({ name: 'ee-revoked', subject: '/CN=ee-revoked', issuer: 'ica', ext: leafExt('example.com') });
  f.issue({ name: 'ee-good', subject: '/CN=ee-good', issuer: 'ica', ext: leafExt('example.com') });
  execFileSync(
    'openssl',
    ['ca', '-config', 'ca.cnf', '-revoke', f.path('ee-revoked'), '-cert', f.path('ica'), '-keyfile', f.path('ica', 'key'), '-crl_reason', 'keyCompromise'],
    {
      cwd: f.dir,
      stdio: 'ignore',
    },
  );
  gencrl('ica', '20300101000000Z');
  gencrl('ica-stale', '20240601000000Z');
});
afterAll(() => f?.dispose());

async function both(peer: string, crl: string) {
  const crls: Crl[] = [await parseCrl(pemToDer(readFileSync(f.path(crl, 'crl'), 'utf8')), subtle)];
  const parse = (n: string) => parseCertificate(f.der(n), subtle);
  const r = await validate({ peer: await parse(peer), untrusted: [await parse('ica')], anchors: [await parse('root')], at: AT, policy: OPENSSL, crls, subtle });
  // -crl_check: the peer's revocation (certlab checks every certificate it has a CRL for: here only the peer).
  const o = opensslVerify(f.path(peer), {
    cafile: f.path('root'),
    untrusted: f.path('ica'),
    attime: AT / 1000,
    purpose: 'sslserver',
    crls: [f.path(crl, 'crl')],
  });
  return { certlab: r.ok ? 'ok' : `${r.code}@${r.depth} ${r.error?.kind}`, openssl: o.ok ? 'ok' : `${o.first?.code}@${o.first?.depth}` };
}

describe('revocation from given CRLs', () => {
  it('a serial on the issuer CRL is revoked (23); another is not', async () => {
    expect(await both('ee-revoked', 'ica')).toEqual({ certlab: '23@0 CertRevoked', openssl: '23@0' });
    expect(await both('ee-good', 'ica')).toEqual({ certlab: 'ok', openssl: 'ok' });
  });
  it('a CRL past its nextUpdate is refused (12)', async () => {
    expect(await both('ee-good', 'ica-stale')).toEqual({ certlab: '12@0 CrlExpired', openssl: '12@0' });
  });
  it('names the revocation with its date and reason', async () => {
    const crls = [await parseCrl(pemToDer(readFileSync(f.path('ica', 'crl'), 'utf8')), subtle)];
    const peer = await parseCertificate(f.der('ee-revoked'), subtle);
    const r = await validate({
      peer,
      untrusted: [await parseCertificate(f.der('ica'), subtle)],
      anchors: [await parseCertificate(f.der('root'), subtle)],
      at: AT,
      policy: OPENSSL,
      crls,
      subtle,
    });
    expect(r.error).toEqual({
      kind: 'CertRevoked',
      depth: 0,
      subject: peer.subject.oneline,
      sha256: peer.sha256,
      revokedAt: crls[0].revoked[0].revokedAt,
      reason: 'keyCompromise',
    });
  });
});
