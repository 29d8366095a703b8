/**
 * The fix panel (issue #14, items 2 and 5) in real Chromium, at 1280 and 375 px:
 * - under a probe report: the built site's /api/probe (CERTLAB_PROBE_ALLOW_PRIVATE=1) probes a
 *   node:tls server on 127.0.0.1 port 6697 (a default probe port) that sends its chain out of
 *   order and with the root: [leaf, ica1, ica2, root]. The panel must offer leaf, ica2, ica1 as
 *   fullchain.pem, leave the root out, give the server configuration and the failing clients'
 *   trust commands, and probe again.
 * - under an inspection: the same certificates pasted, built in the browser with no request.
 *
 *   root "Probe Test Root" -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { createServer, type Server } from 'node:http';
import { type TestCert, type TestPki, issueLeaf, makeTestPki } from '../probe/pki.ts';
import { type Running, startNodeTls } from '../probe/servers.ts';

const PORT = 6697;
/** A server that already sends the right chain: [leaf, ica2, ica1]. */
const GOOD_PORT = 5061;
const AXE = join(resolve(import.meta.dirname, '../..'), 'node_modules/axe-core/axe.min.js');
let site: Site;
let pki: TestPki;
let server: Running;
let good: Running;
let aiaLeaf: TestCert;

/**
 * The inspector's AIA fetch goes through /api/aia under the probe's rules, which allow AIA on
 * ports 80 and 8080 only: an HTTP server on 127.0.0.1 (80, else 8080) serves ica2. Skipped,
 * with the reason, when neither port can be had.
 */
function listenAia(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const s = createServer((req, res) => {
      if (req.url === '/certlab-fix-e2e/ica2.der' && pki) res.writeHead(200).end(Buffer.from(pki.ica2.der));
      else res.writeHead(404).end();
    });
    s.once('error', () => resolve(undefined));
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}
const aiaHttp = (await listenAia(80)) ?? (await listenAia(8080));
if (!aiaHttp) console.log("skipped: the inspector's AIA fetch needs 127.0.0.1:80 or :8080, and both are in use");
const aiaPort = (aiaHttp?.address() as { port: number } | null)?.port ?? 80;
const AIA_URL = `http://127.0.0.1${aiaPort === 80 ? '' : `:${aiaPort}`}/certlab-fix-e2e/ica2.der`;

beforeAll(async () => {
  pki = makeTestPki();
  server = await startNodeTls({ chain: [pki.leaf, pki.ica1, pki.ica2, pki.root], key: pki.leaf, port: PORT });
  aiaLeaf = issueLeaf(pki, 'aia-leaf', { aiaUrl: AIA_URL });
  good = await startNodeTls({ chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf, port: GOOD_PORT });
  site = await openSite();
});
afterAll(async () => {
  await new Promise((ok) => (aiaHttp ? aiaHttp.close(ok) : ok(undefined)));
  await site?.close();
  await server?.close();
  await good?.close();
  pki?.cleanup();
});

const WIDTHS = [1280, 375];

async function probed(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.querySelector('certlab-probe')?.getAttribute('data-probed') ?? 0) > n, before, { timeout: 30_000 });
}

/** Serious or critical axe-core findings inside the panel. */
async function axeOnPanel(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    type V = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: V[] }> } }).axe;
    const r = await axe.run(document.querySelector('certlab-fix')!, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

async function downloaded(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('certlab-fix').getByRole('button', { name: 'Download the chain to serve (fullchain.pem)' }).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

async function inspectorPage(width: number): Promise<Page> {
  const page = await site.page('/tools/inspector/', { viewport: { width, height: 900 } });
  await whenDefined(page, 'certlab-inspector');
  await page.getByRole('textbox', { name: /Paste or drop/ }).focus();
  await page.waitForFunction(() => document.querySelector('certlab-inspector')?.getAttribute('data-loaded') === 'true');
  return page;
}

/** Pastes and lets the inspector run once on its own (it runs 300 ms after typing), so the panel is not replaced by a second run. */
async function pasteAndRun(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: /Paste or drop/ }).fill(text);
  await page.waitForFunction(() => Number(document.querySelector('certlab-inspector')?.getAttribute('data-runs') ?? 0) > 0, undefined, { timeout: 30_000 });
}

