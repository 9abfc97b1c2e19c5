import {
  defaultScenario,
  PARAMETERS,
  paramAt,
  quarterEndPanic,
  saasMidMarket,
  validateScenario,
} from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { defaultInputPaths, getParam, parsePath, resolveParam, setParam } from './path.ts';

describe('parameter paths', () => {
  const scenario = defaultScenario();

  it('parses the validation-message syntax', () => {
    expect(parsePath('segments[1].winRate')).toEqual(['segments', 1, 'winRate']);
    expect(parsePath('segments[out].dealSize.p90')).toEqual(['segments', 'out', 'dealSize', 'p90']);
    expect(parsePath('team.sellingHoursPerWeek')).toEqual(['team', 'sellingHoursPerWeek']);
    for (const bad of ['', 'segments[1]winRate', '.team', 'team..reps', 'team.', '[1].x', 'a b']) {
      expect(() => parsePath(bad), bad).toThrow(RangeError);
    }
  });

  it('reads values by index or id, and resolves to a canonical path and label', () => {
    expect(getParam(scenario, 'segments[1].winRate')).toBe(0.15);
    expect(getParam(scenario, 'segments[out].winRate')).toBe(0.15);
    expect(getParam(scenario, 'team.sellingHoursPerWeek')).toBe(15);
    expect(getParam(scenario, 'dynamics.stallWeeks')).toBe(3);
    expect(getParam(scenario, 'segments[0].dealSize')).toBe(25_000);
    expect(getParam(scenario, 'segments[0].dealSize.p90')).toBe(50_000);
    const r = resolveParam(scenario, 'segments[out].costToServe');
    expect(r.path).toBe('segments[1].costToServe');
    expect(r.label).toBe('Out of profile: cost to serve');
    expect(r.rule).toMatchObject({ min: 0, max: 1 });
  });

  it('names the problem with a bad path', () => {
    expect(() => getParam(scenario, 'segments[5].winRate')).toThrow(/no segment\[5\].*has 2/);
    expect(() => getParam(scenario, 'segments[nope].winRate')).toThrow(/no segment has id "nope"/);
    expect(() => getParam(scenario, 'segments[0].winrate')).toThrow(/unknown segment field/);
    expect(() => getParam(scenario, 'team.quota')).toThrow(/unknown team field/);
    expect(() => getParam(scenario, 'segments[0].winRateUncertainty')).toThrow(/optional/);
    expect(() => getParam(scenario, 'strategies[1].quarterEndPush.overtime')).toThrow(
      /no quarterEndPush/,
    );
    expect(() => getParam(scenario, 'horizon.quarters')).toThrow(/must start with/);
  });

  it('sets a copy, validates the range, and scales a quantile pair', () => {
    const s = setParam(scenario, 'segments[1].winRate', 0.2);
    expect(s.segments[1]?.winRate).toBe(0.2);
    expect(scenario.segments[1]?.winRate).toBe(0.15);
    const d = setParam(scenario, 'segments[0].dealSize', 50_000); // × 2: the p90 scales too
    expect(d.segments[0]?.dealSize).toEqual({ median: 50_000, p90: 100_000 });
    expect(() => setParam(scenario, 'segments[1].winRate', 1.5)).toThrow(/at most 1/);
    expect(() => setParam(scenario, 'team.reps', 2.5)).toThrow(/whole number/);
    expect(() => setParam(scenario, 'segments[0].dealSize', 0)).toThrow(/at least 1 /);
    expect(validateScenario(setParam(scenario, 'team.reps', 3)).ok).toBe(true);
  });

  it('lists every default tornado input as a resolvable path', () => {
    const paths = defaultInputPaths(scenario);
    expect(paths).toHaveLength(2 * 9 + 4 + 2);
    for (const p of paths) expect(() => resolveParam(scenario, p)).not.toThrow();
  });
});

