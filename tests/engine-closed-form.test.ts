/**
 * The engine against the closed forms of docs/model.md §9. Each check is a statistical test at
 * the 99% level: a sample mean must lie within z = 2.576 standard errors of the exact mean, and a
 * sample variance within z standard errors of the exact variance, using the exact fourth moment
 * of a compound Poisson sum (κ₄ = Λ·E[X⁴]) for the standard error of the variance. Seeds are
 * fixed, so the tests are deterministic; the bounds say how surprising a failure would be.
 */
import { Layout, type SimulationChunk, simulateChunk } from '@sweetspot/engine';
import type { Scenario, Segment } from '@sweetspot/scenario';
import { effortlessSegment, unlimitedScenario, validScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { HOUR_USES } from '../packages/engine/src/test-run.ts';
import { fixed, muSigma, spread } from '../packages/engine/src/test-worlds.ts';

const Z99 = 2.576;

/**
 * Raw moment E[X^k] = exp(kμ + k²σ²/2) of the segment's deal-size lognormal, with μ and σ from
 * the oracle written from docs/model.md §2, not taken from the engine (so a wrong
 * parameterisation there cannot move this oracle with it).
 */
function sizeMoment(seg: Segment, k: number): number {
  const [mu, sigma] = muSigma(seg.dealSize);
  return Math.exp(k * mu + (k * k * sigma * sigma) / 2);
}

describe('the oracle itself', () => {
  it('gives the lognormal moments worked out by hand', () => {
    // median 20,000, p90 45,000: σ = ln(2.25) / 1.2815515655446004 = 0.8109302162 / 1.2815515655
    // = 0.6327722; E[X] = 20,000 · exp(σ²/2) = 20,000 · exp(0.2002003) = 24,432.95;
    // E[X²] = 20,000² · exp(2σ²) = 4e8 · exp(0.8008013) = 8.90930e8.
    const seg = { dealSize: spread(20_000, 45_000) } as Segment;
    expect(sizeMoment(seg, 1) / 24_432.95 - 1).toBeCloseTo(0, 5);
    expect(sizeMoment(seg, 2) / 8.9093e8 - 1).toBeCloseTo(0, 5);
    // A point mass (p90 = median) has σ = 0: E[X^k] = median^k.
    const point = { dealSize: fixed(10_000) } as Segment;
    expect(sizeMoment(point, 1)).toBeCloseTo(10_000, 9);
    expect(sizeMoment(point, 4) / 1e16).toBeCloseTo(1, 12);
  });
});

/** A team of `reps` reps, each with a quota and these selling hours a week and overhead hours. */
function teamOf(
  reps: number,
  sellingHoursPerWeek: number,
  quotaPerRepPerQuarter = 100_000,
  overheadHoursPerActiveDeal = 0,
): Scenario['team'] {
  return { reps, sellingHoursPerWeek, quotaPerRepPerQuarter, overheadHoursPerActiveDeal };
}

function columnValues(
  chunk: SimulationChunk,
  strategy: number,
  quarter: number,
  metric: 'bookings' | 'margin' | 'repsAtQuota' | 'hoursWasted',
): Float64Array {
  const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
  const start = layout.columnOffset(
    strategy,
    layout.quarterColumn(quarter, metric),
    chunk.trialCount,
  );
  return chunk.columns.subarray(start, start + chunk.trialCount);
}

function moments(xs: Float64Array): { mean: number; variance: number; n: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1), n: xs.length };
}

/**
 * Compound Poisson with Poisson mean Λ and marks X = c·V·1 (won deals only): cumulants
 * κ_k = Λ·E[X^k].
 */
interface CompoundPoisson {
  mean: number;
  variance: number;
  kappa4: number;
}

function segmentBookings(
  seg: Segment,
  reps: number,
  weeks: number,
  factor: number,
): CompoundPoisson {
  const lambda = weeks * reps * seg.opportunitiesPerRepPerWeek * seg.winRate;
  return {
    mean: lambda * sizeMoment(seg, 1) * factor,
    variance: lambda * sizeMoment(seg, 2) * factor ** 2,
    kappa4: lambda * sizeMoment(seg, 4) * factor ** 4,
  };
}

function add(a: CompoundPoisson, b: CompoundPoisson): CompoundPoisson {
  return { mean: a.mean + b.mean, variance: a.variance + b.variance, kappa4: a.kappa4 + b.kappa4 };
}

