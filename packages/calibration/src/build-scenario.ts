/**
 * Builds an ordinary scenario (version 1) from a calibration: the base scenario with its segments
 * replaced by the fitted ones, strategies kept valid, reps from the distinct owners, and
 * provenance saying which numbers were fitted, which were kept, and from what data.
 */
import {
  defaultScenario,
  formatError,
  type Pursue,
  type Scenario,
  type Segment,
  validateScenario,
  Z90,
} from '@sweetspot/scenario';
import type { Calibration, SegmentFit } from './calibrate.ts';
import { DATE_FORMAT_NAMES, formatDay } from './dates.ts';
import type { HistoryFigures } from './history.ts';
import type { SplitCandidate } from './split.ts';

export interface BuildOptions {
  /** Scenario the fitted segments go into (default: the built-in default scenario). */
  base?: Scenario;
  /** Team size; default: the distinct owners in the export (else the base's). */
  reps?: number;
  /** Scenario name; default: "<base name> — calibrated from <file>". */
  name?: string;
  /** Selling hours per rep per week; default: the base scenario's, stated as such. */
  sellingHours?: number;
  /** Quota per rep per quarter; default: the median owner's quarterly bookings in the history. */
  quota?: number;
}

/** Where the team numbers a CRM export does not hold came from. */
export interface TeamSources {
  sellingHours: { value: number; source: 'given' | 'base scenario default' };
  quota: {
    value: number;
    source:
      | 'given'
      | 'history: median per-owner quarterly bookings'
      | 'history: team bookings per quarter ÷ reps'
      | 'base scenario (no bookings in the history)';
  };
  /** Hours of work per deal per week of its cycle (effort median = rate × cycle median). */
  effortRatePerCycleWeek: number;
  /** Qualification and overhead were scaled down by this factor to fit a third of the hours. */
  qualificationOverheadScale: number;
}

export type BuildResult =
  | { ok: true; scenario: Scenario; notes: string[]; team: TeamSources }
  | { ok: false; errors: string[] };

/** Fields fitted from the export, and fields the CRM cannot tell us. */
export const FITTED_FIELDS = [
  'winRate',
  'winRateUncertainty',
  'dealSize',
  'salesCycleWeeks',
  'discount',
  'opportunitiesPerRepPerWeek',
] as const;
/** Chosen by the calibration so that the as-is strategy replays the history. */
export const SOLVED_FIELDS = ['effortHours'] as const;
export const KEPT_FIELDS = ['costToServe', 'annualChurn', 'qualificationHours'] as const;

/** The as-is strategy: what the team did (it pursued every deal in the export, oldest first). */
export const AS_IS_STRATEGY = {
  id: 'as-is',
  name: 'As is: what the team did',
  pursue: 'all' as Pursue,
  priority: 'oldest-first' as const,
};
/** Focus, defined against the as-is strategy: the same rules, pursuing only the sweet spot. */
export const FOCUS_STRATEGY = {
  id: 'focus',
  name: 'Focus on the sweet spot (otherwise as is)',
  pursue: 'sweet-spot' as Pursue,
  priority: 'oldest-first' as const,
};
/** Deal work starts at this share of the hours left after qualification and overhead. */
export const START_UTILIZATION = 0.8;
/** Qualification and overhead may take at most this share of the selling hours. */
const MAX_QUALIFICATION_OVERHEAD_SHARE = 1 / 3;

export const METHOD_SOURCES = [
  'Win rate: Beta(1 + wins, 1 + losses) posterior of closed deals (uniform prior; Gelman et al., Bayesian Data Analysis, 3rd ed., 2013, §2.4); winRate is its mean and winRateUncertainty the number of closed deals.',
  'Deal size: median = the observed median won amount; spread σ = √(2 ln(mean ÷ median)) so that the mean won amount is also kept (log-RMS spread about the median when the mean is not above it).',
  'Sales cycle: created → closed time of won deals; median = the observed median, spread σ² = mean (ln t − ln median)². Lost deals are decided at the same natural cycle in the simulation; open deals are not used (Kaplan–Meier over won and lost deals with open ones censored is shown as a diagnostic only).',
  'Effort per deal: solved so that the as-is strategy, replayed with the stated selling hours, keeps at most 2% of its deals late or stalled (the most work per deal the hours allow); effort median proportional to the cycle median.',
  'Discount: median of 1 − amount / list price over won deals, clamped to [0, 0.95]; 0 when no list price is mapped.',
  'Arrivals: opportunities created per distinct owner per week over the weeks spanned by the created dates.',
] as const;

