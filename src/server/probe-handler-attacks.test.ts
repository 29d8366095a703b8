/**
 * Issue 18: attacks on the probe handler by hostile clients, against real servers on
 * loopback (a good node:tls server and a silent one that accepts and never answers).
 * Chain: root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../../test/probe/pki.ts';
import { type Running, startHostile, startNodeTls } from '../../test/probe/servers.ts';
import { probeConfigFromEnv } from './probe/config.ts';
import { createProbeHandler } from './probe-handler.ts';

const LOCAL_ENV = { CERTLAB_PROBE_ALLOW_PRIVATE: '1', CERTLAB_PROBE_PORTS: '*', CERTLAB_PROBE_RATE_LIMIT: '1000' };
const NOW = Date.parse('2026-11-26T12:00:00Z');

let pki: TestPki;
let good: Running;
let silent: Running;
beforeAll(async () => {
  pki = makeTestPki();
  good = await startNodeTls({ chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf });
  silent = await startHostile('silent');
});
afterAll(async () => {
  await good?.close();
  await silent?.close();
  pki?.cleanup();
});

const handlerWith = (env: Record<string, string>, maxAnswerBytes?: number) =>
  createProbeHandler({ config: probeConfigFromEnv({ ...LOCAL_ENV, ...env }), now: () => NOW, ...(maxAnswerBytes ? { maxAnswerBytes } : {}) });
const request = (target: object, headers: Record<string, string> = {}, method = 'POST') =>
  new Request('http://certlab.test/api/probe', {
    method,
    body: JSON.stringify(target),
    headers: { 'content-type': 'application/json', host: 'certlab.test', ...headers },
  });
const toGood = () => ({ host: '127.0.0.1', port: good.port, servername: 'probe.test' });
const toSilent = () => ({ host: '127.0.0.1', port: silent.port });
const A = { clientAddress: '198.51.100.7' };
const B = { clientAddress: '203.0.113.9' };

describe('slots: one client cannot take the service from others', () => {
  it('a third probe from the same client is refused while two run; another client still probes; the refusal does not count against the rate', async () => {
    const handler = handlerWith({ CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: '1000', CERTLAB_PROBE_RATE_LIMIT: '3' });
    const running = [handler(request(toSilent()), A), handler(request(toSilent()), A)];
    const third = await handler(request(toSilent()), A);
    expect([third.status, third.headers.get('retry-after'), await third.json()]).toEqual([
      429,
      '5',
      { error: { kind: 'TooManyAtOnce', message: 'You already have 2 probes running; wait for them to finish, then try again.' } },
    ]);
    const other = await handler(request(toGood()), B);
    expect(other.status).toBe(200);
    const done = await Promise.all(running);
    expect(await Promise.all(done.map(async (r) => [r.status, (await r.json()).handshake.error.kind]))).toEqual([
      [200, 'HandshakeTimeout'],
      [200, 'HandshakeTimeout'],
    ]);
    // Two probes ran for A; the refused third did not count, so a third is allowed and a fourth is not.
    expect((await handler(request(toGood()), A)).status).toBe(200);
    expect((await handler(request(toGood()), A)).status).toBe(429);
  });

  it('503 for lack of a slot does not count against the rate limit', async () => {
    const handler = handlerWith({ CERTLAB_PROBE_MAX_CONCURRENT: '1', CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: '1000', CERTLAB_PROBE_RATE_LIMIT: '1' });
    const attack = handler(request(toSilent()), A);
    const busy = await handler(request(toGood()), B);
    expect([busy.status, (await busy.json()).error.kind]).toEqual([503, 'Busy']);
    await attack;
    expect((await handler(request(toGood()), B)).status).toBe(200);
  });

  it('a probe holds its slot at most its budget: the budget cuts the handshake short', async () => {
    const handler = handlerWith({ CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: '10000', CERTLAB_PROBE_BUDGET_MS: '1000' });
    const res = await handler(request(toSilent()), A);
    const body = await res.json();
    expect([res.status, body.handshake.error]).toEqual([
      200,
      {
        kind: 'BudgetExhausted',
        message:
          "The probe's time budget of 1000 ms (DNS, connect and handshake together) ran out during the TLS handshake; the server, or its DNS, is too slow.",
        detail: { kind: 'BudgetExhausted', stage: 'handshake', budgetMs: 1000 },
      },
    ]);
  });
});

describe('cross-site requests are refused before anything runs', () => {
  const handler = handlerWith({});
  const refused = (reason: string) => ({
    error: {
      kind: 'CrossSite',
      message: `Probes start only from this site's own pages; this request was refused because ${reason}. Open the probe page and run it there.`,
    },
  });
  it.each([
    [{ 'sec-fetch-site': 'cross-site' }, 'the browser marked it Sec-Fetch-Site: cross-site'],
    [{ 'sec-fetch-site': 'same-site' }, 'the browser marked it Sec-Fetch-Site: same-site'],
    [{ origin: 'https://evil.example' }, 'it comes from the page https://evil.example, not from certlab.test'],
    [{ origin: 'null' }, 'it comes from the page null, not from certlab.test'],
  ])('POST with %o', async (headers, reason) => {
    const before = silent.connections();
    const res = await handler(request(toSilent(), headers), A);
    expect([res.status, await res.json()]).toEqual([403, refused(reason)]);
    expect(silent.connections()).toBe(before);
  });

  it('a cross-site GET (a link or an image on another site)', async () => {
    const res = await handler(
      new Request(`http://certlab.test/api/probe?host=127.0.0.1&port=${silent.port}`, { headers: { 'sec-fetch-site': 'cross-site' } }),
      A,
    );
    expect([res.status, (await res.json()).error.kind]).toEqual([403, 'CrossSite']);
  });

  it('our own pages (same-origin fetch, the no-JavaScript form, a typed URL) are served', async () => {
    const own = await handler(request(toGood(), { 'sec-fetch-site': 'same-origin', origin: 'https://certlab.test' }), A);
    const form = await handler(
      new Request(`http://certlab.test/api/probe?host=127.0.0.1&port=${good.port}&servername=probe.test`, { headers: { 'sec-fetch-site': 'same-origin' } }),
      A,
    );
    const typed = await handler(
      new Request(`http://certlab.test/api/probe?host=127.0.0.1&port=${good.port}&servername=probe.test`, { headers: { 'sec-fetch-site': 'none' } }),
      A,
    );
    expect([own.status, form.status, typed.status]).toEqual([200, 200, 200]);
  });

  it('a POST that is not JSON (what a cross-site form can send) gets 415', async () => {
    const res = await handler(
      new Request('http://certlab.test/api/probe', {
        method: 'POST',
        body: 'host=127.0.0.1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      A,
    );
    expect([res.status, await res.json()]).toEqual([
      415,
      {
        error: {
          kind: 'UnsupportedMediaType',
          message:
            'The body must be sent as Content-Type: application/json (received "application/x-www-form-urlencoded"). Expected {"host": "example.com", "port": 443} (port and servername optional).',
        },
      },
    ]);
  });
});

describe('a server that sends a hundred certificates', () => {
  it('is reported whole, judged on its first 16 (each judged once), with a finding; the verdicts are those of the real chain', async () => {
    // leaf, then ica2, ica1, ica2, ica1, … (100 intermediates): path building grew with the square of this.
    const flood = await startNodeTls({ chain: [pki.leaf, ...Array.from({ length: 100 }, (_, i) => (i % 2 ? pki.ica1 : pki.ica2))], key: pki.leaf });
    try {
      const handler = handlerWith({});
      const res = await handler(request({ host: '127.0.0.1', port: flood.port, servername: 'probe.test' }), A);
      const body = await res.json();
      const reference = await (await handler(request(toGood()), B)).json();
      expect([res.status, body.presented.length]).toEqual([200, 101]);
      expect(body.findings.find((f: { kind: string }) => f.kind === 'too-many-certificates')).toEqual({
        kind: 'too-many-certificates',
        severity: 'warning',
        items: Array.from({ length: 85 }, (_, i) => i + 16),
        message: 'the server sent 101 certificates; only the first 16 were judged',
        action: 'Send the leaf and its intermediates only: a chain is rarely more than four certificates.',
      });
      expect(body.verdicts).toEqual(reference.verdicts);
    } finally {
      await flood.close();
    }
  });
});

describe('answers are bounded', () => {
  it('a report larger than the bound is replaced by AnswerTooLarge', async () => {
    const res = await handlerWith({}, 2000)(request(toGood()), A);
    const body = await res.json();
    expect([res.status, body.error.kind]).toEqual([502, 'AnswerTooLarge']);
    expect(body.error.message).toMatch(
      /^The report on this server would be \d+ characters; at most 2000 are sent\. The server sent an unusually large handshake \(3 certificates\)\.$/,
    );
  });
});
