/**
 * Issue 14, the inspector's part, in real Chromium at 1280 and 375 px: errors listed first and
 * louder than warnings with the count line counting both; a large bundle as a table whose rows
 * open into cards; the password prompt pointing at its field and clearing a wrong password; the
 * file button naming the chosen files; a host checked by every client against pasted roots or
 * the Mozilla list; Java keystores read by alias and asked whether a certificate is in them.
 * Fixtures: openssl (root -> ica -> ee, .p12) and the real keytool (JKS stores).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { makeChain, makeExtras, type Chain } from '../fixtures/inspect/openssl-chain.ts';
import { hasKeytool, makeJavaStores, STOREPASS, type JavaStores } from '../fixtures/inspect/java-keystores.ts';
import { issue, type Issued } from '../clients/pki.ts';

const HAVE_KEYTOOL = hasKeytool();
if (!HAVE_KEYTOOL) console.log('skipping the inspector keystore e2e test: keytool is absent (Debian package openjdk-17-jdk-headless)');

let site: Site;
let chain: Chain;
let stores: JavaStores | undefined;
// for the host check: hostRoot -> hostIca -> hostEe (SAN DNS:www.example.test), no name constraints
let hostRoot: Issued, hostIca: Issued, hostEe: Issued;
beforeAll(async () => {
  const now = Date.now();
  hostRoot = await issue({ cn: 'Certlab Host Root', ca: true }, now);
  hostIca = await issue({ cn: 'Certlab Host ICA', ca: true, issuer: hostRoot }, now);
  hostEe = await issue({ cn: 'www.example.test', issuer: hostIca, san: ['DNS:www.example.test'] }, now);
  chain = makeChain();
  makeExtras(chain);
  if (HAVE_KEYTOOL) stores = makeJavaStores();
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

const WIDTHS = [1280, 375] as const;

async function inspectorPage(width: number): Promise<Page> {
  const page = await site.page('/tools/inspector/', { viewport: { width, height: 900 } });
  await whenDefined(page, 'certlab-inspector');
  return page;
}
const runs = async (page: Page) => Number((await page.locator('certlab-inspector').getAttribute('data-runs')) ?? '0');
async function waitForRun(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.querySelector('certlab-inspector')?.getAttribute('data-runs') ?? 0) > n, before, { timeout: 60_000 });
}
async function inspectText(page: Page, value: string): Promise<void> {
  const before = await runs(page);
  await page.getByRole('textbox', { name: /Paste or drop/ }).fill(value);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await waitForRun(page, before);
}
async function chooseFiles(page: Page, files: { name: string; buffer: Buffer }[]): Promise<void> {
  const before = await runs(page);
  await page.locator('certlab-inspector input[type="file"]').setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
  await waitForRun(page, before);
}
const status = (page: Page) => page.locator('certlab-inspector [data-status]').textContent();

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } };
    return (await axe.run({ include: [['certlab-inspector']] }, { resultTypes: ['violations'] })).violations.map(
      (v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  });
}

describe.each(WIDTHS)('inspector at %i px (issue 14)', (width) => {
  it('lists errors first, styles them louder than warnings, and counts errors and warnings apart', async () => {
    const page = await inspectorPage(width);
    // ee + an ica with the right name and the wrong key (a broken signature: an error), an expired root's absence (warnings), and a damaged PEM block (an error)
    await inspectText(page, chain.pem.ee + readFileSync(chain.path('ica-rekeyed.pem'), 'utf8') + '-----BEGIN CERTIFICATE-----\nMIIB\n');
    const severities = await page.locator('certlab-inspector [data-severity]').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-severity')));
    const errors = severities.filter((s) => s === 'error').length;
    const warnings = severities.filter((s) => s === 'warning').length;
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(0);
    // errors, then warnings, then notes
    expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a!) - ['error', 'warning', 'info'].indexOf(b!)));
    const style = (sel: string) =>
      page
        .locator(`certlab-inspector ${sel}`)
        .first()
        .evaluate((e) => {
          const s = getComputedStyle(e);
          return { weight: Number(s.fontWeight), border: parseFloat(s.borderInlineStartWidth) };
        });
    // an error: bold with a 6 px red bar; a warning: normal weight with a 4 px amber bar
    expect([await style('[data-severity="error"]'), await style('[data-severity="warning"]')]).toEqual([
      { weight: 600, border: 6 },
      { weight: 400, border: 4 },
    ]);
    expect(await status(page)).toBe(`Found 2 certificates. ${errors} error${errors > 1 ? 's' : ''}, ${warnings} warning${warnings > 1 ? 's' : ''}.`);
  });

  it('shows a 144-certificate bundle as a table whose rows open into cards, not as 144 cards', async () => {
    const page = await inspectorPage(width);
    const box = page.getByRole('textbox', { name: /Paste or drop/ });
    await box.focus();
    const before = await runs(page);
    await box.evaluate((t: HTMLTextAreaElement, v) => (t.value = v), rootCertificates.join('\n'));
    await page.getByRole('button', { name: 'Inspect' }).click();
    await waitForRun(page, before);
    const rows = page.locator('certlab-inspector .insp-summary-table tbody tr');
    expect([await rows.count(), await page.locator('certlab-inspector article[data-kind]').count()]).toEqual([rootCertificates.length, 0]);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    // the 144 cards made a page of about 149,000 px; the table is a small part of that
    expect(height).toBeLessThan(30_000);
    const first = rows.first().getByRole('button');
    await first.click();
    expect([await first.getAttribute('aria-expanded'), await page.locator('certlab-inspector article[data-kind="certificate"]').count()]).toEqual(['true', 1]);
    await first.click();
    expect(await page.locator('certlab-inspector article[data-kind]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('asks for the .p12 password in the field above the message, and clears a wrong one', async () => {
    const page = await inspectorPage(width);
    await chooseFiles(page, [{ name: 'server.p12', buffer: readFileSync(chain.path('modern.p12')) }]);
    expect(await status(page)).toMatch(/Something is locked: type its password in the Password field above and press Inspect\.$/);
    const pw = page.getByLabel(/Password/);
    const [field, message] = [await pw.boundingBox(), await page.locator('certlab-inspector [data-status]').boundingBox()];
    expect(field!.y).toBeLessThan(message!.y);
    // the file button names the file; the browser's own "No file chosen" is nowhere on screen
    expect(await page.locator('certlab-inspector [data-file-names]').textContent()).toBe('1 file chosen:');
    expect(await page.locator('certlab-inspector [data-file-list]').textContent()).toMatch(/^server\.p12 \(\d+ bytes\)$/);
    expect(await page.locator('certlab-inspector').innerText()).not.toContain('No file chosen');
    let before = await runs(page);
    await pw.fill('not-the-password');
    await page.getByRole('button', { name: 'Inspect' }).click();
    await waitForRun(page, before);
    expect([await pw.inputValue(), await status(page)]).toEqual([
      '',
      expect.stringMatching(
        /Wrong password: it did not open the file\. The Password field above is now empty: type the password again and press Inspect\.$/,
      ) as string,
    ]);
    before = await runs(page);
    await pw.fill('s3cret');
    await page.getByRole('button', { name: 'Inspect' }).click();
    await waitForRun(page, before);
    expect(await page.locator('certlab-inspector article[data-kind]').evaluateAll((as) => as.map((a) => a.getAttribute('data-kind')))).toEqual([
      'pkcs12',
      'certificate',
      'certificate',
      'private-key',
    ]);
  });

  it('checks a host with every client against pasted roots, and against the Mozilla list', async () => {
    const page = await inspectorPage(width);
    await page.getByLabel('Host name or IP address the certificate is for').fill('www.example.test');
    await page.getByLabel('Roots to trust', { exact: true }).selectOption('pasted');
    await page.getByLabel('Roots to trust (PEM)').fill(hostRoot.pem);
    await inspectText(page, hostEe.pem + hostIca.pem);
    const cells = () =>
      page
        .locator('certlab-inspector .insp-host-table tbody tr')
        .evaluateAll((rs) =>
          rs.map((r) => [
            r.getAttribute('data-client'),
            r.querySelector('[data-name]')?.getAttribute('data-name'),
            r.querySelector('[data-connects]')?.getAttribute('data-connects'),
          ]),
        );
    const clients = ['openssl', 'curl', 'python', 'node', 'java', 'go', 'rustls', 'dotnet', 'chrome', 'firefox'];
    expect(await cells()).toEqual(clients.map((c) => [c, 'matches', 'yes']));
    expect(await page.getByRole('heading', { name: 'Host www.example.test' }).count()).toBe(1);

    // a name the certificate does not carry: refused by every client, each in its own words
    await page.getByLabel('Host name or IP address the certificate is for').fill('mail.example.test');
    await inspectText(page, hostEe.pem + hostIca.pem);
    expect(await cells()).toEqual(clients.map((c) => [c, 'mismatch', 'no']));
    await expect(page.locator('certlab-inspector .insp-host-table tr[data-client="go"] [data-connects]').textContent()).resolves.toContain(
      'x509: certificate is valid for',
    );

    // the Mozilla list (fetched from this site): the test root is not in it
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.getByLabel('Roots to trust', { exact: true }).selectOption('mozilla');
    await page.getByLabel('Host name or IP address the certificate is for').fill('www.example.test');
    await inspectText(page, hostEe.pem + hostIca.pem);
    expect(fetched).toEqual(['/trust/mozilla-roots.pem']);
    expect(await cells()).toEqual(clients.map((c) => [c, 'matches', 'no']));
    expect(await page.locator('certlab-inspector .insp-host p.insp-note').first().textContent()).toBe(
      `Trusted roots: the Mozilla root list (as Node and Python certifi ship it) (${rootCertificates.length} certificates). Each client checks the name with its own rule, then the whole chain.`,
    );
    // a version from the trust-store data (public/trust-stores), loaded only now
    fetched.length = 0;
    await page.getByLabel('Roots to trust', { exact: true }).selectOption('store:debian@13-20250419');
    await inspectText(page, hostEe.pem + hostIca.pem);
    expect(fetched.filter((p) => p.startsWith('/trust-stores/')).slice(0, 1)).toEqual(['/trust-stores/stores.json.gz']);
    expect(await cells()).toEqual(clients.map((c) => [c, 'matches', 'no']));
    expect(await page.locator('certlab-inspector .insp-host p.insp-note').first().textContent()).toBe(
      'Trusted roots: Debian ca-certificates 13-20250419 (148 certificates). Each client checks the name with its own rule, then the whole chain.',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it.skipIf(!HAVE_KEYTOOL)('reads a JKS keystore by alias with its store password, and answers whether a certificate is in it', async () => {
    const page = await inspectorPage(width);
    await chooseFiles(page, [{ name: 'store.jks', buffer: Buffer.from(stores!.bytes('store.jks')) }]);
    // without the password: every alias and certificate, the key still locked
    expect(await status(page)).toMatch(
      /^Found 1 Java keystore, 3 certificates\. (\d+ warnings?\. )?Something is locked: type its password in the Password field above/,
    );
    const before = await runs(page);
    await page.getByLabel(/Password/).fill(STOREPASS);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await waitForRun(page, before);
    const store = page.locator('certlab-inspector article[data-kind="keystore"]');
    await expect(store.locator('dd[data-field="Integrity"]').textContent()).resolves.toBe('verified with the store password');
    await expect(store.locator('dd[data-field="server"]').innerText()).resolves.toMatch(
      /^private key entry, created \d{4}-\d\d-\d\d\nkey: opened with the store password/,
    );
    await chooseFiles(page, [{ name: 'server.pem', buffer: Buffer.from(stores!.text('server.pem')) }]);
    await expect(page.locator('certlab-inspector [data-answer]').textContent()).resolves.toBe(
      'Yes: alias "server" in store.jks is this certificate (the chain of a private key entry, not a trusted entry).',
    );
    expect(await axeViolations(page)).toEqual([]);
  });
});
