/**
 * The presets that show the new mechanisms do show them (docs/model.md §12–§14): in "Specialists
 * are the bottleneck" the pool runs out under chase and in-profile deals lose specialist time; in
 * "Behind plan" reps push under both strategies and only A prospects; and "When chasing pays"
 * still pays. Seeded runs of a few hundred trials; the tolerances below are stated in standard
 * errors of the figures compared.
 */
import { type RunSummary, summarize } from '@sweetspot/analysis';
import { simulateChunk } from '@sweetspot/engine';
import {
  behindPlanDoubleDown,
  type Scenario,
  spareCapacity,
  specialistBottleneck,
} from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';

const TRIALS = 400;

function run(scenario: Scenario): RunSummary {
  const s = { ...scenario, trials: TRIALS };
  return summarize(s, simulateChunk(s, 0, TRIALS));
}

function strategy(summary: RunSummary, id: string) {
  const st = summary.strategies[id];
  if (!st) throw new Error(`no strategy ${id}`);
  return st;
}

/** A segment's figures in each quarter, by whether it is the sweet spot. */
function segment(summary: RunSummary, id: string, sweetSpot: boolean) {
  return strategy(summary, id).quarters.map((q) => {
    const seg = q.segments.find((s) => s.sweetSpot === sweetSpot);
    if (!seg) throw new Error('no such segment');
    return seg;
  });
}

describe('Specialists are the bottleneck (docs/model.md §12, §13)', () => {
  const summary = run(specialistBottleneck);
  // The same scenario without the pool: what the reps would do if specialists were unlimited.
  const { specialists: _, ...teamWithoutPool } = specialistBottleneck.team;
  const unlimited = run({ ...specialistBottleneck, team: teamWithoutPool });

  it('under chase the pool is used to the hour in some quarter; under focus it has room', () => {
    const used = (id: string) =>
      strategy(summary, id).quarters.map((q) => {
        const pool = q.pools.find((p) => p.id === 'se');
        if (!pool) throw new Error('no pool');
        expect(pool.capacity).toBe(13 * 60);
        return pool.used / pool.capacity;
      });
    // The pool's use is a mean over trials of at most its capacity: 0.99 means it ran dry in
    // almost every week of almost every trial.
    expect(Math.max(...used('chase'))).toBeGreaterThan(0.99);
    // At most the capacity, up to the aggregates' fixed-point rounding (a sixteenth of an hour per
    // segment and trial, three cells, times the segments' needs 1 + 0.25: docs/model.md §12).
    for (const u of used('chase')) expect(u).toBeLessThanOrEqual(1 + (1.25 * 3) / 32 / 780);
    // Focus asks for about 33 hours a week of the 60.
    expect(Math.max(...used('focus'))).toBeLessThan(0.7);
  });

  it('chasing starves in-profile deals of specialist time: fewer sweet-spot wins than without the pool', () => {
    // Sweet-spot wins per quarter: about 56 under focus (per-trial sd about 7, so a mean over 400
    // trials has a standard error of about 0.35). Without the pool chase loses about 1 a quarter
    // to focus; with it, about 7. The margins of 3 wins below are more than 8 standard errors.
    const wins = (s: RunSummary, id: string) => segment(s, id, true).map((q) => q.wins);
    const focusWins = wins(summary, 'focus');
    const chaseWins = wins(summary, 'chase');
    const chaseUnlimited = wins(unlimited, 'chase');
    focusWins.forEach((f, q) => {
      expect(f).toBeCloseTo(wins(unlimited, 'focus')[q] as number, 9); // focus is never short
      expect(f - (chaseWins[q] as number)).toBeGreaterThan(3);
      expect((chaseUnlimited[q] as number) - (chaseWins[q] as number)).toBeGreaterThan(3);
    });
    // …and the sweet spot's stalls rise, the signature of deals starved of hours.
    const stalls = (id: string) => segment(summary, id, true).map((q) => q.stalls);
    stalls('chase').forEach((s, q) => {
      expect(s).toBeGreaterThan((stalls('focus')[q] as number) + 10);
    });
  });

  it('chase wastes more specialist hours and costs more to sell; contribution = margin − cost of sale', () => {
    const h = summary.comparison.horizon;
    expect(h.specialistHoursWasted.ci95[1]).toBeLessThan(0);
    expect(h.costOfSale.ci95[1]).toBeLessThan(0);
    for (const id of ['focus', 'chase']) {
      const st = strategy(summary, id);
      expect(st.horizon.costOfSale.mean).toBeGreaterThan(0);
      for (const q of st.quarters) {
        expect(q.costOfSale.mean).toBeGreaterThan(0);
        expect(q.contribution.mean).toBeCloseTo(q.margin.mean - q.costOfSale.mean, 3);
      }
    }
  });

  it('the pool cuts into what chasing gains (compared with unlimited specialists)', () => {
    const gap = summary.comparison.horizon.bookings;
    const gapUnlimited = unlimited.comparison.horizon.bookings;
    // B − A shrinks by far more than both intervals' half-widths.
    const half = (d: typeof gap) => (d.ci95[1] - d.ci95[0]) / 2;
    expect(gap.meanDiff - gapUnlimited.meanDiff).toBeGreaterThan(
      4 * (half(gap) + half(gapUnlimited)),
    );
  });
});

