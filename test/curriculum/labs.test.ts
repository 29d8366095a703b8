/**
 * Issue 15 item 5: every "Run it yourself" lab in the lessons runs on a learner's machine
 * without root. Each lab is a ```sh title="Run it yourself"``` block in the lesson's MDX: plain
 * commands (openssl, with the shell's own tools) that make their files in the current
 * directory, start a failing server on 127.0.0.1 and connect to it. Its `# expect:` lines are
 * what the learner must see. This test takes the blocks out of the MDX, runs each one as a
 * learner would (bash, an empty temporary directory, not as a special user) and checks that
 * every expected line appears in what it printed.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'content/lessons');

interface Lab {
  lesson: string;
  script: string;
  expects: string[];
  ports: string[];
}
const LABS: Lab[] = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .flatMap((f) =>
    [...readFileSync(join(dir, f), 'utf8').matchAll(/^```sh title="Run it yourself"\n([\s\S]*?)^```$/gm)].map((m) => ({
      lesson: f.replace(/\.mdx$/, ''),
      script: m[1],
      expects: [...m[1].matchAll(/^# expect: (.+)$/gm)].map((e) => e[1]),
      ports: [...new Set([...m[1].matchAll(/127\.0\.0\.1:(\d+)/g)].map((p) => p[1]))],
    })),
  );

/** Runs a lab in a fresh directory; its process group is ended afterwards (a server left running). */
function run(script: string): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'certlab-lab-'));
  return new Promise((done) => {
    const child = spawn('bash', ['-c', script], { cwd, detached: true, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const stop = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    child.on('close', () => {
      clearTimeout(stop);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group has already ended
      }
      rmSync(cwd, { recursive: true, force: true });
      done(out);
    });
  });
}

describe('Run it yourself labs', () => {
  it('are in every lesson that shows a failing server, each on its own ports above 1024 on 127.0.0.1, each with what to expect', () => {
    expect(LABS.map((l) => l.lesson)).toEqual([
      'acme-and-renewal',
      'chain-of-trust',
      'corporate-inspection',
      'cross-signing',
      'debugging-tools',
      'error-decoder',
      'keys-and-files',
      'making-certificates',
      'mtls',
      'reading-a-certificate',
      'reading-the-handshake',
      'reading-the-handshake',
      'resolution',
      'resolution',
      'revocation-and-ct',
      'them-or-us',
      'trust-stores',
      'why-it-breaks',
      'why-it-breaks',
      'why-it-breaks',
      'why-it-breaks',
      'why-it-breaks',
    ]);
    const ports = LABS.flatMap((l) => l.ports);
    expect(new Set(ports).size).toBe(ports.length);
    for (const l of LABS) {
      expect(l.expects.length).toBeGreaterThan(0);
      for (const p of l.ports) expect(Number(p)).toBeGreaterThan(1024);
      expect(l.script).not.toMatch(/\bsudo\b|0\.0\.0\.0|::/);
    }
  });

  it.each(LABS.map((l) => [l.lesson, l] as const))('%s: the commands run and print what the lesson says', { timeout: 90_000 }, async (_lesson, lab) => {
    const out = await run(lab.script);
    expect(lab.expects.filter((e) => !out.includes(e))).toEqual([]);
  });
});
