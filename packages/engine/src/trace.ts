import type { Scenario } from '@sweetspot/scenario';
import { Simulator } from './simulate.ts';
import type { RepWeekHours, RunObserver } from './strategy/observer.ts';
import type { World } from './world.ts';

/** What happened to a deal in a week, as the replay shows it. */
export const TRACE_EVENT_KINDS = [
  'arrived',
  'qualified-in',
  'qualified-out',
  'unqualified',
  'pulled-in',
  'won',
  'lost',
  'stalled',
  'prospected',
] as const;
export type TraceEventKind = (typeof TRACE_EVENT_KINDS)[number];

/** Uses of a rep's hours in the replay calendar. */
export const TRACE_USES = ['worked', 'qualification', 'overhead', 'idle', 'prospecting'] as const;

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
  /** Hours per rep, week and use: index (rep · weeks + week) · TRACE_USES.length + use. */
  hours: Float64Array;
  /** 1 when the rep was pushing that week: index rep · weeks + week. */
  push: Uint8Array;
  /** Team bookings booked in each week (warm-up included): index week. */
  weeklyBookings: Float64Array;
  events: TraceEvent[];
}

export interface TrialTrace {
  trial: number;
  reps: number;
  /** All simulated weeks, warm-up included (week w ≥ warmupWeeks is reported). */
  weeks: number;
  warmupWeeks: number;
  weeksPerQuarter: number;
  quarters: number;
  quota: number;
  segments: { id: string; name: string; sweetSpot: boolean }[];
  strategies: StrategyTrace[];
}

/** Receives everything a strategy does in one trial (the run's observer; see strategy/observer.ts). */
export type Tracer = RunObserver;

class StrategyTracer implements Tracer {
  readonly watchesEveryWeek = true;
  readonly trace: StrategyTrace;
  private readonly weeks: number;
  /** Read as events come: prospected deals join the world while the strategy plays (§14). */
  private readonly world: World;

  constructor(id: string, name: string, reps: number, weeks: number, world: World) {
    this.weeks = weeks;
    this.world = world;
    this.trace = {
      id,
      name,
      hours: new Float64Array(reps * weeks * TRACE_USES.length),
      push: new Uint8Array(reps * weeks),
      weeklyBookings: new Float64Array(weeks),
      events: [],
    };
  }

  event(kind: number, week: number, rep: number, deal: number, booked: number): void {
    const name = TRACE_EVENT_KINDS[kind] as TraceEventKind;
    this.trace.events.push({
      week,
      rep,
      deal,
      segment: this.world.segment[deal] as number,
      kind: name,
      listValue: this.world.listValue[deal] as number,
      bookedValue: booked,
    });
    if (name === 'won')
      this.trace.weeklyBookings[week] = (this.trace.weeklyBookings[week] as number) + booked;
  }

  hours(rep: number, week: number, ...uses: RepWeekHours): void {
    this.trace.hours.set(uses, (rep * this.weeks + week) * TRACE_USES.length);
  }

  push(rep: number, week: number): void {
    this.trace.push[rep * this.weeks + week] = 1;
  }

  stillOpen(): void {}
}

/**
 * Replays one trial of a validated scenario with a full event log for every strategy. The world
 * and the results are exactly those of the same trial in a normal run.
 */
export function traceTrial(scenario: Scenario, trial: number): TrialTrace {
  const sim = new Simulator(scenario);
  const c = sim.compiled;
  const world = sim.drawWorld(trial);
  const strategies = scenario.strategies.map((st, i) => {
    const tracer = new StrategyTracer(st.id, st.name, c.reps, c.totalWeeks, world);
    sim.playStrategy(world, i, tracer);
    return tracer.trace;
  });
  return {
    trial,
    reps: c.reps,
    weeks: c.totalWeeks,
    warmupWeeks: c.warmupWeeks,
    weeksPerQuarter: c.weeksPerQuarter,
    quarters: c.quarters,
    quota: c.quota,
    segments: scenario.segments.map((s) => ({ id: s.id, name: s.name, sweetSpot: s.sweetSpot })),
    strategies,
  };
}
