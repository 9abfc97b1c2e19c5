/**
 * The backtest: plays the calibrated scenario's as-is strategy with the engine and compares what
 * comes out with the export's own history (docs/calibration.md, "The backtest"). Also solves the
 * effort per deal: the most work per deal the selling hours allow while deals still close at
 * their own pace (at most 2% of decided deals late or stalled).
 */
import type { Scenario } from '@sweetspot/scenario';
import type { Calibration } from './calibrate.ts';
import type { HistoryFigures } from './history.ts';
import { MAX_POOL_DISTORTION, type PoolSolve, solvePools, unlimitedPools } from './pool-solve.ts';
import {
  AS_IS_ID,
  type Replay,
  type ReplayFigures,
  replayStrategy,
  replayTrials,
} from './replay-strategy.ts';

/** A history figure is reproduced when the replay is within this share of it. */
export const BACKTEST_TOLERANCE = 0.05;
/** Most decided deals that may run late or stall at the solved effort. */
export const MAX_DISTORTION = 0.02;

/** The scenario with every segment's effort (median and p90) multiplied by `factor`. */
export function scaleEffort(scenario: Scenario, factor: number): Scenario {
  return {
    ...scenario,
    segments: scenario.segments.map((s) => {
      const median = Number((s.effortHours.median * factor).toPrecision(4));
      const ratio = s.effortHours.p90 / s.effortHours.median;
      return {
        ...s,
        effortHours: { median, p90: Math.max(median, Number((median * ratio).toPrecision(4))) },
      };
    }),
  };
}

export interface EffortSolve {
  /** Multiplier applied to the starting effort (the hours-balance estimate). */
  factor: number;
  /** Late or stalled share of decided deals at the solved effort. */
  distortion: number;
  utilization: number;
  /** Whether any effort met the target (false: even tiny effort leaves deals late). */
  met: boolean;
  steps: number;
}

/**
 * Largest effort multiplier f (of the starting scenario's effort) at which at most 2% of the
 * as-is strategy's decided deals run late or stall, by bisection on ln f over [1/64, 4] with common
 * random numbers (the same trials at every step).
 */
export function solveEffort(scenario: Scenario, trials: number, steps = 9): EffortSolve {
  const at = (f: number) => replayStrategy(scaleEffort(scenario, f), AS_IS_ID, trials);
  let lo = Math.log(1 / 64);
  let hi = Math.log(4);
  const top = at(Math.exp(hi));
  if (top.distortion <= MAX_DISTORTION)
    return {
      factor: Math.exp(hi),
      distortion: top.distortion,
      utilization: top.utilization,
      met: true,
      steps: 1,
    };
  let best = at(Math.exp(lo));
  if (best.distortion > MAX_DISTORTION)
    return {
      factor: Math.exp(lo),
      distortion: best.distortion,
      utilization: best.utilization,
      met: false,
      steps: 2,
    };
  for (let i = 0; i < steps; i++) {
    const mid = (lo + hi) / 2;
    const r = at(Math.exp(mid));
    if (r.distortion <= MAX_DISTORTION) {
      lo = mid;
      best = r;
    } else hi = mid;
  }
  return {
    factor: Math.exp(lo),
    distortion: best.distortion,
    utilization: best.utilization,
    met: true,
    steps: steps + 2,
  };
}

export type BacktestFigure =
  | 'winRate'
  | 'wonPerQuarter'
  | 'bookingsPerQuarter'
  | 'medianWonDealSize'
  | 'medianWonCycleWeeks';

export const BACKTEST_FIGURES: readonly BacktestFigure[] = [
  'winRate',
  'wonPerQuarter',
  'bookingsPerQuarter',
  'medianWonDealSize',
  'medianWonCycleWeeks',
];

export const FIGURE_LABELS: Record<BacktestFigure, string> = {
  winRate: 'win rate',
  wonPerQuarter: 'won deals per quarter',
  bookingsPerQuarter: 'bookings per quarter',
  medianWonDealSize: 'median won deal size',
  medianWonCycleWeeks: 'median won-deal cycle (weeks)',
};

