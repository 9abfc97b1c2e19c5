import type { Scenario, Segment, Strategy } from './types.ts';

/**
 * Built-in scenarios. Every number is either cited in `provenance.sources` or listed there as an
 * assumption, so a trainer can say where it comes from.
 */

const SOURCES = {
  bridge:
    'Bridge Group, SaaS AE Metrics & Compensation report: mid-market ACV about $25k, sales cycle about 60 days (≈ 8–9 weeks), AE quota about $600k a year ($150k a quarter).',
  cso: 'CSO Insights / Miller Heiman, Sales Performance Study: reps spend 35–41% of a 40-hour week selling (14–16 hours); 55–60% of reps reach quota.',
  icp: 'Ideal-customer-profile benchmarks (vendor studies, e.g. TOPO/Gartner): in-profile win rates about twice out-of-profile (≈30% vs ≈15%).',
  insidesales:
    'InsideSales.com Labs, 9.8M transactions, reported in Harvard Business Review (2017): deals closed at the end of a period have win rates about 51% lower and sizes about 34.5% smaller.',
  kbcm: 'KBCM Technology Group (KeyBanc) SaaS survey: gross dollar churn about 8–13% a year.',
} as const;

const ASSUMPTIONS = [
  'Assumption: effort hours per deal (sweet spot median 5 h, out-of-profile median 14 h) chosen so that sweet-spot demand nearly fills 15 selling hours a week.',
  'Assumption: out-of-profile deals are larger (median $30k, long tail), slower (median 13 weeks), need deeper discounts (20% vs 10%) and 25% of booked value in customization and special resources (sweet spot 5%).',
  'Assumption: out-of-profile churn 20% a year (sweet spot 10%, inside the KBCM range).',
  'Assumption: qualification takes 0.5 h for a sweet-spot opportunity and 1 h out of profile; each open deal costs 0.1 h a week of attention.',
  'Assumption: a deal loses 10% of its win probability (relative) for each week it runs late and goes dark after 3 starved weeks.',
];

const sweetSpotSegment: Segment = {
  id: 'icp',
  name: 'Sweet spot (mid-market SaaS)',
  sweetSpot: true,
  opportunitiesPerRepPerWeek: 1.8,
  winRate: 0.3,
  dealSize: { median: 22_000, p90: 45_000 },
  salesCycleWeeks: { median: 8, p90: 14 },
  effortHours: { median: 5, p90: 10 },
  discount: 0.1,
  costToServe: 0.05,
  annualChurn: 0.1,
  qualificationHours: 0.5,
};

const outOfProfileSegment: Segment = {
  id: 'out',
  name: 'Out of profile',
  sweetSpot: false,
  opportunitiesPerRepPerWeek: 1.2,
  winRate: 0.15,
  dealSize: { median: 30_000, p90: 90_000 },
  salesCycleWeeks: { median: 13, p90: 26 },
  effortHours: { median: 14, p90: 35 },
  discount: 0.2,
  costToServe: 0.25,
  annualChurn: 0.2,
  qualificationHours: 1,
};

const focus: Strategy = {
  id: 'focus',
  name: 'Focus on the sweet spot',
  pursue: 'sweet-spot',
  priority: 'expected-value-per-hour',
};

const chase: Strategy = {
  id: 'chase',
  name: 'Chase everything',
  pursue: 'all',
  priority: 'largest-first',
};

const base = {
  version: 1 as const,
  currency: 'USD',
  seed: 20_261_128,
  trials: 10_000,
  horizon: { quarters: 4, weeksPerQuarter: 13, warmupWeeks: 26 },
  team: {
    reps: 8,
    sellingHoursPerWeek: 15,
    quotaPerRepPerQuarter: 150_000,
    overheadHoursPerActiveDeal: 0.1,
  },
  dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
};

export const saasMidMarket: Scenario = {
  ...base,
  name: 'SaaS mid-market team',
  segments: [sweetSpotSegment, outOfProfileSegment],
  strategies: [focus, chase],
  compare: ['focus', 'chase'],
  provenance: {
    description:
      'Eight mid-market SaaS reps with 15 selling hours a week. Sweet-spot deals arrive at 1.8 per rep-week and win 30% of the time; out-of-profile deals arrive at 1.2 and win 15%, but are bigger, slower, costlier to serve and discounted more. Focus qualifies out everything outside the profile; chase-everything pursues every opportunity, biggest first.',
    sources: [SOURCES.bridge, SOURCES.cso, SOURCES.icp, SOURCES.kbcm, ...ASSUMPTIONS],
  },
};

export const quarterEndPanic: Scenario = {
  ...base,
  name: 'Quarter-end panic',
  segments: [sweetSpotSegment, outOfProfileSegment],
  strategies: [
    focus,
    {
      id: 'panic',
      name: 'Focus until behind, then chase',
      pursue: 'sweet-spot',
      priority: 'expected-value-per-hour',
      quarterEndPush: {
        fromWeek: 9,
        belowAttainment: 0.9,
        pursue: 'all',
        pullInWeeks: 4,
        extraDiscount: 0.345,
        pullInWinFactor: 0.49,
        overtime: 1.25,
      },
    },
  ],
  compare: ['focus', 'panic'],
  provenance: {
    description:
      'The same team. Strategy B focuses on the sweet spot until week 9 of the quarter; then any rep whose booked plus expected bookings fall below 90% of quota works 25% overtime, chases every opportunity, and drags deals due in the next 4 weeks into this quarter at 34.5% extra discount and 49% of their odds.',
    sources: [
      SOURCES.insidesales,
      SOURCES.bridge,
      SOURCES.cso,
      SOURCES.icp,
      SOURCES.kbcm,
      'Assumption: 25% overtime during a push (a 15-hour selling week becomes about 19 hours).',
      ...ASSUMPTIONS,
    ],
  },
};

export const spareCapacity: Scenario = {
  ...base,
  name: 'When chasing pays: a team with spare hours',
  team: { ...base.team, sellingHoursPerWeek: 40 },
  segments: [sweetSpotSegment, { ...outOfProfileSegment, costToServe: 0.1 }],
  strategies: [focus, { ...chase, priority: 'expected-value-per-hour' }],
  compare: ['focus', 'chase'],
  provenance: {
    description:
      'A counter-example: the same market, but reps have 40 selling hours a week and out-of-profile deals cost only 10% to serve. With hours to spare, chasing out-of-profile deals adds bookings without starving the sweet spot, and focus loses.',
    sources: [
      'Assumption: 40 selling hours a week (deliberately far above the CSO Insights 14–16 hours) and 10% cost to serve out of profile, to show where focus stops paying.',
      SOURCES.bridge,
      SOURCES.icp,
      ...ASSUMPTIONS,
    ],
  },
};

/** All presets, the default first. */
export const PRESETS: readonly Scenario[] = [saasMidMarket, quarterEndPanic, spareCapacity];

/** The built-in default scenario (a deep copy, safe to mutate). */
export function defaultScenario(): Scenario {
  return JSON.parse(JSON.stringify(saasMidMarket)) as Scenario;
}
