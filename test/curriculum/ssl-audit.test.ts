/**
 * Issue 15 (Low): the lessons' evidence script, public/examples/ssl-audit.sh, run as a learner
 * runs it against real openssl s_server instances on 127.0.0.1. The review found: -checkend
 * read "not yet valid" as expired, every subject = issuer certificate was called a root, the
 * host was checked instead of the SNI name, an address was checked as a name (-checkip), and a
 * download address on a placeholder domain. Each is kept fixed here by what the script prints.
 *
 *   root -> ica -> leaf        DNS:api.example.com, IP:127.0.0.1 (and expired / future / soon twins)
 *   root -> direct             a two-tier CA: the root issues the leaf itself
 *   other ("Audit Root", another key) -> reissued "Audit Root": self-issued, not self-signed
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DAY, issue, type Issued } from '../clients/pki.ts';
import { freePort } from '../free-port.ts';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
const servers: ChildProcess[] = [];

/** An s_server sending `chain` (leaf first) and nothing from the OS store; resolves with its port. */
async function serve(name: string, chain: Issued[]): Promise<number> {
  writeFileSync(join(dir, `${name}.pem`), chain[0]!.pem);
  writeFileSync(join(dir, `${name}.key`), chain[0]!.keyPem);
  writeFileSync(
    join(dir, `${name}-chain.pem`),
    chain
      .slice(1)
      .map((c) => c.pem)
      .join(''),
  );
  const port = await freePort();
  const args = ['s_server', '-accept', `127.0.0.1:${port}`, '-www', '-no-CAfile', '-no-CApath', '-no-CAstore', '-cert', `${name}.pem`, '-key', `${name}.key`];
  if (chain.length > 1) args.push('-cert_chain', `${name}-chain.pem`);
  const p = spawn('openssl', args, { cwd: dir });
  servers.push(p);
  let log = '';
  p.stdout.on('data', (d: Buffer) => (log += d.toString()));
  p.stderr.on('data', (d: Buffer) => (log += d.toString()));
  await new Promise<void>((ready, fail) => {
    const t = setTimeout(() => fail(new Error(`s_server did not start: ${log}`)), 10_000);
    const check = () => (log.includes('ACCEPT') ? (clearTimeout(t), ready()) : setTimeout(check, 50));
    check();
  });
  return port;
}

/** Runs ssl-audit.sh as a learner would (bash, its own directory, a clean environment). */
function audit(args: string[], cafile = 'root.pem'): string[] {
  const r = spawnSync('bash', ['ssl-audit.sh', ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, CAFILE: cafile },
    timeout: 30_000,
  });
  return `${r.stdout}${r.stderr}`.split('\n');
}
const notes = (out: string[]) => out.filter((l) => /^ {4}(!!|note:)/.test(l)).map((l) => l.trim());
const line = (out: string[], start: string) => out.filter((l) => l.startsWith(start));

const ports: Record<string, number> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certlab-ssl-audit-'));
  copyFileSync(join(root, 'public/examples/ssl-audit.sh'), join(dir, 'ssl-audit.sh'));
  const now = Date.now();
  const notAfter = now + 365 * DAY; // more than the script's 30-day warning
  const san = ['DNS:api.example.com', 'IP:127.0.0.1'];
  const ca = await issue({ cn: 'Audit Root', ca: true, notAfter }, now);
  const ica = await issue({ cn: 'Audit Issuing CA', ca: true, issuer: ca, notAfter }, now);
  const leaf = await issue({ cn: 'api.example.com', san, issuer: ica, notAfter }, now);
  const expired = await issue({ cn: 'api.example.com', san, issuer: ica, notBefore: now - 40 * DAY, notAfter: now - DAY }, now);
  const future = await issue({ cn: 'api.example.com', san, issuer: ica, notBefore: now + 10 * DAY, notAfter: now + 40 * DAY }, now);
  const soon = await issue({ cn: 'api.example.com', san, issuer: ica, notAfter: now + 10 * DAY }, now);
  const direct = await issue({ cn: 'api.example.com', san, issuer: ca, notAfter }, now);
  const other = await issue({ cn: 'Audit Root', ca: true, notAfter }, now);
  const reissued = await issue({ cn: 'Audit Root', ca: true, issuer: other, notAfter }, now);
  writeFileSync(join(dir, 'root.pem'), ca.pem);
  writeFileSync(join(dir, 'other.pem'), other.pem);
  ports.good = await serve('good', [leaf, ica, ca]);
  ports.expired = await serve('expired', [expired, ica]);
  ports.future = await serve('future', [future, ica]);
  ports.soon = await serve('soon', [soon, ica]);
  ports.direct = await serve('direct', [direct]);
  ports.selfIssued = await serve('self-issued', [leaf, ica, reissued]);
}, 60_000);

