import { Simulator } from '@sweetspot/engine';
import { defaultScenario } from '@sweetspot/scenario';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Summarized, summarizeWithExtras } from '../run/summarize-core.ts';
import {
  bookingsDiff,
  bookingsRows,
  diffRows,
  fanRows,
  headlines,
  hoursRows,
  periodLabel,
  quarterCount,
  quotaFor,
  repAttainmentRows,
  segmentRows,
} from './derive.ts';

let result: Summarized;
const scenario = { ...defaultScenario(), trials: 60 };

beforeAll(() => {
  const chunk = new Simulator(scenario).simulate(0, scenario.trials);
  result = summarizeWithExtras(scenario, chunk);
});

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('derive', () => {
  it('labels periods', () => {
    expect(periodLabel(0, 4)).toBe('Q1');
    expect(periodLabel('year', 4)).toBe('Year');
    expect(periodLabel('year', 6)).toBe('6 quarters');
    expect(quarterCount(result.summary)).toBe(4);
    expect(quotaFor(1_200_000, 'year', 4)).toBe(4_800_000);
  });

  it('builds headline cards for a quarter and the year', () => {
    for (const period of [0, 3, 'year'] as const) {
      const h = headlines(result.summary, period);
      expect(h?.cards.map((c) => c.id)).toEqual([
        'bookings',
        'margin',
        'pHitQuota',
        'repsAtQuota',
        'hoursWasted',
      ]);
      const bookings = h?.cards[0];
      expect(bookings?.a.low).toBeLessThanOrEqual(bookings?.a.value ?? Number.NaN);
      expect(h?.beats.bookings.p).toBeGreaterThanOrEqual(0);
      expect(h?.beats.bookings.p).toBeLessThanOrEqual(1);
    }
    const q1 = headlines(result.summary, 0);
    const a = result.summary.strategies.focus?.quarters[0];
    expect(q1?.cards[0]?.a.value).toBe(a?.bookings.p50);
    expect(headlines(result.summary, 9)).toBeUndefined();
  });

  it('gives histogram rows whose shares sum to one per side', () => {
    for (const period of [0, 'year'] as const) {
      const rows = bookingsRows(result.summary, result.extras, period);
      for (const side of ['A', 'B'] as const) {
        const shares = rows.filter((r) => r.side === side).map((r) => r.share);
        expect(sumOf(shares)).toBeCloseTo(1, 9);
      }
      expect(sumOf(diffRows(result.summary, period).map((r) => r.count))).toBe(scenario.trials);
      expect(bookingsDiff(result.summary, period)?.pABeatsB).toBeGreaterThanOrEqual(0);
    }
  });

  it('pools rep attainment over quarters for the year', () => {
    const q = repAttainmentRows(result.summary, 0).filter((r) => r.side === 'A');
    const y = repAttainmentRows(result.summary, 'year').filter((r) => r.side === 'A');
    expect(sumOf(q.map((r) => r.count))).toBe(scenario.trials * scenario.team.reps);
    expect(sumOf(y.map((r) => r.count))).toBe(4 * scenario.trials * scenario.team.reps);
  });

  it('accounts for every hour of capacity', () => {
    for (const period of [1, 'year'] as const) {
      const rows = hoursRows(result.summary, period);
      for (const side of ['A', 'B'] as const) {
        const share = sumOf(rows.filter((r) => r.side === side).map((r) => r.share));
        expect(share).toBeCloseTo(1, 2);
      }
    }
  });

  it('gives quarterly quantiles for the fan chart', () => {
    const rows = fanRows(result.summary);
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.p10).toBeLessThanOrEqual(r.p25);
      expect(r.p25).toBeLessThanOrEqual(r.p50);
      expect(r.p50).toBeLessThanOrEqual(r.p75);
      expect(r.p75).toBeLessThanOrEqual(r.p90);
    }
  });

  it('pools segment figures', () => {
    const q = segmentRows(result.summary, 0);
    expect(q.map((r) => r.id)).toEqual(['icp', 'out']);
    const summaryQ = result.summary.strategies.focus?.quarters[0]?.segments[0];
    expect(q[0]?.a.winRate).toBeCloseTo(summaryQ?.winRate ?? Number.NaN, 9);
    // Focus pursues no out-of-profile deal: nothing decided there.
    expect(q[1]?.a.winRate).toBeNaN();
    const y = segmentRows(result.summary, 'year');
    expect(y[0]?.b.winRate).toBeGreaterThan(0);
    expect(y[0]?.b.discount).toBeCloseTo(0.1, 6);
  });
});
