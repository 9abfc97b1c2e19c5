/**
 * Soak test of the web app (issue 16): 100 rapid edits, a simulation worker killed mid-run, and a
 * tab reload mid-run, one after the other on one page. Afterwards: no leaked workers (Chromium's
 * own list of the page's dedicated workers, `page.workers()`), the final result is exactly that of
 * a clean run of the same scenario in a fresh browser context, and the saved scenario library is
 * byte for byte what it was. Behaviour only: nothing here is timed.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { type AppPage, runState, saveToLibrary, setField, waitForFinal } from './helpers/app.ts';
import type { PageWindow } from './helpers/page-types.ts';
import { browserSuite } from './helpers/suite.ts';

const FIELD = { trials: 'field-trials', reps: 'field-team-reps' } as const;

/** Everything in the library's IndexedDB (apps/web/src/library/store.ts), sorted by id. */
async function libraryContents(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    interface Req<T> {
      result: T;
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
    }
    interface Db {
      transaction(s: string[], m: string): { objectStore(n: string): { getAll(): Req<unknown[]> } };
      close(): void;
    }
    const idb = (globalThis as unknown as { indexedDB: { open(name: string): Req<Db> } }).indexedDB;
    const wait = <T>(r: Req<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error('IndexedDB request failed'));
      });
    const db = await wait(idb.open('sweetspot-library'));
    const read = (store: string) =>
      wait(db.transaction([store], 'readonly').objectStore(store).getAll());
    const contents = { entries: await read('entries'), revisions: await read('revisions') };
    db.close();
    return JSON.parse(JSON.stringify(contents));
  });
}

/** The displayed result's exact figures (every strategy, quarter and metric) and its scenario. */
async function exactResult(page: Page): Promise<{ key: string; summary: unknown }> {
  return page.evaluate(() => {
    const r = (globalThis as unknown as PageWindow).__sweetspotTest?.state().result as
      | { key: string; final: boolean; summary: unknown }
      | undefined;
    if (!r?.final) throw new Error('no final result on screen');
    return { key: r.key, summary: JSON.parse(JSON.stringify(r.summary)) };
  });
}

/** The page's dedicated workers by kind (from the built file names: sim.worker-<hash>.js, …). */
function workersByKind(page: Page): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const w of page.workers()) {
    const kind = /\/([a-z]+)\.worker-/.exec(w.url())?.[1] ?? w.url();
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** The app's simulation pool size on this browser (docs/runner.md: cores − 1, all on ≤ 2, ≤ 8). */
async function poolSize(page: Page): Promise<number> {
  const cores = await page.evaluate(
    () =>
      (globalThis as unknown as { navigator: { hardwareConcurrency: number } }).navigator
        .hardwareConcurrency || 4,
  );
  return Math.max(1, Math.min(8, cores <= 2 ? cores : cores - 1));
}

/** Waits until a run is in progress with some trials done but not all. */
async function waitMidRun(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state();
      return (
        s?.phase === 'running' &&
        s.progress !== undefined &&
        s.progress.done > 0 &&
        s.progress.done < s.progress.total
      );
    },
    null,
    { timeout: 120_000, polling: 20 },
  );
}

/** No simulation, summary or decoder worker beyond what the app keeps; no crash-test worker. */
async function expectNoLeakedWorkers(page: Page): Promise<void> {
  const pool = await poolSize(page);
  // Workers that end are removed from the list as Chromium reports them gone.
  await expect
    .poll(() => {
      const w = workersByKind(page);
      return (w.sim ?? 0) <= pool && (w.summary ?? 0) <= 1 && !w.decode && !w.crash;
    })
    .toBe(true);
  const kinds = Object.keys(workersByKind(page)).sort();
  for (const kind of kinds) expect(['sim', 'summary'], `unexpected worker ${kind}`).toContain(kind);
}

