import { normal } from './normal.ts';
import type { Rng } from './rng.ts';

/**
 * A standard normal variate conditioned on being at least `a` (left-truncated at a), by C. P.
 * Robert, "Simulation of truncated normal variables", Statistics and Computing 5:121–125 (1995):
 * - a ≤ 0.5: draw standard normals until one is ≥ a (accepted with probability Φ(−a) ≥ 0.31);
 * - a > 0.5: propose x = a + Exp(λ) with the optimal rate λ = (a + √(a² + 4)) / 2 and accept
 *   with probability exp(−(x − λ)² / 2) (at least 0.76 for every a > 0.5, higher as a grows).
 * Both loops end with probability 1; the number of draws varies, which keeps a trial's stream
 * reproducible (every draw comes from `rng`, in order). Used for an open deal's natural cycle
 * given its age (docs/model.md §16).
 */
export function truncatedNormal(rng: Rng, a: number): number {
  if (a <= 0.5) {
    for (;;) {
      const z = normal(rng);
      if (z >= a) return z;
    }
  }
  const lambda = (a + Math.sqrt(a * a + 4)) / 2;
  for (;;) {
    // 1 − U is in (0, 1]: its log is finite.
    const x = a - Math.log(1 - rng.next()) / lambda;
    const d = x - lambda;
    if (rng.next() < Math.exp(-(d * d) / 2)) return x;
  }
}
