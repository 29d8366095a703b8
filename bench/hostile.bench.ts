/**
 * `GET /` latency while hostile probes run (issue 18; goal: <= 300 ms), against the built site
 * served as `npm run serve` serves it (src/server/serve.ts), all on loopback:
 *  - baseline: `GET /` latency with nothing else running;
 *  - under attack: the same while 8 clients (distinct X-Forwarded-For addresses behind one
 *    trusted hop) probe without pause, half of them a server that sends its handshake in
 *    1-byte records (TLS 1.2 through a re-framing proxy), half a server that never answers.
 * Needs a build (`npm run build`); without dist/ it says so and skips.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { makeTestPki } from '../test/probe/pki.ts';
import { startHostile, startNodeTls, startOneByteRecords } from '../test/probe/servers.ts';

const root = join(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist/server/entry.mjs'))) {
  console.log('skipped: no build (dist/server/entry.mjs); run `npm run build` first');
  process.exit(0);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

const pki = makeTestPki();
const tls12 = await startNodeTls({ chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf, maxVersion: 'TLSv1.2' });
const oneByte = await startOneByteRecords(tls12.port);
const silent = await startHostile('silent');
const port = await freePort();
const site = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', join(root, 'src/server/serve.ts')], {
  cwd: root,
  env: {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    CERTLAB_PROBE_ALLOW_PRIVATE: '1',
    CERTLAB_PROBE_PORTS: '*',
    CERTLAB_PROBE_RATE_LIMIT: '100000',
    CERTLAB_PROBE_TRUSTED_HOPS: '1',
    CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: '3000',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  await new Promise<void>((resolve, reject) => {
    site.stdout.on('data', (d: Buffer) => d.toString().includes('serving') && resolve());
    site.once('exit', (code) => reject(new Error(`the site server exited with ${code}`)));
  });
  const getHome = async () => {
    const t = performance.now();
    const res = await fetch(`${base}/`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET / answered ${res.status}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 5; i++) await getHome();
  const baseline: number[] = [];
  for (let i = 0; i < 50; i++) baseline.push(await getHome());

  let attacking = true;
  const statuses: Record<string, number> = {};
  const attackers = Array.from({ length: 8 }, async (_, i) => {
    const target = i % 2 === 0 ? { host: '127.0.0.1', port: oneByte.port, servername: 'probe.test' } : { host: '127.0.0.1', port: silent.port };
    while (attacking) {
      const res = await fetch(`${base}/api/probe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify(target),
      });
      const body = (await res.json()) as { handshake?: { error?: { kind: string; detail?: { error?: { kind: string } } } } };
      const kind = body.handshake?.error?.detail?.error?.kind ?? body.handshake?.error?.kind ?? String(res.status);
      statuses[kind] = (statuses[kind] ?? 0) + 1;
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  const underAttack: number[] = [];
  const until = performance.now() + 8000;
  while (performance.now() < until) underAttack.push(await getHome());
  attacking = false;
  await Promise.all(attackers);

  console.log(`GET / baseline ms p50/p99/max: ${pct(baseline, 0.5).toFixed(1)} / ${pct(baseline, 0.99).toFixed(1)} / ${Math.max(...baseline).toFixed(1)}`);
  console.log(
    `GET / with 8 hostile probers ms p50/p99/max: ${pct(underAttack, 0.5).toFixed(1)} / ${pct(underAttack, 0.99).toFixed(1)} / ${Math.max(...underAttack).toFixed(1)} (${underAttack.length} requests; goal max <= 300)`,
  );
  console.log(`hostile probe outcomes: ${JSON.stringify(statuses)}`);
} finally {
  site.kill('SIGTERM');
  await oneByte.close();
  await tls12.close();
  await silent.close();
  pki.cleanup();
}
