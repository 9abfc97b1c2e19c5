/**
 * The shape of engine results: flat Float64Arrays indexed by a Layout, so that a chunk of trials
 * crosses threads as a couple of transferable buffers and merging is a memcpy plus an add.
 *
 * - `columns`: per-trial values, only for metrics whose distribution we report.
 *   Index: ((strategy · columnsPerStrategy) + column) · trialCount + trialOffset. After the
 *   strategies' columns come the attribution columns (one per rule group, quarter and metric,
 *   docs/model.md §11), when the compared strategies differ in two or more rule groups.
 * - `aggregates`: sums over trials for everything else, kept as whole numbers in fixed-point
 *   units (see AGGREGATE_SCALE) so that adding chunks is exact and associative: the merged sums
 *   are bit-identical however the trials were split into chunks.
 */

import { attributionGroups, type Scenario } from '@sweetspot/scenario';

/** Per-trial metrics recorded for every strategy and reported quarter. */
export const QUARTER_COLUMNS = [
  'bookings',
  'margin',
  'repsAtQuota',
  'hoursWasted',
  /** Hours worked × their loaded rates (docs/model.md §13). */
  'costOfSale',
  /** Gross margin − cost of sale. */
  'contribution',
  /** Specialist hours spent on deals that ended lost or stalled (§12). */
  'specialistHoursWasted',
] as const;
export type QuarterColumn = (typeof QUARTER_COLUMNS)[number];

/** Per-trial metrics recorded for every strategy over the whole horizon. */
export const HORIZON_COLUMNS = ['retainedRecurringRevenue'] as const;
export type HorizonColumn = (typeof HORIZON_COLUMNS)[number];

/** Sums over trials, per strategy, reported quarter and segment. */
export const SEGMENT_AGGREGATES = [
  'arrivals',
  'pursued',
  'unqualified',
  'wins',
  'losses',
  'stalls',
  'listValueWon',
  'bookings',
  'costToServe',
  'cycleWeeksWon',
  'lateWeeksDecided',
  'pulledIn',
  'pulledInWins',
  'hoursWon',
  'hoursLost',
  'hoursStalled',
  'hoursQualification',
  'hoursOverhead',
  /** Opportunities prospected by the reps that arrived (also counted in `arrivals`, §14). */
  'prospected',
  /** Rep hours spent prospecting the segment (§14). */
  'hoursProspecting',
] as const;
export type SegmentAggregate = (typeof SEGMENT_AGGREGATES)[number];

/** Sums over trials, per strategy and reported quarter, for the team as a whole. */
export const TEAM_AGGREGATES = [
  'hoursIdle',
  'hoursCapacity',
  'pushRepWeeks',
  'openDealsAtEnd',
] as const;
export type TeamAggregate = (typeof TEAM_AGGREGATES)[number];

/**
 * Parts of the exact A − B decomposition (docs/model.md §10), per reported quarter, summed over
 * trials: mechanisms at list value, then discounts given, cost to serve and cost of sale (all
 * three as −(A − B)): the parts add up to the gap in contribution.
 */
export const WATERFALL_PARTS = [
  'sweetSpotNeglect',
  'sweetSpotNeverWorked',
  'prospectedWins',
  'outOfProfileWins',
  'pullInOdds',
  'stillOpen',
  'timing',
  'discountGiven',
  'costToServe',
  'costOfSale',
] as const;
export type WaterfallPartName = (typeof WATERFALL_PARTS)[number];

/** Metrics whose A − B gap is split among rule groups, per trial (docs/model.md §11). */
export const ATTRIBUTION_METRICS = ['bookings', 'margin', 'contribution'] as const;
export type AttributionMetric = (typeof ATTRIBUTION_METRICS)[number];

/** Rep attainment histogram: bins of 5% of quota from 0 to 300%, the last bin holds ≥ 300%. */
export const ATTAINMENT_BIN_WIDTH = 0.05;
export const ATTAINMENT_BINS = 61;

const MONEY = new Set<string>(['listValueWon', 'bookings', 'costToServe']);
// (`prospected` is a count; `hoursProspecting` is hours, by its name.)
const HOURS = (name: string) => name.startsWith('hours');

/**
 * Fixed-point scale of each aggregate: a trial's contribution is rounded to 1/scale before it
 * is added. Money is kept in whole currency units, hours in sixteenths, counts exactly.
 */
export function aggregateScale(name: SegmentAggregate | TeamAggregate): number {
  if (MONEY.has(name)) return 1;
  if (HOURS(name)) return 16;
  return 1;
}

