import type { CompiledScenario, CompiledStrategy } from './compile.ts';
import {
  ATTAINMENT_BIN_WIDTH,
  ATTAINMENT_BINS,
  type Layout,
  SEGMENT_AGGREGATES,
  type SegmentAggregate,
  TEAM_AGGREGATES,
  type TeamAggregate,
} from './layout.ts';
import type { World } from './world.ts';

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
const A_H_OPEN = seg('hoursOpen');
const A_H_QUAL = seg('hoursQualification');
const A_H_OVERHEAD = seg('hoursOverhead');
const T_IDLE = team('hoursIdle');
const T_CAPACITY = team('hoursCapacity');
const T_PUSH = team('pushRepWeeks');
const T_OPEN_END = team('openDealsAtEnd');

/** A deal is done when its progress reaches its effort within this relative tolerance. */
const DONE_TOLERANCE = 1e-9;
/** A deal is starved in a week when it gets less than this share of the hours it asked for. */
export const STARVED_SHARE = 0.5;

/** arr[i] += v, spelled so that noUncheckedIndexedAccess stays on; V8 inlines it. */
function add(arr: Float64Array, i: number, v: number): void {
  arr[i] = (arr[i] as number) + v;
}

/** How a deal ended, for attributing its hours (docs/model.md §6). */
const FATE_WON = 0;
const FATE_LOST = 1;
const FATE_STALLED = 2;
const FATE_OPEN = 3;

/** Per-trial results of one strategy, before they are written to the chunk. */
export interface TrialOutcome {
  bookings: Float64Array;
  margin: Float64Array;
  repsAtQuota: Float64Array;
  hoursWasted: Float64Array;
  retained: number;
  /** Aggregates of this strategy and trial, real units, layout of one strategy block. */
  aggregates: Float64Array;
}

/**
 * Plays one strategy over one trial's world, rep by rep and week by week, exactly as
 * docs/model.md describes. Holds all per-deal state in typed arrays sized to the world and reused
 * across trials and strategies.
 */
export class StrategyRun {
  private readonly c: CompiledScenario;
  private readonly layout: Layout;
  private readonly quarters: number;
  // Per-deal state, indexed by world deal index.
  private progress = new Float64Array(0);
  private starvedRun = new Int32Array(0);
  private pulled = new Uint8Array(0);
  private hoursByQuarter = new Float64Array(0);
  private key = new Float64Array(0);
  // The rep's open deals, kept in priority order from week to week (so re-sorting is cheap).
  private active: Int32Array = new Int32Array(64);
  /** The world being played (set by run). */
  private world: World | undefined;
  private readonly activeBySegment: Int32Array;
  readonly outcome: TrialOutcome;

  constructor(c: CompiledScenario, layout: Layout) {
    this.c = c;
    this.layout = layout;
    this.quarters = c.quarters;
    this.activeBySegment = new Int32Array(c.segments);
    this.outcome = {
      bookings: new Float64Array(c.quarters),
      margin: new Float64Array(c.quarters),
      repsAtQuota: new Float64Array(c.quarters),
      hoursWasted: new Float64Array(c.quarters),
      retained: 0,
      aggregates: new Float64Array(layout.aggregatesPerStrategy),
    };
  }

  private ensureDeals(n: number): void {
    if (this.progress.length >= n) return;
    const cap = Math.max(n, this.progress.length * 2);
    this.progress = new Float64Array(cap);
    this.starvedRun = new Int32Array(cap);
    this.pulled = new Uint8Array(cap);
    this.hoursByQuarter = new Float64Array(cap * this.quarters);
    this.key = new Float64Array(cap);
  }

  /** Simulates strategy `st` on `world`, leaving the per-trial results in `this.outcome`. */
  run(world: World, st: CompiledStrategy): void {
    const c = this.c;
    const out = this.outcome;
    out.bookings.fill(0);
    out.margin.fill(0);
    out.repsAtQuota.fill(0);
    out.hoursWasted.fill(0);
    out.aggregates.fill(0);
    out.retained = 0;
    this.ensureDeals(world.count);
    this.world = world;
    for (let r = 0; r < c.reps; r++) this.runRep(world, st, r);
  }

