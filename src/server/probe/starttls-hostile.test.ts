/**
 * Issue 13, "hostile servers stay bounded": plain TCP servers on loopback that speak just enough
 * SMTP to misbehave in one way each (endless banner, silence, one byte at a time, a go-ahead
 * followed by something that is not TLS, a close after offering STARTTLS). Every one must end
 * with a named error within the budget. A node:tls server behind a scripted STARTTLS shows the
 * whole path works without any package installed, checked against s_client -starttls smtp.
 */
import { type Server, type Socket, createServer } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../../../test/probe/pki.ts';
import { sClientShowcerts } from '../../../test/probe/servers.ts';
import { MAX_DIALOGUE_BYTES } from '../../core/net/starttls/dialogue.ts';
import { probe } from './engine.ts';
import { analyseProbe } from './analyse.ts';
import { createProbeHandler } from '../probe-handler.ts';
import { probeConfigFromEnv } from './config.ts';

const LOCAL = { policy: { allowPrivate: true, ports: 'any' as const } };
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterAll(() => pki?.cleanup());

/** A server that runs `script` on each connection; closes every socket on stop. */
async function scripted(script: (s: Socket) => void): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    script(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Answers lines as a tiny SMTP server would; `onStarttls` decides what follows "STARTTLS". */
function smtpLines(s: Socket, onStarttls: (s: Socket) => void, ehlo = '250-mail.test\r\n250 STARTTLS\r\n') {
  s.write('220 mail.test ESMTP\r\n');
  let buf = '';
  const onData = (d: Buffer) => {
    buf += d.toString('latin1');
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (/^EHLO /i.test(line)) s.write(ehlo);
      else if (/^STARTTLS$/i.test(line)) {
        s.off('data', onData);
        onStarttls(s);
        return;
      } else s.write('502 5.5.2 no\r\n');
    }
  };
  s.on('data', onData);
}

describe('hostile servers during the upgrade end with a named error', () => {
  it('an endless banner: BannerTooLong after MAX_DIALOGUE_BYTES', async () => {
    const server = await scripted((s) => {
      const line = Buffer.from('220-spam spam spam spam spam spam spam spam\r\n'.repeat(100));
      const pump = () => {
        while (!s.destroyed && s.write(line));
        if (!s.destroyed) s.once('drain', pump);
      };
      pump();
    });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, starttls: 'smtp' }, LOCAL);
      expect(outcome.ok ? 'connected' : outcome.error).toEqual({
        kind: 'BannerTooLong',
        protocol: 'smtp',
        port: server.port,
        what: 'dialogue',
        limit: MAX_DIALOGUE_BYTES,
      });
    } finally {
      await server.stop();
    }
  });

  it('a server that never answers: UpgradeTimeout, naming what was awaited', async () => {
    const server = await scripted(() => {});
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, starttls: 'smtp' }, { ...LOCAL, limits: { upgradeTimeoutMs: 300 } });
      expect(outcome.ok ? 'connected' : outcome.error).toEqual({
        kind: 'UpgradeTimeout',
        protocol: 'smtp',
        port: server.port,
        waitingFor: 'the greeting',
        afterMs: 300,
        bytesReceived: 0,
      });
    } finally {
      await server.stop();
    }
  });

  it('a greeting dripped one byte at a time: the budget ends it (BudgetExhausted in the upgrade stage)', async () => {
    const server = await scripted((s) => {
      const t = setInterval(() => (s.destroyed ? clearInterval(t) : s.write('2')), 50);
      s.on('close', () => clearInterval(t));
    });
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, starttls: 'smtp' }, { ...LOCAL, limits: { budgetMs: 700, upgradeTimeoutMs: 5000 } });
      expect(outcome.ok ? 'connected' : outcome.error).toEqual({ kind: 'BudgetExhausted', stage: 'upgrade', budgetMs: 700 });
    } finally {
      await server.stop();
    }
  });

  it('a server that says "go ahead" and then speaks no TLS: NotTls, with the dialogue kept in the report', async () => {
    const server = await scripted((s) => smtpLines(s, (t) => t.write('220 go ahead\r\n', () => t.once('data', () => t.write('this is not TLS at all\r\n')))));
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, starttls: 'smtp' }, LOCAL);
      expect(outcome.ok ? 'connected' : outcome.error.kind).toEqual('NotTls');
      expect(outcome.report?.upgrade?.transcript.map((l) => `${l.from}: ${l.text}`)).toEqual([
        'server: 220 mail.test ESMTP',
        'client: EHLO certlab.invalid',
        'server: 250-mail.test',
        'server: 250 STARTTLS',
        'client: STARTTLS',
        'server: 220 go ahead',
      ]);
    } finally {
      await server.stop();
    }
  });

  it('a server that offers STARTTLS and closes when asked: ClosedDuringUpgrade', async () => {
    const server = await scripted((s) => smtpLines(s, (t) => t.end()));
    try {
      const outcome = await probe({ host: `127.0.0.1:${server.port}`, starttls: 'smtp' }, LOCAL);
      expect(outcome.ok ? 'connected' : outcome.error).toEqual({
        kind: 'ClosedDuringUpgrade',
        protocol: 'smtp',
        port: server.port,
        waitingFor: 'the reply to STARTTLS',
        bytesReceived: 50,
      });
    } finally {
      await server.stop();
    }
  });

  it('--starttls smtp without a port means port 25, judged by the same policy before any connection', async () => {
    expect(await probe({ host: '127.0.0.1', starttls: 'smtp' }, { policy: { allowPrivate: true, ports: [2525] } })).toEqual({
      ok: false,
      error: { kind: 'Refused', refusal: { kind: 'ForbiddenPort', port: 25, allowed: [2525] } },
    });
  });
});

