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
import type { Tracer } from './trace.ts';
import {
  DEAL_LOST,
  DEAL_OPEN,
  DEAL_STALLED,
  DEAL_WON,
  type DealRecord,
  NO_QUARTER,
} from './waterfall.ts';
import { MAX_CYCLE_WEEKS, type World } from './world.ts';

/** Trace event codes: indices into TRACE_EVENT_KINDS (trace.ts). */
const EV_ARRIVED = 0;
const EV_QUALIFIED_IN = 1;
const EV_QUALIFIED_OUT = 2;
const EV_UNQUALIFIED = 3;
const EV_PULLED_IN = 4;
const EV_WON = 5;
const EV_LOST = 6;
const EV_STALLED = 7;

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
const T_IDLE = team('hoursIdle');
const T_CAPACITY = team('hoursCapacity');
const T_PUSH = team('pushRepWeeks');
const T_OPEN_END = team('openDealsAtEnd');

/** A deal is done when its progress reaches its effort within this relative tolerance. */
const DONE_TOLERANCE = 1e-9;
/**
 * The most weeks played after the horizon to settle the deals still open there (docs/model.md
 * §6): twice the longest natural cycle, far more than any deal that asks for hours can need.
 */
const SETTLE_WEEKS = 2 * MAX_CYCLE_WEEKS;

/** A deal is starved in a week when it gets less than this share of the hours it asked for. */
export const STARVED_SHARE = 0.5;

/** arr[i] += v, spelled so that noUncheckedIndexedAccess stays on; V8 inlines it. */
function add(arr: number[], i: number, v: number): void {
  arr[i] = (arr[i] as number) + v;
}

/*
 * Performance notes for the code below (measured with V8 in Node 20; none of them changes a
 * number the model computes):
 * - Per-deal and per-rep state lives in plain arrays, not typed arrays. Once any ArrayBuffer in
 *   the process has been transferred (a worker posting its results, a module loader's message
 *   port), V8 checks every typed array access for a detached buffer; plain arrays of numbers need
 *   no such check, and V8 keeps them unboxed as long as they only ever hold numbers (they are
 *   built by `numbers` and `integers`, never holey).
 * - The hot loops use literal locals for constants: V8 folds a literal local, but re-reads a
 *   module-level constant (and re-checks its type) at every use.
 * - A deal record's index is `d << 3` and its fields are `b | FIELD` (b is a multiple of 8), so
 *   V8 needs no overflow checks on the index arithmetic.
 */

/** A packed array of n zeros that V8 stores as unboxed doubles. */
function numbers(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0.5); // a fraction, so the array holds doubles from the start
  return a.fill(0);
}

/** A packed array of n small integers (zeros to start with). */
function integers(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0);
  return a;
}

/** How a deal ended, for attributing its hours (docs/model.md §6). */
const FATE_WON = 0;
const FATE_LOST = 1;
const FATE_STALLED = 2;

/** Per-trial results of one strategy, before they are written to the chunk. */
export interface TrialOutcome {
  bookings: Float64Array;
  margin: Float64Array;
  repsAtQuota: Float64Array;
  hoursWasted: Float64Array;
  retained: number;
  /** Aggregates of this strategy and trial, real units, layout of one strategy block. */
  aggregates: number[];
}

/** Priority codes, as compile.ts PRIORITY_CODE assigns them. */
const PRIORITY_EV_PER_HOUR = 0;
const PRIORITY_OLDEST_FIRST = 1;
const PRIORITY_CLOSEST_TO_CLOSE = 2;

/**
 * The state of each pursued deal is a record of DEAL_STRIDE numbers in one array, deal d at
 * d · DEAL_STRIDE (= d << 3), so that the week loop reads and writes a single array. Fields (the
 * methods that use them declare them as literal locals of these names):
 *
 *   PROGRESS = 0       hours worked so far
 *   EFFORT = 1         effort E, copied from the world when the deal is pursued
 *   RATE = 2           full-speed rate e = E / C, likewise
 *   QUARTER_HOURS = 3  hours worked in the current quarter (warm-up hours are dropped at its end)
 *   STARVED = 4        weeks starved in a row (a small whole number)
 *   KEY = 5            priority key: as of the last sort if it moves with progress, else set once
 */
