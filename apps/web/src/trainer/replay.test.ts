import { TRACE_USES, type TraceEvent, type TrialTrace } from '@sweetspot/engine';
import { describe, expect, it } from 'vitest';
import { replayProspects, replayQuarter, weekProspecting } from './replay.ts';

/** A tiny hand-made trace: 2 reps, 2 warm-up weeks, 2 quarters of 3 weeks. */
function trace(): TrialTrace {
  const reps = 2;
  const weeks = 2 + 2 * 3;
  const strategy = (id: string, wonWeek: number, value: number, pushWeek: number) => {
    const hours = new Float64Array(reps * weeks * TRACE_USES.length);
    for (let r = 0; r < reps; r++)
      for (let w = 0; w < weeks; w++) {
        const i = (r * weeks + w) * TRACE_USES.length;
        hours.set([10, 2, 1, 2], i);
      }
    const push = new Uint8Array(reps * weeks);
    push[1 * weeks + pushWeek] = 1;
    const weeklyBookings = new Float64Array(weeks);
    weeklyBookings[wonWeek] = value;
    weeklyBookings[0] = 999; // warm-up: not in any quarter
    const events: TraceEvent[] = [
      { week: 2, rep: 0, deal: 1, segment: 0, kind: 'arrived', listValue: 50, bookedValue: 0 },
      { week: 2, rep: 0, deal: 1, segment: 0, kind: 'qualified-in', listValue: 50, bookedValue: 0 },
      {
        week: 3,
        rep: 1,
        deal: 2,
        segment: 1,
        kind: 'qualified-out',
        listValue: 70,
        bookedValue: 0,
      },
      { week: 3, rep: 1, deal: 3, segment: 1, kind: 'unqualified', listValue: 70, bookedValue: 0 },
      { week: 3, rep: 0, deal: 1, segment: 0, kind: 'pulled-in', listValue: 50, bookedValue: 0 },
      {
        week: wonWeek,
        rep: 0,
        deal: 1,
        segment: 0,
        kind: 'won',
        listValue: 50,
        bookedValue: value,
      },
      { week: 4, rep: 1, deal: 4, segment: 0, kind: 'stalled', listValue: 20, bookedValue: 0 },
      { week: 6, rep: 1, deal: 5, segment: 0, kind: 'lost', listValue: 20, bookedValue: 0 },
    ];
    return { id, name: id.toUpperCase(), hours, push, weeklyBookings, events };
  };
  return {
    trial: 7,
    reps,
    weeks,
    warmupWeeks: 2,
    weeksPerQuarter: 3,
    quarters: 2,
    quota: 100,
    segments: [
      { id: 's', name: 'Sweet', sweetSpot: true },
      { id: 'o', name: 'Other', sweetSpot: false },
    ],
    strategies: [strategy('a', 4, 40, 3), strategy('b', 3, 30, 6)],
  };
}

describe('quarter replay', () => {
  it('climbs to the quarter’s bookings week by week, for A and B side by side', () => {
    const r = replayQuarter(trace(), 0, ['a', 'b']);
    expect(r.startWeek).toBe(2);
    expect(r.weeks).toBe(3);
    const [a, b] = r.strategies;
    expect(a?.weekly).toEqual([0, 0, 40]);
    expect(a?.cumulative).toEqual([0, 0, 40]);
    expect(a?.final).toBe(40);
    expect(b?.cumulative).toEqual([0, 30, 30]);
    // The second quarter: B's deal was won in week 3 (first quarter), nothing in the second.
    expect(replayQuarter(trace(), 1, ['b']).strategies[0]?.final).toBe(0);
  });

  it('lays out hours per rep and week, with push weeks', () => {
    const [a] = replayQuarter(trace(), 0, ['a']).strategies;
    expect(a?.cells.length).toBe(2);
    expect(a?.cells[0]?.length).toBe(3);
    expect(a?.cells[0]?.[0]).toEqual({ hours: [10, 2, 1, 2, 0], total: 15, push: false });
    expect(a?.cells[1]?.[1]?.push).toBe(true); // week 3 = second week of Q1
    expect(a?.pushRepWeeks).toBe(1);
  });

  it('counts events per week and keeps the notable ones, marking pulled-in deals', () => {
    const [a] = replayQuarter(trace(), 0, ['a']).strategies;
    expect(a?.counts[0]).toMatchObject({ arrived: 1, qualifiedIn: 1 });
    expect(a?.counts[1]).toMatchObject({ qualifiedOut: 1, unqualified: 1, pulledIn: 1 });
    expect(a?.counts[2]).toMatchObject({ won: 1, wonValue: 40, discount: 10, stalled: 1 });
    expect(a?.notable.map((e) => e.kind)).toEqual(['pulled-in', 'won', 'stalled']);
    expect(a?.notable.find((e) => e.kind === 'won')?.pulledIn).toBe(true);
    expect(a?.notable.find((e) => e.kind === 'stalled')?.pulledIn).toBe(false);
  });

  it('refuses a strategy the trace does not have', () => {
    expect(() => replayQuarter(trace(), 0, ['zzz'])).toThrow(/no strategy zzz/);
  });
});

describe('quarter replay with prospecting', () => {
  it('counts opportunities sourced by prospecting, and the hours spent on it', () => {
    const t = trace();
    const st = t.strategies[0];
    if (!st) throw new Error('no strategy');
    const p = TRACE_USES.indexOf('prospecting');
    st.hours[(0 * t.weeks + 3) * TRACE_USES.length + p] = 4;
    st.events.push({
      week: 3,
      rep: 0,
      deal: 9,
      segment: 0,
      kind: 'prospected',
      listValue: 0,
      bookedValue: 0,
    });
    const replay = replayQuarter(t, 0, ['a', 'b']);
    const [a, b] = replay.strategies;
    expect(a?.counts[1]?.prospected).toBe(1);
    expect(a?.prospectingHours).toBe(4);
    expect(weekProspecting(a as NonNullable<typeof a>, 1)).toBe(4);
    expect(b?.prospectingHours).toBe(0);
    expect(replayProspects(replay)).toBe(true);
    expect(replayProspects(replayQuarter(trace(), 0, ['a', 'b']))).toBe(false);
  });
});
