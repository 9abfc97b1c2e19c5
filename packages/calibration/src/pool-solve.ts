/**
 * Specialist hours for a calibrated team (docs/calibration.md, "Specialist pools"). A CRM export
 * records neither how many pre-sales, legal or executive hours the team had nor how many each deal
 * took. The hours each segment's deals need per selling hour (`specialistHoursPerSellingHour`) are
 * kept from the base scenario, like cost to serve; each pool's hours a week are given, or solved:
 * the fewest hours at which the as-is strategy's deals still close at their observed pace — at
 * most one more decided deal in a hundred late or stalled than with an unlimited pool — the pool
 * taken to be as busy as the history allows, as the reps are by the effort solve.
 */
import type { Scenario } from '@sweetspot/scenario';
import { Z90 } from '@sweetspot/scenario';
import { AS_IS_ID, replayStrategy } from './replay-strategy.ts';

/** Most extra decided deals (share) a solved pool may leave late or stalled. */
export const MAX_POOL_DISTORTION = 0.01;
/** A pool no scenario can exceed (the schema's bound): "unlimited" while others are solved. */
const UNLIMITED_HOURS = 100_000;

export interface PoolSolve {
  id: string;
  name: string;
  /** Hours a week written into the scenario. */
  hoursPerWeek: number;
  source: 'given' | 'solved' | 'base scenario (no segment needs it)';
  /** Specialist hours a week the as-is strategy draws when the pool is never short. */
  meanDemand: number;
  /** meanDemand ÷ hoursPerWeek. */
  utilization: number;
  /** Late or stalled share of decided deals with this pool (others unlimited) minus without. */
  extraDistortion: number;
  /** Solved pools: whether some size met the target within the search range. */
  met: boolean;
}

/** Mean of a lognormal given by its median and 90th percentile: median · e^(σ²/2). */
function lognormalMean(median: number, p90: number): number {
  const sigma = p90 > median ? Math.log(p90 / median) / Z90 : 0;
  return median * Math.exp((sigma * sigma) / 2);
}

/**
 * Specialist hours a week pool `poolId` serves when never short, in steady state (Little's law:
 * each arrival's whole effort is worked over its life): reps × Σₛ λₛ · E[effortₛ] · kₛ,ₚ.
 */
export function poolDemand(scenario: Scenario, poolId: string): number {
  let perRep = 0;
  for (const s of scenario.segments) {
    const k = s.specialistHoursPerSellingHour?.[poolId] ?? 0;
    if (k > 0)
      perRep +=
        s.opportunitiesPerRepPerWeek * lognormalMean(s.effortHours.median, s.effortHours.p90) * k;
  }
  return scenario.team.reps * perRep;
}

/** The scenario with pool hours replaced (pools not in `hours` keep theirs). */
export function withPoolHours(scenario: Scenario, hours: Record<string, number>): Scenario {
  const pools = scenario.team.specialists;
  if (!pools) return scenario;
  return {
    ...scenario,
    team: {
      ...scenario.team,
      specialists: pools.map((p) =>
        hours[p.id] === undefined ? p : { ...p, hoursPerWeek: hours[p.id] as number },
      ),
    },
  };
}

/** Every pool unlimited: the effort solve sees the reps' hours alone. */
export function unlimitedPools(scenario: Scenario): Scenario {
  const pools = scenario.team.specialists ?? [];
  return withPoolHours(scenario, Object.fromEntries(pools.map((p) => [p.id, UNLIMITED_HOURS])));
}

/** Rounds hours up to 3 significant digits (a solved pool is never rounded below its size). */
function roundUp(x: number): number {
  if (x <= 0) return 0;
  const scale = 10 ** (Math.floor(Math.log10(x)) - 2);
  return Number((Math.ceil(x / scale - 1e-9) * scale).toPrecision(3));
}

/**
 * Each pool's hours: given ones as given; the others solved one at a time (the rest unlimited) as
 * the fewest hours with at most MAX_POOL_DISTORTION more late or stalled deals than unlimited —
 * bisection on ln hours over [demand ÷ 4, 4 × demand], `steps` steps, the same trials at each.
 */
export function solvePools(
  scenario: Scenario,
  trials: number,
  given: Readonly<Record<string, number>> = {},
  steps = 8,
): { scenario: Scenario; pools: PoolSolve[] } {
  const pools = scenario.team.specialists ?? [];
  if (pools.length === 0) return { scenario, pools: [] };
  const open = unlimitedPools(scenario);
  const distortionAt = (id: string, hours: number) =>
    replayStrategy(withPoolHours(open, { [id]: hours }), AS_IS_ID, trials).distortion;
  const unlimited = replayStrategy(open, AS_IS_ID, trials).distortion;
  const hours: Record<string, number> = {};
  const solves: PoolSolve[] = [];
  for (const pool of pools) {
    const demand = poolDemand(scenario, pool.id);
    let size: number;
    let source: PoolSolve['source'];
    let met = true;
    if (given[pool.id] !== undefined) {
      size = given[pool.id] as number;
      source = 'given';
    } else if (demand === 0) {
      size = pool.hoursPerWeek;
      source = 'base scenario (no segment needs it)';
    } else {
      source = 'solved';
      let lo = Math.log(demand / 4);
      let hi = Math.log(demand * 4);
      if (distortionAt(pool.id, Math.exp(hi)) - unlimited > MAX_POOL_DISTORTION) {
        met = false;
        lo = hi;
      } else if (distortionAt(pool.id, Math.exp(lo)) - unlimited <= MAX_POOL_DISTORTION) hi = lo;
      else
        for (let i = 0; i < steps; i++) {
          const mid = (lo + hi) / 2;
          if (distortionAt(pool.id, Math.exp(mid)) - unlimited <= MAX_POOL_DISTORTION) hi = mid;
          else lo = mid;
        }
      size = Math.min(UNLIMITED_HOURS, roundUp(Math.exp(hi)));
    }
    hours[pool.id] = size;
    solves.push({
      id: pool.id,
      name: pool.name,
      hoursPerWeek: size,
      source,
      meanDemand: demand,
      utilization: size > 0 ? demand / size : 0,
      extraDistortion: demand === 0 ? 0 : distortionAt(pool.id, size) - unlimited,
      met,
    });
  }
  return { scenario: withPoolHours(scenario, hours), pools: solves };
}
