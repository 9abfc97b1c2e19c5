import type { CompiledScenario, CompiledStrategy } from '../compile.ts';
import type { World } from '../world.ts';
import type { DealTable } from './deal-table.ts';
import type { Ledger } from './ledger.ts';
import {
  EV_ARRIVED,
  EV_QUALIFIED_IN,
  EV_QUALIFIED_OUT,
  EV_UNQUALIFIED,
  type RunObserver,
} from './observer.ts';
import { fixedKey, keyMoves, PRIORITY_EV_PER_HOUR } from './priority.ts';
import type { RepDesk } from './rep-desk.ts';

/**
 * Qualification of rep `desk.rep`'s arrivals of week w (docs/model.md §3 step 2), in arrival
 * order, while hours last: an arrival costs its segment's qualification hours; one that finds too
 * few hours left is unqualified; a qualified arrival of a pursued segment opens, after the deals
 * already open. Spends `desk.hours`.
 */
export function qualifyArrivals(
  c: CompiledScenario,
  world: World,
  table: DealTable,
  ledger: Ledger,
  desk: RepDesk,
  st: CompiledStrategy,
  pursue: Uint8Array,
  w: number,
  qIdx: number,
  reported: boolean,
  observer: RunObserver | undefined,
): void {
  // Deal record fields (see DEAL_STRIDE) as literal locals.
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const QUARTER_HOURS = 3;
  const STARVED = 4;
  const KEY = 5;
  const r = desk.rep;
  const first = world.repWeekStart[r * world.weeks + w] as number;
  const last = world.repWeekStart[r * world.weeks + w + 1] as number;
  if (first === last) return;
  const segmentOf = world.segment;
  const qualification = c.qualification;
  const priority = st.priority;
  const keyIsFixed = !keyMoves(priority);
  const deal = table.deal;
  const active = desk.active;
  let hours = desk.hours;
  for (let d = first; d < last; d++) {
    // (Arrivals and qualification hours are added up for the whole team in Ledger.tally.)
    const s = segmentOf[d] as number;
    const q = qualification[s] as number;
    observer?.event(EV_ARRIVED, w, r, d, 0);
    if (q > hours) {
      if (reported) ledger.unqualified(qIdx, s);
      observer?.event(EV_UNQUALIFIED, w, r, d, 0);
      continue;
    }
    hours -= q;
    if (pursue[s] !== 1) {
      observer?.event(EV_QUALIFIED_OUT, w, r, d, 0);
      continue;
    }
    observer?.event(EV_QUALIFIED_IN, w, r, d, 0);
    // Pursued: open from this week, after the deals already open.
    active[desk.count++] = d;
    const b = d << 3; // d · DEAL_STRIDE
    deal[b | PROGRESS] = 0;
    deal[b | EFFORT] = world.effort[d] as number;
    const e = world.rate[d] as number;
    deal[b | RATE] = e;
    deal[b | QUARTER_HOURS] = 0;
    deal[b | STARVED] = 0;
    if (priority === PRIORITY_EV_PER_HOUR) {
      table.evNumerator[d] =
        (world.winRate[s] as number) *
        (world.listValue[d] as number) *
        (1 - (c.discount[s] as number));
    } else if (keyIsFixed) {
      deal[b | KEY] = fixedKey(priority, w, world.listValue[d] as number);
    }
    table.pulled[d] = 0;
    ledger.clearHours(d);
    desk.rateSum += e;
    desk.bySegment[s] = (desk.bySegment[s] as number) + 1;
    if (reported && st.hasPush) ledger.pursued(qIdx, s);
  }
  desk.hours = hours;
}
