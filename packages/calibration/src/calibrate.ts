/**
 * Calibration: from a parsed export (plus lookup tables, a column mapping and segment rules) to
 * per-segment fits with diagnostics and a row report. Pure and synchronous; never throws for
 * bad data: problems come back as structured results.
 */
import { listInWords } from '@sweetspot/scenario';
import { type ArrivalFit, fitArrivals } from './arrivals.ts';
import type { CsvTable } from './csv.ts';
import { type CycleFit, fitCycle } from './cycle-fit.ts';
import { type DateDetection, type DateOrder, formatDay, parseDate } from './dates.ts';
import { type DiscountFit, fitDiscount } from './discount-fit.ts';
import { type AnchoredFit, computeHistory, fitAnchored, type History } from './history.ts';
import {
  editDistance,
  type JoinReport,
  type JoinSpec,
  joinTables,
  keyShape,
  nearMisses,
} from './join.ts';
import { fitLognormal, type LognormalFit } from './lognormal-fit.ts';
import {
  type ColumnMapping,
  normalizeName,
  type OutcomeEntry,
  type OutcomeRules,
  outcomeTable,
} from './mapping.ts';
import { type DecimalSeparator, parseAmount } from './numbers.ts';
import {
  detectColumnDates,
  extractOpportunities,
  type NoDecisionPolicy,
  type Opportunity,
  resolveMapping,
} from './records.ts';
import { quoted, type RowReport, RowReportBuilder } from './report.ts';
import { compileSegments, describeCondition, type SegmentRule } from './segments.ts';
import { fitSizeCycle, type SizeCycleFit } from './size-cycle.ts';
import { proposeSplit, type SplitCandidate, type SplitProposal } from './split.ts';
import { inverseEcdfSorted } from './stats.ts';
import { fitWinRate, type WinRateFit } from './winrate.ts';

/** How open deals older than the 99th-percentile won cycle are used (docs/calibration.md). */
export type StalePolicy = 'open' | 'lost' | 'exclude';

export type { ArrivalFit, CycleFit, DiscountFit };

export interface CalibrationOptions {
  mapping: ColumnMapping;
  /** Explicit won / lost stage values; without them, the defaults of `guessOutcome`. */
  outcomes?: OutcomeRules;
  /**
   * Deals closed without a decision (`No decision`, `No bid`, `Passed`…): `lost` (default)
   * counts them as losses; `exclude` leaves them out of the win rate, deal size and cycle but
   * keeps them as opportunities (arrivals) and reports them per segment; `ignore` drops the rows.
   */
  noDecision?: NoDecisionPolicy;
  /**
   * Open deals older (at the as-of date) than the 99th percentile of won deals' cycles: `open`
   * (default) keeps them open and censored, with a warning; `lost` counts them as lost, closed
   * when they passed that age; `exclude` leaves them out of the cycle fit (still arrivals).
   */
  stale?: StalePolicy;
  joins?: readonly JoinSpec[];
  /** Segment rules, first match wins; none: one catch-all sweet-spot segment `all`. */
  segments?: readonly SegmentRule[];
  /**
   * Instead of `segments`: split on the proposed sweet spot of this column (`auto`: of the best
   * column), docs/calibration.md "When the segments do not differ".
   */
  split?: string;
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
  /** Closed without a decision, under the `exclude` policy (else 0): not in the win rate. */
  noDecision: number;
  /** Open deals older than the stale age (see `Calibration.stale`). */
  stale: number;
  /**
   * Deals created at least the stale age before the as-of date, and how many of them are still
   * open: the share that is never decided, for a forecast's open deals (docs/calibration.md,
   * "Forecast"). Both 0 without a stale age.
   */
  oldEnough: { created: number; stillOpen: number };
  winRate: WinRateFit;
  /** Lognormal fit of won (booked) amounts. */
  dealSize: LognormalFit;
  /**
   * Won (booked) amounts as a median-anchored lognormal: median = the observed median, only the
   * spread fitted. This is what goes into the scenario (as list value).
   */
  wonSize: AnchoredFit;
  /** Deal size as list value (wonSize ÷ (1 − discount)): the scenario's dealSize. */
  listDealSize: { median: number; p90: number };
  /** Kaplan–Meier over won and lost deals, open deals censored: a diagnostic. */
  cycle: CycleFit;
  /**
   * Created → closed weeks of WON deals, median-anchored lognormal: the scenario's
   * salesCycleWeeks (docs/calibration.md, "Sales cycle").
   */
  wonCycle: AnchoredFit;
  discount: DiscountFit;
  arrivals: ArrivalFit;
  /** Correlation of ln won amount and ln won-deal cycle: the scenario's sizeCycleCorrelation. */
  sizeCycle: SizeCycleFit;
  /**
   * Created → closed weeks of LOST deals, median-anchored lognormal (absent with fewer than 2):
   * with `wonCycle`, how a deal's age changes its chance to be won (docs/calibration.md, "Forecast").
   */
  lostCycle?: AnchoredFit;
  warnings: string[];
}

