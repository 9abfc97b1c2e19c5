/**
 * The built-in presets that show the new mechanisms (docs/model.md §12–§14): they validate, say
 * where every number comes from, and compare exactly the rules they say they compare. Whether each
 * mechanism is active in a run is checked against the engine in tests/presets-mechanisms.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { behindPlanDoubleDown, PRESETS, spareCapacity, specialistBottleneck } from './presets.ts';
import {
  comparedStrategies,
  describeDifference,
  differingRuleGroups,
  RULE_GROUP_LABELS,
  RULE_GROUPS,
  type RuleGroup,
} from './rule-groups.ts';
import type { Scenario } from './types.ts';
import { validateScenario } from './validate.ts';

/** The rule groups the one-line difference names (by their labels). */
function groupsNamed(scenario: Scenario): RuleGroup[] {
  const text = describeDifference(scenario);
  return RULE_GROUPS.filter((g) => text.includes(RULE_GROUP_LABELS[g]));
}

/**
 * Every number that describes a preset's team, market and rules, with where it sits: the fields a
 * source or an assumption must account for (settings like the seed, trials and precision are not).
 */
function describedNumbers(scenario: Scenario): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  const walk = (where: string, value: unknown): void => {
    if (typeof value === 'number') out.push([where, value]);
    else if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(`${where}[${i}]`, v);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(where ? `${where}.${k}` : k, v);
  };
  walk('team', scenario.team);
  walk('dynamics', scenario.dynamics);
  walk('horizon.warmupWeeks', scenario.horizon.warmupWeeks);
  walk('segments', scenario.segments);
  walk('strategies', scenario.strategies);
  return out;
}

/** The ways a source line may write `v`: 8, 1.8, 30%, 34.5%, $130k, 25% (for × 1.25). */
function spellings(v: number): string[] {
  const plain = String(v);
  const out = [plain];
  if (v > 0 && v < 1) out.push(`${Math.round(v * 1000) / 10}%`);
  if (v > 1 && v < 2) out.push(`${Math.round((v - 1) * 1000) / 10}%`);
  if (v >= 1000) out.push(`$${v / 1000}k`);
  return out;
}

describe('every preset', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s cites or labels as an assumption every number of its team, market and rules',
    (_, preset) => {
      const text = (preset.provenance?.sources ?? []).join(' ').toLowerCase();
      const unaccounted = describedNumbers(preset).filter(([, v]) =>
        spellings(v).every((word) => {
          const escaped = word.toLowerCase().replace(/[.$]/g, (c) => `\\${c}`);
          return !new RegExp(`(?<![\\d.])${escaped}(?![\\d])`).test(text);
        }),
      );
      expect(unaccounted).toEqual([]);
    },
  );

  it.each(PRESETS.map((p) => [p.name, p] as const))('%s validates unchanged', (_, preset) => {
    expect(validateScenario(preset)).toEqual({ ok: true, scenario: preset });
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s lists each source or assumption once (the web shows them as a list)',
    (_, preset) => {
      const sources = preset.provenance?.sources ?? [];
      expect(new Set(sources).size).toBe(sources.length);
    },
  );

  it('includes the two presets for the new mechanisms, after the others', () => {
    expect(PRESETS).toContain(specialistBottleneck);
    expect(PRESETS).toContain(behindPlanDoubleDown);
    expect(PRESETS.indexOf(specialistBottleneck)).toBeGreaterThan(PRESETS.indexOf(spareCapacity));
  });
});

