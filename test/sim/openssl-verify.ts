/**
 * Runs the real `openssl verify` on a generated PKI the way a TLS client would judge it:
 * the first certificate the server sends is verified, the rest are -untrusted helpers,
 * the trust store is the -CAfile, the host is checked with -verify_hostname, the purpose
 * is sslserver, the time is the scenario's `at`, and -auth_level 2 matches the security
 * level Debian's OpenSSL (and so curl, Python, s_client) applies to TLS.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedPki } from '../../src/core/sim/generate.ts';

export interface OpensslVerdict {
  code: number;
  depth: number;
  text: string;
  /** All of openssl's output, for failure messages. */
  output: string;
}

function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

export async function writePems(pki: GeneratedPki, dir: string): Promise<{ leaf: string; untrusted?: string; cafile: string }> {
  const pemOf = (id: string): string => pki.certificates.find((c) => c.id === id)!.pem;
  const [first, ...rest] = pki.scenario.serverSends;
  const leaf = join(dir, 'leaf.pem');
  await writeFile(leaf, pemOf(first!));
  let untrusted: string | undefined;
  if (rest.length > 0) {
    untrusted = join(dir, 'untrusted.pem');
    await writeFile(untrusted, rest.map(pemOf).join(''));
  }
  // An empty CAfile makes openssl complain about the file itself; /dev/null-like empty
  // store is modelled by a file holding a certificate nobody chains to.
  const cafile = join(dir, 'ca.pem');
  await writeFile(cafile, pki.scenario.trustStore.map(pemOf).join(''));
  return { leaf, cafile, ...(untrusted ? { untrusted } : {}) };
}

export async function opensslVerify(pki: GeneratedPki): Promise<OpensslVerdict> {
  const dir = await mkdtemp(join(tmpdir(), 'certlab-sim-'));
  try {
    const f = await writePems(pki, dir);
    const args = [
      'verify',
      '-no-CApath',
      '-no-CAstore',
      '-purpose',
      'sslserver',
      '-auth_level',
      '2',
      '-verify_hostname',
      pki.scenario.host,
      '-attime',
      String(Math.floor(pki.at / 1000)),
    ];
    if (pki.scenario.trustStore.length > 0) args.push('-CAfile', f.cafile);
    else args.push('-no-CAfile');
    if (f.untrusted) args.push('-untrusted', f.untrusted);
    args.push(f.leaf);
    const r = await run('openssl', args);
    if (r.code === 0 && /: OK\s*$/.test(r.out)) return { code: 0, depth: 0, text: 'ok', output: r.out };
    const m = /error (\d+) at (\d+) depth lookup: ([^\n]*)/.exec(r.out);
    if (!m) return { code: -1, depth: -1, text: 'unparsed', output: r.out };
    return { code: Number(m[1]), depth: Number(m[2]), text: m[3]!, output: r.out };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