/** The page is no wider than the window (nothing scrolls sideways at 375 px). */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe.each(WIDTHS)('fix panel at %i px', (width) => {
  it('under a probe report: the chain in order without the root, fullchain.pem, the configuration, client commands, probe again', async () => {
    const page = await site.page(`/tools/probe/?host=127.0.0.1&port=${PORT}&servername=probe.test`, { viewport: { width, height: 900 } });
    await whenDefined(page, 'certlab-probe');
    await probed(page, 0);
    const panel = page.locator('certlab-fix');
    await panel.waitFor();
    expect(await panel.getAttribute('data-ok')).toBe('true');
    expect(await panel.locator('[data-already-served]').count()).toBe(0);
    expect(await panel.locator('.fix-chain li strong').allTextContents()).toEqual([
      'O=certlab tests, CN=probe.test',
      'O=certlab tests, CN=Probe Test ICA 2',
      'O=certlab tests, CN=Probe Test ICA 1',
    ]);
    expect(await panel.locator('.fix-dropped li').allTextContents()).toEqual([
      'O=certlab tests, CN=Probe Test Root: a root: clients already hold it in their trust store, so it is not served.',
    ]);
    expect(await panel.locator('[data-fix-verification]').textContent()).toMatch(
      /^Verified: 0 ok, against the root given \(O=certlab tests, CN=Probe Test Root\) \(not a root of .+\), as a client that fetches nothing sees it\.$/,
    );
    expect(await downloaded(page)).toEqual({ name: 'fullchain.pem', text: pki.leaf.pem + pki.ica2.pem + pki.ica1.pem });

    // The server picker: nginx first, then HAProxy's lines.
    expect(await panel.locator('pre[id$="-config"]').textContent()).toBe(
      'ssl_certificate     /etc/ssl/probe.test/fullchain.pem;\nssl_certificate_key /etc/ssl/probe.test/privkey.pem;',
    );
    await panel.getByLabel('Your server').selectOption('haproxy');
    expect(await panel.locator('pre[id$="-config"]').textContent()).toBe(
      'cat /etc/ssl/probe.test/fullchain.pem /etc/ssl/probe.test/privkey.pem > /etc/ssl/probe.test/haproxy.pem\n\nfrontend https\n    bind :443 ssl crt /etc/ssl/probe.test/haproxy.pem',
    );
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.getByRole('button', { name: 'Copy configuration' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('bind :443 ssl crt /etc/ssl/probe.test/haproxy.pem');

    // The failing clients (the test root is in no store) and their exact commands.
    const clients = await panel.getByLabel('Client').locator('option').allTextContents();
    expect(clients).toEqual(['openssl', 'curl', 'python', 'node', 'java', 'go', 'rustls', 'dotnet', 'chrome', 'firefox', 'docker', 'git']);
    await panel.getByLabel('Client').selectOption('java');
    expect(await panel.locator('[data-client-fix] pre').first().textContent()).toBe(
      'keytool -importcert -noprompt -trustcacerts -alias probe.test-ca -file /path/to/ca.pem -cacerts -storepass changeit',
    );
    await panel.getByLabel('Client').selectOption('docker');
    expect(await panel.locator('[data-client-fix] pre').textContent()).toBe(
      `sudo mkdir -p /etc/docker/certs.d/probe.test:${PORT}\nsudo cp /path/to/ca.pem /etc/docker/certs.d/probe.test:${PORT}/ca.crt`,
    );

    expect(await axeOnPanel(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);

    await panel.getByRole('button', { name: 'Probe again' }).click();
    await probed(page, 1);
    expect(await page.locator('certlab-fix .fix-chain li').count()).toBe(3);
  });

  it('under a probe report of a server that already sends the right chain: says so', async () => {
    const page = await site.page(`/tools/probe/?host=127.0.0.1&port=${GOOD_PORT}&servername=probe.test`, { viewport: { width, height: 900 } });
    await whenDefined(page, 'certlab-probe');
    await probed(page, 0);
    const panel = page.locator('certlab-fix');
    await panel.waitFor();
    expect(await panel.locator('[data-already-served]').textContent()).toBe(
      'The server already sends exactly this chain, in this order: nothing to change in it.',
    );
    expect(await panel.locator('.fix-chain li').count()).toBe(3);
  });

  it('under an inspection: built in the browser, no request; the link probes the leaf host', async () => {
    const page = await inspectorPage(width);
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await pasteAndRun(page, [pki.root, pki.ica1, pki.leaf, pki.other, pki.ica2].map((c) => c.pem).join(''));
    const panel = page.locator('certlab-fix');
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.locator('.fix-chain li strong').allTextContents()).toEqual([
      'O=certlab tests, CN=probe.test',
      'O=certlab tests, CN=Probe Test ICA 2',
      'O=certlab tests, CN=Probe Test ICA 1',
    ]);
    expect(await panel.locator('.fix-dropped li strong').allTextContents()).toEqual([
      'O=certlab tests, CN=Probe Test Root',
      'O=certlab tests, CN=Unrelated Test CA',
    ]);
    expect(await panel.locator('[data-fix-verification]').textContent()).toBe(
      'Verified: 0 ok, against the root given (O=certlab tests, CN=Probe Test Root), as a client that fetches nothing sees it.',
    );
    expect(await downloaded(page)).toEqual({ name: 'fullchain.pem', text: pki.leaf.pem + pki.ica2.pem + pki.ica1.pem });
    expect(await panel.getByRole('link', { name: /Probe probe\.test again/ }).getAttribute('href')).toBe('/tools/probe/?host=probe.test');
    const origin = new URL(site.baseUrl).origin;
    expect(requests.filter((r) => !(r.method() === 'GET' && r.url().startsWith(`${origin}/_astro/`)) && !r.url().startsWith('blob:'))).toEqual([]);
    expect(await axeOnPanel(page)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
  });

  it('under an inspection, a leaf alone: the missing intermediate is named', async () => {
    const page = await inspectorPage(width);
    await pasteAndRun(page, pki.leaf.pem);
    const failure = page.locator('certlab-fix [data-fix-failure]');
    await failure.waitFor({ timeout: 30_000 });
    expect([await failure.getAttribute('data-fix-failure'), await failure.textContent()]).toEqual([
      'MissingIntermediate',
      'The issuer of "O=certlab tests, CN=probe.test" ("O=certlab tests, CN=Probe Test ICA 2") is missing. It names no AIA URL to fetch it from: download the intermediate from your CA.',
    ]);
  });

  it.skipIf(!aiaHttp)('under an inspection, on request: only the AIA URL goes to /api/aia, and the fetched intermediate completes the chain', async () => {
    const page = await inspectorPage(width);
    const posted: (string | null)[] = [];
    page.on('request', (r) => r.method() === 'POST' && posted.push(r.postData()));
    await pasteAndRun(page, aiaLeaf.pem + pki.ica1.pem);
    const panel = page.locator('certlab-fix');
    await panel.locator('[data-fix-failure="MissingIntermediate"]').waitFor({ timeout: 30_000 });
    expect(posted).toEqual([]);
    await panel.getByRole('button', { name: 'Fetch the missing intermediate' }).click();
    await panel.locator('[data-aia-notes]').waitFor({ timeout: 30_000 });
    expect(await panel.locator('[data-aia-notes] li').allTextContents()).toEqual([`${AIA_URL}: fetched O=certlab tests, CN=Probe Test ICA 2.`]);
    expect(posted).toEqual([JSON.stringify({ urls: [AIA_URL] })]);
    expect(await panel.locator('.fix-chain li').allTextContents()).toEqual([
      'O=certlab tests, CN=probe.testissued by O=certlab tests, CN=Probe Test ICA 2',
      'O=certlab tests, CN=Probe Test ICA 2 (fetched from its AIA URL)issued by O=certlab tests, CN=Probe Test ICA 1',
      'O=certlab tests, CN=Probe Test ICA 1issued by O=certlab tests, CN=Probe Test Root',
    ]);
    expect(await downloaded(page)).toEqual({ name: 'fullchain.pem', text: aiaLeaf.pem + pki.ica2.pem + pki.ica1.pem });
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
  });
});
