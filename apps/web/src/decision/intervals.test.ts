import { describe, expect, it } from 'vitest';
import { clampInterval, combine, difference } from './intervals.ts';

describe('conservative intervals', () => {
  it('adds half-widths, side by side for asymmetric intervals', () => {
    const d = difference({ value: 0.5, ci: [0.4, 0.62] }, { value: 0.2, ci: [0.15, 0.3] });
    expect(d.value).toBeCloseTo(0.3, 12);
    expect(d.low).toBeCloseTo(0.3 - 0.1 - 0.1, 12); // A's lower side, B's upper side
    expect(d.high).toBeCloseTo(0.3 + 0.12 + 0.05, 12);
    expect(clampInterval({ low: -1.2, high: 1.5 }, -1, 1)).toEqual({ low: -1, high: 1 });
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
});
