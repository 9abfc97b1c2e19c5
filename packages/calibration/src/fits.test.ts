import { describe, expect, it } from 'vitest';
import { kaplanMeier, kmQuantile } from './kaplan-meier.ts';
import { fitLognormal } from './lognormal-fit.ts';
import { normalQuantile } from './special.ts';
import { histogram, inverseEcdfSorted, quantileSorted } from './stats.ts';
import { fitWinRate } from './winrate.ts';

describe('win rate', () => {
  it('is the Beta(1 + wins, 1 + losses) posterior', () => {
    const fit = fitWinRate(3, 1);
    expect(fit).toMatchObject({
      alpha: 4,
      beta: 2,
      mean: 4 / 6,
      observed: 0.75,
      evidence: 4,
      level: 0.9,
    });
    // Beta(4, 2) has CDF 5x⁴ − 4x⁵: check the interval ends.
    const cdf = (x: number) => 5 * x ** 4 - 4 * x ** 5;
    expect(cdf(fit.lower)).toBeCloseTo(0.05, 9);
    expect(cdf(fit.upper)).toBeCloseTo(0.95, 9);
  });

  it('is the uniform prior with no closed deals', () => {
    expect(fitWinRate(0, 0)).toMatchObject({ mean: 0.5, evidence: 0 });
    expect(fitWinRate(0, 0).lower).toBeCloseTo(0.05, 9);
  });
});

describe('lognormal fit', () => {
  it('recovers μ and σ from exact quantiles, with a small KS distance', () => {
    const mu = Math.log(1000);
    const sigma = 0.8;
    const n = 2000;
    const xs = Array.from({ length: n }, (_, i) =>
      Math.exp(mu + sigma * normalQuantile((i + 0.5) / n)),
    );
    const fit = fitLognormal(xs);
    if (!fit) throw new Error('no fit');
    expect(fit.median).toBeCloseTo(1000, 0);
    expect(fit.sigma).toBeCloseTo(sigma, 2);
    expect(fit.p90).toBeCloseTo(1000 * Math.exp(1.2815515655446004 * fit.sigma), 6);
    expect(fit.ks).toBeLessThan(0.002);
    expect(fit.ks).toBeLessThan(fit.ksCritical05);
    expect(fit.qq.length).toBe(100);
    for (const q of fit.qq) expect(q.sample / q.theoretical).toBeCloseTo(1, 1);
    expect(fit.histogram.counts.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('flags a bimodal sample with a large KS distance, and ignores non-positive values', () => {
    const xs = [...Array(50).fill(55), ...Array(50).fill(3400), 0, -5, Number.NaN];
    const fit = fitLognormal(xs);
    expect(fit?.n).toBe(100);
    expect(fit?.ks).toBeGreaterThan(0.3);
    expect(fitLognormal([0, -1])).toBeUndefined();
  });

  it('is a fixed value for identical amounts', () => {
    const fit = fitLognormal([5, 5, 5]);
    expect(fit?.median).toBeCloseTo(5, 12);
    expect(fit?.p90).toBeCloseTo(5, 12);
    expect(fit).toMatchObject({ sigma: 0, ks: 0 });
  });
});

describe('Kaplan–Meier', () => {
  // Remission weeks of the 6-MP group (Freireich et al. 1963), the classic worked example
  // (e.g. Kleinbaum & Klein, Survival Analysis, 3rd ed., ch. 2): + marks censoring.
  const sixMp = '6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+'
    .split(' ')
    .map((s) => ({ time: Number.parseFloat(s), event: !s.endsWith('+') }));

  it('reproduces the textbook 6-MP survival curve and median of 23 weeks', () => {
    const curve = kaplanMeier(sixMp);
    expect(curve.times).toEqual([6, 7, 10, 13, 16, 22, 23]);
    expect(curve.atRisk).toEqual([21, 17, 15, 12, 11, 7, 6]);
    const expected = [0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448];
    curve.survival.forEach((s, i) => {
      expect(s).toBeCloseTo(expected[i] as number, 3);
    });
    expect(kmQuantile(curve, 0.5)).toBe(23);
    expect(kmQuantile(curve, 0.9)).toBeUndefined();
    expect(curve).toMatchObject({ n: 21, totalEvents: 9, totalCensored: 12, maxTime: 35 });
  });

  it('equals the empirical distribution without censoring', () => {
    const times = [5, 1, 3, 3, 9, 7, 2, 8];
    const curve = kaplanMeier(times.map((time) => ({ time, event: true })));
    const sorted = [...times].sort((a, b) => a - b);
    for (const p of [0.1, 0.25, 0.5, 0.75, 0.9])
      expect(kmQuantile(curve, p)).toBe(inverseEcdfSorted(sorted, p));
  });

  it('gives a longer median than closed-only when old open deals are censored', () => {
    // Six deals closed after 1–6 weeks; four still open after 14 weeks.
    const closed = [7, 14, 21, 28, 35, 42].map((time) => ({ time, event: true }));
    const open = Array.from({ length: 4 }, () => ({ time: 100, event: false }));
    const km = kmQuantile(kaplanMeier([...closed, ...open]), 0.5);
    expect(km).toBe(35);
    expect(inverseEcdfSorted([7, 14, 21, 28, 35, 42], 0.5)).toBe(21);
  });
});

describe('descriptive helpers', () => {
  it('quantiles and histograms', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(inverseEcdfSorted([1, 2, 3, 4], 0.5)).toBe(2);
    expect(histogram([1, 1, 1])).toEqual({ edges: [0.5, 1.5], counts: [3] });
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7], { bins: 4 });
    expect(h.counts).toEqual([2, 2, 2, 2]);
  });
});
