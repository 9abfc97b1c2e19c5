/**
 * Turns engine results (per-trial columns and fixed-point aggregates) into a RunSummary: the
 * distribution of each reported metric per strategy and quarter, the horizon totals, and the
 * paired comparison of the two strategies named in `scenario.compare`.
 */

import {
  ATTAINMENT_BIN_WIDTH,
  ATTAINMENT_BINS,
  type Layout,
  layoutOf,
  type QuarterColumn,
  type SegmentAggregate,
  type SimulationChunk,
  type TeamAggregate,
} from '@sweetspot/engine';
import { describeDifference, quarterWeeks, type Scenario } from '@sweetspot/scenario';
import { attributionOf } from './attribution.ts';
import { ChunkColumns, checkChunkShape, teamQuota as quotaOf, strategyIndex } from './chunk.ts';
import { pairedDiff, scaleDiff } from './diff.ts';
import { histogram } from './histogram.ts';
import { describe, scaleStat, wilson } from './stat.ts';
import type {
  Comparison,
  ComparisonQuarter,
  Histogram,
  HorizonSummary,
  PoolSummary,
  QuarterSummary,
  RunSummary,
  SegmentSummary,
  Stat,
  StrategySummary,
} from './types.ts';
import { waterfallOf } from './waterfall.ts';

/** Bins of the bookings histograms (the nice-edge rule may use a few fewer). */
export const BOOKINGS_HISTOGRAM_BINS = 40;

/**
 * Edges of the rep-attainment histogram: 0, 0.05, …, 3.0 and a nominal 3.05 closing the last,
 * open-ended bin (reps at ≥ 300% of quota).
 */
export const REP_ATTAINMENT_EDGES: readonly number[] = Array.from(
  { length: ATTAINMENT_BINS + 1 },
  (_, i) => Math.round(i * ATTAINMENT_BIN_WIDTH * 1e9) / 1e9,
);

function countAtLeast(values: Float64Array, threshold: number): number {
  let k = 0;
  for (let t = 0; t < values.length; t++) if ((values[t] as number) >= threshold) k++;
  return k;
}

/** Mean per trial of aggregate sums (NaN when there are no trials). */
function perTrial(sum: number, n: number): number {
  return n === 0 ? Number.NaN : sum / n;
}

function ratio(num: number, den: number): number {
  return den === 0 ? Number.NaN : num / den;
}

/**
 * The pools that play (docs/model.md §12: those some segment needs), with each segment's
 * specialist hours of that pool per selling hour.
 */
function playedPools(
  scenario: Scenario,
): { id: string; name: string; hoursPerWeek: number; need: number[] }[] {
  return (scenario.team.specialists ?? [])
    .map((pool) => ({
      id: pool.id,
      name: pool.name,
      hoursPerWeek: pool.hoursPerWeek,
      need: scenario.segments.map((seg) => seg.specialistHoursPerSellingHour?.[pool.id] ?? 0),
    }))
    .filter((pool) => pool.need.some((k) => k > 0));
}

/** Specialist hours (all pools) per selling hour on a deal of each segment (docs/model.md §12). */
function specialistPerHour(scenario: Scenario): number[] {
  const pools = playedPools(scenario);
  return scenario.segments.map((_, g) => pools.reduce((acc, p) => acc + (p.need[g] as number), 0));
}

function poolSummaries(
  scenario: Scenario,
  segments: SegmentSummary[],
  weeks: number,
): PoolSummary[] {
  return playedPools(scenario).map((pool) => {
    let used = 0;
    let wasted = 0;
    segments.forEach((seg, g) => {
      const k = pool.need[g] as number;
      used += k * (seg.hours.won + seg.hours.lost + seg.hours.stalled);
      wasted += k * (seg.hours.lost + seg.hours.stalled);
    });
    return { id: pool.id, name: pool.name, used, wasted, capacity: weeks * pool.hoursPerWeek };
  });
}

