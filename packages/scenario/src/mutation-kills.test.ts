/**
 * Exact checks of validation and the rule groups, written to fail on the one-line changes that
 * StrykerJS found no other test of this package failing on (the 2026-12-05 mutation run of
 * validate.ts and rule-groups.ts; docs/testing.md, "Mutation testing"). Each test names the
 * mutants it kills, and was checked to fail on them. The expected texts are written out here
 * from the functions' documented contracts, never produced by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { chaseTheBigOnes, defaultScenario, saasMidMarket } from './presets.ts';
import {
  attributionGroups,
  comparedStrategies,
  describeDifference,
  describePursue,
  describeRule,
  differingRuleGroups,
  mixStrategy,
  strategiesPlayed,
} from './rule-groups.ts';
import { push, st } from './test-strategies.ts';
import type { Scenario, Strategy } from './types.ts';
import {
  formatError,
  formatPath,
  MAX_LISTED_ERRORS,
  parseScenarioJson,
  validateScenario,
} from './validate.ts';

/** Two segments: "icp" (the sweet spot, "Sweet spot (mid-market SaaS)") and "out" ("Out of profile"). */
const two: Scenario = structuredClone(saasMidMarket);
/** Three segments: a second sweet spot "icp2" ("Second sweet spot") after the two. */
const three: Scenario = structuredClone(saasMidMarket);
three.segments.push({
  ...structuredClone(saasMidMarket.segments[0] as Scenario['segments'][number]),
  id: 'icp2',
  name: 'Second sweet spot',
});

describe('describePursue: the segments a rule takes, in words', () => {
  it('none, some by name, or the sweet spot only when it takes exactly the sweet-spot segments', () => {
    // Kills `taken.length === 0` → `false` (it would say "only ").
    expect(describePursue([], two)).toBe('no segment');
    // One segment, as many as there are sweet spots, but not the sweet spot: kills the sweet-spot
    // test → `true` and `&&` → `||`.
    expect(describePursue(['out'], two)).toBe('only Out of profile');
    // Only sweet-spot segments, but not all of them: kills `sweet.length === taken.length` → `true`.
    expect(describePursue(['icp'], three)).toBe('only Sweet spot (mid-market SaaS)');
    // As many as the sweet spots, one of them a sweet spot: kills `every` → `some`; and the names
    // joined by ", " (kills the join's separator → "" and the name → undefined).
    expect(describePursue(['icp', 'out'], three)).toBe(
      'only Sweet spot (mid-market SaaS), Out of profile',
    );
    expect(describePursue(['icp2', 'icp'], three)).toBe('only the sweet spot');
    expect(describePursue('all', three)).toBe('every segment');
  });
});

describe('describeRule', () => {
  it('says each priority rule in words', () => {
    // Kills the texts of "oldest-first" and "closest-to-close" → "".
    const say = (priority: Strategy['priority']) => describeRule('priority', st({ priority }), two);
    expect(say('expected-value-per-hour')).toBe(
      'works deals highest expected value per hour first',
    );
    expect(say('oldest-first')).toBe('works deals oldest first');
    expect(say('closest-to-close')).toBe('works deals closest to close first');
    expect(say('largest-first')).toBe('works deals largest first');
  });

  it('a push that can never run is "no quarter-end push"; one week of pull-in is "1 week"', () => {
    // belowAttainment 0: kills `effectivePush(push) === undefined || …` → `&&` and → `false || …`.
    const never = st({ quarterEndPush: { ...push, belowAttainment: 0 } });
    expect(describeRule('quarterEndPush', never, two)).toBe('no quarter-end push');
    // Kills `pullInWeeks === 1 ? '' : 's'` → `false ? …` and the '' → "Stryker was here!".
    const one = st({ quarterEndPush: { ...push, pullInWeeks: 1, overtime: 1 } });
    expect(describeRule('quarterEndPush', one, two)).toBe(
      'a quarter-end push from week 9, when booked plus expected is below 90% of quota: pursues every segment; pulls in deals due within 1 week (odds × 0.49, 34.5% extra discount)',
    );
  });

  it('prospecting that takes no segment leaves spare hours idle, and is no difference', () => {
    // Kills `!pursueMask(…).includes(1)` → `false` in effectiveProspecting (it would say
    // "prospects no segment with spare hours every week", and count as a difference).
    const nothing = st({ prospecting: { pursue: ['nope'], when: 'always' } });
    expect(describeRule('prospecting', nothing, two)).toBe('leaves spare hours idle');
    expect(differingRuleGroups(nothing, st({}), two)).toEqual([]);
  });
});

