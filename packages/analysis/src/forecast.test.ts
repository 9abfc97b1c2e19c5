import { layoutOf, simulateChunk } from '@sweetspot/engine';
import { defaultScenario, type Scenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { ChunkColumns } from './chunk.ts';
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
  // Computed in the first test that needs it, not while the file is collected: an exception
  // thrown at collection is not seen as a failure by StrykerJS's Vitest runner, and it stops
  // every test of the file (docs/testing.md, "Mutation testing").
  let memo: ReturnType<typeof summarizeForecast> | undefined;
  const forecast = () => {
    memo ??= summarizeForecast(scenario, simulateChunk(scenario, 0, scenario.trials), 'chase');
    return memo;
  };

  it('gives commit ≤ most likely ≤ best case, per strategy and quarter, in scenario order', () => {
    const f = forecast();
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
    const f = forecast();
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

/** Type-7 quantile of sorted values (the package's convention, written here from its definition). */
function quantile7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const x = sorted[lo] as number;
  return lo + 1 < sorted.length ? x + (h - lo) * ((sorted[lo + 1] as number) - x) : x;
}

// Computed inside the tests, not while the file is collected: a mutant's exception there is not
// seen as a failure by StrykerJS's Vitest runner (docs/testing.md, "Mutation testing").
describe('summarizeForecast, figure by figure', () => {
  // A baseline that is not the first strategy, so that "skip the baseline" and "pair with the
  // baseline" are told apart from "skip the first".
  const scenario = started();
  const baseline = scenario.strategies[1]?.id as string;

  // Pins every figure of a quarter (the other mutants of these fields were already killed by the
  // tests above), and kills, as the run of 2026-12-05 checked, the summary's strategies mapped to
  // `undefined` (`(id) => summary.strategies[id]` → `() => undefined`).
  it('gives each strategy’s quarter as P10 / P50 / P90 and mean of its team bookings', () => {
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const f = summarizeForecast(scenario, chunk, baseline);
    const layout = layoutOf(chunk);
    const cols = new ChunkColumns(chunk, layout);
    expect(f.baseline).toBe(baseline);
    expect(f.summary.strategyOrder).toEqual(scenario.strategies.map((s) => s.id));
    expect(f.strategies.map((s) => [s.id, s.name])).toEqual(
      scenario.strategies.map((s) => [s.id, s.name]),
    );
    scenario.strategies.forEach((st, s) => {
      const got = f.strategies[s];
      const summary = f.summary.strategies[st.id];
      expect(got?.quarters.length).toBe(scenario.horizon.quarters);
      for (let q = 0; q < scenario.horizon.quarters; q++) {
        const bookings = Array.from(cols.quarter(s, q, 'bookings')).sort((x, y) => x - y);
        const sq = summary?.quarters[q];
        const mean = bookings.reduce((a, b) => a + b, 0) / bookings.length;
        const gq = got?.quarters[q];
        expect(gq?.commit).toBe(quantile7(bookings, 0.1));
        expect(gq?.mostLikely).toBe(quantile7(bookings, 0.5));
        expect(gq?.bestCase).toBe(quantile7(bookings, 0.9));
        expect(Math.abs((gq?.mean ?? Number.NaN) - mean)).toBeLessThanOrEqual(1e-9 * mean);
        expect(gq?.pHitQuota).toBe(sq?.pHitQuota);
        expect(gq?.repsAtQuota).toBe(sq?.repsAtQuota.mean);
        expect(gq?.pulledIn).toBe(sq?.pulledIn);
        expect(gq?.openDealsAtEnd).toBe(sq?.openDealsAtEnd);
      }
      // The figures differ from each other here, so a field read from another is seen.
      const q0 = got?.quarters[0];
      expect(new Set([q0?.commit, q0?.mostLikely, q0?.bestCase, q0?.mean]).size).toBe(4);
    });
  });

  // Kills, as the run of 2026-12-05 checked: the versus pairs read from another column
  // (`'bookings'` → `''`: an unknown column is index −1, the column before); and pins the order
  // and the sign of each pair, with a baseline that is not the first strategy.
  it('pairs every other strategy with the baseline, A − B per trial, in scenario order', () => {
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const f = summarizeForecast(scenario, chunk, baseline);
    const cols = new ChunkColumns(chunk, layoutOf(chunk));
    const b = 1;
    const others = scenario.strategies.map((st, s) => ({ st, s })).filter((x) => x.s !== b);
    expect(f.versus.map((v) => [v.id, v.name])).toEqual(others.map((x) => [x.st.id, x.st.name]));
    f.versus.forEach((v, i) => {
      const s = others[i]?.s as number;
      expect(v.quarters.length).toBe(scenario.horizon.quarters);
      v.quarters.forEach((d, q) => {
        const a = cols.quarter(s, q, 'bookings');
        const base = cols.quarter(b, q, 'bookings');
        let sum = 0;
        let wins = 0;
        for (let t = 0; t < a.length; t++) {
          sum += (a[t] as number) - (base[t] as number);
          if ((a[t] as number) > (base[t] as number)) wins++;
        }
        const mean = sum / a.length;
        expect(Math.abs(d.meanDiff - mean)).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(mean)));
        expect(d.pABeatsB).toBe(wins / a.length);
      });
    });
  });
});
