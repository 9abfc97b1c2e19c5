/**
 * The simulator as a whole: seeded exact checks of determinism and chunking (docs/model.md §1),
 * and invariants that hold on every valid scenario (hours, deal fates, common random numbers,
 * money), checked with fast-check over small random scenarios.
 */
import {
  quarterEndPanic,
  type Scenario,
  type Segment,
  type Strategy,
  saasMidMarket,
} from '@sweetspot/scenario';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChunk, Layout, mergeChunkInto, type SimulationChunk } from './layout.ts';
import { Simulator, simulateChunk } from './simulate.ts';
import { forAllScenarios, noWarmup, scenarioArb, valid } from './test-arbitraries.ts';
import { HOUR_USES, simulated, unaccountedDeals } from './test-run.ts';

/** The raw bytes of a buffer: equality here is bit-for-bit (NaN payloads and −0 included). */
function bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function expectIdentical(a: SimulationChunk, b: SimulationChunk): void {
  expect(a.columns.length).toBe(b.columns.length);
  expect(a.aggregates.length).toBe(b.aggregates.length);
  expect(bytes(a.columns)).toEqual(bytes(b.columns));
  expect(bytes(a.aggregates)).toEqual(bytes(b.aggregates));
}

function sameBytes(a: Float64Array, b: Float64Array): boolean {
  const x = bytes(a);
  const y = bytes(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

const TRIALS = 100;
const SEEDED: [string, Scenario][] = [
  ['the default preset', valid(saasMidMarket)],
  ['the quarter-end push preset', valid(quarterEndPanic)],
];

describe.each(SEEDED)('determinism: %s', (_, scenario) => {
  const whole = simulateChunk(scenario, 0, TRIALS);

  it('the same scenario and seed give byte-identical columns and aggregates', () => {
    expectIdentical(simulateChunk(scenario, 0, TRIALS), whole);
    // A reused simulator, whose buffers hold the previous run, gives the same again.
    const sim = new Simulator(scenario);
    sim.simulate(0, 10);
    expectIdentical(sim.simulate(0, TRIALS), whole);
  });

  it('results are non-trivial (something is booked)', () => {
    expect(whole.columns.some((x) => x > 0)).toBe(true);
    expect(whole.aggregates.some((x) => x > 0)).toBe(true);
  });

  it('[0, 100) in one call equals [0, 37) + [37, 100) merged, in either order', () => {
    const layout = new Layout(whole.strategies, whole.quarters, whole.segments);
    const sim = new Simulator(scenario);
    const a = sim.simulate(0, 37);
    const b = sim.simulate(37, TRIALS - 37);
    const merged = createChunk(layout, 0, TRIALS);
    mergeChunkInto(merged, a);
    mergeChunkInto(merged, b);
    expectIdentical(merged, whole);

    const reversed = createChunk(layout, 0, TRIALS);
    mergeChunkInto(reversed, simulateChunk(scenario, 37, TRIALS - 37));
    mergeChunkInto(reversed, simulateChunk(scenario, 0, 37));
    expectIdentical(reversed, whole);
  });

  it('a trial does not depend on the trials simulated before it', () => {
    const one = simulateChunk(scenario, 57, 1);
    const layout = new Layout(whole.strategies, whole.quarters, whole.segments);
    for (let s = 0; s < layout.strategies; s++) {
      for (let c = 0; c < layout.columnsPerStrategy; c++) {
        const fromWhole = whole.columns[layout.columnOffset(s, c, TRIALS) + 57] as number;
        expect(Object.is(one.columns[layout.columnOffset(s, c, 1)], fromWhole)).toBe(true);
      }
    }
  });

  it('a different seed gives different results', () => {
    const other = simulateChunk({ ...scenario, seed: scenario.seed + 1 }, 0, TRIALS);
    expect(sameBytes(other.columns, whole.columns)).toBe(false);
    expect(sameBytes(other.aggregates, whole.aggregates)).toBe(false);
  });
});

describe('randomness comes only from the seeded generator', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never calls Math.random', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('the engine called Math.random');
    });
    const scenario = valid({ ...quarterEndPanic, segments: uncertain(quarterEndPanic.segments) });
    const chunk = simulateChunk(scenario, 0, 20);
    expect(chunk.columns.some((x) => x > 0)).toBe(true);
    expect(spy).not.toHaveBeenCalled();
  });
});

/** The segments with uncertain win rates, so that the Beta draw runs too. */
function uncertain(segments: Segment[]): Segment[] {
  return segments.map((s) => ({ ...s, winRateUncertainty: 30 }));
}

// ---------------------------------------------------------------------------------------------
// Properties over random valid scenarios.

const RUNS = { numRuns: 50 };

const run = simulated;

