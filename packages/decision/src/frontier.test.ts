import { summarize } from '@sweetspot/analysis';
import { createInThreadRunner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { fixedSegment, smallRealistic, unlimitedAB } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { frontier, valuePerHour } from './frontier.ts';

const runner = createInThreadRunner();

/** Horizon means of strategies `ids` on `scenario` (the pure strategies, unsplit). */
async function pure(scenario: Scenario) {
  const summary = summarize(scenario, await runner.run(scenario));
  return summary.strategies;
}

describe('frontier, several out-of-profile segments', () => {
  // Capacity-bound, so pursuing more is not free: three out-of-profile segments of different
  // value per hour.
  const base = smallRealistic({ trials: 200 });
  const out = base.segments[1];
  if (!out) throw new Error('fixture');
  const scenario: Scenario = {
    ...base,
    segments: [
      ...base.segments,
      { ...out, id: 'big', name: 'Big', dealSize: { median: 80_000, p90: 200_000 } },
      { ...out, id: 'tiny', name: 'Tiny', dealSize: { median: 5_000, p90: 9_000 } },
    ],
    strategies: [
      { id: 'focus', name: 'Focus', pursue: 'sweet-spot', priority: 'expected-value-per-hour' },
      { id: 'chase', name: 'Chase', pursue: 'all', priority: 'expected-value-per-hour' },
    ],
  };

  it('adds segments by value per hour and its endpoints are exactly the pure strategies', async () => {
    const result = await frontier(runner, scenario);
    expect(result.mode).toBe('segments');
    expect(result.design).toBe('shared-world');
    expect(result.order).toEqual(['big', 'out', 'tiny']);
    const [, outSeg, big, tiny] = scenario.segments;
    if (!big || !outSeg || !tiny) throw new Error('fixture');
    expect(valuePerHour(big)).toBeGreaterThan(valuePerHour(outSeg));
    expect(valuePerHour(outSeg)).toBeGreaterThan(valuePerHour(tiny));
    expect(result.points.map((p) => p.label)).toEqual([
      'sweet spot only',
      '+ Big',
      '+ Big, Out of profile',
      '+ Big, Out of profile, Tiny',
    ]);
    for (const [i, share] of [0, 1 / 3, 2 / 3, 1].entries()) {
      expect(result.points[i]?.share).toBeCloseTo(share, 12);
    }
    expect(result.points[3]?.pursued).toEqual(['icp', 'big', 'out', 'tiny']);
    const strategies = await pure(scenario);
    const first = result.points[0];
    const last = result.points[3];
    expect(first?.bookings.estimate).toBe(strategies.focus?.horizon.bookings.mean);
    expect(first?.margin.estimate).toBe(strategies.focus?.horizon.margin.mean);
    expect(first?.pHitQuota.estimate).toBe(strategies.focus?.horizon.pHitQuota);
    expect(last?.bookings.estimate).toBe(strategies.chase?.horizon.bookings.mean);
    expect(last?.retained.estimate).toBe(strategies.chase?.horizon.retainedRecurringRevenue.mean);
    expect(last?.pHitQuota.estimate).toBe(strategies.chase?.horizon.pHitQuota);
    // One run: four points fit in one scenario (at most 8 strategies), on the same worlds.
    expect(result.runs).toBe(1);
    for (const metric of ['bookings', 'margin', 'pHitQuota'] as const) {
      const best = result.points[result.best[metric]];
      for (const p of result.points)
        expect(p[metric].estimate).toBeLessThanOrEqual(best?.[metric].estimate ?? 0);
      expect(best?.nearBest?.[metric]).toBe(true);
    }
  });

  it('follows a given order', async () => {
    const result = await frontier(
      runner,
      { ...scenario, trials: 50 },
      { order: ['tiny', 'out', 'big'] },
    );
    expect(result.points[1]?.pursued).toEqual(['icp', 'tiny']);
    await expect(frontier(runner, scenario, { order: ['tiny', 'out'] })).rejects.toThrow(
      /every out-of-profile/,
    );
  });
});

describe('frontier, one out-of-profile segment split by share', () => {
  // Unlimited hours: pursuing a share s of Y adds s·K·R·λ_Y·w_Y·V_Y to the expected bookings.
  const scenario = unlimitedAB(
    [
      fixedSegment('x', true, { opportunitiesPerRepPerWeek: 2, value: 10_000 }),
      fixedSegment('y', false, {
        opportunitiesPerRepPerWeek: 3,
        winRate: 0.2,
        value: 20_000,
        costToServe: 0.5,
      }),
    ],
    'sweet-spot',
    'all',
    {
      trials: 400,
      team: {
        reps: 2,
        sellingHoursPerWeek: 168,
        quotaPerRepPerQuarter: 150_000,
        overheadHoursPerActiveDeal: 0,
      },
    },
  );
  const K = 4;
  const R = 2;
  const expected = (s: number) => K * R * (2 * 0.3 * 10_000 + s * 3 * 0.2 * 20_000);

  it('shares one world across shares: linear expected bookings, endpoints equal the pure strategies in distribution', async () => {
    const result = await frontier(runner, scenario, { steps: 4 });
    expect(result.mode).toBe('split');
    expect(result.design).toBe('shared-world');
    expect(result.points.map((p) => p.share)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(result.points.map((p) => p.label)[2]).toBe('50% of Y');
    for (const p of result.points) {
      // Within 4 standard errors of the closed form.
      expect(Math.abs(p.bookings.estimate - expected(p.share))).toBeLessThan(4 * p.bookings.se);
    }
    // Pursuing more never books less with unlimited hours: trial by trial, so the best is "all".
    const means = result.points.map((p) => p.bookings.estimate);
    expect([...means].sort((a, b) => a - b)).toEqual(means);
    expect(result.best.bookings).toBe(4);
    const strategies = await pure(scenario);
    const close = (a: { estimate: number; se: number }, mean: number, sd: number, n: number) =>
      expect(Math.abs(a.estimate - mean)).toBeLessThan(4 * Math.hypot(a.se, sd / Math.sqrt(n)));
    const a = strategies.a?.horizon.bookings;
    const b = strategies.b?.horizon.bookings;
    if (!a || !b || !result.points[0] || !result.points[4]) throw new Error('missing');
    close(result.points[0].bookings, a.mean, a.sd, a.n);
    close(result.points[4].bookings, b.mean, b.sd, b.n);
    expect(result.runs).toBe(1);
  });

  it('per point: exact endpoints, one scenario per interior share', async () => {
    const result = await frontier(runner, scenario, { steps: 4, design: 'per-point' });
    expect(result.design).toBe('per-point');
    expect(result.runs).toBe(1 + 3);
    const strategies = await pure(scenario);
    expect(result.points[0]?.bookings.estimate).toBe(strategies.a?.horizon.bookings.mean);
    expect(result.points[4]?.bookings.estimate).toBe(strategies.b?.horizon.bookings.mean);
    expect(result.points[4]?.margin.estimate).toBe(strategies.b?.horizon.margin.mean);
    for (const p of result.points) {
      expect(Math.abs(p.bookings.estimate - expected(p.share))).toBeLessThan(4 * p.bookings.se);
      expect(p.nearBest).toBeUndefined();
    }
  });

  it('falls back to per-point for an uncertain win rate or too many copies, and says so', async () => {
    const uncertain: Scenario = {
      ...scenario,
      trials: 50,
      segments: scenario.segments.map((s) => (s.id === 'y' ? { ...s, winRateUncertainty: 20 } : s)),
    };
    const r1 = await frontier(runner, uncertain, { steps: 2 });
    expect(r1.design).toBe('per-point');
    expect(r1.notes.join(' ')).toMatch(/uncertain win rate/);
    const r2 = await frontier(runner, { ...scenario, trials: 20 }, { steps: 25 });
    expect(r2.design).toBe('per-point');
    expect(r2.points).toHaveLength(26);
    expect(r2.notes.join(' ')).toMatch(/20 segments/);
    await expect(frontier(runner, scenario, { steps: 25, design: 'shared-world' })).rejects.toThrow(
      /20-segment limit/,
    );
  });

  it('maps a push that pursues the split segment onto its copies', async () => {
    const withPush: Scenario = {
      ...scenario,
      trials: 50,
      strategies: scenario.strategies.map((s) =>
        s.id === 'a'
          ? {
              ...s,
              quarterEndPush: {
                fromWeek: 2,
                belowAttainment: 0.9,
                pursue: ['x', 'y'],
                pullInWeeks: 2,
                extraDiscount: 0.1,
                pullInWinFactor: 0.8,
                overtime: 1.2,
              },
            }
          : s,
      ),
    };
    for (const design of ['shared-world', 'per-point'] as const) {
      const result = await frontier(runner, withPush, { steps: 3, design });
      expect(result.points).toHaveLength(4);
    }
  });

  it('needs a sweet spot and something out of profile', async () => {
    const allSweet = {
      ...scenario,
      segments: scenario.segments.map((s) => ({ ...s, sweetSpot: true })),
    };
    await expect(frontier(runner, allSweet)).rejects.toThrow(/no out-of-profile/);
  });
});
