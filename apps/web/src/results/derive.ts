/**
 * From a RunSummary to what the results screen shows, for one period (a quarter or the whole
 * horizon, "Year"). Pure TS: the React components only lay these out.
 */
import type {
  Diff,
  Histogram,
  QuarterSummary,
  RunSummary,
  SegmentSummary,
  Stat,
  StrategySummary,
} from '@sweetspot/analysis';
import { mechanismsUsed, type Scenario } from '@sweetspot/scenario';
import { clampInterval, combine, difference } from '../decision/intervals.ts';
import type { SummaryExtras } from '../run/summarize-core.ts';

/** A reported quarter (0-based) or the whole horizon. */
export type Period = number | 'year';

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

/**
 * A − B of two probabilities (or shares) with a 95% interval built from their own intervals; the
 * summary has no paired one, so it is conservative (decision/intervals.ts).
 */
const diffOf = (
  a: { value: number; ci: [number, number] },
  b: { value: number; ci: [number, number] },
): Figure => ({ ...clampInterval(difference(a, b), -1, 1), interval: '95% CI' });

/** Weighted sum of quarterly means (avg: 1/Q, sum: 1) with a conservative 95% interval. */
const overQuarters = (stats: Array<{ value: number; ci: [number, number] }>, weight: number) =>
  combine(stats.map((x) => ({ weight, ...x })));

const probability = (p: number, ci: [number, number]): Figure => ({
  value: p,
  low: ci[0],
  high: ci[1],
  interval: '95% CI',
});

const beat = (d: Diff): BeatFigure => ({ p: d.pABeatsB, ci: d.pABeatsBCi95, tie: d.pTie });

function mean(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((x, y) => x + y, 0) / values.length;
}

function sum(values: number[]): number {
  return values.reduce((x, y) => x + y, 0);
}

function quarterOf(s: StrategySummary, q: number): QuarterSummary | undefined {
  return s.quarters[q];
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
  const base = baseHeadlines(summary, period);
  const pair = pairOf(summary);
  if (!base || !pair) return base;
  const { a, b } = pair;
  const cmp = summary.comparison;
  const stats =
    period === 'year'
      ? { a: a.horizon, b: b.horizon, c: cmp.horizon }
      : { a: a.quarters[period], b: b.quarters[period], c: cmp.quarters[period] };
  const { a: sa, b: sb, c: sc } = stats;
  // Summaries made before these figures existed lack them: show nothing rather than break.
  if (!sa || !sb || !sc) return base;
  const cards = [...base.cards];
  const beats = { ...base.beats };
  if (
    mechanisms.pricesHours &&
    sa.costOfSale &&
    sb.costOfSale &&
    sc.costOfSale &&
    sc.contribution
  ) {
    const at = cards.findIndex((c) => c.id === 'margin') + 1;
    cards.splice(
      at,
      0,
      {
        id: 'costOfSale',
        title: 'Cost of sale',
        note: 'hours worked × their loaded cost',
        unit: 'money',
        a: spread(sa.costOfSale),
        b: spread(sb.costOfSale),
        diff: diffSpread(sc.costOfSale),
        higherIsBetter: false,
        beat: { label: 'P(A costs more)', figure: beat(sc.costOfSale) },
      },
      {
        id: 'contribution',
        title: 'Contribution',
        note: 'gross margin − cost of sale',
        unit: 'money',
        a: spread(sa.contribution),
        b: spread(sb.contribution),
        diff: diffSpread(sc.contribution),
        higherIsBetter: true,
      },
    );
    beats.contribution = beat(sc.contribution);
  }
  if (
    mechanisms.pools &&
    sa.specialistHoursWasted &&
    sb.specialistHoursWasted &&
    sc.specialistHoursWasted
  ) {
    cards.push({
      id: 'specialistHoursWasted',
      title: 'Specialist hours wasted',
      note: 'on deals lost or stalled',
      unit: 'hours',
      a: spread(sa.specialistHoursWasted),
      b: spread(sb.specialistHoursWasted),
      diff: diffSpread(sc.specialistHoursWasted),
      higherIsBetter: false,
    });
  }
  return { cards, beats };
}

