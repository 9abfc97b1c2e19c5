/**
 * From a calibrated export to a start from today (docs/calibration.md "Forecast", model §16):
 * the current quarter and its week at the as-of date, the open deals with their ages, amounts and
 * age factors, and each rep's bookings so far this quarter. Every open deal is used or named.
 */
import type { BookedSoFar, PipelineDeal, Scenario, Start } from '@sweetspot/scenario';
import type { Calibration, SegmentFit } from './calibrate.ts';
import { dayNumber, formatDay, parseDate } from './dates.ts';
import type { AnchoredFit } from './history.ts';
import { logUpperTail } from './special.ts';

export interface ForecastStartOptions {
  /** `yyyy-mm-dd`: the calibration's as-of date when absent (it must be the same day). */
  asOf?: string;
  /** First month (1–12) of the fiscal year: quarters start there and every three months after. */
  fiscalYearStart?: number;
  /**
   * Bookings so far this quarter per owner, as given (e.g. from the finance system); absent: the
   * export's won deals closed in the quarter up to the as-of date.
   */
  booked?: Readonly<Record<string, number>>;
}

/** The current quarter at the as-of date. */
export interface CurrentQuarter {
  /** First and last day, `yyyy-mm-dd`. */
  from: string;
  to: string;
  /** The as-of date's week of it (1-based, at most the scenario's weeks per quarter). */
  week: number;
  /** Weeks left to play, the as-of week included. */
  weeksLeft: number;
}

export interface ForecastStart {
  start: Start;
  quarter: CurrentQuarter;
  /** Open deals per segment id, and how many of them are stale (older than the stale age). */
  openDeals: { segment: string; count: number; stale: number; withAmount: number }[];
  /** Bookings so far (total, and where they came from). */
  booked: { total: number; source: 'export' | 'given'; deals: number };
  /** Lines of open deals without an amount (their size is drawn), of owners not in the team. */
  lines: { withoutAmount: number[]; ownerNotInTeam: number[] };
  warnings: string[];
}

export type ForecastStartResult = ({ ok: true } & ForecastStart) | { ok: false; message: string };

/**
 * The quarter containing `day` when quarters start in `fiscalYearStart` and every three months,
 * and the week of it the day falls in (capped at `weeksPerQuarter`).
 */
export function currentQuarter(
  day: number,
  fiscalYearStart: number,
  weeksPerQuarter: number,
): CurrentQuarter {
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  // Months since the fiscal year's first month, 0–11; the quarter starts at a multiple of 3.
  const offset = (((month - fiscalYearStart) % 12) + 12) % 12;
  const startMonth0 = month - 1 - (offset % 3);
  const startYear = year + Math.floor(startMonth0 / 12);
  const startMonth = (((startMonth0 % 12) + 12) % 12) + 1;
  const from = dayNumber(startYear, startMonth, 1) as number;
  const nextMonth0 = startMonth - 1 + 3;
  const to =
    (dayNumber(startYear + Math.floor(nextMonth0 / 12), (nextMonth0 % 12) + 1, 1) as number) - 1;
  const week = Math.min(weeksPerQuarter, Math.floor((day - from) / 7) + 1);
  return { from: formatDay(from), to: formatDay(to), week, weeksLeft: weeksPerQuarter - week + 1 };
}

/** Survival of a median-anchored lognormal fit at t weeks, on the log scale. */
function logSurvival(fit: AnchoredFit, t: number): number {
  if (t <= 0) return 0;
  if (fit.sigma <= 0) return t < fit.median ? 0 : Number.NEGATIVE_INFINITY;
  return logUpperTail((Math.log(t) - Math.log(fit.median)) / fit.sigma);
}

/** Limits of an age factor: a deal's odds are never moved more than a million-fold. */
const MAX_FACTOR = 1e6;

/** Deals old enough to tell whether they are ever decided: fewer, and every deal is taken to be. */
const MIN_OLD_DEALS = 20;

/**
 * The share of a segment's deals that are ever decided (won, lost or closed without a decision):
 * 1 − the share of those created at least the stale age before the as-of date that are still
 * open; 1 with fewer than MIN_OLD_DEALS of them.
 */
export function decidedShare(fit: Pick<SegmentFit, 'oldEnough'>): number {
  const { created, stillOpen } = fit.oldEnough;
  return created < MIN_OLD_DEALS ? 1 : 1 - stillOpen / created;
}

/** What the age of an open deal is judged by: its segment's win rate and cycle fits. */
export type AgeFit = Pick<SegmentFit, 'wonCycle' | 'lostCycle' | 'winRate'>;

