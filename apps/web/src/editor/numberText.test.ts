import { describe, expect, it } from 'vitest';
import { displayNumber, parseNumber, sameValue, valueFromText } from './numberText.ts';

describe('number text', () => {
  it('parses what people type', () => {
    const typed: [string, number][] = [
      ['150,000', 150_000],
      [' 1 200 ', 1200],
      ['0.5', 0.5],
      ['.5', 0.5],
      ['-3', -3],
      ['1e3', 1000],
    ];
    for (const [text, value] of typed) expect(parseNumber(text), text).toBe(value);
    for (const text of ['', 'abc', '12abc', '1.2.3']) expect(parseNumber(text), text).toBeNaN();
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
