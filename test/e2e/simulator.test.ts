/**
 * The broken-chain simulator in real Chromium: it loads nothing heavy with the page, clicking
 * a failure mode generates real certificates with the browser's WebCrypto, runs the validator
 * and shows each client's message; the chain picture marks the broken link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

async function simulatorPage(): Promise<Page> {
  const page = await site.page('/tools/simulator/');
  await whenDefined(page, 'certlab-simulator');
  return page;
}

/** Tick exactly these modes (by their visible labels) and wait for the run to finish. */
async function runModes(page: Page, labels: string[]): Promise<void> {
  const sim = page.locator('certlab-simulator').first();
  const before = Number((await sim.getAttribute('data-runs')) ?? '0');
  for (const l of labels) await sim.getByRole('checkbox', { name: l, exact: true }).check();
  await sim.getByRole('button', { name: 'Generate the certificates and connect' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('certlab-simulator')?.getAttribute('data-runs') ?? 0) > n, before, { timeout: 30_000 });
}

async function row(page: Page, client: string): Promise<{ verdict: string | null; message: string | null }> {
  const tr = page.locator(`certlab-simulator tr[data-client="${client}"]`);
  return { verdict: await tr.locator('[data-verdict]').getAttribute('data-verdict'), message: await tr.locator('pre').textContent() };
}

describe('simulator', () => {
  it('loads no certificate code before the reader acts', async () => {
    const page = await site.page('/tools/simulator/');
    const scripts: string[] = [];
    page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
    await whenDefined(page, 'certlab-simulator');
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    // The run module pulls in @peculiar/x509 and the validator: none of it is on the page yet.
    const heavy = await page.evaluate(async (urls) => {
      const texts = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
      return texts.some((t) => t.includes('X509CertificateGenerator') || t.includes('buildPaths'));
    }, before);
    expect(heavy).toBe(false);
    await runModes(page, []);
    expect(scripts.length).toBeGreaterThan(0);
  });

  it('healthy chain: openssl verify says OK and the picture has no broken link', async () => {
    const page = await simulatorPage();
    await runModes(page, []);
    expect(await row(page, 'openssl-verify')).toEqual({ verdict: 'connects', message: 'leaf.pem: OK' });
    await expect(page.locator('certlab-simulator .sim-link-broken').count()).resolves.toBe(0);
  });

  it('leaf only: error 20, the link above the leaf is broken, the fix serves fullchain.pem', async () => {
    const page = await simulatorPage();
    await runModes(page, ['Server sends leaf only']);
    expect(await row(page, 'openssl-verify')).toEqual({ verdict: 'fails',
      message: 'error 20 at 0 depth lookup: unable to get local issuer certificate\nerror leaf.pem: verification failed' });
    await expect(page.locator('certlab-simulator .sim-link-broken').textContent()).resolves.toBe('✗ Certlab Demo Issuing CA 1 was not sent by the server');
    await expect(page.locator('certlab-simulator [data-cause="incomplete-chain"] h4').textContent()).resolves.toBe('The server does not send its intermediate certificate');
    await expect(page.locator('certlab-simulator [data-file="fullchain.pem"]').count()).resolves.toBe(1);
  });

  it('modes combine: expired leaf + wrong host name', async () => {
    const page = await simulatorPage();
    await runModes(page, ['Expired leaf', 'Wrong host name']);
    // OpenSSL checks the name before the dates (check_id before internal_verify).
    expect((await row(page, 'openssl-verify')).message).toBe('error 62 at 0 depth lookup: hostname mismatch\nerror leaf.pem: verification failed');
  });

  it('downloads a real PEM certificate', async () => {
    const page = await simulatorPage();
    await runModes(page, []);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('certlab-simulator [data-file="leaf.pem"]').click()]);
    expect(download.suggestedFilename()).toBe('leaf.pem');
    const { readFile } = await import('node:fs/promises');
    const pem = await readFile((await download.path())!, 'utf8');
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
  });
});
