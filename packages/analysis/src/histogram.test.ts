import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram, niceEdges } from './histogram.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('histogram', () => {
  it('puts values on nice equal-width edges and counts the max in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5);
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10]);
    expect(h.counts).toEqual([2, 2, 2, 2, 3]);
  });

  it('rounds the width up to 1, 2, 2.5 or 5 × 10^k and starts on a multiple of it', () => {
    // raw width 18.5 → 20 would need 5 bins on multiples of 20, so the next nice width, 25.
    const h = histogram([13, 87], 4);
    expect(h.edges).toEqual([0, 25, 50, 75, 100]);
    expect(h.counts).toEqual([1, 0, 0, 1]);
    expect(niceEdges(13, 87, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceEdges(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]); // no 0.30000000000000004
    expect(niceEdges(0, 10, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceEdges(-7, 7, 4)).toEqual([-10, -5, 0, 5, 10]);
    expect(niceEdges(-7, 7, 3)).toEqual([-10, 0, 10]); // 5 would need 4 bins
  });

  it('never exceeds the requested number of bins', () => {
    // raw width 0.4 → 0.5 would need [0.5, 2.5], 4 bins: the width grows to 1.
    expect(niceEdges(0.9, 2.1, 3)).toEqual([0, 1, 2, 3]);
    expect(niceEdges(-1, 1, 1)).toEqual([-2, 2]); // one bin cannot sit on multiples across 0
    const edges = niceEdges(0.9, 2.1, 3);
    expect(edges.length - 1).toBeLessThanOrEqual(3);
    expect(edges[0]).toBeLessThanOrEqual(0.9);
    expect(edges.at(-1)).toBeGreaterThanOrEqual(2.1);
  });

  it('opens the bin to the right of an interior edge', () => {
    const h = histogram([0, 0.1, 0.2, 0.3], 3);
    expect(h.edges).toEqual([0, 0.1, 0.2, 0.3]);
    expect(h.counts).toEqual([1, 1, 2]);
  });

  it('all values equal: one bin centred on the value', () => {
    expect(histogram([150_000, 150_000], 40)).toEqual({ edges: [140_000, 160_000], counts: [2] });
    expect(histogram([0, 0, 0])).toEqual({ edges: [-0.5, 0.5], counts: [3] });
    expect(histogram([-3])).toEqual({ edges: [-3.25, -2.75], counts: [1] });
  });

  it('shares edges given a range and clamps values outside it', () => {
    const h = histogram([5, 95, -20, 130], 10, [0, 100]);
    expect(h.edges).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(h.counts).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  });

  it('skips non-finite values and handles no data', () => {
    expect(sum(histogram([1, Number.NaN, 2, Number.POSITIVE_INFINITY], 2).counts)).toBe(2);
    expect(histogram([])).toEqual({ edges: [0, 1], counts: [0] });
    expect(histogram(new Float64Array(0), 10, [0, 50]).counts).toEqual(new Array(10).fill(0));
  });

  it('rejects bad arguments', () => {
    expect(() => histogram([1], 0)).toThrow(RangeError);
    expect(() => histogram([1], 2.5)).toThrow(RangeError);
    expect(() => histogram([1], 4, [3, 1])).toThrow(RangeError);
  });

  it('property: counts sum to n, edges increase with equal width, bins ≤ requested, data covered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 60 }),
        (xs, bins) => {
          const h = histogram(xs, bins);
          expect(sum(h.counts)).toBe(xs.length);
          expect(h.counts.length).toBe(h.edges.length - 1);
          expect(h.counts.length).toBeLessThanOrEqual(bins);
          const width = (h.edges[1] as number) - (h.edges[0] as number);
          for (let i = 1; i < h.edges.length; i++) {
            const w = (h.edges[i] as number) - (h.edges[i - 1] as number);
            expect(w).toBeGreaterThan(0);
            expect(Math.abs(w - width)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, Math.abs(width)) + 1e-6 * width,
            );
          }
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          expect(h.edges[0]).toBeLessThanOrEqual(lo);
          expect(h.edges.at(-1)).toBeGreaterThanOrEqual(hi);
        },
      ),
    );
  });

  it('property: each value is counted in the bin whose edges bracket it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 100 }),
        fc.integer({ min: 1, max: 20 }),
        (xs, bins) => {
          const h = histogram(xs, bins);
          const expected = h.counts.map(() => 0);
          const last = h.counts.length - 1;
          for (const x of xs) {
            let b = h.edges.findIndex(
              (e, i) => i < last && x >= e && x < (h.edges[i + 1] as number),
            );
            if (b < 0) b = last;
            expected[b] = (expected[b] as number) + 1;
          }
          expect(h.counts).toEqual(expected);
        },
      ),
    );
  });
});
