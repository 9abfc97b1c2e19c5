import { describe, expect, it } from 'vitest';
import { cleanName, copyName, horizonLabel } from './logic.ts';

describe('library helpers', () => {
  it('names copies without clashing', () => {
    expect(copyName('Plan', [])).toBe('Plan (copy)');
    expect(copyName('Plan', ['Plan (copy)'])).toBe('Plan (copy 2)');
    expect(copyName('Plan (copy)', ['Plan (copy)', 'Plan (copy 2)'])).toBe('Plan (copy 3)');
  });

  it('cleans names', () => {
    expect(cleanName('  two   words ')).toBe('two words');
    expect(cleanName('   ')).toBeUndefined();
    expect(cleanName('x'.repeat(200))?.length).toBe(120);
  });

  it('labels the horizon', () => {
    expect(horizonLabel(4)).toBe('Year');
    expect(horizonLabel(1)).toBe('Quarter');
    expect(horizonLabel(6)).toBe('6 quarters');
  });
});
