/**
 * The optional mechanisms (docs/model.md §12–§14) in the production build, in Chromium: a shared
 * link with a specialist pool, priced hours and prospecting shows cost of sale and contribution,
 * each pool's use and the prospecting figures; the Why panel explains contribution and names the
 * prospecting rule; editing a pool's hours changes the results; an invalid value is named by its
 * label. The default scenario shows none of it.
 */
import AxeBuilder from '@axe-core/playwright';
import { defaultScenario, encodeShareCode, type Scenario } from '@sweetspot/scenario';
import { expect, it } from 'vitest';
import { artifactPath, headlineTexts, setField, text, waitForFinal } from './helpers/app.ts';
import type { PageWindow } from './helpers/page-types.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

/** The default scenario with a pre-sales pool, priced hours, and focus prospecting the sweet spot. */
function mechanismsScenario(): Scenario {
  const s = structuredClone(defaultScenario());
  s.trials = 2_000;
  s.team.costPerSellingHour = 60;
  s.team.specialists = [
    { id: 'presales', name: 'Pre-sales engineers', hoursPerWeek: 30, costPerHour: 90 },
  ];
  const [icp, out] = s.segments;
  if (!icp || !out) throw new Error('the default scenario has two segments');
  icp.specialistHoursPerSellingHour = { presales: 0.3 };
  out.specialistHoursPerSellingHour = { presales: 0.6 };
  icp.prospecting = { hoursPerOpportunity: 6, lagWeeks: 3 };
  const focus = s.strategies.find((st) => st.id === 'focus');
  if (!focus) throw new Error('the default scenario has a focus strategy');
  focus.prospecting = { pursue: 'sweet-spot', when: 'always' };
  return s;
}

const POOL_HOURS = '#field-team-specialists-0-hoursPerWeek';

