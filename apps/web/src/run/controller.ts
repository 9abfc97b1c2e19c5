/**
 * The run controller: turns a stream of valid scenarios (one per edit) into simulation runs and
 * displayed results. Plain TS (no React), so it is unit-tested with fake runners and clocks.
 *
 * - Debounce with a leading edge: the first edit after a quiet spell runs at once; edits that
 *   follow within `debounceMs` are coalesced into one run `debounceMs` after the last of them.
 * - Starting a run aborts the one in flight (AbortController); results of an older run are
 *   never shown once a newer one has started.
 * - Partial results are summarized latest-only: while the summarizer is busy, newer partials
 *   replace the queued one, and the final result always replaces a queued partial.
 */
import {
  describePrecision,
  describeReached,
  expectedTrials,
  headlineStopRule,
  PRECISION_BATCH,
  type PrecisionStatus,
} from '@sweetspot/analysis';
import type { SimulationChunk } from '@sweetspot/engine';
import { ANNOUNCE_SECONDS, RunClock, type Runner, type StopRule } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import type { Summarized } from './summarize-core.ts';
import type { SummarizedWithChunk, Summarizer } from './summaryClient.ts';

export type RunnerKind = 'normal' | 'crash';

export type RunPhase = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface DisplayedResult extends Summarized {
  runId: number;
  /** JSON of the scenario these results are for. */
  key: string;
  scenario: Scenario;
  done: number;
  total: number;
  /** All trials are in. */
  final: boolean;
  /**
   * The trials these results summarize (per-trial columns), when the summarizer handed them back:
   * CSV export and the trainer's trial picker read them. Undefined if unavailable.
   */
  chunk: SimulationChunk | undefined;
}

export interface RunTiming {
  /** When the edit that led to this run was made. */
  requestedAt: number;
  startedAt: number;
  firstResultAt?: number;
  finalResultAt?: number;
}

/**
 * Where a precision-stopped run stands (docs/model.md §17), after each 250-trial batch judged:
 * what the status line says, and the progress it implies.
 */
export interface RunPrecision {
  /** Trials judged so far (a whole number of batches, in trial order). */
  trials: number;
  /**
   * Trials the run is expected to need: the trials so far scaled by the square of the worst
   * figure's half-width over its target, at most the cap. The progress bar's end.
   */
  expected: number;
  /** Every figure is within its target: the headline is final. */
  met: boolean;
  /** "final: ±0.8% on money and hours, ±2.1 points on chances (1,250 trials)" or "not as precise…". */
  line: string;
  /** "±1.8% on money and hours, ±4 points on chances": the precision reached so far. */
  reached: string;
}

export interface RunError {
  message: string;
  kind: 'crash' | 'scenario' | 'summary' | 'other';
}

export interface RunState {
  /** Phase of the latest run. */
  phase: RunPhase;
  runId: number;
  /** JSON of the latest run's scenario. */
  runKey: string | undefined;
  /** JSON of the latest valid scenario requested (may be waiting for the debounce). */
  latestKey: string | undefined;
  /** A run is scheduled (debounce) for latestKey. */
  scheduled: boolean;
  /**
   * Trials done of the total. For a precision-stopped run: trials judged of the trials it is
   * expected to need (the same numbers as `precision`), so the bar and the words agree.
   */
  progress: { done: number; total: number } | undefined;
  /**
   * Seconds the latest run is estimated to have left, from its measured speed: set only for a run
   * estimated over ANNOUNCE_SECONDS in all (work is never silently huge).
   */
  secondsLeft: number | undefined;
  /** The latest run stops when precise (its scenario has `precision`), not after a fixed count. */
  precise: boolean;
  /** For a scenario with `precision`: how precise the headline is so far. */
  precision: RunPrecision | undefined;
  result: DisplayedResult | undefined;
  error: RunError | undefined;
  timing: RunTiming | undefined;
}