export interface BacktestRow {
  /** Segment id, or `team` for all segments together. */
  segment: string;
  figure: BacktestFigure;
  history: number;
  replay: number;
  /** replay ÷ history − 1. */
  gap: number;
  /**
   * true / false: within / outside 5%. null: not checked, the history's own sampling error
   * (`historyError`) is too large for a 5% check (per-segment rows only).
   */
  within: boolean | null;
  /** Relative standard error of the history figure (approximate). */
  historyError: number;
  reason?: string;
}

export interface Backtest {
  strategy: string;
  tolerance: number;
  trials: number;
  rows: BacktestRow[];
  /** Rows outside the tolerance. */
  gaps: BacktestRow[];
  ok: boolean;
  quarters: {
    label: string;
    history?: { won: number; bookings: number };
    replay?: { won: number; bookings: number };
  }[];
  capacity: {
    sellingHoursPerWeek: number;
    utilization: number;
    lateOrStalledShare: number;
    effortFactor?: number;
    effortMet?: boolean;
    /** Specialist pools: hours a week, given or solved, and how busy they are. */
    pools?: PoolSolve[];
  };
  notes: string[];
}

/** Approximate relative standard error of a history figure. */
function historyError(
  h: HistoryFigures,
  figure: BacktestFigure,
  quarters: number,
  sigma: number,
): number {
  const inWindow = h.wonPerQuarter * quarters;
  switch (figure) {
    case 'winRate':
      return h.won + h.lost > 0 ? Math.sqrt((1 - h.winRate) / (h.winRate * (h.won + h.lost))) : 1;
    case 'wonPerQuarter':
      return inWindow > 0 ? 1 / Math.sqrt(inWindow) : 1;
    case 'bookingsPerQuarter':
      return inWindow > 0 ? Math.sqrt((1 + Math.exp(sigma * sigma) - 1) / inWindow) : 1;
    case 'medianWonDealSize':
    case 'medianWonCycleWeeks':
      // Lognormal sample median: relative SE ≈ 1.2533 σ / √n.
      return h.won > 0 ? (1.2533 * Math.max(sigma, 0.1)) / Math.sqrt(h.won) : 1;
  }
}

