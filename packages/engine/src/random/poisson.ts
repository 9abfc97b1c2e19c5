import type { Rng } from './rng.ts';

/**
 * Poisson variates.
 *
 * - mean < 10: inversion by sequential search (L. Devroye, "Non-Uniform Random Variate
 *   Generation", 1986, §X.3; D. Knuth, TAOCP vol. 2): one uniform u, then walk k = 0, 1, 2, ...
 *   accumulating the pmf from p(0) = exp(−mean) until the cdf exceeds u. Exactly one uniform per
 *   draw, about mean + 1 steps.
 * - mean ≥ 10: PTRS, W. Hörmann, "The transformed rejection method for generating Poisson random
 *   variables", Insurance: Mathematics and Economics 12(1), 1993: transformed rejection with a
 *   squeeze, with the paper's constants. Two uniforms per try, about 1.1 tries per draw whatever
 *   the mean, so the cost does not grow with it.
 */

/** Sequential search below this mean, PTRS from it on (as in Hörmann's paper and numpy). */
const PTRS_FROM = 10;

const LOG_FACTORIAL_TABLE = 256;
/** ln k! for k < 256, by summing logs once at module load. */
const LOG_FACTORIAL = new Float64Array(LOG_FACTORIAL_TABLE);
for (let k = 1; k < LOG_FACTORIAL_TABLE; k++) {
  LOG_FACTORIAL[k] = (LOG_FACTORIAL[k - 1] as number) + Math.log(k);
}
/** ln √(2π). */
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln k! for a non-negative integer k: a table below 256, Stirling's series above,
 * ln k! = (k + ½) ln k − k + ½ ln 2π + 1/(12k) − 1/(360k³) + 1/(1260k⁵), whose next term is below
 * 1e-20 there.
 */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE) return LOG_FACTORIAL[k] as number;
  const r = 1 / k;
  const r2 = r * r;
  return (k + 0.5) * Math.log(k) - k + HALF_LOG_2PI + r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
}

/**
 * A Poisson(mean) variate, a non-negative integer. `mean` must be finite and ≥ 0; mean 0 gives
 * 0 (still consuming the one uniform that every mean below 10 consumes).
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0 && mean < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`poisson mean must be finite and non-negative, got ${mean}`);
  }
  if (mean < PTRS_FROM) return poissonInversion(rng, mean);
  return poissonPtrs(rng, mean);
}

function poissonInversion(rng: Rng, mean: number): number {
  const u = rng.next();
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  // u ≤ 1 − 2^-32 and the tail beyond k = 40 is below 1e-12 for mean < 10, so this ends well
  // before rounding in the cdf could matter.
  while (cdf <= u) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

function poissonPtrs(rng: Rng, mean: number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    // Squeeze: inside the region where the hat is known to be below the pmf.
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    // Exact test: v · alpha⁻¹ / (a/us² + b) ≤ pmf(k), in logs (ln 0 = −∞ accepts, correctly).
    if (
      Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <=
      -mean + k * logMean - logFactorial(k)
    ) {
      return k;
    }
  }
}
