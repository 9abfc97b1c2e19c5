/** Helpers shared by the runner's tests and bench (not part of the package API). */
import { createChunk, layoutFor, type SimulationChunk } from '@sweetspot/engine';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import type { SimulateFn } from './api.ts';
import type { PartialResult, Runner, RunOptions } from './types.ts';

/** The default scenario, made small: 2000 trials, 3 reps, 2 quarters. */
export function smallScenario(): Scenario {
  const scenario = defaultScenario();
  scenario.trials = 2000;
  scenario.team.reps = 3;
  scenario.horizon.quarters = 2;
  return scenario;
}

function hash(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(c + 0x297a2d39, 0x27d4eb2f);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * A fake engine with the real layout: every value is a hash of (seed, trial, cell), so chunking
 * must not change anything, and aggregates are whole-number sums like the real ones.
 */
export const fakeSimulate: SimulateFn = (scenario, trialStart, trialCount) => {
  const layout = layoutFor(scenario);
  const chunk = createChunk(layout, trialStart, trialCount);
  for (let t = 0; t < trialCount; t++) {
    const trial = trialStart + t;
    for (let c = 0; c < layout.totalColumns; c++) {
      const v = hash(scenario.seed, trial, c);
      chunk.columns[c * trialCount + t] = v / 4096 - 1000;
    }
    for (let i = 0; i < chunk.aggregates.length; i++) {
      chunk.aggregates[i] =
        (chunk.aggregates[i] ?? 0) + (hash(scenario.seed, trial, -1 - i) % 1000);
    }
  }
  return chunk;
};

/** Byte-for-byte equality of two chunks' buffers and shape. */
export function sameChunk(a: SimulationChunk, b: SimulationChunk): boolean {
  if (
    a.trialStart !== b.trialStart ||
    a.trialCount !== b.trialCount ||
    a.strategies !== b.strategies ||
    a.quarters !== b.quarters ||
    a.segments !== b.segments
  )
    return false;
  return sameBytes(a.columns, b.columns) && sameBytes(a.aggregates, b.aggregates);
}

export function sameBytes(a: Float64Array, b: Float64Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Runs `scenario` with `options`, keeping every partial result the run hands out, in order. */
export async function runKeepingPartials(
  runner: Runner,
  scenario: Scenario,
  options: RunOptions,
): Promise<{ result: SimulationChunk; partials: PartialResult[] }> {
  const partials: PartialResult[] = [];
  const result = await runner.run(scenario, { ...options, onPartial: (p) => partials.push(p) });
  return { result, partials };
}

/** The last partial result handed out: the trials it counts done, and whether it is `result`. */
export function lastPartial(
  partials: PartialResult[],
  result: SimulationChunk,
): { done: number; isResult: boolean } {
  const last = partials.at(-1) as PartialResult;
  return { done: last.done, isResult: sameChunk(last.chunk, result) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
