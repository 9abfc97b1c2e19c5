/** Real worker threads running the real engine. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SimulationChunk, simulateChunk } from '@sweetspot/engine';
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CrashKind } from './api.ts';
import { RunAbortedError, ScenarioError, WorkerCrashedError } from './errors.ts';
import { createInThreadRunner } from './in-thread.ts';
import {
  builtNodeWorkerUrl,
  createNodePool,
  defaultNodeWorkerUrl,
  type NodeWorkerHandle,
  type NodeWorkerOptions,
  nodeWorkerBootstrapUrl,
  spawnNodeWorker,
} from './node.ts';
import { createPool } from './pool.ts';
import {
  lastPartial,
  runKeepingPartials,
  sameChunk,
  sleep,
  smallScenario,
} from './test-support.ts';
import type { Runner, RunProgress } from './types.ts';

// Real threads and the real engine: generous limits whichever config runs this file.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

/** Every runner a test makes is disposed after it, even when the test fails. */
const open: Runner[] = [];
afterEach(() => {
  for (const runner of open.splice(0)) runner.dispose();
});
function track<R extends Runner>(runner: R): R {
  open.push(runner);
  return runner;
}
function nodePool(options: Parameters<typeof createNodePool>[0]): Runner {
  return track(createNodePool(options));
}

/** Worker threads started from source (the tsx bootstrap), never a possibly stale build. */
const source: NodeWorkerOptions = { workerUrl: nodeWorkerBootstrapUrl };

/** A pool that records its workers, whether they exited, and can arm the first to crash. */
function trackedPool(size: number, options: { crashFirst?: CrashKind } & NodeWorkerOptions = {}) {
  const { crashFirst, ...workerOptions } = options;
  const spawned: NodeWorkerHandle[] = [];
  const exited = new Set<NodeWorkerHandle>();
  const exits = new Map<NodeWorkerHandle, Promise<void>>();
  /** Resolves once the first worker has acknowledged `crashForTest` (it is armed). */
  let onArmed: () => void = () => {};
  const armed = new Promise<void>((resolve) => {
    onArmed = resolve;
  });
  const runner = track(
    createPool({
      size,
      spawn: () => {
        const handle = spawnNodeWorker({ ...source, testHooks: true, ...workerOptions });
        exits.set(
          handle,
          new Promise<void>((resolve) =>
            handle.worker.once('exit', () => {
              exited.add(handle);
              resolve();
            }),
          ),
        );
        if (crashFirst && spawned.length === 0)
          void handle.api.crashForTest(crashFirst).then(onArmed, onArmed);
        spawned.push(handle);
        return handle;
      },
    }),
  );
  const hasExited = (handle: NodeWorkerHandle | undefined) =>
    handle !== undefined && exited.has(handle);
  const alive = () => spawned.filter((h) => !exited.has(h)).length;
  /** Resolves when that worker has exited (its 'exit' event). */
  const exitOf = async (handle: NodeWorkerHandle | undefined) => {
    if (handle) await exits.get(handle);
  };
  /** Resolves when every worker spawned so far has exited: the test's timeout is the limit. */
  const allExited = async () => {
    await Promise.all(spawned.map((h) => exits.get(h)));
    return alive();
  };
  return { runner, spawned, alive, exitOf, allExited, hasExited, armed: () => armed };
}

/** 'rejected' if `promise` rejects before the next macrotask, else 'resolved' or 'pending'. */
function settlesAtOnce(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  const nextTask = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 0));
  return Promise.race([
    promise.then(
      () => 'resolved' as const,
      () => 'rejected' as const,
    ),
    nextTask,
  ]);
}

/** Worker threads holding the process open ('MessagePort' resources of ref'd workers). */
const refWorkers = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

/**
 * Waits for threads terminated by earlier tests to exit, then counts what is left. The 3 s limit
 * only bounds the wait (there is no event for it); nothing is asserted about how long it takes.
 */
async function quietBaseline(): Promise<number> {
  const until = Date.now() + 3000;
  while (refWorkers() > 0 && Date.now() < until) await sleep(10);
  return refWorkers();
}

let scenario: Scenario;
let reference: SimulationChunk;
let reference300: SimulationChunk;

beforeAll(async () => {
  scenario = smallScenario();
  const runner = createInThreadRunner();
  reference = await runner.run(scenario);
  runner.dispose();
  const valid = validateScenario(scenario);
  if (!valid.ok) throw new Error('invalid test scenario');
  // The in-thread runner is the engine, chunked: one direct call gives the same bytes.
  expect(sameChunk(reference, simulateChunk(valid.scenario, 0, scenario.trials))).toBe(true);
  reference300 = simulateChunk(valid.scenario, 0, 300);
});

