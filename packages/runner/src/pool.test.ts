/** The pool protocol with in-thread fake workers: fast, no threads. */
import { getEventListeners } from 'node:events';
import { createChunk, layoutOf, type SimulationChunk } from '@sweetspot/engine';
import { defaultScenario } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createSimulationApi } from './api.ts';
import {
  RunAbortedError,
  reviveScenarioError,
  ScenarioError,
  serializeThrown,
  WorkerCrashedError,
} from './errors.ts';
import {
  createInThreadRunner,
  createInThreadWorker,
  type InThreadWorkerHandle,
} from './in-thread.ts';
import {
  createPool,
  defaultChunkSize,
  LEAD_CHUNK_SIZE,
  leadChunks,
  MIN_CHUNK_SIZE,
  ruleChunkSize,
  taperedChunks,
} from './pool.ts';
import { PROGRESS_INTERVAL_MS } from './progress.ts';
import {
  fakeSimulate,
  lastPartial,
  runKeepingPartials,
  sameBytes,
  sameChunk,
  sleep,
  smallScenario,
} from './test-support.ts';
import type { PartialResult, RunProgress, StopRule } from './types.ts';

function fakePool(size: number, options: { delayMs?: () => number } = {}) {
  const spawned: InThreadWorkerHandle[] = [];
  const runner = createPool({
    size,
    spawn: () => {
      const handle = createInThreadWorker({
        simulate: fakeSimulate,
        ...(options.delayMs ? { delayMs: options.delayMs() } : {}),
      });
      spawned.push(handle);
      return handle;
    },
  });
  return { runner, spawned };
}

/** A fake pool whose workers each wait a random time per chunk: completions come out of order. */
function jitteryPool(size: number, maxDelayMs: number) {
  const spawned: InThreadWorkerHandle[] = [];
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const runner = createPool({
    size,
    spawn: () => {
      const inner = createInThreadWorker({ simulate: fakeSimulate });
      spawned.push(inner);
      return {
        ...inner,
        api: {
          async simulate(scenario: unknown, trialStart: number, trialCount: number) {
            await sleep(random() * maxDelayMs);
            return inner.api.simulate(scenario, trialStart, trialCount);
          },
        },
        terminate: () => inner.terminate(),
        onCrash: (cb: (e: Error) => void) => inner.onCrash(cb),
      };
    },
  });
  return { runner, spawned };
}

const scenario = smallScenario();
const reference = fakeSimulate(scenario, 0, scenario.trials);

describe('default chunk size', () => {
  it('is about total / (workers · 8), clamped to [250, 25000]', () => {
    expect(defaultChunkSize(100_000, 2)).toBe(6250);
    expect(defaultChunkSize(1000, 4)).toBe(250);
    expect(defaultChunkSize(10_000_000, 1)).toBe(25_000);
    expect(defaultChunkSize(0, 2)).toBe(250);
  });
});

describe('tapered chunks', () => {
  it('cover the trials in order, never above the chunk size, shrinking to the minimum at the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: MIN_CHUNK_SIZE, max: 30_000 }),
        fc.integer({ min: 1, max: 8 }),
        (start, trials, size, workers) => {
          const chunks = taperedChunks(start, start + trials, size, workers);
          let at = start;
          for (const [i, c] of chunks.entries()) {
            expect(c.start).toBe(at);
            expect(c.count).toBeGreaterThan(0);
            expect(c.count).toBeLessThanOrEqual(size);
            // Only the last chunk may be below the minimum (what is left).
            if (i < chunks.length - 1) expect(c.count).toBeGreaterThanOrEqual(MIN_CHUNK_SIZE);
            // Never larger than the one before: the workers finish together.
            if (i > 0) expect(c.count).toBeLessThanOrEqual((chunks[i - 1] as typeof c).count);
            at += c.count;
          }
          expect(at).toBe(start + trials);
          // The last chunk is at most the minimum once the trials are many.
          if (trials >= 2 * workers * MIN_CHUNK_SIZE)
            expect((chunks.at(-1) as { count: number }).count).toBeLessThanOrEqual(MIN_CHUNK_SIZE);
        },
      ),
    );
  });

  it('keep the full size while much is left, then take a quarter of what is left (two workers)', () => {
    // 20,000 trials after the first round of 2 × 250: twelve chunks of 1,250 leave 4,500; then
    // ⌈4,500/4⌉ = 1,125, ⌈3,375/4⌉ = 844, ⌈2,531/4⌉ = 633, ⌈1,898/4⌉ = 475, ⌈1,423/4⌉ = 356,
    // ⌈1,067/4⌉ = 267, then 250 (the minimum) while it lasts, and the 50 left.
    const counts = taperedChunks(500, 20_000, 1_250, 2).map((c) => c.count);
    expect(counts).toEqual([
      ...Array(12).fill(1_250),
      1_125,
      844,
      633,
      475,
      356,
      267,
      250,
      250,
      250,
      50,
    ]);
  });
});

