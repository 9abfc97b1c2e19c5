import {
  breakEven,
  defaultInputPaths,
  evaluateMetric,
  resolveParam,
  runToPrecision,
  setParam,
  tornado,
} from '@sweetspot/decision';
import type { SimulationChunk } from '@sweetspot/engine';
import { createInThreadRunner } from '@sweetspot/runner';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { afterAll, describe, expect, it } from 'vitest';
import {
  barsFromResult,
  identifyVariant,
  measureTornadoRun,
  observeRuns,
  planTornado,
  RunningEstimate,
  rankBars,
  sideKey,
} from './live.ts';

const scenario: Scenario = {
  ...defaultScenario(),
  trials: 40,
  horizon: { ...defaultScenario().horizon, quarters: 2, warmupWeeks: 13 },
};
const runner = createInThreadRunner();
afterAll(() => runner.dispose());

describe('identifyVariant', () => {
  const paths = defaultInputPaths(scenario);
  it('names the input a variant changes, and its value', () => {
    expect(identifyVariant(scenario, scenario, paths)).toBeNull();
    const v = setParam(scenario, 'segments[1].winRate', 0.2);
    expect(identifyVariant(scenario, v, paths)).toEqual({
      path: 'segments[1].winRate',
      value: 0.2,
    });
    // A quantile pair: the median is the input (p90 moves with it).
    const d = setParam(scenario, 'segments[0].dealSize', 30_000);
    expect(identifyVariant(scenario, d, paths)).toEqual({
      path: 'segments[0].dealSize',
      value: 30_000,
    });
    const r = setParam(scenario, 'team.reps', 10);
    expect(identifyVariant(scenario, r, paths)).toEqual({ path: 'team.reps', value: 10 });
  });
});

describe('progressive tornado', () => {
  it('ends with the same bars and ranking as the package’s result', async () => {
    const spec = { metric: 'bookings' as const };
    const paths = defaultInputPaths(scenario);
    const planned = planTornado(scenario, 0.25);
    const measured = new Map();
    let baseline: ReturnType<typeof evaluateMetric> | undefined;
    let seen = 0;
    const observed = observeRuns(runner, (variant, chunk) => {
      seen++;
      const { side, estimate } = measureTornadoRun(scenario, variant, chunk, spec, paths);
      if (side) measured.set(sideKey(side.path, side.value), estimate);
      else baseline = estimate;
    });
    const result = await tornado(observed, scenario, { ...spec, swing: 0.25 });
    expect(seen).toBe(result.runs);
    expect(baseline?.estimate).toBe(result.baseline.estimate);
    const live = rankBars(planned, measured, baseline);
    const final = barsFromResult(result, scenario);
    expect(live.every((b) => !b.pending)).toBe(true);
    expect(live.map((b) => b.path).sort()).toEqual(final.map((b) => b.path).sort());
    const swing = new Map(final.map((b) => [b.path, b.swing]));
    for (const bar of live) expect(bar.swing).toBeCloseTo(swing.get(bar.path) ?? Number.NaN, 6);
    // Ranked, largest first.
    for (let i = 1; i < live.length; i++)
      expect(live[i - 1]?.swing ?? 0).toBeGreaterThanOrEqual(live[i]?.swing ?? 0);
    expect(final[0]?.label).toMatch(/ · /);
  });

  it('counts a missing side as the baseline while runs are pending', () => {
    const planned = planTornado(scenario, 0.25);
    const base = { estimate: 100, lo: 90, hi: 110, n: 40, se: 5 };
    const first = planned[0];
    if (!first) throw new Error('no bars');
    const measured = new Map([[sideKey(first.path, first.high.value), { ...base, estimate: 160 }]]);
    const bars = rankBars(planned, measured, base);
    expect(bars[0]?.path).toBe(first.path);
    expect(bars[0]?.swing).toBe(60);
    expect(bars[0]?.pending).toBe(!first.low.atBase);
    expect(bars.slice(1).every((b) => b.swing === 0)).toBe(true);
  });
});

describe('RunningEstimate', () => {
  it('matches the package’s precision trace, batch by batch', async () => {
    for (const metric of ['pABeatsB', 'bookings'] as const) {
      const running = new RunningEstimate(scenario, { metric });
      const points: ReturnType<RunningEstimate['add']>[] = [];
      const observed = observeRuns(runner, (_s, chunk: SimulationChunk) => {
        points.push(running.add(chunk));
      });
      const result = await runToPrecision(
        observed,
        scenario,
        { metric, halfWidth: 1e-6 },
        { maxTrials: 60, batchTrials: 20 },
      );
      expect(points.length).toBe(result.trace.length);
      result.trace.forEach((t, i) => {
        const p = points[i];
        expect(p?.trials).toBe(t.trials);
        expect(p?.estimate).toBeCloseTo(t.estimate, 6);
        expect(p?.halfWidth).toBeCloseTo(t.halfWidth, 3);
      });
    }
  });
});

describe('observeRuns', () => {
  it('reports every break-even evaluation with its value', async () => {
    const values: number[] = [];
    const observed = observeRuns(runner, (variant, chunk) => {
      values.push(resolveParam(variant, 'segments[1].winRate').value);
      expect(evaluateMetric(variant, chunk, { metric: 'bookings' }).n).toBe(30);
    });
    const result = await breakEven(observed, scenario, {
      param: 'segments[1].winRate',
      trials: 30,
      maxEvaluations: 6,
    });
    expect([...values].sort((a, b) => a - b)).toEqual(result.evaluations.map((e) => e.value));
  });

  it('does not report an aborted run', async () => {
    const abort = new AbortController();
    let reported = 0;
    const observed = observeRuns(runner, () => {
      reported++;
    });
    abort.abort();
    await expect(observed.run(scenario, { signal: abort.signal })).rejects.toThrow();
    expect(reported).toBe(0);
  });
});
