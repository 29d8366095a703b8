/**
 * Issue 15: the lessons' graded exercises. Each has a unique id (its data-exercise hook and
 * progress key), at least one hint and a worked answer; a "decode" exercise shows a message
 * a real client printed (found verbatim in a capture under scripts/examples/out/), and its
 * grader accepts the worked answer's code; a "fullchain" exercise links the lab files it uses.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gradeDecode } from '../../src/core/course/exercises.ts';
import { decode } from '../../src/core/decoder/decode.ts';

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
      message: /\bmessage="([^"]+)"/.exec(m[1])?.[1],
      solution: /\bsolution="([^"]+)"/.exec(m[1])?.[1] ?? '',
      body: m[2],
    })),
  );

describe('graded exercises', () => {
  it('exist in the first lessons, each with a unique id', () => {
    expect(EXERCISES.map((e) => [e.lesson, e.id, e.kind])).toEqual([
      ['error-decoder', 'error-decoder-expired', 'decode'],
      ['keys-and-files', 'keys-and-files-fullchain', 'fullchain'],
      ['why-it-breaks', 'why-it-breaks-hostname', 'decode'],
    ]);
  });

  it.each(EXERCISES.filter((e) => e.kind === 'decode').map((e) => [e.id, e] as const))(
    '%s shows a real, captured message and accepts its worked answer',
    (_id, e) => {
      expect(CAPTURES.some((c) => c.includes(e.message!))).toBe(true);
      const code = Number(/^Code (\d+)/.exec(e.solution)?.[1]);
      expect(gradeDecode(e.message!, { code, liability: decode(e.message!).liability })).toEqual({ ok: true, problems: [] });
    },
  );

  it('links lab files that exist', () => {
    const fullchain = EXERCISES.find((e) => e.kind === 'fullchain')!;
    const links = [...fullchain.body.matchAll(/\]\((\/examples\/lab\/[^)]+)\)/g)].map((m) => m[1]);
    expect(links).toEqual(['/examples/lab/leaf.pem', '/examples/lab/intermediate.pem', '/examples/lab/root.pem']);
    for (const l of links) expect(existsSync(join(root, 'public', l))).toBe(true);
  });
});