describe('Specialists are the bottleneck', () => {
  const preset = specialistBottleneck;

  it('differs only in which deals are pursued', () => {
    const [a, b] = comparedStrategies(preset);
    expect(differingRuleGroups(a, b, preset)).toEqual(['pursue']);
    expect(groupsNamed(preset)).toEqual(['pursue']);
    expect(describeDifference(preset)).toBe(
      '"Focus on the sweet spot" (A) and "Chase everything" (B) differ only in which deals are pursued (A pursues only the sweet spot; B pursues every segment); everything else is the same.',
    );
    // Neither strategy pushes or prospects: a fair fight over which deals are pursued.
    for (const st of [a, b]) {
      expect(st.quarterEndPush).toBeUndefined();
      expect(st.prospecting).toBeUndefined();
    }
  });

  it('has one priced pool that out-of-profile deals need four times as much of', () => {
    expect(preset.team.specialists).toEqual([
      { id: 'se', name: 'Solutions engineers', hoursPerWeek: 60, costPerHour: 90 },
    ]);
    expect(preset.team.costPerSellingHour).toBe(100);
    const [sweet, out] = preset.segments;
    expect(sweet?.sweetSpot).toBe(true);
    expect(out?.sweetSpot).toBe(false);
    expect(out?.specialistHoursPerSellingHour?.se).toBe(
      4 * (sweet?.specialistHoursPerSellingHour?.se ?? Number.NaN),
    );
  });

  it('is "When chasing pays" with the pool and the rates added, nothing else', () => {
    const { team, segments, name, provenance, ...rest } = preset;
    const { team: t0, segments: s0, name: _n, provenance: _p, ...rest0 } = spareCapacity;
    expect(rest).toEqual(rest0);
    const { specialists: _s, costPerSellingHour: _c, ...teamRest } = team;
    expect(teamRest).toEqual(t0);
    expect(segments.map(({ specialistHoursPerSellingHour: _k, ...s }) => s)).toEqual(s0);
  });

  it('states its pool size, ratios and rates as assumptions', () => {
    const sources = preset.provenance?.sources ?? [];
    const assumptions = sources.filter((s) => s.startsWith('Assumption:')).join('\n');
    for (const figure of ['60 hours a week', '0.25', '1 hour', '$100', '$90', '40 selling hours']) {
      expect(assumptions).toContain(figure);
    }
  });
});

describe('Behind plan: double down or cast a wider net', () => {
  const preset = behindPlanDoubleDown;
  const [a, b] = comparedStrategies(preset);

  it('differs only in what a rep behind plan pursues and whether spare hours prospect', () => {
    expect(differingRuleGroups(a, b, preset)).toEqual(['quarterEndPush', 'prospecting']);
    expect(groupsNamed(preset)).toEqual(['quarterEndPush', 'prospecting']);
    expect(describeDifference(preset)).toBe(
      '"When behind, prospect the sweet spot" (A) and "When behind, chase everything" (B) differ in the quarter-end push (A a quarter-end push from week 9, when booked plus expected is below 90% of quota: pursues only the sweet spot; B a quarter-end push from week 9, when booked plus expected is below 90% of quota: pursues every segment) and prospecting with spare hours (A prospects only the sweet spot with spare hours in the weeks it pushes; B leaves spare hours idle); everything else is the same.',
    );
  });

  it('has the same push trigger for both, and a push that only marks "behind plan"', () => {
    const pa = a.quarterEndPush;
    const pb = b.quarterEndPush;
    expect(pa).toBeDefined();
    expect(pb).toBeDefined();
    expect({ ...pa, pursue: null }).toEqual({ ...pb, pursue: null });
    expect(pa?.pursue).toBe('sweet-spot');
    expect(pb?.pursue).toBe('all');
    // No pull-ins, no overtime, no extra discount.
    expect(pa).toMatchObject({ pullInWeeks: 0, overtime: 1, extraDiscount: 0, pullInWinFactor: 1 });
    expect(a.pursue).toBe('sweet-spot');
    expect(b.pursue).toBe('sweet-spot');
    expect(a.priority).toBe(b.priority);
    expect(a.prospecting).toEqual({ pursue: 'sweet-spot', when: 'during-push' });
    expect(b.prospecting).toBeUndefined();
  });

  it('lets reps prospect the sweet spot only, and prices their hours', () => {
    const sweet = preset.segments.filter((s) => s.sweetSpot);
    const out = preset.segments.filter((s) => !s.sweetSpot);
    expect(sweet.map((s) => s.prospecting)).toEqual([{ hoursPerOpportunity: 10, lagWeeks: 3 }]);
    expect(out.every((s) => s.prospecting === undefined)).toBe(true);
    expect(preset.team.costPerSellingHour).toBe(100);
    expect(preset.team.specialists).toBeUndefined();
    // A push needs six quarters of warm-up (docs/model.md §1).
    expect(preset.horizon.warmupWeeks).toBeGreaterThanOrEqual(78);
  });

  it('states its prospecting yield and rate as assumptions', () => {
    const assumptions = (preset.provenance?.sources ?? [])
      .filter((s) => s.startsWith('Assumption:'))
      .join('\n');
    for (const figure of ['10 hours', '3 weeks', '$100', 'week 9', '90% of quota']) {
      expect(assumptions).toContain(figure);
    }
  });
});
