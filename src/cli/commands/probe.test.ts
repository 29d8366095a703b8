/**
 * `certlab probe` against real TLS servers on loopback.
 * Chain: root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test); --ca gives the test root.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { type Running, startHostile, startNodeTls } from '../../../test/probe/servers.ts';
import type { CliIo } from '../io.ts';
import { parseArgs, run } from './probe.ts';

let pki: TestPki;
let full: Running;
let leafOnly: Running;
beforeAll(async () => {
  pki = makeTestPki();
  full = await startNodeTls({ chain: [pki.leaf, pki.ica2, pki.ica1], key: pki.leaf });
  leafOnly = await startNodeTls({ chain: [pki.leaf], key: pki.leaf });
});
afterAll(async () => {
  await full?.close();
  await leafOnly?.close();
  pki?.cleanup();
});

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => new Uint8Array() } };
}

describe('certlab probe', () => {
  it('exit 0 when every strict client accepts (full chain, --ca root)', async () => {
    const c = capture();
    const code = await run([`127.0.0.1:${full.port}`, '--servername', 'probe.test', '--ca', pki.root.certPath], c.io);
    expect(code).toBe(0);
    const text = c.out.join('\n');
    expect(text.split('\n')[0]).toBe(`No certificate problem: every client accepts the chain 127.0.0.1:${full.port} presents.`);
    expect(text).toContain('  ok   curl');
  });

  it('exit 1 with --json when strict clients fail (leaf only)', async () => {
    const c = capture();
    const code = await run([`127.0.0.1:${leafOnly.port}`, '--servername', 'probe.test', '--ca', pki.root.certPath, '--json'], c.io);
    expect(code).toBe(1);
    const json = JSON.parse(c.out.join(''));
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['target', 'presented', 'protocol', 'cipher', 'verdicts', 'cause', 'liability', 'headline', 'evidence', 'email']),
    );
    expect([json.cause, json.liability, json.presented.length, json.verdicts.curl.ok, json.verdicts.curl.code]).toEqual([
      'incomplete-chain',
      'server',
      1,
      false,
      20,
    ]);
  });

  it('exit 2 when no TLS handshake can be made', async () => {
    const silent = await startHostile('alert');
    try {
      const c = capture();
      expect(await run([`127.0.0.1:${silent.port}`], c.io)).toBe(2);
      expect(c.out.join('\n')).toContain('Handshake : FAILED - The server ended the handshake with a fatal alert handshake_failure (40)');
    } finally {
      await silent.close();
    }
    const closed = await startHostile('silent');
    const port = closed.port;
    await closed.close();
    const c = capture();
    expect(await run([`127.0.0.1:${port}`], c.io)).toBe(2);
    expect(c.err).toEqual([`certlab probe: TCP connection to 127.0.0.1 port ${port} failed (ECONNREFUSED): nothing listens on that port.`]);
  });

  it('private addresses are allowed locally, bad usage exits 2', async () => {
    expect(parseArgs(['10.0.0.5:8443'])).toEqual({ ok: true, options: { target: '10.0.0.5:8443', ca: [], json: false } });
    const c = capture();
    expect(await run(['--bogus'], c.io)).toBe(2);
    expect(c.err[0]!.split('\n')[0]).toBe(
      'certlab probe: unknown option "--bogus". Expected one of: --servername, --starttls, --ca, --json, --revocation, --ip, --all-ips, --proxy, --dns-server, --help.',
    );
    const d = capture();
    expect(await run(['example.com', '--ca', '/nonexistent.pem'], d.io)).toBe(2);
    expect(d.err[0]).toMatch(/^certlab probe: cannot read --ca \/nonexistent\.pem: ENOENT/);
  });

  it('runs through the npm script with the documented exit code', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(
        'npm',
        ['run', '-s', 'certlab', '--', 'probe', `127.0.0.1:${leafOnly.port}`, '--servername', 'probe.test', '--ca', pki.root.certPath, '--json'],
        { cwd: process.cwd(), timeout: 60_000 },
        (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout }),
      );
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).cause).toBe('incomplete-chain');
  });
});
