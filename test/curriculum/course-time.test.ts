/**
 * Issue 15: the course's announced time is realistic. The first estimate said 34 minutes of
 * reading; the nine first lessons took about 1.5 hours to read and 3–4 hours with their
 * hands-on steps and self-checks. With the seven lessons added for issue 15 item 2 (making
 * certificates to debugging tools), the 17 lessons take about 3 hours to read and 7–9 hours
 * with the practice: four days of the suggested path. Computed from the real lessons and their
 * captured outputs, as the home page does.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readingTime } from '../../src/core/course/reading-time.ts';

const root = resolve(import.meta.dirname, '../..');
const capture = (of: string) => {
  const path = join(root, 'scripts/examples/out', `${of}.txt`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};
const dir = join(root, 'content/lessons');
const TIMES = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((f) => ({ slug: f.replace(/\.mdx$/, ''), ...readingTime(readFileSync(join(dir, f), 'utf8'), capture) }));

describe('the course time shown on the home page', () => {
  it('finds every captured output a lesson shows', () => {
    const missing = readdirSync(dir).flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/<ExampleOutput\b[^>]*\bof="([^"]+)"/g)].map((m) => m[1]).filter((of) => capture(of) === undefined),
    );
    expect(missing).toEqual([]);
  });

  it('is about 4 hours of reading and 8 to 10 hours with the practice (17 lessons, labs and exercises)', () => {
    const reading = TIMES.reduce((sum, t) => sum + t.minutes, 0);
    const practice = TIMES.reduce((sum, t) => sum + t.practiceMinutes, 0);
    expect({ readingAbout240: reading >= 200 && reading <= 270, withPracticeIn8To10Hours: reading + practice >= 480 && reading + practice <= 600 }).toEqual({
      readingAbout240: true,
      withPracticeIn8To10Hours: true,
    });
  });

  it('gives every lesson but the summary practice steps, and every lesson a self-check', () => {
    expect(TIMES.filter((t) => t.quizQuestions === 0).map((t) => t.slug)).toEqual([]);
    expect(TIMES.filter((t) => t.practiceSteps < 3).map((t) => t.slug)).toEqual(['summary']);
  });
});
