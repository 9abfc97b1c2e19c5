import {
  copyTrials,
  createChunk,
  type Layout,
  layoutFor,
  mergeChunkInto,
  type SimulationChunk,
} from '@sweetspot/engine';
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import {
  describeError,
  RunAbortedError,
  reviveScenarioError,
  ScenarioError,
  WorkerCrashedError,
} from './errors.ts';
import { regrowChunk } from './grow.ts';
import { ProgressThrottle } from './progress.ts';
import type {
  PartialResult,
  PoolOptions,
  Runner,
  RunOptions,
  StopRule,
  WorkerHandle,
} from './types.ts';

/** Chunks per worker a run is split into by default: enough to balance load and stream. */
export const CHUNKS_PER_WORKER = 8;
export const MIN_CHUNK_SIZE = 250;
export const MAX_CHUNK_SIZE = 25_000;

/** About total / (workers · 8) trials, clamped to [250, 25 000]. */
export function defaultChunkSize(total: number, workers: number): number {
  const ideal = Math.ceil(total / (Math.max(1, workers) * CHUNKS_PER_WORKER));
  return Math.min(MAX_CHUNK_SIZE, Math.max(MIN_CHUNK_SIZE, ideal));
}

/**
 * The chunks `[start, end)` is split into after the first round: `chunkSize` each while much is
 * left, then tapering to `MIN_CHUNK_SIZE` (each what is left over twice the workers, the tail of
 * guided self-scheduling: Polychronopoulos & Kuck, "Guided self-scheduling", IEEE Trans.
 * Computers 36(12), 1987), so that the workers finish together: with equal chunks one worker can
 * sit idle for most of a chunk at the end (1,250 trials, about 1.7 s, for 20,000 trials on two).
 * Results do not depend on the chunking (docs/runner.md).
 */
export function taperedChunks(
  start: number,
  end: number,
  chunkSize: number,
  workers: number,
): Array<{ start: number; count: number }> {
  const chunks: Array<{ start: number; count: number }> = [];
  const share = 2 * Math.max(1, workers);
  for (let at = start; at < end; ) {
    const tapered = Math.max(MIN_CHUNK_SIZE, Math.ceil((end - at) / share));
    const count = Math.min(chunkSize, tapered, end - at);
    chunks.push({ start: at, count });
    at += count;
  }
  return chunks;
}

/** Trials in each worker's first chunk of a run with a stop rule: the first partial comes quickly. */
export const LEAD_CHUNK_SIZE = 5;

/**
 * The first chunks of a run with a stop rule that starts at `first` (and ends by `end`): one of
 * LEAD_CHUNK_SIZE trials per worker, so that the first partial result costs a few trials' time
 * even on a heavy scenario (a team of 30 reps takes about 9 ms a trial), then one chunk up to
 * first + chunkSize, where the regular chunks start. Every chunk then still lies within one batch
 * of the rule (chunkSize divides it), and results do not depend on the chunking. None when
 * chunkSize is too small to hold them.
 */
export function leadChunks(
  first: number,
  end: number,
  chunkSize: number,
  workers: number,
): Array<{ start: number; count: number }> {
  const lead = Math.min(Math.max(1, workers), Math.floor((chunkSize - 1) / LEAD_CHUNK_SIZE));
  const chunks: Array<{ start: number; count: number }> = [];
  if (lead < 1) return chunks;
  let at = first;
  for (let w = 0; w < lead && at < end; w++) {
    const count = Math.min(LEAD_CHUNK_SIZE, end - at);
    chunks.push({ start: at, count });
    at += count;
  }
  const to = Math.min(end, first + chunkSize);
  if (at < to) chunks.push({ start: at, count: to - at });
  return chunks;
}

/**
 * Chunk size for a run with a stop rule: the largest divisor of `every` that still gives each
 * worker at least two chunks per batch, so that a batch is judged soon after it is due.
 */
