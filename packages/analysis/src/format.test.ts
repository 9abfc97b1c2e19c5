import { describe, expect, it } from 'vitest';
import { formatHours, formatMoney, formatPercent, MISSING } from './format.ts';

describe('formatMoney', () => {
  it('formats whole currency units with grouping', () => {
    expect(formatMoney(1_234_567.4, 'USD')).toBe('$1,234,567');
    expect(formatMoney(-2500, 'USD')).toBe('-$2,500');
    expect(formatMoney(-0.3, 'USD')).toBe('$0');
    expect(formatMoney(1_234_567, 'EUR', 'de-DE')).toBe('1.234.567\u00a0€');
  });

  it('compacts big numbers on request', () => {
    expect(formatMoney(1_234_567, 'USD', undefined, { compact: true })).toBe('$1.23M');
    expect(formatMoney(350_000, 'USD', 'en-US', { compact: true })).toBe('$350K');
    expect(formatMoney(2_500_000, 'USD', 'en-US', { compact: 'auto' })).toBe('$2.5M');
    expect(formatMoney(999_999, 'USD', 'en-US', { compact: 'auto' })).toBe('$999,999');
  });

  it('signs differences and prints missing values as a dash', () => {
    expect(formatMoney(1500, 'USD', 'en-US', { signed: true })).toBe('+$1,500');
    expect(formatMoney(0, 'USD', 'en-US', { signed: true })).toBe('$0');
    expect(formatMoney(Number.NaN, 'USD')).toBe(MISSING);
  });
});

describe('formatPercent', () => {
  it('formats fractions as percentages', () => {
    expect(formatPercent(0.573)).toBe('57%');
    expect(formatPercent(0.5734, 1)).toBe('57.3%');
    expect(formatPercent(0.05, 0, 'en-US', { signed: true })).toBe('+5%');
    expect(formatPercent(-0.001)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe(MISSING);
  });
});

describe('formatHours', () => {
  it('formats hours with grouping and a unit', () => {
    expect(formatHours(1234.4)).toBe('1,234 h');
    expect(formatHours(2.25, 1)).toBe('2.3 h');
    expect(formatHours(-12, 0, 'en-US', { signed: true })).toBe('-12 h');
    expect(formatHours(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });
});
