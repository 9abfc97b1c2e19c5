import type { Priority } from '@sweetspot/scenario';
import type { DealTable } from './deal-table.ts';
import type { RepDesk } from './rep-desk.ts';

/*
 * The order in which a rep works its open deals (docs/model.md §3 step 4): one set of codes for
 * the compiler and the week loop.
 */
export const PRIORITY_EV_PER_HOUR = 0;
export const PRIORITY_OLDEST_FIRST = 1;
export const PRIORITY_CLOSEST_TO_CLOSE = 2;
export const PRIORITY_LARGEST_FIRST = 3;

/** Priority rules as small integers for the hot loop. */
export const PRIORITY_CODE: Record<Priority, number> = {
  'expected-value-per-hour': PRIORITY_EV_PER_HOUR,
  'oldest-first': PRIORITY_OLDEST_FIRST,
  'closest-to-close': PRIORITY_CLOSEST_TO_CLOSE,
  'largest-first': PRIORITY_LARGEST_FIRST,
};

/** Whether the rule's key moves as a deal is worked (so it is recomputed at every ranking). */
export function keyMoves(priority: number): boolean {
  return priority === PRIORITY_EV_PER_HOUR || priority === PRIORITY_CLOSEST_TO_CLOSE;
}

/**
 * A deal's key under a rule whose key never moves, set once when the deal is pursued in week w:
 * oldest first ranks by −(arrival week) (age w' − a orders the deals as −a does), largest first by
 * list value.
 */
export function fixedKey(priority: number, week: number, listValue: number): number {
  return priority === PRIORITY_OLDEST_FIRST ? -week : listValue;
}

/**
 * Whether this week's order can change the allocation (docs/model.md §3 step 4): only when deals
 * were pulled in (they ask for more than their rate) or the open deals' full-speed rates add up to
 * more than the hours left (`desk.hours`). Ranking or not gives the same allocation otherwise, so skipping it
 * only saves time; ties keep the last ranking, which is why the rule is part of the model.
 */
export function needsRanking(desk: RepDesk): boolean {
  return desk.pulledCount > 0 || desk.rateSum > desk.hours * (1 - 1e-9);
}

/**
 * Orders the rep's open deals: pulled-in deals first, then by the strategy's priority key,
 * highest first (docs/model.md §3 step 4); ties keep their previous order. Insertion sort: the
 * list is nearly sorted from last week, so this is ~linear. A key that moves with progress is
 * recomputed for every deal first; with a fixed key, the deals before `sortFrom` are already in
 * order, so the sort starts there.
 */
export function rankDeals(desk: RepDesk, table: DealTable, priority: number): void {
  const KEY = 5; // deal record field, see DEAL_STRIDE
  const deal = table.deal;
  const active = desk.active;
  const n = desk.count;
  if (n === 0) return;
  const withPulled = desk.pulledCount > 0;
  let from = 1;
  if (keyMoves(priority)) refreshMovingKeys(desk, table, priority === PRIORITY_EV_PER_HOUR);
  else {
    if (desk.sortFrom > from) from = desk.sortFrom;
    desk.sortFrom = n;
  }
  const pulled = table.pulled;
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

/**
 * This week's keys, for a rule whose key moves with progress (docs/model.md §3 step 4):
 * p_s · V · (1 − discount) / remaining effort (`perHour`), or − remaining effort. All keys first,
 * then the sort: the divisions then overlap. (A function of its own, so that V8 can inline both.)
 */
function refreshMovingKeys(desk: RepDesk, table: DealTable, perHour: boolean): void {
  const PROGRESS = 0;
  const EFFORT = 1;
  const KEY = 5;
  const deal = table.deal;
  const active = desk.active;
  const evNumerator = table.evNumerator;
  for (let i = 0; i < desk.count; i++) {
    const d = active[i] as number;
    const b = d << 3; // d · DEAL_STRIDE
    const remaining = (deal[b | EFFORT] as number) - (deal[b | PROGRESS] as number);
    deal[b | KEY] = perHour ? (evNumerator[d] as number) / remaining : -remaining;
  }
}
