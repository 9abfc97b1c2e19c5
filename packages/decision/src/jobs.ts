/**
 * Running many scenarios through one `Runner`: a few runs in flight at a time (the pool splits
 * each into chunks and keeps every worker busy; the next run's chunks queue behind the current
 * one's, so there is no idle tail), progress summed over all runs, one AbortSignal for all.
 */
import type { SimulationChunk } from '@sweetspot/engine';
import {
  type AbortSignalLike,
  RunAbortedError,
  type Runner,
  ScenarioError,
} from '@sweetspot/runner';
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import type { CommonOptions, DecisionProgress } from './types.ts';

/** Throws an `AbortError` if the signal is aborted. */
export function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) throw new RunAbortedError(undefined, { cause: signal.reason });
}

/**
 * The scenario as validation returns it (defaults filled in), checked before any work: throws an
 * `AbortError` if `signal` is aborted, else a ScenarioError with every problem (the runner would
 * say the same, but only after the work has started).
 */
export function validOrThrow(scenario: Scenario, signal?: AbortSignalLike): Scenario {
  throwIfAborted(signal);
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new ScenarioError(checked.errors);
  return checked.scenario;
}

/**
 * An abort signal that follows `parent` and can also be aborted on its own (when one run of a
 * batch fails, the others stop). lib ES2022 has no AbortController, and we need none: the runner
 * only calls addEventListener/removeEventListener and reads `aborted` and `reason`.
 */
export class LinkedSignal implements AbortSignalLike {
  aborted = false;
  reason: unknown;
  private readonly listeners = new Set<() => void>();
  private readonly parent: AbortSignalLike | undefined;
  private readonly onParent = () => this.abort(this.parent?.reason);

  constructor(parent?: AbortSignalLike) {
    this.parent = parent;
    if (parent?.aborted) this.abort(parent.reason);
    else parent?.addEventListener('abort', this.onParent, { once: true });
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners.delete(listener);
  }

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  /** Stops following the parent. */
  dispose(): void {
    this.parent?.removeEventListener('abort', this.onParent);
  }
}

/** Checks a trial count (1 to 1 000 000, as in the scenario format) and returns it. */
export function checkTrials(trials: number): number {
  if (!Number.isSafeInteger(trials) || trials < 1 || trials > 1_000_000) {
    throw new RangeError(`trials must be a whole number from 1 to 1000000 (got ${trials})`);
  }
  return trials;
}

/** One run: a scenario and a range of trials. */
export interface Job {
  scenario: Scenario;
  trials: number;
  trialStart?: number;
}

export interface JobOptions extends CommonOptions {
  /** Runs in flight at once. Default: workers + 1 (at least 2). */
  concurrency?: number;
  /**
   * Trials to add to every progress report (work already done or still to come outside this
   * batch), so that several batches of an analysis report one monotone figure.
   */
  progressOffset?: { done: number; total: number };
}

/**
 * Runs every job and returns `consume(chunk, index)` for each, in job order. A chunk is handed to
 * `consume` as soon as its run finishes and is not kept, so memory holds only the runs in flight.
 * The first failure (or an abort) stops the other runs and is thrown.
 */
export async function runJobs<T>(
  runner: Runner,
  jobs: readonly Job[],
  consume: (chunk: SimulationChunk, index: number) => T,
  options: JobOptions = {},
): Promise<T[]> {
  throwIfAborted(options.signal);
  const results = new Array<T>(jobs.length);
  if (jobs.length === 0) return results;
  const concurrency = Math.max(
    1,
    Math.min(jobs.length, options.concurrency ?? Math.max(2, runner.size + 1)),
  );
  const signal = new LinkedSignal(options.signal);
  const done = new Array<number>(jobs.length).fill(0);
  const offset = options.progressOffset ?? { done: 0, total: 0 };
  const total = jobs.reduce((sum, job) => sum + job.trials, 0) + offset.total;
  let runsDone = 0;
  let sumDone = 0;
  let reported = -1;
  const report = () => {
    const value = sumDone + offset.done;
    if (!options.onProgress || value === reported) return;
    reported = value;
    const progress: DecisionProgress = { done: value, total, runsDone, runs: jobs.length };
    options.onProgress(progress);
  };
  let next = 0;
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (!failure) failure = { error };
    signal.abort(error);
  };
  const lane = async () => {
    while (next < jobs.length && !failure) {
      const index = next++;
      const job = jobs[index] as Job;
      try {
        const chunk = await runner.run(job.scenario, {
          signal,
          trials: job.trials,
          trialStart: job.trialStart ?? 0,
          onProgress: (p) => {
            sumDone += p.done - (done[index] as number);
            done[index] = p.done;
            report();
          },
        });
        if (failure) return;
        sumDone += job.trials - (done[index] as number);
        done[index] = job.trials;
        runsDone++;
        results[index] = consume(chunk, index);
        report();
      } catch (error) {
        fail(error);
        return;
      }
    }
  };
  try {
    report();
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    signal.dispose();
  }
  if (failure) throw failure.error;
  throwIfAborted(options.signal);
  return results;
}

/** Runs one job (see runJobs) and returns its chunk. */
export async function runOne(
  runner: Runner,
  job: Job,
  options: JobOptions = {},
): Promise<SimulationChunk> {
  const [chunk] = await runJobs(runner, [job], (c) => c, options);
  return chunk as SimulationChunk;
}
