import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairedDiff, scaleDiff } from './diff.ts';
import { wilson } from './stat.ts';

const arrayPair = fc.integer({ min: 1, max: 100 }).chain((n) => {
  const values = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n });
  return fc.tuple(values, values);
});

describe('pairedDiff', () => {
  it('handles wins, ties and losses exactly', () => {
    // A − B = [2, 0, −2, 0]
    const d = pairedDiff([3, 1, 2, 5], [1, 1, 4, 5]);
    expect(d.meanDiff).toBe(0);
    expect(d.sd).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(d.pABeatsB).toBe(0.25);
    expect(d.pTie).toBe(0.5);
    expect(d.pBBeatsA).toBe(0.25);
    expect(d.pABeatsBCi95).toEqual(wilson(1, 4));
    expect(d.p10).toBeCloseTo(-1.4, 12);
    expect(d.p50).toBe(0);
    expect(d.p90).toBeCloseTo(1.4, 12);
    const half = (1.96 * Math.sqrt(8 / 3)) / 2;
    expect(d.ci95[0]).toBeCloseTo(-half, 12);
    expect(d.ci95[1]).toBeCloseTo(half, 12);
  });

  it('is the paired mean difference, not a difference of independent summaries', () => {
    const a = new Float64Array([10, 20, 30]);
    const b = new Float64Array([9, 19, 29]);
    const d = pairedDiff(a, b);
    expect(d.meanDiff).toBe(1);
    expect(d.sd).toBe(0);
    expect(d.pABeatsB).toBe(1);
    expect(d.ci95).toEqual([1, 1]);
  });

  it('leaves the sorted differences in the scratch buffer', () => {
    const scratch = new Float64Array(5);
    pairedDiff([5, 1, 3], [0, 0, 0], scratch);
    expect(Array.from(scratch.subarray(0, 3))).toEqual([1, 3, 5]);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => pairedDiff([1, 2], [1])).toThrow(RangeError);
  });

  it('n = 0: NaN figures and a [0, 1] interval', () => {
    const d = pairedDiff([], []);
    expect(d.meanDiff).toBeNaN();
    expect(d.pABeatsB).toBeNaN();
    expect(d.pABeatsBCi95).toEqual([0, 1]);
  });

  it('scaleDiff scales the amounts and keeps the shares', () => {
    const d = pairedDiff([3, 1, 2, 5], [1, 1, 4, 5]);
    const s = scaleDiff(d, 0.5);
    expect(s.p90).toBeCloseTo(0.7, 12);
    expect(s.sd).toBeCloseTo(d.sd / 2, 12);
    expect(s.pABeatsB).toBe(d.pABeatsB);
    expect(s.pTie).toBe(d.pTie);
  });

  it('property: pABeatsB + pTie + P(B beats A) = 1, and swapping A and B mirrors it', () => {
    fc.assert(
      fc.property(arrayPair, ([a, b]) => {
        const d = pairedDiff(a, b);
        const bWins = a.filter((x, i) => x < (b[i] as number)).length / a.length;
        expect(d.pBBeatsA).toBe(bWins);
        expect(d.pABeatsB + d.pTie + bWins).toBeCloseTo(1, 12);
        const r = pairedDiff(b, a);
        expect(r.pABeatsB).toBe(d.pBBeatsA);
        expect(r.pTie).toBe(d.pTie);
        expect(r.meanDiff).toBeCloseTo(-d.meanDiff, 12);
        expect(d.p10).toBeLessThanOrEqual(d.p50);
        expect(d.p50).toBeLessThanOrEqual(d.p90);
      }),
    );
  });

  it('property: identical arrays are all ties with meanDiff 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), {
          minLength: 1,
          maxLength: 100,
        }),
        (a) => {
          const d = pairedDiff(a, Float64Array.from(a));
          expect(d).toMatchObject({ meanDiff: 0, sd: 0, pTie: 1, pABeatsB: 0, pBBeatsA: 0 });
          expect(d).toMatchObject({ p10: 0, p50: 0, p90: 0, ci95: [0, 0] });
        },
      ),
    );
  });
});