function segmentSummaries(
  scenario: Scenario,
  chunk: SimulationChunk,
  layout: Layout,
  s: number,
  q: number,
): SegmentSummary[] {
  const n = chunk.trialCount;
  const perHour = specialistPerHour(scenario);
  return scenario.segments.map((segment, g) => {
    const sum = (m: SegmentAggregate) =>
      layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(s, q, g, m));
    const mean = (m: SegmentAggregate) => perTrial(sum(m), n);
    const wins = sum('wins');
    const k = perHour[g] as number;
    return {
      id: segment.id,
      name: segment.name,
      sweetSpot: segment.sweetSpot,
      arrivals: mean('arrivals'),
      pursued: mean('pursued'),
      unqualified: mean('unqualified'),
      wins: mean('wins'),
      losses: mean('losses'),
      stalls: mean('stalls'),
      winRate: ratio(wins, wins + sum('losses') + sum('stalls')),
      cycleWeeksWon: ratio(sum('cycleWeeksWon'), wins),
      effectiveDiscount:
        sum('listValueWon') === 0 ? Number.NaN : 1 - sum('bookings') / sum('listValueWon'),
      bookings: mean('bookings'),
      listValueWon: mean('listValueWon'),
      costToServe: mean('costToServe'),
      pulledIn: mean('pulledIn'),
      pulledInWins: mean('pulledInWins'),
      lateWeeksDecided: mean('lateWeeksDecided'),
      hours: {
        won: mean('hoursWon'),
        lost: mean('hoursLost'),
        stalled: mean('hoursStalled'),
        qualification: mean('hoursQualification'),
        overhead: mean('hoursOverhead'),
        prospecting: mean('hoursProspecting'),
      },
      prospected: mean('prospected'),
      specialistHours: {
        won: k * mean('hoursWon'),
        lost: k * mean('hoursLost'),
        stalled: k * mean('hoursStalled'),
      },
    };
  });
}

function repAttainment(chunk: SimulationChunk, layout: Layout, s: number, q: number): Histogram {
  const counts: number[] = [];
  for (let b = 0; b < ATTAINMENT_BINS; b++) {
    counts.push(layout.aggregateValue(chunk.aggregates, layout.attainmentBin(s, q, b)));
  }
  return { edges: [...REP_ATTAINMENT_EDGES], counts };
}

/** Common [min, max] of several stats, for histograms meant to be overlaid. */
function commonRange(stats: Stat[]): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const st of stats) {
    if (st.n === 0) continue;
    lo = Math.min(lo, st.min);
    hi = Math.max(hi, st.max);
  }
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : undefined;
}

/**
 * Summarizes a chunk holding all trials of a run of `scenario`: per strategy and quarter the
 * distributions of bookings, margin, attainment (bookings / team quota, team quota = reps ×
 * quota per rep), reps at quota and wasted hours, P(hit quota) with a Wilson interval,
 * histograms (bookings histograms of a quarter, or of the horizon, share their edges across
 * strategies), segment and team figures (means per trial of the aggregates); the horizon totals
 * per trial (and the share of reps at quota averaged over quarters per trial); and the paired
 * comparison A − B of the strategies in `scenario.compare`.
 *
 * Allocates three Float64Arrays of trialCount entries, whatever the number of strategies.
 */
