/**
 * Engine benchmark (docs/benchmarks.md): trials per second per core, the ratio of engine time to
 * the sampler bound (drawing the same worlds alone), and the cost of playing two strategies on a
 * shared world relative to one. Timings are medians of repeated runs on one thread.
 */
import { type Scenario, saasMidMarket } from '@sweetspot/scenario';
import { Simulator } from '../src/simulate.ts';

/** The reference scenario: 10 reps, one 13-week quarter, ~3 opportunities per rep-week. */
export function referenceScenario(): Scenario {
  const s = JSON.parse(JSON.stringify(saasMidMarket)) as Scenario;
  s.name = 'Engine bench reference';
  s.team.reps = 10;
  s.horizon = { quarters: 1, weeksPerQuarter: 13, warmupWeeks: 0 };
  return s;
}

export interface EngineBenchResult {
  trials: number;
  repeats: number;
  trialsPerSecond: number;
  dealsPerTrial: number;
  samplerBoundRatio: number;
  twoVsOneStrategyA: number;
  twoVsOneStrategyB: number;
  twoVsOneMean: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Runs the engine benchmark on `scenario` (default: the reference). */
export function runEngineBench(
  trials = 4000,
  repeats = 5,
  scenario = referenceScenario(),
): EngineBenchResult {
  const both = new Simulator(scenario);
  const onlyA = new Simulator({
    ...scenario,
    strategies: [scenario.strategies[0] as Scenario['strategies'][number]],
  });
  const onlyB = new Simulator({
    ...scenario,
    strategies: [scenario.strategies[1] as Scenario['strategies'][number]],
  });
  // Warm up the JIT on every path.
  both.simulate(0, 200);
  onlyA.simulate(0, 200);
  onlyB.simulate(0, 200);
  let deals = 0;
  const tWorld: number[] = [];
  const tBoth: number[] = [];
  const tA: number[] = [];
  const tB: number[] = [];
  for (let r = 0; r < repeats; r++) {
    tWorld.push(
      time(() => {
        deals = 0;
        for (let t = 0; t < trials; t++) deals += both.drawWorld(t).count;
      }),
    );
    tBoth.push(time(() => both.simulate(0, trials)));
    tA.push(time(() => onlyA.simulate(0, trials)));
    tB.push(time(() => onlyB.simulate(0, trials)));
  }
  const world = median(tWorld);
  const all = median(tBoth);
  const a = median(tA);
  const b = median(tB);
  return {
    trials,
    repeats,
    trialsPerSecond: trials / (all / 1000),
    dealsPerTrial: deals / trials,
    samplerBoundRatio: all / world,
    twoVsOneStrategyA: all / a,
    twoVsOneStrategyB: all / b,
    twoVsOneMean: all / ((a + b) / 2),
  };
}

/** The default scenario (the first preset) exactly as the app opens it. */
export function defaultScenario(): Scenario {
  return JSON.parse(JSON.stringify(saasMidMarket)) as Scenario;
}

/** Human-readable lines for a result, with the targets of issue 2. */
export function formatEngineBench(
  r: EngineBenchResult,
  label = 'reference: 10 reps × 13 weeks',
): string {
  return [
    `Engine (one thread, ${label}, ~${r.dealsPerTrial.toFixed(0)} opportunities per trial, 2 strategies; ${r.trials} trials × ${r.repeats} repeats, medians)`,
    `  trials per second per core        ${r.trialsPerSecond.toFixed(0)}`,
    `  engine time / sampler bound       ${r.samplerBoundRatio.toFixed(2)}   (issue 13: ≤ 1.5 on the default scenario)`,
    `  two strategies / one (A, B, mean) ${r.twoVsOneStrategyA.toFixed(2)}, ${r.twoVsOneStrategyB.toFixed(2)}, ${r.twoVsOneMean.toFixed(2)}   (target ≤ 1.6)`,
  ].join('\n');
}
