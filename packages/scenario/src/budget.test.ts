import { describe, expect, it } from 'vitest';
import {
  budgetErrors,
  estimateRunSeconds,
  expectedDealsPerTrial,
  MAX_ARRIVALS_PER_REP_WEEK,
  MAX_DEALS_PER_TRIAL,
  simulatedWeeks,
} from './budget.ts';
import { PRESETS } from './presets.ts';

const shape = (
  reps: number,
  rates: number[],
  quarters = 4,
  weeksPerQuarter = 13,
  warmupWeeks = 52,
) => ({
  team: { reps },
  horizon: { quarters, weeksPerQuarter, warmupWeeks },
  segments: rates.map((opportunitiesPerRepPerWeek) => ({ opportunitiesPerRepPerWeek })),
  strategies: [{}, {}],
});

describe('expectedDealsPerTrial', () => {
  it('is reps × (warm-up + quarters × weeks per quarter) × the sum of arrival rates', () => {
    // 8 × (52 + 4·13) × (1.8 + 1.2) = 8 × 104 × 3
    expect(simulatedWeeks(shape(8, [1.8, 1.2]))).toBe(104);
    expect(expectedDealsPerTrial(shape(8, [1.8, 1.2]))).toBeCloseTo(2496, 9);
    expect(expectedDealsPerTrial(shape(3, [2], 2, 10, 0))).toBe(120);
  });

  it('keeps every preset far inside the budget', () => {
    for (const preset of PRESETS) {
      expect(budgetErrors(preset)).toEqual([]);
      expect(expectedDealsPerTrial(preset)).toBeLessThan(MAX_DEALS_PER_TRIAL / 100);
    }
  });
});

describe('budgetErrors', () => {
  it('accepts exactly the limit and refuses just over it, naming the fields and the limit', () => {
    // 1,000 reps × 200 weeks × 2.5 per rep-week = 500,000: at the limit.
    const at = shape(1000, [1.25, 1.25], 4, 25, 100);
    expect(expectedDealsPerTrial(at)).toBe(MAX_DEALS_PER_TRIAL);
    expect(budgetErrors(at)).toEqual([]);
    const over = shape(1000, [1.25, 1.3], 4, 25, 100);
    const errors = budgetErrors(over);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('team.reps');
    expect(errors[0]?.message).toBe(
      'mean 510,000 expected deals per trial, over the limit of 500,000 (1,000 reps × 2.55 opportunities per rep-week × 200 simulated weeks, warm-up included): use fewer reps, fewer weeks or lower arrival rates',
    );
  });

  it('accepts rates that add up to the limit only up to floating-point rounding', () => {
    // The default team's 1.8 and 1.2 per rep-week, scaled to reach 500,000 with 1,000 reps over
    // 104 weeks: exactly the limit on paper, 500,000.00000000006 in floating point.
    const scale = 500_000 / (1000 * 104 * 3);
    const s = shape(1000, [1.8 * scale, 1.2 * scale]);
    expect(expectedDealsPerTrial(s)).toBeGreaterThan(MAX_DEALS_PER_TRIAL);
    expect(budgetErrors(s)).toEqual([]);
    expect(budgetErrors(shape(1000, [1.8 * scale, 1.2 * scale + 1e-6]))).toHaveLength(1);
  });

  it('refuses the issue 16 scenario (1,000 reps, 100 opportunities per rep-week, 156 weeks)', () => {
    const errors = budgetErrors(shape(1000, [100], 8, 13, 52));
    expect(errors.map((e) => e.path)).toEqual(['team.reps']);
    expect(errors[0]?.message).toContain('15,600,000 expected deals per trial');
  });

  it('bounds the opportunities one rep gets per week, over all segments', () => {
    const at = shape(1, [100, 20], 1, 1, 0);
    expect(budgetErrors(at)).toEqual([]);
    const errors = budgetErrors(shape(1, [100, 20, 0.5], 1, 1, 0));
    expect(errors).toEqual([
      {
        path: 'segments',
        message: `bring 120.5 arrivals per rep-week in all, over the limit of ${MAX_ARRIVALS_PER_REP_WEEK}: lower some segments' arrivals`,
      },
    ]);
  });
});

describe('estimateRunSeconds', () => {
  it('scales with deals, trials and strategies, and is infinite without a rate', () => {
    const s = shape(10, [1], 1, 10, 0); // 100 deals per trial, 2 strategies
    expect(estimateRunSeconds(s, 1000, 1e5)).toBe(2);
    expect(estimateRunSeconds(s, 1000, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(estimateRunSeconds(s, 1000, Number.NaN)).toBe(Number.POSITIVE_INFINITY);
  });
});
