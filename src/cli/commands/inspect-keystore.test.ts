import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { hasKeytool, makeJavaStores, STOREPASS, type JavaStores } from '../../../test/fixtures/inspect/java-keystores.ts';

// ca (RSA, self-signed) -> server (EC P-256, SAN DNS:server.example.test); stores made by the real keytool
const HAVE = hasKeytool();
if (!HAVE) console.log('skipping certlab inspect --keystore: keytool is absent (Debian package openjdk-17-jdk-headless)');
let s: JavaStores;

function certlab(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      './node_modules/.bin/node',
      ['--experimental-strip-types', '--no-warnings', 'src/cli/main.ts', 'inspect', ...args],
      { cwd: process.cwd() },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!HAVE)('certlab inspect with keystores and a host (issue 14)', () => {
  beforeAll(() => {
    s = makeJavaStores();
  });

  it('answers whether the certificate is in the keystore, and says which store holds nothing of its path', async () => {
    const yes = await certlab([join(s.dir, 'server.pem'), '--keystore', join(s.dir, 'store.jks'), '--storepass', STOREPASS]);
    const no = await certlab([join(s.dir, 'server.pem'), '--keystore', join(s.dir, 'other.jks')]);
    const answers = (out: string) => out.split('\n').filter((l, i, all) => all[i - 1]?.startsWith('In the keystore?') || l.startsWith('In the keystore?'));
    expect([yes.code, answers(yes.stdout)]).toEqual([
      0,
      ['In the keystore?', '  Yes: alias "server" in store.jks is this certificate (the chain of a private key entry, not a trusted entry).'],
    ]);
    expect([no.code, answers(no.stdout)]).toEqual([
      0,
      [
        'In the keystore?',
        '  No: nothing in other.jks is on its path. Import the issuer O=certlab, CN=Keytool Test CA (ask the certificate authority for it) with: keytool -importcert -alias issuer -file issuer.pem -keystore other.jks',
      ],
    ]);
  });

  it('checks a host with each client, against the roots of --trusted', async () => {
    const r = await certlab([join(s.dir, 'server.pem'), '--host', 'other.example.test', '--trusted', join(s.dir, 'ca.pem'), '--json']);
    const j = JSON.parse(r.stdout) as {
      host: { host: string; trust: string; verdicts: { client: string; nameMatches: boolean; connects: boolean; code: number }[] };
    };
    expect([r.code, j.host.host, j.host.trust, j.host.verdicts.map((v) => [v.client, v.nameMatches, v.connects, v.code])]).toEqual([
      0,
      'other.example.test',
      '1 root from ca.pem',
      [
        ['openssl', false, false, 62],
        ['curl', false, false, 62],
        // Python 3.13's strict mode first refuses keytool's CA: it has no keyUsage (code 92)
        ['python', false, false, 92],
        ['node', false, false, 62],
        ['java', false, false, 62],
        ['go', false, false, 62],
        ['rustls', false, false, 62],
        ['dotnet', false, false, 62],
        ['chrome', false, false, 62],
        ['firefox', false, false, 62],
      ],
    ]);
  });

  it('refuses --trusted without --host', async () => {
    const r = await certlab([join(s.dir, 'server.pem'), '--trusted', join(s.dir, 'ca.pem')]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'certlab inspect: --trusted names the roots for --host: give --host NAME too']);
  });
});
