/**
 * The "reproduce it on your machine" commands work as printed: the files are written under
 * the names the commands use, the server argv runs a real `openssl s_server` on 127.0.0.1,
 * and the client argv lists (curl, Python, Node 24 standing in for `node`) get the verdict
 * and the text the simulator shows.
 *
 *   base: root (trusted) -> ica -> leaf (shop.certlab.test)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simClientVerdicts } from '../../src/core/sim/client-verdicts.ts';
import { generatePki } from '../../src/core/sim/generate.ts';
import { parsePki } from '../../src/core/sim/judge.ts';
import { scenarioForModes } from '../../src/core/sim/presets.ts';
import { reproduce, shellLine, type Command } from '../../src/core/sim/reproduce.ts';
import { freePort } from '../free-port.ts';

const NODE24 = resolve(import.meta.dirname, '../../node_modules/.bin/node');

function runIn(dir: string, c: Command): { exit: number | null; output: string } {
  const [cmd, ...args] = c.argv;
  const r = spawnSync(cmd === 'node' ? NODE24 : cmd!, args, { cwd: dir, encoding: 'utf8', timeout: 20_000, input: '', env: { ...process.env, ...c.env } });
  return { exit: r.status, output: `${r.stdout}${r.stderr}` };
}

async function reproduceMode(modes: string[]) {
  const at = Math.floor(Date.now() / 1000) * 1000;
  const g = await generatePki(scenarioForModes(modes).scenario, { crypto: globalThis.crypto, at });
  if (!g.ok) throw new Error(g.error.message);
  const pki = g.pki;
  const sim = await simClientVerdicts(pki, await parsePki(pki, crypto.subtle), crypto.subtle);
  const port = await freePort();
  const plan = reproduce(pki.scenario, port);
  const dir = mkdtempSync(join(tmpdir(), 'certlab-repro-'));
  const byId = new Map(pki.certificates.map((c) => [c.id, c]));
  for (const f of plan.files) {
    writeFileSync(join(dir, f.name), f.name.endsWith('.key') ? byId.get(f.ids[0]!)!.keyPem : f.ids.map((id) => byId.get(id)!.pem).join(''));
  }
  const [cmd, ...args] = plan.server.argv;
  const server = spawn(cmd!, args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((ok, fail) => {
      let log = '';
      const t = setTimeout(() => fail(new Error(`s_server did not start: ${log}`)), 10_000);
      server.stdout.on('data', (d: Buffer) => {
        log += d;
        if (log.includes('ACCEPT')) {
          clearTimeout(t);
          ok();
        }
      });
      server.stderr.on('data', (d: Buffer) => {
        log += d;
      });
    });
    const out = Object.fromEntries(plan.clients.map((c) => [c.label, runIn(dir, c)]));
    return { sim, out, plan };
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('reproduce: the printed commands give what the simulator shows', () => {
  it('healthy chain: curl, Python and Node connect', async () => {
    const { out } = await reproduceMode([]);
    expect([out.curl!.exit, out.Python!.exit, out['Node.js']!.exit, out['Node.js']!.output.trim()]).toEqual([0, 0, 0, 'HTTP 200']);
  });

  it("leaf only: curl prints the simulator's curl line, Node its Node line", async () => {
    const { sim, out } = await reproduceMode(['leaf-only']);
    const line = (id: string) => sim.find((v) => v.client === id)!.message.split('\n')[0]!;
    expect(out.curl!.output.split('\n')[0]).toBe(line('curl'));
    expect(out['Node.js']!.output.trim()).toBe(line('node'));
    expect(out.Python!.output).toContain('certificate verify failed: unable to get local issuer certificate');
  });

  it('private CA (empty trust store): the clients use their default store and fail the same way', async () => {
    const { sim, out, plan } = await reproduceMode(['private-ca']);
    expect(plan.files.map((f) => f.name)).toEqual(['leaf.pem', 'leaf.key', 'served-chain.pem']);
    expect(out.curl!.output.split('\n')[0]).toBe(sim.find((v) => v.client === 'curl')!.message.split('\n')[0]);
  });

  it('prints shell lines a person can paste', () => {
    const plan = reproduce(scenarioForModes(['rsa-1024', 'client-cert-required']).scenario, 8443);
    expect(shellLine(plan.server)).toBe(
      'openssl s_server -accept 127.0.0.1:8443 -www -cert leaf.pem -key leaf.key -cert_chain served-chain.pem -cipher DEFAULT:@SECLEVEL=0 -Verify 1 -CAfile trusted.pem',
    );
    expect(shellLine(plan.clients[1]!)).toBe(
      'curl -sS -o /dev/null --cacert trusted.pem --resolve shop.certlab.test:8443:127.0.0.1 https://shop.certlab.test:8443/',
    );
    expect(shellLine(plan.clients[3]!)).toBe(
      "NODE_EXTRA_CA_CERTS=trusted.pem node -e 'require('\\''https'\\'').get({ host: '\\''127.0.0.1'\\'', port: 8443, servername: '\\''shop.certlab.test'\\'', headers: { host: '\\''shop.certlab.test'\\'' } }, (r) => console.log('\\''HTTP'\\'', r.statusCode)).on('\\''error'\\'', (e) => { console.log(String(e)); process.exitCode = 1; })'",
    );
  });
});
