/**
 * The broken-chain simulator in real Chromium: it loads nothing heavy with the page, clicking
 * a failure mode generates real certificates with the browser's WebCrypto, runs the validator
 * and shows each client's message; the chain picture marks the broken link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { FAILURE_MODES } from '../../src/core/sim/presets.ts';
import { verifyCodeByNumber } from '../../src/core/codes/verify-codes.ts';

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

/** axe-core violations inside `selector` (ids with node counts). */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  // evaluate(), not an inline <script>: the site's Content-Security-Policy blocks inline scripts.
  await page.evaluate(await readFile(axePath, 'utf8'));
  return page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const r = await axe.run({ include: [[sel]] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
  }, selector);
}

async function row(page: Page, client: string): Promise<{ verdict: string | null; message: string | null }> {
  const tr = page.locator(`certlab-simulator tr[data-client="${client}"]`);
  return { verdict: await tr.locator('[data-verdict]').getAttribute('data-verdict'), message: await tr.locator('pre').textContent() };
}

describe('simulator', () => {
  it('loads no certificate code before the reader acts', async () => {
    const page = await site.page('/tools/simulator/');
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await whenDefined(page, 'certlab-simulator');
    const before = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.js')),
    );
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
    expect(await row(page, 'openssl-verify')).toEqual({
      verdict: 'fails',
      message: 'error 20 at 0 depth lookup: unable to get local issuer certificate\nerror leaf.pem: verification failed',
    });
    expect(await row(page, 'python')).toEqual({
      verdict: 'fails',
      message: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
    });
    // Chrome fetches the intermediate from the certificate's AIA URL (answered from the generated chain).
    expect(await row(page, 'chrome')).toEqual({
      verdict: 'connects',
      message: 'connects (fetched C=US, O=Certlab Demo, CN=Certlab Demo Issuing CA 1 from the AIA URL)',
    });
    await expect(page.locator('certlab-simulator tr[data-client="openssl"] pre').textContent()).resolves.toContain(
      'Verify return code: 21 (unable to verify the first certificate)',
    );
    await expect(page.locator('certlab-simulator .sim-link-broken').textContent()).resolves.toBe('✗ Certlab Demo Issuing CA 1 was not sent by the server');
    await expect(page.locator('certlab-simulator [data-cause="incomplete-chain"] :is(h3, h4)').textContent()).resolves.toBe(
      'The server does not send its intermediate certificate',
    );
    await expect(page.locator('certlab-simulator [data-file="fullchain.pem"]').count()).resolves.toBe(1);
  });

  it('modes combine: expired leaf + wrong host name', async () => {
    const page = await simulatorPage();
    await runModes(page, ['Expired leaf', 'Wrong host name']);
    // OpenSSL checks the name before the dates (check_id before internal_verify).
    expect((await row(page, 'openssl-verify')).message).toBe('error 62 at 0 depth lookup: hostname mismatch\nerror leaf.pem: verification failed');
  });

  it('SAN missing: Go and the browsers refuse what OpenSSL accepts', async () => {
    const page = await simulatorPage();
    await runModes(page, ['SAN missing (CN only)']);
    const verdicts = await page
      .locator('certlab-simulator tr[data-client]')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-client')}:${r.querySelector('[data-verdict]')?.getAttribute('data-verdict')}`));
    expect(verdicts).toEqual([
      'openssl-verify:connects',
      'openssl:connects',
      'curl:connects',
      'python:connects',
      'node:connects',
      'java:connects',
      'go:fails',
      'rustls:fails',
      'dotnet:connects',
      'chrome:fails',
      'firefox:fails',
    ]);
    expect(await row(page, 'chrome')).toEqual({ verdict: 'fails', message: 'NET::ERR_CERT_COMMON_NAME_INVALID' });
  });

  it("RSA-1024 and SHA-1 certificates are generated by Chromium's WebCrypto and judged", async () => {
    const page = await simulatorPage();
    await runModes(page, ['RSA-1024 key', 'SHA-1 signature']);
    // OpenSSL reports the weak key first (check_auth_level before signatures).
    expect((await row(page, 'openssl-verify')).message).toBe('error 66 at 0 depth lookup: EE certificate key too weak\nerror leaf.pem: verification failed');
    // Captured with Chromium 156 by the clients' harness: a SHA-1 leaf under a local root is CERT_INVALID.
    expect((await row(page, 'chrome')).message).toBe('NET::ERR_CERT_INVALID');
  });

  it('works from the keyboard alone, with RSA-2048 keys chosen', async () => {
    const page = await simulatorPage();
    const sim = page.locator('certlab-simulator').first();
    await sim.getByRole('checkbox', { name: 'Server sends leaf only', exact: true }).focus();
    await page.keyboard.press('Space');
    await sim.getByRole('combobox', { name: 'Keys' }).focus();
    await page.keyboard.press('ArrowDown'); // P-384
    await page.keyboard.press('ArrowDown'); // RSA-2048
    await sim.getByRole('button', { name: 'Generate the certificates and connect' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('certlab-simulator')?.getAttribute('data-runs') ?? 0) > 0, undefined, { timeout: 30_000 });
    expect((await row(page, 'openssl-verify')).message).toBe(
      'error 20 at 0 depth lookup: unable to get local issuer certificate\nerror leaf.pem: verification failed',
    );
    const sigalg = await page.locator('certlab-simulator .sim-showcerts pre').textContent();
    expect(sigalg).toContain('a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA256');
  });

  it('Chromium signs with RSASSA-PKCS1-v1_5 + SHA-1 (RSA hierarchy, SHA-1 mode)', async () => {
    const page = await simulatorPage();
    await page.locator('certlab-simulator select[name="key"]').first().selectOption('RSA-2048');
    await runModes(page, ['SHA-1 signature']);
    expect((await row(page, 'openssl-verify')).message).toBe(
      'error 68 at 0 depth lookup: CA signature digest algorithm too weak\nerror leaf.pem: verification failed',
    );
    await expect(page.locator('certlab-simulator .sim-showcerts pre').textContent()).resolves.toContain('sigalg: RSA-SHA1');
  });

  it('has no axe-core violations in the results', async () => {
    const page = await simulatorPage();
    await runModes(page, ['Server sends leaf only']);
    const violations = await axeViolations(page, 'certlab-simulator');
    expect(violations).toEqual([]);
  });

  it('an embedded simulator opens with its preset ticked and only its modes offered', async () => {
    // The first simulator of the lesson "Why it breaks": <Simulator preset="leaf-only" modes="leaf-only,root-included,wrong-order" />
    const page = await site.page('/lessons/why-it-breaks/');
    await whenDefined(page, 'certlab-simulator');
    const embedded = page.locator('certlab-simulator').first();
    const offered = await embedded
      .locator('input[name="mode"]')
      .evaluateAll((inputs) => inputs.map((i) => `${(i as HTMLInputElement).value}:${(i as HTMLInputElement).checked}`));
    expect(offered).toEqual(['leaf-only:true', 'wrong-order:false', 'root-included:false']);
    await embedded.getByRole('button', { name: 'Generate the certificates and connect' }).click();
    await page.waitForFunction(() => document.querySelector('certlab-simulator')?.getAttribute('data-runs') === '1', undefined, { timeout: 30_000 });
    await expect(embedded.locator('tr[data-client="chrome"] [data-verdict]').getAttribute('data-verdict')).resolves.toBe('connects');
    await expect(embedded.locator('tr[data-client="python"] [data-verdict]').getAttribute('data-verdict')).resolves.toBe('fails');
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

describe('every failure mode, clicked in Chromium, shows the codes real openssl gives (test/sim/openssl-agreement)', () => {
  let page: Page;
  beforeAll(async () => {
    page = await simulatorPage();
  });
  for (const mode of FAILURE_MODES) {
    it(`${mode.id}: openssl verify ${mode.openssl.code}, s_client ${mode.sClient}`, async () => {
      const sim = page.locator('certlab-simulator').first();
      await sim.locator('input[name="mode"]').evaluateAll((inputs) =>
        inputs.forEach((i) => {
          (i as HTMLInputElement).checked = false;
        }),
      );
      await runModes(page, [mode.label]);
      const verify =
        mode.openssl.code === 0
          ? 'leaf.pem: OK'
          : `error ${mode.openssl.code} at ${mode.openssl.depth} depth lookup: ${verifyCodeByNumber(mode.openssl.code).code!.text}\nerror leaf.pem: verification failed`;
      expect((await row(page, 'openssl-verify')).message).toBe(verify);
      const sClient = await row(page, 'openssl');
      if (mode.handshake) {
        expect(sClient).toEqual({ verdict: 'fails', message: 'error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required' });
      } else if (mode.sClient === 0) {
        expect(sClient.verdict).toBe('connects');
      } else {
        expect(sClient.message).toContain(`Verify return code: ${mode.sClient} (${verifyCodeByNumber(mode.sClient).code!.text})`);
      }
    });
  }
});

describe('sandbox', () => {
  async function sandboxPage(hash = ''): Promise<{ page: Page; requests: string[] }> {
    const page = await site.page(`/sandbox/${hash}`);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await whenDefined(page, 'certlab-sandbox');
    return { page, requests };
  }
  const runSandbox = async (page: Page) => {
    const before = Number((await page.locator('certlab-sandbox').getAttribute('data-runs')) ?? '0');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction((n) => Number(document.querySelector('certlab-sandbox')?.getAttribute('data-runs') ?? 0) > n, before, { timeout: 30_000 });
  };

  it('runs a preset from the textarea, then keeps the scenario in the URL', async () => {
    const { page } = await sandboxPage();
    await page.getByLabel('Preset').selectOption('private-ca');
    await runSandbox(page);
    const tr = page.locator('certlab-sandbox tr[data-client="openssl-verify"]');
    await expect(tr.locator('pre').textContent()).resolves.toBe(
      'error 20 at 1 depth lookup: unable to get local issuer certificate\nerror leaf.pem: verification failed',
    );
    const url = page.url();
    expect(url).toMatch(/#scenario=[A-Za-z0-9_-]+$/);
    expect(Buffer.from(url.split('#scenario=')[1]!, 'base64url').toString('utf8')).not.toContain('PRIVATE KEY');
    // The link reproduces the same scenario on a fresh page.
    const again = await sandboxPage(`#${url.split('#')[1]}`);
    await runSandbox(again.page);
    await expect(again.page.locator('certlab-sandbox tr[data-client="openssl-verify"] pre').textContent()).resolves.toBe(
      'error 20 at 1 depth lookup: unable to get local issuer certificate\nerror leaf.pem: verification failed',
    );
  });

  it('Copy a link puts the current scenario in the address and in a field', async () => {
    const { page } = await sandboxPage('#modes=wrong-host');
    await page.getByRole('button', { name: 'Copy a link to this scenario' }).click();
    const link = await page.getByRole('textbox', { name: 'Link to this scenario' }).inputValue();
    expect(link).toBe(page.url());
    const json = JSON.parse(Buffer.from(link.split('#scenario=')[1]!, 'base64url').toString('utf8')) as { host: string };
    expect(json.host).toBe('api.certlab.test');
  });

  it('reports a broken scenario with the place and what was expected', async () => {
    const { page } = await sandboxPage();
    await page.getByLabel('Scenario (JSON)').fill('{"version": 1, "host": "a.test", "certificates": [], "serverSends": ["x"], "trustStore": []}');
    await runSandbox(page);
    await expect(page.locator('certlab-sandbox [data-output] [role="alert"]').textContent()).resolves.toBe(
      '/certificates: received 0 items. Expected at least 1.',
    );
  });

  it('loads Monaco only when the editor is opened, with schema validation', async () => {
    const { page, requests } = await sandboxPage();
    await page.waitForLoadState('networkidle');
    expect(requests.filter((u) => /monaco|editor\.worker|json\.worker/i.test(u))).toEqual([]);
    await page.getByRole('button', { name: 'Open the editor' }).click();
    await page.waitForSelector('certlab-sandbox .monaco-editor', { timeout: 30_000 });
    expect(await page.locator('certlab-sandbox').getAttribute('data-editor')).toBe('monaco');
    // A wrong key type is underlined by the schema (a marker with the allowed values).
    await page.locator('certlab-sandbox .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(
      '{"version": 1, "host": "a.test", "certificates": [{"id": "r", "issuer": "r", "subject": {}, "validity": {"notBefore": -1, "notAfter": 9}, "key": "',
    );
    // Completion offers the schema's values for "key".
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.monaco-editor .suggest-widget .monaco-list-row:has-text("P-384")', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    await page.keyboard.insertText('RSA-4096"}], "serverSends": ["r"], "trustStore": []}');
    await page.waitForSelector('certlab-sandbox .monaco-editor .squiggly-warning, certlab-sandbox .monaco-editor .squiggly-error', { timeout: 20_000 });
    // Hover help comes from the schema's descriptions.
    await page.locator('certlab-sandbox .view-lines span', { hasText: /^"key"$/ }).hover();
    await page.waitForSelector('.monaco-hover-content:has-text("Key of this certificate")', { timeout: 20_000 });
    await runSandbox(page);
    await expect(page.locator('certlab-sandbox [data-output] [role="alert"]').textContent()).resolves.toBe(
      '/certificates/0/key: received "RSA-4096". Expected one of "P-256", "P-384", "RSA-2048", "RSA-1024".',
    );
  });

  it('has no axe-core violations after a run', async () => {
    const { page } = await sandboxPage('#modes=expired-intermediate');
    await runSandbox(page);
    expect(await axeViolations(page, 'certlab-sandbox')).toEqual([]);
  });

  it('Monaco stylesheets stay off other pages (lesson, simulator)', async () => {
    for (const path of ['/lessons/chain-of-trust/', '/tools/simulator/']) {
      const page = await site.page(path);
      const sheets = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => (l as HTMLLinkElement).href));
      const monacoCss = await page.evaluate(async (hrefs) => {
        const texts = await Promise.all(hrefs.map(async (h) => (await fetch(h)).text()));
        return hrefs.filter((_, i) => texts[i]!.includes('.monaco-editor'));
      }, sheets);
      expect({ path, monacoCss }).toEqual({ path, monacoCss: [] });
    }
  });

  it('explains itself without JavaScript', async () => {
    const page = await site.page('/sandbox/', { javaScriptEnabled: false });
    await expect(page.locator('certlab-sandbox noscript').count()).resolves.toBe(1);
    await expect(page.getByText('The scenario format').count()).resolves.toBe(1);
    await expect(page.locator('certlab-sandbox textarea').inputValue()).resolves.toContain('"serverSends"');
  });
});
