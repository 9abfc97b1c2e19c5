/**
 * Small worlds for tests/engine-rules.test.ts: scenarios whose random quantities other than
 * arrivals and the outcome and churn draws are fixed (p90 = median), and a deal-by-deal reading
 * of a traced trial (`traceTrial`, the engine's public replay). Nothing here computes a rule of
 * the model: the tests derive what the engine should do from docs/model.md themselves.
 */
import { TRACE_USES, type TrialTrace, traceTrial } from '@sweetspot/engine';
import {
  type Quantiles,
  type Scenario,
  type Segment,
  type Strategy,
  validateScenario,
} from '@sweetspot/scenario';

/** A lognormal quantity with p90 = median: the fixed value x for every deal (model §2). */
export const fixed = (x: number): Quantiles => ({ median: x, p90: x });

/** A segment whose size, cycle and effort are fixed; override anything. */
export function fixedSegment(overrides: Partial<Segment> & { id: string }): Segment {
  return {
    name: overrides.id,
    sweetSpot: true,
    opportunitiesPerRepPerWeek: 0.5,
    winRate: 0.5,
    dealSize: fixed(10_000),
    salesCycleWeeks: fixed(4),
    effortHours: fixed(4),
    discount: 0,
    costToServe: 0,
    annualChurn: 0,
    qualificationHours: 0,
    ...overrides,
  };
}

/** A strategy with the given priority (and optionally a push), pursuing everything by default. */
export function strategy(id: string, overrides: Partial<Strategy> = {}): Strategy {
  return { id, name: id, pursue: 'all', priority: 'oldest-first', ...overrides };
}

/**
 * A validated scenario with no warm-up (week 0 is the first week of quarter 1), 10 reps with 40
 * selling hours, no overhead and no delay penalty unless overridden. `strategies` needs at least
 * two entries (`compare` names the first two).
 */
export function ruleWorld(
  segments: Segment[],
  strategies: Strategy[],
  overrides: {
    seed?: number;
    trials?: number;
    quarters?: number;
    weeksPerQuarter?: number;
    team?: Partial<Scenario['team']>;
    dynamics?: Partial<Scenario['dynamics']>;
  } = {},
): Scenario {
  const [a, b] = strategies;
  if (!a || !b) throw new Error('ruleWorld needs two strategies');
  const scenario: Scenario = {
    version: 1,
    name: 'Rule check',
    currency: 'USD',
    seed: overrides.seed ?? 1,
    trials: overrides.trials ?? 1,
    horizon: {
      quarters: overrides.quarters ?? 4,
      weeksPerQuarter: overrides.weeksPerQuarter ?? 13,
      warmupWeeks: 0,
    },
    team: {
      reps: 10,
      sellingHoursPerWeek: 40,
      quotaPerRepPerQuarter: 100_000,
      overheadHoursPerActiveDeal: 0,
      ...overrides.team,
    },
    dynamics: { delayPenaltyPerWeek: 0, stallWeeks: 3, ...overrides.dynamics },
    segments,
    strategies,
    compare: [a.id, b.id],
  };
  const r = validateScenario(scenario);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

export type DealEnd = 'won' | 'lost' | 'stalled' | 'open';

/** One arriving opportunity as a strategy saw it in a traced trial. */
export interface TracedDeal {
  /** World index of the deal (unique within the trial). */
  deal: number;
  rep: number;
  segment: number;
  /** Week it arrived (0-based, warm-up included; here there is no warm-up). */
  arrived: number;
  qualification: 'in' | 'out' | 'unqualified';
  /** Week it was pulled in (model §7), if it was. */
  pulledIn?: number;
  /** How it ended within the horizon; 'open' if it had not ended by then (or never pursued). */
  end: DealEnd;
  /** Week of its decision or stall; Infinity if it never ended. */
  endWeek: number;
  listValue: number;
  /** Booked value, for a won deal; else 0. */
  booked: number;
}

/** The deals of strategy `index` in a traced trial, in arrival (generation) order. */
export function tracedDeals(trace: TrialTrace, index: number): TracedDeal[] {
  const st = trace.strategies[index];
  if (!st) throw new Error(`no strategy ${index}`);
  const byId = new Map<number, TracedDeal>();
  const deals: TracedDeal[] = [];
  for (const ev of st.events) {
    if (ev.kind === 'arrived') {
      const d: TracedDeal = {
        deal: ev.deal,
        rep: ev.rep,
        segment: ev.segment,
        arrived: ev.week,
        qualification: 'unqualified',
        end: 'open',
        endWeek: Number.POSITIVE_INFINITY,
        listValue: ev.listValue,
        booked: 0,
      };
      byId.set(ev.deal, d);
      deals.push(d);
      continue;
    }
    const d = byId.get(ev.deal);
    if (!d) throw new Error(`event ${ev.kind} before arrival of deal ${ev.deal}`);
    switch (ev.kind) {
      case 'qualified-in':
        d.qualification = 'in';
        break;
      case 'qualified-out':
        d.qualification = 'out';
        break;
      case 'unqualified':
        d.qualification = 'unqualified';
        break;
      case 'pulled-in':
        d.pulledIn = ev.week;
        break;
      case 'won':
      case 'lost':
      case 'stalled':
        // What happens after the horizon is not part of these checks: a deal still open at its
        // end counts as open however the engine settles it.
        if (ev.week >= trace.weeks) break;
        if (d.end !== 'open') throw new Error(`deal ${ev.deal} ended twice`);
        d.end = ev.kind;
        d.endWeek = ev.week;
        d.booked = ev.bookedValue;
        break;
    }
  }
  return deals;
}

/** Traces trials [0, trials) of a scenario and hands each trace to `visit`. */
export function forEachTrace(
  scenario: Scenario,
  trials: number,
  visit: (trace: TrialTrace, trial: number) => void,
): void {
  for (let t = 0; t < trials; t++) visit(traceTrial(scenario, t), t);
}

/** Hours of one rep-week of a strategy's trace, by use. */
export function repWeekHours(
  trace: TrialTrace,
  index: number,
  rep: number,
  week: number,
): Record<(typeof TRACE_USES)[number], number> {
  const hours = trace.strategies[index]?.hours;
  if (!hours) throw new Error(`no strategy ${index}`);
  const i = (rep * trace.weeks + week) * TRACE_USES.length;
  const at = (u: (typeof TRACE_USES)[number]) => hours[i + TRACE_USES.indexOf(u)] as number;
  return {
    worked: at('worked'),
    qualification: at('qualification'),
    overhead: at('overhead'),
    idle: at('idle'),
    prospecting: at('prospecting'),
  };
}

/** z-score of `wins` successes in `n` Bernoulli(p) trials. */
export function binomialZ(wins: number, n: number, p: number): number {
  return (wins - n * p) / Math.sqrt(n * p * (1 - p));
}
