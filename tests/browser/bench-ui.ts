/**
 * UI benchmark: the production build of the web app in headless Chromium, timed the way a person
 * feels it. For each of several single edits (the team quota), measures
 *
 *   - edit (a value typed, then Enter) → first partial result on screen (target ≤ 150 ms),
 *   - edit → final headline on screen: the run stops when precise (docs/model.md §17; target ≤ 1 s),
 *   - the longest main-thread task while the run is going (target ≤ 50 ms),
 *
 * the same edits on a team calibrated from the shared Maven CRM export (`sweetspot calibrate`,
 * opened as a share link; target ≤ 3 s to the final headline),
 *
 * "On screen": the controller's state has the result and two animation frames have passed.
 * Then, while the app stays responsive (the browser tests check that by events; the times are
 * measured here):
 *
 *   - during a 100,000-trial run, over 8 s: the longest main-thread task (target ≤ 50 ms, the
 *     browser tests used to require < 200 ms), the worst lateness of a 50 ms timer (was < 250 ms)
 *     and click → period switched on screen;
 *   - the tornado on the default scenario, every input, trials chosen by precision ("auto"): time
 *     to the first bar (target ≤ 1 s) and to the whole tornado (target ≤ 10 s), and the longest
 *     main-thread task.
 *
 * Run: `npm run bench:ui` (root script: `tsx tests/browser/bench-ui.ts`). Options: --runs N.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeShareCode, type Scenario } from '@sweetspot/scenario';
import { sampleCalibrateArgs } from '@sweetspot/testing/sample';
import type { Page } from 'playwright-core';
import {
  type AppPage,
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

const TARGETS = {
  firstPartialMs: 150,
  finalMs: 1000,
  longestTaskMs: 50,
  mavenFinalMs: 3000,
  tornadoFirstBarMs: 1000,
  tornadoMs: 10_000,
};

/** The shared CRM sample, beside the project (docs/calibration.md). */
const MAVEN = path.resolve(import.meta.dirname, '../../../shared/data/crm-sales-opportunities');

/** The Maven team, calibrated as docs/calibration.md does it with the built CLI. */
function mavenScenario(): Scenario {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-ui-')), 'maven.json');
  const bin = path.resolve(import.meta.dirname, '../../apps/cli/bin/sweetspot.mjs');
  try {
    execFileSync(
      process.execPath,
      [bin, 'calibrate', ...sampleCalibrateArgs(), '--accept-gaps', '--out', out],
      { cwd: MAVEN, stdio: 'ignore' },
    );
  } catch {
    // Exit code 3 (gaps) still writes the scenario; --accept-gaps makes it 0.
  }
  return JSON.parse(readFileSync(out, 'utf8')) as Scenario;
}

/** Answers "Run it?" when a run estimated over a minute asks first (LinkRunPrompt). */
async function runIfAsked(page: Page): Promise<void> {
  const prompt = page.getByTestId('link-run-prompt');
  await page.waitForTimeout(300);
  if ((await prompt.count()) > 0) await page.getByTestId('link-run-all').click();
}

/** The main-thread tasks of 50 ms or more over a stretch: the longest, and how many. */
interface LongTasks {
  longestTaskMs: number;
  longTasks: number;
}

/** The long tasks since `t0` (page clock). */
async function longTasksAfter(page: Page, t0: number): Promise<LongTasks> {
  const tasks = await longTasksSince(page, t0);
  return { longestTaskMs: tasks.max, longTasks: tasks.count };
}

/** Sets the trials a run asks for, with stopping at the precision target on or off. */
async function setTrials(page: Page, trials: number, precision: boolean): Promise<void> {
  const stopAtPrecision = page.locator('#field-precision');
  await (precision ? stopAtPrecision.check() : stopAtPrecision.uncheck());
  await setField(page, 'field-trials', String(trials));
}

interface Sample extends LongTasks {
  firstPartialMs: number;
  finalMs: number;
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
    KeyboardEvent: new (type: string, init: { key: string; bubbles: boolean }) => unknown;
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
    // The edit is complete (Enter): a keystroke alone waits for a pause (half-typed numbers).
    input.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
}

/** Main-thread figures over 8 s of a 100,000-trial run (then stops it). */
async function duringLongRun(
  page: Page,
): Promise<LongTasks & { worstTimerLagMs: number; clickMs: number }> {
  // Exactly 100,000 trials: precision off, and the run estimated over a minute agreed to.
  await setTrials(page, 100_000, false);
  await runIfAsked(page);
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
  const tasks = await longTasksAfter(page, t0);
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.locator('label[for="period-0"]').click();
  return { ...tasks, worstTimerLagMs, clickMs };
}

/**
 * The tornado on the default scenario, every input, trials chosen by precision ("auto", the
 * default): page-clock times to the first bar and to "Done.", and the longest main-thread task.
 */
