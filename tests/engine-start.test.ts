/**
 * docs/model.md §16, starting from today's pipeline: every rule checked against the text of the
 * model with oracles written here or in @sweetspot/testing (the normal tail; no engine function
 * computes an expected value). Probabilities are checked with z-scores, |z| < 4; exact rules
 * exactly. Seeds are fixed.
 */
import { Layout, Simulator, simulateChunk, traceTrial } from '@sweetspot/engine';
import { pipelineOf, startedFrom, upperTail } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import {
  binomialZ,
  fixed,
  fixedSegment,
  ruleWorld,
  strategy,
  tracedDeals,
} from './helpers/rule-worlds.ts';

const Z_MAX = 4;
const Z90 = 1.2815515655446004;

describe('§16 the open pipeline', () => {
  it('§16 an open deal’s natural cycle is drawn given its age: P(C ≥ c | open at a)', () => {
    // Cycle median 6, p90 12 weeks; every open deal is 5 weeks old. The oracle is the formula of
    // §16 with ρ = 0: P(C ≥ c | C ≥ a + 1) = Q(z(c − ½)) / Q(z(a + ½)), z(x) = (ln x − μ)/σ.
    const seg = fixedSegment({
      id: 's',
      opportunitiesPerRepPerWeek: 0,
      salesCycleWeeks: { median: 6, p90: 12 },
    });
    const a = 5;
    const world = startedFrom(ruleWorld([seg], [strategy('a'), strategy('b')], { quarters: 1 }), {
      weekOfQuarter: 1,
      pipeline: pipelineOf(500, 10, { segment: 's', ageWeeks: a }),
    });
    const sim = new Simulator(world);
    const cycles: number[] = [];
    for (let t = 0; t < 40; t++) {
      const w = sim.drawWorld(t);
      for (let i = 0; i < w.pipelineCount; i++) cycles.push(w.cycle[i] as number);
    }
    const n = cycles.length;
    expect(Math.min(...cycles)).toBe(a + 1);
    const mu = Math.log(6);
    const sigma = Math.log(2) / Z90;
    const z = (x: number) => (Math.log(x) - mu) / sigma;
    for (const c of [7, 8, 10, 13, 20, 30]) {
      const p = upperTail(z(c - 0.5)) / upperTail(z(a + 0.5));
      const k = cycles.filter((x) => x >= c).length;
      expect(Math.abs(binomialZ(k, n, p)), `P(C ≥ ${c})`).toBeLessThan(Z_MAX);
    }
  });

  it('§16 its chance of a win is the segment’s odds times its age factor: q = pf/(pf + 1 − p)', () => {
    // p = 0.4, fixed cycle 4 and effort 4 h, age 0, 9 open deals per rep (9 h a week of 40): every
    // deal is decided on time, in week 3, so wins among the 3,000 deals with factor f are
    // Binomial(3000, q(f)).
    const seg = fixedSegment({ id: 's', opportunitiesPerRepPerWeek: 0, winRate: 0.4 });
    const factors = [1, 3, 1 / 3];
    const deals = factors.flatMap((f) =>
      pipelineOf(30, 10, { segment: 's', ageWeeks: 0, winOdds: f }),
    );
    // Sorted by rep as the engine orders them; remember each one's factor.
    const ordered = deals.map((d, i) => ({ d, i })).sort((x, y) => x.d.rep - y.d.rep || x.i - y.i);
    const world = startedFrom(ruleWorld([seg], [strategy('a'), strategy('b')], { quarters: 1 }), {
      weekOfQuarter: 1,
      pipeline: deals,
    });
    const wins = new Map(factors.map((f) => [f, 0]));
    const seen = new Map(factors.map((f) => [f, 0]));
    for (let t = 0; t < 100; t++) {
      for (const d of tracedDeals(traceTrial(world, t), 0)) {
        const f = ordered[d.deal]?.d.winOdds as number;
        expect(d.end, `deal ${d.deal}`).not.toBe('open');
        expect(d.endWeek).toBe(3);
        seen.set(f, (seen.get(f) as number) + 1);
        if (d.end === 'won') wins.set(f, (wins.get(f) as number) + 1);
      }
    }
    for (const f of factors) {
      const q = (0.4 * f) / (0.4 * f + 0.6);
      const z = binomialZ(wins.get(f) as number, seen.get(f) as number, q);
      expect(Math.abs(z), `factor ${f}`).toBeLessThan(Z_MAX);
    }
  });

  it('§16 an open deal has been worked at full speed: given its demand it ends at C − a − 1', () => {
    // Fixed cycle 10, effort 20 h (2 h a week), 40 selling hours: deals aged 0…9 end in week
    // 9 − a, on time; one aged 12 has outlived its fixed cycle and ends in week 0.
    const seg = fixedSegment({
      id: 's',
      opportunitiesPerRepPerWeek: 0,
      salesCycleWeeks: fixed(10),
      effortHours: fixed(20),
    });
    const deals = [0, 3, 9, 12].map((a) => ({ segment: 's', rep: 1, ageWeeks: a }));
    const world = startedFrom(ruleWorld([seg], [strategy('a'), strategy('b')], { quarters: 1 }), {
      weekOfQuarter: 1,
      pipeline: deals,
    });
    const traced = tracedDeals(traceTrial(world, 0), 0);
    expect(traced.map((d) => d.endWeek)).toEqual([9, 6, 0, 0]);
  });

  it('§16 a strategy that does not pursue a segment drops its open deals; both see the same ones', () => {
    const icp = fixedSegment({ id: 'icp', opportunitiesPerRepPerWeek: 0.2 });
    const out = fixedSegment({ id: 'out', sweetSpot: false, opportunitiesPerRepPerWeek: 0.2 });
    const world = startedFrom(
      ruleWorld(
        [icp, out],
        [strategy('focus', { pursue: 'sweet-spot' }), strategy('chase', { pursue: 'all' })],
        { quarters: 2 },
      ),
      {
        weekOfQuarter: 7,
        pipeline: [
          ...pipelineOf(40, 10, { segment: 'icp', ageWeeks: 2, amount: 5_000 }),
          ...pipelineOf(40, 10, { segment: 'out', ageWeeks: 2, amount: 5_000 }),
        ],
      },
    );
    const trace = traceTrial(world, 3);
    const focus = tracedDeals(trace, 0).filter((d) => d.arrived === 0);
    const chase = tracedDeals(trace, 1).filter((d) => d.arrived === 0);
    const open = (ds: typeof focus, seg: number) => ds.filter((d) => d.segment === seg);
    // The same 80 open deals (plus week-0 arrivals) reach both strategies.
    expect(focus.map((d) => d.deal)).toEqual(chase.map((d) => d.deal));
    expect(open(focus, 1).every((d) => d.qualification === 'out' && d.end === 'open')).toBe(true);
    expect(open(chase, 1).every((d) => d.qualification === 'in')).toBe(true);
    // A known amount is what a win books (discount 0 here).
    expect(
      chase.filter((d) => d.end === 'won' && d.deal < 80).every((d) => d.booked === 5_000),
    ).toBe(true);
  });
});

