/**
 * The decision tools' test worlds: segments of fixed size and cycle in the unlimited-hours world,
 * strategies A and B that differ only in what they pursue, and a capacity-bound cut of the
 * default team. Built on the closed forms' world and the default scenario, so that each states
 * only the numbers it changes.
 */
import type { Scenario, Segment, Strategy } from '@sweetspot/scenario';
import { effortlessSegment, smallDefaultScenario, unlimitedScenario } from './scenarios.ts';

/** A fixed value: p90 = median. */
const fixed = (value: number) => ({ median: value, p90: value });

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
  return effortlessSegment({
    id,
    name: id.toUpperCase(),
    sweetSpot,
    opportunitiesPerRepPerWeek: 1,
    dealSize: fixed(value),
    salesCycleWeeks: fixed(cycle),
    effortHours: fixed(0.001),
    discount: 0,
    annualChurn: 0.1,
    ...rest,
  });
}

/**
 * "Unlimited hours" (docs/model.md §9) for one rep over one short quarter, with strategies A and
 * B that work deals alike and pursue `pursueA` and `pursueB`: no deal is ever starved and every
 * pursued deal is decided on time.
 */
export function unlimitedAB(
  segments: Segment[],
  pursueA: Strategy['pursue'],
  pursueB: Strategy['pursue'],
  overrides: Partial<Scenario> = {},
): Scenario {
  const world = unlimitedScenario(segments);
  return unlimitedScenario(segments, {
    name: 'test',
    seed: 12_345,
    trials: 300,
    horizon: { quarters: 1, weeksPerQuarter: 4, warmupWeeks: 2 },
    team: { ...world.team, reps: 1 },
    strategies: [
      { id: 'a', name: 'A', pursue: pursueA, priority: 'expected-value-per-hour' },
      { id: 'b', name: 'B', pursue: pursueB, priority: 'expected-value-per-hour' },
    ],
    compare: ['a', 'b'],
    ...overrides,
  });
}

/**
 * The default team scaled down: capacity-bound, two reps, one quarter of 400 trials, smaller and
 * quicker sweet-spot deals, lighter out-of-profile ones, and chase working the largest deal first.
 */
export function smallRealistic(overrides: Partial<Scenario> = {}): Scenario {
  // No precision target (the tools run the trials they are given) and no provenance.
  const { precision: _, provenance: __, ...base } = smallDefaultScenario(400, 1);
  const [icp, out] = base.segments as [Segment, Segment];
  return {
    ...base,
    name: 'small',
    seed: 7,
    team: { ...base.team, quotaPerRepPerQuarter: 150_000 },
    segments: [
      {
        ...icp,
        name: 'Sweet spot',
        dealSize: { median: 22_000, p90: 45_000 },
        salesCycleWeeks: { median: 8, p90: 14 },
        effortHours: { median: 5, p90: 10 },
      },
      { ...out, effortHours: { median: 14, p90: 35 } },
    ],
    strategies: [
      { id: 'focus', name: 'Focus', pursue: 'sweet-spot', priority: 'expected-value-per-hour' },
      { id: 'chase', name: 'Chase', pursue: 'all', priority: 'largest-first' },
    ],
    compare: ['focus', 'chase'],
    ...overrides,
  };
}
