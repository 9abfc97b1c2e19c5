/** What the import dialog's tests build their cases from (test files only). */
import type { Analysis } from './types.ts';

/** A ten-row analysis with nothing found, but for `part`. */
export function analysisWith(part: Partial<Analysis>): Analysis {
  return {
    rows: 10,
    columns: [],
    guess: {},
    joins: [],
    outcomeValues: 0,
    dates: {},
    distinct: {},
    ...part,
  };
}
