/**
 * fast-check arbitraries of small valid scenarios, and the properties several of the engine's
 * property tests assert (not part of the package API).
 */
import {
  PRIORITIES,
  type Priority,
  type ProspectWhen,
  type Pursue,
  type QuarterEndPush,
  type Scenario,
  type Segment,
  type SpecialistPool,
  type Strategy,
  validateScenario,
} from '@sweetspot/scenario';
import fc from 'fast-check';
import { Rng } from './random/rng.ts';

/** A validated copy of a scenario; throws with the errors if it is not valid. */
export function valid(s: Scenario): Scenario {
  const r = validateScenario(s);
  if (!r.ok) throw new Error(`invalid test scenario: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

/** Asserts `check` on random scenarios of `arb` (fast-check; `params` sets the runs and seed). */
export function forAllScenarios(
  arb: fc.Arbitrary<Scenario>,
  params: fc.Parameters<[Scenario]>,
  check: (scenario: Scenario) => void,
): void {
  fc.assert(fc.property(arb, check), params);
}

/**
 * For any seed and x in [min, max]: 20 steps of `step(a, b, x)` on two streams from that seed
 * (a step returns false to fail), after which both streams must be at the same point: a sampler
 * on `a` draws what `step` takes from `b`, whatever x is.
 */
export function expectStreamsAligned(
  min: number,
  max: number,
  step: (a: Rng, b: Rng, x: number) => boolean,
): void {
  fc.assert(
    fc.property(fc.maxSafeInteger(), fc.double({ min, max, noNaN: true }), (seed, x) => {
      const a = new Rng(seed);
      const b = new Rng(seed);
      for (let i = 0; i < 20; i++) if (!step(a, b, x)) return false;
      return a.nextUint32() === b.nextUint32();
    }),
  );
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

/**
 * The optional mechanisms of docs/model.md §12–§14 for a scenario of `segments` segments and
 * `strategies` strategies, each present only sometimes: rates (§13), shared specialist pools and
 * the segments' needs (§12), and prospecting (§14). Raw: `withMechanisms` makes them valid.
 */
const mechanismsArb = (segments: number, strategies: number) =>
  fc.record({
    costPerSellingHour: fc.option(real(0, 200), { freq: 2 }),
    pools: fc.option(
      fc.array(
        fc.record({
          hoursPerWeek: fc.oneof(real(0, 60), fc.constant(0), real(1000, 5000)),
          costPerHour: fc.option(real(0, 300)),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      { freq: 2 },
    ),
    needs: fc.array(fc.array(fc.option(real(0, 2)), { minLength: 2, maxLength: 2 }), {
      minLength: segments,
      maxLength: segments,
    }),
    prospecting: fc.array(
      fc.option(fc.record({ hoursPerOpportunity: real(1, 20), lagWeeks: int(1, 6) })),
      { minLength: segments, maxLength: segments },
    ),
    strategyProspecting: fc.array(
      fc.option(
        fc.record({
          pursue: fc.oneof(
            fc.constant<'sweet-spot' | 'all'>('sweet-spot'),
            fc.constant<'sweet-spot' | 'all'>('all'),
            fc.array(int(0, segments - 1), { minLength: 1, maxLength: segments }),
          ),
          when: fc.constantFrom<ProspectWhen>('always', 'during-push'),
        }),
        { freq: 2 },
      ),
      { minLength: strategies, maxLength: strategies },
    ),
  });

type Mechanisms = ReturnType<typeof mechanismsArb> extends fc.Arbitrary<infer M> ? M : never;

/**
 * Adds the mechanisms `m` to a valid scenario, keeping it valid: needs name existing pools only,
 * a strategy prospects only segments that say how, and "during-push" only with a push.
 */
function withMechanisms(s: Scenario, m: Mechanisms): Scenario {
  const team: Scenario['team'] = { ...s.team };
  if (m.costPerSellingHour !== null) team.costPerSellingHour = m.costPerSellingHour;
  const pools = (m.pools ?? []).map((p, i) => {
    const pool: SpecialistPool = {
      id: `pool${i}`,
      name: `Pool ${i}`,
      hoursPerWeek: p.hoursPerWeek,
    };
    if (p.costPerHour !== null) pool.costPerHour = p.costPerHour;
    return pool;
  });
  if (pools.length > 0) team.specialists = pools;
  const segments = s.segments.map((seg, i) => {
    const out: Segment = { ...seg };
    const needs: Record<string, number> = {};
    pools.forEach((pool, p) => {
      const k = m.needs[i]?.[p];
      if (k !== null && k !== undefined) needs[pool.id] = k;
    });
    if (Object.keys(needs).length > 0) out.specialistHoursPerSellingHour = needs;
    const how = m.prospecting[i];
    if (how) out.prospecting = how;
    return out;
  });
  const prospectable = segments.filter((seg) => seg.prospecting !== undefined);
  const strategies = s.strategies.map((st, i) => {
    const wish = m.strategyProspecting[i];
    if (!wish || prospectable.length === 0) return st;
    const ids =
      wish.pursue === 'all'
        ? segments.map((seg) => seg.id)
        : wish.pursue === 'sweet-spot'
          ? segments.filter((seg) => seg.sweetSpot).map((seg) => seg.id)
          : wish.pursue.map((j) => (segments[j] as Segment).id);
    const can = new Set(prospectable.map((seg) => seg.id));
    // The wish as written when every segment it names can be prospected, else what it can take.
    const pursue: Pursue = ids.every((id) => can.has(id))
      ? typeof wish.pursue === 'string'
        ? wish.pursue
        : [...new Set(ids)]
      : [...new Set(ids.filter((id) => can.has(id)))];
    if (Array.isArray(pursue) && pursue.length === 0) return st;
    const when = wish.when === 'during-push' && !st.quarterEndPush ? 'always' : wish.when;
    return { ...st, prospecting: { pursue, when } };
  });
  return valid({ ...s, team, segments, strategies });
}

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

/**
 * Like scenarioArb, but a third of the scenarios also have some of the mechanisms of
 * docs/model.md §12–§14 (a rate per selling hour, shared specialist pools, prospecting), each
 * only sometimes: most scenarios stay on the paths without them.
 */
export const mechanismScenarioArb: fc.Arbitrary<Scenario> = scenarioArb.chain((s) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(s) },
    {
      weight: 1,
      arbitrary: mechanismsArb(s.segments.length, s.strategies.length).map((m) =>
        withMechanisms(s, m),
      ),
    },
  ),
);

export const noWarmup = scenarioArb.map((s) => ({
  ...s,
  horizon: { ...s.horizon, warmupWeeks: 0 },
}));

/**
 * Like scenarioArb, started from today (docs/model.md §16): no warm-up, a start week, 0–12 open
 * deals of any segment, rep and age (some with amounts and age factors), and some bookings so far.
 */
export const startedArb: fc.Arbitrary<Scenario> = scenarioArb.chain((s) =>
  fc
    .record({
      weekOfQuarter: int(1, s.horizon.weeksPerQuarter),
      pipeline: fc.array(
        fc.record(
          {
            segment: fc.constantFrom(...s.segments.map((g) => g.id)),
            rep: int(1, s.team.reps),
            ageWeeks: int(0, 30),
            amount: real(100, 200_000),
            winOdds: real(0.05, 20),
          },
          { requiredKeys: ['segment', 'rep', 'ageWeeks'] },
        ),
        { maxLength: 12 },
      ),
      booked: fc.uniqueArray(fc.record({ rep: int(1, s.team.reps), amount: real(0, 300_000) }), {
        selector: (b) => b.rep,
        maxLength: s.team.reps,
      }),
    })
    .map((start) =>
      valid({ ...s, horizon: { ...s.horizon, warmupWeeks: 0 }, start: { ...start } }),
    ),
);
