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
