import { type Pursue, pursueMask, type Scenario, type Strategy } from '@sweetspot/scenario';
import { lognormalParams } from './random/lognormal.ts';
import { PRIORITY_CODE } from './strategy/priority.ts';

/** A strategy reduced to numbers: pursue masks per segment, priority code, push settings. */
export interface CompiledStrategy {
  pursue: Uint8Array;
  priority: number;
  hasPush: boolean;
  pushFromWeek: number;
  pushBelowAttainment: number;
  pushPursue: Uint8Array;
  pullInWeeks: number;
  extraDiscount: number;
  pullInWinFactor: number;
  overtime: number;
}

/** A validated scenario reduced to typed arrays, so the hot loop never touches objects. */
export interface CompiledScenario {
  seed: number;
  reps: number;
  hours: number;
  quota: number;
  overhead: number;
  delayPenalty: number;
  stallWeeks: number;
  quarters: number;
  weeksPerQuarter: number;
  warmupWeeks: number;
  totalWeeks: number;
  segments: number;
  arrivalRate: Float64Array;
  winRate: Float64Array;
  /** Evidence count n for the per-trial Beta draw; 0 means the win rate is known exactly. */
  winEvidence: Float64Array;
  sizeMu: Float64Array;
  sizeSigma: Float64Array;
  cycleMu: Float64Array;
  cycleSigma: Float64Array;
  effortMu: Float64Array;
  effortSigma: Float64Array;
  /** Correlation of ln size with ln effort and with ln cycle (0 = independent). */
  sizeEffortRho: Float64Array;
  sizeCycleRho: Float64Array;
  discount: Float64Array;
  costToServe: Float64Array;
  churn: Float64Array;
  qualification: Float64Array;
  strategies: CompiledStrategy[];
}

function maskOf(pursue: Pursue, scenario: Scenario): Uint8Array {
  return Uint8Array.from(pursueMask(pursue, scenario));
}

/** Reduces a strategy of a validated scenario to the numbers the engine uses. */
export function compileStrategy(st: Strategy, scenario: Scenario): CompiledStrategy {
  const push = st.quarterEndPush;
  return {
    pursue: maskOf(st.pursue, scenario),
    priority: PRIORITY_CODE[st.priority],
    hasPush: push !== undefined,
    pushFromWeek: push?.fromWeek ?? 0,
    pushBelowAttainment: push?.belowAttainment ?? 0,
    pushPursue: push ? maskOf(push.pursue, scenario) : new Uint8Array(scenario.segments.length),
    pullInWeeks: push?.pullInWeeks ?? 0,
    extraDiscount: push?.extraDiscount ?? 0,
    pullInWinFactor: push?.pullInWinFactor ?? 1,
    overtime: push?.overtime ?? 1,
  };
}

/** Reduces a validated scenario to the numbers the engine uses. */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const n = scenario.segments.length;
  const arr = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const seg = (i: number) => {
    const s = scenario.segments[i];
    if (!s) throw new RangeError(`segment ${i} missing`);
    return s;
  };
  const size = scenario.segments.map((s) => lognormalParams(s.dealSize.median, s.dealSize.p90));
  const cycle = scenario.segments.map((s) =>
    lognormalParams(s.salesCycleWeeks.median, s.salesCycleWeeks.p90),
  );
  const effort = scenario.segments.map((s) =>
    lognormalParams(s.effortHours.median, s.effortHours.p90),
  );
  const { horizon, team, dynamics } = scenario;
  return {
    seed: scenario.seed,
    reps: team.reps,
    hours: team.sellingHoursPerWeek,
    quota: team.quotaPerRepPerQuarter,
    overhead: team.overheadHoursPerActiveDeal,
    delayPenalty: dynamics.delayPenaltyPerWeek,
    stallWeeks: dynamics.stallWeeks,
    quarters: horizon.quarters,
    weeksPerQuarter: horizon.weeksPerQuarter,
    warmupWeeks: horizon.warmupWeeks,
    totalWeeks: horizon.warmupWeeks + horizon.quarters * horizon.weeksPerQuarter,
    segments: n,
    arrivalRate: arr((i) => seg(i).opportunitiesPerRepPerWeek),
    winRate: arr((i) => seg(i).winRate),
    winEvidence: arr((i) => seg(i).winRateUncertainty ?? 0),
    sizeMu: arr((i) => size[i]?.mu ?? 0),
    sizeSigma: arr((i) => size[i]?.sigma ?? 0),
    cycleMu: arr((i) => cycle[i]?.mu ?? 0),
    cycleSigma: arr((i) => cycle[i]?.sigma ?? 0),
    effortMu: arr((i) => effort[i]?.mu ?? 0),
    effortSigma: arr((i) => effort[i]?.sigma ?? 0),
    sizeEffortRho: arr((i) => seg(i).sizeEffortCorrelation ?? 0),
    sizeCycleRho: arr((i) => seg(i).sizeCycleCorrelation ?? 0),
    discount: arr((i) => seg(i).discount),
    costToServe: arr((i) => seg(i).costToServe),
    churn: arr((i) => seg(i).annualChurn),
    qualification: arr((i) => seg(i).qualificationHours),
    strategies: scenario.strategies.map((st) => compileStrategy(st, scenario)),
  };
}
