/** The exact waterfall (docs/model.md §10) and one-trial traces against normal runs. */
import { summarize } from '@sweetspot/analysis';
import { Layout, simulateChunk, traceTrial } from '@sweetspot/engine';
import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';

const small = (s: Scenario): Scenario => ({ ...s, trials: 300 });

/** Trials per preset whose timing part is recomputed from traces. */
const TIMING_TRIALS = 20;
/** Deals won by both strategies in different quarters, over all those trials. */
let movedDeals = 0;

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
        // Both bars list every mechanism, timing included; margin adds cost to serve.
        expect(wf.bookings.parts.map((p) => p.id)).toContain('timing');
        expect(wf.margin.parts.map((p) => p.id)).toEqual([
          ...wf.bookings.parts.map((p) => p.id),
          'costToServe',
        ]);
      });
      // Some mechanism must explain a non-zero gap.
      if (Math.abs(summary.comparison.horizon.bookings.meanDiff) > 1000) {
        expect(
          summary.comparison.horizon.waterfall.bookings.parts.some((p) => Math.abs(p.value) > 0),
        ).toBe(true);
      }
    });
  }

  for (const preset of PRESETS) {
    it(`timing: a deal won by both in different quarters is +V in A's, −V in B's (${preset.name})`, () => {
      // docs/model.md §10, recomputed here from one-trial traces (the deals each strategy won and
      // the week it won them), independently of the engine's waterfall code: for every deal won
      // by both A and B in different reported quarters, its list value V goes to A's quarter
      // with + and to B's quarter with −. Compared with the engine's timing part for that trial
      // (rounded to whole units per trial: within ½).
      const [idA, idB] = preset.compare;
      for (let trial = 0; trial < TIMING_TRIALS; trial++) {
        const trace = traceTrial(preset, trial);
        const quarterOf = (week: number) =>
          week < trace.warmupWeeks
            ? -1
            : Math.floor((week - trace.warmupWeeks) / trace.weeksPerQuarter);
        const wins = (id: string) => {
          const st = trace.strategies.find((x) => x.id === id);
          if (!st) throw new Error(`no strategy ${id}`);
          const won = new Map<number, { quarter: number; list: number }>();
          for (const e of st.events)
            if (e.kind === 'won')
              won.set(e.deal, { quarter: quarterOf(e.week), list: e.listValue });
          return won;
        };
        const wonA = wins(idA);
        const wonB = wins(idB);
        const expected = new Array<number>(trace.quarters).fill(0);
        for (const [deal, a] of wonA) {
          const b = wonB.get(deal);
          if (!b || a.quarter === b.quarter) continue;
          if (a.quarter >= 0) expected[a.quarter] = (expected[a.quarter] as number) + a.list;
          if (b.quarter >= 0) expected[b.quarter] = (expected[b.quarter] as number) - b.list;
          movedDeals++;
        }
        const chunk = simulateChunk(preset, trial, 1);
        const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
        for (let q = 0; q < trace.quarters; q++) {
          const actual = layout.aggregateValue(chunk.aggregates, layout.waterfallPart(q, 'timing'));
          expect(
            Math.abs(actual - (expected[q] as number)),
            `trial ${trial} Q${q + 1}: engine ${actual}, from the trace ${expected[q]}`,
          ).toBeLessThanOrEqual(0.5 + 1e-6);
        }
      }
    });
  }

  it('the timing checks above met deals that moved between quarters', () => {
    // Guards the check against passing vacuously (every expected value zero).
    expect(movedDeals).toBeGreaterThan(0);
  });

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
        // Hours of each rep-week (worked + qualification + overhead + idle + prospecting) add up
        // to the capacity of that week: the selling hours, times the push's overtime in push
        // weeks (docs/model.md §6–7, §14).
        const strategy = preset.strategies.find((x) => x.id === st.id);
        const H = preset.team.sellingHoursPerWeek;
        const overtime = strategy?.quarterEndPush?.overtime ?? 1;
        expect(st.hours.length).toBe(trace.reps * trace.weeks * 5);
        for (let rep = 0; rep < trace.reps; rep++) {
          for (let week = 0; week < trace.weeks; week++) {
            const i = (rep * trace.weeks + week) * 5;
            const [worked, qualification, overhead, idle, prospecting] = [0, 1, 2, 3, 4].map(
              (u) => st.hours[i + u] as number,
            ) as [number, number, number, number, number];
            for (const h of [worked, qualification, overhead, idle, prospecting])
              expect(h).toBeGreaterThanOrEqual(0);
            const pushing = st.push[rep * trace.weeks + week] === 1;
            const capacity = pushing ? H * overtime : H;
            const total = worked + qualification + overhead + idle + prospecting;
            expect(
              Math.abs(total - capacity),
              `rep ${rep} week ${week}: ${total} h used of ${capacity}`,
            ).toBeLessThanOrEqual(1e-9 * capacity);
          }
        }
        expect(st.events.some((e) => e.kind === 'arrived')).toBe(true);
      });
    });
  }
});
