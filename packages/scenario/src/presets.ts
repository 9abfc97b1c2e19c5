import type { Priority, Pursue, Scenario, Segment, Strategy } from './types.ts';

/**
 * Built-in scenarios. Every number is either cited in `provenance.sources` or listed there as an
 * assumption, so a trainer can say where it comes from.
 */

const SOURCES = {
  bridge:
    "The Bridge Group, 2017 SaaS AE Metrics Report (384 B2B SaaS companies): median annual contract value $25K and median average sales cycle 60 days (≈ 8.6 weeks) — the sweet spot's median deal size and cycle.",
  cso: 'CSO Insights Sales Performance Optimization studies, as reported: 51.8% of reps made quota in 2009, 59% in 2010, 57% in 2013 and 57.1% in 2015. The studies count reps making their yearly quota; the presets apply the same share to rep-quarters (an assumption), and set quota (an assumption) so that under the focus strategy 52–60% of rep-quarters reach it.',
  insidesales:
    'InsideSales.com Labs, 9.8M transactions, reported in Harvard Business Review (2017): deals closed at the end of a period had win rates about 51% lower and sizes about 34.5% smaller. These are averages over period ends, not measured effects of pulling a deal in: the pull-in factors below are assumptions informed by them.',
  kbcm: "KBCM Technology Group (KeyBanc) SaaS survey: gross dollar churn about 8–13% a year (the sweet spot's 10%).",
} as const;

const ASSUMPTIONS = [
  'Assumption: a team of 8 reps, each with 1.8 sweet-spot and 1.2 out-of-profile opportunities arriving a week.',
  'Assumption: 15 selling hours a week of a 40-hour week, and a quota of $130k a rep a quarter (tuned so that 52–60% of rep-quarters reach it under the focus strategy, the share of reps CSO Insights reports making quota).',
  'Assumption: in-profile deals win about twice as often as out-of-profile deals (30% vs 15%). The often-quoted TOPO figure ("68% higher win rates") compares companies with and without a documented profile, not in- and out-of-profile deals, so it does not give this ratio.',
  'Assumption: selling effort per deal of 8 hours at the median for a sweet-spot deal (90th percentile 16 h) and 24 hours out of profile (90th percentile 60 h): heroic deals need far more customization and special attention.',
  'Assumption: the spread of a sweet-spot deal around the Bridge Group medians: 90th percentiles of $50k and 16 weeks (the median cycle of 8.6 weeks rounded to 9).',
  'Assumption: out-of-profile deals are larger (median $30k, 90th percentile $90k), slower (median 13 weeks, 90th percentile 26), need deeper discounts (20% vs 10%) and 25% of booked value in customization and special resources (sweet spot 5%).',
  'Assumption: out-of-profile churn 20% a year.',
  'Assumption: qualification takes 0.5 h for a sweet-spot opportunity and 1 h out of profile; each open deal costs 0.1 h a week of attention.',
  'Assumption: a deal loses 10% of its win probability (relative) for each week it runs late and goes dark after 3 starved weeks.',
  'Assumption: a warm-up of 52 weeks (78 with a quarter-end push), long enough that the first reported quarter does not depend on it (docs/model.md §1).',
];

/** A segment's deal fields, each as a pair: [the sweet spot's, out of profile's]. */
type SideBySide = {
  [F in Exclude<keyof Segment, 'id' | 'name' | 'sweetSpot'>]?: [Segment[F], Segment[F]];
};

/**
 * The presets' market, its two segments side by side: [sweet spot, out of profile]. Out of
 * profile, deals arrive less often, win half as often, are larger, slower and heavier, and cost
 * more (discount, cost to serve, churn, qualification).
 */
const MARKET = {
  opportunitiesPerRepPerWeek: [1.8, 1.2],
  winRate: [0.3, 0.15],
  dealSize: [
    { median: 25_000, p90: 50_000 },
    { median: 30_000, p90: 90_000 },
  ],
  salesCycleWeeks: [
    { median: 9, p90: 16 },
    { median: 13, p90: 26 },
  ],
  effortHours: [
    { median: 8, p90: 16 },
    { median: 24, p90: 60 },
  ],
  discount: [0.1, 0.2],
  costToServe: [0.05, 0.25],
  annualChurn: [0.1, 0.2],
  qualificationHours: [0.5, 1],
} satisfies SideBySide;

