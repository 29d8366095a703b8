import { describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { makeChain, makeExtras, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

// root (RSA) -> ica (P-384) -> ee (P-256), made with openssl; the CLI runs as a real process
let chain: Chain;
beforeAll(() => {
  chain = makeChain();
  makeExtras(chain);
});

function certlab(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = execFile(
      './node_modules/.bin/node',
      ['--experimental-strip-types', '--no-warnings', 'src/cli/main.ts', 'inspect', ...args],
      { cwd: process.cwd() },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    p.stdin?.end(stdin ?? '');
  });
}

describe('certlab inspect', () => {
  it('prints JSON with items (each with kind), the chain and findings', async () => {
    const r = await certlab([chain.path('modern.p12'), '--password', 's3cret', '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout);
    expect(j.items.map((i: { kind: string }) => i.kind)).toEqual(['pkcs12', 'certificate', 'certificate', 'private-key']);
    expect(j.items[1].certificate.subjectAltNames[0]).toEqual({ type: 'dns', value: 'www.example.test' });
    expect(j.items[3].privateKey.pkcs8).toBeUndefined();
    expect(j.bundle.chain).toEqual([1, 2]);
    expect(j.findings.map((f: { kind: string }) => f.kind)).toEqual(['root-not-included', 'key-matches']);
  });

  it('prints text for people, from standard input', async () => {
    const r = await certlab(['-', '--at', '2020-01-01T00:00:00Z'], [chain.pem.ica, chain.pem.ee].join(''));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[0] Certificate: DC=test, DC=example, O=Certlab Test, CN=Certlab Issuing CA 1 ÄÖ');
    expect(r.stdout).toContain('    basicConstraints (critical): CA:TRUE, pathlen:0');
    expect(r.stdout).toContain('Chain (leaf first):\n  [1] C=US, ST=Test State');
    expect(r.stdout).toContain('  ↑ issued by (signature verified, key id matches)');
    expect(r.stdout).toContain('WARNING wrong-order: the certificates are not in order');
    expect(r.stdout).toContain('ERROR not-yet-valid');
  });

  it('exits 2 with the typed error on stderr for unreadable input and wrong passwords', async () => {
    writeFileSync(chain.path('garbage.pem'), 'this is not a certificate\n');
    const g = await certlab([chain.path('garbage.pem')]);
    expect([g.code, g.stdout]).toEqual([2, '']);
    expect(g.stderr).toBe(
      [
        'certlab inspect: no certificate, key, CSR, CRL, PKCS#7, PKCS#12 or s_client output was found in the input',
        '  received: text of 1 line starting "this is not a certificate"',
        '  expected: PEM blocks (-----BEGIN …-----), DER bytes, base64 of DER, or `openssl s_client -showcerts` output',
        '  what to do: Check that this is the right file; a .crt may be a Windows shortcut or an HTML error page saved by a browser.',
        '  (UnknownFormat)',
        '',
      ].join('\n'),
    );
    const w = await certlab([chain.path('legacy.p12'), '--password', 'nope']);
    expect(w.code).toBe(2);
    expect(w.stderr.split('\n')[0]).toBe('certlab inspect: wrong password for this .p12/.pfx (MAC check failed (sha1, 2048 iterations))');
    writeFileSync(chain.path('pass.txt'), 's3cret\n');
    const viaFile = await certlab([chain.path('legacy.p12'), '--password-file', chain.path('pass.txt')]);
    expect([viaFile.code, viaFile.stdout.split('\n')[0]]).toEqual([0, '[0] PKCS#12 file']);
    const missing = await certlab([chain.path('no-such-file.pem')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^certlab inspect: cannot read ".*no-such-file.pem": ENOENT/);
    expect((await certlab([])).code).toBe(2);
  });
});