/** An open deal at the as-of date (docs/calibration.md, "Forecast"). */
export interface PipelineDeal {
  line: number;
  /** Index into `fits`. */
  segment: number;
  owner: string;
  /** Day numbers (days since 1970-01-01). */
  created: number;
  /** The CRM's amount for it, when it has a plausible one. */
  amount?: number;
  /** Open longer than the stale age (`Calibration.stale`). */
  stale: boolean;
}

/** A won deal, for bookings to date. */
export interface WonDeal {
  line: number;
  segment: number;
  owner: string;
  closed: number;
  amount?: number;
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
  /** How no-decision stage values were used. */
  noDecision: NoDecisionPolicy;
  /**
   * Stale open deals: open at the as-of date for longer than `ageDays`, the 99th percentile of
   * won deals' cycles (absent with fewer than 10 won deals), and how they were used.
   */
  stale?: { ageDays: number; policy: StalePolicy; count: number; lines: number[] };
  /** Closed deals whose close date is after the as-of date (counted as open), by line. */
  futureCloseLines: number[];
  /** The history the backtest compares with (per segment in the order of `fits`). */
  history: History;
  /** The open deals at the as-of date, for a forecast from today's pipeline. */
  pipeline: PipelineDeal[];
  /** Won deals (line, segment, owner, close day, amount), for bookings so far in a quarter. */
  wonDeals: WonDeal[];
  /** The owners, in the order the scenario's reps take them (sorted by name). */
  ownerNames: string[];
  /**
   * When the segments do not separate a sweet spot (one segment, all sweet, or indistinguishable
   * figures): why, and the proposed split.
   */
  split?: SplitProposal;
  /** The split applied by the `split` option. */
  appliedSplit?: SplitCandidate;
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
    return options.split === undefined
      ? calibrateUnsafe(table, options)
      : calibrateSplit(table, options, options.split);
  } catch (error) {
    // Defensive: a bug must still end in a structured report, not an exception.
    return fail([
      { code: 'no-data', message: `calibration failed unexpectedly (${String(error)})` },
    ]);
  }
}

/** Calibrates on the proposed split of a column: a first pass as one segment ranks the columns. */
function calibrateSplit(
  table: CsvTable,
  options: CalibrationOptions,
  column: string,
): CalibrationResult {
  if (options.segments && options.segments.length > 0)
    return fail([
      {
        code: 'segments',
        message: 'give segment rules or a split column, not both',
      },
    ]);
  const first = calibrateUnsafe(table, { ...options, segments: [] });
  if (!first.ok) return first;
  const proposal = first.split as SplitProposal;
  const auto = column.trim().toLowerCase() === 'auto';
  const chosen = auto
    ? proposal.candidates[0]
    : proposal.candidates.find((c) => normalizeName(c.column) === normalizeName(column));
  if (!chosen) {
    const skipped = proposal.skipped.find((c) => normalizeName(c.column) === normalizeName(column));
    const known = proposal.candidates.map((c) => c.column);
    const reason = auto
      ? 'no column of the export can be split (each needs values with enough closed deals)'
      : skipped
        ? `column "${skipped.column}" cannot be split: ${skipped.reason}`
        : `no column "${column}"${nearMisses(column, [...known, ...proposal.skipped.map((c) => c.column)]).map((m) => `; did you mean "${m}"?`)[0] ?? ''}`;
    return fail([
      {
        code: 'segments',
        message: `${reason}${known.length > 0 ? ` (columns that can: ${known.join(', ')})` : ''}`,
      },
    ]);
  }
  const second = calibrateUnsafe(table, { ...options, segments: chosen.rules });
  if (second.ok) second.appliedSplit = chosen;
  return second;
}

