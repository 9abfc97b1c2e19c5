/**
 * Phone and tablet layouts (issue 18): at 390×844 and 768×1024 the page never scrolls sideways,
 * the header's controls never overlap (on a phone they are in a menu), the results come before
 * the editor, and the trainer's slides fit. Screenshots: test-results/browser/layout-*.png.
 */
import AxeBuilder from '@axe-core/playwright';
import { checkPagesAfterEach } from '@sweetspot/testing/browser';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { type AppPage, artifactPath, settle, text, waitForFinal } from './helpers/app.ts';
import { browserSuite } from './helpers/suite.ts';

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** How far the page reaches beyond the viewport's width (0 when nothing scrolls sideways). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
      .document;
    return (
      d.documentElement.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth
    );
  });
}

/** The boxes of the header's visible buttons, and whether any two overlap. */
async function headerOverlaps(page: Page): Promise<string[]> {
  const boxes: Array<{ name: string; x: number; y: number; w: number; h: number }> = [];
  for (const button of await page.locator('header.app-header button:visible').all()) {
    const box = await button.boundingBox();
    if (box && box.width > 0)
      boxes.push({
        name: ((await button.textContent()) ?? '').trim(),
        x: box.x,
        y: box.y,
        w: box.width,
        h: box.height,
      });
  }
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as (typeof boxes)[number];
      const b = boxes[j] as (typeof boxes)[number];
      if (a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1)
        overlaps.push(`${a.name} × ${b.name}`);
    }
  return overlaps;
}

