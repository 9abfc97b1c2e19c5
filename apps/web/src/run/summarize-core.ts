/**
 * What the summary worker computes for a chunk of trials: the analysis package's RunSummary
 * (every figure the results show, the year's included), timed. Pure TS: runs in the worker, and
 * in unit tests.
 */
import { type RunSummary, summarize } from '@sweetspot/analysis';
import type { SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

export interface Summarized {
  summary: RunSummary;
  /** Time the summary took, in ms (measured where it ran). */
  ms: number;
}

/** Summarizes a chunk holding every trial of a run so far, and says how long it took. */
export function summarizeTimed(scenario: Scenario, chunk: SimulationChunk): Summarized {
  const t0 = performance.now();
  const summary = summarize(scenario, chunk);
  return { summary, ms: performance.now() - t0 };
}
