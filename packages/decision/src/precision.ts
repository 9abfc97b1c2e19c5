/**
 * Run to a precision target instead of a fixed trial count: add batches of trials until the 95%
 * interval of the metric is narrow enough, or a cap is hit. Trials are seeded by index (model §1),
 * so batches [0, b), [b, 2b), … merged together are bit-identical to one run of the same trials.
 */
import { teamQuota } from '@sweetspot/analysis';
import { createChunk, layoutFor, mergeChunkInto, type SimulationChunk } from '@sweetspot/engine';
import { type Runner, regrowChunk } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { runOne, throwIfAborted, validOrThrow } from './jobs.ts';
import { checkMetricSpec, evaluateMetric, halfWidth } from './metric.ts';
import type { CommonOptions, Estimate, MetricSpec } from './types.ts';

/**
 * The wanted 95% half-width. For `pABeatsB`, a probability: 0.01 is ±1 percentage point
 * (Wilson interval; its half-width is (hi − lo) / 2). For a mean difference, a share of the team's
 * quota over the period measured (reps × quota per rep × quarters of the horizon, or of one
 * quarter): 0.01 is ±1% of quota.
 */
export interface PrecisionTarget extends MetricSpec {
  halfWidth: number;
}

export interface PrecisionOptions extends CommonOptions {
  /** Stop here even if the target is not reached. Default 200 000 (at most 1 000 000). */
  maxTrials?: number;
  /** Trials per batch; the first batch is the same size. Default 2 000. */
  batchTrials?: number;
  /** Called with each point of the trace as its batch is merged (the result holds the same). */
  onTrace?: (point: TracePoint) => void;
}

/** One point of the convergence trace, after a batch. */
export interface TracePoint {
  trials: number;
  estimate: number;
  lo: number;
  hi: number;
  halfWidth: number;
}

export interface PrecisionResult {
  /** The target half-width was reached. */
  reached: boolean;
  stoppedBy: 'target' | 'cap';
  /** Trials run. */
  trials: number;
  /** The target half-width in the metric's own unit (money or probability). */
  target: number;
  /** The half-width achieved, in the metric's unit. */
  halfWidth: number;
  /** The achieved half-width as a share of quota (mean differences) or as a probability. */
  halfWidthRelative: number;
  estimate: Estimate;
  /** After each batch: trials so far and the estimate with its interval. */
  trace: TracePoint[];
  /** All trials [0, trials), exactly as one run of `scenario` would give them. */
  chunk: SimulationChunk;
  /** The input scenario with `trials` set to the trials run (for `summarize`). */
  scenario: Scenario;
}

const MAX_TRIALS = 1_000_000;

/** The quota a mean difference is compared with: team quota over the period measured. */
export function quotaOver(scenario: Scenario, spec: MetricSpec): number {
  const quarters = spec.quarter === undefined ? scenario.horizon.quarters : 1;
  return teamQuota(scenario) * quarters;
}

/**
 * The target half-width in the metric's unit (`goal`), and the unit it was given in (`scale`):
 * 1 for a probability, the quota over the period for a mean difference.
 */
function precisionGoal(valid: Scenario, target: PrecisionTarget): { scale: number; goal: number } {
  const scale = target.metric === 'pABeatsB' ? 1 : quotaOver(valid, target);
  return { scale, goal: target.halfWidth * scale };
}

/**
 * Checks a precision target and its batch options for a validated scenario (throws a RangeError
 * naming the bad one), and returns the options with their defaults.
 */
function checkPrecision(
  valid: Scenario,
  target: PrecisionTarget,
  options: { maxTrials?: number; batchTrials?: number },
): { maxTrials: number; batchTrials: number } {
  checkMetricSpec(valid, target);
  if (!(target.halfWidth > 0) || !Number.isFinite(target.halfWidth)) {
    throw new RangeError(`the target half-width must be > 0 (got ${target.halfWidth})`);
  }
  const maxTrials = options.maxTrials ?? 200_000;
  const batchTrials = options.batchTrials ?? 2_000;
  checkWhole('maxTrials', maxTrials, 1, MAX_TRIALS);
  checkWhole('batchTrials', batchTrials, 1, MAX_TRIALS);
  return { maxTrials, batchTrials };
}

/** The batches runToPrecision judges, in order: the trial count after each, up to `maxTrials`. */
function batchEnds(maxTrials: number, batchTrials: number): number[] {
  const ends: number[] = [];
  for (let n = 0; n < maxTrials; ) {
    n += Math.min(batchTrials, maxTrials - n);
    ends.push(n);
  }
  return ends;
}

/**
 * Whether `known` can stand for trials of `valid`: it starts at trial 0, its columns are intact
 * (not handed to a worker) and it has the scenario's layout.
 */
export function coversLayout(valid: Scenario, known: SimulationChunk): boolean {
  const layout = layoutFor(valid);
  return (
    known.trialStart === 0 &&
    known.columns.length === layout.totalColumns * known.trialCount &&
    known.strategies === layout.strategies &&
    known.quarters === layout.quarters &&
    known.segments === layout.segments &&
    (known.groups ?? 0) === layout.groups
  );
}

