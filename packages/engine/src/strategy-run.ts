import {
  type CompiledScenario,
  type CompiledStrategy,
  PROSPECT_ALWAYS,
  PROSPECT_DURING_PUSH,
  PROSPECT_NEVER,
} from './compile.ts';
import type { Layout } from './layout.ts';
import {
  allocateHours,
  allocateTeamHours,
  chargeOverhead,
  poolsShort,
} from './strategy/allocation.ts';
import { integers } from './strategy/arrays.ts';
import { DealTable } from './strategy/deal-table.ts';
import { DecisionRules } from './strategy/decision.ts';
import { FATE_LOST, FATE_STALLED, FATE_WON, Ledger, type TrialOutcome } from './strategy/ledger.ts';
import {
  EV_ARRIVED,
  EV_LOST,
  EV_PROSPECTED,
  EV_QUALIFIED_IN,
  EV_QUALIFIED_OUT,
  EV_STALLED,
  EV_WON,
  type RunObserver,
} from './strategy/observer.ts';
import { needsRanking, rankDeals } from './strategy/priority.ts';
import { openDeal, qualifyArrivals } from './strategy/qualification.ts';
import { pullIn, pushes } from './strategy/quarter-end-push.ts';
import { RepDesk } from './strategy/rep-desk.ts';
import { MAX_CYCLE_WEEKS, type World } from './world.ts';

export { STARVED_SHARE } from './strategy/allocation.ts';
export type { TrialOutcome } from './strategy/ledger.ts';
export type { RunObserver } from './strategy/observer.ts';

/**
 * The most weeks played after the horizon to settle the deals still open there (docs/model.md
 * §6): twice the longest natural cycle, far more than any deal that asks for hours can need.
 */
const SETTLE_WEEKS = 2 * MAX_CYCLE_WEEKS;

/**
 * Plays one strategy over one trial's world, week by week, exactly as docs/model.md §3–§8
 * describes: each rep's week is `playWeek`, one call per step of §3. The deal state (DealTable),
 * each rep's open deals (RepDesk), the accounting (Ledger) and the decision rules (DecisionRules)
 * are sized to the world and reused across trials and strategies.
 *
 * Reps share nothing in the model as it stands, so each rep plays all its weeks before the next
 * (`weekMajor` false), with the same order of every floating-point sum as every earlier version.
 * Week-major order (`weekMajor` true: all reps' week w before week w + 1, the order a resource
 * shared across reps needs) plays the same trial: the same deals end the same way, and sums over
 * reps differ only in the last bits, from the order they are added in.
 */
export class StrategyRun {
  private readonly c: CompiledScenario;
  private readonly table: DealTable;
  private readonly ledger: Ledger;
  private readonly rules: DecisionRules;
  private readonly desks: RepDesk[] = [];
  private readonly weekMajor: boolean;
  /** Deals draw on shared specialist pools: the team's week is allocated as one (§12). */
  private readonly team: boolean;
  private readonly poolLeft: Float64Array;
  /** Which reps play the current week (all within the horizon; while settling, those with deals). */
  private readonly plays: number[];
  private readonly scratch: { order: number[]; heap: number[]; next: number[]; kept: number[] };
  /** The quarter of each week of the horizon (negative in the warm-up). */
  private readonly quarterOf: number[];
  // The trial being played (set by run).
  private world: World | undefined;
  private st: CompiledStrategy | undefined;
  private observer: RunObserver | undefined;
  /** This run prospects or is watched week by week (closeWeek's optional step). */
  private extras = false;

  constructor(c: CompiledScenario, layout: Layout, options: { weekMajor?: boolean } = {}) {
    this.c = c;
    this.table = new DealTable(c.quarters);
    this.ledger = new Ledger(c, layout, this.table);
    this.rules = new DecisionRules(c);
    for (let r = 0; r < c.reps; r++) this.desks.push(new RepDesk(r, c.segments));
    this.weekMajor = options.weekMajor ?? false;
    this.team = c.pools > 0;
    this.poolLeft = new Float64Array(c.pools);
    this.plays = integers(c.reps);
    this.scratch = {
      order: [],
      heap: integers(c.reps),
      next: integers(c.reps),
      kept: integers(c.reps),
    };
    this.quarterOf = integers(c.totalWeeks);
    for (let w = 0; w < c.totalWeeks; w++) {
      this.quarterOf[w] = Math.floor((w - c.warmupWeeks) / c.weeksPerQuarter);
    }
  }

