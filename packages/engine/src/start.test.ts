/**
 * Invariants of a start from today (docs/model.md §16) on random valid started scenarios: the
 * first quarter's hours, the deals accounted for, common random numbers, bookings so far, and
 * the exact waterfall and attribution identities with a pipeline. The rules one by one are
 * pinned in tests/engine-start.test.ts.
 */
import { quarterWeeks } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WATERFALL_PARTS } from './layout.ts';
import { Simulator } from './simulate.ts';
import { forAllScenarios, startedArb } from './test-arbitraries.ts';
import { simulated, unaccountedDeals } from './test-run.ts';

const RUNS = { numRuns: 40, seed: 20261205 };

const run = simulated;

describe('a start from today, on random valid started scenarios', () => {
  it('quarter 1 has K − k + 1 weeks of capacity; later quarters K (plus push overtime)', () => {
    forAllScenarios(startedArb, RUNS, (scenario) => {
      const { layout, team } = run(scenario);
      const { reps, sellingHoursPerWeek } = scenario.team;
      for (let st = 0; st < layout.strategies; st++) {
        const overtime = scenario.strategies[st]?.quarterEndPush?.overtime ?? 1;
        for (let q = 0; q < layout.quarters; q++) {
          const expected =
            scenario.trials * reps * quarterWeeks(scenario, q) * sellingHoursPerWeek +
            team(st, q, 'pushRepWeeks') * sellingHoursPerWeek * (overtime - 1);
          expect(
            Math.abs(team(st, q, 'hoursCapacity') - expected),
            `strategy ${st}, quarter ${q}`,
          ).toBeLessThanOrEqual(scenario.trials / 32 + 1e-9 * expected);
        }
      }
    });
  });

  it('every deal pursued, from the pipeline or arriving, ends or is open at each quarter end', () => {
    forAllScenarios(startedArb, RUNS, (scenario) => {
      expect(unaccountedDeals(scenario)).toEqual([]);
    });
  });

  it('quarter 1’s bookings and margin include the bookings so far; every strategy has them', () => {
    forAllScenarios(startedArb, RUNS, (scenario) => {
      const { layout, col } = run(scenario);
      const booked = (scenario.start?.booked ?? []).reduce((a, b) => a + b.amount, 0);
      for (let st = 0; st < layout.strategies; st++) {
        for (const b of col(st, layout.quarterColumn(0, 'bookings')))
          expect(b).toBeGreaterThanOrEqual(booked * (1 - 1e-12));
        for (const m of col(st, layout.quarterColumn(0, 'margin')))
          expect(m).toBeGreaterThanOrEqual(booked * (1 - 1e-12));
      }
    });
  });

  it('the waterfall’s parts add up to A − B in contribution, per quarter, to the rounding (model §10)', () => {
    forAllScenarios(startedArb, RUNS, (scenario) => {
      const { chunk, layout, col } = run(scenario);
      const ids = scenario.strategies.map((s) => s.id);
      const a = ids.indexOf(scenario.compare[0]);
      const b = ids.indexOf(scenario.compare[1]);
      for (let q = 0; q < layout.quarters; q++) {
        const gap = (st: number) =>
          col(st, layout.quarterColumn(q, 'contribution')).reduce((x, y) => x + y, 0);
        let parts = 0;
        for (let k = 0; k < WATERFALL_PARTS.length; k++)
          parts += chunk.aggregates[
            layout.waterfallOffset + q * WATERFALL_PARTS.length + k
          ] as number;
        const diff = gap(a) - gap(b);
        // Each part is rounded to whole units per trial (model §10): half a unit each.
        const rounding = 0.5 * WATERFALL_PARTS.length * scenario.trials;
        expect(Math.abs(parts - diff)).toBeLessThanOrEqual(rounding + 1e-9 * Math.abs(diff));
      }
    });
  });

  it('the open pipeline is drawn the same for every strategy, and from the seed alone', () => {
    fc.assert(
      fc.property(startedArb, fc.nat(100), (scenario, trial) => {
        const one = new Simulator(scenario).drawWorld(trial);
        const cycles = Array.from(one.cycle.subarray(0, one.pipelineCount));
        const two = new Simulator(scenario).drawWorld(trial);
        expect(Array.from(two.cycle.subarray(0, two.pipelineCount))).toEqual(cycles);
        expect(one.pipelineCount).toBe(scenario.start?.pipeline.length);
        // Each open deal's natural cycle outlasts its age.
        const ages = [...(scenario.start?.pipeline ?? [])]
          .map((d, i) => ({ d, i }))
          .sort((x, y) => x.d.rep - y.d.rep || x.i - y.i)
          .map((x) => x.d.ageWeeks);
        ages.forEach((age, i) => {
          expect(cycles[i]).toBeGreaterThanOrEqual(age + 1);
        });
      }),
      RUNS,
    );
  });
});
