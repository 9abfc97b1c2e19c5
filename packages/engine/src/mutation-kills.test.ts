/**
 * Exact, seeded checks of every rule of docs/model.md §2–§8 and §10, written to fail on any
 * one-line change to the engine's rule code (packages/engine/src/{world,compile,strategy-run,strategy/*,
 * waterfall}.ts) that changes an output. They were found needed by mutation testing
 * (`npm run mutation`, docs/testing.md) and run first in it because they are fast and sharp.
 *
 * - §2, the world: every deal's draws are recomputed from the random primitives (sfc32, Poisson,
 *   lognormal, Beta; tested on their own against reference values), in the documented order,
 *   with μ and σ computed here from the documented formula, and compared bit for bit.
 * - §3–§8 and §10: the engine's results for a trial are compared with those of
 *   test-reference-model.ts, a plain implementation written from the model's text, played on
 *   the same world: every per-trial column, every aggregate, the waterfall, and deal by deal and
 *   rep-week by rep-week the traced replay. On random small scenarios (fast-check, fixed seed)
 *   and on hand-made worlds whose values are exact in binary, so that the rules' boundaries
 *   (ties, exactly half, exactly the quota, exactly the hours left) are met exactly.
 */

import type { Scenario, Segment, Strategy } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTAINMENT_BINS,
  layoutOf,
  type QuarterColumn,
  SEGMENT_AGGREGATES,
  type SegmentAggregate,
  type SimulationChunk,
  TEAM_AGGREGATES,
  WATERFALL_PARTS,
} from './layout.ts';
import { beta } from './random/beta.ts';
import { normal } from './random/normal.ts';
import { poisson } from './random/poisson.ts';
import { Rng, trialSeed } from './random/rng.ts';
import { Simulator } from './simulate.ts';
import { mechanismScenarioArb, scenarioArb, valid } from './test-arbitraries.ts';
import {
  REF_ATTAINMENT_BINS,
  RefProspects,
  type RefStrategyResult,
  type RefTracedDeal,
  referencePlay,
  referenceWaterfall,
} from './test-reference-model.ts';
import { drawnDeal, fixed, muSigma, drawnSegment as segment, spread } from './test-worlds.ts';
import { TRACE_USES, type TrialTrace, traceTrial } from './trace.ts';
import type { World } from './world.ts';

// ---------------------------------------------------------------------------------------------
// §2 the world

interface ReferenceDeal {
  rep: number;
  week: number;
  segment: number;
  V: number;
  C: number;
  E: number;
  U: number;
  churn: number;
}

/** One deal's draws in the order of docs/model.md §2 (also a prospected deal's, §14). */
function referenceDraw(rng: Rng, s: Segment) {
  // exp(μ + σZ), one standard normal each, in the order V, C, E; cycle and effort use
  // ρ·Z_V + √(1 − ρ²)·Z in place of their own Z when a correlation is set (§2).
  const [muV, sigmaV] = muSigma(s.dealSize);
  const zV = normal(rng);
  const V = Math.exp(muV + sigmaV * zV);
  const tied = (z: number, rho: number | undefined) =>
    rho ? rho * zV + Math.sqrt(1 - rho * rho) * z : z;
  const [muC, sigmaC] = muSigma(s.salesCycleWeeks);
  const zC = tied(normal(rng), s.sizeCycleCorrelation);
  const C = Math.min(10_000, Math.max(1, Math.round(Math.exp(muC + sigmaC * zC))));
  const [muE, sigmaE] = muSigma(s.effortHours);
  const E = Math.exp(muE + sigmaE * tied(normal(rng), s.sizeEffortCorrelation));
  const U = rng.next();
  const churn = rng.next();
  return { V, C, E, U, churn };
}

/** Trial `trial`'s world drawn in the order of docs/model.md §2. */
function referenceWorld(scenario: Scenario, trial: number) {
  const rng = new Rng(trialSeed(scenario.seed, trial), 0);
  const winRate = scenario.segments.map((s) => {
    const n = s.winRateUncertainty;
    if (n === undefined || s.winRate === 0 || s.winRate === 1) return s.winRate;
    return beta(rng, s.winRate * n, (1 - s.winRate) * n);
  });
  const deals: ReferenceDeal[] = [];
  const weeks =
    scenario.horizon.warmupWeeks + scenario.horizon.quarters * scenario.horizon.weeksPerQuarter;
  for (let rep = 0; rep < scenario.team.reps; rep++) {
    for (let week = 0; week < weeks; week++) {
      scenario.segments.forEach((s, segment) => {
        const n = poisson(rng, s.opportunitiesPerRepPerWeek);
        for (let j = 0; j < n; j++) deals.push({ rep, week, segment, ...referenceDraw(rng, s) });
      });
    }
  }
  return { winRate, deals, weeks };
}

/**
 * Trial `trial`'s prospected opportunities (docs/model.md §14): rep r's k-th of segment s is the
 * k-th deal drawn, as in §2, from the stream (trial seed, 1 + r · segments + s).
 */
