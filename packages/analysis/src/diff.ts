/**
 * Paired comparison of two strategies run on the same trials (common random numbers): the
 * distribution of A − B per trial. Pairing removes the variance both strategies share, so the
 * interval of the mean difference is much narrower than comparing two independent means.
 */
import { meanCi95, meanSd, quantileOfSorted, type Values, wilson } from './stat.ts';
import type { Diff } from './types.ts';

/**
 * Paired difference A − B over per-trial arrays of equal length: mean and its 95% CI
 * (mean ± 1.96·sd/√n), sample sd, type-7 quantiles p10/p50/p90, the share of trials where A is
 * strictly greater (pABeatsB, with a Wilson interval), exactly equal (pTie) and strictly less
 * (pBBeatsA); the three shares sum to 1. n = 0: NaN figures and a [0, 1] interval.
 *
 * Pass `scratch` (length ≥ n) to reuse a buffer; on return its first n entries hold the sorted
 * differences (handy for a histogram without another allocation).
 */
export function pairedDiff(a: Values, b: Values, scratch?: Float64Array): Diff {
  const n = a.length;
  if (b.length !== n) {
    throw new RangeError(`pairedDiff: arrays differ in length (${n} vs ${b.length})`);
  }
  const d = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  let wins = 0;
  let ties = 0;
  let losses = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    d[i] = x - y;
    if (x > y) wins++;
    else if (x === y) ties++;
    else losses++;
  }
  const { mean, sd } = meanSd(d);
  d.sort(); // numeric
  const nan = Number.NaN;
  const q = (p: number) => (n === 0 ? nan : quantileOfSorted(d, p));
  return {
    meanDiff: mean,
    ci95: meanCi95(mean, sd, n),
    sd,
    pABeatsB: n === 0 ? nan : wins / n,
    pABeatsBCi95: wilson(wins, n),
    pTie: n === 0 ? nan : ties / n,
    pBBeatsA: n === 0 ? nan : losses / n,
    p10: q(0.1),
    p50: q(0.5),
    p90: q(0.9),
  };
}

/**
 * The Diff of (A − B) × factor, derived without recomputing: shares of wins and ties are
 * unchanged by a positive scale. Used for attainment = bookings / quota.
 */
export function scaleDiff(diff: Diff, factor: number): Diff {
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new RangeError(`scale factor must be finite and > 0, got ${factor}`);
  }
  const k = factor;
  return {
    ...diff,
    meanDiff: diff.meanDiff * k,
    ci95: [diff.ci95[0] * k, diff.ci95[1] * k],
    sd: diff.sd * k,
    pABeatsBCi95: [diff.pABeatsBCi95[0], diff.pABeatsBCi95[1]],
    p10: diff.p10 * k,
    p50: diff.p50 * k,
    p90: diff.p90 * k,
  };
}
