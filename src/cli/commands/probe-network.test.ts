/**
 * `certlab probe` on real networks, all on loopback: --ip (one backend, SNI for the name),
 * --all-ips (a test DNS server answers 127.0.0.1 and ::1; two servers on the same port),
 * --proxy (tinyproxy, and a node:http CONNECT proxy that refuses), --revocation.
 *
 *   root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test, localhost, 127.0.0.1, ::1)
 *                                    -> other-leaf (a second certificate for probe.test)
 */
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCert, type TestPki, issueLeaf, makeTestPki } from '../../../test/probe/pki.ts';
import { type FakeDns, startFakeDns } from '../../../test/probe/dns-server.ts';
import { startConnectProxy, startTinyproxy, tinyproxyPath } from '../../../test/probe/proxies.ts';
import { type RevocationPki, startRevocationPki } from '../../../test/probe/revocation-pki.ts';
import type { CliIo } from '../io.ts';
import { parseArgs, run } from './probe.ts';

let pki: TestPki;
let otherLeaf: TestCert;
let dns: FakeDns;
beforeAll(async () => {
  pki = makeTestPki();
  otherLeaf = issueLeaf(pki, 'other-leaf');
  dns = await startFakeDns();
});
afterAll(async () => {
  await dns?.close();
  pki?.cleanup();
});

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => new Uint8Array() } };
}

/** A TLS server that records the SNI name each ClientHello carries. */
async function sniServer(leaf: TestCert, host: string, port = 0): Promise<{ server: TlsServer; port: number; names: string[] }> {
  const names: string[] = [];
  const server = createTlsServer({
    key: leaf.keyPem,
    cert: [leaf.pem, pki.ica2.pem, pki.ica1.pem].join(''),
    SNICallback: (name, cb) => {
      names.push(name);
      cb(null);
    },
  });
  server.on('secureConnection', (s) => s.on('error', () => {}));
  server.on('tlsClientError', () => {});
  server.listen(port, host);
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port, names };
}
const close = (s: TlsServer) => new Promise<void>((r) => s.close(() => r()));

describe('parseArgs: the network options', () => {
  it('takes --ip, --all-ips, --proxy, --dns-server, --revocation', () => {
    expect(parseArgs(['a.test', '--ip', '[::1]', '--revocation', '--dns-server', '127.0.0.1:5353'])).toEqual({
      ok: true,
      options: { target: 'a.test', ca: [], json: false, revocation: true, ip: '::1', dnsServer: '127.0.0.1:5353' },
    });
    expect(parseArgs(['a.test', '--all-ips', '--proxy', 'http://127.0.0.1:3128'])).toEqual({
      ok: false,
      error: '--proxy cannot be combined with --ip or --all-ips: the proxy resolves the name and picks the address.',
    });
    expect(parseArgs(['a.test', '--ip', 'not-an-ip'])).toEqual({ ok: false, error: '--ip "not-an-ip" is not an IPv4 or IPv6 address.' });
    expect(parseArgs(['a.test', '--ip', '127.0.0.1', '--all-ips'])).toEqual({
      ok: false,
      error: '--ip and --all-ips exclude each other: --ip probes one address, --all-ips every one.',
    });
    expect(parseArgs(['a.test', '--proxy', 'socks5://127.0.0.1:1080'])).toEqual({
      ok: false,
      error: '--proxy "socks5://127.0.0.1:1080": only http:// proxies (HTTP CONNECT) are supported, received socks5://.',
    });
  });
});

describe('--ip', () => {
  it('connects to the address and sends SNI for the name (no lookup of the name)', async () => {
    const s = await sniServer(pki.leaf, '127.0.0.1');
    try {
      const c = capture();
      // probe.invalid never resolves (RFC 6761): reaching the server proves no lookup was made.
      const code = await run([`probe.invalid:${s.port}`, '--ip', '127.0.0.1', '--servername', 'probe.test', '--ca', pki.root.certPath, '--json'], c.io);
      const json = JSON.parse(c.out.join(''));
      expect([code, json.ip, json.target, s.names]).toEqual([
        0,
        '127.0.0.1',
        { host: 'probe.invalid', port: s.port, servername: 'probe.test' },
        ['probe.test'],
      ]);
    } finally {
      await close(s.server);
    }
  });
});

