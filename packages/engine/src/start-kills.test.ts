/**
 * Exact, seeded checks of a start from today (docs/model.md §16), written to fail on the one-line
 * changes to its rule code that mutation testing (docs/testing.md, "Mutation testing") found
 * other tests let through: the open pipeline's draws (`World.drawPipeline`),
 * each open deal's chance of a win (`World.winRateOf`), how it is opened (`openPipeline`,
 * `openDeal`), the order of `compileStart` and the first quarter's weeks in `Ledger.tally`.
 * Every expected value is computed here from the model's text (no engine function is the oracle,
 * only the random primitives, which are tested on their own against reference values: the
 * truncated normal of §16 in random/truncated-normal.test.ts). Each test names the mutants it was
 * checked to fail on.
 */
import type { PipelineDeal, Scenario, Segment, Strategy } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Layout } from './layout.ts';
import { normal } from './random/normal.ts';
import { poisson } from './random/poisson.ts';
import { Rng, trialSeed } from './random/rng.ts';
import { truncatedNormal } from './random/truncated-normal.ts';
import { Simulator, simulateChunk } from './simulate.ts';
import { startedArb, valid } from './test-arbitraries.ts';
import { drawnDeal, drawnSegment, fixed, muSigma, spread } from './test-worlds.ts';
import { traceTrial } from './trace.ts';

interface RefOpenDeal {
  segment: number;
  week: number;
  V: number;
  C: number;
  E: number;
  U: number;
  churn: number;
  /** Its chance of a win before any lateness, q = pf/(pf + 1 − p). */
  q: number;
}

/**
 * One open deal's draws in the order of docs/model.md §16: size (or its amount ÷ (1 − discount)
 * and that value's z), the cycle given the deal is still open, the effort, the outcome and churn.
 */
function referenceOpenDeal(rng: Rng, seg: Segment, d: PipelineDeal, p: number) {
  const [muV, sigmaV] = muSigma(seg.dealSize);
  let zV = normal(rng);
  let V = Math.exp(muV + sigmaV * zV);
  if (d.amount !== undefined) {
    V = d.amount / (1 - seg.discount);
    zV = sigmaV > 0 ? (Math.log(V) - muV) / sigmaV : 0;
  }
  const [muC, sigmaC] = muSigma(seg.salesCycleWeeks);
  const rho = seg.sizeCycleCorrelation ?? 0;
  const root = Math.sqrt(1 - rho * rho);
  let C: number;
  if (sigmaC > 0) {
    // round(C*) ≥ a + 1 ⇔ C* ≥ a + ½, with ln C* = μ + σ(ρ zV + √(1 − ρ²) Z).
    const b = ((Math.log(d.ageWeeks + 0.5) - muC) / sigmaC - rho * zV) / root;
    C = Math.round(Math.exp(muC + sigmaC * (rho * zV + root * truncatedNormal(rng, b))));
  } else {
    normal(rng); // the cycle's draw is made (and unused) as for any deal
    C = Math.round(Math.exp(muC));
  }
  C = Math.min(10_000, Math.max(d.ageWeeks + 1, C));
  const [muE, sigmaE] = muSigma(seg.effortHours);
  const rhoE = seg.sizeEffortCorrelation ?? 0;
  const zE = rhoE ? rhoE * zV + Math.sqrt(1 - rhoE * rhoE) * normal(rng) : normal(rng);
  const E = Math.exp(muE + sigmaE * zE);
  const U = rng.next();
  const churn = rng.next();
  const f = d.winOdds ?? 1;
  const q = p <= 0 || p >= 1 ? p : (p * f) / (p * f + 1 - p);
  return { V, C, E, U, churn, q };
}

/** The open pipeline in the engine's order: by rep, in the scenario's order within a rep. */
function byRep(pipeline: PipelineDeal[]): PipelineDeal[] {
  return pipeline
    .map((d, i) => ({ d, i }))
    .sort((x, y) => x.d.rep - y.d.rep || x.i - y.i)
    .map((x) => x.d);
}

/**
 * Trial `trial`'s open deals (after the per-segment win rates, which are read from the world:
 * they are pinned draw by draw in mutation-kills.test.ts), then the first arrival's size draw,
 * which must come next in the stream.
 */
