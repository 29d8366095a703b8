/**
 * TLS-upgrade bench (issue 13): for each protocol whose server is installed here (postfix,
 * dovecot, vsftpd, slapd, prosody, postgres, mariadb, started by test/starttls/servers.ts on
 * 127.0.0.1 with the chain leaf -> ica2 -> ica1), the time to read the presented chain after the
 * upgrade: certlab's probe engine vs `openssl s_client -starttls <proto> -showcerts` on the same
 * server in the same run (s_client's figure includes starting its process, as a user feels it).
 * The ratio is certlab / openssl. A protocol whose server is absent is reported as skipped.
 */
import { spawn } from 'node:child_process';
import { type TestPki, makeTestPki } from '../test/probe/pki.ts';
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
} from '../test/starttls/servers.ts';
import type { UpgradeProtocol } from '../src/core/net/starttls/protocols.ts';
import { probe } from '../src/server/probe/engine.ts';

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function sClientTime(port: number, protocol: UpgradeProtocol): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const args = ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', 'probe.test', '-starttls', protocol, '-showcerts'];
    if (protocol === 'xmpp') args.push('-xmpphost', 'probe.test');
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`s_client -starttls ${protocol} gave no verify result within 10 s`));
    }, 10_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!/Verify return code: \d+/.test(out)) return;
      const ms = performance.now() - t;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(ms);
    });
    child.stdin.end();
  });
}

const SERVERS: { kind: ServerKind; start: (pki: TestPki) => Promise<RealServer>; protocols: UpgradeProtocol[] }[] = [
  { kind: 'postfix', start: startPostfix, protocols: ['smtp'] },
  { kind: 'dovecot', start: startDovecot, protocols: ['imap', 'pop3'] },
  { kind: 'vsftpd', start: startVsftpd, protocols: ['ftp'] },
  { kind: 'slapd', start: startSlapd, protocols: ['ldap'] },
  { kind: 'prosody', start: startProsody, protocols: ['xmpp'] },
  { kind: 'postgres', start: startPostgres, protocols: ['postgres'] },
  { kind: 'mariadb', start: startMariadb, protocols: ['mysql'] },
];

const pki = makeTestPki();
try {
  for (const s of SERVERS) {
    const why = missing(s.kind);
    if (why) {
      for (const p of s.protocols) console.log(`${p}: skipped (${why})`);
      continue;
    }
    let server: RealServer | undefined;
    try {
      server = await s.start(pki);
      for (const protocol of s.protocols) {
        const port = server.ports[protocol]!;
        const ours: number[] = [];
        for (let i = 0; i < RUNS + 2; i++) {
          const t = performance.now();
          const o = await probe({ host: `127.0.0.1:${port}`, servername: 'probe.test', starttls: protocol }, { policy: null });
          if (!o.ok || o.report.presented.length !== 3) throw new Error(`${protocol} probe failed: ${JSON.stringify(!o.ok && o.error)}`);
          if (i >= 2) ours.push(performance.now() - t);
        }
        const theirs: number[] = [];
        for (let i = 0; i < RUNS; i++) theirs.push(await sClientTime(port, protocol));
        console.log(
          `${protocol} (${s.kind}): probe engine median ms ${median(ours).toFixed(1)}; openssl s_client -starttls ${protocol} median ms ${median(theirs).toFixed(1)}; ratio ${(median(ours) / median(theirs)).toFixed(2)}`,
        );
      }
    } finally {
      await server?.stop();
    }
  }
} finally {
  pki.cleanup();
}
