/**
 * The decision panels (issue 7) in the production build, in headless Chromium at 1280×720: the
 * "Why" waterfall, the tornado, break-even, the frontier, "How sure", cancelling, accessibility
 * and the CSP. Small trial counts keep it quick. Screenshots: test-results/browser/decision-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { artifactPath, setField, settle, text, waitForFinal } from './helpers/app.ts';
import { expectNoSeriousViolations } from './helpers/axe.ts';
import type { PageWindow } from './helpers/page-types.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

browserSuite('decision panels (production build, Chromium)', (suite) => {
  /** Every page: no request left the origin, no CSP violation, no uncaught error. */
  const open = checkedOpener(suite);

  /** The app with a quick main run (2,000 trials) done. */
  async function ready(): Promise<Page> {
    const { page } = await open();
    await setField(page, 'field-trials', '2000');
    await waitForFinal(page);
    return page;
  }

  /**
   * Scrolls the results pane (not the page) so that `locator` is near its top, moves the mouse out
   * of the way (no tooltip), and lets the charts draw.
   */
  async function showAtTop(page: Page, locator: Locator): Promise<void> {
    await page.mouse.move(5, 700);
    await locator.evaluate((el) => {
      interface Box {
        getBoundingClientRect(): { top: number };
        closest(selector: string): (Box & { scrollTop: number }) | null;
      }
      const box = el as unknown as Box;
      const pane = box.closest('.results-pane');
      if (!pane) return;
      // Clicks may have scrolled the page itself a little: back to the top.
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0);
      // Below the sticky run bar.
      pane.scrollTop += box.getBoundingClientRect().top - pane.getBoundingClientRect().top - 64;
    });
    await settle(page);
    await page.waitForTimeout(400);
    await settle(page);
  }

  /** The tornado section, scrolled to the top of the results pane. */
  async function tornadoAtTop(page: Page): Promise<Locator> {
    const tornado = page.locator('[data-testid="tornado"]');
    await showAtTop(page, tornado);
    return tornado;
  }

  async function numbers(locator: Locator, attribute: string): Promise<number[]> {
    const values = await locator.evaluateAll(
      (els, name) =>
        els.map((el) => (el as unknown as { getAttribute(n: string): string }).getAttribute(name)),
      attribute,
    );
    return values.map(Number);
  }

  const status = (section: Locator) => section.locator('[data-testid="status"]');
  const phase = (section: Locator) => section.locator('.decision-run').getAttribute('data-status');

  it('Why: the waterfall’s bars add up to the displayed total, for bookings and margin, a quarter and the year', async () => {
    const page = await ready();
    const why = page.locator('[data-testid="why-panel"]');
    await why.waitFor();
    const check = async (label: string) => {
      await settle(page);
      const total = Number(
        await why.locator('[data-testid="why-total"]').getAttribute('data-value'),
      );
      const parts = await numbers(why.locator('[data-testid="why-row"]'), 'data-value');
      const tableTotal = await numbers(why.locator('[data-testid="why-row-total"]'), 'data-value');
      expect(parts.length, label).toBeGreaterThanOrEqual(6);
      expect(Number.isFinite(total), label).toBe(true);
      const sum = parts.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - total), `${label}: Σ parts ${sum} vs total ${total}`).toBeLessThan(
        1e-6 * Math.max(1, Math.abs(total)),
      );
      expect(tableTotal).toEqual([total]);
      // One bar per part plus the total bar, drawn.
      await expect
        .poll(() => why.locator('svg g[aria-label="bar"] rect').count(), { timeout: 10_000 })
        .toBe(parts.length + 1);
      // The displayed total is the currency-formatted value.
      expect(await text(why.locator('[data-testid="why-total"]'))).toMatch(/^[+-−]?\$|^\$0$/);
      return { total, parts };
    };
    // The results open on the year; this check starts with Q1.
    await page.locator('label[for="period-0"]').click();
    await showAtTop(page, page.locator('#chart-why-title'));
    const q1 = await check('Q1 bookings');
    expect(await text(why)).toContain('add up exactly to the total');
    await page.screenshot({ path: artifactPath('decision-why.png') });
    // Against the summary: the waterfall total is the mean A − B per trial (to whole units).
    const meanDiff = await page.evaluate(() => {
      const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state() as unknown as {
        result?: {
          summary: { comparison: { quarters: Array<{ bookings: { meanDiff: number } }> } };
        };
      };
      return s.result?.summary.comparison.quarters[0]?.bookings.meanDiff ?? Number.NaN;
    });
    if (q1.parts.some((p) => p !== 0)) {
      expect(Math.abs(q1.total - meanDiff)).toBeLessThanOrEqual(q1.parts.length);
    } else {
      console.warn(
        `[decision] the summary's waterfall is all zeros (mean A − B ${meanDiff}): the engine does not record it yet`,
      );
    }
    await page.locator('label[for="why-metric-margin"]').click();
    const margin = await check('Q1 margin');
    expect(margin.parts.length).toBe(q1.parts.length + 1); // + cost to serve
    await page.locator('label[for="period-year"]').click();
    await check('year margin');
    await page.locator('label[for="why-metric-bookings"]').click();
    await check('year bookings');
    // The explanations and the table are there for every part.
    await why.locator('summary', { hasText: 'What each bar means' }).click();
    expect(await why.locator('.why-mechanisms dt').count()).toBe(q1.parts.length);
    await why.locator('summary', { hasText: 'Show as a table' }).click();
    await showAtTop(page, page.locator('#chart-why-title'));
    await page.screenshot({ path: artifactPath('decision-why-year.png') });
    // The headline cards show a 95% interval on every figure: for the year, means of quarters
    // get one; for a quarter, every median gets the mean with its interval.
    for (const card of ['pHitQuota', 'repsAtQuota', 'hoursWasted']) {
      expect(await text(page.locator(`[data-testid="card-${card}"] .card-basis`))).toContain(
        '95% CI',
      );
    }
    await page.locator('label[for="period-0"]').click();
    await showAtTop(page, page.locator('[data-testid="card-bookings"]'));
    for (const card of ['bookings', 'margin', 'hoursWasted']) {
      const c = page.locator(`[data-testid="card-${card}"]`);
      expect(await text(c.locator('[data-testid="mean-A"]'))).toMatch(/^mean .+ ± .+ \(95%\)$/);
      expect(await text(c.locator('[data-testid="diff-mean"]'))).toMatch(/± .*\(95% CI\)$/);
    }
    expect(await text(page.locator('[data-testid="card-pHitQuota"] [data-testid="diff"]'))).toMatch(
      /95% CI/,
    );
    await page.screenshot({ path: artifactPath('decision-cards.png') });
  });

  it('says what differs between A and B, and splits the gap when two rules differ', async () => {
    const page = await ready();
    // The default preset: one rule differs; it is the whole gap.
    expect(await text(page.getByTestId('verdict-difference'))).toMatch(
      /differ only in which deals are pursued/,
    );
    expect(await page.getByTestId('verdict-attribution').count()).toBe(0);
    const why = page.locator('[data-testid="why-panel"]');
    expect(await why.getByTestId('why-attribution-row').count()).toBe(1);
    // Two rules differ: the headline clause and one row per rule, adding up to the gap.
    await page.locator('.editor select').first().selectOption({ label: 'Chasing the big ones' });
    await page.getByRole('button', { name: 'Load preset' }).click();
    await setField(page, 'field-trials', '2000');
    await waitForFinal(page);
    await page.locator('label[for="period-year"]').click();
    // The period switch re-renders asynchronously: poll until the clause names the year.
    await expect
      .poll(() => text(page.getByTestId('verdict-attribution')), { timeout: 10_000 })
      .toMatch(
        /^Bookings, Year: of \+\$[\d.]+M, \+\$[\d.]+M comes from the order deals are worked in and \+\$[\d.]+K from which deals are pursued\./,
      );
    const rows = why.getByTestId('why-attribution-row');
    expect(await rows.count()).toBe(2);
    const shares = (await rows.evaluateAll((els) =>
      els.map((e) => Number((e as unknown as { dataset: { value: string } }).dataset.value)),
    )) as number[];
    const total = Number(await why.getByTestId('why-total').getAttribute('data-value'));
    // Both exact splits of the same gap, each rounded to whole units per trial and quarter.
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(18);
    await showAtTop(page, page.locator('#chart-why-title'));
    await page.screenshot({ path: artifactPath('decision-why-attribution.png') });
    // The printable report says both: what differs, and the split, as the results do.
    const clause = await text(page.getByTestId('verdict-attribution'));
    await page.getByTestId('open-report').click();
    await page.getByTestId('report').waitFor();
    expect(await text(page.getByTestId('report-difference'))).toMatch(
      /differ in which deals are pursued .* and the order deals are worked in/,
    );
    // (The results add a pointer to the Why panel, which the report does not have.)
    expect(clause.startsWith(await text(page.getByTestId('report-split')))).toBe(true);
    expect(await text(page.getByTestId('report-split'))).toMatch(/^Bookings, Year: of \+\$/);
    await page.getByTestId('report-close').click();
  });

  it('Sensitivity: the tornado draws bars as runs finish and ends ranked; the main thread stays free', async () => {
    const page = await ready();
    const tornado = await tornadoAtTop(page);
    await page.fill('#tornado-trials', '200');
    expect(await text(tornado.locator('.decision-note'))).toMatch(
      /\d+ inputs, \d+ runs of 200 trials/,
    );
    // Every status the page renders while the tornado runs, as a MutationObserver sees it:
    // several "k of N runs" committed before "Done." mean the page rendered between runs, so the
    // main thread was not held for the whole tornado. (How long its tasks are is measured by
    // `npm run bench:ui`.)
    await tornado.evaluate((el) => {
      interface Node {
        querySelector(selector: string): { textContent: string | null } | null;
      }
      const section = el as unknown as Node;
      const w = globalThis as unknown as {
        __tornadoStatuses: string[];
        MutationObserver: new (
          callback: () => void,
        ) => { observe(target: unknown, options: Record<string, boolean>): void };
      };
      w.__tornadoStatuses = [];
      new w.MutationObserver(() => {
        const status = section.querySelector('[data-testid="status"]')?.textContent ?? '';
        const seen = w.__tornadoStatuses;
        if (seen.at(-1) !== status) seen.push(status);
      }).observe(section, { childList: true, subtree: true, characterData: true });
    });
    await tornado.locator('[data-testid="run"]').click();
    // Progressive: bars appear while runs are still going.
    await tornado.locator('[data-testid="tornado-result"]').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => tornado.locator('svg g[aria-label="bar"] rect').count())
      .toBeGreaterThan(0);
    if ((await phase(tornado)) === 'running') {
      expect(await text(status(tornado))).toMatch(/of \d+ runs/);
      await page.screenshot({ path: artifactPath('decision-tornado-running.png') });
    }
    await expect.poll(() => text(status(tornado)), { timeout: 180_000 }).toBe('Done.');
    const statuses = await page.evaluate(
      () => (globalThis as unknown as { __tornadoStatuses: string[] }).__tornadoStatuses,
    );
    const during = new Set(
      statuses.map((s) => /(\d+) of (\d+) runs/.exec(s)?.[1]).filter((k) => k !== undefined),
    );
    console.log(
      `[decision] tornado of 200-trial runs: ${during.size} distinct progress states committed before "Done."`,
    );
    expect(during.size, statuses.join(' | ')).toBeGreaterThanOrEqual(3);
    const swings = await numbers(tornado.locator('[data-testid="tornado-row"]'), 'data-swing');
    expect(swings.length).toBeGreaterThanOrEqual(15);
    for (let i = 1; i < swings.length; i++)
      expect(swings[i - 1] as number).toBeGreaterThanOrEqual(swings[i] as number);
    expect(swings[0]).toBeGreaterThan(0);
    // Bars in plain words, ranked in the chart (top 12 shown).
    const labels = await tornado.locator('[data-testid="tornado-row"] th').allTextContents();
    expect(labels.every((l) => l.includes(' · '))).toBe(true);
    expect(await tornado.locator('svg g[aria-label="bar"] rect').count()).toBeGreaterThanOrEqual(
      20,
    );
    expect(await text(tornado)).toContain('Baseline');
    await showAtTop(page, tornado);
    await page.screenshot({ path: artifactPath('decision-tornado.png') });
    await page.getByRole('button', { name: /Show all \d+ inputs/ }).click();
    await settle(page);
  });

  it('Sensitivity with the trials chosen by precision (the default): bars arrive one by one, each final', async () => {
    const page = await ready();
    const tornado = await tornadoAtTop(page);
    expect(await page.inputValue('#tornado-trials')).toBe('auto');
    expect(await text(tornado.locator('.decision-note'))).toMatch(
      /\d+ inputs, \d+ runs of as many trials as that precision needs/,
    );
    // Bars drawn and status, with the page's clock, from the click to "Done.".
    await tornado.evaluate((el) => {
      interface Node {
        querySelector(selector: string): { textContent: string | null } | null;
        querySelectorAll(selector: string): { length: number };
      }
      const section = el as unknown as Node;
      const w = globalThis as unknown as {
        __tornadoSeen: Array<{ t: number; rows: number; status: string }>;
        __tornadoStart: number;
        MutationObserver: new (
          callback: () => void,
        ) => { observe(target: unknown, options: Record<string, boolean>): void };
      };
      w.__tornadoSeen = [];
      w.__tornadoStart = performance.now();
      new w.MutationObserver(() => {
        const rows = section.querySelectorAll('[data-testid="tornado-row"]').length;
        const status = section.querySelector('[data-testid="status"]')?.textContent ?? '';
        const last = w.__tornadoSeen.at(-1);
        if (last?.rows !== rows || last?.status !== status)
          w.__tornadoSeen.push({ t: performance.now() - w.__tornadoStart, rows, status });
      }).observe(section, { childList: true, subtree: true, characterData: true });
    });
    await tornado.locator('[data-testid="run"]').click();
    await expect.poll(() => text(status(tornado)), { timeout: 180_000 }).toBe('Done.');
    const seen = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            __tornadoSeen: Array<{ t: number; rows: number; status: string }>;
          }
        ).__tornadoSeen,
    );
    const rows = await tornado.locator('[data-testid="tornado-row"]').count();
    expect(rows).toBeGreaterThanOrEqual(15);
    // Some bars were on screen while the tornado was still running, fewer than at the end.
    const partial = seen.filter((s) => s.rows > 0 && s.rows < rows && s.status !== 'Done.');
    expect(partial.length, JSON.stringify(seen)).toBeGreaterThan(0);
    const firstBar = seen.find((s) => s.rows > 0)?.t ?? Number.NaN;
    const done = seen.find((s) => s.status === 'Done.')?.t ?? Number.NaN;
    console.log(
      `[decision] tornado by precision: first bar after ${(firstBar / 1000).toFixed(2)} s, done after ${(done / 1000).toFixed(2)} s (measured, not asserted)`,
    );
    expect(await text(tornado.locator('.decision-summary'))).toMatch(
      /[\d,]+ trials per run \(chosen by precision\)\./,
    );
    const swings = await numbers(tornado.locator('[data-testid="tornado-row"]'), 'data-swing');
    for (let i = 1; i < swings.length; i++)
      expect(swings[i - 1] as number).toBeGreaterThanOrEqual(swings[i] as number);
  });

  it('Break-even shows the crossing with its interval, or the no-crossing message, and the points tried', async () => {
    const page = await ready();
    const be = page.locator('[data-testid="breakeven"]');
    await showAtTop(page, be);
    await page.selectOption('#breakeven-param', 'segments[1].winRate');
    await page.fill('#breakeven-trials', '300');
    await be.locator('[data-testid="run"]').click();
    const message = be.locator('[data-testid="breakeven-message"]');
    await message.waitFor({ timeout: 120_000 });
    const first = await text(message);
    expect(first).toMatch(
      /break even on mean bookings at .+ = [\d.]+% \(95%: [\d.]+% to [\d.]+%\)|No crossing in \[/,
    );
    expect(await be.locator('svg g[aria-label="dot"] circle').count()).toBeGreaterThanOrEqual(5);
    await showAtTop(page, be);
    await page.screenshot({ path: artifactPath('decision-breakeven.png') });

    // Against chasing the biggest deals first (the preset "Chasing the big ones"), out-of-profile
    // cost to serve never flips the margin comparison: focus is far ahead either way.
    await page.locator('.editor select').first().selectOption({ label: 'Chasing the big ones' });
    await page.getByRole('button', { name: 'Load preset' }).click();
    await setField(page, 'field-trials', '2000');
    await waitForFinal(page);
    await showAtTop(page, be);
    await page.selectOption('#breakeven-param', 'segments[1].costToServe');
    await page.selectOption('#breakeven-metric', 'margin');
    await be.locator('[data-testid="run"]').click();
    await expect
      .poll(() => message.getAttribute('data-crossing'), { timeout: 120_000 })
      .toBe('false');
    expect(await text(message)).toMatch(
      /^No crossing in \[0%, 100%\]: A \(Focus on the sweet spot\) always (wins|loses) on mean gross margin/,
    );
    await showAtTop(page, be);
    await page.screenshot({ path: artifactPath('decision-breakeven-none.png') });
  });

  it('Cancel stops an analysis, and a scenario edit cancels it too', async () => {
    const page = await ready();
    const tornado = await tornadoAtTop(page);
    await page.fill('#tornado-trials', '5000');
    await tornado.locator('[data-testid="run"]').click();
    await expect
      .poll(() => text(status(tornado)), { timeout: 60_000 })
      .toMatch(/^[1-9]\d* of \d+ runs/);
    await tornado.locator('[data-testid="cancel"]').click();
    await expect.poll(() => phase(tornado)).toBe('cancelled');
    expect(await text(status(tornado))).toMatch(/^Cancelled\./);
    const after = await text(tornado);
    await page.waitForTimeout(1500);
    expect(await text(tornado)).toBe(after); // nothing more arrives
    expect(await tornado.locator('progress').count()).toBe(0);
    expect(await tornado.locator('[data-testid="run"]').isEnabled()).toBe(true);
    await page.screenshot({ path: artifactPath('decision-cancelled.png') });

    // Editing the scenario cancels the analysis and marks what it showed as stale.
    await tornado.locator('[data-testid="run"]').click();
    await expect.poll(() => phase(tornado)).toBe('running');
    await setField(page, 'field-team-reps', '9');
    await expect
      .poll(() => text(status(tornado)), { timeout: 10_000 })
      .toMatch(/^Cancelled: the scenario changed\./);
    await waitForFinal(page);

    // Frontier and How sure cancel the same way.
    await page.getByRole('tab', { name: 'Frontier' }).click();
    const frontier = page.locator('[data-testid="frontier"]');
    await page.fill('#frontier-trials', '20000');
    await frontier.locator('[data-testid="run"]').click();
    await expect.poll(() => phase(frontier)).toBe('running');
    await frontier.locator('[data-testid="cancel"]').click();
    await expect.poll(() => phase(frontier)).toBe('cancelled');
  });

  it('Frontier and How sure run, mark the best points and show what precision was reached', async () => {
    const page = await ready();
    await page.getByRole('tab', { name: 'Frontier' }).click();
    const frontier = page.locator('[data-testid="frontier"]');
    await page.fill('#frontier-trials', '300');
    await frontier.locator('[data-testid="run"]').click();
    await frontier.locator('[data-testid="frontier-result"]').waitFor({ timeout: 120_000 });
    await showAtTop(page, frontier);
    await expect.poll(() => frontier.locator('.frontier-chart svg').count()).toBe(3);
    expect(await text(frontier.locator('[data-testid="frontier-best-bookings"]'))).toMatch(
      /bookings at \d+%/,
    );
    expect(await frontier.locator('.frontier-chart svg text', { hasText: 'Best:' }).count()).toBe(
      3,
    );
    await page.screenshot({ path: artifactPath('decision-frontier.png') });

    await page.getByRole('tab', { name: 'How sure' }).click();
    const precision = page.locator('[data-testid="precision"]');
    // It starts from the main run's own convergence (a precision-stopped run, docs/model.md §17).
    expect(await text(precision.getByTestId('precision-main'))).toMatch(
      /^The main run: final: ±[\d.]+% on money and hours, ±[\d.]+ points on chances \([\d,]+ trials\)\./,
    );
    await page.selectOption('#precision-metric', 'bookings');
    await page.selectOption('#precision-target', '0.0025');
    await page.selectOption('#precision-cap', '10000');
    await precision.locator('[data-testid="run"]').click();
    const message = precision.locator('[data-testid="precision-message"]');
    await expect.poll(() => text(message), { timeout: 180_000 }).toMatch(/^(Reached|Not reached)/);
    expect(await text(message)).toMatch(/after [\d,]+ trials/);
    expect(
      await precision.locator('svg g[aria-label="dot"] circle').count(),
    ).toBeGreaterThanOrEqual(1);
    await showAtTop(page, precision);
    await page.screenshot({ path: artifactPath('decision-precision.png') });
  });

  it('is keyboard-operable and has no serious or critical axe violations', async () => {
    const page = await ready();
    const tornado = page.locator('[data-testid="tornado"]');
    await page.fill('#tornado-trials', '100');
    await tornado.locator('[data-testid="run"]').click();
    await expect.poll(() => text(status(tornado)), { timeout: 180_000 }).toBe('Done.');
    await page.locator('[data-testid="why-panel"] summary').first().click();
    // Tabs: arrow keys move between them.
    await page.getByRole('tab', { name: 'Sensitivity' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Frontier' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await page.locator('#decision-panel-frontier').isVisible()).toBe(true);
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'How sure' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.keyboard.press('Home');
    await settle(page);
    const results = await new AxeBuilder({ page })
      .include('[data-testid="decision"]')
      .include('[data-testid="why-panel"]')
      .include('.cards')
      .analyze();
    expectNoSeriousViolations(results);
  });
});