function referenceProspects(scenario: Scenario, trial: number, baseCount: number): RefProspects {
  const S = scenario.segments.length;
  const streams = new Map<number, { rng: Rng; drawn: number }>();
  return new RefProspects(baseCount, (r, s, k) => {
    const at = 1 + r * S + s;
    let stream = streams.get(at);
    if (!stream) {
      stream = { rng: new Rng(trialSeed(scenario.seed, trial), at), drawn: 0 };
      streams.set(at, stream);
    }
    if (k !== stream.drawn) throw new Error(`prospect ${k} of stream ${at} drawn out of order`);
    stream.drawn++;
    return referenceDraw(stream.rng, scenario.segments[s] as Segment);
  });
}

/** `check` on `numRuns` scenarios of `arb`, each at a trial in 0 … 1000 (fast-check, fixed seed). */
function forScenarios(
  arb: fc.Arbitrary<Scenario>,
  seed: number,
  numRuns: number,
  check: (scenario: Scenario, trial: number) => void,
): void {
  fc.assert(fc.property(arb, fc.nat(1000), check), { seed, numRuns, endOnFailure: true });
}

function expectWorld(scenario: Scenario, trial: number): number {
  const sim = new Simulator(scenario);
  const world = sim.drawWorld(trial);
  const want = referenceWorld(scenario, trial);
  const S = scenario.segments.length;
  expect(Array.from(world.winRate)).toEqual(want.winRate);
  expect(world.count).toBe(want.deals.length);
  const arrivals = new Array<number>(want.weeks * S).fill(0);
  want.deals.forEach((d, i) => {
    const got = { rep: -1, ...drawnDeal(world, i) };
    // The deals of rep r in week w are [repWeekStart[r·weeks + w], repWeekStart[r·weeks + w + 1]).
    const at = d.rep * want.weeks + d.week;
    if (i >= (world.repWeekStart[at] as number) && i < (world.repWeekStart[at + 1] as number)) {
      got.rep = d.rep;
    }
    expect(got, `deal ${i}`).toEqual(d);
    expect(world.rate[i], `rate of deal ${i}`).toBe(d.E / d.C);
    const k = d.week * S + d.segment;
    arrivals[k] = (arrivals[k] as number) + 1;
  });
  expect(Array.from(world.arrivals)).toEqual(arrivals);
  expect(world.repWeekStart[scenario.team.reps * want.weeks]).toBe(want.deals.length);
  return want.deals.length;
}

describe('§2 the world, draw by draw', () => {
  it('random small scenarios: every draw in the documented order, bit for bit', () => {
    forScenarios(scenarioArb, 2026_12_04, 40, (scenario, trial) => {
      expectWorld(scenario, trial);
    });
  });

  it('a world bigger than the initial buffers keeps every deal as it grows', () => {
    const scenario = valid({
      ...baseScenario([
        segment('a', { opportunitiesPerRepPerWeek: 3, winRateUncertainty: 20, winRate: 0.3 }),
        segment('b', {
          opportunitiesPerRepPerWeek: 2,
          salesCycleWeeks: spread(0.4, 2),
          winRate: 1,
          winRateUncertainty: 5,
        }),
        segment('c', { opportunitiesPerRepPerWeek: 0, winRate: 0, winRateUncertainty: 5 }),
      ]),
      horizon: { quarters: 4, weeksPerQuarter: 13, warmupWeeks: 26 },
      team: { ...baseTeam, reps: 6 },
    });
    // ~6 reps × 78 weeks × 5 deals: several doublings of the 1024-deal buffers.
    expect(expectWorld(scenario, 3)).toBeGreaterThan(2048);
  });

  it('sizes tied to effort and cycle: every draw as §2 writes it, bit for bit', () => {
    const scenario = valid(
      baseScenario([
        segment('tied', { sizeEffortCorrelation: 0.7, sizeCycleCorrelation: -0.4 }),
        segment('free', { opportunitiesPerRepPerWeek: 2 }),
        segment('effort', { sizeEffortCorrelation: -0.9 }),
      ]),
    );
    expect(expectWorld(scenario, 2)).toBeGreaterThan(100);
  });

  it('the cycle is rounded and clamped to [1, 10000] weeks', () => {
    const scenario = valid(
      baseScenario([
        segment('short', { salesCycleWeeks: spread(0.2, 1.4) }),
        segment('long', {
          opportunitiesPerRepPerWeek: 3,
          salesCycleWeeks: spread(0.52, 520),
        }),
      ]),
    );
    const world = new Simulator(scenario).drawWorld(0);
    const cycles = Array.from(world.cycle.subarray(0, world.count));
    expect(Math.min(...cycles)).toBe(1);
    expect(Math.max(...cycles)).toBe(10_000);
    expectWorld(scenario, 0);
  });
});

// ---------------------------------------------------------------------------------------------
// §3–§8 and §10 against the reference model

const baseTeam: Scenario['team'] = {
  reps: 2,
  sellingHoursPerWeek: 20,
  quotaPerRepPerQuarter: 50_000,
  overheadHoursPerActiveDeal: 0,
};

