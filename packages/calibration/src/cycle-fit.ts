/**
 * Sales cycle of a segment in weeks, from created to closed (won or lost): Kaplan–Meier with
 * open deals right-censored at the as-of date (Kaplan & Meier 1958), next to the naive
 * closed-only quantiles, with explained fallbacks when the curve does not reach a quantile.
 */

import { Z90 } from '@sweetspot/scenario';
import { type KaplanMeierCurve, kaplanMeier, kmQuantile } from './kaplan-meier.ts';
import type { Opportunity } from './records.ts';
import { normalQuantile } from './special.ts';
import { type Histogram, histogram, inverseEcdfSorted, type QQPoint, sortedCopy } from './stats.ts';

const MIN_CYCLE_WEEKS = 1 / 7;

export interface CycleFit {
  /** Deals in the survival analysis: closed (events) and open (censored at the as-of date). */
  n: number;
  events: number;
  censored: number;
  /** Kaplan–Meier quantiles of time to close, in weeks (undefined: not reached). */
  km: { median?: number; p90?: number };
  /** Quantiles of closed deals only (inverse empirical CDF), in weeks: biased short. */
  naive: { median: number; p90: number };
  /** Values for the scenario (KM, with the fallbacks explained in `notes`). */
  median: number;
  p90: number;
  notes: string[];
  /** Closed-deal durations in weeks. */
  histogram: Histogram;
  /** KM quantiles against the lognormal with the scenario's median and p90. */
  qq: QQPoint[];
  /** The survival curve in weeks, thinned to at most 200 points. */
  curve: { weeks: number; survival: number }[];
}

/** Thins a KM curve for plotting. */
function thinCurve(curve: KaplanMeierCurve, max = 200): { weeks: number; survival: number }[] {
  const n = curve.times.length;
  const out: { weeks: number; survival: number }[] = [];
  const step = Math.max(1, Math.ceil(n / max));
  for (let i = 0; i < n; i += step)
    out.push({ weeks: (curve.times[i] as number) / 7, survival: curve.survival[i] as number });
  if (n > 0 && (n - 1) % step !== 0)
    out.push({
      weeks: (curve.times[n - 1] as number) / 7,
      survival: curve.survival[n - 1] as number,
    });
  return out;
}

/** Fits the cycle; undefined when the segment has no closed deal. */
export function fitCycle(opps: readonly Opportunity[], asOf: number): CycleFit | undefined {
  const obs = opps.map((o) =>
    o.closed !== undefined
      ? { time: o.closed - o.created, event: true }
      : { time: asOf - o.created, event: false },
  );
  const curve = kaplanMeier(obs);
  const closedDays = sortedCopy(obs.filter((o) => o.event).map((o) => o.time));
  if (closedDays.length === 0) return undefined;
  const toWeeks = (d: number | undefined) => (d === undefined ? undefined : d / 7);
  const kmMedian = toWeeks(kmQuantile(curve, 0.5));
  const kmP90 = toWeeks(kmQuantile(curve, 0.9));
  const naive = {
    median: inverseEcdfSorted(closedDays, 0.5) / 7,
    p90: inverseEcdfSorted(closedDays, 0.9) / 7,
  };
  const notes: string[] = [];
  let med = kmMedian;
  if (med === undefined) {
    med = Math.max(naive.median, curve.maxTime / 7);
    notes.push(
      `fewer than half the deals have closed: the Kaplan–Meier median is not reached; using ${med.toFixed(1)} weeks (a lower bound)`,
    );
  }
  let p90 = kmP90;
  if (p90 === undefined) {
    // Not reached: extrapolate along a lognormal through the KM median and the highest
    // 5%-step quantile the curve does reach (at least the 60th percentile); else a lower bound.
    const reached = 1 - (curve.survival[curve.survival.length - 1] ?? 1);
    const pHigh = Math.floor(reached * 20 + 1e-9) / 20;
    const qHigh =
      kmMedian !== undefined && pHigh >= 0.6 ? toWeeks(kmQuantile(curve, pHigh)) : undefined;
    if (kmMedian !== undefined && qHigh !== undefined && qHigh > kmMedian) {
      const sigma = Math.log(qHigh / kmMedian) / normalQuantile(pHigh);
      p90 = Math.max(qHigh, kmMedian * Math.exp(Z90 * sigma));
      notes.push(
        `the Kaplan–Meier 90th percentile is not reached (only ${(reached * 100).toFixed(0)}% of deals close within the data): ${p90.toFixed(1)} weeks extrapolated along a lognormal through the KM median (${kmMedian.toFixed(1)}) and ${Math.round(pHigh * 100)}th percentile (${qHigh.toFixed(1)})`,
      );
    } else {
      p90 = Math.max(naive.p90, curve.maxTime / 7, med);
      notes.push(
        `the Kaplan–Meier 90th percentile is not reached (too many deals still open); using ${p90.toFixed(1)} weeks, the longest time observed (a lower bound)`,
      );
    }
  }
  if (med < MIN_CYCLE_WEEKS) {
    notes.push(
      'median cycle under a day: set to 1 day (1/7 week), the scenario needs a positive cycle',
    );
    med = MIN_CYCLE_WEEKS;
  }
  if (p90 < med) p90 = med;
  const sigma = Math.log(p90 / med) / Z90;
  const qq: QQPoint[] = [];
  for (let k = 1; k <= 19; k++) {
    const p = k / 20;
    const q = kmQuantile(curve, p);
    if (q !== undefined)
      qq.push({ p, theoretical: med * Math.exp(sigma * normalQuantile(p)), sample: q / 7 });
  }
  return {
    n: curve.n,
    events: curve.totalEvents,
    censored: curve.totalCensored,
    km: {
      ...(kmMedian !== undefined ? { median: kmMedian } : {}),
      ...(kmP90 !== undefined ? { p90: kmP90 } : {}),
    },
    naive,
    median: med,
    p90,
    notes,
    histogram: histogram(closedDays.map((d) => d / 7)),
    qq,
    curve: thinCurve(curve),
  };
}