describe('Behind plan: double down or cast a wider net (docs/model.md §7, §14)', () => {
  const summary = run(behindPlanDoubleDown);
  const [a, b] = behindPlanDoubleDown.compare;

  it('reps push under both strategies in every quarter, with no pull-ins and no overtime', () => {
    for (const id of [a, b]) {
      const st = strategy(summary, id);
      for (const q of st.quarters) {
        expect(q.pushRepWeeks).toBeGreaterThan(1);
        expect(q.pulledIn).toBe(0);
        // No overtime: capacity is reps × weeks × 15 hours.
        expect(q.hoursCapacity).toBeCloseTo(8 * 13 * 15, 6);
      }
    }
  });

  it('only A prospects, and only the sweet spot; only B pursues out-of-profile deals', () => {
    const sa = strategy(summary, a);
    const sb = strategy(summary, b);
    for (const q of sa.quarters) {
      expect(q.hoursProspecting).toBeGreaterThan(0);
      expect(q.prospected).toBeGreaterThan(0);
    }
    expect(segment(summary, a, true).every((s) => s.prospected > 0)).toBe(true);
    expect(segment(summary, a, false).every((s) => s.prospected === 0 && s.pursued === 0)).toBe(
      true,
    );
    for (const q of sb.quarters) {
      expect(q.hoursProspecting).toBe(0);
      expect(q.prospected).toBe(0);
    }
    expect(segment(summary, b, false).every((s) => s.pursued > 0)).toBe(true);
    // Prospecting hours are priced like any worked hour (docs/model.md §13).
    expect(sa.horizon.costOfSale.mean).toBeGreaterThan(0);
  });

  it('with 25 selling hours a week, reps behind plan have hours to prospect with, and A wins', () => {
    // The trainer lesson "Behind plan" says so. At 1,000 trials A − B is about +$29k in bookings
    // (95% interval ±$8k) and +$58k in contribution (±$7k): at 400 trials both intervals stay
    // clear of 0 by several standard errors.
    const roomy = run({
      ...behindPlanDoubleDown,
      team: { ...behindPlanDoubleDown.team, sellingHoursPerWeek: 25 },
    });
    expect(roomy.comparison.horizon.bookings.ci95[0]).toBeGreaterThan(0);
    expect(roomy.comparison.horizon.contribution.ci95[0]).toBeGreaterThan(0);
    const prospected = (s: RunSummary) =>
      strategy(s, a).quarters.reduce((n, q) => n + q.prospected, 0);
    // About 16 prospected opportunities a year against about 3.4 with 15 hours (Poisson-like
    // counts: standard errors of about 0.2 and 0.1 at 400 trials).
    expect(prospected(roomy)).toBeGreaterThan(3 * prospected(summary));
  });

  it('splits the gap between the push and prospecting (two rule groups, docs/model.md §11)', () => {
    const parts = summary.comparison.horizon.attribution.bookings.parts.map((p) => p.group);
    expect([...parts].sort()).toEqual(['prospecting', 'quarterEndPush']);
  });
});

describe('When chasing pays (docs/model.md §9)', () => {
  it('still pays: chase books more than focus, beyond the 95% interval', () => {
    const summary = run(spareCapacity);
    expect(summary.comparison.horizon.bookings.ci95[1]).toBeLessThan(0);
    expect(summary.comparison.horizon.margin.ci95[1]).toBeLessThan(0);
  });
});
