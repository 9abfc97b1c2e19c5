import { simulateChunk } from '@sweetspot/engine';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { formatMoney } from './format.ts';
import { summarize } from './summarize.ts';
import { verdictSentence } from './verdict.ts';

/** The default scenario, small: 3 reps, 13 warm-up weeks, 300 trials. */
function small(edit: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  s.team.reps = 3;
  s.horizon = { quarters: 4, weeksPerQuarter: 13, warmupWeeks: 13 };
  s.trials = 300;
  edit(s);
  return s;
}

function verdictOf(s: Scenario, period: 'year' | number = 'year') {
  const summary = summarize(s, simulateChunk(s, 0, s.trials));
  return { summary, sentence: verdictSentence(summary, period, s.currency) };
}

const money = (x: number, signed = false) =>
  formatMoney(x, 'USD', undefined, { compact: true, ...(signed ? { signed: true } : {}) });

describe('verdictSentence', () => {
  it('names the side that books more, by how much, with the interval of its lead and how often', () => {
    const { summary, sentence } = verdictOf(small());
    const d = summary.comparison.horizon.bookings;
    expect(d.ci95[0] > 0 || d.ci95[1] < 0).toBe(true);
    const aWins = d.meanDiff > 0;
    const [winner, loser] = aWins
      ? ['Focus on the sweet spot', 'Chase everything']
      : ['Chase everything', 'Focus on the sweet spot'];
    expect(
      sentence.startsWith(
        `${winner} books ${money(Math.abs(d.meanDiff))} more a year than ${loser} (+`,
      ),
    ).toBe(true);
    // The interval is the winner's lead: positive at both ends.
    const [lo, hi] = aWins ? d.ci95 : [-d.ci95[1], -d.ci95[0]];
    expect(sentence).toContain(`95% CI ${money(lo, true)} to ${money(hi, true)}`);
    expect(lo).toBeGreaterThan(0);
    expect(sentence).toMatch(/of simulated years\)|every one of the simulated years\)/);
    // One differing rule group: the clause names the waterfall's biggest bar in the gap's direction.
    expect(sentence).toMatch(/ — the biggest part of the gap \(\+\$[\d.]+[KM]?\): [a-z]/);
    expect(sentence.endsWith('.')).toBe(true);
  });

  it('states the mean gap (the expected gain) and its interval, never the median', () => {
    const { summary, sentence } = verdictOf(small());
    const d = summary.comparison.horizon.bookings;
    /** The summary with the year's bookings gap changed as `edit` says. */
    const withGap = (edit: Partial<typeof d>) => ({
      ...summary,
      comparison: {
        ...summary.comparison,
        horizon: { ...summary.comparison.horizon, bookings: { ...d, ...edit } },
      },
    });
    // The median of A − B moved far away: the sentence does not change.
    expect(verdictSentence(withGap({ p50: d.meanDiff * 3 }), 'year', 'USD')).toBe(sentence);
    // With the mean doubled (and its interval moved with it), the sentence says the new mean.
    const moved = {
      meanDiff: d.meanDiff * 2,
      ci95: [d.ci95[0] + d.meanDiff, d.ci95[1] + d.meanDiff] as [number, number],
    };
    const meanMoved = withGap(moved);
    const again = verdictSentence(meanMoved, 'year', 'USD');
    expect(again).not.toBe(sentence);
    expect(again).toContain(` books ${money(Math.abs(moved.meanDiff))} more a year than `);
    const [lo, hi] = d.meanDiff > 0 ? moved.ci95 : [-moved.ci95[1], -moved.ci95[0]];
    expect(again).toContain(`95% CI ${money(lo, true)} to ${money(hi, true)}`);
  });

  it('says the two book the same when nothing differs for them to chase', () => {
    // No out-of-profile arrivals: focus and chase pursue the same deals, trial by trial.
    const { summary, sentence } = verdictOf(
      small((s) => {
        (s.segments[1] as Scenario['segments'][number]).opportunitiesPerRepPerWeek = 0;
      }),
    );
    expect(summary.comparison.horizon.bookings.pTie).toBe(1);
    expect(sentence).toBe(
      'Focus on the sweet spot and Chase everything book about the same a year: A − B = $0 ' +
        '(95% CI $0 to $0); A books more in none of the simulated years, B in none of the simulated years.',
    );
  });

  it('splits the gap among the rules when two rule groups differ', () => {
    const { sentence } = verdictOf(
      small((s) => {
        (s.strategies[1] as Scenario['strategies'][number]).priority = 'largest-first';
      }),
    );
    expect(sentence).toMatch(
      / — of [+-]\$[\d.]+[KM]?, [+-]\$[\d.]+[KM]? comes from .+ and [+-]\$[\d.]+[KM]? from .+\.$/,
    );
  });

  it('speaks of a quarter as a quarter, and of a horizon other than a year by its quarters', () => {
    expect(verdictOf(small(), 1).sentence).toMatch(/ more in Q2 than .* of simulated quarters/);
    const two = verdictOf(small((s) => (s.horizon.quarters = 2))).sentence;
    expect(two).toMatch(/ more over the 2 quarters than .* of simulated runs/);
  });
});
