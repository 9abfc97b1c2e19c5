/**
 * Streaming CSV import on papaparse (https://www.papaparse.com): takes the whole text or an
 * async iterable of text chunks (a File's or a Node stream's decoded chunks), detects the
 * delimiter and the header row, strips a BOM, keeps quoted newlines, skips blank lines, and
 * keeps only the parsed cells of the columns the caller asks for. Never throws: problems come
 * back as line-numbered issues or a fatal reason.
 */

import type { LocalFile, Parser, ParseStepResult } from 'papaparse';
import Papa from 'papaparse';
import { fittingOrders } from './dates.ts';
import { parseAmount } from './numbers.ts';

export interface CsvProgress {
  /** Characters read so far, after any BOM (≈ bytes for ASCII text). */
  chars: number;
  /** Total characters, when known (string input). */
  totalChars?: number;
  /** Data rows parsed so far. */
  rows: number;
}

export interface CsvOptions {
  /** Field delimiter; detected from the first rows when absent. */
  delimiter?: string;
  /** Whether the first row (after any preamble) is a header; detected when absent. */
  header?: boolean;
  /** Stop with a fatal error beyond this many data rows (default 500,000). */
  maxRows?: number;
  /** Stop with a fatal error beyond this many characters (default 50 MiB). */
  maxChars?: number;
  /** Slice size when the input is a string (default 1 MiB). */
  chunkChars?: number;
  /** Called once with the header names; return the names to keep (all when undefined). */
  keepColumns?: (headers: readonly string[]) => readonly string[] | undefined;
  /** Called after every chunk. */
  onProgress?: (progress: CsvProgress) => void;
}

export type CsvIssueReason = 'wrong-field-count' | 'malformed-quotes';

/** A row that could not be read as a record, by its 1-based line in the file. */
export interface CsvIssue {
  line: number;
  reason: CsvIssueReason;
  detail: string;
}

export type CsvFatalReason = 'empty' | 'too-many-rows' | 'too-large' | 'read-error';

export interface CsvTable {
  /** Names of the kept columns, in `rows` order. */
  headers: string[];
  /** Every column name in the file (after renaming empty or duplicate names). */
  allHeaders: string[];
  /** Kept cells of every well-formed data row. */
  rows: string[][];
  /** 1-based line on which each row starts, counting the header and quoted newlines. */
  lines: number[];
  hasHeader: boolean;
  /** Line of the header row (0 when there is none). */
  headerLine: number;
  delimiter: string;
  /** Lines before the header that did not look like the table (report titles and the like). */
  preambleLines: number;
  blankLines: number;
  issues: CsvIssue[];
  chars: number;
  fatal?: { reason: CsvFatalReason; message: string };
}

const DEFAULT_MAX_ROWS = 500_000;
const DEFAULT_MAX_CHARS = 50 * 1024 * 1024;
const FIRST_CHUNK_MIN = 64 * 1024;
const HEADER_SAMPLE_ROWS = 10;
const MAX_PREAMBLE_LINES = 5;

/** Slices a string into chunks. */
function* slices(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** What `primed` learned about the input while re-chunking it. */
interface PrimedState {
  /** The first chunk it yielded is the whole input (so its last row cannot be cut off). */
  firstIsWhole: boolean;
}

/**
 * Re-chunks (each chunk with its length as read, for progress and the size limit) so the first chunk is big enough to detect delimiter and line endings; drops a BOM;
 * turns every CRLF into LF (a CR at the end of a chunk is held until the next one shows whether
 * an LF follows). The parser keeps the first line ending it sees, so a file mixing LF and CRLF
 * lines would otherwise keep CRs in its cells and count each as one more line. Line breaks
 * inside quoted cells become LF too; calibration reads no cell in which that matters.
 */
async function* primed(
  source: AsyncIterable<string> | Iterable<string>,
  state: PrimedState,
): AsyncGenerator<{ text: string; chars: number }> {
  let head = '';
  let first = true;
  let heldCr = false;
  const normalize = (chunk: string): string => {
    let text = heldCr ? `\r${chunk}` : chunk;
    heldCr = text.endsWith('\r');
    if (heldCr) text = text.slice(0, -1);
    return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
  };
  for await (const chunk of source) {
    if (typeof chunk !== 'string' || chunk === '') continue;
    if (first) {
      head += chunk;
      if (head.length < FIRST_CHUNK_MIN) continue;
      first = false;
      const text = stripBom(head);
      yield { text: normalize(text), chars: text.length };
      head = '';
    } else {
      yield { text: normalize(chunk), chars: chunk.length };
    }
  }
  if (first && head !== '') {
    state.firstIsWhole = true;
    const text = stripBom(head);
    yield { text: normalize(text), chars: text.length };
  }
  if (heldCr) yield { text: '\r', chars: 0 };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter that splits the first rows (blank lines ignored, a cut-off last row
 * dropped) into the most consistent number of fields, more than one; ',' when none does.
 */
export function guessDelimiter(sample: string, complete = true): string {
  let best = ',';
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample.slice(0, FIRST_CHUNK_MIN * 4), {
      delimiter,
      preview: 30,
      skipEmptyLines: 'greedy',
    });
    const rows = complete || parsed.data.length < 2 ? parsed.data : parsed.data.slice(0, -1);
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let modal = 0;
    let share = 0;
    for (const [width, count] of counts) {
      const s = count / rows.length;
      if (s > share || (s === share && width > modal)) [modal, share] = [width, s];
    }
    if (modal < 2) continue;
    // Consistency first, then more fields (a ';' file with ',' decimals splits more on ';').
    const score = share * 1000 + Math.min(modal, 999);
    if (score > bestScore) [best, bestScore] = [delimiter, score];
  }
  return best;
}

