/**
 * Calibration: from a parsed export (plus lookup tables, a column mapping and segment rules) to
 * per-segment fits with diagnostics and a row report. Pure and synchronous; never throws for
 * bad data: problems come back as structured results.
 */
import { type ArrivalFit, fitArrivals } from './arrivals.ts';
import type { CsvTable } from './csv.ts';
import { type CycleFit, fitCycle } from './cycle-fit.ts';
import { type DateDetection, type DateOrder, formatDay, parseDate } from './dates.ts';
import { type DiscountFit, fitDiscount } from './discount-fit.ts';
import { type JoinReport, type JoinSpec, joinTables } from './join.ts';
import { fitLognormal, type LognormalFit } from './lognormal-fit.ts';
import {
  type ColumnMapping,
  type OutcomeEntry,
  type OutcomeRules,
  outcomeTable,
} from './mapping.ts';
import { type DecimalSeparator, parseAmount } from './numbers.ts';
import {
  detectColumnDates,
  extractOpportunities,
  type Opportunity,
  resolveMapping,
} from './records.ts';
import { quoted, type RowReport, RowReportBuilder } from './report.ts';
import { compileSegments, describeCondition, type SegmentRule } from './segments.ts';
import { fitWinRate, type WinRateFit } from './winrate.ts';

export type { ArrivalFit, CycleFit, DiscountFit };

export interface CalibrationOptions {
  mapping: ColumnMapping;
  /** Explicit won / lost stage values; without them, the defaults of `guessOutcome`. */
  outcomes?: OutcomeRules;
  joins?: readonly JoinSpec[];
  /** Segment rules, first match wins; none: one catch-all sweet-spot segment `all`. */
  segments?: readonly SegmentRule[];
  /** Date order for both date columns, or per column; detected from the values when absent. */
  dateOrder?: DateOrder | { created?: DateOrder; closed?: DateOrder };
  decimal?: DecimalSeparator;
  /** `yyyy-mm-dd`; default: the latest created or close date of a closed deal in the file. */
  asOf?: string;
  /** Warn when a segment has fewer closed deals than this (default 30). */
  minClosedDeals?: number;
  /** Credible-interval level for the win rate (default 0.9). */
  level?: number;
  /** File name, for provenance. */
  fileName?: string;
}

export type ProblemCode =
  | 'csv'
  | 'mapping'
  | 'join'
  | 'segments'
  | 'ambiguous-date'
  | 'inconsistent-date'
  | 'unrecognized-date'
  | 'as-of'
  | 'no-data'
  | 'unfittable';

export interface CalibrationProblem {
  code: ProblemCode;
  message: string;
  /** For date problems: the column, the candidate orders and some example values. */
  column?: string;
  candidates?: DateOrder[];
  formats?: string[];
  examples?: string[];
}

export interface SegmentFit {
  id: string;
  name: string;
  sweetSpot: boolean;
  conditions: string[];
  rows: number;
  won: number;
  lost: number;
  open: number;
  winRate: WinRateFit;
  /** Lognormal fit of won (booked) amounts. */
  dealSize: LognormalFit;
  /** Deal size as list value (booked ÷ (1 − discount)): the scenario's dealSize. */
  listDealSize: { median: number; p90: number };
  cycle: CycleFit;
  discount: DiscountFit;
  arrivals: ArrivalFit;
  warnings: string[];
}

export interface DateInfo {
  column: string;
  detection: DateDetection;
  /** The order used (detected or given). */
  order: DateOrder;
  given: boolean;
}

export interface Calibration {
  ok: true;
  fileName?: string;
  fits: SegmentFit[];
  report: RowReport;
  joins: JoinReport[];
  outcomes: OutcomeEntry[];
  dates: { created: DateInfo; closed: DateInfo };
  asOf: { date: string; source: 'data' | 'user' };
  /** Created dates of used rows. */
  createdRange: { from: string; to: string };
  /** Close dates of used closed deals. */
  closedRange?: { from: string; to: string };
  owners: number;
  weeksSpanned: number;
  mapping: ColumnMapping;
  warnings: string[];
}