/**
 * The chance a deal still open after t weeks is won, by Bayes over three fates (model §16): won
 * (prior p·d, still open at t with probability S_won(t)), lost (prior (1 − p)·d, S_lost(t), the
 * won deals' survival without a fit of lost ones) and never decided (prior 1 − d, always open),
 * with p the segment's win rate and d its decided share; S from the lognormal fits of won and lost
 * deals' created → closed weeks. On the log scale, so that old deals do not underflow.
 */
export function openDealWinChance(fit: AgeFit, weeks: number, decided = 1): number {
  const p = fit.winRate.mean;
  if (p <= 0 || p >= 1) return p;
  const won = Math.log(p * decided) + logSurvival(fit.wonCycle, weeks);
  const lost = Math.log((1 - p) * decided) + logSurvival(fit.lostCycle ?? fit.wonCycle, weeks);
  const never = decided < 1 ? Math.log(1 - decided) : Number.NEGATIVE_INFINITY;
  const top = Math.max(won, lost, never);
  if (top === Number.NEGATIVE_INFINITY) return p;
  const e = (x: number) => Math.exp(x - top);
  return e(won) / (e(won) + e(lost) + e(never));
}

/**
 * The factor on the segment's odds that gives an open deal its chance of a win (the scenario's
 * `winOdds`, model §16): q / (1 − q) ÷ p / (1 − p), within a million-fold either way. Exact at the
 * segment's mean rate; a trial's own rate (its uncertainty, §2) moves q with it.
 */
export function ageFactor(fit: AgeFit, weeks: number, decided = 1): number {
  const p = fit.winRate.mean;
  const q = openDealWinChance(fit, weeks, decided);
  // q is p itself at a rate of 0 or 1, and when age tells nothing: no factor.
  if (q === p) return 1;
  const f = (q * (1 - p)) / (p * (1 - q));
  return Math.min(MAX_FACTOR, Math.max(1 / MAX_FACTOR, Number.isNaN(f) ? 1 : f));
}

/** Rounds to 4 significant digits (as the calibrated scenario's numbers are). */
function round4(x: number): number {
  return Number(x.toPrecision(4));
}

/**
 * The start of a forecast from the calibration's export at its as-of date, for a scenario built
 * from it (its segments are the calibration's fits, in order; its reps the owners, sorted).
 */
