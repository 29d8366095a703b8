/**
 * What every browser test needs: the URL of the built site (started by global-setup.ts)
 * and a real Chromium driven by playwright-core.
 *
 *   const site = await openSite();          // in beforeAll
 *   const page = await site.page('/lessons/chain-of-trust/');
 *   await site.close();                     // in afterAll
 */
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from './chromium.ts';

export interface Site {
  baseUrl: string;
  browser: Browser;
  /** A fresh context (no shared storage) and page, navigated to `path` and loaded. */
  page(path: string, options?: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

export async function openSite(): Promise<Site> {
  const baseUrl = inject('baseUrl');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    browser,
    async page(path, options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 900 },
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => {})));
      await browser.close();
    },
  };
}

/** Waits until a custom element is defined (its module ran), so typed input is not lost. */
export async function whenDefined(page: Page, tag: string): Promise<void> {
  await page.waitForFunction((t) => customElements.get(t) !== undefined, tag);
}
