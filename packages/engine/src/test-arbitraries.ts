/**
 * fast-check arbitraries of small valid scenarios, shared by the engine's property tests (not
 * part of the package API).
 */
import {
  PRIORITIES,
  type Priority,
  type Pursue,
  type QuarterEndPush,
  type Scenario,
  type Segment,
  type Strategy,
  validateScenario,
} from '@sweetspot/scenario';
import fc from 'fast-check';

/** A validated copy of a scenario; throws with the errors if it is not valid. */
export function valid(s: Scenario): Scenario {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

/**
 * A number in [min, max]: mostly spread evenly (fc.double is uniform over representable doubles,
 * so nearly all its draws in [0, 3] would be tiny), sometimes exactly an end point.
 */
export const real = (min: number, max: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .noBias(fc.integer({ min: 0, max: 1_000_000 }))
        .map((i) => min + ((max - min) * i) / 1_000_000),
    },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );

/** An integer in [min, max], evenly spread. */
export const int = (min: number, max: number) => fc.noBias(fc.integer({ min, max }));

/** A lognormal quantity: a median and a p90 at or above it. */
const quantiles = (min: number, max: number) =>
  fc
    .tuple(real(min, max), fc.oneof(fc.constant(1), real(1, 4)))
    .map(([median, spread]) => ({ median, p90: median * spread }));

const SEGMENT_REQUIRED = [
  'id',
  'name',
  'sweetSpot',
  'opportunitiesPerRepPerWeek',
  'winRate',
  'dealSize',
  'salesCycleWeeks',
  'effortHours',
  'discount',
  'costToServe',
  'annualChurn',
  'qualificationHours',
] as const;

export const segmentArb = (id: string) =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.constant(`Segment ${id}`),
      sweetSpot: fc.boolean(),
      opportunitiesPerRepPerWeek: real(0, 3),
      winRate: real(0, 1),
      winRateUncertainty: real(1, 100),
      dealSize: quantiles(100, 100_000),
      salesCycleWeeks: quantiles(0.5, 15),
      effortHours: quantiles(0.1, 40),
      discount: real(0, 0.95),
      costToServe: real(0, 1),
      annualChurn: real(0, 1),
      qualificationHours: real(0, 2),
    },
    { requiredKeys: [...SEGMENT_REQUIRED] },
  );

const pursueArb = (ids: string[]): fc.Arbitrary<Pursue> =>
  fc.oneof(
    fc.constant<Pursue>('sweet-spot'),
    fc.constant<Pursue>('all'),
    fc.subarray(ids, { minLength: 1 }),
  );

const pushArb = (ids: string[], weeksPerQuarter: number): fc.Arbitrary<QuarterEndPush> =>
  fc.record({
    fromWeek: int(1, weeksPerQuarter),
    belowAttainment: real(0, 2),
    pursue: pursueArb(ids),
    pullInWeeks: int(0, 6),
    extraDiscount: real(0, 0.95),
    pullInWinFactor: real(0, 1),
    overtime: real(1, 3),
  });

export const strategyArb = (id: string, ids: string[], weeksPerQuarter: number) =>
  fc.record(
    {
      id: fc.constant(id),
      name: fc.constant(`Strategy ${id}`),
      pursue: pursueArb(ids),
      priority: fc.constantFrom<Priority>(...PRIORITIES),
      quarterEndPush: pushArb(ids, weeksPerQuarter),
    },
    { requiredKeys: ['id', 'name', 'pursue', 'priority'] },
  ) as fc.Arbitrary<Strategy>;

/** A small valid scenario: 1–3 segments and reps, 1–2 quarters of 4–13 weeks, 3–5 trials. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    segmentCount: int(1, 3),
    strategyCount: int(2, 3),
    weeksPerQuarter: int(4, 13),
  })
  .chain(({ segmentCount, strategyCount, weeksPerQuarter }) => {
    const segIds = Array.from({ length: segmentCount }, (_, i) => `s${i}`);
    const stratIds = Array.from({ length: strategyCount }, (_, i) => `t${i}`);
    return fc.record({
      seed: int(-(2 ** 31), 2 ** 31 - 1),
      trials: int(3, 5),
      quarters: int(1, 2),
      warmupWeeks: int(0, 10),
      reps: int(1, 3),
      sellingHoursPerWeek: real(0, 40),
      quotaPerRepPerQuarter: real(1_000, 300_000),
      overheadHoursPerActiveDeal: real(0, 1),
      delayPenaltyPerWeek: real(0, 1),
      stallWeeks: int(1, 5),
      segments: fc.tuple(...segIds.map(segmentArb)),
      strategies: fc.tuple(...stratIds.map((id) => strategyArb(id, segIds, weeksPerQuarter))),
      compare: fc.shuffledSubarray(stratIds, { minLength: 2, maxLength: 2 }),
      weeksPerQuarter: fc.constant(weeksPerQuarter),
    });
  })
  .map((g) => {
    // "sweet-spot" needs a sweet-spot segment: make sure there is one.
    const segments: Segment[] = g.segments.map((s) => ({ ...s }));
    if (!segments.some((s) => s.sweetSpot)) (segments[0] as Segment).sweetSpot = true;
    return valid({
      version: 1,
      name: 'Random scenario',
      currency: 'USD',
      seed: g.seed,
      trials: g.trials,
      horizon: {
        quarters: g.quarters,
        weeksPerQuarter: g.weeksPerQuarter,
        warmupWeeks: g.warmupWeeks,
      },
      team: {
        reps: g.reps,
        sellingHoursPerWeek: g.sellingHoursPerWeek,
        quotaPerRepPerQuarter: g.quotaPerRepPerQuarter,
        overheadHoursPerActiveDeal: g.overheadHoursPerActiveDeal,
      },
      dynamics: { delayPenaltyPerWeek: g.delayPenaltyPerWeek, stallWeeks: g.stallWeeks },
      segments,
      strategies: [...g.strategies],
      compare: [g.compare[0] as string, g.compare[1] as string],
    });
  });

export const noWarmup = scenarioArb.map((s) => ({
  ...s,
  horizon: { ...s.horizon, warmupWeeks: 0 },
}));
