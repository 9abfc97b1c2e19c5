/**
 * The replay against the real engine: a traced trial's quarter ends exactly on the bookings that
 * the same trial has in a normal run's per-trial columns (same world, same results).
 */
import { simulateChunk, traceTrial } from '@sweetspot/engine';
import {
  defaultScenario,
  type Scenario,
  type Segment,
  type Strategy,
  validateScenario,
} from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { LESSONS, lessonScenario } from './lessons.ts';
import { pickTrial, quarterColumns } from './pickTrial.ts';
import { replayProspects, replayQuarter, weekProspecting } from './replay.ts';

function small(lessonId: string, trials: number): Scenario {
  const lesson = LESSONS.find((l) => l.id === lessonId);
  if (!lesson) throw new Error(lessonId);
  const r = validateScenario({ ...lessonScenario(lesson), trials });
  if (!r.ok) throw new Error('invalid');
  return r.scenario;
}

describe('replay of a traced trial', () => {
  for (const id of ['focus-or-chase', 'quarter-end-panic']) {
    it(`ends every quarter on the run's numbers (${id})`, () => {
      const s = small(id, 30);
      const chunk = simulateChunk(s, 0, s.trials);
      const picks = (['typical', 'save', 'failure'] as const).map(
        (p) => pickTrial(s, chunk, 1, p).trial,
      );
      for (const trial of [0, 7, ...picks]) {
        const trace = traceTrial(s, trial);
        for (let q = 0; q < s.horizon.quarters; q++) {
          const replay = replayQuarter(trace, q, s.compare);
          const { a, b } = quarterColumns(s, chunk, q);
          const [ra, rb] = replay.strategies;
          expect(ra?.final, `trial ${trial} Q${q + 1} A`).toBeCloseTo(a[trial] as number, 6);
          expect(rb?.final, `trial ${trial} Q${q + 1} B`).toBeCloseTo(b[trial] as number, 6);
          // Every rep-week's hours (worked + qualification + overhead + idle + prospecting) add
          // up to the week's capacity: the selling hours, times the push's overtime in push weeks.
          for (const st of replay.strategies) {
            const strategy = s.strategies.find((x) => x.id === st.id);
            const overtime = strategy?.quarterEndPush?.overtime ?? 1;
            expect(st.cells).toHaveLength(s.team.reps);
            st.cells.forEach((row, rep) => {
              expect(row).toHaveLength(s.horizon.weeksPerQuarter);
              row.forEach((cell, k) => {
                const [worked, qualification, overhead, idle, prospecting] = cell.hours as [
                  number,
                  number,
                  number,
                  number,
                  number,
                ];
                expect(cell.hours).toHaveLength(5);
                // These lessons do not prospect.
                expect(prospecting).toBe(0);
                const sum = worked + qualification + overhead + idle + prospecting;
                const capacity = s.team.sellingHoursPerWeek * (cell.push ? overtime : 1);
                const where = `trial ${trial} Q${q + 1} ${st.id} rep ${rep} week ${k + 1}`;
                expect(
                  Math.abs(sum - capacity),
                  `${where}: ${sum} of ${capacity} h`,
                ).toBeLessThanOrEqual(1e-9 * capacity);
                expect(cell.total).toBe(sum);
              });
            });
          }
        }
      }
    });
  }

  it('shows push weeks only for a strategy with a quarter-end push', () => {
    const s = small('quarter-end-panic', 30);
    const chunk = simulateChunk(s, 0, s.trials);
    const trial = pickTrial(s, chunk, 0, 'failure').trial;
    const trace = traceTrial(s, trial);
    let pushA = 0;
    let pushB = 0;
    for (let q = 0; q < s.horizon.quarters; q++) {
      const replay = replayQuarter(trace, q, s.compare);
      expect(replay.strategies[1]?.name).toBe('Focus until behind, then chase');
      pushA += replay.strategies[0]?.pushRepWeeks ?? 0;
      pushB += replay.strategies[1]?.pushRepWeeks ?? 0;
      // Pushes happen only from the push's first week of the quarter on (week 9 of 13).
      for (const row of replay.strategies[1]?.cells ?? [])
        row.forEach((cell, k) => {
          if (cell.push) expect(k + 1).toBeGreaterThanOrEqual(9);
        });
    }
    expect(pushA).toBe(0);
    expect(pushB).toBeGreaterThan(0);
  });
});

describe('replay of a trial that prospects (docs/model.md §14)', () => {
  it('shows prospecting hours as their own use, and only for the strategy that prospects', () => {
    const draft = structuredClone(defaultScenario());
    draft.trials = 4;
    const icp = draft.segments[0] as Segment;
    icp.prospecting = { hoursPerOpportunity: 6, lagWeeks: 2 };
    // Few arrivals, so reps have spare hours to prospect with.
    for (const seg of draft.segments) seg.opportunitiesPerRepPerWeek = 0.3;
    (draft.strategies[0] as Strategy).prospecting = { pursue: 'sweet-spot', when: 'always' };
    const r = validateScenario(draft);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = r.scenario;
    const replay = replayQuarter(traceTrial(s, 1), 1, s.compare);
    const [a, b] = replay.strategies;
    expect(a?.prospectingHours).toBeGreaterThan(0);
    expect(b?.prospectingHours).toBe(0);
    expect(replayProspects(replay)).toBe(true);
    expect(weekProspecting(a as NonNullable<typeof a>, 0)).toBeGreaterThanOrEqual(0);
    const total = Array.from({ length: replay.weeks }, (_, k) =>
      weekProspecting(a as NonNullable<typeof a>, k),
    ).reduce((x, y) => x + y, 0);
    expect(total).toBeCloseTo(a?.prospectingHours ?? Number.NaN, 9);
    // Every rep-week's hours, prospecting included, add up to the selling hours.
    for (const row of a?.cells ?? [])
      for (const cell of row) expect(cell.total).toBeCloseTo(s.team.sellingHoursPerWeek, 6);
    // Without prospecting the replay has none.
    const plain = small('focus-or-chase', 4);
    expect(replayProspects(replayQuarter(traceTrial(plain, 0), 0, plain.compare))).toBe(false);
  });
});
