/**
 * One browser suite per test file: builds the app if needed, serves it, launches Chromium, and
 * tears both down. Without Chromium: a loud warning and a skip, except under CI, where a missing
 * browser fails.
 */
import { checkPagesAfterEach, type PageChecks } from '@sweetspot/testing/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type AppPage,
  ensureBuilt,
  findChromium,
  launchChromium,
  NO_CHROMIUM_MESSAGE,
  openApp,
  type PreviewServer,
  startPreview,
} from './app.ts';

export interface Suite {
  /** Opens the app in a fresh 1280×720 context; closed and checked after the test. */
  open(query?: string): Promise<AppPage>;
  readonly browser: Browser;
  readonly url: string;
}

export function browserSuite(name: string, body: (suite: Suite) => void): void {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    if (process.env.CI) {
      describe(name, () => {
        it('has a Chromium to run in', () => {
          throw new Error(`${NO_CHROMIUM_MESSAGE} CI is set, so a missing browser is a failure.`);
        });
      });
      return;
    }
    const line = '!'.repeat(78);
    console.warn(`\n${line}\n!! BROWSER TESTS SKIPPED: ${NO_CHROMIUM_MESSAGE}\n${line}\n`);
    describe.skip(name, () => body(undefined as unknown as Suite));
    return;
  }
  let browser: Browser | undefined;
  let server: PreviewServer | undefined;
  const suite: Suite = {
    open: async (query = '') => {
      if (!browser || !server) throw new Error('browser suite not started');
      return openApp(browser, server.url, query);
    },
    get browser() {
      if (!browser) throw new Error('browser suite not started');
      return browser;
    },
    get url() {
      if (!server) throw new Error('browser suite not started');
      return server.url;
    },
  };
  describe(name, () => {
    beforeAll(async () => {
      ensureBuilt();
      server = await startPreview();
      browser = await launchChromium(chromiumPath);
    }, 300_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });
    body(suite);
  });
}

/**
 * An `open` for one suite's tests that records every page it opens and, after each test, closes
 * and checks them: no request to another origin (unless `checks` allows it), no CSP violation,
 * no uncaught error.
 */
export function checkedOpener(
  suite: Suite,
  checks: PageChecks = {},
): (query?: string) => Promise<AppPage> {
  const opened: AppPage[] = [];
  checkPagesAfterEach(opened, checks);
  return async (query = '') => {
    const app = await suite.open(query);
    opened.push(app);
    return app;
  };
}
