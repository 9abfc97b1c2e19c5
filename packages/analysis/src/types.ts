/** Summary of one metric's distribution over trials. */
export interface Stat {
  mean: number;
  /** 95% confidence interval of the mean (normal approximation, mean ± 1.96·sd/√n). */
  ci95: [number, number];
  sd: number;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
  n: number;
}

/** Paired comparison of A − B per trial (common random numbers). */
export interface Diff {
  meanDiff: number;
  ci95: [number, number];
  sd: number;
  /** Share of trials where A is strictly greater than B. */
  pABeatsB: number;
  /** 95% (Wilson) interval of pABeatsB. */
  pABeatsBCi95: [number, number];
  pTie: number;
  /** Share of trials where B is strictly greater than A (pABeatsB + pTie + pBBeatsA = 1). */
  pBBeatsA: number;
  p10: number;
  p50: number;
  p90: number;
}

/** A histogram with equal-width bins. */
export interface Histogram {
  /** Bin edges, length bins + 1. */
  edges: number[];
  counts: number[];
}

/** Per-segment figures for one strategy and quarter (means per trial unless stated). */
export interface SegmentSummary {
  id: string;
  name: string;
  sweetSpot: boolean;
  arrivals: number;
  pursued: number;
  unqualified: number;
  wins: number;
  losses: number;
  stalls: number;
  /** wins / (wins + losses + stalls), NaN when none decided. */
  winRate: number;
  /** Mean weeks from arrival to decision of won deals, NaN when none. */
  cycleWeeksWon: number;
  /** 1 − bookings / list value of won deals, NaN when none. */
  effectiveDiscount: number;
  bookings: number;
  /** List value of the deals won, before discounts (mean per trial). */
  listValueWon: number;
  costToServe: number;
  pulledIn: number;
  /** Pulled-in deals that were won. */
  pulledInWins: number;
  /** Weeks run past the natural cycle, summed over the deals decided this quarter. */
  lateWeeksDecided: number;
  hours: {
    won: number;
    lost: number;
    stalled: number;
    qualification: number;
    overhead: number;
    /** Rep hours spent prospecting this segment (docs/model.md §14). */
    prospecting: number;
  };
  /** Prospected opportunities that arrived (also counted in `arrivals`). */
  prospected: number;
  /**
   * Specialist hours (all pools) on the segment's deals, by how the deals ended: its deal hours
   * times its specialist hours per selling hour (docs/model.md §12).
   */
  specialistHours: { won: number; lost: number; stalled: number };
}

/** One specialist pool's hours in a quarter (means per trial, docs/model.md §12). */
export interface PoolSummary {
  id: string;
  name: string;
  /** Hours the pool gave deals. */
  used: number;
  /** Hours it had: weeks × hoursPerWeek. */
  capacity: number;
  /** Used hours on deals that ended lost or stalled. */
  wasted: number;
}

export interface QuarterSummary {
  bookings: Stat;
  margin: Stat;
  /** Team bookings / team quota. */
  attainment: Stat;
  /** P(team bookings ≥ team quota). */
  pHitQuota: number;
  pHitQuotaCi95: [number, number];
  repsAtQuota: Stat;
  /** repsAtQuota / reps. */
  shareOfRepsAtQuota: Stat;
  /** Hours on deals that ended lost or stalled. */
  hoursWasted: Stat;
  /** Rep hours worked and specialist hours used, at their loaded rates (docs/model.md §13). */
  costOfSale: Stat;
  /** Gross margin − cost of sale. */
  contribution: Stat;
  /** Specialist hours on deals that ended lost or stalled (docs/model.md §12). */
  specialistHoursWasted: Stat;
  /** Each specialist pool's hours (empty without pools). */
  pools: PoolSummary[];
  /** Rep hours spent prospecting (mean per trial, docs/model.md §14). */
  hoursProspecting: number;
  /** Prospected opportunities that arrived (mean per trial). */
  prospected: number;
  bookingsHistogram: Histogram;
  /**
   * Individual reps' attainment, pooled over trials: counts are rep-quarters summed over all
   * trials. Bins of 5% of quota with edges 0, 0.05, …, 3.0; the last bin holds every rep at
   * ≥ 300% and is given the nominal upper edge 3.05 (it is open-ended).
   */
  repAttainment: Histogram;
  segments: SegmentSummary[];
  /** Team selling hours left unused (mean per trial). */
  hoursIdle: number;
  /** Team selling hours available (mean per trial). */
  hoursCapacity: number;
  /** Rep-weeks spent in a quarter-end push (mean per trial). */
  pushRepWeeks: number;
  /** List value won minus bookings, over all segments (mean per trial). */
  discountGiven: number;
  /** Deals pulled in from the next quarter, over all segments (mean per trial). */
  pulledIn: number;
  /** Deals still open at the end of the quarter (mean per trial). */
  openDealsAtEnd: number;
}