function baseHeadlines(summary: RunSummary, period: Period): Headlines | undefined {
  const pair = pairOf(summary);
  if (!pair) return undefined;
  const { a, b } = pair;
  const cmp = summary.comparison;
  if (period === 'year') {
    const shareA = mean(a.quarters.map((q) => q.shareOfRepsAtQuota.mean));
    const shareB = mean(b.quarters.map((q) => q.shareOfRepsAtQuota.mean));
    const wastedA = sum(a.quarters.map((q) => q.hoursWasted.mean));
    const wastedB = sum(b.quarters.map((q) => q.hoursWasted.mean));
    const wastedDiff = sum(cmp.quarters.map((q) => q.hoursWasted.meanDiff));
    // 95% intervals of these averages and sums over quarters (conservative: quarters correlate).
    const Q = a.quarters.length;
    const meanCi = (s: Stat) => ({ value: s.mean, ci: s.ci95 });
    const avgShare = (st: StrategySummary) =>
      clampInterval(
        overQuarters(
          st.quarters.map((q) => meanCi(q.shareOfRepsAtQuota)),
          1 / Q,
        ),
        0,
        1,
      );
    const sumWasted = (st: StrategySummary) =>
      overQuarters(
        st.quarters.map((q) => meanCi(q.hoursWasted)),
        1,
      );
    const withCi = (value: number, x: { low: number; high: number }, basis: string): Figure => ({
      value,
      low: x.low,
      high: x.high,
      interval: '95% CI',
      basis,
    });
    const shareCiA = avgShare(a);
    const shareCiB = avgShare(b);
    const wastedCiA = sumWasted(a);
    const wastedCiB = sumWasted(b);
    const wastedDiffCi = overQuarters(
      cmp.quarters.map((q) => ({ value: q.hoursWasted.meanDiff, ci: q.hoursWasted.ci95 })),
      1,
    );
    return {
      cards: [
        {
          id: 'bookings',
          title: 'Bookings',
          unit: 'money',
          a: spread(a.horizon.bookings),
          b: spread(b.horizon.bookings),
          diff: diffSpread(cmp.horizon.bookings),
          higherIsBetter: true,
        },
        {
          id: 'margin',
          title: 'Gross margin',
          unit: 'money',
          a: spread(a.horizon.margin),
          b: spread(b.horizon.margin),
          diff: diffSpread(cmp.horizon.margin),
          higherIsBetter: true,
        },
        {
          id: 'pHitQuota',
          title: 'P(team hits quota)',
          unit: 'probability',
          a: probability(a.horizon.pHitQuota, a.horizon.pHitQuotaCi95),
          b: probability(b.horizon.pHitQuota, b.horizon.pHitQuotaCi95),
          diff: diffOf(
            { value: a.horizon.pHitQuota, ci: a.horizon.pHitQuotaCi95 },
            { value: b.horizon.pHitQuota, ci: b.horizon.pHitQuotaCi95 },
          ),
          higherIsBetter: true,
        },
        {
          id: 'repsAtQuota',
          title: 'Reps at quota',
          unit: 'share',
          a: withCi(shareA, shareCiA, 'avg of quarters'),
          b: withCi(shareB, shareCiB, 'avg of quarters'),
          diff: diffOf(
            { value: shareA, ci: [shareCiA.low, shareCiA.high] },
            { value: shareB, ci: [shareCiB.low, shareCiB.high] },
          ),
          higherIsBetter: true,
        },
        {
          id: 'hoursWasted',
          title: 'Hours wasted',
          note: 'on deals lost or stalled',
          unit: 'hours',
          a: withCi(wastedA, wastedCiA, 'mean'),
          b: withCi(wastedB, wastedCiB, 'mean'),
          diff: withCi(wastedDiff, wastedDiffCi, 'mean'),
          higherIsBetter: false,
        },
      ],
      beats: { bookings: beat(cmp.horizon.bookings), margin: beat(cmp.horizon.margin) },
    };
  }
  const qa = quarterOf(a, period);
  const qb = quarterOf(b, period);
  const qc = cmp.quarters[period];
  if (!qa || !qb || !qc) return undefined;
  return {
    cards: [
      {
        id: 'bookings',
        title: 'Bookings',
        unit: 'money',
        a: spread(qa.bookings),
        b: spread(qb.bookings),
        diff: diffSpread(qc.bookings),
        higherIsBetter: true,
      },
      {
        id: 'margin',
        title: 'Gross margin',
        unit: 'money',
        a: spread(qa.margin),
        b: spread(qb.margin),
        diff: diffSpread(qc.margin),
        higherIsBetter: true,
      },
      {
        id: 'pHitQuota',
        title: 'P(team hits quota)',
        unit: 'probability',
        a: probability(qa.pHitQuota, qa.pHitQuotaCi95),
        b: probability(qb.pHitQuota, qb.pHitQuotaCi95),
        diff: diffOf(
          { value: qa.pHitQuota, ci: qa.pHitQuotaCi95 },
          { value: qb.pHitQuota, ci: qb.pHitQuotaCi95 },
        ),
        higherIsBetter: true,
      },
      {
        id: 'repsAtQuota',
        title: 'Reps at quota',
        unit: 'share',
        a: {
          value: qa.shareOfRepsAtQuota.mean,
          low: qa.shareOfRepsAtQuota.p10,
          high: qa.shareOfRepsAtQuota.p90,
          interval: 'P10–P90',
          basis: 'mean',
          mean: { value: qa.shareOfRepsAtQuota.mean, ci: qa.shareOfRepsAtQuota.ci95 },
        },
        b: {
          value: qb.shareOfRepsAtQuota.mean,
          low: qb.shareOfRepsAtQuota.p10,
          high: qb.shareOfRepsAtQuota.p90,
          interval: 'P10–P90',
          basis: 'mean',
          mean: { value: qb.shareOfRepsAtQuota.mean, ci: qb.shareOfRepsAtQuota.ci95 },
        },
        diff: diffOf(
          { value: qa.shareOfRepsAtQuota.mean, ci: qa.shareOfRepsAtQuota.ci95 },
          { value: qb.shareOfRepsAtQuota.mean, ci: qb.shareOfRepsAtQuota.ci95 },
        ),
        higherIsBetter: true,
      },
      {
        id: 'hoursWasted',
        title: 'Hours wasted',
        note: 'on deals lost or stalled',
        unit: 'hours',
        a: spread(qa.hoursWasted),
        b: spread(qb.hoursWasted),
        diff: diffSpread(qc.hoursWasted),
        higherIsBetter: false,
      },
    ],
    beats: { bookings: beat(qc.bookings), margin: beat(qc.margin) },
  };
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

export function histogramRows(h: Histogram, side: Side, name: string): BinRow[] {
  const total = h.counts.reduce((x, y) => x + y, 0);
  return h.counts.map((count, i) => {
    const x0 = h.edges[i] ?? 0;
    const x1 = h.edges[i + 1] ?? x0;
    return { side, name, x0, x1, mid: (x0 + x1) / 2, count, share: total > 0 ? count / total : 0 };
  });
}

/** Bookings distributions of A and B for a period (shared bin edges). */
export function bookingsRows(summary: RunSummary, extras: SummaryExtras, period: Period): BinRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  const histogramOf = (s: StrategySummary): Histogram | undefined =>
    period === 'year' ? extras.horizonBookings[s.id] : s.quarters[period]?.bookingsHistogram;
  const ha = histogramOf(pair.a);
  const hb = histogramOf(pair.b);
  return [
    ...(ha ? histogramRows(ha, 'A', pair.a.name) : []),
    ...(hb ? histogramRows(hb, 'B', pair.b.name) : []),
  ];
}

