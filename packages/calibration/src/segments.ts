/**
 * Segment rules: which rows form which segment, by conditions on export or joined columns
 * (`series in GTX,MG`, `revenue >= 1000`, `employees between 100 and 999`, `sector = retail`).
 * All conditions of a segment must hold; the first segment whose conditions hold takes the row.
 * As in SQL, an empty cell satisfies no condition (not even `not in` or `!=`). Text is compared,
 * never evaluated.
 */
import type { JoinedView } from './join.ts';
import { nearMisses } from './join.ts';
import { type DecimalSeparator, parseAmount } from './numbers.ts';

export type Condition =
  | { column: string; op: 'in' | 'not in'; values: string[] }
  | { column: string; op: '=' | '!='; value: string }
  | { column: string; op: '>=' | '>' | '<' | '<='; value: number }
  | { column: string; op: 'between'; low: number; high: number };

export interface SegmentRule {
  id: string;
  name: string;
  sweetSpot: boolean;
  /** All must hold; none: the segment takes every row that reaches it. */
  conditions: Condition[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Scenario segment ids: letters, digits, `-` and `_`, starting with a letter or digit. */
export const SEGMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

function unquote(s: string): string {
  const t = s.trim();
  if (
    t.length >= 2 &&
    ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))
  )
    return t.slice(1, -1);
  return t;
}

function parseNumberLiteral(text: string): number | undefined {
  return parseAmount(text, '.') ?? parseAmount(text, ',');
}

const OPERATORS: readonly { op: Condition['op']; pattern: RegExp }[] = [
  { op: 'not in', pattern: /\s+not\s+in\s+/i },
  { op: 'in', pattern: /\s+in\s+/i },
  { op: 'between', pattern: /\s+between\s+/i },
  { op: '>=', pattern: />=/ },
  { op: '<=', pattern: /<=/ },
  { op: '!=', pattern: /!=/ },
  { op: '>', pattern: />/ },
  { op: '<', pattern: /</ },
  { op: '=', pattern: /=/ },
];

/** Parses one condition; the operator is the earliest one in the text. */
export function parseCondition(text: string): Parsed<Condition> {
  let best: { op: Condition['op']; index: number; length: number } | undefined;
  for (const { op, pattern } of OPERATORS) {
    const m = pattern.exec(text);
    if (m && (best === undefined || m.index < best.index))
      best = { op, index: m.index, length: m[0].length };
  }
  if (!best)
    return {
      ok: false,
      message: `"${text}" is not a condition (use: column in a,b · column = x · column >= 10 · column < 10 · column between 10 and 20)`,
    };
  const column = unquote(text.slice(0, best.index));
  const rest = text.slice(best.index + best.length).trim();
  if (column === '') return { ok: false, message: `"${text}" names no column` };
  switch (best.op) {
    case 'in':
    case 'not in': {
      const values = rest
        .split(/[,|]/)
        .map(unquote)
        .filter((v) => v !== '');
      if (values.length === 0) return { ok: false, message: `"${text}" lists no values` };
      return { ok: true, value: { column, op: best.op, values } };
    }
    case '=':
    case '!=':
      return { ok: true, value: { column, op: best.op, value: unquote(rest) } };
    case 'between': {
      const m = /^(.+?)\s+and\s+(.+)$/i.exec(rest);
      const low = m ? parseNumberLiteral(m[1] as string) : undefined;
      const high = m ? parseNumberLiteral(m[2] as string) : undefined;
      if (low === undefined || high === undefined || low > high)
        return {
          ok: false,
          message: `"${text}": write "column between LOW and HIGH" with numbers, LOW ≤ HIGH`,
        };
      return { ok: true, value: { column, op: 'between', low, high } };
    }
    default: {
      const value = parseNumberLiteral(rest);
      if (value === undefined)
        return { ok: false, message: `"${text}": ${best.op} needs a number, got "${rest}"` };
      return { ok: true, value: { column, op: best.op, value } };
    }
  }
}

/** A segment id from a name: lower-case letters, digits and dashes ('' when none are left). */
export function segmentSlug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/**
 * Parses `id=gtx;name=GTX series;sweet=true;series in GTX`: `;`-separated parts, where `id=`,
 * `name=` and `sweet=` set attributes and every other part is a condition. A condition on a
 * column literally called id, name or sweet needs a space before its operator (`name = x`).
 */
export function parseSegmentRule(text: string, index = 0): Parsed<SegmentRule> {
  let id: string | undefined;
  let name: string | undefined;
  let sweetSpot = false;
  const conditions: Condition[] = [];
  for (const rawPart of text.split(';')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const attr = /^(id|name|sweet)=(.*)$/i.exec(part);
    if (attr) {
      const key = (attr[1] as string).toLowerCase();
      const value = (attr[2] as string).trim();
      if (key === 'id') id = value;
      else if (key === 'name') name = value;
      else {
        const v = value.toLowerCase();
        if (['true', 'yes', '1', 'y'].includes(v)) sweetSpot = true;
        else if (['false', 'no', '0', 'n', ''].includes(v)) sweetSpot = false;
        else return { ok: false, message: `segment "${text}": sweet= must be true or false` };
      }
      continue;
    }
    const c = parseCondition(part);
    if (!c.ok) return { ok: false, message: `segment "${text}": ${c.message}` };
    conditions.push(c.value);
  }
  const finalId = id ?? (segmentSlug(name ?? '') || `segment-${index + 1}`);
  if (!SEGMENT_ID.test(finalId))
    return {
      ok: false,
      message: `segment id "${finalId}" must start with a letter or digit and use only letters, digits, - and _ (at most 64)`,
    };
  const finalName = (name ?? finalId).trim().slice(0, 200) || finalId;
  return { ok: true, value: { id: finalId, name: finalName, sweetSpot, conditions } };
}

