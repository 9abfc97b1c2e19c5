/** A start from today's pipeline (docs/model.md §16) must fit the horizon, team and segments. */
import { describe, expect, it } from 'vitest';
import { defaultScenario } from './presets.ts';
import type { Scenario } from './types.ts';
import { validateScenario } from './validate.ts';

function withStart(edit: (s: Scenario) => void = () => {}): unknown {
  const s = defaultScenario();
  s.horizon = { ...s.horizon, warmupWeeks: 0, quarters: 2 };
  s.start = {
    weekOfQuarter: 8,
    pipeline: [
      { segment: 'icp', rep: 1, ageWeeks: 4, amount: 30_000 },
      { segment: 'out', rep: 8, ageWeeks: 20, winOdds: 0.5 },
    ],
    booked: [{ rep: 2, amount: 40_000, margin: 30_000 }],
    asOf: '2026-11-20',
  };
  edit(s);
  return s;
}

const errors = (s: unknown) => {
  const r = validateScenario(s);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('a start from today', () => {
  it('is valid with the warm-up at 0, and round-trips', () => {
    const r = validateScenario(withStart());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.start?.pipeline).toHaveLength(2);
    expect(r.scenario.start?.booked?.[0]).toEqual({ rep: 2, amount: 40_000, margin: 30_000 });
  });

  it('names what does not fit: warm-up, week, reps, segments, a rep listed twice', () => {
    expect(
      errors(
        withStart((s) => {
          s.horizon.warmupWeeks = 52;
          (s.start as NonNullable<Scenario['start']>).weekOfQuarter = 14;
          const start = s.start as NonNullable<Scenario['start']>;
          start.pipeline.push({ segment: 'nope', rep: 9, ageWeeks: 1 });
          start.booked?.push({ rep: 2, amount: 1 }, { rep: 12, amount: 1 });
        }),
      ),
    ).toEqual([
      'horizon.warmupWeeks: must be 0 when the scenario starts from a pipeline (start): there is no warm-up',
      'start.weekOfQuarter: must be at most the weeks per quarter (13)',
      'start.pipeline[2].segment: names an unknown segment ("nope")',
      'start.pipeline[2].rep: is rep 9, but the team has 8',
      'start.booked[1].rep: lists rep 2 twice',
      'start.booked[2].rep: is rep 12, but the team has 8',
    ]);
  });

  it('checks each open deal’s numbers against the catalogue, by label', () => {
    const r = validateScenario(
      withStart((s) => {
        const deal = (s.start as NonNullable<Scenario['start']>).pipeline[0];
        if (deal) Object.assign(deal, { ageWeeks: -1, amount: 0, winOdds: 0 });
      }),
    );
    expect(r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'start.pipeline[0].ageWeeks: must be at least 0 weeks',
      'start.pipeline[0].amount: must be greater than $0',
      'start.pipeline[0].winOdds: must be at least 0.000000001×',
    ]);
  });
});
