/**
 * What the summary worker computes for a chunk of trials: the analysis package's RunSummary, plus
 * a few figures the UI needs that RunSummary does not carry (histograms of horizon bookings on
 * shared edges, for the "Year" view). Pure TS: runs in the worker, and in unit tests.
 */
import {
  BOOKINGS_HISTOGRAM_BINS,
  ChunkColumns,
  type Histogram,
  histogram,
  type RunSummary,
  summarize,
} from '@sweetspot/analysis';
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

export interface SummaryExtras {
  /** Per strategy id: histogram of bookings summed over all reported quarters (shared edges). */
  horizonBookings: Record<string, Histogram>;
}

export interface Summarized {
  summary: RunSummary;
  extras: SummaryExtras;
  /** Time the summary took, in ms (measured where it ran). */
  ms: number;
}

export function summarizeWithExtras(scenario: Scenario, chunk: SimulationChunk): Summarized {
  const t0 = performance.now();
  const summary = summarize(scenario, chunk);
  const cols = new ChunkColumns(chunk, layoutOf(chunk));
  const sums = scenario.strategies.map((_, s) =>
    cols.sumOverQuarters(s, 'bookings', new Float64Array(chunk.trialCount)),
  );
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const values of sums) {
    for (const v of values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const range: [number, number] | undefined = lo <= hi ? [lo, hi] : undefined;
  const horizonBookings: Record<string, Histogram> = {};
  scenario.strategies.forEach((strategy, s) => {
    horizonBookings[strategy.id] = histogram(
      sums[s] ?? new Float64Array(0),
      BOOKINGS_HISTOGRAM_BINS,
      range,
    );
  });
  return { summary, extras: { horizonBookings }, ms: performance.now() - t0 };
}