describe('--all-ips', () => {
  async function twoBackends(v6Leaf: TestCert) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const v4 = await sniServer(pki.leaf, '127.0.0.1');
      try {
        const v6 = await sniServer(v6Leaf, '::1', v4.port);
        return { v4, v6 };
      } catch {
        await close(v4.server); // the port is taken on ::1: try another
      }
    }
    throw new Error('no port free on both 127.0.0.1 and ::1');
  }

  it('reports backends that present different chains (exit 1)', async () => {
    const { v4, v6 } = await twoBackends(otherLeaf);
    try {
      const c = capture();
      const code = await run(
        [`www.dual.test:${v4.port}`, '--all-ips', '--servername', 'probe.test', '--dns-server', dns.server, '--ca', pki.root.certPath, '--json'],
        c.io,
      );
      const json = JSON.parse(c.out.join(''));
      expect([code, json.addresses, json.groups, json.differ, json.backends.map((b: { ip: string; exitCode: number }) => [b.ip, b.exitCode])]).toEqual([
        1,
        ['127.0.0.1', '::1'],
        [['127.0.0.1'], ['::1']],
        true,
        [
          ['127.0.0.1', 0],
          ['::1', 0],
        ],
      ]);
      expect([v4.names, v6.names, dns.queries.filter((q) => q.startsWith('www.dual.test')).sort()]).toEqual([
        ['probe.test'],
        ['probe.test'],
        ['www.dual.test/A', 'www.dual.test/AAAA'],
      ]);
      expect(json.summary).toBe('The 2 addresses of www.dual.test do not all present the same chain: 127.0.0.1 | ::1.');
    } finally {
      await close(v4.server);
      await close(v6.server);
    }
  });

  it('says so when every backend presents the same chain (exit 0), in words', async () => {
    const { v4, v6 } = await twoBackends(pki.leaf);
    try {
      const c = capture();
      const code = await run(
        [`www.dual.test:${v4.port}`, '--all-ips', '--servername', 'probe.test', '--dns-server', dns.server, '--ca', pki.root.certPath],
        c.io,
      );
      const lines = c.out.join('\n').split('\n');
      expect([code, lines[0], lines.filter((l) => l.startsWith('== '))]).toEqual([
        0,
        'All 2 addresses of www.dual.test present the same chain.',
        ['== 127.0.0.1 ==', '== ::1 =='],
      ]);
    } finally {
      await close(v4.server);
      await close(v6.server);
    }
  });
});