/** One segment of the market: 0 the sweet spot, 1 out of profile. */
function marketSegment(side: 0 | 1, id: string, name: string): Segment {
  const fields = Object.entries(MARKET).map(([field, pair]) => [field, pair[side]]);
  return { id, name, sweetSpot: side === 0, ...Object.fromEntries(fields) } as Segment;
}

const sweetSpotSegment = marketSegment(0, 'icp', 'Sweet spot (mid-market SaaS)');
const outOfProfileSegment = marketSegment(1, 'out', 'Out of profile');

/** A strategy; unless it says otherwise, it works its deals highest expected value per hour first. */
function strategy(
  id: string,
  name: string,
  pursue: Pursue,
  priority: Priority = 'expected-value-per-hour',
): Strategy {
  return { id, name, pursue, priority };
}

const focus = strategy('focus', 'Focus on the sweet spot', 'sweet-spot');

/** Chases every opportunity, but orders its work exactly as focus does: only `pursue` differs. */
const chase = strategy('chase', 'Chase everything', 'all');

/** Chases every opportunity and works the biggest deals first: two rule groups differ. */
const chaseBiggest = strategy(
  'chase-biggest',
  'Chase everything, biggest deals first',
  'all',
  'largest-first',
);

/** When a rep is behind plan: from week 9, booked plus expected bookings below 90% of quota. */
const behind = { fromWeek: 9, belowAttainment: 0.9 };

const base = {
  version: 1 as const,
  currency: 'USD',
  seed: 20_261_128,
  // The run stops when the headline is this precise (docs/model.md §17), after at most this many
  // trials: ±1% on money and hours, ±2.5 points on chances. Measured on the presets, the money
  // figures get there in 250–500 trials; a chance near 50% needs about 1,500.
  trials: 10_000,
  precision: { relative: 0.01, probability: 0.025 },
  horizon: { quarters: 4, weeksPerQuarter: 13, warmupWeeks: 52 },
  team: {
    reps: 8,
    sellingHoursPerWeek: 15,
    quotaPerRepPerQuarter: 130_000,
    overheadHoursPerActiveDeal: 0.1,
  },
  dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
};

/** Where a preset's numbers come from; the shared assumptions are added after its own sources. */
interface Provenance {
  description: string;
  sources: string[];
}

/** A preset's own fields: its name, strategies A and B, and what it changes of the base team. */
type PresetFields = Partial<Scenario> & { name: string; strategies: [Strategy, Strategy] };

/**
 * A preset: the base team in the market of both segments, with its own fields, comparing its
 * strategy A with B. Its sources are followed by the assumptions every preset shares.
 */
function preset(
  { segments = [sweetSpotSegment, outOfProfileSegment], strategies: [a, b], ...rest }: PresetFields,
  { description, sources }: Provenance,
): Scenario {
  return {
    ...base,
    ...rest,
    segments,
    strategies: [a, b],
    compare: [a.id, b.id],
    provenance: { description, sources: [...sources, ...ASSUMPTIONS] },
  };
}

export const saasMidMarket = preset(
  { name: 'SaaS mid-market team', strategies: [focus, chase] },
  {
    description:
      'Eight mid-market SaaS reps with 15 selling hours a week. Sweet-spot deals arrive at 1.8 per rep-week and win 30% of the time; out-of-profile deals arrive at 1.2 and win 15%, but are bigger, slower, need three times the effort, cost more to serve and are discounted more. The two strategies differ only in which deals they pursue: focus qualifies out everything outside the profile, chase-everything pursues every opportunity; both work their open deals highest expected value per hour first.',
    sources: [SOURCES.bridge, SOURCES.cso, SOURCES.kbcm],
  },
);

