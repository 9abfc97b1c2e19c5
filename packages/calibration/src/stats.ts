/** Descriptive helpers shared by the fits: quantiles, histograms and Q-Q points. */

/** A histogram; `edges` has one more entry than `counts` (same shape as @sweetspot/analysis). */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** One Q-Q point: the model's quantile and the data's at the same probability. */
export interface QQPoint {
  p: number;
  theoretical: number;
  sample: number;
}

/** Numeric ascending sort into a new array. */
export function sortedCopy(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/** Quantile with linear interpolation between order statistics (Hyndman & Fan 1996, type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(n - 1, lo + 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Inverse of the empirical CDF: the smallest x with F_n(x) ≥ p (Hyndman & Fan type 1). */
export function inverseEcdfSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const i = Math.min(n - 1, Math.max(0, Math.ceil(p * n - 1e-9) - 1));
  return sorted[i] as number;
}

/** Median (type 7: the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

/**
 * Equal-width histogram (Sturges' rule, capped at 40 bins); `log: true` makes the bins equal in
 * log space, which suits skewed positive values such as deal sizes.
 */
export function histogram(
  values: readonly number[],
  options: { bins?: number; log?: boolean } = {},
): Histogram {
  const log = options.log === true;
  const xs = log ? values.filter((v) => v > 0).map(Math.log) : values.filter(Number.isFinite);
  if (xs.length === 0) return { edges: [], counts: [] };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const bins = lo === hi ? 1 : (options.bins ?? Math.min(40, Math.ceil(Math.log2(xs.length)) + 1));
  const width = lo === hi ? 1 : (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) {
    const i = Math.min(bins - 1, Math.floor((x - lo) / width));
    counts[i] = (counts[i] as number) + 1;
  }
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) {
    const e = lo === hi ? lo + (i - 0.5) : lo + i * width;
    edges.push(log ? Math.exp(e) : e);
  }
  return { edges, counts };
}

/**
 * Q-Q points of sorted data against a model quantile function, at plotting positions
 * (i − ½)/n, thinned evenly to at most `maxPoints`.
 */
export function qqPoints(
  sorted: readonly number[],
  modelQuantile: (p: number) => number,
  maxPoints = 100,
): QQPoint[] {
  const n = sorted.length;
  const points: QQPoint[] = [];
  if (n === 0) return points;
  const count = Math.min(n, maxPoints);
  for (let k = 0; k < count; k++) {
    const i = count === 1 ? 0 : Math.round((k * (n - 1)) / (count - 1));
    const p = (i + 0.5) / n;
    points.push({ p, theoretical: modelQuantile(p), sample: sorted[i] as number });
  }
  return points;
}
