import { describe, expect, it } from 'vitest';
import { parseAmount } from './numbers.ts';

describe('parseAmount', () => {
  it('reads thousands separators and currency symbols with a decimal point', () => {
    expect(parseAmount('$1,234.50')).toBe(1234.5);
    expect(parseAmount('1,234')).toBe(1234);
    expect(parseAmount('USD 1,234,567')).toBe(1_234_567);
    expect(parseAmount('£ 99')).toBe(99);
    expect(parseAmount("CHF 1'200.25")).toBe(1200.25);
    expect(parseAmount('US$12')).toBe(12);
    expect(parseAmount('  42  ')).toBe(42);
    expect(parseAmount('1 234.5')).toBe(1234.5);
    expect(parseAmount('1\u00a0234')).toBe(1234);
    expect(parseAmount('1.5e3')).toBe(1500);
  });

  it('reads a decimal comma when told to', () => {
    expect(parseAmount('1.234,50 €', ',')).toBe(1234.5);
    expect(parseAmount('€1.234,50', ',')).toBe(1234.5);
    expect(parseAmount('1234,5', ',')).toBe(1234.5);
    expect(parseAmount('1 234,50 kr', ',')).toBe(1234.5);
    expect(parseAmount('1.234', ',')).toBe(1234);
    // The same text means something else with a decimal point.
    expect(parseAmount('1.234,50 €')).toBeUndefined();
  });

  it('reads negatives written -x, (x) or x-', () => {
    expect(parseAmount('-5')).toBe(-5);
    expect(parseAmount('($1,000.00)')).toBe(-1000);
    expect(parseAmount('-$3')).toBe(-3);
    expect(parseAmount('7-')).toBe(-7);
  });

  it('rejects text that is not a plain amount instead of guessing', () => {
    for (const bad of [
      '',
      'abc',
      '12,34',
      '1,2345',
      '1.2.3',
      '=1+1',
      '=HYPERLINK("http://x")',
      '1 2 3',
      '$',
      'NaN',
      'Infinity',
      '0x10',
      '12abc',
      '—',
    ])
      expect(parseAmount(bad), bad).toBeUndefined();
  });
});
