import { describe, expect, it } from 'vitest';
import {
  emptyCounts,
  type QuarterReplay,
  type ReplayEvent,
  type StrategyReplay,
  type WeekCounts,
} from './replay.ts';
import {
  bookedAt,
  CLIMB,
  cellTitle,
  climbLayout,
  eventText,
  FEED_LENGTH,
  feedOf,
  LABEL_DROP,
  LABEL_GAP,
  maxHoursOf,
  shownUses,
  soFarLine,
  soFarOf,
  TICK_BASELINE,
  weekLine,
} from './replayFrame.ts';

const counts = (over: Partial<WeekCounts> = {}): WeekCounts => ({
  ...emptyCounts(),
  arrived: 3,
  qualifiedIn: 2,
  qualifiedOut: 1,
  ...over,
});

const event = (weekOfQuarter: number, over: Partial<ReplayEvent> = {}): ReplayEvent => ({
  week: 10 + weekOfQuarter,
  rep: 0,
  deal: weekOfQuarter,
  segment: 0,
  kind: 'won',
  listValue: 50_000,
  bookedValue: 40_000,
  weekOfQuarter,
  pulledIn: false,
  ...over,
});

/** One side over a quarter of `weekly.length` weeks, one rep working `hours` [worked, …] a week. */
function side(id: string, weekly: number[], hours = [10, 2, 1, 2, 0]): StrategyReplay {
  const cumulative = weekly.map((_, k) => weekly.slice(0, k + 1).reduce((x, y) => x + y, 0));
  const total = hours.reduce((x, y) => x + y, 0);
  return {
    id,
    name: id.toUpperCase(),
    weekly,
    cumulative,
    final: cumulative.at(-1) ?? 0,
    cells: [weekly.map(() => ({ hours, total, push: false }))],
    counts: weekly.map(() => counts()),
    notable: weekly.map((_, k) => event(k)),
    pushRepWeeks: 0,
    prospectingHours: weekly.length * (hours[4] ?? 0),
  };
}

function quarter(a: StrategyReplay, b: StrategyReplay): QuarterReplay {
  return {
    quarter: 0,
    startWeek: 10,
    weeks: a.weekly.length,
    reps: 1,
    segments: [{ id: 's', name: 'Sweet', sweetSpot: true }],
    strategies: [a, b],
  };
}

describe('a frame of the replay', () => {
  const a = side('a', [0, 100, 50, 0]);
  const b = side('b', [20, 0, 0, 10], [12, 2, 1, 0, 3]);
  const q = quarter(a, b);

  it('books what the weeks shown so far booked', () => {
    expect([0, 1, 2, 3, 4].map((k) => bookedAt(a, k))).toEqual([0, 0, 100, 150, 150]);
    expect(bookedAt(undefined, 3)).toBe(0);
  });

  it('scales the hours strip to the busiest rep-week of either side', () => {
    expect(maxHoursOf(q)).toBe(18);
    expect(maxHoursOf(undefined)).toBe(1);
  });

  it('lists prospecting only when some rep prospected, idle last', () => {
    expect(shownUses(q).map((u) => u.use)).toEqual([
      'worked',
      'qualification',
      'overhead',
      'prospecting',
      'idle',
    ]);
    const none = quarter(a, side('b', [1, 1, 1, 1]));
    expect(shownUses(none).map((u) => u.use)).toEqual([
      'worked',
      'qualification',
      'overhead',
      'idle',
    ]);
    // The index points at the use's hours in the trace.
    for (const { use, index } of shownUses(q))
      expect(['worked', 'qualification', 'overhead', 'idle', 'prospecting'][index]).toBe(use);
  });

  it('says what a rep did in a week', () => {
    const cell = { hours: [10, 2, 1, 2, 0], total: 15, push: true };
    expect(cellTitle(cell, 0, 2, shownUses(q))).toBe(
      'Rep 1, week 3: Working deals 10.0 h, Qualifying 2.0 h, Overhead 1.0 h, Prospecting 0.0 h, Idle 2.0 h — pushing',
    );
  });

  it('sums the week up, naming deals never looked at and prospecting only when there are any', () => {
    expect(weekLine(counts(), 0)).toBe('3 arrived · 2 chased · 1 qualified out');
    expect(weekLine(counts({ unqualified: 4, prospected: 1 }), 6)).toBe(
      '3 arrived · 2 chased · 1 qualified out · 4 never looked at (no hours) · 6 h prospecting, 1 new sourced',
    );
  });

  it('feeds the deals decided so far, newest first, the newest 40 at most', () => {
    expect(feedOf(a, 0)).toEqual({ line: undefined, events: [] });
    const after3 = feedOf(a, 3);
    expect(after3.events.map((e) => e.weekOfQuarter)).toEqual([2, 1, 0]);
    expect(after3.line).toBe('3 arrived · 2 chased · 1 qualified out');
    // Side B prospects 3 h a week with its one rep.
    expect(feedOf(b, 1).line).toMatch(/· 3 h prospecting, 0 new sourced$/);
    const long = side(
      'l',
      Array.from({ length: 60 }, () => 1),
    );
    const feed = feedOf(long, 60);
    expect(feed.events).toHaveLength(FEED_LENGTH);
    expect(feed.events[0]?.weekOfQuarter).toBe(59);
  });

  it('words each decided deal', () => {
    const segs = q.segments;
    expect(eventText(event(0), segs, 'USD')).toBe('Won $40K · Sweet');
    expect(eventText(event(0, { pulledIn: true }), segs, 'USD')).toBe(
      'Won $40K (list $50K, pulled in at a discount) · Sweet',
    );
    expect(eventText(event(0, { kind: 'lost', pulledIn: true }), segs, 'USD')).toBe(
      'Lost $50K (pulled in) · Sweet',
    );
    expect(eventText(event(0, { kind: 'stalled', segment: 3 }), segs, 'USD')).toBe(
      'Stalled — went dark, $50K · segment 4',
    );
    expect(eventText(event(0, { kind: 'pulled-in' }), segs, 'USD')).toBe(
      'Pulled in from next quarter: $50K · Sweet',
    );
  });
});

