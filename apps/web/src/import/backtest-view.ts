/**
 * What the backtest step and the outcome choices show, as plain data (tested in Node): the
 * no-decision and stale-deal choices in plain words, the team numbers' sources, the backtest
 * table's rows (history, replay, gap, within 5%?) and the per-quarter chart's points, and whether
 * the scenario may be opened (a checked figure off by more than 5% needs "use it anyway").
 */
import {
  type Backtest,
  type BacktestFigure,
  type BacktestRow,
  FIGURE_LABELS,
  type NoDecisionPolicy,
  type PoolSolve,
  poolSentence,
  type StalePolicy,
  type TeamSources,
} from '@sweetspot/calibration';
import { money, number, percent } from '../format.ts';

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** One line: what the choice does. */
  explain: string;
}

/** The package's default comes first (and is preselected). */
export const NO_DECISION_CHOICES: readonly Choice<NoDecisionPolicy>[] = [
  {
    value: 'lost',
    label: 'Lost (recommended)',
    explain:
      'Counted as losses: the simulation decides every deal it receives, and these were not won.',
  },
  {
    value: 'exclude',
    label: 'Left out of the win rate',
    explain:
      'Still counted as opportunities, so simulated bookings come out high by about their share.',
  },
  {
    value: 'ignore',
    label: 'Ignored altogether',
    explain: 'Dropped like deals never pursued: fewer opportunities, listed in the row report.',
  },
];

export const STALE_CHOICES: readonly Choice<StalePolicy>[] = [
  {
    value: 'open',
    label: 'Still open (recommended)',
    explain:
      'Kept as open deals that may still close: whether they are dead or slow is not in the data.',
  },
  {
    value: 'lost',
    label: 'Lost',
    explain: 'Counted as losses, closed when they reached the stale age: lowers the win rate.',
  },
  {
    value: 'exclude',
    label: 'Left out of the sales cycle',
    explain: 'Not used for the cycle, still counted as opportunities.',
  },
];

export const DEFAULT_NO_DECISION: NoDecisionPolicy = 'lost';
export const DEFAULT_STALE: StalePolicy = 'open';

type SellingHoursSource = TeamSources['sellingHours']['source'];
type QuotaSource = TeamSources['quota']['source'];

/** Where a team number came from, for a sales leader. */
export function sourceText(source: SellingHoursSource | QuotaSource | PoolSolve['source']): string {
  switch (source) {
    case 'solved':
      return 'solved from your history: the fewest hours at which deals still close at their pace';
    case 'base scenario (no segment needs it)':
      return 'from the base scenario: no segment needs this pool';
    case 'given':
      return 'you set it';
    case 'base scenario default':
      return 'stated default (the base scenario’s): a CRM export does not record it';
    case 'history: median per-owner quarterly bookings':
      return 'from your history: median owner’s quarterly bookings';
    case 'history: team bookings per quarter ÷ reps':
      return 'from your history: team bookings per quarter ÷ reps';
    case 'base scenario (no bookings in the history)':
      return 'from the base scenario: no won deal closed in the history’s steady window — set it';
  }
}

/** Limits of the team numbers (as `sweetspot calibrate`'s --selling-hours and --quota). */
export const SELLING_HOURS_RANGE = { min: 0.5, max: 168 } as const;
export const QUOTA_RANGE = { min: 1, max: 1e12 } as const;
/** Limits of a specialist pool's hours a week (the scenario's, and --specialist-hours'). */
export const POOL_HOURS_RANGE = { min: 0, max: 100_000 } as const;

/**
 * A typed team number: `undefined` for empty (back to the default), a number within the range,
 * or an error sentence. Thousands separators and a currency symbol are accepted for the quota.
 */
