/**
 * Tornado, step 1: which inputs are varied, to which low and high values, and which runs that
 * takes. No simulation here, so a panel can show "49 inputs, 97 runs" before anything runs.
 */
import { formatError, type Scenario, validateScenario } from '@sweetspot/scenario';
import { validOrThrow } from './jobs.ts';
import { checkMetricSpec } from './metric.ts';
import {
  clampParam,
  defaultInputPaths,
  inRange,
  type ResolvedParam,
  resolveParam,
  setParam,
} from './path.ts';
import type { Estimate, Metric, MetricSpec } from './types.ts';

/** An input to vary, with optional values of its own instead of base × (1 ± swing). */
export interface TornadoInput {
  /** Parameter path, e.g. `segments[1].winRate`; a quantile pair (`…dealSize`) by its median. */
  path: string;
  low?: number;
  high?: number;
}

/** What a tornado varies and measures (the part of `TornadoOptions` that decides the plan). */
export interface TornadoPlanOptions {
  /** Inputs to vary (paths or objects). Default: `defaultInputPaths(scenario)`. */
  inputs?: Array<string | TornadoInput>;
  /** Relative change: low = base × (1 − swing), high = base × (1 + swing). Default 0.25. */
  swing?: number;
  /** Default `bookings` (mean A − B over the horizon). */
  metric?: Metric;
  /** 1-based quarter; absent: the horizon. */
  quarter?: number;
}

/** One end of a bar. */
export interface TornadoSide {
  /** The input's value (the median for a quantile pair). */
  value: number;
  /** The metric with the input at `value`; absent when the side was skipped (or not run yet). */
  result?: Estimate;
  /** The value equals the base (clamped to its range or rounded): the baseline run is reused. */
  atBase?: boolean;
  /** Why this side was not run (the variant is not a valid scenario). */
  skipped?: string;
}

export interface TornadoSkip {
  path: string;
  label: string;
  reason: string;
}

/** One input of the plan: its low and high sides (without results) and their variants. */
export interface PlannedInput {
  param: ResolvedParam;
  low: TornadoSide;
  high: TornadoSide;
  /** The scenario of each side that needs a run of its own. */
  lowScenario?: Scenario;
  highScenario?: Scenario;
}

export interface TornadoPlan {
  /** The validated scenario the variants are made from. */
  base: Scenario;
  spec: MetricSpec;
  swing: number;
  /** Inputs that get a bar, in the order given (default: scenario order). */
  inputs: PlannedInput[];
  skipped: TornadoSkip[];
  /** Simulation runs: the baseline and one per side that is neither at the base nor skipped. */
  runs: number;
}

function normalize(input: string | TornadoInput): TornadoInput {
  return typeof input === 'string' ? { path: input } : input;
}

function describeErrors(scenario: Scenario): string | undefined {
  const result = validateScenario(scenario);
  return result.ok ? undefined : result.errors.map(formatError).join('; ');
}

/**
 * Plans a tornado: low/high are base × (1 ∓ swing), clamped to the input's valid range and
 * rounded for whole numbers, unless the input gives its own. A side whose value equals the base
 * reuses the baseline; an input with both sides at the base is skipped; a variant that is not a
 * valid scenario (e.g. a median above its p90) is skipped with the validation message. Throws a
 * ScenarioError for an invalid scenario and a RangeError for a bad option or path.
 */
export function planTornado(scenario: Scenario, options: TornadoPlanOptions = {}): TornadoPlan {
  const swing = options.swing ?? 0.25;
  if (!(swing > 0 && swing <= 1)) throw new RangeError(`swing must be in (0, 1] (got ${swing})`);
  const spec: MetricSpec = {
    metric: options.metric ?? 'bookings',
    ...(options.quarter !== undefined ? { quarter: options.quarter } : {}),
  };
  const base = validOrThrow(scenario);
  checkMetricSpec(base, spec);
  const inputs = (options.inputs ?? defaultInputPaths(base)).map(normalize);

  const planned: PlannedInput[] = [];
  const skipped: TornadoSkip[] = [];
  const seen = new Set<string>();
  let runs = 1;
  for (const input of inputs) {
    const param = resolveParam(base, input.path); // throws on a bad path: a caller's mistake
    if (seen.has(param.path)) throw new RangeError(`input ${param.path} is listed twice`);
    seen.add(param.path);
    const { rule, value } = param;
    const side = (own: number | undefined, factor: number): [TornadoSide, Scenario?] => {
      const v = own ?? clampParam(rule, Number((value * factor).toPrecision(12)));
      if (own !== undefined && !inRange(rule, own)) {
        return [{ value: own, skipped: `${own} is outside the valid range of ${param.path}` }];
      }
      if (v === value) return [{ value: v, atBase: true }];
      let variant: Scenario;
      try {
        variant = setParam(base, param.path, v);
      } catch (error) {
        return [{ value: v, skipped: (error as Error).message }];
      }
      const problem = describeErrors(variant);
      if (problem) return [{ value: v, skipped: `not a valid scenario: ${problem}` }];
      return [{ value: v }, variant];
    };
    const [low, lowScenario] = side(input.low, 1 - swing);
    const [high, highScenario] = side(input.high, 1 + swing);
    if (!lowScenario && !highScenario) {
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
    runs += (lowScenario ? 1 : 0) + (highScenario ? 1 : 0);
    planned.push({
      param,
      low,
      high,
      ...(lowScenario ? { lowScenario } : {}),
      ...(highScenario ? { highScenario } : {}),
    });
  }
  return { base, spec, swing, inputs: planned, skipped, runs };
}
