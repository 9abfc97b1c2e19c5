import {
  defaultScenario,
  type Scenario,
  type Segment,
  type Strategy,
  validateScenario,
} from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import {
  editorFieldPaths,
  fieldId,
  fieldLabel,
  parentPath,
  pathString,
  placeErrors,
  plainErrors,
} from './paths.ts';

describe('paths', () => {
  it('formats paths like validateScenario', () => {
    expect(pathString(['segments', 1, 'dealSize', 'p90'])).toBe('segments[1].dealSize.p90');
    expect(pathString(['compare', 0])).toBe('compare[0]');
    expect(pathString([])).toBe('');
  });

  it('finds parents', () => {
    expect(parentPath('strategies[0].pursue[1]')).toBe('strategies[0].pursue');
    expect(parentPath('segments[1].dealSize.p90')).toBe('segments[1].dealSize');
    expect(parentPath('segments[1]')).toBe('segments');
    expect(parentPath('segments')).toBe('');
    expect(parentPath('')).toBe('');
  });

  it('makes ids safe for selectors', () => {
    expect(fieldId('segments[1].dealSize.p90')).toBe('field-segments-1-dealSize-p90');
    expect(fieldId('compare[0]')).toBe('field-compare-0');
  });

  it('lists a field for every editable number of the default scenario', () => {
    const fields = editorFieldPaths(defaultScenario());
    expect(fields.has('segments[1].dealSize.p90')).toBe(true);
    expect(fields.has('team.quotaPerRepPerQuarter')).toBe(true);
    expect(fields.has('strategies[1].pursue')).toBe(true);
    expect(fields.has('strategies[0].quarterEndPush.fromWeek')).toBe(false);
    expect(fields.has('compare[1]')).toBe(true);
  });

  it('lists push fields only for strategies that have a push', () => {
    const s = defaultScenario();
    s.strategies[1] = {
      ...(s.strategies[1] as (typeof s.strategies)[number]),
      quarterEndPush: {
        fromWeek: 9,
        belowAttainment: 0.9,
        pursue: 'all',
        pullInWeeks: 4,
        extraDiscount: 0.3,
        pullInWinFactor: 0.5,
        overtime: 1.2,
      },
    };
    expect(editorFieldPaths(s).has('strategies[1].quarterEndPush.overtime')).toBe(true);
  });

  it('places errors on fields, ancestors, or the summary', () => {
    const fields = editorFieldPaths(defaultScenario());
    const placed = placeErrors(
      [
        { path: 'segments[1].dealSize.p90', message: 'must be at least the median (30000)' },
        { path: 'strategies[0].pursue[1]', message: 'names an unknown segment ("x")' },
        { path: 'segments', message: 'must have at least one segment' },
        { path: '', message: 'could not be read' },
        { path: 'provenance.description', message: 'must be a string' },
        { path: 'team.reps', message: 'must be a whole number' },
        { path: 'team.reps', message: 'must be at least 1' },
      ],
      fields,
    );
    expect(placed.byField.get('segments[1].dealSize.p90')).toEqual([
      'must be at least the median (30000)',
    ]);
    expect(placed.byField.get('strategies[0].pursue')).toEqual([
      '[1] names an unknown segment ("x")',
    ]);
    expect(placed.byField.get('team.reps')).toHaveLength(2);
    expect(placed.unplaced.map((e) => e.path)).toEqual(['segments', '', 'provenance.description']);
  });
});

