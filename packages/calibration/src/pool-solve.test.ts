import { defaultScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { AS_IS_STRATEGY } from './build-scenario.ts';
import { poolDemand, solvePools, unlimitedPools, withPoolHours } from './pool-solve.ts';

const DEFAULT_SCENARIO = defaultScenario();
const scenario = {
  ...DEFAULT_SCENARIO,
  team: {
    ...DEFAULT_SCENARIO.team,
    specialists: [
      { id: 'se', name: 'Solution engineers', hoursPerWeek: 10 },
      { id: 'legal', name: 'Legal', hoursPerWeek: 3 },
    ],
  },
  strategies: [...DEFAULT_SCENARIO.strategies, AS_IS_STRATEGY],
  segments: DEFAULT_SCENARIO.segments.map((s, i) => ({
    ...s,
    specialistHoursPerSellingHour: i === 0 ? { se: 0.5 } : { se: 0.25 },
  })),
};

describe('specialist pool sizes', () => {
  it('demand is reps × Σ arrivals × lognormal mean effort × need, and 0 for a pool no one needs', () => {
    const z90 = 1.2815515655446004;
    let perRep = 0;
    for (const s of scenario.segments) {
      const sigma = Math.log(s.effortHours.p90 / s.effortHours.median) / z90;
      const mean = s.effortHours.median * Math.exp((sigma * sigma) / 2);
      perRep += s.opportunitiesPerRepPerWeek * mean * (s.specialistHoursPerSellingHour?.se ?? 0);
    }
    expect(poolDemand(scenario, 'se')).toBeCloseTo(scenario.team.reps * perRep, 9);
    expect(poolDemand(scenario, 'legal')).toBe(0);
  });

  it('replaces only the hours asked for; unlimited pools take the schema’s largest size', () => {
    expect(withPoolHours(scenario, { se: 7 }).team.specialists).toEqual([
      { id: 'se', name: 'Solution engineers', hoursPerWeek: 7 },
      { id: 'legal', name: 'Legal', hoursPerWeek: 3 },
    ]);
    expect(unlimitedPools(scenario).team.specialists?.map((p) => p.hoursPerWeek)).toEqual([
      100_000, 100_000,
    ]);
    expect(withPoolHours(DEFAULT_SCENARIO, { se: 7 })).toBe(DEFAULT_SCENARIO);
  });

  it('keeps given hours and an unneeded pool’s, and solves the rest to 3 significant digits', () => {
    const { scenario: solved, pools } = solvePools(scenario, 2, { legal: 4 }, 5);
    expect(pools.map((p) => [p.id, p.source])).toEqual([
      ['se', 'solved'],
      ['legal', 'given'],
    ]);
    const se = pools[0];
    if (!se) throw new Error('no se pool');
    expect(Number(se.hoursPerWeek.toPrecision(3))).toBe(se.hoursPerWeek);
    expect(se.hoursPerWeek).toBeGreaterThanOrEqual(se.meanDemand / 4);
    expect(se.hoursPerWeek).toBeLessThanOrEqual(se.meanDemand * 4 * 1.01);
    expect(se.extraDistortion).toBeLessThanOrEqual(0.01);
    expect(solved.team.specialists?.map((p) => p.hoursPerWeek)).toEqual([se.hoursPerWeek, 4]);
    const unneeded = solvePools(scenario, 2, {}, 5).pools[1];
    expect(unneeded).toMatchObject({
      source: 'base scenario (no segment needs it)',
      hoursPerWeek: 3,
    });
  });
});
