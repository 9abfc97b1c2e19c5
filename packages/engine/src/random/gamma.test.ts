import { erfc, ksStatistic, meanVar } from '@sweetspot/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gamma } from './gamma.ts';
import { Rng } from './rng.ts';

// Fixed seed; tolerances are stated beside each check and fail with probability about 1e-4 or
// less for a correct sampler and a random seed (the suite was run with many seeds to confirm).
const SEED = 271828;

/**
 * Regularised lower incomplete gamma P(a, x), by the series
 * P(a, x) = x^a e^{−x} / Γ(a + 1) · Σ_{n≥0} x^n / ((a + 1)…(a + n)), given Γ(a + 1).
 */
function gammaCdf(a: number, gammaAPlus1: number, x: number): number {
  if (x <= 0) return 0;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 2000; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, (Math.exp(a * Math.log(x) - x) / gammaAPlus1) * sum);
}

function sample(rng: Rng, shape: number, scale: number, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = gamma(rng, shape, scale);
  return xs;
}

let factorial40 = 1;
for (let k = 2; k <= 40; k++) factorial40 *= k;

/** Shapes from the brief, each with Γ(shape + 1) for the reference CDF. */
const CASES: { shape: number; scale: number; gammaAPlus1: number }[] = [
  { shape: 0.3, scale: 1, gammaAPlus1: 0.8974706963062772 }, // Γ(1.3)
  { shape: 1, scale: 2, gammaAPlus1: 1 },
  { shape: 2.5, scale: 0.5, gammaAPlus1: (15 * Math.sqrt(Math.PI)) / 8 }, // Γ(3.5)
  { shape: 40, scale: 3, gammaAPlus1: factorial40 },
];

describe('gamma (Marsaglia–Tsang)', () => {
  it('reference CDFs are sane: P(a, x) → 1 for large x (checks the Γ constants)', () => {
    for (const { shape, gammaAPlus1 } of CASES) {
      expect(gammaCdf(shape, gammaAPlus1, shape + 40 * Math.sqrt(shape) + 40)).toBeCloseTo(1, 12);
    }
    // Γ(1) is the exponential: P(1, x) = 1 − e^{−x}.
    expect(gammaCdf(1, 1, 0.7)).toBeCloseTo(1 - Math.exp(-0.7), 14);
  });

  for (const [k, { shape, scale }] of CASES.entries()) {
    it(`has mean kθ and variance kθ² for shape ${shape}, scale ${scale}`, () => {
      const n = 200_000;
      const [mean, variance] = meanVar(sample(new Rng(SEED, k), shape, scale, n));
      const trueMean = shape * scale;
      const trueVar = shape * scale * scale;
      // Central fourth moment μ4 = (3 + 6/k)·(kθ²)², so Var(s²) ≈ (μ4 − Var²)/n.
      const mu4 = (3 + 6 / shape) * trueVar * trueVar;
      // Mean within 4 SE = 4·√(Var/n).
      expect(Math.abs(mean - trueMean)).toBeLessThan(4 * Math.sqrt(trueVar / n));
      // Variance within 5 SE: one more than usual because for small shapes the sample variance
      // is itself right-skewed.
      expect(Math.abs(variance - trueVar)).toBeLessThan(
        5 * Math.sqrt((mu4 - trueVar * trueVar) / n),
      );
    });
  }

  for (const [k, { shape, scale, gammaAPlus1 }] of CASES.entries()) {
    it(`passes a Kolmogorov–Smirnov test for shape ${shape}, scale ${scale}`, () => {
      const n = 100_000;
      const xs = sample(new Rng(SEED, 10 + k), shape, scale, n);
      const d = ksStatistic(xs, (x) => gammaCdf(shape, gammaAPlus1, x / scale));
      // Asymptotically P(√n·D > t) ≈ 2·exp(−2t²): t = 2.3 is p ≈ 5e-5.
      expect(Math.sqrt(n) * d).toBeLessThan(2.3);
    });
  }

  it('Gamma(1/2, 2) is chi-square with 1 degree of freedom (KS against erf(√(x/2)))', () => {
    // An independent reference for the shape < 1 boost: X = Z², P(X ≤ x) = erf(√(x/2)).
    const n = 100_000;
    const d = ksStatistic(sample(new Rng(SEED, 20), 0.5, 2, n), (x) => 1 - erfc(Math.sqrt(x / 2)));
    expect(Math.sqrt(n) * d).toBeLessThan(2.3); // p ≈ 5e-5 as above
  });

  it('uses the scale as an exact multiplier on the same draws', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (seed, shape, scale) => {
          const a = new Rng(seed);
          const b = new Rng(seed);
          for (let i = 0; i < 10; i++) {
            if (gamma(a, shape, scale) !== gamma(b, shape) * scale) return false;
          }
          return a.nextUint32() === b.nextUint32();
        },
      ),
    );
  });

  it('is finite and in its support for any seed, shape in [1e-3, 1e4] and scale in [1e-3, 1e3]', () => {
    const logUniform = (lo: number, hi: number) =>
      fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        logUniform(-3, 4),
        logUniform(-3, 3),
        (seed, shape, scale) => {
          const rng = new Rng(seed);
          for (let i = 0; i < 50; i++) {
            const x = gamma(rng, shape, scale);
            // Shapes below 1 may underflow to exactly 0; from shape 1 on the result is positive.
            if (!(Number.isFinite(x) && (shape >= 1 ? x > 0 : x >= 0))) return false;
          }
          return true;
        },
      ),
    );
  });

  it('rejects a shape or scale that is not positive', () => {
    const rng = new Rng(SEED);
    for (const [shape, scale] of [
      [0, 1],
      [-1, 1],
      [Number.NaN, 1],
      [1, 0],
      [1, -2],
      [1, Number.NaN],
    ] as const) {
      expect(() => gamma(rng, shape, scale), `${shape}, ${scale}`).toThrow(RangeError);
    }
  });
});