browserSuite(
  'soak: rapid edits, a killed worker, a reload (production build, Chromium)',
  (suite) => {
    it('ends with no leaked workers, the clean run’s exact result and the library intact', async () => {
      const opened: AppPage[] = [];
      try {
        const app = await suite.open();
        opened.push(app);
        const { page } = app;
        await waitForFinal(page);

        // A saved scenario, to check the library comes through untouched.
        await setField(page, FIELD.trials, '1500');
        await waitForFinal(page);
        await saveToLibrary(page, 'Soak baseline');
        await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
        await page.keyboard.press('Escape');
        const library = await libraryContents(page);
        expect((library as { entries: unknown[] }).entries).toHaveLength(1);

        // 1. A hundred edits in a row, none waiting for the one before to finish (reps 2–11, trials
        //    1,000–1,990: never the saved scenario, so its stored headline must not change).
        const runIdBefore = (await runState(page)).runId;
        for (let i = 0; i < 100; i++) {
          if (i % 2 === 0) await setField(page, FIELD.reps, String(2 + (i % 10)));
          else await setField(page, FIELD.trials, String(1000 + 10 * i));
        }
        await setField(page, FIELD.reps, '9');
        await setField(page, FIELD.trials, '2000');
        await waitForFinal(page);
        const afterEdits = await runState(page);
        expect(afterEdits.result?.key).toContain('"reps":9');
        expect(afterEdits.result?.key).toContain('"trials":2000');
        // Edits were coalesced: some runs started (and were superseded), far fewer than 102.
        const runs = afterEdits.runId - runIdBefore;
        expect(runs).toBeGreaterThanOrEqual(1);
        expect(runs).toBeLessThan(102);
        await expectNoLeakedWorkers(page);

        // 2. A simulation worker dies mid-run (an uncaught error thrown inside it): the run says so,
        //    and Retry finishes it.
        await setField(page, FIELD.trials, '6000');
        await waitMidRun(page);
        const sim = page.workers().find((w) => w.url().includes('/sim.worker-'));
        expect(sim, 'a simulation worker').toBeDefined();
        await sim?.evaluate(() => {
          setTimeout(() => {
            throw new Error('Killed by the soak test');
          }, 0);
        });
        const error = page.locator('[data-testid="run-error"]');
        await error.waitFor({ timeout: 60_000 });
        expect(await error.textContent()).toMatch(/Killed by the soak test/);
        await page.locator('.run-bar [data-testid="retry"]').click();
        await waitForFinal(page);
        expect(await error.count()).toBe(0);
        await expectNoLeakedWorkers(page);

        // 3. The tab is reloaded mid-run: the URL kept the scenario, which runs again from the start.
        //    (Once the URL has caught up with the edit: it follows 400 ms after the last edit, and a
        //    reload within those 400 ms reloads the URL as it was.)
        const hashBefore = new URL(page.url()).hash;
        await setField(page, FIELD.trials, '5000');
        await expect.poll(() => new URL(page.url()).hash).not.toBe(hashBefore);
        await waitMidRun(page);
        const keyBeforeReload = (await runState(page)).latestKey;
        await page.reload();
        await waitForFinal(page);
        const final = await exactResult(page);
        expect(final.key).toBe(keyBeforeReload);
        await expectNoLeakedWorkers(page);

        // The library is exactly as saved.
        expect(await libraryContents(page)).toEqual(library);

        // A clean run of the same scenario, in a fresh context, gives exactly the same result.
        const hash = new URL(page.url()).hash;
        expect(hash).toMatch(/^#s=s1\./);
        const clean = await suite.open(hash);
        opened.push(clean);
        await waitForFinal(clean.page);
        expect(await exactResult(clean.page)).toEqual(final);
      } finally {
        for (const app of opened) {
          await app.close();
          expect(app.cspViolations, 'Content-Security-Policy violations').toEqual([]);
          expect(app.pageErrors, 'uncaught page errors').toEqual([]);
          expect(app.externalRequests, 'requests to other origins').toEqual([]);
        }
      }
    }, 600_000);
  },
);
