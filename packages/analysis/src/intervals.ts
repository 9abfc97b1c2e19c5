/**
 * Conservative 95% intervals for figures the summary gives no interval of its own: a difference
 * of two probabilities or shares of two strategies, or a weighted sum of estimates. They are
 * built from the estimates' own intervals without assuming independence: the standard deviation
 * of a weighted sum is at most the weighted sum of the standard deviations (the triangle
 * inequality), so adding half-widths gives an interval at least as wide as needed. The two sides
 * of an interval are kept apart, for asymmetric (Wilson) ones.
 */

/** One estimate with its own 95% interval, and its weight in a sum. */
export interface Term {
  weight: number;
  value: number;
  /** The term's own 95% interval. */
  ci: readonly [number, number];
}

/** A value with the low and high ends of its 95% interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

/**
 * Σ weight·value with a conservative 95% interval: each side adds the weighted half-widths on
 * that side (a negative weight swaps a term's sides).
 *
 * @example combine([{ weight: 1, value: 5, ci: [4, 7] }, { weight: -1, value: 2, ci: [1, 3] }])
 * // { value: 3, low: 1, high: 6 }
 */
export function combine(terms: readonly Term[]): Interval {
  let value = 0;
  let below = 0;
  let above = 0;
  for (const t of terms) {
    const down = Math.max(0, t.value - t.ci[0]);
    const up = Math.max(0, t.ci[1] - t.value);
    value += t.weight * t.value;
    if (t.weight >= 0) {
      below += t.weight * down;
      above += t.weight * up;
    } else {
      below += -t.weight * up;
      above += -t.weight * down;
    }
  }
  return { value, low: value - below, high: value + above };
}

/**
 * A − B of two estimates with their 95% intervals (conservative: A's lower side with B's upper).
 *
 * @example difference({ value: 0.5, ci: [0.4, 0.62] }, { value: 0.2, ci: [0.15, 0.3] })
 * // { value: 0.3, low: 0.1, high: 0.47 } (up to rounding)
 */
export function difference(
  a: { value: number; ci: readonly [number, number] },
  b: { value: number; ci: readonly [number, number] },
): Interval {
  // Weights last: an estimate passed with a weight of its own (a Term) must not override them.
  return combine([
    { value: a.value, ci: a.ci, weight: 1 },
    { value: b.value, ci: b.ci, weight: -1 },
  ]);
}

/**
 * Clamps an interval into [min, max] (probabilities, shares); other fields are kept.
 *
 * @example clampInterval({ value: 0.9, low: 0.7, high: 1.2 }, 0, 1) // { value: 0.9, low: 0.7, high: 1 }
 */
export function clampInterval<T extends { low: number; high: number }>(
  x: T,
  min: number,
  max: number,
): T {
  return { ...x, low: Math.max(min, x.low), high: Math.min(max, x.high) };
}