/** Rounds to 4 significant digits (monotone, so p90 ≥ median survives). */
function round4(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(4));
}

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * Weeks between the start of a deal's first engine week and the moment it was created, on
 * average: half a week, for deals created at any time of the week.
 */
export const WEEK_START_OFFSET = 0.5;

function fittedSegment(fit: SegmentFit, base: Segment, perRepPerWeek: number): Segment {
  const median = round4(fit.listDealSize.median);
  // A deal arrives in the engine at the start of its week and is decided at the end of its C-th
  // week; created during that first week, its cycle in days ends half a week short of C weeks
  // on average. So the engine's cycle is the observed one plus half a week (docs/calibration.md,
  // "Weeks and days"), and the replay reads a deal of C weeks as a cycle in [C − 1, C).
  const cycleMedian = round4(fit.wonCycle.median + WEEK_START_OFFSET);
  const segment: Segment = {
    id: fit.id,
    name: clip(fit.name, 200) || fit.id,
    sweetSpot: fit.sweetSpot,
    opportunitiesPerRepPerWeek: Math.min(100, round4(perRepPerWeek)),
    winRate: round4(fit.winRate.mean),
    dealSize: { median, p90: Math.max(median, round4(fit.listDealSize.p90)) },
    salesCycleWeeks: {
      median: cycleMedian,
      p90: Math.max(cycleMedian, Math.min(520, round4(fit.wonCycle.p90 + WEEK_START_OFFSET))),
    },
    effortHours: { ...base.effortHours },
    discount: Math.round(fit.discount.value * 10_000) / 10_000,
    costToServe: base.costToServe,
    annualChurn: base.annualChurn,
    qualificationHours: base.qualificationHours,
  };
  if (fit.winRate.evidence > 0) segment.winRateUncertainty = fit.winRate.evidence;
  if (fit.sizeCycle.value !== 0) segment.sizeCycleCorrelation = fit.sizeCycle.value;
  // Effort cannot be seen in an export: its tie to size is kept from the base.
  if (base.sizeEffortCorrelation !== undefined)
    segment.sizeEffortCorrelation = base.sizeEffortCorrelation;
  // Kept from the base like cost to serve: an export records neither the specialist time a deal
  // drew nor how prospected deals were found. The pools' hours are solved by the replay.
  if (base.specialistHoursPerSellingHour)
    segment.specialistHoursPerSellingHour = { ...base.specialistHoursPerSellingHour };
  if (base.prospecting) segment.prospecting = { ...base.prospecting };
  return segment;
}

/** Makes a pursue valid for the new segments: id lists that no longer fit become sweet-spot or all. */
function remapPursue(
  p: Pursue,
  base: Scenario,
  ids: Set<string>,
  notes: string[],
  where: string,
): Pursue {
  if (!Array.isArray(p)) return p;
  if (p.every((id) => ids.has(id))) return p;
  const sweet = new Set(base.segments.filter((s) => s.sweetSpot).map((s) => s.id));
  const replacement: Pursue = p.some((id) => sweet.has(id)) ? 'sweet-spot' : 'all';
  notes.push(
    `${where}: pursued [${p.join(', ')}], which are not fitted segments; now "${replacement}"`,
  );
  return replacement;
}

