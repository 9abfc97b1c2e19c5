/** Library rules that need no database: opening a stored scenario, headlines, copy names. */
import type { RunSummary } from '@sweetspot/analysis';
import { openScenarioDocument, type ScenarioDocumentResult } from '../share/scenarioFile.ts';
import type { LibraryHeadline } from './store.ts';

/** A stored scenario, ready to edit (older formats migrated, newer ones refused). */
export const openStoredScenario = openScenarioDocument;
export type OpenResult = ScenarioDocumentResult;

/** "Year" for four quarters, else "N quarters" (or "Quarter"): the horizon's name. */
export function horizonLabel(quarters: number): string {
  return quarters === 4 ? 'Year' : quarters === 1 ? 'Quarter' : `${quarters} quarters`;
}

/** The figures the library lists for a run: mean bookings of A and B over the horizon, P(A > B). */
export function headlineOf(summary: RunSummary, computedAt: number): LibraryHeadline | undefined {
  const { a, b } = summary.comparison;
  const sa = summary.strategies[a];
  const sb = summary.strategies[b];
  if (!sa || !sb) return undefined;
  return {
    period: horizonLabel(sa.quarters.length),
    currency: summary.currency,
    trials: summary.trials,
    a: { id: a, name: sa.name, meanBookings: sa.horizon.bookings.mean },
    b: { id: b, name: sb.name, meanBookings: sb.horizon.bookings.mean },
    pABeatsB: summary.comparison.horizon.bookings.pABeatsB,
    computedAt,
  };
}

/** "Name (copy)", "Name (copy 2)", … not already among `taken`. */
export function copyName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = name.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A trimmed, non-empty name of at most 120 characters, or undefined. */
export function cleanName(name: string): string | undefined {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  return trimmed === '' ? undefined : trimmed.slice(0, 120);
}
