/**
 * trustMatrix on a PKI built in code, with a cross-sign like Let's Encrypt's (ISRG Root X1
 * cross-signed by DST Root CA X3, which expired 2021-09-30):
 *
 *   old-root (self-signed, until 2021-09-30)      new-root (self-signed)
 *      \-- new-root-x (new-root's name and key, signed by old-root)
 *                       new-root ──> ica ──> ee (example.com)
 *
 * The server sends ee, ica and new-root-x. Store versions below name which roots they hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webcrypto } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Certificate, ValidationPolicy } from '../model.ts';
import { parseCertificate } from '../x509/certificate.ts';
import { ChainFactory, CA_EXT, leafExt } from '../../../test/pki/factory.ts';
import type { TrustData, TrustVersionData } from './model.ts';
import { TrustPool } from './pool.ts';
import { trustMatrix, type PlatformVerdict } from './matrix.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const POLICY: ValidationPolicy = { aiaFetch: false, cnFallback: true, minRsaBits: 2048, rejectSha1: true, strict: false, partialChain: false, maxDepth: 100 };
const BEFORE_EXPIRY = Date.UTC(2021, 0, 1);
const AFTER_EXPIRY = Date.UTC(2022, 0, 1);

let f: ChainFactory;
const c: Record<string, Certificate> = {};
let pool: TrustPool;
// Pool order: 0 old-root, 1 new-root.
const OLD = 0;
const NEW = 1;

const v = (version: string, roots: number[], blocked: number[] = []): TrustVersionData => ({
  version,
  date: version,
  label: version,
  source: 'test',
  roots,
  blocked,
});

beforeAll(async () => {
  f = ChainFactory.create();
  f.issue({ name: 'old-root', subject: '/O=Old Trust/CN=Old Root', ext: CA_EXT, notAfter: '20210930140114Z' });
  f.issue({ name: 'new-root', subject: '/O=New Trust/CN=New Root', ext: CA_EXT });
  f.issue({ name: 'new-root-x', subject: '/O=New Trust/CN=New Root', issuer: 'old-root', sameKeyAs: 'new-root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/O=New Trust/CN=ICA', issuer: 'new-root', ext: CA_EXT });
  f.issue({ name: 'ee', subject: '/CN=example.com', issuer: 'ica', ext: leafExt('example.com') });
  for (const n of ['old-root', 'new-root', 'new-root-x', 'ica', 'ee']) c[n] = await parseCertificate(f.der(n), subtle);
  const roots = [c['old-root'], c['new-root']];
  const data: TrustData = {
    format: 1,
    shards: 2,
    sources: [],
    roots: roots.map((r, i) => ({
      sha256: r.sha256,
      name: ['Old Root', 'New Root'][i],
      subject: r.subject.canonical,
      notBefore: new Date(r.notBefore).toISOString(),
      notAfter: new Date(r.notAfter).toISOString(),
      hasDer: true,
    })),
    stores: [
      { id: 'phone', name: 'Phone OS', versions: [v('1', [OLD]), v('2', [OLD, NEW]), v('3', [NEW])] },
      { id: 'legacy', name: 'Legacy OS', versions: [v('1', []), v('2', [OLD])] },
      { id: 'browser', name: 'Browser', versions: [v('1', []), v('2', [NEW]), v('3', [NEW], [NEW]), v('4', [])] },
    ],
  };
  pool = TrustPool.inMemory(
    data,
    roots.map((r) => r.der),
    subtle,
  );
});

afterAll(() => rmSync(f.dir, { recursive: true, force: true }));

const OLD_REF = () => ({ sha256: c['old-root'].sha256, name: 'Old Root' });
const NEW_REF = () => ({ sha256: c['new-root'].sha256, name: 'New Root' });
const noIssuer = (depth: number) => ({
  code: 20,
  name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  text: 'unable to get local issuer certificate',
  kind: 'IssuerNotFound' as const,
  depth,
});
const expired = { code: 10, name: 'X509_V_ERR_CERT_HAS_EXPIRED', text: 'certificate has expired', kind: 'CertExpired' as const, depth: 3 };

const matrix = (at: number, untrusted = ['ica', 'new-root-x']) =>
  trustMatrix({ pool, peer: c.ee, untrusted: untrusted.map((n) => c[n]), peerName: 'example.com', at, policy: POLICY, subtle });

const byId = (m: PlatformVerdict[]) => Object.fromEntries(m.map((p) => [p.id, p]));

describe('trustMatrix', () => {
  it('follows the cross-sign to the old root where a version lacks the new one, before the old root expires', async () => {
    const m = byId(await matrix(BEFORE_EXPIRY));
    expect(m.phone).toEqual({
      id: 'phone',
      name: 'Phone OS',
      checksAnchorExpiry: true,
      newest: { version: '3', date: '3', trusted: true, anchor: NEW_REF(), failure: null },
      oldestTrusting: { version: '1', date: '1' },
      firstStopped: null,
      anchorExpired: null,
      versions: [
        { version: '1', date: '1', trusted: true, anchor: OLD_REF(), failure: null },
        { version: '2', date: '2', trusted: true, anchor: NEW_REF(), failure: null },
        { version: '3', date: '3', trusted: true, anchor: NEW_REF(), failure: null },
      ],
    });
    expect(m.legacy.oldestTrusting).toEqual({ version: '2', date: '2' });
    expect(m.legacy.newest).toEqual({ version: '2', date: '2', trusted: true, anchor: OLD_REF(), failure: null });
  });

  it('after the old root expires, a store with only the old root fails and names the expired root', async () => {
    const m = byId(await matrix(AFTER_EXPIRY));
    expect(m.legacy).toEqual({
      id: 'legacy',
      name: 'Legacy OS',
      checksAnchorExpiry: true,
      newest: { version: '2', date: '2', trusted: false, anchor: null, failure: expired },
      oldestTrusting: null,
      firstStopped: null,
      anchorExpired: { ...OLD_REF(), notAfter: '2021-09-30T14:01:14.000Z' },
      versions: [
        { version: '1', date: '1', trusted: false, anchor: null, failure: noIssuer(2) },
        { version: '2', date: '2', trusted: false, anchor: null, failure: expired },
      ],
    });
    expect(m.phone.versions.map((x) => x.trusted)).toEqual([false, true, true]);
    expect(m.phone.oldestTrusting).toEqual({ version: '2', date: '2' });
  });

  it("Android ignores the anchor's expiry: the cross-signed chain to the expired old root still works there (Let's Encrypt's long chain)", async () => {
    const androidPool = TrustPool.inMemory(
      {
        ...pool.data,
        stores: [
          { id: 'android', name: 'Android', versions: [v('7.1.1', [OLD])] },
          { id: 'legacy', name: 'Legacy OS', versions: [v('1', [OLD])] },
        ],
      },
      [c['old-root'].der, c['new-root'].der],
      subtle,
    );
    const m = await trustMatrix({
      pool: androidPool,
      peer: c.ee,
      untrusted: [c.ica, c['new-root-x']],
      peerName: 'example.com',
      at: AFTER_EXPIRY,
      policy: POLICY,
      subtle,
    });
    expect(m.map((p) => [p.id, p.checksAnchorExpiry, p.newest.trusted, p.newest.anchor, p.newest.failure?.kind ?? null, p.anchorExpired])).toEqual([
      ['android', false, true, OLD_REF(), null, { ...OLD_REF(), notAfter: '2021-09-30T14:01:14.000Z' }],
      ['legacy', true, false, null, 'CertExpired', { ...OLD_REF(), notAfter: '2021-09-30T14:01:14.000Z' }],
    ]);
  });

  it('without the cross-sign, a version holding only the old root cannot reach it', async () => {
    const m = byId(await matrix(BEFORE_EXPIRY, ['ica']));
    expect(m.phone.versions.map((x) => [x.version, x.trusted, x.failure?.kind ?? null])).toEqual([
      ['1', false, 'IssuerNotFound'],
      ['2', true, null],
      ['3', true, null],
    ]);
  });

  it('names the first version that stopped: blocked, then removed', async () => {
    const m = byId(await matrix(BEFORE_EXPIRY, ['ica']));
    expect(m.browser).toEqual({
      id: 'browser',
      name: 'Browser',
      checksAnchorExpiry: true,
      newest: { version: '4', date: '4', trusted: false, anchor: null, failure: noIssuer(1) },
      oldestTrusting: { version: '2', date: '2' },
      firstStopped: { version: '3', date: '3', reason: 'blocked', root: NEW_REF() },
      anchorExpired: null,
      versions: [
        { version: '1', date: '1', trusted: false, anchor: null, failure: noIssuer(1) },
        { version: '2', date: '2', trusted: true, anchor: NEW_REF(), failure: null },
        { version: '3', date: '3', trusted: false, anchor: null, failure: noIssuer(1) },
        { version: '4', date: '4', trusted: false, anchor: null, failure: noIssuer(1) },
      ],
    });
    const removed = await trustMatrix({
      pool: TrustPool.inMemory(
        { ...pool.data, stores: [{ id: 'b', name: 'B', versions: [v('1', [NEW]), v('2', [OLD])] }] },
        [c['old-root'].der, c['new-root'].der],
        subtle,
      ),
      peer: c.ee,
      untrusted: [c.ica],
      at: BEFORE_EXPIRY,
      policy: POLICY,
      subtle,
    });
    expect(removed[0].firstStopped).toEqual({ version: '2', date: '2', reason: 'removed', root: NEW_REF() });
  });

  it('judges only the platforms asked for', async () => {
    const m = await trustMatrix({ pool, peer: c.ee, untrusted: [c.ica], at: BEFORE_EXPIRY, policy: POLICY, subtle, platforms: ['legacy'] });
    expect(m.map((p) => p.id)).toEqual(['legacy']);
  });
});
