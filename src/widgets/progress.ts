/**
 * Reader's progress in the browser (no account, no server): localStorage under
 * PROGRESS_STORAGE_KEY. Three pieces use it:
 *  - <certlab-progress-sidebar> (around Starlight's sidebar, on every page): marks each lesson
 *    link "read" or "passed", and records a lesson as read once its last paragraph is seen;
 *  - <certlab-course-progress> (home page, CoursePath.astro): counts and a reset button;
 *  - the quiz calls recordPassed() when every answer of a self-check is right;
 *  - an exercise calls recordExercise() when the core finds nothing wrong with the learner's work.
 * Every change is announced with a `certlab:progress` event so all of them stay in step.
 */
import {
  PROGRESS_STORAGE_KEY,
  emptyProgress,
  lessonState,
  markExercise,
  markPassed,
  markRead,
  parseProgress,
  summarize,
  type Progress,
} from '../core/course/progress.ts';
import { QUIZ_SCORES_STORAGE_KEY, parseQuizScores, recordQuizScore, type QuizScores } from '../core/course/record.ts';

const EVENT = 'certlab:progress';

export function loadProgress(): Progress {
  try {
    return parseProgress(localStorage.getItem(PROGRESS_STORAGE_KEY));
  } catch {
    return emptyProgress(); // storage blocked (privacy mode): progress is simply not kept
  }
}

function save(p: Progress): void {
  try {
    localStorage.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(p));
  } catch {
    /* storage full or blocked: the page still works, progress is not kept */
  }
  window.dispatchEvent(new CustomEvent(EVENT));
}

export function recordRead(slug: string): void {
  const before = loadProgress();
  const after = markRead(before, slug, Date.now());
  if (after !== before) save(after);
}

export function recordPassed(slug: string): void {
  const before = loadProgress();
  const after = markPassed(before, slug, Date.now());
  if (after !== before) save(after);
}

export function recordExercise(id: string): void {
  const before = loadProgress();
  const after = markExercise(before, id, Date.now());
  if (after !== before) save(after);
}

/** The best self-check score per lesson (shown on the record page), kept beside the progress. */
export function loadQuizScores(): QuizScores {
  try {
    return parseQuizScores(localStorage.getItem(QUIZ_SCORES_STORAGE_KEY));
  } catch {
    return {};
  }
}

export function recordScore(slug: string, right: number, total: number): void {
  const before = loadQuizScores();
  const after = recordQuizScore(before, slug, right, total);
  if (after === before) return;
  try {
    localStorage.setItem(QUIZ_SCORES_STORAGE_KEY, JSON.stringify(after));
  } catch {
    /* storage full or blocked */
  }
  window.dispatchEvent(new CustomEvent(EVENT));
}

export function resetProgress(): void {
  try {
    localStorage.removeItem(QUIZ_SCORES_STORAGE_KEY);
    localStorage.removeItem(PROGRESS_STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
  window.dispatchEvent(new CustomEvent(EVENT));
}

export function onProgressChange(fn: () => void): void {
  window.addEventListener(EVENT, fn);
  window.addEventListener('storage', (e) => {
    if (e.key === PROGRESS_STORAGE_KEY || e.key === QUIZ_SCORES_STORAGE_KEY || e.key === null) fn();
  });
}

/** "/lessons/keys-and-files/" -> "keys-and-files"; anything else -> null. */
export function lessonSlugOf(pathname: string): string | null {
  const m = /^\/lessons\/([a-z0-9-]+)\/?$/.exec(pathname);
  return m ? m[1] : null;
}

const LABEL: Record<string, string> = { read: 'read', passed: 'passed' };

class ProgressSidebar extends HTMLElement {
  connectedCallback(): void {
    this.#mark();
    onProgressChange(() => this.#mark());
    const slug = lessonSlugOf(location.pathname);
    if (slug) watchEndOfLesson(slug);
  }

  #mark(): void {
    const p = loadProgress();
    for (const a of this.querySelectorAll<HTMLAnchorElement>('a[href^="/lessons/"]')) {
      const slug = lessonSlugOf(new URL(a.href).pathname);
      if (!slug) continue;
      a.querySelector('.certlab-progress-mark')?.remove();
      const state = lessonState(p, slug);
      a.dataset.progress = state;
      if (state === 'new') continue;
      const mark = document.createElement('span');
      mark.className = 'certlab-progress-mark';
      mark.textContent = LABEL[state];
      mark.title = state === 'passed' ? 'Read, self-check passed' : 'Read';
      a.append(' ', mark);
    }
  }
}

/** A lesson counts as read once the end of its text has been on screen. */
function watchEndOfLesson(slug: string): void {
  const end = document.querySelector('.sl-markdown-content > :last-child');
  if (!end || !('IntersectionObserver' in window)) return;
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      io.disconnect();
      recordRead(slug);
    }
  });
  io.observe(end);
}

class CourseProgress extends HTMLElement {
  connectedCallback(): void {
    const slugs = [...this.querySelectorAll<HTMLElement>('[data-lesson-slug]')].map((el) => el.dataset.lessonSlug ?? '');
    const render = () => {
      const p = loadProgress();
      const s = summarize(p, slugs);
      for (const el of this.querySelectorAll<HTMLElement>('[data-lesson-slug]')) {
        const state = lessonState(p, el.dataset.lessonSlug ?? '');
        const out = el.querySelector<HTMLElement>('[data-lesson-state]');
        if (out) out.textContent = state === 'new' ? '' : state === 'passed' ? 'read, self-check passed' : 'read';
        el.dataset.progress = state;
      }
      const summary = this.querySelector<HTMLElement>('[data-progress-summary]');
      if (summary) {
        summary.textContent =
          `You have read ${s.read} of ${s.total} lessons and passed ${s.passed} of ${s.total} self-checks.` +
          (s.next ? '' : ' You have read the whole course.');
      }
      const next = this.querySelector<HTMLAnchorElement>('[data-progress-next]');
      if (next) {
        next.hidden = s.next === null;
        if (s.next) {
          const title = this.querySelector(`[data-lesson-slug="${s.next}"] a`)?.textContent ?? s.next;
          next.href = `/lessons/${s.next}/`;
          next.textContent = s.read === 0 ? `Start: ${title}` : `Continue: ${title}`;
        }
      }
      const reset = this.querySelector<HTMLButtonElement>('[data-progress-reset]');
      if (reset) reset.disabled = s.read === 0 && s.passed === 0;
    };
    const reset = this.querySelector<HTMLButtonElement>('[data-progress-reset]');
    reset?.addEventListener('click', () => {
      if (confirm('Forget which lessons you have read and which self-checks you passed, in this browser?')) resetProgress();
    });
    for (const el of this.querySelectorAll<HTMLElement>('[data-needs-js]')) el.hidden = false;
    for (const el of this.querySelectorAll<HTMLElement>('[data-without-js]')) el.hidden = true;
    render();
    onProgressChange(render);
  }
}

if (!customElements.get('certlab-progress-sidebar')) customElements.define('certlab-progress-sidebar', ProgressSidebar);
if (!customElements.get('certlab-course-progress')) customElements.define('certlab-course-progress', CourseProgress);
