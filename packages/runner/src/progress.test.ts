import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeSeconds, RunClock } from './progress.ts';

describe('RunClock', () => {
  it('measures the speed from the first trials finished, not from the start', () => {
    const clock = new RunClock(0);
    expect(clock.observe(250, 10_000, 3000)).toBeUndefined(); // first trials: the clock starts
    expect(clock.observe(500, 10_000, 3200)).toBeUndefined(); // under 0.5 s: not yet
    // 750 trials in 1 s since the first: 9,000 left at 750 a second = 12 s, 16 s in all.
    expect(clock.observe(1000, 10_000, 4000)).toEqual({ total: 16, left: 12 });
  });

  it('says nothing before any trial, after the last, or with no new trials', () => {
    const clock = new RunClock(0);
    expect(clock.observe(0, 100, 10)).toBeUndefined();
    expect(clock.observe(10, 100, 20)).toBeUndefined();
    expect(clock.observe(10, 100, 5000)).toBeUndefined();
    expect(clock.observe(100, 100, 6000)).toBeUndefined();
  });

  it('at a constant speed, the estimate of the whole run is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }), // start-up, ms
        fc.double({ min: 10, max: 1e5, noNaN: true }), // trials a second
        fc.integer({ min: 1000, max: 1_000_000 }), // total
        (startup, rate, total) => {
          const clock = new RunClock(0);
          const at = (done: number) => startup + (1000 * done) / rate;
          const first = Math.max(1, Math.floor(total / 10));
          const later = Math.min(total - 1, first + Math.ceil(rate)); // a second later
          clock.observe(first, total, at(first));
          const estimate = clock.observe(later, total, at(later));
          if (later <= first || at(later) - at(first) < 500) return estimate === undefined;
          return Math.abs((estimate?.total ?? 0) - at(total) / 1000) < 1e-6 * at(total);
        },
      ),
    );
  });
});

describe('describeSeconds', () => {
  it('describes durations as a person says them', () => {
    expect(describeSeconds(0.2)).toBe('1 s');
    expect(describeSeconds(45.4)).toBe('45 s');
    expect(describeSeconds(89)).toBe('89 s');
    expect(describeSeconds(180)).toBe('3 min');
    expect(describeSeconds(6000)).toBe('1 h 40 min');
    expect(describeSeconds(Number.POSITIVE_INFINITY)).toBe('a very long time');
  });
});