export interface RunControllerOptions {
  createRunner: (kind: RunnerKind) => Runner;
  summarizer: Summarizer;
  debounceMs?: number;
  /** Trials per chunk for a run of `total` trials on `workers` workers. */
  chunkSize?: (total: number, workers: number) => number;
  /**
   * Least time between two partial summaries (the first of a run and the final are never held
   * back). The effective gap is max(this, 4 × the last summary's round trip), so summarizing and
   * redrawing take a small share of a CPU that the simulation workers need.
   */
  partialIntervalMs?: number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const DEFAULT_DEBOUNCE_MS = 250;
export const DEFAULT_PARTIAL_INTERVAL_MS = 300;

/**
 * Small chunks make the first partial result arrive quickly and refine often. Every chunk costs
 * a merge and a snapshot of all trials so far on the main thread, so big runs use fewer chunks:
 * 400 up to 10,000 trials, then 400·√(10,000 / trials).
 */
export function defaultChunkSize(total: number, _workers: number): number {
  const chunks = total <= 10_000 ? 400 : 400 * Math.sqrt(10_000 / total);
  return Math.min(5000, Math.max(25, Math.ceil(total / chunks)));
}

/** Chunk size of a precision-stopped run: a divisor of the 250-trial batch, small so that the
 * first partial result comes within a fraction of a second. */
export const PRECISION_CHUNK = 25;

/** What the status line and the progress bar show of a precision-stopped run. */
export function precisionOf(
  status: PrecisionStatus,
  goal: Parameters<typeof describePrecision>[1],
  cap: number,
): RunPrecision {
  const expected = expectedTrials(status, cap);
  return {
    trials: status.trials,
    expected,
    met: status.met,
    line: describePrecision(status, goal),
    reached: describeReached(status),
  };
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? String((error as { name?: unknown }).name ?? '')
    : undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

interface Job {
  runId: number;
  key: string;
  scenario: Scenario;
  chunk: SimulationChunk;
  done: number;
  total: number;
  final: boolean;
}

export class RunController {
  private state: RunState = {
    phase: 'idle',
    runId: 0,
    runKey: undefined,
    latestKey: undefined,
    scheduled: false,
    progress: undefined,
    secondsLeft: undefined,
    precise: false,
    precision: undefined,
    result: undefined,
    error: undefined,
    timing: undefined,
  };
  private readonly listeners = new Set<() => void>();
  private readonly opts: Required<Omit<RunControllerOptions, 'summarizer' | 'createRunner'>> &
    Pick<RunControllerOptions, 'summarizer' | 'createRunner'>;
  private runner: Runner | undefined;
  private runnerKind: RunnerKind = 'normal';
  private crashNext = false;
  private abort: AbortController | undefined;
  private settled = true;
  private timer: unknown;
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private latest: { scenario: Scenario; key: string } | undefined;
  private queued: Job | undefined;
  private summarizing = false;
  /** Earliest time the next partial summary may start. */
  private nextPartialAt = 0;
  private partialTimer: unknown;
  private disposed = false;
  /** The latest run's speed, for the time it has left. */
  private clock: RunClock | undefined;

  constructor(options: RunControllerOptions) {
    this.opts = {
      debounceMs: DEFAULT_DEBOUNCE_MS,
      partialIntervalMs: DEFAULT_PARTIAL_INTERVAL_MS,
      chunkSize: defaultChunkSize,
      now: () => performance.now(),
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): RunState => this.state;

  private set(patch: Partial<RunState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * A valid scenario from the editor. Runs it now after a quiet spell, otherwise when edits
   * pause for `debounceMs`; nothing happens if it is what the current run is already for.
   * `typing`: the edit is a keystroke in a text field — the number may be half typed ("2" of
   * "25"), so it always waits for the pause (or `flush`), never runs on the leading edge.
   */
  request(scenario: Scenario, options: { immediate?: boolean; typing?: boolean } = {}): void {
    if (this.disposed) return;
    const key = JSON.stringify(scenario);
    this.latest = { scenario, key };
    const now = this.opts.now();
    const quiet = this.timer === undefined && now - this.lastRequestAt >= this.opts.debounceMs;
    this.lastRequestAt = now;
    const { phase, runKey } = this.state;
    if (key === runKey && (phase === 'running' || phase === 'done')) {
      // Back to what is running or shown: drop any run scheduled for an intermediate edit.
      this.cancelTimer();
      this.set({ latestKey: key, scheduled: false });
      return;
    }
    this.cancelTimer();
    if ((quiet && !options.typing) || options.immediate) {
      this.start(now);
      return;
    }
    const requestedAt = now;
    this.timer = this.opts.setTimer(() => {
      this.timer = undefined;
      this.start(requestedAt);
    }, this.opts.debounceMs);
    this.set({ latestKey: key, scheduled: true });
  }

  /** The edit is complete (Enter, or the field left): a run waiting for the pause starts now. */
  flush(): void {
    if (this.disposed || this.timer === undefined) return;
    this.cancelTimer();
    this.start(this.lastRequestAt);
  }

  /** The latest valid scenario is invalid now: forget any scheduled run (results go stale). */
  invalidate(): void {
    this.cancelTimer();
    if (this.state.scheduled) this.set({ scheduled: false });
  }

  /** Stops the run in flight (its partial results stay on screen) and any scheduled run. */
  stop(): void {
    this.cancelTimer();
    if (this.state.phase === 'running' && !this.settled) {
      this.settled = true;
      this.abort?.abort();
      this.abort = undefined;
      // Freeze what is on screen: summaries queued or in flight for this run are dropped.
      this.queued = undefined;
      this.cancelPartialTimer();
      const shown = this.state.result;
      const progress =
        shown && shown.runId === this.state.runId && this.state.progress
          ? { done: shown.done, total: this.state.progress.total }
          : this.state.progress;
      this.set({ phase: 'stopped', scheduled: false, progress });
    } else if (this.state.scheduled) {
      this.set({ scheduled: false });
    }
  }

  /** Runs the latest valid scenario again, now (after an error or a stop). */
  retry(): void {
    if (this.disposed || !this.latest) return;
    this.cancelTimer();
    this.start(this.opts.now());
  }

  /** Test hook: the next run uses a pool whose workers crash as they start. */
  armCrash(): void {
    this.crashNext = true;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.cancelPartialTimer();
    this.abort?.abort();
    this.runner?.dispose();
    this.runner = undefined;
    this.opts.summarizer.dispose();
    this.listeners.clear();
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.opts.clearTimer(this.timer);
    this.timer = undefined;
  }

  private cancelPartialTimer(): void {
    if (this.partialTimer !== undefined) this.opts.clearTimer(this.partialTimer);
    this.partialTimer = undefined;
  }

  private ensureRunner(): Runner {
    const kind: RunnerKind = this.crashNext ? 'crash' : 'normal';
    this.crashNext = false;
    if (this.runner && this.runnerKind === kind) return this.runner;
    this.runner?.dispose();
    this.runner = this.opts.createRunner(kind);
    this.runnerKind = kind;
    return this.runner;
  }

  private start(requestedAt: number): void {
    const latest = this.latest;
    if (!latest || this.disposed) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.settled = false;
    const runId = this.state.runId + 1;
    const { scenario, key } = latest;
    // Partials of older runs waiting for the summarizer are now pointless.
    if (this.queued && this.queued.runId !== runId) this.queued = undefined;
    this.cancelPartialTimer();
    this.nextPartialAt = 0; // the first partial of a run goes at once
    this.set({
      phase: 'running',
      runId,
      runKey: key,
      latestKey: key,
      scheduled: false,
      progress: { done: 0, total: scenario.precision ? PRECISION_BATCH : scenario.trials },
      precise: scenario.precision !== undefined,
      secondsLeft: undefined,
      precision: undefined,
      error: undefined,
      timing: { requestedAt, startedAt: this.opts.now() },
    });
    this.clock = new RunClock(this.opts.now());
    let runner: Runner;
    try {
      runner = this.ensureRunner();
    } catch (error) {
      this.fail(runId, error);
      return;
    }
    const current = () => this.state.runId === runId && !this.disposed;
    const stopRule = scenario.precision ? this.precisionRule(scenario, current) : undefined;
    runner
      .run(scenario, {
        signal: abort.signal,
        ...(stopRule
          ? { stopRule, chunkSize: PRECISION_CHUNK }
          : { chunkSize: this.opts.chunkSize(scenario.trials, runner.size) }),
        onProgress: (p) => {
          if (stopRule) return; // the precision's own progress (precisionRule) says it
          if (current() && this.state.phase === 'running')
            this.set({ progress: { ...p }, secondsLeft: this.secondsLeft(p.done, p.total) });
        },
        onPartial: (p) => {
          if (!current() || p.done >= p.total) return; // the final chunk comes from run()
          this.offer({
            runId,
            key,
            scenario,
            chunk: p.chunk,
            done: p.done,
            total: p.total,
            final: false,
          });
        },
      })
      .then(
        (chunk) => {
          if (!current()) return;
          this.settled = true;
          this.releaseCrashRunner();
          this.offer({
            runId,
            key,
            scenario,
            chunk,
            done: chunk.trialCount,
            total: chunk.trialCount,
            final: true,
          });
        },
        (error: unknown) => {
          if (!current()) return;
          this.settled = true;
          this.releaseCrashRunner();
          if (errorName(error) === 'AbortError') return; // stop() or a newer run said so
          this.fail(runId, error);
        },
      );
  }

  /**
   * The runner's stop rule for a scenario with `precision`: the headline's tracker, publishing
   * after each batch how precise the headline is and how many trials it is expected to need.
   */
  private precisionRule(scenario: Scenario, current: () => boolean): StopRule {
    const rule = headlineStopRule(scenario);
    const goal = rule.tracker.goal;
    return {
      every: rule.every,
      add: (batch) => {
        const stop = rule.add(batch);
        if (current()) {
          const status = rule.tracker.status();
          const precision = precisionOf(status, goal, scenario.trials);
          this.set({
            precision,
            progress: { done: precision.trials, total: precision.expected },
            secondsLeft: this.secondsLeft(precision.trials, precision.expected),
          });
        }
        return stop;
      },
    };
  }

  /**
   * Seconds left at the speed measured since the run's first trials finished (runner RunClock),
   * if the whole run is estimated over ANNOUNCE_SECONDS.
   */
  private secondsLeft(done: number, total: number): number | undefined {
    const estimate = this.clock?.observe(done, total, this.opts.now());
    return estimate && estimate.total > ANNOUNCE_SECONDS ? estimate.left : undefined;
  }

  /** After a run on the crash-test pool, go back to real workers. */
  private releaseCrashRunner(): void {
    if (this.runnerKind !== 'crash') return;
    this.runner?.dispose();
    this.runner = undefined;
    this.runnerKind = 'normal';
  }

  private fail(runId: number, error: unknown): void {
    if (this.state.runId !== runId) return;
    const name = errorName(error);
    const kind: RunError['kind'] =
      name === 'ScenarioError'
        ? 'scenario'
        : name === 'WorkerCrashedError' || /worker/i.test(errorMessage(error))
          ? 'crash'
          : 'other';
    this.abort?.abort();
    this.abort = undefined;
    this.settled = true;
    this.set({ phase: 'error', error: { message: errorMessage(error), kind } });
  }

  private offer(job: Job): void {
    const queued = this.queued;
    if (job.final || !(queued?.final && queued.runId === job.runId)) this.queued = job;
    this.pump();
  }

  private pump(): void {
    if (this.summarizing || !this.queued || this.disposed) return;
    const now = this.opts.now();
    if (!this.queued.final && now < this.nextPartialAt) {
      this.partialTimer ??= this.opts.setTimer(() => {
        this.partialTimer = undefined;
        this.pump();
      }, this.nextPartialAt - now);
      return;
    }
    this.cancelPartialTimer();
    const job = this.queued;
    this.queued = undefined;
    this.summarizing = true;
    const startedAt = now;
    this.opts.summarizer.summarize(job.scenario, job.chunk).then(
      (summarized) => {
        this.summarizing = false;
        const end = this.opts.now();
        this.nextPartialAt = end + Math.max(this.opts.partialIntervalMs, 4 * (end - startedAt));
        this.show(job, summarized);
        this.pump();
      },
      (error: unknown) => {
        this.summarizing = false;
        if (this.state.runId === job.runId && !this.disposed) {
          this.fail(job.runId, error);
          this.set({ error: { message: errorMessage(error), kind: 'summary' } });
        }
        this.pump();
      },
    );
  }

  private show(job: Job, summarized: SummarizedWithChunk): void {
    if (this.disposed || this.state.runId !== job.runId) return;
    if (this.state.phase === 'error' || this.state.phase === 'stopped') return;
    const previous = this.state.result;
    // Never step back: a partial with fewer trials than what is shown for this run is dropped.
    if (previous && previous.runId === job.runId && previous.done > job.done) return;
    const now = this.opts.now();
    const timing = this.state.timing ? { ...this.state.timing } : undefined;
    if (timing) {
      timing.firstResultAt ??= now;
      if (job.final) timing.finalResultAt = now;
    }
    // A chunk transferred to a worker is detached here (length 0) unless the worker sent it back.
    const intact = job.chunk.columns.length > 0 || job.chunk.trialCount === 0;
    const result: DisplayedResult = {
      ...summarized,
      chunk: summarized.chunk ?? (intact ? job.chunk : undefined),
      runId: job.runId,
      key: job.key,
      scenario: job.scenario,
      done: job.done,
      total: job.total,
      final: job.final,
    };
    const patch: Partial<RunState> = { result, timing };
    if (job.final && this.state.phase === 'running') {
      patch.phase = 'done';
      patch.secondsLeft = undefined;
      patch.progress = { done: job.total, total: job.total };
    }
    this.set(patch);
  }
}
