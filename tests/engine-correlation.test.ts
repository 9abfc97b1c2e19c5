/**
 * Deal size tied to effort and cycle (docs/model.md §2): a Gaussian copula on the log scale.
 * Statistical checks at the 99% level (z = 2.576) of the correlations and marginals the document
 * states, and exact checks that a correlation of 0 draws exactly what a scenario without the
 * fields draws. (That those draws are still the documented ones, in the documented order, is
 * pinned draw by draw in packages/engine/src/mutation-kills.test.ts, "the world".)
 */
import { compileScenario, Rng, simulateChunk, trialSeed, World } from '@sweetspot/engine';
import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { validScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';

const Z99 = 2.576;
/** Φ⁻¹(0.9), from docs/model.md §2 (not from the engine). */
const Z90 = 1.2815515655446004;

function mean(x: number[]): number {
  return x.reduce((a, b) => a + b, 0) / x.length;
}

function sd(x: number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
}

/** Pearson's sample correlation. */
function pearson(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** One segment, with long cycles so that rounding the cycle to whole weeks barely matters. */
function correlated(rhoEffort: number, rhoCycle: number): Scenario {
  const base = structuredClone(PRESETS[0]) as Scenario;
  const seg = { ...(base.segments[0] as Scenario['segments'][number]) };
  seg.opportunitiesPerRepPerWeek = 5;
  seg.dealSize = { median: 20_000, p90: 60_000 };
  seg.salesCycleWeeks = { median: 200, p90: 500 };
  seg.effortHours = { median: 10, p90: 30 };
  seg.sizeEffortCorrelation = rhoEffort;
  seg.sizeCycleCorrelation = rhoCycle;
  return validScenario({
    ...base,
    segments: [seg],
    strategies: base.strategies.map((st) => ({ ...st, pursue: 'all' as const })),
  });
}

/** ln size, ln cycle, ln effort of every deal of `trials` worlds. */
function draws(s: Scenario, trials: number) {
  const c = compileScenario(s);
  const world = new World(c.reps, c.totalWeeks, c.segments);
  const rng = new Rng(0);
  const v: number[] = [];
  const cyc: number[] = [];
  const e: number[] = [];
  for (let t = 0; t < trials; t++) {
    rng.reseed(trialSeed(c.seed, t), 0);
    world.generate(c, rng);
    for (let d = 0; d < world.count; d++) {
      v.push(Math.log(world.listValue[d] as number));
      cyc.push(Math.log(world.cycle[d] as number));
      e.push(Math.log(world.effort[d] as number));
    }
  }
  return { v, cyc, e };
}

describe('size, effort and cycle on a Gaussian copula (docs/model.md §2)', () => {
  const rhoE = 0.6;
  const rhoC = 0.4;
  const { v, cyc, e } = draws(correlated(rhoE, rhoC), 6);
  const n = v.length;

  it('draws enough deals for the tolerances below', () => {
    expect(n).toBeGreaterThan(15_000);
  });

  it('corr(ln V, ln E) = ρ_E, corr(ln V, ln C) ≈ ρ_C, corr(ln C, ln E) = ρ_C·ρ_E', () => {
    // Standard error of a sample correlation of a bivariate normal: (1 − ρ²)/√n.
    const se = (rho: number) => (1 - rho * rho) / Math.sqrt(n);
    expect(Math.abs(pearson(v, e) - rhoE)).toBeLessThan(Z99 * se(rhoE));
    // The cycle is rounded to whole weeks (median 200): a bias far below 0.005 at this size.
    expect(Math.abs(pearson(v, cyc) - rhoC)).toBeLessThan(Z99 * se(rhoC) + 0.005);
    expect(Math.abs(pearson(cyc, e) - rhoC * rhoE)).toBeLessThan(Z99 * se(rhoC * rhoE) + 0.005);
  });

  it('leaves each marginal as given: ln E has mean ln(median) and sd (ln p90 − ln median)/z₀.₉', () => {
    const mu = Math.log(10);
    const sigma = (Math.log(30) - Math.log(10)) / Z90;
    expect(Math.abs(mean(e) - mu)).toBeLessThan((Z99 * sigma) / Math.sqrt(n));
    expect(Math.abs(sd(e) - sigma)).toBeLessThan((Z99 * sigma) / Math.sqrt(2 * n));
    const muV = Math.log(20_000);
    const sigmaV = (Math.log(60_000) - Math.log(20_000)) / Z90;
    expect(Math.abs(mean(v) - muV)).toBeLessThan((Z99 * sigmaV) / Math.sqrt(n));
  });

  it('given the size, the effort follows the regression line: slope ρ_E·σ_E/σ_V', () => {
    const sigmaE = (Math.log(30) - Math.log(10)) / Z90;
    const sigmaV = (Math.log(60_000) - Math.log(20_000)) / Z90;
    const slope = (pearson(v, e) * sd(e)) / sd(v);
    // SE of an OLS slope: σ_E·√(1 − ρ²) / (σ_V·√n).
    const se = (sigmaE * Math.sqrt(1 - rhoE * rhoE)) / (sigmaV * Math.sqrt(n));
    expect(Math.abs(slope - (rhoE * sigmaE) / sigmaV)).toBeLessThan(Z99 * se);
  });

  it('each segment uses its own correlations', () => {
    // Two segments: the first independent, the second tied; a mix-up between segments shows.
    const base = correlated(0, 0);
    const tied = {
      ...(base.segments[0] as Scenario['segments'][number]),
      id: 'tied',
      name: 'Tied',
      sweetSpot: false,
      sizeEffortCorrelation: 0.8,
      sizeCycleCorrelation: -0.6,
    };
    const two = validScenario({ ...base, segments: [base.segments[0] as typeof tied, tied] });
    const c = compileScenario(two);
    const world = new World(c.reps, c.totalWeeks, c.segments);
    const rng = new Rng(0);
    const by: { v: number[]; cyc: number[]; e: number[] }[] = [0, 1].map(() => ({
      v: [],
      cyc: [],
      e: [],
    }));
    for (let t = 0; t < 4; t++) {
      rng.reseed(trialSeed(c.seed, t), 0);
      world.generate(c, rng);
      for (let d = 0; d < world.count; d++) {
        const s = by[world.segment[d] as number] as (typeof by)[number];
        s.v.push(Math.log(world.listValue[d] as number));
        s.cyc.push(Math.log(world.cycle[d] as number));
        s.e.push(Math.log(world.effort[d] as number));
      }
    }
    const [free, bound] = by as [(typeof by)[number], (typeof by)[number]];
    const se = (rho: number, m: number) => (1 - rho * rho) / Math.sqrt(m);
    expect(Math.abs(pearson(free.v, free.e))).toBeLessThan(Z99 * se(0, free.v.length));
    expect(Math.abs(pearson(free.v, free.cyc))).toBeLessThan(Z99 * se(0, free.v.length) + 0.005);
    expect(Math.abs(pearson(bound.v, bound.e) - 0.8)).toBeLessThan(Z99 * se(0.8, bound.v.length));
    expect(Math.abs(pearson(bound.v, bound.cyc) + 0.6)).toBeLessThan(
      Z99 * se(0.6, bound.v.length) + 0.005,
    );
  });

  it('negative correlations work the same way', () => {
    const neg = draws(correlated(-0.5, 0), 3);
    const m = neg.v.length;
    expect(Math.abs(pearson(neg.v, neg.e) + 0.5)).toBeLessThan((Z99 * 0.75) / Math.sqrt(m));
    expect(Math.abs(pearson(neg.v, neg.cyc))).toBeLessThan(Z99 / Math.sqrt(m) + 0.005);
  });
});

describe('a correlation of 0 is today’s model exactly', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s: same results to the bit', (_, preset) => {
    const zero = validScenario({
      ...preset,
      segments: preset.segments.map((s) => ({
        ...s,
        sizeEffortCorrelation: 0,
        sizeCycleCorrelation: 0,
      })),
    });
    const a = simulateChunk(validScenario(preset), 0, 8);
    const b = simulateChunk(zero, 0, 8);
    expect(Array.from(b.columns)).toEqual(Array.from(a.columns));
    expect(Array.from(b.aggregates)).toEqual(Array.from(a.aggregates));
  });

  it('a correlation changes the world it is set on (so the fields are read)', () => {
    const preset = PRESETS[0] as Scenario;
    const tied = validScenario({
      ...preset,
      segments: preset.segments.map((s) => ({ ...s, sizeEffortCorrelation: 0.8 })),
    });
    const a = simulateChunk(validScenario(preset), 0, 4);
    const b = simulateChunk(tied, 0, 4);
    expect(Array.from(b.columns)).not.toEqual(Array.from(a.columns));
  });
});
