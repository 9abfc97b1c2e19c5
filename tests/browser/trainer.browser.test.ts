/**
 * Trainer mode in the production build, at 1280×720: lessons as a keyboard-driven presentation,
 * predict-then-reveal from the actual run, and the week-by-week replay of one quarter, whose
 * final bookings must equal that trial's numbers in the run. Screenshots: test-results/browser/.
 */
import AxeBuilder from '@axe-core/playwright';
import { HORIZON_COLUMNS, QUARTER_COLUMNS } from '@sweetspot/engine';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { artifactPath, settle, text, waitForFinal } from './helpers/app.ts';
import type { PageWindow } from './helpers/page-types.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

/** The slide on screen ("lessons" for the lesson picker). */
async function slide(page: Page): Promise<string> {
  return (await page.getByTestId('t-stage').getAttribute('data-slide')) ?? '';
}

/** Does the slide fit 1280×720 without scrolling, and how small is its smallest text? */
async function layout(
  page: Page,
): Promise<{ overflowX: number; overflowY: number; minFont: number }> {
  return page.evaluate(() => {
    interface El {
      scrollHeight: number;
      clientHeight: number;
      childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
      getClientRects(): ArrayLike<unknown>;
      querySelectorAll(s: string): ArrayLike<El>;
    }
    const w = globalThis as unknown as {
      document: { querySelector(s: string): El; documentElement: { scrollWidth: number } };
      innerWidth: number;
      getComputedStyle(e: El): { fontSize: string; visibility: string };
    };
    const stage = w.document.querySelector('[data-testid="t-stage"]');
    let minFont = Number.POSITIVE_INFINITY;
    for (const el of Array.from(stage.querySelectorAll('*'))) {
      const ownText = Array.from(el.childNodes).some(
        (n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '',
      );
      if (!ownText || el.getClientRects().length === 0) continue;
      const style = w.getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      minFont = Math.min(minFont, Number.parseFloat(style.fontSize));
    }
    return {
      overflowX: w.document.documentElement.scrollWidth - w.innerWidth,
      overflowY: stage.scrollHeight - stage.clientHeight,
      minFont,
    };
  });
}

/**
 * The replay's rep labels ("Rep N") and the climb chart's text as the room sees them: the
 * smallest size on screen (an SVG text's size times the chart's scale), the labels cut off (a rep
 * label wider than its box, a chart text outside the chart), the chart texts that overlap, and
 * how far the two sides reach beyond their row or the slide.
 */
async function replayLabels(page: Page): Promise<{
  repCount: number;
  smallest: number;
  clipped: string[];
  overlaps: string[];
  sidesOverflow: number;
}> {
  return page.evaluate(() => {
    interface Box {
      left: number;
      right: number;
      top: number;
      bottom: number;
    }
    interface El {
      scrollWidth: number;
      clientWidth: number;
      textContent: string | null;
      getBoundingClientRect(): Box;
      getScreenCTM?(): { a: number; b: number } | null;
    }
    const w = globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<El>; querySelector(s: string): El };
      getComputedStyle(e: El): { fontSize: string };
    };
    const size = (el: El) => {
      const m = el.getScreenCTM?.();
      return Number.parseFloat(w.getComputedStyle(el).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    };
    const reps = Array.from(w.document.querySelectorAll('.heat-rep'));
    const texts = Array.from(w.document.querySelectorAll('.replay-climb text'));
    const chart = w.document.querySelector('.replay-climb').getBoundingClientRect();
    const sides = w.document.querySelector('.replay-sides');
    const stage = w.document.querySelector('[data-testid="t-stage"]').getBoundingClientRect();
    const sidesRight = Math.max(
      ...Array.from(w.document.querySelectorAll('.replay-side')).map(
        (e) => e.getBoundingClientRect().right,
      ),
    );
    const clipped: string[] = [];
    for (const r of reps) if (r.scrollWidth > r.clientWidth) clipped.push(r.textContent ?? '');
    const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
    for (const { text, box } of boxes)
      if (
        box.left < chart.left - 0.5 ||
        box.right > chart.right + 0.5 ||
        box.top < chart.top - 0.5 ||
        box.bottom > chart.bottom + 0.5
      )
        clipped.push(text);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = (boxes[i] as (typeof boxes)[number]).box;
        const b = (boxes[j] as (typeof boxes)[number]).box;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          overlaps.push(`${boxes[i]?.text} × ${boxes[j]?.text}`);
      }
    return {
      repCount: reps.length,
      smallest: Math.min(...reps.map(size), ...texts.map(size)),
      clipped,
      overlaps,
      sidesOverflow: Math.max(sides.scrollWidth - sides.clientWidth, sidesRight - stage.right),
    };
  });
}

