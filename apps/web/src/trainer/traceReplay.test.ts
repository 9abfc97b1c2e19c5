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
          // Every rep-week's hours add up to the week's capacity (overtime in push weeks).
          for (const row of ra?.cells ?? [])
            for (const cell of row) expect(cell.total).toBeGreaterThan(0);
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
