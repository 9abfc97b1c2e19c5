/**
 * The checks every browser test makes of every page it opened, once the test is over: the page
 * is closed, and it sent no request to another origin, broke no Content-Security-Policy rule and
 * threw no uncaught error. Node-side (Playwright records the events); no DOM here.
 */
import { afterEach, expect } from 'vitest';

/** What a test page recorded (tests/browser/helpers/app.ts `AppPage` has these fields). */
export interface CheckedPage {
  externalRequests: string[];
  cspViolations: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export interface PageChecks {
  /** Whether requests to other origins fail the test (true by default). */
  sameOriginOnly?: boolean;
}

/** Closes every page in `opened` and checks what it recorded; empties `opened`. */
export async function closeAndCheckPages(
  opened: CheckedPage[],
  { sameOriginOnly = true }: PageChecks = {},
): Promise<void> {
  for (const app of opened.splice(0)) {
    await app.close();
    if (sameOriginOnly) {
      expect(app.externalRequests, 'requests to other origins').toEqual([]);
    }
    expect(app.cspViolations, 'Content-Security-Policy violations').toEqual([]);
    expect(app.pageErrors, 'uncaught page errors').toEqual([]);
  }
}

/** After each test of the enclosing suite: `closeAndCheckPages(opened, checks)`. */
export function checkPagesAfterEach(opened: CheckedPage[], checks: PageChecks = {}): void {
  afterEach(() => closeAndCheckPages(opened, checks));
}