function calibrateUnsafe(table: CsvTable, options: CalibrationOptions): CalibrationResult {
  if (table.fatal) return fail([{ code: 'csv', message: table.fatal.message }]);
  const decimal = options.decimal ?? '.';
  const minClosedDeals = options.minClosedDeals ?? 30;

  const joined = joinTables(table, options.joins ?? []);
  if (!joined.ok) return fail([{ code: 'join', message: joined.message }]);
  const view = joined.view;
  const joins = view.reports;

  const mapped = resolveMapping(options.mapping, view, table.rows.length);
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
  const outcomeCheck = checkOutcomes(outcomes, options.outcomes ?? {});
  if (outcomeCheck.problems.length > 0) return fail(outcomeCheck.problems, { joins, outcomes });

  const report = new RowReportBuilder();
  for (const issue of table.issues) report.reject(issue.line, issue.reason, issue.detail);
  const extracted = extractOpportunities(
    table,
    view,
    mapping,
    {
      created: dates.created.order,
      closed: dates.closed.order,
      decimal,
      outcomes,
      noDecision: options.noDecision ?? 'lost',
    },
    report,
  );
  const amountWarnings = rejectAbsurdAmounts(extracted, report);

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
    asOfDay = defaultAsOf(extracted);
    asOfSource = 'data';
  }

  const futureCloseLines: number[] = [];
  const bySegment: Opportunity[][] = rules.map(() => []);
  const used: Opportunity[] = [];
  for (const o of extracted) {
    if (o.created > asOfDay) {
      report.reject(o.line, 'created-after-as-of', formatDay(o.created));
      continue;
    }
    if (o.closed !== undefined && o.closed > asOfDay) {
      if (o.outcome === 'no-decision') delete o.closed;
      else {
        report.partial(
          o.line,
          'closed-after-as-of',
          `${o.outcome}, closed ${formatDay(o.closed)}, after the as-of date ${formatDay(asOfDay)}`,
        );
        futureCloseLines.push(o.line);
        o.outcome = 'open';
        delete o.closed;
        delete o.amount;
      }
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
  // Stale open deals: older than the 99th-percentile won cycle (computed over the whole file).
  const stalePolicy = options.stale ?? 'open';
  const wonCycles = used
    .filter((o) => o.outcome === 'won' && o.closed !== undefined)
    .map((o) => (o.closed as number) - o.created)
    .sort((a, b) => a - b);
  let stale: Calibration['stale'];
  const staleSet = new Set<Opportunity>();
  if (wonCycles.length >= MIN_WON_FOR_STALE) {
    const ageDays = Math.max(7, inverseEcdfSorted(wonCycles, 0.99));
    const lines: number[] = [];
    for (const o of used) {
      if (o.outcome !== 'open' || asOfDay - o.created <= ageDays) continue;
      staleSet.add(o);
      lines.push(o.line);
      const age = `open ${asOfDay - o.created} days at the as-of date; 99% of won deals closed within ${ageDays} days`;
      if (stalePolicy === 'lost') {
        report.partial(o.line, 'stale-open', `${age}: counted as lost`);
        o.outcome = 'lost';
        o.closed = o.created + ageDays;
      } else if (stalePolicy === 'exclude')
        report.partial(o.line, 'stale-open', `${age}: left out of the cycle fit`);
    }
    stale = { ageDays, policy: stalePolicy, count: lines.length, lines };
  }

  const rowReport = report.build(
    table.rows.length + table.issues.length,
    table.blankLines,
    table.preambleLines,
  );
  if (used.length === 0)
    return fail(
      [
        {
          code: asOfSource === 'user' && extracted.length > 0 ? 'as-of' : 'no-data',
          message:
            asOfSource === 'user' &&
            extracted.length > 0 &&
            extracted.every((o) => o.created > asOfDay)
              ? `the as-of date ${formatDay(asOfDay)} is before every created date (the first is ${formatDay(extracted.reduce((m, o) => Math.min(m, o.created), Number.POSITIVE_INFINITY))}): nothing had happened yet`
              : 'no usable rows: see the row report',
        },
      ],
      {
        report: rowReport,
        joins,
        outcomes,
      },
    );

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
    const noDecision = opps.filter((o) => o.outcome === 'no-decision').length;
    const open = opps.length - won - lost - noDecision;
    const staleHere = opps.filter((o) => staleSet.has(o)).length;
    const oldEnough = stale
      ? {
          created: opps.filter((o) => asOfDay - o.created > stale.ageDays).length,
          stillOpen: opps.filter((o) => o.outcome === 'open' && asOfDay - o.created > stale.ageDays)
            .length,
        }
      : { created: 0, stillOpen: 0 };
    const dealSize = fitLognormal(opps.flatMap((o) => (o.amount !== undefined ? [o.amount] : [])));
    // No-decision deals say nothing about time to a decision; stale ones under `exclude` neither.
    const cycleOpps = opps.filter(
      (o) => o.outcome !== 'no-decision' && !(stalePolicy === 'exclude' && staleSet.has(o)),
    );
    const cycle = fitCycle(cycleOpps, asOfDay);
    if (opps.length === 0) {
      const hints = compiled.value.warnings.filter((w) => w.startsWith(`segment "${rule.id}":`));
      problems.push({
        code: 'unfittable',
        message: `segment "${rule.id}" matches no usable rows${hints.length > 0 ? `: ${hints.map((h) => h.slice(`segment "${rule.id}": `.length)).join('; ')}` : ''}`,
      });
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
    if (noDecision > 0)
      segWarnings.push(
        `${noDecision} deals closed without a decision (${pct(noDecision, won + lost + noDecision)} of closed deals) are left out of the win rate; the simulation decides every arrival, so bookings may come out high by about that share`,
      );
    const discount = fitDiscount(opps, mapping.listPrice !== undefined);
    if (discount.source === 'list-price' && discount.n === 0)
      segWarnings.push('no won deal has a list price: discount set to 0');
    else if (discount.source === 'list-price' && discount.rawMedian < 0)
      segWarnings.push(
        `median amount is above list price (raw discount ${(discount.rawMedian * 100).toFixed(1)}%): discount set to 0`,
      );
    const factor = 1 / (1 - discount.value);
    const wonSize = fitAnchored(
      opps.flatMap((o) => (o.outcome === 'won' && o.amount !== undefined ? [o.amount] : [])),
      'mean',
    ) as AnchoredFit;
    const wonCycle = fitAnchored(
      opps.flatMap((o) =>
        o.outcome === 'won' && o.closed !== undefined
          ? [Math.max(o.closed - o.created, 0.5) / 7]
          : [],
      ),
      'p90',
    ) as AnchoredFit;
    if (wonSize.n > 30 && wonSize.ks > wonSize.ksCritical05)
      segWarnings.push(
        `won amounts are not lognormal-shaped around their median (KS ${wonSize.ks.toFixed(3)} > ${wonSize.ksCritical05.toFixed(3)}): the scenario keeps the observed median ${Math.round(wonSize.median).toLocaleString('en-US')}; 90th percentile fitted ${Math.round(wonSize.p90).toLocaleString('en-US')} vs observed ${Math.round(wonSize.quantiles[4]?.data ?? 0).toLocaleString('en-US')}`,
      );
    if (wonCycle.median < 1)
      segWarnings.push(
        `won deals close in ${(wonCycle.median * 7).toFixed(1)} days at the median: the simulation decides deals in whole weeks, so the replayed cycle is at least a week`,
      );
    const arrivals = fitArrivals(opps, minCreated, weeks, ownerCount);
    const lostCycle = fitAnchored(
      opps.flatMap((o) =>
        o.outcome === 'lost' && o.closed !== undefined && !staleSet.has(o)
          ? [Math.max(o.closed - o.created, 0.5) / 7]
          : [],
      ),
      'p90',
    );
    const sizeCycle = fitSizeCycle(
      opps.flatMap((o): [number, number][] =>
        o.outcome === 'won' && o.amount !== undefined && o.closed !== undefined
          ? [[o.amount, Math.max(o.closed - o.created, 0.5) / 7]]
          : [],
      ),
    );
    fits.push({
      id: rule.id,
      name: rule.name,
      sweetSpot: rule.sweetSpot,
      conditions: rule.conditions.map(describeCondition),
      rows: opps.length,
      won,
      lost,
      open,
      noDecision,
      stale: staleHere,
      oldEnough,
      winRate: fitWinRate(won, lost, options.level ?? 0.9),
      dealSize,
      wonSize,
      listDealSize: { median: wonSize.median * factor, p90: wonSize.p90 * factor },
      cycle,
      wonCycle,
      discount,
      arrivals,
      sizeCycle,
      ...(lostCycle && lostCycle.n >= 2 ? { lostCycle } : {}),
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
  warnings.push(...outcomeCheck.warnings, ...amountWarnings);
  if (futureCloseLines.length > 0)
    warnings.push(
      `${futureCloseLines.length.toLocaleString('en-US')} won or lost deal${futureCloseLines.length === 1 ? ' has a close date' : 's have close dates'} after the as-of date ${formatDay(asOfDay)} (${asOfSource === 'user' ? 'given' : 'the latest date in the file, not counting isolated far-off dates'}), ${lineList(futureCloseLines)}: counted as open at the as-of date. Check the dates, or give a later --as-of if the export is newer`,
    );
  const createdAfter = rowReport.issues.filter((i) => i.reason === 'created-after-as-of');
  if (createdAfter.length > 0)
    warnings.push(
      `${createdAfter.length.toLocaleString('en-US')} deal${createdAfter.length === 1 ? ' was' : 's were'} created after the as-of date ${formatDay(asOfDay)}, ${lineList(createdAfter.map((i) => i.line))}: not used`,
    );
  if (asOfDay - maxCreated > FAR_AS_OF_DAYS) {
    const last = used.filter((o) => o.created === maxCreated).map((o) => o.line);
    warnings.push(
      `the as-of date ${formatDay(asOfDay)} is ${Math.round((asOfDay - maxCreated) / 7)} weeks after the last created date ${formatDay(maxCreated)} (${lineList(last)}): no opportunity was created in that time, and open deals are aged to the as-of date. If the export was taken earlier, give --as-of`,
    );
  }
  if (stale && stale.count > 0)
    warnings.push(
      `${stale.count.toLocaleString('en-US')} open deal${stale.count === 1 ? ' is' : 's are'} stale: open longer than ${stale.ageDays} days (${(stale.ageDays / 7).toFixed(1)} weeks, the 99th percentile of won deals' cycles) at the as-of date, ${lineList(stale.lines)}: ${stale.policy === 'open' ? 'kept as open deals that may still close (--stale lost counts them as lost, --stale exclude leaves them out of the cycle)' : stale.policy === 'lost' ? 'counted as lost, closed when they reached that age' : 'left out of the cycle fit, still counted as opportunities'}`,
    );
  if (mapping.owner === undefined)
    warnings.push('no owner column: reps and arrivals per rep come from the base scenario');
  const badAmounts = rowReport.counts.find((c) => c.reason === 'won-without-amount')?.count ?? 0;
  if (badAmounts > 0 && mapping.amount) {
    const other = decimal === '.' ? ',' : '.';
    const read = view.reader(mapping.amount);
    const hits = extracted.filter(
      (o) =>
        o.outcome === 'won' && o.amount === undefined && (parseAmount(read(o.row), other) ?? 0) > 0,
    ).length;
    if (hits > badAmounts / 2 && hits >= 2)
      warnings.push(
        `${hits} amounts read as numbers with a decimal ${other === ',' ? 'comma' : 'point'}: is the decimal separator "${other}"?`,
      );
  }
  const fitted = new Map(rules.map((r, i) => [i, fits.findIndex((f) => f.id === r.id)]));
  const pipeline: PipelineDeal[] = [];
  const wonDeals: WonDeal[] = [];
  bySegment.forEach((opps, i) => {
    const segment = fitted.get(i) ?? -1;
    if (segment < 0) return;
    for (const o of opps) {
      if (o.outcome === 'open')
        pipeline.push({
          line: o.line,
          segment,
          owner: o.owner,
          created: o.created,
          ...(o.openAmount !== undefined ? { amount: o.openAmount } : {}),
          stale: staleSet.has(o),
        });
      else if (o.outcome === 'won' && o.closed !== undefined)
        wonDeals.push({
          line: o.line,
          segment,
          owner: o.owner,
          closed: o.closed,
          ...(o.amount !== undefined ? { amount: o.amount } : {}),
        });
    }
  });
  pipeline.sort((a, b) => a.line - b.line);
  wonDeals.sort((a, b) => a.line - b.line);
  const result: Calibration = {
    pipeline,
    wonDeals,
    ownerNames: mapping.owner === undefined ? [] : [...owners].sort(),
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
    noDecision: options.noDecision ?? 'lost',
    futureCloseLines,
    history: computeHistory(
      rules.flatMap((_, i) =>
        fits.some((f) => f.id === rules[i]?.id) ? [bySegment[i] as Opportunity[]] : [],
      ),
      asOfDay,
      formatDay,
      mapping.owner !== undefined,
    ),
  };
  if (stale) result.stale = stale;
  const split = proposeSplit(
    rules.map((r, i) => ({
      name: r.name,
      sweetSpot: r.sweetSpot,
      opportunities: bySegment[i] as Opportunity[],
    })),
    view,
    Object.values(mapping).filter((c): c is string => c !== undefined),
    decimal,
  );
  if (split) {
    result.split = split;
    const best = split.candidates[0];
    warnings.push(
      `${split.message}${best ? `: see the proposed sweet-spot split (${best.column}: ${best.sweet.label}, won value per deal-week ×${best.ratio.toFixed(2)} the rest's${split.clear ? '' : ', not clear: it may be noise'})` : '; no column of the export splits the deals: add segment rules'}`,
    );
  }
  if (Number.isFinite(minClosed))
    result.closedRange = { from: formatDay(minClosed), to: formatDay(maxClosed) };
  if (options.fileName !== undefined) result.fileName = options.fileName;
  return result;
}

/** Open deals are stale only when at least this many won deals give the 99th-percentile cycle. */
const MIN_WON_FOR_STALE = 10;
/** An as-of date this many days after the last created date gets a warning. */
const FAR_AS_OF_DAYS = 90;
/** A date this many days after every other date in the file is isolated: not the as-of date. */
const ISOLATED_DAYS = 90;
/** A won amount this many times above or below the file's median is not a deal size. */
const ABSURD_RATIO = 1000;
/** The median check needs this many won amounts. */
const MIN_AMOUNTS_FOR_RATIO = 20;

function pct(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}

/** `line 12` / `lines 12, 40 and 77` / `lines 12, 40, 77, … (120 in all)`. */
export function lineList(lines: readonly number[], max = 10): string {
  const sorted = [...lines].sort((a, b) => a - b);
  if (sorted.length === 1) return `line ${sorted[0]}`;
  if (sorted.length <= max) return `lines ${listInWords(sorted.map(String))}`;
  return `lines ${sorted.slice(0, max).join(', ')}, … (${sorted.length} in all)`;
}

/**
 * The as-of date when none is given: the latest created date or close date of a closed deal,
 * skipping at most a few isolated dates, each more than 90 days after every other date (a typo
 * like 2204, or a forecast written on a closed deal): those rows are then reported as closed
 * (or created) after the as-of date.
 */
function defaultAsOf(opps: readonly Opportunity[]): number {
  const days = new Set<number>();
  for (const o of opps) {
    days.add(o.created);
    if (o.closed !== undefined) days.add(o.closed);
  }
  const sorted = [...days].sort((a, b) => b - a);
  if (sorted.length === 0) return Number.NEGATIVE_INFINITY;
  const maxSkips = Math.max(3, Math.floor(opps.length / 100));
  let i = 0;
  while (
    i < maxSkips &&
    i + 1 < sorted.length &&
    (sorted[i] as number) - (sorted[i + 1] as number) > ISOLATED_DAYS
  )
    i++;
  return sorted[i] as number;
}

/**
 * Won amounts that cannot be deal sizes: more than 1,000 times above or below the median of
 * the file's won amounts (with at least 20 of them) and isolated — fewer than max(2, 1% of the
 * won amounts) others within a factor of 10. They are reported (partial: the deal still counts
 * as won) and left out of the deal-size fit.
 */
function rejectAbsurdAmounts(opps: Opportunity[], report: RowReportBuilder): string[] {
  const amounts = opps
    .flatMap((o) => (o.outcome === 'won' && o.amount !== undefined ? [o.amount] : []))
    .sort((a, b) => a - b);
  if (amounts.length < MIN_AMOUNTS_FOR_RATIO) return [];
  const med = inverseEcdfSorted(amounts, 0.5);
  // Amounts in [lo, hi]: a binary search on the sorted list.
  const below = (x: number) => {
    let lo = 0;
    let hi = amounts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((amounts[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const neighbours = (x: number) => below(x * 10 * (1 + 1e-12)) - below(x / 10) - 1;
  const crowd = Math.max(2, Math.floor(amounts.length / 100));
  const lines: number[] = [];
  for (const o of opps) {
    if (o.amount === undefined) continue;
    const ratio = o.amount / med;
    // Far from the median AND alone: a real tier of large (or tiny) deals has company.
    if ((ratio > ABSURD_RATIO || ratio < 1 / ABSURD_RATIO) && neighbours(o.amount) < crowd) {
      report.partial(
        o.line,
        'implausible-amount',
        `amount ${fmtAmount(o.amount)} is ${ratio > 1 ? `${fmtAmount(ratio)} times` : `1/${fmtAmount(1 / ratio)} of`} the median won amount ${fmtAmount(med)}`,
      );
      lines.push(o.line);
      delete o.amount;
    }
  }
  return lines.length === 0
    ? []
    : [
        `${lines.length} won amount${lines.length === 1 ? ' is' : 's are'} more than ${ABSURD_RATIO.toLocaleString('en-US')} times above or below the median won amount (${fmtAmount(med)}), ${lineList(lines)}: left out of the deal-size fit (the deals still count as won)`,
      ];
}

function fmtAmount(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1e9) return x.toExponential(2);
  return Math.round(x).toLocaleString('en-US');
}

/**
 * Checks explicit won / lost / no-decision values against the stage values in the file: a value
 * no row has is an error listing the stages seen; a stage value that looks like a given value
 * (same letters up to case, spaces and punctuation, or one or two edits away) but is not the
 * same is a warning; so is one value matching differently spelled stages (`Won`, `WON`).
 * Without any won stage the calibration cannot fit anything: an error, with the stages seen.
 */
function checkOutcomes(
  outcomes: readonly OutcomeEntry[],
  rules: OutcomeRules,
): { problems: CalibrationProblem[]; warnings: string[] } {
  const problems: CalibrationProblem[] = [];
  const warnings: string[] = [];
  const seen = () =>
    `stage values seen: ${outcomes
      .slice(0, 30)
      .map((o) => `"${o.value.slice(0, 60)}" (${o.count.toLocaleString('en-US')})`)
      .join(', ')}${outcomes.length > 30 ? `, … (${outcomes.length} in all)` : ''}`;
  const lists: [string, readonly string[] | undefined][] = [
    ['won', rules.won],
    ['lost', rules.lost],
    ['no-decision', rules.noDecision],
  ];
  const key = (v: string) => v.trim().toLowerCase();
  for (const [kind, values] of lists) {
    for (const value of values ?? []) {
      const matches = outcomes.filter((o) => key(o.value) === key(value));
      if (matches.length === 0) {
        const hint = nearMisses(
          value,
          outcomes.map((o) => o.value),
        );
        problems.push({
          code: 'mapping',
          message: `stage values: the ${kind} value "${value}" matches no row${hint.length > 0 ? ` (did you mean ${hint.map((h) => `"${h}"`).join(' or ')}?)` : ''}; ${seen()}`,
        });
        continue;
      }
      if (matches.length > 1)
        warnings.push(
          `the ${kind} stage value "${value}" matches differently written stages: ${matches.map((m) => `"${m.value}" (${m.count})`).join(', ')}; all are read as ${kind}`,
        );
      // Near spellings read otherwise: "Closed-Won" left open next to --won "Closed Won".
      const shape = keyShape(value);
      for (const o of outcomes) {
        if (o.outcome === (kind === 'no-decision' ? 'no-decision' : kind)) continue;
        if (key(o.value) === key(value)) continue;
        const same =
          normalizeName(o.value) === normalizeName(value) ||
          editDistance(shape, keyShape(o.value), 2) <= (shape.length >= 6 ? 2 : 1);
        if (same)
          warnings.push(
            `stage "${o.value}" (${o.count} rows) looks like the ${kind} value "${value}" but is read as ${o.outcome}: if it means ${kind}, add it (--${kind === 'no-decision' ? 'no-decision-stage' : kind} "${o.value}")`,
          );
      }
    }
  }
  if (problems.length === 0 && outcomes.length > 0 && !outcomes.some((o) => o.outcome === 'won'))
    problems.push({
      code: 'mapping',
      message: `stage values: none reads as won, so nothing can be fitted; ${seen()}`,
    });
  return { problems, warnings };
}
