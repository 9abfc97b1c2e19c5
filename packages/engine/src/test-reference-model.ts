/**
 * A second, deliberately plain implementation of docs/model.md §3–§8 and §10, written from the
 * text of the model and nothing else, for the differential tests of mutation-kills.test.ts (not
 * part of the package API). It plays a strategy on a world the engine drew (the world's own
 * rules, §2, are checked separately against the random primitives) and says what every deal,
 * rep-week and quarter must come to. It imports no engine code: only the World's arrays are read.
 *
 * It favours the obvious over the fast: every week it sorts the open deals (stable: ties keep
 * the previous order), keeps each deal's state in an object, and accumulates in the order the
 * model's text gives.
 */
import type { Pursue, Scenario, Segment, Strategy } from '@sweetspot/scenario';
import type { World } from './world.ts';

/** Settling stops after this many weeks past the horizon (§6). */
const SETTLE_WEEKS = 20_000;

/** A deal is done when its effort is reached within this relative tolerance (§3 step 5). */
const DONE = 1 - 1e-9;

/** Segment aggregates of one quarter (§3–§8), real units. */
export interface RefSegmentQuarter {
  arrivals: number;
  pursued: number;
  unqualified: number;
  wins: number;
  losses: number;
  stalls: number;
  listValueWon: number;
  bookings: number;
  costToServe: number;
  cycleWeeksWon: number;
  lateWeeksDecided: number;
  pulledIn: number;
  pulledInWins: number;
  hoursWon: number;
  hoursLost: number;
  hoursStalled: number;
  hoursQualification: number;
  hoursOverhead: number;
  prospected: number;
  hoursProspecting: number;
}

export interface RefTeamQuarter {
  hoursIdle: number;
  hoursCapacity: number;
  pushRepWeeks: number;
  openDealsAtEnd: number;
}

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

export interface RefStrategyResult {
  bookings: number[];
  margin: number[];
  repsAtQuota: number[];
  hoursWasted: number[];
  retained: number;
  /** [quarter][segment] */
  segments: RefSegmentQuarter[][];
  /** [quarter] */
  team: RefTeamQuarter[];
  /** [quarter][bin]: reps per attainment bin (bins of 5%, the last one ≥ 300%). */
  attainment: number[][];
  /** Every deal of the world, by world index. */
  fates: RefDealFate[];
  /** Deals that arrived within the horizon, by world index. */
  traced: Map<number, RefTracedDeal>;
  /** Hours by rep-week: [worked, qualification, overhead, idle] at rep · T + week. */
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
  s: number;
  arrived: number;
  V: number;
  C: number;
  E: number;
  rate: number;
  progress: number;
  starved: number;
  pulled: boolean;
  /** Hours worked on it in the current quarter (warm-up quarters included). */
  quarterHours: number;
  /** Hours worked on it in each reported quarter. */
  hoursByQuarter: number[];
}

function emptySegmentQuarter(): RefSegmentQuarter {
  return {
    arrivals: 0,
    pursued: 0,
    unqualified: 0,
    wins: 0,
    losses: 0,
    stalls: 0,
    listValueWon: 0,
    bookings: 0,
    costToServe: 0,
    cycleWeeksWon: 0,
    lateWeeksDecided: 0,
    pulledIn: 0,
    pulledInWins: 0,
    hoursWon: 0,
    hoursLost: 0,
    hoursStalled: 0,
    hoursQualification: 0,
    hoursOverhead: 0,
    prospected: 0,
    hoursProspecting: 0,
  };
}

/** The rep of every deal, from the world's per-rep-week ranges. */
function repOf(world: World): Int32Array {
  const rep = new Int32Array(world.count);
  for (let r = 0; r < world.reps; r++) {
    const from = world.repWeekStart[r * world.weeks] as number;
    const to = world.repWeekStart[(r + 1) * world.weeks] as number;
    for (let d = from; d < to; d++) rep[d] = r;
  }
  return rep;
}

/**
 * Plays `strategy` of `scenario` on `world` by the rules of docs/model.md and returns everything
 * the engine reports about it.
 */
