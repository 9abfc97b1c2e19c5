/**
 * Exact checks of every computation of packages/analysis, written to fail on any one-line change
 * to its source that changes an output. Mutation testing (`npm run mutation`, docs/testing.md)
 * found them needed: the package's other tests check examples, and some of them compute their
 * summary while the test file is being collected, where the Vitest runner of StrykerJS does not
 * see a mutant's exception as a failure. Here everything is computed inside a test.
 *
 * The expected values come from oracles written in this file from the functions' documented
 * contracts (type-7 quantiles, the Wilson interval, paired differences, the bins of a histogram,
 * means per trial of the engine's aggregates, RFC 4180 CSV), never from the package's code.
 */

import {
  ATTAINMENT_BINS,
  createChunk,
  Layout,
  layoutFor,
  type QuarterColumn,
  type SegmentAggregate,
  type SimulationChunk,
  simulateChunk,
  type TEAM_AGGREGATES,
  WATERFALL_PARTS,
} from '@sweetspot/engine';
import type { Scenario, Segment, Strategy } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributionClause, attributionOf } from './attribution.ts';
import { ChunkColumns, checkChunkShape, strategyIndex, teamQuota } from './chunk.ts';
import { csvNumber, csvText, PER_TRIAL_CSV_HEADER, perTrialCsv, perTrialCsvLines } from './csv.ts';
import { pairedDiff, scaleDiff } from './diff.ts';
import { formatHours, formatMoney, formatPercent } from './format.ts';
import { histogram, niceEdges } from './histogram.ts';
import {
  describe as describeStat,
  meanCi95,
  meanSd,
  scaleStat,
  statOfSorted,
  wilson,
} from './stat.ts';
import { summarize } from './summarize.ts';
import type { Diff, Histogram, Stat } from './types.ts';
import { waterfallOf } from './waterfall.ts';

// ---------------------------------------------------------------------------------------------
// Oracles

const Z95 = 1.96;

/** Type-7 quantile (Hyndman & Fan 1996) of values sorted ascending. */
function q7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

/** The quantiles a Stat reports, each with its probability. */
const QUANTILE_P = { p5: 0.05, p10: 0.1, p25: 0.25, p50: 0.5, p75: 0.75, p90: 0.9, p95: 0.95 };
type QuantileName = keyof typeof QUANTILE_P;

/** Every quantile of a Stat, each as `at(its probability)`. */
function quantilesAt(at: (p: number) => number): Record<QuantileName, number> {
  const entries = Object.entries(QUANTILE_P).map(([name, p]) => [name, at(p)]);
  return Object.fromEntries(entries) as Record<QuantileName, number>;
}

/** Every figure of a Stat but n and the CI: those a scale multiplies. */
type StatFigure = Exclude<keyof Stat, 'ci95' | 'n'>;
const STAT_FIGURES = ['mean', 'sd', ...Object.keys(QUANTILE_P), 'min', 'max'] as StatFigure[];

function statOracle(values: ArrayLike<number>): Stat {
  const xs = Array.from(values);
  const n = xs.length;
  if (n === 0) {
    // Nothing is known: every figure is NaN.
    const nan = Number.NaN;
    return {
      mean: nan,
      ci95: [nan, nan],
      sd: nan,
      ...quantilesAt(() => nan),
      min: nan,
      max: nan,
      n,
    };
  }
  const mean = xs.reduce((a, x) => a + x, 0) / n;
  const sd = n === 1 ? 0 : Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const sorted = [...xs].sort((a, b) => a - b);
  const half = (Z95 * sd) / Math.sqrt(n);
  return {
    mean,
    ci95: [mean - half, mean + half],
    sd,
    ...quantilesAt((p) => q7(sorted, p)),
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    n,
  };
}

/** Wilson score 95% interval (Wilson 1927), clamped to [0, 1], exact at the extremes. */
function wilsonOracle(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z2 = Z95 * Z95;
  const p = k / n;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}

function diffOracle(a: ArrayLike<number>, b: ArrayLike<number>): Diff {
  const n = a.length;
  const d = Array.from(a, (x, i) => x - (b[i] as number));
  const wins = Array.from(a).filter((x, i) => x > (b[i] as number)).length;
  const ties = Array.from(a).filter((x, i) => x === b[i]).length;
  const s = statOracle(d);
  return {
    meanDiff: s.mean,
    ci95: s.ci95,
    sd: s.sd,
    pABeatsB: n === 0 ? Number.NaN : wins / n,
    pABeatsBCi95: wilsonOracle(wins, n),
    pTie: n === 0 ? Number.NaN : ties / n,
    pBBeatsA: n === 0 ? Number.NaN : (n - wins - ties) / n,
    p10: s.p10,
    p50: s.p50,
    p90: s.p90,
  };
}

/** Counts of finite values per bin: [e_i, e_i+1), the last bin closed, outliers clamped. */
function countsOracle(values: ArrayLike<number>, edges: number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of Array.from(values)) {
    if (!Number.isFinite(v)) continue;
    let b = 0;
    while (b < bins - 1 && v >= (edges[b + 1] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}

/** Numbers equal within a relative 1e-9 (NaN equals NaN). */
function near(got: number, want: number, what: string): void {
  if (Number.isNaN(want) && Number.isNaN(got)) return;
  const tol = 1e-9 * Math.max(1, Math.abs(want));
  if (!(Math.abs(got - want) <= tol)) expect.fail(`${what}: got ${got}, want ${want}`);
}

/** Every numeric leaf of two objects of the same shape, near each other. */
function nearDeep(got: unknown, want: unknown, what: string): void {
  if (typeof want === 'number') {
    expect(typeof got, what).toBe('number');
    near(got as number, want, what);
    return;
  }
  if (Array.isArray(want)) {
    expect(Array.isArray(got), what).toBe(true);
    expect((got as unknown[]).length, `${what}.length`).toBe(want.length);
    want.forEach((w, i) => {
      nearDeep((got as unknown[])[i], w, `${what}[${i}]`);
    });
    return;
  }
  if (want !== null && typeof want === 'object') {
    expect(got !== null && typeof got === 'object', what).toBe(true);
    expect(Object.keys(got as object).sort(), `${what} keys`).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) {
      nearDeep((got as Record<string, unknown>)[k], w, `${what}.${k}`);
    }
    return;
  }
  expect(got, what).toEqual(want);
}

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const sample = fc.oneof(
  fc.array(finite, { minLength: 0, maxLength: 40 }),
  fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 }),
);

// ---------------------------------------------------------------------------------------------
// stat.ts

/** `x` with both CI bounds and each of the named amounts times k, every other field kept. */
function scaled<T extends { ci95: [number, number] }>(x: T, k: number, amounts: (keyof T)[]): T {
  const out = { ...x, ci95: [x.ci95[0] * k, x.ci95[1] * k] };
  for (const key of amounts) out[key] = ((x[key] as number) * k) as T[keyof T];
  return out;
}

/** Every figure of `x` times k, n kept (the oracle of scaleStat). */
function scaledOracle(x: Stat, k: number): Stat {
  return scaled(x, k, STAT_FIGURES);
}

