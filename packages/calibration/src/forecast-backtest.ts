/**
 * Forecasts proven on quarters already closed (docs/calibration.md, "Forecast backtest"): for
 * as-of dates inside each closed quarter of an export (weeks 4, 8 and 11 by default), calibrate
 * with only what was known then — rows created later are left out and deals closed later are
 * open, as `calibrate` does with an as-of date — forecast the quarter as is, and compare the
 * forecast's spread with what actually closed. A well-calibrated forecast has about 80% of the
 * actuals inside its P10–P90 and 50% inside its P25–P75.
 */
import { Layout, simulateChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import type { BuildOptions } from './build-scenario.ts';
import { type Calibration, type CalibrationOptions, calibrate } from './calibrate.ts';
import type { CsvTable } from './csv.ts';
import { formatDay, parseDate } from './dates.ts';
import { prepareForecast } from './forecast-prepare.ts';
import { type CurrentQuarter, currentQuarter } from './forecast-start.ts';
import { AS_IS_ID } from './replay-strategy.ts';
import { quantileSorted, sortedCopy } from './stats.ts';

export interface ForecastCheck {
  asOf: string;
  quarter: CurrentQuarter;
  /** The as-is forecast of the quarter's team bookings (booked so far included). */
  forecast: { p10: number; p25: number; p50: number; p75: number; p90: number };
  /** What the export says closed won in the quarter (every row, known later or not). */
  actual: number;
  /** forecast P50 ÷ actual − 1. */
  error: number;
  inside80: boolean;
  inside50: boolean;
  bookedSoFar: number;
  openDeals: number;
  /** Whether that as-of calibration's replay reproduced its history within 5%. */
  backtestOk: boolean;
}

export interface ForecastBacktest {
  checks: ForecastCheck[];
  /** As-of dates that could not be forecast, with why. */
  skipped: { asOf: string; reason: string }[];
  /** Median of |error| over the checks (the median absolute percentage error). */
  medianAbsError: number;
  /** Share of actuals inside P10–P90 and inside P25–P75. */
  coverage80: number;
  coverage50: number;
  trials: number;
  weeks: number[];
}

export interface ForecastBacktestSettings {
  /** Weeks of each closed quarter to forecast from (default 4, 8 and 11). */
  weeks?: readonly number[];
  /** Trials per forecast (default 500). */
  trials?: number;
  fiscalYearStart?: number;
  /** A closed quarter is used only when the export has at least this many weeks before it. */
  minHistoryWeeks?: number;
}

/** Actual won bookings closed within [from, to] (a won deal without an amount at its segment's median). */
function actualBookings(full: Calibration, from: number, to: number): number {
  let sum = 0;
  for (const w of full.wonDeals) {
    if (w.closed < from || w.closed > to) continue;
    sum += w.amount ?? full.fits[w.segment]?.wonSize.median ?? 0;
  }
  return sum;
}

/** The as-is forecast of quarter 1's team bookings, by trial, sorted. */
function forecastBookings(scenario: Scenario): number[] {
  const chunk = simulateChunk(scenario, 0, scenario.trials);
  const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
  const s = scenario.strategies.findIndex((st) => st.id === AS_IS_ID);
  const at = layout.columnOffset(s, layout.quarterColumn(0, 'bookings'), chunk.trialCount);
  return sortedCopy(Array.from(chunk.columns.subarray(at, at + chunk.trialCount)));
}

/**
 * Forecasts every closed quarter of the export from the given weeks, with only what was known at
 * each as-of date, and compares with what closed.
 */
export function backtestForecasts(
  table: CsvTable,
  options: CalibrationOptions,
  build: BuildOptions,
  settings: ForecastBacktestSettings = {},
): { ok: true; backtest: ForecastBacktest } | { ok: false; message: string } {
  const weeks = [...(settings.weeks ?? [4, 8, 11])];
  const trials = settings.trials ?? 500;
  const fy = settings.fiscalYearStart ?? 1;
  const full = calibrate(table, options);
  if (!full.ok) return { ok: false, message: full.problems.map((p) => p.message).join('; ') };
  const K = build.base?.horizon.weeksPerQuarter ?? 13;
  const first = parseDate(full.createdRange.from, 'ymd') as number;
  const last = parseDate(full.asOf.date, 'ymd') as number;
  const minHistory = 7 * (settings.minHistoryWeeks ?? 13);
  // The closed quarters: from the first with enough history before it, to the last that ended.
  const quarters: CurrentQuarter[] = [];
  let q = currentQuarter(first + minHistory, fy, K);
  for (;;) {
    const from = parseDate(q.from, 'ymd') as number;
    const to = parseDate(q.to, 'ymd') as number;
    if (to > last) break;
    if (from - first >= minHistory) quarters.push(q);
    q = currentQuarter(to + 1, fy, K);
  }
  if (quarters.length === 0)
    return {
      ok: false,
      message: `the export has no closed quarter with ${minHistory / 7} weeks of history before it (created ${full.createdRange.from}, as of ${full.asOf.date})`,
    };
  const checks: ForecastCheck[] = [];
  const skipped: ForecastBacktest['skipped'] = [];
  for (const quarter of quarters) {
    const from = parseDate(quarter.from, 'ymd') as number;
    const to = parseDate(quarter.to, 'ymd') as number;
    const actual = actualBookings(full, from, to);
    for (const week of weeks) {
      const asOf = formatDay(from + 7 * (week - 1));
      const prepared = prepareForecast(table, options, build, {
        asOf,
        fiscalYearStart: fy,
        trials,
      });
      if (!prepared.ok) {
        skipped.push({ asOf, reason: prepared.message });
        continue;
      }
      const { start, replayed } = prepared;
      const sorted = forecastBookings(prepared.scenario);
      const at = (p: number) => quantileSorted(sorted, p);
      const forecast = { p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9) };
      checks.push({
        asOf,
        quarter: start.quarter,
        forecast,
        actual,
        error: actual > 0 ? forecast.p50 / actual - 1 : Number.NaN,
        inside80: actual >= forecast.p10 && actual <= forecast.p90,
        inside50: actual >= forecast.p25 && actual <= forecast.p75,
        bookedSoFar: start.booked.total,
        openDeals: start.start.pipeline.length,
        backtestOk: replayed.backtest.ok,
      });
    }
  }
  const errors = sortedCopy(
    checks.flatMap((c) => (Number.isFinite(c.error) ? [Math.abs(c.error)] : [])),
  );
  const share = (f: (c: ForecastCheck) => boolean) =>
    checks.length === 0 ? Number.NaN : checks.filter(f).length / checks.length;
  return {
    ok: true,
    backtest: {
      checks,
      skipped,
      medianAbsError: errors.length === 0 ? Number.NaN : quantileSorted(errors, 0.5),
      coverage80: share((c) => c.inside80),
      coverage50: share((c) => c.inside50),
      trials,
      weeks,
    },
  };
}

