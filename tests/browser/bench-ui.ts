/**
 * UI benchmark: the production build of the web app in headless Chromium, timed the way a person
 * feels it. For each of several single edits (the team quota), measures
 *
 *   - edit → first partial result on screen (target ≤ 150 ms),
 *   - edit → final 10,000-trial result on screen (target ≤ 1 s),
 *   - the longest main-thread task while the run is going (target ≤ 50 ms),
 *
 * "On screen": the controller's state has the result and two animation frames have passed.
 * Then, while the app stays responsive (the browser tests check that by events; the times are
 * measured here):
 *
 *   - during a 100,000-trial run, over 8 s: the longest main-thread task (target ≤ 50 ms, the
 *     browser tests used to require < 200 ms), the worst lateness of a 50 ms timer (was < 250 ms)
 *     and click → period switched on screen;
 *   - during a tornado of 200-trial runs (decision panel): the longest main-thread task (was
 *     < 200 ms).
 *
 * Run: `npm run bench:ui` (root script: `tsx tests/browser/bench-ui.ts`). Options: --runs N.
 */
import os from 'node:os';
import type { Page } from 'playwright-core';
import {
  ensureBuilt,
  findChromium,
  launchChromium,
  longTasksSince,
  NO_CHROMIUM_MESSAGE,
  openApp,
  pageNow,
  setField,
  startPreview,
  waitForFinal,
} from './helpers/app.ts';
import type { PageWindow } from './helpers/page-types.ts';

const TARGETS = { firstPartialMs: 150, finalMs: 1000, longestTaskMs: 50 };

interface Sample {
  firstPartialMs: number;
  finalMs: number;
  longestTaskMs: number;
  longTasks: number;
  trials: number;
  summaryMs: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** In the page: types a new quota, then waits for the first and the final result of its run. */
function editAndTime(value: string): Promise<Sample> {
  interface InputLike {
    value: string;
    dispatchEvent(event: unknown): boolean;
  }
  interface Globals extends PageWindow {
    document: PageWindow['document'] & { getElementById(id: string): InputLike | null };
    HTMLInputElement: { prototype: object };
    Event: new (type: string, init: { bubbles: boolean }) => unknown;
  }
  const w = globalThis as unknown as Globals;
  const api = w.__sweetspotTest;
  const input = w.document.getElementById('field-team-quotaPerRepPerQuarter');
  if (!api || !input) return Promise.reject(new Error('not the Sweetspot app'));
  const before = api.state().runId;
  const setter = Object.getOwnPropertyDescriptor(w.HTMLInputElement.prototype, 'value')?.set;
  const afterPaint = () =>
    new Promise<number>((resolve) =>
      w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(performance.now()))),
    );
  return new Promise<Sample>((resolve, reject) => {
    let firstAt: Promise<number> | undefined;
    const t0 = performance.now();
    const timeout = setTimeout(() => reject(new Error('no final result within 120 s')), 120_000);
    const unsubscribe = api.subscribe(() => {
      const s = api.state();
      const r = s.result;
      if (!r || r.runId <= before) return;
      firstAt ??= afterPaint();
      if (r.final && s.phase === 'done') {
        unsubscribe();
        clearTimeout(timeout);
        const summaryMs = (r as unknown as { ms: number }).ms;
        void Promise.all([firstAt, afterPaint()]).then(([first, final]) => {
          const tasks = (w.__longTasks ?? []).filter((t) => t.start >= t0 && t.start <= final);
          resolve({
            firstPartialMs: first - t0,
            finalMs: final - t0,
            longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
            longTasks: tasks.length,
            trials: r.total,
            summaryMs,
          });
        });
      }
    });
    setter?.call(input, value);
    input.dispatchEvent(new w.Event('input', { bubbles: true }));
  });
}

/** Main-thread figures over 8 s of a 100,000-trial run (then stops it). */
async function duringLongRun(page: Page): Promise<{
  longestTaskMs: number;
  longTasks: number;
  worstTimerLagMs: number;
  clickMs: number;
}> {
  await setField(page, 'field-trials', '100000');
  await page.waitForFunction(
    () => {
      const s = (globalThis as unknown as PageWindow).__sweetspotTest?.state();
      return s?.phase === 'running' && s.progress?.total === 100_000 && s.result?.total === 100_000;
    },
    null,
    { timeout: 60_000, polling: 100 },
  );
  const t0 = await pageNow(page);
  // How late a 50 ms timer fires, worst case over 8 s of the run.
  const worstTimerLagMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let worst = 0;
        let last = performance.now();
        const timer = setInterval(() => {
          const now = performance.now();
          worst = Math.max(worst, now - last - 50);
          last = now;
        }, 50);
        setTimeout(() => {
          clearInterval(timer);
          resolve(worst);
        }, 8000);
      }),
  );
  const clickStart = performance.now();
  await page.locator('label[for="period-1"]').click();
  await page.waitForFunction(
    () =>
      (
        globalThis as unknown as {
          document: { getElementById(id: string): { checked: boolean } | null };
        }
      ).document.getElementById('period-1')?.checked === true,
    null,
    { polling: 'raf' },
  );
  const clickMs = performance.now() - clickStart;
  const tasks = await longTasksSince(page, t0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.locator('label[for="period-0"]').click();
  return { longestTaskMs: tasks.max, longTasks: tasks.count, worstTimerLagMs, clickMs };
}

