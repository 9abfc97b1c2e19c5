/**
 * Progressive results for the decision panels. The analyses of `@sweetspot/decision` return when
 * all of their runs are done; to draw bars and points as runs finish, the panels hand them a
 * runner that reports each finished run (its scenario and trials) and measure it here. Only
 * light work happens on the main thread: a metric over one run's trials (a few thousand values).
 */
import { Z95 } from '@sweetspot/analysis';
import {
  clampParam,
  defaultInputPaths,
  type Estimate,
  evaluateMetric,
  type MetricSpec,
  type ParamRule,
  pairedValues,
  proportionEstimate,
  resolveParam,
  type TornadoResult,
  type TracePoint,
} from '@sweetspot/decision';
import type { SimulationChunk } from '@sweetspot/engine';
import type { Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { plainLabel } from './format.ts';

/**
 * A runner that runs on `runner` and calls `onRun` with each finished run's scenario and trials
 * (not after an abort). Disposing it does not dispose `runner`.
 */
export function observeRuns(
  runner: Runner,
  onRun: (scenario: Scenario, chunk: SimulationChunk) => void,
): Runner {
  return {
    get size() {
      return runner.size;
    },
    dispose() {},
    async run(scenario, options) {
      const chunk = await runner.run(scenario, options);
      if (!options?.signal?.aborted) {
        try {
          onRun(scenario, chunk);
        } catch (error) {
          // A display problem must not fail the analysis.
          console.error('Sweetspot: could not show a finished run', error);
        }
      }
      return chunk;
    },
  };
}

/**
 * Which input a variant of `base` changes, and its value there (the first input of `paths` whose
 * value differs); null when it changes none of them (the baseline run).
 */
export function identifyVariant(
  base: Scenario,
  variant: Scenario,
  paths: readonly string[],
): { path: string; value: number } | null {
  for (const path of paths) {
    let a: number;
    let b: number;
    try {
      a = resolveParam(base, path).value;
      b = resolveParam(variant, path).value;
    } catch {
      continue;
    }
    if (a !== b) return { path, value: b };
  }
  return null;
}

/** One end of a tornado bar as shown: the input's value and the metric there, when known. */
export interface ShownSide {
  value: number;
  estimate?: Estimate;
  /** The side equals the base value (the baseline run stands for it). */
  atBase?: boolean;
  skipped?: string;
}

export interface ShownBar {
  path: string;
  label: string;
  unit: ParamRule['unit'];
  base: number;
  low: ShownSide;
  high: ShownSide;
  /** |metric(high) − metric(low)|, a missing or skipped side counted as the baseline. */
  swing: number;
  /** A side still has to be run. */
  pending: boolean;
}

/** The tornado as planned: every default input with its low and high values (no results yet). */
export function planTornado(scenario: Scenario, swing: number): ShownBar[] {
  const bars: ShownBar[] = [];
  for (const path of defaultInputPaths(scenario)) {
    const param = resolveParam(scenario, path);
    const side = (factor: number): ShownSide => {
      const value = clampParam(param.rule, Number((param.value * factor).toPrecision(12)));
      return value === param.value ? { value, atBase: true } : { value };
    };
    const low = side(1 - swing);
    const high = side(1 + swing);
    if (low.atBase && high.atBase) continue; // the package skips it, with the reason
    bars.push({
      path: param.path,
      label: plainLabel(param.label),
      unit: param.rule.unit,
      base: param.value,
      low,
      high,
      swing: 0,
      pending: true,
    });
  }
  return bars;
}

/** Fills in sides from measured runs and the baseline, and ranks by swing (largest first). */
export function rankBars(
  planned: readonly ShownBar[],
  measured: ReadonlyMap<string, Estimate>,
  baseline: Estimate | undefined,
): ShownBar[] {
  const bars = planned.map((bar) => {
    const fill = (side: ShownSide): ShownSide => {
      const estimate = side.atBase ? baseline : measured.get(sideKey(bar.path, side.value));
      return estimate ? { ...side, estimate } : side;
    };
    const low = fill(bar.low);
    const high = fill(bar.high);
    const b = baseline?.estimate ?? Number.NaN;
    const at = (side: ShownSide) => side.estimate?.estimate ?? b;
    const pending = !low.estimate || !high.estimate;
    const swing = Math.abs(at(high) - at(low));
    return { ...bar, low, high, pending, swing: Number.isFinite(swing) ? swing : 0 };
  });
  return bars.sort((x, y) => y.swing - x.swing);
}

/** Key of a measured variant run, for `rankBars`. */
export function sideKey(path: string, value: number): string {
  return `${path}=${value}`;
}

/** Measures one finished tornado run: the baseline (null) or one side of one input. */
export function measureTornadoRun(
  base: Scenario,
  variant: Scenario,
  chunk: SimulationChunk,
  spec: MetricSpec,
  paths: readonly string[],
): { side: { path: string; value: number } | null; estimate: Estimate } {
  return {
    side: identifyVariant(base, variant, paths),
    estimate: evaluateMetric(variant, chunk, spec),
  };
}

/** The final tornado result as shown bars (same shape as the progressive ones). */
export function barsFromResult(result: TornadoResult, scenario: Scenario): ShownBar[] {
  return result.bars.map((bar) => {
    const unit = resolveParam(scenario, bar.path).rule.unit;
    const side = (s: TornadoResult['bars'][number]['low']): ShownSide => ({
      value: s.value,
      ...(s.result ? { estimate: s.result } : {}),
      ...(s.atBase ? { atBase: true } : {}),
      ...(s.skipped ? { skipped: s.skipped } : {}),
    });
    return {
      path: bar.path,
      label: plainLabel(bar.label),
      unit,
      base: bar.base,
      low: side(bar.low),
      high: side(bar.high),
      swing: Number.isFinite(bar.swing) ? bar.swing : 0,
      pending: false,
    };
  });
}

/**
 * The running estimate of a precision run, batch by batch (the batches arrive in order): a mean
 * difference with its normal 95% interval, or P(A beats B) with Wilson's. It matches the
 * package's own trace, which it stands for until the run returns.
 */
export class RunningEstimate {
  private n = 0;
  private wins = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly spec: MetricSpec,
  ) {}

  add(chunk: SimulationChunk): TracePoint {
    const { a, b } = pairedValues(this.scenario, chunk, this.spec);
    for (let t = 0; t < a.length; t++) {
      const d = (a[t] as number) - (b[t] as number);
      if (d > 0) this.wins++;
      this.sum += d;
      this.sumSq += d * d;
    }
    this.n += a.length;
    return this.point();
  }

  point(): TracePoint {
    const n = this.n;
    if (this.spec.metric === 'pABeatsB') {
      const e = proportionEstimate(this.wins, n);
      return { trials: n, estimate: e.estimate, lo: e.lo, hi: e.hi, halfWidth: (e.hi - e.lo) / 2 };
    }
    const mean = this.sum / n;
    const variance = n > 1 ? Math.max(0, (this.sumSq - n * mean * mean) / (n - 1)) : Number.NaN;
    const half = (Z95 * Math.sqrt(variance)) / Math.sqrt(n);
    return { trials: n, estimate: mean, lo: mean - half, hi: mean + half, halfWidth: half };
  }
}