describe('determinism', () => {
  it('gives the same bytes as in-thread for 1, 2 and 4 workers and chunk sizes 1000, 333, 7', async () => {
    for (const workers of [1, 2, 4]) {
      const pool = nodePool({ workers, ...source });
      expect(pool.size).toBe(workers);
      for (const chunkSize of [1000, 333, 7]) {
        const result = await pool.run(scenario, { chunkSize });
        expect(sameChunk(result, reference), `${workers} workers, chunks of ${chunkSize}`).toBe(
          true,
        );
      }
      pool.dispose();
    }
  });

  it('the built worker bundle gives the same bytes too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sweetspot-runner-'));
    try {
      const outfile = join(dir, 'worker-node.mjs');
      execFileSync(process.execPath, [
        fileURLToPath(new URL('../build.mjs', import.meta.url)),
        outfile,
      ]);
      const pool = nodePool({ workers: 2, workerUrl: outfile });
      expect(sameChunk(await pool.run(scenario, { chunkSize: 500 }), reference)).toBe(true);
      pool.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults to the built bundle when there is one, else the tsx bootstrap', async () => {
    const { existsSync } = await import('node:fs');
    const expected = existsSync(fileURLToPath(builtNodeWorkerUrl))
      ? builtNodeWorkerUrl
      : nodeWorkerBootstrapUrl;
    expect(defaultNodeWorkerUrl().href).toBe(expected.href);
  });
});

describe('streaming', () => {
  it('progress is monotone and ends at total; the last partial is the result', async () => {
    const pool = nodePool({ workers: 2, ...source });
    const progress: RunProgress[] = [];
    const { result, partials } = await runKeepingPartials(pool, scenario, {
      chunkSize: 250,
      onProgress: (p) => progress.push(p),
    });
    expect(sameChunk(result, reference)).toBe(true);
    for (let i = 1; i < progress.length; i++) {
      expect((progress[i] as RunProgress).done).toBeGreaterThan(
        (progress[i - 1] as RunProgress).done,
      );
    }
    expect(progress.at(-1)).toEqual({ done: 2000, total: 2000 });
    expect(partials.length).toBe(8);
    expect(lastPartial(partials, result)).toEqual({ done: 2000, isResult: true });
    pool.dispose();
  });
});

describe('stop rule', () => {
  it('real engine, 2 worker threads: stops after the accepted batch, bit-identical to a fixed run of those trials', async () => {
    const pool = nodePool({ workers: 2, ...source });
    const seen: number[] = [];
    const result = await pool.run(scenario, {
      stopRule: {
        every: 200,
        add(batch) {
          seen.push(batch.trialStart);
          return seen.length === 2;
        },
      },
    });
    expect(seen).toEqual([0, 200]);
    const valid = validateScenario(scenario);
    if (!valid.ok) throw new Error('invalid test scenario');
    expect(sameChunk(result, simulateChunk(valid.scenario, 0, 400))).toBe(true);
    pool.dispose();
  });
});

describe('cancellation', () => {
  it('abort mid-run rejects at once, terminates the busy threads, and the next run is right', async () => {
    const { runner, spawned, allExited } = trackedPool(2);
    const baseline = await quietBaseline();
    const controller = new AbortController();
    let firstPartial: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstPartial = resolve;
    });
    let partials = 0;
    let progress = 0;
    const running = runner.run(scenario, {
      trials: 20_000,
      chunkSize: 200,
      signal: controller.signal,
      onPartial: () => {
        partials++;
        firstPartial();
      },
      onProgress: () => progress++,
    });
    await started;
    // Past the first partial, both workers are busy (a worker is idle only for the microtask
    // between delivering a chunk and being handed the next).
    await sleep(30);
    expect(refWorkers()).toBe(baseline + 2); // busy workers hold the process
    const partialsAtAbort = partials;
    const progressAtAbort = progress;
    controller.abort();
    // Rejected before the next macrotask: the run does not wait for the chunks in flight.
    expect(await settlesAtOnce(running)).toBe('rejected');
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunAbortedError);
    expect((error as Error).name).toBe('AbortError');
    // Both workers were busy: both are terminated (their 'exit' events), no thread left running.
    expect(await allExited()).toBe(0);
    expect(refWorkers()).toBe(baseline);
    // Nothing was delivered or reported after the abort.
    expect(partials).toBe(partialsAtAbort);
    expect(progress).toBe(progressAtAbort);
    expect(sameChunk(await runner.run(scenario), reference)).toBe(true);
    expect(spawned.length).toBe(4);
    runner.dispose();
    expect(await allExited()).toBe(0);
  });

  it('abort stops a worker stuck in a synchronous loop', async () => {
    const { runner, spawned, allExited, armed } = trackedPool(1, { crashFirst: 'hang' });
    const controller = new AbortController();
    const running = runner.run(scenario, { trials: 300, signal: controller.signal });
    // The worker acknowledged the arming; the chunk request queued behind it sends it into the
    // endless loop, from which it never answers: only terminate() can end it.
    await armed();
    controller.abort();
    expect(await settlesAtOnce(running)).toBe('rejected');
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(await allExited()).toBe(0);
    expect(sameChunk(await runner.run(scenario, { trials: 300 }), reference300)).toBe(true);
    expect(spawned.length).toBe(2);
    runner.dispose();
  });

  it('a hundred overlapping runs, each aborted by the next: exactly one completes, identical to a clean run', async () => {
    for (const spacingMs of [0, 15]) {
      const { runner, spawned, allExited } = trackedPool(2);
      const outcomes: Array<Promise<SimulationChunk | 'aborted'>> = [];
      let previous: AbortController | undefined;
      for (let i = 0; i < 100; i++) {
        const controller = new AbortController();
        outcomes.push(
          runner
            .run(scenario, { signal: controller.signal, chunkSize: 250 })
            .catch((error: unknown) => {
              expect(error).toBeInstanceOf(RunAbortedError);
              return 'aborted' as const;
            }),
        );
        previous?.abort();
        previous = controller;
        if (spacingMs) await sleep(spacingMs);
      }
      const settled = await Promise.all(outcomes);
      const completed = settled.filter((o): o is SimulationChunk => o !== 'aborted');
      expect(completed.length).toBe(1);
      expect(settled.at(-1)).toBe(completed[0]);
      expect(sameChunk(completed[0] as SimulationChunk, reference)).toBe(true);
      if (spacingMs === 0) expect(spawned.length).toBe(2);
      runner.dispose();
      expect(await allExited()).toBe(0);
    }
  });
});