describe('the compared strategies and the attribution', () => {
  it('A is the strategy compare[0] names, wherever it is listed', () => {
    // compare[0] is the second strategy. Kills `s.id === compare[0]` → `true` in
    // attributionGroups (A would be the first strategy, B itself: no groups).
    const swapped: Scenario = { ...chaseTheBigOnes, compare: ['chase-biggest', 'focus'] };
    expect(attributionGroups(swapped)).toEqual(['pursue', 'priority']);
  });

  it('strategiesPlayed: the scenario’s strategies, plus 2^k − 2 mixes when k ≥ 2 groups differ', () => {
    // Kills the body emptied, `+` → `−`, the test → `true`/`false`, `≥ 2` → `> 2`/`< 2`, and
    // `2^k − 2` → `2^k + 2`.
    expect(strategiesPlayed(saasMidMarket)).toBe(2); // one group differs: no mixes
    expect(strategiesPlayed(chaseTheBigOnes)).toBe(4); // two groups: 2 + (4 − 2)
    const s: Scenario = {
      ...structuredClone(saasMidMarket),
      strategies: [
        st({ id: 'a' }),
        st({ id: 'b', pursue: 'all', priority: 'largest-first', quarterEndPush: push }),
      ],
      compare: ['a', 'b'],
    };
    expect(strategiesPlayed(s)).toBe(8); // three groups: 2 + (8 − 2)
  });

  it('comparedStrategies refuses an id that is not in the scenario, naming it', () => {
    // Kills `if (!st)` → `false` and the message → "".
    const s: Scenario = { ...saasMidMarket, compare: ['focus', 'gone'] };
    expect(() => comparedStrategies(s)).toThrow(
      new RangeError('compared strategy "gone" is not in the scenario'),
    );
  });

  it('mixStrategy: its id and name, and no push or prospecting key when the source has none', () => {
    // Kills the id's join '+' → "", the name → "", its labels → undefined and their join
    // ' and ' → "", and `push !== undefined` / `prospecting !== undefined` → `true` (the key
    // would be present with the value undefined).
    const a = st({ id: 'a', name: 'Alpha' });
    const b = st({ id: 'b', name: 'Beta', pursue: 'all', priority: 'largest-first' });
    expect(mixStrategy(a, b, ['pursue', 'priority'])).toStrictEqual({
      id: 'a~b:pursue+priority',
      name: "Beta with Alpha's which deals are pursued and the order deals are worked in",
      pursue: 'sweet-spot',
      priority: 'expected-value-per-hour',
    });
  });

  it('describeDifference lists three groups as "x, y and z"', () => {
    // Kills `list.slice(0, -1)` → `slice(0, +1)` (the middle group dropped) and its join ', ' → "".
    const s: Scenario = {
      ...structuredClone(saasMidMarket),
      strategies: [
        st({ id: 'a', name: 'Alpha' }),
        st({
          id: 'b',
          name: 'Beta',
          pursue: 'all',
          priority: 'largest-first',
          quarterEndPush: push,
        }),
      ],
      compare: ['a', 'b'],
    };
    expect(describeDifference(s)).toBe(
      '"Alpha" (A) and "Beta" (B) differ in ' +
        'which deals are pursued (A pursues only the sweet spot; B pursues every segment), ' +
        'the order deals are worked in (A works deals highest expected value per hour first; B works deals largest first) and ' +
        'the quarter-end push (A no quarter-end push; B a quarter-end push from week 9, when booked plus expected is below 90% of quota: pursues every segment; pulls in deals due within 4 weeks (odds × 0.49, 34.5% extra discount); works 25% overtime); ' +
        'everything else is the same.',
    );
  });
});

