/**
 * Runs the real TLS clients of this machine against a real `openssl s_server` on
 * 127.0.0.1 and returns what each one printed. Used by the integration test and by
 * scripts/capture-client-messages.ts. Only loopback addresses are ever contacted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Situation } from './scenarios.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const NODE24 = resolve(HERE, '../../node_modules/.bin/node');

/** The command-line clients (scripts/capture-client-errors.ts keys a record by this type). */
export type RealClient = 'openssl' | 'curl' | 'python-ssl' | 'python-urllib' | 'python-requests' | 'node24' | 'node20' | 'java';
/** Every real client the runner can drive: the command-line ones and Chromium. */
export type AnyClient = RealClient | 'java-aia' | 'python313' | 'go' | 'rustls' | 'chromium';

export const REAL_CLIENTS: RealClient[] = ['openssl', 'curl', 'python-ssl', 'python-urllib', 'python-requests', 'node24', 'node20', 'java'];
export const ALL_CLIENTS: AnyClient[] = [...REAL_CLIENTS, 'java-aia', 'python313', 'go', 'rustls', 'chromium'];

/** A Python 3.13 interpreter (strict + partial-chain defaults), when pyenv has one. */
const PYTHON313 = process.env.PYTHON313 ?? '/root/.pyenv/versions/3.13.0/bin/python3';

function has(bin: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(bin, args, { stdio: 'ignore' });
  return r.status === 0 || (r.error === undefined && r.status !== null);
}

