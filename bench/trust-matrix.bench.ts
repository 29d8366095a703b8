/**
 * Trust matrix bench (#12): one chain against every version of every platform's store
 * (public/trust-stores, 227 versions). Reports loading the data, the first matrix (which also
 * indexes the pool by subject and parses the reachable roots) and the matrix after that
 * (median of 20), for three real chains from x509-limbo's online set. Goal: < 50 ms. And what
 * the browser would load for each: the index plus the pool shards of the reachable roots.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { loadTrustData, trustDataErrorText } from '../src/server/trust-data.ts';
import { shardFileName } from '../src/core/trust/model.ts';
import { trustMatrix } from '../src/core/trust/matrix.ts';
import { parseCertificate } from '../src/core/x509/certificate.ts';
import { pemCertificates } from '../src/core/formats/pem.ts';
import { clientProfile } from '../src/core/clients/profiles.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const ms = (n: number) => n.toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const t0 = performance.now();
const d = await loadTrustData();
if (!d.ok) {
  console.log(`skipped: ${trustDataErrorText(d.error)}`);
  process.exit(0);
}
console.log(`trust data load ms: ${ms(performance.now() - t0)} (${d.dir})`);
const size = (f: string) => statSync(join(d.dir, f)).size;
const shardBytes = Array.from({ length: d.pool.data.shards }, (_, k) => size(shardFileName(k)));
console.log(`stores.json.gz bytes: ${size('stores.json.gz')}; ${shardBytes.length} pool shards: ${shardBytes.reduce((a, b) => a + b, 0)} bytes`);
const versions = d.pool.data.stores.reduce((n, s) => n + s.versions.length, 0);
console.log(`platforms: ${d.pool.data.stores.length}, versions: ${versions}, roots in pool: ${d.pool.data.roots.length}`);

const online = join(import.meta.dirname, '../test/trust-stores/online');
let first = true;
for (const host of ['stackoverflow.com', 'microsoft.com', 'docs.python.org']) {
  const c = JSON.parse(readFileSync(join(online, `${host}.limbo.json`), 'utf8'));
  const peer = await parseCertificate(pemCertificates(c.peer_certificate)[0], subtle);
  const untrusted = await Promise.all((c.untrusted_intermediates as string[]).map((p) => parseCertificate(pemCertificates(p)[0], subtle)));
  const input = { pool: d.pool, peer, untrusted, peerName: host, at: Date.parse(c.validation_time), policy: clientProfile('openssl').policy, subtle };
  const s = performance.now();
  await trustMatrix(input);
  const cold = performance.now() - s;
  const runs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await trustMatrix(input);
    runs.push(performance.now() - t);
  }
  const shards = d.pool.shardsOf(d.pool.withSubjects([peer, ...untrusted].map((x) => x.issuer.canonical)));
  const browser = size('stores.json.gz') + shards.reduce((n, k) => n + shardBytes[k], 0);
  console.log(
    `${host}: first matrix ms ${ms(cold)}${first ? ' (cold: first shard read and first validation in this process)' : ''}; matrix median ms ${ms(median(runs))} (goal < 50)`,
  );
  console.log(`${host}: browser would load ${browser} bytes gzip (index + ${shards.length} shard(s); budget 400000)`);
  first = false;
}
