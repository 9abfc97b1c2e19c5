import type { SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

/**
 * The part of `AbortSignal` the runner uses. Declared here so that the core type-checks with
 * `lib: ["ES2022"]` alone; the DOM's and Node's `AbortSignal` both satisfy it.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Trials done out of the run's total. */
export interface RunProgress {
  done: number;
  total: number;
}

/** The trials completed so far, merged (a fresh copy: the runner keeps no reference to it). */
export interface PartialResult {
  /**
   * All completed trials, in trial order, concatenated: `trialCount === done`, `trialStart` is the
   * run's first trial. Chunks can finish out of order, so until the run is complete the trials
   * are not necessarily a contiguous range. `aggregates` are the exact sums over those trials.
   */
  chunk: SimulationChunk;
  done: number;
  total: number;
}

/**
 * A rule that ends a run early (a precision target, for instance). The run's trials are judged in
 * batches of `every`, in trial order: [first, first + every), then the next, and so on; `add`
 * receives each batch once, in that order, and returns true to stop after it. The run then
 * resolves with exactly the batches judged — bit-identical to a fixed run of that many trials,
 * whatever the worker count, since trials are seeded by index. The run's trial count is the cap.
 */
export interface StopRule {
  /** Trials per batch (a whole number ≥ 1); the chunk size must divide it. */
  every: number;
  add(batch: SimulationChunk): boolean;
}

export interface RunOptions {
  /** End the run as soon as this rule says so (see `StopRule`); `trials` is then the cap. */
  stopRule?: StopRule;
  /** Aborting rejects the run with an `AbortError` and terminates workers busy with it. */
  signal?: AbortSignalLike;
  /** Trials done / total: throttled to at most ~5 calls a second, monotone, ends at total. */
  onProgress?: (progress: RunProgress) => void;
  /**
   * Called each time a chunk finishes, with everything merged so far; the last has done === total
   * (with a stop rule: the trials kept, as both done and total).
   */
  onPartial?: (partial: PartialResult) => void;
  /**
   * Trials per chunk. Default: about total / (workers · 8), clamped to [250, 25 000], after a
   * first round of 250-trial chunks (one per worker) so that the first partial result is quick.
   * With a stop rule it must divide the rule's batch (default `ruleChunkSize`), and the run
   * leads with one 5-trial chunk per worker whatever it is (`leadChunks`).
   */
  chunkSize?: number;
  /** Number of trials. Default: `scenario.trials`. */
  trials?: number;
  /** Index of the first trial. Default: 0. */
  trialStart?: number;
}

/** Runs scenarios: in this thread, or on a pool of workers. Results are identical either way. */
export interface Runner {
  run(scenario: Scenario, options?: RunOptions): Promise<SimulationChunk>;
  /** Terminates every worker and rejects runs in progress; the runner cannot be used afterwards. */
  dispose(): void;
  /** Number of workers (1 for the in-thread runner). */
  readonly size: number;
}

/** What a pool needs from the worker side: the `SimulationApi`, possibly behind comlink. */
export interface SimulationEndpoint {
  simulate(scenario: unknown, trialStart: number, trialCount: number): Promise<SimulationChunk>;
}

/**
 * One worker as the pool sees it: an API, a way to kill it, and a crash notification (uncaught
 * error, exit, out of memory). Real workers (Node, browser) and in-thread fakes implement it.
 */
export interface WorkerHandle {
  readonly api: SimulationEndpoint;
  /** Stops the worker at once, even inside a synchronous loop. No crash is reported afterwards. */
  terminate(): void;
  /** Registers a callback for the worker dying on its own; called at most once. */
  onCrash(callback: (error: Error) => void): void;
  /** Node: keep the process alive while the worker is busy (`worker.ref()`). */
  ref?(): void;
  /** Node: let the process exit while the worker is idle (`worker.unref()`). */
  unref?(): void;
}

export interface PoolOptions {
  /** Number of workers (at least 1). Workers are spawned lazily, when there is work for them. */
  size: number;
  spawn: () => WorkerHandle;
}
