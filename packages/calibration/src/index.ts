/** Calibrate a scenario from a CRM export: CSV import, mapping, joins, segments, fits, scenario. */

export { type ArrivalFit, fitArrivals } from './arrivals.ts';
export {
  AS_IS_STRATEGY,
  type BuildOptions,
  type BuildResult,
  buildScenario,
  FITTED_FIELDS,
  FOCUS_STRATEGY,
  KEPT_FIELDS,
  METHOD_SOURCES,
  SOLVED_FIELDS,
  START_UTILIZATION,
  type TeamSources,
  WEEK_START_OFFSET,
} from './build-scenario.ts';
export {
  type Calibration,
  type CalibrationFailure,
  type CalibrationOptions,
  type CalibrationProblem,
  type CalibrationResult,
  calibrate,
  type DateInfo,
  lineList,
  type PipelineDeal,
  type ProblemCode,
  type SegmentFit,
  type StalePolicy,
  type WonDeal,
} from './calibrate.ts';
export {
  type CsvFatalReason,
  type CsvIssue,
  type CsvIssueReason,
  type CsvOptions,
  type CsvProgress,
  type CsvTable,
  cleanHeaders,
  guessDelimiter,
  parseCsv,
} from './csv.ts';
export { type CycleFit, fitCycle } from './cycle-fit.ts';
export {
  DATE_FORMAT_NAMES,
  type DateDetection,
  type DateOrder,
  dateParser,
  dayNumber,
  detectDateOrder,
  fittingOrders,
  formatDay,
  parseDate,
  parseDateFormat,
  parseNamedMonthDate,
} from './dates.ts';
export { type DiscountFit, fitDiscount } from './discount-fit.ts';
export {
  backtestForecasts,
  type ForecastBacktest,
  type ForecastBacktestSettings,
  type ForecastCheck,
  formatForecastBacktest,
} from './forecast-backtest.ts';
export {
  type PreparedForecast,
  type PrepareForecastOptions,
  prepareForecast,
} from './forecast-prepare.ts';
export { type RepQuotaChances, repQuotaChances } from './forecast-reps.ts';
export {
  DOUBLE_DOWN_ID,
  forecastScenario,
  forecastStrategies,
  WIDER_NET_ID,
} from './forecast-scenario.ts';
export {
  ageFactor,
  type CurrentQuarter,
  currentQuarter,
  decidedShare,
  type ForecastStart,
  type ForecastStartOptions,
  type ForecastStartResult,
  forecastStart,
  openDealWinChance,
} from './forecast-start.ts';
export {
  formatFitTable,
  formatJoins,
  formatOutcomes,
  formatRowReport,
  formatSummary,
  textTable,
} from './format.ts';
export {
  type AnchoredFit,
  computeHistory,
  fitAnchored,
  type History,
  type HistoryFigures,
  type HistoryQuarter,
  QUARTER_DAYS,
} from './history.ts';
export {
  editDistance,
  findColumn,
  type JoinedView,
  type JoinReport,
  type JoinResult,
  type JoinSpec,
  joinTables,
  keyShape,
  nearMisses,
  type UnmatchedKey,
} from './join.ts';
export {
  type KaplanMeierCurve,
  kaplanMeier,
  kmQuantile,
  type Observation,
} from './kaplan-meier.ts';
export { fitLognormal, type LognormalFit } from './lognormal-fit.ts';
export {
  type ColumnMapping,
  cleanCell,
  columnCandidates,
  guessMapping,
  guessOutcome,
  headerScore,
  isMissingValue,
  isNoDecision,
  MAPPING_FIELD_LABELS,
  MAPPING_FIELDS,
  type MappingField,
  normalizeName,
  type Outcome,
  type OutcomeEntry,
  type OutcomeRules,
  outcomeTable,
} from './mapping.ts';
export { type DecimalSeparator, parseAmount } from './numbers.ts';
export {
  MAX_POOL_DISTORTION,
  type PoolSolve,
  poolDemand,
  solvePools,
  unlimitedPools,
  withPoolHours,
} from './pool-solve.ts';
export { EARLIEST_DATE, MAX_AMOUNT, type NoDecisionPolicy } from './records.ts';
export {
  BACKTEST_FIGURES,
  BACKTEST_TOLERANCE,
  type Backtest,
  type BacktestFigure,
  type BacktestRow,
  compareWithHistory,
  type EffortSolve,
  FIGURE_LABELS,
  formatBacktest,
  MAX_DISTORTION,
  poolSentence,
  type ReplayOptions,
  type ReplayResult,
  replayHistory,
  scaleEffort,
  solveEffort,
} from './replay.ts';
export * from './replay-strategy.ts';
export {
  REASON_TEXT,
  type ReasonCount,
  type RowIssue,
  type RowReason,
  type RowReport,
  type Severity,
} from './report.ts';
export {
  type CompiledSegments,
  type Condition,
  compileSegments,
  describeCondition,
  type Parsed,
  parseCondition,
  parseSegmentRule,
  SEGMENT_ID,
  type SegmentRule,
  segmentSlug,
} from './segments.ts';
export { fitSizeCycle, type SizeCycleFit } from './size-cycle.ts';
export * from './special.ts';
export {
  CLEAR_SPLIT_Z,
  compareSweetSpot,
  formatSplitProposal,
  INDISTINGUISHABLE_Z,
  MAX_CATEGORIES,
  proposeSplit,
  rankSplits,
  ratioEstimate,
  type SegmentDeals,
  type SplitCandidate,
  type SplitGroup,
  type SplitProposal,
  type SweetSpotComparison,
} from './split.ts';
export {
  type Histogram,
  histogram,
  inverseEcdfSorted,
  median,
  type QQPoint,
  qqPoints,
  quantileSorted,
} from './stats.ts';
export { fitWinRate, type WinRateFit } from './winrate.ts';
