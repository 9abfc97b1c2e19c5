import type { Backtest, BacktestRow } from '@sweetspot/calibration';
import { describe, expect, it } from 'vitest';
import {
  backtestView,
  canOpen,
  capacityText,
  DEFAULT_NO_DECISION,
  DEFAULT_STALE,
  formatFigure,
  formatGap,
  NO_DECISION_CHOICES,
  needsAcceptance,
  parseTeamNumber,
  plainFlags,
  QUOTA_RANGE,
  quarterPoints,
  SELLING_HOURS_RANGE,
  STALE_CHOICES,
  sourceText,
  withinText,
} from './backtest-view.ts';

function row(partial: Partial<BacktestRow>): BacktestRow {
  return {
    segment: 'team',
    figure: 'winRate',
    history: 0.632,
    replay: 0.628,
    gap: 0.628 / 0.632 - 1,
    within: true,
    historyError: 0.01,
    ...partial,
  };
}

function backtest(rows: BacktestRow[]): Backtest {
  const gaps = rows.filter((r) => r.within === false);
  return {
    strategy: 'as-is',
    tolerance: 0.05,
    trials: 12,
    rows,
    gaps,
    ok: gaps.length === 0,
    quarters: [
      { label: '2017-01-02 – 2017-04-02', history: { won: 1100, bookings: 2.7e6 } },
      {
        label: '2017-04-03 – 2017-07-02',
        history: { won: 1180, bookings: 2.8e6 },
        replay: { won: 1150.5, bookings: 2.75e6 },
      },
      { label: 'replay quarter 3', replay: { won: 1140, bookings: 2.7e6 } },
    ],
    capacity: { sellingHoursPerWeek: 15, utilization: 0.7, lateOrStalledShare: 0.012 },
    notes: [],
  };
}

describe('outcome choices', () => {
  it('offer the package defaults first, each with a one-line explanation', () => {
    expect(DEFAULT_NO_DECISION).toBe('lost');
    expect(DEFAULT_STALE).toBe('open');
    expect(NO_DECISION_CHOICES.map((c) => c.value)).toEqual(['lost', 'exclude', 'ignore']);
    expect(STALE_CHOICES.map((c) => c.value)).toEqual(['open', 'lost', 'exclude']);
    for (const c of [...NO_DECISION_CHOICES, ...STALE_CHOICES]) {
      expect(c.explain).not.toContain('\n');
      expect(c.explain).not.toMatch(/--|exclude|ignore/);
      expect(c.explain.length).toBeLessThan(110);
    }
  });
});

describe('team numbers', () => {
  it('say where each number came from in plain words', () => {
    expect(sourceText('given')).toBe('you set it');
    expect(sourceText('history: median per-owner quarterly bookings')).toBe(
      'from your history: median owner’s quarterly bookings',
    );
    expect(sourceText('base scenario default')).toMatch(/^stated default/);
    expect(sourceText('base scenario (no bookings in the history)')).toContain('set it');
  });

  it('read typed numbers within the CLI limits, empty meaning the default', () => {
    expect(parseTeamNumber('20', SELLING_HOURS_RANGE, 'selling hours')).toEqual({ value: 20 });
    expect(parseTeamNumber(' 12.5 ', SELLING_HOURS_RANGE, 'selling hours')).toEqual({
      value: 12.5,
    });
    expect(parseTeamNumber('', SELLING_HOURS_RANGE, 'selling hours')).toEqual({
      value: undefined,
    });
    expect(parseTeamNumber('$250,000', QUOTA_RANGE, 'quota')).toEqual({ value: 250_000 });
    for (const bad of ['0', '200', 'ten', '-5', '1e3'])
      expect(parseTeamNumber(bad, SELLING_HOURS_RANGE, 'selling hours')).toEqual({
        error: 'The selling hours must be a number from 0.5 to 168.',
      });
  });
});

