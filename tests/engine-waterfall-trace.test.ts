/** The exact waterfall (docs/model.md §10) and one-trial traces against normal runs. */
import { summarize } from '@sweetspot/analysis';
import { Layout, simulateChunk, traceTrial } from '@sweetspot/engine';
import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';

const small = (s: Scenario): Scenario => ({ ...s, trials: 300 });

describe('waterfall', () => {
  for (const preset of PRESETS) {
    it(`parts add up to the total, which matches the mean difference (${preset.name})`, () => {
      const scenario = small(preset);
      const chunk = simulateChunk(scenario, 0, scenario.trials);
      const summary = summarize(scenario, chunk);
      const n = scenario.trials;
      const wfs = [
        ...summary.comparison.quarters.map((q) => q.waterfall),
        summary.comparison.horizon.waterfall,
      ];
      const diffs = [...summary.comparison.quarters, summary.comparison.horizon];
      wfs.forEach((wf, i) => {
        for (const kind of ['bookings', 'margin'] as const) {
          const w = wf[kind];
          // Exact: the parts are sums of whole units.
          const sumTimesN = w.parts.reduce((a, p) => a + Math.round(p.value * n), 0);
          expect(sumTimesN).toBe(Math.round(w.total * n));
          // Rounding to whole units: at most half a unit per part per trial.
          const d = diffs[i]?.[kind].meanDiff as number;
          expect(Math.abs(w.total - d)).toBeLessThanOrEqual(
            w.parts.length * 0.5 * (i === wfs.length - 1 ? 4 : 1) + 1e-6,
          );
        }
        const timing = wf.bookings.parts.find((p) => p.id === 'timing');
        expect(timing).toBeDefined();
      });
      // Some mechanism must explain a non-zero gap.
      if (Math.abs(summary.comparison.horizon.bookings.meanDiff) > 1000) {
        expect(
          summary.comparison.horizon.waterfall.bookings.parts.some((p) => Math.abs(p.value) > 0),
        ).toBe(true);
      }
    });
  }

  it('a strategy compared with a copy of itself has an all-zero waterfall', () => {
    const base = PRESETS[0] as Scenario;
    const first = base.strategies[0] as Scenario['strategies'][number];
    const scenario: Scenario = {
      ...small(base),
      strategies: [first, { ...first, id: 'copy', name: 'Copy' }],
      compare: [first.id, 'copy'],
    };
    const chunk = simulateChunk(scenario, 0, 100);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    for (let i = layout.waterfallOffset; i < layout.aggregateLength; i++)
      expect(chunk.aggregates[i]).toBe(0);
  });
});

describe('traceTrial', () => {
  for (const preset of PRESETS) {
    it(`replays a trial with the same bookings as the normal run (${preset.name})`, () => {
      const trial = 17;
      const chunk = simulateChunk(preset, trial, 1);
      const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
      const trace = traceTrial(preset, trial);
      trace.strategies.forEach((st, si) => {
        for (let q = 0; q < trace.quarters; q++) {
          let booked = 0;
          const from = trace.warmupWeeks + q * trace.weeksPerQuarter;
          for (let w = from; w < from + trace.weeksPerQuarter; w++)
            booked += st.weeklyBookings[w] as number;
          const col = chunk.columns[
            layout.columnOffset(si, layout.quarterColumn(q, 'bookings'), 1)
          ] as number;
          expect(booked).toBeCloseTo(col, 6);
        }
        // Hours of each rep-week add up to the capacity of that week.
        for (let i = 0; i < st.hours.length; i += 4) {
          const total =
            (st.hours[i] as number) +
            (st.hours[i + 1] as number) +
            (st.hours[i + 2] as number) +
            (st.hours[i + 3] as number);
          expect(total).toBeGreaterThan(0);
        }
        expect(st.events.some((e) => e.kind === 'arrived')).toBe(true);
      });
    });
  }
});
