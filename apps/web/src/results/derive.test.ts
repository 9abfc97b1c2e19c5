import { type RunSummary, summarize } from '@sweetspot/analysis';
import { Simulator } from '@sweetspot/engine';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { beforeAll, describe, expect, it } from 'vitest';
import { setIn } from '../editor/draft.ts';
import type { PathKey } from '../editor/paths.ts';
import * as derive from './derive.ts';

let result: { summary: RunSummary };
const scenario = { ...defaultScenario(), trials: 60 };

beforeAll(() => {
  const chunk = new Simulator(scenario).simulate(0, scenario.trials);
  result = { summary: summarize(scenario, chunk) };
});

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('derive', () => {
  it('labels periods', () => {
    expect(derive.periodLabel(0, 4)).toBe('Q1');
    expect(derive.periodLabel('year', 4)).toBe('Year');
    expect(derive.periodLabel('year', 6)).toBe('6 quarters');
    expect(derive.quarterCount(result.summary)).toBe(4);
    expect(derive.quotaFor(1_200_000, 'year', 4)).toBe(4_800_000);
  });

  it('builds headline cards for a quarter and the year', () => {
    for (const period of [0, 3, 'year'] as const) {
      const h = derive.headlines(result.summary, period);
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
    const q1 = derive.headlines(result.summary, 0);
    const a = result.summary.strategies.focus?.quarters[0];
    expect(q1?.cards[0]?.a.value).toBe(a?.bookings.p50);
    expect(derive.headlines(result.summary, 9)).toBeUndefined();
  });

  it("gives the year's hours wasted and reps at quota from the per-trial year figures", () => {
    const h = derive.headlines(result.summary, 'year');
    const card = (id: string) => h?.cards.find((c) => c.id === id);
    const a = result.summary.strategies.focus?.horizon;
    const b = result.summary.strategies.chase?.horizon;
    const c = result.summary.comparison.horizon;
    const wasted = card('hoursWasted');
    expect(wasted?.a).toEqual({
      value: a?.hoursWasted.mean,
      low: a?.hoursWasted.ci95[0],
      high: a?.hoursWasted.ci95[1],
      interval: '95% CI',
      basis: 'mean',
    });
    expect(wasted?.diff.value).toBe(c.hoursWasted.meanDiff);
    expect([wasted?.diff.low, wasted?.diff.high]).toEqual(c.hoursWasted.ci95);
    // The year's mean is the sum of the quarters' means; its interval is the exact one, narrower
    // than adding the quarters' half-widths (quarters are not perfectly correlated).
    const quarters = result.summary.strategies.focus?.quarters ?? [];
    expect(wasted?.a.value).toBeCloseTo(sumOf(quarters.map((q) => q.hoursWasted.mean)), 6);
    const added = sumOf(quarters.map((q) => q.hoursWasted.ci95[1] - q.hoursWasted.mean));
    expect((wasted?.a.high ?? 0) - (wasted?.a.value ?? 0)).toBeLessThan(added);
    const reps = card('repsAtQuota');
    expect(reps?.a.value).toBe(a?.shareOfRepsAtQuota.mean);
    expect(reps?.a.basis).toBe('avg of quarters');
    expect(reps?.a.value).toBeCloseTo(
      sumOf(quarters.map((q) => q.shareOfRepsAtQuota.mean)) / quarters.length,
      9,
    );
    expect(reps?.b.low).toBe(Math.max(0, b?.shareOfRepsAtQuota.ci95[0] ?? Number.NaN));
    expect(reps?.diff.value).toBeCloseTo(
      (a?.shareOfRepsAtQuota.mean ?? 0) - (b?.shareOfRepsAtQuota.mean ?? 0),
      12,
    );
  });

  it('gives histogram rows whose shares sum to one per side', () => {
    for (const period of [0, 'year'] as const) {
      const rows = derive.bookingsRows(result.summary, period);
      for (const side of ['A', 'B'] as const) {
        const shares = rows.filter((r) => r.side === side).map((r) => r.share);
        expect(sumOf(shares)).toBeCloseTo(1, 9);
      }
      expect(sumOf(derive.diffRows(result.summary, period).map((r) => r.count))).toBe(
        scenario.trials,
      );
      expect(derive.bookingsDiff(result.summary, period)?.pABeatsB).toBeGreaterThanOrEqual(0);
    }
  });

  it('pools rep attainment over quarters for the year', () => {
    const q = derive.repAttainmentRows(result.summary, 0).filter((r) => r.side === 'A');
    const y = derive.repAttainmentRows(result.summary, 'year').filter((r) => r.side === 'A');
    expect(sumOf(q.map((r) => r.count))).toBe(scenario.trials * scenario.team.reps);
    expect(sumOf(y.map((r) => r.count))).toBe(4 * scenario.trials * scenario.team.reps);
  });

  it('accounts for every hour of capacity', () => {
    for (const period of [1, 'year'] as const) {
      const rows = derive.hoursRows(result.summary, period);
      for (const side of ['A', 'B'] as const) {
        const share = sumOf(rows.filter((r) => r.side === side).map((r) => r.share));
        expect(share).toBeCloseTo(1, 2);
      }
    }
  });

  it('gives quarterly quantiles for the fan chart', () => {
    const rows = derive.fanRows(result.summary);
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r.p10).toBeLessThanOrEqual(r.p25);
      expect(r.p25).toBeLessThanOrEqual(r.p50);
      expect(r.p50).toBeLessThanOrEqual(r.p75);
      expect(r.p75).toBeLessThanOrEqual(r.p90);
    }
  });

  it('pools segment figures', () => {
    const q = derive.segmentRows(result.summary, 0);
    expect(q.map((r) => r.id)).toEqual(['icp', 'out']);
    const summaryQ = result.summary.strategies.focus?.quarters[0]?.segments[0];
    expect(q[0]?.a.winRate).toBeCloseTo(summaryQ?.winRate ?? Number.NaN, 9);
    // Focus pursues no out-of-profile deal: nothing decided there.
    expect(q[1]?.a.winRate).toBeNaN();
    const y = derive.segmentRows(result.summary, 'year');
    expect(y[0]?.b.winRate).toBeGreaterThan(0);
    expect(y[0]?.b.discount).toBeCloseTo(0.1, 6);
    // The discount is 1 − bookings / list value won, the engine's own aggregate.
    expect(y[0]?.b.discount).toBeCloseTo(
      1 - (y[0]?.b.bookings ?? 0) / (y[0]?.b.listValueWon ?? 1),
      12,
    );
    expect(y[0]?.b.listValueWon).toBeCloseTo(
      sumOf(
        result.summary.strategies.chase?.quarters.map((q) => q.segments[0]?.listValueWon ?? 0) ??
          [],
      ),
      6,
    );
  });
});