function referencePipeline(scenario: Scenario, trial: number, winRate: Float64Array) {
  const rng = new Rng(trialSeed(scenario.seed, trial), 0);
  // The win-rate draws come first; skipping them by replaying is only possible with their
  // uncertainty unset, which the scenarios here keep.
  if (scenario.segments.some((s) => s.winRateUncertainty !== undefined))
    throw new Error('test scenarios here have no win-rate uncertainty');
  const ids = scenario.segments.map((s) => s.id);
  const deals: RefOpenDeal[] = byRep(scenario.start?.pipeline ?? []).map((d) => {
    const s = ids.indexOf(d.segment);
    const seg = scenario.segments[s] as Segment;
    return { segment: s, week: 0 - d.ageWeeks, ...referenceOpenDeal(rng, seg, d, winRate[s] ?? 0) };
  });
  return { deals, rng };
}

/** Compares the world's open deals with the reference, bit for bit; returns their number. */
function expectPipeline(scenario: Scenario, trial: number): number {
  const world = new Simulator(scenario).drawWorld(trial);
  const { deals, rng } = referencePipeline(scenario, trial, world.winRate);
  expect(world.pipelineCount).toBe(deals.length);
  deals.forEach((want, i) => {
    const got = { ...drawnDeal(world, i), q: world.winRateOf(i) };
    expect(got, `open deal ${i}`).toEqual(want);
    expect(world.rate[i], `rate of open deal ${i}`).toBe(want.E / want.C);
  });
  // The arrivals draw on from where the pipeline stopped: the stream is shared (§16, "first").
  const S = scenario.segments.length;
  let first = -1;
  const poissonRng = rng;
  outer: for (let r = 0; r < scenario.team.reps; r++) {
    for (let w = 0; w < world.weeks; w++) {
      for (let s = 0; s < S; s++) {
        const k = poisson(poissonRng, scenario.segments[s]?.opportunitiesPerRepPerWeek ?? 0);
        if (k > 0) {
          first = s;
          break outer;
        }
      }
    }
  }
  if (first >= 0 && world.count > deals.length) {
    const seg = scenario.segments[first] as Segment;
    const [muV, sigmaV] = muSigma(seg.dealSize);
    expect(world.listValue[deals.length], 'first arrival').toBe(
      Math.exp(muV + sigmaV * normal(poissonRng)),
    );
    // Arrivals win at the segment's rate, whatever the open deals' factors.
    expect(world.winRateOf(deals.length)).toBe(world.winRate[first]);
  }
  return deals.length;
}

const team: Scenario['team'] = {
  reps: 3,
  sellingHoursPerWeek: 40,
  quotaPerRepPerQuarter: 100_000,
  overheadHoursPerActiveDeal: 0,
};

/** The segments here: no cost to serve, churn or qualification hours; override anything. */
function segment(id: string, overrides: Partial<Segment> = {}): Segment {
  return drawnSegment(id, {
    opportunitiesPerRepPerWeek: 0.5,
    winRate: 0.4,
    salesCycleWeeks: spread(6, 14),
    effortHours: spread(10, 25),
    costToServe: 0,
    annualChurn: 0,
    qualificationHours: 0,
    ...overrides,
  });
}

function startedScenario(
  segments: Segment[],
  start: NonNullable<Scenario['start']>,
  strategies: Strategy[] = [
    { id: 'a', name: 'A', pursue: 'all', priority: 'oldest-first' },
    { id: 'b', name: 'B', pursue: 'sweet-spot', priority: 'oldest-first' },
  ],
  quarters = 1,
): Scenario {
  return valid({
    version: 1,
    name: 'Start check',
    currency: 'USD',
    seed: 4242,
    trials: 1,
    horizon: { quarters, weeksPerQuarter: 13, warmupWeeks: 0 },
    team,
    dynamics: { delayPenaltyPerWeek: 0, stallWeeks: 3 },
    segments,
    strategies,
    compare: [strategies[0]?.id ?? 'a', strategies[1]?.id ?? 'b'],
    start,
  });
}

