/**
 * The rule groups of a strategy (docs/model.md §11): which groups two strategies differ in, the
 * intermediate strategies, and the one line that says what differs.
 */
import { describe, expect, it } from 'vitest';
import { chaseTheBigOnes, quarterEndPanic, saasMidMarket } from './presets.ts';
import {
  attributionGroups,
  describeDifference,
  differingRuleGroups,
  mixStrategy,
} from './rule-groups.ts';
import { push, st } from './test-strategies.ts';
import type { Scenario, Strategy } from './types.ts';

const scenario: Scenario = structuredClone(saasMidMarket);

describe('differingRuleGroups', () => {
  it('compares what a rule does, not how it is spelled', () => {
    expect(
      differingRuleGroups(st({ pursue: 'all' }), st({ pursue: ['icp', 'out'] }), scenario),
    ).toEqual([]);
    expect(
      differingRuleGroups(st({ pursue: 'sweet-spot' }), st({ pursue: ['icp'] }), scenario),
    ).toEqual([]);
    expect(differingRuleGroups(st({ pursue: 'all' }), st({ pursue: ['icp'] }), scenario)).toEqual([
      'pursue',
    ]);
  });

  it('lists every group that differs, in a fixed order', () => {
    const a = st({});
    const b = st({ pursue: 'all', priority: 'largest-first', quarterEndPush: push });
    expect(differingRuleGroups(a, b, scenario)).toEqual(['pursue', 'priority', 'quarterEndPush']);
    expect(differingRuleGroups(b, a, scenario)).toEqual(['pursue', 'priority', 'quarterEndPush']);
  });

  it('treats a push that can change nothing as no push, and ignores pull-in factors without pull-ins', () => {
    const never = { ...push, belowAttainment: 0 };
    expect(differingRuleGroups(st({}), st({ quarterEndPush: never }), scenario)).toEqual([]);
    const noPull = { ...push, pullInWeeks: 0 };
    const noPull2 = { ...noPull, pullInWinFactor: 0.1, extraDiscount: 0.9 };
    expect(
      differingRuleGroups(
        st({ quarterEndPush: noPull }),
        st({ quarterEndPush: noPull2 }),
        scenario,
      ),
    ).toEqual([]);
    // …but with pull-ins the factors matter.
    const other = { ...push, pullInWinFactor: 0.5 };
    expect(
      differingRuleGroups(st({ quarterEndPush: push }), st({ quarterEndPush: other }), scenario),
    ).toEqual(['quarterEndPush']);
  });
});

describe('attributionGroups', () => {
  it('is empty with fewer than two differing groups, or when a compared strategy is missing', () => {
    expect(attributionGroups(saasMidMarket)).toEqual([]);
    expect(attributionGroups(quarterEndPanic)).toEqual([]);
    expect(attributionGroups(chaseTheBigOnes)).toEqual(['pursue', 'priority']);
    const cut = { ...chaseTheBigOnes, strategies: chaseTheBigOnes.strategies.slice(0, 1) };
    expect(attributionGroups(cut)).toEqual([]);
  });
});

describe('mixStrategy', () => {
  it("takes A's rules in the groups named and B's elsewhere, the push as a whole", () => {
    const a = st({ id: 'a', pursue: 'sweet-spot', priority: 'expected-value-per-hour' });
    const b = st({ id: 'b', pursue: 'all', priority: 'largest-first', quarterEndPush: push });
    const m = mixStrategy(a, b, ['priority']);
    expect(m.pursue).toBe('all');
    expect(m.priority).toBe('expected-value-per-hour');
    expect(m.quarterEndPush).toEqual(push);
    const n = mixStrategy(a, b, ['pursue', 'quarterEndPush']);
    expect(n.pursue).toBe('sweet-spot');
    expect(n.priority).toBe('largest-first');
    expect(n.quarterEndPush).toBeUndefined();
    expect(m.id).not.toBe(n.id);
  });
});

describe('describeDifference', () => {
  it('says the one rule that differs, or all of them, or that none does', () => {
    expect(describeDifference(saasMidMarket)).toBe(
      '"Focus on the sweet spot" (A) and "Chase everything" (B) differ only in which deals are pursued (A pursues only the sweet spot; B pursues every segment); everything else is the same.',
    );
    expect(describeDifference(chaseTheBigOnes)).toMatch(
      /differ in which deals are pursued \(.*\) and the order deals are worked in \(A works deals highest expected value per hour first; B works deals largest first\)/,
    );
    expect(describeDifference(quarterEndPanic)).toMatch(
      /differ only in the quarter-end push \(A no quarter-end push; B a quarter-end push from week 9, when booked plus expected is below 90% of quota: pursues every segment; pulls in deals due within 4 weeks \(odds × 0\.49, 34\.5% extra discount\); works 25% overtime\)/,
    );
    const same = {
      ...saasMidMarket,
      strategies: [st({ id: 'a', name: 'A1' }), st({ id: 'b', name: 'B1', pursue: ['icp'] })],
      compare: ['a', 'b'] as [string, string],
    };
    expect(describeDifference(same)).toBe(
      '"A1" (A) and "B1" (B) follow the same rules: they cannot differ.',
    );
  });
});

describe('the prospecting rule group (docs/model.md §14)', () => {
  const withProspecting: Scenario = structuredClone(saasMidMarket);
  for (const seg of withProspecting.segments)
    seg.prospecting = { hoursPerOpportunity: 4, lagWeeks: 2 };
  const prospects = (pursue: Strategy['pursue'], when: 'always' | 'during-push' = 'always') => ({
    prospecting: { pursue, when },
  });

  it('differs only when the strategies would prospect differently', () => {
    const s = withProspecting;
    expect(differingRuleGroups(st(prospects('sweet-spot')), st({}), s)).toEqual(['prospecting']);
    expect(differingRuleGroups(st(prospects(['icp'])), st(prospects('sweet-spot')), s)).toEqual([]);
    expect(differingRuleGroups(st(prospects('all')), st(prospects('sweet-spot')), s)).toEqual([
      'prospecting',
    ]);
    // "During a push" without a push prospects nothing: the same as not prospecting.
    expect(differingRuleGroups(st(prospects('all', 'during-push')), st({}), s)).toEqual([]);
    expect(
      differingRuleGroups(
        st({ ...prospects('all', 'during-push'), quarterEndPush: push }),
        st({ quarterEndPush: push }),
        s,
      ),
    ).toEqual(['prospecting']);
  });

  it('is taken from A or B in the intermediate strategies, and said in the one line', () => {
    const a = st({ id: 'a', name: 'A', ...prospects('sweet-spot'), priority: 'largest-first' });
    const b = st({ id: 'b', name: 'B', pursue: 'all' });
    expect(mixStrategy(a, b, ['prospecting']).prospecting).toEqual(a.prospecting);
    expect(mixStrategy(a, b, ['priority']).prospecting).toBeUndefined();
    const s: Scenario = { ...withProspecting, strategies: [a, b], compare: ['a', 'b'] };
    expect(attributionGroups(s)).toEqual(['pursue', 'priority', 'prospecting']);
    expect(describeDifference(s)).toContain(
      'prospecting with spare hours (A prospects only the sweet spot with spare hours every week; B leaves spare hours idle)',
    );
  });
});
