/**
 * Sharing, files, library, exports, report and offline: the production build in Chromium at
 * 1280×720. Screenshots go to test-results/browser/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  type AppPage,
  artifactPath,
  drawAllCharts,
  headlineTexts,
  runState,
  saveToLibrary,
  setField,
  settle,
  text,
  waitForFinal,
} from './helpers/app.ts';
import type { PageWindow } from './helpers/page-types.ts';
import { browserSuite, checkedOpener } from './helpers/suite.ts';

interface ShownResult {
  key: string;
  scenario: { name: string; trials: number; seed: number; strategies: unknown[] };
  chunk?: { trialCount: number; strategies: number; quarters: number };
  summary: {
    strategies: Record<string, { quarters: Array<{ bookings: { p50: number; mean: number } }> }>;
    comparison: { horizon: { bookings: { pABeatsB: number; p50: number; meanDiff: number } } };
  };
}

/** The displayed result, with the parts these tests compare. */
async function shown(page: Page): Promise<ShownResult> {
  return page.evaluate(() => {
    const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state();
    const r = s?.result as unknown as ShownResult | undefined;
    if (!r) throw new Error('no result');
    return {
      key: r.key,
      scenario: r.scenario,
      chunk: r.chunk
        ? {
            trialCount: r.chunk.trialCount,
            strategies: r.chunk.strategies,
            quarters: r.chunk.quarters,
          }
        : undefined,
      summary: { strategies: r.summary.strategies, comparison: r.summary.comparison },
    } as ShownResult;
  });
}

/** Exact figures: per strategy and quarter, median and mean bookings; the horizon comparison. */
async function exactNumbers(page: Page): Promise<unknown> {
  const r = await shown(page);
  return {
    quarters: Object.fromEntries(
      Object.entries(r.summary.strategies).map(([id, st]) => [
        id,
        st.quarters.map((q) => [q.bookings.p50, q.bookings.mean]),
      ]),
    ),
    horizon: r.summary.comparison.horizon.bookings,
  };
}

async function fieldValue(page: Page, id: string): Promise<string> {
  return page.inputValue(`#${id}`);
}

async function locationHash(page: Page): Promise<string> {
  return page.evaluate(
    () => (globalThis as unknown as { location: { hash: string } }).location.hash,
  );
}

