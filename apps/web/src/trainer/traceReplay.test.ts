/**
 * The replay against the real engine: a traced trial's quarter ends exactly on the bookings that
 * the same trial has in a normal run's per-trial columns (same world, same results).
 */
import { simulateChunk, traceTrial } from '@sweetspot/engine';
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { LESSONS, lessonScenario } from './lessons.ts';
import { pickTrial, quarterColumns } from './pickTrial.ts';
import { replayQuarter } from './replay.ts';

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
          // Every rep-week's hours (worked + qualification + overhead + idle) add up to the
          // week's capacity: the selling hours, times the push's overtime in push weeks.
          for (const st of replay.strategies) {
            const strategy = s.strategies.find((x) => x.id === st.id);
            const overtime = strategy?.quarterEndPush?.overtime ?? 1;
            expect(st.cells).toHaveLength(s.team.reps);
            st.cells.forEach((row, rep) => {
              expect(row).toHaveLength(s.horizon.weeksPerQuarter);
              row.forEach((cell, k) => {
                const [worked, qualification, overhead, idle] = cell.hours as [
                  number,
                  number,
                  number,
                  number,
                ];
                expect(cell.hours).toHaveLength(4);
                const sum = worked + qualification + overhead + idle;
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