export function ruleChunkSize(every: number, workers: number): number {
  const most = Math.max(1, Math.floor(every / (2 * Math.max(1, workers))));
  for (let c = most; c > 1; c--) if (every % c === 0) return c;
  return 1;
}

interface RunState {
  readonly scenario: Scenario;
  readonly options: RunOptions;
  readonly layout: Layout;
  /**
   * The result: every chunk is merged into it at its own offset. Preallocated for a fixed run;
   * with a stop rule it grows as trials are queued (a cap of a million trials is not allocated
   * for a run that stops after a thousand).
   */
  whole: SimulationChunk;
  readonly first: number;
  readonly total: number;
  done: number;
  /** With a stop rule: where it stands (undefined for a fixed run). */
  readonly rule: RuleState | undefined;
  /** Completed trial ranges [start, end), sorted and coalesced. */
  readonly completed: Array<[number, number]>;
  readonly progress: ProgressThrottle;
  settled: boolean;
  resolve(chunk: SimulationChunk): void;
  reject(error: unknown): void;
  cleanup(): void;
}

/** A run's stop rule and the batches it has judged. */
interface RuleState {
  readonly rule: StopRule;
  /** Trials [first, judgedEnd) have been judged, batch by batch. */
  judgedEnd: number;
  /** Trials [first, queuedEnd) have been queued as tasks. */
  queuedEnd: number;
  readonly chunkSize: number;
  /** Aggregates of delivered chunks not yet judged, by their first trial. */
  readonly pending: Map<number, Float64Array>;
  /** Exact sums over the judged trials. */
  readonly judgedAggregates: Float64Array;
}

interface Task {
  readonly run: RunState;
  readonly start: number;
  readonly count: number;
}

