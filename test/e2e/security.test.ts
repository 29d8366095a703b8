/**
 * Issue 18 against the built site as `npm run serve` runs it: every page and the API carry
 * the security headers, every page works under the Content-Security-Policy (no violation, no
 * console error) — the sandbox with Monaco opened and the search included — and the server
 * drops a request that never sends its body.
 */
import { readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { connect } from 'node:net';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, whenDefined, type Site } from './harness.ts';

const client = resolve(import.meta.dirname, '../../dist/client');
function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return pages(p);
    if (e.name === 'index.html') return [`/${relative(client, dir)}/`.replace(/\/+/g, '/')];
    return e.name.endsWith('.html') ? [`/${relative(client, p)}`] : [];
  });
}

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** Collects CSP violations and console errors from the moment the page starts. */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.exposeFunction('__cspViolation', (v: string) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  return problems;
}

describe('security headers', () => {
  it.each(['/', '/sandbox/', '/tools/probe/', '/_astro/does-not-exist.js'])('%s carries them', async (path) => {
    const res = await fetch(new URL(path, site.baseUrl));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect([res.headers.get('x-content-type-options'), res.headers.get('x-frame-options'), res.headers.get('referrer-policy')]).toEqual([
      'nosniff',
      'DENY',
      'strict-origin-when-cross-origin',
    ]);
    expect(csp).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+; style-src 'self' 'unsafe-inline';/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('the API carries them too', async () => {
    const res = await fetch(new URL('/api/probe', site.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"host": "example.com:25"}',
    });
    expect([res.status, res.headers.get('x-content-type-options'), res.headers.get('content-security-policy')?.endsWith("frame-ancestors 'none'")]).toEqual([
      403,
      'nosniff',
      true,
    ]);
  });
});

describe('every page works under the Content-Security-Policy', () => {
  it('loads every built page without a violation or console error', async () => {
    const all = pages(client);
    expect(all.length).toBeGreaterThan(20);
    const page = await site.page('/');
    const problems = await watch(page);
    for (const path of all) {
      await page.goto(new URL(path, site.baseUrl).href, { waitUntil: 'load' });
      // 404.html is served with status 404 and says so in the console: not a CSP problem.
      if (path === '/404.html') problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('404')));
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('the sandbox with Monaco opened (workers, inline styles)', async () => {
    const page = await site.page('/');
    const problems = await watch(page);
    await page.goto(new URL('/sandbox/', site.baseUrl).href, { waitUntil: 'load' });
    await whenDefined(page, 'certlab-sandbox');
    await page.getByRole('button', { name: 'Open the editor' }).click();
    await page.waitForSelector('certlab-sandbox .monaco-editor', { timeout: 30_000 });
    await page.locator('certlab-sandbox .monaco-editor .view-lines').click();
    await page.keyboard.type('x');
    // The JSON worker validates the edit: a squiggle proves the worker ran under the policy.
    await page.waitForSelector('certlab-sandbox .monaco-editor .squiggly-warning, certlab-sandbox .monaco-editor .squiggly-error', { timeout: 20_000 });
    expect(problems).toEqual([]);
  });

  it('search (Pagefind, WebAssembly) finds a lesson', async () => {
    const page = await site.page('/');
    const problems = await watch(page);
    await page.goto(new URL('/', site.baseUrl).href, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('search').getByRole('textbox').fill('golden rule intermediates');
    await dialog.locator('a[href*="/lessons/chain-of-trust/"]').first().waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
  });
});

describe('another site cannot start probes (issue 18)', () => {
  // Another site: a blank page (no CSP of its own) from http://localhost:OTHER, a different
  // site from http://127.0.0.1:PORT where certlab runs; both on loopback.
  let other: Server | undefined;
  let otherUrl = '';
  beforeAll(async () => {
    other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another site</title><body></body>'));
    await new Promise<void>((r) => other!.listen(0, '127.0.0.1', r));
    otherUrl = `http://localhost:${(other.address() as { port: number }).port}/`;
  });
  afterAll(() => other?.close());
  const otherSite = () => otherUrl.replace(/\/$/, '');

  it('a cross-site POST or GET (what a form, an image or a no-cors fetch sends) is answered 403', async () => {
    const page = await site.page(`${otherSite()}/`);
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${site.baseUrl}/api/probe`)) statuses.push(r.status());
    });
    await page.evaluate(async (api) => {
      await fetch(api, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"host": "example.com"}' });
      await fetch(`${api}?host=example.com`, { mode: 'no-cors' });
    }, `${site.baseUrl}/api/probe`);
    expect(statuses).toEqual([403, 403]);
  });

  it('the probe page cannot be framed by another site', async () => {
    const page = await site.page(`${otherSite()}/`);
    const refused = new Promise<string>((resolve) => page.on('console', (m) => m.text().includes('frame-ancestors') && resolve(m.text())));
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, `${site.baseUrl}/tools/probe/?host=example.com`);
    expect((await refused).trim()).toBe(
      `Framing '${site.baseUrl}/' violates the following Content Security Policy directive: "frame-ancestors 'none'". The request has been blocked.`,
    );
  });
});

describe('the server', () => {
  it('drops a request that sends its headers and never its body (408 within 15 s)', async () => {
    const { port } = new URL(site.baseUrl);
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.on('error', () => {});
    let got = '';
    socket.on('data', (d) => (got += d.toString('latin1')));
    socket.write('POST /api/probe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n');
    await new Promise((r) => socket.once('close', r));
    expect(got.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
  }, 40_000);
});
