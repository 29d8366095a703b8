/**
 * The configuration texts of src/core/fix/server-configs.ts, run for real (issue #14, item 2):
 * the chain built by buildChainToServe goes into fullchain.pem, the generated lines go into a
 * real nginx and a real HAProxy listening on 127.0.0.1, and `openssl s_client
 * -verify_return_error` against the test root must then verify; the same server given the leaf
 * alone must not (so the check can fail). The Tomcat/Java keystore commands and the Java
 * client's trust-store command run through the real keytool.
 *
 *   root "Probe Test Root" -> ica1 -> ica2 (pathlen:0) -> leaf (probe.test, 127.0.0.1)
 *
 * Apache runs both the 2.4.8+ form and the older split form (cert.pem + SSLCertificateChainFile).
 * nginx, haproxy, Apache (Debian: nginx-light, haproxy, apache2) and keytool are skipped, with the reason
 * printed, when absent; .ci/run installs them.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, makeTestPki } from '../probe/pki.ts';
import { parseCertificate } from '../../src/core/x509/certificate.ts';
import { buildChainToServe } from '../../src/core/fix/chain-to-serve.ts';
import { chainToServeJson, fullchainPem } from '../../src/core/fix/chain-json.ts';
import { serverConfig } from '../../src/core/fix/server-configs.ts';
import { clientFixCommands } from '../../src/core/fix/client-fixes.ts';
import { freePort } from '../free-port.ts';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

function have(program: string, args: string[]): boolean {
  return spawnSync(program, args, { stdio: 'ignore' }).error === undefined;
}
const NGINX = have('nginx', ['-v']);
const HAPROXY = have('haproxy', ['-v']);
const KEYTOOL = have('keytool', ['-help']);
/** Debian installs Apache as /usr/sbin/apache2, outside a normal user's PATH. */
const APACHE = ['/usr/sbin/apache2', 'apache2', 'httpd'].find((p) => have(p, ['-v']));
const APACHE_MODULES = ['/usr/lib/apache2/modules', '/usr/lib64/httpd/modules', '/usr/lib/httpd/modules'].find((d) => existsSync(join(d, 'mod_ssl.so')));
if (!NGINX) console.log('skipped: nginx is not installed (Debian: apt-get install nginx-light)');
if (!HAPROXY) console.log('skipped: haproxy is not installed (Debian: apt-get install haproxy)');
if (!APACHE || !APACHE_MODULES) console.log('skipped: Apache with mod_ssl is not installed (Debian: apt-get install apache2)');
if (!KEYTOOL) console.log('skipped: keytool is not installed (Debian: apt-get install openjdk-17-jdk-headless)');

let pki: TestPki;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  dir = mkdtempSync(join(tmpdir(), 'certlab-fix-servers-'));
  // What a person pastes: out of order, with the root and an unrelated CA.
  const given = await Promise.all([pki.ica1, pki.other, pki.leaf, pki.root, pki.ica2].map((c) => parseCertificate(c.der, subtle)));
  const root = await parseCertificate(pki.root.der, subtle);
  const built = await buildChainToServe({ certificates: given, host: 'probe.test', anchors: [root], at: Date.now(), subtle });
  const json = chainToServeJson(built, 'probe.test', 'test root');
  writeFileSync(join(dir, 'fullchain.pem'), fullchainPem(json));
  writeFileSync(join(dir, 'privkey.pem'), pki.leaf.keyPem);
  writeFileSync(join(dir, 'leaf-only.pem'), pki.leaf.pem);
});

afterAll(() => {
  for (const c of children) c.kill();
  rmSync(dir, { recursive: true, force: true });
  pki?.cleanup();
});

/** Resolves once something accepts on the port (the server is up), or rejects with its stderr. */
async function started(child: ChildProcess, port: number, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode}: ${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port}: ${stderr}`);
}

/** `openssl s_client -verify_return_error` against the test root: the exit status and the verify line. */
function sClient(port: number): { status: number | null; verify: string } {
  const r = spawnSync(
    'openssl',
    [
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      '-servername',
      'probe.test',
      '-verify_hostname',
      'probe.test',
      '-CAfile',
      pki.root.certPath,
      '-verify_return_error',
    ],
    { input: '', encoding: 'utf8', timeout: 20_000 },
  );
  // With -verify_return_error the handshake stops at the first error, which goes to stderr.
  const verify = r.stderr.match(/verify error:num=\d+:[^\n]*/)?.[0] ?? r.stdout.match(/Verify return code: .*/)?.[0] ?? '';
  return { status: r.status, verify };
}

async function startNginx(certFile: string): Promise<number> {
  const port = await freePort();
  const lines = serverConfig('nginx', { dir, host: 'probe.test' }).text.replace(`${dir}/fullchain.pem`, certFile);
  const conf = join(dir, `nginx-${port}.conf`);
  writeFileSync(
    conf,
    [
      'daemon off;',
      'master_process off;',
      `pid ${dir}/nginx-${port}.pid;`,
      `error_log ${dir}/nginx-${port}.log;`,
      'events {}',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t}-${port};`),
      '  server {',
      `    listen 127.0.0.1:${port} ssl;`,
      ...lines.split('\n').map((l) => `    ${l}`),
      '    return 200 "ok\\n";',
      '  }',
      '}',
    ].join('\n'),
  );
  const child = spawn('nginx', ['-p', dir, '-c', conf, '-e', join(dir, `nginx-${port}.log`)], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  await started(child, port, 'nginx');
  return port;
}

