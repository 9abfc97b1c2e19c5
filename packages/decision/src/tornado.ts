/**
 * Tornado: one input at a time, set low and high, the same seed and trials, and measure how much
 * the comparison A − B moves. Ranked by swing, the biggest first.
 */
import { type Runner, ScenarioError } from '@sweetspot/runner';
import { formatError, type Scenario, validateScenario } from '@sweetspot/scenario';
import { checkTrials, runJobs, throwIfAborted } from './jobs.ts';
import { checkMetricSpec, evaluateMetric } from './metric.ts';
import {
  clampParam,
  defaultInputPaths,
  inRange,
  type ResolvedParam,
  resolveParam,
  setParam,
} from './path.ts';
import type { CommonOptions, Estimate, Metric, MetricSpec } from './types.ts';

/** An input to vary, with optional values of its own instead of base × (1 ± swing). */
export interface TornadoInput {
  /** Parameter path, e.g. `segments[1].winRate`; a quantile pair (`…dealSize`) by its median. */
  path: string;
  low?: number;
  high?: number;
}

export interface TornadoOptions extends CommonOptions {
  /** Inputs to vary (paths or objects). Default: `defaultInputPaths(scenario)`. */
  inputs?: Array<string | TornadoInput>;
  /** Relative change: low = base × (1 − swing), high = base × (1 + swing). Default 0.25. */
  swing?: number;
  /** Default `bookings` (mean A − B over the horizon). */
  metric?: Metric;
  /** 1-based quarter; absent: the horizon. */
  quarter?: number;
  /** Trials per run. Default: the scenario's. */
  trials?: number;
  /** Runs in flight at once (default: workers + 1). */
  concurrency?: number;
}

/** One end of a bar. */
export interface TornadoSide {
  /** The input's value (the median for a quantile pair). */
  value: number;
  /** The metric with the input at `value`; absent when the side was skipped. */
  result?: Estimate;
  /** The value equals the base (clamped to its range or rounded): the baseline run is reused. */
  atBase?: boolean;
  /** Why this side was not run (the variant is not a valid scenario). */
  skipped?: string;
}

export interface TornadoBar {
  path: string;
  label: string;
  group: ResolvedParam['group'];
  base: number;
  low: TornadoSide;
  high: TornadoSide;
  /**
   * |metric(high) − metric(low)|; a skipped side counts as the baseline. Estimates share the seed
   * (common random numbers), so the swing is far more precise than each estimate's interval.
   */
  swing: number;
}

export interface TornadoSkip {
  path: string;
  label: string;
  reason: string;
}

export interface TornadoResult {
  spec: MetricSpec;
  swing: number;
  /** The metric on the scenario as given. */
  baseline: Estimate;
  /** Ranked by swing, largest first. */
  bars: TornadoBar[];
  /** Inputs left out, with the reason (e.g. a base of 0 that no relative swing moves). */
  skipped: TornadoSkip[];
  /** Simulation runs made (baseline included). */
  runs: number;
  trialsPerRun: number;
}

function normalize(input: string | TornadoInput): TornadoInput {
  return typeof input === 'string' ? { path: input } : input;
}

function describeErrors(scenario: Scenario): string | undefined {
  const result = validateScenario(scenario);
  return result.ok ? undefined : result.errors.map(formatError).join('; ');
}

interface Plan {
  param: ResolvedParam;
  low: TornadoSide;
  high: TornadoSide;
  /** Job index of each side, when it needs a run. */
  lowJob?: number;
  highJob?: number;
}

/**
 * Runs the baseline and, for every input, a low and a high variant of `scenario` with the same
 * seed and number of trials (so every run faces the same simulated worlds as far as the input
 * allows), and ranks inputs by how much they move the metric of A − B.
 *
 * Low/high are base × (1 ∓ swing), clamped to the input's valid range and rounded for whole
 * numbers, unless the input gives its own. A side whose value equals the base reuses the
 * baseline; an input with both sides at the base is skipped; a variant that is not a valid
 * scenario (e.g. a median above its p90) is skipped with the validation message. Runs go through
 * `runner`, a few at a time, with progress over all of them; aborting the signal stops them all.
 */
