/**
 * Strictness frontier: expected bookings, margin and P(hit quota) as a strategy pursues more and
 * more of the out-of-profile demand, from none (the sweet spot only) to all of it.
 *
 * - Several out-of-profile segments (`mode: 'segments'`): pursue none, the first, the first two,
 *   …, all of them, in order of expected booked value per effort hour (or a given order). Every
 *   point is a strategy played on the same simulated worlds (common random numbers), and the
 *   endpoints are exactly the pure strategies.
 * - One out-of-profile segment (`mode: 'split'`): pursue a share s of its arrivals. The scenario
 *   format has no such knob, so the segment is split into copies with the same parameters and
 *   arrival rates that add up to its own (Poisson splitting: the same market; docs/decision.md),
 *   and the strategy pursues some copies and not others.
 *
 * The steps are in their own modules: frontier-plan.ts (the points and the runs that play them),
 * frontier-measure.ts (each point's estimates, the best point, which points are near it); this
 * one runs the plan and hands each point over as soon as its run is done.
 */
import type { Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import {
  bestPoints,
  extract,
  type FrontierMetric,
  type FrontierPoint,
  markNearBest,
  type PointData,
  pointOf,
} from './frontier-measure.ts';
import { type FrontierPlanOptions, type PointPlan, planFrontier } from './frontier-plan.ts';
import { checkTrials, type Job, runJobs, throwIfAborted, validOrThrow } from './jobs.ts';
import type { CommonOptions } from './types.ts';

export {
  FRONTIER_METRICS,
  type FrontierMetric,
  type FrontierPoint,
} from './frontier-measure.ts';
export { type FrontierPlan, planFrontier, valuePerHour } from './frontier-plan.ts';

export interface FrontierOptions extends CommonOptions, FrontierPlanOptions {
  /** Trials per run. Default: the scenario's. */
  trials?: number;
  /** Runs in flight at once (default: workers + 1). */
  concurrency?: number;
  /**
   * Called with each point as soon as the run that plays it is done (`index` is its place in
   * `points`, from none of the out-of-profile demand to all). Its estimates are final; `nearBest`
   * and the best points need every point and are only in the result.
   */
  onPoint?: (
    point: FrontierPoint,
    index: number,
    progress: { pointsDone: number; points: number },
  ) => void;
}

export interface FrontierResult {
  mode: 'segments' | 'split';
  design: 'shared-world' | 'per-point';
  /** Strategy whose priority and push the points use. */
  strategy: string;
  /** Out-of-profile segment ids in the order pursued (one id in split mode). */
  order: string[];
  points: FrontierPoint[];
  /** Index of the best point for each metric (highest mean). */
  best: Record<FrontierMetric, number>;
  runs: number;
  trialsPerRun: number;
  notes: string[];
}

/**
 * Sweeps how much out-of-profile demand a strategy pursues, from none to all, and reports
 * expected horizon bookings, gross margin, retained recurring revenue and P(hit quota) at each
 * point, with the best point per metric. See the module comment for the two modes. Aborting the
 * signal stops every run, and no callback runs after it; a callback that throws fails the
 * frontier. The result is the same with or without callbacks.
 */
export async function frontier(
  runner: Runner,
  scenario: Scenario,
  options: FrontierOptions = {},
): Promise<FrontierResult> {
  const valid = validOrThrow(scenario, options.signal);
  const trials = checkTrials(options.trials ?? valid.trials);
  const base: Scenario = { ...valid, trials };
  const plan = planFrontier(base, trials, options);
  const { jobs } = plan;

  const byJob = new Map<number, number[]>();
  plan.points.forEach((p, i) => {
    byJob.set(p.job, [...(byJob.get(p.job) ?? []), i]);
  });
  const data = new Array<PointData>(plan.points.length);
  const points = new Array<FrontierPoint>(plan.points.length);
  let pointsDone = 0;
  await runJobs(
    runner,
    jobs,
    (chunk, index) => {
      throwIfAborted(options.signal); // no callback after an abort
      const scenarioOfJob = (jobs[index] as Job).scenario;
      for (const i of byJob.get(index) ?? []) {
        const p = plan.points[i] as PointPlan;
        const d = extract(scenarioOfJob, chunk, p.strategyId);
        data[i] = d;
        points[i] = pointOf(p, d);
        pointsDone++;
        options.onPoint?.({ ...(points[i] as FrontierPoint) }, i, {
          pointsDone,
          points: plan.points.length,
        });
      }
    },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    },
  );

  const best = bestPoints(points);
  if (plan.design === 'shared-world') markNearBest(points, data, best);
  return {
    mode: plan.mode,
    design: plan.design,
    strategy: plan.strategy,
    order: plan.order,
    points,
    best,
    runs: jobs.length,
    trialsPerRun: trials,
    notes: plan.notes,
  };
}
