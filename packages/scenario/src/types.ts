/**
 * The scenario format, version 1. These names are part of the product: users write, save and
 * share files with them. docs/scenario-format.md documents every field.
 */

/** A lognormal quantity given by its median and 90th percentile (p90 == median: a fixed value). */
export interface Quantiles {
  median: number;
  p90: number;
}

export interface Horizon {
  /** Reported quarters, 1–8. */
  quarters: number;
  /** Weeks in a quarter (default 13). */
  weeksPerQuarter: number;
  /** Weeks simulated before quarter 1 and not reported, so quarter 1 starts with a pipeline. */
  warmupWeeks: number;
}

export interface Team {
  reps: number;
  sellingHoursPerWeek: number;
  quotaPerRepPerQuarter: number;
  /** Attention cost, in hours per week, of every open deal a rep is pursuing. */
  overheadHoursPerActiveDeal: number;
  /**
   * Loaded cost of one hour a rep works (salary, benefits, tools), in the scenario currency:
   * prices the cost of sale (docs/model.md §13). Absent: 0, hours are not priced.
   */
  costPerSellingHour?: number;
  /**
   * Team-wide pools of specialist hours (pre-sales engineers, solution architects, legal,
   * executives) shared by every rep's deals (docs/model.md §12). Absent: none.
   */
  specialists?: SpecialistPool[];
}

/** A team-wide pool of specialist hours, spent on the deals that need them (docs/model.md §12). */
export interface SpecialistPool {
  id: string;
  name: string;
  /** Hours the pool can give deals each week, the whole team together. */
  hoursPerWeek: number;
  /** Loaded cost of one specialist hour (absent: 0). */
  costPerHour?: number;
}

/** How reps can source new opportunities of a segment themselves (docs/model.md §14). */
export interface Prospecting {
  /** Rep hours of prospecting per new opportunity sourced. */
  hoursPerOpportunity: number;
  /** Weeks from the hours being spent to the opportunity arriving (at least 1). */
  lagWeeks: number;
}

export interface Dynamics {
  /** Relative loss of win probability per week a deal runs past its natural cycle (0–1). */
  delayPenaltyPerWeek: number;
  /** Consecutive starved weeks after which a deal goes dark and is lost. */
  stallWeeks: number;
}

export interface Segment {
  id: string;
  name: string;
  sweetSpot: boolean;
  opportunitiesPerRepPerWeek: number;
  /** Win probability of a fully worked, on-time deal. */
  winRate: number;
  /**
   * Evidence behind winRate, as a count of closed deals: each trial draws its true win rate
   * from Beta(winRate·n, (1 − winRate)·n). Absent: the win rate is known exactly.
   */
  winRateUncertainty?: number;
  /** List value of a deal, in the scenario currency. */
  dealSize: Quantiles;
  /** Natural cycle in weeks when the deal gets all the effort it needs. */
  salesCycleWeeks: Quantiles;
  /** Selling hours a deal needs over its cycle. */
  effortHours: Quantiles;
  /**
   * Correlation, on the log scale, between a deal's size and the hours it needs (Gaussian
   * copula, docs/model.md §2), −0.99 … 0.99. Absent or 0: independent, today's draws exactly.
   */
  sizeEffortCorrelation?: number;
  /** Likewise between a deal's size and its natural cycle. */
  sizeCycleCorrelation?: number;
  /** Usual discount off list, 0–1. */
  discount: number;
  /** Share of booked value spent on customization and special resources, 0–1. */
  costToServe: number;
  /** Share of recurring revenue lost per year, 0–1. */
  annualChurn: number;
  /** Hours to qualify one opportunity, in or out. */
  qualificationHours: number;
  /**
   * Specialist hours a deal of this segment needs per hour of its rep's work, by pool id
   * (docs/model.md §12): 0.5 means half an hour of that pool's time for each selling hour.
   * Absent: the segment needs no specialists.
   */
  specialistHoursPerSellingHour?: Record<string, number>;
  /** How reps can prospect this segment (docs/model.md §14). Absent: it cannot be prospected. */
  prospecting?: Prospecting;
}

/** Which segments a strategy pursues: the sweet spot, all, or a list of segment ids. */
export type Pursue = 'sweet-spot' | 'all' | string[];

/** How a rep spends scarce hours among open deals. */
export type Priority =
  | 'expected-value-per-hour'
  | 'oldest-first'
  | 'closest-to-close'
  | 'largest-first';

