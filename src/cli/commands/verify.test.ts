/**
 * certlab verify on generated chains (test/openssl-verify/pki.ts): root -> ica -> ee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChainFactory, CA_EXT, leafExt } from '../../../test/pki/factory.ts';
import { buildPki } from '../../../test/openssl-verify/pki.ts';
import { run } from './verify.ts';
import { LIMBO_DIR } from '../../../test/conformance/limbo-runner.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function io(stdin: Uint8Array = new Uint8Array()) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => stdin } };
}

let f: ChainFactory;
beforeAll(() => {
  f = buildPki();
});
afterAll(() => f?.dispose());

const AT = ['--at', '2025-01-01T00:00:00Z'];

describe('certlab verify', () => {
  it('valid chain: exit 0 and the JSON shape of the issue', async () => {
    const t = io();
    const code = await run(['--json', f.path('ee'), '--untrusted', f.path('ica'), '--trusted', f.path('root'), '--host', 'example.com', ...AT], t.io);
    const j = JSON.parse(t.out.join(''));
    expect(code).toBe(0);
    expect(Object.keys(j)).toEqual(['ok', 'code', 'name', 'text', 'depth', 'cause', 'path', 'profile', 'clients']);
    expect({
      ok: j.ok,
      code: j.code,
      name: j.name,
      text: j.text,
      depth: j.depth,
      cause: j.cause,
      subjects: j.path.map((p: { subject: string }) => p.subject),
    }).toEqual({
      ok: true,
      code: 0,
      name: 'X509_V_OK',
      text: 'ok',
      depth: null,
      cause: null,
      subjects: ['CN=ee', 'CN=ICA', 'CN=Root'],
    });
    expect(Object.keys(j.clients)).toEqual(['openssl', 'curl', 'python', 'node', 'java', 'go', 'rustls', 'dotnet', 'chrome', 'firefox']);
    expect(j.clients.curl).toEqual({ fails: false, message: null });
  });
  it('a chain file as the peer: the rest is untrusted; missing intermediate exits 1 with 20', async () => {
    const t = io();
    expect(await run(['--json', f.bundle('chain', ['ee', 'ica']), '--trusted', f.path('root'), ...AT], t.io)).toBe(0);
    const u = io();
    expect(await run(['--json', f.path('ee'), '--trusted', f.path('root'), ...AT], u.io)).toBe(1);
    const j = JSON.parse(u.out.join(''));
    expect({ code: j.code, name: j.name, depth: j.depth, cause: j.cause, curl: j.clients.curl.message.split('\n')[0], node: j.clients.node }).toEqual({
      code: 20,
      name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      depth: 0,
      cause: 'incomplete-chain',
      curl: 'curl: (60) SSL certificate problem: unable to get local issuer certificate',
      node: {
        fails: true,
        message: 'Error: unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
      },
    });
  });
  it('the human output names the cause in words; the JSON keeps its id', async () => {
    const t = io();
    expect(await run([f.path('ee'), '--trusted', f.path('root'), ...AT], t.io)).toBe(1);
    expect(t.out.join('').split('\n').slice(0, 3)).toEqual([
      'NOT valid: 20 X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (unable to get local issuer certificate) at depth 0',
      'judged by profile openssl (OpenSSL 3.x as openssl s_client applies it)',
      'cause: The server does not send its intermediate certificate',
    ]);
  });
  it('reads the peer from standard input (PEM) and DER files', async () => {
    const t = io(new TextEncoder().encode(f.pem('ee') + f.pem('ica')));
    expect(await run(['-', '--trusted', f.path('root'), '--host', 'example.com', ...AT], t.io)).toBe(0);
    const der = f.path('ee', 'der');
    writeFileSync(der, f.der('ee'));
    const u = io();
    expect(await run([der, '--untrusted', f.path('ica'), '--trusted', f.path('root'), ...AT], u.io)).toBe(0);
  });
  it('bad input exits 2 with what was expected', async () => {
    const junk = f.path('junk', 'txt');
    writeFileSync(junk, 'hello');
    const truncated = f.path('truncated', 'der');
    writeFileSync(truncated, f.der('ee').subarray(0, 100));
    const cases: [string[], string][] = [
      [[junk], 'holds no certificate. Expected PEM (-----BEGIN CERTIFICATE-----) or DER.'],
      [[truncated], 'certificate 1 in'],
      [['/nonexistent.pem'], 'cannot read /nonexistent.pem'],
      [[f.path('ee'), '--at', 'yesterday'], '--at "yesterday" is not a time'],
      [[f.path('ee'), '--store', 'windows'], 'Unknown trust store "windows". Expected one of: mozilla, system.'],
      [[f.path('ee'), '--frobnicate'], 'unknown option "--frobnicate"'],
      [[], 'missing the peer certificate file'],
    ];
    for (const [args, msg] of cases) {
      const t = io();
      expect(await run(args, t.io)).toBe(2);
      expect(t.err.join('')).toContain(msg);
    }
  });
  it('--aia completes a leaf-only chain from its caIssuers URL (served on 127.0.0.1)', async () => {
    // aia-root -> aia-ica -> aia-ee (AIA caIssuers: http://127.0.0.1:PORT/ica.der)
    const g = ChainFactory.create();
    const server = createServer((req, res) => {
      if (req.url === '/ica.der') res.writeHead(200).end(Buffer.from(g.der('ica')));
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const port = (server.address() as AddressInfo).port;
      g.issue({ name: 'root', subject: '/CN=AIA Root', ext: CA_EXT });
      g.issue({ name: 'ica', subject: '/CN=AIA ICA', issuer: 'root', ext: CA_EXT });
      g.issue({
        name: 'ee',
        subject: '/CN=aia-ee',
        issuer: 'ica',
        ext: [...leafExt('example.com'), `authorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/ica.der`],
      });
      const without = io();
      expect(await run(['--json', g.path('ee'), '--trusted', g.path('root'), ...AT], without.io)).toBe(1);
      expect(JSON.parse(without.out.join('')).code).toBe(20);
      const withAia = io();
      expect(await run(['--json', '--aia', g.path('ee'), '--trusted', g.path('root'), ...AT], withAia.io)).toBe(0);
      const j = JSON.parse(withAia.out.join(''));
      expect({ code: j.code, path: j.path.map((p: { subject: string }) => p.subject), chrome: j.clients.chrome, curl: j.clients.curl.fails }).toEqual({
        code: 0,
        path: ['CN=aia-ee', 'CN=AIA ICA', 'CN=AIA Root'],
        chrome: { fails: false, message: null },
        curl: true,
      });
    } finally {
      await new Promise((ok) => server.close(ok));
      g.dispose();
    }
  });
  it("a real chain (google.com, from limbo's online vectors) validates against the Mozilla store", async () => {
    const v = JSON.parse(readFileSync(join(LIMBO_DIR, 'online/google.com.limbo.json'), 'utf8'));
    const chain = f.path('google-chain');
    writeFileSync(chain, [v.peer_certificate, ...v.untrusted_intermediates].join('\n'));
    const t = io();
    const code = await run(['--json', chain, '--store', 'mozilla', '--host', 'google.com', '--at', v.validation_time], t.io);
    const j = JSON.parse(t.out.join(''));
    expect({
      code,
      ok: j.ok,
      path: j.path.map((p: { subject: string }) => p.subject),
      failing: Object.entries(j.clients).filter(([, c]) => (c as { fails: boolean }).fails),
    }).toEqual({
      code: 0,
      ok: true,
      path: ['CN=*.google.com', 'C=US, O=Google Trust Services, CN=WR2', 'C=US, O=Google Trust Services LLC, CN=GTS Root R1'],
      failing: [],
    });
    const early = io();
    expect(await run(['--json', chain, '--store', 'mozilla', '--host', 'google.com', '--at', '2023-10-23T00:00:00Z'], early.io)).toBe(1);
    expect(JSON.parse(early.out.join('')).code).toBe(9);
  });
  it('runs through the npm script with the system store (the private root is not in it)', () => {
    const r = spawnSync(
      'npm',
      ['run', '-s', 'certlab', '--', 'verify', f.path('ee'), '--untrusted', f.path('ica'), '--store', 'system', '--host', 'example.com', ...AT],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('NOT valid: 20 X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY (unable to get local issuer certificate) at depth 1');
  });
});
