/**
 * One quarter of a traced trial, week by week, for the replay: per strategy, bookings climbing
 * toward quota, each rep's hours by use and push weeks, and the deal events. Pure TS.
 */
import {
  type StrategyTrace,
  TRACE_USES,
  type TraceEvent,
  type TraceEventKind,
  type TrialTrace,
} from '@sweetspot/engine';

export interface WeekCounts {
  arrived: number;
  qualifiedIn: number;
  qualifiedOut: number;
  unqualified: number;
  pulledIn: number;
  won: number;
  lost: number;
  stalled: number;
  /** Booked value of the deals won this week. */
  wonValue: number;
  /** List value minus booked value of the deals won this week (discounts given). */
  discount: number;
  /** Opportunities sourced by prospecting this week (they arrive weeks later, docs/model.md §14). */
  prospected: number;
}

export interface RepWeek {
  /** Hours by use, in TRACE_USES order. */
  hours: number[];
  total: number;
  push: boolean;
}

export interface StrategyReplay {
  id: string;
  name: string;
  /** Bookings booked in each week of the quarter. */
  weekly: number[];
  /** Bookings booked so far, after each week of the quarter. */
  cumulative: number[];
  /** Bookings of the quarter. */
  final: number;
  /** [rep][week of quarter]. */
  cells: RepWeek[][];
  counts: WeekCounts[];
  /** Events of the quarter other than arrivals and qualification, in week order. */
  notable: ReplayEvent[];
  pushRepWeeks: number;
  /** Team hours spent prospecting in the quarter (docs/model.md §14). */
  prospectingHours: number;
}

export interface ReplayEvent extends TraceEvent {
  /** Week of the quarter, 0-based. */
  weekOfQuarter: number;
  /** The deal was pulled in (it has a 'pulled-in' event). */
  pulledIn: boolean;
}

export interface QuarterReplay {
  quarter: number;
  /** First absolute week of the quarter. */
  startWeek: number;
  weeks: number;
  reps: number;
  segments: TrialTrace['segments'];
  strategies: StrategyReplay[];
}

const NOTABLE = new Set<TraceEventKind>(['won', 'lost', 'stalled', 'pulled-in']);

/** A week in which nothing happened. */
export function emptyCounts(): WeekCounts {
  return {
    arrived: 0,
    qualifiedIn: 0,
    qualifiedOut: 0,
    unqualified: 0,
    pulledIn: 0,
    won: 0,
    lost: 0,
    stalled: 0,
    wonValue: 0,
    discount: 0,
    prospected: 0,
  };
}

function strategyReplay(
  trace: TrialTrace,
  st: StrategyTrace,
  startWeek: number,
  weeks: number,
): StrategyReplay {
  const uses = TRACE_USES.length;
  const weekly: number[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < weeks; k++) {
    const v = st.weeklyBookings[startWeek + k] ?? 0;
    weekly.push(v);
    sum += v;
    cumulative.push(sum);
  }
  const cells: RepWeek[][] = [];
  let pushRepWeeks = 0;
  for (let r = 0; r < trace.reps; r++) {
    const row: RepWeek[] = [];
    for (let k = 0; k < weeks; k++) {
      const w = startWeek + k;
      const base = (r * trace.weeks + w) * uses;
      const hours = Array.from({ length: uses }, (_, u) => st.hours[base + u] ?? 0);
      const push = (st.push[r * trace.weeks + w] ?? 0) === 1;
      if (push) pushRepWeeks++;
      row.push({ hours, total: hours.reduce((x, y) => x + y, 0), push });
    }
    cells.push(row);
  }
  const pulled = new Set<string>();
  for (const e of st.events) if (e.kind === 'pulled-in') pulled.add(`${e.rep}:${e.deal}`);
  const counts = Array.from({ length: weeks }, emptyCounts);
  const notable: ReplayEvent[] = [];
  for (const e of st.events) {
    const k = e.week - startWeek;
    if (k < 0 || k >= weeks) continue;
    const c = counts[k] as WeekCounts;
    switch (e.kind) {
      case 'arrived':
        c.arrived++;
        break;
      case 'qualified-in':
        c.qualifiedIn++;
        break;
      case 'qualified-out':
        c.qualifiedOut++;
        break;
      case 'unqualified':
        c.unqualified++;
        break;
      case 'pulled-in':
        c.pulledIn++;
        break;
      case 'won':
        c.won++;
        c.wonValue += e.bookedValue;
        c.discount += e.listValue - e.bookedValue;
        break;
      case 'lost':
        c.lost++;
        break;
      case 'stalled':
        c.stalled++;
        break;
      case 'prospected':
        c.prospected++;
        break;
    }
    if (NOTABLE.has(e.kind))
      notable.push({ ...e, weekOfQuarter: k, pulledIn: pulled.has(`${e.rep}:${e.deal}`) });
  }
  notable.sort((x, y) => x.week - y.week);
  const p = TRACE_USES.indexOf('prospecting');
  let prospectingHours = 0;
  for (const row of cells) for (const cell of row) prospectingHours += cell.hours[p] ?? 0;
  return {
    id: st.id,
    name: st.name,
    weekly,
    cumulative,
    final: sum,
    cells,
    counts,
    notable,
    pushRepWeeks,
    prospectingHours,
  };
}

/** Whether any rep of either strategy spent hours prospecting in the quarter. */
export function replayProspects(replay: QuarterReplay): boolean {
  return replay.strategies.some((s) => s.prospectingHours > 0);
}

/** Team hours spent prospecting in week `k` of the quarter (0-based). */
export function weekProspecting(s: StrategyReplay, k: number): number {
  const p = TRACE_USES.indexOf('prospecting');
  return s.cells.reduce((acc, row) => acc + (row[k]?.hours[p] ?? 0), 0);
}

/** The replay of reported quarter `quarter` (0-based) for the strategies `ids` (A, B). */
export function replayQuarter(
  trace: TrialTrace,
  quarter: number,
  ids: readonly string[],
): QuarterReplay {
  const weeks = trace.weeksPerQuarter;
  const startWeek = trace.warmupWeeks + quarter * weeks;
  const strategies = ids.map((id) => {
    const st = trace.strategies.find((s) => s.id === id);
    if (!st) throw new RangeError(`the trace has no strategy ${id}`);
    return strategyReplay(trace, st, startWeek, weeks);
  });
  return {
    quarter,
    startWeek,
    weeks,
    reps: trace.reps,
    segments: trace.segments,
    strategies,
  };
}
