/**
 * <certlab-quiz>: a lesson's self-check. Quiz.astro renders plain HTML that works without
 * JavaScript (radio buttons, and a "Show the answer" disclosure under each question). This
 * element adds a "Check my answers" button with feedback under each question and a summary;
 * when every answer is right, the lesson's self-check counts as passed (see progress.ts).
 * Keyboard: Tab moves between questions and the button, arrow keys choose within a question.
 */
import { judgeQuiz } from '../core/course/quiz.ts';
import { recordPassed, recordScore } from './progress.ts';

class Quiz extends HTMLElement {
  connectedCallback(): void {
    const form = this.querySelector('form');
    const button = this.querySelector<HTMLButtonElement>('[data-quiz-check]');
    if (!form || !button) return;
    button.hidden = false;
    // With feedback on demand, the static answers would give everything away up front.
    for (const d of this.querySelectorAll<HTMLElement>('[data-quiz-static-answer]')) d.hidden = true;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#check();
    });
  }

  #check(): void {
    const questions = [...this.querySelectorAll<HTMLFieldSetElement>('fieldset[data-quiz-question]')];
    const chosen = questions.map((q) => {
      const input = q.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      return input ? Number(input.value) : null;
    });
    const verdicts = judgeQuiz(
      chosen,
      questions.map((q) => Number(q.dataset.answer)),
    );
    for (const v of verdicts) {
      const q = questions[v.index];
      const feedback = q.querySelector<HTMLElement>('[data-quiz-feedback]');
      if (!feedback) continue;
      const right = q.querySelector<HTMLElement>(`[data-option="${q.dataset.answer}"]`)?.textContent?.trim() ?? '';
      const why = q.querySelector<HTMLElement>('[data-quiz-why]')?.textContent?.trim() ?? '';
      // Why the chosen option is wrong, first: the reader learns from their own mistake.
      const whyNot = v.chosen === null ? '' : (q.querySelector<HTMLInputElement>(`input[value="${v.chosen}"]`)?.dataset.whyNot ?? '');
      feedback.hidden = false;
      feedback.dataset.verdict = v.chosen === null ? 'unanswered' : v.correct ? 'correct' : 'wrong';
      feedback.textContent =
        v.chosen === null ? 'Choose an answer first.' : v.correct ? `Correct. ${why}` : `Not quite: ${whyNot} The answer is: ${right}. ${why}`;
      q.setAttribute('aria-describedby', feedback.id);
    }
    const right = verdicts.filter((v) => v.correct).length;
    const summary = this.querySelector<HTMLElement>('[data-quiz-summary]');
    if (summary) {
      const passed = right === verdicts.length;
      summary.hidden = false;
      summary.dataset.passed = String(passed);
      summary.textContent = passed
        ? `${right} of ${verdicts.length} right. Self-check passed.`
        : `${right} of ${verdicts.length} right. Read the feedback above, change your answers and check again.`;
      summary.focus();
      if (this.dataset.lesson && verdicts.some((v) => v.chosen !== null)) recordScore(this.dataset.lesson, right, verdicts.length);
      if (passed && this.dataset.lesson) recordPassed(this.dataset.lesson);
    }
  }
}

if (!customElements.get('certlab-quiz')) customElements.define('certlab-quiz', Quiz);
