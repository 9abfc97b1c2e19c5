import type { RunSummary } from '@sweetspot/analysis';
import { describe, expect, it } from 'vitest';
import {
  MECHANISMS,
  partsSum,
  shownWaterfall,
  waterfallOf,
  waterfallRows,
  whyMetrics,
} from './waterfall.ts';

const w = {
  parts: [
    { id: 'sweetSpotNeglect' as const, label: 'Neglect', value: 300 },
    { id: 'outOfProfileWins' as const, label: 'Out', value: -120 },
    { id: 'discountGiven' as const, label: 'Discounts', value: 20 },
  ],
  total: 200,
};

describe('waterfall', () => {
  it('floats each part from the running sum and ends with the total from 0', () => {
    const rows = waterfallRows(w);
    expect(rows.map((r) => [r.start, r.end, r.kind])).toEqual([
      [0, 300, 'up'],
      [300, 180, 'down'],
      [180, 200, 'up'],
      [0, 200, 'total'],
    ]);
    expect(partsSum(w)).toBe(w.total);
  });

  it('finds the period’s waterfall, or none in an older summary', () => {
    const summary = {
      comparison: {
        quarters: [{ waterfall: { bookings: w, margin: w } }],
        horizon: { waterfall: { bookings: w, margin: w } },
      },
    } as unknown as RunSummary;
    expect(waterfallOf(summary, 0, 'bookings')).toBe(w);
    expect(waterfallOf(summary, 'year', 'margin')).toBe(w);
    expect(waterfallOf(summary, 3, 'bookings')).toBeUndefined();
    const old = { comparison: { quarters: [{}], horizon: {} } } as unknown as RunSummary;
    expect(waterfallOf(old, 0, 'bookings')).toBeUndefined();
    expect(waterfallOf(old, 'year', 'bookings')).toBeUndefined();
  });

  it('explains every mechanism in plain words', () => {
    for (const m of Object.values(MECHANISMS)) expect(m.explain.length).toBeGreaterThan(40);
  });
});

describe('waterfall with the new mechanisms', () => {
  it('offers contribution only when hours are priced', () => {
    expect(whyMetrics(false)).toEqual(['bookings', 'margin']);
    expect(whyMetrics(true)).toEqual(['bookings', 'margin', 'contribution']);
  });

  it('hides a zero prospected-deals bar unless A or B prospects', () => {
    const withProspected = {
      parts: [{ id: 'prospectedWins' as const, label: 'Prospected', value: 0 }, ...w.parts],
      total: w.total,
    };
    expect(shownWaterfall(withProspected, false).parts.map((p) => p.id)).toEqual(
      w.parts.map((p) => p.id),
    );
    expect(shownWaterfall(withProspected, true)).toBe(withProspected);
    // Never hides a bar that moves the gap.
    const moving = {
      parts: [{ id: 'prospectedWins' as const, label: 'Prospected', value: 5 }, ...w.parts],
      total: w.total + 5,
    };
    expect(shownWaterfall(moving, false)).toBe(moving);
    expect(partsSum(shownWaterfall(withProspected, false))).toBe(w.total);
  });

  it('explains every part, the new ones included', () => {
    for (const id of ['prospectedWins', 'costOfSale'] as const) {
      expect(MECHANISMS[id].title.length).toBeGreaterThan(0);
      expect(MECHANISMS[id].explain.length).toBeGreaterThan(20);
    }
  });
});
