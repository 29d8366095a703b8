/**
 * The tools as a new user meets them (#14 items 1, 3, 6), at 1280x800 and 375x812 in real Chromium:
 * - each tool page opens with the tool: its input in the first screen, nothing scrolls sideways;
 * - after using each tool nothing scrolls sideways at 375 px, every result is a link that shows
 *   the same result on a fresh page, and every command block has a Copy button that copies it exactly;
 * - what the tools show has no internal ids, file names, machine notes or raw markdown;
 * - the "paste anything" box sends each kind of paste to its tool (certificates never in a URL).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { CAUSE_IDS } from '../../src/core/causes/cause-id.ts';
import { type TestPki, issueLeaf, makeTestPki } from '../probe/pki.ts';
import { type Running, startNodeTls } from '../probe/servers.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const PEM = readFileSync(resolve(import.meta.dirname, '../fixtures/html-cn.pem'), 'utf8');
const corpus = JSON.parse(readFileSync(resolve(import.meta.dirname, '../decoder-corpus/captured.json'), 'utf8')) as { entries: { id: string; text: string }[] };
const captured = (id: string) => corpus.entries.find((e) => e.id === id)!.text;

// The probe's target: a node:tls server on 127.0.0.1 that sends only its leaf
// (root -> ica1 -> ica2 -> leaf "probe.test"), on the first free one of the probe's ports
// (probe.test.ts takes 9443; other programs on the machine may hold some of these).
const PROBE_PORTS = [5061, 6697, 853, 995, 636, 465];
let PROBE_PORT = 0;
let site: Site;
let pki: TestPki;
let server: Running;
beforeAll(async () => {
  pki = makeTestPki();
  const leaf = issueLeaf(pki, 'leaf-first');
  for (const port of PROBE_PORTS) {
    try {
      server = await startNodeTls({ chain: [leaf], key: leaf, port });
      PROBE_PORT = port;
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  if (!PROBE_PORT) throw new Error(`None of the probe ports ${PROBE_PORTS.join(', ')} is free on 127.0.0.1.`);
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
  await server?.close();
  pki?.cleanup();
});

/** A fresh context that may use the clipboard, at `viewport`. */
async function openAt(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await site.browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.baseUrl });
  const page = await context.newPage();
  await page.goto(new URL(path, site.baseUrl).href, { waitUntil: 'load' });
  return page;
}

/** How many pixels the page is wider than the window (0: no sideways scrolling). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Whether the element's box starts inside the first screen (no scrolling). */
const inFirstScreen = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => {
      const r = e.getBoundingClientRect();
      return r.top >= 0 && r.top < innerHeight && r.height > 0;
    });

const waitCount = (page: Page, tag: string, attr: string) =>
  page.waitForFunction(([t, a]) => Number(document.querySelector(t!)?.getAttribute(a!) ?? 0) > 0, [tag, attr], { timeout: 60_000 });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Presses the result's "Copy link" button and returns what it copied. */
async function copiedLink(page: Page): Promise<string> {
  const button = page.getByRole('button', { name: 'Copy link to this result' });
  await button.click();
  await page.waitForFunction(() => document.querySelector('[data-result-link] button')?.textContent === 'Copied');
  return clipboard(page);
}

/**
 * Every command block under `root` (matched by `commands`) has a Copy button, and each copies its
 * command exactly (the text without a leading "$ " prompt). Returns the copied texts.
 */
async function copyEveryCommand(page: Page, root: string, commands: string): Promise<string[]> {
  await page.evaluate((r) => document.querySelectorAll(`${r} details`).forEach((d) => ((d as HTMLDetailsElement).open = true)), root);
  const blocks = page.locator(`${root} :is(${commands})`);
  const n = await blocks.count();
  expect(n).toBeGreaterThan(0);
  const copied: string[] = [];
  for (let i = 0; i < n; i++) {
    const block = blocks.nth(i);
    const want = (await block.textContent())!.replace(/^\$ /gm, '');
    const button = block.locator('xpath=following-sibling::button[@data-copy-button]');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    copied.push(await clipboard(page));
    expect(copied.at(-1)).toBe(want);
  }
  return copied;
}

/** Cause ids with a hyphen are never words of a sentence ("self-signed" is, so it is left out). */
const IDS = CAUSE_IDS.filter((id) => id.includes('-') && id !== 'self-signed');
const LEAK = new RegExp(String.raw`\x60|\b[\w-]+\.(?:ts|mjs|mdx)\b|run here|this machine's|<[A-Z][A-Za-z]+[ />]|\b(?:${IDS.join('|')})\b`, 'g');

