import { describe, expect, it } from 'vitest';
import { pairedDiff } from './diff.ts';
import { wilson } from './stat.ts';
import { REP_ATTAINMENT_EDGES, summarize } from './summarize.ts';
import { ChunkBuilder, testScenario } from './test-fixture.ts';

// Team quota: 2 reps × 100 = 200 a quarter, 400 over the 2-quarter horizon. 4 trials.
function fixture() {
  const scenario = testScenario(['focus', 'chase'], 2);
  const b = new ChunkBuilder(2, 2, 2, 4)
    .quarter(0, 0, 'bookings', [100, 200, 300, 400])
    .quarter(0, 0, 'margin', [90, 180, 270, 360])
    .quarter(0, 0, 'repsAtQuota', [0, 1, 1, 2])
    .quarter(0, 0, 'hoursWasted', [10, 20, 30, 40])
    .quarter(0, 1, 'bookings', [250, 150, 200, 0])
    .quarter(0, 1, 'margin', [200, 100, 150, -50])
    .quarter(0, 1, 'repsAtQuota', [1, 0, 1, 0])
    .quarter(0, 1, 'hoursWasted', [5, 5, 5, 5])
    .retained(0, [1000, 1100, 1200, 1300])
    .quarter(1, 0, 'bookings', [100, 100, 100, 100])
    .quarter(1, 0, 'margin', [60, 60, 60, 60])
    .quarter(1, 0, 'hoursWasted', [50, 50, 50, 50])
    .quarter(1, 1, 'bookings', [100, 100, 300, 100])
    .quarter(1, 1, 'margin', [60, 60, 180, 60])
    .quarter(1, 1, 'hoursWasted', [50, 50, 50, 50])
    .retained(1, [900, 900, 900, 900])
    .segment(0, 0, 0, {
      arrivals: 40,
      wins: 8,
      losses: 4,
      stalls: 4,
      listValueWon: 1000,
      bookings: 900,
      cycleWeeksWon: 80,
      pulledIn: 4,
      hoursWon: 64,
      hoursLost: 10.5,
    })
    .segment(0, 0, 1, { arrivals: 12, pulledIn: 4 })
    .team(0, 0, { hoursIdle: 40, hoursCapacity: 1560, pushRepWeeks: 8, openDealsAtEnd: 20 })
    .attainmentBin(0, 0, 20, 5)
    .attainmentBin(0, 0, 60, 3);
  return { scenario, chunk: b.chunk };
}

