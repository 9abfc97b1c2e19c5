/**
 * Which trial to replay, from the run's per-trial columns: "typical" (A − B nearest the median
 * difference), "heroic save" (B's best quarter against A) or "heroic failure" (B's worst). Pure TS.
 */
import { ChunkColumns } from '@sweetspot/analysis';
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

export type TrialPick = 'typical' | 'save' | 'failure';

export const PICK_LABELS: Record<TrialPick, string> = {
  typical: 'Typical',
  save: 'Heroic save',
  failure: 'Heroic failure',
};

/** What each pick means, for tooltips and screen readers. */
export const PICK_HINTS: Record<TrialPick, string> = {
  typical: 'The trial whose A − B difference is nearest the median difference',
  save: 'B’s best quarter against A',
  failure: 'B’s worst quarter against A',
};

export interface PickedTrial {
  /** Trial number as the engine counts it (chunk.trialStart + index). */
  trial: number;
  /** Bookings of A and B in the quarter, from the run's columns. */
  a: number;
  b: number;
  /** Median of A − B over the run's trials, in that quarter. */
  medianDiff: number;
}

function strategyIndex(scenario: Scenario, id: string): number {
  const i = scenario.strategies.findIndex((s) => s.id === id);
  if (i < 0) throw new RangeError(`unknown strategy ${id}`);
  return i;
}

/** Per-trial bookings of A and B in a quarter (0-based): views into the chunk, no copies. */
export function quarterColumns(
  scenario: Scenario,
  chunk: SimulationChunk,
  quarter: number,
): { a: Float64Array; b: Float64Array } {
  const cols = new ChunkColumns(chunk, layoutOf(chunk));
  return {
    a: cols.quarter(strategyIndex(scenario, scenario.compare[0]), quarter, 'bookings'),
    b: cols.quarter(strategyIndex(scenario, scenario.compare[1]), quarter, 'bookings'),
  };
}

function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function pickTrial(
  scenario: Scenario,
  chunk: SimulationChunk,
  quarter: number,
  pick: TrialPick,
): PickedTrial {
  const { a, b } = quarterColumns(scenario, chunk, quarter);
  const n = a.length;
  if (n === 0) throw new RangeError('no trials to pick from');
  const diff = new Float64Array(n);
  for (let t = 0; t < n; t++) diff[t] = (a[t] as number) - (b[t] as number);
  const median = medianOf(diff);
  let best = 0;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    const d = diff[t] as number;
    // Lower score wins; ties keep the earliest trial.
    const score = pick === 'typical' ? Math.abs(d - median) : pick === 'save' ? d : -d;
    if (score < bestScore) {
      bestScore = score;
      best = t;
    }
  }
  return {
    trial: chunk.trialStart + best,
    a: a[best] as number,
    b: b[best] as number,
    medianDiff: median,
  };
}
