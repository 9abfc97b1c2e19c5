/**
 * The order the reps play in (docs/model.md §3): reps share nothing, so playing each rep's whole
 * horizon before the next (how the engine runs today) and playing every rep's week w before week
 * w + 1 (the order a resource shared across reps needs) give the same trial, up to the order of
 * floating-point sums over reps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { layoutFor } from './layout.ts';
import { Rng, trialSeed } from './random/index.ts';
import { StrategyRun } from './strategy-run.ts';
import { scenarioArb, valid } from './test-arbitraries.ts';
import { DealRecord } from './waterfall.ts';
import { World } from './world.ts';

/** |a − b| within 1e-9 of the larger magnitude (or 1e-9 absolute near 0). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('rep by rep and week by week play the same trial', () => {
  it('per-trial results equal (sums over reps to rounding), on random scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(50), (raw, trial) => {
        const scenario = valid(raw);
        const c = compileScenario(scenario);
        const layout = layoutFor(scenario);
        const world = new World(c.reps, c.totalWeeks, c.segments);
        const rng = new Rng(0);
        rng.reseed(trialSeed(c.seed, trial), 0);
        world.generate(c, rng);
        const byRep = new StrategyRun(c, layout);
        const byWeek = new StrategyRun(c, layout, { weekMajor: true });
        const seenByRep = new DealRecord();
        const seenByWeek = new DealRecord();
        for (const st of c.strategies) {
          seenByRep.reset(world.count, c);
          seenByWeek.reset(world.count, c);
          byRep.run(world, st, seenByRep);
          byWeek.run(world, st, seenByWeek);
          // Every deal ends the same way, in the same quarter, for the same booked value.
          const n = world.count;
          expect(Array.from(seenByWeek.fate.subarray(0, n))).toEqual(
            Array.from(seenByRep.fate.subarray(0, n)),
          );
          expect(Array.from(seenByWeek.quarter.subarray(0, n))).toEqual(
            Array.from(seenByRep.quarter.subarray(0, n)),
          );
          expect(Array.from(seenByWeek.booked.subarray(0, n))).toEqual(
            Array.from(seenByRep.booked.subarray(0, n)),
          );
          const a = byRep.outcome;
          const b = byWeek.outcome;
          // Each rep's quarter is added whole, in rep order, in both: exactly equal.
          expect(Array.from(b.bookings)).toEqual(Array.from(a.bookings));
          expect(Array.from(b.margin)).toEqual(Array.from(a.margin));
          expect(Array.from(b.repsAtQuota)).toEqual(Array.from(a.repsAtQuota));
          // Sums of deals across reps: the same terms in another order.
          for (let q = 0; q < c.quarters; q++) {
            expect(close(b.hoursWasted[q] as number, a.hoursWasted[q] as number)).toBe(true);
          }
          expect(close(b.retained, a.retained)).toBe(true);
          for (let i = 0; i < a.aggregates.length; i++) {
            const x = a.aggregates[i] as number;
            const y = b.aggregates[i] as number;
            if (!close(x, y)) expect.fail(`aggregate ${i}: ${x} by rep, ${y} by week`);
          }
        }
      }),
      { seed: 20261204, numRuns: 150 },
    );
  });
});