describe('summarize', () => {
  const { scenario, chunk } = fixture();
  const run = summarize(scenario, chunk);
  const focus = run.strategies.focus;
  const chase = run.strategies.chase;

  it('labels the run', () => {
    expect(run).toMatchObject({ scenario: 'Test scenario', seed: 7, trials: 4, currency: 'USD' });
    expect(run.strategyOrder).toEqual(['focus', 'chase']);
    expect(focus?.name).toBe('Strategy focus');
    expect(focus?.quarters).toHaveLength(2);
  });

  it('computes attainment = bookings / team quota and P(hit quota) with ≥', () => {
    const q0 = focus?.quarters[0];
    expect(q0?.bookings.mean).toBe(250);
    expect(q0?.attainment.mean).toBeCloseTo(1.25, 12);
    expect(q0?.attainment.min).toBeCloseTo(0.5, 12);
    expect(q0?.attainment.max).toBeCloseTo(2, 12);
    expect(q0?.attainment.p50).toBeCloseTo(1.25, 12);
    expect(q0?.pHitQuota).toBe(0.75); // 200 counts as hitting 200
    expect(q0?.pHitQuotaCi95).toEqual(wilson(3, 4));
    expect(focus?.quarters[1]?.pHitQuota).toBe(0.5);
    expect(chase?.quarters[0]?.pHitQuota).toBe(0);
  });

  it('reports reps at quota and their share of the team', () => {
    const q0 = focus?.quarters[0];
    expect(q0?.repsAtQuota.mean).toBe(1);
    expect(q0?.shareOfRepsAtQuota.mean).toBeCloseTo(0.5, 12);
    expect(q0?.shareOfRepsAtQuota.max).toBeCloseTo(1, 12);
    expect(q0?.hoursWasted.mean).toBe(25);
  });

  it('sums quarters per trial over the horizon', () => {
    const h = focus?.horizon;
    // bookings per trial: 350, 350, 500, 400; margin: 290, 280, 420, 310
    expect(h?.bookings.mean).toBe(400);
    expect(h?.bookings.min).toBe(350);
    expect(h?.bookings.max).toBe(500);
    expect(h?.margin.mean).toBe(325);
    expect(h?.retainedRecurringRevenue.mean).toBe(1150);
    expect(h?.pHitQuota).toBe(0.5); // 500 and 400 reach 2 × 200
    expect(h?.pHitQuotaCi95).toEqual(wilson(2, 4));
    expect(h?.pHitQuotaEveryQuarter).toBe(0.25); // only trial 2: 300 then 200
    const cv = (x: number, y: number) => Math.abs(x - y) / Math.SQRT2 / ((x + y) / 2);
    const expected = (cv(100, 250) + cv(200, 150) + cv(300, 200) + cv(400, 0)) / 4;
    expect(h?.quarterlyBookingsCv).toBeCloseTo(expected, 12);
    expect(chase?.horizon.bookings.mean).toBe(250);
    // Reps at quota per trial: (0 + 1, 1 + 0, 1 + 1, 2 + 0) of 2 reps × 2 quarters.
    expect(h?.shareOfRepsAtQuota.mean).toBeCloseTo(0.375, 12);
    expect(h?.shareOfRepsAtQuota.min).toBeCloseTo(0.25, 12);
    expect(h?.shareOfRepsAtQuota.max).toBeCloseTo(0.5, 12);
    // The average over quarters per trial has the mean of the quarters' means.
    const quarterShares = (focus?.quarters ?? []).map((q) => q.shareOfRepsAtQuota.mean);
    expect(h?.shareOfRepsAtQuota.mean).toBeCloseTo(
      (quarterShares[0] ?? 0) / 2 + (quarterShares[1] ?? 0) / 2,
      12,
    );
  });

  it('puts the horizon bookings histograms of every strategy on the same edges', () => {
    const a = focus?.horizon.bookingsHistogram;
    const b = chase?.horizon.bookingsHistogram;
    expect(a?.edges).toEqual(b?.edges);
    // focus: 350, 350, 500, 400; chase: 200, 200, 400, 200 — all inside the shared edges.
    expect(a?.edges[0]).toBeLessThanOrEqual(200);
    expect(a?.edges.at(-1)).toBeGreaterThanOrEqual(500);
    expect(a?.counts.reduce((x, y) => x + y, 0)).toBe(4);
    expect(b?.counts.reduce((x, y) => x + y, 0)).toBe(4);
  });

  it('summarizes segments as means per trial with ratios of sums', () => {
    const [icp, out] = focus?.quarters[0]?.segments ?? [];
    expect(icp).toMatchObject({ id: 'icp', sweetSpot: true, arrivals: 10, wins: 2, losses: 1 });
    expect(icp?.winRate).toBe(0.5); // 8 / (8 + 4 + 4)
    expect(icp?.cycleWeeksWon).toBe(10);
    expect(icp?.effectiveDiscount).toBeCloseTo(0.1, 12);
    expect(icp?.bookings).toBe(225);
    expect(icp?.listValueWon).toBe(250);
    expect(icp?.hours.won).toBe(16);
    expect(icp?.hours.lost).toBe(2.625); // fixed-point hours (sixteenths) read back exactly
    expect(out).toMatchObject({ id: 'out', sweetSpot: false, arrivals: 3, wins: 0 });
    expect(out?.winRate).toBeNaN();
    expect(out?.cycleWeeksWon).toBeNaN();
    expect(out?.effectiveDiscount).toBeNaN();
  });

  it('reports team hours, pushes, discount given and pull-ins per trial', () => {
    const q0 = focus?.quarters[0];
    expect(q0).toMatchObject({
      hoursIdle: 10,
      hoursCapacity: 390,
      pushRepWeeks: 2,
      openDealsAtEnd: 5,
    });
    expect(q0?.discountGiven).toBe(25); // (1000 − 900) / 4
    expect(q0?.pulledIn).toBe(2); // (4 + 4) / 4
  });

  it('builds the rep attainment histogram from the aggregate bins', () => {
    const h = focus?.quarters[0]?.repAttainment;
    expect(h?.edges).toEqual(REP_ATTAINMENT_EDGES);
    expect(h?.edges).toHaveLength(62);
    expect(h?.edges[1]).toBe(0.05);
    expect(h?.edges[3]).toBe(0.15);
    expect(h?.edges[20]).toBe(1);
    expect(h?.edges[60]).toBe(3);
    expect(h?.edges[61]).toBe(3.05);
    expect(h?.counts[20]).toBe(5);
    expect(h?.counts[60]).toBe(3);
    expect(h?.counts.reduce((a, c) => a + c, 0)).toBe(8);
  });

  it('puts the bookings histograms of a quarter on the same edges', () => {
    for (let q = 0; q < 2; q++) {
      const a = focus?.quarters[q]?.bookingsHistogram;
      const b = chase?.quarters[q]?.bookingsHistogram;
      expect(a?.edges).toEqual(b?.edges);
      expect(a?.counts.reduce((x, y) => x + y, 0)).toBe(4);
      expect(b?.counts.reduce((x, y) => x + y, 0)).toBe(4);
    }
  });

  it('compares A and B per trial', () => {
    const c = run.comparison;
    expect(c.a).toBe('focus');
    expect(c.b).toBe('chase');
    const q0 = c.quarters[0];
    expect(q0?.bookings).toEqual(pairedDiff([100, 200, 300, 400], [100, 100, 100, 100]));
    expect(q0?.bookings).toMatchObject({ meanDiff: 150, pABeatsB: 0.75, pTie: 0.25, pBBeatsA: 0 });
    expect(q0?.attainment.meanDiff).toBeCloseTo(0.75, 12);
    expect(q0?.attainment.pABeatsB).toBe(0.75);
    expect(q0?.hoursWasted.meanDiff).toBe(-25);
    expect(q0?.margin.meanDiff).toBe(165);
    expect(q0?.bookingsDiffHistogram.counts.reduce((a, x) => a + x, 0)).toBe(4);
    expect(c.quarters[1]?.bookings).toMatchObject({ meanDiff: 0, pABeatsB: 0.5, pBBeatsA: 0.5 });
    // horizon A − B bookings: 150, 150, 100, 200; retained: 100, 200, 300, 400
    expect(c.horizon.bookings).toMatchObject({ meanDiff: 150, pABeatsB: 1, p50: 150 });
    expect(c.horizon.retainedRecurringRevenue.meanDiff).toBe(250);
    expect(c.horizon.margin.meanDiff).toBe(325 - 150);
    const hh = c.horizon.bookingsDiffHistogram;
    expect(hh.counts.reduce((a, x) => a + x, 0)).toBe(4);
    expect(hh.edges[0]).toBeLessThanOrEqual(100);
    expect(hh.edges.at(-1)).toBeGreaterThanOrEqual(200);
  });

  it('serializes to JSON', () => {
    const back = JSON.parse(JSON.stringify(run));
    expect(back.strategies.focus.quarters[0].pHitQuota).toBe(0.75);
  });

  it('rejects a chunk of another shape and an unknown compared strategy', () => {
    expect(() => summarize(testScenario(['focus', 'chase'], 3), chunk)).toThrow(RangeError);
    const bad = { ...scenario, compare: ['focus', 'nope'] as [string, string] };
    expect(() => summarize(bad, chunk)).toThrow(/nope/);
  });

  it('handles a run of one trial and one quarter', () => {
    const one = new ChunkBuilder(2, 1, 2, 1)
      .quarter(0, 0, 'bookings', [300])
      .quarter(1, 0, 'bookings', [100]).chunk;
    const r = summarize(testScenario(['focus', 'chase'], 1), one);
    expect(r.strategies.focus?.quarters[0]?.bookings).toMatchObject({ mean: 300, sd: 0, n: 1 });
    expect(r.strategies.focus?.horizon.quarterlyBookingsCv).toBe(0);
    expect(r.strategies.focus?.horizon.pHitQuotaEveryQuarter).toBe(1);
    expect(r.comparison.horizon.bookings.meanDiff).toBe(200);
  });

  it('handles an empty chunk without throwing', () => {
    const empty = new ChunkBuilder(2, 2, 2, 0).chunk;
    const r = summarize(scenario, empty);
    expect(r.trials).toBe(0);
    expect(r.strategies.focus?.quarters[0]?.bookings.n).toBe(0);
    expect(r.strategies.focus?.quarters[0]?.pHitQuotaCi95).toEqual([0, 1]);
    expect(r.strategies.focus?.quarters[0]?.bookingsHistogram).toEqual({
      edges: [0, 1],
      counts: [0],
    });
    expect(r.comparison.horizon.bookings.pABeatsB).toBeNaN();
  });
});