export function summarize(scenario: Scenario, chunk: SimulationChunk): RunSummary {
  checkChunkShape(scenario, chunk);
  const layout = layoutOf(chunk);
  const cols = new ChunkColumns(chunk, layout);
  const n = chunk.trialCount;
  const Q = layout.quarters;
  const reps = scenario.team.reps;
  const teamQuota = quotaOf(scenario);
  const agg = (s: number, q: number, m: TeamAggregate) =>
    layout.aggregateValue(chunk.aggregates, layout.teamAggregate(s, q, m));

  // The only O(trials) allocations: a sort buffer and two per-trial sum buffers.
  const scratch = new Float64Array(n);
  const bufA = new Float64Array(n);
  const bufB = new Float64Array(n);

  const quarterSummaries: QuarterSummary[][] = scenario.strategies.map(() => []);
  for (let q = 0; q < Q; q++) {
    const bookingStats: Stat[] = [];
    scenario.strategies.forEach((_, s) => {
      const bookings = cols.quarter(s, q, 'bookings');
      const bookingsStat = describe(bookings, scratch);
      bookingStats.push(bookingsStat);
      const hits = countAtLeast(bookings, teamQuota);
      const repsAtQuota = describe(cols.quarter(s, q, 'repsAtQuota'), scratch);
      const segments = segmentSummaries(scenario, chunk, layout, s, q);
      let discountGiven = 0;
      let pulledIn = 0;
      for (let g = 0; g < layout.segments; g++) {
        const sum = (m: SegmentAggregate) =>
          layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(s, q, g, m));
        discountGiven += sum('listValueWon') - sum('bookings');
        pulledIn += sum('pulledIn');
      }
      quarterSummaries[s]?.push({
        bookings: bookingsStat,
        margin: describe(cols.quarter(s, q, 'margin'), scratch),
        attainment: scaleStat(bookingsStat, 1 / teamQuota),
        pHitQuota: n === 0 ? Number.NaN : hits / n,
        pHitQuotaCi95: wilson(hits, n),
        repsAtQuota,
        shareOfRepsAtQuota: scaleStat(repsAtQuota, 1 / reps),
        hoursWasted: describe(cols.quarter(s, q, 'hoursWasted'), scratch),
        costOfSale: describe(cols.quarter(s, q, 'costOfSale'), scratch),
        contribution: describe(cols.quarter(s, q, 'contribution'), scratch),
        specialistHoursWasted: describe(cols.quarter(s, q, 'specialistHoursWasted'), scratch),
        pools: poolSummaries(scenario, segments, quarterWeeks(scenario, q)),
        hoursProspecting: segments.reduce((acc, g) => acc + g.hours.prospecting, 0),
        prospected: segments.reduce((acc, g) => acc + g.prospected, 0),
        bookingsHistogram: { edges: [], counts: [] }, // filled below, on common edges
        repAttainment: repAttainment(chunk, layout, s, q),
        segments,
        hoursIdle: perTrial(agg(s, q, 'hoursIdle'), n),
        hoursCapacity: perTrial(agg(s, q, 'hoursCapacity'), n),
        pushRepWeeks: perTrial(agg(s, q, 'pushRepWeeks'), n),
        discountGiven: perTrial(discountGiven, n),
        pulledIn: perTrial(pulledIn, n),
        openDealsAtEnd: perTrial(agg(s, q, 'openDealsAtEnd'), n),
      });
    });
    const range = commonRange(bookingStats);
    scenario.strategies.forEach((_, s) => {
      const summary = quarterSummaries[s]?.[q];
      if (summary) {
        summary.bookingsHistogram = histogram(
          cols.quarter(s, q, 'bookings'),
          BOOKINGS_HISTOGRAM_BINS,
          range,
        );
      }
    });
  }

  const strategies: Record<string, StrategySummary> = {};
  scenario.strategies.forEach((strategy, s) => {
    strategies[strategy.id] = {
      id: strategy.id,
      name: strategy.name,
      quarters: quarterSummaries[s] ?? [],
      horizon: horizonSummary(cols, s, n, Q, teamQuota, reps, scratch, bufA),
    };
  });
  // Horizon bookings histograms on the common range of every strategy, like the quarters'.
  const horizons = scenario.strategies.map((st) => (strategies[st.id] as StrategySummary).horizon);
  const horizonRange = commonRange(horizons.map((h) => h.bookings));
  horizons.forEach((h, s) => {
    h.bookingsHistogram = histogram(
      cols.sumOverQuarters(s, 'bookings', bufA),
      BOOKINGS_HISTOGRAM_BINS,
      horizonRange,
    );
  });

  return {
    scenario: scenario.name,
    seed: scenario.seed,
    trials: n,
    currency: scenario.currency,
    strategies,
    strategyOrder: scenario.strategies.map((s) => s.id),
    comparison: compare(scenario, chunk, cols, Q, teamQuota, scratch, bufA, bufB),
  };
}

function horizonSummary(
  cols: ChunkColumns,
  s: number,
  n: number,
  Q: number,
  teamQuota: number,
  reps: number,
  scratch: Float64Array,
  buf: Float64Array,
): HorizonSummary {
  // One pass over trials: horizon bookings, the CV of quarterly bookings, every-quarter hits.
  const quarters = Array.from({ length: Q }, (_, q) => cols.quarter(s, q, 'bookings'));
  let cvSum = 0;
  let everyQuarter = 0;
  for (let t = 0; t < n; t++) {
    let sum = 0;
    let allHit = true;
    for (let q = 0; q < Q; q++) {
      const v = (quarters[q] as Float64Array)[t] as number;
      sum += v;
      if (v < teamQuota) allHit = false;
    }
    buf[t] = sum;
    if (allHit) everyQuarter++;
    if (Q > 1 && sum !== 0) {
      const mean = sum / Q;
      let ss = 0;
      for (let q = 0; q < Q; q++) {
        const d = ((quarters[q] as Float64Array)[t] as number) - mean;
        ss += d * d;
      }
      cvSum += Math.sqrt(ss / (Q - 1)) / Math.abs(mean);
    }
  }
  const horizonHits = countAtLeast(buf, Q * teamQuota);
  const bookings = describe(buf, scratch);
  const year = (
    metric: 'margin' | 'costOfSale' | 'contribution' | 'hoursWasted' | 'specialistHoursWasted',
  ) => describe(cols.sumOverQuarters(s, metric, buf), scratch);
  const repsAtQuota = describe(cols.sumOverQuarters(s, 'repsAtQuota', buf), scratch);
  return {
    bookings,
    bookingsHistogram: { edges: [], counts: [] }, // filled by summarize, on common edges
    margin: year('margin'),
    costOfSale: year('costOfSale'),
    contribution: year('contribution'),
    hoursWasted: year('hoursWasted'),
    specialistHoursWasted: year('specialistHoursWasted'),
    shareOfRepsAtQuota: Q === 0 ? repsAtQuota : scaleStat(repsAtQuota, 1 / (Q * reps)),
    retainedRecurringRevenue: describe(cols.retained(s), scratch),
    pHitQuota: n === 0 ? Number.NaN : horizonHits / n,
    pHitQuotaCi95: wilson(horizonHits, n),
    quarterlyBookingsCv: n === 0 ? Number.NaN : cvSum / n,
    pHitQuotaEveryQuarter: n === 0 ? Number.NaN : everyQuarter / n,
  };
}