function baseScenario(segments: Segment[], strategies?: Strategy[]): Scenario {
  const st = strategies ?? [
    { id: 'a', name: 'A', pursue: 'all', priority: 'expected-value-per-hour' },
    { id: 'b', name: 'B', pursue: 'sweet-spot', priority: 'oldest-first' },
  ];
  return {
    version: 1,
    name: 'Mutation check',
    currency: 'USD',
    seed: 12_345,
    trials: 1,
    horizon: { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 0 },
    team: baseTeam,
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments,
    strategies: st,
    compare: [st[0]?.id ?? 'a', st[1]?.id ?? 'b'],
  };
}

/** |got − want| within `abs`, or a relative 1e-9 for big values. */
function close(got: number, want: number, abs: number, what: string): void {
  const tol = abs + 1e-9 * Math.abs(want);
  if (!(Math.abs(got - want) <= tol)) {
    expect.fail(`${what}: engine ${got}, reference ${want}`);
  }
}

/** The engine's per-deal view of a traced strategy (events in the horizon only). */
function tracedByDeal(trace: TrialTrace, index: number) {
  const st = trace.strategies[index];
  if (!st) throw new Error(`no strategy ${index}`);
  const deals = new Map<number, RefTracedDeal>();
  for (const ev of st.events) {
    // Sourcing a deal (§14) precedes its arrival; the reference checks the prospecting counts.
    if (ev.kind === 'prospected') continue;
    if (ev.kind === 'arrived') {
      expect(deals.has(ev.deal)).toBe(false);
      deals.set(ev.deal, {
        rep: ev.rep,
        arrived: ev.week,
        qualification: 'unqualified',
        pulledIn: undefined,
        end: 'open',
        endWeek: Number.POSITIVE_INFINITY,
        booked: 0,
      });
      continue;
    }
    const d = deals.get(ev.deal);
    if (!d) throw new Error(`${ev.kind} before arrival of deal ${ev.deal}`);
    if (ev.kind === 'qualified-in') d.qualification = 'in';
    else if (ev.kind === 'qualified-out') d.qualification = 'out';
    else if (ev.kind === 'pulled-in') d.pulledIn = ev.week;
    else if (ev.kind === 'won' || ev.kind === 'lost' || ev.kind === 'stalled') {
      expect(d.end, `deal ${ev.deal} ended twice`).toBe('open');
      d.end = ev.kind;
      d.endWeek = ev.week;
      d.booked = ev.bookedValue;
    }
  }
  return deals;
}

/**
 * The reference's id of each deal of the engine's replay: a drawn deal keeps its world index; a
 * prospected one (index ≥ the world's drawn count) is rep r's k-th of segment s, k its rank among
 * the engine's indices of that rep and segment (the engine appends a stream's deals in order, and
 * every strategy's prospected arrivals of a rep and segment are its first ones). Checks each
 * prospected deal's list value against the reference's draw from the stream (§14).
 */
function referenceIds(trace: TrialTrace, prospects: RefProspects) {
  const base = prospects.baseCount;
  const byStream = new Map<string, Set<number>>();
  const listValue = new Map<number, number>();
  for (const st of trace.strategies) {
    for (const ev of st.events) {
      if (ev.kind !== 'arrived' || ev.deal < base) continue;
      const key = `${ev.rep}:${ev.segment}`;
      const set = byStream.get(key) ?? new Set<number>();
      set.add(ev.deal);
      byStream.set(key, set);
      listValue.set(ev.deal, ev.listValue);
    }
  }
  const ids = new Map<number, number>();
  for (const [key, set] of byStream) {
    const [r, s] = key.split(':').map(Number) as [number, number];
    [...set]
      .sort((x, y) => x - y)
      .forEach((d, k) => {
        const id = prospects.find(r, s, k);
        if (id === undefined) {
          expect.fail(`engine prospected deal ${d} (rep ${r}, segment ${s}, #${k}): not sourced`);
        }
        expect(listValue.get(d), `prospected deal rep ${r} segment ${s} #${k} list value`).toBe(
          prospects.deal(id).V,
        );
        ids.set(d, id);
      });
  }
  return (d: number, where: string): number => {
    if (d < base) return d;
    const id = ids.get(d);
    if (id === undefined) expect.fail(`${where}: prospected deal ${d} never arrived`);
    return id;
  };
}

const HOURS = (name: string) => name.startsWith('hours');

/** Tolerance of an aggregate cell per trial: they are kept rounded to whole units, 1/16 hour. */
function aggregateTolerance(name: string): number {
  if (HOURS(name)) return 1 / 32 + 1e-9;
  if (name === 'bookings' || name === 'listValueWon' || name === 'costToServe') return 0.5 + 1e-6;
  return 0;
}

/**
 * Compares trials [start, start + trials) of `scenario`, run as one chunk by one simulator (whose
 * buffers are reused from trial to trial and strategy to strategy), and their traced replays,
 * with the reference model played on the same worlds. Returns the reference results by trial.
 */
