import type { CompiledScenario } from './compile.ts';
import { WATERFALL_PARTS, type WaterfallPartName } from './layout.ts';
import {
  EV_LOST,
  EV_PROSPECTED,
  EV_PULLED_IN,
  EV_STALLED,
  EV_WON,
  type RunObserver,
} from './strategy/observer.ts';
import type { World } from './world.ts';

/** How a deal ended under one strategy (docs/model.md §10). */
export const DEAL_NOT_WORKED = 0;
export const DEAL_WON = 1;
export const DEAL_LOST = 2;
export const DEAL_STALLED = 3;
export const DEAL_OPEN = 4;

/** Quarter code for a deal decided in warm-up or never decided. */
export const NO_QUARTER = -1;

/**
 * Each deal's fate under one strategy in one trial: what the waterfall needs to follow a deal
 * under A and under B. Filled by observing a StrategyRun; reused across trials.
 */
export class DealRecord implements RunObserver {
  /** Only the deals' ends (and pull-ins) matter to the waterfall. */
  readonly watchesEveryWeek = false;
  fate = new Uint8Array(0);
  /** Reported quarter the deal was decided in, or NO_QUARTER. */
  quarter = new Int8Array(0);
  booked = new Float64Array(0);
  /** 1 if the deal was pulled in (docs/model.md §7), however it ended. */
  pulled = new Uint8Array(0);
  /** 1 if the strategy's rep sourced the deal by prospecting (§14). */
  sourced = new Uint8Array(0);
  /** Deals recorded: those of the world when the run started, and any prospected since (§14). */
  n = 0;
  private warmupWeeks = 0;
  private weeksPerQuarter = 1;

  /** Clears the record for a world of n deals: every deal starts as never worked. */
  reset(n: number, c: CompiledScenario): void {
    this.n = 0;
    this.extend(n);
    this.warmupWeeks = c.warmupWeeks;
    this.weeksPerQuarter = c.weeksPerQuarter;
  }

  /** Records deals up to n (exclusive), the new ones as never worked. */
  private extend(n: number): void {
    if (this.fate.length < n) {
      const cap = Math.max(n, this.fate.length * 2);
      const grow = <T extends Uint8Array | Int8Array | Float64Array>(a: T, b: T): T => {
        b.set(a.subarray(0, this.n));
        return b;
      };
      this.fate = grow(this.fate, new Uint8Array(cap));
      this.quarter = grow(this.quarter, new Int8Array(cap));
      this.booked = grow(this.booked, new Float64Array(cap));
      this.pulled = grow(this.pulled, new Uint8Array(cap));
      this.sourced = grow(this.sourced, new Uint8Array(cap));
    }
    if (n > this.n) {
      this.fate.fill(DEAL_NOT_WORKED, this.n, n);
      this.quarter.fill(NO_QUARTER, this.n, n);
      this.pulled.fill(0, this.n, n);
      this.sourced.fill(0, this.n, n);
      this.n = n;
    }
  }

  /** Deal d's fate (a deal prospected after this run is one it never worked). */
  fateOf(d: number): number {
    return d < this.n ? (this.fate[d] as number) : DEAL_NOT_WORKED;
  }

  /** Whether the strategy had deal d: every drawn deal, and the prospected ones it sourced. */
  had(d: number, baseCount: number): boolean {
    return d < baseCount || (d < this.n && this.sourced[d] === 1);
  }

  event(kind: number, week: number, _rep: number, deal: number, booked: number): void {
    if (deal >= this.n) this.extend(deal + 1);
    if (kind === EV_PULLED_IN) this.pulled[deal] = 1;
    else if (kind === EV_PROSPECTED) this.sourced[deal] = 1;
    else if (kind === EV_STALLED) this.fate[deal] = DEAL_STALLED;
    else if (kind === EV_WON || kind === EV_LOST) {
      // Observed weeks are within the horizon: the quarter is reported from the warm-up's end.
      const q = Math.floor((week - this.warmupWeeks) / this.weeksPerQuarter);
      this.quarter[deal] = q >= 0 ? q : NO_QUARTER;
      if (kind === EV_WON) {
        this.fate[deal] = DEAL_WON;
        this.booked[deal] = booked;
      } else this.fate[deal] = DEAL_LOST;
    }
  }

  hours(): void {}

  push(): void {}

  stillOpen(deal: number): void {
    if (deal >= this.n) this.extend(deal + 1);
    this.fate[deal] = DEAL_OPEN;
  }
}

const PARTS = WATERFALL_PARTS.length;
/** Each part's index in a quarter's block of the waterfall (WATERFALL_PARTS order). */
const P = Object.fromEntries(WATERFALL_PARTS.map((name, i) => [name, i])) as Record<
  WaterfallPartName,
  number
>;

/** The mechanism that explains a deal won by one strategy and not by the other. */
function mechanism(
  sweetSpot: boolean,
  otherHad: boolean,
  otherFate: number,
  otherPulled: boolean,
): number {
  // A deal the winner's rep prospected and the other strategy never had (§14).
  if (!otherHad) return P.prospectedWins;
  if (otherFate === DEAL_OPEN) return P.stillOpen;
  if (!sweetSpot) return P.outOfProfileWins;
  if (otherFate === DEAL_NOT_WORKED) return P.sweetSpotNeverWorked;
  // Lost or stalled under the other strategy. The winner's odds are at most p_s, so a lost draw
  // was U < p_s: the loser's lateness or its pull-in factor cost it the deal.
  if (otherFate === DEAL_LOST && otherPulled) return P.pullInOdds;
  return P.sweetSpotNeglect;
}

/**
 * Adds one trial's exact decomposition of A − B to `out` (layout: quarter · parts + part), in
 * real currency units: mechanisms at list value, then −Δ discount given and −Δ cost to serve.
 */
export function accumulateWaterfall(
  c: CompiledScenario,
  sweetSpot: Uint8Array,
  world: World,
  a: DealRecord,
  b: DealRecord,
  out: Float64Array,
): void {
  /** Adds v to part p of quarter q. */
  const put = (q: number, p: number, v: number) => {
    out[q * PARTS + p] = (out[q * PARTS + p] as number) + v;
  };
  for (let d = 0; d < world.count; d++) {
    const fa = a.fateOf(d);
    const fb = b.fateOf(d);
    const wonA = fa === DEAL_WON;
    const wonB = fb === DEAL_WON;
    if (!wonA && !wonB) continue;
    const s = world.segment[d] as number;
    const list = world.listValue[d] as number;
    const qa = a.quarter[d] as number;
    const qb = b.quarter[d] as number;
    const cost = c.costToServe[s] as number;
    if (wonA && qa >= 0) {
      const booked = a.booked[d] as number;
      put(qa, P.discountGiven, -(list - booked));
      put(qa, P.costToServe, -booked * cost);
    }
    if (wonB && qb >= 0) {
      const booked = b.booked[d] as number;
      put(qb, P.discountGiven, list - booked);
      put(qb, P.costToServe, booked * cost);
    }
    if (wonA && wonB) {
      if (qa === qb) continue;
      if (qa >= 0) put(qa, P.timing, list);
      if (qb >= 0) put(qb, P.timing, -list);
    } else if (wonA) {
      if (qa < 0) continue;
      const m = mechanism(sweetSpot[s] === 1, b.had(d, world.baseCount), fb, b.pulled[d] === 1);
      put(qa, m, list);
    } else {
      if (qb < 0) continue;
      const m = mechanism(sweetSpot[s] === 1, a.had(d, world.baseCount), fa, a.pulled[d] === 1);
      put(qb, m, -list);
    }
  }
}