describe('§16 the open pipeline, draw by draw', () => {
  // Kills (the mutation run of 2026-12-05 saw this test fail on each): compileStart's segment
  // index (`new Map([])`, `index.get(…) ?? 0` → `&& 0`, the mapping → `undefined`); in
  // drawPipeline, one deal too many (`i < P` → `≤`), the week `−age` → `+age`, the drawn size
  // (`μ + σz` → `μ − σz`, `σ / z`), the amount's list value (`amount · (1 − d)`, `1 + d`), the
  // effort (`μ − σz`, `σ / z`), the win-rate guard at p = 1 (`p ≤ 0 || p ≥ 1` → false, → `&&`,
  // `p ≥ 1` → false, → `p > 1`). (truncatedNormal's own mutants, the plain draws for a ≤ ½
  // taken away, are killed draw for draw in random/truncated-normal.test.ts.)
  it('random started scenarios: every open deal’s draws in the documented order, bit for bit', () => {
    fc.assert(
      fc.property(
        startedArb.map((s) => ({
          ...s,
          segments: s.segments.map(({ winRateUncertainty: _, ...g }) => g),
        })),
        fc.nat(1000),
        (scenario, trial) => {
          expectPipeline(valid(scenario), trial);
        },
      ),
      { seed: 2026_12_05, numRuns: 60, endOnFailure: true },
    );
  });
});

describe('§16 the open pipeline: every branch of its draws', () => {
  // Segments that take each branch: sizes tied to cycle and effort (ρ ≠ 0), a fixed size with an
  // amount (σ_V = 0: z = 0), a fixed cycle some deals have outlived, win rates 0 and 1 (q = p
  // whatever the factor); young deals (bound ≤ ½: plain draws) and old ones (the exponential
  // proposal), one at the 9,999-week limit (its cycle is capped at 10,000 weeks); reps listed
  // out of order; and more open deals than the world's first buffers hold (1,024).
  const segments = [
    segment('tied', { sizeCycleCorrelation: 0.6, sizeEffortCorrelation: -0.5, discount: 0.2 }),
    segment('fixedSize', {
      dealSize: fixed(8_000),
      sizeCycleCorrelation: -0.3,
      opportunitiesPerRepPerWeek: 1,
    }),
    segment('fixedCycle', { salesCycleWeeks: fixed(4), winRate: 1 }),
    segment('never', { winRate: 0, sweetSpot: false }),
  ];
  const ids = segments.map((s) => s.id);
  const deals: PipelineDeal[] = [];
  for (let i = 0; i < 1_100; i++) {
    deals.push({
      segment: ids[i % 4] as string,
      rep: 3 - (i % 3),
      ageWeeks: [0, 1, 3, 9, 30, 80, 9_999][i % 7] as number,
      ...(i % 5 === 0 ? {} : { amount: 1_000 + 37 * i }),
      // (With p = 1, (1·f + 1 − 1) is not f to the bit for f = 0.1: q = p must be kept as is.)
      ...(i % 3 === 0 ? {} : { winOdds: [0.1, 3, 0.8, 0.3][(i >> 2) % 4] as number }),
    });
  }
  const scenario = startedScenario(segments, { weekOfQuarter: 4, pipeline: deals });

  // Kills (the mutation run of 2026-12-05 saw this test fail on each): in drawPipeline, the
  // buffer growth taken away (`while (P > capacity)` → false), the amount's z (`σ_V > 0 ? … : 0`
  // → false, `(ln V − μ)/σ` → `· σ`, `ln V + μ`), the copula's `√(1 − ρ²)` → `√(1 + ρ²)` and the
  // bound's `/ root` → `· root` and `− ρ·z` → `+ ρ·z`.
  it('a hand-made pipeline that takes every branch, bit for bit, for several trials', () => {
    for (const trial of [0, 1, 7]) expect(expectPipeline(scenario, trial)).toBe(1_100);
  });
});

