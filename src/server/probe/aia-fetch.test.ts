/** AIA fetching under the probe's rules, against a real HTTP server on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAia, probeAiaFetcher } from './aia-fetch.ts';
import { dnsResolver } from './resolver.ts';
import { startFakeDns } from '../../../test/probe/dns-server.ts';

const DER = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);
let server: Server;
let port: number;
let requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    if (req.url === '/ica.der') return res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(Buffer.from(DER));
    if (req.url === '/moved') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (req.url === '/big') return res.writeHead(200).end(Buffer.alloc(100 * 1024, 1));
    if (req.url === '/slow') return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const LOCAL = { policy: { allowPrivate: true, ports: 'any' as const } };

describe('fetchAia', () => {
  it('fetches the certificate bytes, sending the URL host as Host', async () => {
    requests = [];
    const resolverCalls: string[] = [];
    const r = await fetchAia(`http://aia.test:${port}/ica.der`, { ...LOCAL, resolver: async (h) => (resolverCalls.push(h), ['127.0.0.1']) });
    expect(r).toEqual({ ok: true, bytes: DER, contentType: 'application/pkix-cert' });
    expect(resolverCalls).toEqual(['aia.test']);
    expect(requests).toEqual([`aia.test:${port} /ica.der`]);
  });

  it('does not follow redirects', async () => {
    expect(await fetchAia(`http://127.0.0.1:${port}/moved`, LOCAL)).toEqual({
      ok: false,
      error: { kind: 'Redirect', url: `http://127.0.0.1:${port}/moved`, status: 302, location: 'http://169.254.169.254/latest/meta-data/' },
    });
  });

  it('stops reading past 64 KiB', async () => {
    expect(await fetchAia(`http://127.0.0.1:${port}/big`, LOCAL)).toEqual({
      ok: false,
      error: { kind: 'TooLarge', url: `http://127.0.0.1:${port}/big`, limit: 65536 },
    });
  });

  it('gives up at the timeout', async () => {
    expect(await fetchAia(`http://127.0.0.1:${port}/slow`, { ...LOCAL, timeoutMs: 300 })).toEqual({
      ok: false,
      error: { kind: 'Timeout', url: `http://127.0.0.1:${port}/slow`, afterMs: 300 },
    });
  });

  it('reports an HTTP error status', async () => {
    expect(await fetchAia(`http://127.0.0.1:${port}/nope`, LOCAL)).toEqual({
      ok: false,
      error: { kind: 'HttpStatus', url: `http://127.0.0.1:${port}/nope`, status: 404 },
    });
  });

  it('obeys the address rules: loopback, metadata and names resolving to them are refused before connecting', async () => {
    requests = [];
    const policy = { allowPrivate: false, ports: [443] };
    const literal = await fetchAia(`http://127.0.0.1:${port}/ica.der`, { policy });
    expect(!literal.ok && literal.error.kind === 'Refused' && literal.error.refusal.kind).toBe('ForbiddenPort');
    const metadata = await fetchAia('http://169.254.169.254/latest/meta-data/', { policy });
    expect(!metadata.ok && metadata.error.kind === 'Refused' && metadata.error.refusal.kind === 'ForbiddenAddress' && metadata.error.refusal.range.id).toBe(
      'cloud-metadata',
    );
    const named = await fetchAia('http://aia.test/ica.der', { policy, resolver: async () => ['127.0.0.1'] });
    expect(!named.ok && named.error.kind === 'Refused' && named.error.refusal.kind === 'ForbiddenAddress' && named.error.refusal.range.id).toBe('loopback');
    expect(requests).toEqual([]);
  });

  it('refuses other schemes and bad URLs', async () => {
    expect(await fetchAia('https://ca.example/ica.der', LOCAL)).toEqual({
      ok: false,
      error: { kind: 'UnsupportedScheme', url: 'https://ca.example/ica.der', scheme: 'https' },
    });
    expect(await fetchAia('ldap://ca.example/cn=x', LOCAL)).toEqual({
      ok: false,
      error: { kind: 'UnsupportedScheme', url: 'ldap://ca.example/cn=x', scheme: 'ldap' },
    });
    expect(await fetchAia('not a url', LOCAL)).toEqual({ ok: false, error: { kind: 'BadUrl', url: 'not a url' } });
  });

  it('a probe fetches each URL once and stops after its fetch budget', async () => {
    requests = [];
    const fetcher = probeAiaFetcher({ ...LOCAL, maxFetches: 2 });
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    expect(await fetcher(url('/ica.der'))).toEqual(DER);
    expect(await fetcher(url('/ica.der'))).toEqual(DER);
    expect(await fetcher(url('/nope'))).toBe(null);
    expect(await fetcher(url('/ica.der?again'))).toBe(null);
    expect(requests).toEqual([`127.0.0.1:${port} /ica.der`, `127.0.0.1:${port} /nope`]);
  });
});

describe('fetchAia: the DNS wait is inside the timeout (issue 18)', () => {
  it('a name whose DNS never answers ends at the fetch timeout, not the resolver timeout', async () => {
    const dns = await startFakeDns();
    try {
      const slowResolver = dnsResolver({ timeoutMs: 30_000, maxInFlight: 4, maxPerClient: 4, servers: [dns.server] }).forClient('probe');
      const r = await fetchAia(`http://aia.silent.test:${port}/ica.der`, { ...LOCAL, resolver: slowResolver, timeoutMs: 500 });
      expect(r).toEqual({ ok: false, error: { kind: 'Timeout', url: `http://aia.silent.test:${port}/ica.der`, afterMs: 500 } });
      expect(dns.queries).toContain('aia.silent.test/A');
    } finally {
      await dns.close();
    }
  });
});
