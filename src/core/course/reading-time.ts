/**
 * Estimated time a lesson takes, from its MDX source, computed at build time (issue 15: the
 * first estimate, prose at 200 words a minute and code skimmed at a third, said 34 minutes for
 * a course that takes about 1.5 hours to read and 3–4 hours with its exercises).
 *
 * - Reading: technical prose at 150 words a minute. Code, commands and the captured output
 *   the lesson shows (<ExampleOutput of="…">, whose text the caller supplies) are read line by
 *   line, at 100 words a minute. Frontmatter, imports, component tags and the quiz are not
 *   prose.
 * - Practice: each step of "Try it yourself" (a numbered item; a section without a list counts
 *   as one step) and each graded <Exercise> takes about 4 minutes at a terminal or in a
 *   widget, and each self-check question about 1 minute.
 */
export const PROSE_WORDS_PER_MINUTE = 150;
export const CODE_WORDS_PER_MINUTE = 100;
export const MINUTES_PER_PRACTICE_STEP = 4;
export const MINUTES_PER_QUIZ_QUESTION = 1;

export interface ReadingTime {
  proseWords: number;
  /** Words in code blocks and in the captured outputs the lesson shows. */
  codeWords: number;
  practiceSteps: number;
  quizQuestions: number;
  /** Reading alone. */
  minutes: number;
  /** Try it yourself and the self-check. */
  practiceMinutes: number;
}

/** The text of a captured output, by its `of` ("<lesson>/<name>"); undefined when unknown. */
export type CaptureText = (of: string) => string | undefined;

const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export function readingTime(mdx: string, capture: CaptureText = () => undefined): ReadingTime {
  let body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  let codeWords = 0;
  body = body.replace(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm, (_m, _fence: string, code: string) => {
    codeWords += words(code);
    return '\n';
  });
  for (const m of body.matchAll(/<ExampleOutput\b[^>]*\bof="([^"]+)"/g)) codeWords += words(capture(m[1]) ?? '');

  // The self-check: its questions are timed as practice, not read as prose.
  let quizQuestions = 0;
  body = body.replace(/^<Quiz\b[\s\S]*?^\/>[ \t]*$/gm, (quiz) => {
    quizQuestions += (quiz.match(/(?:^|[{,])\s*q:\s/gm) ?? []).length;
    return '\n';
  });

  // A graded exercise: its opening tag (hints, solution) is not prose; its task text is.
  let exercises = 0;
  body = body.replace(/^<Exercise\b[\s\S]*?^>[ \t]*$/gm, () => {
    exercises++;
    return '\n';
  });

  const tryIt = /^## Try it yourself[ \t]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(body)?.[1];
  const steps = tryIt === undefined ? 0 : Math.max(1, (tryIt.match(/^\s*\d+\.\s/gm) ?? []).length);
  const practiceSteps = steps + exercises;

  body = body
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ') // component and HTML tags (their text content stays)
    .replace(/\{[^{}]*\}/g, ' '); // JSX expressions such as {props}
  const proseWords = words(body);
  const minutes = Math.max(1, Math.round(proseWords / PROSE_WORDS_PER_MINUTE + codeWords / CODE_WORDS_PER_MINUTE));
  const practiceMinutes = practiceSteps * MINUTES_PER_PRACTICE_STEP + quizQuestions * MINUTES_PER_QUIZ_QUESTION;
  return { proseWords, codeWords, practiceSteps, quizQuestions, minutes, practiceMinutes };
}
