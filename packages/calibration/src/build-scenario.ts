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
} from '@sweetspot/scenario';
import type { Calibration, SegmentFit } from './calibrate.ts';
import { DATE_FORMAT_NAMES } from './dates.ts';

export interface BuildOptions {
  /** Scenario the fitted segments go into (default: the built-in default scenario). */
  base?: Scenario;
  /** Team size; default: the distinct owners in the export (else the base's). */
  reps?: number;
  /** Scenario name; default: "<base name> — calibrated from <file>". */
  name?: string;
}

export type BuildResult =
  | { ok: true; scenario: Scenario; notes: string[] }
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
export const KEPT_FIELDS = [
  'effortHours',
  'costToServe',
  'annualChurn',
  'qualificationHours',
] as const;

export const METHOD_SOURCES = [
  'Win rate: Beta(1 + wins, 1 + losses) posterior of closed deals (uniform prior; Gelman et al., Bayesian Data Analysis, 3rd ed., 2013, §2.4); winRate is its mean and winRateUncertainty the number of closed deals.',
  'Deal size: lognormal fitted by maximum likelihood on the logs of won amounts, divided by (1 − discount) to give list value; fit checked with the Kolmogorov–Smirnov distance (Lilliefors 1967 critical value).',
  'Sales cycle: Kaplan–Meier estimate of time from created to closed (won or lost), open deals right-censored at the as-of date (Kaplan & Meier, Journal of the American Statistical Association 53:457–481, 1958).',
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

function fittedSegment(fit: SegmentFit, base: Segment, perRepPerWeek: number): Segment {
  const median = round4(fit.listDealSize.median);
  const cycleMedian = round4(fit.cycle.median);
  const segment: Segment = {
    id: fit.id,
    name: clip(fit.name, 200) || fit.id,
    sweetSpot: fit.sweetSpot,
    opportunitiesPerRepPerWeek: Math.min(100, round4(perRepPerWeek)),
    winRate: round4(fit.winRate.mean),
    dealSize: { median, p90: Math.max(median, round4(fit.listDealSize.p90)) },
    salesCycleWeeks: { median: cycleMedian, p90: Math.max(cycleMedian, round4(fit.cycle.p90)) },
    effortHours: { ...base.effortHours },
    discount: Math.round(fit.discount.value * 10_000) / 10_000,
    costToServe: base.costToServe,
    annualChurn: base.annualChurn,
    qualificationHours: base.qualificationHours,
  };
  if (fit.winRate.evidence > 0) segment.winRateUncertainty = fit.winRate.evidence;
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

  const segments = fits.map((fit) => {
    const baseSeg =
      base.segments.find((s) => s.sweetSpot === fit.sweetSpot) ?? (base.segments[0] as Segment);
    const perRep = fit.arrivals.perRepPerWeek ?? fit.arrivals.perWeek / reps;
    if (perRep > 100)
      notes.push(
        `segment "${fit.id}": ${perRep.toFixed(1)} opportunities per rep-week capped at 100`,
      );
    return fittedSegment(fit, baseSeg, perRep);
  });
  const ids = new Set(segments.map((s) => s.id));
  const strategies = base.strategies.map((st, i) => {
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
  });

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
      `Fitted from the export, per segment: win rate and its uncertainty (closed deals), deal size (won amounts, as list value), sales cycle (Kaplan–Meier, open deals censored), discount (${fits.some((f) => f.discount.source === 'list-price') ? 'amount vs list price' : 'no list price: 0'}) and opportunities per rep per week; team reps from ${repsSource}.`,
      `Kept from the base scenario "${clip(base.name, 100)}" because a CRM export does not hold them: effort hours, cost to serve, annual churn and qualification hours (segment mapping ${keptFrom}), and everything outside the segments (horizon, selling hours, quota, dynamics, strategies).`,
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
    reps: { value: reps, source: repsSource, distinctOwners: owners },
    weeksSpanned: round4(calibration.weeksSpanned),
    fitted: [...FITTED_FIELDS],
    keptFromBase: [...KEPT_FIELDS],
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
    team: { ...base.team, reps },
    segments,
    strategies,
    provenance: { description, sources, calibration: calibrationRecord },
  };
  const checked = validateScenario(scenario);
  if (!checked.ok) return { ok: false, errors: checked.errors.map(formatError) };
  return { ok: true, scenario: checked.scenario, notes };
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
        `${where}: the typical won amount is ${money(size.median)}, below 1 currency unit; are the amounts written in thousands or millions? Write them in currency units`,
      );
    if (!(size.p90 <= 1e12))
      out.push(
        `${where}: the won amounts spread too widely to simulate (90th percentile of the fit ${money(size.p90)}; observed median ${money(f.dealSize.empiricalMedian)}, 90th percentile ${money(f.dealSize.empiricalP90)}): check for amounts in another unit or currency, or split the segment`,
      );
    if (!(f.cycle.median > 0 && f.cycle.p90 <= 520))
      out.push(
        `${where}: the sales cycle comes out at ${f.cycle.median.toFixed(1)} weeks (median) to ${f.cycle.p90.toFixed(1)} weeks (90th percentile), beyond the 10 years a scenario allows: most deals are still open or very old; give an earlier --as-of, or --stale exclude`,
      );
  }
  return out;
}