  private runRep(world: World, st: CompiledStrategy, r: number): void {
    const c = this.c;
    const Q = this.quarters;
    const K = c.weeksPerQuarter;
    const W0 = c.warmupWeeks;
    const T = c.totalWeeks;
    const perQuarter = this.layout.aggregatesPerQuarter;
    const teamBase = c.segments * SEG;
    const histBase = teamBase + TEAM_AGGREGATES.length;
    const agg = this.outcome.aggregates;
    const out = this.outcome;
    const progress = this.progress;
    const starvedRun = this.starvedRun;
    const pulled = this.pulled;
    const hoursByQuarter = this.hoursByQuarter;
    const segmentOf = world.segment;
    const arrivalWeek = world.week;
    const effort = world.effort;
    const cycle = world.cycle;
    const rate = world.rate;
    const listValue = world.listValue;
    const winRate = world.winRate;
    const keep = 1 - c.delayPenalty;

    let active = this.active;
    let activeCount = 0;
    // Running totals over the open deals, kept so that a week with spare hours needs no sort.
    let rateSum = 0;
    let pulledCount = 0;
    const activeBySegment = this.activeBySegment;
    activeBySegment.fill(0);
    let booked = 0; // this rep's bookings in the current quarter
    let margin = 0;

    for (let w = 0; w < T; w++) {
      const rel = w - W0;
      const qIdx = Math.floor(rel / K);
      const weekOfQuarter = rel - qIdx * K + 1;
      const reported = qIdx >= 0;
      const quarterEnd = w + (K - weekOfQuarter);
      const qBase = qIdx * perQuarter;
      let hours = c.hours;
      let pursue = st.pursue;

      // 1. Quarter-end push: decided at the start of the week from booked + expected.
      if (st.hasPush && weekOfQuarter >= st.pushFromWeek) {
        let expected = 0;
        for (let i = 0; i < activeCount; i++) {
          const d = active[i] as number;
          const decision = this.projectedDecision(d, w, quarterEnd);
          if (decision <= quarterEnd) expected += this.expectedValue(d, decision, st);
        }
        if (booked + expected < st.pushBelowAttainment * c.quota) {
          hours *= st.overtime;
          pursue = st.pushPursue;
          if (reported) add(agg, qBase + teamBase + T_PUSH, 1);
          for (let i = 0; i < activeCount; i++) {
            const d = active[i] as number;
            if (pulled[d] === 1) continue;
            const decision = this.projectedDecision(d, w, quarterEnd);
            if (decision > quarterEnd && decision <= quarterEnd + st.pullInWeeks) {
              pulled[d] = 1;
              pulledCount++;
              if (reported) add(agg, qBase + (segmentOf[d] as number) * SEG + A_PULLED, 1);
            }
          }
        }
      }
      if (reported) add(agg, qBase + teamBase + T_CAPACITY, hours);

      // 2. Qualification of this week's arrivals, in arrival order, while hours last.
      const first = world.repWeekStart[r * world.weeks + w] as number;
      const last = world.repWeekStart[r * world.weeks + w + 1] as number;
      for (let d = first; d < last; d++) {
        const s = segmentOf[d] as number;
        const sBase = qBase + s * SEG;
        if (reported) add(agg, sBase + A_ARRIVALS, 1);
        const q = c.qualification[s] as number;
        if (q > hours) {
          if (reported) add(agg, sBase + A_UNQUALIFIED, 1);
          continue;
        }
        hours -= q;
        if (reported) add(agg, sBase + A_H_QUAL, q);
        if (pursue[s] === 1) {
          if (activeCount === active.length) active = this.growActive();
          active[activeCount++] = d;
          progress[d] = 0;
          starvedRun[d] = 0;
          pulled[d] = 0;
          for (let q = d * Q; q < d * Q + Q; q++) hoursByQuarter[q] = 0;
          rateSum += world.rate[d] as number;
          activeBySegment[s] = (activeBySegment[s] as number) + 1;
          if (reported) add(agg, sBase + A_PURSUED, 1);
        }
      }

      // 3. Overhead: every open deal's attention cost, shared pro rata when hours run short.
      let overheadShare = 0;
      if (c.overhead > 0 && activeCount > 0) {
        const used = Math.min(c.overhead * activeCount, hours);
        overheadShare = used / activeCount;
        hours -= used;
        if (reported) {
          for (let s = 0; s < c.segments; s++) {
            add(
              agg,
              qBase + s * SEG + A_H_OVERHEAD,
              overheadShare * (activeBySegment[s] as number),
            );
          }
        }
      }

      // 4. Priority order matters only when the deals may ask for more hours than are left: a
      // deal never asks for more than its full-speed rate unless it was pulled in. Sorting or
      // not gives the same allocation when hours suffice, so this test only saves time.
      if (pulledCount > 0 || rateSum > hours * (1 - 1e-9))
        this.sortActive(activeCount, st.priority, w);

      // 5. Allocation and resolution, deal by deal in priority order.
      let kept = 0;
      for (let i = 0; i < activeCount; i++) {
        const d = active[i] as number;
        const s = segmentOf[d] as number;
        const E = effort[d] as number;
        const remaining = E - (progress[d] as number);
        const demand =
          pulled[d] === 1
            ? remaining / (quarterEnd - w + 1)
            : Math.min(rate[d] as number, remaining);
        const give = demand < hours ? demand : hours;
        hours -= give;
        progress[d] = (progress[d] as number) + give;
        if (reported)
          hoursByQuarter[d * Q + qIdx] = (hoursByQuarter[d * Q + qIdx] as number) + give;

        let fate = FATE_OPEN;
        if (
          (progress[d] as number) >= E * (1 - DONE_TOLERANCE) ||
          (pulled[d] === 1 && w === quarterEnd)
        ) {
          // Decided this week: won or lost on the shared outcome draw.
          const age = w - (arrivalWeek[d] as number) + 1;
          const late = age > (cycle[d] as number) ? age - (cycle[d] as number) : 0;
          let p = winRate[s] as number;
          if (late > 0) p *= keep ** late;
          if (pulled[d] === 1) p *= st.pullInWinFactor;
          const sBase = qBase + s * SEG;
          if (reported) add(agg, sBase + A_LATE, late);
          if ((world.outcomeDraw[d] as number) < p) {
            fate = FATE_WON;
            const list = listValue[d] as number;
            let value = list * (1 - (c.discount[s] as number));
            if (pulled[d] === 1) value *= 1 - st.extraDiscount;
            const cost = value * (c.costToServe[s] as number);
            booked += value;
            margin += value - cost;
            if (reported) {
              add(agg, sBase + A_WINS, 1);
              add(agg, sBase + A_LIST_WON, list);
              add(agg, sBase + A_BOOKINGS, value);
              add(agg, sBase + A_COST, cost);
              add(agg, sBase + A_CYCLE_WON, age);
              if (pulled[d] === 1) add(agg, sBase + A_PULLED_WINS, 1);
              // Recurring revenue still there at the end of the horizon (docs/model.md §8).
              const years = (T - 1 - w) / 52;
              if ((world.churnDraw[d] as number) < (1 - (c.churn[s] as number)) ** years) {
                out.retained += value;
              }
            }
          } else {
            fate = FATE_LOST;
            if (reported) add(agg, sBase + A_LOSSES, 1);
          }
        } else if (give < STARVED_SHARE * demand) {
          starvedRun[d] = (starvedRun[d] as number) + 1;
          if ((starvedRun[d] as number) >= c.stallWeeks) {
            fate = FATE_STALLED;
            if (reported) add(agg, qBase + s * SEG + A_STALLS, 1);
          }
        } else {
          starvedRun[d] = 0;
        }
        if (fate === FATE_OPEN) active[kept++] = d;
        else {
          this.attributeHours(d, s, fate);
          rateSum -= rate[d] as number;
          activeBySegment[s] = (activeBySegment[s] as number) - 1;
          if (pulled[d] === 1) pulledCount--;
        }
      }
      activeCount = kept;
      if (reported) add(agg, qBase + teamBase + T_IDLE, hours);

      // 6. Quarter close: the rep's attainment, then a fresh quarter.
      if (weekOfQuarter === K) {
        if (reported) {
          out.bookings[qIdx] = (out.bookings[qIdx] as number) + booked;
          out.margin[qIdx] = (out.margin[qIdx] as number) + margin;
          if (booked >= c.quota) out.repsAtQuota[qIdx] = (out.repsAtQuota[qIdx] as number) + 1;
          const bin = Math.min(
            ATTAINMENT_BINS - 1,
            Math.floor(booked / c.quota / ATTAINMENT_BIN_WIDTH),
          );
          add(agg, qBase + histBase + bin, 1);
        }
        booked = 0;
        margin = 0;
      }
    }
    // Deals still open at the end of the horizon keep their hours as "open".
    for (let i = 0; i < activeCount; i++) {
      const d = active[i] as number;
      this.attributeHours(d, segmentOf[d] as number, FATE_OPEN);
    }
    add(agg, (Q - 1) * perQuarter + teamBase + T_OPEN_END, activeCount);
  }