describe('--proxy', () => {
  const noTinyproxy = !tinyproxyPath();
  if (noTinyproxy) console.log('skipped: tinyproxy is not installed (apt-get install tinyproxy; .ci/run installs it)');

  it.skipIf(noTinyproxy)('through tinyproxy: the handshake runs inside the CONNECT tunnel', async () => {
    const proxy = await startTinyproxy();
    const s = await sniServer(pki.leaf, '127.0.0.1');
    try {
      const c = capture();
      const code = await run(
        [`127.0.0.1:${s.port}`, '--servername', 'probe.test', '--proxy', `http://127.0.0.1:${proxy.port}`, '--ca', pki.root.certPath, '--json'],
        c.io,
      );
      const json = JSON.parse(c.out.join(''));
      expect([code, json.ip, s.names, proxy.requests()]).toEqual([
        0,
        `proxy 127.0.0.1:${proxy.port}`,
        ['probe.test'],
        [`CONNECT 127.0.0.1:${s.port} HTTP/1.1`],
      ]);
    } finally {
      await close(s.server);
      await proxy.close();
    }
  });

  it.skipIf(noTinyproxy)('through tinyproxy: --revocation sends the OCSP POST and the CRL GET through the proxy too', async () => {
    const rpki = await startRevocationPki();
    const proxy = await startTinyproxy();
    const server = createTlsServer({ key: rpki.good.keyPem, cert: [rpki.good.pem, rpki.ica.pem].join('') });
    server.on('tlsClientError', () => {});
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    try {
      const c = capture();
      await run(
        [`127.0.0.1:${port}`, '--servername', 'good.test', '--proxy', `http://127.0.0.1:${proxy.port}`, '--ca', rpki.root.certPath, '--revocation', '--json'],
        c.io,
      );
      const live = JSON.parse(c.out.join('')).revocation.live;
      expect([live.ocsp.map((o: { status: string }) => o.status), live.crl.map((x: { status: string }) => x.status)]).toEqual([['good'], ['good']]);
      expect(proxy.requests().sort()).toEqual([
        `CONNECT 127.0.0.1:${port} HTTP/1.1`,
        `GET http://127.0.0.1:${rpki.port}/ica.crl HTTP/1.1`,
        `POST http://127.0.0.1:${rpki.port}/ocsp HTTP/1.1`,
      ]);
    } finally {
      await close(server);
      await proxy.close();
      await rpki.close();
    }
  });

  it('the proxy is handed the name, not an address', async () => {
    const proxy = await startConnectProxy();
    const s = await sniServer(pki.leaf, '127.0.0.1');
    try {
      const c = capture();
      const code = await run([`probe.test:${s.port}`, '--proxy', `http://127.0.0.1:${proxy.port}`, '--ca', pki.root.certPath, '--json'], c.io);
      expect([code, JSON.parse(c.out.join('')).ip, proxy.requests(), s.names]).toEqual([
        0,
        `proxy 127.0.0.1:${proxy.port}`,
        [`CONNECT probe.test:${s.port}`],
        ['probe.test'],
      ]);
    } finally {
      await close(s.server);
      await proxy.close();
    }
  });

  it('a proxy that refuses the tunnel is named as the failure, not the server (exit 2)', async () => {
    const proxy = await startConnectProxy({ refuse: true });
    try {
      const c = capture();
      const code = await run(['probe.test:443', '--proxy', `http://127.0.0.1:${proxy.port}`], c.io);
      expect([code, c.err]).toEqual([
        2,
        [
          `certlab probe: The proxy 127.0.0.1:${proxy.port} did not open a tunnel: it answered "HTTP/1.1 403 Forbidden" to CONNECT probe.test:443. The server itself was not reached, so nothing is known about it yet.`,
        ],
      ]);
    } finally {
      await proxy.close();
    }
  });
});

describe('--revocation', () => {
  let rpki: RevocationPki;
  beforeAll(async () => {
    rpki = await startRevocationPki();
  });
  afterAll(() => rpki?.close());

  it('asks the OCSP responder and reads the CRL, and prints both', async () => {
    const server = createTlsServer({ key: rpki.revoked.keyPem, cert: [rpki.revoked.pem, rpki.ica.pem].join('') });
    server.on('tlsClientError', () => {});
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    try {
      const c = capture();
      await run([`127.0.0.1:${port}`, '--servername', 'revoked.test', '--ca', rpki.root.certPath, '--revocation'], c.io);
      const text = c.out.join('\n');
      const block = text.slice(text.indexOf('Revocation and transparency:')).split('\n\n')[0]!.split('\n');
      expect(block.map((l) => l.replace(/since \S+/, 'since T'))).toEqual([
        'Revocation and transparency:',
        '  OCSP staple: none',
        '  Must-Staple: no',
        '  SCTs: none',
        `  OCSP http://127.0.0.1:${rpki.port}/ocsp: revoked since T (keyCompromise); ${block[4]!.split('; ')[1]}; signed by the issuer, O=certlab tests, CN=Revocation Test ICA`,
        `  CRL http://127.0.0.1:${rpki.port}/ica.crl: revoked since T (keyCompromise)`,
      ]);
      expect(text).toContain('error: the CRL at');
    } finally {
      await close(server);
    }
  });
});
