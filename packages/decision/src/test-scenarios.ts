/** Small scenarios for the tests: few reps, short horizons, fast to simulate in-thread. */
import type { Scenario, Segment } from '@sweetspot/scenario';

/** A segment with fixed (p90 = median) size, cycle and a negligible effort. */
export function fixedSegment(
  id: string,
  sweetSpot: boolean,
  fields: Partial<Omit<Segment, 'id' | 'sweetSpot'>> & {
    value?: number;
    cycle?: number;
  } = {},
): Segment {
  const { value = 10_000, cycle = 1, ...rest } = fields;
  return {
    id,
    name: id.toUpperCase(),
    sweetSpot,
    opportunitiesPerRepPerWeek: 1,
    winRate: 0.3,
    dealSize: { median: value, p90: value },
    salesCycleWeeks: { median: cycle, p90: cycle },
    effortHours: { median: 0.001, p90: 0.001 },
    discount: 0,
    costToServe: 0,
    annualChurn: 0.1,
    qualificationHours: 0,
    ...rest,
  };
}

/**
 * "Unlimited hours" (docs/model.md §9): 168 selling hours, no overhead, no qualification cost and
 * efforts of 0.001 h, so no deal is ever starved and every pursued deal is decided on time.
 */
export function unlimitedScenario(
  segments: Segment[],
  pursueA: Scenario['strategies'][number]['pursue'],
  pursueB: Scenario['strategies'][number]['pursue'],
  overrides: Partial<Scenario> = {},
): Scenario {
  return {
    version: 1,
    name: 'test',
    currency: 'USD',
    seed: 12_345,
    trials: 300,
    horizon: { quarters: 1, weeksPerQuarter: 4, warmupWeeks: 2 },
    team: {
      reps: 1,
      sellingHoursPerWeek: 168,
      quotaPerRepPerQuarter: 100_000,
      overheadHoursPerActiveDeal: 0,
    },
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments,
    strategies: [
      { id: 'a', name: 'A', pursue: pursueA, priority: 'expected-value-per-hour' },
      { id: 'b', name: 'B', pursue: pursueB, priority: 'expected-value-per-hour' },
    ],
    compare: ['a', 'b'],
    ...overrides,
  };
}

/** A scaled-down default scenario: capacity-bound, two reps, one quarter. */
export function smallRealistic(overrides: Partial<Scenario> = {}): Scenario {
  const segments: Segment[] = [
    {
      id: 'icp',
      name: 'Sweet spot',
      sweetSpot: true,
      opportunitiesPerRepPerWeek: 1.8,
      winRate: 0.3,
      dealSize: { median: 22_000, p90: 45_000 },
      salesCycleWeeks: { median: 8, p90: 14 },
      effortHours: { median: 5, p90: 10 },
      discount: 0.1,
      costToServe: 0.05,
      annualChurn: 0.1,
      qualificationHours: 0.5,
    },
    {
      id: 'out',
      name: 'Out of profile',
      sweetSpot: false,
      opportunitiesPerRepPerWeek: 1.2,
      winRate: 0.15,
      dealSize: { median: 30_000, p90: 90_000 },
      salesCycleWeeks: { median: 13, p90: 26 },
      effortHours: { median: 14, p90: 35 },
      discount: 0.2,
      costToServe: 0.25,
      annualChurn: 0.2,
      qualificationHours: 1,
    },
  ];
  return {
    version: 1,
    name: 'small',
    currency: 'USD',
    seed: 7,
    trials: 400,
    horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks: 13 },
    team: {
      reps: 2,
      sellingHoursPerWeek: 15,
      quotaPerRepPerQuarter: 150_000,
      overheadHoursPerActiveDeal: 0.1,
    },
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments,
    strategies: [
      { id: 'focus', name: 'Focus', pursue: 'sweet-spot', priority: 'expected-value-per-hour' },
      { id: 'chase', name: 'Chase', pursue: 'all', priority: 'largest-first' },
    ],
    compare: ['focus', 'chase'],
    ...overrides,
  };
}
