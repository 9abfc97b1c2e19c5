import {
  defaultScenario,
  expectedDealsPerTrial,
  PRESETS,
  type Scenario,
} from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import {
  DEAL_PLAYS_PER_SECOND_PER_WORKER,
  describeDuration,
  estimateLinkRunSeconds,
  LINK_RUN_ASK_SECONDS,
  linkRunAsk,
  plannedTrials,
  roundDownNicely,
  strategiesPlayed,
} from './linkBudget.ts';

/** `s` run for exactly `trials` trials (no precision target). */
const withTrials = (s: Scenario, trials: number): Scenario => {
  const { precision: _fixed, ...copy } = structuredClone(s);
  return { ...copy, trials };
};

describe('a link’s run estimate', () => {
  it('is trials × deals per trial × strategies played / (throughput × workers)', () => {
    const s = defaultScenario();
    const seconds = estimateLinkRunSeconds(s, 10_000, 2);
    expect(seconds).toBeCloseTo(
      (10_000 * expectedDealsPerTrial(s) * strategiesPlayed(s)) /
        (2 * DEAL_PLAYS_PER_SECOND_PER_WORKER),
      9,
    );
    expect(estimateLinkRunSeconds(s, 10_000, 1)).toBeCloseTo(2 * seconds, 9);
  });

  it('counts the attribution’s intermediate strategies (2^k − 2 when k ≥ 2 rule groups differ)', () => {
    const plays = PRESETS.map(strategiesPlayed);
    // Every preset plays its own strategies at least; one of them differs in two or more groups.
    for (const [i, p] of PRESETS.entries())
      expect(plays[i]).toBeGreaterThanOrEqual(p.strategies.length);
    expect(plays.some((n, i) => n > (PRESETS[i] as Scenario).strategies.length)).toBe(true);
  });

  it('judges a precision-stopped run by its first two batches, a fixed run by all its trials', () => {
    const precise = { ...defaultScenario(), trials: 1_000_000 };
    expect(precise.precision).toBeDefined();
    expect(plannedTrials(precise)).toBe(500);
    expect(linkRunAsk(precise, 2)).toBeUndefined(); // 500 trials of the default: seconds
    const { precision: _off, ...fixed } = precise;
    expect(plannedTrials(fixed)).toBe(1_000_000);
    expect(linkRunAsk(fixed, 2)?.planned).toBe(1_000_000);
    // A huge team asks even for its first 500 trials, and says what it may use in all.
    const huge = { ...defaultScenario(), trials: 1_000_000 };
    huge.team = { ...huge.team, reps: 600 };
    const ask = linkRunAsk(huge, 1, 'edit');
    expect(ask).toMatchObject({ precise: true, planned: 500, trials: 1_000_000, source: 'edit' });
    expect(ask?.seconds).toBeGreaterThan(LINK_RUN_ASK_SECONDS);
  });

  it('runs the presets at once, as they come', () => {
    for (const p of PRESETS) expect(linkRunAsk(p as Scenario, 1), p.name).toBeUndefined();
  });

  it('asks before a run over a minute, and offers a round number of trials that fits', () => {
    const s = withTrials(defaultScenario(), 1_000_000);
    const ask = linkRunAsk(s, 2);
    expect(ask).toBeDefined();
    if (!ask) return;
    expect(ask.trials).toBe(1_000_000);
    expect(ask.seconds).toBeGreaterThan(LINK_RUN_ASK_SECONDS);
    expect(ask.fewerTrials).toBeLessThan(ask.trials);
    expect(estimateLinkRunSeconds(s, ask.fewerTrials, 2)).toBeLessThanOrEqual(LINK_RUN_ASK_SECONDS);
    // Round: 1, 2 or 5 × a power of ten, and not needlessly small (the next round number is over).
    expect(String(ask.fewerTrials)).toMatch(/^[125]0*$/);
    expect(estimateLinkRunSeconds(s, ask.fewerTrials * 2.5, 2)).toBeGreaterThan(
      LINK_RUN_ASK_SECONDS,
    );
    // The threshold: just over a minute asks, just under does not.
    const perTrial = estimateLinkRunSeconds(s, 1, 2);
    const under = Math.floor(LINK_RUN_ASK_SECONDS / perTrial);
    expect(linkRunAsk(withTrials(s, under), 2)).toBeUndefined();
    expect(linkRunAsk(withTrials(s, under + 1), 2)).toBeDefined();
  });

  it('offers at least one trial, whatever the scenario', () => {
    const heavy = withTrials(defaultScenario(), 1_000_000);
    heavy.team.reps = 400;
    const ask = linkRunAsk(heavy, 1);
    expect(ask?.fewerTrials).toBeGreaterThanOrEqual(1);
  });

  it('rounds down to 1, 2 or 5 × 10^k and describes durations in words', () => {
    expect([0, 0.5, 1, 1.9, 2, 4.99, 5, 9, 10, 19, 250, 4999, 5000].map(roundDownNicely)).toEqual([
      1, 1, 1, 1, 2, 2, 5, 5, 10, 10, 200, 2000, 5000,
    ]);
    expect(describeDuration(61)).toBe('about 1 minute');
    expect(describeDuration(150)).toBe('about 3 minutes');
    expect(describeDuration(3600)).toBe('about 1 hour');
    expect(describeDuration(6000)).toBe('about 1 hour 40 minutes');
    expect(describeDuration(Number.POSITIVE_INFINITY)).toMatch(/longer/);
  });
});
