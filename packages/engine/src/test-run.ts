/** A simulated scenario with readers for its aggregates and columns (test files only). */
import type { Scenario } from '@sweetspot/scenario';
import { layoutOf, type SegmentAggregate, type TeamAggregate } from './layout.ts';
import { simulateChunk } from './simulate.ts';

/** The segment aggregates a rep's hours go to besides idle (without prospecting, §14). */
export const HOUR_USES = [
  'hoursWon',
  'hoursLost',
  'hoursStalled',
  'hoursQualification',
  'hoursOverhead',
] as const;

/** Simulates every trial of `scenario` in one chunk; reads its aggregates in real units. */
export function simulated(scenario: Scenario) {
  const chunk = simulateChunk(scenario, 0, scenario.trials);
  const layout = layoutOf(chunk);
  const seg = (st: number, q: number, g: number, m: SegmentAggregate) =>
    layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(st, q, g, m));
  const team = (st: number, q: number, m: TeamAggregate) =>
    layout.aggregateValue(chunk.aggregates, layout.teamAggregate(st, q, m));
  /** Sum over quarters and segments. */
  const total = (st: number, m: SegmentAggregate) => {
    let sum = 0;
    for (let q = 0; q < layout.quarters; q++)
      for (let g = 0; g < layout.segments; g++) sum += seg(st, q, g, m);
    return sum;
  };
  const col = (st: number, c: number) => {
    const start = layout.columnOffset(st, c, chunk.trialCount);
    return Array.from(chunk.columns.subarray(start, start + chunk.trialCount));
  };
  return { chunk, layout, seg, team, total, col };
}

/**
 * Quarter by quarter, every deal pursued so far has ended (won, lost, stalled) or is open at the
 * end of the quarter: pursued so far = ended so far + open at the quarter's end. Returns the
 * strategies and quarters where that fails (none: an empty list).
 */
export function unaccountedDeals(scenario: Scenario): string[] {
  const { layout, team, seg } = simulated(scenario);
  const failures: string[] = [];
  for (let st = 0; st < layout.strategies; st++) {
    let pursued = 0;
    let ended = 0;
    for (let q = 0; q < layout.quarters; q++) {
      for (let g = 0; g < layout.segments; g++) {
        pursued += seg(st, q, g, 'pursued');
        ended += seg(st, q, g, 'wins') + seg(st, q, g, 'losses') + seg(st, q, g, 'stalls');
      }
      const open = team(st, q, 'openDealsAtEnd');
      if (pursued !== ended + open) {
        failures.push(
          `strategy ${st}, quarter ${q}: ${pursued} pursued, ${ended} ended, ${open} open`,
        );
      }
    }
  }
  return failures;
}
