import { defaultScenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import {
  addSegment,
  addStrategy,
  getIn,
  removeSegment,
  removeStrategy,
  setIn,
  setPush,
  uniqueId,
} from './draft.ts';

describe('draft edits', () => {
  it('sets a nested value without touching the original', () => {
    const s = defaultScenario();
    const next = setIn(s, ['segments', 1, 'dealSize', 'p90'], 1);
    expect(next.segments[1]?.dealSize.p90).toBe(1);
    expect(s.segments[1]?.dealSize.p90).toBe(90_000);
    expect(next.segments[0]).toBe(s.segments[0]);
    expect(next.team).toBe(s.team);
    expect(getIn(next, ['segments', 1, 'dealSize', 'p90'])).toBe(1);
  });

  it('deletes an optional value set to undefined', () => {
    const s = setIn(defaultScenario(), ['segments', 0, 'winRateUncertainty'], 40);
    expect(s.segments[0]?.winRateUncertainty).toBe(40);
    const cleared = setIn(s, ['segments', 0, 'winRateUncertainty'], undefined);
    expect('winRateUncertainty' in (cleared.segments[0] ?? {})).toBe(false);
  });

  it('makes unique ids', () => {
    expect(uniqueId('segment', ['icp', 'out'])).toBe('segment-3');
    expect(uniqueId('segment', ['segment-3', 'x'])).toBe('segment-4');
  });

  it('adds and removes segments, keeping the scenario valid', () => {
    let s = addSegment(defaultScenario());
    expect(s.segments).toHaveLength(3);
    expect(validateScenario(s).ok).toBe(true);
    s = setIn(s, ['strategies', 1, 'pursue'], ['out']);
    s = removeSegment(s, 1);
    expect(s.strategies[1]?.pursue).toBe('all');
    expect(validateScenario(s).ok).toBe(true);
  });

  it('adds and removes strategies, re-pointing the A/B pair', () => {
    let s = addStrategy(defaultScenario());
    expect(s.strategies).toHaveLength(3);
    s = removeStrategy(s, 0);
    expect(s.compare[0]).not.toBe('focus');
    expect(s.compare[0]).not.toBe(s.compare[1]);
    expect(validateScenario(s).ok).toBe(true);
  });

  it('turns a quarter-end push on and off', () => {
    const on = setPush(defaultScenario(), 1, true);
    expect(on.strategies[1]?.quarterEndPush?.fromWeek).toBe(9);
    expect(validateScenario(on).ok).toBe(true);
    const off = setPush(on, 1, false);
    expect(off.strategies[1]?.quarterEndPush).toBeUndefined();
  });
});