describe('the bounds come from the scenario format, and the new inputs resolve', () => {
  it('uses the schema bounds (one list, packages/scenario BOUNDS)', () => {
    const s = structuredClone(saasMidMarket);
    expect(resolveParam(s, 'team.quotaPerRepPerQuarter').rule.min).toBe(0.01);
    expect(resolveParam(s, 'segments[0].effortHours').rule.min).toBe(1e-6);
  });

  it('takes every input’s range and name from the parameter catalogue', () => {
    const s = structuredClone(saasMidMarket);
    s.team.costPerSellingHour = 100;
    s.team.specialists = [{ id: 'se', name: 'Sales engineers', hoursPerWeek: 40, costPerHour: 90 }];
    const seg = s.segments[1] as (typeof s.segments)[number];
    seg.specialistHoursPerSellingHour = { se: 1 };
    seg.prospecting = { hoursPerOpportunity: 5, lagWeeks: 2 };
    seg.sizeEffortCorrelation = 0.5;
    seg.sizeCycleCorrelation = 0.2;
    seg.winRateUncertainty = 40;
    s.strategies[1] = {
      ...(s.strategies[1] as (typeof s.strategies)[number]),
      // Every push field set (the quarter-end panic preset's push).
      quarterEndPush: quarterEndPanic.strategies.find((t) => t.quarterEndPush)?.quarterEndPush,
    };
    const pushPaths = Object.keys(PARAMETERS.push)
      .filter((f) => f !== 'fromWeek') // its maximum is the scenario's weeks per quarter
      .map((f) => `strategies[1].quarterEndPush.${f}`);
    const paths = [...defaultInputPaths(s), 'segments[1].winRateUncertainty', ...pushPaths];
    for (const path of paths) {
      const { rule, label } = resolveParam(s, path);
      const spec = paramAt(path)?.param;
      expect(spec, path).toBeDefined();
      if (!spec) continue;
      const b = spec.bounds as { min?: number; max?: number; above?: number; int?: boolean };
      expect(rule.min, path).toBe(b.above ?? b.min);
      expect(rule.max, path).toBe(b.max);
      expect(rule.above === true, path).toBe(b.above !== undefined);
      expect(rule.int === true, path).toBe(b.int === true);
      expect(label.endsWith(spec.name), path).toBe(true);
    }
    expect(resolveParam(s, 'strategies[1].quarterEndPush.fromWeek').rule.max).toBe(13);
    // The names the tornado and the CLI print are unchanged by the catalogue.
    expect(resolveParam(s, 'segments[1].winRate').label).toBe('Out of profile: win rate');
    expect(resolveParam(s, 'team.sellingHoursPerWeek').label).toBe('Team: selling hours per week');
    expect(resolveParam(s, 'segments[1].specialistHoursPerSellingHour.se').label).toBe(
      'Out of profile: Sales engineers hours per selling hour',
    );
    expect(resolveParam(s, 'segments[1].sizeEffortCorrelation').rule.unit).toBe('share');
  });

  it('resolves and sets pools, rates, specialist needs, prospecting and correlations when set', () => {
    const s = structuredClone(saasMidMarket);
    s.team.costPerSellingHour = 100;
    s.team.specialists = [{ id: 'se', name: 'Sales engineers', hoursPerWeek: 40 }];
    const seg = s.segments[1] as (typeof s.segments)[number];
    seg.specialistHoursPerSellingHour = { se: 1 };
    seg.prospecting = { hoursPerOpportunity: 5, lagWeeks: 2 };
    seg.sizeEffortCorrelation = 0.5;
    const paths = defaultInputPaths(s);
    for (const p of [
      'team.costPerSellingHour',
      'team.specialists[0].hoursPerWeek',
      'segments[1].specialistHoursPerSellingHour.se',
      'segments[1].prospecting.hoursPerOpportunity',
      'segments[1].prospecting.lagWeeks',
      'segments[1].sizeEffortCorrelation',
    ]) {
      expect(paths).toContain(p);
      expect(getParam(s, p)).toBeTypeOf('number');
    }
    expect(paths).not.toContain('team.specialists[0].costPerHour');
    expect(paths).not.toContain('segments[0].prospecting.lagWeeks');
    expect(resolveParam(s, 'team.specialists[se].hoursPerWeek').label).toBe(
      'Sales engineers: hours per week',
    );
    expect(
      setParam(s, 'team.specialists[0].hoursPerWeek', 10).team.specialists?.[0]?.hoursPerWeek,
    ).toBe(10);
    expect(
      setParam(s, 'segments[1].specialistHoursPerSellingHour.se', 2).segments[1]
        ?.specialistHoursPerSellingHour,
    ).toEqual({ se: 2 });
    expect(() => setParam(s, 'segments[1].prospecting.lagWeeks', 0)).toThrow(/at least 1/);
    expect(() => getParam(s, 'segments[0].prospecting.lagWeeks')).toThrow(
      /no prospecting settings/,
    );
    expect(() => getParam(s, 'segments[0].specialistHoursPerSellingHour.se')).toThrow(
      /needs no hours/,
    );
    expect(() => getParam(structuredClone(saasMidMarket), 'team.costPerSellingHour')).toThrow(
      /optional and not set/,
    );
  });
});