/** Distribution of the paired difference A − B in bookings. */
export function diffRows(summary: RunSummary, period: Period): BinRow[] {
  const h =
    period === 'year'
      ? summary.comparison.horizon.bookingsDiffHistogram
      : summary.comparison.quarters[period]?.bookingsDiffHistogram;
  return h ? histogramRows(h, 'A', 'A − B') : [];
}

/** The paired difference's summary for a period (median, P10, P90, P(A > B)). */
export function bookingsDiff(summary: RunSummary, period: Period): Diff | undefined {
  return period === 'year'
    ? summary.comparison.horizon.bookings
    : summary.comparison.quarters[period]?.bookings;
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
  const rows: FanRow[] = [];
  for (const [side, s] of [
    ['A', pair.a],
    ['B', pair.b],
  ] as const) {
    s.quarters.forEach((q, i) => {
      rows.push({
        side,
        name: s.name,
        quarter: i + 1,
        p10: q.bookings.p10,
        p25: q.bookings.p25,
        p50: q.bookings.p50,
        p75: q.bookings.p75,
        p90: q.bookings.p90,
      });
    });
  }
  return rows;
}

/** Individual reps' attainment (rep-quarters pooled over trials; the year pools every quarter). */
export function repAttainmentRows(summary: RunSummary, period: Period): BinRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  const pooled = (s: StrategySummary): Histogram | undefined => {
    const quarters = period === 'year' ? s.quarters : s.quarters.slice(period, period + 1);
    const first = quarters[0]?.repAttainment;
    if (!first) return undefined;
    const counts = first.counts.map((_, i) =>
      sum(quarters.map((q) => q.repAttainment.counts[i] ?? 0)),
    );
    return { edges: first.edges, counts };
  };
  const ha = pooled(pair.a);
  const hb = pooled(pair.b);
  return [
    ...(ha ? histogramRows(ha, 'A', pair.a.name) : []),
    ...(hb ? histogramRows(hb, 'B', pair.b.name) : []),
  ];
}

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