export interface CalibrationFailure {
  ok: false;
  problems: CalibrationProblem[];
  report?: RowReport;
  joins?: JoinReport[];
  outcomes?: OutcomeEntry[];
}

export type CalibrationResult = Calibration | CalibrationFailure;

const MAX_SEGMENTS = 20;

function fail(
  problems: CalibrationProblem[],
  extra: Partial<CalibrationFailure> = {},
): CalibrationFailure {
  return { ok: false, problems, ...extra };
}

function dateProblem(column: string, detection: DateDetection): CalibrationProblem | undefined {
  switch (detection.kind) {
    case 'detected':
      return undefined;
    case 'ambiguous':
      return {
        code: 'ambiguous-date',
        column,
        candidates: detection.candidates,
        formats: detection.formats,
        examples: detection.examples,
        message: `every date in column "${column}" fits ${detection.formats.join(' and ')} (e.g. ${detection.examples.join(', ')}): say which one`,
      };
    case 'inconsistent':
      return {
        code: 'inconsistent-date',
        column,
        examples: detection.examples,
        message: `dates in column "${column}" mix formats (e.g. ${detection.examples.join(', ')}): no single one of yyyy-mm-dd, dd/mm/yyyy, mm/dd/yyyy fits them all; say which one to use (rows that do not fit it are reported)`,
      };
    case 'unrecognized':
      return {
        code: 'unrecognized-date',
        column,
        examples: detection.examples,
        message: `column "${column}" holds no recognizable dates (e.g. ${detection.examples.map((e) => `"${e.slice(0, 40)}"`).join(', ')}); dates must look like yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy`,
      };
    case 'empty':
      return { code: 'unrecognized-date', column, message: `column "${column}" is empty` };
  }
}

/** Calibrates segments from a parsed export. */
export function calibrate(table: CsvTable, options: CalibrationOptions): CalibrationResult {
  try {
    return calibrateUnsafe(table, options);
  } catch (error) {
    // Defensive: a bug must still end in a structured report, not an exception.
    return fail([
      { code: 'no-data', message: `calibration failed unexpectedly (${String(error)})` },
    ]);
  }
}

