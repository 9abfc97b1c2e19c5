import { createChunk, Layout } from '@sweetspot/engine';
import { createInThreadRunner, type Runner } from '@sweetspot/runner';
import { fixedSegment, smallRealistic, unlimitedAB } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { breakEven, defaultRange } from './breakeven.ts';
import { resolveParam } from './path.ts';

/**
 * Closed form (docs/model.md §9): with unlimited hours, A pursuing segment X only and B segment Y
 * only, E[A − B] per quarter = K·R·(λ_X·w_X·E[V_X]·(1 − d_X) − λ_Y·w_Y·E[V_Y]·(1 − d_Y)), so the
 * tie is at w_Y* = λ_X·w_X·E[V_X]·(1 − d_X) / (λ_Y·E[V_Y]·(1 − d_Y)).
 * Here X: 1 × 0.4 × 10 000 × 0.9 = 3 600 per rep-week; Y: 2 × w × 5 000 × 0.8 = 8 000·w, so
 * w_Y* = 0.45. Cycles of 2 weeks with 2 weeks of warm-up: the steady state holds from week 0.
 */
function tieScenario(trials = 1_000, seed = 12_345) {
  return unlimitedAB(
    [
      fixedSegment('x', true, { winRate: 0.4, value: 10_000, discount: 0.1, cycle: 2 }),
      fixedSegment('y', false, {
        opportunitiesPerRepPerWeek: 2,
        winRate: 0.3,
        value: 5_000,
        discount: 0.2,
        cycle: 2,
      }),
    ],
    ['x'],
    ['y'],
    { trials, seed, horizon: { quarters: 1, weeksPerQuarter: 8, warmupWeeks: 2 } },
  );
}

describe('breakEven', () => {
  const runner = createInThreadRunner();

  it('finds the closed-form crossing within its stated uncertainty', async () => {
    const result = await breakEven(runner, tieScenario(), { param: 'segments[1].winRate' });
    expect(result.crossing).toBe(true);
    if (!result.crossing) return;
    expect(result.interval[0]).toBeLessThanOrEqual(0.45);
    expect(result.interval[1]).toBeGreaterThanOrEqual(0.45);
    // The uncertainty is the Monte Carlo one: about ±1.96·se/|slope| ≈ ±0.013 at 1 000 trials.
    const width = result.interval[1] - result.interval[0];
    expect(width).toBeGreaterThan(0.005);
    expect(width).toBeLessThan(0.06);
    expect(result.root).toBeGreaterThan(result.interval[0]);
    expect(result.root).toBeLessThan(result.interval[1]);
    // The slope is −K·R·λ_Y·E[V_Y]·(1 − d_Y) = −8 · 2 · 5 000 · 0.8.
    expect(result.slope / -64_000).toBeGreaterThan(0.85);
    expect(result.slope / -64_000).toBeLessThan(1.15);
    expect(result.signBelow).toBe(1); // a low Y win rate: A (X only) is ahead
    expect(result.converged).toBe(true);
    expect(result.signChanges).toBe(1);
    expect(result.range).toEqual([0, 1]);
    expect(result.message).toMatch(/A and B tie .* below it A is ahead, above it B/);
    const values = result.evaluations.map((e) => e.value);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(result.evaluations.length).toBeLessThanOrEqual(40 + 4);
  });

  it('states an uncertainty that covers the true root about 95% of the time', async () => {
    // A 95% interval misses 1 time in 20: over 20 seeds, fewer than 16 hits has probability
    // about 0.3% if the coverage is right (binomial), and is likely if the interval is too narrow.
    let hits = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const result = await breakEven(runner, tieScenario(400, seed), {
        param: 'segments[1].winRate',
      });
      if (result.crossing && result.interval[0] <= 0.45 && result.interval[1] >= 0.45) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(16);
  });

  it('reports no crossing in a range where A stays ahead', async () => {
    const result = await breakEven(runner, tieScenario(300), {
      param: 'segments[y].winRate',
      range: [0, 0.3],
    });
    expect(result.crossing).toBe(false);
    if (result.crossing) return;
    expect(result.signAtLow).toBe(1);
    expect(result.signAtHigh).toBe(1);
    expect(result.low.value).toBe(0);
    expect(result.high.value).toBe(0.3);
    expect(result.message).toMatch(/No crossing: A is ahead/);
    expect(result.evaluations).toHaveLength(5);
  });

  it('bisects a whole-number parameter and interpolates between the neighbours', async () => {
    // A fake runner whose A − B bookings are 1 000·(3.4 − reps) ± 100 on alternate trials:
    // the crossing lies between 3 and 4 reps, at 3.4 by interpolation.
    const calls: number[] = [];
    const fake: Runner = {
      size: 1,
      dispose() {},
      async run(scenario, options = {}) {
        const trials = options.trials ?? scenario.trials;
        const layout = new Layout(
          scenario.strategies.length,
          scenario.horizon.quarters,
          scenario.segments.length,
        );
        const chunk = createChunk(layout, options.trialStart ?? 0, trials);
        const reps = scenario.team.reps;
        calls.push(reps);
        const col = layout.quarterColumn(0, 'bookings');
        for (let t = 0; t < trials; t++) {
          chunk.columns[layout.columnOffset(0, col, trials) + t] =
            1_000 * (3.4 - reps) + (t % 2 ? 100 : -100);
        }
        return chunk;
      },
    };
    const s = tieScenario(100);
    const result = await breakEven(fake, s, { param: 'team.reps', range: [1, 9] });
    expect(result.crossing).toBe(true);
    if (!result.crossing) return;
    expect(result.root).toBeCloseTo(3.4, 9);
    expect(result.interval[0]).toBeLessThan(3.4);
    expect(result.interval[1]).toBeGreaterThan(3.4);
    expect(result.interval[1] - result.interval[0]).toBeLessThan(0.1);
    expect(calls.every(Number.isInteger)).toBe(true);
    expect(new Set(calls).size).toBe(calls.length); // no value evaluated twice
    expect(result.evaluations.map((e) => e.value)).toEqual(expect.arrayContaining([3, 4]));
    expect(defaultRange(resolveParam(s, 'team.reps'))).toEqual([1, 4]);
  });

  it('refuses a range outside the valid values or an invalid metric', async () => {
    const s = smallRealistic({ trials: 50 });
    await expect(
      breakEven(runner, s, { param: 'segments[1].winRate', range: [0.2, 1.2] }),
    ).rejects.toThrow(/outside the valid values/);
    await expect(
      breakEven(runner, s, { param: 'segments[1].winRate', range: [0.3, 0.2] }),
    ).rejects.toThrow(/low < high/);
    await expect(
      // @ts-expect-error: not a mean difference
      breakEven(runner, s, { param: 'segments[1].winRate', metric: 'pABeatsB' }),
    ).rejects.toThrow(/mean difference/);
  });
});
