/**
 * The longest validity a publicly trusted TLS server certificate may have, by the day it is
 * issued (CA/Browser Forum Baseline Requirements, ballot SC-081): 398 days before 2026-03-15,
 * 200 days from 2026-03-15, 100 days from 2027-03-15 and 47 days from 2029-03-15 (all UTC).
 * Used by the ACME lesson's exercise; times are passed in (ms since the epoch).
 */
import type { ExerciseGrade } from './exercises.ts';

export const LEAF_LIFETIME_STEPS: readonly { from: number; maxDays: number }[] = [
  { from: Date.UTC(2029, 2, 15), maxDays: 47 },
  { from: Date.UTC(2027, 2, 15), maxDays: 100 },
  { from: Date.UTC(2026, 2, 15), maxDays: 200 },
  { from: -Infinity, maxDays: 398 },
];

export function maxLeafValidityDays(issuedAt: number): number {
  return LEAF_LIFETIME_STEPS.find((s) => issuedAt >= s.from)!.maxDays;
}

export type LifetimeProblemKind = 'answer-missing' | 'answer-wrong';

/** A "YYYY-MM-DD" day as ms since the epoch at 00:00 UTC. */
export function utcDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`utcDay: "${day}" is not a day. Expected YYYY-MM-DD.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Grades the learner's maximum validity (days) for each issue day ("YYYY-MM-DD"), in the same order. */
export function gradeLifetimes(issued: readonly string[], answers: readonly (number | null)[]): ExerciseGrade<LifetimeProblemKind> {
  const problems = issued.flatMap((day, i): { kind: LifetimeProblemKind; message: string }[] => {
    const at = utcDay(day);
    const a = answers[i] ?? null;
    if (a === null) return [{ kind: 'answer-missing', message: `Give a number of days for a certificate issued on ${day}.` }];
    if (a === maxLeafValidityDays(at)) return [];
    return [{ kind: 'answer-wrong', message: `${a} days is not the limit for ${day}: find the step that was in force on that day.` }];
  });
  return { ok: problems.length === 0, problems };
}
