import { describe, expect, it } from 'vitest';
import { gradeLifetimes, maxLeafValidityDays, utcDay } from './lifetime.ts';

describe('maxLeafValidityDays', () => {
  it('steps down on 2026-03-15, 2027-03-15 and 2029-03-15 (UTC)', () => {
    expect(
      ['2026-03-14', '2026-03-15', '2027-03-14', '2027-03-15', '2029-03-14', '2029-03-15', '2031-01-01'].map((d) => maxLeafValidityDays(utcDay(d))),
    ).toEqual([398, 200, 200, 100, 100, 47, 47]);
    expect(maxLeafValidityDays(utcDay('2026-03-15') - 1)).toEqual(398);
  });
});

describe('gradeLifetimes', () => {
  it('grades each day and names the wrong ones', () => {
    expect(gradeLifetimes(['2026-06-01', '2028-01-10', '2030-03-15'], [200, 100, 47])).toEqual({ ok: true, problems: [] });
    expect(gradeLifetimes(['2026-06-01', '2028-01-10'], [398, null])).toEqual({
      ok: false,
      problems: [
        { kind: 'answer-wrong', message: '398 days is not the limit for 2026-06-01: find the step that was in force on that day.' },
        { kind: 'answer-missing', message: 'Give a number of days for a certificate issued on 2028-01-10.' },
      ],
    });
    expect(() => utcDay('1 May 2027')).toThrow('Expected YYYY-MM-DD');
  });
});
