/**
 * The progressive API: the analyses hand over their results as they are measured (`onBaseline`,
 * `onBar`, `onPoint`, `onEvaluation`, `onTrace`), in a stated order, final when handed over, and
 * the final result is the same bit for bit as without callbacks; aborting from a callback stops
 * the analysis with an AbortError and nothing more is handed over. Also: every run of an analysis
 * uses the scenario's seed and the same trial indices (common random numbers).
 */
import { createInThreadRunner, isAbortError, type Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { smallRealistic } from '@sweetspot/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { breakEven, type Evaluation } from './breakeven.ts';
import { type FrontierPoint, frontier } from './frontier.ts';
import { meanEstimate, perTrialMetric } from './metric.ts';
import { setParam } from './path.ts';
import { quotaOver, runToPrecision, type TracePoint } from './precision.ts';
import { type TornadoBar, tornado } from './tornado.ts';
import { planTornado } from './tornado-plan.ts';
import type { Estimate } from './types.ts';

const runner = createInThreadRunner();
afterAll(() => runner.dispose());
const scenario = smallRealistic({ trials: 60 });

/** A runner that records the seed and trial range of every run it is asked for. */
function recording(inner: Runner) {
  const runs: Array<{ seed: number; trialStart: number; trials: number }> = [];
  const observed: Runner = {
    get size() {
      return inner.size;
    },
    dispose() {},
    run(s, options) {
      runs.push({
        seed: (s as Scenario).seed,
        trialStart: options?.trialStart ?? 0,
        trials: options?.trials ?? (s as Scenario).trials,
      });
      return inner.run(s, options);
    },
  };
  return { runs, observed };
}

describe('tornado, progressively', () => {
  it('hands over the baseline, then every bar once in input order, final as the result holds it', async () => {
    const events: string[] = [];
    const handed: TornadoBar[] = [];
    let baseline: Estimate | undefined;
    const totals = new Set<number>();
    const result = await tornado(runner, scenario, {
      onBaseline: (b, trials) => {
        events.push('baseline');
        baseline = b;
        expect(trials).toBe(60);
      },
      onBar: (bar, { barsDone, bars }) => {
        events.push(bar.path);
        handed.push(bar);
        expect(barsDone).toBe(handed.length);
        totals.add(bars);
      },
    });
    expect([...totals]).toEqual([result.bars.length]);
    const plan = planTornado(scenario);
    expect(events).toEqual(['baseline', ...plan.inputs.map((i) => i.param.path)]);
    expect(baseline).toEqual(result.baseline);
    // The same bars as the result (which ranks them), bit for bit.
    const byPath = new Map(result.bars.map((b) => [b.path, b]));
    for (const bar of handed) expect(bar).toEqual(byPath.get(bar.path));
    expect(handed).toHaveLength(result.bars.length);
    expect(plan.runs).toBe(result.runs);
  });

  it('gives the same result with and without callbacks', async () => {
    const plain = await tornado(runner, scenario, { metric: 'pABeatsB' });
    const progressive = await tornado(runner, scenario, {
      metric: 'pABeatsB',
      onBar: () => {},
      onBaseline: () => {},
      onProgress: () => {},
    });
    expect(progressive).toEqual(plain);
  });

  it('chooses the trials per run by precision, and equals the fixed-trial tornado with that count', async () => {
    const target = 0.04; // ±4% of quota
    const spec = { metric: 'bookings' as const };
    const progress: number[] = [];
    const auto = await tornado(runner, scenario, {
      precision: { halfWidth: target, batchTrials: 40, maxTrials: 400 },
      inputs: ['segments[1].winRate', 'team.sellingHoursPerWeek'],
      onProgress: (p) => {
        expect(p.done).toBeLessThanOrEqual(p.total);
        progress.push(p.done);
      },
    });
    expect(auto.trialsPerRun % 40).toBe(0);
    const goal = target * quotaOver(scenario, spec);
    expect(auto.precision?.target).toBeCloseTo(goal, 6);
    // Reached at this count, and not one batch earlier (else the cap).
    if (auto.precision?.reached) {
      expect(auto.baseline.hi - auto.baseline.estimate).toBeLessThanOrEqual(goal * (1 + 1e-12));
      if (auto.trialsPerRun > 40) {
        const before = await runToPrecision(
          runner,
          scenario,
          { ...spec, halfWidth: target },
          {
            batchTrials: 40,
            maxTrials: auto.trialsPerRun - 40,
          },
        );
        expect(before.reached).toBe(false);
      }
    } else expect(auto.trialsPerRun).toBe(400);
    const fixed = await tornado(runner, scenario, {
      trials: auto.trialsPerRun,
      inputs: ['segments[1].winRate', 'team.sellingHoursPerWeek'],
    });
    const { precision: _, ...rest } = auto;
    expect(rest).toEqual(fixed);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] as number);
    expect(progress.at(-1)).toBe(auto.runs * auto.trialsPerRun);
  });

  it('stops with an AbortError when aborted from a bar, and hands over nothing more', async () => {
    const controller = new AbortController();
    let bars = 0;
    let afterAbort = 0;
    const error = await tornado(runner, scenario, {
      signal: controller.signal,
      concurrency: 1,
      onBar: () => {
        if (controller.signal.aborted) afterAbort++;
        bars++;
        controller.abort();
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAbortError(error), String(error)).toBe(true);
    expect(bars).toBe(1);
    expect(afterAbort).toBe(0);
    expect(planTornado(scenario).inputs.length).toBeGreaterThan(1); // so it did stop early
  });

  it('plays every run on the same worlds: the scenario seed and trials 0 to n', async () => {
    const { runs, observed } = recording(runner);
    const result = await tornado(observed, scenario, { trials: 30 });
    expect(runs).toHaveLength(result.runs);
    for (const r of runs) expect(r).toEqual({ seed: scenario.seed, trialStart: 0, trials: 30 });
  });
});

describe('tornado swing precision', () => {
  it('gives each bar the paired 95% half-width of high − low, trial by trial', async () => {
    const path = 'segments[1].winRate';
    const result = await tornado(runner, scenario, { inputs: [path], trials: 50 });
    const bar = result.bars[0] as TornadoBar;
    const spec = { metric: 'bookings' as const };
    const values = async (value: number) =>
      perTrialMetric(
        scenario,
        await runner.run(setParam(scenario, path, value), { trials: 50 }),
        spec,
      );
    const low = await values(bar.low.value);
    const high = await values(bar.high.value);
    const d = high.map((h, t) => h - (low[t] as number));
    const e = meanEstimate(d);
    expect(bar.swingHalfWidth).toBe(e.hi - e.estimate);
    expect(bar.swing).toBeCloseTo(Math.abs(e.estimate), 6);
    // Common random numbers: the swing is known far better than either end.
    expect(bar.swingHalfWidth).toBeLessThan(
      (bar.high.result as Estimate).hi - (bar.high.result as Estimate).estimate,
    );
  });
});

describe('frontier, progressively', () => {
  it('hands over every point once with its final estimates; the result is the same without callbacks', async () => {
    const s = smallRealistic({ trials: 40 });
    const handed = new Map<number, FrontierPoint>();
    let last = 0;
    const result = await frontier(runner, s, {
      steps: 4,
      onPoint: (point, index, { pointsDone, points }) => {
        expect(handed.has(index)).toBe(false);
        handed.set(index, point);
        expect(pointsDone).toBe(handed.size);
        expect(points).toBe(5);
        last = pointsDone;
      },
    });
    expect(last).toBe(result.points.length);
    result.points.forEach((p, i) => {
      const { nearBest: _, ...estimates } = p;
      expect(handed.get(i)).toEqual(estimates);
    });
    expect(await frontier(runner, s, { steps: 4 })).toEqual(result);
  });

  it('plays every run with the scenario seed and the same trials', async () => {
    const { runs, observed } = recording(runner);
    const s = smallRealistic({ trials: 20 });
    await frontier(observed, s, { steps: 2, design: 'per-point' });
    expect(runs.length).toBeGreaterThan(1);
    for (const r of runs) expect(r).toEqual({ seed: s.seed, trialStart: 0, trials: 20 });
  });
});

describe('break-even, progressively', () => {
  it('hands over every evaluation as it is measured, the grid first', async () => {
    const handed: Evaluation[] = [];
    const options = { param: 'segments[1].winRate', trials: 40, maxEvaluations: 8 };
    const result = await breakEven(runner, scenario, {
      ...options,
      onEvaluation: (e) => handed.push(e),
    });
    const [lo, hi] = result.range;
    const grid = [0, 1, 2, 3, 4].map((i) => (i === 4 ? hi : lo + ((hi - lo) * i) / 4));
    expect(
      handed
        .slice(0, 5)
        .map((e) => e.value)
        .sort((a, b) => a - b),
    ).toEqual(grid);
    expect([...handed].sort((a, b) => a.value - b.value)).toEqual(result.evaluations);
    expect(await breakEven(runner, scenario, options)).toEqual(result);
  });
});

describe('precision, progressively', () => {
  it('hands over each trace point as its batch is merged, as the result traces it', async () => {
    const handed: TracePoint[] = [];
    const result = await runToPrecision(
      runner,
      scenario,
      { metric: 'pABeatsB', halfWidth: 1e-6 },
      { maxTrials: 90, batchTrials: 30, onTrace: (p) => handed.push(p) },
    );
    expect(handed).toEqual(result.trace);
    expect(handed.map((p) => p.trials)).toEqual([30, 60, 90]);
  });

  it('stops with an AbortError when aborted from a trace point', async () => {
    const controller = new AbortController();
    const handed: TracePoint[] = [];
    const error = await runToPrecision(
      runner,
      scenario,
      { metric: 'bookings', halfWidth: 1e-9 },
      {
        maxTrials: 300,
        batchTrials: 30,
        signal: controller.signal,
        onTrace: (p) => {
          handed.push(p);
          controller.abort();
        },
      },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAbortError(error), String(error)).toBe(true);
    expect(handed).toHaveLength(1);
  });
});