browserSuite('pools, cost of sale and prospecting (production build, Chromium)', (suite) => {
  /** Every page: no request left the origin, no CSP violation, no uncaught error. */
  const open = checkedOpener(suite);

  it('shows cost of sale, contribution, pool use and prospecting from a shared link', async () => {
    const { page } = await open(`#s=${encodeShareCode(mechanismsScenario())}`);
    await waitForFinal(page);
    const cards = await headlineTexts(page);
    // (textContent: the title and the line under it run together.)
    expect(cards.costOfSale).toMatch(/^Cost of sale ?hours worked × their loaded cost/);
    expect(cards.costOfSale).toMatch(/P\(A costs more\): \d+%/);
    expect(cards.contribution).toMatch(/^Contribution ?gross margin − cost of sale/);
    expect(cards.contribution).toMatch(/A − B \(mean\): [+−-]?\$[\d.,]+[KM]?/);
    expect(cards.contribution).toMatch(/P10–P90 [+−-]?\$[\d.,]+[KM]? to [+−-]?\$[\d.,]+[KM]?/);
    expect(cards.specialistHoursWasted).toMatch(
      /^Specialist hours wasted ?on deals lost or stalled/,
    );
    expect(cards.beats).toContain('On contribution');

    // Each pool's use over the year (the results open on it): hours used of the hours it had
    // (30 h a week × 52 weeks), and a share.
    const pool = page.getByTestId('pool-row').first();
    expect(await text(pool)).toMatch(/^Pre-sales engineers/);
    expect(await text(pool.getByTestId('pool-used').first())).toMatch(/ of 1,560 h$/);
    expect(await text(pool.getByTestId('pool-share').first())).toMatch(/^\d+%$/);

    // Prospecting: per segment, and as its own use in the hours chart.
    const segments = await text(page.locator('.segment-results'));
    expect(segments).toContain('Prospected deals');
    expect(segments).toContain('Prospecting');
    expect(await text(page.locator('[aria-labelledby="chart-hours-title"] .swatches'))).toContain(
      'Prospecting',
    );

    // The Why panel explains contribution, and names the prospecting rule.
    const why = page.getByTestId('why-panel');
    await page.locator('label[for="why-metric-contribution"]').click();
    await expect.poll(() => why.getAttribute('data-metric')).toBe('contribution');
    const rule = page.locator('[data-testid="why-attribution-row"][data-group="prospecting"]');
    expect(await text(rule.locator('th'))).toBe('prospecting with spare hours');
    await why.locator('details summary', { hasText: 'Show as a table' }).click();
    const rows = await page.getByTestId('why-row').allTextContents();
    expect(rows.some((r) => r.startsWith('Cost of sale'))).toBe(true);
    expect(rows.some((r) => r.startsWith('Prospected deals won by one'))).toBe(true);
    await page.screenshot({ path: artifactPath('60-mechanisms.png'), fullPage: true });

    // The new editor fields and results add no serious or critical accessibility problem.
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    expect(bad).toEqual([]);
  });

  it('editing a pool’s hours changes its use; an invalid value is named by its label', async () => {
    const { page } = await open(`#s=${encodeShareCode(mechanismsScenario())}`);
    await waitForFinal(page);
    const used = page.getByTestId('pool-row').first().getByTestId('pool-used').first();
    expect(await text(used)).toMatch(/ of 1,560 h$/);
    const before = await headlineTexts(page);

    await setField(page, POOL_HOURS.slice(1), '5');
    await waitForFinal(page);
    await expect.poll(() => text(used)).toMatch(/ of 260 h$/);
    const after = await headlineTexts(page);
    expect(after.specialistHoursWasted).not.toBe(before.specialistHoursWasted);

    await setField(page, POOL_HOURS.slice(1), '-5');
    const summary = page.locator('.error-summary');
    await expect
      .poll(() => text(summary))
      .toContain(
        'Specialist pools, Pre-sales engineers: Hours per week (whole team) must be at least 0 hours a week',
      );
    expect(await page.getAttribute(POOL_HOURS, 'aria-invalid')).toBe('true');
    expect(await text(page.locator(`${POOL_HOURS}-error`))).toBe(
      'Hours per week (whole team) must be at least 0 hours a week',
    );
    // The summary's link takes the person to the field.
    await summary.locator('button', { hasText: 'Hours per week (whole team)' }).click();
    expect(
      await page.evaluate(
        () =>
          ((globalThis as unknown as PageWindow).document.activeElement as { id?: string } | null)
            ?.id,
      ),
    ).toBe(POOL_HOURS.slice(1));
    await page.screenshot({ path: artifactPath('61-mechanisms-error.png') });

    // Prospecting only when behind plan, without a push: said in the editor's words.
    await setField(page, POOL_HOURS.slice(1), '30');
    await page.selectOption('#field-strategies-0-prospecting-when', 'during-push');
    await expect
      .poll(() => text(page.locator('#field-strategies-0-prospecting-when-error')))
      .toContain('but the strategy has no quarter-end push');
    expect(await text(summary)).toContain(
      'Strategy 1 (Focus on the sweet spot): Prospect when is "only when behind plan"',
    );
  });

  it('adds a pool and its needs in the editor; the default scenario shows none of it', async () => {
    const { page } = await open();
    await waitForFinal(page);
    const cards = await headlineTexts(page);
    expect(Object.keys(cards)).toEqual([
      'bookings',
      'margin',
      'pHitQuota',
      'repsAtQuota',
      'hoursWasted',
      'beats',
    ]);
    expect(await page.getByTestId('pool-table').count()).toBe(0);
    expect(await page.locator('#why-metric-contribution').count()).toBe(0);
    expect(
      await text(page.locator('[aria-labelledby="chart-hours-title"] .swatches')),
    ).not.toContain('Prospecting');
    expect(
      await page.locator('[id^="field-segments-0-specialistHoursPerSellingHour"]').count(),
    ).toBe(0);

    await page.getByRole('button', { name: 'Add pool' }).click();
    const need = '#field-segments-0-specialistHoursPerSellingHour-pool-1';
    await page.locator(need).waitFor();
    await setField(page, need.slice(1), '0.5');
    await setField(page, 'field-team-costPerSellingHour', '50');
    await waitForFinal(page);
    await expect.poll(() => page.getByTestId('pool-table').count()).toBe(1);
    expect(Object.keys(await headlineTexts(page))).toContain('contribution');
    // Emptying the optional fields and removing the pool gives the default scenario back.
    await setField(page, 'field-team-costPerSellingHour', '');
    await page.getByRole('button', { name: /^Remove pool/ }).click();
    await waitForFinal(page);
    const json = await page.evaluate(() => {
      const w = globalThis as unknown as {
        __sweetspotTest: { state(): { latestKey: string | undefined } };
      };
      return w.__sweetspotTest.state().latestKey;
    });
    expect(JSON.parse(json ?? '{}')).toEqual(defaultScenario());
    expect(await page.getByTestId('pool-table').count()).toBe(0);
  });
});
