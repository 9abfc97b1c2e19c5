/** Plain-text rendering of a calibration (for the CLI and text exports): tables, not prose. */
import { WEEK_START_OFFSET } from './build-scenario.ts';
import type { Calibration, SegmentFit } from './calibrate.ts';
import { DATE_FORMAT_NAMES } from './dates.ts';
import type { JoinReport } from './join.ts';
import type { OutcomeEntry } from './mapping.ts';
import type { RowReport } from './report.ts';

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const wk = (x: number | undefined) => (x === undefined ? 'n/r' : x.toFixed(1));
const cut = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Left-aligned columns separated by two spaces. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One column per segment, one row per fitted quantity. */
export function formatFitTable(cal: Calibration): string {
  const col = (label: string, f: (fit: SegmentFit) => string) => [label, ...cal.fits.map(f)];
  return textTable([
    col('segment', (f) => cut(f.id, 24)),
    col('name', (f) => cut(f.name, 24)),
    col('sweet spot', (f) => (f.sweetSpot ? 'yes' : 'no')),
    ...(cal.fits.some((f) => f.noDecision > 0)
      ? [
          col(
            'rows: won/lost/no decision/open',
            (f) => `${f.won}/${f.lost}/${f.noDecision}/${f.open}`,
          ),
        ]
      : [col('rows: won/lost/open', (f) => `${f.won}/${f.lost}/${f.open}`)]),
    ...(cal.fits.some((f) => f.stale > 0)
      ? [col('  stale open deals', (f) => String(f.stale))]
      : []),
    col('win rate (posterior mean)', (f) => pct(f.winRate.mean)),
    col(
      `  ${Math.round(f0(cal).winRate.level * 100)}% interval`,
      (f) => `${pct(f.winRate.lower)}–${pct(f.winRate.upper)}`,
    ),
    col('  evidence (closed deals)', (f) => int(f.winRate.evidence)),
    col(
      'deal size median: fit / observed',
      (f) => `${int(f.dealSize.median)} / ${int(f.dealSize.empiricalMedian)}`,
    ),
    col(
      'deal size p90: fit / observed',
      (f) => `${int(f.dealSize.p90)} / ${int(f.dealSize.empiricalP90)}`,
    ),
    col(
      'deal size mean: fit / observed',
      (f) => `${int(f.dealSize.fittedMean)} / ${int(f.dealSize.mean)}`,
    ),
    col('  won amounts (n), KS D', (f) => `${f.dealSize.n}, ${f.dealSize.ks.toFixed(3)}`),
    col(
      'cycle median wk: KM / closed-only',
      (f) => `${wk(f.cycle.km.median)} / ${wk(f.cycle.naive.median)}`,
    ),
    col(
      'cycle p90 wk: KM / closed-only',
      (f) => `${wk(f.cycle.km.p90)} / ${wk(f.cycle.naive.p90)}`,
    ),
    col('  closed / censored', (f) => `${f.cycle.events} / ${f.cycle.censored}`),
    col('discount (n)', (f) =>
      f.discount.source === 'none'
        ? '0 (no list price)'
        : `${pct(f.discount.value)} (${f.discount.n})`,
    ),
    col('opportunities / rep / week', (f) =>
      f.arrivals.perRepPerWeek === undefined
        ? `${f.arrivals.perWeek.toFixed(2)} / team`
        : f.arrivals.perRepPerWeek.toFixed(3),
    ),
    col(
      'scenario dealSize median / p90',
      (f) => `${int(f.listDealSize.median)} / ${int(f.listDealSize.p90)}`,
    ),
    col(
      'scenario cycle median / p90 wk (won + ½)',
      (f) =>
        `${(f.wonCycle.median + WEEK_START_OFFSET).toFixed(1)} / ${(f.wonCycle.p90 + WEEK_START_OFFSET).toFixed(1)}`,
    ),
    col('size–cycle correlation (90%)', (f) =>
      Number.isFinite(f.sizeCycle.r)
        ? `${f.sizeCycle.value.toFixed(2)} (${f.sizeCycle.low.toFixed(2)} to ${f.sizeCycle.high.toFixed(2)})`
        : '0 (too few won deals)',
    ),
  ]);
}