async function duringTornado(
  page: Page,
): Promise<LongTasks & { firstBarMs: number; doneMs: number; bars: number }> {
  await setTrials(page, 10_000, true);
  await waitForFinal(page);
  const tornado = page.locator('[data-testid="tornado"]');
  await page.fill('#tornado-trials', 'auto');
  const t0 = await pageNow(page);
  const times = tornado.evaluate(
    (el) =>
      new Promise<{ firstBarMs: number; doneMs: number; bars: number }>((resolve) => {
        interface Node {
          querySelector(selector: string): { textContent: string | null } | null;
          querySelectorAll(selector: string): { length: number };
        }
        const section = el as unknown as Node;
        const start = performance.now();
        let firstBarMs = Number.NaN;
        const w = globalThis as unknown as {
          MutationObserver: new (
            callback: () => void,
          ) => {
            observe(target: unknown, options: Record<string, boolean>): void;
            disconnect(): void;
          };
        };
        const observer = new w.MutationObserver(() => {
          const bars = section.querySelectorAll('[data-testid="tornado-row"]').length;
          if (bars > 0 && Number.isNaN(firstBarMs)) firstBarMs = performance.now() - start;
          if (section.querySelector('[data-testid="status"]')?.textContent === 'Done.') {
            observer.disconnect();
            resolve({ firstBarMs, doneMs: performance.now() - start, bars });
          }
        });
        observer.observe(section, { childList: true, subtree: true, characterData: true });
      }),
  );
  await tornado.locator('[data-testid="run"]').click();
  const result = await times;
  return { ...result, ...(await longTasksAfter(page, t0)) };
}

/** Edits on a team calibrated from the Maven export, opened as a share link. */
async function mavenEdits(
  open: (query: string) => Promise<AppPage>,
  runs: number,
): Promise<Sample[]> {
  const scenario = mavenScenario();
  const app = await open(`#s=${encodeShareCode(scenario)}`);
  const { page } = app;
  await runIfAsked(page);
  await waitForFinal(page, 300_000);
  await page.evaluate('globalThis.__name = (f) => f');
  const samples: Sample[] = [];
  const quota = scenario.team.quotaPerRepPerQuarter;
  for (let i = 0; i < runs; i++) {
    await page.waitForTimeout(400);
    samples.push(
      await page.evaluate(editAndTime, String(Math.round(quota * (1 + (i + 1) * 0.02)))),
    );
  }
  await app.close();
  return samples;
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
    const row = (label: string, key: 'firstPartialMs' | 'finalMs' | 'longestTaskMs') => {
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
    console.log(row('edit → final headline (precise)', 'finalMs'));
    console.log(
      `${''.padEnd(34)} trials per final headline: ${samples.map((x) => x.trials).join(', ')}`,
    );
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
      `${'tornado (auto): first bar'.padEnd(34)} ${tornado.firstBarMs.toFixed(0).padStart(6)} ms   target ≤ ${TARGETS.tornadoFirstBarMs} ms: ${verdict(tornado.firstBarMs, TARGETS.tornadoFirstBarMs)}`,
    );
    console.log(
      `${'tornado (auto): all bars'.padEnd(34)} ${tornado.doneMs.toFixed(0).padStart(6)} ms (${tornado.bars} bars)   target ≤ ${TARGETS.tornadoMs} ms: ${verdict(tornado.doneMs, TARGETS.tornadoMs)}`,
    );
    console.log(
      `${'tornado (auto): longest task'.padEnd(34)} ${tornado.longestTaskMs.toFixed(0).padStart(6)} ms (${tornado.longTasks} ≥ 50 ms)   target ≤ ${TARGETS.longestTaskMs} ms: ${verdict(tornado.longestTaskMs, TARGETS.longestTaskMs)}`,
    );
    const maven = await mavenEdits((query) => openApp(browser, server.url, query), runs);
    const mavenMedian = median(maven.map((x) => x.finalMs));
    console.log(
      `${'Maven team: edit → final headline'.padEnd(34)} median ${mavenMedian.toFixed(0).padStart(6)} ms   max ${Math.max(
        ...maven.map((x) => x.finalMs),
      )
        .toFixed(0)
        .padStart(
          6,
        )} ms   target ≤ ${TARGETS.mavenFinalMs} ms: ${verdict(mavenMedian, TARGETS.mavenFinalMs)} (trials: ${maven.map((x) => x.trials).join(', ')}; first partial median ${median(maven.map((x) => x.firstPartialMs)).toFixed(0)} ms)`,
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
        tornado: {
          firstBarMs: round(tornado.firstBarMs),
          doneMs: round(tornado.doneMs),
          bars: tornado.bars,
          longestTaskMs: round(tornado.longestTaskMs),
          longTasks: tornado.longTasks,
        },
        maven: {
          finalMs: round(mavenMedian),
          firstPartialMs: round(median(maven.map((x) => x.firstPartialMs))),
          trials: maven.map((x) => x.trials),
        },
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
