/**
 * <certlab-exercise>: a graded hands-on exercise (Exercise.astro renders the task, the inputs
 * and the hints). This element checks the learner's work with the core graders, loaded on the
 * first check; reveals the hints one at a time on request; offers the worked answer only
 * after a first attempt; and records a solved exercise with the reader's progress.
 */
import type { ExerciseGrade } from '../core/course/exercises.ts';
import type { Liability } from '../core/causes/causes.ts';
import type { CsrKeyType } from '../core/course/csr-command.ts';
import type { CaTool } from '../core/course/ca-setting.ts';
import type { MtlsFailure } from '../core/course/mtls-side.ts';
import type { CrossSignClientId } from '../core/course/cross-sign.ts';
import { recordExercise } from './progress.ts';
import { el, text } from './dom.ts';

type Graders = typeof import('./exercise-load.ts');
const LIABILITIES: readonly string[] = ['server', 'client', 'both'];
const MTLS_FAILURES: readonly string[] = ['client-sent-no-certificate', 'server-rejected-client-certificate', 'client-rejected-server-certificate'];

class Exercise extends HTMLElement {
  #graders: Promise<Graders> | undefined;
  #attempts = 0;

  connectedCallback(): void {
    const form = this.querySelector<HTMLFormElement>('[data-exercise-form]');
    if (!form) return;
    for (const e of this.querySelectorAll<HTMLElement>('[data-needs-js]')) e.hidden = false;
    const hints = [...this.querySelectorAll<HTMLElement>('[data-hint]')];
    for (const h of hints) h.hidden = true;
    const hintButton = this.querySelector<HTMLButtonElement>('[data-exercise-hint]');
    hintButton?.addEventListener('click', () => {
      const next = hints.find((h) => h.hidden);
      if (next) next.hidden = false;
      if (!hints.some((h) => h.hidden) && hintButton) {
        hintButton.disabled = true;
        hintButton.textContent = 'No more hints';
      }
    });
    this.querySelector<HTMLButtonElement>('[data-exercise-solution]')?.addEventListener('click', (e) => {
      const template = this.querySelector<HTMLTemplateElement>('template[data-exercise-answer]');
      const target = this.querySelector<HTMLElement>('[data-exercise-answer-shown]');
      if (template && target && target.childElementCount === 0) target.append(template.content.cloneNode(true));
      (e.currentTarget as HTMLButtonElement).hidden = true;
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.#check(form);
    });
  }

  async #check(form: HTMLFormElement): Promise<void> {
    const feedback = this.querySelector<HTMLElement>('[data-exercise-feedback]');
    if (!feedback) return;
    this.#graders ??= import('./exercise-load.ts');
    const graders = await this.#graders;
    const data = new FormData(form);
    let grade: ExerciseGrade;
    if (this.dataset.kind === 'fullchain') {
      grade = await graders.gradeFullchain(String(data.get('answer') ?? ''), { subtle: crypto.subtle, at: Date.now() });
    } else if (this.dataset.kind === 'csr-command') {
      grade = graders.gradeCsrCommand(String(data.get('answer') ?? ''), {
        names: (this.dataset.names ?? '').split(' ').filter(Boolean),
        key: (this.dataset.keyType ?? 'ec') as CsrKeyType,
      });
    } else if (this.dataset.kind === 'ca-setting') {
      const grades = [...this.querySelectorAll<HTMLInputElement>('input[data-tool]')].map((input) =>
        graders.gradeCaSetting(input.dataset.tool as CaTool, input.value, this.dataset.path ?? ''),
      );
      grade = { ok: grades.every((g) => g.ok), problems: grades.flatMap((g) => g.problems) };
    } else if (this.dataset.kind === 'mtls-side') {
      const log = this.querySelector('[data-exercise-message]')?.textContent ?? '';
      const side = String(data.get('side') ?? '');
      grade = graders.gradeMtlsSide(log, MTLS_FAILURES.includes(side) ? (side as MtlsFailure) : null);
    } else if (this.dataset.kind === 'lifetime') {
      const inputs = [...this.querySelectorAll<HTMLInputElement>('input[data-day]')];
      grade = graders.gradeLifetimes(
        inputs.map((i) => i.dataset.day ?? ''),
        inputs.map((i) => (/^\d+$/.test(i.value.trim()) ? Number(i.value.trim()) : null)),
      );
    } else if (this.dataset.kind === 'cross-sign') {
      const clients = [...this.querySelectorAll<HTMLElement>('fieldset[data-client]')].map((f) => f.dataset.client as CrossSignClientId);
      const answers = clients.map((c) => {
        const v = String(data.get(`client-${c}`) ?? '');
        return v === 'works' || v === 'fails' ? v : null;
      });
      grade = graders.gradeCrossSign(clients, answers, graders.utcDay(this.dataset.day ?? ''));
    } else {
      const message = this.querySelector('[data-exercise-message]')?.textContent ?? '';
      const code = String(data.get('code') ?? '').trim();
      const liability = String(data.get('liability') ?? '');
      grade = graders.gradeDecode(message, {
        code: /^\d+$/.test(code) ? Number(code) : null,
        liability: LIABILITIES.includes(liability) ? (liability as Liability) : null,
      });
    }
    this.#attempts++;
    feedback.replaceChildren();
    feedback.dataset.verdict = grade.ok ? 'solved' : 'problems';
    if (grade.ok) {
      feedback.append(text('p', 'Correct: the core checked it and found nothing wrong. Saved with your progress.'));
      if (this.dataset.exercise) recordExercise(this.dataset.exercise);
    } else {
      feedback.append(text('p', `Not yet (attempt ${this.#attempts}):`), el('ul', {}, ...grade.problems.map((p) => text('li', p.message))));
    }
    // The worked answer is offered only once the learner has tried.
    const solution = this.querySelector<HTMLButtonElement>('[data-exercise-solution]');
    if (solution && this.querySelector('[data-exercise-answer-shown]')?.childElementCount === 0) solution.hidden = false;
    feedback.focus();
  }
}

if (!customElements.get('certlab-exercise')) customElements.define('certlab-exercise', Exercise);
