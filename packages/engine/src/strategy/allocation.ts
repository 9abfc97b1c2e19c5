import type { DealTable } from './deal-table.ts';
import type { Ledger } from './ledger.ts';
import type { RepDesk } from './rep-desk.ts';

/** A deal is starved in a week when it gets less than this share of the hours it asked for. */
export const STARVED_SHARE = 0.5;

/**
 * Overhead (docs/model.md §3 step 3): every open deal's attention cost, shared pro rata when
 * hours run short. Spends `desk.hours` and leaves what it used in `desk.overheadUsed`.
 */
export function chargeOverhead(
  desk: RepDesk,
  ledger: Ledger,
  overhead: number,
  qIdx: number,
  reported: boolean,
): void {
  desk.overheadUsed = 0;
  if (overhead <= 0 || desk.count === 0) return;
  const used = Math.min(overhead * desk.count, desk.hours);
  if (reported) ledger.overhead(qIdx, used / desk.count, desk.bySegment);
  desk.hours -= used;
  desk.overheadUsed = used;
}

/**
 * Allocation of a rep's hours (docs/model.md §3 step 5), deal by deal in priority order: each open
 * deal asks for its full-speed rate (a pulled-in deal: what it needs to finish by the quarter's
 * end) and gets it while hours last. A deal whose progress reaches its effort (or a pulled-in deal
 * in the quarter's last week) ends to be decided; one starved `stallWeeks` weeks in a row stalls.
 * Those that end are listed in `desk.ended` in priority order (d if decided, ~d if stalled) and
 * left out of the open list. Spends `desk.hours`.
 *
 * This loop only does arithmetic on the deal records (it runs for every open deal every week);
 * what the ended deals mean is worked out after it, in the same order.
 */
export function allocateHours(
  desk: RepDesk,
  table: DealTable,
  w: number,
  quarterEnd: number,
  stallWeeks: number,
): void {
  // Deal record fields (see DEAL_STRIDE) and model constants, as literal locals.
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const QUARTER_HOURS = 3;
  const STARVED = 4;
  const DONE_SHARE = 1 - 1e-9; // 1 − DONE_TOLERANCE
  const HALF = 0.5; // STARVED_SHARE
  desk.endedCount = 0;
  if (desk.count === 0) return;
  const deal = table.deal;
  const active = desk.active;
  const ended = desk.ended;
  const activeCount = desk.count;
  // Ranking puts the pulled-in deals first, so they are the first `pulledEnd` below.
  const pulledEnd = desk.pulledCount;
  const sortFrom = desk.sortFrom;
  let hours = desk.hours;
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
      if (i < sortFrom) endedBeforeSortFrom++;
    } else if (give < HALF * demand) {
      const run = (deal[b | STARVED] as number) + 1;
      deal[b | STARVED] = run;
      if (run >= stallWeeks) {
        ended[endedCount++] = ~d; // stalls
        if (i < sortFrom) endedBeforeSortFrom++;
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
  desk.count = kept;
  desk.sortFrom = sortFrom - endedBeforeSortFrom;
  desk.endedCount = endedCount;
  desk.hours = hours;
}

/**
 * Allocation across the team when deals need specialist hours from shared pools (docs/model.md
 * §12): every open deal of every rep, in the strategy's priority order across the whole team
 * (pulled-in deals first, then by key, highest first; ties by rep, then by the rep's own order),
 * asks for its demand as in allocateHours and gets the most that its rep's hours and each pool it
 * draws on allow: give = min(demand, rep hours left, pool hours left / need per hour). Its rep and
 * each pool pay for what it gets. Without pools (or with pools that never run short) each rep's
 * deals get exactly what allocateHours gives them: a rep's deals come in the rep's own order, and
 * no other rep's deal takes from its hours. Every rep's open deals must be ranked this week.
 */
export function allocateTeamHours(
  desks: RepDesk[],
  table: DealTable,
  segmentOf: Uint8Array,
  need: Float64Array,
  pools: number,
  poolLeft: Float64Array,
  poolHours: Float64Array,
  order: number[],
  kept: number[],
  w: number,
  quarterEnd: number,
  stallWeeks: number,
): void {
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const QUARTER_HOURS = 3;
  const STARVED = 4;
  const KEY = 5;
  const DONE_SHARE = 1 - 1e-9; // 1 − DONE_TOLERANCE
  const HALF = 0.5; // STARVED_SHARE
  const deal = table.deal;
  const pulled = table.pulled;
  const repOf = table.repOf;
  // The team's open deals, rep by rep in each rep's order; a stable sort then merges them.
  let n = 0;
  for (const desk of desks) {
    for (let i = 0; i < desk.count; i++) order[n++] = desk.active[i] as number;
    desk.endedCount = 0;
  }
  order.length = n;
  order.sort(
    (x, y) =>
      (pulled[y] as number) - (pulled[x] as number) ||
      (deal[(y << 3) | KEY] as number) - (deal[(x << 3) | KEY] as number) ||
      (repOf[x] as number) - (repOf[y] as number),
  );
  for (let p = 0; p < pools; p++) poolLeft[p] = poolHours[p] as number;
  kept.fill(0);
  for (let i = 0; i < n; i++) {
    const d = order[i] as number;
    const desk = desks[repOf[d] as number] as RepDesk;
    const b = d << 3; // d · DEAL_STRIDE
    const E = deal[b | EFFORT] as number;
    const prog0 = deal[b | PROGRESS] as number;
    const remaining = E - prog0;
    const isPulled = pulled[d] === 1;
    const demand = isPulled
      ? remaining / (quarterEnd - w + 1)
      : Math.min(deal[b | RATE] as number, remaining);
    let give = demand < desk.hours ? demand : desk.hours;
    const s = segmentOf[d] as number;
    for (let p = 0; p < pools; p++) {
      const k = need[s * pools + p] as number;
      if (k > 0 && give * k > (poolLeft[p] as number)) give = (poolLeft[p] as number) / k;
    }
    desk.hours -= give;
    for (let p = 0; p < pools; p++) {
      const k = need[s * pools + p] as number;
      // (Never below 0: pool/k × k can exceed the pool by a rounding.)
      if (k > 0) poolLeft[p] = Math.max(0, (poolLeft[p] as number) - give * k);
    }
    const prog = prog0 + give;
    deal[b | PROGRESS] = prog;
    deal[b | QUARTER_HOURS] = (deal[b | QUARTER_HOURS] as number) + give;
    const r = repOf[d] as number;
    if (prog >= E * DONE_SHARE || (isPulled && w === quarterEnd)) {
      desk.ended[desk.endedCount++] = d;
    } else if (give < HALF * demand) {
      const run = (deal[b | STARVED] as number) + 1;
      deal[b | STARVED] = run;
      if (run >= stallWeeks) desk.ended[desk.endedCount++] = ~d;
      else desk.active[(kept[r] as number)++] = d;
    } else {
      deal[b | STARVED] = 0;
      desk.active[(kept[r] as number)++] = d;
    }
  }
  for (const desk of desks) {
    desk.count = kept[desk.rep] as number;
    // Every rep's list was ranked this week; what is left stays in order.
    desk.sortFrom = desk.count;
  }
}
