/**
 * Issue 13 on the live probe page in real Chromium: the "Before TLS" choice, against scripted
 * SMTP servers on two of the default probe ports (the e2e server allows private targets).
 * Port 853 offers STARTTLS and hands over to node:tls with leaf -> ica2 -> ica1;
 * port 636 does not offer it.
 */
import { type Server, type Socket, createServer } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { type TestPki, makeTestPki } from '../probe/pki.ts';

const OFFERS = 853;
const REFUSES = 636;
let site: Site;
let pki: TestPki;
const servers: Server[] = [];

function smtp(port: number, offer: boolean): Promise<void> {
  const server = createServer((s: Socket) => {
    s.on('error', () => {});
    s.write('220 mail.test ESMTP\r\n');
    s.on('data', (d) => {
      const line = d.toString().trim();
      if (line.startsWith('EHLO')) s.write(offer ? '250-mail.test\r\n250 STARTTLS\r\n' : '250-mail.test\r\n250 8BITMIME\r\n');
      else if (line === 'STARTTLS') {
        s.removeAllListeners('data');
        s.write('220 go ahead\r\n', () =>
          new TLSSocket(s, { isServer: true, key: pki.leaf.keyPem, cert: pki.leaf.pem + pki.ica2.pem + pki.ica1.pem }).on('error', () => {}),
        );
      }
    });
  });
  servers.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

beforeAll(async () => {
  pki = makeTestPki();
  await smtp(OFFERS, true);
  await smtp(REFUSES, false);
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  pki?.cleanup();
});

async function probeWith(page: Page, port: number): Promise<void> {
  await whenDefined(page, 'certlab-probe');
  await page.getByRole('textbox', { name: /Host/ }).fill('127.0.0.1');
  await page.getByRole('spinbutton', { name: /Port/ }).fill(String(port));
  await page.getByRole('textbox', { name: /Server name/ }).fill('probe.test');
  await page.getByRole('combobox', { name: /Before TLS/ }).selectOption('smtp');
  await page.getByRole('button', { name: 'Probe' }).click();
  await page.waitForFunction(() => Number(document.querySelector('certlab-probe')?.getAttribute('data-probed') ?? 0) > 0, undefined, { timeout: 30_000 });
}

describe('live probe page: the protocol before TLS', () => {
  it('offers auto by default, probes through SMTP STARTTLS, shows the dialogue as text and keeps the choice in the URL', async () => {
    const page = await site.page('/tools/probe/');
    expect(await page.getByRole('combobox', { name: /Before TLS/ }).inputValue()).toBe('auto');
    await probeWith(page, OFFERS);
    expect(new URL(page.url()).search).toBe(`?host=127.0.0.1&port=${OFFERS}&servername=probe.test&starttls=smtp`);
    expect(await page.locator('.probe-badge', { hasText: 'SMTP STARTTLS, as asked' }).count()).toBe(1);
    expect((await page.locator('pre.probe-transcript').textContent())?.split('\n')).toEqual([
      'S: 220 mail.test ESMTP',
      'C: EHLO certlab.invalid',
      'S: 250-mail.test',
      'S: 250 STARTTLS',
      'C: STARTTLS',
      'S: 220 go ahead',
    ]);
    expect(await page.locator('.probe-presented li').count()).toBe(3);
  });

  it('says in plain words when the server does not offer STARTTLS', async () => {
    const page = await site.page('/tools/probe/');
    await probeWith(page, REFUSES);
    expect(await page.locator('.probe-card h3').textContent()).toBe(`No verdict: the SMTP server on port ${REFUSES} does not offer STARTTLS.`);
    expect(await page.locator('.probe-card .certlab-error').textContent()).toMatch(
      /^The SMTP server on port 636 does not offer STARTTLS\. What it said \(EHLO\): "250-mail\.test/,
    );
  });
});
