import { Z90 } from '@sweetspot/scenario';
/**
 * Lognormal fit of positive amounts by maximum likelihood on the logs (μ = mean of ln x,
 * σ = root mean square deviation; Johnson, Kotz & Balakrishnan, Continuous Univariate
 * Distributions vol. 1, 2nd ed., 1994, ch. 14), with the Kolmogorov–Smirnov distance to the fit
 * and its approximate 5% critical value for estimated parameters, 0.886/√n (Lilliefors 1967).
 */
import { normalCdf, normalQuantile } from './special.ts';
import {
  type Histogram,
  histogram,
  type QQPoint,
  qqPoints,
  quantileSorted,
  sortedCopy,
} from './stats.ts';

export interface LognormalFit {
  n: number;
  mu: number;
  sigma: number;
  /** Fitted median e^μ and 90th percentile e^(μ + z₀.₉ σ). */
  median: number;
  p90: number;
  /** Empirical median and 90th percentile (linear interpolation, type 7). */
  empiricalMedian: number;
  empiricalP90: number;
  /** Observed mean, and the fitted lognormal's mean e^(μ + σ²/2). */
  mean: number;
  fittedMean: number;
  /** Kolmogorov–Smirnov distance between the data and the fitted CDF. */
  ks: number;
  /** Approximate 5% critical value of ks (Lilliefors), meaningful for n > 30. */
  ksCritical05: number;
  qq: QQPoint[];
  /** Log-spaced bins. */
  histogram: Histogram;
}

/** Fits a lognormal to the positive, finite values (others are ignored); undefined if none. */
export function fitLognormal(values: readonly number[]): LognormalFit | undefined {
  const sorted = sortedCopy(values.filter((v) => Number.isFinite(v) && v > 0));
  const n = sorted.length;
  if (n === 0) return undefined;
  let sumLog = 0;
  let sum = 0;
  for (const x of sorted) {
    sumLog += Math.log(x);
    sum += x;
  }
  const mu = sumLog / n;
  let ss = 0;
  for (const x of sorted) ss += (Math.log(x) - mu) ** 2;
  // Rounding leaves a tiny σ for identical values: treat it as a point mass.
  const raw = Math.sqrt(ss / n);
  const sigma = raw < 1e-12 * Math.max(1, Math.abs(mu)) ? 0 : raw;
  const cdf = (x: number) => normalCdf((Math.log(x) - mu) / sigma);
  // σ = 0 only when all values are equal: the fitted point mass matches the data exactly.
  let ks = 0;
  for (let i = 0; sigma > 0 && i < n; i++) {
    const x = sorted[i] as number;
    // Evaluate at the last of a run of ties, where the empirical CDF has its full jump.
    if (i + 1 < n && sorted[i + 1] === x) continue;
    const f = cdf(x);
    let first = i;
    while (first > 0 && sorted[first - 1] === x) first--;
    ks = Math.max(ks, (i + 1) / n - f, f - first / n);
  }
  const quantile = (p: number) => Math.exp(mu + sigma * normalQuantile(p));
  return {
    n,
    mu,
    sigma,
    median: Math.exp(mu),
    p90: Math.exp(mu + Z90 * sigma),
    empiricalMedian: quantileSorted(sorted, 0.5),
    empiricalP90: quantileSorted(sorted, 0.9),
    mean: sum / n,
    fittedMean: Math.exp(mu + (sigma * sigma) / 2),
    ks,
    ksCritical05: 0.886 / Math.sqrt(n),
    qq: qqPoints(sorted, quantile),
    histogram: histogram(sorted, { log: true }),
  };
}
