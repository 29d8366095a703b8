/**
 * The command line as a real process behind a pipe (issue 14): `certlab inspect --json
 * bundle.pem | jq` got 65,536 bytes because the process exited before stdout drained. Here a
 * slow reader takes multi-megabyte output in small bites; every byte must arrive.
 * Also issue 18: standard input is capped, with a message saying what to do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'certlab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLI = ['--experimental-strip-types', '--no-warnings', 'src/cli/main.ts'];

/** Runs the CLI, reading what its stdout has buffered every few milliseconds. */
function runSlowly(args: string[], stdin?: (w: NodeJS.WritableStream) => void): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('./node_modules/.bin/node', [...CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    if (stdin) stdin(child.stdin);
    else child.stdin.end();
    child.stdout.pause();
    // Paused, the stream buffers at most its high-water mark and then stops reading the pipe:
    // the writer meets a full pipe again and again, as it does with a slow `| jq`.
    const bite = setInterval(() => {
      const c: Buffer | null = child.stdout.read();
      if (c) chunks.push(c);
    }, 5);
    let exited: number | null = null;
    child.on('exit', (code) => (exited = code));
    child.stdout.on('end', () => {
      clearInterval(bite);
      child.once('close', () => resolve({ code: exited ?? child.exitCode, stdout: Buffer.concat(chunks), stderr }));
      if (child.exitCode !== null) resolve({ code: child.exitCode, stdout: Buffer.concat(chunks), stderr });
    });
  });
}

describe('piped output (issue 14)', () => {
  it('inspect --json of a 600-certificate bundle arrives whole through a slow pipe', async () => {
    const chain = readFileSync('public/examples/python-org-fullchain.pem', 'utf8');
    const bundle = join(dir, 'bundle.pem');
    writeFileSync(bundle, chain.repeat(300));
    const r = await runSlowly(['inspect', '--json', bundle]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.length).toBeGreaterThan(4 * 1024 * 1024);
    const parsed = JSON.parse(r.stdout.toString('utf8'));
    expect(parsed.items.length).toBe(600);
  }, 60_000);
});

describe('standard input is capped (issue 18)', () => {
  it('more than 16 MiB on standard input stops with a message and exit 2', async () => {
    const r = await runSlowly(['decode', '-'], (w) => {
      const block = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 20) {
          sent++;
          if (!w.write(block)) return void w.once('drain', pump);
        }
        w.end();
      };
      pump();
    });
    expect([r.code, r.stdout.toString(), r.stderr]).toEqual([
      2,
      '',
      'certlab: standard input is larger than 16 MiB, the most certlab reads; save it to a file and pass the file, or send only the part to read.\n',
    ]);
  }, 60_000);
});
