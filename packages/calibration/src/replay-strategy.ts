/**
 * Plays one strategy of a calibrated scenario over some trials and collects what a history holds
 * — won, lost, stalled and late deals, bookings, won sizes and ages per segment and per quarter —
 * for the backtest (replay.ts) and the solves of effort and specialist hours.
 */
import { EV_LOST, EV_STALLED, EV_WON, Simulator, type Tracer } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import type { HistoryFigures } from './history.ts';
import { sortedCopy } from './stats.ts';

/** The calibrated scenario's strategy that does what the team did. */
export const AS_IS_ID = 'as-is';

/** The history's figures as the replay gives them, and what a replay alone has. */
export interface ReplayFigures
  extends Pick<
    HistoryFigures,
    | 'winRate'
    | 'wonPerQuarter'
    | 'bookingsPerQuarter'
    | 'medianWonDealSize'
    | 'medianWonCycleWeeks'
    | 'won'
    | 'lost'
  > {
  stalled: number;
  /** Decided after their natural cycle (starved some weeks). */
  late: number;
}

export interface Replay {
  trials: number;
  total: ReplayFigures;
  segments: ReplayFigures[];
  /** Mean per reported quarter over the trials. */
  quarters: { won: number; bookings: number; segments: { won: number; bookings: number }[] }[];
  /** Hours on deals, qualification and overhead ÷ selling hours. */
  utilization: number;
  /** (late + stalled) ÷ decided deals. */
  distortion: number;
}

/**
 * Median of whole-week ages as cycles in days would show them: a deal decided in its k-th week was
 * created during its first, so its cycle is in [k − 1, k) weeks (docs/calibration.md, "Weeks and
 * days"); interpolated within the week.
 */
function interpolatedMedian(counts: number[], n: number): number {
  if (n === 0) return Number.NaN;
  let cum = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k] ?? 0;
    if (c > 0 && cum + c >= n / 2) return k - 1 + (n / 2 - cum) / c;
    cum += c;
  }
  return counts.length;
}

class Collector implements Tracer {
  readonly watchesEveryWeek = true;
  world: ReturnType<Simulator['drawWorld']> | undefined;
  won: number[];
  lost: number[];
  stalled: number[];
  late: number[];
  booked: number[][];
  ages: number[][];
  quarterWon: number[][];
  quarterBooked: number[][];
  capacityUsed = 0;
  capacity = 0;
  constructor(
    segments: number,
    private readonly from: number,
    private readonly to: number,
    private readonly weeksPerQuarter: number,
    quarters: number,
  ) {
    const z = () => new Array<number>(segments).fill(0);
    this.won = z();
    this.lost = z();
    this.stalled = z();
    this.late = z();
    this.booked = Array.from({ length: segments }, () => []);
    this.ages = Array.from({ length: segments }, () => []);
    this.quarterWon = Array.from({ length: quarters }, z);
    this.quarterBooked = Array.from({ length: quarters }, z);
  }
  event(kind: number, week: number, _rep: number, deal: number, booked: number): void {
    if (week < this.from || week >= this.to) return;
    if (kind !== EV_WON && kind !== EV_LOST && kind !== EV_STALLED) return;
    const w = this.world as NonNullable<Collector['world']>;
    const s = w.segment[deal] as number;
    const age = week - (w.week[deal] as number) + 1;
    if (kind === EV_STALLED) {
      this.stalled[s] = (this.stalled[s] as number) + 1;
      return;
    }
    if (age > (w.cycle[deal] as number)) this.late[s] = (this.late[s] as number) + 1;
    if (kind === EV_LOST) {
      this.lost[s] = (this.lost[s] as number) + 1;
      return;
    }
    this.won[s] = (this.won[s] as number) + 1;
    (this.booked[s] as number[]).push(booked);
    const ages = this.ages[s] as number[];
    ages[age] = (ages[age] ?? 0) + 1;
    const q = Math.floor((week - this.from) / this.weeksPerQuarter);
    const qw = this.quarterWon[q] as number[];
    const qb = this.quarterBooked[q] as number[];
    qw[s] = (qw[s] as number) + 1;
    qb[s] = (qb[s] as number) + booked;
  }
  hours(
    _rep: number,
    week: number,
    worked: number,
    qualification: number,
    overhead: number,
    idle: number,
    prospecting: number,
  ): void {
    if (week < this.from || week >= this.to) return;
    this.capacityUsed += worked + qualification + overhead;
    this.capacity += worked + qualification + overhead + idle + prospecting;
  }
  push(): void {}
  stillOpen(): void {}
}

