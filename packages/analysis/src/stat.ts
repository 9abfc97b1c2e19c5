/**
 * Descriptive statistics of one metric over trials, and the Wilson interval of a proportion.
 *
 * Quantile definition (used everywhere in this package): linear interpolation between order
 * statistics, Hyndman & Fan (1996) definition 7 — the default of R's `quantile` and NumPy's
 * `percentile`. For sorted x₀ ≤ … ≤ x₍ₙ₋₁₎ and probability p, let h = (n − 1)·p; then
 * Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌈h⌉ − x⌊h⌋). Computed by simple-statistics' `quantileSorted`.
 *
 * R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages", The American
 * Statistician 50(4), 1996, pp. 361–365.
 */
import { quantileSorted } from 'simple-statistics';
import type { Stat } from './types.ts';

/** Two-sided 95% normal quantile used for every interval in this package. */
export const Z95 = 1.96;

/** Values accepted by the statistics functions: a typed array or a plain array of numbers. */
export type Values = Float64Array | readonly number[];

/**
 * Type-7 quantile of values sorted ascending (non-empty). `quantileSorted` only indexes its
 * argument, so a Float64Array works at run time; its declared type is a plain array.
 */
export function quantileOfSorted(sorted: Values, p: number): number {
  return quantileSorted(sorted as readonly number[], p);
}

/**
 * Mean and sample standard deviation (divisor n − 1) in two passes, which is numerically stable
 * (Chan, Golub & LeVeque, "Algorithms for computing the sample variance", 1983).
 * n = 0: both NaN. n = 1: sd is 0.
 */
export function meanSd(values: Values): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  if (n === 1) return { mean, sd: 0 };
  let ss = 0;
  let comp = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    ss += d * d;
    comp += d;
  }
  // Corrected two-pass formula: subtracts the rounding error left in the mean.
  const variance = Math.max(0, (ss - (comp * comp) / n) / (n - 1));
  return { mean, sd: Math.sqrt(variance) };
}

/** 95% confidence interval of a mean: mean ± 1.96·sd/√n (n = 0: [NaN, NaN]). */
export function meanCi95(mean: number, sd: number, n: number): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  const half = (Z95 * sd) / Math.sqrt(n);
  return [mean - half, mean + half];
}

/** The Stat of `n` values already sorted ascending, with their mean and sd. */
export function statOfSorted(sorted: Values, mean: number, sd: number): Stat {
  const n = sorted.length;
  if (n === 0) return emptyStat();
  const q = (p: number) => quantileOfSorted(sorted, p);
  const min = sorted[0] as number;
  const max = sorted[n - 1] as number;
  // The exact mean lies in [min, max]; a rounded sum can stray out by an ulp (e.g. 3 × 0.1).
  const m = Math.min(max, Math.max(min, mean));
  return {
    mean: m,
    ci95: meanCi95(m, sd, n),
    sd,
    p5: q(0.05),
    p10: q(0.1),
    p25: q(0.25),
    p50: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    p95: q(0.95),
    min,
    max,
    n,
  };
}

function emptyStat(): Stat {
  const nan = Number.NaN;
  return {
    mean: nan,
    ci95: [nan, nan],
    sd: nan,
    p5: nan,
    p10: nan,
    p25: nan,
    p50: nan,
    p75: nan,
    p90: nan,
    p95: nan,
    min: nan,
    max: nan,
    n: 0,
  };
}

/**
 * Summary statistics of finite values: mean, 95% CI of the mean (mean ± 1.96·sd/√n), sample
 * sd (n − 1), type-7 quantiles p5…p95 (see the module comment), min, max and n.
 * n = 0: every number is NaN and n is 0 (no throw). n = 1: sd is 0, the CI collapses to the
 * value and every quantile equals it.
 *
 * Sorts one copy of the input. Pass `scratch` (length ≥ n) to reuse a buffer instead of
 * allocating one; on return its first n entries hold the sorted values.
 */
export function describe(values: Values, scratch?: Float64Array): Stat {
  const n = values.length;
  const { mean, sd } = meanSd(values);
  const sorted = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  sorted.set(values);
  sorted.sort(); // TypedArray sort without a comparator is numeric.
  return statOfSorted(sorted, mean, sd);
}

/**
 * The Stat of values × factor, derived without re-sorting (every field is equivariant under a
 * non-negative scale; type-7 quantiles are linear in the data). Used for attainment =
 * bookings / quota and share of reps = reps at quota / reps.
 */
export function scaleStat(stat: Stat, factor: number): Stat {
  if (!(factor >= 0) || !Number.isFinite(factor)) {
    throw new RangeError(`scale factor must be finite and ≥ 0, got ${factor}`);
  }
  const k = factor;
  return {
    mean: stat.mean * k,
    ci95: [stat.ci95[0] * k, stat.ci95[1] * k],
    sd: stat.sd * k,
    p5: stat.p5 * k,
    p10: stat.p10 * k,
    p25: stat.p25 * k,
    p50: stat.p50 * k,
    p75: stat.p75 * k,
    p90: stat.p90 * k,
    p95: stat.p95 * k,
    min: stat.min * k,
    max: stat.max * k,
    n: stat.n,
  };
}

/**
 * Wilson score 95% interval of a proportion successes / n (E. B. Wilson, "Probable inference,
 * the law of succession, and statistical inference", JASA 22(158), 1927, pp. 209–212):
 * (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z = 1.96.
 * n = 0: [0, 1] (nothing is known). The bounds are clamped to [0, 1].
 */
export function wilson(successes: number, n: number): [number, number] {
  if (!Number.isFinite(n) || n < 0 || !(successes >= 0) || successes > n) {
    throw new RangeError(`wilson: need 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  }
  if (n === 0) return [0, 1];
  const z2 = Z95 * Z95;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [
    successes === 0 ? 0 : Math.max(0, centre - half),
    successes === n ? 1 : Math.min(1, centre + half),
  ];
}
