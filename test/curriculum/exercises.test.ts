/**
 * Issue 15: the lessons' graded exercises. Each has a unique id (its data-exercise hook and
 * progress key), at least one hint and a worked answer; a "decode" exercise shows a message
 * a real client printed (found verbatim in a capture under scripts/examples/out/), and its
 * grader accepts the worked answer's code; a "fullchain" exercise links the lab files it uses.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gradeDecode } from '../../src/core/course/exercises.ts';
import { decode } from '../../src/core/decoder/decode.ts';
import { gradeCsrCommand, type CsrKeyType } from '../../src/core/course/csr-command.ts';
import { gradeCaSetting, type CaTool } from '../../src/core/course/ca-setting.ts';
import { gradeMtlsSide, readMtlsLog } from '../../src/core/course/mtls-side.ts';
import { gradeLifetimes, utcDay } from '../../src/core/course/lifetime.ts';
import { gradeCrossSign, CROSS_SIGN_CLIENTS, type CrossSignClientId } from '../../src/core/course/cross-sign.ts';
import { shellWords } from '../../src/core/course/shell-words.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'content/lessons');

function files(d: string): string[] {
  return readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : [join(d, n)]));
}
const CAPTURES = files(join(root, 'scripts/examples/out')).map((f) => readFileSync(f, 'utf8'));

interface Ex {
  lesson: string;
  id: string;
  kind: string;
  message?: string;
  attrs: string;
  solution: string;
  body: string;
}
const EXERCISES: Ex[] = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .flatMap((f) =>
    [...readFileSync(join(dir, f), 'utf8').matchAll(/^<Exercise\b([\s\S]*?)^>[ \t]*$([\s\S]*?)^<\/Exercise>/gm)].map((m) => ({
      lesson: f.replace(/\.mdx$/, ''),
      id: /\bid="([^"]+)"/.exec(m[1])?.[1] ?? '',
      kind: /\bkind="([^"]+)"/.exec(m[1])?.[1] ?? '',
      message: /\bmessage=(?:"([^"]+)"|\{`([^`]+)`\})/
        .exec(m[1])
        ?.slice(1)
        .find((x) => x !== undefined),
      attrs: m[1],
      solution: /\bsolution="([^"]+)"/.exec(m[1])?.[1] ?? '',
      body: m[2],
    })),
  );

describe('graded exercises', () => {
  it('exist in every lesson, each with a unique id', () => {
    expect(EXERCISES.map((e) => [e.lesson, e.id, e.kind])).toEqual([
      ['acme-and-renewal', 'acme-and-renewal-lifetime', 'lifetime'],
      ['chain-of-trust', 'chain-of-trust-first-certificate', 'decode'],
      ['corporate-inspection', 'corporate-inspection-tools', 'ca-setting'],
      ['cross-signing', 'cross-signing-who-fails', 'cross-sign'],
      ['debugging-tools', 'debugging-tools-curl-v', 'decode'],
      ['error-decoder', 'error-decoder-expired', 'decode'],
      ['keys-and-files', 'keys-and-files-fullchain', 'fullchain'],
      ['making-certificates', 'making-certificates-csr', 'csr-command'],
      ['mtls', 'mtls-which-side', 'mtls-side'],
      ['reading-a-certificate', 'reading-a-certificate-san', 'decode'],
      ['reading-the-handshake', 'reading-the-handshake-verify-code', 'decode'],
      ['resolution', 'resolution-trust-private-ca', 'ca-setting'],
      ['revocation-and-ct', 'revocation-and-ct-revoked', 'decode'],
      ['summary', 'summary-mtls', 'mtls-side'],
      ['them-or-us', 'them-or-us-expired', 'decode'],
      ['trust-stores', 'trust-stores-private-root', 'ca-setting'],
      ['why-it-breaks', 'why-it-breaks-hostname', 'decode'],
    ]);
    const lessons = readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => f.replace(/\.mdx$/, ''));
    expect(lessons.filter((l) => !EXERCISES.some((e) => e.lesson === l))).toEqual([]);
    expect(new Set(EXERCISES.map((e) => e.id)).size).toBe(EXERCISES.length);
  });

  it.each(EXERCISES.filter((e) => e.kind === 'decode').map((e) => [e.id, e] as const))(
    '%s shows a real, captured message and accepts its worked answer',
    (_id, e) => {
      expect(CAPTURES.some((c) => c.includes(e.message!))).toBe(true);
      const code = Number(/^Code (\d+)/.exec(e.solution)?.[1]);
      expect(gradeDecode(e.message!, { code, liability: decode(e.message!).liability })).toEqual({ ok: true, problems: [] });
    },
  );

  it.each(EXERCISES.filter((e) => e.kind === 'mtls-side').map((e) => [e.id, e] as const))(
    '%s shows a real, captured log whose failure the core reads',
    (_id, e) => {
      expect(CAPTURES.some((c) => c.includes(e.message!))).toBe(true);
      const truth = readMtlsLog(e.message!);
      expect(truth).not.toBe(null);
      expect(gradeMtlsSide(e.message!, truth!.failure)).toEqual({ ok: true, problems: [] });
    },
  );

  it.each(EXERCISES.filter((e) => e.kind === 'ca-setting').map((e) => [e.id, e] as const))('%s: its worked answer passes for every tool', (_id, e) => {
    const tools = JSON.parse(/\btools=\{(\[[^\]]*\])\}/.exec(e.attrs)![1].replaceAll("'", '"')) as CaTool[];
    const path = /\bpath="([^"]+)"/.exec(e.attrs)![1];
    const spans = [...e.solution.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(tools.filter((t) => !spans.some((span) => gradeCaSetting(t, span, path).ok))).toEqual([]);
  });

  it.each(EXERCISES.filter((e) => e.kind === 'lifetime').map((e) => [e.id, e] as const))('%s: its worked answer passes', (_id, e) => {
    const days = JSON.parse(/\bdays=\{(\[[^\]]*\])\}/.exec(e.attrs)![1].replaceAll("'", '"')) as string[];
    const answers = [...e.solution.matchAll(/(\d+) days/g)].map((m) => Number(m[1]));
    expect(gradeLifetimes(days, answers)).toEqual({ ok: true, problems: [] });
  });

  it.each(EXERCISES.filter((e) => e.kind === 'cross-sign').map((e) => [e.id, e] as const))('%s: its worked answer, read client by client, passes', (_id, e) => {
    const day = /\bdays=\{\['([^']+)'\]\}/.exec(e.attrs)![1];
    const clients = JSON.parse(/\bclients=\{(\[[^\]]*\])\}/.exec(e.attrs)![1].replaceAll("'", '"')) as CrossSignClientId[];
    // The solution names each client in order, each followed by "fails" or "connects".
    const answers = [...e.solution.matchAll(/\b(fails|connects)\b/g)].map((m) => (m[1] === 'fails' ? 'fails' : 'works') as 'fails' | 'works');
    expect(clients.every((c) => c in CROSS_SIGN_CLIENTS)).toBe(true);
    expect(answers.length).toBe(clients.length);
    expect(gradeCrossSign(clients, answers, utcDay(day))).toEqual({ ok: true, problems: [] });
  });

  it.each(EXERCISES.filter((e) => e.kind === 'csr-command').map((e) => [e.id, e] as const))(
    '%s: its worked answer passes, and the real openssl makes a CSR with exactly those names',
    (_id, e) => {
      const names = JSON.parse(/\bnames=\{(\[[^\]]*\])\}/.exec(e.attrs)![1].replaceAll("'", '"')) as string[];
      const key = /\bkeyType="([^"]+)"/.exec(e.attrs)![1] as CsrKeyType;
      const command = /`([^`]+)`/.exec(e.solution)![1];
      expect(gradeCsrCommand(command, { names, key })).toEqual({ ok: true, problems: [] });
      const cwd = mkdtempSync(join(tmpdir(), 'certlab-csr-'));
      try {
        const [cmd, ...args] = shellWords(command);
        execFileSync(cmd, args, { cwd, stdio: 'pipe' });
        const text = execFileSync('openssl', ['req', '-in', 'api.csr', '-noout', '-text'], { cwd, encoding: 'utf8' });
        expect(/Subject Alternative Name: *\n\s*(.*)/.exec(text)?.[1].trim()).toEqual(names.map((n) => `DNS:${n}`).join(', '));
        expect(text).toContain('ASN1 OID: prime256v1');
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );

  it('links lab files that exist', () => {
    const fullchain = EXERCISES.find((e) => e.kind === 'fullchain')!;
    const links = [...fullchain.body.matchAll(/\]\((\/examples\/lab\/[^)]+)\)/g)].map((m) => m[1]);
    expect(links).toEqual(['/examples/lab/leaf.pem', '/examples/lab/intermediate.pem', '/examples/lab/root.pem']);
    for (const l of links) expect(existsSync(join(root, 'public', l))).toBe(true);
  });
});