export const chaseTheBigOnes = preset(
  { name: 'Chasing the big ones', strategies: [focus, chaseBiggest] },
  {
    description:
      'The same team. Strategy B chases every opportunity and works the biggest deals first (an assumed behaviour of reps who chase, not a measured one). Two things differ from focus — which deals are pursued and the order they are worked in — and the Why panel splits the gap between them.',
    sources: [
      SOURCES.bridge,
      SOURCES.cso,
      SOURCES.kbcm,
      'Assumption: reps who chase work the largest deal first (a behaviour, not a measured figure).',
    ],
  },
);

/** Focuses until behind plan, then pushes: overtime, chasing everything, pulling deals in. */
const panic: Strategy = {
  ...strategy('panic', 'Focus until behind, then chase', 'sweet-spot'),
  quarterEndPush: {
    ...behind,
    pursue: 'all',
    pullInWeeks: 4,
    extraDiscount: 0.345,
    pullInWinFactor: 0.49,
    overtime: 1.25,
  },
};

export const quarterEndPanic = preset(
  {
    name: 'Quarter-end panic',
    strategies: [focus, panic],
    // A push reacts to the empty start of the warm-up, and the heavy deals it chases hold hours
    // for months: this preset needs 78 weeks for Q1 to settle (docs/model.md §1).
    horizon: { ...base.horizon, warmupWeeks: 78 },
  },
  {
    description:
      'The same team. Strategy B focuses on the sweet spot until week 9 of the quarter; then any rep whose booked plus expected bookings fall below 90% of quota works 25% overtime, chases every opportunity, and drags deals due in the next 4 weeks into this quarter at 34.5% extra discount and 49% of their odds.',
    sources: [
      SOURCES.insidesales,
      SOURCES.bridge,
      SOURCES.cso,
      SOURCES.kbcm,
      'Assumption: a rep is behind plan from week 9 of the 13-week quarter when booked plus expected bookings fall below 90% of quota; a push pulls in deals due within the next 4 weeks.',
      'Assumption: a pulled-in deal keeps 49% of its odds and takes 34.5% extra discount (informed by, not measured as, the InsideSales period-end averages above).',
      'Assumption: 25% overtime during a push (a 15-hour selling week becomes about 19 hours).',
    ],
  },
);

export const spareCapacity = preset(
  {
    name: 'When chasing pays: a team with spare hours',
    strategies: [focus, chase],
    team: { ...base.team, sellingHoursPerWeek: 40 },
    segments: [sweetSpotSegment, { ...outOfProfileSegment, costToServe: 0.1 }],
  },
  {
    description:
      'A counter-example: the same market, but reps have 40 selling hours a week and out-of-profile deals cost only 10% to serve. With hours to spare, chasing out-of-profile deals adds bookings without starving the sweet spot, and focus loses.',
    sources: [
      'Assumption: 40 selling hours a week (deliberately far above the 15 hours of the other presets) and 10% cost to serve out of profile, to show where focus stops paying.',
      SOURCES.bridge,
    ],
  },
);

/**
 * Assumed loaded costs of an hour, shared by the presets that price the chase (docs/model.md §13).
 */
const RATE_ASSUMPTIONS = {
  rep: 'Assumption: a rep hour costs $100 loaded (about $200k a year of salary, commission, benefits and tools over 2,000 working hours); only hours spent selling are priced, idle hours are not (docs/model.md §13).',
  specialist:
    'Assumption: a solutions-engineer hour costs $90 loaded (about $180k a year over 2,000 working hours).',
} as const;