/** Apache in the foreground on 127.0.0.1 with `lines` in its virtual host. */
async function startApache(lines: string): Promise<number> {
  const port = await freePort();
  const conf = join(dir, `apache-${port}.conf`);
  writeFileSync(
    conf,
    [
      `LoadModule mpm_event_module ${APACHE_MODULES}/mod_mpm_event.so`,
      `LoadModule ssl_module ${APACHE_MODULES}/mod_ssl.so`,
      `LoadModule authz_core_module ${APACHE_MODULES}/mod_authz_core.so`,
      'ServerName probe.test',
      `PidFile ${dir}/apache-${port}.pid`,
      `ErrorLog ${dir}/apache-${port}.log`,
      `DefaultRuntimeDir ${dir}`,
      `Mutex file:${dir} default`,
      ...(process.getuid?.() === 0 ? ['User nobody', 'Group nogroup'] : []),
      `Listen 127.0.0.1:${port}`,
      `<VirtualHost 127.0.0.1:${port}>`,
      '  ServerName probe.test',
      ...lines.split('\n').map((l) => `  ${l}`),
      '</VirtualHost>',
      '',
    ].join('\n'),
  );
  const child = spawn(APACHE!, ['-X', '-f', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  await started(child, port, 'apache');
  return port;
}

describe('the generated server configuration, on real servers', () => {
  it.skipIf(!APACHE || !APACHE_MODULES)(
    'Apache 2.4.8+ (fullchain in SSLCertificateFile) and the older split form both serve a chain that verifies',
    async () => {
      const modern = await startApache(serverConfig('apache', { dir, host: 'probe.test' }).text);
      const old = serverConfig('apache-old', { dir, host: 'probe.test' }).text.split('\n');
      // The two split commands, then the directives.
      execFileSync('sh', ['-c', `${old[0]} && ${old[1]}`]);
      const split = await startApache(old.slice(3).join('\n'));
      const leafOnly = await startApache(['SSLEngine on', `SSLCertificateFile ${dir}/leaf-only.pem`, `SSLCertificateKeyFile ${dir}/privkey.pem`].join('\n'));
      expect([sClient(modern), sClient(split), sClient(leafOnly)]).toEqual([
        { status: 0, verify: 'Verify return code: 0 (ok)' },
        { status: 0, verify: 'Verify return code: 0 (ok)' },
        { status: 1, verify: 'verify error:num=20:unable to get local issuer certificate' },
      ]);
    },
  );

  it.skipIf(!NGINX)('nginx with the generated lines serves a chain that verifies; the leaf alone does not', async () => {
    const fixed = await startNginx(`${dir}/fullchain.pem`);
    const broken = await startNginx(`${dir}/leaf-only.pem`);
    expect([sClient(fixed), sClient(broken)]).toEqual([
      { status: 0, verify: 'Verify return code: 0 (ok)' },
      { status: 1, verify: 'verify error:num=20:unable to get local issuer certificate' },
    ]);
  });

  it.skipIf(!HAPROXY)('HAProxy with the generated commands and bind line serves a chain that verifies', async () => {
    const port = await freePort();
    const text = serverConfig('haproxy', { dir, host: 'probe.test' }).text;
    const [cat, , ...frontend] = text.split('\n');
    execFileSync('sh', ['-c', cat!]);
    writeFileSync(
      join(dir, 'haproxy.cfg'),
      [
        'defaults',
        '    mode http',
        '    timeout connect 5s',
        '    timeout client 5s',
        '    timeout server 5s',
        ...frontend.map((l) => l.replace('bind :443', `bind 127.0.0.1:${port}`)),
        '    http-request return status 200 content-type text/plain string ok',
        '',
      ].join('\n'),
    );
    const child = spawn('haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    await started(child, port, 'haproxy');
    expect(sClient(port)).toEqual({ status: 0, verify: 'Verify return code: 0 (ok)' });
  });

  it.skipIf(!KEYTOOL)('Tomcat: the PKCS#12 keystore holds the whole chain (keytool reads chain length 3); the JKS conversion keeps it', () => {
    const p12 = serverConfig('tomcat', { dir, host: 'probe.test' }).text.split('\n');
    const listed = execFileSync('sh', ['-c', `${p12[0]} && ${p12[1]}`], { encoding: 'utf8' });
    const jks = serverConfig('tomcat-jks', { dir, host: 'probe.test' }).text.split('\n');
    execFileSync('sh', ['-c', jks[1]!], { stdio: 'ignore' });
    const jksListed = execFileSync('keytool', ['-list', '-v', '-keystore', `${dir}/keystore.jks`, '-storepass', 'changeit', '-alias', 'tomcat'], {
      encoding: 'utf8',
    });
    expect([listed.trim(), jksListed.match(/Certificate chain length: \d+/)?.[0]]).toEqual(['Certificate chain length: 3', 'Certificate chain length: 3']);
  });

  it.skipIf(!KEYTOOL)('Java client: the one-application trust store command imports the root', () => {
    const cmd = clientFixCommands('java', { caFile: pki.root.certPath, host: 'probe.test', port: 443 }).at(-1)!.code.split('\n')[0]!;
    execFileSync('sh', ['-c', cmd], { cwd: dir, stdio: 'ignore' });
    const listed = execFileSync('keytool', ['-list', '-keystore', join(dir, 'truststore.p12'), '-storepass', 'changeit'], { encoding: 'utf8' });
    const entry = listed.match(/^(\S+), [^,]+, [^,]+, (\w+),/m);
    expect([listed.match(/Your keystore contains \d+ entr\w+/)?.[0], entry?.[1], entry?.[2]]).toEqual([
      'Your keystore contains 1 entry',
      'probe.test-ca',
      'trustedCertEntry',
    ]);
  });
});