/** Compares the replay with the history; names each gap with its likely reason. */
export function compareWithHistory(
  calibration: Calibration,
  scenario: Scenario,
  replay: Replay,
  solve?: EffortSolve,
  pools: readonly PoolSolve[] = [],
): Backtest {
  const h = calibration.history;
  const rows: BacktestRow[] = [];
  const quarterCv = (() => {
    const q = h.quarters.map((x) => x.won);
    if (q.length < 2) return 0;
    const m = q.reduce((a, b) => a + b, 0) / q.length;
    const v = q.reduce((a, b) => a + (b - m) ** 2, 0) / (q.length - 1);
    return m > 0 ? Math.sqrt(v) / m : 0;
  })();
  const fits = calibration.fits;
  const teamSizeSigma = Math.max(...fits.map((f) => f.wonSize.sigma));
  const teamCycleSigma = Math.max(...fits.map((f) => f.wonCycle.sigma));
  const noDecisionAll = fits.reduce((a, f) => a + f.noDecision, 0);
  const unshaped = fits
    .filter((f) => f.wonSize.n > 30 && f.wonSize.ks > f.wonSize.ksCritical05)
    .map((f) => `"${f.name}" (KS ${f.wonSize.ks.toFixed(2)})`);
  const shapeNote =
    unshaped.length > 0
      ? `won amounts are not lognormal-shaped in ${unshaped.join(', ')}: several price levels in one segment (split it, e.g. by product); the scenario keeps each segment's median and mean, not the shape`
      : '';
  const segmentShape = (id: string) => {
    const f = fits.find((x) => x.id === id);
    return f && f.wonSize.n > 30 && f.wonSize.ks > f.wonSize.ksCritical05
      ? `won amounts are not lognormal-shaped (KS ${f.wonSize.ks.toFixed(2)} > ${f.wonSize.ksCritical05.toFixed(2)}): several price levels in one segment; the scenario keeps the median and mean, not the shape`
      : '';
  };
  const add = (
    segment: string,
    hist: HistoryFigures,
    rep: ReplayFigures,
    sizeSigma: number,
    cycleSigma: number,
    team: boolean,
    noDecision: number,
  ) => {
    for (const figure of BACKTEST_FIGURES) {
      const history = hist[figure];
      const replayValue = rep[figure];
      const gap = history > 0 ? replayValue / history - 1 : Number.NaN;
      const err = historyError(
        hist,
        figure,
        h.steadyWindow.quarters,
        figure === 'medianWonCycleWeeks' ? cycleSigma : Math.min(1, sizeSigma),
      );
      const checkable = err * (team ? 1 : 2) <= BACKTEST_TOLERANCE;
      const within = !Number.isFinite(gap)
        ? false
        : checkable
          ? Math.abs(gap) <= BACKTEST_TOLERANCE
          : null;
      const row: BacktestRow = {
        segment,
        figure,
        history,
        replay: replayValue,
        gap,
        within,
        historyError: err,
      };
      if (within === null)
        row.reason = `not checked: with ${hist.won} won deals the history itself is uncertain by about ±${(err * 100).toFixed(0)}%`;
      else if (!within)
        row.reason = gapReason(
          figure,
          gap,
          hist,
          rep,
          err,
          quarterCv,
          noDecision,
          h.notes.length > 0,
          team && fits.length > 1 ? shapeNote : segmentShape(segment),
        );
      rows.push(row);
    }
  };
  add('team', h.total, replay.total, teamSizeSigma, teamCycleSigma, true, noDecisionAll);
  if (fits.length > 1)
    fits.forEach((f, i) => {
      add(
        f.id,
        h.segments[i] as HistoryFigures,
        replay.segments[i] as ReplayFigures,
        f.wonSize.sigma,
        f.wonCycle.sigma,
        false,
        f.noDecision,
      );
    });

  const gaps = rows.filter((r) => r.within === false);
  const n = Math.max(h.quarters.length, replay.quarters.length);
  const quarters: Backtest['quarters'] = [];
  for (let i = 0; i < n; i++) {
    const hq = h.quarters[i];
    const rq = replay.quarters[i];
    quarters.push({
      label: hq ? `${hq.from} – ${hq.to}` : `replay quarter ${i + 1}`,
      ...(hq ? { history: { won: hq.won, bookings: hq.bookings } } : {}),
      ...(rq ? { replay: { won: rq.won, bookings: rq.bookings } } : {}),
    });
  }
  const capacity: Backtest['capacity'] = {
    sellingHoursPerWeek: scenario.team.sellingHoursPerWeek,
    utilization: replay.utilization,
    lateOrStalledShare: replay.distortion,
  };
  if (solve) {
    capacity.effortFactor = solve.factor;
    capacity.effortMet = solve.met;
  }
  if (pools.length > 0) capacity.pools = [...pools];
  const notes = [...h.notes];
  if (solve && !solve.met)
    notes.push(
      `even with almost no effort per deal, ${(solve.distortion * 100).toFixed(0)}% of deals run late or stall: qualification and overhead leave too few of the ${scenario.team.sellingHoursPerWeek} selling hours a week for the observed volume; give more --selling-hours`,
    );
  return {
    strategy: AS_IS_ID,
    tolerance: BACKTEST_TOLERANCE,
    trials: replay.trials,
    rows,
    gaps,
    ok: gaps.length === 0,
    quarters,
    capacity,
    notes,
  };
}