export function referencePlay(
  scenario: Scenario,
  strategy: Strategy,
  world: World,
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

  const result: RefStrategyResult = {
    bookings: new Array<number>(Q).fill(0),
    margin: new Array<number>(Q).fill(0),
    repsAtQuota: new Array<number>(Q).fill(0),
    hoursWasted: new Array<number>(Q).fill(0),
    retained: 0,
    segments: Array.from({ length: Q }, () => Array.from({ length: S }, emptySegmentQuarter)),
    team: Array.from({ length: Q }, () => ({
      hoursIdle: 0,
      hoursCapacity: 0,
      pushRepWeeks: 0,
      openDealsAtEnd: 0,
    })),
    attainment: Array.from({ length: Q }, () => new Array<number>(REF_ATTAINMENT_BINS).fill(0)),
    fates: Array.from({ length: world.count }, () => ({
      fate: 'not-worked' as RefFate,
      quarter: -1,
      booked: 0,
      pulled: false,
    })),
    traced: new Map(),
    hours: Array.from({ length: R * T }, () => [0, 0, 0, 0]),
    push: new Array<number>(R * T).fill(0),
  };

  const rep = repOf(world);
  // Arrivals by rep and week, in generation order (segment order within a week).
  const arrivalsOf = (r: number, w: number): number[] => {
    const out: number[] = [];
    for (let d = 0; d < world.count; d++) {
      if (rep[d] === r && world.week[d] === w) out.push(d);
    }
    return out;
  };

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

  for (let r = 0; r < R; r++) {
    let open: OpenDeal[] = [];
    let booked = 0;
    let margin = 0;
    // Settling (§6) plays on until every deal has ended, or for at most SETTLE_WEEKS.
    for (let w = 0; w < T || (open.length > 0 && w < T + SETTLE_WEEKS); w++) {
      const settling = w >= T;
      if (w === T) {
        for (const o of open) (result.fates[o.d] as RefDealFate).fate = 'open';
      }
      const q = quarterOf(w);
      const reported = !settling && q >= 0;
      const quarterEnd = W0 + (q + 1) * K - 1;
      const seg = (s: number) =>
        (result.segments[q] as RefSegmentQuarter[])[s] as RefSegmentQuarter;
      const teamQ = result.team[q] as RefTeamQuarter;
      let hours = team.sellingHoursPerWeek;
      let pursue = strategy.pursue;

      // 1. Quarter-end push (§7), decided from the deals open at the start of the week.
      if (push && !settling && weekOfQuarter(w) >= push.fromWeek) {
        let expected = 0;
        for (const o of open) {
          const decision = projected(o, w, quarterEnd);
          if (decision <= quarterEnd) expected += winProbability(o, decision) * bookedValue(o);
        }
        if (booked + expected < push.belowAttainment * quota) {
          hours *= push.overtime;
          pursue = push.pursue;
          result.push[r * T + w] = 1;
          if (reported) teamQ.pushRepWeeks++;
          for (const o of open) {
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

      // 2. Qualification of this week's arrivals, in arrival order.
      if (!settling) {
        for (const d of arrivalsOf(r, w)) {
          const s = world.segment[d] as number;
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
          if (reported) seg(s).arrivals++;
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
          const C = world.cycle[d] as number;
          const E = world.effort[d] as number;
          open.push({
            d,
            s,
            arrived: w,
            V: world.listValue[d] as number,
            C,
            E,
            rate: E / C,
            progress: 0,
            starved: 0,
            pulled: false,
            quarterHours: 0,
            hoursByQuarter: new Array<number>(Q).fill(0),
          });
        }
      }
      const afterQualification = hours;

      // 3. Overhead, shared equally among the open deals when hours run short.
      let overheadUsed = 0;
      if (team.overheadHoursPerActiveDeal > 0 && open.length > 0) {
        overheadUsed = Math.min(team.overheadHoursPerActiveDeal * open.length, hours);
        hours -= overheadUsed;
        if (reported) {
          for (const o of open) seg(o.s).hoursOverhead += overheadUsed / open.length;
        }
      }

      // 4. Priority: pulled-in deals first, then the strategy's key, highest first; ties keep
      // the previous order (Array.prototype.sort is stable).
      const key = (o: OpenDeal): number => {
        const remaining = o.E - o.progress;
        switch (strategy.priority) {
          case 'expected-value-per-hour':
            return (
              ((world.winRate[o.s] as number) * o.V * (1 - (segs[o.s] as Segment).discount)) /
              remaining
            );
          case 'oldest-first':
            return w - o.arrived + 1;
          case 'closest-to-close':
            return -remaining;
          case 'largest-first':
            return o.V;
        }
      };
      // Ranked only when the order can matter (§3 step 4): some deal is pulled in, or the open
      // deals' full-speed rates add up to more than the hours left.
      const rates = open.reduce((sum, o) => sum + o.rate, 0);
      const ranks = open.some((o) => o.pulled) || rates > hours * (1 - 1e-9);
      const keys = new Map(open.map((o) => [o, key(o)]));
      if (ranks)
        open.sort(
          (x, y) =>
            Number(y.pulled) - Number(x.pulled) ||
            (keys.get(y) as number) - (keys.get(x) as number),
        );

      // 5. Work, then decisions in priority order.
      const ended: { o: OpenDeal; stalled: boolean }[] = [];
      const still: OpenDeal[] = [];
      for (const o of open) {
        const remaining = o.E - o.progress;
        const demand = o.pulled ? remaining / (quarterEnd - w + 1) : Math.min(o.rate, remaining);
        const give = Math.min(demand, hours);
        hours -= give;
        o.progress += give;
        o.quarterHours += give;
        if (o.progress >= o.E * DONE || (o.pulled && w === quarterEnd)) {
          ended.push({ o, stalled: false });
        } else if (give < 0.5 * demand) {
          o.starved++;
          if (o.starved >= dynamics.stallWeeks) ended.push({ o, stalled: true });
          else still.push(o);
        } else {
          o.starved = 0;
          still.push(o);
        }
      }
      open = still;
      for (const { o, stalled } of ended) {
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
          if ((world.outcomeDraw[o.d] as number) < winProbability(o, w)) {
            how = 'won';
            const value = bookedValue(o);
            booked += value;
            margin += value * (1 - segment.costToServe);
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
              if ((world.churnDraw[o.d] as number) < keep) result.retained += value;
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
        for (let k = 0; k < Q; k++) {
          const h = o.hoursByQuarter[k] as number;
          const x = (result.segments[k] as RefSegmentQuarter[])[o.s] as RefSegmentQuarter;
          if (how === 'won') x.hoursWon += h;
          else if (how === 'lost') x.hoursLost += h;
          else x.hoursStalled += h;
          if (how !== 'won') result.hoursWasted[k] = (result.hoursWasted[k] as number) + h;
        }
      }
      if (reported) teamQ.hoursIdle += hours;
      if (!settling) {
        result.hours[r * T + w] = [
          afterQualification - overheadUsed - hours,
          capacity - afterQualification,
          overheadUsed,
          hours,
        ];
      }

      // Quarter close (§5).
      if (!settling && weekOfQuarter(w) === K) {
        for (const o of open) {
          if (reported) o.hoursByQuarter[q] = o.quarterHours;
          o.quarterHours = 0;
        }
        if (reported) {
          result.bookings[q] = (result.bookings[q] as number) + booked;
          result.margin[q] = (result.margin[q] as number) + margin;
          if (booked >= quota) result.repsAtQuota[q] = (result.repsAtQuota[q] as number) + 1;
          const bin = Math.min(REF_ATTAINMENT_BINS - 1, Math.floor(booked / quota / 0.05));
          const bins = result.attainment[q] as number[];
          bins[bin] = (bins[bin] as number) + 1;
          teamQ.openDealsAtEnd += open.length;
        }
        booked = 0;
        margin = 0;
      }
    }
    // A deal still open when settling stops is filed as stalled (§6).
    for (const o of open) {
      for (let k = 0; k < Q; k++) {
        const h = o.hoursByQuarter[k] as number;
        const x = (result.segments[k] as RefSegmentQuarter[])[o.s] as RefSegmentQuarter;
        x.hoursStalled += h;
        result.hoursWasted[k] = (result.hoursWasted[k] as number) + h;
      }
    }
  }
  return result;
}

/** The waterfall parts of §10, in the engine's order, as a per-quarter table of one trial. */
export const REF_WATERFALL_PARTS = [
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
export type RefWaterfallPart = (typeof REF_WATERFALL_PARTS)[number];

/**
 * One trial's A − B decomposition (§10), by quarter and part, from the two compared strategies'
 * deal fates: mechanisms at list value, then −Δ discount given and −Δ cost to serve.
 */
export function referenceWaterfall(
  scenario: Scenario,
  world: World,
  a: RefDealFate[],
  b: RefDealFate[],
): Record<RefWaterfallPart, number>[] {
  const out = Array.from(
    { length: scenario.horizon.quarters },
    () =>
      Object.fromEntries(REF_WATERFALL_PARTS.map((p) => [p, 0])) as Record<
        RefWaterfallPart,
        number
      >,
  );
  const add = (q: number, part: RefWaterfallPart, v: number) => {
    const row = out[q] as Record<RefWaterfallPart, number>;
    row[part] += v;
  };
  for (let d = 0; d < world.count; d++) {
    const fa = a[d] as RefDealFate;
    const fb = b[d] as RefDealFate;
    const wonA = fa.fate === 'won';
    const wonB = fb.fate === 'won';
    if (!wonA && !wonB) continue;
    const segment = scenario.segments[world.segment[d] as number] as Segment;
    const list = world.listValue[d] as number;
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
    let part: RefWaterfallPart;
    if (other.fate === 'open') part = 'stillOpen';
    else if (!segment.sweetSpot) part = 'outOfProfileWins';
    else if (other.fate === 'not-worked') part = 'sweetSpotNeverWorked';
    else if (other.fate === 'lost' && other.pulled) part = 'pullInOdds';
    else part = 'sweetSpotNeglect';
    add(winner.quarter, part, sign * list);
  }
  return out;
}