/** The forecast backtest as text: one line per as-of date, then the error and the coverage. */
export function formatForecastBacktest(b: ForecastBacktest, money: (x: number) => string): string {
  const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)}%` : '—');
  const lines = [
    `Forecasts of closed quarters, as is, from weeks ${b.weeks.join(', ')} (${b.trials} trials each; calibrated with only what was known then)`,
    'as of       quarter                  booked so far  open deals   commit (P10)  most likely (P50)  best case (P90)   actual   P50 error  in P10–P90  in P25–P75',
  ];
  for (const c of b.checks)
    lines.push(
      `${c.asOf}  ${`${c.quarter.from} – ${c.quarter.to}`.padEnd(23)}  ${money(c.bookedSoFar).padStart(13)}  ${String(c.openDeals).padStart(10)}  ${money(c.forecast.p10).padStart(13)}  ${money(c.forecast.p50).padStart(17)}  ${money(c.forecast.p90).padStart(15)}  ${money(c.actual).padStart(7)}  ${`${c.error >= 0 ? '+' : ''}${pct(c.error)}`.padStart(9)}  ${(c.inside80 ? 'yes' : 'no').padStart(10)}  ${(c.inside50 ? 'yes' : 'no').padStart(10)}${c.backtestOk ? '' : '  (replay gaps)'}`,
    );
  for (const s of b.skipped) lines.push(`${s.asOf}  not forecast: ${s.reason}`);
  lines.push(
    `Median absolute error of the most likely forecast: ${pct(b.medianAbsError)}. Actuals inside P10–P90: ${pct(b.coverage80)} (a well-calibrated forecast: about 80%); inside P25–P75: ${pct(b.coverage50)} (about 50%), over ${b.checks.length} forecasts.`,
  );
  return lines.join('\n');
}
