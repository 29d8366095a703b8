/**
 * The versioned trust stores against their upstream facts, real chains judged per platform, and
 * the CLI (`certlab stores`, `certlab verify --store`). The committed data (public/trust-stores) is
 * built from package registries (certifi from PyPI, Node.js from npm, Debian's packages, a JDK's
 * cacerts); a local build that adds the Trust Stores Observatory (Android, Apple, Microsoft, ...)
 * runs the tests of those platforms too, which otherwise say why they skip. The missing-data
 * behaviour itself is tested with an empty folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { webcrypto } from 'node:crypto';
import { loadTrustData, trustDataDirs } from '../../src/server/trust-data.ts';
import { lookupStore } from '../../src/core/trust/spec.ts';
import { gunzipJson } from '../../src/widgets/gzip-json.ts';
import { shardFileName } from '../../src/core/trust/model.ts';
import { trustMatrix } from '../../src/core/trust/matrix.ts';
import type { TrustPool } from '../../src/core/trust/pool.ts';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import { pemCertificates } from '../../src/core/formats/pem.ts';
import { clientProfile } from '../../src/core/clients/profiles.ts';
import { run as runStores } from '../../src/cli/commands/stores.ts';
import { run as runVerify } from '../../src/cli/commands/verify.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const ONLINE = resolve(import.meta.dirname, 'online');
const loaded = await loadTrustData();
const pool: TrustPool | null = loaded.ok ? loaded.pool : null;
/** The committed, registry-built data (not a local build pointed at by CERTLAB_TRUST_DATA). */
const committed = pool !== null && pool.data.sources.some((s) => s.id === 'pypi-certifi') && !pool.data.stores.some((s) => s.id === 'android');
const observatory = pool !== null && pool.data.stores.some((s) => s.id === 'android');
if (!committed)
  console.log(
    `SKIPPED committed trust-store data tests: ${pool ? 'CERTLAB_TRUST_DATA points at another build' : `no data in ${trustDataDirs().join(' or ')}`} (see public/trust-stores/README.md)`,
  );
if (!observatory)
  console.log(
    'SKIPPED Android/Apple/Microsoft trust-store facts: those platforms come only from a local build with the Trust Stores Observatory (build.ts --observatory; see public/trust-stores/README.md)',
  );

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => new Uint8Array() } };
}

/** Versions of a platform that hold a root with this name, oldest first. */
function holding(p: TrustPool, platform: string, rootName: string): string[] {
  const ids = new Set(p.data.roots.flatMap((r, i) => (r.name === rootName ? [i] : [])));
  const store = p.data.stores.find((s) => s.id === platform)!;
  return store.versions.filter((v) => v.roots.some((i) => ids.has(i))).map((v) => v.version);
}
const after = (p: TrustPool, platform: string, version: string) => {
  const vs = p.data.stores.find((s) => s.id === platform)!.versions;
  return vs[vs.findIndex((v) => v.version === version) + 1]?.version ?? null;
};

function limbo(host: string) {
  const c = JSON.parse(readFileSync(join(ONLINE, `${host}.limbo.json`), 'utf8'));
  return { peer: c.peer_certificate as string, untrusted: c.untrusted_intermediates as string[], at: c.validation_time as string };
}

