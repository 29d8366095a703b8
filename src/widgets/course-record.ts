/**
 * <certlab-course-record>: the reader's record of the course (issue 15 item 6), built from the
 * progress in this browser (progress.ts) and the course's lessons and exercises (a JSON block
 * the page renders at build time). Shows it as a table, prints it (print CSS hides the site's
 * chrome), and downloads it as JSON or Markdown through a Blob: nothing leaves the browser.
 */
import { buildRecord, recordToJson, recordToMarkdown, type CourseLesson, type CourseRecord } from '../core/course/record.ts';
import { loadProgress, loadQuizScores, onProgressChange } from './progress.ts';
import { el, text } from './dom.ts';

function download(name: string, type: string, body: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = el('a', { href: url, download: name });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

class CourseRecordElement extends HTMLElement {
  #lessons: CourseLesson[] = [];

  connectedCallback(): void {
    try {
      this.#lessons = JSON.parse(this.querySelector('script[data-course]')?.textContent ?? '[]') as CourseLesson[];
    } catch {
      this.#lessons = [];
    }
    for (const e of this.querySelectorAll<HTMLElement>('[data-needs-js]')) e.hidden = false;
    for (const e of this.querySelectorAll<HTMLElement>('[data-without-js]')) e.hidden = true;
    this.querySelector('[data-record-print]')?.addEventListener('click', () => window.print());
    this.querySelector('[data-record-json]')?.addEventListener('click', () =>
      download('certlab-record.json', 'application/json', recordToJson(this.#record())),
    );
    this.querySelector('[data-record-markdown]')?.addEventListener('click', () =>
      download('certlab-record.md', 'text/markdown', recordToMarkdown(this.#record())),
    );
    this.#render();
    onProgressChange(() => this.#render());
  }

  #record(): CourseRecord {
    return buildRecord(loadProgress(), loadQuizScores(), this.#lessons, Date.now());
  }

  #render(): void {
    const r = this.#record();
    const summary = this.querySelector<HTMLElement>('[data-record-summary]');
    if (summary)
      summary.textContent = `Lessons read: ${r.totals.read} of ${r.totals.lessons}. Self-checks passed: ${r.totals.selfChecksPassed} of ${r.totals.lessons}. Exercises solved: ${r.totals.exercisesSolved} of ${r.totals.exercises}.`;
    const body = this.querySelector('[data-record-rows]');
    if (!body) return;
    body.replaceChildren(
      ...r.lessons.map((l) =>
        el(
          'tr',
          { 'data-record-lesson': l.slug },
          text('th', l.title, { scope: 'row' }),
          text('td', l.read ?? '—'),
          text(
            'td',
            l.selfCheck.passed
              ? `passed ${l.selfCheck.passed}${l.selfCheck.best ? ` (${l.selfCheck.best.right} of ${l.selfCheck.best.total})` : ''}`
              : l.selfCheck.best
                ? `best ${l.selfCheck.best.right} of ${l.selfCheck.best.total}`
                : '—',
          ),
          el('td', {}, ...l.exercises.map((e) => text('div', `${e.title}: ${e.solved ? `solved ${e.solved}` : 'not solved'}`))),
        ),
      ),
    );
  }
}

if (!customElements.get('certlab-course-record')) customElements.define('certlab-course-record', CourseRecordElement);