/**
 * The rep labels and the climb chart's text are read from the back of the room: 24 px or more
 * on screen, none cut off, none overlapping another, and neither side runs off the screen.
 */
async function expectReadableLabels(page: Page): Promise<void> {
  const labels = await replayLabels(page);
  expect(labels.repCount).toBe(16);
  expect(labels.smallest, JSON.stringify(labels)).toBeGreaterThanOrEqual(24);
  expect(labels.clipped).toEqual([]);
  expect(labels.overlaps).toEqual([]);
  expect(labels.sidesOverflow).toBeLessThanOrEqual(0);
}

/**
 * The slide fits 1280×720: nothing scrolls either way. The replay's presenter controls are smaller
 * than 18 px by design; what its audience reads is checked at 24 px on its own.
 */
async function expectFits(page: Page, label: string, minFont = 18): Promise<void> {
  const fit = await layout(page);
  expect(fit.overflowX, label).toBeLessThanOrEqual(0);
  expect(fit.overflowY, label).toBeLessThanOrEqual(1);
  expect(fit.minFont, label).toBeGreaterThanOrEqual(minFont);
}

/** The smallest text on the replay: its presenter's controls and keys hint. */
const REPLAY_MIN_FONT = 13;

interface RunView {
  key: string;
  scenario: { name: string; compare: [string, string]; strategies: Array<{ id: string }> };
  meanA: number;
  meanB: number;
  trials: number;
}

async function runView(page: Page): Promise<RunView> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state();
    const r = s?.result as unknown as {
      key: string;
      scenario: RunView['scenario'];
      summary: {
        trials: number;
        comparison: { a: string; b: string };
        strategies: Record<string, { horizon: { bookings: { mean: number } } }>;
      };
    };
    const { a, b } = r.summary.comparison;
    return {
      key: r.key,
      scenario: r.scenario,
      meanA: r.summary.strategies[a]?.horizon.bookings.mean ?? Number.NaN,
      meanB: r.summary.strategies[b]?.horizon.bookings.mean ?? Number.NaN,
      trials: r.summary.trials,
    };
  });
}

/** A trial's bookings in a quarter, straight from the run's per-trial columns. */
async function columnBookings(
  page: Page,
  trial: number,
  quarter: number,
): Promise<{ a: number; b: number }> {
  return page.evaluate(
    ({ trial: t, quarter: q, perQuarter, perHorizon }) => {
      const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state();
      const r = s?.result as unknown as {
        scenario: { compare: [string, string]; strategies: Array<{ id: string }> };
        chunk: { trialStart: number; trialCount: number; quarters: number; columns: Float64Array };
      };
      const { chunk, scenario } = r;
      // QUARTER_COLUMNS × quarters + the horizon's columns
      const perStrategy = chunk.quarters * perQuarter + perHorizon;
      const value = (id: string) => {
        const si = scenario.strategies.findIndex((x) => x.id === id);
        const column = q * perQuarter; // 'bookings' is the first quarter column
        return chunk.columns[
          (si * perStrategy + column) * chunk.trialCount + (t - chunk.trialStart)
        ];
      };
      return { a: value(scenario.compare[0]) as number, b: value(scenario.compare[1]) as number };
    },
    { trial, quarter, perQuarter: QUARTER_COLUMNS.length, perHorizon: HORIZON_COLUMNS.length },
  );
}

