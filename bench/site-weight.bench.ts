/**
 * First-load JavaScript per page, in real Chromium: the gzip bytes of every script a page
 * loads before any interaction, for each lesson and tool page and for a bare Starlight page
 * (test/fixtures/bare-starlight) built in the same run. Goal: at most 2x the bare page, and
 * no monaco code on lesson pages.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/chromium.ts';
import { sectionPages, serveStatic } from './static-site.ts';

const root = resolve(import.meta.dirname, '..');
const bare = join(root, 'test/fixtures/bare-starlight');
const astro = join(root, 'node_modules/astro/bin/astro.mjs');

function build(dir: string): void {
  const res = spawnSync(process.execPath, [astro, 'build', '--root', dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`astro build failed in ${dir}:\n${res.stdout}\n${res.stderr}`);
}

/** Pages of the built site whose weight we report: lessons, tools, the sandbox. */
function sitePages(): string[] {
  const client = join(root, 'dist/client');
  return [...sectionPages(client, 'lessons'), ...sectionPages(client, 'tools'), ...sectionPages(client, 'sandbox')];
}

async function firstLoadJs(browser: import('playwright-core').Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: { url: string; gzip: number }[] = [];
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    try {
      scripts.push({ url: res.url(), gzip: gzipSync(await res.body(), { level: 9 }).length });
    } catch {
      /* body unavailable (redirect) */
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await context.close();
  return { gzip: scripts.reduce((a, s) => a + s.gzip, 0), scripts };
}

build(bare);
build(root);
const bareSite = await serveStatic(join(bare, 'dist'));
const site = await serveStatic(join(root, 'dist/client'));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const reference = await firstLoadJs(browser, `${bareSite.url}/`);
  console.log(`bare Starlight page: ${reference.gzip} B gzip JS on first load`);
  let worst = 0;
  for (const path of sitePages()) {
    const { gzip, scripts } = await firstLoadJs(browser, `${site.url}${path}`);
    const monaco = scripts.filter((s) => /monaco|editor\.worker/i.test(s.url)).length;
    const ratio = gzip / reference.gzip;
    worst = Math.max(worst, path.startsWith('/lessons/') ? ratio : 0);
    console.log(`${path}: ${gzip} B gzip JS on first load, ratio ${ratio.toFixed(2)}x bare${monaco ? `, ${monaco} monaco scripts` : ''}`);
  }
  console.log(`worst lesson ratio: ${worst.toFixed(2)}x (goal <= 2x)`);
} finally {
  await browser.close();
  bareSite.server.close();
  site.server.close();
}