function expectMatchesReference(
  scenario: Scenario,
  start: number,
  trials = 1,
): RefStrategyResult[][] {
  const sim = new Simulator(scenario);
  const chunk: SimulationChunk = sim.simulate(start, trials);
  const layout = layoutOf(chunk);
  const Q = scenario.horizon.quarters;
  const S = scenario.segments.length;
  const ia = scenario.strategies.findIndex((s) => s.id === scenario.compare[0]);
  const ib = scenario.strategies.findIndex((s) => s.id === scenario.compare[1]);
  const aggregate = (index: number) => layout.aggregateValue(chunk.aggregates, index);

  // Sums over the trials of the reference's aggregates, by aggregate index.
  const want = new Map<number, number>();
  const wantAdd = (index: number, v: number) => want.set(index, (want.get(index) ?? 0) + v);
  const all: RefStrategyResult[][] = [];
  const sourced: RefProspects[] = [];
  for (let t = 0; t < trials; t++) {
    const world: World = sim.drawWorld(start + t);
    const prospects = referenceProspects(scenario, start + t, world.baseCount);
    sourced.push(prospects);
    const refs = scenario.strategies.map((st) => referencePlay(scenario, st, world, prospects));
    all.push(refs);
    const col = (s: number, c: number) =>
      chunk.columns[layout.columnOffset(s, c, trials) + t] as number;
    refs.forEach((ref, i) => {
      const where = (what: string) => `trial ${start + t} strategy ${i} ${what}`;
      for (let q = 0; q < Q; q++) {
        const qc = (m: QuarterColumn) => col(i, layout.quarterColumn(q, m));
        close(qc('bookings'), ref.bookings[q] as number, 1e-9, where(`q${q} bookings`));
        close(qc('margin'), ref.margin[q] as number, 1e-9, where(`q${q} margin`));
        close(qc('repsAtQuota'), ref.repsAtQuota[q] as number, 0, where(`q${q} reps at quota`));
        close(qc('hoursWasted'), ref.hoursWasted[q] as number, 1e-9, where(`q${q} hours wasted`));
        // §12, §13: sums of hours × rates, added in another order than the engine's.
        close(qc('costOfSale'), ref.costOfSale[q] as number, 1e-6, where(`q${q} cost of sale`));
        close(qc('contribution'), ref.contribution[q] as number, 1e-6, where(`q${q} contribution`));
        close(
          qc('specialistHoursWasted'),
          ref.specialistHoursWasted[q] as number,
          1e-9,
          where(`q${q} specialist hours wasted`),
        );
        for (let s = 0; s < S; s++) {
          for (const name of SEGMENT_AGGREGATES) {
            const v = ref.segments[q]?.[s]?.[name as SegmentAggregate] as number;
            wantAdd(layout.segmentAggregate(i, q, s, name), v);
          }
        }
        for (const name of TEAM_AGGREGATES) {
          wantAdd(layout.teamAggregate(i, q, name), ref.team[q]?.[name] as number);
        }
        for (let b = 0; b < REF_ATTAINMENT_BINS; b++) {
          wantAdd(layout.attainmentBin(i, q, b), ref.attainment[q]?.[b] as number);
        }
      }
      const retained = col(i, layout.horizonColumn('retainedRecurringRevenue'));
      close(retained, ref.retained, 1e-9, where('retained'));
    });
    // §10: the waterfall of the compared strategies.
    const wf = referenceWaterfall(
      scenario,
      world,
      refs[ia] as RefStrategyResult,
      refs[ib] as RefStrategyResult,
      prospects,
    );
    for (let q = 0; q < Q; q++) {
      for (const part of WATERFALL_PARTS) {
        wantAdd(layout.waterfallPart(q, part), wf[q]?.[part] as number);
      }
    }
  }

  expect(ATTAINMENT_BINS).toBe(REF_ATTAINMENT_BINS);
  for (let i = 0; i < scenario.strategies.length; i++) {
    for (let q = 0; q < Q; q++) {
      for (let s = 0; s < S; s++) {
        for (const name of SEGMENT_AGGREGATES) {
          const index = layout.segmentAggregate(i, q, s, name);
          close(
            aggregate(index),
            want.get(index) as number,
            trials * aggregateTolerance(name),
            `strategy ${i} q${q} segment ${s} ${name}`,
          );
        }
      }
      for (const name of TEAM_AGGREGATES) {
        const index = layout.teamAggregate(i, q, name);
        close(
          aggregate(index),
          want.get(index) as number,
          trials * aggregateTolerance(name),
          `strategy ${i} q${q} ${name}`,
        );
      }
      for (let b = 0; b < ATTAINMENT_BINS; b++) {
        const index = layout.attainmentBin(i, q, b);
        expect(aggregate(index), `strategy ${i} q${q} attainment bin ${b}`).toBe(want.get(index));
      }
    }
  }
  for (let q = 0; q < Q; q++) {
    for (const part of WATERFALL_PARTS) {
      const index = layout.waterfallPart(q, part);
      close(
        aggregate(index),
        want.get(index) as number,
        trials * (0.5 + 1e-6),
        `waterfall q${q} ${part}`,
      );
    }
  }

  // The traced replays: deal by deal, and rep-week by rep-week.
  for (let t = 0; t < trials; t++) {
    const trace = traceTrial(scenario, start + t);
    const T = trace.weeks;
    const refId = referenceIds(trace, sourced[t] as RefProspects);
    (all[t] as RefStrategyResult[]).forEach((ref, i) => {
      const where = `trial ${start + t} strategy ${i}`;
      const engine = new Map(
        [...tracedByDeal(trace, i)].map(([d, deal]) => [refId(d, where), deal] as const),
      );
      expect(engine.size, `${where}: deals traced`).toBe(ref.traced.size);
      for (const [d, wantDeal] of ref.traced) {
        const got = engine.get(d);
        expect(got, `${where} deal ${d}`).toEqual({ ...wantDeal, booked: got?.booked });
        close(got?.booked ?? Number.NaN, wantDeal.booked, 1e-9, `${where} deal ${d} booked`);
      }
      const st = trace.strategies[i];
      if (!st) throw new Error('missing strategy trace');
      for (let r = 0; r < trace.reps; r++) {
        for (let w = 0; w < T; w++) {
          const k = r * T + w;
          expect(st.push[k], `${where} rep ${r} week ${w} push`).toBe(ref.push[k]);
          TRACE_USES.forEach((use, u) => {
            const got = st.hours[k * TRACE_USES.length + u] as number;
            close(got, ref.hours[k]?.[u] as number, 1e-9, `${where} rep ${r} week ${w} ${use}`);
          });
        }
      }
    });
  }
  return all;
}

