/**
 * One reported period of a run — a quarter, or the whole horizon ("the year") — as every app
 * shows it: the exact per-trial statistics (a quarter's, or the horizon's sums per trial), the
 * histograms, and the segment, hour and pool figures pooled over the period's quarters (sums of
 * means per trial; ratios of those sums, never means of ratios).
 */
import type {
  Comparison,
  Histogram,
  HorizonSummary,
  PeriodComparison,
  QuarterSummary,
  SegmentSummary,
  StrategySummary,
} from './types.ts';

/** A reported quarter (0-based) or the whole horizon. */
export type Period = number | 'year';

/** What a rep's hours went on, in the order the apps show them. */
export const HOUR_USES = [
  'won',
  'lost',
  'stalled',
  'qualification',
  'overhead',
  'prospecting',
  'idle',
] as const;
export type HourUse = (typeof HOUR_USES)[number];
/** The uses of hours spent on a segment's deals (idle hours belong to no segment). */
export type SegmentHourUse = Exclude<HourUse, 'idle'>;

/** One segment under one strategy over a period (means per trial, summed over its quarters). */
export interface SegmentPeriod {
  id: string;
  name: string;
  sweetSpot: boolean;
  /** wins / (wins + losses + stalls), NaN when none decided. */
  winRate: number;
  /** Mean weeks from arrival to decision of the deals won, NaN when none. */
  cycleWeeksWon: number;
  /** 1 − bookings / list value of the deals won, NaN when none. */
  discount: number;
  pursued: number;
  wins: number;
  bookings: number;
  /** List value of the deals won, before discounts. */
  listValueWon: number;
  /** Prospected opportunities that arrived (docs/model.md §14). */
  prospected: number;
  /** Rep hours on the segment's deals, by use. */
  hours: Record<SegmentHourUse, number>;
}

/** One specialist pool under one strategy over a period (means per trial, summed). */
export interface PoolPeriod {
  id: string;
  name: string;
  used: number;
  capacity: number;
  /** used / capacity, NaN for a pool of 0 hours. */
  share: number;
  /** Used hours on deals that ended lost or stalled. */
  wasted: number;
}

/** The figures a quarter and the horizon both have, each from its own per-trial values. */
type PeriodStats =
  | 'bookings'
  | 'bookingsHistogram'
  | 'margin'
  | 'costOfSale'
  | 'contribution'
  | 'hoursWasted'
  | 'specialistHoursWasted'
  | 'shareOfRepsAtQuota'
  | 'pHitQuota'
  | 'pHitQuotaCi95';

/**
 * One strategy over one period: what the results screen and the report show. Over the year,
 * `shareOfRepsAtQuota` is each trial's average over the quarters.
 */
export interface PeriodSummary extends Pick<HorizonSummary & QuarterSummary, PeriodStats> {
  id: string;
  name: string;
  /** Individual reps' attainment, rep-quarters pooled over trials and the period's quarters. */
  repAttainment: Histogram;
  segments: SegmentPeriod[];
  /** Team selling hours left unused, and available (means per trial). */
  hoursIdle: number;
  hoursCapacity: number;
  pools: PoolPeriod[];
}

const sum = (values: readonly number[]): number => values.reduce((x, y) => x + y, 0);

/**
 * The quarters a period covers: one quarter, or all of them for the year (none if out of range).
 *
 * @example quartersOf({ quarters: [q1, q2, q3, q4] }, 1) // [q2]
 */
export function quartersOf(
  strategy: Pick<StrategySummary, 'quarters'>,
  period: Period,
): QuarterSummary[] {
  return period === 'year' ? strategy.quarters : strategy.quarters.slice(period, period + 1);
}

/**
 * A segment's figures pooled over quarters: counts, bookings, list value and hours summed;
 * win rate, cycle length and discount as ratios of those sums.
 *
 * @example poolSegment([q1.segments[0], q2.segments[0]]).wins // q1's wins + q2's wins
 */
