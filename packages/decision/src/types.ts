import type { AbortSignalLike } from '@sweetspot/runner';

/**
 * What a decision analysis measures on a run, always on the pair of strategies in
 * `scenario.compare` (A − B per trial, common random numbers):
 * - `bookings`, `margin`: the mean difference A − B of bookings (gross margin) over the horizon,
 *   or over one quarter;
 * - `retained`: the mean difference of retained recurring revenue at the end of the horizon;
 * - `pABeatsB`: the share of trials in which A books strictly more than B (horizon or quarter).
 */
export type Metric = 'bookings' | 'margin' | 'retained' | 'pABeatsB';

/** The metrics that are a mean difference A − B (break-even looks for their zero). */
export type DiffMetric = Exclude<Metric, 'pABeatsB'>;

export const METRICS: readonly Metric[] = ['bookings', 'margin', 'retained', 'pABeatsB'];
export const DIFF_METRICS: readonly DiffMetric[] = ['bookings', 'margin', 'retained'];

/** A metric and where it is measured. */
export interface MetricSpec {
  metric: Metric;
  /** 1-based reported quarter; absent: the whole horizon. Not allowed with `retained`. */
  quarter?: number;
}

/** An estimate with its 95% interval. */
export interface Estimate {
  /** Mean difference A − B (money), or P(A beats B) (0–1). */
  estimate: number;
  /** 95% interval: mean ± 1.96·sd/√n for a mean difference, Wilson for P(A beats B). */
  lo: number;
  hi: number;
  /** Trials. */
  n: number;
  /** Standard error of a mean difference (sd/√n); for P(A beats B), √(p(1 − p)/n). */
  se: number;
}

/** Progress of a whole analysis, in trials over all of its runs. */
export interface DecisionProgress {
  done: number;
  /**
   * Trials the analysis expects to run in all. Adaptive analyses (precision, break-even) revise
   * it as they learn; `done` never exceeds it.
   */
  total: number;
  /** Runs finished so far, when the analysis is made of several runs. */
  runsDone?: number;
  runs?: number;
}

/** Options every analysis takes. */
export interface CommonOptions {
  /** Aborting rejects the analysis with an `AbortError` (`isAbortError`) and stops its runs. */
  signal?: AbortSignalLike;
  onProgress?: (progress: DecisionProgress) => void;
}

/**
 * Placeholder for the "why the gap arises" waterfall (issue 7, part 5): an exact per-deal
 * decomposition of A − B needs engine support that is not there yet. Nothing produces it.
 */
export interface Waterfall {
  metric: 'bookings' | 'margin';
  /** Mean per trial of strategy B's metric, where the waterfall starts. */
  start: number;
  /** Contributions adding up from B to A, in display order. */
  steps: Array<{ id: string; label: string; delta: number }>;
  /** Mean per trial of strategy A's metric: start + Σ delta. */
  end: number;
}