describe('§3–§8 and §10: the engine and a reference written from docs/model.md agree exactly', () => {
  it('on random small scenarios (every priority, pushes, warm-ups, overhead, churn; sometimes rates, specialist pools and prospecting, §12–§14)', () => {
    forScenarios(mechanismScenarioArb, 2026_12_04, 100, (scenario, trial) => {
      expectMatchesReference(scenario, trial, 2);
    });
  });
});

// Worlds whose every quantity is exact in binary (sizes, cycles and efforts x with exp(ln x) = x,
// rates and shares that are sums of powers of two), so that the rules' boundaries are met
// exactly and often: qualification costs equal to the hours left, exactly half the demand,
// bookings exactly at quota or at an attainment bin's edge, ties between priority keys, pushes
// at the threshold, decisions exactly at the quarter's end.
const exactFixed = (values: number[]) => fc.constantFrom(...values).map(fixed);

const exactSegment = (id: string) =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(id),
    sweetSpot: fc.boolean(),
    opportunitiesPerRepPerWeek: fc.constantFrom(0.25, 0.5, 1, 2),
    winRate: fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
    dealSize: exactFixed([5, 6, 12, 40, 8000]),
    salesCycleWeeks: exactFixed([1, 2, 4, 5, 6]),
    effortHours: exactFixed([0.5, 1, 2, 4, 6, 12]),
    discount: fc.constantFrom(0, 0.25, 0.5),
    costToServe: fc.constantFrom(0, 0.25, 0.5),
    annualChurn: fc.constantFrom(0, 0.5, 1),
    qualificationHours: fc.constantFrom(0, 0.5, 1, 2),
  });

const exactStrategy = (id: string, ids: string[], weeksPerQuarter: number) => {
  const pursue = fc.oneof(
    fc.constant<'sweet-spot'>('sweet-spot'),
    fc.constant<'all'>('all'),
    fc.subarray(ids, { minLength: 1 }),
  );
  return fc.record(
    {
      id: fc.constant(id),
      name: fc.constant(id),
      pursue,
      priority: fc.constantFrom(
        'expected-value-per-hour' as const,
        'oldest-first' as const,
        'closest-to-close' as const,
        'largest-first' as const,
      ),
      quarterEndPush: fc.record({
        fromWeek: fc.integer({ min: 1, max: weeksPerQuarter }),
        belowAttainment: fc.constantFrom(0.5, 1, 2),
        pursue,
        pullInWeeks: fc.integer({ min: 0, max: 3 }),
        extraDiscount: fc.constantFrom(0, 0.25),
        pullInWinFactor: fc.constantFrom(0.5, 1),
        overtime: fc.constantFrom(1, 1.5, 2),
      }),
    },
    { requiredKeys: ['id', 'name', 'pursue', 'priority'] },
  ) as fc.Arbitrary<Strategy>;
};

const exactScenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    segments: fc.integer({ min: 1, max: 3 }),
    strategies: fc.integer({ min: 2, max: 3 }),
    weeksPerQuarter: fc.constantFrom(4, 6, 13),
  })
  .chain(({ segments, strategies, weeksPerQuarter }) => {
    const segIds = Array.from({ length: segments }, (_, i) => `s${i}`);
    const stIds = Array.from({ length: strategies }, (_, i) => `t${i}`);
    return fc.record({
      seed: fc.integer(),
      quarters: fc.integer({ min: 1, max: 2 }),
      warmupWeeks: fc.constantFrom(0, 4, 7),
      weeksPerQuarter: fc.constant(weeksPerQuarter),
      reps: fc.integer({ min: 1, max: 3 }),
      hours: fc.constantFrom(0, 1, 2, 4, 6, 12),
      quota: fc.constantFrom(6, 12, 24, 6000, 8000, 16_000),
      overhead: fc.constantFrom(0, 0.5, 1),
      delay: fc.constantFrom(0, 0.25, 0.5),
      stallWeeks: fc.integer({ min: 1, max: 4 }),
      segs: fc.tuple(...segIds.map(exactSegment)),
      sts: fc.tuple(...stIds.map((id) => exactStrategy(id, segIds, weeksPerQuarter))),
      compare: fc.shuffledSubarray(stIds, { minLength: 2, maxLength: 2 }),
      // §12–§14, in a third of the worlds: a pool whose hours run out exactly, deals that need
      // it, prospecting banks that reach hoursPerOpportunity exactly, rates.
      mechanisms: fc.option(
        fc.record({
          poolHours: fc.option(fc.constantFrom(0, 1, 2, 4, 8)),
          poolCost: fc.constantFrom(0, 2),
          hourCost: fc.constantFrom(0, 4),
          needs: fc.tuple(...segIds.map(() => fc.option(fc.constantFrom(0.5, 1, 2)))),
          prospecting: fc.tuple(
            ...segIds.map(() =>
              fc.option(
                fc.record({
                  hoursPerOpportunity: fc.constantFrom(1, 2, 4),
                  lagWeeks: fc.constantFrom(1, 2),
                }),
              ),
            ),
          ),
          strategyProspecting: fc.tuple(
            ...stIds.map(() =>
              fc.option(
                fc.record({
                  segments: fc.subarray(segIds, { minLength: 1 }),
                  during: fc.boolean(),
                }),
              ),
            ),
          ),
        }),
        { freq: 3 },
      ),
    });
  })
  .map((g) => {
    const segs: Segment[] = g.segs.map((s) => ({ ...s }));
    if (!segs.some((s) => s.sweetSpot)) (segs[0] as Segment).sweetSpot = true;
    const sts: Strategy[] = g.sts.map((st) => ({ ...st }));
    const team: Scenario['team'] = {
      reps: g.reps,
      sellingHoursPerWeek: g.hours,
      quotaPerRepPerQuarter: g.quota,
      overheadHoursPerActiveDeal: g.overhead,
    };
    const m = g.mechanisms;
    if (m) {
      team.costPerSellingHour = m.hourCost;
      if (m.poolHours !== null) {
        team.specialists = [
          { id: 'experts', name: 'Experts', hoursPerWeek: m.poolHours, costPerHour: m.poolCost },
        ];
        segs.forEach((seg, i) => {
          const k = m.needs[i];
          if (k !== null && k !== undefined) seg.specialistHoursPerSellingHour = { experts: k };
        });
      }
      segs.forEach((seg, i) => {
        const how = m.prospecting[i];
        if (how) seg.prospecting = how;
      });
      sts.forEach((st, i) => {
        const wish = m.strategyProspecting[i];
        if (!wish) return;
        const pursue = wish.segments.filter((id) => segs.find((x) => x.id === id)?.prospecting);
        if (pursue.length === 0) return;
        st.prospecting = {
          pursue,
          when: wish.during && st.quarterEndPush ? 'during-push' : 'always',
        };
      });
    }
    return valid({
      version: 1,
      name: 'Exact world',
      currency: 'USD',
      seed: g.seed,
      trials: 2,
      horizon: {
        quarters: g.quarters,
        weeksPerQuarter: g.weeksPerQuarter,
        warmupWeeks: g.warmupWeeks,
      },
      team,
      dynamics: { delayPenaltyPerWeek: g.delay, stallWeeks: g.stallWeeks },
      segments: segs,
      strategies: sts,
      compare: [g.compare[0] as string, g.compare[1] as string],
    });
  });

describe('§3–§8, §10 and §12–§14 on worlds exact in binary: the boundaries of every rule', () => {
  it('agrees with the reference at ties (across reps too, §12), thresholds, exact halves, exactly spent pools and banks', () => {
    forScenarios(exactScenarioArb, 2026_12_05, 150, (scenario, trial) => {
      expectMatchesReference(scenario, trial, 2);
    });
  });
});

/** A segment's pace: arrivals a rep-week, each a fixed `cycle` weeks long needing `effort` hours. */
const pace = (perWeek: number, cycle: number, effort: number, more: Partial<Segment> = {}) => ({
  opportunitiesPerRepPerWeek: perWeek,
  salesCycleWeeks: fixed(cycle),
  effortHours: fixed(effort),
  ...more,
});