export interface HorizonSummary {
  bookings: Stat;
  /** Histogram of horizon bookings per trial, on edges shared by every strategy of the run. */
  bookingsHistogram: Histogram;
  margin: Stat;
  costOfSale: Stat;
  contribution: Stat;
  /** Rep hours on deals that ended lost or stalled, over the horizon. */
  hoursWasted: Stat;
  specialistHoursWasted: Stat;
  /** Per trial, the share of reps at quota averaged over the quarters (reps at quota / reps / Q). */
  shareOfRepsAtQuota: Stat;
  retainedRecurringRevenue: Stat;
  /** P(team reaches the sum of its quotas over the horizon). */
  pHitQuota: number;
  /** 95% (Wilson) interval of pHitQuota. */
  pHitQuotaCi95: [number, number];
  /** Consistency: mean over trials of the coefficient of variation of quarterly bookings. */
  quarterlyBookingsCv: number;
  /** Share of trials in which the team hit quota in every quarter. */
  pHitQuotaEveryQuarter: number;
}

export interface StrategySummary {
  id: string;
  name: string;
  quarters: QuarterSummary[];
  horizon: HorizonSummary;
}

/** One bar of the waterfall: a mechanism's mean contribution to A − B per trial. */
export interface WaterfallPart {
  id:
    | 'sweetSpotNeglect'
    | 'sweetSpotNeverWorked'
    | 'prospectedWins'
    | 'outOfProfileWins'
    | 'pullInOdds'
    | 'stillOpen'
    | 'timing'
    | 'discountGiven'
    | 'costToServe'
    | 'costOfSale';
  label: string;
  /** Mean contribution to A − B per trial, in the scenario currency. */
  value: number;
}

/**
 * The exact decomposition of the mean A − B difference (docs/model.md §10): parts add up to
 * `total` exactly; `total` equals the mean per-trial difference up to rounding to whole units.
 */
export interface Waterfall {
  parts: WaterfallPart[];
  total: number;
}

/** One rule group's share of the A − B gap (docs/model.md §11). */
export interface AttributionPart {
  group: 'pursue' | 'priority' | 'quarterEndPush' | 'prospecting';
  /** What the group decides, e.g. "the order deals are worked in". */
  label: string;
  /** What A does in this group, and what B does, in words. */
  a: string;
  b: string;
  /** Mean share of A − B per trial, in the scenario currency. */
  mean: number;
  /** 95% interval of that mean (normal approximation over trials). */
  ci95: [number, number];
}

/**
 * The A − B gap split among the rule groups in which A and B differ (Shapley values over the
 * intermediate strategies, docs/model.md §11). The parts add up to `total`, which equals the
 * mean per-trial gap up to rounding to whole units. No parts: A and B follow the same rules.
 */
export interface Attribution {
  parts: AttributionPart[];
  total: number;
}

/** The metrics the waterfall and the attribution explain. */
export interface ByGapMetric<T> {
  bookings: T;
  margin: T;
  /** Gross margin − cost of sale (docs/model.md §13). */
  contribution: T;
}

/** The paired comparison A − B over one period: what a quarter and the horizon both have. */
export interface PeriodComparison {
  /** Why the gap arises, for bookings, gross margin and contribution (docs/model.md §10). */
  waterfall: ByGapMetric<Waterfall>;
  /** Which rule that differs accounts for how much of the gap (docs/model.md §11). */
  attribution: ByGapMetric<Attribution>;
  bookings: Diff;
  margin: Diff;
  costOfSale: Diff;
  contribution: Diff;
  hoursWasted: Diff;
  specialistHoursWasted: Diff;
  /** Histogram of A − B bookings per trial. */
  bookingsDiffHistogram: Histogram;
}

export interface ComparisonQuarter extends PeriodComparison {
  attainment: Diff;
}

export interface ComparisonHorizon extends PeriodComparison {
  retainedRecurringRevenue: Diff;
}

export interface Comparison {
  a: string;
  b: string;
  /** One line saying exactly what differs between A and B. */
  difference: string;
  quarters: ComparisonQuarter[];
  horizon: ComparisonHorizon;
}

/** Full summary of a run (the CLI's `--format json` output). */
export interface RunSummary {
  scenario: string;
  seed: number;
  trials: number;
  currency: string;
  strategies: Record<string, StrategySummary>;
  /** Strategy ids in scenario order. */
  strategyOrder: string[];
  comparison: Comparison;
}