browserSuite('phone and tablet layouts (production build, Chromium)', (suite) => {
  const opened: AppPage[] = [];
  checkPagesAfterEach(opened);

  for (const size of SIZES) {
    it(`${size.name} (${size.width}×${size.height}): no sideways scrolling, header controls apart, results first`, async () => {
      const app = await suite.open();
      opened.push(app);
      const { page } = app;
      await page.setViewportSize({ width: size.width, height: size.height });
      await waitForFinal(page);
      await settle(page);
      expect(await overflow(page)).toBe(0);
      expect(await headerOverlaps(page)).toEqual([]);
      // The results come before the editor.
      const results = await page.locator('#results-pane').boundingBox();
      const editor = await page.locator('aside.editor-pane').boundingBox();
      expect((results?.y ?? 0) < (editor?.y ?? 0)).toBe(true);
      await page.screenshot({ path: artifactPath(`layout-${size.name}.png`) });
      const toggle = page.getByTestId('menu-toggle');
      if (size.width <= 1000) {
        // Phones and tablets: the tools are in a menu, hidden until it opens, then one a row.
        expect(await page.getByTestId('open-trainer').isVisible()).toBe(false);
        await toggle.click();
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
        for (const id of ['open-files', 'open-library', 'open-report', 'open-trainer', 'copy-link'])
          expect(await page.getByTestId(id).isVisible(), id).toBe(true);
        expect(await page.getByRole('button', { name: 'Import from CRM' }).isVisible()).toBe(true);
        expect(await headerOverlaps(page)).toEqual([]);
        expect(await overflow(page)).toBe(0);
        await page.screenshot({ path: artifactPath(`layout-${size.name}-menu.png`) });
      } else {
        expect(await toggle.isVisible()).toBe(false);
      }
      // The trainer's first slide fits.
      await page.getByTestId('open-trainer').click();
      await page.locator('.trainer').waitFor();
      await settle(page);
      const fits = await page.locator('.trainer').evaluate((el) => {
        const e = el as unknown as { scrollWidth: number; clientWidth: number };
        return e.scrollWidth <= e.clientWidth;
      });
      expect(fits).toBe(true);
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: artifactPath(`layout-${size.name}-trainer.png`) });
    });
  }

  for (const size of SIZES) {
    it(`${size.name}: the printable report fits the screen, nothing scrolls sideways`, async () => {
      const app = await suite.open();
      opened.push(app);
      const { page } = app;
      await page.setViewportSize({ width: size.width, height: size.height });
      await waitForFinal(page);
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('open-report').click();
      await page.getByTestId('report').waitFor();
      await settle(page);
      const widths = await page.evaluate(() => {
        const d = (
          globalThis as unknown as {
            document: {
              querySelector(s: string): { scrollWidth: number; clientWidth: number };
            };
          }
        ).document;
        const of = (s: string) => {
          const e = d.querySelector(s);
          return { scroll: e.scrollWidth, client: e.clientWidth };
        };
        return {
          dialog: of('[role="dialog"].report-overlay'),
          report: of('[data-testid="report"]'),
        };
      });
      expect(widths.dialog.scroll, 'the dialog').toBeLessThanOrEqual(widths.dialog.client);
      expect(widths.report.scroll, 'the report').toBeLessThanOrEqual(widths.report.client);
      expect(widths.report.client).toBeLessThanOrEqual(size.width);
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: artifactPath(`layout-${size.name}-report.png`) });
    });
  }

  it('the verdict sentence is the same on the results, in the share preview and in the report', async () => {
    const app = await suite.open();
    opened.push(app);
    const { page } = app;
    await waitForFinal(page);
    const verdict = await text(page.getByTestId('verdict-sentence'));
    expect(verdict).toMatch(/ more a year than | book about the same a year/);
    // "How much more" is one number: the sentence's gap is the bookings card's A − B (the mean),
    // and the card says it is the mean.
    const said = /books (\S+) more a year than /.exec(verdict)?.[1];
    const card = page.getByTestId('card-bookings');
    expect(await text(card.getByTestId('diff'))).toMatch(/^A − B \(mean\):/);
    expect(said).toBeDefined();
    expect((await text(card.getByTestId('diff-value'))).replace(/^[-−+]/, '')).toBe(said);
    await page.getByTestId('copy-link').click();
    await page.getByTestId('share-popover').waitFor();
    expect(await text(page.getByTestId('share-preview'))).toBe(
      `Whoever opens it reads: ${verdict}`,
    );
    await page.keyboard.press('Escape');
    await page.getByTestId('open-report').click();
    await page.getByTestId('report-verdict').waitFor();
    expect(await text(page.getByTestId('report-verdict'))).toBe(verdict);
  });

  for (const size of [{ name: 'desktop', width: 1280, height: 720 }, ...SIZES]) {
    it(`${size.name}: every screen has no axe violation of any impact, and is photographed`, async () => {
      const app = await suite.open();
      opened.push(app);
      const { page } = app;
      await page.setViewportSize({ width: size.width, height: size.height });
      await waitForFinal(page);
      const found: string[] = [];
      const look = async (screen: string) => {
        await settle(page);
        await page.screenshot({ path: artifactPath(`screen-${size.name}-${screen}.png`) });
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const v of violations)
          found.push(
            `${screen}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
          );
      };
      /** Opens a header tool (through the menu where the header has one). */
      const tool = async (id: string) => {
        const toggle = page.getByTestId('menu-toggle');
        if (await toggle.isVisible()) await toggle.click();
        await page.getByTestId(id).click();
      };
      await look('results');
      for (const tab of ['Sensitivity', 'Frontier', 'How sure']) {
        await page.getByRole('tab', { name: tab }).click();
        await look(`decision-${tab.toLowerCase().replace(' ', '-')}`);
      }
      await tool('open-library');
      await look('library');
      await page.keyboard.press('Escape');
      await tool('open-report');
      await page.getByTestId('report').waitFor();
      await look('report');
      await page.keyboard.press('Escape');
      await tool('open-files');
      await look('files');
      await page.keyboard.press('Escape');
      const toggle = page.getByTestId('menu-toggle');
      if (await toggle.isVisible()) await toggle.click();
      await page.getByRole('button', { name: 'Import from CRM' }).click();
      await page.locator('dialog[open]').waitFor();
      await look('import-file-step');
      await page.keyboard.press('Escape');
      await tool('open-trainer');
      await page.locator('.trainer').waitFor();
      await look('trainer-lessons');
      expect(found).toEqual([]);
    });
  }

  it('one Tab reaches "Skip to the results", which moves the focus to the results', async () => {
    const app = await suite.open();
    opened.push(app);
    const { page } = app;
    await waitForFinal(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the results' });
    expect(
      await skip.evaluate(
        (el) =>
          el ===
          (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument
            .activeElement,
      ),
    ).toBe(true);
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id,
      ),
    ).toBe('results-pane');
  });
});
