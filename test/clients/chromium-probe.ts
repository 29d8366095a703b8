/**
 * Loads https://HOST:PORT/ (HOST resolved to 127.0.0.1 only) in Debian's Chromium with a fresh
 * profile whose NSS database trusts the given CA file, and prints "OK" or the network error
 * Chromium reports (e.g. "net::ERR_CERT_DATE_INVALID at https://localhost:PORT/").
 *
 *   ./node_modules/.bin/node test/clients/chromium-probe.ts HOST PORT CAFILE
 *
 * Needs /usr/bin/chromium and certutil (Debian package libnss3-tools).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.ts';

const [host, port, caFile] = process.argv.slice(2);
const home = mkdtempSync(join(tmpdir(), 'certlab-chromium-'));
const db = join(home, '.pki', 'nssdb');
mkdirSync(db, { recursive: true });
const certutil = (args: string[]) => {
  const r = spawnSync('certutil', ['-d', `sql:${db}`, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`certutil ${args.join(' ')} failed: ${r.stderr}`);
};
certutil(['-N', '--empty-password']);
certutil(['-A', '-t', 'C,,', '-n', 'certlab-test-anchor', '-i', caFile]);

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${host} 127.0.0.1`],
  env: { ...process.env, HOME: home },
});
try {
  const page = await browser.newPage();
  await page.goto(`https://${host}:${port}/`, { timeout: 15_000 });
  console.log('OK');
} catch (e) {
  console.log((e as Error).message.split('\n')[0].replace(/^page\.goto: /, ''));
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(home, { recursive: true, force: true });
}
