/**
 * Per-trial results as CSV (RFC 4180: comma-separated, CRLF line ends, fields holding a comma,
 * quote, CR or LF enclosed in double quotes with inner quotes doubled). Text cells are guarded
 * against spreadsheet formula injection (OWASP, "CSV Injection"): a cell starting with =, +, -,
 * @, tab or CR gets a leading apostrophe so spreadsheets show it as text.
 */
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { checkChunkShape, teamQuota as quotaOf } from './chunk.ts';

/** Columns of the per-trial CSV, in order. */
export const PER_TRIAL_CSV_HEADER = [
  'trial',
  'strategy',
  'quarter',
  'bookings',
  'margin',
  'attainment',
  'repsAtQuota',
  'hoursWasted',
  'retainedRecurringRevenue',
  // Added after the original nine, so that readers of those keep working (docs/model.md §12–§13).
  'costOfSale',
  'contribution',
  'specialistHoursWasted',
] as const;

const EOL = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made safe for spreadsheets (formula prefix neutralised) and quoted per RFC 4180. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A numeric cell: the shortest exact decimal, or empty for NaN / ±Infinity. */
export function csvNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/**
 * Lines of the per-trial CSV, each ending in CRLF: a header, then for every trial (numbered
 * as in the engine, from chunk.trialStart) and strategy (scenario order) one row per quarter
 * (1…Q: bookings, margin, attainment = bookings / team quota, repsAtQuota, hoursWasted,
 * costOfSale, contribution, specialistHoursWasted) and a `horizon` row (bookings, margin, cost of
 * sale and contribution summed over quarters, retainedRecurringRevenue; other cells blank).
 * Yields one line at a time, so a million trials never form one string.
 */
export function* perTrialCsvLines(scenario: Scenario, chunk: SimulationChunk): Generator<string> {
  checkChunkShape(scenario, chunk);
  const layout = layoutOf(chunk);
  const n = chunk.trialCount;
  const Q = layout.quarters;
  const teamQuota = quotaOf(scenario);
  const ids = scenario.strategies.map((s) => csvText(s.id));
  const col = (s: number, c: number) => layout.columnOffset(s, c, n);
  const quarterOffsets = scenario.strategies.map((_, s) =>
    Array.from({ length: Q }, (_, q) => ({
      bookings: col(s, layout.quarterColumn(q, 'bookings')),
      margin: col(s, layout.quarterColumn(q, 'margin')),
      repsAtQuota: col(s, layout.quarterColumn(q, 'repsAtQuota')),
      hoursWasted: col(s, layout.quarterColumn(q, 'hoursWasted')),
      costOfSale: col(s, layout.quarterColumn(q, 'costOfSale')),
      contribution: col(s, layout.quarterColumn(q, 'contribution')),
      specialistHoursWasted: col(s, layout.quarterColumn(q, 'specialistHoursWasted')),
    })),
  );
  const retainedOffsets = scenario.strategies.map((_, s) =>
    col(s, layout.horizonColumn('retainedRecurringRevenue')),
  );
  const v = (i: number) => chunk.columns[i] as number;

  yield PER_TRIAL_CSV_HEADER.join(',') + EOL;
  for (let t = 0; t < n; t++) {
    const trial = chunk.trialStart + t;
    for (let s = 0; s < ids.length; s++) {
      const id = ids[s] as string;
      let bookingsSum = 0;
      let marginSum = 0;
      let costSum = 0;
      let contributionSum = 0;
      const offsets = quarterOffsets[s] ?? [];
      for (let q = 0; q < Q; q++) {
        const o = offsets[q];
        if (!o) continue;
        const bookings = v(o.bookings + t);
        const margin = v(o.margin + t);
        const cost = v(o.costOfSale + t);
        const contribution = v(o.contribution + t);
        bookingsSum += bookings;
        marginSum += margin;
        costSum += cost;
        contributionSum += contribution;
        yield `${trial},${id},${q + 1},${csvNumber(bookings)},${csvNumber(margin)},${csvNumber(
          bookings / teamQuota,
        )},${csvNumber(v(o.repsAtQuota + t))},${csvNumber(v(o.hoursWasted + t))},,${csvNumber(
          cost,
        )},${csvNumber(contribution)},${csvNumber(v(o.specialistHoursWasted + t))}${EOL}`;
      }
      const retained = v((retainedOffsets[s] ?? 0) + t);
      yield `${trial},${id},horizon,${csvNumber(bookingsSum)},${csvNumber(marginSum)},,,,${csvNumber(
        retained,
      )},${csvNumber(costSum)},${csvNumber(contributionSum)},${EOL}`;
    }
  }
}

/** The whole per-trial CSV as one string (see perTrialCsvLines; prefer it for big runs). */
export function perTrialCsv(scenario: Scenario, chunk: SimulationChunk): string {
  return Array.from(perTrialCsvLines(scenario, chunk)).join('');
}
