import { chiSquareQuantile, meanVar } from '@sweetspot/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectStreamsAligned } from '../test-arbitraries.ts';
import { logFactorial, poisson } from './poisson.ts';
import { Rng } from './rng.ts';

// Fixed seed; tolerances are stated beside each check and fail with probability about 1e-4 or
// less for a correct sampler and a random seed (the suite was run with many seeds to confirm).
const SEED = 8675309;

function sample(rng: Rng, mean: number, n: number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = poisson(rng, mean);
  return xs;
}

/**
 * Chi-square goodness of fit of a Poisson sample. The pmf is built independently of the code
 * under test, p(0) = e^{−λ}, p(k) = p(k − 1)·λ/k; consecutive values are pooled into bins of
 * expected count ≥ 20, the last bin being the whole upper tail.
 */
function poissonChiSquare(xs: Float64Array, lambda: number): { chi2: number; df: number } {
  const n = xs.length;
  const top = Math.ceil(lambda + 15 * Math.sqrt(lambda) + 30); // values ≥ top share a slot
  const observed = new Float64Array(top + 1);
  for (const x of xs) {
    const slot = Math.min(x, top);
    observed[slot] = (observed[slot] ?? 0) + 1;
  }
  const pmf = new Float64Array(top + 1);
  let p = Math.exp(-lambda);
  let cdf = 0;
  for (let k = 0; k < top; k++) {
    pmf[k] = p;
    cdf += p;
    p *= lambda / (k + 1);
  }
  pmf[top] = Math.max(0, 1 - cdf);
  const binObserved: number[] = [];
  const binExpected: number[] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k <= top; k++) {
    o += observed[k] as number;
    e += n * (pmf[k] as number);
    if (e >= 20) {
      binObserved.push(o);
      binExpected.push(e);
      o = 0;
      e = 0;
    }
  }
  // Whatever is left (the far tail) joins the last bin.
  const last = binObserved.length - 1;
  binObserved[last] = (binObserved[last] as number) + o;
  binExpected[last] = (binExpected[last] as number) + e;
  let chi2 = 0;
  for (let i = 0; i < binObserved.length; i++) {
    const d = (binObserved[i] as number) - (binExpected[i] as number);
    chi2 += (d * d) / (binExpected[i] as number);
  }
  return { chi2, df: binObserved.length - 1 };
}

describe('logFactorial', () => {
  it('is exact on small arguments and matches summed logs across the table/Stirling switch', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 14);
    let sum = 0;
    for (let k = 2; k <= 400; k++) {
      sum += Math.log(k);
      // Relative agreement 1e-13 (the summed reference itself carries ~1e-14 of rounding).
      if (k >= 200) expect(Math.abs(logFactorial(k) / sum - 1), `k = ${k}`).toBeLessThan(1e-13);
    }
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 10);
  });

  it('follows Stirling for large arguments: ln(2k)! − 2 ln k! ≈ 2k ln 2 − ½ ln(πk)', () => {
    // ln C(2k, k) = 2k ln 2 − ½ ln(πk) − 1/(8k) + O(k^-3).
    const k = 1e6;
    const lhs = logFactorial(2 * k) - 2 * logFactorial(k);
    expect(lhs).toBeCloseTo(2 * k * Math.LN2 - 0.5 * Math.log(Math.PI * k) - 1 / (8 * k), 6);
  });
});

describe('poisson', () => {
  const means = [0.3, 3, 9.99, 10, 37.5, 500];

  for (const [k, mean] of means.entries()) {
    it(`has mean and variance λ for λ = ${mean}`, () => {
      const n = 200_000;
      const [m, v] = meanVar(sample(new Rng(SEED, k), mean, n));
      // Mean within 4 SE = 4·√(λ/n).
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      // Central fourth moment μ4 = λ(1 + 3λ): variance within 4 SE = 4·√((μ4 − λ²)/n).
      expect(Math.abs(v - mean)).toBeLessThan(4 * Math.sqrt((mean + 2 * mean * mean) / n));
    });
  }

  // Both sides of the switch from sequential search to PTRS at 10, and PTRS far from it.
  for (const [k, lambda] of [3, 9.99, 10, 40, 500].entries()) {
    it(`passes a chi-square test against the Poisson(${lambda}) pmf`, () => {
      const n = 200_000;
      const { chi2, df } = poissonChiSquare(sample(new Rng(SEED, 10 + k), lambda, n), lambda);
      // The z = 4 quantile of chi-square(df) (p ≈ 3e-5).
      expect(chi2).toBeLessThan(chiSquareQuantile(df, 4));
    });
  }

  it('returns 0 for mean 0', () => {
    const rng = new Rng(SEED);
    for (let i = 0; i < 1000; i++) expect(poisson(rng, 0)).toBe(0);
  });

  it('consumes exactly one uniform per draw below mean 10, keeping streams aligned', () => {
    expectStreamsAligned(0, 9.999, (a, b, m) => {
      poisson(a, m);
      b.nextUint32();
      return true;
    });
  });

  it('returns a non-negative integer for any seed and any mean in [0, 1e7]', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.oneof(
          fc.double({ min: 0, max: 20, noNaN: true }),
          fc.double({ min: 0, max: 1e7, noNaN: true }),
        ),
        (seed, mean) => {
          const rng = new Rng(seed);
          for (let i = 0; i < 50; i++) {
            const k = poisson(rng, mean);
            if (!(Number.isInteger(k) && k >= 0) || Object.is(k, -0)) return false;
          }
          return true;
        },
      ),
    );
  });

  it('rejects a negative, NaN or infinite mean', () => {
    const rng = new Rng(SEED);
    for (const mean of [-1, -1e-12, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => poisson(rng, mean), `${mean}`).toThrow(RangeError);
    }
  });
});
