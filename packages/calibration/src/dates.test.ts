import { describe, expect, it } from 'vitest';
import { dayNumber, detectDateOrder, formatDay, parseDate, parseDateFormat } from './dates.ts';

describe('dates', () => {
  it('parses each order with -, / and . separators and 2- or 4-digit years', () => {
    const d = dayNumber(2017, 3, 4);
    expect(parseDate('2017-03-04', 'ymd')).toBe(d);
    expect(parseDate('2017/3/4', 'ymd')).toBe(d);
    expect(parseDate('04/03/2017', 'dmy')).toBe(d);
    expect(parseDate('4.3.17', 'dmy')).toBe(d);
    expect(parseDate('03-04-17', 'mdy')).toBe(d);
    expect(parseDate('3/4/2017 14:05', 'mdy')).toBe(d);
    expect(parseDate('2017-03-04T23:59:59Z', 'ymd')).toBe(d);
    expect(formatDay(d as number)).toBe('2017-03-04');
  });

  it('reads two-digit years 00–69 as 20xx and 70–99 as 19xx', () => {
    expect(formatDay(parseDate('01/02/69', 'dmy') as number)).toBe('2069-02-01');
    expect(formatDay(parseDate('01/02/70', 'dmy') as number)).toBe('1970-02-01');
  });

  it('rejects impossible dates and mixed separators', () => {
    expect(parseDate('2017-02-29', 'ymd')).toBeUndefined();
    expect(parseDate('31/04/2017', 'dmy')).toBeUndefined();
    expect(parseDate('2017-03/04', 'ymd')).toBeUndefined();
    expect(parseDate('17-03-04', 'ymd')).toBeUndefined();
    expect(parseDate('=TODAY()', 'ymd')).toBeUndefined();
  });

  it('detects ISO and unambiguous day-first or month-first columns', () => {
    expect(detectDateOrder(['2017-03-01', '2016-12-31', ''])).toMatchObject({
      kind: 'detected',
      order: 'ymd',
    });
    expect(detectDateOrder(['03/04/2017', '25/12/2017'])).toMatchObject({
      kind: 'detected',
      order: 'dmy',
    });
    expect(detectDateOrder(['03/04/2017', '12/25/2017'])).toMatchObject({
      kind: 'detected',
      order: 'mdy',
    });
  });

  it('says "ambiguous" with the candidates when every value fits dd/mm and mm/dd', () => {
    const result = detectDateOrder(['03-04-17', '01-02-17', '12-11-16']);
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.candidates).toEqual(['dmy', 'mdy']);
    expect(result.formats).toEqual(['dd/mm/yyyy', 'mm/dd/yyyy']);
    expect(result.examples).toContain('03-04-17');
  });

  it('says "inconsistent" when day-first and month-first values are mixed', () => {
    expect(detectDateOrder(['25/12/2017', '12/25/2017']).kind).toBe('inconsistent');
  });

  it('ignores garbage values in detection, and says so when nothing is a date', () => {
    expect(detectDateOrder(['2017-01-05', 'n/a', 'soon'])).toMatchObject({
      kind: 'detected',
      order: 'ymd',
    });
    expect(detectDateOrder(['soon', '=NOW()']).kind).toBe('unrecognized');
    expect(detectDateOrder(['', ' ']).kind).toBe('empty');
  });

  it('reads format names', () => {
    expect(parseDateFormat('yyyy-mm-dd')).toBe('ymd');
    expect(parseDateFormat('YYYY/MM/DD')).toBe('ymd');
    expect(parseDateFormat('dd/mm/yyyy')).toBe('dmy');
    expect(parseDateFormat('dd.mm.yy')).toBe('dmy');
    expect(parseDateFormat('mm/dd/yyyy')).toBe('mdy');
    expect(parseDateFormat('iso')).toBe('ymd');
    expect(parseDateFormat('yyyy-dd-mm')).toBeUndefined();
    expect(parseDateFormat('banana')).toBeUndefined();
  });
});

describe('dates with month names and timestamps (issue 14)', () => {
  const d = dayNumber(2024, 3, 4);
  it('reads 4 Mar 2024, 04-Mar-24, March 4, 2024 in any order', () => {
    for (const v of ['4 Mar 2024', '04-Mar-24', 'March 4, 2024', 'Mar 4 2024', '4th March 2024'])
      for (const order of ['ymd', 'dmy', 'mdy'] as const) expect(parseDate(v, order), v).toBe(d);
    expect(parseDate('31 Feb 2024', 'dmy')).toBeUndefined();
  });

  it('reads ISO timestamps and Salesforce "3/4/2024, 10:00 AM"', () => {
    expect(parseDate('2024-03-04T10:00:00Z', 'ymd')).toBe(d);
    expect(parseDate('2024-03-04T23:59:59.123+05:30', 'ymd')).toBe(d);
    expect(parseDate('2024-03-04 10:00:00 UTC', 'ymd')).toBe(d);
    expect(parseDate('3/4/2024, 10:00 AM', 'mdy')).toBe(d);
  });

  it('detects a month-name column without asking, skipping missing values', () => {
    const r = detectDateOrder(['4 Mar 2024', 'NA', '12-Jan-2023', '', 'N/A', '—']);
    expect(r).toMatchObject({ kind: 'detected', format: 'd mmm yyyy', values: 2 });
    // Numeric values still decide the order when the column mixes both.
    expect(detectDateOrder(['4 Mar 2024', '13/01/2023'])).toMatchObject({ order: 'dmy' });
  });
});
