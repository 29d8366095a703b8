import { describe, expect, it } from 'vitest';
import { judgeQuiz } from './quiz.ts';

describe('judgeQuiz', () => {
  it('marks right, wrong and unanswered questions', () => {
    expect(judgeQuiz([1, 0, null], [1, 2, 0])).toEqual([
      { index: 0, chosen: 1, correct: true },
      { index: 1, chosen: 0, correct: false },
      { index: 2, chosen: null, correct: false },
    ]);
  });
  it('counts a question past the end of the choices as unanswered', () => {
    expect(judgeQuiz([], [3])).toEqual([{ index: 0, chosen: null, correct: false }]);
  });
});
