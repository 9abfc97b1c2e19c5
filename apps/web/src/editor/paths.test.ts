import { defaultScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { editorFieldPaths, fieldId, parentPath, pathString, placeErrors } from './paths.ts';

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