describe('stat: describe, meanSd, meanCi95, scaleStat, wilson', () => {
  it('describe matches the oracle on random samples, ties and tiny ones included', () => {
    fc.assert(
      fc.property(sample, (xs) => {
        nearDeep(describeStat(xs), statOracle(xs), 'describe');
        nearDeep(describeStat(Float64Array.from(xs)), statOracle(xs), 'describe (typed)');
      }),
      { seed: 11, numRuns: 200, endOnFailure: true },
    );
  });

  it('uses a scratch buffer of exactly n, leaving the sorted values in it, and any length ≥ n', () => {
    const xs = [5, -1, 3, 3, 10];
    const exact = new Float64Array(5);
    nearDeep(describeStat(xs, exact), statOracle(xs), 'exact scratch');
    expect(Array.from(exact)).toEqual([-1, 3, 3, 5, 10]);
    const short = new Float64Array(4).fill(7);
    nearDeep(describeStat(xs, short), statOracle(xs), 'short scratch');
    expect(Array.from(short)).toEqual([7, 7, 7, 7]);
  });

  it('meanSd: two passes with the correction term, exact to 1e-12 on a large offset', () => {
    // Values 1e9 + k/8: exact in binary, so the exact variance is a ratio of integers (BigInt).
    const ks = Array.from({ length: 997 }, (_, i) => (i * 7919) % 1001);
    const xs = ks.map((k) => 1e9 + k / 8);
    const n = BigInt(ks.length);
    const s1 = ks.reduce((a, k) => a + BigInt(k), 0n);
    const s2 = ks.reduce((a, k) => a + BigInt(k) * BigInt(k), 0n);
    // Var(k/8) = (n·Σk² − (Σk)²) / (n(n − 1)) / 64
    const num = n * s2 - s1 * s1;
    const variance = Number(num) / Number(n * (n - 1n)) / 64;
    const { sd } = meanSd(xs);
    expect(Math.abs(sd - Math.sqrt(variance)) / Math.sqrt(variance)).toBeLessThan(1e-12);
    // A mean with a rounding error (n = 2233, k = 0, 1, 2): only the corrected formula is exact.
    const ks2 = Array.from({ length: 2233 }, (_, i) => (i * 7919) % 3);
    const n2 = BigInt(ks2.length);
    const t1 = ks2.reduce((a, k) => a + BigInt(k), 0n);
    const t2 = ks2.reduce((a, k) => a + BigInt(k) * BigInt(k), 0n);
    const exact2 = Math.sqrt(Number(n2 * t2 - t1 * t1) / Number(n2 * (n2 - 1n)) / 64);
    const sd2 = meanSd(ks2.map((k) => 1e9 + k / 8)).sd;
    expect(Math.abs(sd2 - exact2) / exact2).toBeLessThan(1e-12);
    expect(meanSd([])).toEqual({ mean: Number.NaN, sd: Number.NaN });
    expect(meanSd([4])).toEqual({ mean: 4, sd: 0 });
  });

  it('meanCi95 and the empty stat: two NaN bounds, not an empty pair', () => {
    expect(meanCi95(1, 2, 0)).toEqual([Number.NaN, Number.NaN]);
    expect(meanCi95(10, 2, 4)).toEqual([10 - 1.96, 10 + 1.96]);
    expect(statOfSorted([], 1, 1).ci95).toEqual([Number.NaN, Number.NaN]);
    expect(describeStat([]).ci95).toEqual([Number.NaN, Number.NaN]);
  });

  it('scaleStat scales every field but n, accepts 0 and refuses a negative or non-finite factor', () => {
    const s = describeStat([1, 2, 4, 8, 16, 32]);
    const k = 2.5;
    const want: Stat = { ...scaledOracle(s, k), n: 6 };
    expect(scaleStat(s, k)).toEqual(want);
    expect(scaleStat(s, 0).max).toBe(0);
    for (const bad of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => scaleStat(s, bad)).toThrow(`scale factor must be finite and ≥ 0, got ${bad}`);
    }
  });

  it('wilson matches the oracle, is exactly 0 and 1 at the extremes, and refuses impossible counts', () => {
    for (let n = 0; n <= 120; n++) {
      for (let k = 0; k <= n; k++) nearDeep(wilson(k, n), wilsonOracle(k, n), `wilson(${k}, ${n})`);
    }
    // Where the formula alone would give 1e-17 or 1 − 1e-16.
    expect(wilson(0, 11)[0]).toBe(0);
    expect(wilson(6, 6)[1]).toBe(1);
    expect(wilson(0, 0)).toEqual([0, 1]);
    for (const [k, n] of [
      [0, Number.POSITIVE_INFINITY],
      [0, -1],
      [-1, 3],
      [Number.NaN, 3],
      [4, 3],
    ] as const) {
      expect(() => wilson(k, n)).toThrow(`wilson: need 0 ≤ successes ≤ n, got ${k} of ${n}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// diff.ts

describe('diff: pairedDiff and scaleDiff', () => {
  it('pairedDiff matches the oracle on random pairs (wins, ties and losses)', () => {
    const pairs = fc.integer({ min: 0, max: 30 }).chain((n) => {
      const values = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n });
      return fc.tuple(values, values);
    });
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        nearDeep(pairedDiff(a, b), diffOracle(a, b), 'pairedDiff');
      }),
      { seed: 12, numRuns: 200, endOnFailure: true },
    );
  });

  it('leaves the sorted differences in a scratch buffer of exactly n; any other still works', () => {
    const a = [5, 1, 7];
    const b = [1, 1, 1];
    const exact = new Float64Array(3);
    nearDeep(pairedDiff(a, b, exact), diffOracle(a, b), 'exact scratch');
    expect(Array.from(exact)).toEqual([0, 4, 6]);
    const short = new Float64Array(2);
    nearDeep(pairedDiff(a, b, short), diffOracle(a, b), 'short scratch');
    expect(() => pairedDiff([1, 2, 3], [1, 2])).toThrow(
      'pairedDiff: arrays differ in length (3 vs 2)',
    );
  });

  it('scaleDiff scales the amounts, keeps the shares, and refuses a factor that is not > 0', () => {
    const d = pairedDiff([10, 20, 30, 40, 55], [12, 18, 30, 20, 5]);
    const k = 2.5;
    expect(scaleDiff(d, k)).toEqual(scaled(d, k, ['meanDiff', 'sd', 'p10', 'p50', 'p90']));
    expect(scaleDiff(d, k).pABeatsBCi95).toEqual(d.pABeatsBCi95);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => scaleDiff(d, bad)).toThrow(`scale factor must be finite and > 0, got ${bad}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// histogram.ts

/** Whether w is m · 10^e with m in {1, 2, 2.5, 5} (to a relative 1e-9). */
function isNice(w: number): boolean {
  const e = Math.floor(Math.log10(w));
  return [1, 2, 2.5, 5, 10].some((m) => Math.abs(w / 10 ** e / m - 1) < 1e-9);
}

/** The nice widths, in increasing order, from the smallest one ≥ raw (to 1e-9). */
function niceWidthsFrom(raw: number, count: number): number[] {
  const out: number[] = [];
  let e = Math.floor(Math.log10(raw)) - 1;
  while (out.length < count) {
    for (const m of [1, 2, 2.5, 5]) {
      const w = m * 10 ** e;
      if (w >= raw * (1 - 1e-9) && out.length < count) out.push(w);
    }
    e++;
  }
  return out;
}

/** Bins needed to cover [lo, hi] with whole multiples of w (tightest), or undefined if unsure. */
function binsFor(lo: number, hi: number, w: number): number | undefined {
  const a = lo / w;
  const b = hi / w;
  // Too close to a whole multiple for this oracle's arithmetic to be sure.
  if (Math.abs(a - Math.round(a)) < 1e-6 || Math.abs(b - Math.round(b)) < 1e-6) return undefined;
  return Math.max(1, Math.ceil(b) - Math.floor(a));
}

function expectNiceEdges(lo: number, hi: number, bins: number): number[] {
  const edges = niceEdges(lo, hi, bins);
  const count = edges.length - 1;
  expect(count).toBeGreaterThanOrEqual(1);
  const minWidth = Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12 + 1e-300;
  if (bins === 1 && lo !== hi) {
    // One bin from a nice floor of lo to a nice ceiling of hi, on the smallest nice step ≥ hi − lo.
    const step = niceWidthsFrom(Math.max(hi - lo, minWidth), 1)[0] as number;
    expect(count).toBe(1);
    const [a, b] = edges as [number, number];
    for (const e of [a, b]) {
      expect(Math.abs(e / step - Math.round(e / step))).toBeLessThan(
        1e-9 * Math.max(1e3, Math.abs(e / step)),
      );
    }
    expect(a).toBeLessThanOrEqual(lo);
    expect(a + step).toBeGreaterThan(lo);
    expect(b).toBeGreaterThanOrEqual(hi);
    expect(b - step).toBeLessThan(hi);
    return edges;
  }
  const width = ((edges[count] as number) - (edges[0] as number)) / count;
  expect(isNice(width), `width ${width} of ${edges}`).toBe(true);
  for (let i = 0; i <= count; i++) {
    const e = edges[i] as number;
    // Every edge a whole multiple of the width (but for one bin centred on a single value).
    if (lo !== hi) {
      const k = e / width;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9 * Math.max(1e3, Math.abs(k)));
    }
    expect(Object.is(e, -0)).toBe(false);
  }
  if (lo === hi) {
    expect(count).toBe(1);
    near((edges[0] as number) + width / 2, lo, 'centre');
    return edges;
  }
  // Covers the data, tightly: moving either end in by one width would leave data out.
  expect(edges[0]).toBeLessThanOrEqual(lo);
  expect(edges[count]).toBeGreaterThanOrEqual(hi);
  expect(count).toBeLessThanOrEqual(bins);
  if (count > 1) {
    expect(edges[1]).toBeGreaterThan(lo);
    expect(edges[count - 1]).toBeLessThan(hi);
  }
  // The smallest nice width that does it: no smaller nice width ≥ (hi − lo)/bins covers the data
  // in `bins` bins or fewer.
  if (bins > 1) {
    for (const w of niceWidthsFrom(Math.max((hi - lo) / bins, minWidth), 12)) {
      if (w >= width * (1 - 1e-9)) break;
      const need = binsFor(lo, hi, w);
      if (need !== undefined)
        expect(need, `width ${w} for [${lo}, ${hi}] in ${bins}`).toBeGreaterThan(bins);
    }
  }
  return edges;
}

describe('histogram: nice edges and bins', () => {
  it('niceEdges: nice width, whole multiples, a tight cover, the smallest width that fits', () => {
    const range = fc
      .tuple(
        fc.integer({ min: -3, max: 6 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
      )
      .map(([e, a, span]) => [(a / 1000) * 10 ** e, ((a + span) / 1000) * 10 ** e] as const);
    fc.assert(
      fc.property(range, fc.integer({ min: 1, max: 45 }), ([lo, hi], bins) => {
        expectNiceEdges(lo, hi, bins);
      }),
      { seed: 13, numRuns: 600, endOnFailure: true },
    );
  });

  it('niceEdges: exact edges, through every mantissa and across powers of ten', () => {
    expect(niceEdges(0, 7e5, 7)).toEqual([0, 1e5, 2e5, 3e5, 4e5, 5e5, 6e5, 7e5]);
    expect(niceEdges(0, 3e7, 3)).toEqual([0, 1e7, 2e7, 3e7]);
    expect(niceEdges(0.3, 0.6, 3)).toEqual([0.3, 0.4, 0.5, 0.6]);
    expect(niceEdges(0.03, 0.06, 3)).toEqual([0.03, 0.04, 0.05, 0.06]);
    expect(niceEdges(0, 90, 2)).toEqual([0, 50, 100]);
    // 5 → 10 → 20: the step passes a power of ten.
    expect(niceEdges(-41, 41, 3)).toEqual([-50, 0, 50]);
    expect(niceEdges(-99, 99, 2)).toEqual([-100, 0, 100]);
    expect(niceEdges(-101, 101, 2)).toEqual([-200, 0, 200]);
    expect(niceEdges(1, 19, 1)).toEqual([0, 20]);
    expect(niceEdges(12, 12, 5)).toEqual([11, 13]);
    expect(niceEdges(0, 0, 5)).toEqual([-0.5, 0.5]);
    // An upper edge at zero from a negative range is 0, not −0.
    const neg = niceEdges(-3, -0.5, 3);
    expect(Object.is(neg.at(-1), 0)).toBe(true);
    const one = niceEdges(-3, -0.5, 1);
    expect(one).toEqual([-5, 0]);
    expect(Object.is(one[1], 0)).toBe(true);
    // Widths 10^5 and 10^-4 computed exactly (1 / 10^-5 and 1 · 10^-4 are not).
    expect(niceEdges(1e6, 1e6, 3)).toEqual([950_000, 1_050_000]);
    expect(niceEdges(0.001, 0.001, 3)).toEqual([0.001 - 0.0001 / 2, 0.001 + 0.0001 / 2]);
    expect(() => niceEdges(-1.7e308, 1.7e308, 4)).toThrow(
      'histogram: range [-1.7e+308, 1.7e+308] too wide',
    );
  });

  it('histogram: counts by the edges it returns, interior edges opening the bin to their right', () => {
    const values = fc.array(
      fc.oneof(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.integer({ min: -50, max: 50 }).map((k) => k / 10),
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      ),
      { minLength: 0, maxLength: 60 },
    );
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 30 }), (xs, bins) => {
        const h = histogram(xs, bins);
        expect(h.counts).toEqual(countsOracle(xs, h.edges));
        const fin = xs.filter(Number.isFinite);
        if (fin.length === 0) expect(h).toEqual({ edges: [0, 1], counts: [0] });
        else expect(h.edges).toEqual(niceEdges(Math.min(...fin), Math.max(...fin), bins));
      }),
      { seed: 14, numRuns: 300, endOnFailure: true },
    );
    // (v − start) / width rounds below a whole number for 0.3 / 0.1.
    expect(histogram([0, 0.1, 0.2, 0.3, 0.4], 4)).toEqual({
      edges: [0, 0.1, 0.2, 0.3, 0.4],
      counts: [1, 1, 1, 2],
    });
    // The maximum on the last edge, where (v − start) / width rounds below the bin count.
    const tail = histogram([-0.0045, -0.004], 40);
    expect(tail.counts).toHaveLength(tail.edges.length - 1);
    expect(tail.counts).toEqual(countsOracle([-0.0045, -0.004], tail.edges));
    expect(histogram([0.7, 0.30000000000000004, 0.6, 0.1], 6).counts).toEqual(
      countsOracle([0.7, 0.30000000000000004, 0.6, 0.1], niceEdges(0.1, 0.7, 6)),
    );
  });

  it('histogram with a range: outliers clamped into the end bins; bad arguments refused', () => {
    const h = histogram([-5, 0, 9.99, 10, 25, Number.NaN], 2, [0, 10]);
    expect(h).toEqual({ edges: [0, 5, 10], counts: [2, 3] });
    expect(histogram([3, 3], 4, [3, 3])).toEqual({ edges: [2.75, 3.25], counts: [2] });
    expect(() => histogram([1], 0)).toThrow('histogram: bins must be a whole number ≥ 1, got 0');
    expect(() => histogram([1], 4, [3, 1])).toThrow('histogram: invalid range [3, 1]');
    expect(() => histogram([1], 4, [Number.NaN, 1])).toThrow('histogram: invalid range [NaN, 1]');
    expect(() => histogram([1], 4, [0, Number.POSITIVE_INFINITY])).toThrow(
      'histogram: invalid range [0, Infinity]',
    );
  });

  // The survivors of the 2026-12-05 mutation run that could change an output (docs/testing.md,
  // "Mutation testing"); each test below was checked to fail on the mutant it names.

  it('a nice width is computed exactly: m × 10^e for e ≥ 0, m / 10^−e for e < 0', () => {
    // |lo|/10 ≈ 8.1e8 → width 10^9, half-width 5e8 exactly. Kills `exponent < 0` → `true` and
    // → `exponent >= 0` in makeStep: 1 / 10^−9 is 999999999.9999999, and the lower edge moves.
    const big = -8110373237.608874;
    expect(niceEdges(big, big, 3)).toEqual([big - 5e8, big + 5e8]);
    // |lo|/10 = 2.55e-15 → width 5e-15, half-width 2.5e-15. Kills `exponent < 0` → `false`:
    // 5 × 10^−15 is not the double nearest 5e-15, and both edges move.
    const small = 2.55e-14;
    expect(niceEdges(small, small, 3)).toEqual([small - 2.5e-15, small + 2.5e-15]);
  });

  it('a width within the relative tolerance 1e-9 above a nice one, boundary included, is that one', () => {
    // 20.00000002 / 10 is exactly 2 × (1 + 1e-9): width 2, not 2.5. Kills `fraction <= m × (1 + EPS)`
    // → `<` in niceStep (the one-bin edges would be 20.00000002 ∓ 1.25).
    const x = 20.00000002;
    expect(niceEdges(x, x, 1)).toEqual([x - 1, x + 1]);
  });

  it('the floor on the width follows the larger of |lo| and |hi|', () => {
    // A span of 0.002 around 2.000000002e12 is below the floor: the width is the nice step of
    // |hi| × 1e-12 = 2.000000002000001, just over 2 × (1 + 1e-9), so 2.5; two bins of 2.5 cover
    // it, around the edge 2,000,000,002,000 = 800,000,000,800 × 2.5. Kills `Math.max(|lo|, |hi|)`
    // → `Math.min` (|lo| × 1e-12 = 2.000000001999999 gives width 2: edges …1998, …2000, …2002),
    // and the first step's `Math.max((hi − lo)/bins, floor)` → `Math.min` (from 0.001 up, width 2
    // is the first to fit in two bins: the same edges).
    expect(niceEdges(2000000001999.999, 2000000002000.001, 2)).toEqual([
      2000000001997.5, 2000000002000, 2000000002002.5,
    ]);
  });

  it('gives up on a bin count no nice step can meet after 100 tries: one bin', () => {
    // At most 1.5 bins across zero: every nice step needs 2 (one on each side of 0), so the
    // loop ends by its cap and the single bin [−2, 2] (step 2 ≥ the span 2) is returned. Kills
    // `attempt < 100` → `true` and `attempt++` → `attempt--`: without the cap the step grows until
    // its width overflows and the edges come back not finite.
    expect(niceEdges(-1, 1, 1.5)).toEqual([-2, 2]);
  });
});

// ---------------------------------------------------------------------------------------------
// Scenarios and chunks for summarize, waterfall, attribution and CSV

function segment(id: string, sweetSpot: boolean, over: Partial<Segment> = {}): Segment {
  return {
    id,
    name: `Segment ${id}`,
    sweetSpot,
    opportunitiesPerRepPerWeek: 1.5,
    winRate: 0.4,
    dealSize: { median: 10_000, p90: 30_000 },
    salesCycleWeeks: { median: 3, p90: 6 },
    effortHours: { median: 4, p90: 10 },
    discount: 0.1,
    costToServe: 0.2,
    annualChurn: 0.3,
    qualificationHours: 0.5,
    ...over,
  };
}

/**
 * A small scenario whose compared strategies differ in `differ` rule groups (0 to 3). With
 * `priced`, the team has rates and two specialist pools the segments need (plus one no segment
 * needs), the sweet spot can be prospected, and A prospects it every week: one more differing
 * group (docs/model.md §12–§14).
 */
function scenarioWith(differ: number, quarters = 2, trials = 6, priced = false): Scenario {
  const b: Strategy = { id: 'b', name: 'Bee', pursue: 'all', priority: 'oldest-first' };
  const a: Strategy = {
    id: 'a',
    name: 'Ay',
    pursue: differ >= 1 ? 'sweet-spot' : 'all',
    priority: differ >= 2 ? 'largest-first' : 'oldest-first',
  };
  if (differ >= 3) {
    a.quarterEndPush = {
      fromWeek: 9,
      belowAttainment: 1,
      pursue: 'all',
      pullInWeeks: 2,
      extraDiscount: 0.2,
      pullInWinFactor: 0.8,
      overtime: 1.25,
    };
  }
  if (priced) a.prospecting = { pursue: 'sweet-spot', when: 'always' };
  const team: Scenario['team'] = {
    reps: 3,
    sellingHoursPerWeek: 12,
    quotaPerRepPerQuarter: 40_000,
    overheadHoursPerActiveDeal: 0.25,
  };
  if (priced) {
    team.costPerSellingHour = 80;
    team.specialists = [
      { id: 'se', name: 'Sales engineers', hoursPerWeek: 6, costPerHour: 150 },
      { id: 'spare', name: 'Nobody needs them', hoursPerWeek: 5, costPerHour: 1_000 },
      { id: 'legal', name: 'Legal', hoursPerWeek: 2, costPerHour: 300 },
    ];
  }
  return {
    version: 1,
    name: 'Analysis check',
    currency: 'USD',
    seed: 99 + differ,
    trials,
    horizon: { quarters, weeksPerQuarter: 13, warmupWeeks: 13 },
    team,
    dynamics: { delayPenaltyPerWeek: 0.05, stallWeeks: 3 },
    segments: priced
      ? [
          segment('icp', true, {
            specialistHoursPerSellingHour: { se: 0.25 },
            prospecting: { hoursPerOpportunity: 3, lagWeeks: 2 },
          }),
          segment('out', false, {
            winRate: 0.25,
            specialistHoursPerSellingHour: { se: 1, legal: 0.2, spare: 0 },
          }),
        ]
      : [segment('icp', true), segment('out', false, { winRate: 0.25 })],
    // A third strategy, not compared, listed first: A and B are found by id.
    strategies: [{ id: 'c', name: 'Sea', pursue: ['out'], priority: 'closest-to-close' }, b, a],
    compare: ['a', 'b'],
  };
}

const seg = (chunk: SimulationChunk, s: number, q: number, g: number, m: SegmentAggregate) => {
  const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
  return layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(s, q, g, m));
};

function columnOf(chunk: SimulationChunk, s: number, col: number): number[] {
  const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
  const start = layout.columnOffset(s, col, chunk.trialCount);
  return Array.from(chunk.columns.subarray(start, start + chunk.trialCount));
}

const WATERFALL_LABELS = {
  sweetSpotNeglect: 'Sweet-spot deals won by one, stalled or lost late by the other',
  sweetSpotNeverWorked: 'Sweet-spot deals won by one, never worked by the other',
  prospectedWins: 'Prospected deals won by one, never had by the other',
  outOfProfileWins: 'Out-of-profile deals won by only one',
  pullInOdds: 'Deals won by one, lost by the other after a pull-in',
  stillOpen: 'Deals won by one, still open at the end under the other',
  timing: 'Deals won by both, in different quarters',
  discountGiven: 'Discounts given (incl. pull-ins)',
  costToServe: 'Cost to serve',
  costOfSale: 'Cost of sale (hours worked × their rates)',
} as const;

/** Every bar of docs/model.md §10 and §13, in order: the labels above are listed in it. */
const ALL_BARS = Object.keys(WATERFALL_LABELS) as (keyof typeof WATERFALL_LABELS)[];

/**
 * The bars of each waterfall, in order: bookings end with the discounts given, margin adds cost
 * to serve, contribution adds cost of sale.
 */
const WATERFALL_BARS = {
  bookings: ALL_BARS.slice(0, ALL_BARS.indexOf('discountGiven') + 1),
  margin: ALL_BARS.slice(0, ALL_BARS.indexOf('costToServe') + 1),
  contribution: ALL_BARS,
};

type GapMetric = keyof typeof WATERFALL_BARS;
const GAP_METRICS: GapMetric[] = ['bookings', 'margin', 'contribution'];

/** The waterfall of docs/model.md §10 over `quarters`: means per trial of the engine's sums. */
function waterfallOracle(chunk: SimulationChunk, quarters: number[], metric: GapMetric) {
  const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
  const parts = WATERFALL_BARS[metric].map((id) => {
    let sum = 0;
    for (const q of quarters) sum += chunk.aggregates[layout.waterfallPart(q, id)] as number;
    return {
      id,
      label: WATERFALL_LABELS[id],
      value: chunk.trialCount > 0 ? sum / chunk.trialCount : Number.NaN,
    };
  });
  return { parts, total: parts.reduce((a, p) => a + p.value, 0) };
}

const SUM = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

/** Everything summarize reports, from the chunk's columns and aggregates directly. */
function summaryOracle(scenario: Scenario, chunk: SimulationChunk) {
  const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
  const n = chunk.trialCount;
  const Q = scenario.horizon.quarters;
  const quota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;
  const perTrial = (x: number) => (n === 0 ? Number.NaN : x / n);
  const col = (s: number, q: number, m: QuarterColumn) =>
    columnOf(chunk, s, layout.quarterColumn(q, m));
  // docs/model.md §12: the pools some segment needs, in the team's order; a segment's specialist
  // hours per selling hour, all pools together.
  const need = (g: Segment, pool: string) => g.specialistHoursPerSellingHour?.[pool] ?? 0;
  const pools = (scenario.team.specialists ?? []).filter((p) =>
    scenario.segments.some((g) => need(g, p.id) > 0),
  );
  const perHour = scenario.segments.map((g) =>
    SUM(Object.values(g.specialistHoursPerSellingHour ?? {})),
  );
  const team = (s: number, q: number, m: (typeof TEAM_AGGREGATES)[number]) =>
    layout.aggregateValue(chunk.aggregates, layout.teamAggregate(s, q, m));
  // Horizon bookings histograms: on the edges of the common [min, max] of every strategy.
  const horizonTotals = (s: number) =>
    Array.from({ length: n }, (_, t) =>
      SUM(Array.from({ length: Q }, (_, q) => col(s, q, 'bookings')[t] as number)),
    );
  const everyTotal = scenario.strategies.flatMap((_, s) => horizonTotals(s));
  const horizonEdges =
    everyTotal.length === 0
      ? undefined
      : niceEdges(Math.min(...everyTotal), Math.max(...everyTotal), 40);
  const strategies = scenario.strategies.map((st, s) => {
    const quarters = Array.from({ length: Q }, (_, q) => {
      const bookings = col(s, q, 'bookings');
      const hits = bookings.filter((x) => x >= quota).length;
      const b = statOracle(bookings);
      const reps = statOracle(col(s, q, 'repsAtQuota'));
      const scale = scaledOracle;
      const segments = scenario.segments.map((g, gi) => {
        const v = (m: SegmentAggregate) => seg(chunk, s, q, gi, m);
        // A count or an amount: the mean per trial of the aggregate of the same name.
        const means = (...names: SegmentAggregate[]) =>
          Object.fromEntries(names.map((m) => [m, perTrial(v(m))]));
        // Hours by outcome or use: the mean per trial of the aggregate `hours<Use>`, each times
        // `factor` (a segment's specialist hours per selling hour).
        const hours = (factor: number, ...uses: string[]) =>
          Object.fromEntries(
            uses.map((use) => {
              const m = `hours${use[0]?.toUpperCase()}${use.slice(1)}` as SegmentAggregate;
              return [use, factor * perTrial(v(m))];
            }),
          );
        const wins = v('wins');
        const decided = wins + v('losses') + v('stalls');
        return {
          id: g.id,
          name: g.name,
          sweetSpot: g.sweetSpot,
          ...means('arrivals', 'pursued', 'unqualified', 'wins', 'losses', 'stalls'),
          winRate: decided === 0 ? Number.NaN : wins / decided,
          cycleWeeksWon: wins === 0 ? Number.NaN : v('cycleWeeksWon') / wins,
          effectiveDiscount:
            v('listValueWon') === 0 ? Number.NaN : 1 - v('bookings') / v('listValueWon'),
          ...means('bookings', 'listValueWon', 'costToServe', 'pulledIn', 'pulledInWins'),
          ...means('lateWeeksDecided', 'prospected'),
          hours: hours(1, 'won', 'lost', 'stalled', 'qualification', 'overhead', 'prospecting'),
          specialistHours: hours(perHour[gi] as number, 'won', 'lost', 'stalled'),
        };
      });
      const dealHours = (gi: number, ...m: SegmentAggregate[]) =>
        perTrial(SUM(m.map((x) => seg(chunk, s, q, gi, x))));
      const counts = Array.from({ length: ATTAINMENT_BINS }, (_, bin) =>
        layout.aggregateValue(chunk.aggregates, layout.attainmentBin(s, q, bin)),
      );
      let discount = 0;
      let pulled = 0;
      scenario.segments.forEach((_, gi) => {
        discount += seg(chunk, s, q, gi, 'listValueWon') - seg(chunk, s, q, gi, 'bookings');
        pulled += seg(chunk, s, q, gi, 'pulledIn');
      });
      return {
        bookings: b,
        margin: statOracle(col(s, q, 'margin')),
        attainment: scale(b, 1 / quota),
        pHitQuota: n === 0 ? Number.NaN : hits / n,
        pHitQuotaCi95: wilsonOracle(hits, n),
        repsAtQuota: reps,
        shareOfRepsAtQuota: scale(reps, 1 / scenario.team.reps),
        hoursWasted: statOracle(col(s, q, 'hoursWasted')),
        costOfSale: statOracle(col(s, q, 'costOfSale')),
        contribution: statOracle(col(s, q, 'contribution')),
        specialistHoursWasted: statOracle(col(s, q, 'specialistHoursWasted')),
        pools: pools.map((p) => ({
          id: p.id,
          name: p.name,
          used: SUM(
            scenario.segments.map(
              (g, gi) => need(g, p.id) * dealHours(gi, 'hoursWon', 'hoursLost', 'hoursStalled'),
            ),
          ),
          capacity: scenario.horizon.weeksPerQuarter * p.hoursPerWeek,
          wasted: SUM(
            scenario.segments.map(
              (g, gi) => need(g, p.id) * dealHours(gi, 'hoursLost', 'hoursStalled'),
            ),
          ),
        })),
        hoursProspecting: perTrial(
          SUM(scenario.segments.map((_, gi) => seg(chunk, s, q, gi, 'hoursProspecting'))),
        ),
        prospected: perTrial(
          SUM(scenario.segments.map((_, gi) => seg(chunk, s, q, gi, 'prospected'))),
        ),
        repAttainment: {
          edges: Array.from({ length: ATTAINMENT_BINS + 1 }, (_, i) => Math.round(i * 5) / 100),
          counts,
        },
        segments,
        hoursIdle: perTrial(team(s, q, 'hoursIdle')),
        hoursCapacity: perTrial(team(s, q, 'hoursCapacity')),
        pushRepWeeks: perTrial(team(s, q, 'pushRepWeeks')),
        discountGiven: perTrial(discount),
        pulledIn: perTrial(pulled),
        openDealsAtEnd: perTrial(team(s, q, 'openDealsAtEnd')),
      };
    });
    const byTrial = Array.from({ length: n }, (_, t) =>
      Array.from({ length: Q }, (_, q) => col(s, q, 'bookings')[t] as number),
    );
    const totals = byTrial.map(SUM);
    const year = (m: QuarterColumn) =>
      Array.from({ length: n }, (_, t) =>
        SUM(Array.from({ length: Q }, (_, q) => col(s, q, m)[t] as number)),
      );
    const cv = byTrial.map((xs) => {
      const sum = SUM(xs);
      if (Q < 2 || sum === 0) return 0;
      const m = sum / Q;
      return Math.sqrt(SUM(xs.map((x) => (x - m) ** 2)) / (Q - 1)) / Math.abs(m);
    });
    const hits = totals.filter((x) => x >= Q * quota).length;
    return {
      id: st.id,
      name: st.name,
      quarters,
      horizon: {
        bookings: statOracle(totals),
        bookingsHistogram: horizonEdges
          ? { edges: horizonEdges, counts: countsOracle(totals, horizonEdges) }
          : { edges: [0, 1], counts: [0] },
        margin: statOracle(year('margin')),
        costOfSale: statOracle(year('costOfSale')),
        contribution: statOracle(year('contribution')),
        hoursWasted: statOracle(year('hoursWasted')),
        specialistHoursWasted: statOracle(year('specialistHoursWasted')),
        shareOfRepsAtQuota: statOracle(
          year('repsAtQuota').map((x) => x / (Q * scenario.team.reps)),
        ),
        retainedRecurringRevenue: statOracle(
          columnOf(chunk, s, layout.horizonColumn('retainedRecurringRevenue')),
        ),
        pHitQuota: n === 0 ? Number.NaN : hits / n,
        pHitQuotaCi95: wilsonOracle(hits, n),
        quarterlyBookingsCv: n === 0 ? Number.NaN : SUM(cv) / n,
        pHitQuotaEveryQuarter:
          n === 0 ? Number.NaN : byTrial.filter((xs) => xs.every((x) => x >= quota)).length / n,
      },
    };
  });
  return { layout, strategies };
}

/** Checks summarize(scenario, chunk) field by field against the oracle. */
function expectSummary(scenario: Scenario, chunk: SimulationChunk): void {
  const run = summarize(scenario, chunk);
  const { layout, strategies } = summaryOracle(scenario, chunk);
  expect(run.scenario).toBe(scenario.name);
  expect(run.seed).toBe(scenario.seed);
  expect(run.trials).toBe(chunk.trialCount);
  expect(run.currency).toBe(scenario.currency);
  expect(run.strategyOrder).toEqual(scenario.strategies.map((s) => s.id));
  expect(Object.keys(run.strategies)).toEqual(scenario.strategies.map((s) => s.id));
  const Q = scenario.horizon.quarters;
  strategies.forEach((want, s) => {
    const got = run.strategies[want.id];
    if (!got) throw new Error(`no strategy ${want.id}`);
    expect(got.quarters).toHaveLength(Q);
    const { quarters, ...rest } = want;
    nearDeep(
      { id: got.id, name: got.name, horizon: got.horizon },
      { id: rest.id, name: rest.name, horizon: rest.horizon },
      `${want.id}`,
    );
    quarters.forEach((wq, q) => {
      const gq = got.quarters[q];
      if (!gq) throw new Error('missing quarter');
      const { bookingsHistogram, ...gotRest } = gq;
      nearDeep(gotRest, wq, `${want.id} q${q}`);
      // Bookings histograms of a quarter: on the edges of the common [min, max] of all
      // strategies, counted by those edges.
      const all = scenario.strategies.flatMap((_, i) =>
        columnOf(chunk, i, layout.quarterColumn(q, 'bookings')),
      );
      const mine = columnOf(chunk, s, layout.quarterColumn(q, 'bookings'));
      const wantHist: Histogram =
        all.length === 0
          ? { edges: [0, 1], counts: [0] }
          : {
              edges: niceEdges(Math.min(...all), Math.max(...all), 40),
              counts: countsOracle(mine, niceEdges(Math.min(...all), Math.max(...all), 40)),
            };
      expect(bookingsHistogram, `${want.id} q${q} bookings histogram`).toEqual(wantHist);
    });
  });

  // The comparison A − B.
  const c = run.comparison;
  const ia = scenario.strategies.findIndex((s) => s.id === scenario.compare[0]);
  const ib = scenario.strategies.findIndex((s) => s.id === scenario.compare[1]);
  expect(c.a).toBe(scenario.compare[0]);
  expect(c.b).toBe(scenario.compare[1]);
  const quota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;
  const qc = (s: number, q: number, m: QuarterColumn) =>
    columnOf(chunk, s, layout.quarterColumn(q, m));
  const DIFFS = [
    'margin',
    'costOfSale',
    'contribution',
    'hoursWasted',
    'specialistHoursWasted',
  ] as const;
  expect(c.quarters).toHaveLength(Q);
  for (let q = 0; q < Q; q++) {
    const got = c.quarters[q];
    if (!got) throw new Error('missing comparison quarter');
    expect(Object.keys(got).sort(), `q${q} comparison fields`).toEqual(
      [
        'attainment',
        'attribution',
        'bookings',
        'bookingsDiffHistogram',
        'waterfall',
        ...DIFFS,
      ].sort(),
    );
    const bookings = diffOracle(qc(ia, q, 'bookings'), qc(ib, q, 'bookings'));
    nearDeep(got.bookings, bookings, `q${q} bookings`);
    for (const m of DIFFS) nearDeep(got[m], diffOracle(qc(ia, q, m), qc(ib, q, m)), `q${q} ${m}`);
    nearDeep(got.attainment, scaleDiff(bookings, 1 / quota), `q${q} attainment`);
    expect(Object.keys(got.waterfall).sort()).toEqual([...GAP_METRICS].sort());
    for (const m of GAP_METRICS)
      nearDeep(got.waterfall[m], waterfallOracle(chunk, [q], m), `q${q} ${m} waterfall`);
    const d = qc(ia, q, 'bookings').map((x, t) => x - (qc(ib, q, 'bookings')[t] as number));
    expect(got.bookingsDiffHistogram).toEqual(
      d.length === 0
        ? { edges: [0, 1], counts: [0] }
        : {
            edges: niceEdges(Math.min(...d), Math.max(...d), 40),
            counts: countsOracle(d, niceEdges(Math.min(...d), Math.max(...d), 40)),
          },
    );
    expect(Object.keys(got.attribution).sort()).toEqual([...GAP_METRICS].sort());
    for (const m of GAP_METRICS) {
      expect(got.attribution[m], `q${q} ${m} attribution`).toEqual(
        attributionOf(scenario, chunk, m, [q], got[m], new Float64Array(chunk.trialCount)),
      );
    }
  }
  const all = Array.from({ length: Q }, (_, q) => q);
  const horizon = (s: number, m: QuarterColumn) =>
    Array.from({ length: chunk.trialCount }, (_, t) =>
      SUM(all.map((q) => qc(s, q, m)[t] as number)),
    );
  const hb = diffOracle(horizon(ia, 'bookings'), horizon(ib, 'bookings'));
  nearDeep(c.horizon.bookings, hb, 'horizon bookings');
  expect(Object.keys(c.horizon).sort(), 'horizon comparison fields').toEqual(
    [
      'attribution',
      'bookings',
      'bookingsDiffHistogram',
      'retainedRecurringRevenue',
      'waterfall',
      ...DIFFS,
    ].sort(),
  );
  for (const m of DIFFS)
    nearDeep(c.horizon[m], diffOracle(horizon(ia, m), horizon(ib, m)), `horizon ${m}`);
  const retained = (s: number) =>
    columnOf(chunk, s, layout.horizonColumn('retainedRecurringRevenue'));
  nearDeep(c.horizon.retainedRecurringRevenue, diffOracle(retained(ia), retained(ib)), 'retained');
  for (const m of GAP_METRICS)
    nearDeep(c.horizon.waterfall[m], waterfallOracle(chunk, all, m), `horizon ${m} waterfall`);
  const hd = horizon(ia, 'bookings').map((x, t) => x - (horizon(ib, 'bookings')[t] as number));
  expect(c.horizon.bookingsDiffHistogram).toEqual(
    hd.length === 0
      ? { edges: [0, 1], counts: [0] }
      : {
          edges: niceEdges(Math.min(...hd), Math.max(...hd), 40),
          counts: countsOracle(hd, niceEdges(Math.min(...hd), Math.max(...hd), 40)),
        },
  );
  for (const m of GAP_METRICS) {
    expect(c.horizon.attribution[m], `horizon ${m} attribution`).toEqual(
      attributionOf(scenario, chunk, m, all, c.horizon[m], new Float64Array(chunk.trialCount)),
    );
  }
}

describe('summarize: every field against the chunk it summarizes', () => {
  it('engine chunks: 0 to 3 differing rule groups, one to three quarters', () => {
    for (const differ of [0, 1, 2, 3]) {
      for (const quarters of [1, 2, 3]) {
        const scenario = scenarioWith(differ, quarters);
        expectSummary(scenario, simulateChunk(scenario, 3, scenario.trials));
      }
    }
  });

  it('engine chunks with rates, specialist pools and prospecting (docs/model.md §12–§14)', () => {
    for (const differ of [0, 1, 3]) {
      for (const quarters of [1, 2]) {
        const scenario = scenarioWith(differ, quarters, 6, true);
        expectSummary(scenario, simulateChunk(scenario, 3, scenario.trials));
      }
    }
  });

  it('pools, rates and prospecting: the new figures are not zero and add up as docs/model.md §12–§13 say', () => {
    const scenario = scenarioWith(1, 2, 40, true);
    const chunk = simulateChunk(scenario, 0, scenario.trials);
    const run = summarize(scenario, chunk);
    const rate = scenario.team.costPerSellingHour as number;
    const pools = scenario.team.specialists ?? [];
    const poolRate = (id: string) => pools.find((p) => p.id === id)?.costPerHour ?? 0;
    // Hours are kept in sixteenths per trial (each cell within 1/32 h of the trial's own sum):
    // how far a cost computed from the segments' hours can be from the per-trial cost of sale.
    const segmentCells = 6 * scenario.segments.length;
    const tolerance =
      (rate * (segmentCells + 2) +
        SUM(
          scenario.segments.map(
            (g) =>
              3 *
              SUM(
                Object.entries(g.specialistHoursPerSellingHour ?? {}).map(
                  ([id, k]) => k * poolRate(id),
                ),
              ),
          ),
        )) /
      32;
    for (const id of ['a', 'b']) {
      const st = run.strategies[id];
      if (!st) throw new Error(`no strategy ${id}`);
      st.quarters.forEach((q, qi) => {
        const what = `${id} Q${qi + 1}`;
        // §12: only the pools some segment needs, each with K·hoursPerWeek hours a quarter.
        expect(q.pools.map((p) => [p.id, p.name, p.capacity])).toEqual([
          ['se', 'Sales engineers', 13 * 6],
          ['legal', 'Legal', 13 * 2],
        ]);
        for (const p of q.pools) {
          // A pursues only the sweet spot, which needs no legal hours.
          if (id === 'a' && p.id === 'legal') expect(p.used).toBe(0);
          else expect(p.used, `${what} ${p.id} used`).toBeGreaterThan(0);
          // §12 (c): a pool gives at most its hours.
          expect(p.used, `${what} ${p.id} used`).toBeLessThanOrEqual(p.capacity + 1e-9);
          expect(p.wasted).toBeLessThanOrEqual(p.used);
        }
        expect(q.costOfSale.mean, what).toBeGreaterThan(0);
        expect(q.specialistHoursWasted.mean, what).toBeGreaterThan(0);
        // §13: rep hours worked (capacity − idle) and pool hours used, at their rates.
        const repHours = q.hoursCapacity - q.hoursIdle;
        const cost = rate * repHours + SUM(q.pools.map((p) => p.used * poolRate(p.id)));
        expect(Math.abs(q.costOfSale.mean - cost), `${what} cost of sale`).toBeLessThanOrEqual(
          tolerance,
        );
        near(q.contribution.mean, q.margin.mean - q.costOfSale.mean, `${what} contribution`);
        // §12: specialist hours wasted = Σ_s K_s · (lost + stalled).
        const wasted = SUM(
          q.segments.map((g) => g.specialistHours.lost + g.specialistHours.stalled),
        );
        expect(
          Math.abs(q.specialistHoursWasted.mean - wasted),
          `${what} wasted`,
        ).toBeLessThanOrEqual((3 * 1.2) / 32 + 1e-9);
        near(wasted, SUM(q.pools.map((p) => p.wasted)), `${what} pools wasted`);
      });
    }
    // §14: A prospects the sweet spot, B does not.
    const [qa, qb] = [run.strategies.a?.quarters[0], run.strategies.b?.quarters[0]];
    expect(qa?.hoursProspecting).toBeGreaterThan(0);
    expect(qa?.prospected).toBeGreaterThan(0);
    expect(qa?.segments[0]?.prospected).toBe(qa?.prospected);
    expect(qa?.segments[1]?.hours.prospecting).toBe(0);
    expect(qb?.hoursProspecting).toBe(0);
    expect(qb?.prospected).toBe(0);
    const h = run.comparison.horizon;
    near(
      h.contribution.meanDiff,
      h.margin.meanDiff - h.costOfSale.meanDiff,
      'horizon contribution gap',
    );
    const bar = (id: string) => h.waterfall.contribution.parts.find((p) => p.id === id)?.value;
    expect(bar('prospectedWins')).toBeGreaterThan(0);
    expect(bar('costOfSale')).not.toBe(0);
    // §13: the contribution bars add up to the contribution gap, to ½ unit per bar per quarter.
    expect(Math.abs(h.waterfall.contribution.total - h.contribution.meanDiff)).toBeLessThanOrEqual(
      0.5 * 10 * 2,
    );
  });

  it.each([false, true])(
    'hand-made chunks: every aggregate distinct, ratios of sums with zero denominators (priced: %s)',
    (priced) => {
      const scenario = scenarioWith(2, 2, 4, priced);
      const layout = layoutFor(scenario);
      const chunk = createChunk(layout, 7, 4);
      // Columns: distinct values, some at the quota exactly, some negative.
      const quota = 3 * 40_000;
      chunk.columns.forEach((_, i) => {
        chunk.columns[i] = ((i * 7919) % 97) * 1500 + (i % 5 === 0 ? quota : 0) - (i % 11) * 100;
      });
      // Aggregates: every cell distinct (whole units; hours in sixteenths).
      chunk.aggregates.forEach((_, i) => {
        chunk.aggregates[i] = ((i * 31) % 211) + 1;
      });
      // Segment 1 of strategy 0, quarter 0: no decided deal but cycle weeks; no list value won but
      // bookings: the ratios are NaN (0/0 or x/0).
      const set = (s: number, q: number, g: number, m: SegmentAggregate, v: number) => {
        chunk.aggregates[layout.segmentAggregate(s, q, g, m)] = v;
      };
      for (const m of ['wins', 'losses', 'stalls', 'listValueWon'] as const) set(0, 0, 1, m, 0);
      expectSummary(scenario, chunk);
      const run = summarize(scenario, chunk);
      const out = run.strategies.c?.quarters[0]?.segments[1];
      expect(out?.winRate).toBeNaN();
      expect(out?.cycleWeeksWon).toBeNaN();
      expect(out?.effectiveDiscount).toBeNaN();
    },
  );

  it('a chunk of one trial and one of no trials', () => {
    for (const trials of [0, 1]) {
      for (const priced of [false, true]) {
        const scenario = scenarioWith(2, 2, Math.max(1, trials), priced);
        const chunk = createChunk(layoutFor(scenario), 0, trials);
        chunk.columns.forEach((_, i) => {
          chunk.columns[i] = i * 1000;
        });
        expectSummary(scenario, chunk);
      }
    }
  });

  it('refuses a chunk of another shape, naming both shapes, and an unknown compared strategy', () => {
    const scenario = scenarioWith(0, 2, 2);
    const chunk = simulateChunk(scenario, 0, 2);
    expect(() =>
      summarize({ ...scenario, horizon: { ...scenario.horizon, quarters: 3 } }, chunk),
    ).toThrow('chunk has 3/2/2 strategies/quarters/segments, scenario has 3/3/2');
    expect(() => checkChunkShape({ ...scenario, segments: [segment('x', true)] }, chunk)).toThrow(
      'chunk has 3/2/2 strategies/quarters/segments, scenario has 3/2/1',
    );
    expect(() => checkChunkShape(scenario, { ...chunk, strategies: 2 })).toThrow(RangeError);
    expect(() => checkChunkShape(scenario, chunk)).not.toThrow();
    expect(() => summarize({ ...scenario, compare: ['a', 'zz'] }, chunk)).toThrow(
      'unknown strategy id "zz"',
    );
  });
});

describe('chunk: per-trial views', () => {
  it('views each column, sums over quarters, finds strategies by id', () => {
    const scenario = scenarioWith(1, 2, 3);
    const chunk = simulateChunk(scenario, 0, 3);
    chunk.columns.forEach((_, i) => {
      chunk.columns[i] = i + 0.5;
    });
    const layout = layoutFor(scenario);
    const cols = new ChunkColumns(chunk, layout);
    expect(cols.trialCount).toBe(3);
    for (let s = 0; s < 3; s++) {
      for (let q = 0; q < 2; q++) {
        expect(Array.from(cols.quarter(s, q, 'margin'))).toEqual(
          columnOf(chunk, s, layout.quarterColumn(q, 'margin')),
        );
      }
      expect(Array.from(cols.retained(s))).toEqual(
        columnOf(chunk, s, layout.horizonColumn('retainedRecurringRevenue')),
      );
      const out = new Float64Array(4).fill(99);
      const want = [0, 1, 2].map(
        (t) =>
          (columnOf(chunk, s, layout.quarterColumn(0, 'hoursWasted'))[t] as number) +
          (columnOf(chunk, s, layout.quarterColumn(1, 'hoursWasted'))[t] as number),
      );
      // A longer buffer: the trials' sums, then zeros.
      expect(Array.from(cols.sumOverQuarters(s, 'hoursWasted', out))).toEqual([...want, 0]);
    }
    expect(strategyIndex(scenario, 'c')).toBe(0);
    expect(strategyIndex(scenario, 'a')).toBe(2);
    expect(() => strategyIndex(scenario, 'nope')).toThrow('unknown strategy id "nope"');
    expect(teamQuota(scenario)).toBe(120_000);
  });
});

// ---------------------------------------------------------------------------------------------
// waterfall.ts and attribution.ts

describe('waterfall and attribution', () => {
  it('waterfallOf: labelled parts in order, means per trial over the quarters asked for', () => {
    const scenario = scenarioWith(3, 2, 5);
    const chunk = simulateChunk(scenario, 0, 5);
    // Distinct sums in every part and quarter, so that any mix-up shows.
    const layout = layoutFor(scenario);
    WATERFALL_PARTS.forEach((p, i) => {
      chunk.aggregates[layout.waterfallPart(0, p)] = 10 * (i + 1);
      chunk.aggregates[layout.waterfallPart(1, p)] = -(i + 1) * (i + 3);
    });
    for (const quarters of [[0], [1], [0, 1]]) {
      const w = waterfallOf(chunk, quarters);
      expect(Object.keys(w).sort()).toEqual([...GAP_METRICS].sort());
      for (const m of GAP_METRICS)
        nearDeep(w[m], waterfallOracle(chunk, quarters, m), `${m} ${quarters}`);
    }
    // The contribution waterfall is the margin one plus the cost-of-sale bar: Σ parts, exactly.
    const w = waterfallOf(chunk, [0, 1]);
    const costOfSale = w.contribution.parts.find((p) => p.id === 'costOfSale')?.value as number;
    near(w.contribution.total, w.margin.total + costOfSale, 'contribution total');
    near(costOfSale, (10 * 10 - 10 * 12) / 5, 'cost-of-sale bar');
    const empty = createChunk(layout, 0, 0);
    empty.aggregates[layout.waterfallPart(0, 'timing')] = 5;
    const none = waterfallOf(empty, [0]);
    for (const m of GAP_METRICS) {
      expect(none[m].parts.map((p) => p.value).every(Number.isNaN)).toBe(true);
      expect(none[m].parts.map((p) => p.id)).toEqual(WATERFALL_BARS[m]);
    }
  });

  it('attributionOf: none, the whole gap to the one rule that differs, Shapley shares of two or three', () => {
    const gap = pairedDiff([3, 5, 10], [1, 1, 1]);
    const one = scenarioWith(1, 2, 3);
    const oneChunk = simulateChunk(one, 0, 3);
    expect(
      attributionOf(scenarioWith(0, 2, 3), oneChunk, 'bookings', [0], gap, new Float64Array(3)),
    ).toEqual({
      parts: [],
      total: 0,
    });
    // No differing group: no parts, whatever columns the chunk holds.
    const two = simulateChunk(scenarioWith(2, 2, 3), 0, 3);
    expect(
      attributionOf(scenarioWith(0, 2, 3), two, 'margin', [0], gap, new Float64Array(3)),
    ).toEqual({ parts: [], total: 0 });
    expect(attributionOf(one, oneChunk, 'bookings', [0], gap, new Float64Array(3))).toEqual({
      parts: [
        {
          group: 'pursue',
          label: 'which deals are pursued',
          a: 'pursues only the sweet spot',
          b: 'pursues every segment',
          mean: gap.meanDiff,
          ci95: gap.ci95,
        },
      ],
      total: gap.meanDiff,
    });
    // Two and three differing groups; then four, prospecting the fourth (docs/model.md §14).
    for (const [differ, priced] of [
      [2, false],
      [3, false],
      [3, true],
    ] as const) {
      const scenario = scenarioWith(differ, 2, 4, priced);
      const chunk = simulateChunk(scenario, 0, 4);
      const layout = layoutFor(scenario);
      const groups = [
        ...['pursue', 'priority', 'quarterEndPush'].slice(0, differ),
        ...(priced ? ['prospecting'] : []),
      ];
      expect(layout.groups).toBe(groups.length);
      // Distinct shares in every column.
      for (let g = 0; g < groups.length; g++) {
        for (let q = 0; q < 2; q++) {
          GAP_METRICS.forEach((m, k) => {
            const start = layout.attributionOffset(g, q, m, 4);
            for (let t = 0; t < 4; t++)
              chunk.columns[start + t] = (g + 1) * 100 * (t + 1) - q * 37 + k * 5 * (t + 2);
          });
        }
      }
      const labels = {
        pursue: 'which deals are pursued',
        priority: 'the order deals are worked in',
        quarterEndPush: 'the quarter-end push',
        prospecting: 'prospecting with spare hours',
      } as Record<string, string>;
      for (const metric of GAP_METRICS) {
        for (const quarters of [[1], [0, 1]]) {
          const got = attributionOf(scenario, chunk, metric, quarters, gap, new Float64Array(4));
          expect(got.parts.map((p) => p.group)).toEqual(groups);
          expect(got.parts.map((p) => p.label)).toEqual(groups.map((g) => labels[g]));
          got.parts.forEach((p, g) => {
            const values = [0, 1, 2, 3].map((t) =>
              SUM(
                quarters.map(
                  (q) => chunk.columns[layout.attributionOffset(g, q, metric, 4) + t] as number,
                ),
              ),
            );
            const s = statOracle(values);
            near(p.mean, s.mean, `${metric} part ${g} mean`);
            nearDeep(p.ci95, s.ci95, `${metric} part ${g} ci95`);
          });
          near(got.total, SUM(got.parts.map((p) => p.mean)), 'total');
        }
      }
      const n = groups.length;
      const wrong = { ...chunk, groups: n - 1 };
      expect(() =>
        attributionOf(scenario, wrong, 'contribution', [0], gap, new Float64Array(4)),
      ).toThrow(`the results hold ${n - 1} attribution groups, the scenario needs ${n}`);
    }
    const push = attributionOf(
      scenarioWith(3, 2, 4),
      simulateChunk(scenarioWith(3, 2, 4), 0, 4),
      'bookings',
      [0],
      gap,
      new Float64Array(4),
    );
    expect(push.parts.map((p) => [p.a, p.b])).toEqual([
      ['pursues only the sweet spot', 'pursues every segment'],
      ['works deals largest first', 'works deals oldest first'],
      [
        'a quarter-end push from week 9, when booked plus expected is below 100% of quota: pursues every segment; pulls in deals due within 2 weeks (odds × 0.8, 20% extra discount); works 25% overtime',
        'no quarter-end push',
      ],
    ]);
    const prospects = attributionOf(
      scenarioWith(1, 2, 4, true),
      simulateChunk(scenarioWith(1, 2, 4, true), 0, 4),
      'contribution',
      [0],
      gap,
      new Float64Array(4),
    );
    expect(prospects.parts.map((p) => [p.group, p.a, p.b])).toEqual([
      ['pursue', 'pursues only the sweet spot', 'pursues every segment'],
      [
        'prospecting',
        'prospects only the sweet spot with spare hours every week',
        'leaves spare hours idle',
      ],
    ]);
  });

  it('attributionClause: largest share first, "comes" on the first, "and" before the last', () => {
    const part = (label: string, mean: number) => ({
      group: 'pursue' as const,
      label,
      a: '',
      b: '',
      mean,
      ci95: [mean, mean] as [number, number],
    });
    const fmt = (x: number) => `${x > 0 ? '+' : ''}${x}`;
    expect(attributionClause({ parts: [], total: 0 }, fmt)).toBe('');
    expect(attributionClause({ parts: [part('x', 3)], total: 3 }, fmt)).toBe('');
    expect(attributionClause({ parts: [part('small', 1), part('big', -4)], total: -3 }, fmt)).toBe(
      'of -3, -4 comes from big and +1 from small',
    );
    expect(
      attributionClause(
        { parts: [part('one', 1), part('three', 3), part('two', -2)], total: 2 },
        fmt,
      ),
    ).toBe('of +2, +3 comes from three, -2 from two and +1 from one');
  });
});

// ---------------------------------------------------------------------------------------------
// csv.ts and format.ts

describe('csv and format', () => {
  it('perTrialCsv: every cell of every row, against an RFC 4180 writer written here', () => {
    const scenario = scenarioWith(2, 2, 3);
    scenario.strategies[0] = { ...(scenario.strategies[0] as Strategy), id: '-neg' };
    const chunk = simulateChunk(scenario, 0, 3);
    chunk.trialStart = 40;
    chunk.columns.forEach((_, i) => {
      chunk.columns[i] = i % 13 === 0 ? Number.NaN : i * 1.25 - 30;
    });
    const layout = layoutFor(scenario);
    const quota = teamQuota(scenario);
    const num = (x: number) => (Number.isFinite(x) ? String(x) : '');
    const text = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    const lines = [`${PER_TRIAL_CSV_HEADER.join(',')}\r\n`];
    for (let t = 0; t < 3; t++) {
      scenario.strategies.forEach((st, s) => {
        const v = (col: number) => columnOf(chunk, s, col)[t] as number;
        let bookings = 0;
        let margin = 0;
        let cost = 0;
        let contribution = 0;
        for (let q = 0; q < 2; q++) {
          const b = v(layout.quarterColumn(q, 'bookings'));
          const m = v(layout.quarterColumn(q, 'margin'));
          const c = v(layout.quarterColumn(q, 'costOfSale'));
          const k = v(layout.quarterColumn(q, 'contribution'));
          bookings += b;
          margin += m;
          cost += c;
          contribution += k;
          lines.push(
            `${40 + t},${text(st.id)},${q + 1},${num(b)},${num(m)},${num(b / quota)},${num(v(layout.quarterColumn(q, 'repsAtQuota')))},${num(v(layout.quarterColumn(q, 'hoursWasted')))},,${num(c)},${num(k)},${num(v(layout.quarterColumn(q, 'specialistHoursWasted')))}\r\n`,
          );
        }
        lines.push(
          `${40 + t},${text(st.id)},horizon,${num(bookings)},${num(margin)},,,,${num(v(layout.horizonColumn('retainedRecurringRevenue')))},${num(cost)},${num(contribution)},\r\n`,
        );
      });
    }
    expect(perTrialCsv(scenario, chunk)).toBe(lines.join(''));
    expect([...perTrialCsvLines(scenario, chunk)]).toEqual(lines);
    expect(PER_TRIAL_CSV_HEADER.join(',')).toBe(
      'trial,strategy,quarter,bookings,margin,attainment,repsAtQuota,hoursWasted,retainedRecurringRevenue,costOfSale,contribution,specialistHoursWasted',
    );
  });

  it('csvText guards only a leading formula character; csvNumber leaves non-finite cells empty', () => {
    expect(csvText('a=b')).toBe('a=b');
    expect(csvText('x-1')).toBe('x-1');
    expect(csvText('-1')).toBe("'-1");
    expect(csvNumber(Number.NaN)).toBe('');
    expect(csvNumber(Number.NEGATIVE_INFINITY)).toBe('');
    expect(csvNumber(-0.5)).toBe('-0.5');
  });

  it('format: half units, the compact threshold, small signed percentages, the dash', () => {
    expect(formatMoney(0.5, 'USD')).toBe('$1');
    expect(formatMoney(-0.5, 'USD')).toBe('-$1');
    expect(formatMoney(0.49, 'USD')).toBe('$0');
    expect(formatMoney(1e6, 'USD', 'en-US', { compact: 'auto' })).toBe('$1M');
    expect(formatMoney(-1e6, 'USD', 'en-US', { compact: 'auto' })).toBe('-$1M');
    expect(formatMoney(Number.NaN, 'USD')).toBe('—');
    expect(formatPercent(-0.004, 1)).toBe('-0.4%');
    expect(formatPercent(-0.0004, 1)).toBe('0.0%');
    expect(formatPercent(0.005)).toBe('1%');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatHours(0.05, 1)).toBe('0.1 h');
    expect(formatHours(-0.04, 1)).toBe('0.0 h');
    expect(formatHours(Number.NaN)).toBe('—');
    // The same options twice (a cached formatter) give the same text.
    expect(formatMoney(1234, 'EUR', 'de-DE')).toBe(formatMoney(1234, 'EUR', 'de-DE'));
  });
});