/** What runToPrecision's stopping rule decides, read from trials already simulated. */
export interface KnownPrecision {
  reached: boolean;
  /** Trials the rule keeps: [0, trials) of the known chunk. */
  trials: number;
  /** The target half-width in the metric's unit. */
  target: number;
  halfWidth: number;
  estimate: Estimate;
}

/**
 * The stopping rule of runToPrecision applied to `known`, trials [0, n) of the same (validated)
 * scenario already simulated (the main run's, say), without running anything: the same batches,
 * the same estimates, the same trial count — or undefined when the rule would need trials beyond
 * `known`. Exact, because trials are seeded by index (docs/model.md §1): the first n trials of any
 * run of the scenario are the same numbers. That `known` is of this scenario (its seed and every
 * number) is the caller's to ensure: only its layout can be checked here. Bad targets and options
 * throw as in runToPrecision.
 */
export function precisionFromKnown(
  valid: Scenario,
  known: SimulationChunk,
  target: PrecisionTarget,
  options: { maxTrials?: number; batchTrials?: number } = {},
): KnownPrecision | undefined {
  const { maxTrials, batchTrials } = checkPrecision(valid, target, options);
  if (!coversLayout(valid, known)) return undefined;
  const { goal } = precisionGoal(valid, target);
  for (const n of batchEnds(maxTrials, batchTrials)) {
    if (n > known.trialCount) return undefined;
    const estimate = evaluateMetric(valid, known, target, n);
    const hw = halfWidth(estimate);
    const reached = hw <= goal;
    if (reached || n === maxTrials) {
      return { reached, trials: n, target: goal, halfWidth: hw, estimate };
    }
  }
  return undefined;
}

function checkWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max} (got ${value})`);
  }
}

/**
 * Adds batches of `batchTrials` trials (through `runner`, trials [n, n + batch)) until the 95%
 * half-width of the target metric is at most the target, or `maxTrials` is reached; returns what
 * was achieved, the convergence trace and the merged chunk. The growing chunk is reallocated
 * geometrically (capacity doubles), so merging costs O(total) copies overall.
 *
 * Checking after every batch and stopping at the first success is a sequential rule: the
 * achieved interval is slightly optimistic (optional stopping), negligible for batches of
 * thousands of trials.
 */
export async function runToPrecision(
  runner: Runner,
  scenario: Scenario,
  target: PrecisionTarget,
  options: PrecisionOptions = {},
): Promise<PrecisionResult> {
  const valid = validOrThrow(scenario, options.signal);
  const { maxTrials, batchTrials } = checkPrecision(valid, target, options);
  const { scale, goal } = precisionGoal(valid, target);

  const layout = layoutFor(valid);
  let whole = createChunk(layout, 0, Math.min(maxTrials, batchTrials));
  let n = 0;
  const trace: TracePoint[] = [];
  let estimate: Estimate | undefined;
  let reached = false;
  // Trials expected in all, for progress: revised after each batch from the half-width so far
  // (it shrinks like 1/√n), never below the next batch's end.
  let expected = Math.min(maxTrials, batchTrials);
  while (n < maxTrials) {
    const count = Math.min(batchTrials, maxTrials - n);
    if (n + count > whole.trialCount) {
      whole = regrowChunk(
        layout,
        whole,
        n,
        Math.min(maxTrials, Math.max(2 * whole.trialCount, n + count)),
      );
    }
    const part = await runOne(
      runner,
      { scenario: valid, trials: count, trialStart: n },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress
          ? {
              onProgress: (p) => options.onProgress?.({ done: n + p.done, total: expected }),
            }
          : {}),
      },
    );
    throwIfAborted(options.signal); // no trace point after an abort
    mergeChunkInto(whole, part);
    n += count;
    estimate = evaluateMetric(valid, whole, target, n);
    const hw = halfWidth(estimate);
    const point: TracePoint = {
      trials: n,
      estimate: estimate.estimate,
      lo: estimate.lo,
      hi: estimate.hi,
      halfWidth: hw,
    };
    trace.push(point);
    options.onTrace?.(point);
    if (hw <= goal) {
      reached = true;
      break;
    }
    const needed = Number.isFinite(hw) && goal > 0 ? Math.ceil(n * (hw / goal) ** 2) : maxTrials;
    expected = Math.min(maxTrials, Math.max(n + batchTrials, needed));
  }
  const chunk = n === whole.trialCount ? whole : regrowChunk(layout, whole, n, n);
  const final = estimate as Estimate;
  const hw = halfWidth(final);
  return {
    reached,
    stoppedBy: reached ? 'target' : 'cap',
    trials: n,
    target: goal,
    halfWidth: hw,
    halfWidthRelative: hw / scale,
    estimate: final,
    trace,
    chunk,
    scenario: { ...valid, trials: n },
  };
}
