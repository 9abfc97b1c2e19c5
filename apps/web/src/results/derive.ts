/**
 * From a RunSummary to what the results screen shows, for one period (a quarter or the whole
 * horizon, "Year"): the figures come from @sweetspot/analysis (`periodSummary`,
 * `periodComparison`); this module only maps them onto cards, rows and bins. Pure TS: the React
 * components only lay these out.
 */
import {
  clampInterval,
  type Diff,
  difference,
  type Histogram,
  HOUR_USES,
  type HourUse,
  type Period,
  type PeriodComparison,
  type PeriodSummary,
  type PoolPeriod,
  periodComparison,
  periodSummary,
  type RunSummary,
  type SegmentPeriod,
  type Stat,
  type StrategySummary,
} from '@sweetspot/analysis';
import { mechanismsUsed, type Scenario } from '@sweetspot/scenario';

export { HOUR_USES, type HourUse, type Period };

export type Side = 'A' | 'B';

export interface Pair {
  a: StrategySummary;
  b: StrategySummary;
}

/** The A and B strategies of the comparison, or undefined if the summary lacks one. */
export function pairOf(summary: RunSummary): Pair | undefined {
  const a = summary.strategies[summary.comparison.a];
  const b = summary.strategies[summary.comparison.b];
  return a && b ? { a, b } : undefined;
}

/** How many quarters the run reports. */
export function quarterCount(summary: RunSummary): number {
  const first = summary.strategyOrder[0];
  return first ? (summary.strategies[first]?.quarters.length ?? 0) : 0;
}

/** Label of a period: "Q2", or "Year" for four quarters ("6 quarters" otherwise). */
export function periodLabel(period: Period, quarters: number): string {
  if (period !== 'year') return `Q${period + 1}`;
  return quarters === 4 ? 'Year' : quarters === 1 ? 'Quarter' : `${quarters} quarters`;
}

/** A figure for one strategy: a central value and, when known, an interval around it. */
export interface Figure {
  value: number;
  low?: number;
  high?: number;
  /** What the interval is: "P10–P90" or "95% CI". */
  interval?: string;
  /** What the value is, when it is not obvious ("median", "mean", "avg of quarters"). */
  basis?: string;
  /** The mean with its 95% confidence interval (shown under a median, or under a mean's P10–P90). */
  mean?: { value: number; ci: [number, number] };
}

export type Unit = 'money' | 'probability' | 'share' | 'hours';

/**
 * Which of the optional mechanisms (docs/model.md §12–§14) the compared pair plays, so that the
 * results show their figures only when they mean something: a scenario without them looks as
 * before.
 */
export interface Mechanisms {
  /** Hours have a price: a cost per selling hour or a pool cost per hour is set (§13). */
  pricesHours: boolean;
  /** Some specialist pool is needed by some segment (§12). */
  pools: boolean;
  /** A or B prospects with spare hours (§14). */
  prospects: boolean;
}

export const NO_MECHANISMS: Mechanisms = { pricesHours: false, pools: false, prospects: false };

/** The mechanisms the pair plays, as @sweetspot/scenario's `mechanismsUsed` says (one rule for app and CLI). */
export function mechanismsOf(scenario: Scenario): Mechanisms {
  const used = mechanismsUsed(scenario);
  return { pricesHours: used.pricesHours, pools: used.specialists, prospects: used.prospects };
}

export interface Headline {
  id:
    | 'bookings'
    | 'margin'
    | 'costOfSale'
    | 'contribution'
    | 'pHitQuota'
    | 'repsAtQuota'
    | 'hoursWasted'
    | 'specialistHoursWasted';
  title: string;
  unit: Unit;
  a: Figure;
  b: Figure;
  /** A − B. For money and hours: per-trial paired differences; for probabilities: points. */
  diff: Figure;
  /** Higher is better (false for wasted hours). */
  higherIsBetter: boolean;
  /** What the title means, when it needs saying. */
  note?: string;
  /** P(A > B) with its 95% interval, when the card shows it (cost of sale). */
  beat?: { label: string; figure: BeatFigure };
}

export interface BeatFigure {
  p: number;
  ci: [number, number];
  tie: number;
}

export interface Headlines {
  cards: Headline[];
  /** P(A beats B); `contribution` only when hours are priced. */
  beats: { bookings: BeatFigure; margin: BeatFigure; contribution?: BeatFigure };
}

