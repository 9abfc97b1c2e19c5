/**
 * Runner benchmarks on the default scenario (2 strategies × 4 quarters):
 * - speed-up of 2 workers over 1 (warm pools), target ≥ 1.9× on 2 cores;
 * - end-to-end wall time of 100 000 trials (pool start included), target ≤ 3 s on 2 cores;
 * - time to the first partial result;
 * - abort mid-run: time from abort() to the run's rejection, and to the exit of every busy
 *   worker thread (the tests check that abort rejects at once and terminates the busy threads;
 *   how long that takes is measured here).
 * Prints a table, then one JSON line per figure (for docs/benchmarks.md).
 * Env: BENCH_TRIALS (default 100000), BENCH_SPEEDUP_TRIALS (default 10000), BENCH_ABORT_REPEATS
 * (default 5).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Layout } from '@sweetspot/engine';
import { defaultScenario } from '@sweetspot/scenario';
import { createNodePool, type NodeWorkerHandle, spawnNodeWorker } from '../src/node.ts';
import { createPool } from '../src/pool.ts';
import type { Runner } from '../src/types.ts';

const TRIALS = Number(process.env.BENCH_TRIALS ?? 100_000);
const SPEEDUP_TRIALS = Number(process.env.BENCH_SPEEDUP_TRIALS ?? 10_000);
const ABORT_REPEATS = Number(process.env.BENCH_ABORT_REPEATS ?? 5);
const cores = availableParallelism();
const loadAtStart = loadavg()[0] ?? Number.NaN;
const scenario = defaultScenario();

// Shipped configuration: the bundled worker, not the tsx bootstrap.
const dir = mkdtempSync(join(tmpdir(), 'sweetspot-bench-'));
const workerUrl = join(dir, 'worker-node.mjs');
const buildScript = fileURLToPath(new URL('../build.mjs', import.meta.url));
execFileSync(process.execPath, [buildScript, workerUrl], { stdio: 'ignore' });

const now = () => performance.now();

interface Timing {
  ms: number;
  firstPartialMs: number;
  /** CPU time of the whole process, all threads (user + system). */
  cpuMs: number;
}

async function timed(runner: Runner, trials: number): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = now();
  let firstPartialMs = Number.NaN;
  await runner.run(scenario, {
    trials,
    onPartial: () => {
      if (Number.isNaN(firstPartialMs)) firstPartialMs = now() - start;
    },
  });
  const used = process.cpuUsage(cpu);
  return { ms: now() - start, firstPartialMs, cpuMs: (used.user + used.system) / 1000 };
}

async function warmPool(workers: number): Promise<Runner> {
  const pool = createNodePool({ workers, workerUrl });
  await pool.run(scenario, { trials: 500 * workers, chunkSize: 250 }); // boot + JIT warm-up
  return pool;
}

const results: Array<{ name: string; value: number; unit: string; note: string }> = [];
const record = (name: string, value: number, unit: string, note: string) =>
  results.push({ name, value: Math.round(value * 100) / 100, unit, note });

