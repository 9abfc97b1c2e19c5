/**
 * Tornado, step 2: run the plan (tornado-plan.ts) and measure how much the comparison A − B moves
 * when each input is set low and high, with the same seed and trials. Ranked by swing, the
 * biggest first. Progressive: the baseline and then each bar are handed to callbacks as soon as
 * their runs are done, so a chart can grow while the rest runs.
 */
import type { SimulationChunk } from '@sweetspot/engine';
import type { Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { checkTrials, type Job, runJobs, throwIfAborted } from './jobs.ts';
import { evaluateMetric, meanEstimate, perTrialMetric } from './metric.ts';
import type { ResolvedParam } from './path.ts';
import { coversLayout, precisionFromKnown, runToPrecision } from './precision.ts';
import {
  type PlannedInput,
  planTornado,
  type TornadoPlanOptions,
  type TornadoSide,
  type TornadoSkip,
} from './tornado-plan.ts';
import type { CommonOptions, Estimate, Metric, MetricSpec } from './types.ts';

/**
 * Trials per run chosen by precision: the baseline is run in batches until the 95% half-width of
 * its metric is at most `halfWidth` (a share of quota for a mean difference, a probability for
 * P(A beats B), as in `PrecisionTarget`), or `maxTrials` is reached; every variant then runs that
 * many trials.
 */
export interface TornadoPrecision {
  halfWidth: number;
  /** Default 2 000. */
  maxTrials?: number;
  /** Default 250: the smallest number of trials per run, and the step between candidates. */
  batchTrials?: number;
}

/**
 * The trials-per-run rule the web app uses: the baseline's A − B within ±1% of quota (±5
 * percentage points for P(A beats B)), in steps of 250 trials, at most 2 000. The swings are
 * differences between runs on the same worlds, far more precise than that interval, so this is
 * enough to rank the inputs (docs/decision.md, "Tornado").
 */
export function defaultTornadoPrecision(metric: Metric = 'bookings'): TornadoPrecision {
  return { halfWidth: metric === 'pABeatsB' ? 0.05 : 0.01, maxTrials: 2_000, batchTrials: 250 };
}

/** How far a tornado has got when a bar is handed over. */
export interface TornadoBarProgress {
  /** Bars handed over so far, this one included. */
  barsDone: number;
  /** Bars in all (inputs not skipped). */
  bars: number;
}

export interface TornadoOptions extends CommonOptions, TornadoPlanOptions {
  /** Trials per run. Default: chosen by `precision` if given, else the scenario's. */
  trials?: number;
  /** Choose the trials per run by precision (ignored when `trials` is given). */
  precision?: TornadoPrecision;
  /**
   * Trials [0, n) of `scenario` already simulated (the main run's): the baseline is read from them
   * instead of run again when they are enough (n at least the trials per run). The result is the
   * same, bit for bit, as without: trials are seeded by index. Ignored unless it starts at trial 0
   * with the scenario's layout.
   */
  known?: SimulationChunk;
  /** Runs in flight at once (default: workers + 1). */
  concurrency?: number;
  /** Called once with the baseline, before any bar. */
  onBaseline?: (baseline: Estimate, trialsPerRun: number) => void;
  /**
   * Called with each bar as soon as both of its sides are measured, in input order (the order of
   * `inputs`, not of swing). A bar is final when handed over: the result holds the same bar.
   */
  onBar?: (bar: TornadoBar, progress: TornadoBarProgress) => void;
}

export type { TornadoInput, TornadoSide, TornadoSkip } from './tornado-plan.ts';

export interface TornadoBar {
  path: string;
  label: string;
  group: ResolvedParam['group'];
  base: number;
  low: TornadoSide;
  high: TornadoSide;
  /**
   * |metric(high) − metric(low)|; a skipped side counts as the baseline. Estimates share the seed
   * (common random numbers), so the swing is far more precise than each estimate's interval.
   */
  swing: number;
  /**
   * 95% half-width of the swing, from the paired per-trial differences between the two ends (the
   * same worlds): a bar is told apart from another when their swings differ by more than this.
   * For P(A beats B), in probability.
   */
  swingHalfWidth: number;
}

export interface TornadoResult {
  spec: MetricSpec;
  swing: number;
  /** The metric on the scenario as given. */
  baseline: Estimate;
  /** Ranked by swing, largest first. */
  bars: TornadoBar[];
  /** Inputs left out, with the reason (e.g. a base of 0 that no relative swing moves). */
  skipped: TornadoSkip[];
  /** Simulation runs made (baseline included). */
  runs: number;
  trialsPerRun: number;
  /** When the trials were chosen by precision: the target and what the baseline reached. */
  precision?: { target: number; halfWidth: number; reached: boolean };
}

/** Per-trial values of one run: the metric's estimate and its values trial by trial. */
interface Measured {
  estimate: Estimate;
  values: Float64Array;
}

/** The metric over a chunk's first `count` trials (all by default), and trial by trial. */
function measure(
  scenario: Scenario,
  chunk: SimulationChunk,
  spec: MetricSpec,
  count: number = chunk.trialCount,
): Measured {
  return {
    estimate: evaluateMetric(scenario, chunk, spec, count),
    values: perTrialMetric(scenario, chunk, spec, count),
  };
}

/** 95% half-width of mean(high − low) over paired trials. */
function pairedHalfWidth(low: Float64Array, high: Float64Array): number {
  const d = new Float64Array(low.length);
  for (let t = 0; t < d.length; t++) d[t] = (high[t] as number) - (low[t] as number);
  const e = meanEstimate(d);
  return e.hi - e.estimate;
}

/** The bar of one planned input, its sides filled in from their runs or the baseline. */
function barOf(
  input: PlannedInput,
  baseline: Measured,
  lowRun: Measured | undefined,
  highRun: Measured | undefined,
): TornadoBar {
  const low = lowRun?.estimate;
  const high = highRun?.estimate;
  const fill = (side: TornadoSide, result: Estimate | undefined): TornadoSide =>
    side.skipped ? side : { ...side, result: result ?? baseline.estimate };
  const lo = fill(input.low, low);
  const hi = fill(input.high, high);
  const at = (side: TornadoSide) => (side.result ?? baseline.estimate).estimate;
  return {
    path: input.param.path,
    label: input.param.label,
    group: input.param.group,
    base: input.param.value,
    low: lo,
    high: hi,
    swing: Math.abs(at(hi) - at(lo)),
    swingHalfWidth: pairedHalfWidth((lowRun ?? baseline).values, (highRun ?? baseline).values),
  };
}

/** Largest swing first; a swing that is not a number last. */
function bySwing(x: TornadoBar, y: TornadoBar): number {
  const a = Number.isNaN(x.swing) ? -1 : x.swing;
  const b = Number.isNaN(y.swing) ? -1 : y.swing;
  return b - a;
}

/**
 * Runs the baseline and, for every input, a low and a high variant of `scenario` with the same
 * seed and number of trials (so every run faces the same simulated worlds as far as the input
 * allows), and ranks inputs by how much they move the metric of A − B (see `planTornado` for the
 * variants). Runs go through `runner`, a few at a time, baseline first and then the inputs in
 * order; progress is over all of them; aborting the signal stops them all and no callback runs
 * after it. A callback that throws fails the tornado. The result is the same, bit for bit, with
 * or without callbacks, and with `precision` as with `trials` set to the count it chose.
 */
export async function tornado(
  runner: Runner,
  scenario: Scenario,
  options: TornadoOptions = {},
): Promise<TornadoResult> {
  throwIfAborted(options.signal);
  const plan = planTornado(scenario, options);
  const { spec, inputs } = plan;
  const signal = options.signal;
  let trials: number;
  let baseline: Measured | undefined;
  let precision: TornadoResult['precision'];

  const known = options.known && coversLayout(plan.base, options.known) ? options.known : undefined;
  const p = options.trials === undefined ? options.precision : undefined;
  if (p) {
    const target = { ...spec, halfWidth: p.halfWidth };
    const batches = { maxTrials: p.maxTrials ?? 2_000, batchTrials: p.batchTrials ?? 250 };
    const reused = known ? precisionFromKnown(plan.base, known, target, batches) : undefined;
    if (reused && known) {
      trials = reused.trials;
      baseline = measure(plan.base, known, spec, trials);
      precision = { target: reused.target, halfWidth: reused.halfWidth, reached: reused.reached };
    } else {
      const measured = await runToPrecision(runner, plan.base, target, {
        ...batches,
        ...(signal ? { signal } : {}),
        ...(options.onProgress
          ? {
              onProgress: (q) =>
                options.onProgress?.({
                  done: q.done,
                  total: q.total * plan.runs,
                  runsDone: 0,
                  runs: plan.runs,
                }),
            }
          : {}),
      });
      trials = measured.trials;
      baseline = measure(plan.base, measured.chunk, spec);
      precision = {
        target: measured.target,
        halfWidth: measured.halfWidth,
        reached: measured.reached,
      };
    }
  } else {
    trials = checkTrials(options.trials ?? plan.base.trials);
    if (known && known.trialCount >= trials) baseline = measure(plan.base, known, spec, trials);
  }
  // A baseline measured before the jobs counts as one run done.
  const offset = baseline ? { done: trials, total: trials } : { done: 0, total: 0 };
  const runOffset = baseline ? 1 : 0;
  throwIfAborted(signal);

  // Jobs: the baseline (unless measured above), then each input's low and high sides in order.
  const jobs: Job[] = [];
  const baselineJob = baseline ? -1 : jobs.push({ scenario: plan.base, trials }) - 1;
  const sideJobs = inputs.map((input) => ({
    low: input.lowScenario ? jobs.push({ scenario: input.lowScenario, trials }) - 1 : -1,
    high: input.highScenario ? jobs.push({ scenario: input.highScenario, trials }) - 1 : -1,
  }));
  // A run's per-trial values are kept until its bar is handed over (bars complete in about job
  // order, so only a few are held at once), the baseline's until the end.
  const measuredRuns = new Array<Measured | undefined>(jobs.length);
  const bars: TornadoBar[] = [];
  const at = (job: number) => (job < 0 ? undefined : measuredRuns[job]);

  /** Hands over the baseline and every bar whose runs are all done, in input order. */
  const handOver = () => {
    if (!baseline) return;
    while (bars.length < inputs.length) {
      const i = bars.length;
      const { low, high } = sideJobs[i] as { low: number; high: number };
      if ((low >= 0 && !at(low)) || (high >= 0 && !at(high))) return;
      const bar = barOf(inputs[i] as PlannedInput, baseline, at(low), at(high));
      if (low >= 0) measuredRuns[low] = undefined;
      if (high >= 0) measuredRuns[high] = undefined;
      bars.push(bar);
      options.onBar?.(bar, { barsDone: bars.length, bars: inputs.length });
    }
  };

  if (baseline) {
    options.onBaseline?.(baseline.estimate, trials);
    handOver();
  }
  await runJobs(
    runner,
    jobs,
    (chunk, index) => {
      throwIfAborted(signal); // no callback after an abort
      const job = jobs[index] as Job;
      const run = measure(job.scenario, chunk, spec);
      measuredRuns[index] = run;
      if (index === baselineJob) {
        baseline = run;
        options.onBaseline?.(run.estimate, trials);
      }
      handOver();
    },
    {
      ...(signal ? { signal } : {}),
      ...(options.onProgress
        ? {
            onProgress: (p) =>
              options.onProgress?.({
                ...p,
                runsDone: (p.runsDone ?? 0) + runOffset,
                runs: (p.runs ?? 0) + runOffset,
              }),
          }
        : {}),
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      progressOffset: offset,
    },
  );
  return {
    spec,
    swing: plan.swing,
    baseline: (baseline as Measured).estimate,
    bars: [...bars].sort(bySwing),
    skipped: plan.skipped,
    runs: plan.runs,
    trialsPerRun: trials,
    ...(precision ? { precision } : {}),
  };
}