export const specialistBottleneck = preset(
  {
    name: 'Specialists are the bottleneck',
    strategies: [focus, chase],
    team: {
      ...base.team,
      sellingHoursPerWeek: 40,
      costPerSellingHour: 100,
      specialists: [{ id: 'se', name: 'Solutions engineers', hoursPerWeek: 60, costPerHour: 90 }],
    },
    segments: [
      { ...sweetSpotSegment, specialistHoursPerSellingHour: { se: 0.25 } },
      { ...outOfProfileSegment, costToServe: 0.1, specialistHoursPerSellingHour: { se: 1 } },
    ],
  },
  {
    description:
      'The team of "When chasing pays" — reps with hours to spare — but every deal also needs the team’s two solutions engineers, who have 60 hours a week for deals between them. A sweet-spot deal needs 15 minutes of their time per selling hour; an out-of-profile deal, with its custom demos, proofs of concept and special terms, needs a full hour. The solutions engineers serve the whole team’s deals in the same order the reps work them: highest expected value per hour first. The two strategies differ only in which deals they pursue. Rep and solutions-engineer hours are priced, so the results show the cost of sale and the contribution (gross margin minus cost of sale).',
    sources: [
      'Assumption: 40 selling hours a week and 10% cost to serve out of profile, as in "When chasing pays": the reps have hours to spare, so only the specialists can be the bottleneck.',
      'Assumption: two solutions engineers for eight reps (one to four), each with 30 hours a week for deals: 60 hours a week for the team.',
      'Assumption: a sweet-spot deal needs 0.25 solutions-engineer hours per selling hour and an out-of-profile deal 1 hour (four times as much: customization, proofs of concept, special terms).',
      RATE_ASSUMPTIONS.rep,
      RATE_ASSUMPTIONS.specialist,
      SOURCES.bridge,
      SOURCES.kbcm,
    ],
  },
);

/** A push that only marks a rep as behind plan: no pull-ins, no overtime, no extra discount. */
const behindPlan = {
  ...behind,
  pullInWeeks: 0,
  extraDiscount: 0,
  pullInWinFactor: 1,
  overtime: 1,
};

/** When behind plan, spends every spare hour prospecting for more sweet-spot deals. */
const doubleDown: Strategy = {
  ...strategy('double-down', 'When behind, prospect the sweet spot', 'sweet-spot'),
  quarterEndPush: { ...behindPlan, pursue: 'sweet-spot' },
  prospecting: { pursue: 'sweet-spot', when: 'during-push' },
};

/** When behind plan, pursues every opportunity, out of profile too. */
const widerNet: Strategy = {
  ...strategy('wider-net', 'When behind, chase everything', 'sweet-spot'),
  quarterEndPush: { ...behindPlan, pursue: 'all' },
};

export const behindPlanDoubleDown = preset(
  {
    name: 'Behind plan: double down or cast a wider net',
    strategies: [doubleDown, widerNet],
    // Two rule groups differ (push and prospecting): four strategies played per trial, over a
    // 78-week warm-up. 5,000 trials keep a shared link's estimated run under a minute.
    trials: 5_000,
    // A push reacts to the empty start of the warm-up: 78 weeks, as for "Quarter-end panic".
    horizon: { ...base.horizon, warmupWeeks: 78 },
    team: { ...base.team, costPerSellingHour: 100 },
    segments: [
      { ...sweetSpotSegment, prospecting: { hoursPerOpportunity: 10, lagWeeks: 3 } },
      outOfProfileSegment,
    ],
  },
  {
    description:
      'The essay’s claim, put to the test. Both teams focus on the sweet spot and work their deals highest expected value per hour first. From week 9 of a quarter, a rep whose booked plus expected bookings fall below 90% of quota is behind plan. Then team A doubles down: it still pursues only the sweet spot, and spends every spare hour prospecting for more sweet-spot deals (10 hours per new opportunity, which arrives 3 weeks later). Team B casts a wider net: it pursues every opportunity, out of profile too, and does not prospect. Neither pulls deals in, discounts more or works overtime. Rep hours are priced, so the results show the cost of sale and the contribution.',
    sources: [
      'Assumption: 10 hours of a rep’s prospecting (research, calls, emails) per new sweet-spot opportunity, arriving 3 weeks after the hours are spent.',
      'Assumption: a rep is behind plan from week 9 of the quarter when booked plus expected bookings fall below 90% of quota (as in "Quarter-end panic").',
      RATE_ASSUMPTIONS.rep,
      SOURCES.bridge,
      SOURCES.cso,
      SOURCES.kbcm,
    ],
  },
);

/** All presets, the default first. */
export const PRESETS: readonly Scenario[] = [
  saasMidMarket,
  chaseTheBigOnes,
  quarterEndPanic,
  spareCapacity,
  specialistBottleneck,
  behindPlanDoubleDown,
];

/** The built-in default scenario (a deep copy, safe to mutate). */
export function defaultScenario(): Scenario {
  return JSON.parse(JSON.stringify(saasMidMarket)) as Scenario;
}