function expectMoments(xs: Float64Array, exact: CompoundPoisson): void {
  const m = moments(xs);
  const seMean = Math.sqrt(exact.variance / m.n);
  expect(
    Math.abs(m.mean - exact.mean),
    `mean ${m.mean} vs ${exact.mean} (se ${seMean})`,
  ).toBeLessThan(Z99 * seMean);
  // Var(s²) ≈ (μ₄ − σ⁴)/n with μ₄ = κ₄ + 3σ⁴.
  const seVar = Math.sqrt((exact.kappa4 + 2 * exact.variance ** 2) / m.n);
  expect(
    Math.abs(m.variance - exact.variance),
    `variance ${m.variance} vs ${exact.variance} (se ${seVar})`,
  ).toBeLessThan(Z99 * seVar);
}

describe('unlimited hours: quarterly bookings are compound Poisson (docs/model.md §9)', () => {
  const cases: { name: string; segments: Segment[]; reps: number; warmup: number }[] = [
    { name: 'fixed size and cycle', segments: [effortlessSegment()], reps: 3, warmup: 4 },
    {
      name: 'lognormal size and cycle',
      segments: [
        effortlessSegment({
          opportunitiesPerRepPerWeek: 1.5,
          winRate: 0.25,
          discount: 0.2,
          dealSize: spread(20_000, 45_000),
          salesCycleWeeks: spread(5, 9),
        }),
      ],
      reps: 2,
      warmup: 60,
    },
    {
      name: 'two segments, one slow and skewed',
      segments: [
        effortlessSegment({
          id: 'a',
          opportunitiesPerRepPerWeek: 0.7,
          winRate: 0.4,
          dealSize: spread(5_000, 8_000),
        }),
        effortlessSegment({
          id: 'b',
          sweetSpot: false,
          opportunitiesPerRepPerWeek: 0.4,
          winRate: 0.12,
          discount: 0.3,
          dealSize: spread(30_000, 60_000),
          salesCycleWeeks: spread(10, 14),
        }),
      ],
      reps: 5,
      warmup: 80,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const scenario = validScenario(
        unlimitedScenario(c.segments, {
          trials: 4000,
          seed: 11,
          team: teamOf(c.reps, 168),
          horizon: { quarters: 2, weeksPerQuarter: 13, warmupWeeks: c.warmup },
        }),
      );
      const chunk = simulateChunk(scenario, 0, scenario.trials);
      const exact = c.segments
        .map((s) => segmentBookings(s, c.reps, 13, 1 - s.discount))
        .reduce(add);
      for (const q of [0, 1]) expectMoments(columnValues(chunk, 0, q, 'bookings'), exact);
      // Strategy 1 pursues only the sweet spot.
      const sweet = c.segments
        .filter((s) => s.sweetSpot)
        .map((s) => segmentBookings(s, c.reps, 13, 1 - s.discount))
        .reduce(add);
      expectMoments(columnValues(chunk, 1, 0, 'bookings'), sweet);
      // With no effort spent on losses that matter, nothing is wasted beyond tiny effort hours.
      for (const x of columnValues(chunk, 0, 0, 'hoursWasted'))
        expect(x).toBeLessThan(c.reps * 13 * 1);
    });
  }

  it('gross margin: cost to serve scales the marks', () => {
    const seg = effortlessSegment({ costToServe: 0.35, dealSize: spread(8_000, 16_000) });
    const scenario = validScenario(unlimitedScenario([seg], { seed: 3 }));
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    expectMoments(
      columnValues(chunk, 0, 1, 'margin'),
      segmentBookings(seg, 3, 13, (1 - 0.1) * (1 - 0.35)),
    );
  });

  it('uncertain win rate: same mean, variance grows by the law of total variance', () => {
    const n = 20;
    const seg = effortlessSegment({
      winRate: 0.3,
      winRateUncertainty: n,
      dealSize: fixed(10_000),
    });
    const scenario = validScenario(unlimitedScenario([seg], { seed: 5, trials: 6000 }));
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const xs = columnValues(chunk, 0, 0, 'bookings');
    const m = moments(xs);
    const K = 13;
    const R = 3;
    const d = 0.9;
    const v = 10_000 * d;
    const w = 0.3;
    const varP = (w * (1 - w)) / (n + 1);
    const mean = K * R * 2 * w * v;
    const variance = K * R * 2 * w * v * v + (K * R * 2 * v) ** 2 * varP;
    expect(Math.abs(m.mean - mean)).toBeLessThan(Z99 * Math.sqrt(variance / m.n));
    // The extra variance dominates; a Beta-mixed Poisson has heavier tails, so allow 8% (≈ 4 se
    // of a sample variance from 6000 trials with kurtosis below 6).
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.08);
    // And it is clearly larger than the known-rate variance (which it would be without the draw).
    expect(m.variance).toBeGreaterThan(1.5 * K * R * 2 * w * v * v);
  });

  it('wins per quarter are Poisson: mean equals variance', () => {
    const seg = effortlessSegment({ dealSize: fixed(1), discount: 0 });
    const scenario = validScenario(unlimitedScenario([seg], { seed: 9, trials: 5000 }));
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    // With value 1 and no discount, bookings = number of wins.
    const lambda = 13 * 3 * 2 * 0.3;
    expectMoments(columnValues(chunk, 0, 0, 'bookings'), {
      mean: lambda,
      variance: lambda,
      kappa4: lambda,
    });
  });
});

