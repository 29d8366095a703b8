/**
 * `certlab fix` (issue #14, item 2) against files and against a real node:tls server on
 * 127.0.0.1 that sends its leaf without the intermediate that issued it; the leaf's AIA URL
 * points at a loopback HTTP server this test starts.
 *
 *   root "Probe Test Root" -> ica1 -> ica2 (pathlen:0) -> leaf ; aia-leaf (AIA: http://127.0.0.1:PORT/ica2.der)
 *   the server sends [aia-leaf, ica1]: ica2 is missing, ica1 is sent out of place
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestCert, type TestPki, issueLeaf, makeTestPki } from '../../../test/probe/pki.ts';
import { type Running, startNodeTls } from '../../../test/probe/servers.ts';
import type { CliIo } from '../io.ts';
import { parseArgs, run } from './fix.ts';

let pki: TestPki;
let aiaLeaf: TestCert;
let http: Server;
let tls: Running;
let dir: string;
let aiaUrl: string;
const requested: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certlab-fix-cli-'));
  pki = makeTestPki();
  http = createServer((req, res) => {
    requested.push(req.url ?? '');
    if (req.url === '/ica2.der') res.writeHead(200, { 'content-type': 'application/pkix-cert' }).end(Buffer.from(pki.ica2.der));
    else res.writeHead(404).end();
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
  aiaUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/ica2.der`;
  aiaLeaf = issueLeaf(pki, 'aia-leaf', { aiaUrl });
  tls = await startNodeTls({ chain: [aiaLeaf, pki.ica1], key: aiaLeaf });
});

afterAll(async () => {
  await tls?.close();
  await new Promise((ok) => http?.close(ok));
  pki?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => new Uint8Array() } };
}

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('certlab fix', () => {
  it('a shuffled file with a root and an unrelated CA: writes leaf, ica2, ica1 and prints the nginx lines', async () => {
    const input = file('mixed.pem', [pki.root, pki.ica1, pki.leaf, pki.other, pki.ica2].map((c) => c.pem).join(''));
    const out = join(dir, 'fullchain.pem');
    const c = capture();
    const code = await run([input, '--trusted', pki.root.certPath, '--host', 'probe.test', '--out', out], c.io);
    expect([code, c.err]).toEqual([0, []]);
    expect(readFileSync(out, 'utf8')).toEqual(pki.leaf.pem + pki.ica2.pem + pki.ica1.pem);
    expect(c.out.join('\n')).toEqual(
      [
        'chain to serve (leaf first, no root): 3 certificate(s)',
        '  0 O=certlab tests, CN=probe.test',
        '  1 O=certlab tests, CN=Probe Test ICA 2',
        '  2 O=certlab tests, CN=Probe Test ICA 1',
        'ends under the root: O=certlab tests, CN=Probe Test Root',
        'left out:',
        '  O=certlab tests, CN=Probe Test Root: a root: clients already hold it in their trust store, so it is not served',
        '  O=certlab tests, CN=Unrelated Test CA: a root: clients already hold it in their trust store, so it is not served',
        `verified: 0 ok, against ${pki.root.certPath}, as a client that fetches nothing sees it`,
        `wrote ${out}`,
        '',
        'nginx: In the server { listen 443 ssl; ... } block; then nginx -t && nginx -s reload.',
        '',
        `ssl_certificate     ${dir}/fullchain.pem;`,
        `ssl_certificate_key ${dir}/privkey.pem;`,
        '',
        'other servers: --server apache|apache-old|haproxy|caddy|traefik|iis|tomcat|tomcat-jks|spring-boot|kubernetes|cert-manager|aws',
      ].join('\n'),
    );
  });

  it('exit 1 with the reason when the intermediate is missing and --aia is off', async () => {
    const input = file('leaf-only.pem', aiaLeaf.pem);
    const c = capture();
    const code = await run([input, '--trusted', pki.root.certPath, '--host', 'probe.test'], c.io);
    expect([code, c.out, c.err]).toEqual([
      1,
      [],
      [
        `certlab fix: no complete chain can be built. The issuer of "O=certlab tests, CN=probe.test" ("O=certlab tests, CN=Probe Test ICA 2") is missing. Its AIA URL is ${aiaUrl}: allow fetching it, or download it from your CA.`,
      ],
    ]);
  });

  it('HOST:PORT with --aia: probes the server, fetches ica2 from the AIA URL, writes the chain to stdout', async () => {
    const c = capture();
    const code = await run([`127.0.0.1:${tls.port}`, '--host', 'probe.test', '--aia', '--trusted', pki.root.certPath, '--server', 'haproxy'], c.io);
    expect(code).toEqual(0);
    expect(c.out).toEqual([aiaLeaf.pem + pki.ica2.pem + pki.ica1.pem]);
    expect(requested).toContain('/ica2.der');
    const report = c.err.join('\n').split('\n');
    expect(report.slice(0, 5)).toEqual([
      'chain to serve (leaf first, no root): 3 certificate(s)',
      '  0 O=certlab tests, CN=probe.test',
      '  1 O=certlab tests, CN=Probe Test ICA 2  (fetched from AIA)',
      '  2 O=certlab tests, CN=Probe Test ICA 1',
      'ends under the root: O=certlab tests, CN=Probe Test Root',
    ]);
    expect(report).toContain(`AIA ${aiaUrl}: fetched O=certlab tests, CN=Probe Test ICA 2`);
    expect(report).toContain('    bind :443 ssl crt /etc/ssl/certlab/haproxy.pem');
    expect(report[report.length - 1]).toEqual(`then probe again: certlab probe 127.0.0.1:${tls.port}`);
  });

  it('HOST:PORT without --aia: exit 1, the missing intermediate named', async () => {
    const c = capture();
    const code = await run([`127.0.0.1:${tls.port}`, '--host', 'probe.test', '--trusted', pki.root.certPath], c.io);
    expect([code, c.err[0]]).toEqual([
      1,
      `certlab fix: no complete chain can be built. The issuer of "O=certlab tests, CN=probe.test" ("O=certlab tests, CN=Probe Test ICA 2") is missing. Its AIA URL is ${aiaUrl}: allow fetching it, or download it from your CA.`,
    ]);
  });

  it('--client java prints the keytool command for that client', async () => {
    const input = file('good.pem', pki.leaf.pem + pki.ica2.pem + pki.ica1.pem);
    const c = capture();
    const code = await run([input, '--trusted', pki.root.certPath, '--host', 'probe.test', '--out', join(dir, 'x.pem'), '--client', 'java'], c.io);
    expect(code).toEqual(0);
    expect(c.out.join('\n')).toContain(
      "java: trusting a CA file (/path/to/ca.pem: your CA's root)\n\n  The JDK's own cacerts (Java 9 and later; default password changeit).\n    keytool -importcert -noprompt -trustcacerts -alias probe.test-ca -file /path/to/ca.pem -cacerts -storepass changeit",
    );
  });

  it('exit 2 on bad input: no such file, no certificate, unknown server, nothing listening', async () => {
    const results = [];
    for (const args of [
      [join(dir, 'absent.pem')],
      [file('empty.pem', 'hello')],
      [file('ok.pem', pki.leaf.pem), '--server', 'lighttpd'],
      ['127.0.0.1:1', '--trusted', pki.root.certPath],
    ]) {
      const c = capture();
      results.push([await run(args, c.io), c.err[0]!.split('\n')[0]]);
    }
    expect(results).toEqual([
      [2, `certlab fix: cannot read ${join(dir, 'absent.pem')}: ENOENT: no such file or directory, open '${join(dir, 'absent.pem')}'`],
      [2, `certlab fix: ${join(dir, 'empty.pem')} holds no certificate. Expected PEM (-----BEGIN CERTIFICATE-----) or DER.`],
      [
        2,
        'certlab fix: unknown server "lighttpd". Expected one of: nginx, apache, apache-old, haproxy, caddy, traefik, iis, tomcat, tomcat-jks, spring-boot, kubernetes, cert-manager, aws.',
      ],
      [2, expect.stringMatching(/^certlab fix: .*127\.0\.0\.1.*1/)],
    ]);
  });

  it('parseArgs: one source, known options', () => {
    expect(parseArgs([])).toEqual({ ok: false, error: 'missing the chain file (or - for standard input) or HOST[:PORT].' });
    expect(parseArgs(['a.pem', '--aia', '--server', 'caddy'])).toEqual({ ok: true, options: { source: 'a.pem', trusted: [], server: 'caddy', aia: true } });
  });
});