/** The condition as text, e.g. `series in GTX, MG`. */
export function describeCondition(c: Condition): string {
  switch (c.op) {
    case 'in':
    case 'not in':
      return `${c.column} ${c.op} ${c.values.join(', ')}`;
    case 'between':
      return `${c.column} between ${c.low} and ${c.high}`;
    default:
      return `${c.column} ${c.op} ${c.value}`;
  }
}

export interface CompiledSegments {
  /** Index of the first segment whose conditions hold, or -1. */
  assign(row: number): number;
  /** Rule values that match no row, with near-miss suggestions. */
  warnings: string[];
  /** The resolved columns the rules read. */
  columns: string[];
}

function distinctValues(read: (row: number) => string, rows: number, limit = 10_000): string[] {
  const seen = new Set<string>();
  for (let r = 0; r < rows && seen.size < limit; r++) {
    const v = read(r).trim();
    if (v !== '') seen.add(v);
  }
  return [...seen];
}

/**
 * A warning for a rule value no row has, with the nearest values that exist: equal up to case,
 * spaces and punctuation, within a small edit distance, or (failing those) containing it or
 * contained in it (`Enterprise` → `Enterprise (1000+)`). Undefined when some row has the value.
 */
function unmatchedValue(
  ruleId: string,
  column: string,
  value: string,
  present: readonly string[],
): string | undefined {
  const key = value.trim().toLowerCase();
  if (key === '' || present.some((p) => p.toLowerCase() === key)) return undefined;
  let hint = nearMisses(value, present);
  if (hint.length === 0 && key.length >= 3)
    hint = present
      .filter((p) => {
        const q = p.toLowerCase();
        return q.includes(key) || (q.length >= 3 && key.includes(q));
      })
      .slice(0, 3);
  const some = present.slice(0, 8).map((p) => `"${p.slice(0, 40)}"`);
  return `segment "${ruleId}": no row has ${column} = "${value}"${
    hint.length > 0
      ? ` (did you mean ${hint.map((h) => `"${h}"`).join(' or ')}?)`
      : present.length > 0
        ? ` (values: ${some.join(', ')}${present.length > 8 ? `, … ${present.length} in all` : ''})`
        : ` (the column is empty)`
  }`;
}

/** Resolves rule columns against the joined view and builds the row → segment assignment. */
export function compileSegments(
  rules: readonly SegmentRule[],
  view: JoinedView,
  rowCount: number,
  decimal: DecimalSeparator = '.',
): Parsed<CompiledSegments> {
  const ids = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) return { ok: false, message: `two segments have the id "${rule.id}"` };
    ids.add(rule.id);
  }
  const warnings: string[] = [];
  const columns: string[] = [];
  const tests: ((row: number) => boolean)[][] = [];
  for (const rule of rules) {
    const checks: ((row: number) => boolean)[] = [];
    for (const c of rule.conditions) {
      const column = view.resolve(c.column);
      if (column === undefined) {
        const hint = nearMisses(c.column, view.columns);
        return {
          ok: false,
          message: `segment "${rule.id}": no column "${c.column}"${hint.length > 0 ? ` (did you mean ${hint.map((h) => `"${h}"`).join(' or ')}?)` : ''}; columns: ${view.columns.slice(0, 40).join(', ')}`,
        };
      }
      if (!columns.includes(column)) columns.push(column);
      const read = view.reader(column);
      const num = (row: number) => parseAmount(read(row), decimal);
      let values: string[] | undefined;
      const distinct = () => {
        values ??= distinctValues(read, rowCount);
        return values;
      };
      switch (c.op) {
        case 'in':
        case 'not in': {
          const set = new Set(c.values.map((v) => v.toLowerCase()));
          const inSet = (row: number) => set.has(read(row).trim().toLowerCase());
          checks.push(c.op === 'in' ? inSet : (row) => read(row).trim() !== '' && !inSet(row));
          for (const v of c.values) {
            const w = unmatchedValue(rule.id, column, v, distinct());
            if (w) warnings.push(w);
          }
          break;
        }
        case '=':
        case '!=': {
          const target = c.value.trim().toLowerCase();
          const n = parseNumberLiteral(c.value);
          const eq = (row: number) => {
            const cell = read(row).trim();
            if (n !== undefined) {
              const x = parseAmount(cell, decimal);
              if (x !== undefined) return x === n;
            }
            return cell.toLowerCase() === target;
          };
          checks.push(c.op === '=' ? eq : (row) => read(row).trim() !== '' && !eq(row));
          if (n === undefined) {
            const w = unmatchedValue(rule.id, column, c.value, distinct());
            if (w) warnings.push(w);
          }
          break;
        }
        case 'between':
          checks.push((row) => {
            const x = num(row);
            return x !== undefined && x >= c.low && x <= c.high;
          });
          break;
        case '>=':
          checks.push((row) => (num(row) ?? Number.NaN) >= c.value);
          break;
        case '>':
          checks.push((row) => (num(row) ?? Number.NaN) > c.value);
          break;
        case '<':
          checks.push((row) => (num(row) ?? Number.NaN) < c.value);
          break;
        case '<=':
          checks.push((row) => (num(row) ?? Number.NaN) <= c.value);
          break;
      }
    }
    tests.push(checks);
  }
  return {
    ok: true,
    value: {
      assign: (row) => tests.findIndex((checks) => checks.every((check) => check(row))),
      warnings,
      columns,
    },
  };
}
