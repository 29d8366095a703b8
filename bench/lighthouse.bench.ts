/**
 * Lighthouse 13 performance score (mobile: its default form factor, simulated throttling) for
 * every page of the built site as `npm start` serves it (src/server/serve.ts around the build, on
 * a free port of 127.0.0.1), against a bare Starlight page (test/fixtures/bare-starlight) served
 * through the same compressing static layer (src/server/static-files.ts) in the same run.
 * Goal (issues 8 and 15): at least 0.95 on every page. Chromium is Debian's, with the tests' flags.
 *
 * A second, shorter pass measures the pages outside /reference/ and the first pass's three worst
 * with compression off (CERTLAB_SERVER_COMPRESSION=off, the bare page uncompressed), so both
 * numbers are on record.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/chromium.ts';
import { createStaticFiles } from '../src/server/static-files.ts';
import { allPages, serveStatic } from './static-site.ts';
import { freePort } from '../test/free-port.ts';

const root = resolve(import.meta.dirname, '..');
const bare = join(root, 'test/fixtures/bare-starlight');
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
const GOAL = 0.95;

function build(dir: string): void {
  const res = spawnSync(process.execPath, [astro, 'build', '--root', dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`astro build failed in ${dir}:\n${res.stdout}\n${res.stderr}`);
}

/** serve.ts over the build, as `npm run serve` runs it; resolves once it answers "/". */
async function startSite(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', join(root, 'src/server/serve.ts'), join(root, 'dist/server/entry.mjs')],
    {
      cwd: root,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CERTLAB_SERVER_MAX_CONNECTIONS_PER_CLIENT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/`)).ok) return { child, url };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`serve.ts did not answer on ${url}:\n${log}`);
}

process.env.CHROME_PATH = chromiumPath();
build(bare);
build(root);
const pages = allPages(join(root, 'dist/client'));
if (!pages.some((p) => p.startsWith('/lessons/'))) throw new Error('No lesson pages in dist/client/lessons: the build produced none.');

const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags: CHROMIUM_ARGS });

interface Measure {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  kb: number;
}

async function measureOnce(url: string): Promise<Measure> {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const lhr = result?.lhr;
  const score = lhr?.categories.performance?.score;
  if (!lhr || typeof score !== 'number') {
    throw new Error(`Lighthouse gave no performance score for ${url}: ${lhr?.runtimeError?.message ?? 'no result'}`);
  }
  const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
  return {
    score,
    fcp: ms('first-contentful-paint'),
    lcp: ms('largest-contentful-paint'),
    tbt: ms('total-blocking-time'),
    kb: Math.round((lhr.audits['total-byte-weight']?.numericValue ?? NaN) / 1024),
  };
}

/** Lighthouse now and then loses the trace (NO_NAVSTART): up to three tries, each failure printed. */
async function performance(url: string): Promise<Measure> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await measureOnce(url);
    } catch (e) {
      if (attempt === 3) throw e;
      console.log(`  (try ${attempt} failed, measuring again: ${(e as Error).message})`);
    }
  }
}

const line = (m: Measure) => `FCP ${m.fcp} ms, LCP ${m.lcp} ms, TBT ${m.tbt} ms, ${m.kb} KB transferred`;

/** Measures the bare page, then each page; prints each and the summary; returns the scores. */
async function pass(title: string, bareUrl: string, siteUrl: string, list: string[]): Promise<Map<string, number>> {
  console.log(`\n-- ${title} --`);
  const reference = await performance(`${bareUrl}/`);
  console.log(`bare Starlight page: performance ${reference.score.toFixed(2)} (${line(reference)})`);
  const scores = new Map<string, number>();
  const unmeasured: string[] = [];
  for (const path of list) {
    let r: Measure;
    try {
      r = await performance(`${siteUrl}${path}`);
    } catch (e) {
      unmeasured.push(path);
      console.log(`${path}: not measured (${(e as Error).message})`);
      continue;
    }
    scores.set(path, r.score);
    console.log(`${path}: performance ${r.score.toFixed(2)}, ratio ${(r.score / reference.score).toFixed(2)}x bare (${line(r)})`);
  }
  const sorted = [...scores].sort((a, b) => a[1] - b[1]);
  const below = sorted.filter(([, s]) => s < GOAL);
  console.log(`pages measured: ${scores.size}; worst: ${sorted[0]![0]} at ${sorted[0]![1].toFixed(2)} (goal >= ${GOAL})`);
  console.log(`pages below goal: ${below.length ? below.map(([p, s]) => `${p} (${s.toFixed(2)})`).join(', ') : 'none'}`);
  if (unmeasured.length) console.log(`pages Lighthouse could not measure (three tries each): ${unmeasured.join(', ')}`);
  process.exitCode = unmeasured.length ? 1 : process.exitCode;
  return scores;
}

const started: { close(): void }[] = [];
try {
  const bareOn = await serveStatic(join(bare, 'dist'), createStaticFiles({ root: join(bare, 'dist') }));
  started.push(bareOn.server);
  const siteOn = await startSite({});
  started.push({ close: () => siteOn.child.kill() });
  const first = await pass('compressed (as npm start serves it)', bareOn.url, siteOn.url, pages);

  const worst = [...first]
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([p]) => p);
  const short = pages.filter((p) => !p.startsWith('/reference/') || worst.includes(p));
  const bareOff = await serveStatic(join(bare, 'dist'));
  started.push(bareOff.server);
  const siteOff = await startSite({ CERTLAB_SERVER_COMPRESSION: 'off' });
  started.push({ close: () => siteOff.child.kill() });
  await pass('uncompressed (CERTLAB_SERVER_COMPRESSION=off)', bareOff.url, siteOff.url, short);
} finally {
  chrome.kill();
  for (const s of started) s.close();
}