/** Internal ids, file names, machine notes, MDX and raw markdown in the page's visible text. */
async function leaks(page: Page): Promise<string[]> {
  await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
  const text = await page.evaluate(() => document.querySelector('main')!.innerText);
  return [...text.matchAll(LEAK)].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 40));
}

const verdicts = (page: Page) =>
  page
    .locator('.sim-clients tr[data-client]')
    .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-client')}:${r.querySelector('[data-verdict]')?.getAttribute('data-verdict')}`));

const TOOLS: { path: string; tag: string; first: string[] }[] = [
  { path: '/tools/inspector/', tag: 'certlab-inspector', first: ['certlab-inspector textarea[data-input]'] },
  { path: '/tools/decoder/', tag: 'certlab-decoder', first: ['certlab-decoder textarea[name="text"]'] },
  { path: '/tools/simulator/', tag: 'certlab-simulator', first: ['certlab-simulator input[name="mode"]', 'certlab-simulator .sim-run'] },
  { path: '/tools/probe/', tag: 'certlab-probe', first: ['certlab-probe input[name="host"]'] },
  { path: '/sandbox/', tag: 'certlab-sandbox', first: ['certlab-sandbox textarea[data-text]', 'certlab-sandbox [data-run]'] },
  { path: '/tools/', tag: 'certlab-paste', first: ['certlab-paste textarea'] },
  { path: '/', tag: 'certlab-paste', first: ['certlab-paste textarea'] },
];

describe('each tool page opens with the tool (#14)', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`at ${viewport.width}x${viewport.height}: the input (and run button) in the first screen, nothing sideways, nothing internal shown`, async () => {
      const seen: string[] = [];
      for (const t of TOOLS) {
        const page = await openAt(t.path, viewport);
        await whenDefined(page, t.tag);
        for (const s of t.first) seen.push(`${t.path} ${s}: ${(await inFirstScreen(page, s)) ? 'first screen' : 'below'}`);
        seen.push(`${t.path} sideways ${await sideways(page)} px`, ...(await leaks(page)).map((l) => `${t.path} shows ${l}`));
        await page.context().close();
      }
      expect(seen).toEqual(TOOLS.flatMap((t) => [...t.first.map((s) => `${t.path} ${s}: first screen`), `${t.path} sideways 0 px`]));
    });
  }

  it('a shared probe link opens on the probe on a phone', async () => {
    // Port 1 is not a probe port: the probe refuses it before connecting anywhere.
    const page = await openAt('/tools/probe/?host=127.0.0.1&port=1', PHONE);
    await whenDefined(page, 'certlab-probe');
    await waitCount(page, 'certlab-probe', 'data-probed');
    expect(await page.locator('certlab-probe input[name="host"]').inputValue()).toBe('127.0.0.1');
    expect([await inFirstScreen(page, 'certlab-probe input[name="host"]'), await inFirstScreen(page, 'certlab-probe [data-status]')]).toEqual([true, true]);
    expect(await page.locator('certlab-probe [data-result]').textContent()).toContain('Port 1 is not probed here.');
    expect(await sideways(page)).toBe(0);
  });
});