/**
 * The default scenario (sweet spot, out of profile; focus, chase) with every optional mechanism
 * on (docs/model.md §12–§14), made by the editor's own edits.
 */
function withMechanisms(): Scenario {
  const presales = {
    id: 'presales',
    name: 'Pre-sales engineers',
    hoursPerWeek: 30,
    costPerHour: 90,
  };
  const edits: [PathKey[], unknown][] = [
    [['trials'], 60],
    [['team', 'costPerSellingHour'], 60],
    [['team', 'specialists'], [presales]],
    [['segments', 0, 'specialistHoursPerSellingHour'], { presales: 0.3 }],
    [['segments', 1, 'specialistHoursPerSellingHour'], { presales: 0.6 }],
    [['segments', 0, 'prospecting'], { hoursPerOpportunity: 6, lagWeeks: 3 }],
    [['strategies', 0, 'prospecting'], { pursue: 'sweet-spot', when: 'always' }],
  ];
  return edits.reduce((s, [path, value]) => setIn(s, path, value), defaultScenario());
}

describe('derive with pools, rates and prospecting', () => {
  const s = withMechanisms();
  let mech: { summary: RunSummary };
  beforeAll(() => {
    mech = { summary: summarize(s, new Simulator(s).simulate(0, s.trials)) };
  });

  it('says which mechanisms the pair plays', () => {
    expect(s.strategies[0]?.id).toBe('focus'); // the strategy that prospects
    expect(derive.mechanismsOf(scenario)).toEqual(derive.NO_MECHANISMS);
    expect(derive.mechanismsOf(s)).toEqual({ pricesHours: true, pools: true, prospects: true });
    // A pool no segment needs does not play; a pool's rate alone prices hours.
    const idle = structuredClone(scenario);
    idle.team.specialists = [{ id: 'p', name: 'P', hoursPerWeek: 1, costPerHour: 5 }];
    expect(derive.mechanismsOf(idle)).toEqual({
      pricesHours: true,
      pools: false,
      prospects: false,
    });
    // Prospecting by a strategy outside the pair does not count.
    const other = structuredClone(scenario);
    other.strategies.push({
      id: 'prospector',
      name: 'Prospector',
      pursue: 'all',
      priority: 'oldest-first',
      prospecting: { pursue: 'all', when: 'always' },
    });
    expect(derive.mechanismsOf(other).prospects).toBe(false);
  });

  it('adds cost of sale, contribution and specialist hours wasted from the summary', () => {
    const m = derive.mechanismsOf(s);
    for (const period of [0, 2, 'year'] as const) {
      const h = derive.headlines(mech.summary, period, m);
      expect(h?.cards.map((c) => c.id)).toEqual([
        'bookings',
        'margin',
        'costOfSale',
        'contribution',
        'pHitQuota',
        'repsAtQuota',
        'hoursWasted',
        'specialistHoursWasted',
      ]);
      const a = mech.summary.strategies.focus;
      const cmp = mech.summary.comparison;
      const sa = period === 'year' ? a?.horizon : a?.quarters[period];
      const sc = period === 'year' ? cmp.horizon : cmp.quarters[period];
      const card = (id: string) => h?.cards.find((c) => c.id === id);
      expect(card('costOfSale')?.a.value).toBe(sa?.costOfSale.p50);
      expect(card('costOfSale')?.diff.value).toBe(sc?.costOfSale.p50);
      expect(card('costOfSale')?.beat?.figure.p).toBe(sc?.costOfSale.pABeatsB);
      expect(card('contribution')?.a.value).toBe(sa?.contribution.p50);
      expect(card('contribution')?.diff.low).toBe(sc?.contribution.p10);
      expect(card('specialistHoursWasted')?.b.value).toBe(
        (period === 'year'
          ? mech.summary.strategies.chase?.horizon
          : mech.summary.strategies.chase?.quarters[period]
        )?.specialistHoursWasted.p50,
      );
      expect(h?.beats.contribution?.p).toBe(sc?.contribution.pABeatsB);
      // Priced hours cost something, and contribution is margin less that cost.
      expect(sa?.costOfSale.mean).toBeGreaterThan(0);
      expect(sa?.contribution.mean).toBeCloseTo(
        (sa?.margin.mean ?? 0) - (sa?.costOfSale.mean ?? 0),
        0,
      );
    }
    // Without the mechanisms flagged, the same summary gives the five cards of before.
    expect(derive.headlines(mech.summary, 0)?.cards).toHaveLength(5);
    expect(derive.headlines(mech.summary, 0)?.beats.contribution).toBeUndefined();
  });

  it('gives each pool its use of capacity', () => {
    const q = derive.poolRows(mech.summary, 1);
    expect(q.map((r) => r.id)).toEqual(['presales']);
    const pool = mech.summary.strategies.focus?.quarters[1]?.pools[0];
    expect(q[0]?.a.used).toBe(pool?.used);
    expect(q[0]?.a.capacity).toBe(30 * s.horizon.weeksPerQuarter);
    expect(q[0]?.a.share).toBeCloseTo((pool?.used ?? 0) / (pool?.capacity ?? 1), 12);
    expect(q[0]?.a.share).toBeLessThanOrEqual(1 + 1e-9);
    const y = derive.poolRows(mech.summary, 'year');
    expect(y[0]?.b.capacity).toBe(4 * 30 * s.horizon.weeksPerQuarter);
    expect(derive.poolRows(result.summary, 0)).toEqual([]);
  });

  it('shows prospecting hours as their own use and per segment', () => {
    const m = derive.mechanismsOf(s);
    expect(derive.hourUses(m)).toContain('prospecting');
    expect(derive.hourUses()).not.toContain('prospecting');
    for (const period of [1, 'year'] as const) {
      const rows = derive.hoursRows(mech.summary, period, m);
      for (const side of ['A', 'B'] as const) {
        const share = sumOf(rows.filter((r) => r.side === side).map((r) => r.share));
        expect(share).toBeCloseTo(1, 2);
      }
      const prospectingA = sumOf(
        rows.filter((r) => r.side === 'A' && r.use === 'prospecting').map((r) => r.hours),
      );
      expect(prospectingA).toBeGreaterThan(0);
      const seg = derive.segmentRows(mech.summary, period);
      expect(seg[0]?.a.hours.prospecting).toBeCloseTo(prospectingA, 6);
      expect(seg[0]?.a.prospected).toBeGreaterThan(0);
      expect(seg[0]?.b.prospected).toBe(0);
    }
    expect(derive.hoursRows(mech.summary, 0).some((r) => r.use === 'prospecting')).toBe(false);
  });
});
