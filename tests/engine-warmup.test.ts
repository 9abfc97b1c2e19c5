/**
 * docs/model.md §1, the warm-up: the first reported quarter must not depend on the warm-up's
 * length. For every preset, Q1 with the preset's own warm-up is compared with Q1 after a warm-up
 * two years longer (156 or 182 weeks, past what validation allows a scenario file, so the engine
 * is called directly; independent worlds, so a two-sample z-test on the means). And the test can
 * fail: a 13-week warm-up gives the quarter-end push preset a Q1 that it detects as too low.
 */
import { column, layoutOf, simulateChunk } from '@sweetspot/engine';
import { PRESETS, quarterEndPanic, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';

/** Trials per run: a 2% shift of Q1 bookings is more than 4 standard errors of the difference. */
const TRIALS = 3000;
/** The tolerance: |z| below this for every strategy's Q1 bookings and hours wasted. */
const Z_MAX = 4;
/** How much longer the reference warm-up is: two years. */
const LONGER = 104;

function q1(scenario: Scenario, warmupWeeks: number) {
  const s: Scenario = { ...scenario, horizon: { ...scenario.horizon, warmupWeeks, quarters: 1 } };
  const chunk = simulateChunk(s, 0, TRIALS);
  const layout = layoutOf(chunk);
  return scenario.strategies.map((_, i) => {
    const stat = (m: 'bookings' | 'hoursWasted') => {
      const v = column(chunk, i, layout.quarterColumn(0, m));
      let sum = 0;
      let sq = 0;
      for (const x of v) {
        sum += x;
        sq += x * x;
      }
      const mean = sum / v.length;
      const variance = (sq - v.length * mean * mean) / (v.length - 1);
      return { mean, se2: variance / v.length };
    };
    return { bookings: stat('bookings'), hoursWasted: stat('hoursWasted') };
  });
}

function z(a: { mean: number; se2: number }, b: { mean: number; se2: number }): number {
  return (a.mean - b.mean) / Math.sqrt(a.se2 + b.se2 || 1);
}

describe('docs/model.md §1: Q1 does not depend on the warm-up', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s: Q1 with its own warm-up matches Q1 after a warm-up two years longer (|z| < 4)',
    (_, preset) => {
      expect(preset.horizon.warmupWeeks).toBeGreaterThanOrEqual(52);
      const own = q1(preset, preset.horizon.warmupWeeks);
      const long = q1(preset, preset.horizon.warmupWeeks + LONGER);
      own.forEach((o, i) => {
        const l = long[i] as (typeof long)[number];
        expect(Math.abs(z(o.bookings, l.bookings)), `strategy ${i} bookings`).toBeLessThan(Z_MAX);
        expect(Math.abs(z(o.hoursWasted, l.hoursWasted)), `strategy ${i} hours`).toBeLessThan(
          Z_MAX,
        );
      });
    },
  );

  it('detects a warm-up that is too short (13 weeks, quarter-end push preset)', () => {
    const short = q1(quarterEndPanic, 13);
    const long = q1(quarterEndPanic, 104);
    const panic = quarterEndPanic.strategies.findIndex((s) => s.quarterEndPush !== undefined);
    const zs = z(
      (short[panic] as (typeof short)[number]).bookings,
      (long[panic] as (typeof long)[number]).bookings,
    );
    expect(zs).toBeLessThan(-Z_MAX);
  });
});
