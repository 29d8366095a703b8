/**
 * Real servers from Debian packages for the TLS-upgrade tests (issue 13), each started here in
 * the foreground with its configuration in a temporary folder, on 127.0.0.1 and a free high
 * port, serving the test chain leaf -> ica2 -> ica1 (test/probe/pki.ts), and stopped here:
 *
 *   smtp: postfix (start-fg)      imap, pop3: dovecot -F      ldap: slapd -d 0
 *   ftp: vsftpd (background=NO)   xmpp: prosody               postgres: postgres (as the postgres user)
 *   mysql: mariadbd (empty data folder, --skip-grant-tables)
 *
 * `missing(kind)` says why one cannot run here (program absent, or not root where it must be);
 * the tests skip with that reason. `.ci/run` installs the packages.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPki } from '../probe/pki.ts';
import { freePort } from '../free-port.ts';

export type ServerKind = 'postfix' | 'dovecot' | 'slapd' | 'vsftpd' | 'prosody' | 'postgres' | 'mariadb';

export interface RealServer {
  kind: ServerKind;
  /** Listening ports by protocol (dovecot serves imap and pop3). */
  ports: Partial<Record<'smtp' | 'imap' | 'pop3' | 'ldap' | 'ftp' | 'xmpp' | 'postgres' | 'mysql', number>>;
  /** What the server wrote, for a failing test's message. */
  log: () => string;
  stop: () => Promise<void>;
}

