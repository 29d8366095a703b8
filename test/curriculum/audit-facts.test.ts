/**
 * Issue 15, the expert review's facts, checked against the real programs of this machine
 * (Debian 12: OpenSSL 3, curl, Python, Node.js 24, git) rather than against the lessons' own
 * words. Each test names the lesson claim it keeps true; corrections.test.ts and
 * audit-wording.test.ts keep the wording. Everything runs on 127.0.0.1 in a temporary directory:
 *
 *   root (EC) -> leaf  localhost, IP:127.0.0.1     (the servers below)
 *   root      -> weak  RSA-1024 leaf
 *   root      -> sha1  leaf signed with SHA-1
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../free-port.ts';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
const servers: ChildProcess[] = [];
const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
/** Runs a command, returns stdout + stderr and the exit status, never throws. */
const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env }, timeout: 30_000 });
  return { out: `${r.stdout ?? ''}${r.stderr ?? ''}`, status: r.status };
};

const EXT = `[v_ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[v_leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
authorityKeyIdentifier=keyid
`;

function issue(name: string, key: 'ec' | 'rsa1024', md = 'sha256') {
  if (key === 'ec') ossl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  else ossl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', `${name}.key`);
  ossl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=localhost`, '-out', `${name}.csr`);
  ossl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    `-${md}`,
    '-days',
    '30',
    '-extfile',
    'ext.cnf',
    '-extensions',
    'v_leaf',
    '-out',
    `${name}.pem`,
  );
}

/** An openssl s_server on 127.0.0.1 that sends exactly the given chain (nothing from the OS store). */
async function serve(args: string[]): Promise<{ port: number; log: () => string }> {
  const port = await freePort();
  let log = '';
  const p = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-www', '-no-CAfile', '-no-CApath', '-no-CAstore', ...args], { cwd: dir });
  p.stdout.on('data', (d: Buffer) => (log += d.toString()));
  p.stderr.on('data', (d: Buffer) => (log += d.toString()));
  servers.push(p);
  await new Promise<void>((ready, fail) => {
    const t = setTimeout(() => fail(new Error(`s_server did not start: ${log}`)), 10_000);
    const check = () => (log.includes('ACCEPT') ? (clearTimeout(t), ready()) : setTimeout(check, 50));
    check();
  });
  return { port, log: () => log };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certlab-audit-'));
  writeFileSync(join(dir, 'ext.cnf'), EXT);
  ossl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-noenc',
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    '30',
    '-subj',
    '/CN=Audit Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  issue('leaf', 'ec');
  issue('weak', 'rsa1024');
  issue('sha1', 'ec', 'sha1');
});

afterAll(() => {
  for (const s of servers) s.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const DEBIAN_CURL = existsSync('/etc/debian_version') && /^curl [\d.]+ .*OpenSSL\//.test(spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout ?? '');
if (!DEBIAN_CURL) console.log("skipped: the curl CA-path checks need Debian's curl built with OpenSSL (the lessons describe that build)");
const GIT_HTTPS = '/usr/lib/git-core/git-remote-https';
if (!existsSync(GIT_HTTPS)) console.log(`skipped: git's HTTPS helper (${GIT_HTTPS}) is not installed`);

describe("curl's trust store on Debian (resolution, trust-stores, them-or-us)", () => {
  it.skipIf(!DEBIAN_CURL)('--cacert and CURL_CA_BUNDLE replace the CA file only: the CA directory /etc/ssl/certs stays', async () => {
    const { port } = await serve(['-cert', 'leaf.pem', '-key', 'leaf.key']);
    const url = `https://localhost:${port}/`;
    const paths = (out: string) =>
      out
        .split('\n')
        .filter((l) => /^\* +CA(file|path):/.test(l))
        .map((l) => l.replace(/^\* +/, ''));
    expect(paths(run('curl', ['-sS', '-v', '--cacert', 'root.pem', url, '-o', '/dev/null']).out)).toEqual(['CAfile: root.pem', 'CApath: /etc/ssl/certs']);
    expect(paths(run('curl', ['-sS', '-v', url, '-o', '/dev/null'], { CURL_CA_BUNDLE: 'root.pem' }).out)).toEqual([
      'CAfile: root.pem',
      'CApath: /etc/ssl/certs',
    ]);
    mkdirSync(join(dir, 'empty-capath'), { recursive: true });
    expect(paths(run('curl', ['-sS', '-v', '--cacert', 'root.pem', '--capath', 'empty-capath', url, '-o', '/dev/null']).out)).toEqual([
      'CAfile: root.pem',
      'CApath: empty-capath',
    ]);
  });

  it.skipIf(!DEBIAN_CURL)('reads SSL_CERT_FILE too, but CURL_CA_BUNDLE wins: a forgotten variable changes the store (them-or-us, step 0)', async () => {
    const { port } = await serve(['-cert', 'leaf.pem', '-key', 'leaf.key']);
    const url = `https://localhost:${port}/`;
    // -w prints the status on stdout first (000: no HTTP exchange, the TLS verification failed)
    const code = (env: Record<string, string>) => run('curl', ['-sS', url, '-o', '/dev/null', '-w', '%{http_code}'], env).out.slice(0, 3);
    expect(code({ SSL_CERT_FILE: 'root.pem' })).toBe('200');
    expect(code({ SSL_CERT_FILE: 'root.pem', CURL_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt' })).toBe('000');
  });
});

describe('OpenSSL 3 (keys-and-files, error-decoder, why-it-breaks)', () => {
  it('opens a PKCS#12 encrypted with 3DES without -legacy; RC2-40 needs the legacy provider', () => {
    ossl(
      'pkcs12',
      '-export',
      '-in',
      'leaf.pem',
      '-inkey',
      'leaf.key',
      '-out',
      '3des.p12',
      '-passout',
      'pass:x',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
    );
    ossl('pkcs12', '-export', '-legacy', '-in', 'leaf.pem', '-inkey', 'leaf.key', '-out', 'rc2.p12', '-passout', 'pass:x');
    const open = (file: string, ...extra: string[]) => run('openssl', ['pkcs12', '-in', file, '-passin', 'pass:x', '-noout', ...extra]);
    expect(open('3des.p12').status).toBe(0);
    const rc2 = open('rc2.p12');
    expect({ status: rc2.status === 0 ? 'opened' : 'refused', says: /unsupported/.test(rc2.out) && /RC2-40-CBC/.test(rc2.out) }).toEqual({
      status: 'refused',
      says: true,
    });
    expect(open('rc2.p12', '-legacy').status).toBe(0);
  });

  it('prints code 24 as "issuer certificate doesn\'t have a public key" and 79 as "invalid CA certificate" (the library\'s own strings)', () => {
    const strings = run('python3', [
      '-c',
      "import ctypes; l = ctypes.CDLL('libcrypto.so.3'); f = l.X509_verify_cert_error_string; f.restype = ctypes.c_char_p; f.argtypes = [ctypes.c_long]; print('|'.join(f(n).decode() for n in (21, 24, 79)))",
    ]).out.trim();
    expect(strings).toBe("unable to verify the first certificate|issuer certificate doesn't have a public key|invalid CA certificate");
  });

  it('plain openssl verify accepts an RSA-1024 leaf and a SHA-1 signature; -auth_level gives 66 and 68', () => {
    const verify = (...args: string[]) =>
      run('openssl', ['verify', '-no-CAfile', '-no-CApath', '-no-CAstore', '-CAfile', 'root.pem', ...args])
        .out.trim()
        .split('\n');
    expect(verify('weak.pem')).toEqual(['weak.pem: OK']);
    expect(verify('sha1.pem')).toEqual(['sha1.pem: OK']);
    expect(verify('-auth_level', '2', 'weak.pem').filter((l) => /^error \d+ at/.test(l))).toEqual(['error 66 at 0 depth lookup: EE certificate key too weak']);
    expect(verify('-auth_level', '1', 'sha1.pem').filter((l) => /^error \d+ at/.test(l))).toEqual([
      'error 68 at 0 depth lookup: CA signature digest algorithm too weak',
    ]);
  });

  it('s_client checks no host name without -verify_hostname, and sends no SNI for an address unless given -servername', async () => {
    // The server answers SNI "api.example.com" with a second certificate, anything else with the first.
    issue('other', 'ec');
    const { port } = await serve(['-cert', 'leaf.pem', '-key', 'leaf.key', '-servername', 'api.example.com', '-cert2', 'other.pem', '-key2', 'other.key']);
    const fingerprint = (pem: string) => execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem, encoding: 'utf8' }).trim();
    const served = (...args: string[]) => fingerprint(run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...args]).out);
    const verdict = (...args: string[]) =>
      run('openssl', ['s_client', '-CAfile', 'root.pem', '-no-CApath', '-no-CAstore', ...args], {})
        .out.split('\n')
        .find((l) => l.startsWith('Verify return code'));
    expect(verdict('-connect', `127.0.0.1:${port}`, '-servername', 'wrong.example')).toBe('Verify return code: 0 (ok)');
    expect(verdict('-connect', `127.0.0.1:${port}`, '-servername', 'wrong.example', '-verify_hostname', 'wrong.example')).toBe(
      'Verify return code: 62 (hostname mismatch)',
    );
    const [leaf, other] = ['leaf.pem', 'other.pem'].map((f) => fingerprint(readFileSync(join(dir, f), 'utf8')));
    expect(leaf).not.toBe(other);
    expect({ address: served(), named: served('-servername', 'api.example.com') }).toEqual({ address: leaf, named: other });
  });
});