export function poolSegment(segments: readonly SegmentSummary[]): SegmentPeriod | undefined {
  const first = segments[0];
  if (!first) return undefined;
  const total = (f: (s: SegmentSummary) => number) => sum(segments.map(f));
  const wins = total((s) => s.wins);
  const decided = total((s) => s.wins + s.losses + s.stalls);
  const cycleWeighted = total((s) => (s.wins > 0 ? s.cycleWeeksWon * s.wins : 0));
  const bookings = total((s) => s.bookings);
  const listValueWon = total((s) => s.listValueWon);
  const hours = (use: SegmentHourUse) => total((s) => s.hours[use] ?? 0);
  return {
    id: first.id,
    name: first.name,
    sweetSpot: first.sweetSpot,
    winRate: decided > 0 ? wins / decided : Number.NaN,
    cycleWeeksWon: wins > 0 ? cycleWeighted / wins : Number.NaN,
    discount: listValueWon > 0 ? 1 - bookings / listValueWon : Number.NaN,
    pursued: total((s) => s.pursued),
    wins,
    bookings,
    listValueWon,
    prospected: total((s) => s.prospected ?? 0),
    hours: {
      won: hours('won'),
      lost: hours('lost'),
      stalled: hours('stalled'),
      qualification: hours('qualification'),
      overhead: hours('overhead'),
      prospecting: hours('prospecting'),
    },
  };
}

/**
 * Each specialist pool's hours summed over quarters, with its share of capacity used.
 *
 * @example poolPools([q1, q2])[0].capacity // q1's capacity + q2's capacity
 */
export function poolPools(quarters: readonly QuarterSummary[]): PoolPeriod[] {
  return (quarters[0]?.pools ?? []).map((pool) => {
    const same = quarters.flatMap((q) => q.pools.filter((p) => p.id === pool.id));
    const used = sum(same.map((p) => p.used));
    const capacity = sum(same.map((p) => p.capacity));
    return {
      id: pool.id,
      name: pool.name,
      used,
      capacity,
      share: capacity > 0 ? used / capacity : Number.NaN,
      wasted: sum(same.map((p) => p.wasted)),
    };
  });
}

/**
 * Histograms on the same edges added bin by bin (rep-quarters pooled over quarters).
 *
 * @example addHistograms([{ edges: [0, 1, 2], counts: [1, 2] }, { edges: [0, 1, 2], counts: [3, 0] }])
 * // { edges: [0, 1, 2], counts: [4, 2] }
 */
export function addHistograms(histograms: readonly Histogram[]): Histogram {
  const first = histograms[0];
  if (!first) return { edges: [], counts: [] };
  return {
    edges: [...first.edges],
    counts: first.counts.map((_, i) => sum(histograms.map((h) => h.counts[i] ?? 0))),
  };
}

/**
 * One strategy over a period: a quarter's statistics, or the horizon's (exact: from sums per
 * trial, never assembled from quarterly figures), with segment, hour and pool figures pooled
 * over the period's quarters. Undefined for a quarter the run does not have.
 *
 * @example periodSummary(run.strategies.focus, 'year').hoursWasted.mean // Σ quarters' means
 */
export function periodSummary(
  strategy: StrategySummary,
  period: Period,
): PeriodSummary | undefined {
  const quarters = quartersOf(strategy, period);
  const first = quarters[0];
  if (!first) return undefined;
  const stats = period === 'year' ? strategy.horizon : first;
  return {
    id: strategy.id,
    name: strategy.name,
    bookings: stats.bookings,
    margin: stats.margin,
    costOfSale: stats.costOfSale,
    contribution: stats.contribution,
    hoursWasted: stats.hoursWasted,
    specialistHoursWasted: stats.specialistHoursWasted,
    shareOfRepsAtQuota: stats.shareOfRepsAtQuota,
    pHitQuota: stats.pHitQuota,
    pHitQuotaCi95: stats.pHitQuotaCi95,
    bookingsHistogram: stats.bookingsHistogram,
    repAttainment: addHistograms(quarters.map((q) => q.repAttainment)),
    segments: first.segments.flatMap((_, g) => {
      const pooled = poolSegment(quarters.flatMap((q) => q.segments[g] ?? []));
      return pooled ? [pooled] : [];
    }),
    hoursIdle: sum(quarters.map((q) => q.hoursIdle)),
    hoursCapacity: sum(quarters.map((q) => q.hoursCapacity)),
    pools: poolPools(quarters),
  };
}

/**
 * The paired comparison A − B over a period: a quarter's, or the horizon's (differences of
 * sums per trial). Undefined for a quarter the run does not have.
 *
 * @example periodComparison(run.comparison, 'year').bookings.meanDiff // mean A − B per year
 */
export function periodComparison(
  comparison: Comparison,
  period: Period,
): PeriodComparison | undefined {
  if (period === 'year') {
    const { retainedRecurringRevenue: _, ...horizon } = comparison.horizon;
    return horizon;
  }
  const quarter = comparison.quarters[period];
  if (!quarter) return undefined;
  const { attainment: _, ...rest } = quarter;
  return rest;
}
