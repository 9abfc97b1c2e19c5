/**
 * Equal-width histograms with "nice" bin edges: the bin width is 1, 2, 2.5 or 5 times a power
 * of ten and every edge is a whole multiple of it (the usual axis-labelling rule; see P. S.
 * Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
 */
import type { Values } from './stat.ts';
import type { Histogram } from './types.ts';

const MANTISSAS = [1, 2, 2.5, 5, 10] as const;
const EPS = 1e-9;

/** A nice step as mantissa × 10^exponent, so that edges can be computed without drift. */
interface Step {
  mantissa: number;
  exponent: number;
  width: number;
}

function makeStep(mantissa: number, exponent: number): Step {
  if (mantissa >= 10) return makeStep(1, exponent + 1);
  const width = exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
  return { mantissa, exponent, width };
}

/** The smallest nice step ≥ raw (raw > 0). */
function niceStep(raw: number): Step {
  const exponent = Math.floor(Math.log10(raw));
  const fraction = raw / 10 ** exponent;
  const mantissa = MANTISSAS.find((m) => fraction <= m * (1 + EPS)) ?? 10;
  return makeStep(mantissa, exponent);
}

/** The next nice step above `step`. */
function nextStep(step: Step): Step {
  const i = MANTISSAS.indexOf(step.mantissa as (typeof MANTISSAS)[number]);
  return makeStep(MANTISSAS[i + 1] ?? 10, step.exponent);
}

/** Edge k·width, computed as an exact decimal so that 3 × 0.1 prints as 0.3. */
function edgeAt(k: number, step: Step): number {
  const units = k * step.mantissa;
  const value = step.exponent < 0 ? units / 10 ** -step.exponent : units * 10 ** step.exponent;
  return value === 0 ? 0 : value; // no -0
}

/**
 * The tightest whole multiples k0 < k1 of the step with edge(k0) ≤ lo and edge(k1) ≥ hi,
 * checked on the computed edges themselves so that rounding never leaves data outside.
 */
function cover(lo: number, hi: number, step: Step): [number, number] {
  let k0 = Math.floor(lo / step.width);
  while (edgeAt(k0 + 1, step) <= lo) k0++;
  while (edgeAt(k0, step) > lo) k0--;
  let k1 = Math.max(k0 + 1, Math.ceil(hi / step.width));
  while (k1 - 1 > k0 && edgeAt(k1 - 1, step) >= hi) k1--;
  while (edgeAt(k1, step) < hi) k1++;
  return [k0, k1];
}

/**
 * Nice edges covering [lo, hi] with at most `bins` bins (one centred bin when lo = hi). With
 * bins = 1 the single bin spans from a nice floor of lo to a nice ceiling of hi.
 */
export function niceEdges(lo: number, hi: number, bins: number): number[] {
  if (!Number.isFinite(hi - lo)) throw new RangeError(`histogram: range [${lo}, ${hi}] too wide`);
  // Floor on the width: far above the spacing of doubles near the data, so edges stay distinct.
  const minWidth = Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12 + 1e-300;
  if (lo === hi) {
    // One bin centred on the value, a tenth of its magnitude wide (width 1 around zero).
    const step = niceStep(lo === 0 ? 1 : Math.max(Math.abs(lo) / 10, minWidth));
    return [lo - step.width / 2, lo + step.width / 2];
  }
  let step = niceStep(Math.max((hi - lo) / bins, minWidth));
  // Each step is at least 2× the last; once width ≥ hi − lo the span is ≤ 2 bins, so with
  // bins ≥ 2 this ends within a few dozen steps. One bin may need a zero-straddling span.
  for (let attempt = 0; bins > 1 && attempt < 100; attempt++) {
    const [k0, k1] = cover(lo, hi, step);
    if (k1 - k0 <= bins) {
      const edges: number[] = [];
      for (let k = k0; k <= k1; k++) edges.push(edgeAt(k, step));
      return edges;
    }
    step = nextStep(step);
  }
  // A single bin from the nice floor of lo to the nice ceiling of hi.
  step = niceStep(Math.max(hi - lo, minWidth));
  const [k0, k1] = cover(lo, hi, step);
  return [edgeAt(k0, step), edgeAt(k1, step)];
}

/**
 * Histogram of the finite values (NaN and ±Infinity are skipped) with at most `bins`
 * equal-width bins on nice edges covering `range` (default: [min, max] of the values). Bins
 * are [left, right) except the last, which also holds its right edge (so the max is counted).
 * Values outside an explicit range are counted in the first or last bin, so the counts always
 * sum to the number of finite values. All values equal: one bin centred on the value. No
 * finite values and no range: a single empty bin [0, 1].
 */
export function histogram(values: Values, bins = 40, range?: readonly [number, number]): Histogram {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`histogram: bins must be a whole number ≥ 1, got ${bins}`);
  }
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo > hi) {
      throw new RangeError(`histogram: invalid range [${lo}, ${hi}]`);
    }
  } else {
    lo = Number.POSITIVE_INFINITY;
    hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { edges: [0, 1], counts: [0] };
  }
  const edges = niceEdges(lo, hi, bins);
  const count = edges.length - 1;
  const counts = new Array<number>(count).fill(0);
  const start = edges[0] as number;
  const width = ((edges[count] as number) - start) / count;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    let b = Math.floor((v - start) / width);
    if (b < 0) b = 0;
    else if (b >= count) b = count - 1;
    // Correct rounding at the edges so a value equal to an edge opens the bin to its right.
    else if (b + 1 < count && v >= (edges[b + 1] as number)) b++;
    else if (b > 0 && v < (edges[b] as number)) b--;
    counts[b] = (counts[b] as number) + 1;
  }
  return { edges, counts };
}