describe('clients (why-it-breaks, making-certificates, chain-of-trust)', () => {
  it('Node.js 24 refuses an RSA-1024 leaf that its chain otherwise validates', async () => {
    // s_server itself refuses to load an RSA-1024 key at Debian's security level 2
    const { port } = await serve(['-cert', 'weak.pem', '-key', 'weak.key', '-cipher', 'DEFAULT@SECLEVEL=0']);
    const script = `const tls = require('node:tls'); const fs = require('node:fs');
const s = tls.connect({ host: '127.0.0.1', port: ${port}, servername: 'localhost', ca: [fs.readFileSync('root.pem')] }, () => { console.log('connected'); s.end(); });
s.on('error', (e) => console.log(process.versions.node.split('.')[0], e.message));`;
    const node = join(root, 'node_modules/.bin/node');
    expect(run(node, ['-e', script]).out.trim()).toBe('24 EE certificate key too weak');
    // and a TLS client at Debian's default security level gives 66, unlike a plain openssl verify
    const sClient = run('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', 'root.pem', '-no-CApath', '-no-CAstore']);
    expect(sClient.out.split('\n').find((l) => l.startsWith('Verify return code'))).toBe('Verify return code: 66 (EE certificate key too weak)');
  });

  it("Python's own ssl module still falls back to the Common Name (requests/urllib3 2 does not: the making-certificates capture)", async () => {
    ossl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-noenc',
      '-keyout',
      'cn.key',
      '-out',
      'cn.pem',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
    );
    const { port } = await serve(['-cert', 'cn.pem', '-key', 'cn.key']);
    const py = `import socket, ssl
c = ssl.create_default_context(cafile='cn.pem')
c.wrap_socket(socket.create_connection(('127.0.0.1', ${port})), server_hostname='localhost')
print('ssl: CN accepted')`;
    expect(run('python3', ['-c', py]).out.trim()).toBe('ssl: CN accepted');
    const capture = readFileSync(join(root, 'scripts/examples/out/making-certificates/no-san.txt'), 'utf8');
    expect(capture).toContain('requests.exceptions.SSLError');
    expect(capture).toContain("Hostname mismatch, certificate is not valid for 'api.example.com'");
  });

  it.skipIf(!existsSync(GIT_HTTPS))("git's HTTPS on Debian is GnuTLS, not OpenSSL", () => {
    const libs = run('ldd', [GIT_HTTPS]).out;
    expect({ gnutls: /libgnutls\.so/.test(libs), curlGnutls: /libcurl-gnutls\.so/.test(libs), openssl: /libssl\.so/.test(libs) }).toEqual({
      gnutls: true,
      curlGnutls: true,
      openssl: false,
    });
  });
});