  /** The per-trial results of the last run. */
  get outcome(): TrialOutcome {
    return this.ledger.outcome;
  }

  /** Plays strategy `st` on `world`, leaving the per-trial results in `outcome`. */
  run(world: World, st: CompiledStrategy, observer?: RunObserver): void {
    this.world = world;
    this.st = st;
    this.observer = observer;
    this.extras = st.prospectWhen !== PROSPECT_NEVER || observer?.watchesEveryWeek === true;
    this.ledger.reset();
    this.table.ensure(world.count);
    const W = world.weeks;
    const start = this.c.start;
    for (const desk of this.desks) {
      const r = desk.rep;
      const pipeline = (start.repStart[r + 1] as number) - (start.repStart[r] as number);
      desk.reset(
        pipeline +
          (world.repWeekStart[r * W + W] as number) -
          (world.repWeekStart[r * W] as number),
      );
      if (start.active) this.openPipeline(desk);
    }
    const T = this.c.totalWeeks;
    if (this.team) {
      // Shared specialists (docs/model.md §12): every rep's week w, then w + 1.
      let open = true;
      for (let w = 0; w < T || (open && w < T + SETTLE_WEEKS); w++) {
        // Who plays is settled before the week: a rep whose last deal ends this week still
        // resolves it (closeWeek).
        const plays = this.plays;
        for (const desk of this.desks) plays[desk.rep] = w < T || desk.count > 0 ? 1 : 0;
        for (const desk of this.desks) if (plays[desk.rep] === 1) this.openWeek(desk, w, false);
        this.allocateTeam(w);
        open = false;
        for (const desk of this.desks) {
          if (plays[desk.rep] === 1) this.closeWeek(desk, w);
          if (desk.count > 0) open = true;
        }
      }
    } else if (this.weekMajor) {
      let open = true;
      for (let w = 0; w < T || (open && w < T + SETTLE_WEEKS); w++) {
        open = false;
        for (const desk of this.desks) {
          if (w < T || desk.count > 0) this.playWeek(desk, w);
          if (desk.count > 0) open = true;
        }
      }
    } else {
      for (const desk of this.desks) {
        for (let w = 0; w < T || (desk.count > 0 && w < T + SETTLE_WEEKS); w++) {
          this.playWeek(desk, w);
        }
      }
    }
    this.ledger.tally(world, st);
  }

  /**
   * A start from today (docs/model.md §16), before the rep's first week: the rep's bookings so far
   * this quarter, and its open deals that the strategy pursues, worked so far at full speed (age ×
   * rate); the others are dropped (qualified out, with no hours). Events are week 0's.
   */
  private openPipeline(desk: RepDesk): void {
    const start = this.c.start;
    const st = this.st as CompiledStrategy;
    const world = this.world as World;
    const r = desk.rep;
    desk.booked = start.booked[r] as number;
    desk.margin = start.margin[r] as number;
    const watcher = this.observer?.watchesEveryWeek === true ? this.observer : undefined;
    for (let d = start.repStart[r] as number; d < (start.repStart[r + 1] as number); d++) {
      const s = world.segment[d] as number;
      watcher?.event(EV_ARRIVED, 0, r, d, 0);
      if (st.pursue[s] !== 1) {
        watcher?.event(EV_QUALIFIED_OUT, 0, r, d, 0);
        continue;
      }
      watcher?.event(EV_QUALIFIED_IN, 0, r, d, 0);
      openDeal(this.c, world, this.table, this.ledger, desk, st, d, -(start.age[d] as number));
      // Quarter 1 is reported: a deal kept from the pipeline counts as pursued in it.
      this.ledger.pursued(0, s);
    }
  }

