/**
 * Date columns: detects which of year-month-day, day-month-year or month-day-year a column uses
 * from its values and parses dates to day numbers. When every value fits more than one order
 * (e.g. `03-04-17`), detection says so instead of guessing.
 */
import { isMissingValue } from './mapping.ts';

/** Field order of a date: ISO-like year first, European day first, US month first. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** Canonical display names, used in messages and accepted by `parseDateFormat`. */
export const DATE_FORMAT_NAMES: Record<DateOrder, string> = {
  ymd: 'yyyy-mm-dd',
  dmy: 'dd/mm/yyyy',
  mdy: 'mm/dd/yyyy',
};

const ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

/**
 * A date: three numbers split by one repeated `-`, `/` or `.`, optionally followed by a time
 * (`T`, space or `, `, `hh:mm[:ss[.fff]]`, optional AM/PM and zone) that is ignored: the calendar date
 * is taken as written, with no time-zone shift.
 */
const DATE =
  /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:,?[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[AaPp][Mm])?(?: ?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?)?$/;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a valid calendar date, else undefined. */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return Math.round(ms / MS_PER_DAY);
}

/** `yyyy-mm-dd` for a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Two-digit years: 00–69 → 2000s, 70–99 → 1900s (the POSIX strptime `%y` convention). */
function fullYear(text: string): number | undefined {
  const n = Number(text);
  if (text.length === 4) return n;
  if (text.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return undefined;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const TIME_TAIL =
  '(?:,?[T ]\\s*\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?: ?[AaPp][Mm])?(?: ?(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?)?';
/** `4 Mar 2024`, `04-Mar-24`, `4th March 2024` (English month names, full or short). */
const DAY_MONTH_YEAR = new RegExp(
  `^(?:[a-z]{3,9},?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?[\\s\\-/.]+${MONTH_NAME}[\\s\\-/.,]+(\\d{4}|\\d{2})${TIME_TAIL}$`,
  'i',
);
/** `Mar 4, 2024`, `March 4 2024`, `Mon, Mar 4, 2024`. */
const MONTH_DAY_YEAR = new RegExp(
  `^(?:[a-z]{3,9},?\\s+)?${MONTH_NAME}[\\s\\-/.]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s\\-/.]+(\\d{4}|\\d{2})${TIME_TAIL}$`,
  'i',
);

/**
 * A date with the month written as a word (`4 Mar 2024`, `04-Mar-24`, `March 4, 2024`): it
 * reads the same whatever the column's order, so it fits every order.
 */
export function parseNamedMonthDate(value: string): number | undefined {
  const t = value.trim();
  if (!/[a-z]/i.test(t)) return undefined;
  let m = DAY_MONTH_YEAR.exec(t);
  if (m) return namedMonthDay(m[1] as string, m[2] as string, m[3] as string);
  m = MONTH_DAY_YEAR.exec(t);
  if (m) return namedMonthDay(m[2] as string, m[1] as string, m[3] as string);
  return undefined;
}

/** The day of a date whose month is a word (its first three letters name it). */
function namedMonthDay(day: string, monthName: string, yearText: string): number | undefined {
  const month = MONTHS[monthName.toLowerCase().slice(0, 3)];
  const year = fullYear(yearText);
  return month === undefined || year === undefined
    ? undefined
    : dayNumber(year, month, Number(day));
}

/** Parses one value in the given order; undefined if it does not fit. */
export function parseDate(value: string, order: DateOrder): number | undefined {
  const named = parseNamedMonthDate(value);
  if (named !== undefined) return named;
  const m = DATE.exec(value.trim());
  if (!m) return undefined;
  const a = m[1] as string;
  const b = m[3] as string;
  const c = m[4] as string;
  if (order === 'ymd') {
    if (a.length !== 4) return undefined;
    return dayNumber(Number(a), Number(b), Number(c));
  }
  if (a.length > 2) return undefined;
  const year = fullYear(c);
  if (year === undefined) return undefined;
  return order === 'dmy'
    ? dayNumber(year, Number(b), Number(a))
    : dayNumber(year, Number(a), Number(b));
}

/** A memoized `parseDate` for one order: exports repeat the same few hundred dates. */
export function dateParser(order: DateOrder): (value: string) => number | undefined {
  const cache = new Map<string, number | undefined>();
  return (value) => {
    if (cache.has(value)) return cache.get(value);
    if (cache.size > 100_000) cache.clear();
    const day = parseDate(value, order);
    cache.set(value, day);
    return day;
  };
}

/** Which orders a value fits. */
export function fittingOrders(value: string): DateOrder[] {
  return ORDERS.filter((order) => parseDate(value, order) !== undefined);
}

/** What detection found in a column. */
export type DateDetection =
  | { kind: 'detected'; order: DateOrder; format: string; values: number }
  | {
      kind: 'ambiguous';
      candidates: DateOrder[];
      formats: string[];
      examples: string[];
      values: number;
    }
  | {
      kind: 'inconsistent';
      /** How many values fit each order: no single order fits them all. */
      fits: Record<DateOrder, number>;
      examples: string[];
      values: number;
    }
  | { kind: 'unrecognized'; examples: string[]; values: number }
  | { kind: 'empty' };

/**
 * Detects the order used by a column: the orders that fit every value that fits any order. One
 * such order: detected; several: ambiguous (the caller must ask); none: inconsistent. Values
 * that fit no order at all are left for the row report.
 */
export function detectDateOrder(values: Iterable<string>): DateDetection {
  const fits: Record<DateOrder, number> = { ymd: 0, dmy: 0, mdy: 0 };
  let recognized = 0;
  /** Values with the month as a word: they fit every order, so they do not decide it. */
  let named = 0;
  let nonEmpty = 0;
  const unrecognized: string[] = [];
  const examples: string[] = [];
  const seenPatterns = new Set<string>();
  const cache = new Map<string, DateOrder[]>();
  for (const raw of values) {
    const value = raw.trim();
    if (isMissingValue(value)) continue;
    nonEmpty++;
    let orders = cache.get(value);
    if (!orders) {
      if (cache.size > 100_000) cache.clear();
      orders = fittingOrders(value);
      cache.set(value, orders);
    }
    if (orders.length === 0) {
      if (unrecognized.length < 5) unrecognized.push(value);
      continue;
    }
    if (orders.length === ORDERS.length && parseNamedMonthDate(value) !== undefined) {
      named++;
      continue;
    }
    recognized++;
    for (const order of orders) fits[order]++;
    const key = orders.join(',');
    if ((!seenPatterns.has(key) || examples.length < 3) && !examples.includes(value)) {
      seenPatterns.add(key);
      if (examples.length < 6) examples.push(value);
    }
  }
  if (nonEmpty === 0) return { kind: 'empty' };
  if (recognized === 0 && named > 0)
    return { kind: 'detected', order: 'dmy', format: 'd mmm yyyy', values: nonEmpty };
  if (recognized === 0) return { kind: 'unrecognized', examples: unrecognized, values: nonEmpty };
  const candidates = ORDERS.filter((order) => fits[order] === recognized);
  if (candidates.length === 1) {
    const order = candidates[0] as DateOrder;
    return { kind: 'detected', order, format: DATE_FORMAT_NAMES[order], values: nonEmpty };
  }
  if (candidates.length > 1) {
    return {
      kind: 'ambiguous',
      candidates,
      formats: candidates.map((o) => DATE_FORMAT_NAMES[o]),
      examples: examples.slice(0, 3),
      values: nonEmpty,
    };
  }
  return { kind: 'inconsistent', fits, examples, values: nonEmpty };
}

/**
 * Reads a user's format name: `yyyy-mm-dd`, `dd/mm/yyyy`, `mm/dd/yy`, `dd.mm.yyyy`, `ymd`,
 * `iso`… Only the order of d, m and y matters; separators and year width are read from the data.
 */
export function parseDateFormat(text: string): DateOrder | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'iso') return 'ymd';
  const letters = t.replace(/[^dmy]/g, '').replace(/(.)\1+/g, '$1');
  if (!/^[dmy]+$/.test(t.replace(/[-/. ]/g, ''))) return undefined;
  if (letters === 'ymd' || letters === 'dmy' || letters === 'mdy') return letters;
  return undefined;
}
