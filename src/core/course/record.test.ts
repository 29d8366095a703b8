import { describe, expect, it } from 'vitest';
import { buildRecord, parseQuizScores, recordQuizScore, recordToJson, recordToMarkdown, type CourseLesson } from './record.ts';
import { emptyProgress, markExercise, markPassed, markRead } from './progress.ts';

const LESSONS: CourseLesson[] = [
  { slug: 'chain-of-trust', title: 'The chain of trust', exercises: [{ id: 'chain-of-trust-first-certificate', title: 'Decode a real error' }] },
  {
    slug: 'cross-signing',
    title: 'Cross-signing and root expiry',
    exercises: [{ id: 'cross-signing-who-fails', title: 'Who still connects on 1 October 2021?' }],
  },
];
const DAY1 = Date.UTC(2026, 11, 1, 9, 30);
const DAY2 = Date.UTC(2026, 11, 2, 23, 59);

describe('quiz scores', () => {
  it('keep the best attempt and drop malformed entries', () => {
    let s = recordQuizScore({}, 'cross-signing', 2, 4);
    s = recordQuizScore(s, 'cross-signing', 1, 4);
    s = recordQuizScore(s, 'cross-signing', 3, 4);
    expect(s).toEqual({ 'cross-signing': { right: 3, total: 4 } });
    expect(recordQuizScore(s, 'Bad Slug', 4, 4)).toBe(s);
    expect(recordQuizScore(s, 'x', 5, 4)).toBe(s);
    expect(parseQuizScores(JSON.stringify({ ...s, a: { right: 5, total: 4 }, b: 'x', 'B C': { right: 1, total: 1 } }))).toEqual(s);
    expect(parseQuizScores('not json')).toEqual({});
    expect(parseQuizScores(null)).toEqual({});
  });
});

describe('buildRecord', () => {
  it('lists every lesson with its dates, best score and exercises', () => {
    const p = markExercise(markPassed(markRead(emptyProgress(), 'chain-of-trust', DAY1), 'cross-signing', DAY2), 'cross-signing-who-fails', DAY2);
    const r = buildRecord(p, { 'cross-signing': { right: 4, total: 4 }, 'chain-of-trust': { right: 2, total: 4 } }, LESSONS, DAY2);
    expect(r).toEqual({
      generated: '2026-12-02T23:59:00.000Z',
      lessons: [
        {
          slug: 'chain-of-trust',
          title: 'The chain of trust',
          read: '2026-12-01',
          selfCheck: { passed: null, best: { right: 2, total: 4 } },
          exercises: [{ id: 'chain-of-trust-first-certificate', title: 'Decode a real error', solved: null }],
        },
        {
          slug: 'cross-signing',
          title: 'Cross-signing and root expiry',
          read: '2026-12-02',
          selfCheck: { passed: '2026-12-02', best: { right: 4, total: 4 } },
          exercises: [{ id: 'cross-signing-who-fails', title: 'Who still connects on 1 October 2021?', solved: '2026-12-02' }],
        },
      ],
      totals: { lessons: 2, read: 2, selfChecksPassed: 1, exercises: 2, exercisesSolved: 1 },
    });
    expect(recordToMarkdown(r)).toBe(
      [
        '# certlab course record',
        '',
        "Exported 2026-12-02 (UTC) from this browser's progress.",
        '',
        '- Lessons read: 2 of 2',
        '- Self-checks passed: 1 of 2',
        '- Exercises solved: 1 of 2',
        '',
        '## Lessons',
        '',
        '1. The chain of trust: read 2026-12-01; self-check not passed yet (best: 2 of 4 right)',
        '   - Exercise "Decode a real error": not solved',
        '2. Cross-signing and root expiry: read 2026-12-02; self-check passed 2026-12-02 (4 of 4 right)',
        '   - Exercise "Who still connects on 1 October 2021?": solved 2026-12-02',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(recordToJson(r))).toEqual({ course: 'certlab: TLS certificates', ...r });
  });

  it('shows an empty course as nothing done', () => {
    const r = buildRecord(emptyProgress(), {}, LESSONS.slice(0, 1), DAY1);
    expect(recordToMarkdown(r).split('\n').slice(4, 7)).toEqual(['- Lessons read: 0 of 1', '- Self-checks passed: 0 of 1', '- Exercises solved: 0 of 1']);
    expect(r.lessons[0].selfCheck).toEqual({ passed: null, best: null });
    expect(recordToMarkdown(r)).toContain('1. The chain of trust: not read; self-check not taken\n');
  });
});
