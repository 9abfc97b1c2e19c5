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
 * Whether some specialist pool is short this week (docs/model.md §12): the specialist hours the
 * team's open deals would draw at their full demand (§3 step 5), Σ k_{s,p} · demand, exceed the
 * pool's hours. If none is, no pool can hold any deal back, and each rep allocates on its own.
 * `need` is scratch of `pools` entries.
 */
export function poolsShort(
  desks: RepDesk[],
  table: DealTable,
  segmentOf: Uint8Array,
  specialistNeed: Float64Array,
  pools: number,
  poolHours: Float64Array,
  need: Float64Array,
  w: number,
  quarterEnd: number,
): boolean {
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const deal = table.deal;
  const pulled = table.pulled;
  need.fill(0);
  for (const desk of desks) {
    for (let i = 0; i < desk.count; i++) {
      const d = desk.active[i] as number;
      const b = d << 3; // d · DEAL_STRIDE
      const remaining = (deal[b | EFFORT] as number) - (deal[b | PROGRESS] as number);
      const demand =
        pulled[d] === 1
          ? remaining / (quarterEnd - w + 1)
          : Math.min(deal[b | RATE] as number, remaining);
      const s = segmentOf[d] as number;
      for (let p = 0; p < pools; p++) {
        need[p] = (need[p] as number) + (specialistNeed[s * pools + p] as number) * demand;
      }
    }
  }
  for (let p = 0; p < pools; p++) if ((need[p] as number) > (poolHours[p] as number)) return true;
  return false;
}

/**
 * Whether rep a's next deal `da` goes before rep b's next deal `db` in the team-wide order of week
 * w (docs/model.md §12): pulled-in deals first, then the higher key; equal keys go to the rep
 * first in the week's rotation, (r − w) mod R ascending, so that no rep is always last.
 */
function before(
  table: DealTable,
  da: number,
  a: number,
  db: number,
  b: number,
  w: number,
  reps: number,
): boolean {
  const KEY = 5;
  const pa = table.pulled[da] as number;
  const pb = table.pulled[db] as number;
  if (pa !== pb) return pa > pb;
  const ka = table.deal[(da << 3) | KEY] as number;
  const kb = table.deal[(db << 3) | KEY] as number;
  if (ka !== kb) return ka > kb;
  return (((a - w) % reps) + reps) % reps < (((b - w) % reps) + reps) % reps;
}

/**
 * The team's open deals in the team-wide order (docs/model.md §12), into `order`: a merge of the
 * reps' ranked lists with a binary heap of reps keyed by their next deal (Williams, "Algorithm
 * 232: Heapsort", CACM 1964), so O(n log R) for n deals and R reps. Each rep's deals keep its order.
 */
function mergeTeamOrder(
  desks: RepDesk[],
  table: DealTable,
  heap: number[],
  next: number[],
  order: number[],
  w: number,
): number {
  const reps = desks.length;
  let size = 0;
  const head = (r: number) => (desks[r] as RepDesk).active[next[r] as number] as number;
  const less = (i: number, j: number) => {
    const a = heap[i] as number;
    const b = heap[j] as number;
    return before(table, head(a), a, head(b), b, w, reps);
  };
  const down = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      let best = l;
      if (l + 1 < size && less(l + 1, l)) best = l + 1;
      if (!less(best, i)) return;
      const t = heap[i] as number;
      heap[i] = heap[best] as number;
      heap[best] = t;
      i = best;
    }
  };
  for (const desk of desks) {
    next[desk.rep] = 0;
    if (desk.count > 0) heap[size++] = desk.rep;
  }
  for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
  let n = 0;
  while (size > 0) {
    const r = heap[0] as number;
    const desk = desks[r] as RepDesk;
    order[n++] = desk.active[next[r] as number] as number;
    next[r] = (next[r] as number) + 1;
    if ((next[r] as number) >= desk.count) heap[0] = heap[--size] as number;
    down(0);
  }
  return n;
}

/**
 * Allocation across the team in a week when a specialist pool is short (docs/model.md §12): every
 * open deal of every rep (each rep's deals ranked this week), in the team-wide order, asks for
 * its demand as in allocateHours and gets the most that its rep's hours and each pool it draws on
 * allow: give = min(demand, rep hours left, pool hours left / need per hour). Its rep and each
 * pool pay for what it gets; deciding, starving and stalling are as in allocateHours.
 *
 * The per-deal steps are written out here as in allocateHours rather than shared: a helper
 * taking a deal's hours as arguments boxes them on the heap whenever V8 does not inline it, on
 * every deal of every week (docs/benchmarks.md). That the two agree is tested: with a pool that
 * is never short, every result is the same as without pools (tests/engine-mechanisms.test.ts,
 * §12(a)), and the reference model plays both paths from the one text of docs/model.md.
 */
export function allocateTeamHours(
  desks: RepDesk[],
  table: DealTable,
  segmentOf: Uint8Array,
  need: Float64Array,
  pools: number,
  poolLeft: Float64Array,
  poolHours: Float64Array,
  scratch: { order: number[]; heap: number[]; next: number[]; kept: number[] },
  w: number,
  quarterEnd: number,
  stallWeeks: number,
): void {
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const QUARTER_HOURS = 3;
  const STARVED = 4;
  const DONE_SHARE = 1 - 1e-9; // 1 − DONE_TOLERANCE
  const HALF = 0.5; // STARVED_SHARE
  const deal = table.deal;
  const pulled = table.pulled;
  const repOf = table.repOf;
  const order = scratch.order;
  const kept = scratch.kept;
  const n = mergeTeamOrder(desks, table, scratch.heap, scratch.next, order, w);
  for (const desk of desks) {
    desk.endedCount = 0;
    kept[desk.rep] = 0;
  }
  for (let p = 0; p < pools; p++) poolLeft[p] = poolHours[p] as number;
  for (let i = 0; i < n; i++) {
    const d = order[i] as number;
    const r = repOf[d] as number;
    const desk = desks[r] as RepDesk;
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
    if (prog >= E * DONE_SHARE || (isPulled && w === quarterEnd)) {
      desk.ended[desk.endedCount++] = d;
    } else if (give < HALF * demand) {
      const run = (deal[b | STARVED] as number) + 1;
      deal[b | STARVED] = run;
      if (run >= stallWeeks) desk.ended[desk.endedCount++] = ~d;
      else {
        desk.active[kept[r] as number] = d;
        kept[r] = (kept[r] as number) + 1;
      }
    } else {
      deal[b | STARVED] = 0;
      desk.active[kept[r] as number] = d;
      kept[r] = (kept[r] as number) + 1;
    }
  }
  for (const desk of desks) {
    desk.count = kept[desk.rep] as number;
    // Every rep's list was ranked this week; what is left stays in order.
    desk.sortFrom = desk.count;
  }
}
