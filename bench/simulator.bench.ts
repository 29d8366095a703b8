/**
 * Simulator speed: time to generate a three-level hierarchy (root -> issuing CA -> leaf, the
 * simulator's base scenario) with WebCrypto + @peculiar/x509, validate it as OpenSSL would,
 * and judge it for all nine clients — in real Chromium, and as reference the same bundle in
 * Node 24 in the same run (ratio = Chromium / Node). Also with RSA-2048 keys everywhere.
 * One esbuild bundle of the core runs on both sides, so both measure the same code.
 */
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/chromium.ts';

const root = resolve(import.meta.dirname, '..');
const ROUNDS = 15;

// The measured code, bundled once for both runtimes.
const ENTRY = `
import { generatePki } from './src/core/sim/generate.ts';
import { OPENSSL_DEBIAN_POLICY, parsePki, validatePki } from './src/core/sim/judge.ts';
import { simClientVerdicts } from './src/core/sim/client-verdicts.ts';
import { baseScenario } from './src/core/sim/presets.ts';

export async function measure(rounds, rsa) {
  const out = { generate: [], validate: [], clients: [], total: [] };
  const at = Date.UTC(2026, 10, 26, 12);
  for (let i = 0; i < rounds + 2; i++) {
    const s = baseScenario();
    if (rsa) s.certificates.forEach((c) => { c.key = 'RSA-2048'; });
    const t0 = performance.now();
    const g = await generatePki(s, { crypto: globalThis.crypto, at });
    if (!g.ok) throw new Error(g.error.message);
    const t1 = performance.now();
    const parsed = await parsePki(g.pki, crypto.subtle);
    const v = await validatePki(g.pki, parsed, OPENSSL_DEBIAN_POLICY, crypto.subtle);
    if (!v.ok) throw new Error('the base chain must verify: ' + v.text);
    const t2 = performance.now();
    const verdicts = await simClientVerdicts(g.pki, parsed, crypto.subtle);
    if (verdicts.some((x) => x.fails)) throw new Error('every client must accept the base chain');
    const t3 = performance.now();
    if (i < 2) continue; // warm-up
    out.generate.push(t1 - t0); out.validate.push(t2 - t1); out.clients.push(t3 - t2); out.total.push(t3 - t0);
  }
  return out;
}
`;

type Samples = Record<'generate' | 'validate' | 'clients' | 'total', number[]>;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const dir = await mkdtemp(join(tmpdir(), 'certlab-simbench-'));
try {
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'sim-bench-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    outfile: join(dir, 'sim-bench.mjs'),
    logLevel: 'error',
  });
  const bundle = await readFile(join(dir, 'sim-bench.mjs'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>sim bench</title>');

  const node = (await import(pathToFileURL(join(dir, 'sim-bench.mjs')).href)) as { measure(r: number, rsa: boolean): Promise<Samples> };

  // localhost is a secure context: WebCrypto is available to the page.
  const server = createServer((req, res) => {
    if (req.url === '/sim-bench.mjs') res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>sim bench</title>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    for (const rsa of [false, true]) {
      const label = rsa ? 'RSA-2048' : 'ECDSA P-256';
      const inChromium = (await page.evaluate(
        async ([r, k]) => {
          const path = '/sim-bench.mjs';
          const m = (await import(path)) as { measure(r: number, rsa: boolean): Promise<unknown> };
          return m.measure(r, k);
        },
        [ROUNDS, rsa] as const,
      )) as Samples;
      const inNode = await node.measure(ROUNDS, rsa);
      const c = (k: keyof Samples) => median(inChromium[k]);
      const n = (k: keyof Samples) => median(inNode[k]);
      console.log(`3-level hierarchy, ${label}, median of ${ROUNDS}:`);
      console.log(`  chromium generate: ${c('generate').toFixed(1)} ms`);
      console.log(`  chromium validate (openssl policy): ${c('validate').toFixed(1)} ms`);
      console.log(`  chromium judge 9 clients: ${c('clients').toFixed(1)} ms`);
      console.log(`  chromium total: ${c('total').toFixed(1)} ms`);
      console.log(
        `  node total (reference): ${n('total').toFixed(1)} ms (generate ${n('generate').toFixed(1)}, validate ${n('validate').toFixed(1)}, clients ${n('clients').toFixed(1)})`,
      );
      console.log(`  ratio chromium / node: ${(c('total') / n('total')).toFixed(2)}`);
    }
    console.log(`bundle measured: ${(bundle.length / 1024).toFixed(0)} KiB (generator + parser + validator + client tables)`);
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
