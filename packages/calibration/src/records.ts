/**
 * Turns mapped rows into opportunities: outcome, created and closed day, amount, list price,
 * owner. Rows that cannot be used are sent to the row report with their line and reason.
 */
import type { CsvTable } from './csv.ts';
import { type DateDetection, type DateOrder, dateParser, detectDateOrder } from './dates.ts';
import type { JoinedView } from './join.ts';
import {
  type ColumnMapping,
  cleanCell,
  columnCandidates,
  MAPPING_FIELD_LABELS,
  type MappingField,
  type Outcome,
  type OutcomeEntry,
} from './mapping.ts';
import { type DecimalSeparator, parseAmount } from './numbers.ts';
import { quoted, type RowReportBuilder } from './report.ts';

export interface Opportunity {
  /** Index into the table's rows. */
  row: number;
  line: number;
  /** `no-decision` only under the `exclude` policy (else it became lost, or the row was dropped). */
  outcome: Outcome;
  /** Day numbers (days since 1970-01-01). */
  created: number;
  closed?: number;
  /** Won deals only. */
  amount?: number;
  /**
   * Open deals: the amount the CRM expects (a forecast, used only to start a forecast from
   * today's pipeline, docs/calibration.md "Forecast"); absent when missing or not a plausible amount.
   */
  openAmount?: number;
  listPrice?: number;
  owner: string;
}

/** Resolved column names for the mapping. */
export type ResolvedMapping = Partial<Record<MappingField, string>>;

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

const REQUIRED: readonly MappingField[] = ['stage', 'created', 'closed', 'amount'];

/** Checks the mapping against the available columns (export and joined). */
export function resolveMapping(
  mapping: ColumnMapping,
  view: JoinedView,
  rows = 0,
): Resolved<ResolvedMapping> {
  const out: ResolvedMapping = {};
  for (const [field, name] of Object.entries(mapping) as [MappingField, string | undefined][]) {
    if (name === undefined || name.trim() === '') continue;
    const column = view.resolve(name);
    if (column === undefined)
      return {
        ok: false,
        message: `mapping: ${field} (${MAPPING_FIELD_LABELS[field]}) names "${name}", which is not a column; columns: ${view.columns.slice(0, 40).join(', ')}`,
      };
    out[field] = column;
  }
  const missing = REQUIRED.filter((f) => out[f] === undefined);
  if (missing.length > 0) {
    const taken = new Set(Object.values(out));
    const free = view.columns.filter((c) => !taken.has(c));
    const hints = missing.map((f) => {
      const best = columnCandidates(f, free, 3, (c) => {
        const read = view.reader(c);
        const out: string[] = [];
        for (let r = 0; r < Math.min(rows, 200); r++) out.push(read(r));
        return out;
      });
      return `${f} — the ${MAPPING_FIELD_LABELS[f]}: ${best.length > 0 ? `best candidates ${best.map((c) => `"${c}"`).join(', ')}` : 'no column looks like one'}`;
    });
    const shown = view.columns.slice(0, 60).map((c) => `"${c}"`);
    return {
      ok: false,
      message: `mapping: no column was recognized for ${missing.join(', ')}; say which column holds it:\n    ${hints.join('\n    ')}\n  Columns in the file: ${shown.join(', ')}${view.columns.length > 60 ? `, … (${view.columns.length} in all)` : ''}`,
    };
  }
  return { ok: true, value: out };
}

/** Reads a date column's values for detection. */
export function detectColumnDates(view: JoinedView, column: string, rows: number): DateDetection {
  const read = view.reader(column);
  function* values() {
    for (let r = 0; r < rows; r++) yield read(r);
  }
  return detectDateOrder(values());
}

/** How stage values meaning "closed without a decision" are used (docs/calibration.md). */
export type NoDecisionPolicy = 'lost' | 'exclude' | 'ignore';

export interface ExtractOptions {
  created: DateOrder;
  closed: DateOrder;
  decimal: DecimalSeparator;
  outcomes: readonly OutcomeEntry[];
  /** Default `lost`. */
  noDecision?: NoDecisionPolicy;
}

/** Earliest plausible date: anything before is a placeholder (1900-01-01, 1970-01-01, Excel's 0). */
export const EARLIEST_DATE = '1980-01-01';
const EARLIEST_DAY = 3652; // 1980-01-01 as days since 1970-01-01

/** Largest plausible amount of one deal: a trillion. Above it a cell is a typo or an overflow. */
export const MAX_AMOUNT = 1e12;