/** Builds and validates the calibrated scenario. */
export function buildScenario(calibration: Calibration, options: BuildOptions = {}): BuildResult {
  const fits = calibration.fits;
  if (fits.length === 0) return { ok: false, errors: ['no fitted segments'] };
  if (!fits.some((f) => f.sweetSpot))
    return {
      ok: false,
      errors: [
        'no segment is marked as the sweet spot: mark one (sweet=true) so the strategies that focus on the sweet spot have something to pursue',
      ],
    };
  const base: Scenario = JSON.parse(JSON.stringify(options.base ?? defaultScenario()));
  const notes: string[] = [];
  const owners = calibration.owners;
  let reps = options.reps ?? (owners > 0 ? owners : base.team.reps);
  const repsSource =
    options.reps !== undefined
      ? 'given'
      : owners > 0
        ? 'distinct owners in the export'
        : 'base scenario';
  if (!Number.isInteger(reps) || reps < 1 || reps > 1000) {
    const fixed = Math.min(1000, Math.max(1, Math.round(reps) || 1));
    notes.push(`reps ${reps} is outside 1–1000: using ${fixed}`);
    reps = fixed;
  }

  const limits = fittedLimitErrors(fits);
  if (limits.length > 0) return { ok: false, errors: limits };

  const segments = fits.map((fit, i) => {
    const baseSeg =
      base.segments.find((s) => s.sweetSpot === fit.sweetSpot) ?? (base.segments[0] as Segment);
    // Arrivals: deals decided per rep-week in the steady window (created dates at an export's
    // start and end are often incomplete); the created-date rate when nothing was decided there.
    const decided = calibration.history.segments[i]?.decidedPerWeek ?? 0;
    const people = owners > 0 ? owners : reps;
    const created = fit.arrivals.perRepPerWeek ?? fit.arrivals.perWeek / reps;
    const perRep = decided > 0 ? decided / people : created;
    if (decided > 0 && Math.abs(perRep / created - 1) > 0.1)
      notes.push(
        `segment "${fit.id}": ${perRep.toFixed(3)} deals decided per rep-week in the steady window (the scenario's arrivals) vs ${created.toFixed(3)} created per rep-week over the whole export: the created dates are not steady or not complete`,
      );
    if (perRep > 100)
      notes.push(
        `segment "${fit.id}": ${perRep.toFixed(1)} opportunities per rep-week capped at 100`,
      );
    return fittedSegment(fit, baseSeg, perRep);
  });
  // Selling hours: given, or the base's (stated). Quota: given, or from the history.
  const hours = options.sellingHours ?? base.team.sellingHoursPerWeek;
  const hoursSource: TeamSources['sellingHours']['source'] =
    options.sellingHours !== undefined ? 'given' : 'base scenario default';
  const hist = calibration.history;
  let quota: number;
  let quotaSource: TeamSources['quota']['source'];
  if (options.quota !== undefined) {
    quota = options.quota;
    quotaSource = 'given';
  } else if ((hist.medianOwnerQuarterBookings ?? 0) > 0) {
    quota = round3(hist.medianOwnerQuarterBookings as number);
    quotaSource = 'history: median per-owner quarterly bookings';
  } else if (hist.total.bookingsPerQuarter > 0) {
    quota = round3(hist.total.bookingsPerQuarter / reps);
    quotaSource = 'history: team bookings per quarter ÷ reps';
  } else {
    quota = base.team.quotaPerRepPerQuarter;
    quotaSource = 'base scenario (no bookings in the history)';
    notes.push(
      `no won deal closed in the steady window of the history: quota kept from the base scenario (${quota}); give --quota`,
    );
  }
  // Hours balance per rep-week (Little's law for open deals): qualification Σ λ q, overhead
  // o Σ λ E[C], deal work Σ λ E[E] with E median = k × cycle median (docs/calibration.md).
  const expC = (s: Segment) =>
    s.salesCycleWeeks.median *
    Math.exp((Math.log(s.salesCycleWeeks.p90 / s.salesCycleWeeks.median) / Z90) ** 2 / 2);
  let qualification = segments.reduce(
    (a, s) => a + s.opportunitiesPerRepPerWeek * s.qualificationHours,
    0,
  );
  let overhead =
    base.team.overheadHoursPerActiveDeal *
    segments.reduce((a, s) => a + s.opportunitiesPerRepPerWeek * expC(s), 0);
  let qoScale = 1;
  if (qualification + overhead > hours * MAX_QUALIFICATION_OVERHEAD_SHARE) {
    qoScale = (hours * MAX_QUALIFICATION_OVERHEAD_SHARE) / (qualification + overhead);
    notes.push(
      `qualification and overhead hours of the base scenario would take ${(qualification + overhead).toFixed(1)} of the ${hours} selling hours a week at the observed volume: scaled down by ${qoScale.toFixed(2)} to take a third`,
    );
    for (const s of segments) s.qualificationHours = round4(s.qualificationHours * qoScale);
    qualification *= qoScale;
    overhead *= qoScale;
  }
  const overheadPerDeal = round4(base.team.overheadHoursPerActiveDeal * qoScale);
  const shape = segments.reduce((a, s) => {
    const ratio = s.effortHours.p90 / s.effortHours.median;
    const sigma = Math.log(Math.max(1, ratio)) / Z90;
    return (
      a + s.opportunitiesPerRepPerWeek * s.salesCycleWeeks.median * Math.exp((sigma * sigma) / 2)
    );
  }, 0);
  const dealHours = Math.max(0, hours - qualification - overhead) * START_UTILIZATION;
  const rate = shape > 0 ? dealHours / shape : 1;
  for (const s of segments) {
    const ratio = Math.max(1, s.effortHours.p90 / s.effortHours.median);
    const median = Math.max(1e-3, round4(rate * s.salesCycleWeeks.median));
    s.effortHours = { median, p90: Math.max(median, round4(median * ratio)) };
  }
  const p99 = Math.max(
    ...segments.map((s) => {
      const sigma = Math.log(s.salesCycleWeeks.p90 / s.salesCycleWeeks.median) / Z90;
      return s.salesCycleWeeks.median * Math.exp(2.3263 * sigma);
    }),
  );
  const K = base.horizon.weeksPerQuarter;
  const warmup = Math.min(
    104,
    Math.max(base.horizon.warmupWeeks, Math.ceil(Math.max(52, p99 * 1.5) / K) * K),
  );
  const ids = new Set(segments.map((s) => s.id));
  const kept = base.strategies.filter(
    (st) => st.id !== AS_IS_STRATEGY.id && st.id !== FOCUS_STRATEGY.id,
  );
  const strategies = [
    { ...AS_IS_STRATEGY },
    { ...FOCUS_STRATEGY },
    ...kept.map((st, i) => {
      const next = {
        ...st,
        pursue: remapPursue(st.pursue, base, ids, notes, `strategies[${i}] "${st.id}"`),
      };
      if (st.quarterEndPush)
        next.quarterEndPush = {
          ...st.quarterEndPush,
          pursue: remapPursue(
            st.quarterEndPush.pursue,
            base,
            ids,
            notes,
            `strategies[${i}] "${st.id}" quarter-end push`,
          ),
        };
      return next;
    }),
  ].slice(0, 20);
  // One segment, or segments that do not differ, are named by the calibration itself, with the
  // proposed split (Calibration.split, split.ts).

  const file = calibration.fileName ?? 'a CRM export';
  const name =
    clip(options.name ?? `${base.name} — calibrated from ${file}`, 200) || 'Calibrated scenario';
  const keptFrom = fits
    .map((f) => {
      const b = base.segments.find((s) => s.sweetSpot === f.sweetSpot) ?? base.segments[0];
      return `${f.id} ← ${b?.id ?? '?'}`;
    })
    .join(', ');
  const description = clip(
    [
      `Calibrated from ${clip(file, 200)}: ${calibration.report.rowsUsed} of ${calibration.report.rowsRead} rows used, created ${calibration.createdRange.from} to ${calibration.createdRange.to}, as of ${calibration.asOf.date}.`,
      `Fitted from the export, per segment: win rate and its uncertainty (closed deals), deal size (won amounts: observed median and mean, as list value), sales cycle (won deals: observed median, fitted spread), discount (${fits.some((f) => f.discount.source === 'list-price') ? 'amount vs list price' : 'no list price: 0'}) and opportunities per rep per week; team reps from ${repsSource}.`,
      `Selling hours ${hours} a week (${hoursSource}); quota ${quota.toLocaleString('en-US')} per rep per quarter (${quotaSource}). Effort per deal solved so that the as-is strategy (what the team did: every deal pursued, oldest first) replays the history with these hours.`,
      `Kept from the base scenario "${clip(base.name, 100)}" because a CRM export does not hold them: cost to serve, annual churn and qualification hours${(base.team.specialists ?? []).length > 0 ? ", specialist hours per selling hour (the pools' hours a week are solved by the replay)" : ''}${base.segments.some((b) => b.prospecting) ? ', prospecting hours and lag' : ''} (segment mapping ${keptFrom}), the effort's spread, and the horizon and dynamics. Strategies compared: focus on the sweet spot vs as is.`,
    ].join(' '),
    5000,
  );
  const sources = [
    ...METHOD_SOURCES,
    ...(base.provenance?.sources ?? []).map((s) => `Base scenario: ${s}`),
  ]
    .slice(0, 100)
    .map((s) => clip(s, 1000));

  const calibrationRecord: Record<string, unknown> = {
    file,
    rowsRead: calibration.report.rowsRead,
    rowsUsed: calibration.report.rowsUsed,
    rowsRejected: calibration.report.rowsRejected,
    rowsPartial: calibration.report.rowsPartial,
    dateRange: {
      created: calibration.createdRange,
      ...(calibration.closedRange ? { closed: calibration.closedRange } : {}),
    },
    asOf: calibration.asOf.date,
    asOfSource: calibration.asOf.source,
    dateFormats: {
      created: formatName(calibration.dates.created),
      closed: formatName(calibration.dates.closed),
    },
    mapping: calibration.mapping,
    outcomes: {
      won: calibration.outcomes.filter((o) => o.outcome === 'won').map((o) => o.value),
      lost: calibration.outcomes.filter((o) => o.outcome === 'lost').map((o) => o.value),
      open: calibration.outcomes.filter((o) => o.outcome === 'open').map((o) => o.value),
      ...(calibration.outcomes.some((o) => o.outcome === 'no-decision')
        ? {
            noDecision: calibration.outcomes
              .filter((o) => o.outcome === 'no-decision')
              .map((o) => o.value),
            noDecisionPolicy: calibration.noDecision,
          }
        : {}),
    },
    ...(calibration.stale && calibration.stale.count > 0
      ? {
          staleOpenDeals: {
            count: calibration.stale.count,
            olderThanDays: calibration.stale.ageDays,
            policy: calibration.stale.policy,
          },
        }
      : {}),
    ...(calibration.appliedSplit ? { sweetSpotSplit: splitRecord(calibration.appliedSplit) } : {}),
    ...(calibration.split
      ? {
          sweetSpotWarning: {
            reason: calibration.split.reason,
            message: clip(calibration.split.message, 1000),
            ...(calibration.split.candidates[0]
              ? { proposed: splitRecord(calibration.split.candidates[0]) }
              : {}),
          },
        }
      : {}),
    reps: { value: reps, source: repsSource, distinctOwners: owners },
    weeksSpanned: round4(calibration.weeksSpanned),
    fitted: [...FITTED_FIELDS],
    solved: [...SOLVED_FIELDS],
    keptFromBase: [...KEPT_FIELDS],
    sellingHoursPerWeek: { value: hours, source: hoursSource },
    quotaPerRepPerQuarter: { value: quota, source: quotaSource },
    effortHoursPerCycleWeek: round4(rate),
    history: {
      steadyWindow: {
        from: formatDay(hist.steadyWindow.fromDay),
        to: formatDay(hist.steadyWindow.toDay),
        quarters: round4(hist.steadyWindow.quarters),
      },
      team: roundFigures(hist.total),
    },
    segments: fits.map((f) => ({
      id: f.id,
      conditions: f.conditions,
      rows: f.rows,
      won: f.won,
      lost: f.lost,
      open: f.open,
      closed: f.won + f.lost,
      ...(f.noDecision > 0 ? { noDecision: f.noDecision } : {}),
      wonWithAmount: f.dealSize.n,
      withListPrice: f.discount.n,
      censored: f.cycle.censored,
      warnings: f.warnings,
    })),
  };

  const scenario: Scenario = {
    ...base,
    name,
    horizon: { ...base.horizon, warmupWeeks: warmup },
    team: {
      ...base.team,
      reps,
      sellingHoursPerWeek: hours,
      quotaPerRepPerQuarter: quota,
      overheadHoursPerActiveDeal: overheadPerDeal,
    },
    segments,
    strategies,
    compare: [FOCUS_STRATEGY.id, AS_IS_STRATEGY.id],
    provenance: { description, sources, calibration: calibrationRecord },
  };
  const checked = validateScenario(scenario);
  if (!checked.ok) return { ok: false, errors: checked.errors.map(formatError) };
  return {
    ok: true,
    scenario: checked.scenario,
    notes,
    team: {
      sellingHours: { value: hours, source: hoursSource },
      quota: { value: quota, source: quotaSource },
      effortRatePerCycleWeek: rate,
      qualificationOverheadScale: qoScale,
    },
  };
}