export async function tornado(
  runner: Runner,
  scenario: Scenario,
  options: TornadoOptions = {},
): Promise<TornadoResult> {
  throwIfAborted(options.signal);
  const swing = options.swing ?? 0.25;
  if (!(swing > 0 && swing <= 1)) throw new RangeError(`swing must be in (0, 1] (got ${swing})`);
  const spec: MetricSpec = {
    metric: options.metric ?? 'bookings',
    ...(options.quarter !== undefined ? { quarter: options.quarter } : {}),
  };
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new ScenarioError(checked.errors);
  checkMetricSpec(checked.scenario, spec);
  const trials = checkTrials(options.trials ?? checked.scenario.trials);
  const base: Scenario = { ...checked.scenario, trials };
  const inputs = (options.inputs ?? defaultInputPaths(base)).map(normalize);

  const jobs: Scenario[] = [base];
  const plans: Plan[] = [];
  const skipped: TornadoSkip[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const param = resolveParam(base, input.path); // throws on a bad path: a caller's mistake
    if (seen.has(param.path)) throw new RangeError(`input ${param.path} is listed twice`);
    seen.add(param.path);
    const { rule, value } = param;
    const side = (own: number | undefined, factor: number): TornadoSide => {
      const v = own ?? clampParam(rule, Number((value * factor).toPrecision(12)));
      if (own !== undefined && !inRange(rule, own)) {
        return { value: own, skipped: `${own} is outside the valid range of ${param.path}` };
      }
      if (v === value) return { value: v, atBase: true };
      let variant: Scenario;
      try {
        variant = setParam(base, param.path, v);
      } catch (error) {
        return { value: v, skipped: (error as Error).message };
      }
      const problem = describeErrors(variant);
      if (problem) return { value: v, skipped: `not a valid scenario: ${problem}` };
      return { value: v };
    };
    const low = side(input.low, 1 - swing);
    const high = side(input.high, 1 + swing);
    if ((low.atBase || low.skipped) && (high.atBase || high.skipped)) {
      const reason =
        low.skipped && high.skipped
          ? `both variants are invalid (${low.skipped})`
          : low.skipped || high.skipped
            ? `one variant stays at the base value ${value}, the other is invalid (${low.skipped ?? high.skipped})`
            : value === 0
              ? 'its base value is 0, which a relative swing does not move (give it a low and high)'
              : `a ±${swing * 100}% swing leaves it at ${value} (its valid range or whole numbers)`;
      skipped.push({ path: param.path, label: param.label, reason });
      continue;
    }
    const plan: Plan = { param, low, high };
    if (!low.atBase && !low.skipped) {
      plan.lowJob = jobs.length;
      jobs.push(setParam(base, param.path, low.value));
    }
    if (!high.atBase && !high.skipped) {
      plan.highJob = jobs.length;
      jobs.push(setParam(base, param.path, high.value));
    }
    plans.push(plan);
  }

  const results = await runJobs(
    runner,
    jobs.map((s) => ({ scenario: s, trials })),
    (chunk, i) => evaluateMetric(jobs[i] as Scenario, chunk, spec),
    {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    },
  );
  const baseline = results[0] as Estimate;
  const bars: TornadoBar[] = plans.map(({ param, low, high, lowJob, highJob }) => {
    const fill = (side: TornadoSide, job: number | undefined): TornadoSide =>
      side.skipped
        ? side
        : { ...side, result: job === undefined ? baseline : (results[job] as Estimate) };
    const lo = fill(low, lowJob);
    const hi = fill(high, highJob);
    const at = (side: TornadoSide) => (side.result ?? baseline).estimate;
    return {
      path: param.path,
      label: param.label,
      group: param.group,
      base: param.value,
      low: lo,
      high: hi,
      swing: Math.abs(at(hi) - at(lo)),
    };
  });
  bars.sort((x, y) => {
    const a = Number.isNaN(x.swing) ? -1 : x.swing;
    const b = Number.isNaN(y.swing) ? -1 : y.swing;
    return b - a;
  });
  return { spec, swing, baseline, bars, skipped, runs: jobs.length, trialsPerRun: trials };
}
