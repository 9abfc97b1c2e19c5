/**
 * The web app, built for production and driven in headless Chromium at 1280×720.
 * Screenshots go to test-results/browser/.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  artifactPath,
  builtCsp,
  builtMainScript,
  headlineTexts,
  runExactly,
  runState,
  scrollResultsThrough,
  setField,
  settle,
  text,
  waitForFinal,
} from './helpers/app.ts';
import { expectNoSeriousViolations } from './helpers/axe.ts';
import type { PageWindow, StateView } from './helpers/page-types.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

/** Field ids (apps/web/src/editor/paths.ts: `field-` + path with punctuation as dashes). */
const FIELD = {
  trials: 'field-trials',
  reps: 'field-team-reps',
  quota: 'field-team-quotaPerRepPerQuarter',
  outP90: 'field-segments-1-dealSize-p90',
  scenarioName: 'field-name',
} as const;

browserSuite('web app (production build, Chromium)', (suite) => {
  /** Every page: no request left the origin, no CSP violation, no uncaught error. */
  const open = checkedOpener(suite);

  async function withTrials(page: Page, trials: number): Promise<void> {
    await setField(page, FIELD.trials, String(trials));
    await waitForFinal(page);
  }

  /** A page whose final result of `trials` is on screen: its headline texts and run id. */
  async function openFinal(trials: number) {
    const { page } = await open();
    await withTrials(page, trials);
    return { page, before: await headlineTexts(page), runBefore: (await runState(page)).runId };
  }

  /** Waits until the run's state (as runState reads it) satisfies `ready`, read every 100 ms. */
  async function waitForRun(
    page: Page,
    ready: (s: StateView) => boolean,
    timeout: number,
  ): Promise<void> {
    await expect
      .poll(async () => ready(await runState(page)), { timeout, interval: 100 })
      .toBe(true);
  }

  it('loads the default scenario and shows both strategies’ results', async () => {
    const { page } = await open();
    await expect.poll(() => page.inputValue(`#${FIELD.scenarioName}`)).toBe('SaaS mid-market team');
    await page.locator('[data-testid="results"]').waitFor({ timeout: 30_000 });
    // The first partial comes after a few trials, when the two may still look alike: the
    // sentence is read once the headline is final.
    await waitForFinal(page);
    // The results open on the year, led by the verdict in one sentence.
    expect(await page.locator('#period-year').isChecked()).toBe(true);
    expect(await text(page.getByTestId('verdict-sentence'))).toMatch(
      /^(Focus on the sweet spot|Chase everything) books \$[\d.]+[KM]? more a year than .+ \(\+[\d.]+%, 95% CI .+; more in .+ of simulated years\) — .+\.$/,
    );
    const versus = await text(page.locator('.versus'));
    expect(versus).toContain('Focus on the sweet spot');
    expect(versus).toContain('Chase everything');
    const state = await runState(page);
    // The run stopped when the headline was precise (docs/model.md §17): whole 250-trial batches,
    // fewer than the cap, and the run bar says so.
    expect(state.result?.done).toBe(state.result?.total);
    expect((state.result?.total ?? 1) % 250).toBe(0);
    expect(state.result?.total).toBeLessThan(10_000);
    expect(state.precision?.met).toBe(true);
    expect(await text(page.locator('[data-testid="run-status"]'))).toMatch(
      new RegExp(
        `^Final: ±[\\d.]+% on money and hours, ±[\\d.]+ points on chances \\(${(state.result?.total ?? 0).toLocaleString('en-US')} trials\\)\\.`,
      ),
    );
    for (const side of ['A', 'B']) {
      const value = await text(
        page.locator(`[data-testid="card-bookings"] [data-testid="value-${side}"]`),
      );
      expect(value).toMatch(/^\$[\d.,]+[KM]?$/);
    }
    expect(
      await page.locator('[data-testid="results-freshness"]').getAttribute('data-freshness'),
    ).toBe('final');
    // Every chart draws once scrolled into view (charts are drawn lazily, one per task).
    await scrollResults(page, 'through');
    expect(await page.locator('.plot-host svg').count()).toBeGreaterThanOrEqual(7);
    // Nothing wider than the projector.
    const overflow = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }
      ).document;
      return d.documentElement.scrollWidth;
    });
    expect(overflow).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: artifactPath('01-main.png') });
    for (const [i, top] of [700, 1400, 2100].entries()) {
      await page.locator('.results-pane').evaluate((el, y) => {
        (el as unknown as { scrollTop: number }).scrollTop = y;
      }, top);
      await settle(page);
      await page.waitForTimeout(250);
      await page.screenshot({ path: artifactPath(`02-charts-${i + 1}.png`) });
    }
    await page.locator('label[for="period-year"]').click();
    await settle(page);
    await page.locator('.results-pane').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('03-year.png') });
    expect(await text(page.locator('[data-testid="card-bookings"]'))).toContain('Bookings');
  });

  it('re-runs when a field is edited and shows the new results', async () => {
    const { page, before, runBefore } = await openFinal(2000);
    await setField(page, FIELD.reps, '12');
    await waitForFinal(page);
    const state = await runState(page);
    expect(state.runId).toBeGreaterThan(runBefore);
    expect(state.result?.key).toContain('"reps":12');
    const after = await headlineTexts(page);
    expect(after.bookings).not.toBe(before.bookings);
    expect(after.pHitQuota).not.toBe(before.pHitQuota);
    // Money follows the scenario's currency (Intl), in the editor and the results.
    await setField(page, 'field-currency', 'EUR');
    await waitForFinal(page);
    expect(
      await text(page.locator('[data-testid="card-bookings"] [data-testid="value-A"]')),
    ).toMatch(/^€/);
    expect(await text(page.locator('#field-team-quotaPerRepPerQuarter-hint'))).toContain('€');
  });

  it('shows an invalid value’s message beside it and keeps the last results, marked stale', async () => {
    const { page, before, runBefore } = await openFinal(1000);

    await setField(page, FIELD.outP90, '1000');
    const message = page.locator(`#${FIELD.outP90}-error`);
    await expect
      .poll(() => text(message))
      .toContain('Deal size, P90 must be at least the median ($30,000)');
    expect(await page.getAttribute(`#${FIELD.outP90}`, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(`#${FIELD.outP90}`, 'aria-describedby')).toContain(
      `${FIELD.outP90}-error`,
    );
    await setField(page, FIELD.reps, 'eight');
    await expect
      .poll(() => text(page.locator(`#${FIELD.reps}-error`)))
      .toContain('Reps must be a number');
    await expect.poll(() => text(page.locator('.error-summary'))).toContain('2 problems');
    const freshness = page.locator('[data-testid="results-freshness"]');
    expect(await freshness.getAttribute('data-freshness')).toBe('stale');
    expect(await text(freshness)).toMatch(/stale/i);
    await page.waitForTimeout(800); // longer than the debounce: still no run
    expect((await runState(page)).runId).toBe(runBefore);
    expect(await headlineTexts(page)).toEqual(before);
    await page.screenshot({ path: artifactPath('04-invalid.png') });
    // The error summary links to the field.
    await page
      .locator('.error-summary button', { hasText: 'Segment 2 (Out of profile): Deal size, P90' })
      .click();
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id,
      ),
    ).toBe(FIELD.outP90);

    await setField(page, FIELD.outP90, '90000');
    await setField(page, FIELD.reps, '8');
    await expect.poll(() => page.locator('.error-summary').count()).toBe(0);
    await waitForFinal(page);
    expect(await freshness.getAttribute('data-freshness')).toBe('final');
    expect(await headlineTexts(page)).toEqual(before); // same inputs, same seed: same numbers
  });

  it('twenty rapid edits leave one final result, equal to a fresh load of the same inputs', async () => {
    const first = await open();
    await withTrials(first.page, 1000);
    const runBefore = (await runState(first.page)).runId;
    // Twenty edits 20 ms apart, typed in the page (a slider drag, or fast typing).
    await first.page.evaluate(rapidEdits, {
      id: FIELD.quota,
      values: Array.from({ length: 20 }, (_, i) => String(151_000 + i * 1000)),
    });
    await waitForFinal(first.page);
    const burst = await runState(first.page);
    // The leading edge of the debounce and one trailing run.
    expect(burst.runId - runBefore).toBeLessThanOrEqual(2);
    expect(burst.result?.key).toContain('"quotaPerRepPerQuarter":170000');
    const burstTexts = await headlineTexts(first.page);
    const burstNumbers = await summaryNumbers(first.page);

    const fresh = await open();
    await setField(fresh.page, FIELD.trials, '1000');
    await setField(fresh.page, FIELD.quota, '170000');
    await waitForFinal(fresh.page);
    expect((await runState(fresh.page)).result?.key).toBe(burst.result?.key);
    expect(await headlineTexts(fresh.page)).toEqual(burstTexts);
    expect(await summaryNumbers(fresh.page)).toEqual(burstNumbers);
  });

  it('Stop stops the run and keeps its partial results', async () => {
    const { page } = await open();
    await runExactly(page, 100_000);
    await waitForRun(
      page,
      (s) =>
        s.phase === 'running' &&
        s.result !== undefined &&
        s.result.key === s.runKey &&
        s.result.total === 100_000,
      60_000,
    );
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(async () => (await runState(page)).phase).toBe('stopped');
    const stopped = await runState(page);
    await page.waitForTimeout(1500);
    const later = await runState(page);
    expect(later.progress).toEqual(stopped.progress);
    expect(later.result?.done).toBe(stopped.result?.done);
    expect(later.result?.done).toBeLessThan(100_000);
    expect(await text(page.locator('[data-testid="run-status"]'))).toMatch(/^Stopped after/);
    expect(
      await page.locator('[data-testid="results-freshness"]').getAttribute('data-freshness'),
    ).toBe('stopped');
    expect(await page.getByRole('button', { name: 'Stop' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('05-stopped.png') });
    // Run again finishes the job.
    await setField(page, FIELD.trials, '1000');
    await waitForFinal(page);
  });

  it('shows a crashed worker as an error, and Retry recovers (?failWorker=1)', async () => {
    const { page } = await open('?failWorker=1');
    const error = page.locator('[data-testid="run-error"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await text(error)).toMatch(/worker crashed/i);
    expect(await text(error)).toMatch(/Simulated worker crash/);
    await page.screenshot({ path: artifactPath('06-worker-crash.png') });
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="results"]').waitFor({ timeout: 30_000 });
    expect(await error.count()).toBe(0);
    await setField(page, FIELD.trials, '500');
    await waitForFinal(page);

    // Mid-session (window.__sweetspotTest.failNextRun): results stay, the error shows, Retry works.
    const before = await headlineTexts(page);
    await page.evaluate(() => (globalThis as unknown as PageWindow).__sweetspotTest?.failNextRun());
    await setField(page, FIELD.reps, '9');
    await error.waitFor({ timeout: 30_000 });
    expect(await headlineTexts(page)).toEqual(before);
    await page.getByRole('button', { name: 'Retry' }).click();
    await waitForFinal(page);
    expect((await runState(page)).result?.key).toContain('"reps":9');
  });

  it('stays responsive during a 100,000-trial run', async () => {
    const { page } = await open();
    await waitForFinal(page);
    await runExactly(page, 100_000);
    await waitForRun(
      page,
      (s) => s.phase === 'running' && s.progress?.total === 100_000 && s.result?.total === 100_000,
      60_000,
    );
    // The simulation runs in web workers and the summaries in another one: the page's own thread
    // only merges and draws. (How long its tasks and timers are delayed is measured by
    // `npm run bench:ui`, not here.)
    const scripts = page.workers().map((w) => w.url());
    expect(
      scripts.some((u) => /sim\.worker/.test(u)),
      `simulation worker among ${scripts.join(', ')}`,
    ).toBe(true);
    expect(
      scripts.some((u) => /summary\.worker/.test(u)),
      `summary worker among ${scripts.join(', ')}`,
    ).toBe(true);
    // Progress and partial results keep arriving and being applied while the run goes on.
    const start = await runState(page);
    await waitForRun(
      page,
      (s) =>
        s.phase === 'running' &&
        (s.progress?.done ?? 0) > (start.progress?.done ?? 0) &&
        (s.result?.done ?? 0) > (start.result?.done ?? 0),
      120_000,
    );
    // Input still works mid-run: switching the period is applied while the run is still going.
    await page.locator('label[for="period-1"]').click();
    await expect.poll(() => page.isChecked('#period-1')).toBe(true);
    const after = await runState(page);
    console.log(
      `[responsiveness] 100k-trial run: progress ${start.progress?.done} → ${after.progress?.done}, ` +
        `partial result ${start.result?.done} → ${after.result?.done} trials, period switched mid-run`,
    );
    expect(after.phase).toBe('running');
    expect(after.result?.final).toBe(false);
    expect(after.progress?.done).not.toBe(100_000);
    await page.getByRole('button', { name: 'Stop' }).click();
  });

  it('reaches every editor control with Tab, in order, with a visible focus ring', async () => {
    const { page } = await open();
    await page.locator('[data-testid="results"]').waitFor({ timeout: 30_000 });
    const expected = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }
      ).document;
      const all = Array.from(
        d.querySelectorAll('.editor input, .editor select, .editor button, .editor summary'),
      ) as Array<{
        disabled?: boolean;
        offsetParent: unknown;
        setAttribute(n: string, v: string): void;
      }>;
      const focusable = all.filter((el) => !el.disabled && el.offsetParent !== null);
      focusable.forEach((el, i) => {
        el.setAttribute('data-kbd', String(i));
      });
      return focusable.length;
    });
    expect(expected).toBeGreaterThan(50);
    await page.locator('[data-kbd="0"]').focus();
    const seen: number[] = [];
    const unfocusedRing: string[] = [];
    for (let i = 0; i < expected; i++) {
      if (i > 0) await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: unknown } }).document
          .activeElement as {
          getAttribute(n: string): string | null;
          id: string;
          matches(s: string): boolean;
        } | null;
        if (!el) return { index: -1, id: '', ring: false };
        const style = (
          globalThis as unknown as {
            getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string };
          }
        ).getComputedStyle(el);
        return {
          index: Number(el.getAttribute('data-kbd') ?? -1),
          id: el.id,
          ring:
            el.matches(':focus-visible') &&
            style.outlineStyle !== 'none' &&
            Number.parseFloat(style.outlineWidth) >= 2,
        };
      });
      seen.push(info.index);
      if (!info.ring) unfocusedRing.push(info.id || `#${info.index}`);
      if (i === 20) await page.screenshot({ path: artifactPath('07-keyboard-focus.png') });
    }
    expect(seen).toEqual(Array.from({ length: expected }, (_, i) => i));
    expect(unfocusedRing).toEqual([]);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const { page } = await open();
    await waitForFinal(page);
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page }).analyze();
      expectNoSeriousViolations(results, label, `axe ${label}`);
    };
    await check('results');
    await setField(page, FIELD.outP90, '1');
    await page.locator('#push-toggle-1').check();
    await settle(page);
    await check('invalid field + quarter-end push');
  });

  it('declares a CSP without unsafe-eval, and a tour of the app breaks none of it', async () => {
    const csp = builtCsp();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    // A production build (React's development bundle would be far slower).
    expect(builtMainScript()).not.toContain('React DevTools');
    const app = await open();
    const { page } = app;
    await page.locator('[data-testid="results"]').waitFor({ timeout: 30_000 });
    // Touch every screen: periods, tooltips, presets, add/remove rows, download.
    await page.locator('label[for="period-year"]').click();
    // Charts draw when they scroll into view.
    await page.locator('.plot-host').first().scrollIntoViewIfNeeded();
    await page
      .locator('.plot-host svg')
      .first()
      .hover({ position: { x: 200, y: 120 } });
    await page.locator('.editor select').first().selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Load preset' }).click();
    await page.getByRole('button', { name: 'Add segment' }).click();
    await page.getByRole('button', { name: 'Add strategy' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    expect((await download).suggestedFilename()).toBe('chasing-the-big-ones.json');
    await waitForFinal(page);
    expect(app.cspViolations).toEqual([]);
    expect(app.externalRequests).toEqual([]);
  });
});

