import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, erfc, ksStatistic, meanVar, normalCdf, upperTail } from './stats.ts';

describe('meanVar', () => {
  it('gives a constant array its value and variance 0', () => {
    expect(meanVar(new Float64Array(7).fill(2.5))).toEqual([2.5, 0]);
  });

  it('gives 1, 2, 3, 4 the mean 2.5 and the unbiased variance 5/3', () => {
    const [mean, variance] = meanVar(Float64Array.of(1, 2, 3, 4));
    expect(mean).toBe(2.5);
    expect(variance).toBeCloseTo(5 / 3, 14);
  });

  it('shifts the mean with the data and leaves the variance as it was', () => {
    const values = fc.float64Array({
      min: -1e3,
      max: 1e3,
      noNaN: true,
      minLength: 2,
      maxLength: 50,
    });
    fc.assert(
      fc.property(values, fc.double({ min: -1e3, max: 1e3, noNaN: true }), (xs, c) => {
        const [m, v] = meanVar(xs);
        const [ms, vs] = meanVar(xs.map((x) => x + c));
        expect(Math.abs(ms - (m + c))).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(vs - v)).toBeLessThanOrEqual(1e-9 * (1 + v));
      }),
      { seed: 20261205 },
    );
  });
});

describe('ksStatistic', () => {
  it('is 1/n for a sample against its own empirical CDF (distinct values)', () => {
    const xs = Float64Array.of(0.3, -1, 2, 0.7, 5);
    const ecdf = (x: number) => xs.filter((y) => y <= x).length / xs.length;
    expect(ksStatistic(xs, ecdf)).toBeCloseTo(1 / xs.length, 15);
  });

  it('is 1/(2n), its least possible value, for the midpoints (2i + 1)/(2n) against the uniform', () => {
    const n = 8;
    const xs = Float64Array.from({ length: n }, (_, i) => (2 * i + 1) / (2 * n));
    expect(ksStatistic(xs, (x) => x)).toBeCloseTo(1 / (2 * n), 15);
  });

  it('is 1 when the CDF lies wholly to the right of the sample', () => {
    expect(ksStatistic(Float64Array.of(1, 2, 3), () => 0)).toBe(1);
  });
});

describe('normal tails', () => {
  it('erfc(0) = 1, erfc(x) + erfc(−x) = 2, Φ(0) = ½', () => {
    expect(erfc(0)).toBe(1);
    for (const x of [0.1, 1, 2.4, 2.6, 5]) expect(erfc(x) + erfc(-x)).toBeCloseTo(2, 13);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('upperTail(x) = 1 − Φ(x) = erfc(x/√2)/2, by two different series', () => {
    for (let x = -5; x <= 5; x += 0.25) {
      expect(Math.abs(upperTail(x) - 0.5 * erfc(x / Math.SQRT2)), `x = ${x}`).toBeLessThan(1e-13);
    }
    expect(upperTail(1.959963984540054)).toBeCloseTo(0.025, 14);
  });

  it('upperTail keeps relative precision far in the tail (Mills ratio: Q(x) ≈ φ(x)/x)', () => {
    const x = 12;
    const mills = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) / x;
    // Q(x) = φ(x)/x · (1 − 1/x² + 3/x⁴ − …): the ratio is within 1/x² of 1.
    expect(upperTail(x) / mills).toBeGreaterThan(1 - 1 / (x * x));
    expect(upperTail(x) / mills).toBeLessThan(1);
  });
});

describe('chiSquareQuantile', () => {
  it('matches tabulated quantiles to the Wilson–Hilferty accuracy', () => {
    // χ²(100) at 0.95 is 124.342; χ²(10) at 0.99 is 23.209 (z = 1.644854, 2.326348).
    expect(chiSquareQuantile(100, 1.6448536269514722)).toBeCloseTo(124.342, 1);
    expect(chiSquareQuantile(10, 2.3263478740408408)).toBeCloseTo(23.209, 1);
  });
});