browserSuite(
  'sharing, files, library, exports and offline (production build, Chromium)',
  (suite) => {
    /** Every page: no request left the origin, no CSP violation, no uncaught error. */
    const openChecked = checkedOpener(suite);

    async function open(query = ''): Promise<AppPage> {
      const app = await openChecked(query);
      await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: app.origin,
      });
      return app;
    }

    it('a shared link, opened in a fresh browser, reproduces the same numbers', async () => {
      const first = await open();
      await setField(first.page, 'field-trials', '2000');
      await setField(first.page, 'field-seed', '424242');
      await setField(first.page, 'field-team-reps', '9');
      await waitForFinal(first.page);
      const texts = await headlineTexts(first.page);
      const numbers = await exactNumbers(first.page);
      const key = (await runState(first.page)).result?.key;

      await first.page.getByRole('button', { name: 'Copy link' }).click();
      const url = await first.page.locator('[data-testid="share-url"]').inputValue();
      expect(url).toMatch(/#s=s1\.[A-Za-z0-9_-]+$/);
      expect(url.length).toBeLessThan(4000);
      const clipboard = await first.page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      );
      expect(clipboard).toBe(url);
      await first.page.screenshot({ path: artifactPath('20-share-link.png') });

      // A fresh context: no storage, no service worker, nothing shared with the first page.
      const second = await open(new URL(url).hash);
      await waitForFinal(second.page);
      expect((await runState(second.page)).result?.key).toBe(key);
      expect(await fieldValue(second.page, 'field-team-reps')).toBe('9');
      expect(await fieldValue(second.page, 'field-seed')).toBe('424242');
      expect(await headlineTexts(second.page)).toEqual(texts);
      expect(await exactNumbers(second.page)).toEqual(numbers);
      expect(await second.page.locator('[data-testid="link-notice"]').count()).toBe(0);
    });

    it('a corrupted or tampered link shows a dismissible message and falls back to the default', async () => {
      const source = await open();
      await waitForFinal(source.page);
      const defaultKey = (await runState(source.page)).result?.key;
      await source.page.getByRole('button', { name: 'Copy link' }).click();
      const code = new URL(await source.page.locator('[data-testid="share-url"]').inputValue())
        .hash;

      const tampered = `${code.slice(0, 40)}${code[40] === 'A' ? 'B' : 'A'}${code.slice(41)}`;
      for (const [hash, shot] of [
        [tampered, '21-link-tampered.png'],
        [code.slice(0, -12), ''],
        ['#s=not-a-link', ''],
        ['#s=s9.abcdef', ''],
      ] as const) {
        const { page } = await open(hash);
        const notice = page.locator('[data-testid="link-notice"]');
        await notice.waitFor({ timeout: 30_000 });
        expect(await text(notice)).toMatch(/This link could not be opened/);
        expect(await text(notice)).toMatch(/default scenario/);
        if (hash === '#s=s9.abcdef') expect(await text(notice)).toMatch(/newer version/);
        // Never a blank page: the default scenario is edited and run.
        expect(await fieldValue(page, 'field-name')).toBe('SaaS mid-market team');
        if (shot) {
          await waitForFinal(page);
          expect((await runState(page)).result?.key).toBe(defaultKey);
          await page.screenshot({ path: artifactPath(shot) });
        }
        await page.getByRole('button', { name: 'Dismiss' }).click();
        expect(await notice.count()).toBe(0);
      }
    });

    it('keeps the URL in step with edits, so a reload keeps the scenario', async () => {
      const { page } = await open();
      await waitForFinal(page);
      const historyLength = () =>
        page.evaluate(
          () => (globalThis as unknown as { history: { length: number } }).history.length,
        );
      const historyBefore = await historyLength();
      await setField(page, 'field-team-reps', '11');
      await setField(page, 'field-name', 'Eleven reps');
      await expect.poll(() => locationHash(page), { timeout: 5000 }).toMatch(/^#s=s1\./);
      await page.waitForTimeout(1000); // past the URL debounce of the last edit
      const hashAfterEdit = await locationHash(page);
      // An invalid edit does not replace the last valid scenario in the URL.
      await setField(page, 'field-team-reps', 'eleven');
      await page.waitForTimeout(800);
      expect(await locationHash(page)).toBe(hashAfterEdit);
      await setField(page, 'field-team-reps', '11');
      // replaceState: no history entry per edit.
      expect(await historyLength()).toBe(historyBefore);
      await page.reload();
      await waitForFinal(page);
      expect(await fieldValue(page, 'field-team-reps')).toBe('11');
      expect(await fieldValue(page, 'field-name')).toBe('Eleven reps');
      expect(await page.locator('[data-testid="link-notice"]').count()).toBe(0);
    });

    it('exports the scenario as JSON and imports it back identically; an invalid file changes nothing', async () => {
      const { page } = await open();
      await setField(page, 'field-trials', '1500');
      await setField(page, 'field-team-sellingHoursPerWeek', '17');
      await setField(page, 'field-name', 'Round trip');
      await waitForFinal(page);
      const before = await shown(page);
      const texts = await headlineTexts(page);

      await page.getByTestId('open-files').click();
      await page.screenshot({ path: artifactPath('22-files.png') });
      const download = page.waitForEvent('download');
      await page.getByTestId('export-json').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('round-trip.json');
      const json = readFileSync(await file.path(), 'utf8');
      expect(JSON.parse(json)).toEqual(before.scenario);

      // Change the scenario, then import the file: back to identical.
      await page.keyboard.press('Escape');
      await page.locator('.editor select').first().selectOption({ index: 2 });
      await page.getByRole('button', { name: 'Load preset' }).click();
      await waitForFinal(page);
      expect((await shown(page)).key).not.toBe(before.key);
      await page.getByTestId('open-files').click();
      await page.getByTestId('import-file').setInputFiles({
        name: 'round-trip.json',
        mimeType: 'application/json',
        buffer: Buffer.from(json),
      });
      await expect.poll(() => page.getByTestId('files-dialog').isVisible()).toBe(false);
      expect(await text(page.getByTestId('toast'))).toMatch(/Imported “Round trip”/);
      await waitForFinal(page);
      const after = await shown(page);
      expect(after.key).toBe(before.key);
      expect(after.scenario).toEqual(before.scenario);
      expect(await headlineTexts(page)).toEqual(texts);

      // An invalid file, dropped on the zone: every problem listed, nothing changed.
      const bad = JSON.parse(json) as Record<string, unknown> & {
        team: Record<string, unknown>;
        segments: Array<Record<string, unknown>>;
      };
      bad.team.reps = 0;
      bad.team.sellingHoursPerWeek = 'forty';
      (bad.segments[0] as Record<string, unknown>).winRate = 1.5;
      bad.currency = 'euros';
      bad.unknownField = true;
      await page.getByTestId('open-files').click();
      await dropFile(page, '[data-testid="drop-zone"]', 'broken.json', JSON.stringify(bad));
      const problems = page.getByTestId('import-problems');
      await problems.waitFor();
      const items = await problems.locator('li').allTextContents();
      expect(items.length).toBeGreaterThanOrEqual(5);
      for (const path of [
        'team.reps',
        'team.sellingHoursPerWeek',
        'segments[0].winRate',
        'currency',
        'unknownField',
      ])
        expect(
          items.some((i) => i.startsWith(`${path}: `)),
          path,
        ).toBe(true);
      expect(await text(problems)).toMatch(
        /“broken.json” was not imported: \d+ problems\. Nothing was changed/,
      );
      await page.screenshot({ path: artifactPath('23-import-problems.png') });
      // Not JSON at all.
      await page.getByTestId('import-file').setInputFiles({
        name: 'notes.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"version": 1, "name": '),
      });
      await expect.poll(() => text(problems)).toMatch(/“notes.json” was not imported: 1 problem\./);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);
      expect((await runState(page)).latestKey).toBe(before.key);
      expect(await fieldValue(page, 'field-name')).toBe('Round trip');
    });

    it('keeps named scenarios in the library across a reload (save, rename, duplicate, open, delete)', async () => {
      const { page } = await open();
      await setField(page, 'field-trials', '1000');
      await setField(page, 'field-team-reps', '7');
      await waitForFinal(page);
      const key = (await runState(page)).result?.key;
      await saveToLibrary(page, 'Seven reps');
      const rows = page.getByTestId('library-row');
      await expect.poll(() => rows.count()).toBe(1);
      // The headline of the run on screen is stored with it.
      expect(await text(rows.first().getByTestId('lib-mean-a'))).toMatch(/^\$[\d.]+[KM]$/);
      expect(await text(rows.first().getByTestId('lib-beats'))).toMatch(/%$/);
      await rows.first().getByTestId('library-duplicate').click();
      await expect.poll(() => rows.count()).toBe(2);
      await page.keyboard.press('Escape');

      await page.reload();
      await waitForFinal(page);
      await page.getByTestId('open-library').click();
      await expect.poll(() => rows.count()).toBe(2);
      expect((await rows.getByTestId('library-entry-name').allTextContents()).sort()).toEqual([
        'Seven reps',
        'Seven reps (copy)',
      ]);
      // Rename the copy.
      const copy = rows.filter({ hasText: 'Seven reps (copy)' });
      await copy.getByTestId('library-rename').click();
      await page.getByTestId('library-rename-input').fill('Seven, renamed');
      await page.getByTestId('library-rename-input').press('Enter');
      await expect
        .poll(async () => (await rows.getByTestId('library-entry-name').allTextContents()).sort())
        .toEqual(['Seven reps', 'Seven, renamed']);
      await page.screenshot({ path: artifactPath('24-library.png') });
      await page.keyboard.press('Escape');

      // Load something else, then open the saved one: the same scenario, the same run.
      await page.locator('.editor select').first().selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Load preset' }).click();
      await waitForFinal(page);
      await page.getByTestId('open-library').click();
      await rows.filter({ hasText: 'Seven reps' }).first().getByTestId('library-open').click();
      await expect.poll(() => page.getByTestId('library-dialog').isVisible()).toBe(false);
      await waitForFinal(page);
      expect((await runState(page)).result?.key).toBe(key);
      expect(await fieldValue(page, 'field-team-reps')).toBe('7');

      // Delete (two steps).
      await page.getByTestId('open-library').click();
      const renamed = rows.filter({ hasText: 'Seven, renamed' });
      await renamed.getByTestId('library-delete').click();
      await renamed.getByTestId('library-confirm-delete').click();
      await expect.poll(() => rows.count()).toBe(1);
      await page.reload();
      await page.getByTestId('open-library').click();
      await expect.poll(() => rows.count()).toBe(1);
    });

    it('refuses a library entry saved by a newer version, with a message', async () => {
      const { page } = await open();
      await waitForFinal(page);
      await saveToLibrary(page, 'From the future');
      await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
      await page.keyboard.press('Escape');
      // Rewrite the stored scenario as a newer app would have written it.
      await page.evaluate(async () => {
        const idb = (globalThis as unknown as { indexedDB: IDBFactoryLike }).indexedDB;
        interface Req<T> {
          result: T;
          onsuccess: (() => void) | null;
          onerror: (() => void) | null;
        }
        interface IDBFactoryLike {
          open(name: string): Req<{
            transaction(
              s: string[],
              m: string,
            ): {
              objectStore(n: string): {
                getAll(): Req<Array<Record<string, unknown>>>;
                put(v: unknown): Req<unknown>;
              };
            };
            close(): void;
          }>;
        }
        const wait = <T>(r: Req<T>) =>
          new Promise<T>((resolve, reject) => {
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(new Error('idb'));
          });
        const db = await wait(idb.open('sweetspot-library'));
        const store = db.transaction(['revisions'], 'readwrite').objectStore('revisions');
        const [rev] = await wait(store.getAll());
        if (!rev) throw new Error('no revision');
        await wait(store.put({ ...rev, scenario: { ...(rev.scenario as object), version: 2 } }));
        db.close();
      });
      await page.getByTestId('open-library').click();
      await page.getByTestId('library-open').click();
      const refused = page.getByTestId('library-refused');
      await refused.waitFor();
      expect(await text(refused)).toMatch(/newer version of Sweetspot/);
      expect(await text(refused)).toMatch(/unchanged/);
      expect(await page.getByTestId('library-dialog').isVisible()).toBe(true);
    });

    it('downloads every chart as PNG and SVG, and the results as CSV', async () => {
      const { page } = await open();
      await setField(page, 'field-trials', '800');
      await waitForFinal(page);
      await drawAllCharts(page);
      const frames = page.locator('figure.chart:has([data-testid="chart-png"])');
      const count = await frames.count();
      expect(count).toBeGreaterThanOrEqual(5);
      for (let i = 0; i < count; i++) {
        const frame = frames.nth(i);
        await frame.scrollIntoViewIfNeeded();
        await settle(page);
        const title = await text(frame.locator('h3').first());
        // PNG: the signature, and a size from the IHDR chunk.
        const pngDownload = page.waitForEvent('download');
        await frame.getByTestId('chart-png').click();
        const png = readFileSync(await (await pngDownload).path());
        expect([...png.subarray(0, 8)], title).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
        expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
        expect(png.readUInt32BE(16)).toBeGreaterThan(300);
        expect(png.readUInt32BE(20)).toBeGreaterThan(150);
        writeFileSync(artifactPath(`25-chart-export-${i + 1}.png`), png);
        // SVG: well-formed XML with an <svg> root, with the chart's title in it.
        const svgDownload = page.waitForEvent('download');
        await frame.getByTestId('chart-svg').click();
        const svgFile = await svgDownload;
        expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
        const svg = readFileSync(await svgFile.path(), 'utf8');
        const parsed = await page.evaluate((source) => {
          const w = globalThis as unknown as {
            DOMParser: new () => {
              parseFromString(
                s: string,
                t: string,
              ): {
                documentElement: { localName: string; namespaceURI: string };
                getElementsByTagName(n: string): { length: number };
              };
            };
          };
          const doc = new w.DOMParser().parseFromString(source, 'image/svg+xml');
          return {
            root: doc.documentElement.localName,
            ns: doc.documentElement.namespaceURI,
            errors: doc.getElementsByTagName('parsererror').length,
            plots: doc.getElementsByTagName('svg').length,
          };
        }, svg);
        expect(parsed, title).toEqual({
          root: 'svg',
          ns: 'http://www.w3.org/2000/svg',
          errors: 0,
          plots: expect.any(Number),
        });
        expect(parsed.plots).toBeGreaterThanOrEqual(2); // the page and at least one Plot figure
        expect(svg).toContain(title.replace(/&/g, '&amp;'));
      }

      // CSV: per-trial and summary.
      const r = await shown(page);
      await page.getByTestId('open-files').click();
      const trialsDownload = page.waitForEvent('download');
      await page.getByTestId('csv-trials').click();
      const trialsFile = await trialsDownload;
      expect(trialsFile.suggestedFilename()).toBe('saas-mid-market-team-trials.csv');
      const trialsCsv = readFileSync(await trialsFile.path(), 'utf8');
      expect(trialsCsv.charCodeAt(0)).toBe(0xfeff);
      const lines = trialsCsv.slice(1).split('\r\n');
      expect(lines.pop()).toBe(''); // ends with CRLF
      expect(lines.some((l) => l.includes('\n'))).toBe(false);
      expect(lines[0]).toBe(
        'trial,strategy,quarter,bookings,margin,attainment,repsAtQuota,hoursWasted,retainedRecurringRevenue,costOfSale,contribution,specialistHoursWasted',
      );
      const strategies = r.scenario.strategies.length;
      expect(lines.length).toBe(1 + 800 * strategies * (4 + 1));
      for (const line of lines) expect(line.split(',').length).toBe(12);
      // The CSV holds the run's own numbers: trial 0's Q1 bookings for A are the summary's input.
      const summaryDownload = page.waitForEvent('download');
      await page.getByTestId('csv-summary').click();
      const summaryCsv = readFileSync(await (await summaryDownload).path(), 'utf8');
      expect(summaryCsv.charCodeAt(0)).toBe(0xfeff);
      const summaryLines = summaryCsv.slice(1).split('\r\n').filter(Boolean);
      expect(summaryLines[0]).toBe(
        'scenario,seed,trials,currency,period,subject,metric,mean,p10,p50,p90',
      );
      expect(summaryLines.length).toBeGreaterThan(50);
      const beats = summaryLines.find((l) =>
        l.includes(',horizon,A − B,P(A beats B) on bookings,'),
      );
      expect(Number(beats?.split(',')[7])).toBe(r.summary.comparison.horizon.bookings.pABeatsB);
    });

    it('prints a one-page report with the scenario, headline numbers, charts, seed and version', async () => {
      const { page } = await open();
      await setField(page, 'field-trials', '1200');
      await waitForFinal(page);
      const r = await shown(page);
      await page.getByTestId('open-report').click();
      const report = page.getByTestId('report');
      await report.waitFor();
      await settle(page);
      expect(await report.locator('.report-plot svg').count()).toBe(3);
      expect(await text(report.locator('h1'))).toBe('SaaS mid-market team');
      // What differs between A and B, in the line every view says (one rule here: no split).
      expect(await text(page.getByTestId('report-difference'))).toMatch(
        /differ only in which deals are pursued/,
      );
      expect(await page.getByTestId('report-split').count()).toBe(0);
      const reproduce = await text(page.getByTestId('report-reproduce'));
      expect(reproduce).toContain(`seed ${r.scenario.seed}`);
      expect(reproduce).toMatch(/1,200 trials, Sweetspot \d+\.\d+\.\d+/);
      const link = await page.getByTestId('report-reproduce').locator('a').getAttribute('href');
      expect(link).toMatch(/#s=s1\./);
      expect(await text(page.getByTestId('report-headlines'))).toMatch(
        /Bookings \(median; P10–P90\)/,
      );
      await page.screenshot({ path: artifactPath('26-report.png') });

      // Print: only the report, on one A4 page.
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => {
        const d = globalThis as unknown as {
          document: { getElementById(id: string): unknown; querySelector(s: string): unknown };
          getComputedStyle(e: unknown): { display: string };
        };
        const root = d.document.getElementById('root');
        const toolbar = d.document.querySelector('.report-toolbar');
        return {
          root: d.getComputedStyle(root).display,
          toolbar: d.getComputedStyle(toolbar).display,
        };
      });
      expect(printed).toEqual({ root: 'none', toolbar: 'none' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBe(1);
      writeFileSync(artifactPath('26-report.pdf'), pdf);
      await page.emulateMedia({ media: 'screen' });

      // Printing the app itself hides the editor and the controls.
      await page.getByTestId('report-close').click();
      await page.emulateMedia({ media: 'print' });
      const hidden = await page.evaluate(() => {
        const w = globalThis as unknown as {
          document: { querySelector(s: string): unknown };
          getComputedStyle(e: unknown): { display: string };
        };
        return ['.editor-pane', '.run-bar', '.app-tools', '.chart-export'].map(
          (s) => w.getComputedStyle(w.document.querySelector(s)).display,
        );
      });
      expect(hidden).toEqual(['none', 'none', 'none', 'none']);
      await page.emulateMedia({ media: 'screen' });
    });

    it('works offline after the first load (service worker), and is installable', async () => {
      const app = await open();
      const { page, context } = app;
      await waitForFinal(page);
      // Installable: a manifest with icons, served from the origin.
      const manifest = await page.evaluate(async () => {
        const w = globalThis as unknown as {
          document: { querySelector(s: string): { href: string } | null };
          fetch(u: string): Promise<{ json(): Promise<unknown> }>;
        };
        const link = w.document.querySelector('link[rel="manifest"]');
        if (!link) return undefined;
        return (await w.fetch(link.href)).json();
      });
      expect(manifest).toMatchObject({
        name: expect.stringContaining('Sweetspot'),
        display: 'standalone',
      });
      expect((manifest as { icons: Array<{ sizes: string }> }).icons.map((i) => i.sizes)).toEqual(
        expect.arrayContaining(['192x192', '512x512']),
      );
      // The service worker installs, precaches the build and takes control of the page.
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { navigator: { serviceWorker?: { controller: unknown } } })
            .navigator.serviceWorker?.controller != null,
        null,
        { timeout: 30_000 },
      );
      await context.setOffline(true);
      try {
        await page.reload();
        await page.locator('[data-testid="results"]').waitFor({ timeout: 30_000 });
        await waitForFinal(page);
        expect(await fieldValue(page, 'field-name')).toBe('SaaS mid-market team');
        // And it still simulates: an edit runs with no network.
        await setField(page, 'field-team-reps', '10');
        await setField(page, 'field-trials', '1000');
        await waitForFinal(page);
        expect((await runState(page)).result?.key).toContain('"reps":10');
        await page.screenshot({ path: artifactPath('27-offline.png') });
      } finally {
        await context.setOffline(false);
      }
    });
  },
);

/** Drops a file on an element (a real drop event with a DataTransfer). */
async function dropFile(
  page: Page,
  selector: string,
  name: string,
  content: string,
): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name: fileName, content: body }) => {
      const w = globalThis as unknown as {
        DataTransfer: new () => { items: { add(f: unknown): void } };
        File: new (parts: string[], name: string, opts: { type: string }) => unknown;
      };
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([body], fileName, { type: 'application/json' }));
      return dt;
    },
    { name, content },
  );
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}