/** In the page: sets an input's value and fires `input`, like typing, every 20 ms. */
async function rapidEdits({ id, values }: { id: string; values: string[] }): Promise<void> {
  interface InputLike {
    dispatchEvent(event: unknown): boolean;
  }
  const w = globalThis as unknown as {
    document: { getElementById(id: string): InputLike | null };
    HTMLInputElement: { prototype: object };
    Event: new (type: string, init: { bubbles: boolean }) => unknown;
  };
  const input = w.document.getElementById(id);
  const setter = Object.getOwnPropertyDescriptor(w.HTMLInputElement.prototype, 'value')?.set;
  if (!input || !setter) throw new Error(`no input #${id}`);
  for (const value of values) {
    setter.call(input, value);
    input.dispatchEvent(new w.Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Scrolls the results pane to the top, or through all of it in steps (letting charts draw). */
async function scrollResults(page: Page, how: 'top' | 'through'): Promise<void> {
  const pane = page.locator('.results-pane');
  if (how === 'through') await scrollResultsThrough(page);
  await pane.evaluate((el) => {
    (el as unknown as { scrollTop: number }).scrollTop = 0;
  });
  await settle(page);
  await page.waitForTimeout(200);
}

/** Exact figures of the displayed summary (not rounded text). */
async function summaryNumbers(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state();
    const summary = s?.result?.summary;
    if (!summary) return undefined;
    return {
      quarters: Object.fromEntries(
        Object.entries(summary.strategies).map(([id, st]) => [
          id,
          st.quarters.map((q) => [q.bookings.p50, q.bookings.mean, q.pHitQuota]),
        ]),
      ),
      horizon: summary.comparison.horizon.bookings,
    };
  });
}
