/**
 * Real TLS on 127.0.0.1 with the generated certificates: `openssl s_server` serving the
 * scenario's leaf + chain (optionally demanding a client certificate with -Verify 1) and
 * `openssl s_client` trusting the scenario's trust store, holding no client certificate.
 * Without -ign_eof s_client stops after the handshake (its stdin is empty); with it, it reads
 * until the server closes, which is how the TLS 1.3 certificate_required alert is seen.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedPki } from '../../src/core/sim/generate.ts';

export interface TlsRun {
  clientOutput: string;
  serverOutput: string;
}

export async function connectWithOpenssl(pki: GeneratedPki, opts: { requireClientCert: boolean; clientArgs?: string[] }): Promise<TlsRun> {
  const dir = await mkdtemp(join(tmpdir(), 'certlab-tls-'));
  const byId = (id: string) => pki.certificates.find((c) => c.id === id)!;
  const [leafId, ...chainIds] = pki.scenario.serverSends;
  const f = (name: string) => join(dir, name);
  await writeFile(f('leaf.pem'), byId(leafId!).pem);
  await writeFile(f('leaf.key'), byId(leafId!).keyPem);
  await writeFile(f('chain.pem'), chainIds.map((id) => byId(id).pem).join(''));
  await writeFile(f('ca.pem'), pki.scenario.trustStore.map((id) => byId(id).pem).join(''));
  // SECLEVEL=0: a sloppy server that will serve an RSA-1024 or SHA-1 certificate, so the
  // client's judgement (not the server's refusal to start) is what the test sees.
  const serverArgs = ['s_server', '-accept', '127.0.0.1:0', '-naccept', '1', '-cert', f('leaf.pem'), '-key', f('leaf.key'), '-cipher', 'DEFAULT:@SECLEVEL=0'];
  if (chainIds.length > 0) serverArgs.push('-cert_chain', f('chain.pem'));
  if (opts.requireClientCert) serverArgs.push('-Verify', '1', '-CAfile', f('ca.pem'));
  // stdin stays open: s_server quits on end of input.
  const server = spawn('openssl', serverArgs, { stdio: ['pipe', 'pipe', 'pipe'] });
  let serverOutput = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`s_server did not start: ${serverOutput}`)), 10_000);
      const onData = (d: Buffer) => {
        serverOutput += d.toString();
        const m = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(serverOutput);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
      server.on('exit', () => reject(new Error(`s_server exited: ${serverOutput}`)));
    });
    const clientArgs = [
      's_client',
      '-connect',
      `127.0.0.1:${port}`,
      '-servername',
      pki.scenario.host,
      ...(pki.scenario.trustStore.length > 0 ? ['-CAfile', f('ca.pem')] : []),
      '-no-CApath',
      '-no-CAstore',
      ...(opts.clientArgs ?? []),
    ];
    const clientOutput = await new Promise<string>((resolve) => {
      const client = spawn('openssl', clientArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      client.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      client.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      const timer = setTimeout(() => client.kill(), 10_000);
      client.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    return { clientOutput, serverOutput };
  } finally {
    server.kill();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface HandshakeRefusal {
  verifyReturn?: string;
  alert?: string;
  alertNumber?: number;
  serverError?: string;
}

/** The mutual-TLS refusal as each side reports it. */
export async function handshakeWithoutClientCert(pki: GeneratedPki): Promise<HandshakeRefusal & TlsRun> {
  const run = await connectWithOpenssl(pki, { requireClientCert: true, clientArgs: ['-verify_return_error', '-ign_eof'] });
  const alert = /(tlsv1\d? alert [a-z ]+?):[^\n]*SSL alert number (\d+)/.exec(run.clientOutput);
  return {
    ...run,
    verifyReturn: /Verify return code: ([^\n]+)/.exec(run.clientOutput)?.[1]?.trim(),
    alert: alert?.[1],
    alertNumber: alert ? Number(alert[2]) : undefined,
    serverError: /:(peer did not return a certificate):/.exec(run.serverOutput)?.[1],
  };
}
