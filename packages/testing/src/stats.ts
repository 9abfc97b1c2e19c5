/**
 * Statistics the sampler tests check draws with: moments, the Kolmogorov–Smirnov distance, the
 * normal tails and the chi-square quantile. Written from their textbook definitions, never from
 * the engine's code, so that a test compares the engine with an independent oracle.
 */

/** Sample mean and unbiased sample variance. */
export function meanVar(xs: Float64Array): [number, number] {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return [mean, ss / (xs.length - 1)];
}

/** Kolmogorov–Smirnov statistic D = sup |F_n − F| of a sample against a CDF. */
export function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  let i = 0;
  for (const x of sorted) {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
    i++;
  }
  return d;
}

/** erfc(x), to about 1e-13 absolute: Taylor series of erf below 2.5, continued fraction above. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))).
  let t = 0;
  for (let k = 60; k >= 1; k--) t = k / 2 / (x + t);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + t);
}

/** Standard normal CDF Φ, from erfc. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * Upper normal tail Q(x) = 1 − Φ(x): the series Φ(x) = ½ + φ(x) Σ x^(2n+1)/(1·3·…·(2n+1))
 * (Abramowitz & Stegun 26.2.11) below 3, the continued fraction above, 1 − Q(−x) below 0.
 * Accurate far into the tail (Q(12) ≈ 1.8e-33), where 1 − Φ(x) would round to 0.
 */
export function upperTail(x: number): number {
  if (x < 0) return 1 - upperTail(-x);
  if (x < 3) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 300; n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 0.5 - (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * sum;
  }
  let t = 0;
  for (let k = 80; k >= 1; k--) t = k / (x + t);
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) / (x + t);
}

/** The chi-square(df) quantile at the normal quantile z, by the Wilson–Hilferty approximation. */
export function chiSquareQuantile(df: number, z: number): number {
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}