export function forecastStart(
  calibration: Calibration,
  scenario: Scenario,
  options: ForecastStartOptions = {},
): ForecastStartResult {
  const asOfText = options.asOf ?? calibration.asOf.date;
  const asOf = parseDate(asOfText, 'ymd');
  if (asOf === undefined)
    return { ok: false, message: `as-of date "${asOfText}" must be written yyyy-mm-dd` };
  if (asOfText !== calibration.asOf.date)
    return {
      ok: false,
      message: `the forecast's as-of date ${asOfText} is not the calibration's (${calibration.asOf.date}): calibrate with --as-of ${asOfText}`,
    };
  const fy = options.fiscalYearStart ?? 1;
  if (!Number.isInteger(fy) || fy < 1 || fy > 12)
    return { ok: false, message: `the fiscal year's first month must be 1–12 (got ${fy})` };
  const K = scenario.horizon.weeksPerQuarter;
  const quarter = currentQuarter(asOf, fy, K);
  const quarterFrom = parseDate(quarter.from, 'ymd') as number;
  const reps = scenario.team.reps;
  const warnings: string[] = [];

  // Owners → reps: the calibration's owners in name order are reps 1, 2, …; a deal of an owner
  // beyond the team (--reps smaller than the owners) or without one goes to the reps in turn.
  const repOf = new Map(calibration.ownerNames.slice(0, reps).map((o, i) => [o, i + 1]));
  let turn = 0;
  const assign = (owner: string, line: number, odd: number[]): number => {
    const r = repOf.get(owner);
    if (r !== undefined) return r;
    odd.push(line);
    turn = (turn % reps) + 1;
    return turn;
  };

  const ownerNotInTeam: number[] = [];
  const withoutAmount: number[] = [];
  const pipeline: PipelineDeal[] = [];
  const perSegment = calibration.fits.map((f) => ({
    segment: f.id,
    count: 0,
    stale: 0,
    withAmount: 0,
  }));
  for (const d of calibration.pipeline) {
    const fit = calibration.fits[d.segment];
    const seg = perSegment[d.segment];
    if (!fit || !seg) continue;
    const ageDays = Math.max(0, asOf - d.created);
    // Whole weeks begun since it was created, before the as-of week: the engine works a deal from
    // the week it arrives in, so one created 3 days ago has had (part of) a week (model §16).
    const deal: PipelineDeal = {
      segment: fit.id,
      rep: assign(d.owner, d.line, ownerNotInTeam),
      ageWeeks: Math.min(9_999, Math.ceil(ageDays / 7)),
    };
    if (d.amount !== undefined) {
      deal.amount = round4(d.amount);
      seg.withAmount++;
    } else withoutAmount.push(d.line);
    const f = ageFactor(fit, Math.max(ageDays, 0.5) / 7, decidedShare(fit));
    if (f !== 1) deal.winOdds = Number(f.toPrecision(4));
    pipeline.push(deal);
    seg.count++;
    if (d.stale) seg.stale++;
  }

  // Bookings so far: given per owner, or the export's wins closed in the quarter by the as-of date.
  const bookedByRep = new Map<number, { amount: number; margin: number }>();
  let bookedDeals = 0;
  const addBooked = (rep: number, amount: number, margin: number) => {
    const b = bookedByRep.get(rep) ?? { amount: 0, margin: 0 };
    b.amount += amount;
    b.margin += margin;
    bookedByRep.set(rep, b);
  };
  const noOwnerWins: number[] = [];
  if (options.booked) {
    for (const [owner, amount] of Object.entries(options.booked)) {
      const r = repOf.get(owner);
      if (r === undefined) {
        warnings.push(
          `bookings given for "${owner}", who is not one of the team's owners in the export: not counted`,
        );
        continue;
      }
      // Margin: the team's average share kept after cost to serve (the segments are unknown).
      const keep =
        scenario.segments.reduce((a, s) => a + (1 - s.costToServe), 0) / scenario.segments.length;
      addBooked(r, amount, amount * keep);
      bookedDeals++;
    }
  } else {
    for (const w of calibration.wonDeals) {
      if (w.closed < quarterFrom || w.closed > asOf) continue;
      const fit = calibration.fits[w.segment];
      const amount = w.amount ?? fit?.wonSize.median ?? 0;
      const cts = scenario.segments[w.segment]?.costToServe ?? 0;
      addBooked(assign(w.owner, w.line, noOwnerWins), amount, amount * (1 - cts));
      bookedDeals++;
    }
  }
  const booked: BookedSoFar[] = [...bookedByRep]
    .sort((a, b) => a[0] - b[0])
    .map(([rep, b]) => ({ rep, amount: round4(b.amount), margin: round4(b.margin) }));

  const lineList = (lines: readonly number[]) =>
    `line${lines.length === 1 ? '' : 's'} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? `, … (${lines.length} in all)` : ''}`;
  if (pipeline.length === 0)
    warnings.push(
      `no open deals at ${asOfText}: the forecast starts from an empty pipeline (only new arrivals)`,
    );
  if (withoutAmount.length > 0)
    warnings.push(
      `${withoutAmount.length} open deal${withoutAmount.length === 1 ? ' has' : 's have'} no amount (${lineList(withoutAmount)}): ${withoutAmount.length === 1 ? 'its size is' : 'their sizes are'} drawn from the segment's deal sizes`,
    );
  if (ownerNotInTeam.length > 0)
    warnings.push(
      `${ownerNotInTeam.length} open deal${ownerNotInTeam.length === 1 ? "'s owner is" : "s' owners are"} not in the team of ${reps} (${lineList(ownerNotInTeam)}): given to the reps in turn`,
    );
  if (noOwnerWins.length > 0)
    warnings.push(
      `${noOwnerWins.length} deal${noOwnerWins.length === 1 ? '' : 's'} won this quarter without an owner in the team (${lineList(noOwnerWins)}): counted for the reps in turn`,
    );
  for (const fit of calibration.fits) {
    const d = decidedShare(fit);
    if (d < 0.99)
      warnings.push(
        `segment "${fit.id}": ${((1 - d) * 100).toFixed(0)}% of the deals created more than ${calibration.stale?.ageDays ?? '?'} days before the as-of date are still open (${fit.oldEnough.stillOpen} of ${fit.oldEnough.created}): taken as never decided, and each open deal's chance discounted for it`,
      );
  }
  const stale = perSegment.reduce((a, s) => a + s.stale, 0);
  if (stale > 0)
    warnings.push(
      `${stale} open deal${stale === 1 ? ' is' : 's are'} stale (older than 99% of won deals' cycles): kept, with the low odds their age gives them`,
    );

  const start: Start = { weekOfQuarter: quarter.week, pipeline, asOf: asOfText };
  if (booked.length > 0) start.booked = booked;
  return {
    ok: true,
    start,
    quarter,
    openDeals: perSegment,
    booked: {
      total: booked.reduce((a, b) => a + b.amount, 0),
      source: options.booked ? 'given' : 'export',
      deals: bookedDeals,
    },
    lines: { withoutAmount, ownerNotInTeam },
    warnings,
  };
}