  /**
   * Step 5 for the whole team, with shared specialists (docs/model.md §12): when no pool is short
   * this week, each rep ranks (when the order can matter) and allocates on its own, as in §3;
   * when one is, every rep ranks and the team's deals are allocated in the team-wide order.
   */
  private allocateTeam(w: number): void {
    const c = this.c;
    const world = this.world as World;
    const st = this.st as CompiledStrategy;
    const quarterEnd = this.quarterEndOf(w);
    const short = poolsShort(
      this.desks,
      this.table,
      world.segment,
      c.specialistNeed,
      c.pools,
      c.poolHours,
      this.poolLeft,
      w,
      quarterEnd,
    );
    if (!short) {
      for (const desk of this.desks) {
        if (this.plays[desk.rep] !== 1) continue;
        if (needsRanking(desk)) rankDeals(desk, this.table, st.priority);
        allocateHours(desk, this.table, w, quarterEnd, c.stallWeeks);
      }
      return;
    }
    for (const desk of this.desks) rankDeals(desk, this.table, st.priority);
    allocateTeamHours(
      this.desks,
      this.table,
      world.segment,
      c.specialistNeed,
      c.pools,
      this.poolLeft,
      c.poolHours,
      this.scratch,
      w,
      quarterEnd,
      c.stallWeeks,
    );
  }

  /** The last week of week w's quarter; while settling (§6) every week counts as week 1 of one. */
  private quarterEndOf(w: number): number {
    const c = this.c;
    const K = c.weeksPerQuarter;
    if (w >= c.totalWeeks) return w + K - 1;
    const qIdx = this.quarterOf[w] as number;
    const weekOfQuarter = w - c.warmupWeeks - qIdx * K + 1;
    return w + (K - weekOfQuarter);
  }

  /** One rep's week w (docs/model.md §3): steps 1–4, the allocation, then the rest. */
  private playWeek(desk: RepDesk, w: number): void {
    this.openWeek(desk, w, true);
    allocateHours(desk, this.table, w, desk.quarterEnd, this.c.stallWeeks);
    this.closeWeek(desk, w);
  }

  /**
   * The steps of one rep's week w before the allocation (docs/model.md §3): the quarter-end push,
   * qualification, overhead and ranking (`rank`; with shared specialists, the ranking is left to
   * the team's allocation, §12). Weeks from T on settle the deals still open at the horizon
   * (§6): no arrivals, no push, nothing reported or observed; only those deals' fates are kept, to
   * file the hours they got within the horizon.
   */
  private openWeek(desk: RepDesk, w: number, rank: boolean): void {
    const c = this.c;
    const st = this.st as CompiledStrategy;
    const world = this.world as World;
    const table = this.table;
    const ledger = this.ledger;
    const r = desk.rep;
    const K = c.weeksPerQuarter;
    const settling = w >= c.totalWeeks;
    if (w === c.totalWeeks) this.startSettling(desk);
    const observer = settling ? undefined : this.observer;
    const watcher = observer?.watchesEveryWeek === true ? observer : undefined;
    // Week w is week `weekOfQuarter` (1 … K) of quarter qIdx (negative in the warm-up).
    const qIdx = settling ? c.quarters : (this.quarterOf[w] as number);
    const weekOfQuarter = settling ? 1 : w - c.warmupWeeks - qIdx * K + 1;
    const reported = qIdx >= 0 && !settling;
    const quarterEnd = this.quarterEndOf(w);
    // The week's facts, for the steps after the allocation (closeWeek).
    desk.qIdx = qIdx;
    desk.reported = reported;
    desk.quarterEnd = quarterEnd;
    desk.lastOfQuarter = !settling && weekOfQuarter === K;
    // Hours are kept on the desk, not passed between the steps: a double passed to or returned
    // from a function V8 does not inline is boxed on the heap, and that cost 20% of the run.
    desk.hours = c.hours;
    desk.pushing = false;
    let pursue = st.pursue;

    // 1. Quarter-end push (§7): decided at the start of the week from booked + expected.
    if (st.hasPush && !settling && weekOfQuarter >= st.pushFromWeek) {
      if (pushes(desk, table, world, this.rules, w, quarterEnd, st, c.quota)) {
        desk.pushing = true;
        desk.hours *= st.overtime;
        pursue = st.pushPursue;
        if (reported) ledger.pushWeek(qIdx);
        observer?.push(r, w);
        const before = desk.pulledCount;
        pullIn(desk, table, world, ledger, w, quarterEnd, st, qIdx, reported, observer);
        // Pulled-in deals move to the front: the order must be checked from the start.
        if (desk.pulledCount !== before) desk.sortFrom = 0;
      }
    }
    // (Without a push, capacity is the same every week: added up in Ledger.tally.)
    if (reported && st.hasPush) ledger.capacity(qIdx, desk.hours);
    desk.capacity = desk.hours;

    // 2. Qualification of this week's arrivals.
    if (!settling) {
      qualifyArrivals(c, world, table, ledger, desk, st, pursue, w, qIdx, reported, watcher);
    }
    desk.afterQualification = desk.hours;

    // 3. Overhead.
    chargeOverhead(desk, ledger, c.overhead, qIdx, reported);

    // 4. Ranking, when the order can matter.
    if (rank && needsRanking(desk)) rankDeals(desk, table, st.priority);
  }

