import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import { truncatedNormal } from './truncated-normal.ts';

const SEED = 20261205;

/** Upper tail Q(x) = 1 − Φ(x) = erfc(x/√2)/2, by the continued fraction (x ≥ 0) or 1 − Q(−x). */
function upperTail(x: number): number {
  if (x < 0) return 1 - upperTail(-x);
  if (x < 3) {
    // Φ(x) by the series Φ(x) = ½ + φ(x) Σ x^(2n+1)/(1·3·…·(2n+1)) (Abramowitz & Stegun 26.2.11).
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

function ks(sample: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  });
  return d;
}

describe('truncatedNormal (Robert 1995)', () => {
  // n = 40,000: the KS 0.1% critical value is 1.95/√n ≈ 0.0098.
  const n = 40_000;
  it.each([-1, 0, 0.5, 0.51, 1.5, 3, 6, 12])(
    'follows N(0, 1) truncated below at %s (KS, and the mean φ(a)/Q(a))',
    (a) => {
      const rng = new Rng(SEED, Math.round(a * 100) + 1000);
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = truncatedNormal(rng, a);
      const qa = upperTail(a);
      expect(ks(xs, (x) => (qa - upperTail(x)) / qa)).toBeLessThan(1.95 / Math.sqrt(n));
      // Mean: the inverse Mills ratio; its sd is below 1, so 4 SE ≤ 4/√n.
      const mills = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI) / qa;
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      expect(Math.abs(mean - mills)).toBeLessThan(4 / Math.sqrt(n));
    },
  );

  it('never returns a value below the bound, and is reproducible from the seed', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 40, noNaN: true }), fc.nat(1000), (a, stream) => {
        const x = truncatedNormal(new Rng(SEED, stream), a);
        expect(x).toBeGreaterThanOrEqual(a);
        expect(truncatedNormal(new Rng(SEED, stream), a)).toBe(x);
      }),
      { seed: SEED },
    );
  });
});