describe('§16 the current quarter', () => {
  // No arrivals and no pipeline: quarter 1 holds exactly the bookings so far.
  const seg = fixedSegment({ id: 's', opportunitiesPerRepPerWeek: 0 });
  const world = startedFrom(ruleWorld([seg], [strategy('a'), strategy('b')], { quarters: 2 }), {
    weekOfQuarter: 9,
    pipeline: [],
    booked: [
      { rep: 1, amount: 120_000 },
      { rep: 2, amount: 50_000, margin: 30_000 },
    ],
  });

  it('§16 bookings so far count toward quarter 1’s bookings, margin and attainment', () => {
    const chunk = simulateChunk(world, 0, 1);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    const col = (q: number, m: 'bookings' | 'margin' | 'repsAtQuota') =>
      chunk.columns[layout.columnOffset(0, layout.quarterColumn(q, m), 1)];
    expect(col(0, 'bookings')).toBe(170_000);
    expect(col(0, 'margin')).toBe(150_000);
    expect(col(0, 'repsAtQuota')).toBe(1); // quota 100,000: rep 1 only
    expect(col(1, 'bookings')).toBe(0);
  });

  it('§16 quarter 1 is played from its start week: K − k + 1 weeks of capacity', () => {
    const chunk = simulateChunk(world, 0, 1);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    const capacity = (q: number) =>
      layout.aggregateValue(chunk.aggregates, layout.teamAggregate(0, q, 'hoursCapacity'));
    // 10 reps × 40 hours × (13 − 9 + 1) weeks, then a whole quarter.
    expect(capacity(0)).toBe(10 * 40 * 5);
    expect(capacity(1)).toBe(10 * 40 * 13);
  });

  it('§16 a quarter-end push sees the bookings so far', () => {
    // Push from week 9 when booked + expected < 90% of quota: rep 1 (120k) never pushes, the
    // others (50k or nothing, no deals) push in every week of quarter 1 that is played: 5 weeks.
    const push = startedFrom(
      ruleWorld(
        [seg],
        [
          strategy('a', {
            quarterEndPush: {
              fromWeek: 9,
              belowAttainment: 0.9,
              pursue: 'all',
              pullInWeeks: 0,
              extraDiscount: 0,
              pullInWinFactor: 1,
              overtime: 1,
            },
          }),
          strategy('b'),
        ],
        { quarters: 1 },
      ),
      { weekOfQuarter: 9, pipeline: [], booked: [{ rep: 1, amount: 120_000 }] },
    );
    const chunk = simulateChunk(push, 0, 1);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments);
    expect(
      layout.aggregateValue(chunk.aggregates, layout.teamAggregate(0, 0, 'pushRepWeeks')),
    ).toBe(9 * 5);
  });
});