const DEAL_STRIDE = 8;

/**
 * Plays one strategy over one trial's world, rep by rep and week by week, exactly as
 * docs/model.md describes. Holds all per-deal state in arrays sized to the world and reused
 * across trials and strategies.
 *
 * Every open deal is visited every week, so that loop is kept lean without changing a single
 * floating-point operation of the model (or the order of any sum): deal state is one record per
 * deal (DEAL_STRIDE); a deal's hours in the current quarter accumulate in one field, filed under
 * the quarter when it closes or the deal ends; the deals that end in a week are decided after
 * the allocation loop, in the same order; a fixed priority key is set once and only newly added
 * deals are sorted in; powers are tabulated; and team-wide counts are added up once (`tally`).
 */
export class StrategyRun {
  private readonly c: CompiledScenario;
  private readonly layout: Layout;
  private readonly quarters: number;
  // Per-deal state, indexed by world deal index.
  /** Deal records, see DEAL_STRIDE. */
  private deal: number[] = [];
  /** p_s · V · (1 − discount), the numerator of the expected-value-per-hour key. */
  private evNumerator: number[] = [];
  /** 1 once the deal is pulled in (docs/model.md §7). */
  private pulled: number[] = [];
  /** Hours worked on the deal in each reported quarter, [d · quarters + q]. */
  private hoursByQuarter: number[] = [];
  /** The rep's open deals, kept in priority order from week to week (so re-sorting is cheap). */
  private active: number[] = [];
  private activeCount = 0;
  /**
   * With a fixed key, the open deals before this position are in order (they were sorted, then
   * only lost members); the ones from it on were added since, or a pull-in changed the order.
   */
  private sortFrom = 0;
  /** The deals that end in the current week, in priority order: d if decided, ~d if stalled. */
  private ended: number[] = [];
  /** The world being played (set by run). */
  private world: World | undefined;
  private readonly activeBySegment: number[];
  /** The current rep's bookings and gross margin so far in the current quarter. */
  private booked = 0;
  private margin = 0;
  /** keepPower[L] = (1 − delayPenaltyPerWeek)^L, for every possible lateness L (0 … T). */
  private readonly keepPower: number[];
  /**
   * retention[s · T + w] = (1 − annualChurn_s)^((T − 1 − w)/52): a deal of segment s won in week
   * w is still a customer at the end when its churn draw is below this (docs/model.md §8).
   */
  private readonly retention: number[];
  readonly outcome: TrialOutcome;

  constructor(c: CompiledScenario, layout: Layout) {
    this.c = c;
    this.layout = layout;
    this.quarters = c.quarters;
    this.activeBySegment = integers(c.segments);
    // Powers are tabulated once per scenario: the same expressions, so the same numbers.
    const T = c.totalWeeks;
    const keep = 1 - c.delayPenalty;
    this.keepPower = numbers(T + 1);
    for (let late = 0; late <= T; late++) this.keepPower[late] = keep ** late;
    this.retention = numbers(c.segments * T);
    for (let s = 0; s < c.segments; s++) {
      for (let w = 0; w < T; w++) {
        this.retention[s * T + w] = (1 - (c.churn[s] as number)) ** ((T - 1 - w) / 52);
      }
    }
    this.outcome = {
      bookings: new Float64Array(c.quarters),
      margin: new Float64Array(c.quarters),
      repsAtQuota: new Float64Array(c.quarters),
      hoursWasted: new Float64Array(c.quarters),
      retained: 0,
      aggregates: numbers(layout.aggregatesPerStrategy),
    };
  }

  private ensureDeals(n: number): void {
    if (this.pulled.length >= n) return;
    const cap = Math.max(n, this.pulled.length * 2);
    this.deal = numbers(cap * DEAL_STRIDE);
    this.evNumerator = numbers(cap);
    this.pulled = integers(cap);
    this.hoursByQuarter = numbers(cap * this.quarters);
    // A rep never has more open deals than the world has deals.
    this.active = integers(cap);
    this.ended = integers(cap);
  }

