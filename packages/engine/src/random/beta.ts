import { gamma } from './gamma.ts';
import type { Rng } from './rng.ts';

/**
 * A Beta(a, b) variate, as X / (X + Y) with X ~ Gamma(a) and Y ~ Gamma(b) independent (see e.g.
 * L. Devroye, "Non-Uniform Random Variate Generation", 1986, §IX.4). Mean a/(a+b).
 *
 * When a shape is below 1 its gamma comes from the boost Gamma(s + 1) · U^(1/s), which can
 * underflow to 0 for small s; there the ratio is formed from logarithms instead,
 * 1 / (1 + exp(ln Y − ln X)), so that Beta(0.01, 0.01) still returns a number in [0, 1] rather
 * than 0/0.
 */
export function beta(rng: Rng, a: number, b: number): number {
  if (!(a > 0 && b > 0)) {
    throw new RangeError(`beta needs a > 0 and b > 0, got a ${a}, b ${b}`);
  }
  if (a >= 1 && b >= 1) {
    const x = gamma(rng, a);
    const y = gamma(rng, b);
    return x / (x + y);
  }
  const lx = logGammaVariate(rng, a);
  const ly = logGammaVariate(rng, b);
  return 1 / (1 + Math.exp(ly - lx));
}

/** ln of a unit-scale Gamma(shape) variate, without underflow for small shapes. */
function logGammaVariate(rng: Rng, shape: number): number {
  if (shape >= 1) return Math.log(gamma(rng, shape));
  return Math.log(gamma(rng, shape + 1)) + Math.log(rng.nextOpen()) / shape;
}