/** A split as the scenario's provenance records it: the column, the values, and why. */
function splitRecord(c: SplitCandidate): Record<string, unknown> {
  return {
    column: c.column,
    sweetSpot: clip(c.sweet.label, 500),
    wonPerDealWeek: {
      sweetSpot: round4(c.sweet.valuePerDealWeek),
      rest: round4(c.rest.valuePerDealWeek),
    },
    standardErrors: Number.isFinite(c.z) ? round3(c.z) : null,
  };
}

function round3(x: number): number {
  return Number(x.toPrecision(3));
}

function roundFigures(h: HistoryFigures): Record<string, number> {
  return {
    winRate: round4(h.winRate),
    wonPerQuarter: round4(h.wonPerQuarter),
    bookingsPerQuarter: round4(h.bookingsPerQuarter),
    medianWonDealSize: round4(h.medianWonDealSize),
    medianWonCycleWeeks: round4(h.medianWonCycleWeeks),
  };
}

/** The date format as detected (`d mmm yyyy` for month names) or as given. */
function formatName(info: Calibration['dates']['created']): string {
  return !info.given && info.detection.kind === 'detected'
    ? info.detection.format
    : DATE_FORMAT_NAMES[info.order];
}

/**
 * Fitted values outside what a scenario accepts, as plain sentences naming the segment, the
 * figure and what to check, instead of a scenario path such as `segments[0].dealSize.p90`.
 */