describe('backtest table', () => {
  it('formats each figure, the signed gap and within 5%', () => {
    expect(formatFigure('winRate', 0.632, 'USD')).toBe('63.2%');
    expect(formatFigure('wonPerQuarter', 1162.04, 'USD')).toBe('1,162.0');
    expect(formatFigure('medianWonCycleWeeks', 8.14, 'USD')).toBe('8.1 wk');
    expect(formatFigure('bookingsPerQuarter', 2_740_000, 'USD')).toBe('$2,740,000');
    expect(formatFigure('medianWonDealSize', Number.NaN, 'USD')).toBe('—');
    expect(formatGap(-0.056)).toBe('-5.6%');
    expect(formatGap(0.012)).toBe('+1.2%');
    expect(formatGap(Number.NaN)).toBe('—');
    expect(withinText({ within: true })).toBe('yes');
    expect(withinText({ within: false })).toBe('no');
    expect(withinText({ within: null })).toBe('not checked');
  });

  it('labels rows by segment name and figure, with reasons for gaps and unchecked rows', () => {
    const b = backtest([
      row({}),
      row({
        segment: 'gtx',
        figure: 'medianWonDealSize',
        history: 1114,
        replay: 649,
        gap: 649 / 1114 - 1,
        within: false,
        reason: 'won amounts are not lognormal-shaped',
      }),
      row({
        segment: 'mg',
        figure: 'wonPerQuarter',
        within: null,
        historyError: 0.04,
        reason: 'not checked: with 300 won deals the history itself is uncertain by about ±4%',
      }),
      row({ segment: 'mg', figure: 'winRate', within: null, historyError: 0.031 }),
    ]);
    const table = backtestView(b, { gtx: 'GTX series', mg: 'MG series' }, 'USD').rows;
    expect(table.map((r) => [r.segment, r.figure, r.within])).toEqual([
      ['Team', 'win rate', 'yes'],
      ['GTX series', 'median won deal size', 'no'],
      ['MG series', 'won deals per quarter', 'not checked'],
      ['MG series', 'win rate', 'not checked'],
    ]);
    expect(table[0]?.note).toBeUndefined();
    expect(table[1]?.note).toBe('Won amounts are not lognormal-shaped.');
    expect(table[1]?.gap).toBe('-41.7%');
    expect(table[2]?.note).toMatch(/^Not checked: with 300 won deals/);
    expect(table[3]?.note).toBe('Not checked: the history itself is uncertain by about ±3%.');
    expect(backtestView(b, { gtx: 'GTX series' }, 'USD').gaps).toEqual([
      'GTX series, median won deal size: $649 replayed vs $1,114 in your history (-41.7%). Likely reason: won amounts are not lognormal-shaped.',
    ]);
  });

  it('asks for "use it anyway" only when a checked figure is off by more than 5%', () => {
    const fine = backtest([row({}), row({ within: null })]);
    expect(needsAcceptance(fine)).toBe(false);
    expect(canOpen(fine, false)).toBe(true);
    const off = backtest([row({ within: false, gap: -0.06, reason: 'x' })]);
    expect(needsAcceptance(off)).toBe(true);
    expect(canOpen(off, false)).toBe(false);
    expect(canOpen(off, true)).toBe(true);
    expect(canOpen(undefined, true)).toBe(false);
  });

  it('gives the chart history and replay per quarter, skipping missing values', () => {
    const points = quarterPoints(backtest([row({})]));
    expect(points.map((p) => [p.index, p.series, p.won])).toEqual([
      [0, 'History', 1100],
      [1, 'History', 1180],
      [1, 'Replay', 1150.5],
    ]);
    // Without any history quarter, the replay's are drawn.
    const b = backtest([]);
    b.quarters = b.quarters.map(({ history: _, ...q }) => q);
    expect(quarterPoints(b).map((p) => [p.index, p.series])).toEqual([
      [1, 'Replay'],
      [2, 'Replay'],
    ]);
  });

  it('says the hours used and speaks of fields, not flags', () => {
    expect(capacityText(backtest([]))).toBe(
      '15 selling hours a week per rep, 70% of them used in the replay; 1.2% of replayed deals ran late or stalled.',
    );
    expect(plainFlags('give more --selling-hours')).toBe(
      'give more selling hours (Team numbers, above)',
    );
  });
});