function quartersFor(s: StrategySummary, period: Period): QuarterSummary[] {
  return period === 'year' ? s.quarters : s.quarters.slice(period, period + 1);
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
  const rows: HoursRow[] = [];
  for (const [side, s] of [
    ['A', pair.a],
    ['B', pair.b],
  ] as const) {
    const quarters = quartersFor(s, period);
    const capacity = sum(quarters.map((q) => q.hoursCapacity));
    const first = quarters[0];
    if (!first) continue;
    first.segments.forEach((seg, g) => {
      for (const use of uses) {
        if (use === 'idle') continue;
        const hours = sum(quarters.map((q) => q.segments[g]?.hours[use] ?? 0));
        rows.push({
          side,
          name: s.name,
          segment: seg.name,
          use,
          hours,
          share: capacity > 0 ? hours / capacity : 0,
        });
      }
    });
    const idle = sum(quarters.map((q) => q.hoursIdle));
    rows.push({
      side,
      name: s.name,
      segment: 'Team (idle)',
      use: 'idle',
      hours: idle,
      share: capacity > 0 ? idle / capacity : 0,
    });
  }
  return rows;
}

/** One specialist pool's hours under one strategy over a period (means per trial). */
export interface PoolFigures {
  used: number;
  capacity: number;
  /** used / capacity (NaN for a pool of 0 hours). */
  share: number;
  /** Used hours on deals that ended lost or stalled. */
  wasted: number;
}

export interface PoolRow {
  id: string;
  name: string;
  a: PoolFigures;
  b: PoolFigures;
}

function pooledPool(quarters: QuarterSummary[], id: string): PoolFigures {
  const pools = quarters.flatMap((q) => (q.pools ?? []).filter((p) => p.id === id));
  const used = sum(pools.map((p) => p.used));
  const capacity = sum(pools.map((p) => p.capacity));
  return {
    used,
    capacity,
    share: capacity > 0 ? used / capacity : Number.NaN,
    wasted: sum(pools.map((p) => p.wasted)),
  };
}

/** Each specialist pool's use under A and B (summed over the period's quarters). */
export function poolRows(summary: RunSummary, period: Period): PoolRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  const qa = quartersFor(pair.a, period);
  const qb = quartersFor(pair.b, period);
  return (qa[0]?.pools ?? []).map((pool) => ({
    id: pool.id,
    name: pool.name,
    a: pooledPool(qa, pool.id),
    b: pooledPool(qb, pool.id),
  }));
}

export interface SegmentFigures {
  winRate: number;
  cycleWeeks: number;
  discount: number;
  /** Deals pursued and won (mean per trial over the period). */
  pursued: number;
  wins: number;
  bookings: number;
  /** Prospected opportunities that arrived, and rep hours spent prospecting (docs/model.md §14). */
  prospected: number;
  hoursProspecting: number;
}

export interface SegmentRow {
  id: string;
  name: string;
  sweetSpot: boolean;
  a: SegmentFigures;
  b: SegmentFigures;
}

/** Segment figures pooled over the period's quarters (ratios of sums, not means of ratios). */
function pooledSegment(quarters: QuarterSummary[], g: number): SegmentFigures {
  const segs = quarters
    .map((q) => q.segments[g])
    .filter((s): s is SegmentSummary => s !== undefined);
  const wins = sum(segs.map((s) => s.wins));
  const decided = sum(segs.map((s) => s.wins + s.losses + s.stalls));
  const cycleWeighted = sum(segs.map((s) => (s.wins > 0 ? s.cycleWeeksWon * s.wins : 0)));
  const bookings = sum(segs.map((s) => s.bookings));
  const listValue = sum(
    segs.map((s) =>
      Number.isFinite(s.effectiveDiscount) && s.effectiveDiscount < 1
        ? s.bookings / (1 - s.effectiveDiscount)
        : 0,
    ),
  );
  return {
    winRate: decided > 0 ? wins / decided : Number.NaN,
    cycleWeeks: wins > 0 ? cycleWeighted / wins : Number.NaN,
    discount: listValue > 0 ? 1 - bookings / listValue : Number.NaN,
    pursued: sum(segs.map((s) => s.pursued)),
    wins,
    bookings,
    prospected: sum(segs.map((s) => s.prospected ?? 0)),
    hoursProspecting: sum(segs.map((s) => s.hours.prospecting ?? 0)),
  };
}

/** Win rate, cycle length and discount by segment under A and B. */
export function segmentRows(summary: RunSummary, period: Period): SegmentRow[] {
  const pair = pairOf(summary);
  if (!pair) return [];
  const qa = quartersFor(pair.a, period);
  const qb = quartersFor(pair.b, period);
  const first = qa[0];
  if (!first) return [];
  return first.segments.map((seg, g) => ({
    id: seg.id,
    name: seg.name,
    sweetSpot: seg.sweetSpot,
    a: pooledSegment(qa, g),
    b: pooledSegment(qb, g),
  }));
}
