import { describe, expect, it } from 'vitest';
import { choiceFor, choices } from './predict.ts';

describe('predict-then-reveal', () => {
  it('buckets the relative gap between winner and loser', () => {
    expect(choiceFor(150, 100)).toEqual({ choice: 'a-big', gap: 0.5 });
    expect(choiceFor(120, 100).choice).toBe('a-some');
    expect(choiceFor(105, 100).choice).toBe('close');
    expect(choiceFor(100, 105).choice).toBe('close');
    expect(choiceFor(100, 125).choice).toBe('b-some');
    expect(choiceFor(100, 147).choice).toBe('b-big');
    expect(choiceFor(0, 0)).toEqual({ choice: 'close', gap: 0 });
    expect(choiceFor(10, 0).choice).toBe('a-big');
  });

  it('offers five choices named after the strategies', () => {
    const list = choices({ A: 'Focus', B: 'Chase' });
    expect(list.map((c) => c.id)).toEqual(['a-big', 'a-some', 'close', 'b-some', 'b-big']);
    expect(list[0]?.label).toMatch(/^Focus/);
    expect(list[4]?.label).toMatch(/^Chase/);
  });
});
