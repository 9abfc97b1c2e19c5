/**
 * Turns mapped rows into opportunities: outcome, created and closed day, amount, list price,
 * owner. Rows that cannot be used are sent to the row report with their line and reason.
 */
import type { CsvTable } from './csv.ts';
import { type DateDetection, type DateOrder, dateParser, detectDateOrder } from './dates.ts';
import type { JoinedView } from './join.ts';
import type { ColumnMapping, MappingField, Outcome, OutcomeEntry } from './mapping.ts';
import { MAPPING_FIELD_LABELS } from './mapping.ts';
import { type DecimalSeparator, parseAmount } from './numbers.ts';
import { quoted, type RowReportBuilder } from './report.ts';

export interface Opportunity {
  /** Index into the table's rows. */
  row: number;
  line: number;
  outcome: Outcome;
  /** Day numbers (days since 1970-01-01). */
  created: number;
  closed?: number;
  /** Won deals only. */
  amount?: number;
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
  if (missing.length > 0)
    return {
      ok: false,
      message: `mapping: say which column holds ${missing.map((f) => `${f} (${MAPPING_FIELD_LABELS[f]})`).join(', ')}`,
    };
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

export interface ExtractOptions {
  created: DateOrder;
  closed: DateOrder;
  decimal: DecimalSeparator;
  outcomes: readonly OutcomeEntry[];
}

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
  const readId = col('id');
  const readStage = col('stage') as (r: number) => string;
  const readCreated = col('created') as (r: number) => string;
  const readClosed = col('closed') as (r: number) => string;
  const readAmount = col('amount') as (r: number) => string;
  const readList = col('listPrice');
  const readOwner = col('owner');
  const outcomeOf = new Map<string, Outcome>(options.outcomes.map((e) => [e.value, e.outcome]));
  const parseCreated = dateParser(options.created);
  const parseClosed = dateParser(options.closed);
  const seenIds = new Map<string, number>();
  const out: Opportunity[] = [];

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
    const stage = readStage(r).trim();
    if (stage === '') {
      report.reject(line, 'missing-stage');
      continue;
    }
    const outcome = outcomeOf.get(stage) ?? 'open';
    const createdText = readCreated(r).trim();
    if (createdText === '') {
      report.reject(line, 'missing-created-date', `stage ${quoted(stage)}`);
      continue;
    }
    const created = parseCreated(createdText);
    if (created === undefined) {
      report.reject(line, 'bad-created-date', quoted(createdText));
      continue;
    }
    const opp: Opportunity = { row: r, line, outcome, created, owner: readOwner?.(r).trim() ?? '' };
    if (outcome !== 'open') {
      const closedText = readClosed(r).trim();
      if (closedText === '') {
        report.reject(line, 'missing-closed-date', `stage ${quoted(stage)}`);
        continue;
      }
      const closed = parseClosed(closedText);
      if (closed === undefined) {
        report.reject(line, 'bad-closed-date', quoted(closedText));
        continue;
      }
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
      if (amount !== undefined && amount > 0) opp.amount = amount;
      else report.partial(line, 'won-without-amount', `amount ${quoted(amountText.trim())}`);
      if (readList) {
        const listText = readList(r);
        const list = parseAmount(listText, options.decimal);
        if (list !== undefined && list > 0) opp.listPrice = list;
        else report.partial(line, 'bad-list-price', `list price ${quoted(listText.trim())}`);
      }
    }
    if (readOwner && opp.owner === '') report.partial(line, 'missing-owner');
    out.push(opp);
  }
  return out;
}