const which = (p: string) => {
  try {
    return execFileSync('sh', ['-c', `command -v ${p}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
};
const SBIN = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const find = (name: string) => SBIN.map((d) => join(d, name)).find((p) => existsSync(p)) ?? which(name);

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin/postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;
function userIds(name: string): { uid: number; gid: number } | undefined {
  try {
    return { uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' })) };
  } catch {
    return undefined;
  }
}

const PACKAGES: Record<ServerKind, { program: () => string | undefined; pkg: string; root: boolean }> = {
  postfix: { program: () => find('postfix'), pkg: 'postfix', root: true },
  dovecot: { program: () => find('dovecot'), pkg: 'dovecot-imapd and dovecot-pop3d', root: true },
  slapd: { program: () => find('slapd'), pkg: 'slapd', root: false },
  vsftpd: { program: () => find('vsftpd'), pkg: 'vsftpd', root: true },
  prosody: { program: () => find('prosody'), pkg: 'prosody', root: false },
  postgres: { program: () => (postgresBin() ? join(postgresBin()!, 'postgres') : undefined), pkg: 'postgresql', root: false },
  mariadb: { program: () => find('mariadbd'), pkg: 'mariadb-server', root: false },
};

/** Why `kind` cannot run here, or undefined when it can. */
export function missing(kind: ServerKind): string | undefined {
  const p = PACKAGES[kind];
  if (!p.program()) return `${kind} is not installed (Debian package ${p.pkg})`;
  if (p.root && !isRoot()) return `${kind} needs root to start (it changes to its own user); the tests run as uid ${process.getuid?.()}`;
  if (kind === 'postgres' && isRoot() && !userIds('postgres')) return 'postgres refuses to run as root and there is no postgres user';
  if (kind === 'prosody' && isRoot() && !userIds('prosody')) return 'prosody should not run as root and there is no prosody user';
  return undefined;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Waits until every port accepts; on failure ends the server, removes its folder and says why. */
async function waitForPorts(ports: number[], child: ChildProcess, log: () => string, what: string, dir: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  const fail = (why: string) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    return new Error(`${what} ${why}:\n${log()}`);
  };
  for (;;) {
    if (child.exitCode !== null) throw fail(`exited (${child.exitCode}) before listening`);
    const up = await Promise.all(ports.map(canConnect));
    if (up.every(Boolean)) return;
    if (Date.now() > until) throw fail(`did not listen on ${ports.join(', ')} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Started {
  child: ChildProcess;
  log: () => string;
}

function run(program: string, args: string[], opts: { uid?: number; gid?: number; cwd?: string } = {}): Started {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let out = '';
  const keep = (d: Buffer) => {
    if (out.length < 64 * 1024) out += d.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('error', (e) => (out += `\nspawn error: ${e.message}`));
  return { child, log: () => out };
}

function stopper(child: ChildProcess, dir: string, signal: NodeJS.Signals = 'SIGTERM'): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** A temporary folder that the server's own user can enter, with the chain and key in it. */
function workdir(pki: TestPki, kind: ServerKind, owner?: { uid: number; gid: number }): { dir: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), `certlab-${kind}-`));
  chmodSync(dir, 0o755);
  const cert = join(dir, 'chain.pem');
  const key = join(dir, 'key.pem');
  writeFileSync(cert, pki.leaf.pem + pki.ica2.pem + pki.ica1.pem);
  copyFileSync(pki.leaf.keyPath, key);
  chmodSync(key, 0o600);
  if (owner && isRoot()) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(cert, owner.uid, owner.gid);
    chownSync(key, owner.uid, owner.gid);
  }
  return { dir, cert, key };
}

export async function startPostfix(pki: TestPki, options: { tls?: boolean } = {}): Promise<RealServer> {
  const { dir, cert, key } = workdir(pki, 'postfix');
  const port = await freePort();
  for (const d of ['conf', 'queue', 'data']) mkdirSync(join(dir, d));
  const postfix = userIds('postfix');
  if (postfix) chownSync(join(dir, 'data'), postfix.uid, postfix.gid);
  writeFileSync(
    join(dir, 'conf/main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${dir}/queue`,
      `data_directory = ${dir}/data`,
      'myhostname = mail.probe.test',
      'inet_interfaces = 127.0.0.1',
      'inet_protocols = ipv4',
      'mydestination =',
      // A regular file: postlog refuses a pipe (/dev/stdout when spawned from here).
      `maillog_file_prefixes = ${dir}`,
      `maillog_file = ${dir}/maillog`,
      ...(options.tls === false ? [] : [`smtpd_tls_chain_files = ${key}, ${cert}`, 'smtpd_tls_security_level = may']),
      '',
    ].join('\n'),
  );
  // The services smtpd needs, as Debian's master.cf has them (no chroot).
  const services = [
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'proxymap unix - - n - - proxymap',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  writeFileSync(join(dir, 'conf/master.cf'), [`127.0.0.1:${port} inet n - n - - smtpd`, ...services, ''].join('\n'));
  const s = run(PACKAGES.postfix.program()!, ['-c', join(dir, 'conf'), 'start-fg']);
  await waitForPorts([port], s.child, s.log, 'postfix', dir);
  const stop = stopper(s.child, dir);
  return {
    kind: 'postfix',
    ports: { smtp: port },
    log: () => s.log() + (existsSync(`${dir}/maillog`) ? readFileSync(`${dir}/maillog`, 'utf8') : ''),
    // start-fg runs master(8) as a child of postfix-script: stop it the documented way first.
    stop: async () => {
      try {
        execFileSync(PACKAGES.postfix.program()!, ['-c', join(dir, 'conf'), 'stop'], { stdio: 'ignore', timeout: 20_000 });
      } catch {
        // Already stopped; the signal below ends what is left.
      }
      await stop();
    },
  };
}

export async function startDovecot(pki: TestPki): Promise<RealServer> {
  const { dir, cert, key } = workdir(pki, 'dovecot');
  const [imap, pop3] = [await freePort(), await freePort()];
  const listener = (name: string, port: number) => `  inet_listener ${name} {\n    address = 127.0.0.1\n    port = ${port}\n  }`;
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      'log_path = /dev/stderr',
      'protocols = imap pop3',
      'listen = 127.0.0.1',
      'ssl = yes',
      `ssl_cert = <${cert}`,
      `ssl_key = <${key}`,
      'passdb {\n  driver = static\n  args = nopassword=y\n}',
      `userdb {\n  driver = static\n  args = uid=65534 gid=65534 home=${dir}/home\n}`,
      `service imap-login {\n${listener('imap', imap)}\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      `service pop3-login {\n${listener('pop3', pop3)}\n  inet_listener pop3s {\n    port = 0\n  }\n}`,
      '',
    ].join('\n'),
  );
  const s = run(PACKAGES.dovecot.program()!, ['-F', '-c', join(dir, 'dovecot.conf')]);
  await waitForPorts([imap, pop3], s.child, s.log, 'dovecot', dir);
  return { kind: 'dovecot', ports: { imap, pop3 }, log: s.log, stop: stopper(s.child, dir) };
}

export async function startSlapd(pki: TestPki, options: { tls?: boolean } = {}): Promise<RealServer> {
  const { dir, cert, key } = workdir(pki, 'slapd');
  const port = await freePort();
  writeFileSync(
    join(dir, 'slapd.conf'),
    [
      `pidfile ${dir}/slapd.pid`,
      `argsfile ${dir}/slapd.args`,
      ...(options.tls === false ? [] : [`TLSCertificateFile ${cert}`, `TLSCertificateKeyFile ${key}`]),
      '',
    ].join('\n'),
  );
  const s = run(PACKAGES.slapd.program()!, ['-d', '0', '-h', `ldap://127.0.0.1:${port}/`, '-f', join(dir, 'slapd.conf')]);
  await waitForPorts([port], s.child, s.log, 'slapd', dir);
  return { kind: 'slapd', ports: { ldap: port }, log: s.log, stop: stopper(s.child, dir) };
}

export async function startVsftpd(pki: TestPki): Promise<RealServer> {
  const { dir, cert, key } = workdir(pki, 'vsftpd');
  const port = await freePort();
  mkdirSync(join(dir, 'empty'));
  const conf = join(dir, 'vsftpd.conf');
  writeFileSync(
    conf,
    [
      'listen=YES',
      'listen_ipv6=NO',
      'listen_address=127.0.0.1',
      `listen_port=${port}`,
      'background=NO',
      'anonymous_enable=NO',
      'local_enable=YES',
      'ssl_enable=YES',
      `rsa_cert_file=${cert}`,
      `rsa_private_key_file=${key}`,
      `secure_chroot_dir=${dir}/empty`,
      'seccomp_sandbox=NO',
      `vsftpd_log_file=${dir}/vsftpd.log`,
      '',
    ].join('\n'),
  );
  const s = run(PACKAGES.vsftpd.program()!, [conf]);
  await waitForPorts([port], s.child, s.log, 'vsftpd', dir);
  return { kind: 'vsftpd', ports: { ftp: port }, log: s.log, stop: stopper(s.child, dir) };
}

export async function startProsody(pki: TestPki, domain = 'probe.test'): Promise<RealServer> {
  const owner = isRoot() ? userIds('prosody') : undefined;
  const { dir, cert, key } = workdir(pki, 'prosody', owner);
  const port = await freePort();
  for (const d of ['data', 'certs']) {
    mkdirSync(join(dir, d));
    if (owner) chownSync(join(dir, d), owner.uid, owner.gid);
  }
  const conf = join(dir, 'prosody.cfg.lua');
  writeFileSync(
    conf,
    [
      'daemonize = false',
      `pidfile = "${dir}/prosody.pid"`,
      `data_path = "${dir}/data"`,
      `certificates = "${dir}/certs"`,
      'interfaces = { "127.0.0.1" }',
      `c2s_ports = { ${port} }`,
      'c2s_direct_tls_ports = {}',
      's2s_ports = {}',
      'http_ports = {}',
      'https_ports = {}',
      'modules_enabled = { "tls"; "saslauth"; "disco" }',
      'modules_disabled = { "s2s"; "posix"; "admin_shell" }',
      'log = { { levels = { min = "info" }, to = "console" } }',
      'c2s_require_encryption = true',
      'authentication = "internal_plain"',
      `VirtualHost "${domain}"`,
      `  ssl = { certificate = "${cert}", key = "${key}" }`,
      '',
    ].join('\n'),
  );
  const s = run(PACKAGES.prosody.program()!, ['--config', conf], owner ?? {});
  await waitForPorts([port], s.child, s.log, 'prosody', dir);
  return { kind: 'prosody', ports: { xmpp: port }, log: s.log, stop: stopper(s.child, dir) };
}

export async function startPostgres(pki: TestPki, options: { tls?: boolean } = {}): Promise<RealServer> {
  const owner = isRoot() ? userIds('postgres') : undefined;
  const { dir, cert, key } = workdir(pki, 'postgres', owner);
  const bin = postgresBin()!;
  const port = await freePort();
  const as = owner ?? {};
  execFileSync(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions'], { ...as, stdio: 'ignore' });
  const tls = options.tls === false ? ['-c', 'ssl=off'] : ['-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`];
  const s = run(join(bin, 'postgres'), ['-D', join(dir, 'data'), '-k', dir, '-h', '127.0.0.1', '-p', String(port), '-c', 'fsync=off', ...tls], as);
  await waitForPorts([port], s.child, s.log, 'postgres', dir);
  // SIGINT: fast shutdown (SIGTERM would wait for clients).
  return { kind: 'postgres', ports: { postgres: port }, log: s.log, stop: stopper(s.child, dir, 'SIGINT') };
}

export async function startMariadb(pki: TestPki): Promise<RealServer> {
  const { dir, cert, key } = workdir(pki, 'mariadb');
  const port = await freePort();
  mkdirSync(join(dir, 'data'));
  const s = run(PACKAGES.mariadb.program()!, [
    '--no-defaults',
    `--datadir=${dir}/data`,
    `--socket=${dir}/sock`,
    `--pid-file=${dir}/mariadb.pid`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    ...(isRoot() ? ['--user=root'] : []),
    `--ssl-cert=${cert}`,
    `--ssl-key=${key}`,
    '--skip-grant-tables',
    '--skip-log-bin',
    '--skip-name-resolve',
    '--innodb-buffer-pool-size=8M',
  ]);
  await waitForPorts([port], s.child, s.log, 'mariadbd', dir);
  return { kind: 'mariadb', ports: { mysql: port }, log: s.log, stop: stopper(s.child, dir) };
}
