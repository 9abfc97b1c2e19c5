import { describe, expect, it } from 'vitest';
import { pendingDraws, scheduleDraw } from './drawQueue.ts';

const tick = () => new Promise<void>((r) => setTimeout(r, 5));

describe('drawQueue', () => {
  it('runs jobs one per task, in order, skipping cancelled ones', async () => {
    const ran: string[] = [];
    scheduleDraw(() => ran.push('a'));
    const cancel = scheduleDraw(() => ran.push('b'));
    scheduleDraw(() => ran.push('c'));
    cancel();
    expect(ran).toEqual([]);
    expect(pendingDraws()).toBe(2);
    for (let i = 0; i < 5 && ran.length < 2; i++) await tick();
    expect(ran).toEqual(['a', 'c']);
    expect(pendingDraws()).toBe(0);
  });
});