  /**
   * The steps of one rep's week w after the allocation (docs/model.md §3): the decisions of the
   * deals that ended, in priority order, prospecting with the hours left (§14), and the
   * quarter's close.
   */
  private closeWeek(desk: RepDesk, w: number): void {
    const settling = w >= this.c.totalWeeks;
    // 5. The deals that ended, in priority order.
    if (desk.endedCount > 0) {
      this.resolveEnded(desk, w, desk.qIdx, desk.reported, settling ? undefined : this.observer);
    }
    // 6. Prospecting with the spare hours (§14), and the hours by use for a replay: a call of
    // their own, made only when needed, so that the common week stays small enough to inline.
    if (this.extras && !settling) this.prospectAndWatch(desk, w);
    if (desk.reported) this.ledger.idle(desk.qIdx, desk.hours);
    // 7. Quarter close: the rep's attainment, then a fresh quarter.
    if (desk.lastOfQuarter) this.closeQuarter(desk, desk.qIdx, desk.reported);
  }

  /**
   * Step 6 (docs/model.md §14) when the strategy prospects this week, then the week's hours by
   * use for an observer that watches every week (within the horizon).
   */
  private prospectAndWatch(desk: RepDesk, w: number): void {
    const left = desk.hours;
    const when = (this.st as CompiledStrategy).prospectWhen;
    if (left > 0 && (when === PROSPECT_ALWAYS || (when === PROSPECT_DURING_PUSH && desk.pushing))) {
      this.prospect(desk, w, desk.qIdx, desk.reported);
      desk.hours = 0;
    }
    const observer = this.observer;
    if (observer?.watchesEveryWeek === true) {
      const worked = desk.afterQualification - desk.overheadUsed - left;
      const qualification = desk.capacity - desk.afterQualification;
      observer.hours(
        desk.rep,
        w,
        worked,
        qualification,
        desk.overheadUsed,
        desk.hours,
        left - desk.hours,
      );
    }
  }

  /**
   * Spends the rep's spare hours (`desk.hours`) prospecting in week w (docs/model.md §14):
   * shared equally among the segments the strategy prospects; each segment's hours build up and,
   * for every full `hoursPerOpportunity`, the rep's next opportunity of that segment is unlocked,
   * to arrive `lagWeeks` later (if that is within the horizon).
   */
  private prospect(desk: RepDesk, w: number, qIdx: number, reported: boolean): void {
    const c = this.c;
    const st = this.st as CompiledStrategy;
    const world = this.world as World;
    let n = 0;
    for (let s = 0; s < c.segments; s++) n += st.prospect[s] as number;
    const share = desk.hours / n;
    for (let s = 0; s < c.segments; s++) {
      if (st.prospect[s] !== 1) continue;
      if (reported) this.ledger.prospecting(qIdx, s, share);
      const h = c.prospectHours[s] as number;
      let bank = (desk.prospectBank[s] as number) + share;
      // Within a relative 1e-9, so that shares adding up to h make an opportunity.
      while (bank >= h * (1 - 1e-9)) {
        bank = Math.max(0, bank - h);
        const arrives = w + (c.prospectLag[s] as number);
        if (arrives >= c.totalWeeks) continue;
        const k = desk.prospectedCount[s] as number;
        desk.prospectedCount[s] = k + 1;
        const d = world.prospect(c, desk.rep, s, k, arrives);
        this.table.ensure(world.count);
        desk.expect(d, arrives);
        this.observer?.event(EV_PROSPECTED, w, desk.rep, d, 0);
      }
      desk.prospectBank[s] = bank;
    }
  }