/** The median with P10–P90, and the mean with its 95% interval. */
const spread = (s: Stat): Figure => ({
  value: s.p50,
  low: s.p10,
  high: s.p90,
  interval: 'P10–P90',
  basis: 'median',
  mean: { value: s.mean, ci: s.ci95 },
});

const diffSpread = (d: Diff): Figure => ({
  value: d.p50,
  low: d.p10,
  high: d.p90,
  interval: 'P10–P90',
  basis: 'median',
  mean: { value: d.meanDiff, ci: d.ci95 },
});

/** The mean with P10–P90, and its 95% interval (a share of reps: its median is too coarse). */
const meanSpread = (s: Stat): Figure => ({ ...spread(s), value: s.mean, basis: 'mean' });

/** The mean with its 95% interval as the figure's interval (the year's means). */
const meanCi = (
  mean: number,
  ci: [number, number],
  basis: string,
): Figure & { low: number; high: number } => ({
  value: mean,
  low: ci[0],
  high: ci[1],
  interval: '95% CI',
  basis,
});

const estimate = (s: Stat) => ({ value: s.mean, ci: s.ci95 });

/**
 * A − B of two probabilities (or shares) with a 95% interval built from their own intervals; the
 * summary has no paired one, so it is conservative (`difference` in @sweetspot/analysis).
 */
const diffOf = (
  a: { value: number; ci: [number, number] },
  b: { value: number; ci: [number, number] },
): Figure => ({ ...clampInterval(difference(a, b), -1, 1), interval: '95% CI' });

const probability = (p: number, ci: [number, number]): Figure => ({
  value: p,
  low: ci[0],
  high: ci[1],
  interval: '95% CI',
});

const beat = (d: Diff): BeatFigure => ({ p: d.pABeatsB, ci: d.pABeatsBCi95, tie: d.pTie });

type Spread =
  | 'bookings'
  | 'margin'
  | 'costOfSale'
  | 'contribution'
  | 'hoursWasted'
  | 'specialistHoursWasted';

/** A card whose figures are medians with P10–P90 and the paired difference's. */
function spreadCard(
  id: Spread,
  a: PeriodSummary,
  b: PeriodSummary,
  c: PeriodComparison,
  card: Pick<Headline, 'title' | 'unit' | 'higherIsBetter' | 'note' | 'beat'>,
): Headline {
  return { id, ...card, a: spread(a[id]), b: spread(b[id]), diff: diffSpread(c[id]) };
}

/**
 * Reps at quota: a quarter's mean share with P10–P90; the year's mean of each trial's average
 * over the quarters, with its exact 95% interval. A − B from the two intervals (conservative).
 */
function repsCard(a: PeriodSummary, b: PeriodSummary, year: boolean): Headline {
  const figure = (s: Stat) =>
    year ? clampInterval(meanCi(s.mean, s.ci95, 'avg of quarters'), 0, 1) : meanSpread(s);
  return {
    id: 'repsAtQuota',
    title: 'Reps at quota',
    unit: 'share',
    a: figure(a.shareOfRepsAtQuota),
    b: figure(b.shareOfRepsAtQuota),
    diff: diffOf(estimate(a.shareOfRepsAtQuota), estimate(b.shareOfRepsAtQuota)),
    higherIsBetter: true,
  };
}

/**
 * Hours wasted: a quarter's medians with P10–P90; the year's means of the hours summed per trial,
 * with their exact 95% intervals (and the paired difference's).
 */
function wastedCard(a: PeriodSummary, b: PeriodSummary, c: PeriodComparison, year: boolean) {
  const card = {
    title: 'Hours wasted',
    note: 'on deals lost or stalled',
    unit: 'hours',
    higherIsBetter: false,
  } as const;
  if (!year) return spreadCard('hoursWasted', a, b, c, card);
  const d = c.hoursWasted;
  return {
    id: 'hoursWasted',
    ...card,
    a: meanCi(a.hoursWasted.mean, a.hoursWasted.ci95, 'mean'),
    b: meanCi(b.hoursWasted.mean, b.hoursWasted.ci95, 'mean'),
    diff: meanCi(d.meanDiff, d.ci95, 'mean'),
  } satisfies Headline;
}