interface Slot {
  readonly index: number;
  readonly handle: WorkerHandle;
  /** The chunk this worker is computing; undefined when idle. */
  task: Task | undefined;
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be a whole number ≥ ${min} (got ${value})`);
}

/** Inserts [start, end) into sorted, disjoint ranges, joining neighbours. */
function addRange(ranges: Array<[number, number]>, start: number, end: number): void {
  let i = 0;
  while (i < ranges.length && (ranges[i] as [number, number])[0] < start) i++;
  ranges.splice(i, 0, [start, end]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && last[1] >= range[0]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  ranges.splice(0, ranges.length, ...merged);
}

/** A fresh chunk with the completed trials of a run, concatenated in trial order. */
function snapshot(run: RunState): SimulationChunk {
  const { layout, whole } = run;
  const part = createChunk(layout, run.first, run.done);
  let offset = 0;
  for (const [start, end] of run.completed) {
    const from = start - run.first;
    const count = end - start;
    copyTrials(layout, whole, from, part, offset, count);
    offset += count;
  }
  part.aggregates.set(whole.aggregates);
  return part;
}

/** Checks that a chunk from a worker is the one asked for, in the run's layout. */
function checkChunk(run: RunState, task: Task, chunk: SimulationChunk): void {
  const { layout } = run;
  const ok =
    chunk.trialStart === task.start &&
    chunk.trialCount === task.count &&
    chunk.strategies === layout.strategies &&
    chunk.quarters === layout.quarters &&
    chunk.segments === layout.segments &&
    (chunk.groups ?? 0) === layout.groups &&
    chunk.columns.length === layout.totalColumns * task.count &&
    chunk.aggregates.length === layout.aggregateLength;
  if (!ok)
    throw new Error(
      `The engine returned a chunk that does not match the request (trials ${chunk.trialStart}+${chunk.trialCount}, ` +
        `${chunk.strategies}×${chunk.quarters}×${chunk.segments}; asked ${task.start}+${task.count}, ` +
        `${layout.strategies}×${layout.quarters}×${layout.segments})`,
    );
}

/**
 * A pool of `size` workers made by `spawn`. Every run is split into chunks that go to one shared
 * FIFO queue; idle workers take the next chunk, results are merged in place into the run's
 * preallocated chunk. Workers are spawned lazily; a worker busy with an aborted or failed run is
 * terminated (a synchronous loop cannot be interrupted otherwise) and replaced when needed.
 */
export function createPool({ size, spawn }: PoolOptions): Runner {
  checkCount('size', size, 1);
  const slots: Array<Slot | undefined> = new Array<Slot | undefined>(size).fill(undefined);
  const queue: Task[] = [];
  const runs = new Set<RunState>();
  let disposed = false;
  let dispatchScheduled = false;

  function retire(slot: Slot): void {
    if (slots[slot.index] === slot) slots[slot.index] = undefined;
    slot.task = undefined;
    try {
      slot.handle.terminate();
    } catch {
      // Already gone.
    }
  }

  function fail(run: RunState, error: unknown): void {
    if (run.settled) return;
    run.settled = true;
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.run === run) queue.splice(i, 1);
    for (const slot of slots) if (slot?.task?.run === run) retire(slot);
    run.cleanup();
    run.reject(error);
    scheduleDispatch();
  }

  function spawnSlot(index: number): Slot {
    const handle = spawn();
    const slot: Slot = { index, handle, task: undefined };
    slots[index] = slot;
    handle.onCrash((error) => {
      if (slots[index] !== slot) return;
      const task = slot.task;
      retire(slot);
      if (task) fail(task.run, new WorkerCrashedError(describeError(error), { cause: error }));
      scheduleDispatch();
    });
    return slot;
  }

  function deliver(task: Task, chunk: SimulationChunk): void {
    const run = task.run;
    if (run.settled) return;
    try {
      checkChunk(run, task, chunk);
      mergeChunkInto(run.whole, chunk);
    } catch (error) {
      fail(run, error);
      return;
    }
    addRange(run.completed, task.start, task.start + task.count);
    run.done += task.count;
    if (run.rule) {
      judge(run, task, chunk);
      return;
    }
    const complete = run.done === run.total;
    if (run.options.onPartial) {
      try {
        const partial: PartialResult = { chunk: snapshot(run), done: run.done, total: run.total };
        run.options.onPartial(partial);
      } catch (error) {
        fail(run, error);
        return;
      }
      if (run.settled) return; // the callback aborted the run
    }
    if (complete) run.progress.finish();
    else run.progress.update(run.done);
    if (run.settled || !complete) return;
    run.settled = true;
    run.cleanup();
    run.resolve(run.whole);
  }

  /**
   * With a stop rule: queue tasks up to two batches beyond those judged, so that workers stay
   * busy while a batch is judged but little is computed in vain once the rule stops the run.
   */
  function queueAhead(run: RunState): void {
    const r = run.rule as RuleState;
    const end = run.first + run.total;
    const horizon = Math.min(end, r.judgedEnd + 2 * r.rule.every);
    if (r.queuedEnd >= horizon) return;
    const needed = horizon - run.first;
    if (needed > run.whole.trialCount) {
      const capacity = Math.min(run.total, Math.max(needed, 2 * run.whole.trialCount));
      run.whole = regrowChunk(run.layout, run.whole, run.whole.trialCount, capacity);
    }
    if (r.queuedEnd === run.first) {
      for (const chunk of leadChunks(run.first, end, r.chunkSize, size)) {
        queue.push({ run, ...chunk });
        r.queuedEnd = chunk.start + chunk.count;
      }
    }
    for (; r.queuedEnd < horizon; r.queuedEnd += r.chunkSize) {
      queue.push({ run, start: r.queuedEnd, count: Math.min(r.chunkSize, end - r.queuedEnd) });
    }
  }

  /**
   * With a stop rule: a chunk has arrived. Judge every batch now complete, in order; stop when the
   * rule says so or the cap is reached, else queue more work.
   */
  function judge(run: RunState, task: Task, chunk: SimulationChunk): void {
    const r = run.rule as RuleState;
    const { layout, first } = run;
    const end = first + run.total;
    r.pending.set(task.start, chunk.aggregates);
    let stop = false;
    try {
      for (;;) {
        const contiguous =
          (run.completed[0] as [number, number])[0] === first
            ? (run.completed[0] as [number, number])[1]
            : first;
        const batchEnd = Math.min(end, r.judgedEnd + r.rule.every);
        if (contiguous < batchEnd || r.judgedEnd >= end) break;
        const count = batchEnd - r.judgedEnd;
        const batch = createChunk(layout, r.judgedEnd, count);
        copyTrials(layout, run.whole, r.judgedEnd - first, batch, 0, count);
        // The batch's chunks (the lead chunks are smaller than the rest). Aggregates are whole
        // numbers, so the order they are added in does not matter.
        for (const [start, aggregates] of r.pending) {
          if (start < r.judgedEnd || start >= batchEnd) continue;
          r.pending.delete(start);
          for (let i = 0; i < aggregates.length; i++) {
            batch.aggregates[i] = (batch.aggregates[i] as number) + (aggregates[i] as number);
          }
        }
        for (let i = 0; i < batch.aggregates.length; i++) {
          r.judgedAggregates[i] =
            (r.judgedAggregates[i] as number) + (batch.aggregates[i] as number);
        }
        r.judgedEnd = batchEnd;
        stop = r.rule.add(batch) || batchEnd === end;
        if (run.settled) return; // the rule aborted the run
        if (stop) break;
      }
    } catch (error) {
      fail(run, error);
      return;
    }
    if (!stop) {
      if (run.options.onPartial) {
        try {
          run.options.onPartial({ chunk: snapshot(run), done: run.done, total: run.total });
        } catch (error) {
          fail(run, error);
          return;
        }
        if (run.settled) return;
      }
      run.progress.update(run.done);
      queueAhead(run);
      return;
    }
    const kept = r.judgedEnd - first;
    const result = createChunk(layout, first, kept);
    copyTrials(layout, run.whole, 0, result, 0, kept);
    result.aggregates.set(r.judgedAggregates);
    // Chunks still queued are dropped; those in flight finish and are ignored (their workers are
    // kept: terminating and respawning costs more than the rest of one chunk).
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.run === run) queue.splice(i, 1);
    if (run.options.onPartial) {
      try {
        run.options.onPartial({ chunk: result, done: kept, total: kept });
      } catch (error) {
        fail(run, error);
        return;
      }
      if (run.settled) return;
    }
    run.progress.finish(kept);
    run.settled = true;
    run.cleanup();
    run.resolve(result);
  }

  function start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.handle.ref?.();
    let pending: Promise<SimulationChunk>;
    try {
      pending = slot.handle.api.simulate(task.run.scenario, task.start, task.count);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (chunk) => {
        if (slot.task !== task) return; // aborted, crashed or disposed meanwhile: drop it
        slot.task = undefined;
        slot.handle.unref?.();
        deliver(task, chunk);
        scheduleDispatch();
      },
      (error: unknown) => {
        if (slot.task !== task) return;
        const scenarioError = reviveScenarioError(error);
        if (scenarioError) {
          slot.task = undefined;
          slot.handle.unref?.();
          fail(task.run, scenarioError);
        } else {
          // The engine threw: treat the worker as broken and replace it.
          retire(slot);
          fail(task.run, new WorkerCrashedError(describeError(error), { cause: error }));
        }
        scheduleDispatch();
      },
    );
  }

  function dispatch(): void {
    dispatchScheduled = false;
    if (disposed) return;
    let i = 0;
    while (queue.length > 0 && i < size) {
      let slot = slots[i];
      if (slot?.task) {
        i++;
        continue;
      }
      if (!slot) {
        try {
          slot = spawnSlot(i);
        } catch (error) {
          const head = queue[0] as Task;
          fail(
            head.run,
            new WorkerCrashedError(`could not start a worker: ${describeError(error)}`),
          );
          continue;
        }
      }
      start(slot, queue.shift() as Task);
      i++;
    }
  }

  /**
   * Dispatch on a microtask, not synchronously: a burst of runs each aborting the previous
   * (a slider drag) then reaches the workers as just the last run.
   */
  function scheduleDispatch(): void {
    if (dispatchScheduled || disposed) return;
    dispatchScheduled = true;
    void Promise.resolve().then(dispatch);
  }

  function run(scenario: Scenario, options: RunOptions = {}): Promise<SimulationChunk> {
    if (disposed) return Promise.reject(new RunAbortedError('The runner was disposed'));
    const signal = options.signal;
    if (signal?.aborted)
      return Promise.reject(new RunAbortedError(undefined, { cause: signal.reason }));
    const checked = validateScenario(scenario);
    if (!checked.ok) return Promise.reject(new ScenarioError(checked.errors));
    const valid = checked.scenario;
    const total = options.trials ?? valid.trials;
    const first = options.trialStart ?? 0;
    let chunkSize: number;
    try {
      checkCount('trials', total, 0);
      checkCount('trialStart', first, 0);
      chunkSize = options.chunkSize ?? defaultChunkSize(total, size);
      checkCount('chunkSize', chunkSize, 1);
      if (options.stopRule) {
        const every = options.stopRule.every;
        checkCount('stopRule.every', every, 1);
        if (options.chunkSize === undefined) chunkSize = ruleChunkSize(every, size);
        if (every % chunkSize !== 0)
          throw new RangeError(`chunkSize (${chunkSize}) must divide stopRule.every (${every})`);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const layout = layoutFor(valid);

    return new Promise<SimulationChunk>((resolve, reject) => {
      const onAbort = () => fail(state, new RunAbortedError(undefined, { cause: signal?.reason }));
      const state: RunState = {
        scenario: valid,
        options,
        layout,
        whole: createChunk(layout, first, options.stopRule ? 0 : total),
        first,
        total,
        done: 0,
        rule: options.stopRule && {
          rule: options.stopRule,
          judgedEnd: first,
          queuedEnd: first,
          chunkSize,
          pending: new Map(),
          judgedAggregates: new Float64Array(layout.aggregateLength),
        },
        completed: [],
        progress: new ProgressThrottle(options.onProgress, total, (error) => fail(state, error)),
        settled: false,
        resolve,
        reject,
        cleanup() {
          signal?.removeEventListener('abort', onAbort);
          state.progress.cancel();
          runs.delete(state);
        },
      };
      runs.add(state);
      signal?.addEventListener('abort', onAbort, { once: true });
      state.progress.update(0);
      if (state.settled) return;
      if (total === 0) {
        options.onPartial?.({ chunk: snapshot(state), done: 0, total: 0 });
        state.settled = true;
        state.cleanup();
        resolve(state.whole);
        return;
      }
      if (state.rule) {
        queueAhead(state);
        scheduleDispatch();
        return;
      }
      const end = first + total;
      let start = first;
      if (options.chunkSize === undefined) {
        // A first round of small chunks, one per worker: the first partial result comes early.
        for (let w = 0; w < size && start < end && chunkSize > MIN_CHUNK_SIZE; w++) {
          const count = Math.min(MIN_CHUNK_SIZE, end - start);
          queue.push({ run: state, start, count });
          start += count;
        }
      }
      if (options.chunkSize === undefined)
        for (const chunk of taperedChunks(start, end, chunkSize, size))
          queue.push({ run: state, ...chunk });
      else
        for (; start < end; start += chunkSize)
          queue.push({ run: state, start, count: Math.min(chunkSize, end - start) });
      scheduleDispatch();
    });
  }

  return {
    run,
    get size() {
      return size;
    },
    dispose() {
      if (disposed) return;
      for (const state of [...runs]) fail(state, new RunAbortedError('The runner was disposed'));
      disposed = true;
      queue.length = 0;
      for (const slot of slots) if (slot) retire(slot);
    },
  };
}
