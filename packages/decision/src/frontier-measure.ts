/**
 * Strictness frontier, step 2: what each point's run measured (its own bookings, margin, retained
 * revenue and P(hit quota), per trial and as estimates), the best point per metric, and which
 * points cannot be told apart from the best.
 */
import { strategyIndex, teamQuota } from '@sweetspot/analysis';
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import type { PointPlan } from './frontier-plan.ts';
import { meanEstimate, proportionEstimate } from './metric.ts';
import type { Estimate } from './types.ts';

export type FrontierMetric = 'bookings' | 'margin' | 'pHitQuota';
export const FRONTIER_METRICS: readonly FrontierMetric[] = ['bookings', 'margin', 'pHitQuota'];

export interface FrontierPoint {
  /** Expected share of out-of-profile arrivals pursued (0–1). */
  share: number;
  label: string;
  /** Ids of the scenario's segments pursued (a split segment counts when any share is pursued). */
  pursued: string[];
  /** Mean per trial over the horizon, with a 95% interval. */
  bookings: Estimate;
  margin: Estimate;
  retained: Estimate;
  /** P(team bookings over the horizon ≥ its quota over the horizon), Wilson interval. */
  pHitQuota: Estimate;
  /**
   * Shared worlds only: whether the paired 95% interval of (this point − the best point) contains
   * 0, i.e. the point cannot be told apart from the best at this number of trials.
   */
  nearBest?: Record<FrontierMetric, boolean>;
}

/** Per-point per-trial horizon values (kept for paired comparisons between points). */
export interface PointData {
  bookings: Float64Array;
  margin: Float64Array;
  retained: Float64Array;
  hit: Float64Array;
}

/** One point's per-trial values, read from the run that played it. */
export function extract(scenario: Scenario, chunk: SimulationChunk, strategyId: string): PointData {
  const layout = layoutOf(chunk);
  const n = chunk.trialCount;
  const s = strategyIndex(scenario, strategyId);
  const view = (col: number) => {
    const start = layout.columnOffset(s, col, n);
    return chunk.columns.subarray(start, start + n);
  };
  const sum = (name: 'bookings' | 'margin') => {
    const out = new Float64Array(n);
    for (let q = 0; q < layout.quarters; q++) {
      const col = view(layout.quarterColumn(q, name));
      for (let t = 0; t < n; t++) out[t] = (out[t] as number) + (col[t] as number);
    }
    return out;
  };
  const bookings = sum('bookings');
  const quota = teamQuota(scenario) * layout.quarters;
  const hit = new Float64Array(n);
  for (let t = 0; t < n; t++) hit[t] = (bookings[t] as number) >= quota ? 1 : 0;
  return {
    bookings,
    margin: sum('margin'),
    retained: Float64Array.from(view(layout.horizonColumn('retainedRecurringRevenue'))),
    hit,
  };
}

function pairedContainsZero(x: Float64Array, y: Float64Array): boolean {
  const d = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) d[t] = (x[t] as number) - (y[t] as number);
  const e = meanEstimate(d);
  return e.lo <= 0 && e.hi >= 0;
}

/** A point's estimates from its per-trial values (without `nearBest`). */
export function pointOf(plan: PointPlan, d: PointData): FrontierPoint {
  let hits = 0;
  for (let t = 0; t < d.hit.length; t++) hits += d.hit[t] as number;
  return {
    share: plan.share,
    label: plan.label,
    pursued: plan.pursued,
    bookings: meanEstimate(d.bookings),
    margin: meanEstimate(d.margin),
    retained: meanEstimate(d.retained),
    pHitQuota: proportionEstimate(hits, d.hit.length),
  };
}

/** Index of the point with the highest mean of each metric (the first, on a tie). */
export function bestPoints(points: readonly FrontierPoint[]): Record<FrontierMetric, number> {
  const argmax = (metric: FrontierMetric) => {
    let best = 0;
    points.forEach((p, i) => {
      if (p[metric].estimate > (points[best] as FrontierPoint)[metric].estimate) best = i;
    });
    return best;
  };
  return { bookings: argmax('bookings'), margin: argmax('margin'), pHitQuota: argmax('pHitQuota') };
}

/**
 * Sets `nearBest` on every point played on shared worlds: whether the paired 95% interval of
 * (point − best) contains 0, for each metric.
 */
export function markNearBest(
  points: FrontierPoint[],
  data: readonly PointData[],
  best: Record<FrontierMetric, number>,
): void {
  const field: Record<FrontierMetric, keyof PointData> = {
    bookings: 'bookings',
    margin: 'margin',
    pHitQuota: 'hit',
  };
  points.forEach((point, i) => {
    const mine = data[i] as PointData;
    const near = {} as Record<FrontierMetric, boolean>;
    for (const metric of FRONTIER_METRICS) {
      const top = data[best[metric]] as PointData;
      near[metric] =
        i === best[metric] || pairedContainsZero(mine[field[metric]], top[field[metric]]);
    }
    point.nearBest = near;
  });
}