function compare(
  scenario: Scenario,
  chunk: SimulationChunk,
  cols: ChunkColumns,
  Q: number,
  teamQuota: number,
  scratch: Float64Array,
  bufA: Float64Array,
  bufB: Float64Array,
): Comparison {
  const [aId, bId] = scenario.compare;
  const a = strategyIndex(scenario, aId);
  const b = strategyIndex(scenario, bId);
  const quarters: ComparisonQuarter[] = [];
  const quarterDiff = (q: number, metric: QuarterColumn) =>
    pairedDiff(cols.quarter(a, q, metric), cols.quarter(b, q, metric), scratch);
  for (let q = 0; q < Q; q++) {
    const margin = quarterDiff(q, 'margin');
    const contribution = quarterDiff(q, 'contribution');
    const costOfSale = quarterDiff(q, 'costOfSale');
    const hoursWasted = quarterDiff(q, 'hoursWasted');
    const specialistHoursWasted = quarterDiff(q, 'specialistHoursWasted');
    // Last, so that scratch still holds the sorted bookings differences for the histogram.
    const bookings = quarterDiff(q, 'bookings');
    quarters.push({
      waterfall: waterfallOf(chunk, [q]),
      attribution: {
        bookings: attributionOf(scenario, chunk, 'bookings', [q], bookings, bufA),
        margin: attributionOf(scenario, chunk, 'margin', [q], margin, bufA),
        contribution: attributionOf(scenario, chunk, 'contribution', [q], contribution, bufA),
      },
      bookings,
      margin,
      costOfSale,
      contribution,
      attainment: scaleDiff(bookings, 1 / teamQuota),
      hoursWasted,
      specialistHoursWasted,
      bookingsDiffHistogram: histogram(
        scratch.subarray(0, cols.trialCount),
        BOOKINGS_HISTOGRAM_BINS,
      ),
    });
  }
  const yearDiff = (metric: QuarterColumn) =>
    pairedDiff(
      cols.sumOverQuarters(a, metric, bufA),
      cols.sumOverQuarters(b, metric, bufB),
      scratch,
    );
  const margin = yearDiff('margin');
  const contribution = yearDiff('contribution');
  const costOfSale = yearDiff('costOfSale');
  const hoursWasted = yearDiff('hoursWasted');
  const specialistHoursWasted = yearDiff('specialistHoursWasted');
  const retainedRecurringRevenue = pairedDiff(cols.retained(a), cols.retained(b), scratch);
  // Last, so that scratch still holds the sorted bookings differences for the histogram.
  const bookings = yearDiff('bookings');
  const all = Array.from({ length: Q }, (_, q) => q);
  return {
    a: aId,
    b: bId,
    difference: describeDifference(scenario),
    quarters,
    horizon: {
      waterfall: waterfallOf(chunk, all),
      attribution: {
        bookings: attributionOf(scenario, chunk, 'bookings', all, bookings, bufA),
        margin: attributionOf(scenario, chunk, 'margin', all, margin, bufA),
        contribution: attributionOf(scenario, chunk, 'contribution', all, contribution, bufA),
      },
      bookings,
      margin,
      costOfSale,
      contribution,
      hoursWasted,
      specialistHoursWasted,
      retainedRecurringRevenue,
      bookingsDiffHistogram: histogram(
        scratch.subarray(0, cols.trialCount),
        BOOKINGS_HISTOGRAM_BINS,
      ),
    },
  };
}
