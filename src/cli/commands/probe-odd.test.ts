/**
 * `certlab probe` on odd servers (issue 13), real servers on loopback:
 * a plain HTTP port, and a TLS 1.3 server that requires a client certificate from the test root
 * (root -> ica1 -> ica2 -> leaf probe.test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { startClientCertServer, startPlainHttp } from '../../../test/probe/odd-servers.ts';
import type { CliIo } from '../io.ts';
import { run } from './probe.ts';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

function capture(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  return { out, io: { out: (t) => out.push(t), err: (t) => out.push(t), readStdin: async () => new Uint8Array() } };
}

describe('certlab probe on odd servers', () => {
  it('a plain HTTP port: exit 2, named as plain HTTP', async () => {
    const server = await startPlainHttp();
    const c = capture();
    try {
      expect(await run([`127.0.0.1:${server.port}`], c.io)).toBe(2);
    } finally {
      await server.close();
    }
    const lines = c.out.join('\n').split('\n');
    expect(lines[0]).toBe('Server or client: this port speaks plain HTTP, not TLS (it sent "HTTP/1.1 400 Bad Request").');
    expect(lines).toContain('Not TLS: this port speaks plain HTTP; it sent "HTTP/1.1 400 Bad Request".');
  });

  it('a required client certificate: exit 1, the CA names listed', async () => {
    const server = await startClientCertServer([pki.leaf, pki.ica2, pki.ica1], pki.root, 'TLSv1.3', 'TLSv1.3');
    const c = capture();
    try {
      expect(await run([`127.0.0.1:${server.port}`, '--servername', 'probe.test', '--ca', pki.root.certPath], c.io)).toBe(1);
    } finally {
      await server.close();
    }
    const text = c.out.join('\n');
    expect(text).toContain('\nClient certificate required; CAs the server accepts:\n  O=certlab tests, CN=Probe Test Root\n');
  });
});
