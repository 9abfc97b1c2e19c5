/**
 * The decision metrics, measured on a chunk: the per-trial pair (A, B) of the strategies in
 * `scenario.compare`, their difference A − B, and its estimate with a 95% interval.
 */
import { meanSd, strategyIndex, wilson, Z95 } from '@sweetspot/analysis';
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { type Estimate, METRICS, type MetricSpec } from './types.ts';

/** Throws a RangeError naming the problem if `spec` does not fit `scenario`. */
export function checkMetricSpec(scenario: Scenario, spec: MetricSpec): void {
  if (!METRICS.includes(spec.metric)) {
    throw new RangeError(
      `metric must be one of ${METRICS.join(', ')} (got ${JSON.stringify(spec.metric)})`,
    );
  }
  if (spec.quarter === undefined) return;
  if (spec.metric === 'retained') {
    throw new RangeError('retained recurring revenue is measured at the end of the horizon only');
  }
  const Q = scenario.horizon.quarters;
  if (!Number.isInteger(spec.quarter) || spec.quarter < 1 || spec.quarter > Q) {
    throw new RangeError(`quarter must be a whole number from 1 to ${Q} (got ${spec.quarter})`);
  }
}

/** A short description of a metric, for tables: "A − B bookings, horizon". */
export function describeMetric(spec: MetricSpec): string {
  const where = spec.quarter === undefined ? 'horizon' : `Q${spec.quarter}`;
  switch (spec.metric) {
    case 'bookings':
      return `mean A − B bookings, ${where}`;
    case 'margin':
      return `mean A − B gross margin, ${where}`;
    case 'retained':
      return 'mean A − B retained recurring revenue, end of horizon';
    case 'pABeatsB':
      return `P(A books more than B), ${where}`;
  }
}

/**
 * Per-trial values of A and B for a metric (bookings for `pABeatsB`), over the first `count`
 * trials of `chunk` (default all of them; a growing chunk may hold room for more). Views into the
 * chunk for a single quarter or retained revenue, fresh arrays for horizon sums.
 */
export function pairedValues(
  scenario: Scenario,
  chunk: SimulationChunk,
  spec: MetricSpec,
  count: number = chunk.trialCount,
): { a: Float64Array; b: Float64Array } {
  checkMetricSpec(scenario, spec);
  const layout = layoutOf(chunk);
  const view = (s: number, col: number) => {
    const start = layout.columnOffset(s, col, chunk.trialCount);
    return chunk.columns.subarray(start, start + count);
  };
  const values = (s: number): Float64Array => {
    if (spec.metric === 'retained')
      return view(s, layout.horizonColumn('retainedRecurringRevenue'));
    const name = spec.metric === 'margin' ? 'margin' : 'bookings';
    if (spec.quarter !== undefined) return view(s, layout.quarterColumn(spec.quarter - 1, name));
    const sum = new Float64Array(count);
    for (let q = 0; q < layout.quarters; q++) {
      const col = view(s, layout.quarterColumn(q, name));
      for (let t = 0; t < count; t++) sum[t] = (sum[t] as number) + (col[t] as number);
    }
    return sum;
  };
  return {
    a: values(strategyIndex(scenario, scenario.compare[0])),
    b: values(strategyIndex(scenario, scenario.compare[1])),
  };
}

/**
 * The metric trial by trial: A − B for a mean difference, 1 when A books strictly more than B
 * (else 0) for P(A beats B). Its mean is the metric; two runs on the same worlds give paired
 * values whose difference measures how far the metric moved between them. Of the chunk's first
 * `count` trials (all by default).
 */
export function perTrialMetric(
  scenario: Scenario,
  chunk: SimulationChunk,
  spec: MetricSpec,
  count: number = chunk.trialCount,
): Float64Array {
  const { a, b } = pairedValues(scenario, chunk, spec, count);
  const v = new Float64Array(a.length);
  const wins = spec.metric === 'pABeatsB';
  for (let t = 0; t < v.length; t++) {
    const x = a[t] as number;
    const y = b[t] as number;
    v[t] = wins ? (x > y ? 1 : 0) : x - y;
  }
  return v;
}

/** Estimate and 95% interval of a mean (normal approximation). */
export function meanEstimate(values: Float64Array): Estimate {
  const n = values.length;
  const { mean, sd } = meanSd(values);
  const se = n > 0 ? sd / Math.sqrt(n) : Number.NaN;
  return { estimate: mean, lo: mean - Z95 * se, hi: mean + Z95 * se, n, se };
}

/** Estimate and Wilson 95% interval of a proportion. */
export function proportionEstimate(successes: number, n: number): Estimate {
  const p = n > 0 ? successes / n : Number.NaN;
  const [lo, hi] = wilson(successes, n);
  return { estimate: p, lo, hi, n, se: n > 0 ? Math.sqrt((p * (1 - p)) / n) : Number.NaN };
}

/**
 * The metric on the first `count` trials of a chunk: the mean of A − B with a normal 95% interval
 * (paired: common random numbers), or P(A books strictly more than B) with a Wilson interval.
 */
export function evaluateMetric(
  scenario: Scenario,
  chunk: SimulationChunk,
  spec: MetricSpec,
  count: number = chunk.trialCount,
): Estimate {
  const { a, b } = pairedValues(scenario, chunk, spec, count);
  if (spec.metric === 'pABeatsB') {
    let wins = 0;
    for (let t = 0; t < count; t++) if ((a[t] as number) > (b[t] as number)) wins++;
    return proportionEstimate(wins, count);
  }
  const d = new Float64Array(count);
  for (let t = 0; t < count; t++) d[t] = (a[t] as number) - (b[t] as number);
  return meanEstimate(d);
}

/** Half the width of an estimate's interval (Wilson intervals are not symmetric). */
export function halfWidth(estimate: Estimate): number {
  return (estimate.hi - estimate.lo) / 2;
}