describe('a scripted STARTTLS in front of node:tls (no package needed)', () => {
  let server: { port: number; stop: () => Promise<void> };
  beforeAll(async () => {
    server = await scripted((s) =>
      smtpLines(s, (t) =>
        t.write('220 2.0.0 Ready to start TLS\r\n', () => {
          const tls = new TLSSocket(t, { isServer: true, key: pki.leaf.keyPem, cert: pki.leaf.pem + pki.ica2.pem + pki.ica1.pem });
          tls.on('error', () => {});
        }),
      ),
    );
  });
  afterAll(() => server?.stop());

  it('reads the chain exactly as s_client -starttls smtp does, and says which upgrade it used', async () => {
    const outcome = await probe({ host: `127.0.0.1:${server.port}`, servername: 'probe.test', starttls: 'smtp' }, LOCAL);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    expect(outcome.report.presented).toEqual(await sClientShowcerts(server.port, 'probe.test', ['-starttls', 'smtp']));
    expect(outcome.report.presented.length).toEqual(3);
    const analysis = await analyseProbe(outcome, Date.now(), globalThis.crypto.subtle);
    expect(analysis?.upgrade?.description).toEqual('SMTP STARTTLS, as asked');
    expect(analysis?.evidence.split('\n').slice(0, 4)).toEqual([
      `# certlab probe 127.0.0.1:${server.port} -servername probe.test --starttls smtp`,
      expect.stringMatching(/^# at .* from the server's address 127\.0\.0\.1$/),
      'Upgrade   : SMTP STARTTLS, as asked',
      '  S: 220 mail.test ESMTP',
    ]);
  });

  it('the route takes "starttls" in its JSON body and refuses an unknown one', async () => {
    const handler = createProbeHandler({
      config: probeConfigFromEnv({ CERTLAB_PROBE_ALLOW_PRIVATE: '1', CERTLAB_PROBE_PORTS: '*', CERTLAB_PROBE_RATE_LIMIT: '1000' }),
    });
    const post = (body: unknown) =>
      handler(new Request('http://certlab.test/api/probe', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
    const ok = await post({ host: `127.0.0.1:${server.port}`, servername: 'probe.test', starttls: 'smtp' });
    expect(ok.status).toEqual(200);
    const body = await ok.json();
    expect([body.upgrade.mode, body.upgrade.protocol, body.upgrade.chosen, body.presented.length]).toEqual(['starttls', 'smtp', 'given', 3]);
    const bad = await post({ host: `127.0.0.1:${server.port}`, starttls: 'smtps' });
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: { kind: 'BadRequest', message: '"starttls" is "smtps"; expected one of: auto, none, smtp, imap, pop3, ftp, ldap, xmpp, postgres, mysql.' } },
    ]);
  });
});
