import { describe, expect, it } from 'vitest';
import { partsLargestFirst } from './attribution.ts';
import type { Attribution } from './types.ts';

describe('partsLargestFirst', () => {
  it('splits the gap largest share first, only when there is something to split', () => {
    const part = (group: 'pursue' | 'priority', mean: number) => ({
      group,
      label: group,
      a: 'a',
      b: 'b',
      mean,
      ci95: [mean, mean] as [number, number],
    });
    const att: Attribution = { parts: [part('pursue', 100), part('priority', -300)], total: -200 };
    expect(partsLargestFirst(att).map((p) => p.group)).toEqual(['priority', 'pursue']);
    // The summary's own order is left alone.
    expect(att.parts[0]?.group).toBe('pursue');
    expect(partsLargestFirst({ parts: [part('pursue', 5)], total: 5 })).toEqual([]);
    expect(partsLargestFirst(undefined)).toEqual([]);
  });
});
