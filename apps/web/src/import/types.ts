/**
 * The import flow's shared shapes: what the page asks the calibration worker, what it answers,
 * and the editable drafts of joins and segments. Plain data only (structured-cloneable).
 */
import type { ForecastStrategy, ForecastVersus } from '@sweetspot/analysis';
import type {
  Backtest,
  BuildResult,
  Calibration,
  CalibrationProblem,
  ColumnMapping,
  DateDetection,
  DateOrder,
  ForecastBacktest,
  ForecastStart,
  JoinReport,
  NoDecisionPolicy,
  OutcomeEntry,
  OutcomeRules,
  PoolSolve,
  RepQuotaChances,
  RowReport,
  SegmentRule,
  StalePolicy,
  TeamSources,
} from '@sweetspot/calibration';
import type { Scenario } from '@sweetspot/scenario';

/** What a parsed file looks like, without its rows (those stay in the worker). */
export interface ParsedFileInfo {
  fileId: number;
  name: string;
  size: number;
  /** Text encoding the file was read with ("utf-8", "utf-16le", "windows-1252"). */
  encoding: string;
  headers: string[];
  hasHeader: boolean;
  rows: number;
  delimiter: string;
  /** Rows that could not be read as records (wrong field count, bad quotes). */
  issues: number;
  blankLines: number;
  preambleLines: number;
  /** The first few data rows, for a preview. */
  sample: string[][];
  /** Things worth knowing that do not stop the import. */
  notes: string[];
}

export type ParseOutcome =
  | { status: 'parsed'; info: ParsedFileInfo }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export interface ParseProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

/** A join as the worker needs it: the lookup file by id. */
export interface JoinConfig {
  fileId: number;
  /** Export column holding the key. */
  column: string;
  /** Lookup column holding the key. */
  key: string;
  aliases: Record<string, string>;
  /** Lookup file name, for messages. */
  source: string;
}

export interface AnalyzeConfig {
  mainFileId: number;
  mapping: ColumnMapping;
  joins: JoinConfig[];
  /** Complete segment rules (incomplete drafts left out); none: no segment counts. */
  segments?: SegmentRule[];
  /** Columns whose distinct values the segment editor offers. */
  distinctColumns: string[];
}

/** Team numbers a CRM export does not hold, when the person set them (else the package's). */
export interface TeamInput {
  /** Selling hours per rep per week (0.5–168). */
  sellingHours?: number;
  /** Quota per rep per quarter. */
  quota?: number;
  /** Specialist pools' hours a week for the whole team, by pool id (else solved). */
  specialistHours?: Record<string, number>;
}

export interface CalibrateConfig extends AnalyzeConfig {
  segments: SegmentRule[];
  outcomes: OutcomeRules;
  dateOrder: { created?: DateOrder; closed?: DateOrder };
  fileName: string;
  /** How deals closed without a decision are used (the package's default: lost). */
  noDecision?: NoDecisionPolicy;
  /** How stale open deals are used (the package's default: open). */
  stale?: StalePolicy;
  team?: TeamInput;
}

/**
 * The backtest of a built scenario, as `replayHistory` gives it: the scenario with its effort
 * solved (the one to open) and the history-vs-replay report. `error` when the replay failed.
 */
export type ReplayOutcome =
  | { ok: true; scenario: Scenario; backtest: Backtest; team: TeamSources; pools: PoolSolve[] }
  | { ok: false; error: string };

export interface DistinctValues {
  /** Most frequent first, at most 40. */
  values: { value: string; count: number }[];
  /** Distinct non-empty values in the column. */
  total: number;
  /** Rows where the column is empty. */
  empty: number;
}

/** A join report with its unmatched keys cut to the most frequent few. */
export interface JoinSummary extends Omit<JoinReport, 'unmatched'> {
  unmatched: JoinReport['unmatched'];
  unmatchedKeys: number;
  unmatchedRows: number;
  /** Lookup keys (for choosing an alias by hand), when there are at most 300. */
  lookupKeys?: string[];
  /** Columns this join adds. */
  added: string[];
}

/** Everything the editor steps show live, recomputed on every change. */
export interface Analysis {
  rows: number;
  /** Export and joined columns usable in the mapping and in segment rules. */
  columns: string[];
  guess: ColumnMapping;
  joinError?: string;
  joins: JoinSummary[];
  /** Stage values of the stage column, most frequent first (at most 100), read with the defaults. */
  outcomes?: OutcomeEntry[];
  outcomeValues: number;
  dates: { created?: DateDetection; closed?: DateDetection };
  segments?: { counts: number[]; none: number; warnings: string[] } | { error: string };
  distinct: Record<string, DistinctValues>;
}

/** A calibration for the page: the row list cut to its first rows (the CSV has them all). */
export type CalibrateOutcome =
  | {
      ok: true;
      calibration: Calibration;
      issuesTotal: number;
      reportCsv: string;
      build: BuildResult;
      /** Present when the build succeeded: the replayed history and the scenario to open. */
      replay?: ReplayOutcome;
      joins: JoinSummary[];
    }
  | {
      ok: false;
      problems: CalibrationProblem[];
      report?: RowReport;
      issuesTotal: number;
      reportCsv?: string;
    };

/** A forecast from the import (docs/calibration.md, "Forecast"). */
export interface ForecastConfig {
  calibrate: CalibrateConfig;
  /** yyyy-mm-dd; default: the calibration's as-of date (the latest date in the file). */
  asOf?: string;
  fiscalYearStart?: number;
  trials: number;
}

export type ForecastOutcome =
  | {
      ok: true;
      /** The forecast scenario (started from today), to open in the app. */
      scenario: Scenario;
      asOf: string;
      quarter: ForecastStart['quarter'];
      booked: ForecastStart['booked'];
      openDeals: ForecastStart['openDeals'];
      openTotal: number;
      warnings: string[];
      /** Whether that as-of calibration's replay reproduced its history within 5%. */
      backtestOk: boolean;
      strategies: ForecastStrategy[];
      versus: ForecastVersus[];
      /** What differs between double-down and as-is, in a sentence. */
      difference: string;
      reps: RepQuotaChances[];
      owners: string[];
    }
  | { ok: false; message: string };

export type ForecastBacktestOutcome =
  | { ok: true; backtest: ForecastBacktest }
  | { ok: false; message: string };

/** A condition as edited: operators the editor offers. */
export type RuleOp = 'in' | 'not in' | '=' | '>=' | '<';

export interface RuleDraft {
  uid: number;
  column: string;
  op: RuleOp;
  /** For in / not in. */
  values: string[];
  /** For =, >=, < (and the typed list of in / not in when the column has many values). */
  text: string;
}

export interface SegmentDraft {
  uid: number;
  id: string;
  /** The id was typed (else it follows the name). */
  idTouched: boolean;
  name: string;
  sweetSpot: boolean;
  rules: RuleDraft[];
}

export interface JoinDraft {
  uid: number;
  fileId: number;
  fileName: string;
  column: string;
  key: string;
  aliases: Record<string, string>;
}