  /** Simulates strategy `st` on `world`, leaving the per-trial results in `this.outcome`. */
  /** Where to write each deal's fate for the waterfall (docs/model.md §10), when asked. */
  private record: DealRecord | undefined;

  /** Receives every event of a traced replay (trace.ts); undefined in normal runs. */
  private tracer: Tracer | undefined;
  /** The rep being played, for trace events raised inside helpers. */
  private rep = 0;

  run(world: World, st: CompiledStrategy, record?: DealRecord, tracer?: Tracer): void {
    this.record = record;
    this.tracer = tracer;
    record?.reset(world.count);
    const out = this.outcome;
    out.bookings.fill(0);
    out.margin.fill(0);
    out.repsAtQuota.fill(0);
    out.hoursWasted.fill(0);
    out.aggregates.fill(0);
    out.retained = 0;
    this.ensureDeals(world.count);
    this.world = world;
    this.runReps(world, st);
    this.tally(world, st);
  }

  /**
   * The aggregates that are simplest counted for the whole team once the reps have played:
   * arrivals and qualification hours by quarter and segment, and, for a strategy without a
   * quarter-end push (so with the same hours and the same `pursue` every week), capacity and
   * pursued deals. Every qualified arrival (all but those counted as unqualified) cost its
   * segment's qualification hours, and every rep-week has the same capacity: such equal amounts
   * are added one by one, as the reps' weeks would add them, so the sums are the same to the bit.
   */
  private tally(world: World, st: CompiledStrategy): void {
    const c = this.c;
    const agg = this.outcome.aggregates;
    const S = c.segments;
    const K = c.weeksPerQuarter;
    const perQuarter = this.layout.aggregatesPerQuarter;
    const teamBase = S * SEG;
    for (let qIdx = 0; qIdx < c.quarters; qIdx++) {
      const firstWeek = c.warmupWeeks + qIdx * K;
      const qBase = qIdx * perQuarter;
      for (let s = 0; s < S; s++) {
        let arrived = 0;
        for (let w = firstWeek; w < firstWeek + K; w++) {
          arrived += world.arrivals[w * S + s] as number;
        }
        const cell = qBase + s * SEG;
        add(agg, cell + A_ARRIVALS, arrived);
        const qualified = arrived - (agg[cell + A_UNQUALIFIED] as number);
        const q = c.qualification[s] as number;
        let hours = agg[cell + A_H_QUAL] as number;
        for (let i = 0; i < qualified; i++) hours += q;
        agg[cell + A_H_QUAL] = hours;
        if (!st.hasPush && st.pursue[s] === 1) add(agg, cell + A_PURSUED, qualified);
      }
      if (!st.hasPush) {
        let capacity = agg[qBase + teamBase + T_CAPACITY] as number;
        for (let i = 0; i < c.reps * K; i++) capacity += c.hours;
        agg[qBase + teamBase + T_CAPACITY] = capacity;
      }
    }
  }

