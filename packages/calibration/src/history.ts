/**
 * What the team's own history says, in the figures the backtest compares with a replay of the
 * as-is strategy (docs/calibration.md, "The backtest"): win rate, won deals and bookings per
 * quarter, median won deal size and median won-deal cycle; and the median-anchored lognormal fits
 * that put the observed medians into the scenario exactly.
 */
import { Z90 } from '@sweetspot/scenario';
import type { Opportunity } from './records.ts';
import { normalCdf } from './special.ts';
import { inverseEcdfSorted, quantileSorted, sortedCopy } from './stats.ts';

/** Days in a reported quarter of the engine (13 weeks). */
export const QUARTER_DAYS = 91;

/**
 * A lognormal whose median IS the empirical median (a lognormal's median is its median), with
 * only the spread fitted: σ² = mean of (ln x − ln median)², the maximum-likelihood σ for a known
 * median. Checked with the Kolmogorov–Smirnov distance and a quantile table.
 */
export interface AnchoredFit {
  n: number;
  median: number;
  sigma: number;
  p90: number;
  ks: number;
  /** Approximate 5% critical value of ks, 0.886/√n (Lilliefors 1967). */
  ksCritical05: number;
  /** Data vs fit at the 10th, 25th, 50th, 75th and 90th percentiles. */
  quantiles: { p: number; data: number; fit: number }[];
}

const TABLE_P = [0.1, 0.25, 0.5, 0.75, 0.9];
const Z_OF: Record<number, number> = {
  0.1: -Z90,
  0.25: -0.6744897501960817,
  0.5: 0,
  0.75: 0.6744897501960817,
  0.9: Z90,
};

/**
 * Median-anchored lognormal of the positive values; undefined when there are none. The spread is
 * `log-rms` (σ² = mean (ln x − ln median)², maximum likelihood for a known median) or `mean`
 * (σ² = 2 ln(mean / median), so that the fitted mean is the observed mean; log-rms when the mean
 * is not above the median) or `p90` (σ = ln(p90 ÷ median) ÷ z₀.₉, so that the observed 90th
 * percentile is also kept; log-rms when the p90 equals the median).
 */
export function fitAnchored(
  values: readonly number[],
  spread: 'log-rms' | 'mean' | 'p90' = 'log-rms',
): AnchoredFit | undefined {
  const sorted = sortedCopy(values.filter((v) => Number.isFinite(v) && v > 0));
  const n = sorted.length;
  if (n === 0) return undefined;
  const median = quantileSorted(sorted, 0.5);
  const lnMed = Math.log(median);
  let ss = 0;
  for (const x of sorted) ss += (Math.log(x) - lnMed) ** 2;
  let raw = Math.sqrt(ss / n);
  if (spread === 'mean') {
    let sum = 0;
    for (const x of sorted) sum += x;
    const ratio = sum / n / median;
    if (ratio > 1 + 1e-9) raw = Math.sqrt(2 * Math.log(ratio));
  } else if (spread === 'p90') {
    const q90 = quantileSorted(sorted, 0.9);
    if (q90 > median) raw = Math.log(q90 / median) / Z90;
  }
  const sigma = raw < 1e-12 ? 0 : raw;
  let ks = 0;
  for (let i = 0; sigma > 0 && i < n; i++) {
    const x = sorted[i] as number;
    if (i + 1 < n && sorted[i + 1] === x) continue;
    const f = normalCdf((Math.log(x) - lnMed) / sigma);
    let first = i;
    while (first > 0 && sorted[first - 1] === x) first--;
    ks = Math.max(ks, (i + 1) / n - f, f - first / n);
  }
  return {
    n,
    median,
    sigma,
    p90: median * Math.exp(Z90 * sigma),
    ks,
    ksCritical05: 0.886 / Math.sqrt(n),
    quantiles: TABLE_P.map((p) => ({
      p,
      data: quantileSorted(sorted, p),
      fit: median * Math.exp((Z_OF[p] as number) * sigma),
    })),
  };
}

/** The five figures the backtest compares, for one segment or the whole team. */
export interface HistoryFigures {
  /** Won ÷ (won + lost), closed deals of the whole export. */
  winRate: number;
  /** Won deals closed in the steady window, per 13-week quarter. */
  wonPerQuarter: number;
  /** Booked amounts of those deals per quarter (deals without an amount at the median amount). */
  bookingsPerQuarter: number;
  /** Median booked amount of won deals (whole export). */
  medianWonDealSize: number;
  /** Median created → closed time of won deals, in weeks (whole export). */
  medianWonCycleWeeks: number;
  won: number;
  lost: number;
  /**
   * Deals decided (won, lost or closed without a decision) in the steady window, per week: the
   * scenario's arrival rate (in a steady state as many deals are decided as arrive).
   */
  decidedPerWeek: number;
}

/** Quarter-by-quarter history: 13-week blocks ending at the as-of date, oldest first. */
export interface HistoryQuarter {
  from: string;
  to: string;
  won: number;
  bookings: number;
  /** Per segment, in the order of the fits. */
  segments: { won: number; bookings: number }[];
}

