import type { CompiledStrategy } from '../compile.ts';
import type { World } from '../world.ts';
import type { DealTable } from './deal-table.ts';
import type { DecisionRules } from './decision.ts';
import type { Ledger } from './ledger.ts';
import { EV_PULLED_IN, type RunObserver } from './observer.ts';
import type { RepDesk } from './rep-desk.ts';

/** A deal is done when its progress reaches its effort within this relative tolerance. */
const DONE_TOLERANCE = 1e-9;

/**
 * The week in which deal d would be decided if fully worked from week w on (docs/model.md §7);
 * a pulled-in deal is decided in the quarter's last week.
 */
export function projectedDecision(
  table: DealTable,
  d: number,
  w: number,
  quarterEnd: number,
): number {
  if (table.pulled[d] === 1) return quarterEnd;
  const PROGRESS = 0;
  const EFFORT = 1;
  const RATE = 2;
  const b = d << 3; // d · DEAL_STRIDE
  const remaining = (table.deal[b | EFFORT] as number) - (table.deal[b | PROGRESS] as number);
  let weeks = Math.ceil(remaining / (table.deal[b | RATE] as number) - DONE_TOLERANCE);
  if (weeks < 1) weeks = 1;
  return w + weeks - 1;
}

/** Expected booked value of deal d if decided in week `decision` (docs/model.md §7). */
export function expectedValue(
  table: DealTable,
  world: World,
  rules: DecisionRules,
  d: number,
  decision: number,
  st: CompiledStrategy,
): number {
  const s = world.segment[d] as number;
  const age = decision - (table.arrived[d] as number) + 1;
  const late = rules.lateness(age, world.cycle[d] as number);
  const pulledIn = table.pulled[d] === 1;
  const p = rules.winProbability(world.winRateOf(d), late, pulledIn, st);
  return p * rules.bookedValue(world.listValue[d] as number, s, pulledIn, st);
}

/**
 * Whether the rep pushes in week w (docs/model.md §7): booked plus the expected value of the
 * open deals projected to be decided by the quarter's last week falls short of the threshold.
 */
export function pushes(
  desk: RepDesk,
  table: DealTable,
  world: World,
  rules: DecisionRules,
  w: number,
  quarterEnd: number,
  st: CompiledStrategy,
  quota: number,
): boolean {
  let expected = 0;
  for (let i = 0; i < desk.count; i++) {
    const d = desk.active[i] as number;
    const decision = projectedDecision(table, d, w, quarterEnd);
    if (decision <= quarterEnd) expected += expectedValue(table, world, rules, d, decision, st);
  }
  return desk.booked + expected < st.pushBelowAttainment * quota;
}

/**
 * Pulls in every open deal not pulled in yet whose projected decision falls within
 * `pullInWeeks` after the quarter's end (docs/model.md §7), counting each in quarter qIdx when
 * reported.
 */
export function pullIn(
  desk: RepDesk,
  table: DealTable,
  world: World,
  ledger: Ledger,
  w: number,
  quarterEnd: number,
  st: CompiledStrategy,
  qIdx: number,
  reported: boolean,
  observer: RunObserver | undefined,
): void {
  for (let i = 0; i < desk.count; i++) {
    const d = desk.active[i] as number;
    if (table.pulled[d] === 1) continue;
    const decision = projectedDecision(table, d, w, quarterEnd);
    if (decision > quarterEnd && decision <= quarterEnd + st.pullInWeeks) {
      table.pulled[d] = 1;
      desk.pulledCount++;
      observer?.event(EV_PULLED_IN, w, desk.rep, d, 0);
      if (reported) ledger.pulledIn(qIdx, world.segment[d] as number);
    }
  }
}
