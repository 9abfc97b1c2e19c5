import type { Scenario, Segment, Strategy } from '@sweetspot/scenario';
import { defaultScenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH, setIn } from './draft.ts';
import { valueFromText } from './numberText.ts';
import {
  editorFieldPaths,
  fieldId,
  fieldLabel,
  fieldName,
  parentPath,
  pathString,
  placeErrors,
  plainErrors,
} from './paths.ts';

/** Anything that looks like a scenario path rather than words. */
const RAW_PATH =
  /segments\[|strategies\[|specialists\[|compare\[|team\.|dynamics\.|horizon\.|\.median|\.p90|[a-z][A-Z]\w*\b/;

describe('paths', () => {
  it('formats paths like validateScenario', () => {
    expect(pathString(['segments', 1, 'dealSize', 'p90'])).toBe('segments[1].dealSize.p90');
    expect(pathString(['compare', 0])).toBe('compare[0]');
    expect(pathString([])).toBe('');
  });

  it('finds parents', () => {
    // Up from a quantile to the top, one step at a time; the top has no parent.
    const steps = ['segments[1].dealSize.p90', 'segments[1].dealSize', 'segments[1]', 'segments'];
    for (const [i, path] of steps.entries()) expect(parentPath(path)).toBe(steps[i + 1] ?? '');
    expect(parentPath('')).toBe('');
    expect(parentPath('strategies[0].pursue[1]')).toBe('strategies[0].pursue');
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
      quarterEndPush: { ...DEFAULT_PUSH, extraDiscount: 0.3, pullInWinFactor: 0.5 },
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
    expect(placed.byField.get('strategies[0].pursue')).toEqual(['names an unknown segment ("x")']);
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
    const sweetSpot = 'Segment 1 (Sweet spot (mid-market SaaS))';
    const out = 'Segment 2 (Out of profile)';
    const presales = 'Specialist pools, Pre-sales engineers';
    const labels: Record<string, string | RegExp> = {
      'team.costPerSellingHour': 'Team: Loaded cost per selling hour',
      'team.specialists[1].hoursPerWeek': 'Specialist pools, Legal: Hours per week (whole team)',
      'team.specialists[0].costPerHour': `${presales}: Loaded cost per hour`,
      'team.specialists[0].id': `${presales}: Its id`,
      'segments[0].specialistHoursPerSellingHour.presales': `${sweetSpot}: Specialist hours per selling hour (Pre-sales engineers)`,
      'segments[1].specialistHoursPerSellingHour.nope': `${out}: Specialist hours per selling hour (unknown pool "nope")`,
      'segments[0].prospecting.hoursPerOpportunity': `${sweetSpot}: Prospecting: hours per new opportunity`,
      'segments[0].prospecting.lagWeeks': `${sweetSpot}: Prospecting: weeks until it arrives`,
      'strategies[0].prospecting.pursue': /^Strategy 1 \(.+\): Segments to prospect$/,
      'strategies[0].prospecting.when': /^Strategy 1 \(.+\): Prospect when$/,
      'segments[1].dealSize.p90': `${out}: Deal size, P90`,
    };
    for (const [path, label] of Object.entries(labels)) {
      if (typeof label === 'string') expect(fieldLabel(path, s), path).toBe(label);
      else expect(fieldLabel(path, s), path).toMatch(label);
    }
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
    expect(placed.byField.get('team.specialists[1].hoursPerWeek')).toEqual([
      'Hours per week (whole team) must be at least 0 hours a week',
    ]);
    expect(placed.byField.get('segments[1].specialistHoursPerSellingHour.legal')).toEqual([
      'Specialist hours per selling hour (Legal) must be at least 0',
    ]);
    expect(placed.byField.has('segments[1].prospecting.hoursPerOpportunity')).toBe(true);
    expect(placed.byField.has('segments[1].prospecting.lagWeeks')).toBe(true);
    for (const e of errors) expect(fieldLabel(e.path, s), e.path).not.toMatch(RAW_PATH);
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
      'Segments to prospect include segment "Out of profile", which cannot be prospected: fill in its "Prospecting: hours per new opportunity" and "Prospecting: weeks until it arrives" under Segments',
    ]);
    expect(placed.byField.get('strategies[1].prospecting.when')).toEqual([
      'Prospect when is "only when behind plan", but the strategy has no quarter-end push: turn on "Quarter-end push when behind", or prospect every week',
    ]);
    const unknown = errors.find((e) => e.path === 'segments[1].specialistHoursPerSellingHour.nope');
    expect(unknown?.message).toMatch(/add it under Team, Specialist pools$/);
    expect(fieldLabel(unknown?.path ?? '', s)).toBe(
      'Segment 2 (Out of profile): Specialist hours per selling hour (unknown pool "nope")',
    );
    for (const e of errors)
      expect(e.message).not.toMatch(/segments\[|team\.specialists|quarterEndPush/);
  });
});

describe('messages in the editor’s words: labels and units, never paths', () => {
  /** What the editor shows for a draft: beside each field, and each summary line. */
  function shown(draft: Scenario) {
    const result = validateScenario(draft);
    const errors = plainErrors(result.ok ? [] : result.errors, draft);
    const placed = placeErrors(errors, editorFieldPaths(draft));
    const summary = errors.map((e) => {
      const context = fieldName(e.path, draft)?.context;
      return context ? `${context}: ${e.message}` : e.message;
    });
    return { byField: placed.byField, unplaced: placed.unplaced, summary };
  }
  /** The draft after typing `text` into a field shown ×`scale` (100 for percentages). */
  const typed = (path: (string | number)[], text: string, scale = 1) =>
    setIn(defaultScenario(), path, valueFromText(text, scale));

  it('a win rate typed as 150 (percent) is said in percent, with its label', () => {
    const view = shown(typed(['segments', 1, 'winRate'], '150', 100));
    expect(view.byField.get('segments[1].winRate')).toEqual(['Win rate must be at most 100%']);
    expect(view.summary).toEqual(['Segment 2 (Out of profile): Win rate must be at most 100%']);
  });

  it('an empty field is required, and text that is not a number says so', () => {
    expect(shown(typed(['segments', 1, 'winRate'], '', 100)).summary).toEqual([
      'Segment 2 (Out of profile): Win rate is required',
    ]);
    expect(shown(typed(['segments', 1, 'winRate'], 'abc', 100)).summary).toEqual([
      'Segment 2 (Out of profile): Win rate must be a number',
    ]);
    expect(shown(typed(['team', 'reps'], 'eight')).byField.get('team.reps')).toEqual([
      'Reps must be a number',
    ]);
    expect(shown(typed(['team', 'reps'], '2.5')).summary).toEqual([
      'Team: Reps must be a whole number',
    ]);
  });

  it('formats amounts in the scenario’s currency, hours and weeks in words', () => {
    expect(shown(typed(['segments', 1, 'dealSize', 'p90'], '1000000000')).summary).toEqual([
      'Segment 2 (Out of profile): Deal size, P90 must be at most 1,000 times the median ($30,000)',
    ]);
    expect(shown(typed(['segments', 0, 'dealSize', 'median'], '2000000000000')).summary).toEqual([
      'Segment 1 (Sweet spot (mid-market SaaS)): Deal size, median must be at most $1,000,000,000,000',
    ]);
    const euros = setIn(typed(['segments', 1, 'dealSize', 'p90'], '1000'), ['currency'], 'EUR');
    expect(shown(euros).summary).toEqual([
      'Segment 2 (Out of profile): Deal size, P90 must be at least the median (€30,000)',
    ]);
    expect(shown(typed(['team', 'sellingHoursPerWeek'], '200')).summary).toEqual([
      'Team: Selling hours must be at most 168 hours a week',
    ]);
    expect(shown(typed(['dynamics', 'stallWeeks'], '0')).summary).toEqual([
      'Dynamics: Weeks before a starved deal goes dark must be at least 1 week',
    ]);
  });

  it('names every problem of a badly broken draft by labels, and places each on a field', () => {
    let s: Scenario = defaultScenario();
    s = setIn(s, ['segments', 1, 'winRate'], 2);
    s = setIn(s, ['segments', 0, 'effortHours', 'p90'], Number.NaN);
    s = setIn(s, ['segments', 0, 'name'], '');
    s = setIn(s, ['team', 'quotaPerRepPerQuarter'], undefined);
    s = setIn(s, ['horizon', 'quarters'], 9);
    s = setIn(s, ['team', 'colour'], 'blue');
    s = setIn(s, ['strategies', 0, 'quarterEndPush'], {
      fromWeek: 0,
      belowAttainment: 11,
      pursue: 'all',
      pullInWeeks: 4,
      extraDiscount: 0.2,
      pullInWinFactor: 0.7,
      overtime: 5,
    });
    const view = shown(s);
    expect(view.summary.length).toBeGreaterThanOrEqual(9);
    for (const line of view.summary) expect(line).not.toMatch(RAW_PATH);
    expect(view.unplaced.map((e) => e.path)).toEqual(['team.colour']);
    expect(view.summary).toContain('Team: "colour" is not a known field (check its spelling)');
    expect(view.summary).toContain('Horizon: Quarters reported must be at most 8');
    expect(view.summary).toContain(
      'Strategy 1 (Focus on the sweet spot), quarter-end push: Push when below must be at most 1,000%',
    );
    expect(view.summary).toContain(
      'Strategy 1 (Focus on the sweet spot), quarter-end push: Push hours must be at most 3×',
    );
    expect(view.summary).toContain(
      'Strategy 1 (Focus on the sweet spot), quarter-end push: Push from week must be at least week 1',
    );
  });

  it('says the cross-field problems (checked once each field is valid) by labels too', () => {
    let s: Scenario = defaultScenario();
    s = setIn(s, ['strategies', 1, 'pursue'], [defaultScenario().segments[0]?.id, 'nope']);
    s = setIn(s, ['compare'], ['focus', 'focus']);
    const view = shown(s);
    for (const line of view.summary) expect(line).not.toMatch(RAW_PATH);
    expect(view.unplaced).toEqual([]);
    expect(view.summary).toEqual([
      'Strategy 2 (Chase everything): Pursues, item 2 names an unknown segment ("nope")',
      'Strategy B must differ from Strategy A: compare two different strategies',
    ]);
    expect(view.byField.get('strategies[1].pursue')).toEqual([
      'Pursues, item 2 names an unknown segment ("nope")',
    ]);
  });
});