  /** Decides or stalls the deals that ended this week (§4, §5), and files their hours (§6). */
  private resolveEnded(
    desk: RepDesk,
    w: number,
    qIdx: number,
    reported: boolean,
    observer: RunObserver | undefined,
  ): void {
    const RATE = 2;
    const table = this.table;
    const ledger = this.ledger;
    const segmentOf = (this.world as World).segment;
    for (let k = 0; k < desk.endedCount; k++) {
      const e = desk.ended[k] as number;
      const d = e < 0 ? ~e : e;
      const s = segmentOf[d] as number;
      let fate: number;
      if (e >= 0)
        fate = this.decide(desk, d, s, w, qIdx, reported, table.pulled[d] === 1, observer);
      else {
        fate = FATE_STALLED;
        if (reported) ledger.stalled(qIdx, s);
        observer?.event(EV_STALLED, w, desk.rep, d, 0);
      }
      const b = d << 3; // d · DEAL_STRIDE
      if (reported) ledger.keepQuarterHours(d, qIdx);
      ledger.fileHours(d, s, fate);
      desk.rateSum -= table.deal[b | RATE] as number;
      desk.bySegment[s] = (desk.bySegment[s] as number) - 1;
      if (table.pulled[d] === 1) desk.pulledCount--;
    }
  }

  /**
   * Decides deal d, of segment s, in week w (docs/model.md §4): won or lost on its outcome draw,
   * booked in the rep's quarter. Returns FATE_WON or FATE_LOST.
   */
  private decide(
    desk: RepDesk,
    d: number,
    s: number,
    w: number,
    qIdx: number,
    reported: boolean,
    pulledIn: boolean,
    observer: RunObserver | undefined,
  ): number {
    const world = this.world as World;
    const st = this.st as CompiledStrategy;
    const rules = this.rules;
    const ledger = this.ledger;
    const age = w - (this.table.arrived[d] as number) + 1;
    const late = rules.lateness(age, world.cycle[d] as number);
    const p = rules.winProbability(world.winRateOf(d), late, pulledIn, st);
    if (reported) ledger.decidedLate(qIdx, s, late);
    if ((world.outcomeDraw[d] as number) >= p) {
      if (reported) ledger.lost(qIdx, s);
      observer?.event(EV_LOST, w, desk.rep, d, 0);
      return FATE_LOST;
    }
    const list = world.listValue[d] as number;
    const value = rules.bookedValue(list, s, pulledIn, st);
    const cost = value * (this.c.costToServe[s] as number);
    desk.booked += value;
    desk.margin += value - cost;
    observer?.event(EV_WON, w, desk.rep, d, value);
    if (reported) {
      const retained = rules.retained(s, w, world.churnDraw[d] as number);
      ledger.won(qIdx, s, list, value, cost, age, pulledIn, retained);
    }
    return FATE_WON;
  }

  /** Closes the rep's quarter qIdx: files the open deals' hours, then its attainment (§6, §9). */
  private closeQuarter(desk: RepDesk, qIdx: number, reported: boolean): void {
    const QUARTER_HOURS = 3;
    const deal = this.table.deal;
    // File the open deals' hours under this quarter (warm-up hours are not reported).
    for (let i = 0; i < desk.count; i++) {
      const d = desk.active[i] as number;
      const b = d << 3; // d · DEAL_STRIDE
      if (reported) this.ledger.keepQuarterHours(d, qIdx);
      deal[b | QUARTER_HOURS] = 0;
    }
    if (reported) this.ledger.closeQuarter(qIdx, desk.booked, desk.margin, desk.count);
    desk.booked = 0;
    desk.margin = 0;
  }

  /** The horizon has ended: the observer learns which of the rep's deals are still open. */
  private startSettling(desk: RepDesk): void {
    const observer = this.observer;
    if (observer === undefined) return;
    for (let i = 0; i < desk.count; i++) observer.stillOpen(desk.active[i] as number);
  }
}
