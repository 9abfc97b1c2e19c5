import { lognormalOfQuantiles } from '@sweetspot/scenario';
import { normal } from './normal.ts';
import type { Rng } from './rng.ts';

/**
 * Lognormal parameters (of the underlying normal) from a median and a 90th percentile, the way
 * the scenario states uncertain amounts: mu = ln(median), sigma = (ln p90 − ln median) / z_0.9.
 * `p90 === median` gives sigma = 0, a constant. Throws a RangeError unless
 * 0 < median ≤ p90 < ∞.
 */
export function lognormalParams(median: number, p90: number): { mu: number; sigma: number } {
  if (!(median > 0 && median < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`lognormal median must be positive and finite, got ${median}`);
  }
  if (!(p90 >= median && p90 < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`lognormal p90 must be finite and at least the median, got ${p90}`);
  }
  // The one conversion (packages/scenario, quantiles.ts), so tools that convert agree exactly.
  return lognormalOfQuantiles({ median, p90 });
}

/**
 * A lognormal variate exp(mu + sigma · Z). Always draws exactly one normal, even when sigma is
 * 0, so that the random stream stays aligned whatever the parameters (a scenario that changes one
 * spread to 0 does not reshuffle every later draw).
 */
export function lognormal(rng: Rng, mu: number, sigma: number): number {
  return Math.exp(mu + sigma * normal(rng));
}

/** E[X] = exp(mu + sigma²/2). */
export function lognormalMean(mu: number, sigma: number): number {
  return Math.exp(mu + 0.5 * sigma * sigma);
}

/** Var[X] = (exp(sigma²) − 1) · exp(2 mu + sigma²), with expm1 for accuracy at small sigma. */
export function lognormalVariance(mu: number, sigma: number): number {
  const s2 = sigma * sigma;
  return Math.expm1(s2) * Math.exp(2 * mu + s2);
}
