/**
 * What one frame of the replay shows, from a quarter's replay (replay.ts) and the weeks shown so
 * far: bookings so far, the hours strip's scale and uses, each side's week line and feed, and
 * the climb chart's geometry. Replay.tsx only draws it. Pure TS.
 */
import { TRACE_USES } from '@sweetspot/engine';
import { hours as fmtHours, money } from '../format.ts';
import {
  type QuarterReplay,
  type ReplayEvent,
  type RepWeek,
  replayProspects,
  type StrategyReplay,
  type WeekCounts,
  weekProspecting,
} from './replay.ts';

export type TraceUse = (typeof TRACE_USES)[number];

/** Each use of a rep's hours as the replay draws it: its name in the legend and its colour. */
export const REPLAY_USES: Record<TraceUse, { label: string; color: string }> = {
  worked: { label: 'Working deals', color: '#009E73' },
  qualification: { label: 'Qualifying', color: '#CC79A7' },
  overhead: { label: 'Overhead', color: '#E69F00' },
  idle: { label: 'Idle', color: '#D9DDE1' },
  prospecting: { label: 'Prospecting', color: '#56B4E9' },
};

/** How many decided deals the feed lists (the newest). */
export const FEED_LENGTH = 40;

/**
 * The uses in the order they stack and are listed (idle last), with their index in the trace.
 * Prospecting is shown only when some rep prospected: a replay without it looks as before.
 */
export function shownUses(
  replay: QuarterReplay | undefined,
): Array<{ use: TraceUse; index: number }> {
  const order = ['worked', 'qualification', 'overhead', 'prospecting', 'idle'] as const;
  const prospected = replay ? replayProspects(replay) : false;
  return order
    .filter((u) => u !== 'prospecting' || prospected)
    .map((use) => ({ use, index: TRACE_USES.indexOf(use) }));
}

/** Bookings of a side after `shown` weeks of the quarter (0 before it starts). */
export function bookedAt(s: StrategyReplay | undefined, shown: number): number {
  return s && shown > 0 ? (s.cumulative[shown - 1] ?? 0) : 0;
}

/** The most hours any rep spent in a week, either side: the height of a full cell (at least 1). */
export function maxHoursOf(replay: QuarterReplay | undefined): number {
  if (!replay) return 1;
  let max = 1;
  for (const s of replay.strategies)
    for (const row of s.cells) for (const c of row) max = Math.max(max, c.total);
  return max;
}

/** A rep-week cell's tooltip: the hours by use, and whether the rep was pushing. */
export function cellTitle(
  cell: RepWeek,
  rep: number,
  week: number,
  uses: ReturnType<typeof shownUses>,
): string {
  const parts = uses.map(
    ({ use, index }) => `${REPLAY_USES[use].label} ${fmtHours(cell.hours[index] ?? 0, 1)}`,
  );
  return `Rep ${rep + 1}, week ${week + 1}: ${parts.join(', ')}${cell.push ? ' — pushing' : ''}`;
}

/** The week line after "Week N:": arrivals, deals chased and qualified out, and so on. */
export function weekLine(week: WeekCounts, prospectingHours: number): string {
  let line = `${week.arrived} arrived · ${week.qualifiedIn} chased · ${week.qualifiedOut} qualified out`;
  if (week.unqualified > 0) line += ` · ${week.unqualified} never looked at (no hours)`;
  if (prospectingHours > 0 || week.prospected > 0)
    line += ` · ${fmtHours(prospectingHours, 0)} prospecting, ${week.prospected} new sourced`;
  return line;
}

/** A side's feed after `shown` weeks: the last week's line, and the deals decided, newest first. */
export function feedOf(
  s: StrategyReplay,
  shown: number,
): { line: string | undefined; events: ReplayEvent[] } {
  const week = shown > 0 ? s.counts[shown - 1] : undefined;
  return {
    line: week ? weekLine(week, weekProspecting(s, shown - 1)) : undefined,
    events: s.notable
      .filter((e) => e.weekOfQuarter < shown)
      .slice(-FEED_LENGTH)
      .reverse(),
  };
}

/** Deals decided in the first `shown` weeks of a side's quarter: won (and their bookings), lost, stalled. */
export function soFarOf(
  s: StrategyReplay,
  shown: number,
): { won: number; wonValue: number; lost: number; stalled: number } {
  const tally = { won: 0, wonValue: 0, lost: 0, stalled: 0 };
  for (const week of s.counts.slice(0, Math.max(0, shown))) {
    tally.won += week.won;
    tally.wonValue += week.wonValue;
    tally.lost += week.lost;
    tally.stalled += week.stalled;
  }
  return tally;
}

/**
 * What the room reads under a side's strips, instead of the deal list: "So far: 14 won ($420K) ·
 * 9 lost · 6 went dark" (the list itself stays one click away for the presenter).
 */