describe('survivors of the 2026-12-05 run (docs/testing.md, "Mutation testing")', () => {
  // A count outside [0, n] is an error, not an interval. (Of the guard's mutants, the run of
  // 2026-12-05 left only `n < 0` → false, which is equivalent: successes ≥ 0 > n already fails
  // `successes > n`. This test pins the guard's contract directly.)
  it('wilson refuses successes outside [0, n] and a count that is not a finite n ≥ 0', () => {
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 5)).toThrow(RangeError);
    expect(() => wilson(1, Number.NaN)).toThrow(RangeError);
    expect(() => wilson(0, -1)).toThrow(RangeError);
  });

  // Kills `Q > 1 && sum !== 0` → `true &&` (one quarter) and `sum !== 0` → true (no bookings) in
  // the horizon summary: the quarters' spread over their mean is then 0/0, which must not turn
  // the mean coefficient of variation into NaN (such a trial counts as 0).
  it('one quarter, or no bookings at all: the quarterly bookings’ coefficient of variation is 0', () => {
    const one = scenarioWith(1, 1);
    const none = scenarioWith(1, 2);
    none.segments = none.segments.map((g) => ({ ...g, opportunitiesPerRepPerWeek: 0 }));
    for (const scenario of [one, none]) {
      const r = summarize(scenario, simulateChunk(scenario, 3, scenario.trials));
      for (const id of r.strategyOrder)
        expect(r.strategies[id]?.horizon.quarterlyBookingsCv).toBe(0);
    }
  });

  // Kills `seg.specialistHoursPerSellingHour?.[pool.id]` → `[pool.id]` in `playedPools`: a
  // segment that needs no specialist has no such map.
  it('a specialist pool that only some segments need', () => {
    const base = scenarioWith(1, 1);
    const [first, ...rest] = base.segments as [Segment, ...Segment[]];
    const s: Scenario = {
      ...base,
      team: {
        ...base.team,
        specialists: [{ id: 'se', name: 'Solutions engineers', hoursPerWeek: 10 }],
      },
      segments: [
        { ...first, specialistHoursPerSellingHour: { se: 0.5 } },
        ...rest.map(({ specialistHoursPerSellingHour: _, ...g }) => g),
      ],
    };
    const r = summarize(s, simulateChunk(s, 3, s.trials));
    const pools = r.strategies[r.strategyOrder[0] as string]?.quarters[0]?.pools ?? [];
    expect(pools.map((p) => p.id)).toEqual(['se']);
  });
});
