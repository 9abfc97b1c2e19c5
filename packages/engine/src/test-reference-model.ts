/**
 * A second, deliberately plain implementation of docs/model.md §3–§8, §10 and §12–§14, written
 * from the text of the model and nothing else, for the differential tests of
 * mutation-kills.test.ts (not part of the package API). It plays a strategy on a world the engine
 * drew (the world's own rules, §2, are checked separately against the random primitives) and says
 * what every deal, rep-week and quarter must come to. It imports no engine code, only the
 * layout's tables of names (what the results are called, not how they are computed): the World's
 * arrays are read, and prospected opportunities (§14) come from a `RefProspects` whose draws the
 * caller supplies (the test draws them from the random primitives as §14 writes).
 *
 * It favours the obvious over the fast: it plays every rep's week w before week w + 1 (the order
 * §12's shared pools need; without pools the reps share nothing, so the order changes nothing but
 * the order of sums over reps), sorts the open deals (stable: ties keep the previous order), keeps
 * each deal's state in an object, and accumulates in the order the model's text gives.
 */
import type { Pursue, Scenario, Segment, Strategy } from '@sweetspot/scenario';
import {
  SEGMENT_AGGREGATES,
  type SegmentAggregate,
  type TeamAggregate,
  WATERFALL_PARTS,
  type WaterfallPartName,
} from './layout.ts';
import type { World } from './world.ts';

/** Settling stops after this many weeks past the horizon (§6). */
const SETTLE_WEEKS = 20_000;

/** A deal is done when its effort is reached within this relative tolerance (§3 step 5). */
const DONE = 1 - 1e-9;

/** Segment aggregates of one quarter (§3–§8), real units, named as the engine's layout names them. */
export type RefSegmentQuarter = Record<SegmentAggregate, number>;

export type RefTeamQuarter = Record<TeamAggregate, number>;

/** How a deal ended, for the waterfall (§10): what the compared strategies' records hold. */
export type RefFate = 'not-worked' | 'won' | 'lost' | 'stalled' | 'open';

export interface RefDealFate {
  fate: RefFate;
  /** Reported quarter of the decision (won or lost), else -1. */
  quarter: number;
  booked: number;
  pulled: boolean;
}

/** One deal as a traced strategy saw it within the horizon (weeks 0 … T − 1). */
export interface RefTracedDeal {
  rep: number;
  arrived: number;
  qualification: 'in' | 'out' | 'unqualified';
  pulledIn: number | undefined;
  end: 'won' | 'lost' | 'stalled' | 'open';
  endWeek: number;
  booked: number;
}

/** One prospected opportunity's draws (§14: size, cycle, effort, outcome, churn, as in §2). */
export interface RefProspectDraw {
  V: number;
  C: number;
  E: number;
  U: number;
  churn: number;
}

/** A prospected opportunity: rep r's k-th of segment s, and its draws. */
export interface RefProspect extends RefProspectDraw {
  rep: number;
  segment: number;
  k: number;
}

/**
 * The prospected opportunities of one trial (§14), shared by every strategy played on it: rep
 * r's k-th opportunity of segment s gets one id (after the world's drawn deals) the first time
 * any strategy sources it, and is the same deal for every strategy. `draw(r, s, k)` gives its
 * draws (called once per opportunity, k = 0, 1, … in order for each rep and segment).
 */
export class RefProspects {
  readonly baseCount: number;
  private readonly draw: (r: number, s: number, k: number) => RefProspectDraw;
  private readonly ids = new Map<string, number>();
  readonly deals: RefProspect[] = [];

  constructor(baseCount: number, draw: (r: number, s: number, k: number) => RefProspectDraw) {
    this.baseCount = baseCount;
    this.draw = draw;
  }

