/**
 * The work budget of one trial, checked before a run starts (docs/scenario-format.md, "The run
 * budget"). A trial draws every opportunity of its world up front and keeps per-deal state for
 * each strategy, so its time and memory grow with the number of deals it draws.
 */

import { PARAMETERS } from './parameters.ts';
import { pursueMask } from './rule-groups.ts';
import type { Pursue } from './types.ts';

/** The fields of a scenario the budget depends on (a validated Scenario has them all). */
export interface BudgetInput {
  team: { reps: number; sellingHoursPerWeek?: number };
  horizon: { quarters: number; weeksPerQuarter: number; warmupWeeks: number };
  segments: ReadonlyArray<{
    opportunitiesPerRepPerWeek: number;
    id?: string;
    sweetSpot?: boolean;
    prospecting?: { hoursPerOpportunity: number };
  }>;
  strategies?: ReadonlyArray<{
    prospecting?: { pursue: Pursue; when: string };
    quarterEndPush?: { overtime: number };
  }>;
}

/**
 * Most expected deals (opportunities) per trial. Chosen from measurement (docs/scenario-format.md,
 * "The run budget"): one trial of this size takes under a second of CPU for a typical team and
 * about 3.3 s for the slowest shape measured, in under 0.35 GB, on one worker.
 */
export const MAX_DEALS_PER_TRIAL = 500_000;

/**
 * Most opportunities per rep-week, all segments together. A rep's open deals are worked and
 * ranked every week, so a trial's time per deal grows with how many deals one rep holds open.
 */
export const MAX_ARRIVALS_PER_REP_WEEK = 120;

/** Total simulated weeks of a trial, warm-up included (docs/model.md: W₀ + Q·K). */
export function simulatedWeeks(scenario: BudgetInput): number {
  const h = scenario.horizon;
  return h.warmupWeeks + h.quarters * h.weeksPerQuarter;
}

/** Expected opportunities per rep-week: the sum of the segments' arrival rates. */
export function arrivalsPerRepWeek(scenario: BudgetInput): number {
  let rate = 0;
  for (const s of scenario.segments) rate += s.opportunitiesPerRepPerWeek;
  return rate;
}

/**
 * The most opportunities a rep can prospect in a week (docs/model.md §14), over the strategies:
 * all of a week's hours (with a push's overtime) spent prospecting, shared equally among the
 * prospected segments, each yielding one per `hoursPerOpportunity`. An upper bound, not an
 * expectation: a rep prospects only with hours left after qualifying and working deals.
 */
export function prospectedPerRepWeek(scenario: BudgetInput): number {
  const hours = scenario.team.sellingHoursPerWeek ?? 0;
  let most = 0;
  for (const st of scenario.strategies ?? []) {
    const p = st.prospecting;
    if (p === undefined) continue;
    const mask = pursueMask(p.pursue, {
      segments: scenario.segments.map((seg, i) => ({
        id: seg.id ?? `#${i}`,
        sweetSpot: seg.sweetSpot ?? false,
      })),
    });
    let perHour = 0;
    let n = 0;
    scenario.segments.forEach((seg, i) => {
      if (mask[i] !== 1 || seg.prospecting === undefined) return;
      perHour += 1 / seg.prospecting.hoursPerOpportunity;
      n++;
    });
    if (n === 0) continue;
    const overtime = Math.max(1, st.quarterEndPush?.overtime ?? 1);
    most = Math.max(most, (hours * overtime * perHour) / n);
  }
  return most;
}

/**
 * Expected opportunities drawn in one trial: reps × simulated weeks (warm-up included) × the sum
 * of the segments' arrival rates per rep-week (docs/model.md §2, step 2: Poisson arrivals), plus
 * at most `prospectedPerRepWeek` prospected ones per rep-week (§14).
 */
export function expectedDealsPerTrial(scenario: BudgetInput): number {
  return (
    scenario.team.reps *
    simulatedWeeks(scenario) *
    (arrivalsPerRepWeek(scenario) + prospectedPerRepWeek(scenario))
  );
}

/**
 * Rough wall-clock seconds of a run of `trials` trials at `dealPlaysPerSecond`: deals played per
 * second, a deal counted once per strategy that plays it, all workers together (measure it on the
 * machine that runs; drawing the world is included in the rate). `strategiesPlayed` defaults to
 * the scenario's strategies; a validated scenario's exact count (attribution included) is
 * `strategiesPlayed(scenario)` (rule-groups.ts).
 */
export function estimateRunSeconds(
  scenario: BudgetInput,
  trials: number,
  dealPlaysPerSecond: number,
  strategiesPlayed = scenario.strategies?.length ?? 1,
): number {
  if (!(dealPlaysPerSecond > 0)) return Number.POSITIVE_INFINITY;
  // Every strategy plays every deal: the world is drawn once, then played once per strategy.
  const strategies = Math.max(1, strategiesPlayed);
  return (expectedDealsPerTrial(scenario) * trials * strategies) / dealPlaysPerSecond;
}

/** One budget problem, as `validateScenario` reports it (a path and a plain sentence). */
export interface BudgetError {
  path: string;
  message: string;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The editor's word for opportunitiesPerRepPerWeek, in a sentence. */
const ARRIVALS = PARAMETERS.segment.opportunitiesPerRepPerWeek.label.toLowerCase();

/**
 * The run budget's problems, at the fields that set it, in the editor's words: too many
 * opportunities per rep-week (`segments`), or too many expected deals per trial (`team.reps`).
 */
export function budgetErrors(scenario: BudgetInput): BudgetError[] {
  const errors: BudgetError[] = [];
  const rate = arrivalsPerRepWeek(scenario);
  // A relative slack of 1e-9: rates that add up to the limit on paper may sum a hair above it.
  if (rate > MAX_ARRIVALS_PER_REP_WEEK * (1 + 1e-9)) {
    errors.push({
      path: 'segments',
      message: `bring ${fmt(rate)} ${ARRIVALS} per rep-week in all, over the limit of ${MAX_ARRIVALS_PER_REP_WEEK}: lower some segments' ${ARRIVALS}`,
    });
  }
  const prospected = prospectedPerRepWeek(scenario);
  if (prospected > MAX_ARRIVALS_PER_REP_WEEK * (1 + 1e-9)) {
    errors.push({
      path: 'segments',
      message: `could bring up to ${fmt(prospected)} prospected opportunities per rep-week (a week's selling hours, with overtime, all spent prospecting), over the limit of ${MAX_ARRIVALS_PER_REP_WEEK}: raise the segments' "${PARAMETERS.prospecting.hoursPerOpportunity.label}"`,
    });
  }
  const deals = expectedDealsPerTrial(scenario);
  if (deals > MAX_DEALS_PER_TRIAL * (1 + 1e-9)) {
    errors.push({
      path: 'team.reps',
      message: `mean ${fmt(Math.round(deals))} expected deals per trial, over the limit of ${fmt(MAX_DEALS_PER_TRIAL)} (${fmt(scenario.team.reps)} reps × ${fmt(rate + prospected)} opportunities per rep-week${prospected > 0 ? ', the most prospecting can bring included' : ''} × ${simulatedWeeks(scenario)} simulated weeks, warm-up included): use fewer reps, fewer weeks or lower arrival rates`,
    });
  }
  return errors;
}