export function parseTeamNumber(
  text: string,
  range: { min: number; max: number },
  what: string,
): { value: number | undefined } | { error: string } {
  const clean = text.replace(/[\s,'’$€£]/g, '');
  if (clean === '') return { value: undefined };
  const x = /^\d+(\.\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
  if (!(x >= range.min && x <= range.max))
    return {
      error: `The ${what} must be a number from ${number(range.min, range.min < 1 ? 1 : 0)} to ${number(range.max)}.`,
    };
  return { value: x };
}

/** A figure's value: win rate in %, counts with one decimal, money without decimals. */
export function formatFigure(figure: BacktestFigure, x: number, currency: string): string {
  if (!Number.isFinite(x)) return '—';
  switch (figure) {
    case 'winRate':
      return percent(x, 1);
    case 'wonPerQuarter':
      return number(x, 1);
    case 'medianWonCycleWeeks':
      return `${number(x, 1)} wk`;
    case 'bookingsPerQuarter':
    case 'medianWonDealSize':
      return money(x, currency, { compact: false });
  }
}

/** replay ÷ history − 1, signed, one decimal. */
export function formatGap(gap: number): string {
  return Number.isFinite(gap) ? percent(gap, 1, true) : '—';
}

export function withinText(row: Pick<BacktestRow, 'within'>): 'yes' | 'no' | 'not checked' {
  return row.within === null ? 'not checked' : row.within ? 'yes' : 'no';
}

export interface BacktestTableRow {
  key: string;
  segment: string;
  figure: string;
  history: string;
  replay: string;
  gap: string;
  within: 'yes' | 'no' | 'not checked';
  /** Why it is off (gaps), or why it is not checked (the history's own uncertainty). */
  note?: string;
}

/**
 * What the backtest step lists: the table's rows (team rows first, as the package orders them,
 * segments by name) and the named gaps, one sentence each.
 */
export function backtestView(
  b: Backtest,
  segmentNames: Readonly<Record<string, string>>,
  currency: string,
): { rows: BacktestTableRow[]; gaps: string[] } {
  const who = (segment: string) =>
    segment === 'team' ? 'Team' : (segmentNames[segment] ?? segment);
  const rows = b.rows.map((r) => {
    const within = withinText(r);
    const row: BacktestTableRow = {
      key: `${r.segment}:${r.figure}`,
      segment: who(r.segment),
      figure: FIGURE_LABELS[r.figure],
      history: formatFigure(r.figure, r.history, currency),
      replay: formatFigure(r.figure, r.replay, currency),
      gap: formatGap(r.gap),
      within,
    };
    if (r.reason) row.note = `${sentence(plainFlags(r.reason))}.`;
    else if (within === 'not checked')
      row.note = `Not checked: the history itself is uncertain by about ±${percent(r.historyError, 0)}.`;
    return row;
  });
  const gaps = b.gaps.map(
    (g) =>
      `${who(g.segment)}, ${FIGURE_LABELS[g.figure]}: ${formatFigure(g.figure, g.replay, currency)} replayed vs ${formatFigure(g.figure, g.history, currency)} in your history (${formatGap(g.gap)}). Likely reason: ${plainFlags(g.reason ?? 'unexplained: check the fits and the row report')}.`,
  );
  return { rows, gaps };
}

export interface QuarterPoint {
  /** Position of the quarter (0 = oldest), for the x axis. */
  index: number;
  label: string;
  series: 'History' | 'Replay';
  won: number;
  bookings: number;
}

/**
 * The quarters the chart compares: those of the history (a replay quarter beyond the history has
 * nothing to compare with), or every replayed one when the history has none.
 */
export function chartQuarters(b: Backtest): Backtest['quarters'] {
  const withHistory = b.quarters.filter((q) => q.history);
  return withHistory.length > 0 ? withHistory : b.quarters;
}

/** History and replay per quarter, for the chart (quarters without a value are left out). */
export function quarterPoints(b: Backtest): QuarterPoint[] {
  const points: QuarterPoint[] = [];
  chartQuarters(b).forEach((q, index) => {
    if (q.history) points.push({ index, label: q.label, series: 'History', ...q.history });
    if (q.replay) points.push({ index, label: q.label, series: 'Replay', ...q.replay });
  });
  return points;
}

/** A checked figure is off by more than 5%: the person must say "use it anyway" to open it. */
export function needsAcceptance(b: Backtest): boolean {
  return !b.ok;
}

export function canOpen(b: Backtest | undefined, accepted: boolean): boolean {
  return b !== undefined && (!needsAcceptance(b) || accepted);
}

/** The hours line: selling hours, the share used, deals late or stalled in the replay. */
export function capacityText(b: Backtest): string {
  const c = b.capacity;
  const hours = number(c.sellingHoursPerWeek, Number.isInteger(c.sellingHoursPerWeek) ? 0 : 1);
  const effort =
    c.effortMet === false
      ? ' Even the least work per deal leaves more deals late than the 2% allowed: give more selling hours.'
      : '';
  const pools = (c.pools ?? []).map((p) => ` Specialists: ${poolSentence(p)}.`).join('');
  return `${hours} selling hours a week per rep, ${percent(c.utilization, 0)} of them used in the replay; ${percent(c.lateOrStalledShare, 1)} of replayed deals ran late or stalled.${effort}${pools}`;
}

/** The package's notes name the CLI's flags; the import has fields for them. */
export function plainFlags(text: string): string {
  return text
    .replace(/--selling-hours/g, 'selling hours (Team numbers, above)')
    .replace(/give --quota/g, 'set the quota (Team numbers, above)')
    .replace(/--stale exclude/g, 'stale open deals “left out of the sales cycle” (Columns step)')
    .replace(/--as-of/g, 'as-of date');
}

/**
 * The text with its first letter capitalised, to start a sentence: the package's messages start
 * in lower case (they read well after a colon in the CLI).
 */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