describe('validation', () => {
  it('formatPath quotes a symbol key', () => {
    // Kills `typeof key === 'string' && …` → `true && …`: the bare-name test would throw on
    // converting a symbol to a string.
    expect(formatPath(['team', Symbol('x')])).toBe('team["Symbol(x)"]');
  });

  it('an unknown segment in the prospecting rule is named at its place in that list', () => {
    // Kills the path `${path}.pursue` → "" passed to checkPursue for prospecting.
    const s: Scenario = structuredClone(saasMidMarket);
    s.strategies = [
      { ...(s.strategies[0] as Strategy), prospecting: { pursue: ['nope'], when: 'always' } },
      ...s.strategies.slice(1),
    ];
    const r = validateScenario(s);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: 'strategies[0].prospecting.pursue[0]', message: 'names an unknown segment ("nope")' },
    ]);
  });

  it('exactly 100 problems are all listed, with no "more problems" line', () => {
    // Kills `errors.length <= MAX_LISTED_ERRORS` → `<` (a 101st line "has 0 more problems").
    expect(MAX_LISTED_ERRORS).toBe(100);
    const extra = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x${i}`, 1]));
    const r = validateScenario({ ...structuredClone(saasMidMarket), ...extra });
    expect(r.ok ? [] : r.errors).toHaveLength(100);
    expect(r.ok ? undefined : r.errors[99]).toEqual({
      path: 'x99',
      message: 'is not a known field (check its spelling)',
    });
  });

  it('a JSON syntax error quotes the text with each run of blank characters as one space', () => {
    // V8: Unexpected token 'x', "{"a":\n\n\tx}" is not valid JSON. Kills the regex's `+` dropped
    // (three spaces) and the replacement ' ' → "" (no space).
    const r = parseScenarioJson('{"a":\n\n\tx}');
    expect(r.ok ? [] : r.errors).toEqual([
      {
        path: '',
        message: `is not valid JSON: Unexpected token 'x', "{"a": x}" is not valid JSON`,
      },
    ]);
  });
  it('says how the file writes a percentage only for a field measured in percent', () => {
    // A message that quotes a percentage on a field that is not a percentage gets no note. Kills
    // `paramSpecAt(path)?.unit === 'percent' && …` → `true && …`.
    expect(formatError({ path: 'name', message: 'must not say 50%' })).toBe(
      'name: must not say 50%',
    );
  });

  it('a start lists the open deals that do not fit, 20 problems at most', () => {
    // Twelve deals, each of an unknown segment and for rep 9 of 8: two problems each, listed
    // for the first ten deals only (20), then no more. Kills `listed >= 20` → `false` (24) and
    // → `> 20` (22, deal 10 listed too), and either `listed++` → `listed--` (24).
    const s = defaultScenario();
    s.horizon = { ...s.horizon, warmupWeeks: 0 };
    s.start = {
      weekOfQuarter: 1,
      pipeline: Array.from({ length: 12 }, () => ({ segment: 'nope', rep: 9, ageWeeks: 1 })),
    };
    const r = validateScenario(s);
    const errors = r.ok ? [] : r.errors.map(formatError);
    expect(errors).toHaveLength(20);
    expect(errors.slice(-2)).toEqual([
      'start.pipeline[9].segment: names an unknown segment ("nope")',
      'start.pipeline[9].rep: is rep 9, but the team has 8',
    ]);
  });
});