function f0(cal: Calibration): SegmentFit {
  return cal.fits[0] as SegmentFit;
}

/** Counts per reason, then the first `limit` rows with their line numbers. */
export function formatRowReport(report: RowReport, limit = 20): string {
  const lines = [
    `Rows: ${int(report.rowsRead)} read, ${int(report.rowsUsed)} used (${int(report.rowsPartial)} of them only in part), ${int(report.rowsRejected)} rejected; ${int(report.blankLines)} blank lines skipped${report.preambleLines > 0 ? `, ${report.preambleLines} lines before the header skipped` : ''}.`,
  ];
  if (report.counts.length > 0) {
    lines.push(
      textTable([
        ['count', 'kind', 'reason'],
        ...report.counts.map((c) => [int(c.count), c.severity, c.text]),
      ]),
    );
    const shown = report.issues.slice(0, limit);
    lines.push(`First ${shown.length} of ${int(report.issues.length)}:`);
    for (const i of shown)
      lines.push(`  line ${i.line}: ${i.reason}${i.detail ? ` — ${cut(i.detail, 100)}` : ''}`);
  }
  return lines.join('\n');
}

/** How each stage value is read, for confirmation. */
export function formatOutcomes(outcomes: readonly OutcomeEntry[]): string {
  const guessed = outcomes.some((o) => o.guessed);
  return [
    `Stage values${guessed ? ' (guessed: confirm, or set them with --won / --lost / --no-decision-stage)' : ''}:`,
    textTable(
      outcomes.slice(0, 50).map((o) => [`  ${cut(o.value)}`, '→', o.outcome, int(o.count)]),
    ),
  ].join('\n');
}

/** Join matches, unmatched keys and near-miss suggestions. */
export function formatJoins(joins: readonly JoinReport[]): string {
  const lines: string[] = [];
  for (const j of joins) {
    lines.push(
      `Join ${j.column} → ${j.source} (${j.key}): ${int(j.matched)} matched${j.aliased > 0 ? ` (${int(j.aliased)} via aliases)` : ''}, ${int(j.emptyKey)} empty, ${int(j.unmatched.reduce((s, u) => s + u.rows, 0))} unmatched`,
    );
    for (const u of j.unmatched.slice(0, 10))
      lines.push(
        `  "${cut(u.key)}" (${int(u.rows)} rows, e.g. line ${u.firstLines[0] ?? '?'})${u.suggestions.length > 0 ? `: did you mean "${u.suggestions[0]}"? --alias '${j.column}:${cut(u.key)}=${u.suggestions[0]}'` : ''}`,
      );
    if (j.duplicateKeys.length > 0)
      lines.push(
        `  duplicate keys in ${j.source} (first row used): ${j.duplicateKeys
          .slice(0, 5)
          .map((k) => `"${cut(k)}"`)
          .join(', ')}`,
      );
  }
  return lines.join('\n');
}

/** Dates, as-of and data range. */
export function formatSummary(cal: Calibration): string {
  const d = cal.dates;
  const how = (x: typeof d.created) =>
    `${!x.given && x.detection.kind === 'detected' ? x.detection.format : DATE_FORMAT_NAMES[x.order]} (${x.given ? 'given' : 'detected'})`;
  return [
    `Dates: ${d.created.column} ${how(d.created)}, ${d.closed.column} ${how(d.closed)}.`,
    `Created ${cal.createdRange.from} to ${cal.createdRange.to} (${cal.weeksSpanned.toFixed(1)} weeks)${cal.closedRange ? `, closed ${cal.closedRange.from} to ${cal.closedRange.to}` : ''}; as of ${cal.asOf.date} (${cal.asOf.source === 'user' ? 'given' : 'latest date in the file'})${cal.fits.some((f) => f.noDecision > 0) || cal.outcomes.some((o) => o.outcome === 'no-decision') ? `; no-decision deals: ${cal.noDecision === 'lost' ? 'counted as lost' : cal.noDecision === 'exclude' ? 'left out of win rates' : 'dropped'}` : ''}; ${cal.owners > 0 ? `${cal.owners} distinct owners` : 'no owner column'}.`,
  ].join('\n');
}