describe.skipIf(!committed)('committed trust store data: membership facts from the packages', () => {
  it('records each source: the packages read and their hashes', () => {
    expect(pool!.data.sources.map((s) => [s.id, /^[0-9a-f]{64}$/.test(s.commit)])).toEqual([
      ['pypi-certifi', true],
      ['npm-node', true],
      ['debian-20210119', true],
      ['debian-20230311+deb12u1', true],
      ['debian-20250419~deb12u2', true],
      ['debian-20250419+deb13u1', true],
      ['debian-20260816+nmu1', true],
    ]);
  });

  it("each root's recorded subject is the canonical form the core computes today (else regenerate the data)", async () => {
    const stale: string[] = [];
    for (const [i, r] of pool!.data.roots.entries()) {
      if (!r.hasDer) continue;
      if ((await pool!.certificate(i)).subject.canonical !== r.subject) stale.push(r.sha256);
    }
    expect(stale).toEqual([]);
  });

  it('DST Root CA X3 (expired 2021-09-30): gone from certifi after 2021.10.8, from Debian after 11, from Node after 19.0.0', () => {
    const dst = pool!.data.roots.filter((r) => r.name === 'DST Root CA X3');
    expect(dst.map((r) => [r.sha256, r.notAfter])).toEqual([['0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739', '2021-09-30T14:01:15.000Z']]);
    const certifi = holding(pool!, 'certifi', 'DST Root CA X3');
    expect([certifi.at(-1), after(pool!, 'certifi', certifi.at(-1)!)]).toEqual(['2021.10.8', '2022.5.18.1']);
    expect(holding(pool!, 'debian', 'DST Root CA X3')).toEqual(['11-20210119']);
    expect(after(pool!, 'debian', '11-20210119')).toBe('12-20230311');
    // Node versions by release date: 19.0.0 (2022-10-18) is the last that bundles it; 14.21.3 (2023-02-16) does not.
    expect(holding(pool!, 'node', 'DST Root CA X3')).toEqual(['14.0.0', '16.0.0', '17.0.0', '18.0.0', '17.9.1', '19.0.0']);
    expect(after(pool!, 'node', '19.0.0')).toBe('14.21.3');
  });

  it("ISRG Root X1 reached certifi in 2016.8.8; ISRG Root X2 in certifi 2022.5.18.1 and Debian 12's package", () => {
    expect(holding(pool!, 'certifi', 'ISRG Root X1')[0]).toBe('2016.8.8');
    expect(holding(pool!, 'certifi', 'ISRG Root X2')[0]).toBe('2022.5.18.1');
    expect(holding(pool!, 'debian', 'ISRG Root X2')).toEqual(['12-20230311', '12-20250419', '13-20250419', '14-20260816']);
  });

  it('resolves store specs: platform, platform@version, and says which are unknown', () => {
    const pick = (s: string) => {
      const r = lookupStore(pool!.data, s);
      return r.ok ? `${r.store.id}@${r.version.version} ${r.version.roots.length}` : r.error.kind;
    };
    expect(['certifi', 'certifi@2021.10.8', 'debian@12', 'debian@11', 'node', 'node@18.20.8', 'node@12.0.0', 'android@7.0', 'chrome'].map(pick)).toEqual([
      'certifi@2026.10.19.post1 117',
      'certifi@2021.10.8 131',
      'debian@12-20250419 148',
      'debian@11-20210119 129',
      'node@24.22.3 118',
      'node@18.20.8 150',
      'UnknownVersion',
      'UnknownPlatform',
      'UnknownPlatform',
    ]);
  });
});

describe.skipIf(!committed)('trust matrix on real chains (x509-limbo online)', () => {
  const summary = async (host: string) => {
    const c = limbo(host);
    const peer = await parseCertificate(pemCertificates(c.peer)[0], subtle);
    const untrusted = await Promise.all(c.untrusted.map((p) => parseCertificate(pemCertificates(p)[0], subtle)));
    const m = await trustMatrix({ pool: pool!, peer, untrusted, peerName: host, at: Date.parse(c.at), policy: clientProfile('openssl').policy, subtle });
    return Object.fromEntries(m.map((p) => [p.id, [p.newest.trusted, p.newest.anchor?.name ?? null, p.oldestTrusting?.version ?? null, p.firstStopped]]));
  };

  it("stackoverflow.com (Let's Encrypt E8 -> ISRG Root X1): trusted by every newest version; certifi since 2016.8.8", async () => {
    expect(await summary('stackoverflow.com')).toEqual({
      certifi: [true, 'ISRG Root X1', '2016.8.8', null],
      node: [true, 'ISRG Root X1', '14.0.0', null],
      debian: [true, 'ISRG Root X1', '11-20210119', null],
    });
  });

  it('microsoft.com (Microsoft TLS RSA Root G2 cross-signed by DigiCert Global Root G2): the cross-sign leads every store to DigiCert', async () => {
    expect(await summary('microsoft.com')).toEqual({
      certifi: [true, 'DigiCert Global Root G2', '2015.04.28', null],
      node: [true, 'DigiCert Global Root G2', '14.0.0', null],
      debian: [true, 'DigiCert Global Root G2', '11-20210119', null],
    });
  });
});

describe.skipIf(!committed)('what the browser loads', () => {
  it('reads the index with DecompressionStream as node:zlib does, and a chain needs under 400 KB', async () => {
    const dir = loaded.ok ? loaded.dir : '';
    const bytes = new Uint8Array(readFileSync(join(dir, 'stores.json.gz')));
    expect(await gunzipJson(bytes)).toEqual(pool!.data);
    const c = limbo('stackoverflow.com');
    const certs = await Promise.all([c.peer, ...c.untrusted].map((p) => parseCertificate(pemCertificates(p)[0], subtle)));
    const shards = pool!.shardsOf(pool!.withSubjects(certs.map((x) => x.issuer.canonical)));
    const total = bytes.length + shards.reduce((n, k) => n + statSync(join(dir, shardFileName(k))).size, 0);
    expect({ shards: shards.length, underBudget: total <= 400_000 }).toEqual({ shards: 1, underBudget: true });
  });
});

