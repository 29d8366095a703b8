/** A lesson's self-check: each chosen option against the right one (<certlab-quiz> renders the result). */

export interface QuizVerdict {
  index: number;
  chosen: number | null;
  correct: boolean;
}

/** Marks each question: chosen option index (or null when none) against the right one. */
export function judgeQuiz(chosen: readonly (number | null)[], answers: readonly number[]): QuizVerdict[] {
  return answers.map((answer, index) => ({ index, chosen: chosen[index] ?? null, correct: chosen[index] === answer }));
}