  /** Plays the reps one after the other (they are independent), each week by week. */
  private runReps(world: World, st: CompiledStrategy): void {
    // Deal record fields (see DEAL_STRIDE) and model constants, as literal locals.
    const PROGRESS = 0;
    const EFFORT = 1;
    const RATE = 2;
    const QUARTER_HOURS = 3;
    const STARVED = 4;
    const KEY = 5;
    const DONE_SHARE = 1 - 1e-9; // 1 − DONE_TOLERANCE
    const HALF = 0.5; // STARVED_SHARE

    const c = this.c;
    const Q = this.quarters;
    const K = c.weeksPerQuarter;
    const T = c.totalWeeks;
    const perQuarter = this.layout.aggregatesPerQuarter;
    const SEGS = SEG;
    const teamBase = c.segments * SEGS;
    const histBase = teamBase + TEAM_AGGREGATES.length;
    const agg = this.outcome.aggregates;
    const out = this.outcome;
    const deal = this.deal;
    const active = this.active;
    const ended = this.ended;
    const evNumerator = this.evNumerator;
    const pulled = this.pulled;
    const hoursByQuarter = this.hoursByQuarter;
    const activeBySegment = this.activeBySegment;
    const segmentOf = world.segment;
    const effort = world.effort;
    const rate = world.rate;
    const listValue = world.listValue;
    const winRate = world.winRate;
    const repWeekStart = world.repWeekStart;
    const qualification = c.qualification;
    const discount = c.discount;
    const overhead = c.overhead;
    const stallWeeks = c.stallWeeks;
    const priority = st.priority;
    const hasPush = st.hasPush;
    const keyIsFixed = priority !== PRIORITY_EV_PER_HOUR && priority !== PRIORITY_CLOSEST_TO_CLOSE;
    const aUnqualified = A_UNQUALIFIED;
    const aPursued = A_PURSUED;
    const aOverhead = A_H_OVERHEAD;
    const aStalls = A_STALLS;

    const record = this.record;
    const tracer = this.tracer;
    for (let r = 0; r < c.reps; r++) {
      this.rep = r;
      let activeCount = 0;
      this.sortFrom = 0;
      // Running totals over the open deals, kept so that a week with spare hours needs no sort.
      let rateSum = 0;
      let pulledCount = 0;
      for (let s = 0; s < activeBySegment.length; s++) activeBySegment[s] = 0;
      this.booked = 0;
      this.margin = 0;

      // Week w is week `weekOfQuarter` (1 … K) of quarter qIdx (negative in the warm-up).
      let qIdx = Math.floor((0 - c.warmupWeeks) / K);
      let weekOfQuarter = 0 - c.warmupWeeks - qIdx * K + 1;
      // Weeks from T on settle the deals still open at the horizon (docs/model.md §6): no
      // arrivals, no push, nothing reported; only those deals' fates are kept, to file the hours
      // they got within the horizon under how they ended.
      for (let w = 0; w < T || (activeCount > 0 && w < T + SETTLE_WEEKS); w++) {
        const settling = w >= T;
        if (w === T) this.startSettling(activeCount);
        const reported = qIdx >= 0 && !settling;
        const quarterEnd = w + (K - weekOfQuarter);
        const qBase = qIdx * perQuarter;
        let hours = c.hours;
        let pursue = st.pursue;

        // 1. Quarter-end push: decided at the start of the week from booked + expected.
        if (hasPush && !settling && weekOfQuarter >= st.pushFromWeek) {
          this.activeCount = activeCount;
          if (this.pushes(w, quarterEnd, st)) {
            hours *= st.overtime;
            pursue = st.pushPursue;
            if (reported) add(agg, qBase + teamBase + T_PUSH, 1);
            this.tracer?.push(r, w);
            const before = pulledCount;
            pulledCount = this.pullIn(w, quarterEnd, st, pulledCount, qBase, reported);
            // Pulled-in deals move to the front: the order must be checked from the start.
            if (pulledCount !== before) this.sortFrom = 0;
          }
        }
        // (Without a push, capacity is the same every week: added up in `tally`.)
        if (reported && hasPush) add(agg, qBase + teamBase + T_CAPACITY, hours);

        const tr = this.tracer;
        const capacity = hours;
        // 2. Qualification of this week's arrivals, in arrival order, while hours last.
        const first = settling ? 0 : (repWeekStart[r * world.weeks + w] as number);
        const last = settling ? 0 : (repWeekStart[r * world.weeks + w + 1] as number);
        for (let d = first; d < last; d++) {
          // (Arrivals and qualification hours are added up for the whole team in `tally`.)
          const s = segmentOf[d] as number;
          const q = qualification[s] as number;
          tr?.event(EV_ARRIVED, w, r, d, 0);
          if (q > hours) {
            if (reported) add(agg, qBase + s * SEGS + aUnqualified, 1);
            tr?.event(EV_UNQUALIFIED, w, r, d, 0);
            continue;
          }
          hours -= q;
          if (pursue[s] !== 1) {
            tr?.event(EV_QUALIFIED_OUT, w, r, d, 0);
            continue;
          }
          tr?.event(EV_QUALIFIED_IN, w, r, d, 0);
          // Pursued: open from this week, after the deals already open.
          active[activeCount++] = d;
          const b = d << 3; // d · DEAL_STRIDE
          deal[b | PROGRESS] = 0;
          deal[b | EFFORT] = effort[d] as number;
          const e = rate[d] as number;
          deal[b | RATE] = e;
          deal[b | QUARTER_HOURS] = 0;
          deal[b | STARVED] = 0;
          if (priority === PRIORITY_EV_PER_HOUR) {
            evNumerator[d] =
              (winRate[s] as number) * (listValue[d] as number) * (1 - (discount[s] as number));
          } else if (keyIsFixed) {
            // Age w' − a orders the deals as −a does, which does not change.
            deal[b | KEY] = priority === PRIORITY_OLDEST_FIRST ? -w : (listValue[d] as number);
          }
          pulled[d] = 0;
          for (let i = d * Q; i < d * Q + Q; i++) hoursByQuarter[i] = 0;
          rateSum += e;
          activeBySegment[s] = (activeBySegment[s] as number) + 1;
          if (reported && hasPush) add(agg, qBase + s * SEGS + aPursued, 1);
        }

        const afterQualification = hours;
        let overheadUsed = 0;
        // 3. Overhead: every open deal's attention cost, shared pro rata when hours run short.
        if (overhead > 0 && activeCount > 0) {
          const used = Math.min(overhead * activeCount, hours);
          const overheadShare = used / activeCount;
          hours -= used;
          overheadUsed = used;
          if (reported) {
            for (let s = 0; s < c.segments; s++) {
              add(
                agg,
                qBase + s * SEGS + aOverhead,
                overheadShare * (activeBySegment[s] as number),
              );
            }
          }
        }

        // 4. Priority order matters only when the deals may ask for more hours than are left: a
        // deal never asks for more than its full-speed rate unless it was pulled in. Sorting or
        // not gives the same allocation when hours suffice, so this test only saves time.
        // Sorting puts the pulled-in deals first, so they are the first `pulledCount` below.
        if (pulledCount > 0 || rateSum > hours * (1 - 1e-9)) {
          this.activeCount = activeCount;
          this.sortActive(priority, pulledCount);
        }
        const pulledEnd = pulledCount;

        // 5. Allocation, deal by deal in priority order. This loop only does arithmetic on the
        // deal records; the deals that end this week are listed in `ended` and decided below,
        // in the same order.
        let kept = 0;
        let endedCount = 0;
        let endedBeforeSortFrom = 0;
        for (let i = 0; i < activeCount; i++) {
          const d = active[i] as number;
          const b = d << 3; // d · DEAL_STRIDE
          const E = deal[b | EFFORT] as number;
          const prog0 = deal[b | PROGRESS] as number;
          const remaining = E - prog0;
          const isPulled = i < pulledEnd;
          const demand = isPulled
            ? remaining / (quarterEnd - w + 1)
            : Math.min(deal[b | RATE] as number, remaining);
          const give = demand < hours ? demand : hours;
          hours -= give;
          const prog = prog0 + give;
          deal[b | PROGRESS] = prog;
          deal[b | QUARTER_HOURS] = (deal[b | QUARTER_HOURS] as number) + give;
          if (prog >= E * DONE_SHARE || (isPulled && w === quarterEnd)) {
            ended[endedCount++] = d; // decided this week
            if (i < this.sortFrom) endedBeforeSortFrom++;
          } else if (give < HALF * demand) {
            const run = (deal[b | STARVED] as number) + 1;
            deal[b | STARVED] = run;
            if (run >= stallWeeks) {
              ended[endedCount++] = ~d; // stalls
              if (i < this.sortFrom) endedBeforeSortFrom++;
            } else {
              if (kept !== i) active[kept] = d;
              kept++;
            }
          } else {
            deal[b | STARVED] = 0;
            if (kept !== i) active[kept] = d; // the list closes up behind deals that ended
            kept++;
          }
        }
        activeCount = kept;
        this.sortFrom -= endedBeforeSortFrom;

        // Resolution of the deals that ended, in priority order.
        for (let k = 0; k < endedCount; k++) {
          const e = ended[k] as number;
          const d = e < 0 ? ~e : e;
          const s = segmentOf[d] as number;
          let fate: number;
          if (e >= 0) fate = this.decide(d, s, w, qBase, reported, pulled[d] === 1, st);
          else {
            fate = FATE_STALLED;
            if (reported) add(agg, qBase + s * SEGS + aStalls, 1);
            this.tracer?.event(EV_STALLED, w, r, d, 0);
            if (this.record !== undefined) this.record.fate[d] = DEAL_STALLED;
          }
          const b = d << 3; // d · DEAL_STRIDE
          if (reported) hoursByQuarter[d * Q + qIdx] = deal[b | QUARTER_HOURS] as number;
          this.attributeHours(d, s, fate);
          rateSum -= deal[b | RATE] as number;
          activeBySegment[s] = (activeBySegment[s] as number) - 1;
          if (pulled[d] === 1) pulledCount--;
        }
        if (reported) add(agg, qBase + teamBase + T_IDLE, hours);
        if (tr !== undefined) {
          const worked = afterQualification - overheadUsed - hours;
          tr.hours(r, w, worked, capacity - afterQualification, overheadUsed, hours);
        }

        // 6. Quarter close: the rep's attainment, then a fresh quarter.
        if (settling) continue;
        if (weekOfQuarter === K) {
          // File the open deals' hours under this quarter (warm-up hours are not reported).
          for (let i = 0; i < activeCount; i++) {
            const d = active[i] as number;
            const b = d << 3; // d · DEAL_STRIDE
            if (reported) hoursByQuarter[d * Q + qIdx] = deal[b | QUARTER_HOURS] as number;
            deal[b | QUARTER_HOURS] = 0;
          }
          if (reported) {
            const booked = this.booked;
            out.bookings[qIdx] = (out.bookings[qIdx] as number) + booked;
            out.margin[qIdx] = (out.margin[qIdx] as number) + this.margin;
            if (booked >= c.quota) out.repsAtQuota[qIdx] = (out.repsAtQuota[qIdx] as number) + 1;
            const bin = Math.min(
              ATTAINMENT_BINS - 1,
              Math.floor(booked / c.quota / ATTAINMENT_BIN_WIDTH),
            );
            add(agg, qBase + histBase + bin, 1);
            add(agg, qBase + teamBase + T_OPEN_END, activeCount);
          }
          this.booked = 0;
          this.margin = 0;
          qIdx++;
          weekOfQuarter = 1;
        } else {
          weekOfQuarter++;
        }
      }
      // Still open after SETTLE_WEEKS of settling: only a deal whose weekly rate underflows to 0
      // can be (it asks for nothing, so it is neither worked nor starved). It never ends: filed as
      // stalled (docs/model.md §6).
      for (let i = 0; i < activeCount; i++) {
        const d = active[i] as number;
        this.attributeHours(d, segmentOf[d] as number, FATE_STALLED);
      }
      this.record = record;
      this.tracer = tracer;
    }
  }

