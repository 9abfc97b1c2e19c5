import { defaultScenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import * as draft from './draft.ts';

describe('draft edits', () => {
  it('sets a nested value without touching the original', () => {
    const s = defaultScenario();
    const next = draft.setIn(s, ['segments', 1, 'dealSize', 'p90'], 1);
    expect(next.segments[1]?.dealSize.p90).toBe(1);
    expect(s.segments[1]?.dealSize.p90).toBe(90_000);
    expect(next.segments[0]).toBe(s.segments[0]);
    expect(next.team).toBe(s.team);
    expect(draft.getIn(next, ['segments', 1, 'dealSize', 'p90'])).toBe(1);
  });

  it('deletes an optional value set to undefined', () => {
    const s = draft.setIn(defaultScenario(), ['segments', 0, 'winRateUncertainty'], 40);
    expect(s.segments[0]?.winRateUncertainty).toBe(40);
    const cleared = draft.setIn(s, ['segments', 0, 'winRateUncertainty'], undefined);
    expect('winRateUncertainty' in (cleared.segments[0] ?? {})).toBe(false);
  });

  it('makes unique ids', () => {
    expect(draft.uniqueId('segment', ['icp', 'out'])).toBe('segment-3');
    expect(draft.uniqueId('segment', ['segment-3', 'x'])).toBe('segment-4');
  });

  it('adds and removes segments, keeping the scenario valid', () => {
    let s = draft.addSegment(defaultScenario());
    expect(s.segments).toHaveLength(3);
    expect(validateScenario(s).ok).toBe(true);
    s = draft.setIn(s, ['strategies', 1, 'pursue'], ['out']);
    s = draft.removeSegment(s, 1);
    expect(s.strategies[1]?.pursue).toBe('all');
    expect(validateScenario(s).ok).toBe(true);
  });

  it('gives a draft without segments a sweet spot copied from the default scenario', () => {
    const empty = { ...defaultScenario(), segments: [] };
    const [added] = draft.addSegment(empty).segments;
    expect(added).toEqual({
      ...defaultScenario().segments[0],
      id: 'segment-1',
      name: 'New segment',
      sweetSpot: true,
    });
  });

  it('adds and removes strategies, re-pointing the A/B pair', () => {
    let s = draft.addStrategy(defaultScenario());
    expect(s.strategies).toHaveLength(3);
    s = draft.removeStrategy(s, 0);
    expect(s.compare[0]).not.toBe('focus');
    expect(s.compare[0]).not.toBe(s.compare[1]);
    expect(validateScenario(s).ok).toBe(true);
  });

  it('turns a quarter-end push on and off', () => {
    const on = draft.setPush(defaultScenario(), 1, true);
    expect(on.strategies[1]?.quarterEndPush?.fromWeek).toBe(9);
    expect(validateScenario(on).ok).toBe(true);
    const off = draft.setPush(on, 1, false);
    expect(off.strategies[1]?.quarterEndPush).toBeUndefined();
  });
});

describe('draft edits of the optional mechanisms', () => {
  it('adds pools with ids like segments, and removing the last leaves no trace', () => {
    const s = defaultScenario();
    const one = draft.addPool(s);
    const two = draft.addPool(one);
    expect(two.team.specialists?.map((p) => p.id)).toEqual(['pool-1', 'pool-2']);
    expect(validateScenario(two).ok).toBe(true);
    const needing = draft.setSpecialistNeed(two, 0, 'pool-2', 0.5);
    expect(needing.segments[0]?.specialistHoursPerSellingHour).toEqual({ 'pool-2': 0.5 });
    const removed = draft.removePool(needing, 1);
    expect(removed.segments[0]?.specialistHoursPerSellingHour).toBeUndefined();
    expect(removed.team.specialists?.map((p) => p.id)).toEqual(['pool-1']);
    expect(JSON.stringify(draft.removePool(removed, 0))).toBe(JSON.stringify(s));
  });

  it('removes a specialist need, and the needs object once empty', () => {
    const s = draft.addPool(draft.addPool(defaultScenario()));
    const a = draft.setSpecialistNeed(draft.setSpecialistNeed(s, 1, 'pool-1', 0.2), 1, 'pool-2', 1);
    expect(a.segments[1]?.specialistHoursPerSellingHour).toEqual({ 'pool-1': 0.2, 'pool-2': 1 });
    const b = draft.setSpecialistNeed(a, 1, 'pool-1', undefined);
    expect(b.segments[1]?.specialistHoursPerSellingHour).toEqual({ 'pool-2': 1 });
    const c = draft.setSpecialistNeed(b, 1, 'pool-2', undefined);
    expect(c.segments[1] && 'specialistHoursPerSellingHour' in c.segments[1]).toBe(false);
    expect(JSON.stringify(c)).toBe(JSON.stringify(s));
  });

  it('sets prospecting: hours first fill in the weeks; empty hours remove it', () => {
    const s = defaultScenario();
    const a = draft.setSegmentProspecting(s, 0, 'hoursPerOpportunity', 6);
    expect(a.segments[0]?.prospecting).toEqual({
      hoursPerOpportunity: 6,
      lagWeeks: draft.DEFAULT_PROSPECTING_LAG,
    });
    const b = draft.setSegmentProspecting(a, 0, 'lagWeeks', 2);
    expect(b.segments[0]?.prospecting).toEqual({ hoursPerOpportunity: 6, lagWeeks: 2 });
    // Emptying the weeks leaves a problem to fix, named by its field.
    const c = draft.setSegmentProspecting(b, 0, 'lagWeeks', undefined);
    expect(c.segments[0]?.prospecting).toEqual({ hoursPerOpportunity: 6 });
    const v = validateScenario(c);
    expect(v.ok ? [] : v.errors.map((e) => e.path)).toContain('segments[0].prospecting.lagWeeks');
    expect(
      JSON.stringify(draft.setSegmentProspecting(b, 0, 'hoursPerOpportunity', undefined)),
    ).toBe(JSON.stringify(s));
  });

  it('turns a strategy’s prospecting on and off, and drops removed segments from it', () => {
    const s = draft.setSegmentProspecting(defaultScenario(), 0, 'hoursPerOpportunity', 6);
    const on = draft.setStrategyProspecting(s, 0, true);
    expect(on.strategies[0]?.prospecting).toEqual({ pursue: 'sweet-spot', when: 'always' });
    expect(validateScenario(on).ok).toBe(true);
    expect(JSON.stringify(draft.setStrategyProspecting(on, 0, false))).toBe(JSON.stringify(s));
    const chosen = draft.setIn(on, ['strategies', 0, 'prospecting', 'pursue'], ['icp', 'out']);
    expect(draft.removeSegment(chosen, 1).strategies[0]?.prospecting?.pursue).toEqual(['icp']);
  });
});
