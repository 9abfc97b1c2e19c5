/**
 * Joins lookup tables (accounts, products…) onto the export by a key column, so mapping and
 * segment rules can use their attributes (`sector`, `product.series`). Keys match exactly after
 * trimming; unmatched keys are reported with near-miss suggestions (`GTXPro` → `GTX Pro`), and
 * an alias map fixes them.
 */
import type { CsvTable } from './csv.ts';
import { normalizeName } from './mapping.ts';
import { quoted } from './report.ts';

export interface JoinSpec {
  /** Export column holding the key; also the prefix of the joined columns (`product.series`). */
  column: string;
  /** The lookup table. */
  table: CsvTable;
  /** The lookup table's key column (default: the same name as `column`). */
  key?: string;
  /** Where the table came from, for messages (a file name). */
  source?: string;
  /** Near-miss fixes: export value → lookup key. */
  aliases?: Readonly<Record<string, string>>;
}

export interface UnmatchedKey {
  key: string;
  rows: number;
  /** Up to five lines where it appears. */
  firstLines: number[];
  /** Lookup keys it probably means. */
  suggestions: string[];
}

export interface JoinReport {
  column: string;
  source: string;
  key: string;
  matched: number;
  /** Rows matched through an alias. */
  aliased: number;
  /** Rows with an empty key. */
  emptyKey: number;
  unmatched: UnmatchedKey[];
  /** Keys that appear more than once in the lookup table (the first row is used). */
  duplicateKeys: string[];
  /** Aliases whose target is not a key of the lookup table. */
  badAliases: string[];
}

/** The export with its joins: every column by name, for any row. */
export interface JoinedView {
  /** Every usable column name: export columns, `join.column`, and unambiguous bare joined names. */
  columns: string[];
  /** Resolves a column name (exact, then case- and punctuation-insensitive if unique). */
  resolve(name: string): string | undefined;
  /** Cell reader for a resolved column name. */
  reader(name: string): (row: number) => string;
  reports: JoinReport[];
  /**
   * Why a row has no joined values, for the row report (undefined when all joins matched);
   * with `columns`, only the joins that feed those columns count.
   */
  joinProblem(row: number, columns?: readonly string[]): string | undefined;
}

export type JoinResult = { ok: true; view: JoinedView } | { ok: false; message: string };