describe('default chunking', () => {
  it('starts with one small chunk per worker, then chunks of about total / (workers · 8)', async () => {
    const { runner } = fakePool(2);
    const big = smallScenario();
    big.trials = 20_000;
    const done: number[] = [];
    const result = await runner.run(big, { onPartial: (p) => done.push(p.done) });
    expect(done.slice(0, 2)).toEqual([250, 500]);
    expect(done.slice(2, 4)).toEqual([1750, 3000]);
    expect(done.at(-1)).toBe(20_000);
    expect(sameChunk(result, fakeSimulate(big, 0, 20_000))).toBe(true);
    runner.dispose();
  });
});

describe('merging', () => {
  it('gives the same bytes whatever the workers and chunk size', async () => {
    for (const size of [1, 2, 4]) {
      const { runner } = fakePool(size);
      for (const chunkSize of [1000, 333, 7, 2000, 5000]) {
        const result = await runner.run(scenario, { chunkSize });
        expect(sameChunk(result, reference), `size ${size}, chunk ${chunkSize}`).toBe(true);
      }
      runner.dispose();
    }
    const inThread = createInThreadRunner({ simulate: fakeSimulate });
    expect(sameChunk(await inThread.run(scenario), reference)).toBe(true);
    inThread.dispose();
  });

  it('merges chunks that finish out of order into trial order', async () => {
    const { runner } = jitteryPool(4, 10);
    const { result } = await runKeepingPartials(runner, scenario, { chunkSize: 97 });
    expect(sameChunk(result, reference)).toBe(true);
    runner.dispose();
  });

  it('honours trialStart and trials', async () => {
    const { runner } = fakePool(2);
    const result = await runner.run(scenario, { trialStart: 500, trials: 1234, chunkSize: 100 });
    expect(sameChunk(result, fakeSimulate(scenario, 500, 1234))).toBe(true);
    const empty = await runner.run(scenario, { trials: 0 });
    expect(empty.trialCount).toBe(0);
    runner.dispose();
  });

  it('rejects a chunk of the wrong shape', async () => {
    const runner = createPool({
      size: 1,
      spawn: () =>
        createInThreadWorker({ simulate: (s, start, count) => fakeSimulate(s, start, count + 1) }),
    });
    await expect(runner.run(scenario, { trials: 10 })).rejects.toThrow(
      /does not match the request/,
    );
    runner.dispose();
  });
});

