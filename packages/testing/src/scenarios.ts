/**
 * Small scenarios built by hand for tests: a validated copy, the unlimited-hours world of the
 * closed forms, a start from today, a pipeline of open deals, and the default team cut down to
 * a size a unit test can run.
 */
import {
  defaultScenario,
  type PipelineDeal,
  type Scenario,
  type Segment,
  validateScenario,
} from '@sweetspot/scenario';

// A host API (Node 17+, every browser) that ES2022's lib leaves out: declared here, so that this
// entry type-checks under the lib of any package that imports it (no DOM, no Node types).
declare const structuredClone: <T>(value: T) => T;

/** The scenario as validation returns it (defaults filled in); throws with every problem. */
export function validScenario(s: Scenario): Scenario {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** A segment whose deals need almost no effort, for the unlimited-hours closed forms. */
export function effortlessSegment(overrides: Partial<Segment> = {}): Segment {
  return {
    id: 'core',
    name: 'Core',
    sweetSpot: true,
    opportunitiesPerRepPerWeek: 2,
    winRate: 0.3,
    dealSize: { median: 10_000, p90: 10_000 },
    salesCycleWeeks: { median: 4, p90: 4 },
    effortHours: { median: 0.01, p90: 0.01 },
    discount: 0.1,
    costToServe: 0,
    annualChurn: 0,
    qualificationHours: 0,
    ...overrides,
  };
}

/** A scenario with unlimited hours in effect: 168 selling hours, no qualification or overhead. */
export function unlimitedScenario(
  segments: Segment[],
  overrides: Partial<Scenario> = {},
): Scenario {
  return {
    version: 1,
    name: 'Closed-form check',
    currency: 'USD',
    seed: 7,
    trials: 4000,
    horizon: { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 20 },
    team: {
      reps: 3,
      sellingHoursPerWeek: 168,
      quotaPerRepPerQuarter: 100_000,
      overheadHoursPerActiveDeal: 0,
    },
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments,
    strategies: [
      { id: 'all', name: 'All', pursue: 'all', priority: 'expected-value-per-hour' },
      { id: 'focus', name: 'Focus', pursue: 'sweet-spot', priority: 'oldest-first' },
    ],
    compare: ['all', 'focus'],
    ...overrides,
  };
}

/** A copy of `base` started from today with `start`, edited by `edit`, then validated. */
export function startedFrom(
  base: Scenario,
  start: NonNullable<Scenario['start']>,
  edit: (s: Scenario) => void = () => {},
): Scenario {
  const s: Scenario = structuredClone(base);
  s.start = start;
  edit(s);
  return validScenario(s);
}

/** n open deals alike, spread over the reps in order (so the list is already by rep). */
export function pipelineOf(
  n: number,
  reps: number,
  deal: Omit<PipelineDeal, 'rep'>,
): PipelineDeal[] {
  const per = Math.ceil(n / reps);
  return Array.from({ length: n }, (_, i) => ({ ...deal, rep: 1 + Math.floor(i / per) }));
}

/**
 * The default scenario cut down for a unit test: `trials` trials, two reps, `quarters` quarters
 * of 13 weeks after a 13-week warm-up.
 */
export function smallDefaultScenario(trials: number, quarters: number): Scenario {
  const base = defaultScenario();
  return {
    ...base,
    trials,
    horizon: { quarters, weeksPerQuarter: 13, warmupWeeks: 13 },
    team: { ...base.team, reps: 2 },
  };
}
