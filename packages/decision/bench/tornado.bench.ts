/**
 * Tornado benchmark: a full tornado (every default input × low and high, plus the baseline) of
 * the default scenario on a warm Node worker pool, as the CLI runs it.
 * Also: time from abort() to the rejection of a tornado in progress.
 * Prints a table, then one JSON line (for docs/decision.md).
 * Env: BENCH_TRIALS (trials per run, default 2,000 so `npm run bench` stays a few minutes), BENCH_WORKERS (default:
 * all cores).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodePool } from '@sweetspot/runner/node';
import { defaultScenario } from '@sweetspot/scenario';
import { tornado } from '../src/index.ts';

const scenario = defaultScenario();
const trials = Number(process.env.BENCH_TRIALS ?? 2000);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());

// Shipped configuration: the bundled worker, not the tsx bootstrap.
const dir = mkdtempSync(join(tmpdir(), 'sweetspot-decision-bench-'));
const workerUrl = join(dir, 'worker-node.mjs');
execFileSync(
  process.execPath,
  [fileURLToPath(new URL('../../runner/build.mjs', import.meta.url)), workerUrl],
  { stdio: 'ignore' },
);

const loadAtStart = loadavg()[0] ?? Number.NaN;
const pool = createNodePool({ workers, workerUrl });
try {
  await pool.run(scenario, { trials: 500 * workers, chunkSize: 250 }); // boot + JIT warm-up
  const start = performance.now();
  let lastReport = start;
  const result = await tornado(pool, scenario, {
    trials,
    onProgress: (p) => {
      const now = performance.now();
      if (now - lastReport > 5_000) {
        lastReport = now;
        process.stderr.write(`  ${p.runsDone}/${p.runs} runs, ${p.done}/${p.total} trials\n`);
      }
    },
  });
  const ms = performance.now() - start;
  const totalTrials = result.runs * result.trialsPerRun;
  // For comparison: one plain run of the baseline scenario on the same warm pool.
  const plainTrials = Math.min(1_000_000, 5 * trials);
  const plainStart = performance.now();
  await pool.run(scenario, { trials: plainTrials });
  const plainMs = performance.now() - plainStart;
  // Cancellation: a second tornado, aborted once some work is done (from a progress report):
  // time from abort() to the tornado's rejection. src/cancel.test.ts checks that it rejects at
  // once and that no chunk reaches the engine afterwards; this measures how long it takes.
  const controller = new AbortController();
  let abortedAt = Number.NaN;
  const aborted = tornado(pool, scenario, {
    trials,
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
  const abortMs = await aborted;
  const rows = [
    ['scenario', scenario.name],
    ['cpu', `${cpus()[0]?.model ?? '?'} (${availableParallelism()} cores), ${workers} workers`],
    ['inputs varied', String(result.bars.length)],
    ['inputs skipped', String(result.skipped.length)],
    ['runs (baseline included)', String(result.runs)],
    ['trials per run', result.trialsPerRun.toLocaleString('en-US')],
    ['trials in all', totalTrials.toLocaleString('en-US')],
    ['wall time', `${(ms / 1000).toFixed(1)} s`],
    ['trials per second', Math.round((totalTrials / ms) * 1000).toLocaleString('en-US')],
    [
      'plain run, for comparison',
      `${plainTrials.toLocaleString('en-US')} trials in ${(plainMs / 1000).toFixed(1)} s = ${Math.round((plainTrials / plainMs) * 1000).toLocaleString('en-US')} trials/s`,
    ],
    ['abort → tornado rejected', `${abortMs.toFixed(1)} ms`],
    ['load average at start', loadAtStart.toFixed(2)],
    ['widest bar', `${result.bars[0]?.label} (${Math.round(result.bars[0]?.swing ?? 0)})`],
  ];
  const width = Math.max(...rows.map((r) => (r[0] as string).length));
  for (const [k, v] of rows) console.log(`${(k as string).padEnd(width)}  ${v}`);
  console.log(
    JSON.stringify({
      bench: 'tornado',
      workers,
      runs: result.runs,
      trialsPerRun: result.trialsPerRun,
      trials: totalTrials,
      ms: Math.round(ms),
      trialsPerSecond: Math.round((totalTrials / ms) * 1000),
      plainTrialsPerSecond: Math.round((plainTrials / plainMs) * 1000),
      abortMs: Math.round(abortMs * 10) / 10,
      loadAverage: loadAtStart,
    }),
  );
} finally {
  pool.dispose();
  rmSync(dir, { recursive: true, force: true });
}
