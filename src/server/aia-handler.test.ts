/**
 * POST /api/aia server-less (issue #14, item 2): a loopback HTTP server serves the
 * intermediate as DER; the handler returns it as PEM under a policy that allows private
 * addresses, refuses it under the public-only default, and keeps its request limits.
 *
 *   root -> ica (served at http://127.0.0.1:PORT/ica.der; /page.html serves HTML)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainFactory, CA_EXT } from '../../test/pki/factory.ts';
import { DEFAULT_PROBE_PORTS } from '../core/net/policy.ts';
import { probeConfigFromEnv } from './probe/config.ts';
import { createAiaHandler } from './aia-handler.ts';

let f: ChainFactory;
let http: Server;
let base: string;

beforeAll(async () => {
  f = ChainFactory.create();
  f.issue({ name: 'root', subject: '/CN=AIA Route Root', ext: CA_EXT });
  f.issue({ name: 'ica', subject: '/CN=AIA Route ICA', issuer: 'root', ext: CA_EXT });
  http = createServer((req, res) => {
    if (req.url === '/ica.der') res.writeHead(200).end(Buffer.from(f.der('ica')));
    else if (req.url === '/page.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not a certificate</html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((ok) => http?.close(ok));
  f?.dispose();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://certlab.test/api/aia', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const privateConfig = () => ({ ...probeConfigFromEnv({}), policy: { allowPrivate: true, ports: 'any' as const } });

describe('POST /api/aia', () => {
  it('returns the certificate a URL serves, as PEM; an HTML page and a 404 are named failures', async () => {
    const handler = createAiaHandler({ config: privateConfig() });
    const res = await handler(post({ urls: [`${base}/ica.der`, `${base}/page.html`, `${base}/missing.der`] }), { clientAddress: '192.0.2.1' });
    expect([res.status, await res.json()]).toEqual([
      200,
      {
        results: [
          { url: `${base}/ica.der`, ok: true, pem: [f.pem('ica')] },
          { url: `${base}/page.html`, ok: false, error: { kind: 'NoCertificate', message: 'it served no certificate' } },
          { url: `${base}/missing.der`, ok: false, error: { kind: 'HttpStatus', message: 'HTTP 404' } },
        ],
      },
    ]);
  });

  it("refuses a loopback URL under the probe's default public-only policy", async () => {
    const handler = createAiaHandler({ config: { ...probeConfigFromEnv({}), policy: { allowPrivate: false, ports: DEFAULT_PROBE_PORTS } } });
    const body = (await (await handler(post({ urls: [`${base}/ica.der`] }), { clientAddress: '192.0.2.1' })).json()) as {
      results: { ok: boolean; error: { kind: string } }[];
    };
    expect(body.results.map((r) => [r.ok, r.error.kind])).toEqual([[false, 'Refused']]);
  });

  it('keeps its limits: method, type, size, count, other sites, rate', async () => {
    const handler = createAiaHandler({ config: { ...privateConfig(), rateLimit: 1 } });
    const statuses = [];
    statuses.push((await handler(new Request('http://certlab.test/api/aia'))).status);
    statuses.push((await handler(post({ urls: ['http://a/'] }, { 'content-type': 'text/plain' }))).status);
    statuses.push((await handler(post(JSON.stringify({ urls: ['http://a/' + 'x'.repeat(3000)] })))).status);
    statuses.push((await handler(post({ urls: ['1', '2', '3', '4', '5'] }))).status);
    statuses.push((await handler(post({ urls: 'http://a/' }))).status);
    statuses.push((await handler(post({ urls: ['http://a/'] }, { 'sec-fetch-site': 'cross-site' }))).status);
    statuses.push((await handler(post({ urls: [`${base}/missing.der`] }), { clientAddress: '198.51.100.7' })).status);
    statuses.push((await handler(post({ urls: [`${base}/missing.der`] }), { clientAddress: '198.51.100.7' })).status);
    expect(statuses).toEqual([405, 415, 413, 400, 400, 403, 200, 429]);
  });
});
