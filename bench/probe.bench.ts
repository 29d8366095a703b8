/**
 * Probe bench, against one local `openssl s_server` (TLS 1.3, full chain
 * root -> ica1 -> ica2 -> leaf, EC P-256) started here:
 *  - time to read the presented chain: certlab's probe engine vs `openssl s_client -showcerts`
 *    on the same server (s_client's figure includes starting its process, as a user feels it);
 *    the ratio is certlab / openssl;
 *  - the full route (probe + verdicts for 9 clients + findings + evidence) through the Web
 *    handler: probes per second with 20 concurrent clients (CERTLAB_PROBE_ALLOW_PRIVATE=1)
 *    against a node:tls server in its own process (s_server serves one connection at a
 *    time), latency percentiles, and the process memory before and after.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { makeTestPki } from '../test/probe/pki.ts';
import { startOpensslServer } from '../test/probe/servers.ts';
import { probe } from '../src/server/probe/engine.ts';
import { createProbeHandler } from '../src/server/probe-handler.ts';
import { probeConfigFromEnv } from '../src/server/probe/config.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * Time until `openssl s_client -showcerts` has printed the chain and its verify result
 * ("Verify return code"), then it is stopped: s_client sometimes lingers after stdin closes.
 */
function sClientTime(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('openssl', ['s_client', '-connect', target, '-servername', 'probe.test', '-showcerts'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('s_client gave no verify result within 10 s'));
    }, 10_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!/Verify return code: \d+/.test(out)) return;
      const ms = performance.now() - t;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(ms);
    });
    child.stdin.end();
  });
}

let stopChild = () => {};
const pki = makeTestPki();
const server = await startOpensslServer(pki.dir, { chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf, flags: ['-tls1_3'] });
const target = `127.0.0.1:${server.port}`;

try {
  // --- engine vs s_client ----------------------------------------------------------------
  const RUNS = 30;
  const ours: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const t = performance.now();
    const o = await probe({ host: target, servername: 'probe.test' }, { policy: null });
    if (!o.ok || o.report.presented.length !== 3) throw new Error(`probe failed: ${JSON.stringify(!o.ok && o.error)}`);
    if (i >= 3) ours.push(performance.now() - t);
  }
  const theirs: number[] = [];
  for (let i = 0; i < RUNS; i++) theirs.push(await sClientTime(target));
  console.log(`probe engine median ms: ${median(ours).toFixed(2)}`);
  console.log(`openssl s_client -showcerts median ms: ${median(theirs).toFixed(2)}`);
  console.log(`probe / s_client ratio: ${(median(ours) / median(theirs)).toFixed(2)}`);

  // --- the route under 20 concurrent clients ----------------------------------------------
  // A node:tls server in its own process: openssl s_server takes one connection at a time.
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, '../test/probe/serve-chain.ts'), pki.leaf.keyPath, pki.leaf.certPath, pki.ica2.certPath, pki.ica1.certPath],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const routePort = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`serve-chain exited with ${code}`)));
  });
  stopChild = () => child.kill('SIGTERM');
  const config = probeConfigFromEnv({
    CERTLAB_PROBE_ALLOW_PRIVATE: '1',
    CERTLAB_PROBE_PORTS: '*',
    CERTLAB_PROBE_MAX_CONCURRENT: '20',
    CERTLAB_PROBE_RATE_LIMIT: '100000',
  });
  const handler = createProbeHandler({ config });
  const body = JSON.stringify({ host: `127.0.0.1:${routePort}`, servername: 'probe.test' });
  const ask = (client: number) =>
    handler(new Request('http://bench.test/api/probe', { method: 'POST', body, headers: { 'content-type': 'application/json' } }), {
      clientAddress: `198.51.100.${client}`,
    });
  const warm = await ask(0);
  if (warm.status !== 200) throw new Error(`route answered ${warm.status}: ${await warm.text()}`);
  await warm.text();
  gc();
  const before = process.memoryUsage();
  const CLIENTS = 20;
  const DURATION_MS = 6000;
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      while (performance.now() - start < DURATION_MS) {
        const t = performance.now();
        const res = await ask(c + 1);
        latencies.push(performance.now() - t);
        await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  gc();
  const after = process.memoryUsage();
  const ok = statuses[200] ?? 0;
  console.log(`route concurrent clients: ${CLIENTS}`);
  console.log(`route probes answered 200: ${ok} in ${elapsed.toFixed(1)} s`);
  console.log(`route other statuses: ${JSON.stringify(Object.fromEntries(Object.entries(statuses).filter(([s]) => s !== '200')))}`);
  console.log(`route probes per second: ${(ok / elapsed).toFixed(1)}`);
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `route latency ms p50/p95/max: ${median(latencies).toFixed(0)} / ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(0)} / ${sorted[sorted.length - 1]!.toFixed(0)}`,
  );
  console.log(`route rss MB before/after: ${mb(before.rss)} / ${mb(after.rss)}`);
  console.log(`route heap used MB before/after: ${mb(before.heapUsed)} / ${mb(after.heapUsed)}`);
} finally {
  stopChild();
  await server.close();
  pki.cleanup();
}
