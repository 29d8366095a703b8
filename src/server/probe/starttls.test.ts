/**
 * Issue 13: the probe through TLS upgrades against real servers from Debian packages, started
 * and stopped here (test/starttls/servers.ts), each serving leaf -> ica2 -> ica1. What the probe
 * reads is compared with `openssl s_client -starttls <proto> -showcerts` on the same server.
 * A server whose program is absent is skipped with the reason printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { sClientShowcerts } from '../../../test/probe/servers.ts';
import {
  type RealServer,
  type ServerKind,
  missing,
  startDovecot,
  startMariadb,
  startPostfix,
  startPostgres,
  startProsody,
  startSlapd,
  startVsftpd,
} from '../../../test/starttls/servers.ts';
import type { UpgradeProtocol } from '../../core/net/starttls/protocols.ts';
import { probe } from './engine.ts';
import { analyseProbe } from './analyse.ts';

const LOCAL = { policy: { allowPrivate: true, ports: 'any' as const } };
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

const names = (certs: Uint8Array[]) =>
  certs.map((der) => [pki.leaf, pki.ica1, pki.ica2, pki.root, pki.other].find((c) => Buffer.from(c.der).equals(der))?.name ?? 'unknown');

interface Case {
  protocol: UpgradeProtocol;
  kind: ServerKind;
  start: (pki: TestPki) => Promise<RealServer>;
  /** Extra s_client flags. */
  flags?: string[];
  /** The first thing the transcript shows. */
  first: { from: 'client' | 'server'; text: RegExp };
}

const CASES: Case[] = [
  { protocol: 'smtp', kind: 'postfix', start: startPostfix, first: { from: 'server', text: /^220 mail\.probe\.test ESMTP/ } },
  { protocol: 'imap', kind: 'dovecot', start: startDovecot, first: { from: 'server', text: /^\* OK \[CAPABILITY .*STARTTLS/ } },
  { protocol: 'pop3', kind: 'dovecot', start: startDovecot, first: { from: 'server', text: /^\+OK/ } },
  { protocol: 'ftp', kind: 'vsftpd', start: startVsftpd, first: { from: 'server', text: /^220 \(vsFTPd/ } },
  { protocol: 'ldap', kind: 'slapd', start: startSlapd, first: { from: 'client', text: /^ExtendedRequest StartTLS/ } },
  { protocol: 'xmpp', kind: 'prosody', start: startProsody, flags: ['-xmpphost', 'probe.test'], first: { from: 'client', text: /^<\?xml/ } },
  { protocol: 'postgres', kind: 'postgres', start: startPostgres, first: { from: 'client', text: /^SSLRequest/ } },
  { protocol: 'mysql', kind: 'mariadb', start: startMariadb, first: { from: 'server', text: /^handshake: protocol 10, server .*MariaDB/ } },
];

for (const c of CASES) {
  const why = missing(c.kind);
  if (why) console.log(`skipping the ${c.protocol} STARTTLS tests: ${why}`);
  describe.skipIf(why !== undefined)(`${c.protocol} through ${c.kind}`, () => {
    let server: RealServer;
    beforeAll(async () => {
      server = await c.start(pki);
    }, 60_000);
    afterAll(() => server?.stop());

    it(`reads the chain after ${c.protocol} upgrade exactly as openssl s_client -starttls ${c.protocol} does`, async () => {
      const port = server.ports[c.protocol]!;
      const outcome = await probe({ host: `127.0.0.1:${port}`, servername: 'probe.test', starttls: c.protocol }, LOCAL);
      if (!outcome.ok) throw new Error(`probe failed: ${JSON.stringify(outcome.error)}\n${server.log()}`);
      const reference = await sClientShowcerts(port, 'probe.test', ['-starttls', c.protocol, ...(c.flags ?? [])]);
      expect(names(outcome.report.presented)).toEqual(['leaf', 'ica2', 'ica1']);
      expect(outcome.report.presented).toEqual(reference);
      const { transcript, ...upgrade } = outcome.report.upgrade!;
      expect(upgrade).toEqual({ mode: 'starttls', protocol: c.protocol, service: null, chosen: 'given', description: expect.stringMatching(/, as asked$/) });
      expect(transcript[0]).toEqual({ from: c.first.from, text: expect.stringMatching(c.first.text) });
      expect(outcome.report.handshakeCompleted).toEqual(true);
    });
  });
}

describe.skipIf(missing('postfix') !== undefined)('an SMTP server without TLS (postfix, no certificate)', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startPostfix(pki, { tls: false });
  }, 60_000);
  afterAll(() => server?.stop());

  it('says in its headline that the server does not offer STARTTLS, and quotes the EHLO reply', async () => {
    const port = server.ports.smtp!;
    const outcome = await probe({ host: `127.0.0.1:${port}`, starttls: 'smtp' }, LOCAL);
    expect(outcome.ok ? 'connected' : { ...outcome.error, reply: outcome.error.kind === 'StartTlsNotOffered' && outcome.error.reply.split('\n')[0] }).toEqual({
      kind: 'StartTlsNotOffered',
      protocol: 'smtp',
      port,
      command: 'EHLO',
      reply: '250-mail.probe.test',
    });
    const analysis = await analyseProbe(outcome, Date.now(), globalThis.crypto.subtle);
    expect(analysis?.headline).toEqual(`No verdict: the SMTP server on port ${port} does not offer STARTTLS.`);
    expect(analysis?.upgrade?.transcript.map((l) => l.from)).toEqual(['server', 'client', ...analysis!.upgrade!.transcript.slice(2).map(() => 'server')]);
  });
});

describe.skipIf(missing('slapd') !== undefined)('an LDAP server without TLS (slapd, no certificate)', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startSlapd(pki, { tls: false });
  }, 60_000);
  afterAll(() => server?.stop());

  it('reads protocolError as "does not offer StartTLS", with the diagnostic slapd sends', async () => {
    const port = server.ports.ldap!;
    const outcome = await probe({ host: `127.0.0.1:${port}`, starttls: 'ldap' }, LOCAL);
    expect(outcome.ok ? 'connected' : outcome.error).toEqual({
      kind: 'StartTlsNotOffered',
      protocol: 'ldap',
      port,
      command: 'StartTLS',
      reply: 'ExtendedResponse messageID 1: protocolError (2) "unsupported extended operation"',
    });
  });
});

if (missing('postgres')) console.log(`skipping the PostgreSQL ssl=off test: ${missing('postgres')}`);
describe.skipIf(missing('postgres') !== undefined)('a PostgreSQL server with ssl=off', () => {
  let server: RealServer;
  beforeAll(async () => {
    server = await startPostgres(pki, { tls: false });
  }, 60_000);
  afterAll(() => server?.stop());

  it('reads the N answer as "does not offer SSLRequest"', async () => {
    const port = server.ports.postgres!;
    const outcome = await probe({ host: `127.0.0.1:${port}`, starttls: 'postgres' }, LOCAL);
    expect(outcome.ok ? 'connected' : outcome.error).toEqual({
      kind: 'StartTlsNotOffered',
      protocol: 'postgres',
      port,
      command: 'SSLRequest',
      reply: 'N (the server does not accept TLS connections: ssl is off)',
    });
  });
});
