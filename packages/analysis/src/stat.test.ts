import fc from 'fast-check';
import { expect, it, describe as suite } from 'vitest';
import { describe, meanSd, scaleStat, wilson } from './stat.ts';

const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });

suite('describe', () => {
  it('computes mean, sample sd, CI and type-7 quantiles of a small sample', () => {
    const input = [9, 4, 2, 5, 4, 7, 4, 5]; // sorted: 2 4 4 4 5 5 7 9
    const s = describe(input);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const half = (1.96 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(s.ci95[0]).toBeCloseTo(5 - half, 12);
    expect(s.ci95[1]).toBeCloseTo(5 + half, 12);
    // h = 7p; Q = x[⌊h⌋] + frac(h)·(x[⌈h⌉] − x[⌊h⌋])
    expect(s.p5).toBeCloseTo(2.7, 12);
    expect(s.p10).toBeCloseTo(3.4, 12);
    expect(s.p25).toBeCloseTo(4, 12);
    expect(s.p50).toBeCloseTo(4.5, 12);
    expect(s.p75).toBeCloseTo(5.5, 12);
    expect(s.p90).toBeCloseTo(7.6, 12);
    expect(s.p95).toBeCloseTo(8.3, 12);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(input).toEqual([9, 4, 2, 5, 4, 7, 4, 5]); // input untouched
  });

  it('matches the odd-length median and accepts Float64Array', () => {
    const s = describe(new Float64Array([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20]));
    expect(s.p50).toBe(9);
    expect(s.p25).toBe(7.5);
    expect(s.p75).toBe(14);
  });

  it('sorts numerically, not as strings', () => {
    const s = describe([100, 9, 25, -3]);
    expect(s.min).toBe(-3);
    expect(s.max).toBe(100);
    expect(s.p50).toBe(17);
  });

  it('uses the scratch buffer and leaves the sorted values in it', () => {
    const scratch = new Float64Array(10).fill(-1);
    const input = new Float64Array([3, 1, 2]);
    describe(input, scratch);
    expect(Array.from(scratch.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(input)).toEqual([3, 1, 2]);
  });

  it('n = 0: all NaN, n = 0, no throw', () => {
    const s = describe([]);
    expect(s.n).toBe(0);
    for (const v of [s.mean, s.sd, s.p5, s.p50, s.p95, s.min, s.max, ...s.ci95]) {
      expect(v).toBeNaN();
    }
  });

  it('n = 1: sd 0, CI and quantiles collapse to the value', () => {
    const s = describe([42]);
    expect(s).toMatchObject({ mean: 42, sd: 0, ci95: [42, 42], p5: 42, p50: 42, p95: 42 });
    expect(s).toMatchObject({ min: 42, max: 42, n: 1 });
  });

  it('keeps the mean within [min, max] for equal values', () => {
    const s = describe([0.1, 0.1, 0.1]);
    expect(s.mean).toBe(0.1);
    expect(s.sd).toBe(0);
  });

  it('property: p5 ≤ p10 ≤ … ≤ p95, min ≤ mean ≤ max, sd ≥ 0', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 200 }), (xs) => {
        const s = describe(xs);
        const chain = [s.min, s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95, s.max];
        for (let i = 1; i < chain.length; i++) {
          expect(chain[i] as number).toBeGreaterThanOrEqual(chain[i - 1] as number);
        }
        expect(s.mean).toBeGreaterThanOrEqual(s.min);
        expect(s.mean).toBeLessThanOrEqual(s.max);
        expect(s.sd).toBeGreaterThanOrEqual(0);
        expect(s.ci95[0]).toBeLessThanOrEqual(s.ci95[1]);
        expect(s.n).toBe(xs.length);
      }),
    );
  });

  it('property: scaleStat(describe(x), k) ≈ describe(k·x)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (xs, k) => {
          const scaled = scaleStat(describe(xs), k);
          const direct = describe(xs.map((x) => x * k));
          for (const key of ['mean', 'sd', 'p5', 'p50', 'p95', 'min', 'max'] as const) {
            expect(scaled[key]).toBeCloseTo(direct[key], 3);
          }
        },
      ),
    );
  });
});

suite('meanSd', () => {
  it('is stable for a large offset', () => {
    const { mean, sd } = meanSd([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(mean).toBe(1e9 + 10);
    expect(sd).toBeCloseTo(Math.sqrt(30), 9);
  });
});

suite('wilson', () => {
  it('8 of 10 → about [0.490, 0.943]', () => {
    const [lo, hi] = wilson(8, 10);
    expect(lo).toBeCloseTo(0.4902, 4);
    expect(hi).toBeCloseTo(0.9433, 4);
  });

  it('matches Newcombe (1998, Stat. Med. 17:857) table I', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const [l, h] = wilson(k, n);
      expect(l).toBeCloseTo(lo, 4);
      expect(h).toBeCloseTo(hi, 4);
    }
  });

  it('is exactly 0 / 1 at the extremes and [0, 1] without data', () => {
    expect(wilson(0, 20)[0]).toBe(0);
    expect(wilson(20, 20)[1]).toBe(1);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it('rejects impossible counts', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
  });

  it('property: 0 ≤ lo ≤ p̂ ≤ hi ≤ 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const k = Math.floor(f * n);
          const [lo, hi] = wilson(k, n);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(lo).toBeLessThanOrEqual(k / n + 1e-12);
          expect(hi).toBeGreaterThanOrEqual(k / n - 1e-12);
        },
      ),
    );
  });
});