/** A one-segment scenario for the hand-made worlds below (values exact in binary). */
function handMade(
  segmentOverrides: Partial<Segment>,
  overrides: {
    horizon?: Partial<Scenario['horizon']>;
    team?: Partial<Scenario['team']>;
    dynamics?: Partial<Scenario['dynamics']>;
    segments?: Segment[];
    strategies?: Strategy[];
  } = {},
): Scenario {
  const core = segment('core', {
    opportunitiesPerRepPerWeek: 0.5,
    dealSize: fixed(8000),
    salesCycleWeeks: fixed(4),
    effortHours: fixed(4),
    discount: 0.25,
    costToServe: 0.25,
    annualChurn: 0.5,
    qualificationHours: 0,
    ...segmentOverrides,
  });
  const s = baseScenario(
    [core, ...(overrides.segments ?? [])],
    overrides.strategies ?? [
      { id: 'ev', name: 'EV', pursue: 'all', priority: 'expected-value-per-hour' },
      { id: 'close', name: 'Close', pursue: 'all', priority: 'closest-to-close' },
      { id: 'old', name: 'Old', pursue: 'all', priority: 'oldest-first' },
    ],
  );
  return valid({
    ...s,
    horizon: { ...s.horizon, ...overrides.horizon },
    team: { ...s.team, ...overrides.team },
    dynamics: { ...s.dynamics, ...overrides.dynamics },
  });
}

describe('§3–§8: hand-made worlds at the edges', () => {
  it('§3 step 5: progress exactly E·(1 − 10⁻⁹) is done (1 h effort, 1-week cycle, 1 − 10⁻⁹ hours)', () => {
    const scenario = handMade(
      { effortHours: fixed(1), salesCycleWeeks: fixed(1) },
      { team: { reps: 2, sellingHoursPerWeek: 1 - 1e-9 }, dynamics: { delayPenaltyPerWeek: 0.5 } },
    );
    const refs = expectMatchesReference(scenario, 0, 3);
    // Every lone deal is done in its arrival week: decided on time.
    const won = refs
      .flat()
      .reduce((n, r) => n + [...r.traced.values()].filter((d) => d.end === 'won').length, 0);
    expect(won).toBeGreaterThan(10);
  });

  it('§6 settling: a deal decided more than T weeks late (during settling) still has odds p·(1 − d)^L', () => {
    // One 4-week quarter; 12 h deals of 6-week cycles get 1 h a week (half their full speed, so
    // never starved): decided at age 12, 6 weeks late, mostly after the horizon.
    const scenario = handMade(pace(0.4, 6, 12, { winRate: 1 }), {
      horizon: { quarters: 1, weeksPerQuarter: 4 },
      team: { reps: 3, sellingHoursPerWeek: 1 },
      dynamics: { delayPenaltyPerWeek: 0.5, stallWeeks: 4 },
    });
    expectMatchesReference(scenario, 0, 6);
  });

  it('§6 settling stops after 20,000 weeks: a deal whose rate underflows to 0 is filed as stalled', () => {
    // effort / cycle = 1e-321 / 500 underflows to 0: such a deal asks for nothing and never
    // ends. Overhead and a second rep check that it leaves nothing behind for the next rep.
    // Validation refuses efforts under 10⁻⁶ h (docs/scenario-format.md), so no valid scenario
    // reaches this safeguard; it is tested on a scenario edited after validation.
    const scenario = handMade(pace(0.3, 500, 1), {
      horizon: { quarters: 1, weeksPerQuarter: 6 },
      team: { reps: 3, sellingHoursPerWeek: 6, overheadHoursPerActiveDeal: 0.5 },
      segments: [segment('other', pace(1, 2, 4, { dealSize: fixed(40), qualificationHours: 0 }))],
    });
    (scenario.segments[0] as Segment).effortHours = fixed(1e-321);
    const refs = expectMatchesReference(scenario, 0, 2);
    const neverEnded = refs
      .flat()
      .reduce((n, r) => n + r.fates.filter((f) => f.fate === 'open').length, 0);
    expect(neverEnded).toBeGreaterThan(0);
  });

  it('§3 step 4: a rep whose every deal is open at once, ranked with too few hours', () => {
    // One rep, few deals, long cycles in a short horizon: all of the world's deals are open
    // together, and there are never enough hours for all of them.
    const scenario = handMade(pace(0.5, 6, 12, { dealSize: spread(8000, 12_000) }), {
      horizon: { quarters: 1, weeksPerQuarter: 4 },
      team: { reps: 1, sellingHoursPerWeek: 2 },
      dynamics: { stallWeeks: 4 },
    });
    for (let t = 0; t < 20; t++) expectMatchesReference(scenario, t, 1);
  });

  it('§5: a rep exactly at quota, exactly on attainment-bin edges, and at 300% and beyond', () => {
    // Wins book 8000 × 0.75 = 6000; quota 6000: one win is 100%, two 200%, three or more ≥ 300%.
    const scenario = handMade(
      { opportunitiesPerRepPerWeek: 1, winRate: 0.75, salesCycleWeeks: fixed(1) },
      { team: { reps: 3, sellingHoursPerWeek: 12, quotaPerRepPerQuarter: 6000 } },
    );
    const refs = expectMatchesReference(scenario, 0, 3);
    const bins = new Set(
      refs.flat().flatMap((r) => r.attainment.flatMap((q, _) => q.map((n, b) => (n > 0 ? b : -1)))),
    );
    expect(bins.has(REF_ATTAINMENT_BINS - 1)).toBe(true);
  });
});

