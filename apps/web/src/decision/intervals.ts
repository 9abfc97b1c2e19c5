/**
 * 95% intervals for headline figures the summary has no interval for: a difference of two
 * probabilities, a difference of two means, an average or a sum over quarters. They are built from
 * the intervals the summary does have, without assuming independence: the standard deviation of
 * a weighted sum is at most the weighted sum of the standard deviations (the triangle inequality),
 * so adding half-widths gives an interval at least as wide as needed (conservative). Intervals
 * are used side by side for asymmetric (Wilson) ones.
 */

export interface Term {
  weight: number;
  value: number;
  /** The term's own 95% interval. */
  ci: readonly [number, number];
}

/** Σ weight·value with a conservative 95% interval. */
export function combine(terms: readonly Term[]): { value: number; low: number; high: number } {
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

/** A − B of two estimates with their 95% intervals (conservative). */
export function difference(
  a: { value: number; ci: readonly [number, number] },
  b: { value: number; ci: readonly [number, number] },
): { value: number; low: number; high: number } {
  return combine([
    { weight: 1, ...a },
    { weight: -1, ...b },
  ]);
}

/** Clamps an interval into [min, max] (probabilities, shares). */
export function clampInterval<T extends { low: number; high: number }>(
  x: T,
  min: number,
  max: number,
): T {
  return { ...x, low: Math.max(min, x.low), high: Math.min(max, x.high) };
}