/** Extracts opportunities from every row, reporting the unusable ones. */
export function extractOpportunities(
  table: CsvTable,
  view: JoinedView,
  mapping: ResolvedMapping,
  options: ExtractOptions,
  report: RowReportBuilder,
): Opportunity[] {
  const col = (f: MappingField) => {
    const name = mapping[f];
    return name === undefined ? undefined : view.reader(name);
  };
  // Missing-value markers (NA, N/A, null, -, —…) read as empty cells.
  const clean = (read: ((r: number) => string) | undefined) =>
    read === undefined ? undefined : (r: number) => cleanCell(read(r));
  const readId = clean(col('id'));
  const readStage = clean(col('stage')) as (r: number) => string;
  const readCreated = clean(col('created')) as (r: number) => string;
  const readClosed = clean(col('closed')) as (r: number) => string;
  const readAmount = clean(col('amount')) as (r: number) => string;
  const readList = clean(col('listPrice'));
  const readOwner = clean(col('owner'));
  const outcomeOf = new Map<string, Outcome>(options.outcomes.map((e) => [e.value, e.outcome]));
  const policy = options.noDecision ?? 'lost';
  // Without an id column, a row identical to an earlier one in every cell is a duplicate.
  const seenRows = readId ? undefined : new Map<string, number>();
  const parseCreated = dateParser(options.created);
  const parseClosed = dateParser(options.closed);
  const seenIds = new Map<string, number>();
  const out: Opportunity[] = [];
  /** The day of a created or closed date, or undefined once its row is rejected. */
  const dayOf = (
    kind: 'created' | 'closed',
    text: string,
    parse: (text: string) => number | undefined,
    line: number,
    stage: string,
  ): number | undefined => {
    if (text === '') {
      report.reject(line, `missing-${kind}-date`, `stage ${quoted(stage)}`);
      return undefined;
    }
    const day = parse(text);
    if (day === undefined) {
      report.reject(line, `bad-${kind}-date`, quoted(text));
      return undefined;
    }
    if (day < EARLIEST_DAY) {
      report.reject(
        line,
        'implausible-date',
        `${kind} ${quoted(text)}: before ${EARLIEST_DATE}, a placeholder rather than a date`,
      );
      return undefined;
    }
    return day;
  };

  for (let r = 0; r < table.rows.length; r++) {
    const line = table.lines[r] ?? 0;
    if (readId) {
      const id = readId(r).trim();
      if (id !== '') {
        const first = seenIds.get(id);
        if (first !== undefined) {
          report.reject(line, 'duplicate-id', `id ${quoted(id)} first seen on line ${first}`);
          continue;
        }
        seenIds.set(id, line);
      }
    }
    if (seenRows) {
      const key = JSON.stringify(table.rows[r]);
      const first = seenRows.get(key);
      if (first !== undefined) {
        report.reject(line, 'duplicate-row', `same cells as line ${first}`);
        continue;
      }
      seenRows.set(key, line);
    }
    const stage = readStage(r);
    if (stage === '') {
      report.reject(line, 'missing-stage');
      continue;
    }
    let outcome = outcomeOf.get(stage) ?? 'open';
    if (outcome === 'no-decision') {
      if (policy === 'ignore') {
        report.reject(line, 'no-decision', `stage ${quoted(stage)}`);
        continue;
      }
      if (policy === 'lost') outcome = 'lost';
    }
    const createdText = readCreated(r);
    const created = dayOf('created', createdText, parseCreated, line, stage);
    if (created === undefined) continue;
    const opp: Opportunity = { row: r, line, outcome, created, owner: readOwner?.(r) ?? '' };
    if (outcome === 'no-decision') {
      // Excluded from win rates and fits: a close date is kept when readable, never required.
      const closed = parseClosed(readClosed(r));
      if (closed !== undefined && closed >= created) opp.closed = closed;
    } else if (outcome !== 'open') {
      const closedText = readClosed(r);
      const closed = dayOf('closed', closedText, parseClosed, line, stage);
      if (closed === undefined) continue;
      if (closed < created) {
        report.reject(
          line,
          'closed-before-created',
          `created ${quoted(createdText)}, closed ${quoted(closedText)}`,
        );
        continue;
      }
      opp.closed = closed;
    }
    if (outcome === 'won') {
      const amountText = readAmount(r);
      const amount = parseAmount(amountText, options.decimal);
      if (amount !== undefined && amount >= MAX_AMOUNT)
        report.partial(
          line,
          'implausible-amount',
          `amount ${quoted(amountText)}: a trillion or more, not a deal`,
        );
      else if (amount !== undefined && amount > 0) opp.amount = amount;
      else
        report.partial(
          line,
          'won-without-amount',
          amountText === ''
            ? 'amount missing'
            : `amount ${quoted(amountText)}${amount !== undefined && amount < 0 ? ' (negative)' : amount === 0 ? ' (zero)' : ' (not a number)'}`,
        );
      if (readList) {
        const listText = readList(r);
        const list = parseAmount(listText, options.decimal);
        if (list !== undefined && list > 0) opp.listPrice = list;
        else report.partial(line, 'bad-list-price', `list price ${quoted(listText)}`);
      }
    }
    if (outcome === 'open') {
      const amount = parseAmount(readAmount(r), options.decimal);
      if (amount !== undefined && amount > 0 && amount < MAX_AMOUNT) opp.openAmount = amount;
    }
    if (readOwner && opp.owner === '') report.partial(line, 'missing-owner');
    out.push(opp);
  }
  return out;
}
