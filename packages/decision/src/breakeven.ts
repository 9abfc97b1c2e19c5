/**
 * Break-even: the value of one input at which A and B tie on a mean difference (A − B = 0).
 *
 * Every evaluation runs the same trials with the same seed (common random numbers), so the
 * estimated curve x ↦ mean(A − B)(x) is one fixed, nearly smooth function of x rather than a
 * fresh noisy draw at each point, and root finding on it behaves as on a deterministic function.
 * A coarse grid finds a sign change (in parallel on the pool), the Illinois variant of regula
 * falsi (Dowell & Jarratt 1971) refines it, and the root's Monte Carlo uncertainty is the set of
 * values where the 95% interval of the mean difference contains 0, from the delta method with the
 * slope measured around the root.
 */
import { Z95 } from '@sweetspot/analysis';
import type { Runner } from '@sweetspot/runner';
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import { checkTrials, runJobs, throwIfAborted, validOrThrow } from './jobs.ts';
import { checkMetricSpec, evaluateMetric } from './metric.ts';
import { clampParam, inRange, type ResolvedParam, resolveParam, setParam } from './path.ts';
import {
  type CommonOptions,
  DIFF_METRICS,
  type DiffMetric,
  type Estimate,
  type MetricSpec,
} from './types.ts';

export interface BreakEvenOptions extends CommonOptions {
  /** Parameter path, e.g. `segments[1].winRate`, `team.sellingHoursPerWeek`. */
  param: string;
  /** The mean difference that should be 0. Default `bookings`. */
  metric?: DiffMetric;
  /** 1-based quarter; absent: the horizon. */
  quarter?: number;
  /**
   * Values to search. Default: the whole valid range for shares (win rate, discount, …) and
   * multipliers; base / 4 to base × 4 (within the valid range) for everything else.
   */
  range?: [number, number];
  /** Stop when the bracket is this narrow (parameter units). Default range / 1000; 1 for whole numbers. */
  tolerance?: number;
  /** Trials per evaluation. Default: the scenario's. */
  trials?: number;
  /** Points of the initial grid, ends included (≥ 2). Default 5. */
  gridPoints?: number;
  /** Most evaluations in all. Default 40. */
  maxEvaluations?: number;
  /**
   * Called with each evaluation as soon as its run is done (grid points first, then the search
   * and the points around the root). Final when handed over; the result lists them sorted.
   */
  onEvaluation?: (evaluation: Evaluation) => void;
}

/** The metric at one value of the parameter. */
export interface Evaluation {
  value: number;
  result: Estimate;
}

interface Common {
  param: string;
  label: string;
  spec: MetricSpec;
  range: [number, number];
  /** Every evaluation, sorted by value. */
  evaluations: Evaluation[];
  trialsPerEvaluation: number;
  /** Plain-language summary of the outcome. */
  message: string;
}

export interface BreakEvenCrossing extends Common {
  crossing: true;
  /** The value where the mean difference crosses 0 (interpolated between evaluations). */
  root: number;
  /**
   * Values where the 95% interval of the mean difference contains 0: root ± 1.96·se / |slope|
   * (delta method), clipped to the range. It is the Monte Carlo uncertainty of the root at this
   * number of trials; more trials narrow it.
   */
  interval: [number, number];
  /** d(mean difference)/d(value) around the root. */
  slope: number;
  /** The metric at the evaluation closest to the root. */
  atRoot: Evaluation;
  /** Sign of the mean difference below and above the root (+1: A ahead). */
  signBelow: -1 | 1;
  /** The final bracket was narrower than the tolerance, or the difference was below its noise. */
  converged: boolean;
  /** Sign changes seen on the initial grid; more than 1 means several crossings (the lowest is refined). */
  signChanges: number;
}