function fittedLimitErrors(fits: readonly SegmentFit[]): string[] {
  const out: string[] = [];
  const money = (x: number) =>
    Math.abs(x) >= 1e9 || (x > 0 && x < 0.01)
      ? x.toExponential(2)
      : x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  for (const f of fits) {
    const where = `segment "${f.id}"`;
    const size = f.listDealSize;
    if (!(size.median >= 1))
      out.push(
        `${where}: the typical won amount is ${money(f.dealSize.median < 1 ? f.dealSize.median : size.median)}, below 1 currency unit; are the amounts written in thousands or millions? Write them in currency units`,
      );
    if (!(size.p90 <= 1e12))
      out.push(
        `${where}: the won amounts spread too widely to simulate (90th percentile of the fit ${money(size.p90)}; observed median ${money(f.dealSize.empiricalMedian)}, 90th percentile ${money(f.dealSize.empiricalP90)}): check for amounts in another unit or currency, or split the segment`,
      );
    if (!(f.wonCycle.median > 0 && f.wonCycle.median <= 520))
      out.push(
        `${where}: won deals take ${f.wonCycle.median.toFixed(1)} weeks (median) to ${f.wonCycle.p90.toFixed(1)} weeks (90th percentile fitted), beyond the 10 years a scenario allows: most deals are still open or very old; give an earlier --as-of, or --stale exclude`,
      );
  }
  return out;
}
