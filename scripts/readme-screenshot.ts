/**
 * Regenerates docs/screenshot.png for the README: the first lesson's certificate reader
 * with the python.org leaf pasted. Needs a built site (`npm run build`) and Debian's Chromium.
 * Run: ./node_modules/.bin/node scripts/readme-screenshot.ts
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/chromium.ts';

const root = resolve(import.meta.dirname, '..');
const port = 4390;
const server = spawn(process.execPath, [join(root, 'dist/server/entry.mjs')], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) } });
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`http://127.0.0.1:${port}/lessons/chain-of-trust/`);
  await page.waitForFunction(() => customElements.get('certlab-cert-summary'));
  const chain = readFileSync(join(root, 'public/examples/python-org-fullchain.pem'), 'utf8');
  const leaf = chain.slice(0, chain.indexOf('-----END CERTIFICATE-----') + 25);
  const box = page.locator('certlab-cert-summary');
  await box.locator('textarea').fill(leaf);
  await box.locator('[data-field="subject"]').waitFor();
  await box.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 180));
  await page.screenshot({ path: join(root, 'docs/screenshot.png') });
  await browser.close();
} finally {
  server.kill();
}
