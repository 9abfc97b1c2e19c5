/**
 * "Import from CRM" for everyone (issue 18): at 1280×720, 390×844 and 768×1024, every step of the
 * dialog — the file, Columns, Lookup tables (with a table joined and its near miss accepted),
 * Segments (before and after the proposed split), Fits, Row report, Backtest and This quarter —
 * has no axe violation of any impact, and nothing in the dialog scrolls sideways. Each step is
 * photographed: test-results/browser/screen-<size>-import-<step>.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { sixteenMonthExport } from '@sweetspot/testing';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { artifactPath, settle } from './helpers/app.ts';
import { csvFile, nextStep, openImport } from './helpers/import-steps.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

const SIZES = [
  { name: 'desktop', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** 16 months of deals, open ones included (so it reaches "This quarter"), one team. */
const EXPORT = sixteenMonthExport('id,stage,amount,created,close_date,owner,type');

/** A lookup table keyed by the export's `type`: "SMB-" is a near miss of "SMB". */
const TYPES_CSV = 'type,tier,list_price\nEnterprise,Large,50000\nSMB-,Small,9000\n';

/** How far the dialog's content reaches beyond its width (0 when nothing scrolls sideways). */
function dialogOverflow(page: Page): Promise<number> {
  return page.locator('dialog.crm-dialog').evaluate((el) => {
    const e = el as unknown as { scrollWidth: number; clientWidth: number };
    return e.scrollWidth - e.clientWidth;
  });
}

/**
 * The titles of the "This quarter" tables (caption, or the element naming the table) that are cut:
 * wider than their box, or reaching past the edge of a box that clips or scrolls them. Each as
 * "title: how", with the number of titles looked at.
 */
function clippedForecastTitles(page: Page): Promise<{ seen: number; clipped: string[] }> {
  return page.evaluate(() => {
    interface Box {
      left: number;
      right: number;
    }
    interface El {
      scrollWidth: number;
      clientWidth: number;
      textContent: string | null;
      parentElement: El | null;
      getAttribute(name: string): string | null;
      querySelector(s: string): El | null;
      getBoundingClientRect(): Box;
    }
    const w = globalThis as unknown as {
      document: {
        querySelectorAll(s: string): ArrayLike<El>;
        getElementById(id: string): El | null;
      };
      getComputedStyle(e: El): { overflowX: string };
    };
    const tables = Array.from(w.document.querySelectorAll('[data-testid^="crm-forecast-q"]'));
    const clipped: string[] = [];
    let seen = 0;
    for (const table of tables) {
      const named = table.getAttribute('aria-labelledby');
      const title = named ? w.document.getElementById(named) : table.querySelector('caption');
      if (!title) continue;
      seen++;
      const text = (title.textContent ?? '').trim();
      if (title.scrollWidth > title.clientWidth)
        clipped.push(`${text}: ${title.scrollWidth} px wide in ${title.clientWidth} px`);
      const box = title.getBoundingClientRect();
      for (let a = title.parentElement; a; a = a.parentElement) {
        if (w.getComputedStyle(a).overflowX === 'visible') continue;
        const edge = a.getBoundingClientRect();
        if (box.right > edge.right + 0.5 || box.left < edge.left - 0.5)
          clipped.push(`${text}: ${Math.round(box.right - edge.right)} px past the edge`);
      }
    }
    return { seen, clipped };
  });
}

/**
 * The walk through the dialog: each screen to check, named for its photograph, and how to get
 * there from the one before — `next`, the Next button to that step; `act`, what the person does;
 * `ready`, what shows once the step is ready.
 */
const WALK: ReadonlyArray<{
  screen: string;
  next?: string;
  act?: (page: Page) => Promise<unknown>;
  ready?: string;
}> = [
  {
    screen: 'file',
    act: (page) => page.setInputFiles('#crm-main-file', csvFile('pipeline.csv', EXPORT)),
    ready: '[data-testid="crm-file-summary"]',
  },
  {
    screen: 'columns',
    next: 'Columns',
    act: (page) => expect.poll(() => page.inputValue('#crm-map-stage')).toBe('stage'),
    ready: '[data-testid="crm-outcomes"]',
  },
  { screen: 'lookups', next: 'Lookup tables' },
  {
    screen: 'lookups-joined',
    act: (page) => page.setInputFiles('#crm-lookup-file', csvFile('types.csv', TYPES_CSV)),
    ready: '[data-testid="crm-join-report"]',
  },
  {
    screen: 'lookups-alias',
    act: (page) => page.getByRole('button', { name: 'Accept alias SMB → SMB-' }).click(),
    ready: '.crm-aliases',
  },
  { screen: 'segments', next: 'Segments' },
  // One segment: the fits step proposes a split; taking it goes back to the segments, now two.
  { screen: 'fits-split-proposed', next: 'Fits', ready: '[data-testid="crm-split"]' },
  {
    screen: 'segments-split',
    act: async (page) => {
      await page.getByRole('button', { name: 'Use this split' }).click();
      await page.locator('.crm-step[aria-current="step"]', { hasText: 'Segments' }).waitFor();
      await expect.poll(() => page.locator('.crm-segments > li').count()).toBe(2);
    },
  },
  { screen: 'fits', next: 'Fits', ready: '[data-testid="crm-fit-table"]' },
  { screen: 'row-report', next: 'Row report' },
  { screen: 'backtest', next: 'Backtest', ready: '[data-testid="crm-backtest-table"]' },
  { screen: 'this-quarter', next: 'This quarter', ready: '[data-testid="crm-forecast"]' },
];

browserSuite(
  'CRM import, every step accessible at every size (production build, Chromium)',
  (suite) => {
    const open = checkedOpener(suite);

    for (const size of SIZES) {
      it(`${size.name} (${size.width}×${size.height}): every import step has no axe violation and fits`, async () => {
        const { page } = await open();
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.locator('[data-testid="results"]').waitFor({ timeout: 30_000 });
        await openImport(page);
        const found: string[] = [];
        const overflows: string[] = [];
        for (const { screen, next, act, ready } of WALK) {
          if (next) await nextStep(page, next);
          await act?.(page);
          if (ready) await page.locator(ready).waitFor({ timeout: 90_000 });
          await settle(page);
          await page.screenshot({ path: artifactPath(`screen-${size.name}-import-${screen}.png`) });
          const { violations } = await new AxeBuilder({ page }).analyze();
          for (const v of violations)
            found.push(
              `${screen}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
            );
          const over = await dialogOverflow(page);
          if (over > 0) overflows.push(`${screen}: ${over} px`);
        }
        expect(found).toEqual([]);
        expect(overflows).toEqual([]);
        // The walk ends on "This quarter": each table's title wraps, never cut at the edge.
        const titles = await clippedForecastTitles(page);
        expect(titles.seen).toBe(2);
        expect(titles.clipped).toEqual([]);
      });
    }
  },
);
