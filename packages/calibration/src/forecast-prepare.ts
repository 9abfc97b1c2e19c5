/**
 * The steps every forecast from an export takes (docs/calibration.md, "Forecast"): calibrate as of
 * the date, build the scenario, replay the history (effort and pools solved), find today — the
 * quarter, the open deals, the bookings so far — and make the forecast scenario. The caller
 * simulates it (and summarizes with @sweetspot/analysis).
 */
import type { Scenario } from '@sweetspot/scenario';
import { type BuildOptions, buildScenario } from './build-scenario.ts';
import { type Calibration, type CalibrationOptions, calibrate } from './calibrate.ts';
import type { CsvTable } from './csv.ts';
import { forecastScenario } from './forecast-scenario.ts';
import { type ForecastStart, type ForecastStartOptions, forecastStart } from './forecast-start.ts';
import { type ReplayResult, replayHistory } from './replay.ts';

export interface PrepareForecastOptions extends Omit<ForecastStartOptions, 'asOf'> {
  /** `yyyy-mm-dd`; default: the export's own (its latest date). */
  asOf?: string;
  trials: number;
  /** Specialist pools' hours a week as given (else solved). */
  specialistHours?: Readonly<Record<string, number>>;
  /** Keep the base scenario's own strategies too (a base the user gave). */
  keepStrategies?: boolean;
}

export interface PreparedForecast {
  calibration: Calibration;
  replayed: ReplayResult;
  start: ForecastStart;
  scenario: Scenario;
}

/** Calibrates, replays and starts a forecast from an export; the first step that fails says why. */
export function prepareForecast(
  table: CsvTable,
  calibration: CalibrationOptions,
  build: BuildOptions,
  options: PrepareForecastOptions,
): ({ ok: true } & PreparedForecast) | { ok: false; message: string } {
  const cal = calibrate(table, {
    ...calibration,
    ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
  });
  if (!cal.ok) return { ok: false, message: cal.problems.map((p) => p.message).join('; ') };
  const built = buildScenario(cal, build);
  if (!built.ok) return { ok: false, message: built.errors.join('; ') };
  const replayed = replayHistory(
    cal,
    built.scenario,
    options.specialistHours ? { specialistHours: options.specialistHours } : {},
  );
  const start = forecastStart(cal, replayed.scenario, {
    ...(options.fiscalYearStart !== undefined ? { fiscalYearStart: options.fiscalYearStart } : {}),
    ...(options.booked ? { booked: options.booked } : {}),
  });
  if (!start.ok) return { ok: false, message: start.message };
  const made = forecastScenario(replayed.scenario, start, {
    trials: options.trials,
    ...(options.keepStrategies ? { keepStrategies: true } : {}),
  });
  if (!made.ok) return { ok: false, message: made.errors.join('; ') };
  return { ok: true, calibration: cal, replayed, start, scenario: made.scenario };
}
