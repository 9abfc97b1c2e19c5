/**
 * Results as CSV that opens cleanly in Excel and Google Sheets: UTF-8 with a byte-order mark
 * (Excel otherwise guesses a legacy code page and mangles "€" and "−"), CRLF line ends (RFC
 * 4180), and every text cell from the scenario (names) guarded against formula injection by
 * @sweetspot/analysis's csvText. Pure TS.
 */
import {
  csvNumber,
  csvText,
  type Diff,
  perTrialCsvLines,
  type RunSummary,
  type Stat,
} from '@sweetspot/analysis';
import type { SimulationChunk } from '@sweetspot/engine';
import { mechanismsUsed, type Scenario } from '@sweetspot/scenario';

export const BOM = '\uFEFF';
const EOL = '\r\n';
/** Lines per string part of a Blob (keeps a million-trial export from becoming one string). */
const LINES_PER_PART = 20_000;

/** Parts of a CSV file: the BOM, then the lines joined in batches. */
export function csvParts(lines: Iterable<string>): string[] {
  const parts = [BOM];
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length >= LINES_PER_PART) {
      parts.push(batch.join(''));
      batch = [];
    }
  }
  if (batch.length > 0) parts.push(batch.join(''));
  return parts;
}

/** Per-trial results (one row per trial, strategy and quarter, plus a horizon row). */
export function perTrialCsvParts(scenario: Scenario, chunk: SimulationChunk): string[] {
  return csvParts(perTrialCsvLines(scenario, chunk));
}

export const SUMMARY_CSV_HEADER = [
  'scenario',
  'seed',
  'trials',
  'currency',
  'period',
  'subject',
  'metric',
  'mean',
  'p10',
  'p50',
  'p90',
] as const;

interface Row {
  period: string;
  subject: string;
  metric: string;
  mean: number;
  p10?: number;
  p50?: number;
  p90?: number;
}

const stat = (period: string, subject: string, metric: string, s: Stat): Row => ({
  period,
  subject,
  metric,
  mean: s.mean,
  p10: s.p10,
  p50: s.p50,
  p90: s.p90,
});

const value = (period: string, subject: string, metric: string, v: number): Row => ({
  period,
  subject,
  metric,
  mean: v,
});

const diff = (period: string, metric: string, d: Diff): Row[] => [
  { period, subject: 'A − B', metric, mean: d.meanDiff, p10: d.p10, p50: d.p50, p90: d.p90 },
  value(period, 'A − B', `P(A beats B) on ${metric}`, d.pABeatsB),
];

/**
 * The summary as a long table: one row per period (Q1…Qn, horizon), subject (each strategy as
 * "A: name", "B: name" or its name, and "A − B") and metric, with mean and P10/P50/P90 where the
 * metric is a distribution (probabilities and means have only `mean`).
 */
export function summaryCsv(scenario: Scenario, summary: RunSummary): string {
  const rows: Row[] = [];
  const { a, b } = summary.comparison;
  // The rows of the optional mechanisms (docs/model.md §12–§14) only when the scenario uses
  // them: a scenario without them gives the same file as before.
  const used = mechanismsUsed(scenario);
  const subjectOf = (id: string, name: string) =>
    id === a ? `A: ${name}` : id === b ? `B: ${name}` : name;
  const quarters = summary.strategies[summary.strategyOrder[0] ?? '']?.quarters.length ?? 0;
  for (let q = 0; q < quarters; q++) {
    const period = `Q${q + 1}`;
    for (const id of summary.strategyOrder) {
      const st = summary.strategies[id];
      const qs = st?.quarters[q];
      if (!st || !qs) continue;
      const subject = subjectOf(id, st.name);
      rows.push(
        stat(period, subject, 'bookings', qs.bookings),
        stat(period, subject, 'margin', qs.margin),
        stat(period, subject, 'attainment', qs.attainment),
        value(period, subject, 'P(team hits quota)', qs.pHitQuota),
        stat(period, subject, 'reps at quota', qs.repsAtQuota),
        stat(period, subject, 'share of reps at quota', qs.shareOfRepsAtQuota),
        stat(period, subject, 'hours wasted', qs.hoursWasted),
        value(period, subject, 'hours idle', qs.hoursIdle),
        value(period, subject, 'push rep-weeks', qs.pushRepWeeks),
        value(period, subject, 'deals pulled in', qs.pulledIn),
        value(period, subject, 'discount given', qs.discountGiven),
      );
      if (used.pricesHours)
        rows.push(
          stat(period, subject, 'cost of sale', qs.costOfSale),
          stat(period, subject, 'contribution', qs.contribution),
        );
      if (used.specialists) {
        rows.push(stat(period, subject, 'specialist hours wasted', qs.specialistHoursWasted));
        for (const pool of qs.pools) {
          rows.push(value(period, subject, `${pool.name}: hours used`, pool.used));
        }
      }
      if (used.prospects)
        rows.push(
          value(period, subject, 'hours prospecting', qs.hoursProspecting),
          value(period, subject, 'prospected opportunities', qs.prospected),
        );
    }
    const cq = summary.comparison.quarters[q];
    if (cq) {
      rows.push(...diff(period, 'bookings', cq.bookings), ...diff(period, 'margin', cq.margin));
      if (used.pricesHours)
        rows.push(
          ...diff(period, 'cost of sale', cq.costOfSale),
          ...diff(period, 'contribution', cq.contribution),
        );
    }
  }
  const horizon = 'horizon';
  for (const id of summary.strategyOrder) {
    const st = summary.strategies[id];
    if (!st) continue;
    const subject = subjectOf(id, st.name);
    rows.push(
      stat(horizon, subject, 'bookings', st.horizon.bookings),
      stat(horizon, subject, 'margin', st.horizon.margin),
      stat(horizon, subject, 'retained recurring revenue', st.horizon.retainedRecurringRevenue),
      value(horizon, subject, 'P(team hits quota)', st.horizon.pHitQuota),
      value(horizon, subject, 'P(team hits quota every quarter)', st.horizon.pHitQuotaEveryQuarter),
    );
    if (used.pricesHours)
      rows.push(
        stat(horizon, subject, 'cost of sale', st.horizon.costOfSale),
        stat(horizon, subject, 'contribution', st.horizon.contribution),
      );
  }
  const ch = summary.comparison.horizon;
  rows.push(
    ...diff(horizon, 'bookings', ch.bookings),
    ...diff(horizon, 'margin', ch.margin),
    ...diff(horizon, 'retained recurring revenue', ch.retainedRecurringRevenue),
  );
  if (used.pricesHours)
    rows.push(
      ...diff(horizon, 'cost of sale', ch.costOfSale),
      ...diff(horizon, 'contribution', ch.contribution),
    );

  const fixed = [
    csvText(scenario.name),
    csvNumber(scenario.seed),
    csvNumber(summary.trials),
    csvText(summary.currency),
  ].join(',');
  const opt = (v: number | undefined) => (v === undefined ? '' : csvNumber(v));
  const lines = [SUMMARY_CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        fixed,
        csvText(r.period),
        csvText(r.subject),
        csvText(r.metric),
        csvNumber(r.mean),
        opt(r.p10),
        opt(r.p50),
        opt(r.p90),
      ].join(','),
    );
  }
  return BOM + lines.join(EOL) + EOL;
}
