import {
  attributionClause,
  type Diff,
  formatMoney,
  formatPercent,
  type RunSummary,
  type Stat,
  verdictSentence,
} from '@sweetspot/analysis';
import { mechanismsUsed, type Scenario } from '@sweetspot/scenario';

type Cell = string;

/**
 * Lines of a plain-text table: the first column (and any in `left`) left-aligned, the others
 * right-aligned; `trimEnd` drops the spaces that pad the last cells.
 */
export function padTable(rows: Cell[][], left: readonly number[] = [], trimEnd = true): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) => {
      const line = row
        .map((cell, i) =>
          i === 0 || left.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
        )
        .join('  ');
      return trimEnd ? line.trimEnd() : line;
    })
    .join('\n');
}

/** The plain-text comparison table of `sweetspot run`: A, B, A − B with its 95% CI, P(A beats B). */
export function comparisonTable(
  scenario: Scenario,
  summary: RunSummary,
  /** A precision-stopped run's line ("final: ±0.8% …"), shown under the title. */
  precision?: string,
): string {
  const { a, b } = summary.comparison;
  const A = summary.strategies[a];
  const B = summary.strategies[b];
  if (!A || !B) return 'No comparison: strategies missing from the summary.\n';
  const money = (x: number) => formatMoney(x, scenario.currency, undefined, { compact: true });
  const pct = (x: number) => formatPercent(x);
  const hours = (x: number) => x.toFixed(0);
  const count = (x: number) => x.toFixed(1);
  const { pricesHours: priced, prospects } = mechanismsUsed(scenario);
  const diffCell = (d: Diff, fmt: (x: number) => string) =>
    `${d.meanDiff >= 0 ? '+' : ''}${fmt(d.meanDiff)} [${fmt(d.ci95[0])}, ${fmt(d.ci95[1])}]`;
  const rows: Cell[][] = [['', `A: ${A.name}`, `B: ${B.name}`, 'A − B (95% CI)', 'P(A > B)']];
  const statRow = (
    label: string,
    sa: Stat,
    sb: Stat,
    d: Diff | undefined,
    fmt: (x: number) => string,
  ) =>
    rows.push([
      label,
      fmt(sa.mean),
      fmt(sb.mean),
      d ? diffCell(d, fmt) : '',
      d ? pct(d.pABeatsB) : '',
    ]);
  A.quarters.forEach((qa, q) => {
    const qb = B.quarters[q];
    const dq = summary.comparison.quarters[q];
    if (!qb || !dq) return;
    const label = `Q${q + 1}`;
    statRow(`${label} bookings (mean)`, qa.bookings, qb.bookings, dq.bookings, money);
    rows.push([
      `${label} bookings P10–P90`,
      `${money(qa.bookings.p10)}–${money(qa.bookings.p90)}`,
      `${money(qb.bookings.p10)}–${money(qb.bookings.p90)}`,
      '',
      '',
    ]);
    statRow(`${label} gross margin (mean)`, qa.margin, qb.margin, dq.margin, money);
    if (priced) {
      statRow(`${label} cost of sale (mean)`, qa.costOfSale, qb.costOfSale, dq.costOfSale, money);
      statRow(
        `${label} contribution (mean)`,
        qa.contribution,
        qb.contribution,
        dq.contribution,
        money,
      );
    }
    rows.push([`${label} P(team hits quota)`, pct(qa.pHitQuota), pct(qb.pHitQuota), '', '']);
    rows.push([
      `${label} reps at quota`,
      pct(qa.shareOfRepsAtQuota.mean),
      pct(qb.shareOfRepsAtQuota.mean),
      '',
      '',
    ]);
    rows.push([
      `${label} hours on lost/stalled deals`,
      qa.hoursWasted.mean.toFixed(0),
      qb.hoursWasted.mean.toFixed(0),
      '',
      '',
    ]);
    // Specialist pools (docs/model.md §12): only those some segment needs are in the summary.
    if (qa.pools.length > 0) {
      rows.push([
        `${label} specialist hours on lost/stalled deals`,
        hours(qa.specialistHoursWasted.mean),
        hours(qb.specialistHoursWasted.mean),
        '',
        '',
      ]);
      qa.pools.forEach((pa, i) => {
        const pb = qb.pools[i];
        if (!pb) return;
        const use = (p: typeof pa) =>
          `${hours(p.used)} of ${hours(p.capacity)} (${p.capacity > 0 ? pct(p.used / p.capacity) : '—'})`;
        rows.push([`${label} ${pa.name}: hours used`, use(pa), use(pb), '', '']);
      });
    }
    if (prospects) {
      rows.push([
        `${label} hours prospecting`,
        hours(qa.hoursProspecting),
        hours(qb.hoursProspecting),
        '',
        '',
      ]);
      rows.push([
        `${label} prospected opportunities`,
        count(qa.prospected),
        count(qb.prospected),
        '',
        '',
      ]);
    }
  });
  const h = summary.comparison.horizon;
  statRow('Horizon bookings (mean)', A.horizon.bookings, B.horizon.bookings, h.bookings, money);
  statRow('Horizon gross margin (mean)', A.horizon.margin, B.horizon.margin, h.margin, money);
  if (priced) {
    statRow(
      'Horizon cost of sale (mean)',
      A.horizon.costOfSale,
      B.horizon.costOfSale,
      h.costOfSale,
      money,
    );
    statRow(
      'Horizon contribution (mean)',
      A.horizon.contribution,
      B.horizon.contribution,
      h.contribution,
      money,
    );
  }
  statRow(
    'Retained recurring revenue',
    A.horizon.retainedRecurringRevenue,
    B.horizon.retainedRecurringRevenue,
    h.retainedRecurringRevenue,
    money,
  );
  rows.push([
    'P(hit quota every quarter)',
    pct(A.horizon.pHitQuotaEveryQuarter),
    pct(B.horizon.pHitQuotaEveryQuarter),
    '',
    '',
  ]);
  const title = `${summary.scenario} — ${summary.trials.toLocaleString('en-US')} trials, seed ${summary.seed}, ${scenario.currency}`;
  const signed = (x: number) =>
    formatMoney(x, scenario.currency, undefined, { compact: true, signed: true });
  const clause = attributionClause(h.attribution.bookings, signed);
  const split = clause === '' ? '' : `Horizon bookings gap: ${clause} (sweetspot explain).\n`;
  const precise = precision ? `Precision: ${precision}\n` : '';
  const verdict = verdictSentence(summary, 'year', scenario.currency);
  return `${verdict ? `${verdict}\n` : ''}${title}\n${precise}What differs: ${summary.comparison.difference}\n${split}\n${padTable(rows, [], false)}\n`;
}