describe('§3 step 4: deals are ranked only in weeks when the order can matter', () => {
  // The model: open deals are ranked only in a week when some deal is pulled in or their
  // full-speed rates add up to more than the hours left; ties keep the order of the last ranking
  // (or, for deals added since, arrival order). Mutation testing found that the earlier text
  // ("ties keep the previous week's order", as if every week were ranked) did not say so. In
  // this world (one rep, 5 h a week, closest to close first):
  //   week 0  deal 0 (12 h, 4-week cycle: 3 h a week) arrives; weeks 0–1 it gets 3 h: 6 h left.
  //   week 2  deal 1 (4 h, 4 weeks: 1 h a week) arrives. 3 + 1 ≤ 5 h: no ranking, deal 0 stays
  //           first, and both get their full speed.
  //   week 3  two qualified-out arrivals take 2 h: 3 h left, ranked. Deals 0 and 1 tie at 3 h
  //           left: deal 0 keeps its place, gets its 3 h, is decided on time in week 3 and books
  //           $8,000. (Had week 2 been ranked, deal 1 would have gone first and deal 0 would have
  //           been decided a week late and lost.)
  /** Won for sure at list value, free to serve and to qualify, kept forever; $40 unless set. */
  const sure = {
    winRate: 1,
    dealSize: fixed(40),
    discount: 0,
    costToServe: 0,
    annualChurn: 0,
    qualificationHours: 0,
  };
  const scenario = valid({
    version: 1,
    name: 'Tie after a week with hours to spare',
    currency: 'USD',
    seed: 385,
    trials: 1,
    horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks: 0 },
    team: {
      reps: 1,
      sellingHoursPerWeek: 5,
      quotaPerRepPerQuarter: 100_000,
      overheadHoursPerActiveDeal: 0,
    },
    dynamics: { delayPenaltyPerWeek: 0.5, stallWeeks: 4 },
    segments: [
      segment('fast', pace(0.4, 4, 12, { ...sure, dealSize: fixed(8000) })),
      segment('noise', pace(0.5, 4, 4, { ...sure, sweetSpot: false, qualificationHours: 1 })),
      segment('slow', pace(0.4, 4, 4, sure)),
    ],
    strategies: [
      { id: 'close', name: 'Closest first', pursue: 'sweet-spot', priority: 'closest-to-close' },
      { id: 'old', name: 'Oldest first', pursue: 'sweet-spot', priority: 'oldest-first' },
    ],
    compare: ['close', 'old'],
  });

  it('the world is the one described', () => {
    const world = new Simulator(scenario).drawWorld(0);
    const deal = (d: number) => [world.segment[d], world.week[d]];
    expect([deal(0), deal(1), deal(2), deal(3), deal(4), deal(5)]).toEqual([
      [0, 0],
      [2, 2],
      [0, 3],
      [1, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(world.outcomeDraw[0]).toBeCloseTo(0.798, 3);
    // What the engine does today.
    const close = tracedByDeal(traceTrial(scenario, 0), 0);
    expect(close.get(0)).toMatchObject({ end: 'won', endWeek: 3, booked: 8000 });
  });

  it('the plain reference, ranking by the same rule, agrees deal by deal', () => {
    expectMatchesReference(scenario, 0, 1);
  });

  it('with exactly the hours they ask for, the deals are ranked, and the tie follows that ranking', () => {
    // The same world with 4 selling hours: in week 2 the open deals ask for exactly the 4 hours
    // left (3 + 1), more than 4 × (1 − 10⁻⁹), so they are ranked: deal 1 (4 h left) before
    // deal 0 (6 h left). It keeps that place in the tie of week 3, and deal 0 is not won on time.
    const four = valid({ ...scenario, team: { ...scenario.team, sellingHoursPerWeek: 4 } });
    const close = expectMatchesReference(four, 0, 1)[0]?.[0]?.traced;
    expect(close?.get(0)?.end === 'won' && close.get(0)?.endWeek === 3).toBe(false);
    expect(close?.get(1)?.end).toBe('won');
  });

  it('only the open deals’ rates count: deals that ended no longer call for a ranking', () => {
    // Another world of the same kind (seed 1854) where, had the rates of the deals that ended
    // still counted, a week with hours to spare would be ranked and an $8,000 deal would end
    // differently (found by searching seeds; the engine and the reference book $16,120).
    const other = valid({ ...scenario, seed: 1854 });
    const refs = expectMatchesReference(other, 0, 1);
    expect(refs[0]?.[0]?.bookings[0]).toBe(16_120);
  });
});
