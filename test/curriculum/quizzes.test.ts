/**
 * Issue 15: the self-checks' right answers are spread over the positions (27 of 34 were
 * option B), and every wrong option says why it is wrong. Reads each lesson's <Quiz> from its
 * MDX source: the `questions` prop is a plain array literal, evaluated here as JavaScript.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shape of src/components/Quiz.astro's QuizQuestion (an .astro file is not imported here). */
interface QuizQuestion {
  q: string;
  options: string[];
  answer: number;
  why: string;
  whyNot?: Record<number, string>;
}

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'content/lessons');

function quizOf(source: string): QuizQuestion[] {
  const start = source.indexOf('questions={[');
  if (start < 0) return [];
  const from = start + 'questions={'.length;
  const end = source.indexOf(']}\n/>', from);
  if (end < 0) throw new Error('Quiz without the closing "]}" + "/>" lines');
  return new Function(`return ${source.slice(from, end + 1)};`)() as QuizQuestion[];
}

const QUIZZES = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((f) => ({ slug: f.replace(/\.mdx$/, ''), questions: quizOf(readFileSync(join(dir, f), 'utf8')) }))
  .filter((q) => q.questions.length > 0);
const ALL = QUIZZES.flatMap((q) => q.questions.map((question) => ({ slug: q.slug, ...question })));

describe('self-check quizzes', () => {
  it('are read from every lesson', () => {
    expect(QUIZZES.map((q) => q.slug)).toEqual([
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
      'resolution',
      'revocation-and-ct',
      'summary',
      'them-or-us',
      'trust-stores',
      'why-it-breaks',
    ]);
    expect(ALL.length).toBe(67);
  });

  it('spread the right answers: no position holds more than a third of them', () => {
    const byPosition = [0, 1, 2, 3].map((p) => ALL.filter((q) => q.answer === p).length);
    expect(byPosition).toEqual([17, 13, 18, 19]);
    for (const n of byPosition) expect(n).toBeLessThanOrEqual(Math.ceil(ALL.length / 3));
  });

  it('do not put every answer of a lesson in one position', () => {
    const single = QUIZZES.filter((q) => new Set(q.questions.map((x) => x.answer)).size === 1).map((q) => q.slug);
    expect(single).toEqual([]);
  });

  it('say, for every wrong option, why it is wrong', () => {
    const missing = ALL.flatMap((q) =>
      q.options
        .map((_, j) => j)
        .filter((j) => j !== q.answer && !(typeof q.whyNot?.[j] === 'string' && q.whyNot[j].trim().length > 20))
        .map((j) => `${q.slug}: "${q.q.slice(0, 40)}…" option ${j}`),
    );
    expect(missing).toEqual([]);
    const extra = ALL.filter((q) => q.whyNot?.[q.answer] !== undefined).map((q) => `${q.slug}: "${q.q.slice(0, 40)}…"`);
    expect(extra).toEqual([]);
  });
});