/** Case-, space- and punctuation-insensitive form of a key. */
export function keyShape(key: string): string {
  return key
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Keys in `candidates` that `key` probably means: equal up to case, spaces and punctuation,
 * else within edit distance 2 (1 for short keys) of that shape.
 */
export function nearMisses(key: string, candidates: readonly string[], max = 3): string[] {
  const shape = keyShape(key);
  if (shape === '') return [];
  const same = candidates.filter((c) => keyShape(c) === shape);
  if (same.length > 0) return same.slice(0, max);
  if (candidates.length > 20_000) return [];
  const limit = shape.length >= 6 ? 2 : 1;
  return candidates
    .map((c) => ({ c, d: editDistance(shape, keyShape(c), limit) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** Finds a column: exact name first, then a unique case/punctuation-insensitive match. */
export function findColumn(columns: readonly string[], name: string): string | undefined {
  if (columns.includes(name)) return name;
  const trimmed = name.trim();
  if (columns.includes(trimmed)) return trimmed;
  const norm = normalizeName(trimmed);
  const hits = columns.filter((c) => normalizeName(c) === norm);
  return hits.length === 1 ? hits[0] : undefined;
}

/** Joins every lookup table onto the export. */
export function joinTables(table: CsvTable, joins: readonly JoinSpec[]): JoinResult {
  const baseIndex = new Map<string, number>();
  table.headers.forEach((h, i) => {
    baseIndex.set(h, i);
  });
  const readers = new Map<string, (row: number) => string>();
  for (const [h, i] of baseIndex) readers.set(h, (r) => table.rows[r]?.[i] ?? '');

  const reports: JoinReport[] = [];
  const matches: { column: string; source: string; match: Int32Array; feeds: Set<string> }[] = [];
  const bareCount = new Map<string, number>();
  const bareReader = new Map<string, (row: number) => string>();

  for (const spec of joins) {
    const source = spec.source ?? `${spec.column} table`;
    const column = findColumn(table.headers, spec.column);
    if (column === undefined)
      return { ok: false, message: `join: the export has no column "${spec.column}"` };
    const keyName = findColumn(spec.table.headers, spec.key ?? spec.column);
    if (keyName === undefined)
      return {
        ok: false,
        message: `join: ${source} has no key column "${spec.key ?? spec.column}" (its columns: ${spec.table.headers.join(', ')})`,
      };
    const keyCol = spec.table.headers.indexOf(keyName);
    const lookup = new Map<string, number>();
    const duplicateKeys: string[] = [];
    spec.table.rows.forEach((row, i) => {
      const k = (row[keyCol] ?? '').trim();
      if (k === '') return;
      if (lookup.has(k)) duplicateKeys.push(k);
      else lookup.set(k, i);
    });
    const aliases = new Map<string, string>();
    const badAliases: string[] = [];
    for (const [from, to] of Object.entries(spec.aliases ?? {})) {
      aliases.set(from.trim(), to.trim());
      if (!lookup.has(to.trim())) badAliases.push(`${from} → ${to}`);
    }
    const exportCol = baseIndex.get(column) as number;
    const match = new Int32Array(table.rows.length).fill(-1);
    const unmatched = new Map<string, UnmatchedKey>();
    let matched = 0;
    let aliased = 0;
    let emptyKey = 0;
    table.rows.forEach((row, r) => {
      const raw = (row[exportCol] ?? '').trim();
      if (raw === '') {
        emptyKey++;
        return;
      }
      const alias = aliases.get(raw);
      const hit = lookup.get(alias ?? raw);
      if (hit !== undefined) {
        match[r] = hit;
        matched++;
        if (alias !== undefined) aliased++;
        return;
      }
      let u = unmatched.get(raw);
      if (!u) {
        u = { key: raw, rows: 0, firstLines: [], suggestions: [] };
        unmatched.set(raw, u);
      }
      u.rows++;
      if (u.firstLines.length < 5) u.firstLines.push(table.lines[r] ?? 0);
    });
    const keys = [...lookup.keys()];
    const unmatchedList = [...unmatched.values()].sort((a, b) => b.rows - a.rows);
    unmatchedList.slice(0, 200).forEach((u) => {
      u.suggestions = nearMisses(u.key, keys);
    });
    reports.push({
      column,
      source,
      key: keyName,
      matched,
      aliased,
      emptyKey,
      unmatched: unmatchedList,
      duplicateKeys,
      badAliases,
    });
    const feeds = new Set<string>();
    matches.push({ column, source, match, feeds });
    spec.table.headers.forEach((h, ci) => {
      if (ci === keyCol) return;
      const read = (r: number) => {
        const m = match[r] as number;
        return m < 0 ? '' : (spec.table.rows[m]?.[ci] ?? '');
      };
      readers.set(`${column}.${h}`, read);
      feeds.add(`${column}.${h}`);
      feeds.add(h);
      if (!baseIndex.has(h)) {
        bareCount.set(h, (bareCount.get(h) ?? 0) + 1);
        bareReader.set(h, read);
      }
    });
  }
  for (const [h, count] of bareCount) {
    const read = bareReader.get(h);
    if (count === 1 && read && !readers.has(h)) readers.set(h, read);
  }
  const columns = [...readers.keys()];
  const view: JoinedView = {
    columns,
    resolve: (name) => findColumn(columns, name),
    reader: (name) => readers.get(name) ?? (() => ''),
    reports,
    joinProblem: (row, columns) => {
      const problems: string[] = [];
      for (const m of matches) {
        if ((m.match[row] as number) >= 0) continue;
        if (columns && !columns.some((c) => m.feeds.has(c))) continue;
        const value = (table.rows[row]?.[baseIndex.get(m.column) as number] ?? '').trim();
        problems.push(
          value === ''
            ? `${m.column} is empty`
            : `${m.column} ${quoted(value)} is not in ${m.source}`,
        );
      }
      return problems.length > 0 ? problems.join('; ') : undefined;
    },
  };
  return { ok: true, view };
}