/** The Node-readable shape papaparse streams from, driven by our own pump: no Node needed. */
class ChunkEmitter {
  readonly readable = true;
  private readonly listeners = new Map<string, Set<(arg: unknown) => void>>();
  read(): null {
    return null;
  }
  on(event: string, fn: (arg: unknown) => void): this {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn);
    return this;
  }
  removeListener(event: string, fn: (arg: unknown) => void): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }
  pause(): void {}
  resume(): void {}
  emit(event: string, arg?: unknown): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(arg);
  }
}

const NEWLINES = /\r\n|\r|\n/g;

function countNewlines(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.includes('\n') || f.includes('\r')) n += f.match(NEWLINES)?.length ?? 0;
  }
  return n;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/** A cell that reads as a number or a date: a header row has none. */
function looksLikeData(cell: string): boolean {
  const t = cell.trim();
  return t !== '' && (parseAmount(t) !== undefined || fittingOrders(t).length > 0);
}

/** Unique, non-empty column names: blanks become `column_3`, repeats `name_2`. */
export function cleanHeaders(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((h, i) => {
    let name = h.trim() || `column_${i + 1}`;
    if (seen.has(name)) {
      let k = 2;
      while (seen.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    seen.add(name);
    return name;
  });
}

interface Pending {
  fields: string[];
  line: number;
  quoteError?: string;
}

/** Parses CSV text or chunks into a table of kept cells; resolves, never rejects. */
export function parseCsv(
  input: string | AsyncIterable<string> | Iterable<string>,
  options: CsvOptions = {},
): Promise<CsvTable> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const totalChars = typeof input === 'string' ? stripBom(input).length : undefined;
  const table: CsvTable = {
    headers: [],
    allHeaders: [],
    rows: [],
    lines: [],
    hasHeader: false,
    headerLine: 0,
    delimiter: options.delimiter ?? ',',
    preambleLines: 0,
    blankLines: 0,
    issues: [],
    chars: 0,
  };
  let nextLine = 1;
  let decided = false;
  let pending: Pending[] = [];
  let keep: number[] = [];
  let width = 0;
  let stopped = false;

  const fail = (reason: CsvFatalReason, message: string) => {
    if (!table.fatal) table.fatal = { reason, message };
    stopped = true;
  };

  const accept = (row: Pending) => {
    if (row.quoteError) {
      table.issues.push({ line: row.line, reason: 'malformed-quotes', detail: row.quoteError });
      return;
    }
    if (row.fields.length !== width) {
      table.issues.push({
        line: row.line,
        reason: 'wrong-field-count',
        detail: `has ${row.fields.length} fields, the header has ${width}`,
      });
      return;
    }
    if (table.rows.length >= maxRows) {
      fail('too-many-rows', `the file has more than ${maxRows.toLocaleString('en-US')} data rows`);
      return;
    }
    table.rows.push(keep.map((i) => row.fields[i] ?? ''));
    table.lines.push(row.line);
  };

  const decideHeader = () => {
    decided = true;
    if (pending.length === 0) return;
    // The table's width is the most common field count among the first rows.
    const counts = new Map<number, number>();
    for (const p of pending) counts.set(p.fields.length, (counts.get(p.fields.length) ?? 0) + 1);
    let modal = 0;
    let best = -1;
    for (const [w, c] of counts) if (c > best || (c === best && w > modal)) [modal, best] = [w, c];
    let start = 0;
    while (
      modal > 1 &&
      start < pending.length - 1 &&
      start < MAX_PREAMBLE_LINES &&
      (pending[start] as Pending).fields.length !== modal
    )
      start++;
    table.preambleLines = start;
    const first = pending[start] as Pending;
    const hasHeader =
      options.header ?? (!first.quoteError && !first.fields.some((cell) => looksLikeData(cell)));
    width = hasHeader ? first.fields.length : modal;
    table.hasHeader = hasHeader;
    table.headerLine = hasHeader ? first.line : 0;
    table.allHeaders = hasHeader
      ? cleanHeaders(first.fields)
      : Array.from({ length: width }, (_, i) => `column_${i + 1}`);
    const wanted = options.keepColumns?.(table.allHeaders);
    const wantedSet = wanted ? new Set(wanted) : undefined;
    keep = [];
    table.allHeaders.forEach((h, i) => {
      if (!wantedSet || wantedSet.has(h)) keep.push(i);
    });
    table.headers = keep.map((i) => table.allHeaders[i] as string);
    const rest = pending.slice(hasHeader ? start + 1 : start);
    pending = [];
    for (const row of rest) if (!stopped) accept(row);
  };

  return new Promise<CsvTable>((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      try {
        if (!decided && !stopped) decideHeader();
      } catch (error) {
        fail('read-error', `could not read the file (${String(error)})`);
      }
      if (!table.fatal && table.allHeaders.length === 0)
        fail('empty', 'the file has no rows (it is empty or blank)');
      resolve(table);
    };

    const step = (results: ParseStepResult<string[]>, parser: Parser) => {
      if (stopped) return;
      const fields = Array.isArray(results.data) ? results.data.map(String) : [];
      const line = nextLine;
      nextLine += 1 + countNewlines(fields);
      if (isBlank(fields)) {
        table.blankLines++;
        return;
      }
      const quote = results.errors.find((e) => e.type === 'Quotes');
      const row: Pending = { fields, line };
      if (quote) row.quoteError = quote.message;
      if (!decided) {
        pending.push(row);
        if (pending.length >= HEADER_SAMPLE_ROWS) decideHeader();
      } else accept(row);
      if (stopped) parser.abort();
    };

    const emitter = new ChunkEmitter();
    const start = (delimiter: string) => {
      table.delimiter = delimiter;
      // papaparse streams from anything shaped like a Node readable (readable, read, on).
      Papa.parse<string[]>(emitter as unknown as LocalFile, {
        delimiter,
        header: false,
        dynamicTyping: false,
        skipEmptyLines: false,
        step: (results, parser) => {
          try {
            step(results, parser);
          } catch (error) {
            fail('read-error', `could not read the file (${String(error)})`);
            parser.abort();
          }
        },
        complete: finish,
        error: (error) => {
          fail('read-error', `could not read the file (${error.message})`);
          finish();
        },
      });
    };

    const source =
      typeof input === 'string' ? slices(input, options.chunkChars ?? 1024 * 1024) : input;
    (async () => {
      let started = false;
      const primedState: PrimedState = { firstIsWhole: false };
      for await (const { text: chunk, chars } of primed(source, primedState)) {
        if (stopped || settled) break;
        table.chars += chars;
        if (table.chars > maxChars) {
          fail('too-large', `the file is larger than ${Math.round(maxChars / 1024 / 1024)} MB`);
          break;
        }
        if (!started) {
          started = true;
          const complete =
            primedState.firstIsWhole || (totalChars !== undefined && chars >= totalChars - 1);
          start(options.delimiter || guessDelimiter(chunk, complete));
        }
        emitter.emit('data', chunk);
        const progress: CsvProgress = { chars: table.chars, rows: table.rows.length };
        if (totalChars !== undefined) progress.totalChars = totalChars;
        options.onProgress?.(progress);
      }
      if (started && !stopped && !settled) emitter.emit('end');
      finish();
    })().catch((error: unknown) => {
      fail('read-error', `could not read the file (${String(error)})`);
      finish();
    });
  });
}
