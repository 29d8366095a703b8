/**
 * POST /api/probe with the opt-in live revocation check and one backend address (`ip`): both
 * pass the same address rules as the target. Real servers on loopback, the handler called with
 * Web Requests. Chain: root -> ica -> good | revoked (test/probe/revocation-pki.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RevocationPki, startRevocationPki } from '../../test/probe/revocation-pki.ts';
import { type Running, startNodeTls } from '../../test/probe/servers.ts';
import { probeConfigFromEnv } from './probe/config.ts';
import { createProbeHandler } from './probe-handler.ts';

const LOCAL_ENV = { CERTLAB_PROBE_ALLOW_PRIVATE: '1', CERTLAB_PROBE_PORTS: '*', CERTLAB_PROBE_RATE_LIMIT: '1000' };
const PUBLIC_ANY_PORT = { CERTLAB_PROBE_PORTS: '*', CERTLAB_PROBE_RATE_LIMIT: '1000' };
let pki: RevocationPki;
let server: Running;
beforeAll(async () => {
  pki = await startRevocationPki();
  server = await startNodeTls({ chain: [pki.revoked, pki.ica], key: pki.revoked });
});
afterAll(async () => {
  await server?.close();
  await pki?.close();
});

const post = (body: unknown) =>
  new Request('http://certlab.test/api/probe', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const handler = (env: Record<string, string>) => createProbeHandler({ config: probeConfigFromEnv(env) });

describe('"revocation": true', () => {
  it('runs the live OCSP and CRL check', async () => {
    const before = pki.requests.length;
    const res = await handler(LOCAL_ENV)(post({ host: '127.0.0.1', port: server.port, servername: 'revoked.test', revocation: true }));
    const body = await res.json();
    expect([
      res.status,
      body.revocation.live.ocsp.map((o: { status: string }) => o.status),
      body.revocation.live.crl.map((c: { status: string }) => c.status),
    ]).toEqual([200, ['revoked'], ['revoked']]);
    expect(pki.requests.slice(before).sort()).toEqual(['GET /ica.crl', 'POST /ocsp']);
  });

  it('GET ?revocation=1 does the same; without it nothing is fetched', async () => {
    const before = pki.requests.length;
    const url = `http://certlab.test/api/probe?host=127.0.0.1&port=${server.port}&servername=revoked.test`;
    const without = await (await handler(LOCAL_ENV)(new Request(url))).json();
    expect([without.revocation.live, pki.requests.length]).toEqual([undefined, before]);
    const withIt = await (await handler(LOCAL_ENV)(new Request(`${url}&revocation=1`))).json();
    expect(withIt.revocation.live.ocsp[0].status).toBe('revoked');
  });

  it('a value other than true or false is a 400', async () => {
    const res = await handler(LOCAL_ENV)(post({ host: '127.0.0.1', port: server.port, revocation: 'yes' }));
    expect([res.status, await res.json()]).toEqual([400, { error: { kind: 'BadRequest', message: '"revocation" is "yes"; expected true or false.' } }]);
  });
});

describe('"ip": one backend', () => {
  it('connects to that address with SNI for the name', async () => {
    const res = await handler(LOCAL_ENV)(post({ host: 'revoked.invalid', port: server.port, servername: 'revoked.test', ip: '127.0.0.1' }));
    const body = await res.json();
    expect([res.status, body.ip, body.target]).toEqual([200, '127.0.0.1', { host: 'revoked.invalid', port: server.port, servername: 'revoked.test' }]);
  });

  it('a private address is refused by the public rules before any connection', async () => {
    const before = server.connections();
    const res = await handler(PUBLIC_ANY_PORT)(post({ host: 'example.com', port: server.port, ip: '127.0.0.1' }));
    const body = await res.json();
    expect([res.status, body.error.kind, body.error.detail, server.connections()]).toEqual([
      403,
      'Refused',
      {
        kind: 'ForbiddenAddress',
        host: 'example.com',
        address: '127.0.0.1',
        range: { id: 'loopback', cidr: '127.0.0.0/8', label: 'a loopback address (this machine)' },
      },
      before,
    ]);
  });

  it('something that is not an address is a 400', async () => {
    const res = await handler(LOCAL_ENV)(post({ host: 'example.com', port: server.port, ip: 'example.org' }));
    expect([res.status, (await res.json()).error.detail]).toEqual([400, { kind: 'UnparsableAddress', host: 'example.com', address: 'example.org' }]);
  });
});