/**
 * The headline cards for a period: the five of every scenario, plus cost of sale and contribution
 * when hours are priced and specialist hours wasted when pools play (figures from the summary).
 */
export function headlines(
  summary: RunSummary,
  period: Period,
  mechanisms: Mechanisms = NO_MECHANISMS,
): Headlines | undefined {
  const pair = pairOf(summary);
  const a = pair && periodSummary(pair.a, period);
  const b = pair && periodSummary(pair.b, period);
  const c = periodComparison(summary.comparison, period);
  if (!a || !b || !c) return undefined;
  const money = { unit: 'money', higherIsBetter: true } as const;
  const priced: Headline[] = mechanisms.pricesHours
    ? [
        spreadCard('costOfSale', a, b, c, {
          ...money,
          title: 'Cost of sale',
          note: 'hours worked × their loaded cost',
          higherIsBetter: false,
          beat: { label: 'P(A costs more)', figure: beat(c.costOfSale) },
        }),
        spreadCard('contribution', a, b, c, {
          ...money,
          title: 'Contribution',
          note: 'gross margin − cost of sale',
        }),
      ]
    : [];
  const cards: Headline[] = [
    spreadCard('bookings', a, b, c, { ...money, title: 'Bookings' }),
    spreadCard('margin', a, b, c, { ...money, title: 'Gross margin' }),
    ...priced,
    {
      id: 'pHitQuota',
      title: 'P(team hits quota)',
      unit: 'probability',
      a: probability(a.pHitQuota, a.pHitQuotaCi95),
      b: probability(b.pHitQuota, b.pHitQuotaCi95),
      diff: diffOf(
        { value: a.pHitQuota, ci: a.pHitQuotaCi95 },
        { value: b.pHitQuota, ci: b.pHitQuotaCi95 },
      ),
      higherIsBetter: true,
    },
    repsCard(a, b, period === 'year'),
    wastedCard(a, b, c, period === 'year'),
  ];
  if (mechanisms.pools) {
    cards.push(
      spreadCard('specialistHoursWasted', a, b, c, {
        title: 'Specialist hours wasted',
        note: 'on deals lost or stalled',
        unit: 'hours',
        higherIsBetter: false,
      }),
    );
  }
  const beats: Headlines['beats'] = { bookings: beat(c.bookings), margin: beat(c.margin) };
  if (mechanisms.pricesHours) beats.contribution = beat(c.contribution);
  return { cards, beats };
}

/** One histogram bin of one strategy, as a share of trials (or rep-quarters). */
export interface BinRow {
  side: Side;
  name: string;
  x0: number;
  x1: number;
  mid: number;
  count: number;
  share: number;
}

/** A histogram's bins as rows, each with its share of the total count. */
export function histogramRows(h: Histogram, side: Side, name: string): BinRow[] {
  const total = h.counts.reduce((x, y) => x + y, 0);
  return h.counts.map((count, i) => {
    const x0 = h.edges[i] ?? 0;
    const x1 = h.edges[i + 1] ?? x0;
    return { side, name, x0, x1, mid: (x0 + x1) / 2, count, share: total > 0 ? count / total : 0 };
  });
}

/** A histogram of the period's figures for A and for B, as rows (none for a missing side). */
function pairRows(
  summary: RunSummary,
  period: Period,
  pick: (p: PeriodSummary) => Histogram,
): BinRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  return (['A', 'B'] as const).flatMap((side) => {
    const s = periodSummary(side === 'A' ? pair.a : pair.b, period);
    return s ? histogramRows(pick(s), side, s.name) : [];
  });
}

/** Bookings distributions of A and B for a period (shared bin edges). */
export function bookingsRows(summary: RunSummary, period: Period): BinRow[] {
  return pairRows(summary, period, (s) => s.bookingsHistogram);
}

/** Distribution of the paired difference A − B in bookings. */
export function diffRows(summary: RunSummary, period: Period): BinRow[] {
  const h = periodComparison(summary.comparison, period)?.bookingsDiffHistogram;
  return h ? histogramRows(h, 'A', 'A − B') : [];
}

/** The paired difference's summary for a period (median, P10, P90, P(A > B)). */
export function bookingsDiff(summary: RunSummary, period: Period): Diff | undefined {
  return periodComparison(summary.comparison, period)?.bookings;
}