describe.each([
  ['phone', PHONE],
  ['laptop', DESKTOP],
])('after using each tool on a %s (#14)', (_, viewport) => {
  const open = (path: string) => openAt(path, viewport);

  it('simulator: no sideways scroll, the result is a link that runs the same modes, every command copies exactly', async () => {
    const page = await open('/tools/simulator/');
    await whenDefined(page, 'certlab-simulator');
    await page.getByRole('checkbox', { name: 'Server sends leaf only', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Expired leaf', exact: true }).check();
    await page.getByRole('button', { name: 'Generate the certificates and connect' }).click();
    await waitCount(page, 'certlab-simulator', 'data-runs');
    expect(await sideways(page)).toBe(0);
    const link = await copiedLink(page);
    expect(link).toBe(new URL('/tools/simulator/?modes=leaf-only%2Cexpired-leaf', site.baseUrl).href);
    expect(page.url()).toBe(link);
    const first = await verdicts(page);
    const copied = await copyEveryCommand(page, 'certlab-simulator [data-output]', '.sim-cmd, .sim-fix pre, .sim-repro pre');
    expect(copied).toContain('openssl s_client -connect shop.certlab.test:443 -servername shop.certlab.test -showcerts');
    expect(await leaks(page)).toEqual([]);
    expect(await sideways(page)).toBe(0);

    const again = await open(link);
    await waitCount(again, 'certlab-simulator', 'data-runs');
    expect(await again.locator('input[name="mode"]:checked').evaluateAll((is) => is.map((i) => (i as HTMLInputElement).value))).toEqual([
      'leaf-only',
      'expired-leaf',
    ]);
    expect(await verdicts(again)).toEqual(first);
  });

  it('probe: the target is a link that probes again on open, with nothing sideways', async () => {
    const page = await open('/tools/probe/');
    await whenDefined(page, 'certlab-probe');
    await page.getByRole('textbox', { name: /Host/ }).fill('127.0.0.1');
    await page.getByRole('spinbutton', { name: /Port/ }).fill(String(PROBE_PORT));
    await page.getByRole('textbox', { name: /Server name/ }).fill('probe.test');
    await page.getByRole('button', { name: 'Probe' }).click();
    await waitCount(page, 'certlab-probe', 'data-probed');
    expect(await sideways(page)).toBe(0);
    const clients = (p: Page) =>
      p.locator('certlab-probe tr[data-client]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-client')}:${r.className}`));
    const first = await clients(page);
    expect(first).toContain('curl:probe-fail');
    const link = await copiedLink(page);
    expect(link).toBe(new URL(`/tools/probe/?host=127.0.0.1&port=${PROBE_PORT}&servername=probe.test`, site.baseUrl).href);
    expect(await leaks(page)).toEqual([]);

    const again = await open(link);
    await waitCount(again, 'certlab-probe', 'data-probed');
    expect(await clients(again)).toEqual(first);
  });

  it('sandbox: a run is a link that runs on open, with nothing sideways', async () => {
    const page = await open('/sandbox/');
    await whenDefined(page, 'certlab-sandbox');
    await page.getByLabel('Preset').selectOption('private-ca');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await waitCount(page, 'certlab-sandbox', 'data-runs');
    expect(await sideways(page)).toBe(0);
    const link = await copiedLink(page);
    expect(link).toMatch(/\/sandbox\/#/);
    const first = await verdicts(page);
    expect(first).toContain('python:fails');
    await copyEveryCommand(page, 'certlab-sandbox [data-output]', '.sim-cmd, .sim-fix pre, .sim-repro pre');
    expect(await leaks(page)).toEqual([]);

    const again = await open(link);
    await waitCount(again, 'certlab-sandbox', 'data-runs');
    expect(await verdicts(again)).toEqual(first);
    expect(await sideways(again)).toBe(0);
  });

  it('decoder: the decoded text is a link, its commands copy exactly, no ids shown', async () => {
    const page = await open('/tools/decoder/');
    await whenDefined(page, 'certlab-decoder');
    const text = captured('incomplete-chain/python-ssl');
    await page.getByRole('textbox', { name: /Paste an error/ }).fill(text);
    await page.getByRole('button', { name: 'Decode', exact: true }).click();
    await waitCount(page, 'certlab-decoder', 'data-decoded');
    expect(await sideways(page)).toBe(0);
    const card = page.locator('.decoder-card');
    const result = [await card.getAttribute('data-cause'), await card.locator('h3').textContent()];
    const link = await copiedLink(page);
    expect(new URL(link).searchParams.get('text')).toBe(text);
    await copyEveryCommand(page, '.decoder-card', '.decoder-next, .decoder-need-command');
    expect(await leaks(page)).toEqual([]);

    const again = await open(link);
    await waitCount(again, 'certlab-decoder', 'data-decoded');
    const card2 = again.locator('.decoder-card');
    expect([await card2.getAttribute('data-cause'), await card2.locator('h3').textContent()]).toEqual(result);
    expect(await again.getByRole('textbox', { name: /Paste an error/ }).inputValue()).toBe(text);
  });

  it('inspector: a pasted certificate reads with nothing sideways, stays out of the URL, and its commands copy exactly', async () => {
    const page = await open('/tools/inspector/');
    await whenDefined(page, 'certlab-inspector');
    await page.getByRole('textbox', { name: /Paste or drop/ }).fill(PEM);
    await waitCount(page, 'certlab-inspector', 'data-runs');
    expect(await sideways(page)).toBe(0);
    expect(page.url()).toBe(new URL('/tools/inspector/', site.baseUrl).href);
    await copyEveryCommand(page, 'certlab-inspector [data-results]', '.insp-command');
    expect(await sideways(page)).toBe(0);
    expect(await leaks(page)).toEqual([]);
    expect(page.url()).toBe(new URL('/tools/inspector/', site.baseUrl).href);

    // Only on request: a link that holds the certificate, which opens to the same reading.
    const status = await page.locator('certlab-inspector [data-status]').textContent();
    const button = page.locator('certlab-inspector [data-result-link] button');
    expect(await button.textContent()).toBe('Copy a link with this certificate');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    const link = await clipboard(page);
    expect(link.startsWith(new URL('/tools/inspector/#certs=', site.baseUrl).href)).toBe(true);
    const again = await open(link);
    await waitCount(again, 'certlab-inspector', 'data-runs');
    expect(await again.getByRole('textbox', { name: /Paste or drop/ }).inputValue()).toBe(PEM);
    expect(await again.locator('certlab-inspector [data-status]').textContent()).toBe(status);
  });
});

describe('the paste-anything box (#14)', () => {
  /** Pastes `text` into the box on /tools/ and presses the button named `button`; returns the page it lands on. */
  async function paste(text: string, hint: string, button: string): Promise<Page> {
    const page = await openAt('/tools/', PHONE);
    await whenDefined(page, 'certlab-paste');
    await page.getByRole('textbox', { name: /Paste anything/ }).fill(text);
    await page.waitForFunction((h) => document.querySelector('certlab-paste [data-hint]')?.textContent === h, hint);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/tools/'), page.getByRole('button', { name: button, exact: true }).click()]);
    return page;
  }

  it('sends certificates to the inspector (not in the URL), errors to the decoder, hosts to the probe, s_client output to both', async () => {
    const cert = await paste(PEM, 'This looks like PEM (certificate).', 'Open in the inspector');
    expect(cert.url()).toBe(new URL('/tools/inspector/', site.baseUrl).href);
    await waitCount(cert, 'certlab-inspector', 'data-runs');
    expect(await cert.getByRole('textbox', { name: /Paste or drop/ }).inputValue()).toBe(PEM);
    expect(await cert.evaluate(() => sessionStorage.getItem('certlab:handover:inspector'))).toBe(null);

    // A binary file (DER) goes the same way, as base64.
    const der = Buffer.from(PEM.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const picker = await openAt('/tools/', PHONE);
    await whenDefined(picker, 'certlab-paste');
    await Promise.all([
      picker.waitForURL((u) => u.pathname === '/tools/inspector/'),
      picker.locator('certlab-paste input[type="file"]').setInputFiles({ name: 'server.der', mimeType: 'application/octet-stream', buffer: der }),
    ]);
    await waitCount(picker, 'certlab-inspector', 'data-runs');
    expect(await picker.getByRole('textbox', { name: /Paste or drop/ }).inputValue()).toBe(der.toString('base64'));
    expect(await picker.locator('certlab-inspector [data-status]').textContent()).toBe(await cert.locator('certlab-inspector [data-status]').textContent());

    const error = await paste('curl: (60) SSL certificate problem: certificate has expired', 'This looks like an error message.', 'Decode this error');
    expect(new URL(error.url()).searchParams.get('text')).toBe('curl: (60) SSL certificate problem: certificate has expired');
    await waitCount(error, 'certlab-decoder', 'data-decoded');
    expect(await error.locator('.decoder-card').getAttribute('data-cause')).toBe('expired');

    // Port 1 is refused by the probe's policy before any connection.
    const host = await paste('127.0.0.1:1', 'This looks like a server: 127.0.0.1:1.', 'Probe this server');
    expect(new URL(host.url()).search).toBe('?host=127.0.0.1&port=1');
    await waitCount(host, 'certlab-probe', 'data-probed');

    const transcript = captured('incomplete-chain/openssl');
    const chain = await paste(transcript, 'This looks like the output of openssl s_client.', 'Inspect the chain');
    expect(chain.url()).toBe(new URL('/tools/inspector/', site.baseUrl).href);
    await waitCount(chain, 'certlab-inspector', 'data-runs');
    const decoded = await paste(transcript, 'This looks like the output of openssl s_client.', 'Decode the verify result');
    await waitCount(decoded, 'certlab-decoder', 'data-decoded');
    expect(new URL(decoded.url()).pathname).toBe('/tools/decoder/');
    expect(await decoded.locator('.decoder-card').getAttribute('data-cause')).toBe('incomplete-chain');
    expect(await sideways(decoded)).toBe(0);
  });
});
