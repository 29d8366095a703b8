/**
 * The foundation, seen by a reader in real Chromium: home page, the first lesson, sidebar
 * navigation, search (Starlight's Pagefind index) and the certificate reader widget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { openSite, whenDefined, type Site } from './harness.ts';

const chain = readFileSync(resolve(import.meta.dirname, '../../public/examples/python-org-fullchain.pem'), 'utf8');
const leafPem = chain.slice(0, chain.indexOf('-----END CERTIFICATE-----') + 25);

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe('home page', () => {
  it('says what certlab is for and links the first lesson', async () => {
    const page = await site.page('/');
    await expect(page.title()).resolves.toBe('TLS certificates, explained and proved | certlab');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('certlab');
    await expect(page.locator('.hero .tagline').textContent()).resolves.toMatch(/^CERTIFICATE_VERIFY_FAILED is not a reason to write verify=False\./);
    const start = page.getByRole('link', { name: 'Start with the chain of trust' });
    expect(await start.getAttribute('href')).toBe('/lessons/chain-of-trust/');
  });
});

describe('lesson: the chain of trust', () => {
  it('renders with its heading and the golden rule', async () => {
    const page = await site.page('/lessons/chain-of-trust/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('The chain of trust');
    await expect(page.getByRole('heading', { name: 'The golden rule: send leaf + intermediates' }).count()).resolves.toBe(1);
    await expect(page.getByText('error 20 at 0 depth lookup: unable to get local issuer certificate').count()).resolves.toBe(1);
  });

  it('is reached from the home page through the sidebar', async () => {
    const page = await site.page('/tools/');
    const sidebar = page.locator('nav[aria-label="Main"]');
    await sidebar.getByRole('link', { name: 'The chain of trust' }).click();
    await page.waitForURL('**/lessons/chain-of-trust/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('The chain of trust');
    const current = sidebar.locator('a[aria-current="page"]');
    await expect(current.textContent()).resolves.toContain('The chain of trust');
  });

  it('reads without JavaScript: the example output is there, the reader explains itself', async () => {
    const page = await site.page('/lessons/chain-of-trust/', { javaScriptEnabled: false });
    await expect(page.getByText('leaf.pem: OK').count()).resolves.toBe(1);
    await expect(page.locator('certlab-cert-summary noscript').count()).resolves.toBe(1);
  });
});

describe('search', () => {
  it('finds the lesson', async () => {
    const page = await site.page('/');
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('search').getByRole('textbox').fill('golden rule intermediates');
    const hit = dialog.locator('a[href*="/lessons/chain-of-trust/"]').first();
    await hit.waitFor({ timeout: 15_000 });
    await hit.click();
    await page.waitForURL('**/lessons/chain-of-trust/**');
  });
});