  /** The id of rep r's k-th prospected opportunity of segment s. */
  id(r: number, s: number, k: number): number {
    const key = `${r}:${s}:${k}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.baseCount + this.deals.length;
      this.deals.push({ rep: r, segment: s, k, ...this.draw(r, s, k) });
      this.ids.set(key, id);
    }
    return id;
  }

  /** The id of rep r's k-th prospected opportunity of segment s, if some strategy sourced it. */
  find(r: number, s: number, k: number): number | undefined {
    return this.ids.get(`${r}:${s}:${k}`);
  }

  /** The prospected opportunity with id `id` (≥ baseCount). */
  deal(id: number): RefProspect {
    const d = this.deals[id - this.baseCount];
    if (!d) throw new Error(`no prospected deal ${id}`);
    return d;
  }

  /** Ids handed out so far end here. */
  get count(): number {
    return this.baseCount + this.deals.length;
  }
}

export interface RefStrategyResult {
  bookings: number[];
  margin: number[];
  repsAtQuota: number[];
  hoursWasted: number[];
  /** §13: rep hours worked and specialist hours used, at their rates, by quarter. */
  costOfSale: number[];
  /** §13: gross margin − cost of sale, by quarter. */
  contribution: number[];
  /** §12: Σ_s K_s · (hours lost + hours stalled), by quarter. */
  specialistHoursWasted: number[];
  retained: number;
  /** [quarter][segment] */
  segments: RefSegmentQuarter[][];
  /** [quarter] */
  team: RefTeamQuarter[];
  /** [quarter][bin]: reps per attainment bin (bins of 5%, the last one ≥ 300%). */
  attainment: number[][];
  /**
   * Every deal the strategy had, by id: the world's drawn deals (all of them), and the prospected
   * deals (ids from RefProspects) that arrived to this strategy within the horizon. A prospected
   * id missing here is one this strategy never had (§10, §14).
   */
  fates: RefDealFate[];
  /** Deals that arrived within the horizon, by id. */
  traced: Map<number, RefTracedDeal>;
  /**
   * Hours by rep-week: [worked, qualification, overhead, idle, prospecting] at rep · T + week.
   */
  hours: number[][];
  /** 1 when the rep pushed that week, at rep · T + week. */
  push: number[];
}

/** Bins of the rep-attainment histogram (§5): 60 bins of 5% up to 300%, then one for ≥ 300%. */
export const REF_ATTAINMENT_BINS = 61;

function takes(pursue: Pursue, segment: Segment): boolean {
  if (pursue === 'all') return true;
  if (pursue === 'sweet-spot') return segment.sweetSpot;
  return pursue.includes(segment.id);
}

interface OpenDeal {
  d: number;
  r: number;
  s: number;
  arrived: number;
  V: number;
  C: number;
  E: number;
  U: number;
  churn: number;
  rate: number;
  progress: number;
  starved: number;
  pulled: boolean;
  /** Priority key of the last ranking. */
  key: number;
  /** Hours worked on it in the current quarter (warm-up quarters included). */
  quarterHours: number;
  /** Hours worked on it in each reported quarter. */
  hoursByQuarter: number[];
}

function emptySegmentQuarter(): RefSegmentQuarter {
  return Object.fromEntries(SEGMENT_AGGREGATES.map((name) => [name, 0])) as RefSegmentQuarter;
}

/** An opportunity sourced by prospecting, waiting to arrive (§14). */
interface Pending {
  week: number;
  id: number;
}

/** One rep's state over the trial. */
interface Rep {
  r: number;
  open: OpenDeal[];
  booked: number;
  margin: number;
  /** §14: prospecting hours not yet turned into an opportunity, by segment. */
  bank: number[];
  /** §14: opportunities sourced so far, by segment (the next one's k). */
  sourced: number[];
  /** §14: sourced opportunities still to arrive, in the order sourced. */
  pending: Pending[];
}

/** What a rep's week carries from steps 1–4 to step 5 and on. */
interface RepWeek {
  rep: Rep;
  hours: number;
  capacity: number;
  afterQualification: number;
  overheadUsed: number;
  pushing: boolean;
  ended: { o: OpenDeal; stalled: boolean }[];
}

/**
 * Plays `strategy` of `scenario` on `world` by the rules of docs/model.md and returns everything
 * the engine reports about it. `prospects` holds the trial's prospected opportunities (§14):
 * needed only if the strategy prospects, and shared by the strategies played on the same world.
 */
export function referencePlay(
  scenario: Scenario,
  strategy: Strategy,
  world: World,
  prospects?: RefProspects,
): RefStrategyResult {
  const { team, dynamics, horizon } = scenario;
  const segs = scenario.segments;
  const S = segs.length;
  const K = horizon.weeksPerQuarter;
  const Q = horizon.quarters;
  const W0 = horizon.warmupWeeks;
  const T = W0 + Q * K;
  const R = team.reps;
  const quota = team.quotaPerRepPerQuarter;
  const push = strategy.quarterEndPush;

  // §12: the pools some segment needs; with one, step 5 is taken by the whole team at once.
  const need = (s: number, pool: string) =>
    (segs[s] as Segment).specialistHoursPerSellingHour?.[pool] ?? 0;
  const pools = (team.specialists ?? []).filter((pool) =>
    segs.some((_, s) => need(s, pool.id) > 0),
  );
  const teamWide = pools.length > 0;

  // §14: the segments prospected, and whether in every week or only in the weeks a rep pushes.
  const prospecting = strategy.prospecting;
  const prospected = segs.map(
    (seg) =>
      prospecting !== undefined && takes(prospecting.pursue, seg) && seg.prospecting !== undefined,
  );
  const prospectsAtAll = prospected.includes(true);

  const result: RefStrategyResult = {
    bookings: new Array<number>(Q).fill(0),
    margin: new Array<number>(Q).fill(0),
    repsAtQuota: new Array<number>(Q).fill(0),
    hoursWasted: new Array<number>(Q).fill(0),
    costOfSale: new Array<number>(Q).fill(0),
    contribution: new Array<number>(Q).fill(0),
    specialistHoursWasted: new Array<number>(Q).fill(0),
    retained: 0,
    segments: Array.from({ length: Q }, () => Array.from({ length: S }, emptySegmentQuarter)),
    team: Array.from({ length: Q }, () => ({
      hoursIdle: 0,
      hoursCapacity: 0,
      pushRepWeeks: 0,
      openDealsAtEnd: 0,
    })),
    attainment: Array.from({ length: Q }, () => new Array<number>(REF_ATTAINMENT_BINS).fill(0)),
    fates: Array.from({ length: world.baseCount }, () => ({
      fate: 'not-worked' as RefFate,
      quarter: -1,
      booked: 0,
      pulled: false,
    })),
    traced: new Map(),
    hours: Array.from({ length: R * T }, () => [0, 0, 0, 0, 0]),
    push: new Array<number>(R * T).fill(0),
  };
  /** Rep hours worked (capacity − idle) in each reported quarter (§13). */
  const repHoursWorked = new Array<number>(Q).fill(0);

  // The world's drawn arrivals by rep and week, in generation order (segment order in a week).
  const drawn: number[][] = Array.from({ length: R * T }, () => []);
  for (let r = 0; r < R; r++) {
    const from = world.repWeekStart[r * world.weeks] as number;
    const to = world.repWeekStart[(r + 1) * world.weeks] as number;
    for (let d = from; d < to; d++) (drawn[r * T + (world.week[d] as number)] as number[]).push(d);
  }

  /** Quarter (0-based, negative in the warm-up) and week of quarter (1 … K) of week w. */
  const quarterOf = (w: number) => Math.floor((w - W0) / K);
  const weekOfQuarter = (w: number) => w - W0 - quarterOf(w) * K + 1;

  /** Win probability of a deal decided in week w (§4). */
  const winProbability = (o: OpenDeal, w: number) => {
    const age = w - o.arrived + 1;
    const late = Math.max(0, age - o.C);
    const pS = world.winRate[o.s] as number;
    return (
      pS *
      (1 - dynamics.delayPenaltyPerWeek) ** late *
      (o.pulled ? (push?.pullInWinFactor ?? 1) : 1)
    );
  };
  const bookedValue = (o: OpenDeal) => {
    const seg = segs[o.s] as Segment;
    return o.V * (1 - seg.discount) * (o.pulled ? 1 - (push?.extraDiscount ?? 0) : 1);
  };
  /** Week a deal would be decided in if worked at full speed from week w on (§7). */
  const projected = (o: OpenDeal, w: number, quarterEnd: number) => {
    if (o.pulled) return quarterEnd;
    // ceil(remaining / e), ignoring float noise of a billionth of a week.
    const weeks = Math.max(1, Math.ceil((o.E - o.progress) / o.rate - 1e-9));
    return w + weeks - 1;
  };
  const key = (o: OpenDeal, w: number): number => {
    const remaining = o.E - o.progress;
    switch (strategy.priority) {
      case 'expected-value-per-hour':
        return (
          ((world.winRate[o.s] as number) * o.V * (1 - (segs[o.s] as Segment).discount)) / remaining
        );
      case 'oldest-first':
        return w - o.arrived + 1;
      case 'closest-to-close':
        return -remaining;
      case 'largest-first':
        return o.V;
    }
  };
  /** Pulled-in deals first, then by key, highest first; a stable sort keeps ties in order. */
  const byPriority = (x: OpenDeal, y: OpenDeal) =>
    Number(y.pulled) - Number(x.pulled) || y.key - x.key;

  const reps: Rep[] = Array.from({ length: R }, (_, r) => ({
    r,
    open: [],
    booked: 0,
    margin: 0,
    bank: new Array<number>(S).fill(0),
    sourced: new Array<number>(S).fill(0),
    pending: [],
  }));

  /** Steps 1–4 of rep's week w (§3). */
  const openWeek = (rep: Rep, w: number): RepWeek => {
    const r = rep.r;
    const settling = w >= T;
    const q = quarterOf(w);
    const reported = !settling && q >= 0;
    const quarterEnd = W0 + (q + 1) * K - 1;
    const seg = (s: number) => (result.segments[q] as RefSegmentQuarter[])[s] as RefSegmentQuarter;
    const teamQ = result.team[q] as RefTeamQuarter;
    let hours = team.sellingHoursPerWeek;
    let pursue = strategy.pursue;
    let pushing = false;

    // 1. Quarter-end push (§7), decided from the deals open at the start of the week.
    if (push && !settling && weekOfQuarter(w) >= push.fromWeek) {
      let expected = 0;
      for (const o of rep.open) {
        const decision = projected(o, w, quarterEnd);
        if (decision <= quarterEnd) expected += winProbability(o, decision) * bookedValue(o);
      }
      if (rep.booked + expected < push.belowAttainment * quota) {
        pushing = true;
        hours *= push.overtime;
        pursue = push.pursue;
        result.push[r * T + w] = 1;
        if (reported) teamQ.pushRepWeeks++;
        for (const o of rep.open) {
          if (o.pulled) continue;
          const decision = projected(o, w, quarterEnd);
          if (decision > quarterEnd && decision <= quarterEnd + push.pullInWeeks) {
            o.pulled = true;
            if (reported) seg(o.s).pulledIn++;
            const t = result.traced.get(o.d);
            if (t) t.pulledIn = w;
          }
        }
      }
    }
    const capacity = hours;
    if (reported) teamQ.hoursCapacity += capacity;

    // 2. Qualification of this week's arrivals: the drawn ones in generation order, then the
    // prospected ones in the order they were sourced (§14).
    if (!settling) {
      const arriving: { d: number; p: RefProspect | undefined }[] = (
        drawn[r * T + w] as number[]
      ).map((d) => ({ d, p: undefined }));
      while (rep.pending.length > 0 && (rep.pending[0] as Pending).week === w) {
        const { id } = rep.pending.shift() as Pending;
        arriving.push({ d: id, p: (prospects as RefProspects).deal(id) });
      }
      for (const { d, p } of arriving) {
        const s = p ? p.segment : (world.segment[d] as number);
        const segment = segs[s] as Segment;
        const traced: RefTracedDeal = {
          rep: r,
          arrived: w,
          qualification: 'unqualified',
          pulledIn: undefined,
          end: 'open',
          endWeek: Number.POSITIVE_INFINITY,
          booked: 0,
        };
        result.traced.set(d, traced);
        if (p) result.fates[d] = { fate: 'not-worked', quarter: -1, booked: 0, pulled: false };
        if (reported) {
          seg(s).arrivals++;
          if (p) seg(s).prospected++;
        }
        if (hours < segment.qualificationHours) {
          if (reported) seg(s).unqualified++;
          continue;
        }
        hours -= segment.qualificationHours;
        if (reported) seg(s).hoursQualification += segment.qualificationHours;
        if (!takes(pursue, segment)) {
          traced.qualification = 'out';
          continue;
        }
        traced.qualification = 'in';
        if (reported) seg(s).pursued++;
        const C = p ? p.C : (world.cycle[d] as number);
        const E = p ? p.E : (world.effort[d] as number);
        rep.open.push({
          d,
          r,
          s,
          arrived: w,
          V: p ? p.V : (world.listValue[d] as number),
          C,
          E,
          U: p ? p.U : (world.outcomeDraw[d] as number),
          churn: p ? p.churn : (world.churnDraw[d] as number),
          rate: E / C,
          progress: 0,
          starved: 0,
          pulled: false,
          key: 0,
          quarterHours: 0,
          hoursByQuarter: new Array<number>(Q).fill(0),
        });
      }
    }
    const afterQualification = hours;

    // 3. Overhead, shared equally among the open deals when hours run short.
    let overheadUsed = 0;
    if (team.overheadHoursPerActiveDeal > 0 && rep.open.length > 0) {
      overheadUsed = Math.min(team.overheadHoursPerActiveDeal * rep.open.length, hours);
      hours -= overheadUsed;
      if (reported) {
        for (const o of rep.open) seg(o.s).hoursOverhead += overheadUsed / rep.open.length;
      }
    }

    // 4. Priority: ranked only when the order can matter (§3 step 4: some deal is pulled in, or
    // the open deals' full-speed rates add up to more than the hours left); with shared pools,
    // also every week a pool is short (§12: done in the team step).
    const rates = rep.open.reduce((sum, o) => sum + o.rate, 0);
    const ranks = rep.open.some((o) => o.pulled) || rates > hours * (1 - 1e-9);
    if (ranks) {
      for (const o of rep.open) o.key = key(o, w);
      rep.open.sort(byPriority);
    }
    return { rep, hours, capacity, afterQualification, overheadUsed, pushing, ended: [] };
  };

  /**
   * Step 5 for the deals in `order` (§3; §12 with pools): each asks for its demand and gets the
   * most its rep's hours and its pools allow; then done, starved or stalled.
   */
  const work = (order: OpenDeal[], weeks: RepWeek[], w: number, players: Rep[]) => {
    const quarterEnd = w >= T ? w : W0 + (quarterOf(w) + 1) * K - 1;
    const poolLeft = pools.map((pool) => pool.hoursPerWeek);
    const still = new Set<OpenDeal>();
    for (const o of order) {
      const rw = weeks[o.r] as RepWeek;
      const remaining = o.E - o.progress;
      const demand = o.pulled ? remaining / (quarterEnd - w + 1) : Math.min(o.rate, remaining);
      let give = Math.min(demand, rw.hours);
      pools.forEach((pool, p) => {
        const k = need(o.s, pool.id);
        if (k > 0) give = Math.min(give, (poolLeft[p] as number) / k);
      });
      rw.hours -= give;
      pools.forEach((pool, p) => {
        poolLeft[p] = (poolLeft[p] as number) - need(o.s, pool.id) * give;
      });
      o.progress += give;
      o.quarterHours += give;
      if (o.progress >= o.E * DONE || (o.pulled && w === quarterEnd)) {
        rw.ended.push({ o, stalled: false });
      } else if (give < 0.5 * demand) {
        o.starved++;
        if (o.starved >= dynamics.stallWeeks) rw.ended.push({ o, stalled: true });
        else still.add(o);
      } else {
        o.starved = 0;
        still.add(o);
      }
    }
    // Each rep keeps its open deals in its own order.
    for (const rep of players) rep.open = rep.open.filter((o) => still.has(o));
  };

  /** The decisions of the deals that ended, prospecting (§14), the quarter close (§5). */
  const closeWeek = (rw: RepWeek, w: number) => {
    const rep = rw.rep;
    const r = rep.r;
    const settling = w >= T;
    const q = quarterOf(w);
    const reported = !settling && q >= 0;
    const seg = (s: number) => (result.segments[q] as RefSegmentQuarter[])[s] as RefSegmentQuarter;
    const teamQ = result.team[q] as RefTeamQuarter;
    const dealHours = rw.afterQualification - rw.overheadUsed - rw.hours;
    for (const { o, stalled } of rw.ended) {
      const segment = segs[o.s] as Segment;
      const fate = result.fates[o.d] as RefDealFate;
      const traced = result.traced.get(o.d);
      let how: 'won' | 'lost' | 'stalled';
      if (stalled) {
        how = 'stalled';
        if (reported) seg(o.s).stalls++;
        if (!settling) fate.fate = 'stalled';
      } else {
        const age = w - o.arrived + 1;
        const late = Math.max(0, age - o.C);
        if (reported) seg(o.s).lateWeeksDecided += late;
        if (!settling) {
          fate.quarter = reported ? q : -1;
          fate.pulled = o.pulled;
        }
        if (o.U < winProbability(o, w)) {
          how = 'won';
          const value = bookedValue(o);
          rep.booked += value;
          rep.margin += value * (1 - segment.costToServe);
          if (!settling) {
            fate.fate = 'won';
            fate.booked = value;
          }
          if (traced && !settling) traced.booked = value;
          if (reported) {
            const x = seg(o.s);
            x.wins++;
            x.listValueWon += o.V;
            x.bookings += value;
            x.costToServe += value * segment.costToServe;
            x.cycleWeeksWon += age;
            if (o.pulled) x.pulledInWins++;
            const keep = (1 - segment.annualChurn) ** ((T - 1 - w) / 52);
            if (o.churn < keep) result.retained += value;
          }
        } else {
          how = 'lost';
          if (reported) seg(o.s).losses++;
          if (!settling) fate.fate = 'lost';
        }
      }
      if (traced && !settling) {
        traced.end = how;
        traced.endWeek = w;
      }
      // Hours are filed by quarter under how the deal ended (§6); settling hours are not.
      if (reported) o.hoursByQuarter[q] = o.quarterHours;
      fileHours(o, how);
    }

    // 6. Prospecting (§14): in the horizon, in the weeks the strategy prospects, the hours left
    // are split equally among the prospected segments and banked; each full hoursPerOpportunity
    // sources the rep's next opportunity of the segment, arriving lagWeeks later.
    let prospectingHours = 0;
    const prospectsNow =
      prospectsAtAll &&
      !settling &&
      (prospecting?.when === 'always' || (prospecting?.when === 'during-push' && rw.pushing));
    if (prospectsNow) {
      const I = rw.hours;
      const n = prospected.filter(Boolean).length;
      prospectingHours = I;
      rw.hours = 0;
      segs.forEach((segment, s) => {
        if (!prospected[s]) return;
        const how = segment.prospecting as NonNullable<Segment['prospecting']>;
        if (reported) seg(s).hoursProspecting += I / n;
        rep.bank[s] = (rep.bank[s] as number) + I / n;
        while ((rep.bank[s] as number) >= how.hoursPerOpportunity * (1 - 1e-9)) {
          rep.bank[s] = (rep.bank[s] as number) - how.hoursPerOpportunity;
          const arrives = w + how.lagWeeks;
          if (arrives >= T) continue; // spent for nothing the horizon sees
          const k = rep.sourced[s] as number;
          rep.sourced[s] = k + 1;
          const id = (prospects as RefProspects).id(r, s, k);
          rep.pending.push({ week: arrives, id });
        }
      });
      // Arrivals are taken week by week, in the order sourced (a stable sort by week).
      rep.pending.sort((x, y) => x.week - y.week);
    }
    if (reported) {
      teamQ.hoursIdle += rw.hours;
      repHoursWorked[q] = (repHoursWorked[q] as number) + rw.capacity - rw.hours;
    }
    if (!settling) {
      result.hours[r * T + w] = [
        dealHours,
        rw.capacity - rw.afterQualification,
        rw.overheadUsed,
        rw.hours,
        prospectingHours,
      ];
    }

    // Quarter close (§5).
    if (!settling && weekOfQuarter(w) === K) {
      for (const o of rep.open) {
        if (reported) o.hoursByQuarter[q] = o.quarterHours;
        o.quarterHours = 0;
      }
      if (reported) {
        result.bookings[q] = (result.bookings[q] as number) + rep.booked;
        result.margin[q] = (result.margin[q] as number) + rep.margin;
        if (rep.booked >= quota) result.repsAtQuota[q] = (result.repsAtQuota[q] as number) + 1;
        const bin = Math.min(REF_ATTAINMENT_BINS - 1, Math.floor(rep.booked / quota / 0.05));
        const bins = result.attainment[q] as number[];
        bins[bin] = (bins[bin] as number) + 1;
        teamQ.openDealsAtEnd += rep.open.length;
      }
      rep.booked = 0;
      rep.margin = 0;
    }
  };

  const fileHours = (o: OpenDeal, how: 'won' | 'lost' | 'stalled') => {
    for (let k = 0; k < Q; k++) {
      const h = o.hoursByQuarter[k] as number;
      const x = (result.segments[k] as RefSegmentQuarter[])[o.s] as RefSegmentQuarter;
      if (how === 'won') x.hoursWon += h;
      else if (how === 'lost') x.hoursLost += h;
      else x.hoursStalled += h;
      if (how !== 'won') result.hoursWasted[k] = (result.hoursWasted[k] as number) + h;
    }
  };

  // Every rep's week w, then week w + 1. Settling (§6) plays on until every deal has ended, or
  // for at most SETTLE_WEEKS.
  for (let w = 0; w < T || (reps.some((rep) => rep.open.length > 0) && w < T + SETTLE_WEEKS); w++) {
    if (w === T) {
      for (const rep of reps) {
        for (const o of rep.open) (result.fates[o.d] as RefDealFate).fate = 'open';
      }
    }
    const playing = reps.filter((rep) => w < T || rep.open.length > 0);
    const weeks: RepWeek[] = [];
    for (const rep of playing) weeks[rep.r] = openWeek(rep, w);
    // §12: is a pool short this week? Its hours against what the team's open deals would draw at
    // their full demand.
    const quarterEnd = w >= T ? w : W0 + (quarterOf(w) + 1) * K - 1;
    const short =
      teamWide &&
      pools.some((pool) => {
        let drawn = 0;
        for (const rep of playing) {
          for (const o of rep.open) {
            const remaining = o.E - o.progress;
            const demand = o.pulled
              ? remaining / (quarterEnd - w + 1)
              : Math.min(o.rate, remaining);
            drawn += need(o.s, pool.id) * demand;
          }
        }
        return drawn > pool.hoursPerWeek;
      });
    if (short) {
      // Every rep ranks; the team's deals go in the team-wide order: pulled-in first, then by
      // key, highest first; equal keys by the week's rotation of reps, (r − w) mod R, then in
      // the rep's own order (a stable sort of the reps' ranked lists, taken in rotation order).
      for (const rep of playing) {
        for (const o of rep.open) o.key = key(o, w);
        rep.open.sort(byPriority);
      }
      const rotation = (r: number) => (((r - w) % R) + R) % R;
      const inRotation = [...playing].sort((x, y) => rotation(x.r) - rotation(y.r));
      work(inRotation.flatMap((rep) => rep.open).sort(byPriority), weeks, w, playing);
    } else {
      for (const rep of playing) work([...rep.open], weeks, w, [rep]);
    }
    for (const rep of playing) closeWeek(weeks[rep.r] as RepWeek, w);
  }
  // A deal still open when settling stops is filed as stalled (§6).
  for (const rep of reps) for (const o of rep.open) fileHours(o, 'stalled');

  // §12, §13: specialist hours wasted, cost of sale and contribution.
  for (let q = 0; q < Q; q++) {
    let specialistCost = 0;
    let wasted = 0;
    segs.forEach((_, s) => {
      const x = (result.segments[q] as RefSegmentQuarter[])[s] as RefSegmentQuarter;
      const lost = x.hoursLost + x.hoursStalled;
      const K_s = pools.reduce((sum, pool) => sum + need(s, pool.id), 0);
      const costPerHour = pools.reduce(
        (sum, pool) => sum + need(s, pool.id) * (pool.costPerHour ?? 0),
        0,
      );
      wasted += K_s * lost;
      specialistCost += costPerHour * (x.hoursWon + lost);
    });
    result.specialistHoursWasted[q] = wasted;
    result.costOfSale[q] =
      (team.costPerSellingHour ?? 0) * (repHoursWorked[q] as number) + specialistCost;
    result.contribution[q] = (result.margin[q] as number) - (result.costOfSale[q] as number);
  }
  return result;
}

/**
 * One trial's A − B decomposition (§10, §13, §14), by quarter and part, from the two compared
 * strategies' results: mechanisms at list value, then −Δ discount given, −Δ cost to serve and
 * −Δ cost of sale.
 */
export function referenceWaterfall(
  scenario: Scenario,
  world: World,
  a: RefStrategyResult,
  b: RefStrategyResult,
  prospects?: RefProspects,
): Record<WaterfallPartName, number>[] {
  const out = Array.from(
    { length: scenario.horizon.quarters },
    () =>
      Object.fromEntries(WATERFALL_PARTS.map((p) => [p, 0])) as Record<WaterfallPartName, number>,
  );
  const add = (q: number, part: WaterfallPartName, v: number) => {
    const row = out[q] as Record<WaterfallPartName, number>;
    row[part] += v;
  };
  const never: RefDealFate = { fate: 'not-worked', quarter: -1, booked: 0, pulled: false };
  const count = prospects?.count ?? world.baseCount;
  for (let d = 0; d < count; d++) {
    const fa = a.fates[d] ?? never;
    const fb = b.fates[d] ?? never;
    const wonA = fa.fate === 'won';
    const wonB = fb.fate === 'won';
    if (!wonA && !wonB) continue;
    const p = d >= world.baseCount ? prospects?.deal(d) : undefined;
    const s = p ? p.segment : (world.segment[d] as number);
    const segment = scenario.segments[s] as Segment;
    const list = p ? p.V : (world.listValue[d] as number);
    if (wonA && fa.quarter >= 0) {
      add(fa.quarter, 'discountGiven', -(list - fa.booked));
      add(fa.quarter, 'costToServe', -fa.booked * segment.costToServe);
    }
    if (wonB && fb.quarter >= 0) {
      add(fb.quarter, 'discountGiven', list - fb.booked);
      add(fb.quarter, 'costToServe', fb.booked * segment.costToServe);
    }
    if (wonA && wonB) {
      if (fa.quarter === fb.quarter) continue;
      if (fa.quarter >= 0) add(fa.quarter, 'timing', list);
      if (fb.quarter >= 0) add(fb.quarter, 'timing', -list);
      continue;
    }
    const [winner, other, sign] = wonA ? [fa, fb, 1] : [fb, fa, -1];
    if (winner.quarter < 0) continue;
    // A prospected deal the other strategy never had (§14): only the winner sourced it.
    const otherHad = (wonA ? b : a).fates[d] !== undefined;
    let part: WaterfallPartName;
    if (other.fate === 'open') part = 'stillOpen';
    else if (p && !otherHad) part = 'prospectedWins';
    else if (!segment.sweetSpot) part = 'outOfProfileWins';
    else if (other.fate === 'not-worked') part = 'sweetSpotNeverWorked';
    else if (other.fate === 'lost' && other.pulled) part = 'pullInOdds';
    else part = 'sweetSpotNeglect';
    add(winner.quarter, part, sign * list);
  }
  for (let q = 0; q < scenario.horizon.quarters; q++) {
    add(q, 'costOfSale', -((a.costOfSale[q] as number) - (b.costOfSale[q] as number)));
  }
  return out;
}
