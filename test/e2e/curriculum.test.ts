/**
 * The curriculum in real Chromium (issue 8): every page of the built site is scanned with
 * axe-core (no serious or critical violation) at desktop width and again at 375 px (issue 15:
 * scrollable regions must be focusable there too), loaded at 375 px without horizontal
 * scrolling (screenshot under test/.out/mobile/); every internal link of the built HTML resolves to a file
 * and, with a #fragment, to an element id; the self-check quiz is used with the keyboard alone
 * and reads without JavaScript; the reader's progress is kept in localStorage, shown in the
 * sidebar and on the home page, and reset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { openSite, whenDefined, type Site } from './harness.ts';
import { readingTime } from '../../src/core/course/reading-time.ts';
import { PROGRESS_STORAGE_KEY } from '../../src/core/course/progress.ts';

const root = resolve(import.meta.dirname, '../..');
const client = join(root, 'dist/client');
const AXE = join(root, 'node_modules/axe-core/axe.min.js');
const OUT = join(root, 'test/.out/mobile');

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

/** dist/client/lessons/x/index.html -> /lessons/x/ */
const urlPathOf = (file: string) => `/${relative(client, file).replace(/index\.html$/, '')}`;

// The global setup has built the site before this file is collected.
const FILES = htmlFiles(client);
const PAGES = FILES.map(urlPathOf).filter((p) => p !== '/404.html');
/** A captured output by its ExampleOutput `of`, as CoursePath.astro reads it. */
function capture(of: string): string | undefined {
  const path = join(root, 'scripts/examples/out', `${of}.txt`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
const LESSONS = readdirSync(join(root, 'content/lessons'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const source = readFileSync(join(root, 'content/lessons', f), 'utf8');
    const order = Number(/^\s+order:\s*([\d.]+)/m.exec(source)?.[1] ?? 99);
    const title = /^title:\s*(.+)$/m.exec(source)?.[1].trim() ?? '';
    const { minutes, practiceMinutes } = readingTime(source, capture);
    return { slug: f.replace(/\.mdx$/, ''), order, title, minutes, practiceMinutes };
  })
  .sort((a, b) => a.order - b.order);

// The progress marks need the Sidebar override and <CoursePath /> on the home page (see
// src/components/overrides/Sidebar.astro); the built site must carry both (asserted below).
const progressWiring = {
  coursePath: readFileSync(join(client, 'index.html'), 'utf8').includes('<certlab-course-progress'),
  sidebar: readFileSync(join(client, 'lessons/summary/index.html'), 'utf8').includes('<certlab-progress-sidebar'),
};

let site: Site;
beforeAll(async () => {
  site = await openSite();
  mkdirSync(OUT, { recursive: true });
});
afterAll(async () => {
  await site?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Known violations in parts of the page this project does not own, each with its reason. Every
 * other serious or critical violation fails the test. Remove an entry once its fix lands.
 */
const AXE_EXCEPTIONS: { rule: string; target: string; reason: string }[] = [
  {
    rule: 'label-content-name-mismatch',
    target: 'button[data-open-modal=""]',
    reason:
      "Starlight's search button: its aria-label is 'Search' while its script shows a visible 'Ctrl K' hint. " +
      'Fix proposed for the site chrome (hide the hint in certlab.css, or override Search).',
  },
];

async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate(), not an inline <script>: the site's Content-Security-Policy blocks inline scripts.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !AXE_EXCEPTIONS.some((e) => e.rule === v.id && e.target === n.target.join(' '))) }))
    .filter((v) => v.nodes.length > 0)
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

describe('the built site', () => {
  it('has every lesson of the course, in order, with a page each', () => {
    expect(LESSONS.map((l) => [l.order, l.slug])).toEqual([
      [1, 'chain-of-trust'],
      [2, 'keys-and-files'],
      [3, 'reading-the-handshake'],
      [4, 'reading-a-certificate'],
      [5, 'why-it-breaks'],
      [6, 'error-decoder'],
      [7, 'them-or-us'],
      [8, 'resolution'],
      [10, 'making-certificates'],
      [11, 'acme-and-renewal'],
      [12, 'trust-stores'],
      [12.5, 'cross-signing'],
      [13, 'corporate-inspection'],
      [14, 'mtls'],
      [15, 'revocation-and-ct'],
      [16, 'debugging-tools'],
      [20, 'summary'],
    ]);
    for (const l of LESSONS) expect(PAGES).toContain(`/lessons/${l.slug}/`);
  });
});

describe('accessibility: axe-core on every page', () => {
  it.each(PAGES)('%s has no serious or critical violation', async (path) => {
    const page = await site.page(path);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('mobile: every page at 375 px', () => {
  it.each(PAGES)('%s does not scroll sideways and has no serious or critical axe violation', async (path) => {
    const page = await site.page(path, { viewport: { width: 375, height: 800 } });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const name = path === '/' ? 'home' : path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '_');
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    expect({ path, width: width <= 375 ? '<= 375' : width }).toEqual({ path, width: '<= 375' });
    // Code blocks wrap: none may scroll sideways either. (A scrolling <pre> is made focusable only
    // once Expressive Code's script has run, so axe below saw it only sometimes.)
    const scrolling = await page.evaluate(() =>
      [...document.querySelectorAll('.expressive-code pre')]
        .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
        .map((pre) => `${pre.scrollWidth}/${pre.clientWidth} px: ${(pre.textContent ?? '').slice(0, 60)}`),
    );
    expect({ path, scrolling }).toEqual({ path, scrolling: [] });
    // Issue 15: tables that scroll at this width were regions nothing could focus.
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('internal links of the built site', () => {
  /** Every href="/..." (or relative) in the HTML, with the page it was found on. */
  function internalLinks(): { from: string; href: string }[] {
    const links: { from: string; href: string }[] = [];
    for (const file of FILES) {
      const html = readFileSync(file, 'utf8');
      for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/g)) {
        const href = m[1].replace(/&amp;/g, '&');
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) continue; // external, mailto:
        links.push({ from: urlPathOf(file), href });
      }
    }
    return links;
  }

  function fileFor(pathname: string): string | null {
    const p = join(client, decodeURIComponent(pathname));
    if (pathname.endsWith('/')) return existsSync(join(p, 'index.html')) ? join(p, 'index.html') : null;
    if (existsSync(p) && statSync(p).isFile()) return p;
    return existsSync(join(p, 'index.html')) ? join(p, 'index.html') : null;
  }

  it('every internal link resolves to a file, and every #fragment to an id on that page', () => {
    const links = internalLinks();
    expect(links.length).toBeGreaterThan(200);
    const dead: string[] = [];
    const ids = new Map<string, Set<string>>();
    for (const { from, href } of links) {
      const url = new URL(href, `http://site${from}`);
      if (url.pathname.startsWith('/api/')) continue; // server route, not a file
      const file = fileFor(url.pathname);
      if (!file) {
        dead.push(`${from} -> ${href} (no file)`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (!fragment || !file.endsWith('.html')) continue;
      if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
      if (!ids.get(file)!.has(fragment)) dead.push(`${from} -> ${href} (no id "${fragment}")`);
    }
    expect(dead).toEqual([]);
  });
});

describe('self-check quiz', () => {
  /** Presses Tab until focus is inside the quiz: the reader never touches the mouse. */
  async function tabIntoQuiz(page: Page): Promise<void> {
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('certlab-quiz') !== null)) return;
    }
    throw new Error('Tab never reached the quiz');
  }

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return {
        tag: el?.tagName,
        type: el?.type,
        name: el?.name,
        value: el?.value,
        text: el?.textContent?.trim(),
        outline: el ? getComputedStyle(el).outlineStyle : '',
      };
    });

  it('is answered, checked and passed with the keyboard alone, with visible focus and feedback', async () => {
    const page = await site.page('/lessons/them-or-us/');
    await whenDefined(page, 'certlab-quiz');
    await tabIntoQuiz(page);
    // Answers of lesson 7's quiz: 2, 0, 3. First answer question 1 wrongly (option 0).
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', type: 'radio', name: 'quiz-them-or-us-q0', value: '0' });
    expect((await focused(page)).outline).not.toBe('none');
    await page.keyboard.press('Space'); // chooses option 0: wrong
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'quiz-them-or-us-q1', value: '0' });
    await page.keyboard.press('Space'); // chooses option 0: right
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ name: 'quiz-them-or-us-q2', value: '0' });
    await page.keyboard.press('ArrowUp'); // wraps to and chooses the last option, 3: right
    expect(await focused(page)).toMatchObject({ name: 'quiz-them-or-us-q2', value: '3' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON', text: 'Check my answers' });
    await page.keyboard.press('Enter');

    const summary = page.locator('certlab-quiz [data-quiz-summary]');
    expect(await summary.textContent()).toBe('2 of 3 right. Read the feedback above, change your answers and check again.');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-quiz-summary'))).toBe(true);
    const feedback = page.locator('certlab-quiz [data-quiz-feedback]');
    expect(await feedback.nth(0).getAttribute('data-verdict')).toBe('wrong');
    // A wrong answer says why that choice is wrong, then gives the right one and why (issue 15).
    expect(await feedback.nth(0).textContent()).toBe(
      'Not quite: certifi holds roots, not intermediates; updating it cannot supply the missing intermediate, and curl with the OS store fails the same way. ' +
        'The answer is: Theirs: the server does not send its intermediate. ' +
        "Two independent stores agree, both work with a known-good host, and the leaf's issuer is an intermediate that was not sent: the server's chain is incomplete.",
    );
    expect(await feedback.nth(1).getAttribute('data-verdict')).toBe('correct');

    // Back to question 1 with Shift+Tab, fix the answer, check again.
    await page.keyboard.press('Shift+Tab'); // from the summary to the button
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab'); // q2, q1, q0
    expect(await focused(page)).toMatchObject({ name: 'quiz-them-or-us-q0', value: '0' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown'); // option 2: right
    expect(await focused(page)).toMatchObject({ name: 'quiz-them-or-us-q0', value: '2' });
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // q1, q2, button
    expect(await focused(page)).toMatchObject({ tag: 'BUTTON' });
    await page.keyboard.press('Enter');
    expect(await summary.textContent()).toBe('3 of 3 right. Self-check passed.');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), PROGRESS_STORAGE_KEY);
    expect(Object.keys(stored.passed)).toEqual(['them-or-us']);
  });

  it('reads without JavaScript: questions, options and a disclosure with the answer', async () => {
    const page = await site.page('/lessons/keys-and-files/', { javaScriptEnabled: false });
    const quiz = page.locator('certlab-quiz');
    await expect(quiz.locator('fieldset').count()).resolves.toBe(4);
    await expect(quiz.getByRole('button', { name: 'Check my answers' }).count()).resolves.toBe(0); // hidden
    const answer = quiz.locator('details').first();
    await answer.locator('summary').click();
    expect((await answer.locator('p').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'A DER certificate. Binary that starts with an ASN.1 SEQUENCE (30 82) is DER. A PEM file would start with -----BEGIN. Convert it with openssl x509 -inform DER -in server.cer -out server.pem.',
    );
  });
});

describe('graded exercises (issue 15)', () => {
  const LAB = (name: string) => readFileSync(join(root, 'public/examples/lab', name), 'utf8');

  it('checks a fullchain.pem with the core: hints on request, no answer before an attempt, saved with progress', async () => {
    const page = await site.page('/lessons/keys-and-files/');
    await whenDefined(page, 'certlab-exercise');
    const ex = page.locator('[data-exercise="keys-and-files-fullchain"]');
    const solution = ex.getByRole('button', { name: 'Show a worked answer' });
    // Nothing gives the answer away before a first attempt.
    await expect(solution.isVisible()).resolves.toBe(false);
    await expect(ex.locator('[data-exercise-answer-shown]').textContent()).resolves.toBe('');
    await expect(ex.locator('[data-hint]:visible').count()).resolves.toBe(0);
    await ex.getByRole('button', { name: 'Show a hint' }).click();
    await expect(ex.locator('[data-hint]:visible').count()).resolves.toBe(1);

    // A wrong attempt: intermediate first. The problem is named, the answer is now on offer.
    await ex.getByRole('textbox').fill(LAB('intermediate.pem') + LAB('leaf.pem'));
    await ex.getByRole('button', { name: 'Check' }).click();
    const feedback = ex.locator('[data-exercise-feedback]');
    await page.waitForFunction(() => document.querySelector('[data-exercise-feedback]')?.getAttribute('data-verdict') === 'problems');
    expect(await feedback.locator('li').allTextContents()).toEqual([
      "The order is wrong: the first certificate must be the server's own, and each next one must be the issuer of the one before it.",
    ]);
    await expect(solution.isVisible()).resolves.toBe(true);

    // The right file: solved and saved.
    await ex.getByRole('textbox').fill(LAB('leaf.pem') + LAB('intermediate.pem'));
    await ex.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(() => document.querySelector('[data-exercise-feedback]')?.getAttribute('data-verdict') === 'solved');
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), PROGRESS_STORAGE_KEY);
    expect(Object.keys(stored.exercises)).toEqual(['keys-and-files-fullchain']);
    await solution.click();
    expect(await ex.locator('[data-exercise-answer-shown]').textContent()).toContain('cat leaf.pem intermediate.pem > fullchain.pem');
    await page.context().close();
  });

  it('checks a decoded error with the decoder', async () => {
    const page = await site.page('/lessons/error-decoder/');
    await whenDefined(page, 'certlab-exercise');
    const ex = page.locator('[data-exercise="error-decoder-expired"]');
    await ex.getByRole('textbox', { name: 'OpenSSL verify code' }).fill('20');
    await ex.getByRole('radio', { name: "The server's operator" }).check();
    await ex.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(() => document.querySelector('[data-exercise-feedback]')?.getAttribute('data-verdict') === 'problems');
    expect(await ex.locator('[data-exercise-feedback] li').count()).toBe(1);
    await ex.getByRole('textbox', { name: 'OpenSSL verify code' }).fill('10');
    await ex.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(() => document.querySelector('[data-exercise-feedback]')?.getAttribute('data-verdict') === 'solved');
    await page.context().close();
  });

  /** Waits for one exercise's verdict and returns its problem lines. */
  async function verdict(page: Page, id: string, want: 'solved' | 'problems'): Promise<string[]> {
    await page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-exercise="${id}"] [data-exercise-feedback]`)?.getAttribute('data-verdict') === want,
      [id, want] as const,
    );
    return page.locator(`[data-exercise="${id}"] [data-exercise-feedback] li`).allTextContents();
  }

  it('checks an openssl req command option by option', async () => {
    const page = await site.page('/lessons/making-certificates/');
    await whenDefined(page, 'certlab-exercise');
    const ex = page.locator('[data-exercise="making-certificates-csr"]');
    await ex.getByRole('textbox').fill('openssl req -x509 -newkey rsa:2048 -keyout k.pem -subj /CN=api.example.com -out r.csr');
    await ex.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'making-certificates-csr', 'problems')).toEqual([
      '-x509 makes a self-signed certificate, not a request. A CA signs a CSR: leave -x509 out.',
      '-newkey rsa:2048 does not make an ECDSA (ec) key.',
      'Without -noenc (or the older -nodes) openssl asks for a passphrase and encrypts the key, and the server cannot start unattended.',
      'No -addext "subjectAltName=…": clients check the names in the SAN, never the Common Name alone.',
    ]);
    await ex
      .getByRole('textbox')
      .fill(
        'openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout api.key -subj /CN=api.example.com -addext "subjectAltName=DNS:api.example.com,DNS:www.api.example.com" -out api.csr',
      );
    await ex.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'making-certificates-csr', 'solved')).toEqual([]);
    await page.context().close();
  });

  it("checks each tool's CA setting, and refuses one that turns verification off", async () => {
    const page = await site.page('/lessons/corporate-inspection/');
    await whenDefined(page, 'certlab-exercise');
    const ex = page.locator('[data-exercise="corporate-inspection-tools"]');
    await ex.getByRole('textbox', { name: 'git' }).fill('git config --global http.sslVerify false');
    await ex.getByRole('textbox', { name: 'pip' }).fill('pip config set global.cert ~/corp-root.pem');
    await ex.getByRole('textbox', { name: 'npm' }).fill('npm config set cafile ~/corp-root.pem');
    await ex.getByRole('textbox', { name: 'AWS CLI' }).fill('export AWS_CA_BUNDLE=~/corp-root.pem');
    await ex.getByRole('textbox', { name: 'conda' }).fill('conda config --set ssl_verify ~/corp-root.pem');
    await ex.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'corporate-inspection-tools', 'problems')).toEqual([
      "http.sslVerify false turns certificate checking off: the connection would then trust anyone, not only the proxy. Give git the company's root instead.",
    ]);
    await ex.getByRole('textbox', { name: 'git' }).fill('git config --global http.sslCAInfo ~/corp-root.pem');
    await ex.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'corporate-inspection-tools', 'solved')).toEqual([]);
    await page.context().close();
  });

  it('checks which mTLS check a log shows, and the 200/100/47-day limits', async () => {
    const page = await site.page('/lessons/mtls/');
    await whenDefined(page, 'certlab-exercise');
    const ex = page.locator('[data-exercise="mtls-which-side"]');
    await ex.getByRole('radio', { name: 'The server asked for a client certificate and the client sent none' }).check();
    await ex.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'mtls-which-side', 'problems')).toHaveLength(1);
    await ex.getByRole('radio', { name: 'The server refused the client certificate it got' }).check();
    await ex.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'mtls-which-side', 'solved')).toEqual([]);

    await page.goto(new URL('/lessons/acme-and-renewal/', site.baseUrl).href);
    await whenDefined(page, 'certlab-exercise');
    const days = page.locator('[data-exercise="acme-and-renewal-lifetime"]');
    for (const [day, n] of [
      ['2026-01-20', '398'],
      ['2026-09-01', '200'],
      ['2028-06-30', '100'],
      ['2029-03-15', '100'],
    ])
      await days.getByRole('textbox', { name: `Issued on ${day}: at most how many days?` }).fill(n);
    await days.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'acme-and-renewal-lifetime', 'problems')).toEqual([
      '100 days is not the limit for 2029-03-15: find the step that was in force on that day.',
    ]);
    await days.getByRole('textbox', { name: 'Issued on 2029-03-15: at most how many days?' }).fill('47');
    await days.getByRole('button', { name: 'Check' }).click();
    expect(await verdict(page, 'acme-and-renewal-lifetime', 'solved')).toEqual([]);
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), PROGRESS_STORAGE_KEY);
    expect(Object.keys(stored.exercises).sort()).toEqual(['acme-and-renewal-lifetime', 'mtls-which-side']);
    await page.context().close();
  });

  it('reads without JavaScript as a task with its hints, and no answer', async () => {
    const page = await site.page('/lessons/keys-and-files/', { javaScriptEnabled: false });
    const ex = page.locator('[data-exercise="keys-and-files-fullchain"]');
    await expect(ex.locator('[data-hint]:visible').count()).resolves.toBe(3);
    expect(await ex.innerText()).not.toContain('cat leaf.pem intermediate.pem > fullchain.pem');
    await page.context().close();
  });
});

describe('lessons read without JavaScript', () => {
  it.each(LESSONS.map((l) => l.slug))('%s shows its captured example output and its self-check', async (slug) => {
    const page = await site.page(`/lessons/${slug}/`, { javaScriptEnabled: false });
    await expect(page.getByRole('heading', { level: 2, name: 'What you will be able to do' }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { level: 2, name: 'Check yourself' }).count()).resolves.toBe(1);
    // Every lesson but the summary shows real output, and every code block has its copy button.
    const blocks = await page.locator('.expressive-code').count();
    if (slug !== 'summary') expect(blocks).toBeGreaterThan(0);
    await expect(page.locator('.expressive-code .copy button[data-code]').count()).resolves.toBe(blocks);
    await page.context().close();
  });
});

describe('reader progress (Sidebar override and <CoursePath /> in place)', () => {
  it('is built in: <CoursePath /> on the home page, the Sidebar override on the lessons', () => {
    expect(progressWiring).toEqual({ coursePath: true, sidebar: true });
  });

  it('shows every lesson with its reading time on the home page, computed from the lesson text', async () => {
    const page = await site.page('/');
    const items = page.locator('certlab-course-progress li[data-lesson-slug]');
    const rows = await items.evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute('data-lesson-slug'), li.querySelector('.certlab-minutes')?.textContent?.trim()]),
    );
    expect(rows).toEqual(LESSONS.map((l) => [l.slug, `· ${l.minutes} min read, ${l.practiceMinutes} min practice`]));
    await expect(page.getByRole('heading', { name: /First day: lessons 1–4/ }).count()).resolves.toBe(1);
  });

  it('records a lesson read at its end and a passed self-check, shows both, and resets', async () => {
    const page = await site.page('/lessons/summary/');
    await whenDefined(page, 'certlab-progress-sidebar');
    const sidebarLink = (name: string) => page.locator('nav[aria-label="Main"]').getByRole('link', { name });
    expect(await sidebarLink('Summary and self-check').getAttribute('data-progress')).toBe('new');
    await page.locator('.sl-markdown-content > :last-child').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('a[href="/lessons/summary/"]')?.getAttribute('data-progress') === 'read');
    expect(await sidebarLink('Summary and self-check').locator('.certlab-progress-mark').textContent()).toBe('read');

    await page.goto(new URL('/lessons/reading-a-certificate/', site.baseUrl).href);
    await whenDefined(page, 'certlab-quiz');
    for (const [q, answer] of [3, 1, 0, 2].entries()) await page.check(`input[name="quiz-reading-a-certificate-q${q}"][value="${answer}"]`);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.waitForFunction(() => document.querySelector('a[href="/lessons/reading-a-certificate/"]')?.getAttribute('data-progress') === 'passed');

    await page.goto(new URL('/', site.baseUrl).href);
    await whenDefined(page, 'certlab-course-progress');
    const summary = page.locator('[data-progress-summary]');
    expect(await summary.textContent()).toBe('You have read 2 of 17 lessons and passed 1 of 17 self-checks.');
    expect(await page.locator('li[data-lesson-slug="reading-a-certificate"] [data-lesson-state]').textContent()).toBe('read, self-check passed');
    expect(await page.locator('[data-progress-next]').textContent()).toBe('Continue: The chain of trust');

    // Kept across a reload, then reset (after the confirmation dialog).
    await page.reload();
    await whenDefined(page, 'certlab-course-progress');
    expect(await summary.textContent()).toBe('You have read 2 of 17 lessons and passed 1 of 17 self-checks.');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Reset my progress' }).click();
    expect(await summary.textContent()).toBe('You have read 0 of 17 lessons and passed 0 of 17 self-checks.');
    expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_STORAGE_KEY)).toBeNull();
    await page.goto(new URL('/lessons/summary/', site.baseUrl).href);
    await whenDefined(page, 'certlab-progress-sidebar');
    expect(await sidebarLink('Reading a certificate').getAttribute('data-progress')).toBe('new');
    await expect(page.locator('.certlab-progress-mark').count()).resolves.toBe(0);
  });
});