describe.skipIf(!committed)('certlab stores / verify --store', () => {
  let dir: string;
  let chain: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'certlab-stores-'));
    chain = join(dir, 'so.pem');
    const c = limbo('stackoverflow.com');
    writeFileSync(chain, [c.peer, ...c.untrusted].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores --json lists every platform with its versions', async () => {
    const t = io();
    expect(await runStores(['--json'], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect(j.stores.map((s: { id: string; versions: unknown[] }) => [s.id, s.versions.length])).toEqual([
      ['certifi', 74],
      ['node', 24],
      ['debian', 5],
    ]);
    expect(j.stores[0].versions.at(-1)).toEqual({ version: '2026.10.19.post1', date: '2026-10-19', roots: 117 });
  });

  it('verify --store certifi@2016.8.2 fails (ISRG Root X1 not yet there) and lists the matrix', async () => {
    const t = io();
    const at = limbo('stackoverflow.com').at;
    expect(await runVerify([chain, '--store', 'certifi@2016.8.2', '--host', 'stackoverflow.com', '--at', at, '--json'], t.io)).toBe(1);
    const j = JSON.parse(t.out.join(''));
    expect([j.ok, j.stores.map((s: { id: string; newest: { trusted: boolean } }) => [s.id, s.newest.trusted])]).toEqual([
      false,
      [
        ['certifi', true],
        ['node', true],
        ['debian', true],
      ],
    ]);
  });

  it('an unknown platform or version exits 2 and lists the known ones', async () => {
    const a = io();
    expect(await runVerify([chain, '--store', 'chrome'], a.io)).toBe(2);
    expect(a.err.join('')).toBe(
      'certlab verify: Unknown trust store "chrome". Expected one of: mozilla, system. Or a versioned store PLATFORM[@VERSION]: certifi, node, debian (`certlab stores` lists the versions).',
    );
    const b = io();
    expect(await runVerify([chain, '--store', 'debian@10'], b.io)).toBe(2);
    expect(b.err.join('')).toBe('certlab verify: debian has no version "10". Known: 11-20210119, 12-20230311, 12-20250419, 13-20250419, 14-20260816.');
  });
});

describe.skipIf(!observatory)('observatory build (local): Android, Apple, Microsoft', () => {
  it('ISRG Root X1 is in every Android version on record (8.0 on); ISRG Root X2 reached Android in 14', () => {
    const android = pool!.data.stores.find((s) => s.id === 'android')!.versions.map((v) => v.version);
    expect(holding(pool!, 'android', 'ISRG Root X1')).toEqual(android);
    const x2 = holding(pool!, 'android', 'ISRG Root X2');
    expect([x2[0], android[android.indexOf(x2[0]) - 1]]).toEqual(['14.0.0_r2', '13.0.0_r9']);
  });

  it("DST Root CA X3 is gone from Mozilla's list after its expiry", () => {
    const moz = holding(pool!, 'mozilla', 'DST Root CA X3');
    expect([moz.at(-1), after(pool!, 'mozilla', moz.at(-1)!)]).toEqual(['2021-09-25', '2021-12-19']);
  });

  it('resolves the store specs of the issue that the observatory covers', () => {
    const pick = (s: string) => {
      const r = lookupStore(pool!.data, s);
      return r.ok ? `${r.store.id}@${r.version.version}` : r.error.kind;
    };
    expect(['apple@ios17', 'microsoft@2025-06', 'android@14', 'java@17.0.2', 'android@7.0', 'java@8u301'].map(pick)).toEqual([
      'apple@ios17',
      'microsoft@2025-05-11',
      'android@14.0.0_r66',
      'java@17.0.2',
      'UnknownVersion',
      'UnknownVersion',
    ]);
  });
});

describe('without the generated data', () => {
  const saved = process.env.CERTLAB_TRUST_DATA;
  let empty: string;
  beforeAll(() => {
    empty = mkdtempSync(join(tmpdir(), 'certlab-nodata-'));
    process.env.CERTLAB_TRUST_DATA = empty;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.CERTLAB_TRUST_DATA;
    else process.env.CERTLAB_TRUST_DATA = saved;
    rmSync(empty, { recursive: true, force: true });
  });

  it('stores and verify --store PLATFORM@VERSION exit 2 and say how to get the data', async () => {
    const text = `the versioned trust stores are not installed (looked in ${empty}). Generate them with scripts/trust-stores/build.ts (see public/trust-stores/README.md) or set CERTLAB_TRUST_DATA.`;
    const a = io();
    expect(await runStores([], a.io)).toBe(2);
    expect(a.err.join('')).toBe(`certlab stores: ${text}`);
    const chain = join(empty, 'so.pem');
    const c = limbo('stackoverflow.com');
    writeFileSync(chain, [c.peer, ...c.untrusted].join('\n'));
    const b = io();
    expect(await runVerify([chain, '--store', 'android@14'], b.io)).toBe(2);
    expect(b.err.join('')).toBe(`certlab verify: ${text}`);
  });
});
