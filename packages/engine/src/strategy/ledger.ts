import type { CompiledScenario, CompiledStrategy } from '../compile.ts';
import {
  ATTAINMENT_BIN_WIDTH,
  ATTAINMENT_BINS,
  type Layout,
  SEGMENT_AGGREGATES,
  type SegmentAggregate,
  TEAM_AGGREGATES,
  type TeamAggregate,
} from '../layout.ts';
import type { World } from '../world.ts';
import { add, numbers } from './arrays.ts';
import type { DealTable } from './deal-table.ts';

const SEG = SEGMENT_AGGREGATES.length;
const seg = (name: SegmentAggregate) => SEGMENT_AGGREGATES.indexOf(name);
const team = (name: TeamAggregate) => TEAM_AGGREGATES.indexOf(name);

const A_ARRIVALS = seg('arrivals');
const A_PURSUED = seg('pursued');
const A_UNQUALIFIED = seg('unqualified');
const A_WINS = seg('wins');
const A_LOSSES = seg('losses');
const A_STALLS = seg('stalls');
const A_LIST_WON = seg('listValueWon');
const A_BOOKINGS = seg('bookings');
const A_COST = seg('costToServe');
const A_CYCLE_WON = seg('cycleWeeksWon');
const A_LATE = seg('lateWeeksDecided');
const A_PULLED = seg('pulledIn');
const A_PULLED_WINS = seg('pulledInWins');
const A_H_WON = seg('hoursWon');
const A_H_LOST = seg('hoursLost');
const A_H_STALLED = seg('hoursStalled');
const A_H_QUAL = seg('hoursQualification');
const A_H_OVERHEAD = seg('hoursOverhead');
const A_PROSPECTED = seg('prospected');
const A_H_PROSPECTING = seg('hoursProspecting');
const T_IDLE = team('hoursIdle');
const T_CAPACITY = team('hoursCapacity');
const T_PUSH = team('pushRepWeeks');
const T_OPEN_END = team('openDealsAtEnd');

/** How a deal ended, for filing its hours (docs/model.md §6). */
export const FATE_WON = 0;
export const FATE_LOST = 1;
export const FATE_STALLED = 2;

/** Per-trial results of one strategy, before they are written to the chunk. */
export interface TrialOutcome {
  bookings: Float64Array;
  margin: Float64Array;
  repsAtQuota: Float64Array;
  hoursWasted: Float64Array;
  /** Cost of sale, contribution and wasted specialist hours by quarter (docs/model.md §12, §13). */
  costOfSale: Float64Array;
  contribution: Float64Array;
  specialistHoursWasted: Float64Array;
  retained: number;
  /** Aggregates of this strategy and trial, real units, layout of one strategy block. */
  aggregates: number[];
}

/**
 * The accounting of hours and money (docs/model.md §6, §8, §9): every reported figure of one
 * strategy in one trial is added here, in quarter qIdx (0 … quarters − 1; callers add only
 * within reported quarters).
 */
export class Ledger {
  readonly outcome: TrialOutcome;
  private readonly c: CompiledScenario;
  private readonly perQuarter: number;
  private readonly teamBase: number;
  private readonly histBase: number;
  private readonly table: DealTable;

  constructor(c: CompiledScenario, layout: Layout, table: DealTable) {
    this.c = c;
    this.table = table;
    this.perQuarter = layout.aggregatesPerQuarter;
    this.teamBase = c.segments * SEG;
    this.histBase = this.teamBase + TEAM_AGGREGATES.length;
    this.outcome = {
      bookings: new Float64Array(c.quarters),
      margin: new Float64Array(c.quarters),
      repsAtQuota: new Float64Array(c.quarters),
      hoursWasted: new Float64Array(c.quarters),
      costOfSale: new Float64Array(c.quarters),
      contribution: new Float64Array(c.quarters),
      specialistHoursWasted: new Float64Array(c.quarters),
      retained: 0,
      aggregates: numbers(layout.aggregatesPerStrategy),
    };
  }

  /** Clears the figures for a new trial. */
  reset(): void {
    const out = this.outcome;
    out.bookings.fill(0);
    out.margin.fill(0);
    out.repsAtQuota.fill(0);
    out.hoursWasted.fill(0);
    out.costOfSale.fill(0);
    out.contribution.fill(0);
    out.specialistHoursWasted.fill(0);
    out.aggregates.fill(0);
    out.retained = 0;
  }

  private cell(qIdx: number, s: number, aggregate: number): number {
    return qIdx * this.perQuarter + s * SEG + aggregate;
  }