export interface History {
  /**
   * The steady window: from the first created date plus the ramp (the 90th-percentile won
   * cycle: before it, deals created before the export began would have been closing and are
   * missing) to the as-of date. Won deals and bookings per quarter are counted in it.
   */
  steadyWindow: { fromDay: number; toDay: number; quarters: number; rampWeeks: number };
  total: HistoryFigures;
  segments: HistoryFigures[];
  quarters: HistoryQuarter[];
  /** Median over owners of each owner's bookings per quarter in the steady window. */
  medianOwnerQuarterBookings?: number;
  notes: string[];
}

const wonCycleWeeks = (o: Opportunity) => Math.max((o.closed as number) - o.created, 0.5) / 7;

/** History figures of one group of opportunities, counted in the window. */
function figures(opps: readonly Opportunity[], fromDay: number, toDay: number, quarters: number) {
  let won = 0;
  let lost = 0;
  const amounts: number[] = [];
  const cycles: number[] = [];
  let inWindow = 0;
  let decided = 0;
  let inWindowKnown = 0;
  let inWindowSum = 0;
  for (const o of opps) {
    if (o.outcome !== 'open' && o.closed !== undefined && o.closed >= fromDay && o.closed <= toDay)
      decided++;
    if (o.outcome === 'lost') lost++;
    if (o.outcome !== 'won' || o.closed === undefined) continue;
    won++;
    if (o.amount !== undefined) amounts.push(o.amount);
    cycles.push(wonCycleWeeks(o));
    if (o.closed >= fromDay && o.closed <= toDay) {
      inWindow++;
      if (o.amount !== undefined) {
        inWindowKnown++;
        inWindowSum += o.amount;
      }
    }
  }
  const medSize = amounts.length > 0 ? quantileSorted(sortedCopy(amounts), 0.5) : Number.NaN;
  const bookings =
    inWindowSum + (inWindow - inWindowKnown) * (Number.isFinite(medSize) ? medSize : 0);
  return {
    winRate: won + lost > 0 ? won / (won + lost) : Number.NaN,
    wonPerQuarter: inWindow / quarters,
    bookingsPerQuarter: bookings / quarters,
    medianWonDealSize: medSize,
    medianWonCycleWeeks: cycles.length > 0 ? quantileSorted(sortedCopy(cycles), 0.5) : Number.NaN,
    won,
    lost,
    decidedPerWeek: decided / ((quarters * QUARTER_DAYS) / 7),
  };
}

/** Computes the history of the used opportunities, per segment and for the team. */
export function computeHistory(
  bySegment: readonly (readonly Opportunity[])[],
  asOfDay: number,
  formatDay: (d: number) => string,
  hasOwners: boolean,
): History {
  const all = bySegment.flat();
  const notes: string[] = [];
  let firstCreated = Number.POSITIVE_INFINITY;
  for (const o of all) firstCreated = Math.min(firstCreated, o.created);
  const wonDays = sortedCopy(
    all
      .filter((o) => o.outcome === 'won' && o.closed !== undefined)
      .map((o) => (o.closed as number) - o.created),
  );
  const ramp = wonDays.length > 0 ? Math.ceil(inverseEcdfSorted(wonDays, 0.9)) : 0;
  let fromDay = firstCreated + ramp;
  if (asOfDay - fromDay + 1 < QUARTER_DAYS) {
    fromDay = firstCreated;
    notes.push(
      'the export covers less than a quarter after its ramp-up (the first 90th-percentile won cycle, when deals created before the export would still be closing): won deals and bookings per quarter are counted over the whole export and are low',
    );
  }
  const days = asOfDay - fromDay + 1;
  const quarters = days / QUARTER_DAYS;
  const total = figures(all, fromDay, asOfDay, quarters);
  const segments = bySegment.map((opps) => figures(opps, fromDay, asOfDay, quarters));

  const blocks = Math.floor(days / QUARTER_DAYS);
  const series: HistoryQuarter[] = [];
  for (let j = blocks - 1; j >= 0; j--) {
    const to = asOfDay - j * QUARTER_DAYS;
    const from = to - QUARTER_DAYS + 1;
    const segs = bySegment.map((opps) => {
      let won = 0;
      let bookings = 0;
      for (const o of opps)
        if (o.outcome === 'won' && o.closed !== undefined && o.closed >= from && o.closed <= to) {
          won++;
          bookings += o.amount ?? 0;
        }
      return { won, bookings };
    });
    series.push({
      from: formatDay(from),
      to: formatDay(to),
      won: segs.reduce((a, s) => a + s.won, 0),
      bookings: segs.reduce((a, s) => a + s.bookings, 0),
      segments: segs,
    });
  }

  const history: History = {
    steadyWindow: { fromDay, toDay: asOfDay, quarters, rampWeeks: ramp / 7 },
    total,
    segments,
    quarters: series,
    notes,
  };
  if (hasOwners) {
    const byOwner = new Map<string, number>();
    for (const o of all) {
      if (o.owner === '') continue;
      if (!byOwner.has(o.owner)) byOwner.set(o.owner, 0);
      if (
        o.outcome === 'won' &&
        o.closed !== undefined &&
        o.closed >= fromDay &&
        o.closed <= asOfDay
      )
        byOwner.set(
          o.owner,
          (byOwner.get(o.owner) as number) + (o.amount ?? total.medianWonDealSize),
        );
    }
    const perQuarter = sortedCopy([...byOwner.values()].map((b) => b / quarters));
    if (perQuarter.length > 0) history.medianOwnerQuarterBookings = quantileSorted(perQuarter, 0.5);
  }
  return history;
}
