/**
 * The calibration worker's logic, free of worker plumbing so it runs (and is tested) in Node:
 * keeps the parsed tables, answers the editor's live questions (columns, stage values, date
 * formats, join matches, segment counts) and runs the calibration. Never throws: every problem
 * comes back as a message.
 */
import { summarizeForecast } from '@sweetspot/analysis';
import {
  AS_IS_ID,
  type BuildOptions,
  backtestForecasts,
  buildScenario,
  type CalibrationOptions,
  type CalibrationProblem,
  type CsvTable,
  calibrate,
  compileSegments,
  detectDateOrder,
  guessMapping,
  type JoinedView,
  type JoinReport,
  type JoinSpec,
  joinTables,
  outcomeTable,
  parseCsv,
  prepareForecast,
  type RowReport,
  replayHistory,
  repQuotaChances,
} from '@sweetspot/calibration';
import { simulateChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { checkFileName, decodeChunks, SNIFF_BYTES, sniffBytes } from './read-file.ts';
import { rowReportCsv } from './report-csv.ts';
import type {
  Analysis,
  AnalyzeConfig,
  CalibrateConfig,
  CalibrateOutcome,
  DistinctValues,
  ForecastBacktestOutcome,
  ForecastConfig,
  ForecastOutcome,
  JoinSummary,
  ParseOutcome,
  ParseProgress,
  ReplayOutcome,
} from './types.ts';

/** Rows of the row report sent to the page (the downloadable CSV has them all). */
export const REPORT_ROWS_SHOWN = 200;
const UNMATCHED_SHOWN = 20;
const OUTCOMES_SHOWN = 100;
const DISTINCT_SHOWN = 40;
const SAMPLE_ROWS = 5;

interface Stored {
  name: string;
  table: CsvTable;
}

export interface ParseHooks {
  onProgress?: (progress: ParseProgress) => void;
  cancelled?: () => boolean;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ImportSession {
  private readonly tables = new Map<number, Stored>();
  /**
   * The last calibration, by everything it depends on: changing only the team numbers (selling
   * hours, quota) rebuilds and replays without fitting again.
   */
  private lastFit: { key: string; result: ReturnType<typeof calibrate> } | undefined;

  /** Reads a CSV file into the session under `fileId`. */
  async parseFile(
    fileId: number,
    file: Blob,
    name: string,
    hooks: ParseHooks = {},
  ): Promise<ParseOutcome> {
    try {
      return await this.parseUnsafe(fileId, file, name, hooks);
    } catch (error) {
      return { status: 'failed', message: `"${name}" could not be read (${errorText(error)}).` };
    }
  }

  private async parseUnsafe(
    fileId: number,
    file: Blob,
    name: string,
    hooks: ParseHooks,
  ): Promise<ParseOutcome> {
    const cancelled = hooks.cancelled ?? (() => false);
    const checked = checkFileName(name, file.size);
    if (!checked.ok) return { status: 'failed', message: checked.message };
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    const sniff = sniffBytes(name, head);
    if (!sniff.ok) return { status: 'failed', message: sniff.message };
    let bytes = 0;
    const totalBytes = file.size;
    const chunks = decodeChunks(
      file,
      sniff.encoding,
      (b) => {
        bytes = b;
      },
      cancelled,
    );
    const table = await parseCsv(chunks, {
      onProgress: ({ rows }) => hooks.onProgress?.({ bytes, totalBytes, rows }),
    });
    if (cancelled()) return { status: 'cancelled' };
    hooks.onProgress?.({ bytes: totalBytes, totalBytes, rows: table.rows.length });
    if (table.fatal) {
      const message =
        table.fatal.reason === 'empty'
          ? `"${name}" has no rows: it is empty or blank.`
          : `"${name}" could not be imported: ${table.fatal.message}.`;
      return { status: 'failed', message };
    }
    if (table.allHeaders.length < 2)
      return {
        status: 'failed',
        message: `"${name}" has only one column, so it does not look like a CSV table (no comma, semicolon, tab or | between fields). Choose the CSV file your CRM exported.`,
      };
    if (table.rows.length === 0)
      return {
        status: 'failed',
        message:
          table.issues.length > 0
            ? `"${name}" has no readable rows: all ${table.issues.length} rows have the wrong number of fields or broken quotes (first on line ${table.issues[0]?.line}: ${table.issues[0]?.detail}).`
            : `"${name}" has a header row but no data rows.`,
      };
    const notes: string[] = [];
    if (sniff.note) notes.push(sniff.note);
    if (!table.hasHeader)
      notes.push(
        'No header row was found (the first row holds numbers or dates): the columns are named column_1, column_2…',
      );
    if (table.preambleLines > 0)
      notes.push(
        `${table.preambleLines} line${table.preambleLines === 1 ? '' : 's'} above the header (a report title?) skipped.`,
      );
    const readable = table.rows.length;
    if (table.issues.length > readable)
      notes.push(
        `${table.issues.length.toLocaleString('en-US')} rows could not be read (wrong number of fields or broken quotes) against ${readable.toLocaleString('en-US')} readable ones: is this the right file and delimiter?`,
      );
    this.tables.set(fileId, { name, table });
    return {
      status: 'parsed',
      info: {
        fileId,
        name,
        size: file.size,
        encoding: sniff.encoding,
        headers: table.headers,
        hasHeader: table.hasHeader,
        rows: table.rows.length,
        delimiter: table.delimiter,
        issues: table.issues.length,
        blankLines: table.blankLines,
        preambleLines: table.preambleLines,
        sample: table.rows.slice(0, SAMPLE_ROWS),
        notes,
      },
    };
  }

  /** Parses text directly (tests). */
  async parseText(fileId: number, text: string, name: string): Promise<ParseOutcome> {
    return this.parseFile(fileId, new Blob([text]), name);
  }

  drop(fileId: number): void {
    this.tables.delete(fileId);
    this.lastFit = undefined;
  }

  has(fileId: number): boolean {
    return this.tables.has(fileId);
  }

  private joinSpecs(config: AnalyzeConfig): JoinSpec[] {
    const specs: JoinSpec[] = [];
    for (const j of config.joins) {
      const stored = this.tables.get(j.fileId);
      if (!stored || j.column === '' || j.key === '') continue;
      specs.push({
        column: j.column,
        key: j.key,
        table: stored.table,
        source: j.source || stored.name,
        aliases: j.aliases,
      });
    }
    return specs;
  }

  private joinSummaries(reports: readonly JoinReport[], specs: readonly JoinSpec[]): JoinSummary[] {
    return reports.map((r, i) => {
      const spec = specs[i] as JoinSpec;
      const keyCol = spec.table.headers.indexOf(r.key);
      const keys = new Set<string>();
      for (const row of spec.table.rows) {
        const k = (row[keyCol] ?? '').trim();
        if (k !== '') keys.add(k);
        if (keys.size > 300) break;
      }
      const summary: JoinSummary = {
        ...r,
        unmatched: r.unmatched.slice(0, UNMATCHED_SHOWN),
        unmatchedKeys: r.unmatched.length,
        unmatchedRows: r.unmatched.reduce((n, u) => n + u.rows, 0),
        duplicateKeys: r.duplicateKeys.slice(0, 20),
        added: spec.table.headers.filter((h) => h !== r.key),
      };
      if (keys.size <= 300) summary.lookupKeys = [...keys].sort((a, b) => a.localeCompare(b));
      return summary;
    });
  }

  /** The live answers for the editor. */
  analyze(config: AnalyzeConfig): Analysis {
    const stored = this.tables.get(config.mainFileId);
    if (!stored) throw new Error('the export is no longer loaded: choose the file again');
    const table = stored.table;
    const rows = table.rows.length;
    const specs = this.joinSpecs(config);
    let joined = joinTables(table, specs);
    let joinError: string | undefined;
    let usedSpecs = specs;
    if (!joined.ok) {
      joinError = joined.message;
      usedSpecs = [];
      joined = joinTables(table, []);
    }
    if (!joined.ok) throw new Error(joined.message);
    const view = joined.view;
    const analysis: Analysis = {
      rows,
      columns: view.columns,
      guess: guessMapping(view.columns),
      joins: this.joinSummaries(view.reports, usedSpecs),
      outcomeValues: 0,
      dates: {},
      distinct: {},
    };
    if (joinError !== undefined) analysis.joinError = joinError;
    const column = (name: string | undefined) =>
      name === undefined || name === '' ? undefined : view.resolve(name);
    const stage = column(config.mapping.stage);
    if (stage !== undefined) {
      const read = view.reader(stage);
      const entries = outcomeTable(values(read, rows));
      analysis.outcomeValues = entries.length;
      analysis.outcomes = entries.slice(0, OUTCOMES_SHOWN);
    }
    for (const field of ['created', 'closed'] as const) {
      const c = column(config.mapping[field]);
      if (c !== undefined) analysis.dates[field] = detectDateOrder(values(view.reader(c), rows));
    }
    if (config.segments) {
      const compiled = compileSegments(config.segments, view, rows);
      if (!compiled.ok) analysis.segments = { error: compiled.message };
      else {
        const counts = new Array<number>(config.segments.length).fill(0);
        let none = 0;
        for (let r = 0; r < rows; r++) {
          const s = compiled.value.assign(r);
          if (s < 0) none++;
          else counts[s] = (counts[s] as number) + 1;
        }
        analysis.segments = { counts, none, warnings: compiled.value.warnings };
      }
    }
    for (const name of config.distinctColumns) {
      const c = column(name);
      if (c !== undefined) analysis.distinct[name] = distinct(view, c, rows);
    }
    return analysis;
  }

  /**
   * Calibrates, builds the scenario on `base` and replays the history, exactly as
   * `sweetspot calibrate` does: `buildScenario(result, { base, reps, sellingHours, quota })`, then
   * `replayHistory(result, built.scenario)`, whose scenario (effort per deal solved) is the one
   * to open. The replay takes a few seconds of CPU: this runs in the worker.
   */
  calibrate(config: CalibrateConfig, base: Scenario): CalibrateOutcome {
    const stored = this.tables.get(config.mainFileId);
    if (!stored)
      return {
        ok: false,
        problems: [{ code: 'no-data', message: 'the export is no longer loaded: choose it again' }],
        issuesTotal: 0,
      };
    const specs = this.joinSpecs(config);
    const { team, ...fitConfig } = config;
    const fitKey = JSON.stringify(fitConfig);
    const result =
      this.lastFit?.key === fitKey
        ? this.lastFit.result
        : calibrate(stored.table, calibrationOptions(config, specs));
    this.lastFit = { key: fitKey, result };
    if (!result.ok) {
      const out: CalibrateOutcome = {
        ok: false,
        problems: result.problems.map(trimProblem),
        issuesTotal: result.report?.issues.length ?? 0,
      };
      if (result.report) {
        out.reportCsv = rowReportCsv(result.report.issues);
        out.report = trimReport(result.report);
      }
      return out;
    }
    const build = buildScenario(result, buildOptions(config, base));
    const joins = this.joinSummaries(result.joins, specs);
    const out: CalibrateOutcome = {
      ok: true,
      // The open and won deals one by one are for the forecast, which runs here: not sent.
      calibration: {
        ...result,
        report: trimReport(result.report),
        joins,
        pipeline: [],
        wonDeals: [],
      },
      issuesTotal: result.report.issues.length,
      reportCsv: rowReportCsv(result.report.issues),
      build,
      joins,
    };
    if (build.ok) out.replay = replay(result, build.scenario, build.team, team?.specialistHours);
    return out;
  }

  /** The export, calibration and build options a forecast starts from; undefined once unloaded. */
  private forecastInputs(
    config: ForecastConfig,
    base: Scenario,
  ): [CsvTable, CalibrationOptions, BuildOptions] | undefined {
    const stored = this.tables.get(config.calibrate.mainFileId);
    if (!stored) return undefined;
    const specs = this.joinSpecs(config.calibrate);
    return [
      stored.table,
      calibrationOptions(config.calibrate, specs),
      buildOptions(config.calibrate, base),
    ];
  }

  /**
   * Where this quarter and the next land from the export's open deals at an as-of date (the
   * calibration's own by default), as `sweetspot forecast` computes it (docs/calibration.md,
   * "Forecast"): calibrate as of that date, replay, start from today, simulate the strategies.
   */
  forecast(config: ForecastConfig, base: Scenario): ForecastOutcome {
    const inputs = this.forecastInputs(config, base);
    if (!inputs) return NOT_LOADED;
    const prepared = prepareForecast(...inputs, {
      trials: config.trials,
      ...(config.asOf !== undefined ? { asOf: config.asOf } : {}),
      ...(config.fiscalYearStart !== undefined ? { fiscalYearStart: config.fiscalYearStart } : {}),
      ...(config.calibrate.team?.specialistHours
        ? { specialistHours: config.calibrate.team.specialistHours }
        : {}),
    });
    if (!prepared.ok) return prepared;
    const { calibration: result, replayed, start, scenario } = prepared;
    const forecast = summarizeForecast(
      scenario,
      simulateChunk(scenario, 0, scenario.trials),
      AS_IS_ID,
    );
    const reps = repQuotaChances(scenario, Math.min(scenario.trials, 1000));
    return {
      ok: true,
      scenario,
      asOf: result.asOf.date,
      quarter: start.quarter,
      booked: start.booked,
      openDeals: start.openDeals,
      openTotal: start.start.pipeline.length,
      warnings: start.warnings,
      backtestOk: replayed.backtest.ok,
      strategies: forecast.strategies,
      versus: forecast.versus,
      difference: forecast.summary.comparison.difference,
      reps,
      owners: Array.from(
        { length: scenario.team.reps },
        (_, r) => result.ownerNames[r] ?? `Rep ${r + 1}`,
      ),
    };
  }

  /** The forecast backtest of the export's closed quarters (docs/calibration.md). */
  forecastBacktest(config: ForecastConfig, base: Scenario): ForecastBacktestOutcome {
    const inputs = this.forecastInputs(config, base);
    if (!inputs) return NOT_LOADED;
    const result = backtestForecasts(...inputs, {
      trials: Math.min(config.trials, 500),
      ...(config.fiscalYearStart !== undefined ? { fiscalYearStart: config.fiscalYearStart } : {}),
    });
    return result.ok ? { ok: true, backtest: result.backtest } : result;
  }
}

/** What a forecast answers once the export it reads has been dropped. */
const NOT_LOADED = {
  ok: false,
  message: 'the export is no longer loaded: choose it again',
} as const;

/** The calibration's options for an import's configuration. */
function calibrationOptions(config: CalibrateConfig, joins: JoinSpec[]): CalibrationOptions {
  return {
    mapping: config.mapping,
    outcomes: config.outcomes,
    joins,
    segments: config.segments,
    dateOrder: config.dateOrder,
    fileName: config.fileName,
    ...(config.noDecision ? { noDecision: config.noDecision } : {}),
    ...(config.stale ? { stale: config.stale } : {}),
  };
}

/** The build's options for an import's configuration: the base, the name, the team numbers. */
function buildOptions(config: CalibrateConfig, base: Scenario): BuildOptions {
  const team = config.team;
  // Re-importing onto a calibrated scenario: do not stack "— calibrated from" suffixes.
  const baseName = base.name.replace(/ — (calibrated|forecast) from .*$/s, '') || base.name;
  return {
    base,
    name: `${baseName} — calibrated from ${config.fileName}`,
    ...(team?.sellingHours !== undefined ? { sellingHours: team.sellingHours } : {}),
    ...(team?.quota !== undefined ? { quota: team.quota } : {}),
  };
}

/** The backtest: effort solved by replaying the as-is strategy, compared with the history. */
function replay(
  result: Extract<ReturnType<typeof calibrate>, { ok: true }>,
  scenario: Scenario,
  team: ReplayTeam,
  specialistHours: Record<string, number> | undefined,
): ReplayOutcome {
  try {
    const replayed = replayHistory(result, scenario, specialistHours ? { specialistHours } : {});
    return {
      ok: true,
      scenario: replayed.scenario,
      backtest: replayed.backtest,
      team,
      pools: replayed.pools,
    };
  } catch (error) {
    return { ok: false, error: `the history could not be replayed (${errorText(error)})` };
  }
}

type ReplayTeam = Extract<ReplayOutcome, { ok: true }>['team'];

function trimReport(report: RowReport): RowReport {
  return { ...report, issues: report.issues.slice(0, REPORT_ROWS_SHOWN) };
}

function trimProblem(p: CalibrationProblem): CalibrationProblem {
  return { ...p, message: p.message.length > 2000 ? `${p.message.slice(0, 2000)}…` : p.message };
}

function* values(read: (row: number) => string, rows: number): Generator<string> {
  for (let r = 0; r < rows; r++) yield read(r);
}

function distinct(view: JoinedView, column: string, rows: number): DistinctValues {
  const read = view.reader(column);
  const counts = new Map<string, number>();
  let empty = 0;
  for (let r = 0; r < rows; r++) {
    const v = read(r).trim();
    if (v === '') empty++;
    else if (counts.size < 100_000 || counts.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    values: sorted.slice(0, DISTINCT_SHOWN).map(([value, count]) => ({ value, count })),
    total: counts.size,
    empty,
  };
}