/** Longest main-thread task while the decision panel's tornado (200-trial runs) runs. */
async function duringTornado(page: Page): Promise<{ longestTaskMs: number; longTasks: number }> {
  await setField(page, 'field-trials', '2000');
  await waitForFinal(page);
  const tornado = page.locator('[data-testid="tornado"]');
  await page.fill('#tornado-trials', '200');
  const t0 = await pageNow(page);
  await tornado.locator('[data-testid="run"]').click();
  await tornado
    .locator('[data-testid="status"]', { hasText: /^Done\.$/ })
    .waitFor({ timeout: 300_000 });
  const tasks = await longTasksSince(page, t0);
  return { longestTaskMs: tasks.max, longTasks: tasks.count };
}

async function main(): Promise<void> {
  const runs = arg('runs', 5);
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.error(`bench:ui: ${NO_CHROMIUM_MESSAGE}`);
    process.exit(process.env.CI ? 1 : 0);
  }
  ensureBuilt();
  const server = await startPreview();
  const browser = await launchChromium(chromiumPath);
  try {
    const app = await openApp(browser, server.url);
    const { page } = app;
    await waitForFinal(page);
    // tsx compiles with esbuild's keepNames, which wraps functions in __name(): page.evaluate
    // ships editAndTime's source to the page, so give the page a no-op __name.
    await page.evaluate('globalThis.__name = (f) => f');
    const cores = await page.evaluate(
      () =>
        (globalThis as unknown as { navigator: { hardwareConcurrency: number } }).navigator
          .hardwareConcurrency,
    );
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      await page.waitForTimeout(400); // a quiet spell: each edit is a fresh one, not a burst
      const sample = await page.evaluate(editAndTime, String(150_000 + (i + 1) * 5000));
      samples.push(sample);
      console.log(
        `run ${i + 1}: first partial ${sample.firstPartialMs.toFixed(0)} ms, final (${sample.trials} trials) ` +
          `${sample.finalMs.toFixed(0)} ms, longest task ${sample.longestTaskMs.toFixed(0)} ms ` +
          `(${sample.longTasks} ≥ 50 ms), last summary ${sample.summaryMs.toFixed(0)} ms in the worker`,
      );
    }
    const row = (label: string, key: keyof typeof TARGETS) => {
      const values = samples.map((s) => s[key]);
      const med = median(values);
      const max = Math.max(...values);
      const ok = med <= TARGETS[key] ? 'meets target' : 'MISSES target';
      return `${label.padEnd(34)} median ${med.toFixed(0).padStart(6)} ms   max ${max.toFixed(0).padStart(6)} ms   target ≤ ${TARGETS[key]} ms: ${ok}`;
    };
    console.log('');
    console.log(
      `Sweetspot UI benchmark — ${runs} edits, Chromium headless, ${cores} logical CPUs in the page ` +
        `(host: ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1)})`,
    );
    console.log(row('edit → first partial result', 'firstPartialMs'));
    console.log(row('edit → final 10,000-trial result', 'finalMs'));
    console.log(row('longest main-thread task in a run', 'longestTaskMs'));

    const long = await duringLongRun(page);
    const verdict = (value: number, target: number) =>
      value <= target ? 'meets target' : 'MISSES target';
    console.log(
      `${'100k-trial run, 8 s: longest task'.padEnd(34)} ${long.longestTaskMs.toFixed(0).padStart(6)} ms (${long.longTasks} ≥ 50 ms)   target ≤ ${TARGETS.longestTaskMs} ms: ${verdict(long.longestTaskMs, TARGETS.longestTaskMs)}`,
    );
    console.log(
      `${'100k-trial run: worst timer lag'.padEnd(34)} ${long.worstTimerLagMs.toFixed(0).padStart(6)} ms (a 50 ms interval, over 8 s)`,
    );
    console.log(
      `${'100k-trial run: click → switched'.padEnd(34)} ${long.clickMs.toFixed(0).padStart(6)} ms (period radio, seen from the driver)`,
    );
    const tornado = await duringTornado(page);
    console.log(
      `${'tornado (200-trial runs): longest'.padEnd(34)} ${tornado.longestTaskMs.toFixed(0).padStart(6)} ms (${tornado.longTasks} ≥ 50 ms)   target ≤ ${TARGETS.longestTaskMs} ms: ${verdict(tornado.longestTaskMs, TARGETS.longestTaskMs)}`,
    );
    const round = (value: number) => Math.round(value);
    console.log(
      JSON.stringify({
        bench: 'ui',
        cores,
        editMedians: {
          firstPartialMs: round(median(samples.map((x) => x.firstPartialMs))),
          finalMs: round(median(samples.map((x) => x.finalMs))),
          longestTaskMs: round(median(samples.map((x) => x.longestTaskMs))),
        },
        longRun: {
          longestTaskMs: round(long.longestTaskMs),
          longTasks: long.longTasks,
          worstTimerLagMs: round(long.worstTimerLagMs),
          clickMs: round(long.clickMs),
        },
        tornado: { longestTaskMs: round(tornado.longestTaskMs), longTasks: tornado.longTasks },
        loadAverage: os.loadavg()[0],
      }),
    );
    if (app.cspViolations.length > 0 || app.externalRequests.length > 0) {
      console.log(
        `CSP violations: ${app.cspViolations.length}, external requests: ${app.externalRequests.length}`,
      );
    }
    await app.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
