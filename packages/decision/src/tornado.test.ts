import { createInThreadRunner } from '@sweetspot/runner';
import { fixedSegment, smallRealistic, unlimitedAB } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { evaluateMetric } from './metric.ts';
import { tornado } from './tornado.ts';

/**
 * A scenario where one input drives the comparison.
 *
 * A and B differ only in that A also pursues segment Y. Hours are unlimited (168 h, no overhead,
 * no qualification cost, efforts of 0.001 h), so pursuing Y takes nothing from X: on every trial
 * both strategies book exactly the same X deals, and A − B is Y's bookings, Σ over won Y deals of
 * V·(1 − d_Y). Its mean is K·R·λ_Y·w_Y·V_Y·(1 − d_Y) (model §9).
 *
 * That is a product, so in general every factor (λ_Y, w_Y, V_Y, R) moves it by the same ±25%.
 * To leave one input in charge, the others sit where a ±25% swing cannot move them: R = 1 (0.75
 * and 1.25 round back to 1), d_Y = 0 and costToServe_Y = 0 (a relative swing of 0 is 0),
 * w_Y = 1 and λ_Y = 100 (their maxima, so the high side clamps back to the base). Only the low
 * sides of λ_Y and w_Y remain, each moving the difference by −25%: a swing of 0.25·D against
 * V_Y's 0.5·D (low and high). Deal sizes are fixed (p90 = median) and the engine draws
 * V = exp(μ + σZ), so scaling the median scales every Y deal exactly: with the same seed the
 * dealSize variants give exactly 0.75·D and 1.25·D. Everything about X, the cycle (1 week either
 * way after rounding), effort, hours, quota, churn, delay penalty and stall weeks leaves A − B
 * unchanged (some only up to the reshuffled random stream when they change arrival counts).
 */
function oneInputScenario() {
  return unlimitedAB(
    [
      fixedSegment('x', true, { opportunitiesPerRepPerWeek: 2, value: 1_000, discount: 0.1 }),
      fixedSegment('y', false, { opportunitiesPerRepPerWeek: 100, winRate: 1, value: 5_000 }),
    ],
    'all',
    'sweet-spot',
    { horizon: { quarters: 1, weeksPerQuarter: 4, warmupWeeks: 1 }, trials: 200 },
  );
}

describe('tornado', () => {
  const runner = createInThreadRunner();

  it('ranks the one input that matters first, with the exact swing', async () => {
    const scenario = oneInputScenario();
    const result = await tornado(runner, scenario);
    const D = 4 * 100 * 5_000; // K·R·λ·w·V
    expect(result.baseline.estimate).toBeGreaterThan(0.95 * D);
    expect(result.baseline.estimate).toBeLessThan(1.05 * D);
    const [first, second, third] = result.bars;
    expect(first?.path).toBe('segments[1].dealSize');
    expect(first?.low.value).toBe(3_750);
    expect(first?.high.value).toBe(6_250);
    expect(first?.low.result?.estimate).toBeCloseTo(0.75 * result.baseline.estimate, 3);
    expect(first?.high.result?.estimate).toBeCloseTo(1.25 * result.baseline.estimate, 3);
    expect(first?.swing).toBeCloseTo(0.5 * result.baseline.estimate, 3);
    // Then the two one-sided inputs, about half as wide.
    expect([second?.path, third?.path].sort()).toEqual([
      'segments[1].opportunitiesPerRepPerWeek',
      'segments[1].winRate',
    ]);
    for (const bar of [second, third]) {
      expect(bar?.high.atBase).toBe(true);
      expect(bar?.swing).toBeGreaterThan(0.2 * D);
      expect(bar?.swing).toBeLessThan(0.3 * D);
    }
    // Everything else is noise at most.
    for (const bar of result.bars.slice(3)) expect(bar.swing, bar.path).toBeLessThan(0.03 * D);
    const skipped = result.skipped.map((s) => s.path);
    expect(skipped).toEqual(
      expect.arrayContaining([
        'segments[1].discount',
        'segments[1].costToServe',
        'team.reps',
        'team.overheadHoursPerActiveDeal',
      ]),
    );
    expect(result.skipped.find((s) => s.path === 'team.reps')?.reason).toMatch(/leaves it at 1/);
    expect(result.skipped.find((s) => s.path === 'segments[1].discount')?.reason).toMatch(
      /base value is 0/,
    );
    // Runs: the baseline plus one per side that differs from the base.
    const sides = result.bars.reduce(
      (n, b) =>
        n + (b.low.atBase || b.low.skipped ? 0 : 1) + (b.high.atBase || b.high.skipped ? 0 : 1),
      0,
    );
    expect(result.runs).toBe(1 + sides);
    expect(result.trialsPerRun).toBe(200);
  });

  it('reports the baseline of the scenario as given and uses user-set low/high', async () => {
    const scenario = smallRealistic({ trials: 150 });
    const result = await tornado(runner, scenario, {
      metric: 'margin',
      inputs: [
        { path: 'segments[out].winRate', low: 0.05, high: 0.3 },
        'team.sellingHoursPerWeek',
        { path: 'segments[0].dealSize', low: 50_000 }, // above its p90 after scaling? no: scaled together
        { path: 'segments[1].discount', high: 2 },
      ],
    });
    const base = await runner.run(scenario, { trials: 150 });
    expect(result.baseline).toEqual(evaluateMetric(scenario, base, { metric: 'margin' }));
    const win = result.bars.find((b) => b.path === 'segments[1].winRate');
    expect(win?.low.value).toBe(0.05);
    expect(win?.high.value).toBe(0.3);
    const hours = result.bars.find((b) => b.path === 'team.sellingHoursPerWeek');
    expect([hours?.low.value, hours?.high.value]).toEqual([11.25, 18.75]);
    const size = result.bars.find((b) => b.path === 'segments[0].dealSize');
    expect(size?.low.value).toBe(50_000);
    const discount = result.bars.find((b) => b.path === 'segments[1].discount');
    expect(discount?.high.skipped).toMatch(/outside the valid range/);
    expect(discount?.low.result).toBeDefined();
    // Ranked by swing.
    const swings = result.bars.map((b) => b.swing);
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
  });

  it('skips an invalid variant with the validation message', async () => {
    const scenario = smallRealistic({ trials: 50 });
    const result = await tornado(runner, scenario, {
      inputs: [{ path: 'segments[0].dealSize.median', high: 50_000 }],
    });
    const bar = result.bars[0];
    expect(bar?.high.skipped).toMatch(/p90: must be at least the median/);
    expect(bar?.low.result).toBeDefined();
  });

  it('rejects a bad path or option before running anything', async () => {
    const scenario = smallRealistic({ trials: 50 });
    await expect(tornado(runner, scenario, { inputs: ['segments[0].nope'] })).rejects.toThrow(
      /unknown segment field/,
    );
    await expect(tornado(runner, scenario, { swing: 0 })).rejects.toThrow(/swing/);
    await expect(tornado(runner, scenario, { inputs: ['team.reps', 'team.reps'] })).rejects.toThrow(
      /twice/,
    );
  });
});
