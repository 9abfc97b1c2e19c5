import { ksStatistic, upperTail } from '@sweetspot/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normal } from './normal.ts';
import { Rng } from './rng.ts';
import { truncatedNormal } from './truncated-normal.ts';

const SEED = 20261205;

describe('truncatedNormal (Robert 1995)', () => {
  // n = 40,000: the KS 0.1% critical value is 1.95/√n ≈ 0.0098.
  const n = 40_000;
  it.each([-1, 0, 0.5, 0.51, 1.5, 3, 6, 12])(
    'follows N(0, 1) truncated below at %s (KS, and the mean φ(a)/Q(a))',
    (a) => {
      const rng = new Rng(SEED, Math.round(a * 100) + 1000);
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = truncatedNormal(rng, a);
      const qa = upperTail(a);
      expect(ksStatistic(xs, (x) => (qa - upperTail(x)) / qa)).toBeLessThan(1.95 / Math.sqrt(n));
      // Mean: the inverse Mills ratio; its sd is below 1, so 4 SE ≤ 4/√n.
      const mills = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI) / qa;
      const mean = xs.reduce((s, x) => s + x, 0) / n;
      expect(Math.abs(mean - mills)).toBeLessThan(4 / Math.sqrt(n));
    },
  );

  // Draw for draw, as docs/model.md §16 describes the two branches (both give the same
  // distribution, so only the stream tells them apart): for a ≤ ½ the first standard normal ≥ a;
  // above, x = a − ln(1 − U)/λ kept when a second uniform is below exp(−(x − λ)²/2). (Kills
  // the mutants that take the plain draws away: `a ≤ ½` → false, its block emptied.)
  it.each([-1, 0, 0.5, 0.51, 3])('takes its draws from the stream as §16 says, at a = %s', (a) => {
    const engine = new Rng(SEED, 7);
    const oracle = new Rng(SEED, 7);
    const lambda = (a + Math.sqrt(a * a + 4)) / 2;
    const proposal = () => a - Math.log(1 - oracle.next()) / lambda;
    const accepted = (x: number) => oracle.next() < Math.exp(-((x - lambda) ** 2) / 2);
    for (let i = 0; i < 200; i++) {
      let x = a <= 0.5 ? normal(oracle) : proposal();
      while (a <= 0.5 ? x < a : !accepted(x)) x = a <= 0.5 ? normal(oracle) : proposal();
      expect(truncatedNormal(engine, a), `draw ${i}`).toBe(x);
    }
  });

  it('never returns a value below the bound, and is reproducible from the seed', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 40, noNaN: true }), fc.nat(1000), (a, stream) => {
        const x = truncatedNormal(new Rng(SEED, stream), a);
        expect(x).toBeGreaterThanOrEqual(a);
        expect(truncatedNormal(new Rng(SEED, stream), a)).toBe(x);
      }),
      { seed: SEED },
    );
  });
});
