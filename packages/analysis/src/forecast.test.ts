import { simulateChunk } from '@sweetspot/engine';
import { defaultScenario, type Scenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { summarizeForecast } from './forecast.ts';

/** The default scenario started in week 8 with a small pipeline and some bookings. */
function started(): Scenario {
  const s = defaultScenario();
  s.trials = 300;
  s.horizon = { ...s.horizon, quarters: 2, warmupWeeks: 0 };
  s.start = {
    weekOfQuarter: 8,
    pipeline: Array.from({ length: 40 }, (_, i) => ({
      segment: i % 3 === 0 ? 'out' : 'icp',
      rep: 1 + (i % 8),
      ageWeeks: i % 10,
      ...(i % 4 === 0 ? {} : { amount: 20_000 + 1000 * i }),
    })),
    booked: [
      { rep: 1, amount: 90_000 },
      { rep: 5, amount: 40_000 },
    ],
  };
  const r = validateScenario(s);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('summarizeForecast', () => {
  const scenario = started();
  const chunk = simulateChunk(scenario, 0, scenario.trials);
  const f = summarizeForecast(scenario, chunk, 'chase');

  it('gives commit ≤ most likely ≤ best case, per strategy and quarter, in scenario order', () => {
    expect(f.strategies.map((s) => s.id)).toEqual(scenario.strategies.map((s) => s.id));
    for (const st of f.strategies)
      for (const q of st.quarters) {
        expect(q.commit).toBeLessThanOrEqual(q.mostLikely);
        expect(q.mostLikely).toBeLessThanOrEqual(q.bestCase);
        expect(q.pHitQuota >= 0 && q.pHitQuota <= 1).toBe(true);
      }
    // Quarter 1 holds the bookings so far in every trial.
    for (const st of f.strategies) expect(st.quarters[0]?.commit).toBeGreaterThanOrEqual(130_000);
  });

  it('pairs each strategy with the baseline: mean of A − B = mean A − mean B', () => {
    expect(f.versus.map((v) => v.id)).toEqual(
      scenario.strategies.map((s) => s.id).filter((id) => id !== 'chase'),
    );
    const base = f.strategies.find((s) => s.id === 'chase');
    for (const v of f.versus) {
      const st = f.strategies.find((s) => s.id === v.id);
      v.quarters.forEach((d, q) => {
        const expected = (st?.quarters[q]?.mean ?? 0) - (base?.quarters[q]?.mean ?? 0);
        expect(Math.abs(d.meanDiff - expected)).toBeLessThanOrEqual(
          1e-6 * (1 + Math.abs(expected)),
        );
      });
    }
  });
});