/** Team quota for a period: per quarter, or the horizon's sum. */
export function quotaFor(teamQuota: number, period: Period, quarters: number): number {
  return period === 'year' ? teamQuota * quarters : teamQuota;
}

export interface FanRow {
  side: Side;
  name: string;
  quarter: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

/** Quarterly bookings quantiles for A and B, for the fan chart. */
export function fanRows(summary: RunSummary): FanRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  return (['A', 'B'] as const).flatMap((side) => {
    const s = side === 'A' ? pair.a : pair.b;
    return s.quarters.map(({ bookings: b }, i) => ({
      side,
      name: s.name,
      quarter: i + 1,
      p10: b.p10,
      p25: b.p25,
      p50: b.p50,
      p75: b.p75,
      p90: b.p90,
    }));
  });
}

/** Individual reps' attainment (rep-quarters pooled over trials; the year pools every quarter). */
export function repAttainmentRows(summary: RunSummary, period: Period): BinRow[] {
  return pairRows(summary, period, (s) => s.repAttainment);
}

/** The uses the hours chart shows: prospecting only when A or B prospects. */
export function hourUses(mechanisms: Mechanisms = NO_MECHANISMS): HourUse[] {
  return HOUR_USES.filter((u) => u !== 'prospecting' || mechanisms.prospects);
}

export interface HoursRow {
  side: Side;
  name: string;
  /** Segment name, or "Team (idle)" for idle hours. */
  segment: string;
  use: HourUse;
  hours: number;
  /** Share of the strategy's capacity. */
  share: number;
}

/** Where the team's hours went, by segment and use, per strategy (mean per trial). */
export function hoursRows(
  summary: RunSummary,
  period: Period,
  mechanisms: Mechanisms = NO_MECHANISMS,
): HoursRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  const uses = hourUses(mechanisms);
  return (['A', 'B'] as const).flatMap((side) => {
    const s = periodSummary(side === 'A' ? pair.a : pair.b, period);
    if (!s) return [];
    const row = (segment: string, use: HourUse, hours: number): HoursRow => ({
      side,
      name: s.name,
      segment,
      use,
      hours,
      share: s.hoursCapacity > 0 ? hours / s.hoursCapacity : 0,
    });
    return [
      ...s.segments.flatMap((seg) =>
        uses.flatMap((use) => (use === 'idle' ? [] : [row(seg.name, use, seg.hours[use])])),
      ),
      row('Team (idle)', 'idle', s.hoursIdle),
    ];
  });
}

/** One specialist pool's hours under one strategy over a period (means per trial). */
export type PoolFigures = Omit<PoolPeriod, 'id' | 'name'>;

export interface PoolRow {
  id: string;
  name: string;
  a: PoolFigures;
  b: PoolFigures;
}

/** A and B's figures of each item (segment, pool) of A's list, matched by id. */
function sideBySide<T extends { id: string; name: string }>(
  summary: RunSummary,
  period: Period,
  items: (p: PeriodSummary) => T[],
): { a: T; b: T }[] {
  const pair = pairOf(summary);
  const a = pair && periodSummary(pair.a, period);
  const b = pair && periodSummary(pair.b, period);
  if (!a || !b) return [];
  const ofB = items(b);
  return items(a).flatMap((x) => {
    const y = ofB.find((z) => z.id === x.id);
    return y ? [{ a: x, b: y }] : [];
  });
}

/** Each specialist pool's use under A and B (summed over the period's quarters). */
export function poolRows(summary: RunSummary, period: Period): PoolRow[] {
  return sideBySide(summary, period, (p) => p.pools).map(({ a, b }) => ({
    id: a.id,
    name: a.name,
    a,
    b,
  }));
}

/** A segment's figures under one strategy over a period (ratios of sums, not means of ratios). */
export type SegmentFigures = SegmentPeriod;

export interface SegmentRow {
  id: string;
  name: string;
  sweetSpot: boolean;
  a: SegmentFigures;
  b: SegmentFigures;
}

/** Win rate, cycle length and discount by segment under A and B. */
export function segmentRows(summary: RunSummary, period: Period): SegmentRow[] {
  return sideBySide(summary, period, (p) => p.segments).map(({ a, b }) => ({
    id: a.id,
    name: a.name,
    sweetSpot: a.sweetSpot,
    a,
    b,
  }));
}
