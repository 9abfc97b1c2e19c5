/**
 * docs/model.md §6, settling the deals open at the horizon: the last reported quarter's hours
 * wasted are comparable with the middle quarters' (before settling they were about 30% low), and
 * the yearly figure is not silently low. Steady state: the presets (52-week warm-up), four
 * quarters; the tolerance is relative, stated below, and well inside the old 30% shortfall.
 */
import { summarize } from '@sweetspot/analysis';
import { simulateChunk } from '@sweetspot/engine';
import { PRESETS } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';

const TRIALS = 1500;
/**
 * Allowed shortfall of the last quarter's waste against the mean of Q2 and Q3. Settling plays on
 * without new arrivals, so the deals settling compete only with each other and stall a little
 * less than in a steady state (docs/model.md §6): up to about 2.5% for chasing strategies whose
 * low-priority deals stall often. 4% leaves room for sampling noise (about 0.3% here).
 */
const MAX_SHORTFALL = 0.04;

describe("docs/model.md §6: the last quarter's hours wasted", () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s: Q4 waste within 4% of the middle quarters, for both strategies',
    (_, preset) => {
      const scenario = { ...preset, trials: TRIALS };
      const summary = summarize(scenario, simulateChunk(scenario, 0, TRIALS));
      for (const id of scenario.compare) {
        const quarters = summary.strategies[id]?.quarters ?? [];
        expect(quarters).toHaveLength(4);
        const waste = quarters.map((q) => q.hoursWasted.mean);
        const middle = ((waste[1] as number) + (waste[2] as number)) / 2;
        const last = waste[3] as number;
        expect(middle).toBeGreaterThan(0);
        expect(last / middle, `${id}: Q4 ${last} vs Q2–Q3 ${middle}`).toBeGreaterThan(
          1 - MAX_SHORTFALL,
        );
        expect(last / middle, `${id}: Q4 ${last} vs Q2–Q3 ${middle}`).toBeLessThan(1.02);
      }
    },
  );
});

describe('docs/model.md §6: settling always ends', () => {
  it('a deal whose weekly rate underflows to 0 is filed as stalled, and the hours still add up', () => {
    // effort / cycle = 1e-321 / 500 underflows to 0: the deal asks for nothing, forever.
    const base = PRESETS[0] as (typeof PRESETS)[number];
    const scenario = {
      ...base,
      trials: 2,
      horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks: 0 },
      team: { ...base.team, reps: 1 },
      segments: base.segments.map((s) => ({
        ...s,
        effortHours: { median: 1e-321, p90: 1e-321 },
        salesCycleWeeks: { median: 500, p90: 500 },
      })),
    };
    const summary = summarize(scenario, simulateChunk(scenario, 0, 2));
    for (const id of scenario.compare) {
      const q = summary.strategies[id]?.quarters[0];
      if (!q) throw new Error('no quarter');
      let used = q.hoursIdle;
      for (const s of q.segments) {
        used += s.hours.won + s.hours.lost + s.hours.stalled + s.hours.qualification;
        used += s.hours.overhead;
      }
      expect(Math.abs(used - q.hoursCapacity)).toBeLessThan(0.5);
      expect(q.openDealsAtEnd).toBeGreaterThan(0);
    }
  });
});