function gapReason(
  figure: BacktestFigure,
  gap: number,
  hist: HistoryFigures,
  rep: ReplayFigures,
  err: number,
  quarterCv: number,
  noDecision: number,
  shortHistory: boolean,
  shape: string,
): string {
  const decided = rep.won + rep.lost + rep.stalled;
  const distorted = decided > 0 && (rep.late + rep.stalled) / decided > MAX_DISTORTION;
  const reasons: string[] = [];
  if (!Number.isFinite(gap)) return 'no such deals in the history to compare with';
  if (distorted && (figure !== 'medianWonDealSize' || gap < 0))
    reasons.push(
      `the reps run short of hours: ${(((rep.late + rep.stalled) / decided) * 100).toFixed(0)}% of deals run late or stall in the replay`,
    );
  if (figure === 'medianWonCycleWeeks' && hist.medianWonCycleWeeks < 1.5)
    reasons.push(
      'the simulation decides deals in whole weeks, so cycles under about a week cannot be matched',
    );
  if (figure === 'winRate' && hist.won + hist.lost < 200)
    reasons.push(
      'the scenario uses the posterior mean (1 + won) ÷ (2 + closed), which differs from the raw share with few deals',
    );
  if (
    (figure === 'winRate' || figure === 'bookingsPerQuarter' || figure === 'wonPerQuarter') &&
    noDecision > 0 &&
    gap > 0
  )
    reasons.push(
      'no-decision deals are left out of the win rate but still arrive, so the replay wins more of them',
    );
  if (figure === 'wonPerQuarter' || figure === 'bookingsPerQuarter') {
    if (shortHistory) reasons.push('the export is too short to count a steady quarter');
    if (quarterCv > 0.15)
      reasons.push(
        `the history is not steady: won deals per quarter vary by ${(quarterCv * 100).toFixed(0)}% from quarter to quarter (growth, seasonality or a change in the team), while the replay assumes the average`,
      );
  }
  if (shape !== '' && (figure === 'bookingsPerQuarter' || figure === 'medianWonDealSize'))
    reasons.push(
      figure === 'bookingsPerQuarter'
        ? `${shape}; a lognormal this wide reaches its mean only over many more deals than a replay draws`
        : `${shape}, so the median of the segments together differs`,
    );
  if (Math.abs(gap) <= 2 * err)
    reasons.push(`within the history's own sampling error (about ±${(err * 100).toFixed(0)}%)`);
  return reasons.length > 0 ? reasons.join('; ') : 'unexplained: check the fits and the row report';
}

/** One pool's hours in a sentence, for the CLI and the app. */
export function poolSentence(p: PoolSolve): string {
  const hours = `${p.name} ${p.hoursPerWeek.toLocaleString('en-US')} hours a week`;
  if (p.source === 'base scenario (no segment needs it)')
    return `${hours}, kept from the base scenario: no segment needs it`;
  const use = `about ${p.meanDemand.toLocaleString('en-US', { maximumFractionDigits: 1 })} of them drawn (${(p.utilization * 100).toFixed(0)}%); ${(p.extraDistortion * 100).toFixed(1)}% more deals late or stalled than with no limit`;
  if (p.source === 'given') return `${hours} (given), ${use}`;
  return p.met
    ? `${hours}, solved: the fewest at which deals still close at their pace (at most ${(MAX_POOL_DISTORTION * 100).toFixed(0)}% more late or stalled), ${use}`
    : `${hours}, solved but NOT met: even 4× the demand leaves more than ${(MAX_POOL_DISTORTION * 100).toFixed(0)}% more deals late or stalled, ${use}`;
}