describe('streaming', () => {
  it('reports progress monotone, throttled, ending at total', async () => {
    // Fake timers: the workers' delays, the throttle's timer and Date.now all run on one
    // simulated clock, so the throttle is checked by what it reports, not by wall time.
    vi.useFakeTimers();
    try {
      const { runner } = fakePool(2, { delayMs: () => 15 });
      const calls: Array<RunProgress & { at: number }> = [];
      const start = Date.now();
      let settled = false;
      const running = runner.run(scenario, {
        chunkSize: 20,
        onProgress: (p) => calls.push({ ...p, at: Date.now() }),
      });
      void running.finally(() => {
        settled = true;
      });
      while (!settled) await vi.advanceTimersByTimeAsync(5);
      await running;
      const elapsed = Date.now() - start;
      // 100 chunks of 15 simulated ms on 2 workers: 750 ms, far more chunks than reports.
      expect(elapsed).toBe(750);
      expect(calls.at(-1)).toMatchObject({ done: 2000, total: 2000 });
      // The first report (done 0) at once, then at most one per interval; the final report may
      // come sooner.
      expect(calls[0]).toMatchObject({ done: 0, at: start });
      expect(calls.length).toBeGreaterThan(2);
      expect(calls.length).toBeLessThanOrEqual(Math.floor(elapsed / PROGRESS_INTERVAL_MS) + 2);
      for (let i = 1; i < calls.length; i++) {
        const [a, b] = [calls[i - 1], calls[i]] as [
          RunProgress & { at: number },
          RunProgress & { at: number },
        ];
        expect(b.done).toBeGreaterThan(a.done);
        if (i < calls.length - 1) expect(b.at - a.at).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS);
      }
      runner.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands out partial results: fresh copies of the completed trials, in trial order', async () => {
    const { runner } = jitteryPool(3, 8);
    const { result, partials } = await runKeepingPartials(runner, scenario, { chunkSize: 150 });
    expect(partials.length).toBe(Math.ceil(2000 / 150));
    let previous = 0;
    for (const partial of partials) {
      expect(partial.done).toBeGreaterThan(previous);
      previous = partial.done;
      expect(partial.chunk.trialCount).toBe(partial.done);
      expect(partial.chunk.columns.buffer).not.toBe(result.columns.buffer);
    }
    // Each partial holds a subset of the run's trials, in trial order, the same trials in every
    // column: the fake's values are all distinct, so each value names its trial.
    const layout = layoutOf(reference);
    const trialOf = (s: number, c: number) => {
      const start = layout.columnOffset(s, c, reference.trialCount);
      const map = new Map<number, number>();
      for (let t = 0; t < reference.trialCount; t++)
        map.set(reference.columns[start + t] as number, t);
      return map;
    };
    const firstColumn = trialOf(0, 0);
    const lastColumn = trialOf(layout.strategies - 1, layout.columnsPerStrategy - 1);
    let outOfOrder = false;
    for (const { chunk } of partials) {
      const trials = (s: number, c: number, map: Map<number, number>) => {
        const start = layout.columnOffset(s, c, chunk.trialCount);
        return Array.from(chunk.columns.subarray(start, start + chunk.trialCount), (v) =>
          map.get(v),
        );
      };
      const a = trials(0, 0, firstColumn);
      expect(a.every((t, i) => t !== undefined && (i === 0 || t > (a[i - 1] as number)))).toBe(
        true,
      );
      expect(trials(layout.strategies - 1, layout.columnsPerStrategy - 1, lastColumn)).toEqual(a);
      if (a.at(-1) !== chunk.trialCount - 1) outOfOrder = true;
      const sums = fakeSimulate(scenario, 0, 0).aggregates;
      for (const t of a) {
        const one = fakeSimulate(scenario, t as number, 1).aggregates;
        for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] ?? 0) + (one[i] ?? 0);
      }
      expect(sameBytes(chunk.aggregates, sums)).toBe(true);
    }
    expect(outOfOrder).toBe(true); // the jitter did complete chunks out of order
    expect(lastPartial(partials, result)).toEqual({ done: 2000, isResult: true });
    runner.dispose();
  });
});

