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
 * order, while hours last: first the week's drawn arrivals, then the opportunities the rep
 * prospected that arrive this week, in the order prospected (§14). Each costs its segment's
 * qualification hours; one that finds too few hours left is unqualified; a qualified arrival of
 * a pursued segment opens, after the deals already open. Spends `desk.hours`.
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
  const r = desk.rep;
  const first = world.repWeekStart[r * world.weeks + w] as number;
  const last = world.repWeekStart[r * world.weeks + w + 1] as number;
  // Arrivals i in [first, last) are drawn deals; from `last` on, the prospected deals due now.
  const end = desk.pendingCount === 0 ? last : last + takeDue(desk, w);
  if (first === end) return;
  const segmentOf = world.segment;
  const qualification = c.qualification;
  const due = desk.due;
  let hours = desk.hours;
  for (let i = first; i < end; i++) {
    const d = i < last ? i : (due[i - last] as number);
    const s = segmentOf[d] as number;
    // (Drawn arrivals and their qualification hours are added up for the team in Ledger.tally.)
    if (i >= last && reported) ledger.prospectedArrival(qIdx, s);
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
    openDeal(c, world, table, ledger, desk, st, d, w);
    if (reported && st.hasPush) ledger.pursued(qIdx, s);
  }
  desk.hours = hours;
}

/**
 * Opens deal d on the rep's desk, after the deals already open (docs/model.md §3 step 2): its
 * record (effort, full-speed rate, no hours yet this quarter, not starved, its priority key),
 * arrived in week `arrived`. A deal of a start from today (§16) arrived before week 0, `−age`,
 * and has been worked at full speed since: age × rate hours done.
 */
export function openDeal(
  c: CompiledScenario,
  world: World,
  table: DealTable,
  ledger: Ledger,
  desk: RepDesk,
  st: CompiledStrategy,
  d: number,
  arrived: number,
): void {
  // Deal record fields (see DEAL_STRIDE) as literal locals.
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const QUARTER_HOURS = 3;
  const STARVED = 4;
  const KEY = 5;
  const deal = table.deal;
  const s = world.segment[d] as number;
  const priority = st.priority;
  desk.active[desk.count++] = d;
  const b = d << 3; // d · DEAL_STRIDE
  const e = world.rate[d] as number;
  deal[b | PROGRESS] = arrived < 0 ? -arrived * e : 0;
  deal[b | EFFORT] = world.effort[d] as number;
  deal[b | RATE] = e;
  deal[b | QUARTER_HOURS] = 0;
  deal[b | STARVED] = 0;
  if (priority === PRIORITY_EV_PER_HOUR) {
    table.evNumerator[d] =
      world.winRateOf(d) * (world.listValue[d] as number) * (1 - (c.discount[s] as number));
  } else if (!keyMoves(priority)) {
    deal[b | KEY] = fixedKey(priority, arrived, world.listValue[d] as number);
  }
  table.pulled[d] = 0;
  table.arrived[d] = arrived;
  table.repOf[d] = desk.rep;
  ledger.clearHours(d);
  desk.rateSum += e;
  desk.bySegment[s] = (desk.bySegment[s] as number) + 1;
}

/**
 * Moves the rep's prospected deals due in week w to `desk.due`, in the order prospected, and
 * returns how many; the others stay pending, in order.
 */
function takeDue(desk: RepDesk, w: number): number {
  let kept = 0;
  let taken = 0;
  for (let i = 0; i < desk.pendingCount; i++) {
    const d = desk.pendingDeal[i] as number;
    const week = desk.pendingWeek[i] as number;
    if (week === w) desk.due[taken++] = d;
    else {
      desk.pendingDeal[kept] = d;
      desk.pendingWeek[kept] = week;
      kept++;
    }
  }
  desk.pendingCount = kept;
  return taken;
}