  /** Adds a resolved deal's hours, quarter by quarter, to the bucket of its fate. */
  private attributeHours(d: number, s: number, fate: number): void {
    const Q = this.quarters;
    const perQuarter = this.layout.aggregatesPerQuarter;
    const agg = this.outcome.aggregates;
    const slot =
      fate === FATE_WON
        ? A_H_WON
        : fate === FATE_LOST
          ? A_H_LOST
          : fate === FATE_STALLED
            ? A_H_STALLED
            : A_H_OPEN;
    const wasted = fate === FATE_LOST || fate === FATE_STALLED;
    for (let q = 0; q < Q; q++) {
      const h = this.hoursByQuarter[d * Q + q] as number;
      if (h === 0) continue;
      add(agg, q * perQuarter + s * SEG + slot, h);
      if (wasted) this.outcome.hoursWasted[q] = (this.outcome.hoursWasted[q] as number) + h;
    }
  }

  /** Week in which deal d would be decided if fully worked from week w on (docs/model.md §7). */
  private projectedDecision(d: number, w: number, quarterEnd: number): number {
    if (this.pulled[d] === 1) return quarterEnd;
    const world = this.world as World;
    const E = world.effort[d] as number;
    const remaining = E - (this.progress[d] as number);
    let weeks = Math.ceil(remaining / (world.rate[d] as number) - DONE_TOLERANCE);
    if (weeks < 1) weeks = 1;
    return w + weeks - 1;
  }