const SEGMENT_INDEX = new Map<string, number>(SEGMENT_AGGREGATES.map((n, i) => [n, i]));
const TEAM_INDEX = new Map<string, number>(TEAM_AGGREGATES.map((n, i) => [n, i]));

/** Offsets into result buffers for a given number of strategies, quarters and segments. */
export class Layout {
  readonly strategies: number;
  readonly quarters: number;
  readonly segments: number;
  readonly columnsPerStrategy: number;
  /** Rule groups the A − B gap is split among (0: no attribution columns). */
  readonly groups: number;
  /** Per-trial columns in all: every strategy's, then the attribution columns. */
  readonly totalColumns: number;
  /** Aggregate cells for one strategy and quarter: segments, then team, then histogram. */
  readonly aggregatesPerQuarter: number;
  readonly aggregatesPerStrategy: number;
  /** Start of the waterfall block (after every strategy's aggregates). */
  readonly waterfallOffset: number;
  readonly aggregateLength: number;
  /** Scale of each aggregate cell within one quarter block (see aggregateScale). */
  readonly quarterScales: Float64Array;

  constructor(strategies: number, quarters: number, segments: number, groups = 0) {
    this.strategies = strategies;
    this.quarters = quarters;
    this.segments = segments;
    this.groups = groups;
    this.columnsPerStrategy = quarters * QUARTER_COLUMNS.length + HORIZON_COLUMNS.length;
    this.totalColumns =
      strategies * this.columnsPerStrategy + groups * quarters * ATTRIBUTION_METRICS.length;
    this.aggregatesPerQuarter =
      segments * SEGMENT_AGGREGATES.length + TEAM_AGGREGATES.length + ATTAINMENT_BINS;
    this.aggregatesPerStrategy = quarters * this.aggregatesPerQuarter;
    this.waterfallOffset = strategies * this.aggregatesPerStrategy;
    this.aggregateLength = this.waterfallOffset + quarters * WATERFALL_PARTS.length;
    this.quarterScales = new Float64Array(this.aggregatesPerQuarter).fill(1);
    for (let s = 0; s < segments; s++) {
      SEGMENT_AGGREGATES.forEach((name, m) => {
        this.quarterScales[s * SEGMENT_AGGREGATES.length + m] = aggregateScale(name);
      });
    }
    TEAM_AGGREGATES.forEach((name, m) => {
      this.quarterScales[segments * SEGMENT_AGGREGATES.length + m] = aggregateScale(name);
    });
  }

  /** Column number (within a strategy) of a quarter metric. */
  quarterColumn(quarter: number, metric: QuarterColumn): number {
    return quarter * QUARTER_COLUMNS.length + QUARTER_COLUMNS.indexOf(metric);
  }

  /** Column number (within a strategy) of a horizon metric. */
  horizonColumn(metric: HorizonColumn): number {
    return this.quarters * QUARTER_COLUMNS.length + HORIZON_COLUMNS.indexOf(metric);
  }

  /** Start of a column's trials in `columns`, for a buffer holding `trialCount` trials. */
  columnOffset(strategy: number, column: number, trialCount: number): number {
    return (strategy * this.columnsPerStrategy + column) * trialCount;
  }

  /**
   * Start of an attribution column's trials in `columns`: rule group `group`'s share of A − B
   * in `metric` and `quarter`, per trial, in whole currency units (docs/model.md §11).
   */
  attributionOffset(
    group: number,
    quarter: number,
    metric: AttributionMetric,
    trialCount: number,
  ): number {
    const k =
      (group * this.quarters + quarter) * ATTRIBUTION_METRICS.length +
      ATTRIBUTION_METRICS.indexOf(metric);
    return (this.strategies * this.columnsPerStrategy + k) * trialCount;
  }

  /** Index of a per-segment aggregate in `aggregates`. */
  segmentAggregate(
    strategy: number,
    quarter: number,
    segment: number,
    metric: SegmentAggregate,
  ): number {
    const m = SEGMENT_INDEX.get(metric) ?? 0;
    return (
      strategy * this.aggregatesPerStrategy +
      quarter * this.aggregatesPerQuarter +
      segment * SEGMENT_AGGREGATES.length +
      m
    );
  }

  /** Index of a team aggregate in `aggregates`. */
  teamAggregate(strategy: number, quarter: number, metric: TeamAggregate): number {
    const m = TEAM_INDEX.get(metric) ?? 0;
    return (
      strategy * this.aggregatesPerStrategy +
      quarter * this.aggregatesPerQuarter +
      this.segments * SEGMENT_AGGREGATES.length +
      m
    );
  }

