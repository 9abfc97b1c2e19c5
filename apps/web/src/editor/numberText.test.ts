import { describe, expect, it } from 'vitest';
import { displayNumber, parseNumber, sameValue, valueFromText } from './numberText.ts';

describe('number text', () => {
  it('parses what people type', () => {
    expect(parseNumber('150,000')).toBe(150_000);
    expect(parseNumber(' 1 200 ')).toBe(1200);
    expect(parseNumber('0.5')).toBe(0.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('12abc')).toBeNaN();
    expect(parseNumber('1.2.3')).toBeNaN();
  });

  it('displays without float noise', () => {
    expect(displayNumber(0.3, 100)).toBe('30');
    expect(displayNumber(0.345, 100)).toBe('34.5');
    expect(displayNumber(0.07, 100)).toBe('7');
    expect(displayNumber(22_000)).toBe('22000');
    expect(displayNumber(Number.NaN)).toBe('');
    expect(displayNumber(undefined)).toBe('');
  });

  it('stores percentages as fractions', () => {
    expect(valueFromText('30', 100)).toBe(0.3);
    expect(valueFromText('34.5', 100)).toBe(0.345);
    expect(valueFromText('x', 100)).toBeNaN();
    // Empty is absent (validation says "is required" or removes an optional field), not NaN.
    expect(valueFromText('')).toBeUndefined();
    expect(valueFromText('  ', 100)).toBeUndefined();
  });

  it('compares stored values', () => {
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
    expect(sameValue(1, 1)).toBe(true);
    expect(sameValue(undefined, undefined)).toBe(true);
    expect(sameValue(1, undefined)).toBe(false);
  });
});
