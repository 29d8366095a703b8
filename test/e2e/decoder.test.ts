/**
 * The error decoder in real Chromium: the code table reads without JavaScript, the decoder
 * loads only when the reader acts, works from the keyboard, shows pasted text as text, says
 * when a text is ambiguous, and the reference pages generated from the table link back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { CAUSE_LIST } from '../../src/core/causes/causes.ts';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

async function decoderPage(): Promise<Page> {
  const page = await site.page('/tools/decoder/');
  await whenDefined(page, 'certlab-decoder');
  return page;
}

async function decodeText(page: Page, text: string): Promise<void> {
  const before = Number((await page.locator('certlab-decoder').getAttribute('data-decoded')) ?? '0');
  await page.getByRole('textbox', { name: /Paste an error/ }).fill(text);
  await page.getByRole('textbox', { name: /Paste an error/ }).press('Control+Enter');
  await page.waitForFunction((n) => Number(document.querySelector('certlab-decoder')?.getAttribute('data-decoded') ?? 0) > n, before);
}

describe('error decoder', () => {
  it('lists every verify code without JavaScript, each linking to its reference page', async () => {
    const page = await site.page('/tools/decoder/', { javaScriptEnabled: false });
    const rows = page.locator('certlab-decoder tbody tr[data-code]');
    expect(await rows.count()).toBe(105);
    expect(await page.locator('a[href="/reference/verify/21/"]').first().textContent()).toBe('21');
    expect(await page.locator('noscript').first().textContent()).toContain('certlab -- decode');
  });

  it('loads the decoder only on first interaction', async () => {
    const page = await decoderPage();
    const before = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.endsWith('.js')),
    );
    const hasDecoder = await page.evaluate(async (urls) => {
      const texts = await Promise.all(urls.map(async (u) => (await fetch(u)).text()));
      return texts.some((t) => t.includes('PKIX path building failed'));
    }, before);
    expect(hasDecoder).toBe(false);
  });

  it('decodes from the keyboard and links the code to its reference page', async () => {
    const page = await decoderPage();
    await decodeText(page, '21');
    const card = page.locator('.decoder-card');
    expect(await card.getAttribute('data-cause')).toBe('incomplete-chain');
    // 21 is most often a missing intermediate, but a two-tier private CA or a proxy prints it too
    expect(await card.getAttribute('data-confidence')).toBe('medium');
    // ... so the heading names both owners instead of blaming the server (issue 15)
    expect(await card.locator('h3').textContent()).toBe(
      "The server does not send its intermediate, or this client lacks a private root that signs directly: the leaf's issuer decides",
    );
    expect(await card.locator('a[href="/reference/verify/21/"]').textContent()).toBe('21 X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(await page.getByRole('status').first().textContent()).toBe(
      "The server does not send its intermediate, or this client lacks a private root that signs directly: the leaf's issuer decides, OpenSSL code 21.",
    );
  });

  it('says when a text is ambiguous and lists the other causes', async () => {
    const page = await decoderPage();
    await page.getByRole('button', { name: 'Java', exact: true }).click();
    await page.waitForSelector('.decoder-card');
    const card = page.locator('.decoder-card');
    expect(await card.getAttribute('data-confidence')).toBe('ambiguous');
    expect(await card.locator('.decoder-candidates li').evaluateAll((lis) => lis.map((l) => l.getAttribute('data-cause')))).toEqual([
      'unknown-ca',
      'incomplete-chain',
      'outdated-client-store',
    ]);
    expect(await card.locator('.decoder-tell').count()).toBe(3);
    expect(await card.locator('.decoder-badge').nth(1).textContent()).toBe('printed by: Java (JSSE)');
    expect(await card.locator('.decoder-need-command').textContent()).toBe('openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null');
  });

  it('asks for the chain, then decides from the pasted s_client output', async () => {
    const page = await decoderPage();
    await page.getByText('Add evidence from the same machine (optional)').click();
    await page
      .getByLabel(/It decides between the candidates/)
      .fill(
        [
          'CONNECTED(00000003)',
          '---',
          'Certificate chain',
          ' 0 s:CN = shop.example.com',
          "   i:C = US, O = Let's Encrypt, CN = R11",
          '---',
          'Verify return code: 21 (unable to verify the first certificate)',
        ].join('\n'),
      );
    await decodeText(page, 'curl: (60) SSL certificate problem: unable to get local issuer certificate');
    const card = page.locator('.decoder-card');
    expect(await card.getAttribute('data-cause')).toBe('incomplete-chain');
    expect(await card.getAttribute('data-confidence')).toBe('high');
    expect(await card.locator('.decoder-evidence').textContent()).toBe(
      'Evidence (s_client): The server sends only its own certificate; its issuer "C = US, O = Let\'s Encrypt, CN = R11" is an intermediate CA the server must send too.',
    );
    expect(await card.locator('.decoder-need-command').count()).toBe(0);
    expect(await card.locator('.decoder-badge').allTextContents()).toEqual(['confidence: high', 'printed by: curl']);
  });

  it('shows pasted markup as text, and takes the host into the confirm command', async () => {
    const page = await decoderPage();
    await decodeText(
      page,
      '<img src=x onerror="document.title=1"> https://shop.example.com/ x509: certificate has expired or is not yet valid: current time 2026-01-01T00:00:00Z is after 2025-12-01T00:00:00Z',
    );
    const card = page.locator('.decoder-card');
    expect(await card.locator('img').count()).toBe(0);
    expect(await card.getAttribute('data-cause')).toBe('expired');
    // who printed it, by the product's name (not the internal id "go")
    expect(await card.locator('.decoder-badge').allTextContents()).toEqual([
      'confidence: medium: the likely reading, with the others it could be',
      'printed by: Go (crypto/tls)',
    ]);
    expect(await card.locator('.decoder-next').textContent()).toContain('openssl s_client -connect shop.example.com:443 -servername shop.example.com');
  });

  it('filters the table as you type', async () => {
    const page = await decoderPage();
    await page.getByRole('searchbox', { name: 'Search the table' }).fill('expired');
    expect(await page.locator('[data-count]').textContent()).toBe('3 of 105 codes match.');
  });

  it('reference pages say when a number meant another code in OpenSSL 1.1.1', async () => {
    const page = await site.page('/reference/verify/24/');
    expect(await page.locator('h1').textContent()).toBe('24 NO_ISSUER_PUBLIC_KEY');
    const note = page.getByRole('note');
    expect(await note.textContent()).toContain('in OpenSSL 1.1.1 it means X509_V_ERR_INVALID_CA');
    expect(await note.locator('a').getAttribute('href')).toBe('/reference/verify/79/');
  });

  it("every cause's lesson anchor exists on the lesson page, where that lesson is written", async () => {
    const missing: string[] = [];
    let checked = 0;
    for (const c of CAUSE_LIST) {
      const [page, anchor] = c.lesson.split('#');
      const res = await fetch(new URL(`/lessons/${page}/`, site.baseUrl));
      if (res.status === 404) continue; // lesson not written yet
      checked++;
      const html = await res.text();
      if (anchor && !html.includes(`id="${anchor}"`)) missing.push(c.lesson);
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
