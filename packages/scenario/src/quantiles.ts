/**
 * The lognormal a Quantiles value (types.ts) stands for. Every package that turns a median and a
 * p90 into lognormal parameters uses this, so that the engine, the calibration and the tools agree
 * to the last bit.
 */
import type { Quantiles } from './types.ts';

/** z_0.9 = Φ⁻¹(0.9), the 90th percentile of the standard normal. */
export const Z90 = 1.2815515655446004;

/**
 * Parameters of the underlying normal: mu = ln(median), sigma = (ln p90 − ln median) / z_0.9;
 * p90 = median gives sigma = 0 exactly (a fixed value). Does not check its input: callers that
 * need 0 < median ≤ p90 < ∞ check it first (validation does for scenarios).
 *
 * @example lognormalOfQuantiles({ median: 10, p90: 10 }) // { mu: Math.log(10), sigma: 0 }
 */
export function lognormalOfQuantiles(q: Quantiles): { mu: number; sigma: number } {
  const mu = Math.log(q.median);
  const sigma = q.p90 === q.median ? 0 : (Math.log(q.p90) - mu) / Z90;
  return { mu, sigma };
}