describe('invariants on random valid scenarios', () => {
  it('hours spent never exceed hours available, and add up to them (docs/model.md §6)', () => {
    forAllScenarios(scenarioArb, RUNS, (scenario) => {
      const { layout, seg, team } = run(scenario);
      const { reps, sellingHoursPerWeek } = scenario.team;
      const base = reps * scenario.horizon.weeksPerQuarter * sellingHoursPerWeek;
      // Each aggregate cell is rounded to 1/16 hour per trial: at most 1/32 off each.
      const cells = layout.segments * HOUR_USES.length + 1;
      const tolerance = (scenario.trials * cells) / 32 + 1e-9;
      for (let st = 0; st < layout.strategies; st++) {
        const strategy = scenario.strategies[st] as Strategy;
        const overtime = strategy.quarterEndPush?.overtime ?? 1;
        for (let q = 0; q < layout.quarters; q++) {
          let used = 0;
          for (let g = 0; g < layout.segments; g++) {
            for (const use of HOUR_USES) {
              const h = seg(st, q, g, use);
              expect(h).toBeGreaterThanOrEqual(0);
              used += h;
            }
          }
          const idle = team(st, q, 'hoursIdle');
          const capacity = team(st, q, 'hoursCapacity');
          expect(idle).toBeGreaterThanOrEqual(0);
          expect(used).toBeLessThanOrEqual(capacity + tolerance);
          expect(Math.abs(used + idle - capacity)).toBeLessThanOrEqual(tolerance);
          // Capacity: the selling hours, plus overtime in push weeks only.
          const pushWeeks = team(st, q, 'pushRepWeeks');
          const expected =
            scenario.trials * base + pushWeeks * sellingHoursPerWeek * (overtime - 1);
          // One rounded cell per trial.
          expect(Math.abs(capacity - expected)).toBeLessThanOrEqual(
            scenario.trials / 32 + 1e-9 * expected,
          );
        }
      }
    });
  });

  it('every pursued deal ends won, lost, stalled or is open at the end of each quarter (warm-up 0)', () => {
    forAllScenarios(noWarmup, RUNS, (scenario) => {
      expect(unaccountedDeals(scenario)).toEqual([]);
    });
  });

  it('with a warm-up, deals pursued in reported weeks are all accounted for', () => {
    forAllScenarios(scenarioArb, RUNS, (scenario) => {
      const { layout, team, total } = run(scenario);
      for (let st = 0; st < layout.strategies; st++) {
        const ended = total(st, 'wins') + total(st, 'losses') + total(st, 'stalls');
        const open = team(st, layout.quarters - 1, 'openDealsAtEnd');
        // Deals from the warm-up may end in reported weeks too, so ≤ rather than =.
        expect(total(st, 'pursued')).toBeLessThanOrEqual(ended + open);
      }
    });
  });

  it('every strategy sees identical arrivals (common random numbers, §1)', () => {
    forAllScenarios(scenarioArb, RUNS, (scenario) => {
      const { layout, seg } = run(scenario);
      for (let q = 0; q < layout.quarters; q++) {
        for (let g = 0; g < layout.segments; g++) {
          const arrivals = seg(0, q, g, 'arrivals');
          for (let st = 1; st < layout.strategies; st++)
            expect(seg(st, q, g, 'arrivals')).toBe(arrivals);
          // Each arrival is pursued, qualified out or not worked.
          for (let st = 0; st < layout.strategies; st++)
            expect(seg(st, q, g, 'pursued') + seg(st, q, g, 'unqualified')).toBeLessThanOrEqual(
              arrivals,
            );
        }
      }
    });
  });

  it('bookings, margin and retained revenue are finite and ≥ 0; margin ≤ bookings; reps at quota is a count', () => {
    forAllScenarios(scenarioArb, RUNS, (scenario) => {
      const { layout, col } = run(scenario);
      const { reps } = scenario.team;
      for (let st = 0; st < layout.strategies; st++) {
        const totalBookings = new Array<number>(scenario.trials).fill(0);
        for (let q = 0; q < layout.quarters; q++) {
          const bookings = col(st, layout.quarterColumn(q, 'bookings'));
          const margin = col(st, layout.quarterColumn(q, 'margin'));
          const atQuota = col(st, layout.quarterColumn(q, 'repsAtQuota'));
          const wasted = col(st, layout.quarterColumn(q, 'hoursWasted'));
          bookings.forEach((b, t) => {
            const m = margin[t] as number;
            expect(Number.isFinite(b) && b >= 0).toBe(true);
            expect(Number.isFinite(m) && m >= 0).toBe(true);
            expect(m).toBeLessThanOrEqual(b);
            const r = atQuota[t] as number;
            expect(Number.isInteger(r) && r >= 0 && r <= reps).toBe(true);
            const w = wasted[t] as number;
            expect(Number.isFinite(w) && w >= 0).toBe(true);
            totalBookings[t] = (totalBookings[t] as number) + b;
          });
        }
        const retained = col(st, layout.horizonColumn('retainedRecurringRevenue'));
        retained.forEach((x, t) => {
          expect(Number.isFinite(x) && x >= 0).toBe(true);
          // Retained revenue is part of what was booked in the reported quarters.
          expect(x).toBeLessThanOrEqual((totalBookings[t] as number) * (1 + 1e-9));
        });
      }
    });
  });

  it('wins never exceed pursued deals over the horizon (warm-up 0)', () => {
    forAllScenarios(noWarmup, RUNS, (scenario) => {
      const { layout, seg, total } = run(scenario);
      for (let st = 0; st < layout.strategies; st++) {
        for (let g = 0; g < layout.segments; g++) {
          let wins = 0;
          let pursued = 0;
          for (let q = 0; q < layout.quarters; q++) {
            wins += seg(st, q, g, 'wins');
            pursued += seg(st, q, g, 'pursued');
          }
          expect(wins).toBeLessThanOrEqual(pursued);
        }
        expect(total(st, 'pulledInWins')).toBeLessThanOrEqual(total(st, 'pulledIn'));
        expect(total(st, 'pulledInWins')).toBeLessThanOrEqual(total(st, 'wins'));
      }
    });
  });

  it('a strategy without a push never pushes or pulls in', () => {
    forAllScenarios(scenarioArb, RUNS, (scenario) => {
      const { layout, team, total } = run(scenario);
      scenario.strategies.forEach((strategy, st) => {
        if (strategy.quarterEndPush) return;
        for (let q = 0; q < layout.quarters; q++) expect(team(st, q, 'pushRepWeeks')).toBe(0);
        expect(total(st, 'pulledIn')).toBe(0);
      });
    });
  });
});