describe('retained recurring revenue (docs/model.md §8–9)', () => {
  it('matches the constant-hazard expectation', () => {
    const seg = effortlessSegment({ annualChurn: 0.4, dealSize: fixed(10_000) });
    const scenario = validScenario(unlimitedScenario([seg], { seed: 21, trials: 4000 }));
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    const start = layout.columnOffset(
      0,
      layout.horizonColumn('retainedRecurringRevenue'),
      chunk.trialCount,
    );
    const xs = chunk.columns.subarray(start, start + chunk.trialCount);
    const W0 = 20;
    const T = W0 + 26;
    const perWeek = 3 * 2 * 0.3 * 10_000 * 0.9;
    let mean = 0;
    let second = 0; // Σ per-week Poisson(λ·p_keep) marks: variance = Σ λ·keep·v²
    for (let w = W0; w < T; w++) {
      const keep = 0.6 ** ((T - 1 - w) / 52);
      mean += perWeek * keep;
      second += 3 * 2 * 0.3 * keep * (10_000 * 0.9) ** 2;
    }
    const m = moments(xs);
    expect(Math.abs(m.mean - mean)).toBeLessThan(Z99 * Math.sqrt(second / m.n));
  });
});

describe('hours and stalls', () => {
  it('with no selling hours every pursued deal stalls and nothing is won', () => {
    const seg = effortlessSegment({ effortHours: fixed(3) });
    const scenario = validScenario(
      unlimitedScenario([seg], {
        team: teamOf(2, 0, 1),
        trials: 200,
      }),
    );
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    for (const x of columnValues(chunk, 0, 0, 'bookings')) expect(x).toBe(0);
    const stalls = layout.aggregateValue(
      chunk.aggregates,
      layout.segmentAggregate(0, 1, 0, 'stalls'),
    );
    const wins = layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(0, 1, 0, 'wins'));
    expect(wins).toBe(0);
    // Every deal arriving 3 weeks (stallWeeks) before a reported week stalls in it: Poisson(13·2·2).
    const perTrial = stalls / scenario.trials;
    expect(Math.abs(perTrial - 52)).toBeLessThan(Z99 * Math.sqrt(52 / scenario.trials));
  });

  it('hours by use add up to capacity in every quarter (§6)', () => {
    const scenario = validScenario({
      ...unlimitedScenario([
        effortlessSegment({ effortHours: spread(6, 12), qualificationHours: 0.5 }),
        effortlessSegment({
          id: 'out',
          sweetSpot: false,
          effortHours: spread(10, 30),
          qualificationHours: 1,
        }),
      ]),
      team: teamOf(3, 15, 50_000, 0.2),
      trials: 300,
    });
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    for (let s = 0; s < chunk.strategies; s++) {
      for (let q = 0; q < chunk.quarters; q++) {
        let used = layout.aggregateValue(chunk.aggregates, layout.teamAggregate(s, q, 'hoursIdle'));
        for (let g = 0; g < chunk.segments; g++) {
          for (const u of HOUR_USES)
            used += layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(s, q, g, u));
        }
        const capacity = layout.aggregateValue(
          chunk.aggregates,
          layout.teamAggregate(s, q, 'hoursCapacity'),
        );
        expect(capacity).toBe(3 * 13 * 15 * scenario.trials);
        // Fixed-point rounding: at most 1/32 hour per cell and trial.
        expect(Math.abs(used - capacity)).toBeLessThan((scenario.trials * 20) / 16);
      }
    }
  });
});