/** Why a client cannot run here, or null when it can. */
export function missingReason(client: AnyClient): string | null {
  switch (client) {
    case 'openssl':
      return has('openssl', ['version']) ? null : 'openssl binary not found';
    case 'curl':
      return has('curl') ? null : 'curl binary not found';
    case 'python-ssl':
    case 'python-urllib':
      return has('python3') ? null : 'python3 not found';
    case 'python-requests':
      return spawnSync('python3', ['-c', 'import requests'], { stdio: 'ignore' }).status === 0 ? null : 'python3 requests module not installed';
    case 'node24':
      return existsSync(NODE24) ? null : 'node_modules/.bin/node (Node 24) not found';
    case 'node20': {
      const r = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
      return r.status === 0 && r.stdout.startsWith('v20.') ? null : '/usr/bin/node is not Node 20';
    }
    case 'java':
    case 'java-aia':
      return has('java', ['-version']) ? null : 'java not found';
    case 'python313':
      return existsSync(PYTHON313) ? null : `no Python 3.13 at ${PYTHON313} (set PYTHON313)`;
    case 'go':
      return has('go', ['version']) ? null : 'go toolchain not found (Debian package golang-go)';
    case 'rustls': {
      // Cargo.lock version 4 needs cargo 1.78+; crates come from crates.io (or cargo's cache)
      const minor = Number(/cargo 1\.(\d+)/.exec(spawnSync('cargo', ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? NaN);
      if (Number.isNaN(minor)) return 'cargo not found (a Rust toolchain, e.g. from rustup.rs)';
      return minor >= 78 ? null : `cargo 1.${minor} is older than 1.78 (test/clients/rustls_client/Cargo.lock is version 4)`;
    }
    case 'chromium':
      if (!existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) return '/usr/bin/chromium not found';
      return has('certutil', ['-H']) ? null : 'certutil not found (Debian package libnss3-tools)';
  }
}

/** Client versions, for the record of what produced each captured text. */
export function clientVersion(client: AnyClient): string {
  const first = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0].trim();
  };
  switch (client) {
    case 'openssl':
      return first('openssl', ['version']);
    case 'curl':
      return first('curl', ['--version']);
    case 'python-ssl':
    case 'python-urllib':
      return first('python3', ['--version']);
    case 'python-requests':
      return first('python3', ['-c', 'import requests,sys; print(sys.version.split()[0], "requests", requests.__version__)']);
    case 'node24':
      return first(NODE24, ['--version']);
    case 'node20':
      return first('/usr/bin/node', ['--version']);
    case 'java':
    case 'java-aia':
      return first('java', ['-version']);
    case 'python313':
      return first(PYTHON313, ['--version']);
    case 'go':
      return first('go', ['version']);
    case 'rustls': {
      const lock = readFileSync(join(HERE, 'rustls_client/Cargo.lock'), 'utf8');
      return `rustls ${/name = "rustls"\nversion = "([^"]+)"/.exec(lock)?.[1] ?? '?'} (Cargo.lock), ${first('rustc', ['--version'])}`;
    }
    case 'chromium':
      return first(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version']);
  }
}

export interface RunningServer {
  port: number;
  dir: string;
  caFile: string;
  stop(): void;
}

/** Writes the situation's files and starts `openssl s_server` serving them on 127.0.0.1. */
export async function startServer(sit: Situation): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), `certlab-${sit.id}-`));
  const [leaf, ...rest] = sit.served;
  writeFileSync(join(dir, 'leaf.pem'), leaf.pem);
  writeFileSync(join(dir, 'leaf.key'), leaf.keyPem);
  writeFileSync(join(dir, 'chain.pem'), rest.map((c) => c.pem).join(''));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, sit.trusted.map((c) => c.pem).join(''));
  const port = await freePort();
  const args = [
    's_server',
    '-accept',
    `127.0.0.1:${port}`,
    '-cert',
    join(dir, 'leaf.pem'),
    '-key',
    join(dir, 'leaf.key'),
    // the server must be able to load weak test keys (RSA-1024, SHA-1); clients keep their own levels
    '-cipher',
    'DEFAULT:@SECLEVEL=0',
    '-www',
    '-naccept',
    '1000',
  ];
  if (rest.length) args.push('-cert_chain', join(dir, 'chain.pem'));
  for (const a of sit.serverArgs ?? []) args.push(a === '@trusted' ? caFile : a);
  const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`s_server did not start: ${log}`)), 10_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (log.includes('ACCEPT')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`s_server exited ${code}: ${log}`));
    });
  });
  child.removeAllListeners('exit');
  return {
    port,
    dir,
    caFile,
    stop() {
      child.kill();
      sit.cleanup?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let goBuilt: string | undefined;
/** Builds test/clients/tls_client.go once per process (go run would compile on every call). */
function goBinary(): string {
  if (!goBuilt) {
    const out = join(mkdtempSync(join(tmpdir(), 'certlab-go-')), 'tls_client');
    const r = spawnSync('go', ['build', '-o', out, join(HERE, 'tls_client.go')], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`go build test/clients/tls_client.go failed: ${r.stderr}`);
    goBuilt = out;
  }
  return goBuilt;
}

let rustlsBuilt: string | undefined;
/**
 * Builds test/clients/rustls_client once per process (cargo build --release --locked), into
 * test/.out/rustls-target (git-ignored), so nothing of the build lands in the repository.
 * Slow the first time (ring's C and the crates: about 30 s of CPU), then cargo's cache.
 */
export function rustlsBinary(): string {
  if (!rustlsBuilt) {
    const target = resolve(HERE, '../.out/rustls-target');
    const r = spawnSync('cargo', ['build', '--release', '--locked', '--manifest-path', join(HERE, 'rustls_client/Cargo.toml')], {
      encoding: 'utf8',
      timeout: 1_500_000,
      env: { ...process.env, CARGO_TARGET_DIR: target },
    });
    if (r.status !== 0) throw new Error(`cargo build test/clients/rustls_client failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
    rustlsBuilt = join(target, 'release', 'certlab-rustls-client');
  }
  return rustlsBuilt;
}

export interface ClientRun {
  client: AnyClient;
  exit: number | null;
  output: string;
}

const PY_SSL = `
import socket, ssl, sys
host, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
with socket.create_connection(('127.0.0.1', port), timeout=10) as raw:
    with ctx.wrap_socket(raw, server_hostname=host):
        print('OK')
`;
const PY_URLLIB = `
import ssl, sys, urllib.request
host, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
urllib.request.urlopen(f'https://{host}:{port}/', context=ctx, timeout=10)
print('OK')
`;
const PY_REQUESTS = `
import sys, requests
host, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
requests.get(f'https://{host}:{port}/', verify=ca, timeout=10)
print('OK')
`;
import { freePort } from '../free-port.ts';
const NODE_TLS = `
const tls = require('node:tls'); const fs = require('node:fs');
const [host, port, ca] = process.argv.slice(1);
const s = tls.connect({ host: '127.0.0.1', port: Number(port), servername: require('node:net').isIP(host) ? undefined : host, ca: fs.readFileSync(ca),
  checkServerIdentity: (_h, cert) => tls.checkServerIdentity(host, cert) });
s.on('secureConnect', () => { console.log('OK'); s.end(); });
s.on('error', (e) => { console.log(String(e)); console.log('code: ' + e.code); process.exitCode = 1; });
`;

function run(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { exit: number | null; output: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, input: '', env: env ?? process.env });
  return { exit: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Runs one real client against the server; host is what it asks for (SNI, name check). */
export function runClient(client: AnyClient, srv: RunningServer, host: string): ClientRun {
  const p = String(srv.port);
  const py = (code: string) => run('python3', ['-c', code, host, p, srv.caFile]);
  let r: { exit: number | null; output: string };
  switch (client) {
    case 'openssl':
      r = run('openssl', [
        's_client',
        '-connect',
        `127.0.0.1:${p}`,
        ...(isIP(host) ? ['-verify_ip', host] : ['-servername', host, '-verify_hostname', host]),
        '-CAfile',
        srv.caFile,
      ]);
      break;
    case 'curl':
      r = run('curl', ['-sS', '-o', '/dev/null', '--cacert', srv.caFile, '--resolve', `${host}:${p}:127.0.0.1`, `https://${host}:${p}/`]);
      break;
    case 'python-ssl':
      r = py(PY_SSL);
      break;
    case 'python313':
      r = run(PYTHON313, ['-c', PY_SSL, host, p, srv.caFile]);
      break;
    case 'python-urllib':
      r = py(PY_URLLIB);
      break;
    case 'python-requests':
      r = py(PY_REQUESTS);
      break;
    case 'node24':
      r = run(NODE24, ['-e', NODE_TLS, host, p, srv.caFile]);
      break;
    case 'node20':
      r = run('/usr/bin/node', ['-e', NODE_TLS, host, p, srv.caFile]);
      break;
    case 'java':
      r = run('java', [join(HERE, 'TlsClient.java'), host, p, srv.caFile]);
      break;
    // Java fetches AIA caIssuers only when asked to
    case 'java-aia':
      r = run('java', ['-Dcom.sun.security.enableAIAcaIssuers=true', join(HERE, 'TlsClient.java'), host, p, srv.caFile]);
      break;
    case 'go':
      r = run(goBinary(), [host, p, srv.caFile]);
      break;
    // connects to 127.0.0.1 and verifies the certificate for `host` (sent as SNI when it is a DNS name)
    case 'rustls':
      r = run(rustlsBinary(), ['127.0.0.1', p, host, srv.caFile]);
      break;
    case 'chromium':
      r = run(NODE24, [join(HERE, 'chromium-probe.ts'), host, p, srv.caFile]);
      break;
  }
  return { client, ...r };
}
