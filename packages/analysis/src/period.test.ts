import { layoutOf, Simulator } from '@sweetspot/engine';
import { behindPlanDoubleDown, type Scenario, specialistBottleneck } from '@sweetspot/scenario';
import { expect, it, describe as suite } from 'vitest';
import { ChunkColumns } from './chunk.ts';
import {
  addHistograms,
  type Period,
  periodComparison,
  periodSummary,
  poolPools,
  poolSegment,
  quartersOf,
} from './period.ts';
import { describe } from './stat.ts';
import { summarize } from './summarize.ts';
import type { StrategySummary } from './types.ts';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Equal within a relative 1e-9 (sums of means per trial, added in another order); NaN = NaN. */
function close(got: number, want: number): void {
  if (Number.isNaN(want)) expect(got).toBeNaN();
  else expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
}

/** The identities on a run of a preset: with pools and priced hours, or with prospecting. */
function periodSuites(preset: Scenario): void {
  const scenario: Scenario = { ...preset, trials: 40 };
  const chunk = new Simulator(scenario).simulate(0, scenario.trials);
  const run = summarize(scenario, chunk);
  const cols = new ChunkColumns(chunk, layoutOf(chunk));
  const Q = scenario.horizon.quarters;
  const quarters: Period[] = Array.from({ length: Q }, (_, q) => q);
  const strategies = run.strategyOrder.map((id) => run.strategies[id] as StrategySummary);

  suite(`periodSummary: ${preset.name}`, () => {
    it("a quarter's figures are the quarter's own", () => {
      for (const st of strategies) {
        for (const q of quarters) {
          const p = periodSummary(st, q);
          const own = st.quarters[q as number];
          expect(p?.bookings).toBe(own?.bookings);
          expect(p?.shareOfRepsAtQuota).toBe(own?.shareOfRepsAtQuota);
          expect(p?.bookingsHistogram).toBe(own?.bookingsHistogram);
          expect(p?.repAttainment).toEqual(own?.repAttainment);
          p?.segments.forEach((seg, g) => {
            const s = own?.segments[g];
            close(seg.winRate, s?.winRate ?? Number.NaN);
            // Discount from the list value won (the engine's aggregate), as the summary's own.
            close(seg.discount, s?.effectiveDiscount ?? Number.NaN);
          });
        }
        expect(periodSummary(st, Q)).toBeUndefined();
      }
    });

    it("the year's total equals the sum of its quarters, per trial", () => {
      const perTrial = new Float64Array(chunk.trialCount);
      strategies.forEach((st, s) => {
        const year = periodSummary(st, 'year');
        for (const m of ['bookings', 'hoursWasted', 'specialistHoursWasted'] as const) {
          const want = describe(cols.sumOverQuarters(s, m, perTrial));
          expect(year?.[m]).toEqual(want);
          close(year?.[m].mean ?? Number.NaN, sum(st.quarters.map((q) => q[m].mean)));
        }
        // Reps at quota over the year: per trial, the average share over the quarters.
        const reps = cols.sumOverQuarters(s, 'repsAtQuota', perTrial);
        const share = describe(reps.map((x) => x / (Q * scenario.team.reps)));
        for (const k of ['mean', 'sd', 'p10', 'p50', 'p90', 'min', 'max'] as const) {
          close(year?.shareOfRepsAtQuota[k] ?? Number.NaN, share[k]);
        }
        close(
          year?.shareOfRepsAtQuota.mean ?? Number.NaN,
          sum(st.quarters.map((q) => q.shareOfRepsAtQuota.mean)) / Q,
        );
        const histogramTotal = sum(year?.bookingsHistogram.counts ?? []);
        expect(histogramTotal).toBe(chunk.trialCount);
      });
      // Every strategy's year histogram is on the same edges (they are overlaid).
      const edges = strategies.map((st) => periodSummary(st, 'year')?.bookingsHistogram.edges);
      for (const e of edges) expect(e).toEqual(edges[0]);
    });

    it("the year's segment, hour, pool and rep figures are the sums of its quarters'", () => {
      for (const st of strategies) {
        const year = periodSummary(st, 'year');
        const qs = quarters.map((q) => periodSummary(st, q));
        year?.segments.forEach((seg, g) => {
          for (const k of ['pursued', 'wins', 'bookings', 'listValueWon', 'prospected'] as const) {
            close(seg[k], sum(qs.map((q) => q?.segments[g]?.[k] ?? 0)));
          }
          for (const use of Object.keys(seg.hours) as (keyof typeof seg.hours)[]) {
            close(seg.hours[use], sum(qs.map((q) => q?.segments[g]?.hours[use] ?? 0)));
          }
          close(seg.discount, 1 - seg.bookings / seg.listValueWon);
        });
        close(year?.hoursIdle ?? Number.NaN, sum(qs.map((q) => q?.hoursIdle ?? 0)));
        close(year?.hoursCapacity ?? Number.NaN, sum(qs.map((q) => q?.hoursCapacity ?? 0)));
        year?.pools.forEach((pool, i) => {
          close(pool.used, sum(qs.map((q) => q?.pools[i]?.used ?? 0)));
          close(pool.capacity, sum(qs.map((q) => q?.pools[i]?.capacity ?? 0)));
          close(pool.share, pool.used / pool.capacity);
        });
        expect(year?.repAttainment.counts).toEqual(
          addHistograms(qs.map((q) => q?.repAttainment ?? { edges: [], counts: [] })).counts,
        );
        // Every rep-quarter is counted once: reps × trials × quarters.
        expect(sum(year?.repAttainment.counts ?? [])).toBe(
          scenario.team.reps * chunk.trialCount * Q,
        );
        // Every hour of capacity is accounted for, in some use or idle.
        const used = sum(year?.segments.map((g) => sum(Object.values(g.hours))) ?? []);
        expect((used + (year?.hoursIdle ?? 0)) / (year?.hoursCapacity ?? 1)).toBeCloseTo(1, 2);
      }
    });

    it('pools combined equal pools of the concatenated quarters', () => {
      const st = strategies[0] as StrategySummary;
      const all = quartersOf(st, 'year');
      const [x, y] = [all.slice(0, 2), all.slice(2)];
      const whole = poolSegment(all.map((q) => q.segments[0] as (typeof q.segments)[number]));
      const parts = [x, y].map((qs) =>
        poolSegment(qs.map((q) => q.segments[0] as (typeof q.segments)[number])),
      );
      close(whole?.wins ?? Number.NaN, sum(parts.map((p) => p?.wins ?? 0)));
      close(whole?.listValueWon ?? Number.NaN, sum(parts.map((p) => p?.listValueWon ?? 0)));
      const pools = poolPools(all);
      const poolParts = [poolPools(x), poolPools(y)];
      pools.forEach((p, i) => {
        close(p.wasted, sum(poolParts.map((pp) => pp[i]?.wasted ?? 0)));
      });
      expect(poolSegment([])).toBeUndefined();
      expect(addHistograms([])).toEqual({ edges: [], counts: [] });
    });
  });

  suite(`periodComparison: ${preset.name}`, () => {
    it("a quarter's comparison is the quarter's own; the year's is the horizon's", () => {
      const q1 = periodComparison(run.comparison, 1);
      expect(q1?.bookings).toBe(run.comparison.quarters[1]?.bookings);
      expect(q1).not.toHaveProperty('attainment');
      const year = periodComparison(run.comparison, 'year');
      expect(year?.hoursWasted).toBe(run.comparison.horizon.hoursWasted);
      expect(year).not.toHaveProperty('retainedRecurringRevenue');
      expect(periodComparison(run.comparison, Q)).toBeUndefined();
    });

    it('the mean difference is the difference of the means, for every period', () => {
      const [a, b] = [run.comparison.a, run.comparison.b].map(
        (id) => run.strategies[id] as StrategySummary,
      );
      for (const period of [...quarters, 'year'] as Period[]) {
        const pa = periodSummary(a as StrategySummary, period);
        const pb = periodSummary(b as StrategySummary, period);
        const c = periodComparison(run.comparison, period);
        for (const m of ['bookings', 'margin', 'hoursWasted', 'contribution'] as const) {
          const want = (pa?.[m].mean ?? 0) - (pb?.[m].mean ?? 0);
          expect(Math.abs((c?.[m].meanDiff ?? Number.NaN) - want)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(pa?.[m].mean ?? 0)),
          );
        }
      }
    });
  });
}

periodSuites(specialistBottleneck);
periodSuites(behindPlanDoubleDown);
