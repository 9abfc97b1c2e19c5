/**
 * Decision analysis (issue 7): how precise a comparison is, what it is sensitive to, where A and
 * B break even, and how much out-of-profile demand is worth chasing. DOM-free and Node-free: every
 * analysis takes a `Runner` (a browser pool in the web app, a Node pool in the CLI, in-thread in
 * tests) and uses common random numbers throughout.
 */
export {
  type BreakEvenCrossing,
  type BreakEvenNoCrossing,
  type BreakEvenOptions,
  type BreakEvenResult,
  breakEven,
  defaultRange,
  type Evaluation,
} from './breakeven.ts';
export {
  FRONTIER_METRICS,
  type FrontierMetric,
  type FrontierOptions,
  type FrontierPoint,
  type FrontierResult,
  frontier,
  valuePerHour,
} from './frontier.ts';
export {
  type Job,
  type JobOptions,
  LinkedSignal,
  runJobs,
  runOne,
  throwIfAborted,
} from './jobs.ts';
export {
  checkMetricSpec,
  describeMetric,
  evaluateMetric,
  halfWidth,
  meanEstimate,
  pairedDifferences,
  pairedValues,
  proportionEstimate,
} from './metric.ts';
export {
  clampParam,
  cloneScenario,
  defaultInputPaths,
  getParam,
  inRange,
  type ParamRule,
  parsePath,
  type ResolvedParam,
  resolveParam,
  setParam,
} from './path.ts';
export {
  type PrecisionOptions,
  type PrecisionResult,
  type PrecisionTarget,
  quotaOver,
  runToPrecision,
  type TracePoint,
} from './precision.ts';
export {
  type TornadoBar,
  type TornadoInput,
  type TornadoOptions,
  type TornadoResult,
  type TornadoSide,
  type TornadoSkip,
  tornado,
} from './tornado.ts';
export * from './types.ts';
