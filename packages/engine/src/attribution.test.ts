/**
 * The split of A − B among the rule groups that differ (docs/model.md §11): the Shapley values
 * against hand-computed ones, the rounding that keeps them summing to the gap, and, on random
 * scenarios, the identities the attribution must satisfy.
 */
import {
  attributionGroups,
  differingRuleGroups,
  type Scenario,
  type Strategy,
} from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToTotal, shapleyValues, shapleyWeights } from './attribution.ts';
import { layoutOf, type SimulationChunk } from './layout.ts';
import { simulateChunk } from './simulate.ts';
import { scenarioArb, valid } from './test-arbitraries.ts';

describe('Shapley values (docs/model.md §11)', () => {
  it('weights are |S|!(n − |S| − 1)!/n!', () => {
    expect(Array.from(shapleyWeights(1))).toEqual([1]);
    expect(Array.from(shapleyWeights(2))).toEqual([0.5, 0.5]);
    // n = 3: 0!2!/3! = 1/3, 1!1!/3! = 1/6, 2!0!/3! = 1/3.
    const w3 = Array.from(shapleyWeights(3));
    expect(w3[0]).toBeCloseTo(1 / 3, 15);
    expect(w3[1]).toBeCloseTo(1 / 6, 15);
    expect(w3[2]).toBeCloseTo(1 / 3, 15);
  });

  it('two groups: each share is the mean of its two marginal gains (hand-computed)', () => {
    // v(∅) = 10, v({0}) = 40, v({1}) = 15, v({0,1}) = 100.
    // φ0 = ½[(40 − 10) + (100 − 15)] = 57.5; φ1 = ½[(15 − 10) + (100 − 40)] = 32.5.
    const out = new Float64Array(2);
    shapleyValues([10, 40, 15, 100], 2, shapleyWeights(2), out);
    expect(Array.from(out)).toEqual([57.5, 32.5]);
  });

  it('three groups: matches the average over all 6 orders (hand-computed)', () => {
    // v by mask 0..7 (bit g = group g follows A).
    const v = [0, 6, 12, 30, 18, 24, 42, 60];
    // Average over the 6 orders of the marginal gain of each group, worked out by hand:
    // orders 012: g0 +6, g1 +24 (30−6), g2 +30 (60−30); 021: g0 +6, g2 +18 (24−6), g1 +36;
    // 102: g1 +12, g0 +18, g2 +30; 120: g1 +12, g2 +30 (42−12), g0 +18;
    // 201: g2 +18, g0 +6, g1 +36; 210: g2 +18, g1 +24 (42−18), g0 +18.
    // φ0 = (6+6+18+18+6+18)/6 = 12; φ1 = (24+36+12+12+36+24)/6 = 24; φ2 = (30+18+30+30+18+18)/6 = 24.
    const out = new Float64Array(3);
    shapleyValues(v, 3, shapleyWeights(3), out);
    expect(out[0]).toBeCloseTo(12, 12);
    expect(out[1]).toBeCloseTo(24, 12);
    expect(out[2]).toBeCloseTo(24, 12);
  });

  it('shares add up to v(all) − v(none), and a group that changes nothing gets 0', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.double({ min: -1e7, max: 1e7, noNaN: true }), { minLength: 16, maxLength: 16 }),
        (n, raw) => {
          const size = 1 << n;
          // Group n − 1 is a dummy: v does not depend on its bit.
          const v = Array.from({ length: size }, (_, m) => raw[m & ((size >> 1) - 1)] as number);
          const out = new Float64Array(n);
          shapleyValues(v, n, shapleyWeights(n), out);
          const sum = out.reduce((a, b) => a + b, 0);
          const gap = (v[size - 1] as number) - (v[0] as number);
          expect(Math.abs(sum - gap)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(gap)) + 1e-3);
          expect(Math.abs(out[n - 1] as number)).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });
});

