/**
 * A new engineer's record of the course (issue 15 item 6): which lessons they read and when,
 * which self-checks they passed with their best score, and which graded exercises they solved.
 * Built from the progress kept in the browser and the course's own list of lessons; shown on
 * the record page, printed, or downloaded as JSON or Markdown. Nothing here reads a clock or
 * storage: the progress, the scores and the time of the export are passed in.
 */
import type { Progress } from './progress.ts';

export const QUIZ_SCORES_STORAGE_KEY = 'certlab:quiz-scores:v1';

/** lesson slug -> the best self-check score so far. */
export type QuizScores = Record<string, { right: number; total: number }>;

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Reads stored scores; anything malformed is dropped, never thrown. */
export function parseQuizScores(raw: string | null): QuizScores {
  const out: QuizScores = {};
  if (!raw || raw.length > 100_000) return out;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return out;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return out;
  for (const [slug, v] of Object.entries(data)) {
    const { right, total } = (typeof v === 'object' && v !== null ? v : {}) as { right?: unknown; total?: unknown };
    if (
      SLUG.test(slug) &&
      Number.isInteger(right) &&
      Number.isInteger(total) &&
      (right as number) >= 0 &&
      (right as number) <= (total as number) &&
      (total as number) > 0
    )
      out[slug] = { right: right as number, total: total as number };
  }
  return out;
}

/** Keeps the better of the stored score and this attempt. */
export function recordQuizScore(scores: QuizScores, slug: string, right: number, total: number): QuizScores {
  if (!SLUG.test(slug) || !Number.isInteger(right) || !Number.isInteger(total) || total <= 0 || right < 0 || right > total) return scores;
  const before = scores[slug];
  if (before && before.right / before.total >= right / total) return scores;
  return { ...scores, [slug]: { right, total } };
}

export interface CourseLesson {
  slug: string;
  title: string;
  exercises: { id: string; title: string }[];
}

export interface RecordEntry {
  slug: string;
  title: string;
  /** YYYY-MM-DD (UTC) or null. */
  read: string | null;
  selfCheck: { passed: string | null; best: { right: number; total: number } | null };
  exercises: { id: string; title: string; solved: string | null }[];
}

export interface CourseRecord {
  generated: string;
  lessons: RecordEntry[];
  totals: { lessons: number; read: number; selfChecksPassed: number; exercises: number; exercisesSolved: number };
}

/** ms since the epoch -> "YYYY-MM-DD" (UTC). */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function buildRecord(progress: Progress, scores: QuizScores, lessons: readonly CourseLesson[], generatedAt: number): CourseRecord {
  const day = (m: Record<string, number>, key: string) => (key in m ? utcDate(m[key]) : null);
  const entries = lessons.map((l): RecordEntry => ({
    slug: l.slug,
    title: l.title,
    read: day(progress.read, l.slug),
    selfCheck: { passed: day(progress.passed, l.slug), best: scores[l.slug] ?? null },
    exercises: l.exercises.map((e) => ({ id: e.id, title: e.title, solved: day(progress.exercises, e.id) })),
  }));
  const exercises = entries.flatMap((e) => e.exercises);
  return {
    generated: new Date(generatedAt).toISOString(),
    lessons: entries,
    totals: {
      lessons: entries.length,
      read: entries.filter((e) => e.read !== null).length,
      selfChecksPassed: entries.filter((e) => e.selfCheck.passed !== null).length,
      exercises: exercises.length,
      exercisesSolved: exercises.filter((e) => e.solved !== null).length,
    },
  };
}

export function recordToJson(record: CourseRecord): string {
  return `${JSON.stringify({ course: 'certlab: TLS certificates', ...record }, null, 2)}\n`;
}

function selfCheckText(s: RecordEntry['selfCheck']): string {
  if (s.passed) return `passed ${s.passed}${s.best ? ` (${s.best.right} of ${s.best.total} right)` : ''}`;
  return s.best ? `not passed yet (best: ${s.best.right} of ${s.best.total} right)` : 'not taken';
}

/** Plain text that reads as Markdown too: a heading, totals, and one list item per lesson. */
export function recordToMarkdown(record: CourseRecord): string {
  const t = record.totals;
  const lines = [
    '# certlab course record',
    '',
    `Exported ${record.generated.slice(0, 10)} (UTC) from this browser's progress.`,
    '',
    `- Lessons read: ${t.read} of ${t.lessons}`,
    `- Self-checks passed: ${t.selfChecksPassed} of ${t.lessons}`,
    `- Exercises solved: ${t.exercisesSolved} of ${t.exercises}`,
    '',
    '## Lessons',
    '',
  ];
  record.lessons.forEach((l, i) => {
    lines.push(`${i + 1}. ${l.title}: ${l.read ? `read ${l.read}` : 'not read'}; self-check ${selfCheckText(l.selfCheck)}`);
    for (const e of l.exercises) lines.push(`   - Exercise "${e.title}": ${e.solved ? `solved ${e.solved}` : 'not solved'}`);
  });
  return `${lines.join('\n')}\n`;
}
