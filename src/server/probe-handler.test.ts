/**
 * The probe handler called directly with Web Requests (no HTTP server), against real TLS
 * servers on loopback. Chain: root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, issueLeaf, makeTestPki } from '../../test/probe/pki.ts';
import { type Running, sClientText, startHostile, startNodeTls } from '../../test/probe/servers.ts';
import { type ProbeConfig, ProbeConfigError, probeConfigFromEnv } from './probe/config.ts';
import { createProbeHandler } from './probe-handler.ts';

const LOCAL_ENV = { CERTLAB_PROBE_ALLOW_PRIVATE: '1', CERTLAB_PROBE_PORTS: '*', CERTLAB_PROBE_RATE_LIMIT: '1000' };
const NOW = Date.parse('2026-11-26T12:00:00Z');

let pki: TestPki;
let server: Running;
beforeAll(async () => {
  pki = makeTestPki();
  server = await startNodeTls({ chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf });
});
afterAll(async () => {
  await server?.close();
  pki?.cleanup();
});

const chainLines = (text: string) => text.split('\n').filter((l) => /^ \d s:|^ {3}[iav]:/.test(l));
const post = (body: string) => new Request('http://certlab.test/api/probe', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
const handlerWith = (env: Record<string, string>, extra: Partial<ProbeConfig> = {}) =>
  createProbeHandler({ config: { ...probeConfigFromEnv(env), ...extra }, now: () => NOW });

describe('probe handler: results', () => {
  it('POST probes the server and returns the chain as sent', async () => {
    const res = await handlerWith(LOCAL_ENV)(post(JSON.stringify({ host: '127.0.0.1', port: server.port, servername: 'probe.test' })));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await res.json();
    expect(body.presented.map((c: { subject: string; issuer: string; role: string }) => [c.subject, c.issuer, c.role])).toEqual([
      ['O=certlab tests, CN=probe.test', 'O=certlab tests, CN=Probe Test ICA 2', 'leaf'],
      ['O=certlab tests, CN=Probe Test ICA 2', 'O=certlab tests, CN=Probe Test ICA 1', 'intermediate'],
      ['O=certlab tests, CN=Probe Test ICA 1', 'O=certlab tests, CN=Probe Test Root', 'intermediate'],
    ]);
    expect([body.target, body.ip, body.protocol, body.ocspStapled, body.clientCertRequested, body.handshake]).toEqual([
      { host: '127.0.0.1', port: server.port, servername: 'probe.test' },
      '127.0.0.1',
      'TLSv1.3',
      false,
      false,
      { completed: true },
    ]);
    expect(body.presented[0].dnsNames).toEqual(['probe.test', 'localhost']);
    expect(body.evidence).toContain(' 0 s:O = certlab tests, CN = probe.test\n   i:O = certlab tests, CN = Probe Test ICA 2\n');
  });

  it("the evidence block's chain lines are the ones openssl s_client -showcerts prints", async () => {
    const res = await handlerWith(LOCAL_ENV)(post(JSON.stringify({ host: `127.0.0.1:${server.port}`, servername: 'probe.test' })));
    const ours = chainLines((await res.json()).evidence);
    expect(ours.length).toBe(12);
    expect(ours).toEqual(chainLines(await sClientText(server.port, 'probe.test')));
  });

  it('the same for a self-signed RSA leaf (a: line with rsaEncryption and RSA-SHA256)', async () => {
    const rsa = issueLeaf(pki, 'leaf-rsa', { rsa: true, selfSigned: true });
    const rsaServer = await startNodeTls({ chain: [rsa], key: rsa });
    try {
      const res = await handlerWith(LOCAL_ENV)(post(JSON.stringify({ host: `127.0.0.1:${rsaServer.port}`, servername: 'probe.test' })));
      const ours = chainLines((await res.json()).evidence);
      expect(ours[2]).toBe('   a:PKEY: rsaEncryption, 2048 (bit); sigalg: RSA-SHA256');
      expect(ours).toEqual(chainLines(await sClientText(rsaServer.port, 'probe.test')));
    } finally {
      await rsaServer.close();
    }
  });

  it('GET with ?host=&port= serves permalinks', async () => {
    const res = await handlerWith(LOCAL_ENV)(new Request(`http://certlab.test/api/probe?host=127.0.0.1&port=${server.port}&servername=probe.test`));
    expect(res.status).toBe(200);
    expect((await res.json()).presented.length).toBe(3);
  });

  it('502 with a typed error when nothing listens', async () => {
    const closed = await startHostile('silent');
    const port = closed.port;
    await closed.close();
    const res = await handlerWith(LOCAL_ENV)(post(JSON.stringify({ host: `127.0.0.1:${port}` })));
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      target: { host: `127.0.0.1:${port}` },
      error: {
        kind: 'ConnectFailed',
        message: `TCP connection to 127.0.0.1 port ${port} failed (ECONNREFUSED): nothing listens on that port.`,
        detail: { kind: 'ConnectFailed', address: '127.0.0.1', port, code: 'ECONNREFUSED' },
      },
    });
  });
});

describe('probe handler: bad requests and refusals', () => {
  const handler = handlerWith({});
  it.each([
    ['{"host": ', 'The body is not valid JSON (Unexpected end of JSON input). Expected {"host": "example.com", "port": 443} (port and servername optional).'],
    ['[]', 'The body must be a JSON object. Expected {"host": "example.com", "port": 443} (port and servername optional).'],
    ['{}', '"host" is missing or not a string. Expected {"host": "example.com", "port": 443} (port and servername optional).'],
    ['{"host": "example.com", "port": "https"}', '"port" is "https"; expected a whole number from 1 to 65535.'],
    ['{"host": "example.com", "port": 70000}', '"port" is 70000; expected a whole number from 1 to 65535.'],
    ['{"host": "example.com", "servername": "a b"}', '"servername" is "a b"; expected a DNS name such as www.example.com.'],
  ])('400 for %s', async (body, message) => {
    const res = await handler(post(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { kind: 'BadRequest', message } });
  });

  it('413 for a body over 4 KiB, streamed or announced', async () => {
    const big = JSON.stringify({ host: 'example.com', pad: 'x'.repeat(5000) });
    const res = await handler(post(big));
    expect([res.status, (await res.json()).error.kind]).toEqual([413, 'BodyTooLarge']);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(1000).fill(32));
        c.close();
      },
    });
    const streamed = await handler(
      new Request('http://certlab.test/api/probe', {
        method: 'POST',
        body: stream,
        duplex: 'half',
        headers: { 'content-type': 'application/json' },
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
  });

  it('403 for loopback with the reason, and nothing connects', async () => {
    const listener = await startHostile('silent');
    try {
      const res = await handlerWith({ CERTLAB_PROBE_PORTS: String(listener.port) })(post(JSON.stringify({ host: '0x7f.1', port: listener.port })));
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.error.message).toBe(
        '127.0.0.1 is a loopback address (this machine) [127.0.0.0/8]. The public probe only connects to public addresses; run “certlab probe” locally for internal hosts.',
      );
      expect(body.error.detail.range.id).toBe('loopback');
      expect(listener.connections()).toBe(0);
    } finally {
      await listener.close();
    }
  });

  it('403 for a port outside the list, 400 for userinfo', async () => {
    const port = await handler(post('{"host": "example.com:25"}'));
    expect([port.status, (await port.json()).error.detail]).toEqual([
      403,
      { kind: 'ForbiddenPort', port: 25, allowed: [443, 8443, 465, 636, 853, 993, 995, 5061, 6697, 9443] },
    ]);
    const userinfo = await handler(post('{"host": "a@127.0.0.1"}'));
    expect([userinfo.status, (await userinfo.json()).error.detail.kind]).toEqual([400, 'UserinfoNotAllowed']);
  });

  it('405 for other methods', async () => {
    const res = await handler(new Request('http://certlab.test/api/probe', { method: 'DELETE' }));
    expect([res.status, res.headers.get('allow')]).toEqual([405, 'GET, POST']);
  });
});

describe('probe handler: limits', () => {
  it('429 with Retry-After past the per-client rate; other clients are unaffected', async () => {
    const handler = handlerWith({ CERTLAB_PROBE_RATE_LIMIT: '2', CERTLAB_PROBE_RATE_WINDOW_S: '60' });
    const ask = (client: string) => handler(post('{"host": "example.com:25"}'), { clientAddress: client });
    expect((await ask('198.51.100.7')).status).toBe(403);
    expect((await ask('198.51.100.7')).status).toBe(403);
    const limited = await ask('198.51.100.7');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '60']);
    expect((await limited.json()).error).toEqual({
      kind: 'RateLimited',
      message: 'Too many probes from your address; at most 2 every 60 s. Try again in 60 s.',
    });
    expect((await ask('203.0.113.9')).status).toBe(403);
  });

  it('behind N trusted proxies the client is the N-th X-Forwarded-For entry from the right, never a forged first entry (issue 18)', async () => {
    // client 203.0.113.50 forged "1.2.3.4"; proxy A (10.0.0.1) appended the client, proxy B (10.0.0.2) appended A.
    const ask = (handler: ReturnType<typeof handlerWith>, xff: string) =>
      handler(
        new Request('http://certlab.test/api/probe', {
          method: 'POST',
          body: '{"host": "example.com:25"}',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
        }),
        { clientAddress: '10.0.0.2' },
      );
    const twoHops = handlerWith({ CERTLAB_PROBE_RATE_LIMIT: '1', CERTLAB_PROBE_TRUSTED_HOPS: '2' });
    expect((await ask(twoHops, '1.2.3.4, 203.0.113.50, 10.0.0.1')).status).toBe(403);
    // A new forged first entry does not make a new client.
    expect((await ask(twoHops, '5.6.7.8, 203.0.113.50, 10.0.0.1')).status).toBe(429);
    expect((await ask(twoHops, '1.2.3.4, 203.0.113.51, 10.0.0.1')).status).toBe(403);
    // CERTLAB_PROBE_TRUST_PROXY=1 is one hop: the address proxy B saw (proxy A), for everyone behind A.
    const oneHop = handlerWith({ CERTLAB_PROBE_RATE_LIMIT: '1', CERTLAB_PROBE_TRUST_PROXY: '1' });
    expect([(await ask(oneHop, '203.0.113.50, 10.0.0.1')).status, (await ask(oneHop, '203.0.113.99, 10.0.0.1')).status]).toEqual([403, 429]);
    // No trusted hops: the header is ignored, the socket peer is the client.
    const direct = handlerWith({ CERTLAB_PROBE_RATE_LIMIT: '1' });
    expect([(await ask(direct, '203.0.113.50, 10.0.0.1')).status, (await ask(direct, '203.0.113.51, 10.0.0.1')).status]).toEqual([403, 429]);
  });

  it('one IPv6 /64 is one client (issue 18)', async () => {
    const handler = handlerWith({ CERTLAB_PROBE_RATE_LIMIT: '1' });
    const ask = (client: string) => handler(post('{"host": "example.com:25"}'), { clientAddress: client });
    expect((await ask('2001:db8:1:2::1')).status).toBe(403);
    expect((await ask('2001:db8:1:2:ffff::9')).status).toBe(429);
    expect((await ask('2001:db8:1:3::1')).status).toBe(403);
  });

  it('503 with Retry-After when every probe slot is busy', async () => {
    const silent = await startHostile('silent');
    try {
      const handler = handlerWith({ ...LOCAL_ENV, CERTLAB_PROBE_MAX_CONCURRENT: '1', CERTLAB_PROBE_HANDSHAKE_TIMEOUT_MS: '500' });
      const first = handler(post(JSON.stringify({ host: `127.0.0.1:${silent.port}` })));
      const second = await handler(post(JSON.stringify({ host: `127.0.0.1:${silent.port}` })));
      expect([second.status, second.headers.get('retry-after')]).toEqual([503, '2']);
      const done = await first;
      expect([done.status, (await done.json()).handshake.error.kind]).toEqual([200, 'HandshakeTimeout']);
    } finally {
      await silent.close();
    }
  });
});

describe('probe configuration from the environment', () => {
  it('defaults are the safe public values', () => {
    expect(probeConfigFromEnv({})).toEqual({
      policy: { allowPrivate: false, ports: [443, 8443, 465, 636, 853, 993, 995, 5061, 6697, 9443] },
      limits: { connectTimeoutMs: 5000, handshakeTimeoutMs: 10000, dnsTimeoutMs: 5000, maxBytes: 262144, budgetMs: 15000, upgradeTimeoutMs: 10000 },
      rateLimit: 10,
      rateWindowMs: 60000,
      maxConcurrent: 8,
      maxPerClient: 2,
      trustedHops: 0,
    });
  });
  it('bad values are errors that name the variable', () => {
    expect(() => probeConfigFromEnv({ CERTLAB_PROBE_ALLOW_PRIVATE: 'yes' })).toThrow(
      new ProbeConfigError('CERTLAB_PROBE_ALLOW_PRIVATE="yes" is not valid: expected 1 or 0.'),
    );
    expect(() => probeConfigFromEnv({ CERTLAB_PROBE_PORTS: '443,http' })).toThrow(
      'CERTLAB_PROBE_PORTS="443,http" is not valid: expected comma-separated ports (1-65535) or *.',
    );
    expect(() => probeConfigFromEnv({ CERTLAB_PROBE_MAX_BYTES: '10' })).toThrow(
      'CERTLAB_PROBE_MAX_BYTES="10" is not valid: expected a whole number from 16384 to 1048576.',
    );
  });
});