describe('paths of the optional mechanisms', () => {
  function withMechanisms(): Scenario {
    const s = structuredClone(defaultScenario());
    s.team.costPerSellingHour = 60;
    s.team.specialists = [
      { id: 'presales', name: 'Pre-sales engineers', hoursPerWeek: 30 },
      { id: 'legal', name: 'Legal', hoursPerWeek: 5, costPerHour: 200 },
    ];
    (s.segments[0] as Segment).specialistHoursPerSellingHour = { presales: 0.3 };
    (s.segments[0] as Segment).prospecting = { hoursPerOpportunity: 6, lagWeeks: 3 };
    (s.strategies[0] as Strategy).prospecting = { pursue: 'sweet-spot', when: 'always' };
    return s;
  }

  it('lists a field for every new input', () => {
    const fields = editorFieldPaths(withMechanisms());
    for (const path of [
      'team.costPerSellingHour',
      'team.specialists',
      'team.specialists[1]',
      'team.specialists[0].name',
      'team.specialists[1].hoursPerWeek',
      'team.specialists[1].costPerHour',
      'segments[0].specialistHoursPerSellingHour.presales',
      'segments[1].specialistHoursPerSellingHour.legal',
      'segments[1].prospecting.hoursPerOpportunity',
      'segments[0].prospecting.lagWeeks',
      'strategies[0].prospecting.pursue',
      'strategies[0].prospecting.when',
    ])
      expect(fields.has(path), path).toBe(true);
    // Without pools there is no need per pool; without prospecting no strategy fields.
    const plain = editorFieldPaths(defaultScenario());
    expect([...plain].some((p) => p.includes('specialistHoursPerSellingHour'))).toBe(false);
    expect(plain.has('strategies[0].prospecting.pursue')).toBe(false);
    expect(plain.has('segments[0].prospecting.hoursPerOpportunity')).toBe(true);
  });

  it('names each new field by its label in the editor', () => {
    const s = withMechanisms();
    expect(fieldLabel('team.costPerSellingHour', s)).toBe('Team: Loaded cost per selling hour');
    expect(fieldLabel('team.specialists[1].hoursPerWeek', s)).toBe(
      'Specialist pools, Legal: Hours per week (whole team)',
    );
    expect(fieldLabel('team.specialists[0].costPerHour', s)).toBe(
      'Specialist pools, Pre-sales engineers: Loaded cost per hour',
    );
    expect(fieldLabel('team.specialists[0].id', s)).toBe(
      'Specialist pools, Pre-sales engineers: its id',
    );
    expect(fieldLabel('segments[0].specialistHoursPerSellingHour.presales', s)).toBe(
      'Sweet spot (mid-market SaaS): Specialist hours per selling hour (Pre-sales engineers)',
    );
    expect(fieldLabel('segments[1].specialistHoursPerSellingHour.nope', s)).toBe(
      'Out of profile: Specialist hours per selling hour (unknown pool "nope")',
    );
    expect(fieldLabel('segments[0].prospecting.hoursPerOpportunity', s)).toBe(
      'Sweet spot (mid-market SaaS): Prospecting: hours per new opportunity',
    );
    expect(fieldLabel('segments[0].prospecting.lagWeeks', s)).toBe(
      'Sweet spot (mid-market SaaS): Prospecting: weeks until it arrives',
    );
    expect(fieldLabel('strategies[0].prospecting.pursue', s)).toMatch(
      /: Prospect with spare hours, which segments$/,
    );
    expect(fieldLabel('strategies[0].prospecting.when', s)).toMatch(
      /: Prospect with spare hours, when$/,
    );
    // Other paths keep the summary's old wording.
    expect(fieldLabel('segments[1].dealSize.p90', s)).toBeUndefined();
  });

  it('places every validation error of the new fields on a field, said without paths', () => {
    const s = withMechanisms();
    (s.team.specialists as NonNullable<typeof s.team.specialists>)[1] = {
      id: 'legal',
      name: 'Legal',
      hoursPerWeek: -5,
    };
    (s.segments[1] as Segment).prospecting = { hoursPerOpportunity: 0, lagWeeks: 0 };
    (s.segments[1] as Segment).specialistHoursPerSellingHour = { legal: -1 };
    const result = validateScenario(s);
    expect(result.ok).toBe(false);
    const errors = plainErrors(result.ok ? [] : result.errors, s);
    const placed = placeErrors(errors, editorFieldPaths(s));
    expect(placed.unplaced).toEqual([]);
    expect(placed.byField.get('team.specialists[1].hoursPerWeek')).toEqual(['must be at least 0']);
    expect(placed.byField.get('segments[1].specialistHoursPerSellingHour.legal')).toEqual([
      'must be at least 0',
    ]);
    expect(placed.byField.has('segments[1].prospecting.hoursPerOpportunity')).toBe(true);
    expect(placed.byField.has('segments[1].prospecting.lagWeeks')).toBe(true);
    for (const e of errors) expect(fieldLabel(e.path, s), e.path).toBeDefined();
  });

  it('says the cross-field problems of the new fields with labels, not paths', () => {
    const s = withMechanisms();
    // B prospects everything, but only the sweet spot can be prospected; and only in pushes,
    // which B does not make. A segment needs a pool that does not exist.
    (s.strategies[1] as Strategy).prospecting = { pursue: 'all', when: 'during-push' };
    (s.segments[1] as Segment).specialistHoursPerSellingHour = { nope: 1 };
    const result = validateScenario(s);
    const errors = plainErrors(result.ok ? [] : result.errors, s);
    const placed = placeErrors(errors, editorFieldPaths(s));
    expect(placed.byField.get('strategies[1].prospecting.pursue')).toEqual([
      'takes segment "Out of profile", which cannot be prospected: fill in its "Prospecting: hours per new opportunity" and "Prospecting: weeks until it arrives" under Segments',
    ]);
    expect(placed.byField.get('strategies[1].prospecting.when')).toEqual([
      'is "only when behind plan", but the strategy has no quarter-end push: turn on "Quarter-end push when behind", or prospect every week',
    ]);
    const unknown = errors.find((e) => e.path === 'segments[1].specialistHoursPerSellingHour.nope');
    expect(unknown?.message).toMatch(/add it under Team, Specialist pools$/);
    expect(fieldLabel(unknown?.path ?? '', s)).toBe(
      'Out of profile: Specialist hours per selling hour (unknown pool "nope")',
    );
    for (const e of errors)
      expect(e.message).not.toMatch(/segments\[|team\.specialists|quarterEndPush/);
  });
});