try {
  // 1. Speed-up of 2 workers over 1: warm pools, best of 2 runs each.
  const best = async (workers: number): Promise<Timing> => {
    const pool = await warmPool(workers);
    const runs: Timing[] = [];
    for (let i = 0; i < 2; i++) runs.push(await timed(pool, SPEEDUP_TRIALS));
    pool.dispose();
    return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  };
  const one = await best(1);
  const two = await best(2);
  const note = `${SPEEDUP_TRIALS} trials, warm, best of 2`;
  record('1 worker', one.ms, 'ms', note);
  record('2 workers', two.ms, 'ms', note);
  record(
    'speed-up 2 over 1',
    one.ms / two.ms,
    '×',
    `wall time; target ≥ 1.9 on 2 cores (${cores} here)`,
  );
  // On a shared machine the wall-time speed-up also measures everyone else's load. CPU time
  // shows what the pool itself costs: if 2 workers need no more CPU than 1 for the same trials,
  // an idle 2-core machine gets close to 2 × cpu(1) / cpu(2).
  record('cores used, 2 workers', two.cpuMs / two.ms, 'cores', 'process CPU time / wall time');
  record(
    'CPU cost, 2 vs 1 worker',
    two.cpuMs / one.cpuMs,
    '×',
    'same trials; 1 = no pool overhead',
  );
  record('throughput, 1 worker', (SPEEDUP_TRIALS / one.ms) * 1000, 'trials/s', 'one core');

  // 2. End to end: pool start (cold threads) + TRIALS trials on all cores.
  const coldStart = now();
  const pool = createNodePool({ workers: cores, workerUrl });
  const cold = await timed(pool, TRIALS);
  const target = 'target ≤ 3000 on 2 cores';
  record(
    `${TRIALS} trials, cold pool`,
    now() - coldStart,
    'ms',
    `${cores} workers, start included; ${target}`,
  );
  record('cores used, cold run', cold.cpuMs / cold.ms, 'cores', 'process CPU time / wall time');
  record('first partial, cold pool', cold.firstPartialMs, 'ms', 'default chunking (250 first)');
  const warm = await timed(pool, TRIALS);
  record(`${TRIALS} trials, warm pool`, warm.ms, 'ms', `${cores} workers`);
  record('first partial, warm pool', warm.firstPartialMs, 'ms', 'default chunking (250 first)');
  pool.dispose();

  // 3. Abort mid-run on a warm pool, past the first partial result (every worker busy): time to
  //    the rejection, and until every busy thread has exited. Median of ABORT_REPEATS.
  const spawned: NodeWorkerHandle[] = [];
  const abortPool = createPool({
    size: cores,
    spawn: () => {
      const handle = spawnNodeWorker({ workerUrl });
      spawned.push(handle);
      return handle;
    },
  });
  await abortPool.run(scenario, { trials: 500 * cores, chunkSize: 250 }); // boot + JIT warm-up
  const rejectMs: number[] = [];
  const exitMs: number[] = [];
  for (let i = 0; i < ABORT_REPEATS; i++) {
    const controller = new AbortController();
    let firstPartial: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstPartial = resolve;
    });
    const running = abortPool.run(scenario, {
      trials: TRIALS,
      signal: controller.signal,
      onPartial: () => firstPartial(),
    });
    const early = await Promise.race([started.then(() => undefined), running.catch((e) => e)]);
    if (early !== undefined) throw new Error(`the run ended before its first partial: ${early}`);
    const busy = spawned.slice(-cores);
    const exited = busy.map((h) => new Promise<void>((resolve) => h.worker.once('exit', resolve)));
    const start = now();
    controller.abort();
    await running.catch(() => {});
    rejectMs.push(now() - start);
    await Promise.all(exited);
    exitMs.push(now() - start);
  }
  abortPool.dispose();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const abortNote = `warm pool, ${cores} busy workers, median of ${ABORT_REPEATS}`;
  record('abort → run rejected', median(rejectMs), 'ms', abortNote);
  record('abort → busy threads exited', median(exitMs), 'ms', abortNote);

  const { strategies, horizon, segments } = scenario;
  const layout = new Layout(strategies.length, horizon.quarters, segments.length);
  const mb = ((layout.bytesPerTrial * TRIALS) / 1e6).toFixed(1);
  record('bytes per trial', layout.bytesPerTrial, 'B', `${TRIALS} trials: ${mb} MB of columns`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cores} cores (${cpu}), Node ${process.version}, load average ${loadAtStart.toFixed(1)} at start`;
console.log(`\nRunner benchmark — default scenario, ${machine}\n`);
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  console.log(
    `${r.name.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit.padEnd(8)}  ${r.note}`,
  );
}
console.log('');
for (const r of results) console.log(JSON.stringify({ bench: 'runner', ...r, machine }));
