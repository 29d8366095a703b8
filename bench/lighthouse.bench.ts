/**
 * Lighthouse 13 performance score (mobile: its default form factor, simulated throttling) for
 * every lesson page of the built site, served statically from dist/client on 127.0.0.1, against
 * a bare Starlight page (test/fixtures/bare-starlight) measured in the same run.
 * Goal (issue 8): at least 0.95 on every lesson. Chromium is Debian's, with the tests' flags.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/chromium.ts';
import { sectionPages, serveStatic } from './static-site.ts';

const root = resolve(import.meta.dirname, '..');
const bare = join(root, 'test/fixtures/bare-starlight');
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
const GOAL = 0.95;

function build(dir: string): void {
  const res = spawnSync(process.execPath, [astro, 'build', '--root', dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`astro build failed in ${dir}:\n${res.stdout}\n${res.stderr}`);
}

process.env.CHROME_PATH = chromiumPath();
build(bare);
build(root);
const pages = sectionPages(join(root, 'dist/client'), 'lessons').filter((p) => p !== '/lessons/');
if (pages.length === 0) throw new Error('No lesson pages in dist/client/lessons: the build produced none.');

const bareSite = await serveStatic(join(bare, 'dist'));
const site = await serveStatic(join(root, 'dist/client'));
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags: CHROMIUM_ARGS });

async function performance(url: string): Promise<{ score: number; fcp: number; lcp: number; tbt: number }> {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const lhr = result?.lhr;
  const score = lhr?.categories.performance?.score;
  if (!lhr || typeof score !== 'number') {
    throw new Error(`Lighthouse gave no performance score for ${url}: ${lhr?.runtimeError?.message ?? 'no result'}`);
  }
  const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
  return { score, fcp: ms('first-contentful-paint'), lcp: ms('largest-contentful-paint'), tbt: ms('total-blocking-time') };
}

try {
  const reference = await performance(`${bareSite.url}/`);
  console.log(`bare Starlight page: performance ${reference.score.toFixed(2)} (FCP ${reference.fcp} ms, LCP ${reference.lcp} ms, TBT ${reference.tbt} ms)`);
  let worst = 1;
  const below: string[] = [];
  for (const path of pages) {
    const r = await performance(`${site.url}${path}`);
    worst = Math.min(worst, r.score);
    if (r.score < GOAL) below.push(path);
    console.log(
      `${path}: performance ${r.score.toFixed(2)}, ratio ${(r.score / reference.score).toFixed(2)}x bare (FCP ${r.fcp} ms, LCP ${r.lcp} ms, TBT ${r.tbt} ms)`,
    );
  }
  console.log(`worst lesson performance: ${worst.toFixed(2)} (goal >= ${GOAL})`);
  console.log(`lessons below goal: ${below.length ? below.join(', ') : 'none'}`);
} finally {
  chrome.kill();
  bareSite.server.close();
  site.server.close();
}