afterAll(() => {
  for (const s of servers) s.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('ssl-audit.sh against real servers', () => {
  it('checks the SNI name it sends, not the address it connects to', () => {
    const out = audit([`127.0.0.1:${ports.good}`, 'api.example.com']);
    expect(out[0]).toBe(`== ssl-audit 127.0.0.1:${ports.good} (SNI api.example.com), ${out[0]!.split(', ')[1]}`);
    expect(line(out, 'Host name:')).toEqual(['Host name: api.example.com matches the leaf']);
    expect(line(out, 'OpenSSL verdict:')).toEqual(['OpenSSL verdict: Verify return code: 0 (ok)']);
    const wrong = audit([`127.0.0.1:${ports.good}`, 'www.example.org']);
    expect(line(wrong, 'Host name:')).toEqual(["Host name: !! www.example.org does NOT match the leaf's names"]);
    expect(line(wrong, 'OpenSSL verdict:')).toEqual(['OpenSSL verdict: Verify return code: 62 (hostname mismatch)']);
  });

  it('checks an address with no name as an address (-checkip), and sends no SNI', () => {
    const out = audit([`127.0.0.1:${ports.good}`]);
    expect(out[0]).toContain('(SNI none)');
    expect(line(out, 'Host name:')).toEqual(['Host name: 127.0.0.1 matches the leaf']);
    expect(line(out, 'OpenSSL verdict:')).toEqual(['OpenSSL verdict: Verify return code: 0 (ok)']);
  });

  it('calls a root self-signed, and a self-issued certificate with another key not a root', () => {
    expect(notes(audit([`127.0.0.1:${ports.good}`, 'api.example.com']))).toEqual([
      "note:    self-signed (a root): servers need not send it; only the client's trust store makes it trusted",
    ]);
    expect(notes(audit([`127.0.0.1:${ports.selfIssued}`, 'api.example.com']))).toEqual([
      'note:    self-issued but not self-signed (a re-keyed or cross-signed CA certificate)',
    ]);
  });

  it('tells expired, not yet valid and expiring soon apart (-checkend reads Not After only)', () => {
    expect(notes(audit([`127.0.0.1:${ports.expired}`, 'api.example.com']))).toEqual(['!! EXPIRED']);
    expect(notes(audit([`127.0.0.1:${ports.future}`, 'api.example.com']))).toEqual(["!! NOT YET VALID (or this machine's clock is behind)"]);
    expect(notes(audit([`127.0.0.1:${ports.soon}`, 'api.example.com']))).toEqual(['!! expires within 30 days']);
  });

  it('gives code 21 for a lone leaf both readings: an intermediate to send, or a root the client lacks', () => {
    const out = audit([`127.0.0.1:${ports.direct}`, 'api.example.com'], 'other.pem');
    expect(line(out, 'OpenSSL verdict:')).toEqual(['OpenSSL verdict: Verify return code: 21 (unable to verify the first certificate)']);
    expect(out.filter((l) => /^(Hint:| {6})/.test(l))).toEqual([
      'Hint: only the leaf was sent and its issuer (CN=Audit Root) is unknown here. Is that issuer a root?',
      "      If it is an intermediate: an incomplete chain (the server's fault: send leaf + intermediates).",
      '      If it is a root (a two-tier private CA: mkcert, kubeadm, a company CA): the server sent enough;',
      '      this client lacks that root (yours to add).',
    ]);
  });
});