function calibrateUnsafe(table: CsvTable, options: CalibrationOptions): CalibrationResult {
  if (table.fatal) return fail([{ code: 'csv', message: table.fatal.message }]);
  const decimal = options.decimal ?? '.';
  const minClosedDeals = options.minClosedDeals ?? 30;

  const joined = joinTables(table, options.joins ?? []);
  if (!joined.ok) return fail([{ code: 'join', message: joined.message }]);
  const view = joined.view;
  const joins = view.reports;

  const mapped = resolveMapping(options.mapping, view);
  if (!mapped.ok) return fail([{ code: 'mapping', message: mapped.message }], { joins });
  const mapping = mapped.value;

  const rules: readonly SegmentRule[] =
    options.segments && options.segments.length > 0
      ? options.segments
      : [{ id: 'all', name: 'All opportunities', sweetSpot: true, conditions: [] }];
  if (rules.length > MAX_SEGMENTS)
    return fail([
      { code: 'segments', message: `at most ${MAX_SEGMENTS} segments (got ${rules.length})` },
    ]);
  const compiled = compileSegments(rules, view, table.rows.length, decimal);
  if (!compiled.ok) return fail([{ code: 'segments', message: compiled.message }], { joins });

  // Dates: one order per column, detected unless given; never guessed when ambiguous.
  const given =
    typeof options.dateOrder === 'string'
      ? { created: options.dateOrder, closed: options.dateOrder }
      : (options.dateOrder ?? {});
  const dateInfo = (field: 'created' | 'closed'): DateInfo | CalibrationProblem => {
    const column = mapping[field] as string;
    const detection = detectColumnDates(view, column, table.rows.length);
    const order = given[field];
    if (order) return { column, detection, order, given: true };
    if (detection.kind === 'detected')
      return { column, detection, order: detection.order, given: false };
    return dateProblem(column, detection) as CalibrationProblem;
  };
  const created = dateInfo('created');
  const closed = dateInfo('closed');
  const dateProblems = [created, closed].filter((d): d is CalibrationProblem => 'code' in d);
  if (dateProblems.length > 0) return fail(dateProblems, { joins });
  const dates = { created: created as DateInfo, closed: closed as DateInfo };

  const readStage = view.reader(mapping.stage as string);
  const outcomes = outcomeTable(
    (function* () {
      for (let r = 0; r < table.rows.length; r++) yield readStage(r);
    })(),
    options.outcomes,
  );

  const report = new RowReportBuilder();
  for (const issue of table.issues) report.reject(issue.line, issue.reason, issue.detail);
  const extracted = extractOpportunities(
    table,
    view,
    mapping,
    { created: dates.created.order, closed: dates.closed.order, decimal, outcomes },
    report,
  );

  // As-of date: given, or the latest date in the file (open deals' close dates are forecasts).
  let asOfDay: number;
  let asOfSource: 'data' | 'user';
  if (options.asOf !== undefined) {
    const d = parseDate(options.asOf, 'ymd');
    if (d === undefined)
      return fail([{ code: 'as-of', message: `as-of date "${options.asOf}" must be yyyy-mm-dd` }]);
    asOfDay = d;
    asOfSource = 'user';
  } else {
    asOfDay = Number.NEGATIVE_INFINITY;
    for (const o of extracted) asOfDay = Math.max(asOfDay, o.created, o.closed ?? o.created);
    asOfSource = 'data';
  }

  const bySegment: Opportunity[][] = rules.map(() => []);
  const used: Opportunity[] = [];
  for (const o of extracted) {
    if (o.created > asOfDay) {
      report.reject(o.line, 'created-after-as-of', formatDay(o.created));
      continue;
    }
    if (o.closed !== undefined && o.closed > asOfDay) {
      report.partial(o.line, 'closed-after-as-of', formatDay(o.closed));
      o.outcome = 'open';
      delete o.closed;
      delete o.amount;
    }
    const s = compiled.value.assign(o.row);
    if (s < 0) {
      const values = compiled.value.columns
        .map((c) => `${c} ${quoted(view.reader(c)(o.row).trim(), 40)}`)
        .join(', ');
      report.reject(
        o.line,
        'no-segment',
        view.joinProblem(o.row, compiled.value.columns) ?? values,
      );
      continue;
    }
    (bySegment[s] as Opportunity[]).push(o);
    used.push(o);
  }
  const rowReport = report.build(
    table.rows.length + table.issues.length,
    table.blankLines,
    table.preambleLines,
  );
  if (used.length === 0)
    return fail([{ code: 'no-data', message: 'no usable rows: see the row report' }], {
      report: rowReport,
      joins,
      outcomes,
    });

  let minCreated = Number.POSITIVE_INFINITY;
  let maxCreated = Number.NEGATIVE_INFINITY;
  let minClosed = Number.POSITIVE_INFINITY;
  let maxClosed = Number.NEGATIVE_INFINITY;
  const owners = new Set<string>();
  for (const o of used) {
    minCreated = Math.min(minCreated, o.created);
    maxCreated = Math.max(maxCreated, o.created);
    if (o.closed !== undefined) {
      minClosed = Math.min(minClosed, o.closed);
      maxClosed = Math.max(maxClosed, o.closed);
    }
    if (o.owner !== '') owners.add(o.owner);
  }
  const weeks = (maxCreated - minCreated + 1) / 7;
  const ownerCount = mapping.owner === undefined ? 0 : owners.size;

  const problems: CalibrationProblem[] = [];
  const warnings: string[] = [...compiled.value.warnings];
  const fits: SegmentFit[] = [];
  rules.forEach((rule, i) => {
    const opps = bySegment[i] as Opportunity[];
    const won = opps.filter((o) => o.outcome === 'won').length;
    const lost = opps.filter((o) => o.outcome === 'lost').length;
    const open = opps.length - won - lost;
    const dealSize = fitLognormal(opps.flatMap((o) => (o.amount !== undefined ? [o.amount] : [])));
    const cycle = fitCycle(opps, asOfDay);
    if (opps.length === 0) {
      problems.push({ code: 'unfittable', message: `segment "${rule.id}" matches no usable rows` });
      return;
    }
    if (!dealSize || !cycle) {
      problems.push({
        code: 'unfittable',
        message: `segment "${rule.id}" has ${!dealSize ? 'no won deals with an amount (deal size cannot be fitted)' : 'no closed deals (the sales cycle cannot be fitted)'}: merge it with another segment or drop it`,
      });
      return;
    }
    const segWarnings: string[] = [];
    if (won + lost < minClosedDeals)
      segWarnings.push(
        `only ${won + lost} closed deals (fewer than ${minClosedDeals}): the fitted numbers are rough`,
      );
    if (dealSize.n > 30 && dealSize.ks > dealSize.ksCritical05)
      segWarnings.push(
        `deal sizes are not lognormal-shaped (KS ${dealSize.ks.toFixed(3)} > ${dealSize.ksCritical05.toFixed(3)}); fitted median ${Math.round(dealSize.median)} vs observed ${Math.round(dealSize.empiricalMedian)}, fitted p90 ${Math.round(dealSize.p90)} vs observed ${Math.round(dealSize.empiricalP90)}`,
      );
    segWarnings.push(...cycle.notes);
    const discount = fitDiscount(opps, mapping.listPrice !== undefined);
    if (discount.source === 'list-price' && discount.n === 0)
      segWarnings.push('no won deal has a list price: discount set to 0');
    else if (discount.source === 'list-price' && discount.rawMedian < 0)
      segWarnings.push(
        `median amount is above list price (raw discount ${(discount.rawMedian * 100).toFixed(1)}%): discount set to 0`,
      );
    const factor = 1 / (1 - discount.value);
    const arrivals = fitArrivals(opps, minCreated, weeks, ownerCount);
    fits.push({
      id: rule.id,
      name: rule.name,
      sweetSpot: rule.sweetSpot,
      conditions: rule.conditions.map(describeCondition),
      rows: opps.length,
      won,
      lost,
      open,
      winRate: fitWinRate(won, lost, options.level ?? 0.9),
      dealSize,
      listDealSize: { median: dealSize.median * factor, p90: dealSize.p90 * factor },
      cycle,
      discount,
      arrivals,
      warnings: segWarnings,
    });
  });
  if (problems.length > 0) return fail(problems, { report: rowReport, joins, outcomes });

  for (const j of joins) {
    for (const u of j.unmatched.slice(0, 10))
      warnings.push(
        `${u.rows} rows have ${j.column} "${u.key.slice(0, 60)}", which is not in ${j.source}${u.suggestions.length > 0 ? `; did you mean "${u.suggestions[0]}"? (alias ${j.column}:${u.key.slice(0, 60)}=${u.suggestions[0]})` : ''}`,
      );
    for (const b of j.badAliases)
      warnings.push(`alias ${b}: the target is not a key of ${j.source}`);
  }
  if (mapping.owner === undefined)
    warnings.push('no owner column: reps and arrivals per rep come from the base scenario');
  const badAmounts = rowReport.counts.find((c) => c.reason === 'won-without-amount')?.count ?? 0;
  if (badAmounts > 0 && mapping.amount) {
    const other = decimal === '.' ? ',' : '.';
    const read = view.reader(mapping.amount);
    const hits = extracted.filter(
      (o) =>
        o.outcome === 'won' &&
        o.amount === undefined &&
        parseAmount(read(o.row), other) !== undefined,
    ).length;
    if (hits > badAmounts / 2)
      warnings.push(
        `${hits} amounts read as numbers with a decimal ${other === ',' ? 'comma' : 'point'}: is the decimal separator "${other}"?`,
      );
  }
  const result: Calibration = {
    ok: true,
    fits,
    report: rowReport,
    joins,
    outcomes,
    dates,
    asOf: { date: formatDay(asOfDay), source: asOfSource },
    createdRange: { from: formatDay(minCreated), to: formatDay(maxCreated) },
    owners: ownerCount,
    weeksSpanned: weeks,
    mapping,
    warnings,
  };
  if (Number.isFinite(minClosed))
    result.closedRange = { from: formatDay(minClosed), to: formatDay(maxClosed) };
  if (options.fileName !== undefined) result.fileName = options.fileName;
  return result;
}