browserSuite('trainer mode (production build, Chromium)', (suite) => {
  /** Every page: no request left the origin, no CSP violation, no uncaught error. */
  const open = checkedOpener(suite);

  it('when two rules differ, a slide says how much of the gap each accounts for', async () => {
    const { page } = await open();
    await waitForFinal(page);
    await page.getByTestId('open-trainer').click();
    await page.getByTestId('lesson-big-ones').click();
    for (let i = 0; i < 12 && (await slide(page)) !== 'split'; i++) {
      await page.keyboard.press('ArrowRight');
      await settle(page);
    }
    expect(await slide(page)).toBe('split');
    const split = page.getByTestId('trainer-split');
    await split.waitFor({ timeout: 120_000 });
    const lines = await split.locator('li').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\+\$[\d.]+M from the order deals are worked in/);
    expect(lines[1]).toMatch(/^\+\$[\d.]+K from which deals are pursued/);
    const fit = await layout(page);
    expect(fit.overflowY).toBeLessThanOrEqual(1);
    expect(fit.minFont).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: artifactPath('34-trainer-split.png') });
  });

  it('presents a lesson one idea per screen, asks for a prediction, and reveals the run’s answer', async () => {
    const { page } = await open();
    await waitForFinal(page);
    await page.getByTestId('open-trainer').click();
    expect(await slide(page)).toBe('lessons');
    // Every lesson (and "your scenario") fits on the projector's screen, readable from the back.
    const picker = await layout(page);
    expect(picker.overflowY).toBeLessThanOrEqual(1);
    expect(picker.minFont).toBeGreaterThanOrEqual(17);
    await page.screenshot({ path: artifactPath('30-trainer-lessons.png') });

    // The lesson in which focus loses.
    await page.getByTestId('lesson-when-chasing-pays').click();
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = await slide(page);
      seen.push(id);
      if (id === 'strategies') {
        // The slide says exactly what differs between A and B.
        expect(await text(page.getByTestId('trainer-difference'))).toMatch(
          /differ only in which deals are pursued/,
        );
      }
      if (id === 'question') {
        await page.keyboard.press('1'); // "Focus books over 40% more": wrong, on purpose
        expect(await page.getByTestId('choice-a-big').getAttribute('aria-pressed')).toBe('true');
      }
      if (id === 'reveal' || id === 'odds') {
        await page.getByTestId('reveal').or(page.locator('.t-chart svg')).first().waitFor({
          timeout: 120_000,
        });
        await settle(page);
      }
      if (id === 'reveal') {
        const run = await runView(page);
        expect(run.scenario.name).toBe('Lesson: when chasing pays');
        // The lesson's run stops when precise (docs/model.md §17): whole batches, at most its cap.
        expect(run.trials % 250).toBe(0);
        expect(run.trials).toBeLessThanOrEqual(5000);
        // The answer comes from the run: B (chase) books more than A (focus).
        expect(run.meanB).toBeGreaterThan(run.meanA);
        const gap = run.meanB / run.meanA - 1;
        const expected = gap > 0.4 ? 'b-big' : gap >= 0.1 ? 'b-some' : 'close';
        const reveal = page.getByTestId('reveal');
        expect(await reveal.getAttribute('data-answer')).toBe(expected);
        expect(await text(reveal)).toMatch(/^Chase everything books \d+% more/);
        expect(await text(reveal.locator('li.right'))).toMatch(/the answer/);
        expect(await text(reveal.locator('li.picked'))).toMatch(/your pick/);
      }
      if (id === 'replay') {
        await page.locator('.replay-climb').waitFor({ timeout: 120_000 });
        await settle(page);
      }
      // Readable at 1280×720: nothing to scroll, large type.
      await expectFits(page, id, id === 'replay' ? REPLAY_MIN_FONT : 18);
      await page.screenshot({
        path: artifactPath(`31-slide-${String(i + 1).padStart(2, '0')}-${id}.png`),
      });
      if (await page.getByTestId('t-next').isDisabled()) break;
      // Alternate the presenter's keys.
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : ' ');
      await settle(page);
    }
    expect(seen[0]).toBe('title');
    expect(seen.at(-1)).toBe('takeaway');
    for (const id of ['team', 'market', 'strategies', 'question', 'reveal', 'odds', 'replay'])
      expect(seen, id).toContain(id);
    expect(seen.indexOf('question')).toBeLessThan(seen.indexOf('reveal'));

    // ← goes back; Escape leaves the lesson, then the trainer.
    await page.keyboard.press('ArrowLeft');
    expect(await slide(page)).toBe('replay');
    await page.keyboard.press('PageUp');
    expect(await slide(page)).toBe('odds');
    await page.keyboard.press('Escape');
    expect(await slide(page)).toBe('lessons');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('trainer').count()).toBe(0);
    // The lesson's scenario stays in the editor, with a way back to the user's own.
    expect(await page.inputValue('#field-name')).toBe('Lesson: when chasing pays');
    await page.getByTestId('toast-action').click();
    expect(await page.inputValue('#field-name')).toBe('SaaS mid-market team');
  });

  it('replays a quarter week by week, and its final bookings equal that trial’s numbers', async () => {
    const { page } = await open();
    await page.getByTestId('open-trainer').click();
    await page.getByTestId('lesson-quarter-end-panic').click();
    for (let i = 0; i < 20 && (await slide(page)) !== 'replay'; i++) {
      await page.keyboard.press('ArrowRight');
    }
    expect(await slide(page)).toBe('replay');
    const replay = page.getByTestId('replay');
    await replay.waitFor({ timeout: 120_000 });
    await waitForFinal(page);

    const cases = [
      { pick: 'Typical', quarter: 0 },
      { pick: 'Heroic failure', quarter: 2 },
      { pick: 'Heroic save', quarter: 3 },
    ];
    for (const [n, c] of cases.entries()) {
      await replay.locator('.replay-pick label', { hasText: c.pick }).click();
      await page.getByTestId('replay-quarter').selectOption(String(c.quarter));
      await expect.poll(() => replay.getAttribute('data-week')).toBe('0');
      const weeks = Number(await replay.getAttribute('data-weeks'));
      expect(weeks).toBe(13);
      let last = { a: 0, b: 0 };
      for (let k = 1; k <= weeks; k++) {
        await page.getByTestId('replay-step').click();
        await expect.poll(() => replay.getAttribute('data-week')).toBe(String(k));
        const now = {
          a: Number(await replay.getAttribute('data-booked-a')),
          b: Number(await replay.getAttribute('data-booked-b')),
        };
        // Bookings only climb.
        expect(now.a).toBeGreaterThanOrEqual(last.a);
        expect(now.b).toBeGreaterThanOrEqual(last.b);
        last = now;
        if (n === 0 && k === 10) {
          await settle(page);
          await page.screenshot({ path: artifactPath('32-replay-week-10.png') });
          // Read from the back of the room: the tally instead of the deal list, at 24 px or more.
          for (const side of ['A', 'B']) {
            const tally = page.getByTestId(`replay-tally-${side}`);
            expect(await text(tally)).toMatch(
              /^So far: \d+ won \(\$[\d.,]+[KM]?\) · \d+ lost · \d+ went dark$/,
            );
            const size = await tally.evaluate(
              (el) =>
                (
                  globalThis as unknown as {
                    getComputedStyle(e: unknown): { fontSize: string };
                  }
                ).getComputedStyle(el).fontSize,
            );
            expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(24);
          }
          // The legend (what the colours mean) too; only the presenter's keys hint is smaller.
          const legendSizes = await page
            .locator('.replay-legend-item:not(.hint)')
            .evaluateAll((els) =>
              els.map((el) =>
                Number.parseFloat(
                  (
                    globalThis as unknown as {
                      getComputedStyle(e: unknown): { fontSize: string };
                    }
                  ).getComputedStyle(el).fontSize,
                ),
              ),
            );
          expect(legendSizes.length).toBeGreaterThanOrEqual(4);
          expect(Math.min(...legendSizes)).toBeGreaterThanOrEqual(24);
          await expectReadableLabels(page);
          // With the tally on two lines, the replay still fits the screen.
          await expectFits(page, `${c.pick}, week 10`, REPLAY_MIN_FONT);
        }
      }
      // At the quarter's end (every week label bold, the longest week lines) too.
      await expectReadableLabels(page);
      await expectFits(page, `${c.pick}, end`, REPLAY_MIN_FONT);
      const trial = Number(await replay.getAttribute('data-trial'));
      expect(Number(await replay.getAttribute('data-quarter'))).toBe(c.quarter);
      const columns = await columnBookings(page, trial, c.quarter);
      // The replay's quarter ends exactly where the run's per-trial columns say.
      expect(last.a, `${c.pick} A`).toBeCloseTo(columns.a, 6);
      expect(last.b, `${c.pick} B`).toBeCloseTo(columns.b, 6);
      expect(Number(await replay.getAttribute('data-run-a'))).toBe(columns.a);
      expect(Number(await replay.getAttribute('data-run-b'))).toBe(columns.b);
      if (c.pick.startsWith('Heroic failure')) expect(columns.a).toBeGreaterThan(columns.b);
      await page.screenshot({ path: artifactPath(`33-replay-end-${n + 1}.png`) });
    }

    // Play at 4×: it runs to the end of the quarter by itself.
    await page.getByTestId('replay-quarter').selectOption('1');
    await replay.locator('select').last().selectOption('4');
    await page.getByTestId('replay-play').click();
    await expect.poll(() => replay.getAttribute('data-week'), { timeout: 15_000 }).toBe('13');
    expect(await text(page.getByTestId('replay-play'))).toMatch(/Play/);
  });

  it('has no serious or critical accessibility violations in trainer mode (axe-core)', async () => {
    const { page } = await open();
    await page.getByTestId('open-trainer').click();
    await page.getByTestId('lesson-focus-or-chase').click();
    const check = async (label: string) => {
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(
        bad.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((x) => x.target.join(' ')).join(' | ')}`,
        ),
        label,
      ).toEqual([]);
    };
    for (let i = 0; i < 20; i++) {
      const id = await slide(page);
      if (id === 'question' || id === 'replay' || id === 'market') {
        if (id === 'replay') await page.getByTestId('replay').waitFor({ timeout: 120_000 });
        await check(id);
      }
      if (await page.getByTestId('t-next').isDisabled()) break;
      await page.keyboard.press('ArrowRight');
      await settle(page);
    }
  });
});
