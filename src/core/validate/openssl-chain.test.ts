/**
 * buildOpensslChain (issue #16: clients.openssl must be what real OpenSSL says) on the
 * generated PKI of test/openssl-verify/pki.ts, each verdict checked against the real
 * `openssl verify`:
 *
 *   root ─┬─ ica   ("CN=ICA", key A) ─ ee
 *         ├─ ica-b ("CN=ICA", key B) ─ ee-forged (no AKI: only the signature tells them apart)
 *         └─ ica-b-old (ica-b's name and key, expired 2024-06-01)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import type { Certificate, ValidationPolicy } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import type { ChainFactory } from '../../../test/pki/factory.ts';
import { AT, buildPki } from '../../../test/openssl-verify/pki.ts';
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

let f: ChainFactory;
beforeAll(() => {
  f = buildPki();
});
afterAll(() => f?.dispose());

const parse = (name: string): Promise<Certificate> => parseCertificate(f.der(name), subtle);

async function both(peer: string, untrusted: string[], trusted: string[]) {
  const r = await validate({
    peer: await parse(peer),
    untrusted: await Promise.all(untrusted.map(parse)),
    anchors: await Promise.all(trusted.map(parse)),
    at: AT,
    policy: OPENSSL,
    subtle,
  });
  const o = opensslVerify(f.path(peer), {
    cafile: f.bundle(`ca-${trusted.join('-')}`, trusted),
    untrusted: untrusted.length ? f.bundle(`u-${untrusted.join('-')}`, untrusted) : undefined,
    attime: Math.floor(AT / 1000),
    purpose: 'sslserver',
    authLevel: 2,
  });
  return {
    certlab: r.ok ? 'ok' : `${r.code}@${r.depth} ${r.error?.kind}`,
    openssl: o.ok ? 'ok' : `${o.first?.code}@${o.first?.depth}`,
    via: r.path[1]?.subject,
  };
}

describe('the chain OpenSSL builds', () => {
  it('takes the first matching untrusted issuer and does not try the next (all-paths would find ica-b)', async () => {
    expect(await both('ee-forged', ['ica', 'ica-b'], ['root'])).toEqual({ certlab: '7@0 BadSignature', openssl: '7@0', via: 'CN=ICA' });
    expect(await both('ee-forged', ['ica-b', 'ica'], ['root'])).toEqual({ certlab: 'ok', openssl: 'ok', via: 'CN=ICA' });
  });
  it('prefers a time-valid issuer over an expired one, whatever the order', async () => {
    expect(await both('ee-forged', ['ica-b-old', 'ica'], ['root'])).toEqual({ certlab: '7@0 BadSignature', openssl: '7@0', via: 'CN=ICA' });
  });
  it('asks the trust store first (trusted-first): a trusted ica is taken before the untrusted ica-b', async () => {
    expect(await both('ee-forged', ['ica-b'], ['root', 'ica'])).toEqual({ certlab: '7@0 BadSignature', openssl: '7@0', via: 'CN=ICA' });
  });
  it('reports 20 at the top when no issuer is found at all', async () => {
    expect(await both('ee', [], ['root'])).toEqual({ certlab: '20@0 IssuerNotFound', openssl: '20@0', via: undefined });
  });
});