export interface BreakEvenNoCrossing extends Common {
  crossing: false;
  /** Sign of the mean difference (+1: A ahead, −1: B ahead, 0: exact tie) at the ends. */
  signAtLow: -1 | 0 | 1;
  signAtHigh: -1 | 0 | 1;
  low: Evaluation;
  high: Evaluation;
}

export type BreakEvenResult = BreakEvenCrossing | BreakEvenNoCrossing;

function sign(x: number): -1 | 0 | 1 {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/**
 * Sign of the difference just below a crossing found on the grid between points `at[0]` and
 * `at[1]` (equal when the difference is exactly 0 at a grid point).
 */
function signBelowCrossing(f: number[], at: [number, number]): -1 | 1 {
  for (let i = at[0]; i >= 0; i--) {
    const s = sign(f[i] as number);
    if (s !== 0) return s;
  }
  for (let i = at[1]; i < f.length; i++) {
    const s = sign(f[i] as number);
    if (s !== 0) return s === 1 ? -1 : 1;
  }
  return 1;
}

/** The default search range of a parameter (see BreakEvenOptions.range). */
export function defaultRange(param: ResolvedParam): [number, number] {
  const { rule, value } = param;
  const lowest = rule.above ? rule.min + (rule.max - rule.min) * 1e-6 : rule.min;
  if (rule.unit === 'share' || rule.unit === 'multiplier' || value === 0) {
    return [lowest, rule.max === Number.MAX_SAFE_INTEGER ? value * 4 : rule.max];
  }
  const lo = Math.max(lowest, clampParam(rule, value / 4));
  const hi = clampParam(rule, value * 4);
  return [lo, hi];
}

/**
 * Finds the value of `param` at which the mean difference A − B of `metric` is 0, or reports that
 * it has the same sign across the whole range. Every evaluation uses the same seed and trials.
 */
export async function breakEven(
  runner: Runner,
  scenario: Scenario,
  options: BreakEvenOptions,
): Promise<BreakEvenResult> {
  const valid = validOrThrow(scenario, options.signal);
  const metric = options.metric ?? 'bookings';
  if (!DIFF_METRICS.includes(metric)) {
    throw new RangeError(
      `break-even needs a mean difference: metric must be one of ${DIFF_METRICS.join(', ')} (got ${JSON.stringify(metric)})`,
    );
  }
  const spec: MetricSpec = {
    metric,
    ...(options.quarter !== undefined ? { quarter: options.quarter } : {}),
  };
  checkMetricSpec(valid, spec);
  const trials = checkTrials(options.trials ?? valid.trials);
  const base: Scenario = { ...valid, trials };
  const param = resolveParam(base, options.param);
  const { rule } = param;
  const range = options.range ?? defaultRange(param);
  const [lo, hi] = range;
  if (!(lo < hi)) throw new RangeError(`the range must have low < high (got ${lo}:${hi})`);
  for (const v of range) {
    if (!inRange(rule, v)) {
      throw new RangeError(
        `${v} is outside the valid values of ${param.path} (${rule.above ? '>' : '≥'} ${rule.min}, ≤ ${rule.max}${rule.int ? ', whole numbers' : ''})`,
      );
    }
  }
  const int = rule.int === true;
  const tolerance = options.tolerance ?? (int ? 1 : (hi - lo) / 1000);
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be > 0 (got ${tolerance})`);
  const gridPoints = options.gridPoints ?? 5;
  if (!Number.isInteger(gridPoints) || gridPoints < 2 || gridPoints > 101) {
    throw new RangeError(`gridPoints must be a whole number from 2 to 101 (got ${gridPoints})`);
  }
  const maxEvaluations = Math.max(gridPoints, options.maxEvaluations ?? 40);

  // Variants are checked before any run: an invalid one (e.g. a median set above its p90) is a
  // clear error about the range, not a worker failure halfway through.
  const variant = (value: number): Scenario => {
    const s = setParam(base, param.path, value);
    const result = validateScenario(s);
    if (!result.ok) {
      throw new RangeError(
        `${param.path} = ${value} does not give a valid scenario (${result.errors
          .map((e) => `${e.path}: ${e.message}`)
          .join('; ')}); narrow the range`,
      );
    }
    return s;
  };

  const evaluations = new Map<number, Estimate>();
  let trialsDone = 0;
  // Expected evaluations for progress: the grid, about ten refinements and the two or four
  // around the root; revised upwards if the search needs more.
  const budget = () => Math.min(maxEvaluations + 4, gridPoints + 12) * trials;
  const evaluate = async (values: number[]): Promise<Estimate[]> => {
    const fresh = [...new Set(values)].filter((v) => !evaluations.has(v));
    if (fresh.length > 0) {
      const scenarios = fresh.map(variant);
      const results = await runJobs(
        runner,
        scenarios.map((s) => ({ scenario: s, trials })),
        (chunk, i) => {
          throwIfAborted(options.signal); // no callback after an abort
          const result = evaluateMetric(scenarios[i] as Scenario, chunk, spec);
          options.onEvaluation?.({ value: fresh[i] as number, result });
          return result;
        },
        {
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress
            ? {
                onProgress: (p) =>
                  options.onProgress?.({
                    done: trialsDone + p.done,
                    total: Math.max(budget(), trialsDone + p.total),
                  }),
              }
            : {}),
        },
      );
      fresh.forEach((v, i) => {
        evaluations.set(v, results[i] as Estimate);
      });
      trialsDone += fresh.length * trials;
    }
    return values.map((v) => evaluations.get(v) as Estimate);
  };

  const grid = [
    ...new Set(
      Array.from({ length: gridPoints }, (_, i) => {
        const v = i === gridPoints - 1 ? hi : lo + ((hi - lo) * i) / (gridPoints - 1);
        return int ? Math.round(v) : v;
      }),
    ),
  ];
  const gridResults = await evaluate(grid);
  const fAt = (i: number) => (gridResults[i] as Estimate).estimate;

  const sorted = (): Evaluation[] =>
    [...evaluations.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([value, result]) => ({ value, result }));
  const common = {
    param: param.path,
    label: param.label,
    spec,
    range: [lo, hi] as [number, number],
    trialsPerEvaluation: trials,
  };

  // Sign changes on the grid (an exact 0 counts as a crossing at that point).
  let first: [number, number] | undefined;
  let changes = 0;
  for (let i = 0; i < grid.length; i++) {
    const f = fAt(i);
    if (f === 0) {
      changes++;
      first ??= [i, i];
      continue;
    }
    if (i > 0 && sign(fAt(i - 1)) === -sign(f)) {
      changes++;
      first ??= [i - 1, i];
    }
  }
  if (!first) {
    const signAtLow = sign(fAt(0));
    const signAtHigh = sign(fAt(grid.length - 1));
    const who = signAtLow > 0 ? 'A' : 'B';
    return {
      ...common,
      crossing: false,
      signAtLow,
      signAtHigh,
      low: { value: lo, result: gridResults[0] as Estimate },
      high: { value: hi, result: gridResults[grid.length - 1] as Estimate },
      evaluations: sorted(),
      message: `No crossing: ${who} is ahead on the ${spec.metric} difference at every value of ${param.path} tried from ${lo} to ${hi} (${grid.length} points).`,
    };
  }

  // Illinois (modified regula falsi) on the bracket [a, b], with f(a), f(b) of opposite signs.
  let a = grid[first[0]] as number;
  let b = grid[first[1]] as number;
  let fa = fAt(first[0]);
  let fb = fAt(first[1]);
  const gridSlope = a === b ? Number.NaN : (fb - fa) / (b - a);
  const signBelow = signBelowCrossing(
    grid.map((_, i) => fAt(i)),
    first,
  );
  let root: number | undefined = a === b ? a : undefined;
  let converged = a === b;
  let ga = fa; // Illinois-weighted end values; fa, fb stay the estimated ones
  let gb = fb;
  let side = 0;
  while (root === undefined && evaluations.size < maxEvaluations) {
    throwIfAborted(options.signal);
    if (b - a <= tolerance || (int && b - a <= 1)) {
      converged = true;
      break;
    }
    let c: number;
    if (int) c = Math.floor((a + b) / 2);
    else {
      c = (a * gb - b * ga) / (gb - ga);
      // Keep strictly inside; fall back to bisection if the secant lands on an end.
      if (!(c > a && c < b)) c = (a + b) / 2;
    }
    const ec = (await evaluate([c]))[0] as Estimate;
    const fc = ec.estimate;
    // An exact tie, or a difference below a tenth of its own standard error: further digits of
    // the root would only follow the Monte Carlo noise.
    if (fc === 0 || (!int && Math.abs(fc) <= 0.1 * ec.se)) {
      root = c;
      converged = true;
      break;
    }
    if (sign(fc) === sign(fb)) {
      b = c;
      fb = fc;
      gb = fc;
      if (side === -1) ga /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      ga = fc;
      if (side === 1) gb /= 2;
      side = 1;
    }
  }
  if (root === undefined) {
    if (!converged && (b - a <= tolerance || (int && b - a <= 1))) converged = true;
    root = a + (fa * (a - b)) / (fb - fa); // secant of the final bracket, estimated values
  }
  const rootValue = root;

  // Uncertainty: se at the evaluation closest to the root, slope around the root measured over
  // about the width of the interval itself (a slope over a tiny bracket would be the noise of
  // the CRN staircase), refined once.
  const closest = (): Evaluation => {
    let best: Evaluation | undefined;
    for (const e of sorted()) {
      if (!best || Math.abs(e.value - rootValue) < Math.abs(best.value - rootValue)) best = e;
    }
    return best as Evaluation;
  };
  let atRoot = closest();
  let slope = gridSlope;
  const se = () => atRoot.result.se;
  let half = Number.isFinite(slope) && slope !== 0 ? (Z95 * se()) / Math.abs(slope) : (hi - lo) / 4;
  for (let pass = 0; pass < 2 && !int; pass++) {
    const h = Math.min(Math.max(half, tolerance), (hi - lo) / 2);
    const left = Math.max(lo, rootValue - h);
    const right = Math.min(hi, rootValue + h);
    if (!(right > left)) break;
    const [el, er] = await evaluate([left, right]);
    const s = ((er as Estimate).estimate - (el as Estimate).estimate) / (right - left);
    if (!Number.isFinite(s) || s === 0) break;
    slope = s;
    atRoot = closest();
    const next = (Z95 * se()) / Math.abs(slope);
    const ratio = next / half;
    half = next;
    if (ratio > 0.5 && ratio < 2) break;
  }
  if (int && a !== b) slope = (fb - fa) / (b - a);
  if (int) {
    atRoot = closest();
    half = Number.isFinite(slope) && slope !== 0 ? (Z95 * se()) / Math.abs(slope) : 0;
  }
  const interval: [number, number] = [
    Math.max(lo, rootValue - half),
    Math.min(hi, rootValue + half),
  ];
  const digits = (x: number) => Number(x.toPrecision(4));
  const above = signBelow === 1 ? 'B' : 'A';
  const below = signBelow === 1 ? 'A' : 'B';
  return {
    ...common,
    crossing: true,
    root: rootValue,
    interval,
    slope,
    atRoot,
    signBelow,
    converged,
    signChanges: changes,
    evaluations: sorted(),
    message: `A and B tie on the ${spec.metric} difference at ${param.path} ≈ ${digits(rootValue)} (95%: ${digits(interval[0])} to ${digits(interval[1])}); below it ${below} is ahead, above it ${above}.${changes > 1 ? ` The difference changes sign ${changes} times in the range; this is the lowest crossing.` : ''}`,
  };
}
