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
  /** Segments prospected with spare hours (docs/model.md §14), a 0/1 mask. */
  prospect: Uint8Array;
  /** When it prospects: PROSPECT_NEVER, PROSPECT_ALWAYS or PROSPECT_DURING_PUSH. */
  prospectWhen: number;
}

/** When a strategy prospects (CompiledStrategy.prospectWhen). */
export const PROSPECT_NEVER = 0;
export const PROSPECT_ALWAYS = 1;
export const PROSPECT_DURING_PUSH = 2;

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
  /** Loaded cost of a rep hour worked (docs/model.md §13). */
  costPerSellingHour: number;
  /** Specialist pools (docs/model.md §12): only pools some segment needs are kept. */
  pools: number;
  poolHours: Float64Array;
  poolCost: Float64Array;
  /** Specialist hours of pool p per selling hour on a deal of segment s, at [s · pools + p]. */
  specialistNeed: Float64Array;
  /** Σ over pools of specialistNeed, per segment: specialist hours per selling hour. */
  specialistPerHour: Float64Array;
  /** Σ over pools of specialistNeed × pool cost, per segment: specialist cost per selling hour. */
  specialistCostPerHour: Float64Array;
  /** Hours per prospected opportunity per segment (0: cannot be prospected), and the lag. */
  prospectHours: Float64Array;
  prospectLag: Int32Array;
  strategies: CompiledStrategy[];
  /** A start from today (docs/model.md §16); without one, no pipeline and nothing booked. */
  start: CompiledStart;
}

/**
 * The open pipeline and bookings so far of a start from today (docs/model.md §16), ordered by rep
 * (deals of rep r are [repStart[r], repStart[r + 1]), in the scenario's order).
 */
export interface CompiledStart {
  /** The scenario starts from today (its `start` is set). */
  active: boolean;
  count: number;
  segment: Uint8Array;
  age: Int32Array;
  /** Booked value if won; NaN: drawn from the segment's deal size. */
  amount: Float64Array;
  /** Bayes factor on the odds of winning for the deal's age. */
  winOdds: Float64Array;
  repStart: Int32Array;
  /** Per rep: booked value and gross margin so far in the current quarter. */
  booked: Float64Array;
  margin: Float64Array;
}

/** A scenario's start, compiled (an empty one when it has none). */
export function compileStart(scenario: Scenario): CompiledStart {
  const reps = scenario.team.reps;
  const deals = [...(scenario.start?.pipeline ?? [])]
    .map((d, i) => ({ d, i }))
    .sort((x, y) => x.d.rep - y.d.rep || x.i - y.i)
    .map((x) => x.d);
  const index = new Map(scenario.segments.map((s, i) => [s.id, i]));
  const repStart = new Int32Array(reps + 1);
  for (const d of deals) repStart[d.rep] = (repStart[d.rep] as number) + 1;
  for (let r = 1; r <= reps; r++)
    repStart[r] = (repStart[r] as number) + (repStart[r - 1] as number);
  const booked = new Float64Array(reps);
  const margin = new Float64Array(reps);
  for (const b of scenario.start?.booked ?? []) {
    booked[b.rep - 1] = b.amount;
    margin[b.rep - 1] = b.margin ?? b.amount;
  }
  return {
    active: scenario.start !== undefined,
    count: deals.length,
    segment: Uint8Array.from(deals, (d) => index.get(d.segment) ?? 0),
    age: Int32Array.from(deals, (d) => d.ageWeeks),
    amount: Float64Array.from(deals, (d) => d.amount ?? Number.NaN),
    winOdds: Float64Array.from(deals, (d) => d.winOdds ?? 1),
    repStart,
    booked,
    margin,
  };
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
    ...compileProspecting(st, scenario),
  };
}

/**
 * A strategy's prospecting (docs/model.md §14), as the engine plays it: the segments it takes
 * that can be prospected, and when; "during-push" without a push never prospects.
 */
function compileProspecting(
  st: Strategy,
  scenario: Scenario,
): Pick<CompiledStrategy, 'prospect' | 'prospectWhen'> {
  const p = st.prospecting;
  const prospect = new Uint8Array(scenario.segments.length);
  if (p === undefined) return { prospect, prospectWhen: PROSPECT_NEVER };
  const mask = pursueMask(p.pursue, scenario);
  scenario.segments.forEach((seg, s) => {
    if (mask[s] === 1 && seg.prospecting !== undefined) prospect[s] = 1;
  });
  const none = !prospect.includes(1) || (p.when === 'during-push' && !st.quarterEndPush);
  return {
    prospect,
    prospectWhen: none
      ? PROSPECT_NEVER
      : p.when === 'always'
        ? PROSPECT_ALWAYS
        : PROSPECT_DURING_PUSH,
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
  // A start from today begins in week k of the current quarter (its first quarter, reported):
  // the weeks before k are past, so the reported weeks start k − 1 weeks "late" (§16).
  const warmupWeeks = scenario.start ? -(scenario.start.weekOfQuarter - 1) : horizon.warmupWeeks;
  // Pools no segment needs change nothing: left out, so the week loop can skip them.
  const pools = (team.specialists ?? []).filter((pool) =>
    scenario.segments.some((s) => (s.specialistHoursPerSellingHour?.[pool.id] ?? 0) > 0),
  );
  const P = pools.length;
  const specialistNeed = new Float64Array(n * P);
  const specialistPerHour = new Float64Array(n);
  const specialistCostPerHour = new Float64Array(n);
  scenario.segments.forEach((s, i) => {
    pools.forEach((pool, p) => {
      const k = s.specialistHoursPerSellingHour?.[pool.id] ?? 0;
      specialistNeed[i * P + p] = k;
      specialistPerHour[i] = (specialistPerHour[i] as number) + k;
      specialistCostPerHour[i] = (specialistCostPerHour[i] as number) + k * (pool.costPerHour ?? 0);
    });
  });
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
    warmupWeeks,
    totalWeeks: warmupWeeks + horizon.quarters * horizon.weeksPerQuarter,
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
    costPerSellingHour: team.costPerSellingHour ?? 0,
    pools: P,
    poolHours: Float64Array.from(pools, (pool) => pool.hoursPerWeek),
    poolCost: Float64Array.from(pools, (pool) => pool.costPerHour ?? 0),
    specialistNeed,
    specialistPerHour,
    specialistCostPerHour,
    prospectHours: arr((i) => seg(i).prospecting?.hoursPerOpportunity ?? 0),
    prospectLag: Int32Array.from(scenario.segments, (s) => s.prospecting?.lagWeeks ?? 1),
    strategies: scenario.strategies.map((st) => compileStrategy(st, scenario)),
    start: compileStart(scenario),
  };
}
