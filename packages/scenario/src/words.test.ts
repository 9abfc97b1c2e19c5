import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listInWords } from './words.ts';

describe('listInWords', () => {
  it('words none, one, two and three items', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('keeps every item, in order, with one "and" before the last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 2, maxLength: 8 }),
        (xs) => {
          const text = listInWords(xs);
          expect(text.endsWith(` and ${xs.at(-1)}`)).toBe(true);
          expect(text).toBe(`${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
        },
      ),
    );
  });
});
