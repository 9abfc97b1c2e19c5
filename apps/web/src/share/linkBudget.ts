/**
 * How long a link's run would take, so that a link never starts a run estimated over a minute
 * without asking (docs/sharing.md, "A link's run"). Pure TS, unit-tested.
 */
import { PRECISION_BATCH, PRECISION_MIN_BATCHES } from '@sweetspot/analysis';
import { defaultBrowserWorkers } from '@sweetspot/runner/browser';
import {
  estimateRunSeconds,
  expectedDealsPerTrial,
  type Scenario,
  strategiesPlayed,
} from '@sweetspot/scenario';

export { strategiesPlayed };

/**
 * Deals played per second by one simulation worker (a deal counted once per strategy playing it).
 * Source: `npm run bench -w @sweetspot/engine` on the development machine (2 cores, 2026-12-04)
 * gave 4,868 trials/s × 390 deals × 2 strategies = 3.8 million on the bench's reference scenario,
 * and 4.1 million on the default scenario (825 trials/s × 2,493 deals × 2); under heavy load the
 * same bench has given 3,100 trials/s (2.4 million). The constant takes the loaded figure, so the
 * estimate errs towards asking.
 */
export const DEAL_PLAYS_PER_SECOND_PER_WORKER = 2_400_000;

/** A link whose run is estimated longer than this asks before running. */
export const LINK_RUN_ASK_SECONDS = 60;

/** Estimated seconds of a run of `trials` trials of `scenario` on `workers` workers. */
export function estimateLinkRunSeconds(
  scenario: Scenario,
  trials: number,
  workers: number,
): number {
  return estimateRunSeconds(
    scenario,
    trials,
    DEAL_PLAYS_PER_SECOND_PER_WORKER * Math.max(1, workers),
    strategiesPlayed(scenario),
  );
}

/** What to ask before running a link's scenario. */
export interface LinkRunAsk {
  /** Trials the link asks for (a precision-stopped run: its cap). */
  trials: number;
  /** Trials the estimate is for: `trials`, or a precision run's first two batches. */
  planned: number;
  /** Estimated seconds for `planned` trials. */
  seconds: number;
  /** A round number of trials estimated to take at most LINK_RUN_ASK_SECONDS (at least 1). */
  fewerTrials: number;
  /** Expected deals per trial (packages/scenario budget.ts), for the message. */
  dealsPerTrial: number;
  /** A precision-stopped run (docs/model.md §17): `trials` is its cap, the most it may use. */
  precise: boolean;
  /** What asks: a link opened or imported, or an edit in the editor. */
  source: 'link' | 'edit';
}

/**
 * Trials a run is sure to use: all of them for a fixed run, the first two 250-trial batches (at
 * most the cap) for a precision-stopped one, which may stop there.
 */
export function plannedTrials(scenario: Scenario): number {
  return scenario.precision
    ? Math.min(scenario.trials, PRECISION_MIN_BATCHES * PRECISION_BATCH)
    : scenario.trials;
}

/** The largest 1, 2 or 5 × 10^k that is at most `n` (1 when n < 1). */
export function roundDownNicely(n: number): number {
  if (!(n >= 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [5, 2, 1]) if (step * power <= n) return step * power;
  return power;
}

/**
 * The question to ask before running a link's scenario, or undefined when its run is estimated
 * at most LINK_RUN_ASK_SECONDS (it then runs at once, like any scenario). `workers`: the app's
 * pool size on this browser.
 */
export function linkRunAsk(
  scenario: Scenario,
  workers: number = defaultBrowserWorkers(),
  source: LinkRunAsk['source'] = 'link',
): LinkRunAsk | undefined {
  // A precision-stopped run (docs/model.md §17) may stop after its first two batches: it is
  // judged by those; while it runs, the run bar says how long it has left.
  const planned = plannedTrials(scenario);
  const seconds = estimateLinkRunSeconds(scenario, planned, workers);
  if (!(seconds > LINK_RUN_ASK_SECONDS)) return undefined;
  const perTrial = seconds / planned;
  const fit = Math.floor(LINK_RUN_ASK_SECONDS / perTrial);
  return {
    trials: scenario.trials,
    planned,
    seconds,
    fewerTrials: Math.min(scenario.trials - 1, roundDownNicely(fit)),
    dealsPerTrial: expectedDealsPerTrial(scenario),
    precise: scenario.precision !== undefined,
    source,
  };
}

/** "about 3 minutes", "about 1 hour 40 minutes": the estimate in the question. */
export function describeDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'longer than this page can wait';
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h = `${hours} hour${hours === 1 ? '' : 's'}`;
  return rest === 0 ? `about ${h}` : `about ${h} ${rest} minute${rest === 1 ? '' : 's'}`;
}