  /** Index of a rep-attainment histogram bin in `aggregates`. */
  attainmentBin(strategy: number, quarter: number, bin: number): number {
    return (
      strategy * this.aggregatesPerStrategy +
      quarter * this.aggregatesPerQuarter +
      this.segments * SEGMENT_AGGREGATES.length +
      TEAM_AGGREGATES.length +
      bin
    );
  }

  /** Index of a waterfall part (A − B, whole currency units summed over trials). */
  waterfallPart(quarter: number, part: WaterfallPartName): number {
    return this.waterfallOffset + quarter * WATERFALL_PARTS.length + WATERFALL_PARTS.indexOf(part);
  }

  /** Real value of an aggregate cell (undoes the fixed-point scale). */
  aggregateValue(aggregates: Float64Array, index: number): number {
    if (index >= this.waterfallOffset) return aggregates[index] ?? 0;
    const scale = this.quarterScales[index % this.aggregatesPerQuarter] ?? 1;
    return (aggregates[index] ?? 0) / scale;
  }

  /** Bytes of per-trial columns per trial (all strategies). */
  get bytesPerTrial(): number {
    return this.totalColumns * Float64Array.BYTES_PER_ELEMENT;
  }
}

/** Results for a contiguous range of trials [trialStart, trialStart + trialCount). */
export interface SimulationChunk {
  trialStart: number;
  trialCount: number;
  strategies: number;
  quarters: number;
  segments: number;
  /** Rule groups of the attribution columns (absent in chunks written before they existed: 0). */
  groups?: number;
  columns: Float64Array;
  aggregates: Float64Array;
}

/** The layout of a validated scenario's results (attribution columns included when needed). */
export function layoutFor(scenario: Scenario): Layout {
  return new Layout(
    scenario.strategies.length,
    scenario.horizon.quarters,
    scenario.segments.length,
    attributionGroups(scenario).length,
  );
}

/** Allocates an empty chunk for a layout. */
export function createChunk(
  layout: Layout,
  trialStart: number,
  trialCount: number,
): SimulationChunk {
  return {
    trialStart,
    trialCount,
    strategies: layout.strategies,
    quarters: layout.quarters,
    segments: layout.segments,
    groups: layout.groups,
    columns: new Float64Array(layout.totalColumns * trialCount),
    aggregates: new Float64Array(layout.aggregateLength),
  };
}

/** The layout a chunk was written with. */
export function layoutOf(
  chunk: Pick<SimulationChunk, 'strategies' | 'quarters' | 'segments' | 'groups'>,
): Layout {
  return new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
}

/**
 * Copies `count` trials of every per-trial column from `from` (starting at its trial offset
 * `fromOffset`) into `to` (at `toOffset`); both chunks have `layout`.
 */
export function copyTrials(
  layout: Layout,
  from: SimulationChunk,
  fromOffset: number,
  to: SimulationChunk,
  toOffset: number,
  count: number,
): void {
  for (let c = 0; c < layout.totalColumns; c++) {
    const src = c * from.trialCount + fromOffset;
    to.columns.set(from.columns.subarray(src, src + count), c * to.trialCount + toOffset);
  }
}

/**
 * Copies `part` into `whole` (which must start at or before it and be large enough) and adds its
 * aggregates. Exact: aggregates are whole numbers, so the order of merging does not matter.
 */
export function mergeChunkInto(whole: SimulationChunk, part: SimulationChunk): void {
  const layout = layoutOf(whole);
  const offset = part.trialStart - whole.trialStart;
  if ((part.groups ?? 0) !== layout.groups) {
    throw new RangeError(
      `chunk with ${part.groups ?? 0} attribution groups cannot be merged into one with ${layout.groups}`,
    );
  }
  if (offset < 0 || offset + part.trialCount > whole.trialCount) {
    throw new RangeError(
      `chunk [${part.trialStart}, ${part.trialStart + part.trialCount}) does not fit in [${whole.trialStart}, ${whole.trialStart + whole.trialCount})`,
    );
  }
  copyTrials(layout, part, 0, whole, offset, part.trialCount);
  for (let i = 0; i < whole.aggregates.length; i++) {
    whole.aggregates[i] = (whole.aggregates[i] ?? 0) + (part.aggregates[i] ?? 0);
  }
}

/** A view of one strategy's column (no copy). */
export function column(chunk: SimulationChunk, strategy: number, col: number): Float64Array {
  const layout = layoutOf(chunk);
  const start = layout.columnOffset(strategy, col, chunk.trialCount);
  return chunk.columns.subarray(start, start + chunk.trialCount);
}
