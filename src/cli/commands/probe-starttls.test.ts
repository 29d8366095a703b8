/**
 * `certlab probe --starttls` (issue 13) against a scripted SMTP server on loopback: one that
 * offers STARTTLS and hands over to node:tls, one that does not offer it.
 * Chain: root -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test); --ca gives the test root.
 */
import { type Server, type Socket, createServer } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import type { CliIo } from '../io.ts';
import { parseArgs, run } from './probe.ts';

let pki: TestPki;
const servers: Server[] = [];
let withTls = 0;
let withoutTls = 0;

function smtp(offer: boolean): Promise<number> {
  const server = createServer((s: Socket) => {
    s.on('error', () => {});
    s.write('220 mail.test ESMTP\r\n');
    s.on('data', (d) => {
      const line = d.toString().trim();
      if (line.startsWith('EHLO')) s.write(offer ? '250-mail.test\r\n250 STARTTLS\r\n' : '250-mail.test\r\n250 8BITMIME\r\n');
      else if (line === 'STARTTLS') {
        s.removeAllListeners('data');
        s.write('220 go ahead\r\n', () =>
          new TLSSocket(s, { isServer: true, key: pki.leaf.keyPem, cert: pki.leaf.pem + pki.ica2.pem + pki.ica1.pem }).on('error', () => {}),
        );
      }
    });
  });
  servers.push(server);
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  pki = makeTestPki();
  withTls = await smtp(true);
  withoutTls = await smtp(false);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  pki?.cleanup();
});

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => new Uint8Array() } };
}

describe('certlab probe --starttls', () => {
  it('reads the chain after STARTTLS and prints which upgrade it used', async () => {
    const c = capture();
    const code = await run([`127.0.0.1:${withTls}`, '--starttls', 'smtp', '--servername', 'probe.test', '--ca', pki.root.certPath], c.io);
    const lines = c.out.join('\n').split('\n');
    expect([code, lines[0], lines[1]]).toEqual([
      0,
      'No certificate problem: every client accepts the chain 127.0.0.1:' + withTls + ' presents.',
      'Upgrade: SMTP STARTTLS, as asked',
    ]);
  });

  it('says in plain words when the server does not offer STARTTLS, and exits 2', async () => {
    const c = capture();
    const code = await run([`127.0.0.1:${withoutTls}`, '--starttls', 'smtp'], c.io);
    const lines = c.out.join('\n').split('\n');
    expect([code, lines[0], lines[1]]).toEqual([
      2,
      `No verdict: the SMTP server on port ${withoutTls} does not offer STARTTLS.`,
      'Upgrade: SMTP STARTTLS, as asked',
    ]);
    expect(lines).toContain(`Handshake : FAILED - The SMTP server on port ${withoutTls} does not offer STARTTLS. What it said (EHLO): "250-mail.test`);
  });

  it('takes only known protocols', () => {
    expect(parseArgs(['mail.test', '--starttls', 'pop3'])).toEqual({ ok: true, options: { target: 'mail.test', starttls: 'pop3', ca: [], json: false } });
    expect(parseArgs(['mail.test', '--starttls', 'smtps'])).toEqual({
      ok: false,
      error: '--starttls "smtps" is not known. Expected one of: auto, none, smtp, imap, pop3, ftp, ldap, xmpp, postgres, mysql.',
    });
  });
});
