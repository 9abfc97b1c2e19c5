import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Playback, PlaybackAction } from './playback.ts';
import { play, replayKey, START, tickDelay, WEEK_MS } from './playback.ts';

const K = 13;

describe('the replay’s playback', () => {
  it('steps week by week, paused, within the quarter', () => {
    let p: Playback = { ...START, playing: true };
    p = play(p, { type: 'step', delta: 1 }, K);
    expect(p).toEqual({ shown: 1, playing: false, speed: 1 });
    p = play(p, { type: 'step', delta: -5 }, K);
    expect(p.shown).toBe(0);
    p = play(p, { type: 'step', delta: K }, K);
    expect(p.shown).toBe(K);
    p = play(p, { type: 'step', delta: 1 }, K);
    expect(p.shown).toBe(K);
  });

  it('plays to the end of the quarter by itself, then pauses', () => {
    let p = play({ ...START, speed: 4 }, { type: 'toggle' }, K);
    expect(p.playing).toBe(true);
    const delays: number[] = [];
    for (let d = tickDelay(p, K); d !== undefined; d = tickDelay(p, K)) {
      delays.push(d);
      p = play(p, { type: 'tick' }, K);
    }
    expect(delays).toHaveLength(K);
    expect(delays.every((d) => d === WEEK_MS / 4)).toBe(true);
    expect(p).toEqual({ shown: K, playing: false, speed: 4 });
  });

  it('starts again from week 0 when Play is pressed at the end', () => {
    const p = play({ shown: K, playing: false, speed: 1 }, { type: 'toggle' }, K);
    expect(p).toEqual({ shown: 0, playing: true, speed: 1 });
    // Pause keeps the week.
    expect(play({ shown: 5, playing: true, speed: 1 }, { type: 'toggle' }, K)).toEqual({
      shown: 5,
      playing: false,
      speed: 1,
    });
  });

  it('ignores the clock while paused, and restarts a new quarter at week 0 keeping the speed', () => {
    const paused = { shown: 4, playing: false, speed: 2 };
    expect(play(paused, { type: 'tick' }, K)).toBe(paused);
    expect(tickDelay(paused, K)).toBeUndefined();
    expect(play({ shown: 7, playing: true, speed: 2 }, { type: 'restart' }, K)).toEqual({
      shown: 0,
      playing: false,
      speed: 2,
    });
    expect(play(paused, { type: 'speed', speed: 0.5 }, K).speed).toBe(0.5);
    expect(tickDelay({ shown: 0, playing: true, speed: 0.5 }, K)).toBe(WEEK_MS * 2);
  });

  it('never shows a week outside the quarter, whatever is pressed', () => {
    const action = fc.oneof(
      fc.integer({ min: -20, max: 20 }).map((delta): PlaybackAction => ({ type: 'step', delta })),
      fc.constant<PlaybackAction>({ type: 'toggle' }),
      fc.constant<PlaybackAction>({ type: 'tick' }),
      fc.constant<PlaybackAction>({ type: 'restart' }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 26 }), fc.array(action, { maxLength: 60 }), (k, as) => {
        let p = START;
        for (const a of as) {
          const before = p;
          p = play(p, a, k);
          expect(p.shown).toBeGreaterThanOrEqual(0);
          expect(p.shown).toBeLessThanOrEqual(k);
          // A tick moves one week forward at most; at the end nothing plays on.
          if (a.type === 'tick') expect(p.shown - before.shown).toBeLessThanOrEqual(1);
          if (p.shown === k && a.type === 'tick') expect(p.playing).toBe(false);
        }
      }),
    );
  });
});

describe('the replay’s keys', () => {
  it('k plays or pauses, j and l step; nothing else, and not in a field', () => {
    expect(replayKey('k')).toEqual({ type: 'toggle' });
    expect(replayKey('j')).toEqual({ type: 'step', delta: -1 });
    expect(replayKey('l')).toEqual({ type: 'step', delta: 1 });
    expect(replayKey('ArrowRight')).toBeUndefined();
    expect(replayKey('k', 'SELECT')).toBeUndefined();
  });
});