export function soFarLine(s: StrategyReplay, shown: number, currency: string): string {
  const t = soFarOf(s, shown);
  return `So far: ${t.won} won (${money(t.wonValue, currency)}) · ${t.lost} lost · ${t.stalled} went dark`;
}

/** A decided deal in the feed's words. */
export function eventText(
  e: ReplayEvent,
  segments: QuarterReplay['segments'],
  currency: string,
): string {
  const seg = segments[e.segment]?.name ?? `segment ${e.segment + 1}`;
  switch (e.kind) {
    case 'won':
      return e.pulledIn
        ? `Won ${money(e.bookedValue, currency)} (list ${money(e.listValue, currency)}, pulled in at a discount) · ${seg}`
        : `Won ${money(e.bookedValue, currency)} · ${seg}`;
    case 'lost':
      return `Lost ${money(e.listValue, currency)}${e.pulledIn ? ' (pulled in)' : ''} · ${seg}`;
    case 'stalled':
      return `Stalled — went dark, ${money(e.listValue, currency)} · ${seg}`;
    case 'pulled-in':
      return `Pulled in from next quarter: ${money(e.listValue, currency)} · ${seg}`;
    default:
      return `${e.kind} · ${seg}`;
  }
}

/**
 * The climb chart's frame in its own units: its size, margins, and the size of its text. It is
 * drawn about as many pixels wide as it has units (capped at `height` px high), so `font` is
 * about the text's size on screen: 25, for the back of a room (issue 18). The margins are made
 * to hold that text: "Quota" on the left, "A $1.02M" on the right, the weeks below.
 */
export const CLIMB = {
  width: 1100,
  height: 128,
  left: 92,
  right: 175,
  top: 24,
  bottom: 34,
  font: 25,
};

/** Gap kept between the two end labels' baselines: one line of text (glyphs 1.2 em high). */
export const LABEL_GAP = Math.ceil(CLIMB.font * 1.2);

/** The baseline of the week labels under the chart. */
export const TICK_BASELINE = CLIMB.height - 6;

/** From a line's height to the baseline of a label centred on it. */
export const LABEL_DROP = Math.round(CLIMB.font * 0.35);

export interface ClimbLine {
  id: string;
  /** Polyline points, from week 0 to the week shown. */
  points: Array<[number, number]>;
  /** Bookings so far, and where its label sits. */
  booked: number;
  labelX: number;
  labelY: number;
}

export interface ClimbLayout {
  weeks: number;
  x: (week: number) => number;
  y: (value: number) => number;
  lines: ClimbLine[];
}

/**
 * The climb chart after `shown` weeks: bookings of each side against the team `quota`, the y
 * scale 8% above the highest of quota and final bookings, the end labels at their lines pushed
 * apart when the two lines end close together.
 */
export function climbLayout(replay: QuarterReplay, shown: number, quota: number): ClimbLayout {
  const { width, height, left, right, top, bottom } = CLIMB;
  const K = replay.weeks;
  const max = Math.max(quota, ...replay.strategies.map((s) => s.final)) * 1.08 || 1;
  const x = (k: number) => left + (k / K) * (width - left - right);
  const y = (v: number) => top + (1 - v / max) * (height - top - bottom);
  const upTo = Math.min(shown, K);
  const booked = replay.strategies.map((s) => bookedAt(s, shown));
  const labelY = booked.map((v) => y(v) + LABEL_DROP);
  if (labelY.length === 2) {
    const [ya, yb] = labelY as [number, number];
    const gap = LABEL_GAP - Math.abs(ya - yb);
    if (gap > 0) {
      const aAbove = ya <= yb;
      labelY[0] = ya + (aAbove ? -gap / 2 : gap / 2);
      labelY[1] = yb + (aAbove ? gap / 2 : -gap / 2);
    }
    // Then inside the chart: the upper one not above its top edge, the lower one a line above
    // the week labels (which run on to the right of the lines' ends), still a line apart.
    const [up, down] = (labelY[0] as number) <= (labelY[1] as number) ? [0, 1] : [1, 0];
    let lower = Math.min(labelY[down] as number, TICK_BASELINE - LABEL_GAP);
    const upper = Math.max(CLIMB.font, Math.min(labelY[up] as number, lower - LABEL_GAP));
    lower = Math.max(lower, upper + LABEL_GAP);
    labelY[up] = upper;
    labelY[down] = lower;
  }
  const lines = replay.strategies.map((s, i): ClimbLine => {
    const points: Array<[number, number]> = [[x(0), y(0)]];
    for (let k = 0; k < upTo; k++) points.push([x(k + 1), y(s.cumulative[k] ?? 0)]);
    return {
      id: s.id,
      points,
      booked: booked[i] ?? 0,
      labelX: x(upTo) + 10,
      labelY: labelY[i] ?? y(0) + LABEL_DROP,
    };
  });
  return { weeks: K, x, y, lines };
}