function figures(
  won: number,
  lost: number,
  stalled: number,
  late: number,
  booked: number[],
  ages: number[],
  quarterCount: number,
): ReplayFigures {
  const decided = won + lost + stalled;
  const sorted = sortedCopy(booked);
  const n = sorted.length;
  const med =
    n === 0
      ? Number.NaN
      : n % 2 === 1
        ? (sorted[(n - 1) / 2] as number)
        : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  let sum = 0;
  for (const b of booked) sum += b;
  return {
    winRate: decided > 0 ? won / decided : Number.NaN,
    wonPerQuarter: won / quarterCount,
    bookingsPerQuarter: sum / quarterCount,
    medianWonDealSize: med,
    medianWonCycleWeeks: interpolatedMedian(
      Array.from(ages, (c) => c ?? 0),
      won,
    ),
    won,
    lost,
    stalled,
    late,
  };
}

/** Plays strategy `strategyId` of the scenario over `trials` trials and collects the figures. */
export function replayStrategy(scenario: Scenario, strategyId: string, trials: number): Replay {
  const index = scenario.strategies.findIndex((s) => s.id === strategyId);
  if (index < 0) throw new Error(`no strategy "${strategyId}"`);
  const sim = new Simulator(scenario);
  const c = sim.compiled;
  const from = c.warmupWeeks;
  const to = c.warmupWeeks + c.quarters * c.weeksPerQuarter;
  const segs = scenario.segments.length;
  const col = new Collector(segs, from, to, c.weeksPerQuarter, c.quarters);
  for (let t = 0; t < trials; t++) {
    col.world = sim.drawWorld(t);
    sim.playStrategy(col.world, index, col);
  }
  const quarterCount = trials * c.quarters;
  const segments = Array.from({ length: segs }, (_, s) =>
    figures(
      col.won[s] as number,
      col.lost[s] as number,
      col.stalled[s] as number,
      col.late[s] as number,
      col.booked[s] as number[],
      col.ages[s] as number[],
      quarterCount,
    ),
  );
  const allAges: number[] = [];
  for (const a of col.ages)
    for (let k = 0; k < a.length; k++) allAges[k] = (allAges[k] ?? 0) + (a[k] ?? 0);
  const sum = (f: (x: ReplayFigures) => number) => segments.reduce((a, x) => a + f(x), 0);
  const total = figures(
    sum((x) => x.won),
    sum((x) => x.lost),
    sum((x) => x.stalled),
    sum((x) => x.late),
    col.booked.flat(),
    allAges,
    quarterCount,
  );
  const decided = total.won + total.lost + total.stalled;
  return {
    trials,
    total,
    segments,
    quarters: col.quarterWon.map((qw, q) => {
      const qb = col.quarterBooked[q] as number[];
      return {
        won: qw.reduce((a, b) => a + b, 0) / trials,
        bookings: qb.reduce((a, b) => a + b, 0) / trials,
        segments: qw.map((w, s) => ({ won: w / trials, bookings: (qb[s] as number) / trials })),
      };
    }),
    utilization: col.capacity > 0 ? col.capacityUsed / col.capacity : 0,
    distortion: decided > 0 ? (total.late + total.stalled) / decided : 0,
  };
}

/** Trials for about `deals` decided deals in the reported quarters (4 to 60). */
export function replayTrials(scenario: Scenario, deals = 40_000): number {
  const perWeek = scenario.segments.reduce((a, s) => a + s.opportunitiesPerRepPerWeek, 0);
  const perTrial =
    perWeek * scenario.team.reps * scenario.horizon.quarters * scenario.horizon.weeksPerQuarter;
  return Math.max(4, Math.min(60, Math.ceil(deals / Math.max(1, perTrial))));
}