export const PRIORITIES: readonly Priority[] = [
  'expected-value-per-hour',
  'oldest-first',
  'closest-to-close',
  'largest-first',
];

export interface QuarterEndPush {
  /** Week of the quarter (1-based) from which the push may start. */
  fromWeek: number;
  /** The push runs in a week when booked + expected-this-quarter < this share of quota. */
  belowAttainment: number;
  /** What the rep qualifies in during a push week. */
  pursue: Pursue;
  /** Deals expected to close within this many weeks after quarter end are pulled in. */
  pullInWeeks: number;
  /** Extra discount on a pulled-in deal, 0–1 (applied on top of the segment discount). */
  extraDiscount: number;
  /** Multiplier on a pulled-in deal's win probability, 0–1. */
  pullInWinFactor: number;
  /** Multiplier on selling hours during a push week (≥ 1). */
  overtime: number;
}

/** When a strategy prospects with its reps' spare hours (docs/model.md §14). */
export type ProspectWhen = 'always' | 'during-push';

export const PROSPECT_WHEN: readonly ProspectWhen[] = ['always', 'during-push'];

/** A strategy's prospecting: spare rep hours spent sourcing new opportunities. */
export interface StrategyProspecting {
  /** Segments prospected (each must say how, in its `prospecting`). */
  pursue: Pursue;
  /** Every week, or only in the weeks a rep pushes (behind plan, docs/model.md §7). */
  when: ProspectWhen;
}

export interface Strategy {
  id: string;
  name: string;
  pursue: Pursue;
  priority: Priority;
  quarterEndPush?: QuarterEndPush;
  /** Spare rep hours spent prospecting (docs/model.md §14). Absent: spare hours stay idle. */
  prospecting?: StrategyProspecting;
}

/** Where a scenario's numbers came from (presets, calibration). */
export interface Provenance {
  description?: string;
  sources?: string[];
  /** Free-form notes about where calibrated numbers came from. */
  calibration?: Record<string, unknown>;
}

/** An open deal the simulation starts with (docs/model.md §16). */
export interface PipelineDeal {
  /** Its segment's id. */
  segment: string;
  /** The rep working it: 1 … team.reps. */
  rep: number;
  /** Whole weeks since it was created, at the start (0: created in the start week). */
  ageWeeks: number;
  /** What it books if won (the CRM's amount); absent: drawn from the segment's deal size. */
  amount?: number;
  /**
   * How its age changes the odds of winning it: odds(win | open this long) = winOdds × the
   * segment's odds (a Bayes factor, S_won(age) / S_lost(age)); default 1.
   */
  winOdds?: number;
}

/** A rep's bookings so far in the current quarter (docs/model.md §16). */
export interface BookedSoFar {
  /** 1 … team.reps. */
  rep: number;
  /** Booked value so far this quarter. */
  amount: number;
  /** Its gross margin (booked − cost to serve); default: the amount. */
  margin?: number;
}

/**
 * Start from today instead of an empty pipeline (docs/model.md §16): the current quarter, its
 * week, the open deals and what each rep has booked so far. The warm-up is not played.
 */
export interface Start {
  /** The week of the current quarter the simulation starts in: 1 … weeksPerQuarter. */
  weekOfQuarter: number;
  /** The open pipeline at the start. */
  pipeline: PipelineDeal[];
  /** Bookings so far this quarter, per rep (reps not listed: none). */
  booked?: BookedSoFar[];
  /** The date the start is as of (yyyy-mm-dd), for the reader. */
  asOf?: string;
}

/**
 * Stop the run when the headline is known this well (docs/model.md §17) instead of after a fixed
 * number of trials; `trials` is then the most the run may use.
 */
export interface Precision {
  /** 95% half-width of money and hours figures, as a share of the figure (0.01 = ±1%). */
  relative: number;
  /** 95% half-width of chances, in probability (0.025 = ±2.5 percentage points). */
  probability: number;
}

export interface Scenario {
  version: 1;
  name: string;
  currency: string;
  seed: number;
  /** Trials to run; with `precision`, the most the run may use. */
  trials: number;
  /** Stop when the headline is this precise; absent: run exactly `trials` trials. */
  precision?: Precision;
  horizon: Horizon;
  team: Team;
  dynamics: Dynamics;
  segments: Segment[];
  strategies: Strategy[];
  /** The two strategy ids compared: A and B. */
  compare: [string, string];
  /** Start from today's pipeline instead of an empty one (§16). */
  start?: Start;
  provenance?: Provenance;
}
