/**
 * The live probe page in real Chromium, against the built site's own /api/probe (the e2e
 * server runs with CERTLAB_PROBE_ALLOW_PRIVATE=1) and a node:tls server on 127.0.0.1 port
 * 9443 (one of the default probe ports). The server sends only its leaf:
 *   root -> ica1 -> ica2 -> leaf "<img src=x onerror=alert(1)>" (SAN probe.test)
 * so the report must say the chain is incomplete, and show the odd CN as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { type TestPki, issueLeaf, makeTestPki } from '../probe/pki.ts';
import { type Running, startNodeTls } from '../probe/servers.ts';
import { startBannerServer, startClientCertServer, startOpensslOnPort } from '../probe/odd-servers.ts';

const PORT = 9443;
let site: Site;
let pki: TestPki;
let server: Running;

beforeAll(async () => {
  pki = makeTestPki();
  const leaf = issueLeaf(pki, 'leaf-html', { cn: '<img src=x onerror=alert(1)>' });
  server = await startNodeTls({ chain: [leaf], key: leaf, port: PORT });
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
  await server?.close();
  pki?.cleanup();
});

async function waitProbed(page: Page, before: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.querySelector('certlab-probe')?.getAttribute('data-probed') ?? 0) > n, before, { timeout: 30_000 });
}

describe('live probe page', () => {
  it('without JavaScript the form asks the API directly', async () => {
    const page = await site.page('/tools/probe/', { javaScriptEnabled: false });
    expect(await page.locator('form[data-probe]').getAttribute('action')).toBe('/api/probe');
    expect(await page.locator('form[data-probe]').getAttribute('method')).toBe('get');
  });

  it('probes, shows progress, renders the report, keeps the target in the URL, shows certificate fields as text', async () => {
    const page = await site.page('/tools/probe/');
    await whenDefined(page, 'certlab-probe');
    await page.getByRole('textbox', { name: /Host/ }).fill('127.0.0.1');
    await page.getByRole('spinbutton', { name: /Port/ }).fill(String(PORT));
    await page.getByRole('textbox', { name: /Server name/ }).fill('probe.test');
    // Hold the answer back a moment so the progress state can be seen.
    await page.route('**/api/probe', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Probe' }).click();
    expect(await page.locator('certlab-probe').getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('status').textContent()).toMatch(
      new RegExp(`^Probing 127\\.0\\.0\\.1:${PORT}: resolving, connecting, reading the handshake and judging the chain… \\d+ s$`),
    );
    expect(await page.getByRole('button', { name: 'Probe' }).isDisabled()).toBe(true);
    await waitProbed(page, 0);
    expect(await page.getByRole('status').textContent()).toMatch(/^Done in \d+\.\d s\.$/);
    expect(new URL(page.url()).search).toBe(`?host=127.0.0.1&port=${PORT}&servername=probe.test`);
    expect(await page.locator('.probe-card h3').textContent()).toMatch(
      /^Server's fault: it sends only the leaf; clients cannot build a path to a trusted root\./,
    );
    expect(await page.locator('.probe-table tbody tr').count()).toBe(10);
    expect(await page.locator('.probe-table tr[data-client="curl"] td').nth(0).textContent()).toBe('fails');
    expect(await page.locator('.probe-presented li').first().textContent()).toContain('O=certlab tests, CN=<img src=x onerror=alert(1)>');
    expect(await page.locator('[data-result] img').count()).toBe(0);
    expect(await page.locator('pre[id$="-evidence"]').textContent()).toContain('Certificate chain (as sent: 1 certificate)');
    expect(await page.locator('pre[id$="-email"]').textContent()).toContain('What we ask: Serve the full chain');
  });

  it('a permalink probes again when opened', async () => {
    const page = await site.page(`/tools/probe/?host=127.0.0.1&port=${PORT}&servername=probe.test`);
    await whenDefined(page, 'certlab-probe');
    await waitProbed(page, 0);
    expect(await page.getByRole('textbox', { name: /Host/ }).inputValue()).toBe('127.0.0.1');
    expect(await page.locator('.probe-card h3').textContent()).toMatch(/^Server's fault/);
  });

  it('a refused target shows the reason (ports outside the list)', async () => {
    const page = await site.page('/tools/probe/');
    await whenDefined(page, 'certlab-probe');
    await page.getByRole('textbox', { name: /Host/ }).fill('127.0.0.1:22');
    await page.getByRole('button', { name: 'Probe' }).click();
    await waitProbed(page, 0);
    expect(await page.getByRole('alert').textContent()).toBe(
      'Port 22 is not probed here. Allowed ports: 443, 8443, 465, 636, 853, 993, 995, 5061, 6697, 9443. Run “certlab probe” locally for other ports.',
    );
  });

  it('odd servers (issue 13): a required client certificate lists the CA names; an SMTP banner on 465 is named, not called a TLS version problem', async () => {
    const mtls = await startClientCertServer([pki.leaf, pki.ica2, pki.ica1], pki.root, 'TLSv1.3', 'TLSv1.3', 8443);
    const smtp = await startBannerServer('220 mail.example ESMTP Postfix\r\n', 465);
    try {
      const page = await site.page('/tools/probe/?host=127.0.0.1&port=8443&servername=probe.test');
      await whenDefined(page, 'certlab-probe');
      await waitProbed(page, 0);
      // The site does not trust the test root, so the chain's own cause leads and the client certificate follows.
      expect(await page.locator('.probe-card h3').textContent()).toMatch(
        /^Server or client: The chain ends at a CA this client does not trust\. Also: the server requires a client certificate \(mutual TLS\) and closed the connection without one; it accepts certificates issued by: O=certlab tests, CN=Probe Test Root\. Fails in: /,
      );
      expect(await page.locator('.probe-client-cas li').allTextContents()).toEqual(['O=certlab tests, CN=Probe Test Root']);
      const mail = await site.page('/tools/probe/?host=127.0.0.1&port=465');
      await whenDefined(mail, 'certlab-probe');
      await waitProbed(mail, 0);
      expect(await mail.locator('.probe-card h3').textContent()).toBe(
        'Server or client: this port speaks SMTP, not TLS (it sent "220 mail.example ESMTP Postfix").',
      );
      expect(await mail.locator('.probe-not-tls').textContent()).toBe('This port speaks SMTP, not TLS. It sent: 220 mail.example ESMTP Postfix');
    } finally {
      await mtls.close();
      await smtp.close();
    }
  });

  it('a TLS 1.0-only server (openssl s_server -tls1 on 993): the chain from the read-only attempt and which clients refuse it', async () => {
    const old = await startOpensslOnPort(pki.dir, [pki.leaf, pki.ica2, pki.ica1], 993, ['-tls1', '-cipher', 'DEFAULT@SECLEVEL=0']);
    try {
      const page = await site.page('/tools/probe/?host=127.0.0.1&port=993&servername=probe.test');
      await whenDefined(page, 'certlab-probe');
      await waitProbed(page, 0);
      expect(await page.locator('.probe-card h3').textContent()).toBe(
        "Server's fault: it speaks only TLS 1.0 (it refused TLS 1.2 and 1.3), which every client here refuses.",
      );
      expect(await page.locator('.probe-presented li').count()).toBe(3);
      const clients = await page.locator('.probe-legacy li').allTextContents();
      expect([clients.length, clients[2]]).toEqual([10, 'Python 3.13+ ssl (create_default_context): does not offer TLS 1.0 (its minimum is TLS 1.2)']);
    } finally {
      await old.close();
    }
  });

  it('shows revocation and transparency; the checkbox asks for the live check and stays in the permalink', async () => {
    const page = await site.page('/tools/probe/');
    await whenDefined(page, 'certlab-probe');
    await page.getByRole('textbox', { name: /Host/ }).fill('127.0.0.1');
    await page.getByRole('spinbutton', { name: /Port/ }).fill(String(PORT));
    await page.getByRole('textbox', { name: /Server name/ }).fill('probe.test');
    await page.getByRole('checkbox', { name: /OCSP responder/ }).check();
    await page.getByRole('button', { name: 'Probe' }).click();
    await waitProbed(page, 0);
    expect(new URL(page.url()).search).toBe(`?host=127.0.0.1&port=${PORT}&servername=probe.test&revocation=1`);
    expect(await page.locator('.probe-revocation li').allTextContents()).toEqual([
      'OCSP staple: none',
      'Must-Staple: no',
      'Signed Certificate Timestamps: none',
      "Live check: the issuer's certificate was not sent, so no OCSP request can be made and no CRL signature checked",
    ]);
  });
});
