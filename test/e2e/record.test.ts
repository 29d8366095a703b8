/**
 * Issue 15 item 6 in real Chromium: a learner solves a graded exercise, opens "Your record",
 * and downloads it. The downloaded Markdown and JSON are exactly what the core makes of the
 * progress the page stored (src/core/course/record.ts), the lines for the solved exercise are
 * checked word for word, and printing hides the site's chrome but not the record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSite, whenDefined, type Site } from './harness.ts';
import { PROGRESS_STORAGE_KEY, parseProgress } from '../../src/core/course/progress.ts';
import { buildRecord, recordToJson, recordToMarkdown, type CourseLesson } from '../../src/core/course/record.ts';

const root = resolve(import.meta.dirname, '../..');
const NOW = Date.UTC(2026, 11, 3, 10, 0, 0);

/** The course as the record page lists it: lessons in sidebar order, each with its exercises. */
const COURSE: CourseLesson[] = readdirSync(join(root, 'content/lessons'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const source = readFileSync(join(root, 'content/lessons', f), 'utf8');
    return {
      order: Number(/^\s+order:\s*([\d.]+)/m.exec(source)?.[1] ?? 99),
      lesson: {
        slug: f.replace(/\.mdx$/, ''),
        title: /^title:\s*(.+)$/m.exec(source)![1].trim(),
        exercises: [...source.matchAll(/^<Exercise\b([\s\S]*?)^>[ \t]*$/gm)].map((m) => ({
          id: /\bid="([^"]+)"/.exec(m[1])![1],
          title: /\btitle="([^"]+)"/.exec(m[1])![1],
        })),
      },
    };
  })
  .sort((a, b) => a.order - b.order)
  .map((x) => x.lesson);

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe('your record (issue 15 item 6)', () => {
  it('shows a solved exercise and downloads the record as Markdown and JSON, exactly', { timeout: 60_000 }, async () => {
    const page = await site.page('/lessons/cross-signing/');
    await page.clock.setFixedTime(NOW);
    await page.reload({ waitUntil: 'load' });
    await whenDefined(page, 'certlab-exercise');
    const ex = page.locator('[data-exercise="cross-signing-who-fails"]');
    const answers = { 'openssl-102-debian11': 'fails', 'openssl-3-old-certifi': 'fails', 'openssl-3-debian11': 'works', 'android-7': 'works' };
    for (const [client, answer] of Object.entries(answers)) await ex.locator(`fieldset[data-client="${client}"] input[value="${answer}"]`).check();
    await ex.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-exercise="cross-signing-who-fails"] [data-exercise-feedback]')?.getAttribute('data-verdict') === 'solved',
    );

    await page.goto(new URL('/record/', site.baseUrl).href, { waitUntil: 'load' });
    await whenDefined(page, 'certlab-course-record');
    const stored = parseProgress(await page.evaluate((k) => localStorage.getItem(k), PROGRESS_STORAGE_KEY));
    expect(stored.exercises).toEqual({ 'cross-signing-who-fails': NOW });
    const expected = buildRecord(stored, {}, COURSE, NOW);

    const row = page.locator('[data-record-lesson="cross-signing"]');
    expect(await row.locator('td').last().textContent()).toBe('Who still connects on 1 October 2021?: solved 2026-12-03');

    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as Markdown' }).click()]);
    expect(md.suggestedFilename()).toBe('certlab-record.md');
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toBe(recordToMarkdown(expected));
    const lines = markdown.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '# certlab course record',
      '',
      "Exported 2026-12-03 (UTC) from this browser's progress.",
      '',
      `- Lessons read: ${Object.keys(stored.read).length} of ${COURSE.length}`,
      `- Self-checks passed: 0 of ${COURSE.length}`,
      `- Exercises solved: 1 of ${COURSE.flatMap((l) => l.exercises).length}`,
    ]);
    expect(lines).toContain('   - Exercise "Who still connects on 1 October 2021?": solved 2026-12-03');

    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('certlab-record.json');
    expect(readFileSync((await json.path())!, 'utf8')).toBe(recordToJson(expected));

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.header').isVisible()).toBe(false);
    expect(await page.locator('nav.sidebar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download as JSON' }).isVisible()).toBe(false);
    expect(await row.isVisible()).toBe(true);
  });
});
