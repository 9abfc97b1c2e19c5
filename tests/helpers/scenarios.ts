import type { Scenario, Segment } from '@sweetspot/scenario';

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
