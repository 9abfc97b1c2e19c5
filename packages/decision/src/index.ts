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
  type FrontierPlan,
  type FrontierPoint,
  type FrontierResult,
  frontier,
  planFrontier,
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
  pairedValues,
  perTrialMetric,
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
  type KnownPrecision,
  type PrecisionOptions,
  type PrecisionResult,
  type PrecisionTarget,
  precisionFromKnown,
  quotaOver,
  runToPrecision,
  type TracePoint,
} from './precision.ts';
export {
  defaultTornadoPrecision,
  type TornadoBar,
  type TornadoBarProgress,
  type TornadoOptions,
  type TornadoPrecision,
  type TornadoResult,
  tornado,
} from './tornado.ts';
export {
  type PlannedInput,
  planTornado,
  type TornadoInput,
  type TornadoPlan,
  type TornadoPlanOptions,
  type TornadoSide,
  type TornadoSkip,
} from './tornado-plan.ts';
export * from './types.ts';
