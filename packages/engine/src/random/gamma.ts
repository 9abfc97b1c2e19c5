import { normal } from './normal.ts';
import type { Rng } from './rng.ts';

/**
 * Gamma variates by G. Marsaglia and W. W. Tsang, "A simple method for generating gamma
 * variables", ACM Transactions on Mathematical Software 26(3), 2000.
 *
 * For shape ≥ 1: with d = shape − 1/3 and c = 1/√(9d), draw Z normal until v = (1 + cZ)³ > 0,
 * then accept d·v with the paper's squeeze u < 1 − 0.0331 Z⁴, or else if
 * ln u < Z²/2 + d(1 − v + ln v). About 95% or more of the tries are accepted for shape ≥ 1.
 *
 * For shape < 1, the paper's boost: Gamma(shape) = Gamma(shape + 1) · U^(1/shape). For very
 * small shapes the result can underflow to 0 (the density piles up at 0); it is never negative.
 */

/** A Gamma(shape, scale) variate: mean shape·scale, variance shape·scale². */
export function gamma(rng: Rng, shape: number, scale = 1): number {
  if (!(shape > 0 && scale > 0)) {
    throw new RangeError(`gamma needs shape > 0 and scale > 0, got shape ${shape}, scale ${scale}`);
  }
  if (shape >= 1) return gammaMarsagliaTsang(rng, shape) * scale;
  return gammaMarsagliaTsang(rng, shape + 1) * rng.nextOpen() ** (1 / shape) * scale;
}

/** Unit-scale Gamma(shape) for shape ≥ 1. */
function gammaMarsagliaTsang(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(rng);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextOpen();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
