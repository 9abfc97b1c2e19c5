import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intFlag, maxWorkers, rejectEmptyFlags, workersFlag } from './args.ts';
import { UsageError } from './io.ts';

describe('flag values', () => {
  it('intFlag takes plain decimal whole numbers in range, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
        expect(intFlag('seed', String(n), -1000, 1000)).toBe(n);
      }),
      { seed: 16 },
    );
    for (const bad of [
      '',
      ' ',
      ' 5',
      '5 ',
      '1e3',
      '0x10',
      '1.0',
      '1.5',
      '1_000',
      'abc',
      '+',
      '-',
      'Infinity',
      'NaN',
      '٣',
    ])
      expect(() => intFlag('trials', bad, -10_000, 10_000), JSON.stringify(bad)).toThrow(
        UsageError,
      );
    expect(() => intFlag('trials', '', 1, 10)).toThrow(
      '--trials is empty: give a whole number from 1 to 10',
    );
    expect(() => intFlag('trials', '11', 1, 10)).toThrow(
      '--trials must be a whole number from 1 to 10 (got "11")',
    );
    expect(() => intFlag('seed', '9007199254740993', 0, Number.MAX_SAFE_INTEGER)).toThrow(
      UsageError,
    );
    expect(intFlag('trials', undefined, 1, 10)).toBeUndefined();
  });

  it('--workers is capped at twice the cores, and the message says so', () => {
    expect(maxWorkers(2)).toBe(4);
    expect(maxWorkers(0)).toBe(2);
    expect(workersFlag('4', 2)).toBe(4);
    expect(workersFlag('1', 2)).toBe(1);
    expect(() => workersFlag('5', 2)).toThrow(
      '--workers must be a whole number from 1 to 4 (twice the 2 cores of this machine; got "5")',
    );
    expect(() => workersFlag('0', 1)).toThrow(
      'from 1 to 2 (twice the 1 core of this machine; got "0")',
    );
    expect(() => workersFlag('', 8)).toThrow(
      'from 1 to 16 (twice the 8 cores of this machine; it is empty)',
    );
    expect(workersFlag(undefined, 2)).toBeUndefined();
  });

  it('an empty value of any flag is refused, naming the flag', () => {
    expect(() => rejectEmptyFlags({ out: '' })).toThrow('--out is empty: give it a value');
    expect(() => rejectEmptyFlags({ won: ['Won', ''] })).toThrow('--won is empty');
    expect(() =>
      rejectEmptyFlags({ delimiter: ' ', help: false, name: 'x', map: undefined }),
    ).not.toThrow();
  });
});