describe('cancellation', () => {
  it('rejects at once with an AbortError, terminates busy workers, keeps idle ones, leaves nothing behind', async () => {
    const { runner, spawned } = fakePool(4, { delayMs: () => 30 });
    // The platform's signal; Node counts its listeners (none may be left behind).
    const controller = new AbortController();
    const { signal } = controller;
    const listenerCount = () => getEventListeners(signal, 'abort').length;
    const progress: RunProgress[] = [];
    let partials = 0;
    let firstPartial: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      firstPartial = resolve;
    });
    const running = runner.run(scenario, {
      signal,
      chunkSize: 100,
      onProgress: (p) => progress.push(p),
      onPartial: () => {
        partials++;
        firstPartial();
      },
    });
    expect(listenerCount()).toBe(1);
    await started;
    // One macrotask later every worker has delivered its first chunk and been handed the next
    // (chunks take 30 ms; the queue holds 20): all four are busy.
    await sleep(0);
    const chunksStarted = spawned.reduce((n, w) => n + w.calls, 0);
    const partialsAtAbort = partials;
    const progressAtAbort = progress.length;
    controller.abort();
    // Settled before the next macrotask: the run does not wait for the chunks in flight.
    const nextTask = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 0));
    const outcome = await Promise.race([
      running.then(
        () => 'resolved' as const,
        () => 'rejected' as const,
      ),
      nextTask,
    ]);
    expect(outcome).toBe('rejected');
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await expect(running).rejects.toBeInstanceOf(RunAbortedError);
    expect(listenerCount()).toBe(0);
    expect(spawned.length).toBe(4);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    // Let the chunks that were in flight run out their delay: nothing more is delivered or
    // started, and no timer is left to report progress.
    await sleep(300);
    expect(partials).toBe(partialsAtAbort);
    expect(progress.length).toBe(progressAtAbort);
    expect(spawned.reduce((n, w) => n + w.calls, 0)).toBe(chunksStarted);
    // The next run respawns and is right.
    expect(sameChunk(await runner.run(scenario), reference)).toBe(true);
    expect(spawned.length).toBe(8);
    runner.dispose();
  });

  it('keeps idle workers when aborting', async () => {
    const { runner, spawned } = fakePool(4, { delayMs: () => 30 });
    const controller = new AbortController();
    // Two chunks on a four-worker pool: two workers stay idle... after a first run spawned all four.
    await runner.run(scenario, { chunkSize: 500 });
    expect(spawned.length).toBe(4);
    const running = runner.run(scenario, { signal: controller.signal, chunkSize: 1000 });
    await sleep(5);
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(spawned.filter((w) => w.terminated).length).toBe(2);
    runner.dispose();
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { runner, spawned } = fakePool(2);
    const controller = new AbortController();
    controller.abort();
    await expect(runner.run(scenario, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(spawned.length).toBe(0);
    runner.dispose();
  });

  it('in-thread: aborts between chunks', async () => {
    const runner = createInThreadRunner({ simulate: fakeSimulate });
    const controller = new AbortController();
    let partials = 0;
    const running = runner.run(scenario, {
      signal: controller.signal,
      chunkSize: 10,
      onPartial: () => {
        partials++;
        if (partials === 3) setTimeout(() => controller.abort(), 0);
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(partials).toBeLessThan(6);
    expect(sameChunk(await runner.run(scenario), reference)).toBe(true);
    runner.dispose();
  });

  it('an onPartial callback may abort its own run', async () => {
    const { runner } = fakePool(2);
    const controller = new AbortController();
    const running = runner.run(scenario, {
      signal: controller.signal,
      chunkSize: 100,
      onPartial: () => controller.abort(),
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    runner.dispose();
  });

  it('a hundred overlapping runs, each aborted by the next: exactly one completes, right', async () => {
    for (const spacing of [0, 3]) {
      const { runner, spawned } = jitteryPool(2, 4);
      const outcomes: Array<Promise<'ok' | 'aborted'>> = [];
      const results: SimulationChunk[] = [];
      let previous: AbortController | undefined;
      for (let i = 0; i < 100; i++) {
        const controller = new AbortController();
        const running = runner.run(scenario, { signal: controller.signal, chunkSize: 250 });
        outcomes.push(
          running.then(
            (chunk) => {
              results.push(chunk);
              return 'ok' as const;
            },
            (error: unknown) => {
              expect(error).toBeInstanceOf(RunAbortedError);
              return 'aborted' as const;
            },
          ),
        );
        previous?.abort();
        previous = controller;
        if (spacing) await sleep(Math.random() * spacing);
      }
      const settled = await Promise.all(outcomes);
      expect(settled.filter((o) => o === 'ok').length).toBe(1);
      expect(settled.at(-1)).toBe('ok');
      expect(sameChunk(results[0] as SimulationChunk, reference)).toBe(true);
      if (spacing === 0) expect(spawned.length).toBe(2); // the burst reached the workers as one run
      runner.dispose();
    }
  });
});

describe('concurrent runs', () => {
  it('share the workers and both come out right', async () => {
    const { runner, spawned } = jitteryPool(3, 5);
    const other = defaultScenario();
    other.seed = 7;
    other.trials = 1500;
    const [a, b] = await Promise.all([
      runner.run(scenario, { chunkSize: 111 }),
      runner.run(other, { chunkSize: 77 }),
    ]);
    expect(sameChunk(a, reference)).toBe(true);
    expect(sameChunk(b, fakeSimulate(other, 0, 1500))).toBe(true);
    expect(spawned.length).toBe(3);
    runner.dispose();
  });

  it('aborting one run leaves the other running', async () => {
    const { runner } = fakePool(2, { delayMs: () => 5 });
    const controller = new AbortController();
    const a = runner.run(scenario, { chunkSize: 100, signal: controller.signal });
    const b = runner.run(scenario, { chunkSize: 100 });
    await sleep(20);
    controller.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(sameChunk(await b, reference)).toBe(true);
    runner.dispose();
  });
});

describe('failures', () => {
  it('an invalid scenario is a ScenarioError naming the field', async () => {
    const { runner, spawned } = fakePool(2);
    const bad = defaultScenario();
    bad.segments[1] = {
      ...(bad.segments[1] as (typeof bad.segments)[number]),
      dealSize: { median: 25_000, p90: 20_000 },
    };
    const error = await runner.run(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).name).toBe('ScenarioError');
    expect((error as ScenarioError).message).toBe(
      'Invalid scenario: segments[1].dealSize.p90: must be at least the median ($25,000)',
    );
    expect((error as ScenarioError).errors).toEqual([
      { path: 'segments[1].dealSize.p90', message: 'must be at least the median ($25,000)' },
    ]);
    expect(spawned.length).toBe(0);
    runner.dispose();
  });

  it('the worker API validates too, and its ScenarioError survives serialization', async () => {
    const api = createSimulationApi({ simulate: fakeSimulate });
    const error = await api.simulate({ version: 1 }, 0, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    const wire = serializeThrown(error);
    const copied = Object.assign(new Error(), structuredClone(wire.value));
    const revived = reviveScenarioError(copied);
    expect(revived).toBeInstanceOf(ScenarioError);
    expect(revived?.errors).toEqual((error as ScenarioError).errors);
    expect(reviveScenarioError(new Error('other'))).toBeUndefined();
  });

  it('the worker API marks both buffers for transfer', async () => {
    const seen: ArrayBuffer[][] = [];
    const api = createSimulationApi({
      simulate: fakeSimulate,
      transfer: (chunk, buffers) => {
        seen.push(buffers);
        return chunk;
      },
    });
    const chunk = await api.simulate(scenario, 0, 3);
    expect(seen).toEqual([[chunk.columns.buffer, chunk.aggregates.buffer]]);
  });

  it('a crashed worker fails its run with a clear message, is replaced, and the next run works', async () => {
    const { runner, spawned } = fakePool(2, { delayMs: () => 10 });
    const running = runner.run(scenario, { chunkSize: 100 });
    await sleep(25);
    spawned[0]?.crash(new Error('the worker thread exited with code 7'));
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toBe(
      'Simulation worker crashed: the worker thread exited with code 7',
    );
    expect(spawned[1]?.terminated).toBe(true); // its other chunk is not worth finishing
    expect(sameChunk(await runner.run(scenario), reference)).toBe(true);
    expect(spawned.length).toBe(4);
    runner.dispose();
  });

  it('an engine that throws is reported as a crash and its worker replaced', async () => {
    let calls = 0;
    const spawned: InThreadWorkerHandle[] = [];
    const runner = createPool({
      size: 1,
      spawn: () => {
        const handle = createInThreadWorker({
          simulate: (s, start, count) => {
            if (++calls === 2) throw new Error('index out of range');
            return fakeSimulate(s, start, count);
          },
        });
        spawned.push(handle);
        return handle;
      },
    });
    await expect(runner.run(scenario, { chunkSize: 500 })).rejects.toThrow(
      'Simulation worker crashed: index out of range',
    );
    expect(spawned[0]?.terminated).toBe(true);
    expect(sameChunk(await runner.run(scenario), reference)).toBe(true);
    runner.dispose();
  });

  it('a spawn that throws fails the run, not the pool', async () => {
    let attempts = 0;
    const runner = createPool({
      size: 1,
      spawn: () => {
        if (++attempts === 1) throw new Error('no more threads');
        return createInThreadWorker({ simulate: fakeSimulate });
      },
    });
    await expect(runner.run(scenario)).rejects.toThrow(
      'Simulation worker crashed: could not start a worker: no more threads',
    );
    expect(sameChunk(await runner.run(scenario), reference)).toBe(true);
    runner.dispose();
  });

  it('callback errors fail the run', async () => {
    const { runner } = fakePool(1);
    await expect(
      runner.run(scenario, {
        onPartial: () => {
          throw new Error('ui bug');
        },
      }),
    ).rejects.toThrow('ui bug');
    runner.dispose();
  });

  it('dispose rejects runs in progress and terminates every worker', async () => {
    const { runner, spawned } = fakePool(2, { delayMs: () => 10 });
    const running = runner.run(scenario, { chunkSize: 100 });
    await sleep(15);
    runner.dispose();
    await expect(running).rejects.toMatchObject({
      name: 'AbortError',
      message: 'The runner was disposed',
    });
    expect(spawned.every((w) => w.terminated)).toBe(true);
    await expect(runner.run(scenario)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects bad options', async () => {
    const { runner } = fakePool(1);
    await expect(runner.run(scenario, { chunkSize: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(runner.run(scenario, { trials: 1.5 })).rejects.toBeInstanceOf(RangeError);
    expect(() => createPool({ size: 0, spawn: () => createInThreadWorker() })).toThrow(RangeError);
    runner.dispose();
  });
});

describe('partial chunks', () => {
  it('are valid chunks whose aggregates are the sums over their trials', async () => {
    const { runner } = fakePool(1);
    const { partials } = await runKeepingPartials(runner, scenario, { chunkSize: 700 });
    const first = partials[0] as PartialResult;
    const expected = fakeSimulate(scenario, 0, 700);
    expect(sameChunk(first.chunk, expected)).toBe(true);
    const empty = createChunk(layoutOf(expected), 0, 0);
    expect(sameBytes(empty.columns, new Float64Array(0))).toBe(true);
    runner.dispose();
  });
});

/** A stop rule that records the batches it is given and stops after `after` of them. */
function countingRule(every: number, after: number) {
  const batches: Array<{ start: number; count: number; chunk: SimulationChunk }> = [];
  const rule: StopRule = {
    every,
    add(batch) {
      batches.push({ start: batch.trialStart, count: batch.trialCount, chunk: batch });
      return batches.length >= after;
    },
  };
  return { rule, batches };
}

describe('stop rule', () => {
  it('ruleChunkSize divides every batch and gives each worker at least two chunks per batch', () => {
    for (const every of [1, 7, 250, 1000, 997]) {
      for (const workers of [1, 2, 3, 8]) {
        const c = ruleChunkSize(every, workers);
        expect(every % c).toBe(0);
        expect(c === 1 || every / c >= 2 * workers).toBe(true);
      }
    }
    expect(ruleChunkSize(250, 2)).toBe(50);
  });

  it('leads with one small chunk per worker, then fills up to where the regular chunks start', () => {
    expect(leadChunks(0, 10_000, 25, 2)).toEqual([
      { start: 0, count: 5 },
      { start: 5, count: 5 },
      { start: 10, count: 15 },
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 16 }),
        (first, trials, chunkSize, workers) => {
          const end = first + trials;
          const chunks = leadChunks(first, end, chunkSize, workers);
          if (chunks.length === 0) return;
          // Contiguous from the run's first trial, ending where the regular chunks start (or at
          // the cap): every chunk lies in the first chunkSize trials, so within one batch.
          let at = first;
          for (const c of chunks) {
            expect(c.start).toBe(at);
            expect(c.count).toBeGreaterThan(0);
            at += c.count;
          }
          expect(at).toBe(Math.min(end, first + chunkSize));
          // At most one lead chunk per worker, of LEAD_CHUNK_SIZE trials (fewer only at the cap),
          // then at most one chunk that fills up to the regular boundary.
          const leads = chunks.filter(
            (c) => c.count === LEAD_CHUNK_SIZE || c.start + c.count === end,
          );
          expect(chunks.length).toBeLessThanOrEqual(workers + 1);
          for (const c of chunks.slice(0, -1)) expect(c.count).toBe(LEAD_CHUNK_SIZE);
          expect(leads.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('stops after the batch the rule accepts: bit-identical to a fixed run of that many trials, any workers', async () => {
    for (const [size, chunkSize] of [
      [1, 25],
      [3, 50],
      [4, undefined],
    ] as const) {
      const { runner } = jitteryPool(size, 4);
      const { rule, batches } = countingRule(250, 3);
      const progress: RunProgress[] = [];
      const result = await runner.run(scenario, {
        stopRule: rule,
        ...(chunkSize ? { chunkSize } : {}),
        onProgress: (p) => progress.push(p),
      });
      expect(batches.map((b) => [b.start, b.count])).toEqual([
        [0, 250],
        [250, 250],
        [500, 250],
      ]);
      expect(sameChunk(result, fakeSimulate(scenario, 0, 750))).toBe(true);
      // Each batch handed to the rule is exactly that range of a fixed run, aggregates included.
      for (const b of batches)
        expect(sameChunk(b.chunk, fakeSimulate(scenario, b.start, b.count))).toBe(true);
      expect(progress.at(-1)).toEqual({ done: 750, total: 750 });
      runner.dispose();
    }
  });

  it('runs to the cap when the rule is never met, the last batch short', async () => {
    const { runner } = fakePool(2);
    const { rule, batches } = countingRule(300, Number.POSITIVE_INFINITY);
    const result = await runner.run(scenario, { stopRule: rule, trials: 1000, chunkSize: 100 });
    expect(batches.map((b) => b.count)).toEqual([300, 300, 300, 100]);
    expect(sameChunk(result, fakeSimulate(scenario, 0, 1000))).toBe(true);
    runner.dispose();
  });

  it('honours trialStart, and drops the queued work of a stopped run', async () => {
    const { runner, spawned } = fakePool(2, { delayMs: () => 1 });
    const { rule } = countingRule(100, 1);
    const result = await runner.run(scenario, {
      stopRule: rule,
      trialStart: 500,
      trials: 1000,
      chunkSize: 10,
    });
    expect(sameChunk(result, fakeSimulate(scenario, 500, 100))).toBe(true);
    await sleep(30);
    const calls = spawned.reduce((sum, w) => sum + w.calls, 0);
    // At most the two batches queued ahead were started (21 chunks with the two lead chunks),
    // never the whole cap of 100 chunks.
    expect(calls).toBeLessThanOrEqual(21);
    expect(spawned.every((w) => !w.terminated)).toBe(true);
    runner.dispose();
  });

  it('partials stream until the stop, from a lead chunk on, and the last one is the kept result', async () => {
    const { runner } = fakePool(2);
    const { rule } = countingRule(100, 2);
    const { result, partials } = await runKeepingPartials(runner, scenario, {
      stopRule: rule,
      chunkSize: 25,
    });
    // The first partial comes after a lead chunk (5 trials), not a whole chunk of 25.
    expect((partials[0] as PartialResult).done).toBe(LEAD_CHUNK_SIZE);
    const last = partials.at(-1) as PartialResult;
    expect([last.done, last.total]).toEqual([200, 200]);
    expect(sameChunk(last.chunk, result)).toBe(true);
    expect(partials.slice(0, -1).every((p) => p.total === scenario.trials)).toBe(true);
    runner.dispose();
  });

  it('a rule that throws fails the run; an abort rejects it', async () => {
    const { runner } = fakePool(2);
    const failing: StopRule = {
      every: 50,
      add() {
        throw new Error('rule broke');
      },
    };
    await expect(runner.run(scenario, { stopRule: failing, chunkSize: 25 })).rejects.toThrow(
      'rule broke',
    );
    const controller = new AbortController();
    const never: StopRule = {
      every: 50,
      add() {
        controller.abort();
        return false;
      },
    };
    await expect(
      runner.run(scenario, { stopRule: never, chunkSize: 25, signal: controller.signal }),
    ).rejects.toBeInstanceOf(RunAbortedError);
    await expect(runner.run(scenario, { stopRule: never, chunkSize: 30 })).rejects.toThrow(
      'must divide',
    );
    runner.dispose();
  });
});