  /** Expected booked value of deal d if decided in week `decision`. */
  private expectedValue(d: number, decision: number, st: CompiledStrategy): number {
    const world = this.world as World;
    const s = world.segment[d] as number;
    const age = decision - (world.week[d] as number) + 1;
    const late = age > (world.cycle[d] as number) ? age - (world.cycle[d] as number) : 0;
    let p = (world.winRate[s] as number) * (1 - this.c.delayPenalty) ** late;
    let value = (world.listValue[d] as number) * (1 - (this.c.discount[s] as number));
    if (this.pulled[d] === 1) {
      p *= st.pullInWinFactor;
      value *= 1 - st.extraDiscount;
    }
    return p * value;
  }

  private growActive(): Int32Array {
    const bigger = new Int32Array(this.active.length * 2);
    bigger.set(this.active);
    this.active = bigger;
    return bigger;
  }

  /**
   * Orders the rep's open deals: pulled-in deals first, then by the strategy's priority key,
   * highest first. Insertion sort: the list is nearly sorted from last week, so this is ~linear.
   * Ties keep their previous order.
   */
  private sortActive(n: number, priority: number, w: number): void {
    const world = this.world as World;
    const key = this.key;
    const active = this.active;
    const pulled = this.pulled;
    for (let i = 0; i < n; i++) {
      const d = active[i] as number;
      const E = world.effort[d] as number;
      const remaining = E - (this.progress[d] as number);
      let k: number;
      switch (priority) {
        case 0: {
          const s = world.segment[d] as number;
          k =
            ((world.winRate[s] as number) *
              (world.listValue[d] as number) *
              (1 - (this.c.discount[s] as number))) /
            remaining;
          break;
        }
        case 1:
          k = w - (world.week[d] as number);
          break;
        case 2:
          k = -remaining;
          break;
        default:
          k = world.listValue[d] as number;
      }
      key[d] = k;
    }
    for (let i = 1; i < n; i++) {
      const d = active[i] as number;
      const kd = key[d] as number;
      const pd = pulled[d] as number;
      let j = i - 1;
      while (j >= 0) {
        const e = active[j] as number;
        const pe = pulled[e] as number;
        if (pe > pd || (pe === pd && (key[e] as number) >= kd)) break;
        active[j + 1] = active[j] as number;
        j--;
      }
      active[j + 1] = d;
    }
  }
}