describe('rounding to whole units that add up to the rounded gap', () => {
  it('keeps each part within one unit and the sum exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e8, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (values) => {
          const parts = Float64Array.from(values);
          const total = values.reduce((a, b) => a + b, 0);
          roundToTotal(parts, total, new Int32Array(parts.length));
          let sum = 0;
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            expect(Math.abs(p - (values[i] as number))).toBeLessThan(1 + 1e-6);
            sum += p;
          });
          expect(sum).toBe(Math.round(total) + 0); // + 0: −0 and 0 are the same sum
        },
      ),
    );
  });

  it('gives the missing units to the largest remainders', () => {
    const parts = Float64Array.from([1.2, 2.7, 3.6]); // total 7.5 → 8: floors 1, 2, 3 = 6; +2
    roundToTotal(parts, 7.5, new Int32Array(3));
    expect(Array.from(parts)).toEqual([1, 3, 4]);
  });

  // The survivors of the 2026-12-05 mutation run that could change an output (docs/testing.md,
  // "Mutation testing"); each test below was checked to fail on the mutants it names.

  it('ranks by the remainder, not the whole part, and a tie goes to the earlier part', () => {
    const round = (values: number[], total: number) => {
      const parts = Float64Array.from(values);
      roundToTotal(parts, total, new Int32Array(values.length));
      return Array.from(parts);
    };
    // Floors 3 + 1 = 4, one unit missing: it goes to 1.7 (remainder 0.7 > 0.2). Kills
    // `parts[i] − ⌊parts[i]⌋` → `+` (it would rank 3.2 + 3 above 1.7 + 1).
    expect(round([3.2, 1.7], 4.9)).toEqual([3, 2]);
    // Floors 1 + 1, one missing: it goes to 1.7, the first part. Kills the insertion sort's
    // `rem(order[j]) < rem(k)` → `true` and `j >= 0 && …` → `||` (every part moved to the
    // front: the order reversed).
    expect(round([1.7, 1.2], 2.9)).toEqual([2, 1]);
    // Equal remainders: the earlier part first. Kills `<` → `<=` (the later part first).
    expect(round([1.5, 2.5], 4.4)).toEqual([2, 2]);
    // One unit missing among three: only the largest remainder gets it. Kills `missing > 0` →
    // `≥ 0` (one unit too many, then taken back from the smallest remainder: [0, 3, 4]).
    expect(round([1.2, 2.7, 3.6], 7)).toEqual([1, 3, 3]);
  });

  it('takes the units in excess from the smallest remainders, going round as often as needed', () => {
    const round = (values: number[], total: number) => {
      const parts = Float64Array.from(values);
      roundToTotal(parts, total, new Int32Array(values.length));
      return Array.from(parts);
    };
    // Remainders 0.2, 0.7, 0.6: smallest first is part 0, then part 2, then part 1.
    // Floors 1 + 2 + 3 = 6, total 4: two too many, from part 0 then part 2. Kills every mutant of
    // the excess loop: its condition `false`, its body emptied, `− 1` → `+ 1`, the start `n + 1`,
    // the step `(i + n − 1) % n` → `(i + n + 1) % n`, `(i − n − 1) % n`, `(i + n − 1) · n`, and
    // `missing++` → `missing--` (a loop without end).
    expect(round([1.2, 2.7, 3.6], 4)).toEqual([0, 2, 2]);
    // Total 1: five too many, round the three parts and then parts 0 and 2 again.
    expect(round([1.2, 2.7, 3.6], 1)).toEqual([-1, 1, 1]);
    // Total 12: six missing, twice round (largest remainder first: 1, 2, 0).
    expect(round([1.2, 2.7, 3.6], 12)).toEqual([3, 4, 5]);
  });

  it('uses only the first n cells of a longer scratch `order`', () => {
    // Floors 1 + 1, two missing: one each. Kills the sort's `i < n` → `i <= n`: with one scratch
    // cell more, it would sort cell n (0, part 0) in as well, and part 0 would get both units.
    const parts = Float64Array.from([1.9, 1.1]);
    roundToTotal(parts, 4, new Int32Array(3));
    expect(Array.from(parts)).toEqual([2, 2]);
  });
});

describe('Shapley values write only the shares asked for', () => {
  it('leaves an `out` longer than the groups untouched past them', () => {
    // Kills `g < groups` → `g <= groups`: share g = groups would be computed from subsets that do
    // not exist (undefined − value = NaN) and written to out[groups].
    const out = new Float64Array([7, 7, 7]);
    shapleyValues([10, 40, 15, 100], 2, shapleyWeights(2), out);
    expect(Array.from(out)).toEqual([57.5, 32.5, 7]);
  });
});