  /**
   * The horizon has ended with `activeCount` deals open: the waterfall records them as still
   * open (nothing they do from now on is booked), and the weeks that settle them are not traced.
   */
  private startSettling(activeCount: number): void {
    const record = this.record;
    if (record !== undefined) {
      for (let i = 0; i < activeCount; i++) record.fate[this.active[i] as number] = DEAL_OPEN;
    }
    this.record = undefined;
    this.tracer = undefined;
  }

  /**
   * Whether the rep pushes in week w (docs/model.md §7): booked plus the expected value of the
   * open deals projected to be decided by the quarter's last week falls short of the threshold.
   */
  private pushes(w: number, quarterEnd: number, st: CompiledStrategy): boolean {
    let expected = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const d = this.active[i] as number;
      const decision = this.projectedDecision(d, w, quarterEnd);
      if (decision <= quarterEnd) expected += this.expectedValue(d, decision, st);
    }
    return this.booked + expected < st.pushBelowAttainment * this.c.quota;
  }

  /**
   * Pulls in every open deal not pulled in yet whose projected decision falls within
   * `pullInWeeks` after the quarter's end. Returns the new number of pulled-in deals.
   */
  private pullIn(
    w: number,
    quarterEnd: number,
    st: CompiledStrategy,
    pulledCount: number,
    qBase: number,
    reported: boolean,
  ): number {
    const segmentOf = (this.world as World).segment;
    let count = pulledCount;
    for (let i = 0; i < this.activeCount; i++) {
      const d = this.active[i] as number;
      if (this.pulled[d] === 1) continue;
      const decision = this.projectedDecision(d, w, quarterEnd);
      if (decision > quarterEnd && decision <= quarterEnd + st.pullInWeeks) {
        this.pulled[d] = 1;
        count++;
        this.tracer?.event(EV_PULLED_IN, w, this.rep, d, 0);
        if (reported) {
          add(this.outcome.aggregates, qBase + (segmentOf[d] as number) * SEG + A_PULLED, 1);
        }
      }
    }
    return count;
  }

  /**
   * Decides deal d, of segment s, in week w (docs/model.md §4): won or lost on its outcome draw,
   * booked in the rep's quarter. Returns FATE_WON or FATE_LOST.
   */
  private decide(
    d: number,
    s: number,
    w: number,
    qBase: number,
    reported: boolean,
    pulledIn: boolean,
    st: CompiledStrategy,
  ): number {
    const world = this.world as World;
    const c = this.c;
    const agg = this.outcome.aggregates;
    const cycle = world.cycle[d] as number;
    const age = w - (world.week[d] as number) + 1;
    const late = age > cycle ? age - cycle : 0;
    let p = world.winRate[s] as number;
    if (late > 0) p *= this.keepPower[late] ?? (1 - c.delayPenalty) ** late; // later: settling
    if (pulledIn) p *= st.pullInWinFactor;
    const sBase = qBase + s * SEG;
    if (reported) add(agg, sBase + A_LATE, late);
    const rec = this.record;
    if (rec !== undefined) {
      rec.quarter[d] = reported ? qBase / this.layout.aggregatesPerQuarter : NO_QUARTER;
      rec.pulled[d] = pulledIn ? 1 : 0;
    }
    if ((world.outcomeDraw[d] as number) >= p) {
      if (reported) add(agg, sBase + A_LOSSES, 1);
      if (rec !== undefined) rec.fate[d] = DEAL_LOST;
      this.tracer?.event(EV_LOST, w, this.rep, d, 0);
      return FATE_LOST;
    }
    const list = world.listValue[d] as number;
    let value = list * (1 - (c.discount[s] as number));
    if (pulledIn) value *= 1 - st.extraDiscount;
    const cost = value * (c.costToServe[s] as number);
    this.booked += value;
    this.margin += value - cost;
    if (rec !== undefined) {
      rec.fate[d] = DEAL_WON;
      rec.booked[d] = value;
    }
    this.tracer?.event(EV_WON, w, this.rep, d, value);
    if (reported) {
      add(agg, sBase + A_WINS, 1);
      add(agg, sBase + A_LIST_WON, list);
      add(agg, sBase + A_BOOKINGS, value);
      add(agg, sBase + A_COST, cost);
      add(agg, sBase + A_CYCLE_WON, age);
      if (pulledIn) add(agg, sBase + A_PULLED_WINS, 1);
      // Recurring revenue still there at the end of the horizon (docs/model.md §8).
      if ((world.churnDraw[d] as number) < (this.retention[s * c.totalWeeks + w] as number)) {
        this.outcome.retained += value;
      }
    }
    return FATE_WON;
  }

  /** Adds a resolved deal's hours, quarter by quarter, to the bucket of its fate. */
  private attributeHours(d: number, s: number, fate: number): void {
    const Q = this.quarters;
    const perQuarter = this.layout.aggregatesPerQuarter;
    const agg = this.outcome.aggregates;
    const slot = fate === FATE_WON ? A_H_WON : fate === FATE_LOST ? A_H_LOST : A_H_STALLED;
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
    const PROGRESS = 0;
    const EFFORT = 1;
    const RATE = 2;
    const b = d << 3; // d · DEAL_STRIDE
    const remaining = (this.deal[b | EFFORT] as number) - (this.deal[b | PROGRESS] as number);
    let weeks = Math.ceil(remaining / (this.deal[b | RATE] as number) - DONE_TOLERANCE);
    if (weeks < 1) weeks = 1;
    return w + weeks - 1;
  }

  /** Expected booked value of deal d if decided in week `decision`. */
  private expectedValue(d: number, decision: number, st: CompiledStrategy): number {
    const world = this.world as World;
    const s = world.segment[d] as number;
    const age = decision - (world.week[d] as number) + 1;
    const late = age > (world.cycle[d] as number) ? age - (world.cycle[d] as number) : 0;
    let p = (world.winRate[s] as number) * (this.keepPower[late] as number);
    let value = (world.listValue[d] as number) * (1 - (this.c.discount[s] as number));
    if (this.pulled[d] === 1) {
      p *= st.pullInWinFactor;
      value *= 1 - st.extraDiscount;
    }
    return p * value;
  }

  /**
   * Deal d's priority key this week under a rule whose key moves with progress (docs/model.md
   * §3 step 4): p_s · V · (1 − discount) / remaining effort, or − remaining effort.
   */
  private moveableKey(d: number, priority: number): number {
    const PROGRESS = 0;
    const EFFORT = 1;
    const b = d << 3; // d · DEAL_STRIDE
    const remaining = (this.deal[b | EFFORT] as number) - (this.deal[b | PROGRESS] as number);
    return priority === PRIORITY_EV_PER_HOUR
      ? (this.evNumerator[d] as number) / remaining
      : -remaining;
  }

  /**
   * Orders the rep's open deals: pulled-in deals first, then by the strategy's priority key,
   * highest first (docs/model.md §3 step 4); ties keep their previous order. Insertion sort: the
   * list is nearly sorted from last week, so this is ~linear. A key that moves with progress is
   * recomputed for every deal first; with a fixed key, the deals before `sortFrom` are already in
   * order, so the sort starts there.
   */
  private sortActive(priority: number, pulledCount: number): void {
    const KEY = 5; // deal record field, see DEAL_STRIDE
    const deal = this.deal;
    const active = this.active;
    const n = this.activeCount;
    if (n === 0) return;
    const withPulled = pulledCount > 0;
    const keyMoves = priority === PRIORITY_EV_PER_HOUR || priority === PRIORITY_CLOSEST_TO_CLOSE;
    let from = 1;
    if (keyMoves) {
      // This week's keys first (the divisions then overlap), then the sort.
      for (let i = 0; i < n; i++) {
        const d = active[i] as number;
        deal[(d << 3) | KEY] = this.moveableKey(d, priority);
      }
    } else {
      if (this.sortFrom > from) from = this.sortFrom;
      this.sortFrom = n;
    }
    const pulled = this.pulled;
    for (let i = from; i < n; i++) {
      const d = active[i] as number;
      const kd = deal[(d << 3) | KEY] as number;
      // Shift back the deals that rank lower than d: below it in key, or (first of all) not
      // pulled in while d is.
      let j = i - 1;
      if (!withPulled) {
        while (j >= 0) {
          const e = active[j] as number;
          if ((deal[(e << 3) | KEY] as number) >= kd) break;
          active[j + 1] = e;
          j--;
        }
      } else {
        const pd = pulled[d] as number;
        while (j >= 0) {
          const e = active[j] as number;
          const pe = pulled[e] as number;
          if (pe > pd || (pe === pd && (deal[(e << 3) | KEY] as number) >= kd)) break;
          active[j + 1] = e;
          j--;
        }
      }
      active[j + 1] = d;
    }
  }
}
