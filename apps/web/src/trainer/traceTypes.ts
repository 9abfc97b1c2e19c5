/**
 * The shape of @sweetspot/engine's `traceTrial` (packages/engine/src/trace.ts): one trial played
 * week by week, for the replay. Mirrored here so the replay's pure logic can be written and
 * tested against it.
 */

export const TRACE_USES = ['worked', 'qualification', 'overhead', 'idle'] as const;
export type TraceUse = (typeof TRACE_USES)[number];

export type TraceEventKind =
  | 'arrived'
  | 'qualified-in'
  | 'qualified-out'
  | 'unqualified'
  | 'pulled-in'
  | 'won'
  | 'lost'
  | 'stalled';

export interface TraceEvent {
  week: number;
  rep: number;
  deal: number;
  segment: number;
  kind: TraceEventKind;
  listValue: number;
  /** Booked value for 'won', else 0. */
  bookedValue: number;
}

export interface StrategyTrace {
  id: string;
  name: string;
  /** Hours per rep, week and use: index (rep * weeks + week) * TRACE_USES.length + use. */
  hours: Float64Array;
  /** 1 when the rep was pushing that week: index rep * weeks + week. */
  push: Uint8Array;
  /** Team bookings booked in each week (all weeks): index week. */
  weeklyBookings: Float64Array;
  events: TraceEvent[];
}

export interface TrialTrace {
  trial: number;
  reps: number;
  weeks: number;
  warmupWeeks: number;
  weeksPerQuarter: number;
  quarters: number;
  quota: number;
  segments: { id: string; name: string; sweetSpot: boolean }[];
  strategies: StrategyTrace[];
}