describe('the tally the room reads instead of the deal list', () => {
  it('adds up the weeks shown, and only those', () => {
    const s = side('a', [0, 0, 0, 0]);
    s.counts = [
      counts({ won: 2, wonValue: 50_000, lost: 1 }),
      counts({ won: 1, wonValue: 30_000, stalled: 2 }),
      counts({ lost: 4 }),
      counts({ won: 9, wonValue: 1e6 }),
    ];
    expect(soFarOf(s, 0)).toEqual({ won: 0, wonValue: 0, lost: 0, stalled: 0 });
    expect(soFarOf(s, 3)).toEqual({ won: 3, wonValue: 80_000, lost: 5, stalled: 2 });
    expect(soFarLine(s, 3, 'USD')).toBe('So far: 3 won ($80K) · 5 lost · 2 went dark');
    // The tally after the last week is every week's sum.
    expect(soFarOf(s, 4).won).toBe(s.counts.reduce((n, c) => n + c.won, 0));
  });
});

describe('the climb chart', () => {
  it('draws each side up to the week shown, on a scale above quota and both finals', () => {
    const q = quarter(side('a', [0, 100, 50, 0]), side('b', [20, 0, 0, 10]));
    const c = climbLayout(q, 2, 120);
    expect(c.lines.map((l) => l.points.length)).toEqual([3, 3]);
    expect(c.lines.map((l) => l.booked)).toEqual([100, 20]);
    // Week 0 is at the left margin on the zero line; the quarter's end at the right margin.
    expect(c.lines[0]?.points[0]).toEqual([CLIMB.left, c.y(0)]);
    expect(c.x(4)).toBe(CLIMB.width - CLIMB.right);
    // The top of the scale is 8% above the highest of quota and the final bookings.
    expect(c.y(150 * 1.08)).toBeCloseTo(CLIMB.top, 9);
    expect(c.lines[0]?.labelX).toBe(c.x(2) + 10);
    // After the quarter the lines stop at its end.
    expect(climbLayout(q, 9, 120).lines[0]?.points).toHaveLength(5);
  });

  it('pushes the end labels apart when the lines end close together', () => {
    const q = quarter(side('a', [100, 0]), side('b', [99, 0]));
    const [la, lb] = climbLayout(q, 2, 100).lines;
    expect(Math.abs((la?.labelY ?? 0) - (lb?.labelY ?? 0))).toBeCloseTo(LABEL_GAP, 9);
    // One line of the chart's text apart, at least: they never overlap.
    expect(LABEL_GAP).toBeGreaterThanOrEqual(CLIMB.font * 1.2);
    // A booked more: its label stays above B's.
    expect(la?.labelY).toBeLessThan(lb?.labelY ?? 0);
    // Far apart, each label sits at its line, the one at zero a line above the week labels.
    const far = climbLayout(quarter(side('a', [100, 0]), side('b', [0, 0])), 2, 100);
    expect(far.lines.map((l) => l.labelY)).toEqual([
      far.y(100) + LABEL_DROP,
      TICK_BASELINE - LABEL_GAP,
    ]);
    const mid = climbLayout(quarter(side('a', [100, 0]), side('b', [40, 0])), 2, 100);
    expect(mid.lines.map((l) => l.labelY)).toEqual([
      mid.y(100) + LABEL_DROP,
      mid.y(40) + LABEL_DROP,
    ]);
  });

  it('keeps the pushed-apart labels inside the chart, above the week labels', () => {
    // Both at zero: pushed apart, then up, so the lower one stays a line above the week labels.
    const zero = climbLayout(quarter(side('a', [0, 0]), side('b', [0, 0])), 2, 100);
    const [za, zb] = zero.lines.map((l) => l.labelY) as [number, number];
    expect(Math.max(za, zb)).toBeCloseTo(TICK_BASELINE - LABEL_GAP, 9);
    expect(Math.abs(za - zb)).toBeCloseTo(LABEL_GAP, 9);
    // Both at the top of the scale: pushed apart, then down, so the upper one is not cut off.
    const top = climbLayout(quarter(side('a', [100, 0]), side('b', [100, 0])), 2, 10);
    const [ta, tb] = top.lines.map((l) => l.labelY) as [number, number];
    expect(Math.min(ta, tb)).toBeCloseTo(CLIMB.font, 9);
    expect(Math.abs(ta - tb)).toBeCloseTo(LABEL_GAP, 9);
  });
});