describe('failures', () => {
  const cases: Array<{ kind: CrashKind | 'killed'; message: RegExp; options?: NodeWorkerOptions }> =
    [
      { kind: 'throw', message: /^Simulation worker crashed: crashForTest: the engine threw$/ },
      {
        kind: 'exit',
        message: /^Simulation worker crashed: the worker thread exited with code 3$/,
      },
      {
        kind: 'uncaught',
        message: /^Simulation worker crashed: crashForTest: uncaught exception$/,
      },
      {
        kind: 'oom',
        message: /^Simulation worker crashed: .*memory/i,
        options: { resourceLimits: { maxOldGenerationSizeMb: 96 } },
      },
      {
        kind: 'killed',
        message: /^Simulation worker crashed: the worker thread exited with code 1$/,
      },
    ];
  for (const { kind, message, options } of cases) {
    it(`a worker that ${kind === 'killed' ? 'is killed from outside' : `crashes (${kind})`} fails the run clearly; the pool recovers`, async () => {
      const { runner, spawned, exitOf, allExited, hasExited, armed } = trackedPool(2, {
        crashFirst: kind === 'killed' ? 'hang' : kind,
        ...options,
      });
      const running = runner.run(scenario, { trials: 300, chunkSize: 150 });
      if (kind === 'killed') {
        await armed(); // stuck in its loop (see 'abort stops a worker stuck in a synchronous loop')
        void spawned[0]?.worker.terminate();
      }
      const error = await running.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashedError);
      expect((error as Error).message).toMatch(message);
      // The crashed worker is gone (its 'exit' event); the other one too if it was still busy
      // with the failed run.
      await exitOf(spawned[0]);
      expect(hasExited(spawned[0])).toBe(true);
      expect(sameChunk(await runner.run(scenario, { trials: 300 }), reference300)).toBe(true);
      expect(spawned.length).toBeGreaterThanOrEqual(3);
      runner.dispose();
      expect(await allExited()).toBe(0);
    });
  }

  it('a worker script that cannot load fails the run clearly', async () => {
    const pool = nodePool({
      workers: 1,
      workerUrl: join(tmpdir(), 'no-such-sweetspot-worker.mjs'),
    });
    const error = await pool.run(scenario, { trials: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toMatch(
      /^Simulation worker crashed: .*no-such-sweetspot-worker/,
    );
  });

  it('an invalid scenario is a ScenarioError, from the pool and from the worker itself', async () => {
    const bad = smallScenario();
    bad.segments[1] = {
      ...(bad.segments[1] as Scenario['segments'][number]),
      dealSize: { median: 25_000, p90: 20_000 },
    };
    const pool = nodePool({ workers: 1, ...source });
    const error = await pool.run(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe(
      'Invalid scenario: segments[1].dealSize.p90: must be at least the median ($25,000)',
    );
    pool.dispose();

    const handle = spawnNodeWorker(source);
    const remote = await handle.api.simulate(bad, 0, 10).catch((e: unknown) => e);
    expect(remote).toMatchObject({
      name: 'ScenarioError',
      message: 'Invalid scenario: segments[1].dealSize.p90: must be at least the median ($25,000)',
      errors: [
        { path: 'segments[1].dealSize.p90', message: 'must be at least the median ($25,000)' },
      ],
    });
    // Without test hooks the worker has no crashForTest.
    await expect(handle.api.crashForTest('exit')).rejects.toThrow();
    handle.terminate();
  });
});

describe('process lifetime', () => {
  it('idle workers do not keep the process alive; busy ones do', async () => {
    const baseline = await quietBaseline();
    const pool = nodePool({ workers: 2, ...source });
    let busy = 0;
    await pool.run(scenario, {
      trials: 600,
      chunkSize: 150,
      onPartial: () => {
        busy = Math.max(busy, refWorkers() - baseline);
      },
    });
    expect(busy).toBeGreaterThan(0);
    expect(refWorkers()).toBe(baseline);
  });
});