describe('certificate reader widget', () => {
  it('shows subject, issuer, validity and SANs of a pasted PEM', async () => {
    const page = await site.page('/lessons/chain-of-trust/');
    await whenDefined(page, 'certlab-cert-summary');
    await page.getByLabel('Paste a PEM certificate').fill(leafPem);
    const field = (name: string) => page.locator(`certlab-cert-summary [data-field="${name}"]`);
    await field('subject').waitFor();
    expect(await field('subject').textContent()).toBe('CN=www.python.org');
    expect(await field('issuer').textContent()).toBe('C=BE, O=GlobalSign nv-sa, CN=GlobalSign Atlas R3 DV TLS CA 2025 Q4');
    expect(await field('not-after').textContent()).toBe('2027-02-14T13:03:45.000Z');
    expect(await field('sans').textContent()).toBe('DNS:www.python.org, DNS:*.python.org, DNS:python.org');
    expect(await field('role').textContent()).toBe('leaf');
  });

  it('says what is wrong with a truncated PEM instead of failing silently', async () => {
    const page = await site.page('/lessons/chain-of-trust/');
    await whenDefined(page, 'certlab-cert-summary');
    await page.getByLabel('Paste a PEM certificate').fill(leafPem.slice(0, 400));
    const error = page.locator('certlab-cert-summary [data-field="error"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/END CERTIFICATE/);
  });

  it('renders certificate fields as text, never as HTML', async () => {
    const page = await site.page('/lessons/chain-of-trust/');
    await whenDefined(page, 'certlab-cert-summary');
    // A certificate whose CN is markup: generated with openssl in the unit tests' fixtures.
    const pem = readFileSync(resolve(import.meta.dirname, '../fixtures/html-cn.pem'), 'utf8');
    await page.getByLabel('Paste a PEM certificate').fill(pem);
    const subject = page.locator('certlab-cert-summary [data-field="subject"]');
    await subject.waitFor();
    expect(await subject.textContent()).toContain('<img src=x onerror=alert(1)>');
    await expect(page.locator('certlab-cert-summary img').count()).resolves.toBe(0);
  });
});

describe('reference page /reference/verify/20/ (issue #11 Build 2)', () => {
  it("lists curl's, Python's, Java's and Go's wording for code 20, each under its client with the source", async () => {
    const page = await site.page('/reference/verify/20/');
    await expect(page.getByRole('heading', { level: 2, name: 'What clients and stacks print for it' }).count()).resolves.toBe(1);
    const wordings = (by: string) => page.locator(`[data-wordings="${by}"] tbody td:first-child code`).allTextContents();
    expect(await wordings('curl')).toEqual([
      'curl: (60) SSL certificate problem: unable to get local issuer certificate',
      'curl: (60) SSL certificate OpenSSL verify result: unable to get local issuer certificate (20)',
      '/SSL certificate problem: Invalid certificate chain|SSL: certificate verification failed \\(result: 5\\)/',
    ]);
    expect(await wordings('python')).toEqual([
      'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:{line})',
      'urllib.error.URLError: <urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:{line})>',
    ]);
    expect((await wordings('java'))[0]).toBe(
      'javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target',
    );
    expect(await wordings('go')).toContain('tls: failed to verify certificate: x509: certificate signed by unknown authority');
    expect(await page.locator('[data-wordings="go"] h3').textContent()).toBe('Go crypto/tls + crypto/x509 (1.24+)');
    expect(await page.locator('[data-wordings="python"] tbody td:last-child').first().textContent()).toMatch(/^python\/cpython Modules\/_ssl\.c/);
    // Python's URLError wording carries "<urlopen …>": shown as text, never parsed as an element
    await expect(page.locator('urlopen').count()).resolves.toBe(0);
  });
});

/** One GET with `node:http`, the body exactly as it arrived (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((ok, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

describe('served compressed (issue 15)', () => {
  it('a lesson page and its script arrive as Brotli from the real server, the same bytes and headers as uncompressed, and the page works', async () => {
    const page = await site.page('/');
    const response = await page.goto(new URL('/lessons/chain-of-trust/', site.baseUrl).href);
    expect((await response?.allHeaders())?.['content-encoding']).toBe('br');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('The chain of trust');

    const html = await rawGet(new URL('/lessons/chain-of-trust/', site.baseUrl).href, { 'accept-encoding': 'identity' });
    const script = /<script type="module" src="(\/_astro\/[^"]+\.js)"/.exec(html.body.toString('utf8'))?.[1];
    expect(script).toMatch(/^\/_astro\//);
    const names = ['content-type', 'cache-control', 'vary', 'x-content-type-options', 'content-security-policy'];
    for (const path of ['/lessons/chain-of-trust/', script!]) {
      const [plain, br, gz] = await Promise.all(
        ['identity', 'gzip, deflate, br, zstd', 'gzip'].map((accept) => rawGet(new URL(path, site.baseUrl).href, { 'accept-encoding': accept })),
      );
      const view = (r: { headers: IncomingHttpHeaders; body: Buffer }, body: Buffer) => ({
        encoding: r.headers['content-encoding'],
        headers: Object.fromEntries(names.map((n) => [n, r.headers[n]])),
        body: body.toString('latin1'),
      });
      const expected = (encoding: string | undefined) => ({ ...view(plain!, plain!.body), encoding });
      expect([view(plain!, plain!.body), view(br!, brotliDecompressSync(br!.body)), view(gz!, gunzipSync(gz!.body))]).toEqual([
        expected(undefined),
        expected('br'),
        expected('gzip'),
      ]);
      expect([plain!.headers.vary, br!.body.length < plain!.body.length]).toEqual(['Accept-Encoding', true]);
    }
  });
});
