/**
 * The versioned trust stores against their upstream facts, real chains judged per platform, and
 * the CLI (`certlab stores`, `certlab verify --store`). The data (data/trust-stores/*.json.gz)
 * is generated, not committed (see its README): without it these tests are skipped, with the
 * reason printed. The missing-data behaviour itself is tested without it.
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
if (!pool)
  console.log(
    `SKIPPED trust-store data tests: no generated data in ${trustDataDirs().join(' or ')} (run scripts/trust-stores/build.ts; see data/trust-stores/README.md)`,
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

describe.skipIf(!pool)('trust store data: membership facts from the upstream lists', () => {
  it('records each source repository and commit', () => {
    expect(pool!.data.sources.map((s) => [s.repository, /^[0-9a-f]{40}$/.test(s.commit) || /^[0-9a-f]{64}$/.test(s.commit)])).toEqual([
      ['github.com/nabla-c0d3/trust_stores_observatory', true],
      ['github.com/certifi/python-certifi', true],
      ["Debian package ca-certificates_20210119_all.deb (commit: the .deb's SHA-256)", true],
      ["Debian package ca-certificates_20230311+deb12u1_all.deb (commit: the .deb's SHA-256)", true],
      ["Debian package ca-certificates_20250419~deb12u2_all.deb (commit: the .deb's SHA-256)", true],
      ["Debian package ca-certificates_20250419+deb13u1_all.deb (commit: the .deb's SHA-256)", true],
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

  it("DST Root CA X3 (expired 2021-09-30) is gone from Mozilla's list after its expiry, and from certifi after 2021.10.8", () => {
    const dst = pool!.data.roots.filter((r) => r.name === 'DST Root CA X3');
    expect(dst.map((r) => [r.sha256, r.notAfter])).toEqual([['0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739', '2021-09-30T14:01:15.000Z']]);
    const moz = holding(pool!, 'mozilla', 'DST Root CA X3');
    expect([moz.at(-1), after(pool!, 'mozilla', moz.at(-1)!)]).toEqual(['2021-09-25', '2021-12-19']);
    const certifi = holding(pool!, 'certifi', 'DST Root CA X3');
    expect([certifi.at(-1), after(pool!, 'certifi', certifi.at(-1)!)]).toEqual(['2021.10.08', '2022.05.18']);
  });

  it("Debian 11's package still ships DST Root CA X3 (an OpenSSL client there fails on its expiry); Debian 12 dropped it", () => {
    expect(holding(pool!, 'debian', 'DST Root CA X3')).toEqual(['11-20210119']);
    expect(after(pool!, 'debian', '11-20210119')).toBe('12-20230311');
  });

  it('ISRG Root X1 is in every Android version on record (8.0 on); ISRG Root X2 reached Android in 14', () => {
    const android = pool!.data.stores.find((s) => s.id === 'android')!.versions.map((v) => v.version);
    expect(holding(pool!, 'android', 'ISRG Root X1')).toEqual(android);
    const x2 = holding(pool!, 'android', 'ISRG Root X2');
    expect([x2[0], android[android.indexOf(x2[0]) - 1]]).toEqual(['14.0.0_r2', '13.0.0_r9']);
    expect(holding(pool!, 'certifi', 'ISRG Root X1')[0]).toBe('2016.08.08');
  });

  it('resolves the store specs of the issue that the data covers', () => {
    const pick = (s: string) => {
      const r = lookupStore(pool!.data, s);
      return r.ok ? `${r.store.id}@${r.version.version} ${r.version.roots.length}` : r.error.kind;
    };
    expect(
      [
        'mozilla',
        'apple@ios17',
        'microsoft@2025-06',
        'android@14',
        'java@17.0.2',
        'certifi@2021.10.8',
        'debian@12',
        'android@7.0',
        'java@8u301',
        'chrome',
        'alpine@3.20',
      ].map(pick),
    ).toEqual([
      'mozilla@2026-07-19 121',
      'apple@ios17 159',
      'microsoft@2025-05-11 310',
      'android@14.0.0_r66 135',
      'java@17.0.2 89',
      'certifi@2021.10.08 131',
      'debian@12-20250419 148',
      'UnknownVersion',
      'UnknownVersion',
      'UnknownPlatform',
      'UnknownPlatform',
    ]);
  });
});

describe.skipIf(!pool)('trust matrix on real chains (x509-limbo online)', () => {
  const summary = async (host: string) => {
    const c = limbo(host);
    const peer = await parseCertificate(pemCertificates(c.peer)[0], subtle);
    const untrusted = await Promise.all(c.untrusted.map((p) => parseCertificate(pemCertificates(p)[0], subtle)));
    const m = await trustMatrix({ pool: pool!, peer, untrusted, peerName: host, at: Date.parse(c.at), policy: clientProfile('openssl').policy, subtle });
    return Object.fromEntries(m.map((p) => [p.id, [p.newest.trusted, p.newest.anchor?.name ?? null, p.oldestTrusting?.version ?? null, p.firstStopped]]));
  };

  it("stackoverflow.com (Let's Encrypt E8 -> ISRG Root X1): trusted by every newest version; Windows since 2018-09, certifi since 2016.08.08", async () => {
    expect(await summary('stackoverflow.com')).toEqual({
      mozilla: [true, 'ISRG Root X1', '2017-12-31', null],
      microsoft: [true, 'ISRG Root X1', '2018-09-23', null],
      apple: [true, 'ISRG Root X1', 'ios12', null],
      android: [true, 'ISRG Root X1', '8.0.0_r36', null],
      java: [true, 'ISRG Root X1', 'tip-2018-10-27', null],
      'oracle-java': [true, 'ISRG Root X1', '10.0.1', null],
      certifi: [true, 'ISRG Root X1', '2016.08.08', null],
      debian: [true, 'ISRG Root X1', '11-20210119', null],
    });
  });

  it('microsoft.com (Microsoft TLS RSA Root G2 cross-signed by DigiCert Global Root G2): the cross-sign leads every store to DigiCert', async () => {
    expect(await summary('microsoft.com')).toEqual({
      mozilla: [true, 'DigiCert Global Root G2', '2017-12-31', null],
      microsoft: [true, 'DigiCert Global Root G2', '2017-12-27', null],
      apple: [true, 'DigiCert Global Root G2', 'ios12', null],
      android: [true, 'DigiCert Global Root G2', '8.0.0_r36', null],
      java: [true, 'DigiCert Global Root G2', 'tip-2018-10-27', null],
      'oracle-java': [true, 'DigiCert Global Root G2', '10.0.1', null],
      certifi: [true, 'DigiCert Global Root G2', '2015.04.28', null],
      debian: [true, 'DigiCert Global Root G2', '11-20210119', null],
    });
  });

  it('docs.python.org (GlobalSign Root CA - R3) is trusted by every version on record', async () => {
    const s = await summary('docs.python.org');
    expect(Object.values(s).map((x) => [x[0], x[1], x[3]])).toEqual(Array(8).fill([true, 'GlobalSign', null]));
  });
});

describe.skipIf(!pool)('what the browser loads', () => {
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

describe.skipIf(!pool)('certlab stores / verify --store', () => {
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
      ['mozilla', 38],
      ['microsoft', 42],
      ['apple', 11],
      ['android', 42],
      ['java', 20],
      ['oracle-java', 10],
      ['certifi', 64],
      ['debian', 4],
    ]);
    expect(j.stores[3].versions[0]).toEqual({ version: '8.0.0_r36', date: '2017-12-26', roots: 156 });
  });

  it('verify --store android@14 --json: valid, with the per-platform stores matrix', async () => {
    const t = io();
    const at = limbo('stackoverflow.com').at;
    expect(await runVerify([chain, '--store', 'android@14', '--host', 'stackoverflow.com', '--at', at, '--json'], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect([j.ok, j.path.at(-1).subject, j.stores.map((s: { id: string; newest: { trusted: boolean } }) => [s.id, s.newest.trusted])]).toEqual([
      true,
      'C=US, O=Internet Security Research Group, CN=ISRG Root X1',
      [
        ['mozilla', true],
        ['microsoft', true],
        ['apple', true],
        ['android', true],
        ['java', true],
        ['oracle-java', true],
        ['certifi', true],
        ['debian', true],
      ],
    ]);
  });

  it('an unknown platform or version exits 2 and lists the known ones', async () => {
    const a = io();
    expect(await runVerify([chain, '--store', 'chrome'], a.io)).toBe(2);
    expect(a.err.join('')).toBe(
      'certlab verify: Unknown trust store "chrome". Expected one of: mozilla, system. Or a versioned store PLATFORM[@VERSION]: mozilla, microsoft, apple, android, java, oracle-java, certifi, debian (`certlab stores` lists the versions).',
    );
    const b = io();
    expect(await runVerify([chain, '--store', 'apple@ios9'], b.io)).toBe(2);
    expect(b.err.join('')).toBe(
      'certlab verify: apple has no version "ios9". Known: ios12, ios12.1.3, ios13, ios14, ios15, ios15.1, ios16, ios16.5, ios17, ios18, ios26.',
    );
    const c = io();
    expect(await runStores(['java@8u301'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('certlab stores: java has no version "8u301". Known: tip-2018-10-27, 11.0.1,');
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
    const text = `the versioned trust stores are not installed (looked in ${empty}). Generate them with scripts/trust-stores/build.ts (see data/trust-stores/README.md) or set CERTLAB_TRUST_DATA.`;
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
