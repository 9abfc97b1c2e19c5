/**
 * Tornado benchmark: a full tornado (every default input × low and high, plus the baseline) of
 * the default scenario on a warm Node worker pool, as the web app runs it: trials per run chosen
 * by precision (the web default, ±1% of quota on the baseline, 250 to 2,000 trials), bars handed
 * over as they are done. Reports the time to the baseline, to the first bar and to the whole
 * tornado; then, for comparison, the same tornado with a fixed trial count, and the time from
 * abort() to the rejection of a tornado in progress.
 * Prints a table, then one JSON line (for docs/decision.md).
 * Env: BENCH_WORKERS (default 2, as in the web app on this machine), BENCH_TRIALS (the fixed
 * trial count of the comparison run, default 2,000; 0 skips it), BENCH_HALF_WIDTH (default 0.01).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodePool } from '@sweetspot/runner/node';
import { defaultScenario } from '@sweetspot/scenario';
import { type TornadoOptions, tornado } from '../src/index.ts';

const scenario = defaultScenario();
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const fixedTrials = Number(process.env.BENCH_TRIALS ?? 2000);
const halfWidth = Number(process.env.BENCH_HALF_WIDTH ?? 0.01);

// Shipped configuration: the bundled worker, not the tsx bootstrap.
const dir = mkdtempSync(join(tmpdir(), 'sweetspot-decision-bench-'));
const workerUrl = join(dir, 'worker-node.mjs');
execFileSync(
  process.execPath,
  [fileURLToPath(new URL('../../runner/build.mjs', import.meta.url)), workerUrl],
  { stdio: 'ignore' },
);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One timed tornado: to the baseline, the first bar, the end. */
async function timed(options: TornadoOptions) {
  const start = performance.now();
  let baselineMs = Number.NaN;
  let firstBarMs = Number.NaN;
  const result = await tornado(pool, scenario, {
    ...options,
    onBaseline: () => {
      baselineMs = performance.now() - start;
    },
    onBar: (_bar, { barsDone }) => {
      if (barsDone === 1) firstBarMs = performance.now() - start;
    },
  });
  return { result, baselineMs, firstBarMs, ms: performance.now() - start };
}

const loadAtStart = loadavg()[0] ?? Number.NaN;
const pool = createNodePool({ workers, workerUrl });
try {
  await pool.run(scenario, { trials: 500 * workers, chunkSize: 250 }); // boot + JIT warm-up
  const auto = await timed({ precision: { halfWidth } });
  const autoTrials = auto.result.runs * auto.result.trialsPerRun;
  // For comparison: one plain run of as many trials as the whole tornado, on the same warm pool
  // (the machine's speed at that moment: the tornado's own overhead is the difference).
  const plainStart = performance.now();
  await pool.run(scenario, { trials: autoTrials });
  const plainMs = performance.now() - plainStart;
  const fixed = fixedTrials > 0 ? await timed({ trials: fixedTrials }) : undefined;
  // Cancellation: a tornado aborted once some work is done (from a progress report): time from
  // abort() to its rejection. src/cancel.test.ts checks that it rejects at once and that no chunk
  // reaches the engine afterwards; this measures how long it takes.
  const controller = new AbortController();
  let abortedAt = Number.NaN;
  const abortMs = await tornado(pool, scenario, {
    trials: 2000,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.done > 0 && !controller.signal.aborted) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  }).then(
    () => {
      throw new Error('the aborted tornado completed');
    },
    () => performance.now() - abortedAt,
  );
  const rows = [
    ['scenario', scenario.name],
    ['cpu', `${cpus()[0]?.model ?? '?'} (${availableParallelism()} cores), ${workers} workers`],
    ['inputs varied / skipped', `${auto.result.bars.length} / ${auto.result.skipped.length}`],
    ['runs (baseline included)', String(auto.result.runs)],
    [
      'trials per run (by precision)',
      `${auto.result.trialsPerRun.toLocaleString('en-US')} (target ±${halfWidth * 100}% of quota, reached ${auto.result.precision?.reached})`,
    ],
    ['baseline after', seconds(auto.baselineMs)],
    ['first bar after', seconds(auto.firstBarMs)],
    ['whole tornado', seconds(auto.ms)],
    ['trials per second', Math.round((autoTrials / auto.ms) * 1000).toLocaleString('en-US')],
    [
      'plain run, same trials in all',
      `${seconds(plainMs)} (${Math.round((autoTrials / plainMs) * 1000).toLocaleString('en-US')} trials/s)`,
    ],
    ...(fixed
      ? [
          [
            `fixed ${fixedTrials.toLocaleString('en-US')} trials per run`,
            `first bar ${seconds(fixed.firstBarMs)}, whole ${seconds(fixed.ms)}`,
          ],
        ]
      : []),
    ['abort → tornado rejected', `${abortMs.toFixed(1)} ms`],
    ['load average at start', loadAtStart.toFixed(2)],
    [
      'bars whose swing exceeds its 95% half-width',
      `${auto.result.bars.filter((b) => b.swing > b.swingHalfWidth).length} of ${auto.result.bars.length}; widest five ±${auto.result.bars
        .slice(0, 5)
        .map((b) => `${Math.round((b.swingHalfWidth / b.swing) * 100)}%`)
        .join(', ')} of their swing`,
    ],
    [
      'widest bar',
      `${auto.result.bars[0]?.label} (${Math.round(auto.result.bars[0]?.swing ?? 0)})`,
    ],
  ];
  const width = Math.max(...rows.map((r) => (r[0] as string).length));
  for (const [k, v] of rows) console.log(`${(k as string).padEnd(width)}  ${v}`);
  console.log(
    JSON.stringify({
      bench: 'tornado',
      workers,
      runs: auto.result.runs,
      trialsPerRun: auto.result.trialsPerRun,
      baselineMs: Math.round(auto.baselineMs),
      firstBarMs: Math.round(auto.firstBarMs),
      ms: Math.round(auto.ms),
      trialsPerSecond: Math.round((autoTrials / auto.ms) * 1000),
      plainMs: Math.round(plainMs),
      ...(fixed
        ? {
            fixedTrials,
            fixedFirstBarMs: Math.round(fixed.firstBarMs),
            fixedMs: Math.round(fixed.ms),
          }
        : {}),
      abortMs: Math.round(abortMs * 10) / 10,
      loadAverage: loadAtStart,
    }),
  );
} finally {
  pool.dispose();
  rmSync(dir, { recursive: true, force: true });
}