/** The backtest as a text table: figure, history, replay, gap, within 5%. */
export function formatBacktest(b: Backtest, segmentNames?: Record<string, string>): string {
  const fmt = (figure: BacktestFigure, x: number) =>
    !Number.isFinite(x)
      ? '—'
      : figure === 'winRate'
        ? `${(x * 100).toFixed(1)}%`
        : figure === 'medianWonCycleWeeks'
          ? x.toFixed(1)
          : figure === 'wonPerQuarter'
            ? x.toFixed(1)
            : Math.round(x).toLocaleString('en-US');
  const head = ['segment', 'figure', 'history', 'replay', 'gap', 'within 5%?'];
  const lines: string[][] = [head];
  for (const r of b.rows)
    lines.push([
      r.segment === 'team' ? 'team' : (segmentNames?.[r.segment] ?? r.segment),
      FIGURE_LABELS[r.figure],
      fmt(r.figure, r.history),
      fmt(r.figure, r.replay),
      Number.isFinite(r.gap) ? `${r.gap >= 0 ? '+' : ''}${(r.gap * 100).toFixed(1)}%` : '—',
      r.within === null ? 'not checked' : r.within ? 'yes' : 'NO',
    ]);
  const widths = head.map((_, i) => Math.max(...lines.map((l) => (l[i] as string).length)));
  const table = lines
    .map((l) =>
      l
        .map((c, i) => (i >= 2 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
        .join('  '),
    )
    .join('\n');
  const cap = b.capacity;
  const out = [
    `Backtest: the as-is strategy (what the team did) replayed ${b.trials} times against the history`,
    table,
    `Selling hours ${cap.sellingHoursPerWeek} a week per rep, ${(cap.utilization * 100).toFixed(0)}% of them used; ${(cap.lateOrStalledShare * 100).toFixed(1)}% of replayed deals ran late or stalled.`,
    ...(cap.pools ?? []).map((p) => `Specialists: ${poolSentence(p)}.`),
  ];
  if (b.quarters.length > 0) {
    out.push('Per quarter (won deals, bookings): history vs replay');
    for (const q of b.quarters)
      out.push(
        `  ${q.label.padEnd(25)} ${q.history ? `${q.history.won} / ${Math.round(q.history.bookings).toLocaleString('en-US')}` : '—'}  vs  ${q.replay ? `${q.replay.won.toFixed(1)} / ${Math.round(q.replay.bookings).toLocaleString('en-US')}` : '—'}`,
      );
  }
  for (const g of b.gaps)
    out.push(
      `Gap: ${g.segment === 'team' ? 'team' : (segmentNames?.[g.segment] ?? g.segment)} ${FIGURE_LABELS[g.figure]} ${fmt(g.figure, g.replay)} replayed vs ${fmt(g.figure, g.history)} in the history (${g.gap >= 0 ? '+' : ''}${(g.gap * 100).toFixed(1)}%): ${g.reason}`,
    );
  for (const n of b.notes) out.push(`Note: ${n}`);
  out.push(
    b.ok
      ? 'Every checked figure is within 5% of the history.'
      : `${b.gaps.length} figure${b.gaps.length === 1 ? ' is' : 's are'} not within 5% of the history.`,
  );
  return out.join('\n');
}

export interface ReplayOptions {
  /** Trials per replay (default: enough for about 40,000 decided deals, 4–60). */
  trials?: number;
  /** Solve the effort per deal (default true); false keeps the scenario's effort. */
  solveEffort?: boolean;
  /** Specialist pools' hours a week, by pool id, as given; the others are solved. */
  specialistHours?: Readonly<Record<string, number>>;
}

export interface ReplayResult {
  /** The scenario with the solved effort, and the backtest's summary in its provenance. */
  scenario: Scenario;
  backtest: Backtest;
  replay: Replay;
  solve?: EffortSolve;
  /** The specialist pools' hours, given or solved (none without pools). */
  pools: PoolSolve[];
}

/**
 * Solves the effort per deal (see `solveEffort`), replays the as-is strategy with it and compares
 * the replay with the history. The scenario must come from `buildScenario` (it carries `as-is`).
 */
export function replayHistory(
  calibration: Calibration,
  scenario: Scenario,
  options: ReplayOptions = {},
): ReplayResult {
  const trials = options.trials ?? replayTrials(scenario);
  let solved = scenario;
  let solve: EffortSolve | undefined;
  if (options.solveEffort !== false) {
    // The reps' hours alone decide the effort; the pools are sized for it afterwards.
    solve = solveEffort(unlimitedPools(scenario), trials);
    solved = scaleEffort(scenario, solve.factor);
  }
  const pooled = solvePools(solved, trials, options.specialistHours);
  solved = pooled.scenario;
  const replay = replayStrategy(solved, AS_IS_ID, trials);
  const backtest = compareWithHistory(calibration, solved, replay, solve, pooled.pools);
  const cal = { ...(solved.provenance?.calibration ?? {}) };
  const r4 = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(4)) : null);
  cal.effortHoursPerCycleWeek = r4(
    (solved.segments[0]?.effortHours.median ?? 0) /
      (solved.segments[0]?.salesCycleWeeks.median ?? 1),
  );
  cal.backtest = {
    strategy: AS_IS_ID,
    within5Percent: backtest.ok,
    trials,
    utilization: r4(replay.utilization),
    lateOrStalledShare: r4(replay.distortion),
    gaps: backtest.gaps.map((g) => ({
      segment: g.segment,
      figure: g.figure,
      history: r4(g.history),
      replay: r4(g.replay),
      gap: r4(g.gap),
      reason: g.reason ?? '',
    })),
  };
  if (pooled.pools.length > 0)
    cal.specialistHours = pooled.pools.map((p) => ({
      pool: p.id,
      hoursPerWeek: p.hoursPerWeek,
      source: p.source,
      meanDemand: r4(p.meanDemand),
      extraLateOrStalledShare: r4(p.extraDistortion),
    }));
  return {
    scenario: { ...solved, provenance: { ...(solved.provenance ?? {}), calibration: cal } },
    backtest,
    replay,
    pools: pooled.pools,
    ...(solve ? { solve } : {}),
  };
}