  private teamCell(qIdx: number, aggregate: number): number {
    return qIdx * this.perQuarter + this.teamBase + aggregate;
  }

  /** An arrival of segment s found its rep without the hours to qualify it. */
  unqualified(qIdx: number, s: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_UNQUALIFIED), 1);
  }

  /** A deal of segment s was pursued (counted here only for strategies with a push; see tally). */
  pursued(qIdx: number, s: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_PURSUED), 1);
  }

  /** Overhead hours of a week, `share` per open deal, filed by the segments of the open deals. */
  overhead(qIdx: number, share: number, openBySegment: number[]): void {
    for (let s = 0; s < this.c.segments; s++) {
      add(
        this.outcome.aggregates,
        this.cell(qIdx, s, A_H_OVERHEAD),
        share * (openBySegment[s] as number),
      );
    }
  }

  /** A rep-week of pushing, with its capacity (for strategies with a push; see tally). */
  pushWeek(qIdx: number): void {
    add(this.outcome.aggregates, this.teamCell(qIdx, T_PUSH), 1);
  }

  /** A rep-week's capacity, for strategies with a push (others: tally). */
  capacity(qIdx: number, hours: number): void {
    add(this.outcome.aggregates, this.teamCell(qIdx, T_CAPACITY), hours);
  }

  /** A deal of segment s was pulled in. */
  pulledIn(qIdx: number, s: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_PULLED), 1);
  }

  /** A deal of segment s was decided `late` weeks after its natural cycle. */
  decidedLate(qIdx: number, s: number, late: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_LATE), late);
  }

  /** A deal of segment s was lost. */
  lost(qIdx: number, s: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_LOSSES), 1);
  }

  /** A deal of segment s stalled. */
  stalled(qIdx: number, s: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_STALLS), 1);
  }

  /**
   * A deal of segment s was won at `age` weeks, list value `list`, booked `value`, costing
   * `cost` to serve; `retained` when it is still a customer at the end (docs/model.md §8).
   */
  won(
    qIdx: number,
    s: number,
    list: number,
    value: number,
    cost: number,
    age: number,
    pulledIn: boolean,
    retained: boolean,
  ): void {
    const agg = this.outcome.aggregates;
    const base = this.cell(qIdx, s, 0);
    add(agg, base + A_WINS, 1);
    add(agg, base + A_LIST_WON, list);
    add(agg, base + A_BOOKINGS, value);
    add(agg, base + A_COST, cost);
    add(agg, base + A_CYCLE_WON, age);
    if (pulledIn) add(agg, base + A_PULLED_WINS, 1);
    if (retained) this.outcome.retained += value;
  }

  /** A prospected opportunity of segment s arrived (it also counts as an arrival, §14). */
  prospectedArrival(qIdx: number, s: number): void {
    const cell = this.cell(qIdx, s, 0);
    add(this.outcome.aggregates, cell + A_PROSPECTED, 1);
    add(this.outcome.aggregates, cell + A_ARRIVALS, 1);
  }

  /** A rep spent `hours` prospecting segment s (§14). */
  prospecting(qIdx: number, s: number, hours: number): void {
    add(this.outcome.aggregates, this.cell(qIdx, s, A_H_PROSPECTING), hours);
  }

  /** Hours a rep left idle in a week. */
  idle(qIdx: number, hours: number): void {
    add(this.outcome.aggregates, this.teamCell(qIdx, T_IDLE), hours);
  }

  /**
   * Keeps deal d's hours of the current quarter (its QUARTER_HOURS) as its hours in quarter qIdx,
   * when the quarter closes or the deal ends.
   */
  keepQuarterHours(d: number, qIdx: number): void {
    const QUARTER_HOURS = 3;
    this.table.hoursByQuarter[d * this.c.quarters + qIdx] = this.table.deal[
      (d << 3) | QUARTER_HOURS
    ] as number;
  }

  /** Forgets deal d's hours by quarter, when it is pursued. */
  clearHours(d: number): void {
    const Q = this.c.quarters;
    const h = this.table.hoursByQuarter;
    for (let i = d * Q; i < d * Q + Q; i++) h[i] = 0;
  }

  /** Files an ended deal's hours, quarter by quarter, under its fate (docs/model.md §6). */
  fileHours(d: number, s: number, fate: number): void {
    const Q = this.c.quarters;
    const agg = this.outcome.aggregates;
    const slot = fate === FATE_WON ? A_H_WON : fate === FATE_LOST ? A_H_LOST : A_H_STALLED;
    const wasted = fate === FATE_LOST || fate === FATE_STALLED;
    const hoursByQuarter = this.table.hoursByQuarter;
    for (let q = 0; q < Q; q++) {
      const h = hoursByQuarter[d * Q + q] as number;
      if (h === 0) continue;
      add(agg, this.cell(q, s, slot), h);
      if (wasted) this.outcome.hoursWasted[q] = (this.outcome.hoursWasted[q] as number) + h;
    }
  }

  /** A rep's quarter closes with `booked` and `margin`, and `open` deals still open. */
  closeQuarter(qIdx: number, booked: number, margin: number, open: number): void {
    const c = this.c;
    const out = this.outcome;
    out.bookings[qIdx] = (out.bookings[qIdx] as number) + booked;
    out.margin[qIdx] = (out.margin[qIdx] as number) + margin;
    if (booked >= c.quota) out.repsAtQuota[qIdx] = (out.repsAtQuota[qIdx] as number) + 1;
    const bin = Math.min(ATTAINMENT_BINS - 1, Math.floor(booked / c.quota / ATTAINMENT_BIN_WIDTH));
    add(out.aggregates, qIdx * this.perQuarter + this.histBase + bin, 1);
    add(out.aggregates, this.teamCell(qIdx, T_OPEN_END), open);
  }

  /**
   * The figures that are simplest counted for the whole team once the reps have played:
   * arrivals and qualification hours by quarter and segment, and, for a strategy without a
   * quarter-end push (so with the same hours and the same `pursue` every week), capacity and
   * pursued deals. Every qualified arrival (all but those counted as unqualified) cost its
   * segment's qualification hours, and every rep-week has the same capacity: such equal amounts
   * are added one by one, as the reps' weeks would add them, so the sums are the same to the bit.
   */
  tally(world: World, st: CompiledStrategy): void {
    const c = this.c;
    const agg = this.outcome.aggregates;
    const S = c.segments;
    const K = c.weeksPerQuarter;
    for (let qIdx = 0; qIdx < c.quarters; qIdx++) {
      const firstWeek = c.warmupWeeks + qIdx * K;
      // A start from today (docs/model.md §16) plays only the weeks from its start on.
      const from = Math.max(firstWeek, 0);
      for (let s = 0; s < S; s++) {
        let arrived = 0;
        for (let w = from; w < firstWeek + K; w++) {
          arrived += world.arrivals[w * S + s] as number;
        }
        const cell = this.cell(qIdx, s, 0);
        add(agg, cell + A_ARRIVALS, arrived);
        // (Prospected arrivals were counted as they came.)
        const qualified =
          (agg[cell + A_ARRIVALS] as number) - (agg[cell + A_UNQUALIFIED] as number);
        const q = c.qualification[s] as number;
        let hours = agg[cell + A_H_QUAL] as number;
        for (let i = 0; i < qualified; i++) hours += q;
        agg[cell + A_H_QUAL] = hours;
        if (!st.hasPush && st.pursue[s] === 1) add(agg, cell + A_PURSUED, qualified);
      }
      if (!st.hasPush) {
        const at = this.teamCell(qIdx, T_CAPACITY);
        let capacity = agg[at] as number;
        for (let i = 0; i < c.reps * (firstWeek + K - from); i++) capacity += c.hours;
        agg[at] = capacity;
      }
      this.costQuarter(qIdx);
    }
  }

  /**
   * Quarter qIdx's cost of sale, contribution and wasted specialist hours (docs/model.md §12,
   * §13): every rep hour worked (capacity − idle: qualification, overhead, deals and prospecting)
   * at the rep rate, plus the specialist hours each deal hour drew, at their pools' rates.
   */
  private costQuarter(qIdx: number): void {
    const c = this.c;
    const agg = this.outcome.aggregates;
    const worked =
      (agg[this.teamCell(qIdx, T_CAPACITY)] as number) -
      (agg[this.teamCell(qIdx, T_IDLE)] as number);
    let cost = c.costPerSellingHour * worked;
    let wasted = 0;
    if (c.pools > 0) {
      for (let s = 0; s < c.segments; s++) {
        const cell = this.cell(qIdx, s, 0);
        const lost = (agg[cell + A_H_LOST] as number) + (agg[cell + A_H_STALLED] as number);
        const dealHours = (agg[cell + A_H_WON] as number) + lost;
        cost += (c.specialistCostPerHour[s] as number) * dealHours;
        wasted += (c.specialistPerHour[s] as number) * lost;
      }
    }
    const out = this.outcome;
    out.costOfSale[qIdx] = cost;
    out.contribution[qIdx] = (out.margin[qIdx] as number) - cost;
    out.specialistHoursWasted[qIdx] = wasted;
  }
}
