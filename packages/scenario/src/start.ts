/**
 * Facts about a start from today (docs/model.md §16) that more than one package needs.
 */
import type { Scenario } from './types.ts';

/**
 * Weeks played in reported quarter q (0-based): all of them, except in the first quarter of a
 * start from today, which is played from its start week on.
 *
 * @example quarterWeeks({ horizon: { weeksPerQuarter: 13 }, start: { weekOfQuarter: 9 } }, 0) // 5
 */
export function quarterWeeks(
  scenario:
    | Pick<Scenario, 'horizon' | 'start'>
    | { horizon: { weeksPerQuarter: number }; start?: { weekOfQuarter: number } },
  q: number,
): number {
  const K = scenario.horizon.weeksPerQuarter;
  return q === 0 && scenario.start ? K - (scenario.start.weekOfQuarter - 1) : K;
}
