/**
 * A real mutual-TLS refusal: `openssl s_server -Verify 1` on 127.0.0.1 with the generated
 * leaf + chain, and `openssl s_client` trusting the generated root but holding no
 * client certificate. Returns what each side printed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedPki } from '../../src/core/sim/generate.ts';

export interface HandshakeResult {
  verifyReturn?: string;
  alert?: string;
  alertNumber?: number;
  serverError?: string;
  clientOutput: string;
  serverOutput: string;
}

export async function handshakeWithoutClientCert(pki: GeneratedPki): Promise<HandshakeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'certlab-mtls-'));
  const byId = (id: string) => pki.certificates.find((c) => c.id === id)!;
  const [leafId, ...chainIds] = pki.scenario.serverSends;
  const f = (name: string) => join(dir, name);
  await writeFile(f('leaf.pem'), byId(leafId!).pem);
  await writeFile(f('leaf.key'), byId(leafId!).keyPem);
  await writeFile(f('chain.pem'), chainIds.map((id) => byId(id).pem).join(''));
  await writeFile(f('ca.pem'), pki.scenario.trustStore.map((id) => byId(id).pem).join(''));
  const server = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-naccept', '1',
    '-cert', f('leaf.pem'), '-key', f('leaf.key'), '-cert_chain', f('chain.pem'),
    '-Verify', '1', '-CAfile', f('ca.pem')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let serverOutput = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`s_server did not start: ${serverOutput}`)), 10_000);
      const onData = (d: Buffer) => {
        serverOutput += d.toString();
        const m = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(serverOutput);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
    });
    const clientOutput = await new Promise<string>((resolve) => {
      const client = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', pki.scenario.host,
        '-CAfile', f('ca.pem'), '-verify_return_error', '-ign_eof'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      client.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      client.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      const timer = setTimeout(() => client.kill(), 10_000);
      client.on('close', () => { clearTimeout(timer); resolve(out); });
    });
    await new Promise((r) => setTimeout(r, 200));
    const alert = /(tlsv1\d? alert [a-z ]+?):[^\n]*SSL alert number (\d+)/.exec(clientOutput);
    return {
      verifyReturn: /Verify return code: ([^\n]+)/.exec(clientOutput)?.[1]?.trim(),
      alert: alert?.[1],
      alertNumber: alert ? Number(alert[2]) : undefined,
      serverError: /:(peer did not return a certificate):/.exec(serverOutput)?.[1],
      clientOutput, serverOutput,
    };
  } finally {
    server.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
