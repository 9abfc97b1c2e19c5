import { copyTrials, createChunk, layoutOf, simulateChunk } from '@sweetspot/engine';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRECISION,
  HeadlinePrecision,
  PRECISION_BATCH,
  PRECISION_MIN_BATCHES,
} from './headline-precision.ts';
import { wilson } from './stat.ts';
import { summarize } from './summarize.ts';

/** The default scenario, small: 3 reps, 2 quarters, 13 warm-up weeks, A and B listed as B, A. */
function scenario(): Scenario {
  const s = defaultScenario();
  s.team.reps = 3;
  s.horizon = { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 13 };
  s.trials = 500;
  // The headline compares `compare`, whatever the strategies' order.
  s.compare = [s.compare[1], s.compare[0]];
  return s;
}

const s = scenario();
const whole = simulateChunk(s, 0, 500);

function slice(from: number, count: number) {
  const layout = layoutOf(whole);
  const part = createChunk(layout, from, count);
  copyTrials(layout, whole, from, part, 0, count);
  return part;
}

describe('HeadlinePrecision', () => {
  it('states what summarize states: the year means, the paired gap, P(hit quota) and P(A > B)', () => {
    const tracker = new HeadlinePrecision(s);
    tracker.add(whole);
    const status = tracker.status();
    const summary = summarize(s, whole);
    const [a, b] = s.compare;
    const A = summary.strategies[a]?.horizon;
    const B = summary.strategies[b]?.horizon;
    const byLabel = new Map(status.figures.map((f) => [f.label, f]));
    const nameA = s.strategies.find((x) => x.id === a)?.name;
    const nameB = s.strategies.find((x) => x.id === b)?.name;
    const close = (label: string, expected: number) =>
      expect(byLabel.get(label)?.estimate).toBeCloseTo(expected, 6);
    close(`Bookings, ${nameA}`, A?.bookings.mean as number);
    close(`Bookings, ${nameB}`, B?.bookings.mean as number);
    close(`Margin, ${nameA}`, A?.margin.mean as number);
    close(`Hours wasted, ${nameB}`, B?.hoursWasted.mean as number);
    close(`Chance of hitting the team's quota, ${nameA}`, A?.pHitQuota as number);
    close('Bookings, A − B', summary.comparison.horizon.bookings.meanDiff);
    close('Margin, A − B', summary.comparison.horizon.margin.meanDiff);
    close('Chance that A books more than B', summary.comparison.horizon.bookings.pABeatsB);
    // The half-width of a mean is 1.96 standard errors (the summary's sample sd).
    const bookingsA = byLabel.get(`Bookings, ${nameA}`);
    expect(bookingsA?.halfWidth).toBeCloseTo(
      (1.96 * (A?.bookings.sd as number)) / Math.sqrt(500),
      4,
    );
    const gap = byLabel.get('Bookings, A − B');
    expect(gap?.halfWidth).toBeCloseTo(
      (1.96 * summary.comparison.horizon.bookings.sd) / Math.sqrt(500),
      4,
    );
    // A chance's half-width is half its Wilson interval's width.
    const [lo, hi] = wilson(Math.round((A?.pHitQuota as number) * 500), 500);
    expect(byLabel.get(`Chance of hitting the team's quota, ${nameA}`)?.halfWidth).toBeCloseTo(
      (hi - lo) / 2,
      12,
    );
  });

  it('adding the trials in batches gives what adding them at once gives (combined equals concatenated)', () => {
    const once = new HeadlinePrecision(s);
    once.add(whole);
    const batched = new HeadlinePrecision(s);
    for (let from = 0; from < 500; from += 125) batched.add(slice(from, 125));
    const x = once.status();
    const y = batched.status();
    expect(y.trials).toBe(500);
    for (let i = 0; i < x.figures.length; i++) {
      const f = x.figures[i];
      const g = y.figures[i];
      expect(g?.label).toBe(f?.label);
      expect(g?.estimate).toBeCloseTo(f?.estimate as number, 6);
      expect((g?.halfWidth as number) / (f?.halfWidth as number)).toBeCloseTo(1, 9);
    }
  });

  it('is never met before the minimum number of batches, and met or not by the targets', () => {
    const loose = new HeadlinePrecision(s, { relative: 0.5, probability: 0.5 });
    loose.add(slice(0, PRECISION_BATCH * PRECISION_MIN_BATCHES - 1));
    expect(loose.status().met).toBe(false);
    loose.add(slice(PRECISION_BATCH * PRECISION_MIN_BATCHES - 1, 1));
    expect(loose.status().met).toBe(true);
    const tight = new HeadlinePrecision(s, { relative: 0.001, probability: 0.001 });
    tight.add(whole);
    const status = tight.status();
    expect(status.met).toBe(false);
    // The worst figure is the one furthest from its target.
    const ratio = (f: { halfWidth: number; target: number }) => f.halfWidth / f.target;
    expect(ratio(status.worst as { halfWidth: number; target: number })).toBe(
      Math.max(...status.figures.map(ratio)),
    );
  });

  it('sets each target from the goal: a share of the figure (a gap: of the larger figure), floored; points for chances', () => {
    const tracker = new HeadlinePrecision(s, DEFAULT_PRECISION);
    tracker.add(whole);
    const figures = tracker.status().figures;
    const yearQuota = s.team.reps * s.team.quotaPerRepPerQuarter * s.horizon.quarters;
    const bookings = figures.filter((f) => f.label.startsWith('Bookings, ') && f.kind === 'money');
    const [fa, fb, gap] = bookings;
    for (const f of [fa, fb]) {
      expect(f?.target).toBeCloseTo(
        DEFAULT_PRECISION.relative * Math.max(Math.abs(f?.estimate as number), 0.1 * yearQuota),
        6,
      );
    }
    expect(gap?.target).toBeCloseTo(
      DEFAULT_PRECISION.relative *
        Math.max(
          Math.abs(fa?.estimate as number),
          Math.abs(fb?.estimate as number),
          0.1 * yearQuota,
        ),
      6,
    );
    for (const f of figures.filter((x) => x.kind === 'probability'))
      expect(f.target).toBe(DEFAULT_PRECISION.probability);
  });

  it('a single-strategy scenario tracks its own figures only', () => {
    const one = scenario();
    one.strategies = [one.strategies[0] as Scenario['strategies'][number]];
    one.compare = [one.strategies[0]?.id as string, one.strategies[0]?.id as string];
    const chunk = simulateChunk(one, 0, 300);
    const tracker = new HeadlinePrecision(one);
    tracker.add(chunk);
    expect(tracker.status().figures.map((f) => f.label.split(',')[0])).toEqual([
      'Bookings',
      'Margin',
      'Hours wasted',
      "Chance of hitting the team's quota",
    ]);
  });
});