describe('§16 each rep’s open deals and bookings so far', () => {
  // Every open deal is won (win rate 1, fixed cycle 2 weeks, 2 h of effort): those aged 0 in
  // week 1, the older ones, which have outlived their cycle, in week 0. No arrivals. Strategy a
  // pursues both segments, b only the sweet spot (so it drops the 'other' deals). The list is not
  // in rep order; reps 1 and 3 have bookings so far (rep 3's margin defaults to its amount).
  const sure = segment('sure', {
    opportunitiesPerRepPerWeek: 0,
    winRate: 1,
    discount: 0,
    dealSize: fixed(10_000),
    salesCycleWeeks: fixed(2),
    effortHours: fixed(2),
  });
  const other = { ...sure, id: 'other', name: 'other', sweetSpot: false };
  const pipeline: PipelineDeal[] = [
    { segment: 'sure', rep: 3, ageWeeks: 0, amount: 20_000 },
    { segment: 'other', rep: 1, ageWeeks: 5, amount: 7_000 },
    { segment: 'sure', rep: 2, ageWeeks: 1, amount: 110_000 },
    { segment: 'sure', rep: 1, ageWeeks: 0, amount: 45_000 },
    { segment: 'other', rep: 3, ageWeeks: 0, amount: 3_000 },
  ];
  const scenario = startedScenario([sure, other], {
    weekOfQuarter: 11,
    pipeline,
    booked: [
      { rep: 1, amount: 60_000, margin: 20_000 },
      { rep: 3, amount: 30_000 },
    ],
  });
  const ordered = byRep(pipeline);

  // Kills (the mutation run of 2026-12-05 saw this test fail on each): compileStart's per-rep
  // ranges (`new Int32Array(reps + 1)` → `reps − 1`; the running sum's `r ≤ reps` → false, `<`,
  // `>`): the last reps' open deals are lost or reach another rep.
  it('open deals reach their own rep, pursued or dropped per strategy, as the trace shows', () => {
    const trace = traceTrial(scenario, 0);
    for (const [index, pursues] of [
      [0, ['sure', 'other']],
      [1, ['sure']],
    ] as const) {
      const events = trace.strategies[index]?.events ?? [];
      ordered.forEach((d, i) => {
        const mine = events.filter((e) => e.deal === i);
        const kinds = mine.map((e) => e.kind);
        const taken = (pursues as readonly string[]).includes(d.segment);
        expect(kinds.slice(0, 2), `strategy ${index}, deal ${i}`).toEqual([
          'arrived',
          taken ? 'qualified-in' : 'qualified-out',
        ]);
        expect(mine.every((e) => e.rep === d.rep - 1)).toBe(true);
        expect(mine[0]?.week).toBe(0);
        // A pursued deal is won in week 1 (age 0) or week 0 (it outlived its cycle).
        if (taken) {
          const won = mine.find((e) => e.kind === 'won');
          expect(won?.week).toBe(d.ageWeeks === 0 ? 1 : 0);
          expect(won?.bookedValue).toBe(d.amount);
        } else expect(kinds.length).toBe(2);
      });
    }
  });

  // Per rep, what tests/engine-start.test.ts checks for the team (it already kills the mutants of
  // `booked[rep − 1]` and of the margin's default; no mutant of the run needed this test).
  it('bookings so far join each rep’s own attainment, and the margin defaults to the amount', () => {
    const chunk = simulateChunk(scenario, 0, 1);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    const col = (st: number, m: 'bookings' | 'margin' | 'repsAtQuota') =>
      chunk.columns[layout.columnOffset(st, layout.quarterColumn(0, m), 1)];
    // a: rep 1 60k + 45k + 7k ≥ 100k; rep 2 110k; rep 3 30k + 20k + 3k: two reps at quota.
    expect(col(0, 'bookings')).toBe(90_000 + 20_000 + 7_000 + 110_000 + 45_000 + 3_000);
    expect(col(0, 'margin')).toBe(20_000 + 30_000 + 20_000 + 7_000 + 110_000 + 45_000 + 3_000);
    expect(col(0, 'repsAtQuota')).toBe(2);
    // b drops the 'other' deals: rep 1 105k, rep 2 110k, rep 3 50k.
    expect(col(1, 'bookings')).toBe(90_000 + 20_000 + 110_000 + 45_000);
    expect(col(1, 'repsAtQuota')).toBe(2);
  });
});
