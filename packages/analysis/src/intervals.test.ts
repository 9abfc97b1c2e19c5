import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampInterval, combine, difference, type Term } from './intervals.ts';

describe('conservative intervals', () => {
  it('adds half-widths, side by side for asymmetric intervals', () => {
    const d = difference({ value: 0.5, ci: [0.4, 0.62] }, { value: 0.2, ci: [0.15, 0.3] });
    expect(d.value).toBeCloseTo(0.3, 12);
    expect(d.low).toBeCloseTo(0.3 - 0.1 - 0.1, 12); // A's lower side, B's upper side
    expect(d.high).toBeCloseTo(0.3 + 0.12 + 0.05, 12);
    expect(clampInterval({ low: -1.2, high: 1.5 }, -1, 1)).toEqual({ low: -1, high: 1 });
    expect(clampInterval({ value: 0.9, low: 0.7, high: 1.2 }, 0, 1)).toEqual({
      value: 0.9,
      low: 0.7,
      high: 1,
    });
  });

  it('covers the exact interval of an average of perfectly correlated parts', () => {
    // Two quarters with se 1 and 3, perfectly correlated: se of the average is (1 + 3) / 2.
    const z = 1.959964;
    const avg = combine([
      { weight: 0.5, value: 10, ci: [10 - z, 10 + z] },
      { weight: 0.5, value: 20, ci: [20 - 3 * z, 20 + 3 * z] },
    ]);
    expect(avg.value).toBe(15);
    expect(avg.high - avg.value).toBeCloseTo(2 * z, 9);
  });

  const term = fc.record({
    weight: fc.double({ min: -5, max: 5, noNaN: true }),
    value: fc.double({ min: -100, max: 100, noNaN: true }),
    down: fc.double({ min: 0, max: 10, noNaN: true }),
    up: fc.double({ min: 0, max: 10, noNaN: true }),
  });
  const toTerm = (t: { weight: number; value: number; down: number; up: number }): Term => ({
    weight: t.weight,
    value: t.value,
    ci: [t.value - t.down, t.value + t.up],
  });

  it('combined equals concatenated: the sum of two lists is the sum of their sums', () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 6 }), fc.array(term, { maxLength: 6 }), (x, y) => {
        const xs = x.map(toTerm);
        const ys = y.map(toTerm);
        const whole = combine([...xs, ...ys]);
        const parts = [combine(xs), combine(ys)].map((p) => ({
          weight: 1,
          value: p.value,
          ci: [p.low, p.high] as const,
        }));
        const joined = combine(parts);
        for (const k of ['value', 'low', 'high'] as const) {
          expect(joined[k]).toBeCloseTo(whole[k], 6);
        }
        expect(whole.low).toBeLessThanOrEqual(whole.value + 1e-9);
        expect(whole.high).toBeGreaterThanOrEqual(whole.value - 1e-9);
      }),
    );
  });

  it('A − B is minus B − A, with the sides swapped', () => {
    fc.assert(
      fc.property(term, term, (ta, tb) => {
        // Terms carry weights of their own, which a difference ignores.
        const a = toTerm(ta);
        const b = toTerm(tb);
        const ab = difference(a, b);
        const ba = difference(b, a);
        expect(ab.value).toBeCloseTo(-ba.value, 9);
        expect(ab.low).toBeCloseTo(-ba.high, 9);
        expect(ab.high).toBeCloseTo(-ba.low, 9);
        expect(ab.value).toBeCloseTo(a.value - b.value, 9);
      }),
    );
  });
});