/** Per-trial columns of a chunk, by strategy index, quarter and metric. */
function col(chunk: SimulationChunk, s: number, q: number, m: 'bookings' | 'margin'): Float64Array {
  const layout = layoutOf(chunk);
  const start = layout.columnOffset(s, layout.quarterColumn(q, m), chunk.trialCount);
  return chunk.columns.subarray(start, start + chunk.trialCount);
}

function part(chunk: SimulationChunk, g: number, q: number, m: 'bookings' | 'margin') {
  const layout = layoutOf(chunk);
  const start = layout.attributionOffset(g, q, m, chunk.trialCount);
  return chunk.columns.subarray(start, start + chunk.trialCount);
}

const indexOf = (s: Scenario, id: string) => s.strategies.findIndex((st) => st.id === id);

describe('attribution on random scenarios (docs/model.md §11)', () => {
  it('the parts add up exactly to the rounded gap, trial by trial and quarter by quarter', () => {
    let checked = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const chunk = simulateChunk(scenario, 0, scenario.trials);
        const groups = attributionGroups(scenario).length;
        expect(layoutOf(chunk).groups).toBe(groups);
        if (groups === 0) return;
        checked++;
        const a = indexOf(scenario, scenario.compare[0]);
        const b = indexOf(scenario, scenario.compare[1]);
        for (let q = 0; q < scenario.horizon.quarters; q++) {
          for (const m of ['bookings', 'margin'] as const) {
            const ca = col(chunk, a, q, m);
            const cb = col(chunk, b, q, m);
            for (let t = 0; t < chunk.trialCount; t++) {
              let sum = 0;
              for (let g = 0; g < groups; g++) {
                const p = part(chunk, g, q, m)[t] as number;
                expect(Number.isInteger(p)).toBe(true);
                sum += p;
              }
              expect(sum).toBe(Math.round((ca[t] as number) - (cb[t] as number)) + 0);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
    // The arbitrary compares random strategies: most differ in two or three groups.
    expect(checked).toBeGreaterThan(10);
  });

  it('A and B that differ only in what they pursue give bit-identical results when the segments they disagree on get no arrivals', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), (base, withPush) => {
        const [a0, b0] = base.strategies as [Strategy, Strategy];
        // B takes A's priority and push: only `pursue` may differ.
        const a: Strategy = { ...a0 };
        const b: Strategy = { ...b0, id: 'b', name: 'B', priority: a0.priority };
        if (withPush && a0.quarterEndPush) b.quarterEndPush = a0.quarterEndPush;
        else {
          delete a.quarterEndPush;
          delete b.quarterEndPush;
        }
        const probe = valid({ ...base, strategies: [a, b], compare: [a.id, 'b'] });
        const differs = differingRuleGroups(a, b, probe);
        expect(differs.every((g) => g === 'pursue')).toBe(true);
        // Every segment pursued by exactly one of them gets no arrivals.
        const mask = (st: Strategy) =>
          probe.segments.map((seg) =>
            st.pursue === 'all'
              ? true
              : st.pursue === 'sweet-spot'
                ? seg.sweetSpot
                : st.pursue.includes(seg.id),
          );
        const ma = mask(a);
        const mb = mask(b);
        const scenario = valid({
          ...probe,
          segments: probe.segments.map((seg, i) =>
            ma[i] === mb[i] ? seg : { ...seg, opportunitiesPerRepPerWeek: 0 },
          ),
        });
        const chunk = simulateChunk(scenario, 0, scenario.trials);
        const layout = layoutOf(chunk);
        const n = chunk.trialCount;
        const colsA = chunk.columns.subarray(0, layout.columnsPerStrategy * n);
        const colsB = chunk.columns.subarray(
          layout.columnsPerStrategy * n,
          2 * layout.columnsPerStrategy * n,
        );
        expect(Array.from(colsB)).toEqual(Array.from(colsA));
        const per = layout.aggregatesPerStrategy;
        expect(Array.from(chunk.aggregates.subarray(per, 2 * per))).toEqual(
          Array.from(chunk.aggregates.subarray(0, per)),
        );
        // …and the waterfall of A − B is all zeros.
        expect(
          Array.from(chunk.aggregates.subarray(layout.waterfallOffset)).every((v) => v === 0),
        ).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
