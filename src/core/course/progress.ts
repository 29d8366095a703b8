/**
 * The reader's progress through the course: which lessons were read, which self-checks were
 * passed and which hands-on exercises were solved, with the time of each (ms since epoch,
 * given by the caller). The widgets keep
 * it in localStorage as JSON; anything unreadable there counts as "no progress yet".
 */
export const PROGRESS_STORAGE_KEY = 'certlab:progress:v1';

export interface Progress {
  /** lesson slug -> when it was first read to the end */
  read: Record<string, number>;
  /** lesson slug -> when its self-check was first passed */
  passed: Record<string, number>;
  /** exercise id (Exercise.astro's data-exercise) -> when it was first solved */
  exercises: Record<string, number>;
}

export const emptyProgress = (): Progress => ({ read: {}, passed: {}, exercises: {} });

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;

function times(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [slug, at] of Object.entries(value)) {
    if (SLUG.test(slug) && typeof at === 'number' && Number.isFinite(at)) out[slug] = at;
  }
  return out;
}

/** Reads stored progress; unknown shapes, bad slugs and non-numbers are dropped, never thrown. */
export function parseProgress(raw: string | null): Progress {
  if (!raw || raw.length > 100_000) return emptyProgress();
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return emptyProgress();
  }
  if (typeof data !== 'object' || data === null) return emptyProgress();
  const { read, passed, exercises } = data as { read?: unknown; passed?: unknown; exercises?: unknown };
  return { read: times(read), passed: times(passed), exercises: times(exercises) };
}

export function markRead(p: Progress, slug: string, at: number): Progress {
  if (!SLUG.test(slug) || slug in p.read) return p;
  return { ...p, read: { ...p.read, [slug]: at } };
}

/** Passing the self-check also counts the lesson as read. */
export function markPassed(p: Progress, slug: string, at: number): Progress {
  if (!SLUG.test(slug) || slug in p.passed) return p;
  return { ...p, read: slug in p.read ? p.read : { ...p.read, [slug]: at }, passed: { ...p.passed, [slug]: at } };
}

/** A solved exercise; the first time counts. */
export function markExercise(p: Progress, id: string, at: number): Progress {
  if (!SLUG.test(id) || id in p.exercises) return p;
  return { ...p, exercises: { ...p.exercises, [id]: at } };
}

export type LessonState = 'new' | 'read' | 'passed';

export function lessonState(p: Progress, slug: string): LessonState {
  if (slug in p.passed) return 'passed';
  return slug in p.read ? 'read' : 'new';
}

export interface ProgressSummary {
  total: number;
  read: number;
  passed: number;
  /** The first lesson, in course order, not yet read; null when all are read. */
  next: string | null;
}

export function summarize(p: Progress, slugs: readonly string[]): ProgressSummary {
  return {
    total: slugs.length,
    read: slugs.filter((s) => s in p.read).length,
    passed: slugs.filter((s) => s in p.passed).length,
    next: slugs.find((s) => !(s in p.read)) ?? null,
  };
}
