/**
 * The engine's shared specialists (docs/model.md §12), cost of sale and contribution (§13) and
 * prospecting (§14) against the closed forms and identities those sections state. Exact checks
 * use few trials and say their tolerance (floating-point order, or the aggregates' rounding to
 * whole units and sixteenths of an hour); the two statistical checks say theirs in standard
 * errors. Seeds are fixed, so every test is deterministic.
 */
import {
  ATTRIBUTION_METRICS,
  layoutOf,
  QUARTER_COLUMNS,
  type QuarterColumn,
  SEGMENT_AGGREGATES,
  type SegmentAggregate,
  type SimulationChunk,
  Simulator,
  simulateChunk,
  TEAM_AGGREGATES,
  type TeamAggregate,
  traceTrial,
  WATERFALL_PARTS,
} from '@sweetspot/engine';
import {
  attributionGroups,
  type Priority,
  type ProspectWhen,
  type Pursue,
  type Scenario,
  type Segment,
  type SpecialistPool,
  type Strategy,
} from '@sweetspot/scenario';
import { unlimitedScenario, validScenario } from '@sweetspot/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from '../packages/engine/src/test-arbitraries.ts';
import { HOUR_USES } from '../packages/engine/src/test-run.ts';
import { drawnSegment, fixed, muSigma, spread } from '../packages/engine/src/test-worlds.ts';

/** Per-trial values of a quarter column. */
function col(chunk: SimulationChunk, st: number, q: number, m: QuarterColumn): number[] {
  const layout = layoutOf(chunk);
  const at = layout.columnOffset(st, layout.quarterColumn(q, m), chunk.trialCount);
  return Array.from(chunk.columns.subarray(at, at + chunk.trialCount));
}

/** A segment aggregate (sum over the chunk's trials, real units). */
function seg(
  chunk: SimulationChunk,
  st: number,
  q: number,
  s: number,
  m: SegmentAggregate,
): number {
  const layout = layoutOf(chunk);
  return layout.aggregateValue(chunk.aggregates, layout.segmentAggregate(st, q, s, m));
}

/** A team aggregate (sum over the chunk's trials, real units). */
function team(chunk: SimulationChunk, st: number, q: number, m: TeamAggregate): number {
  const layout = layoutOf(chunk);
  return layout.aggregateValue(chunk.aggregates, layout.teamAggregate(st, q, m));
}

/** A segment of these worlds: drawn sizes, cycles and efforts; override anything. */
function segment(id: string, overrides: Partial<Segment> = {}): Segment {
  return drawnSegment(id, {
    winRate: 0.4,
    dealSize: spread(20_000, 50_000),
    salesCycleWeeks: spread(5, 10),
    effortHours: spread(10, 25),
    annualChurn: 0.2,
    ...overrides,
  });
}

/** Out of profile and arriving more often than the sweet spot. */
const outOfProfile = { sweetSpot: false, opportunitiesPerRepPerWeek: 1.5 };

/** busyScenario's out-of-profile segment: rarer wins of bigger deals that take more effort. */
function edge(overrides: Partial<Segment> = {}): Segment {
  return segment('edge', {
    ...outOfProfile,
    winRate: 0.2,
    dealSize: spread(60_000, 200_000),
    effortHours: spread(20, 60),
    ...overrides,
  });
}

/**
 * Two segments with continuous sizes, cycles and efforts (no exact key ties), hours short
 * enough that deals compete, three strategies (one with a push).
 */
function busyScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    version: 1,
    name: 'Mechanisms check',
    currency: 'USD',
    seed: 2026,
    trials: 20,
    horizon: { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 26 },
    team: {
      reps: 3,
      sellingHoursPerWeek: 30,
      quotaPerRepPerQuarter: 150_000,
      overheadHoursPerActiveDeal: 0.25,
    },
    dynamics: { delayPenaltyPerWeek: 0.05, stallWeeks: 3 },
    segments: [segment('core'), edge()],
    strategies: [
      { id: 'all', name: 'All', pursue: 'all', priority: 'largest-first' },
      { id: 'focus', name: 'Focus', pursue: 'sweet-spot', priority: 'expected-value-per-hour' },
      {
        id: 'push',
        name: 'Push',
        pursue: 'sweet-spot',
        priority: 'oldest-first',
        quarterEndPush: {
          fromWeek: 9,
          belowAttainment: 1,
          pursue: 'all',
          pullInWeeks: 3,
          extraDiscount: 0.1,
          pullInWinFactor: 0.9,
          overtime: 1.2,
        },
      },
    ],
    compare: ['all', 'focus'],
    ...overrides,
  };
}

/** |got − want| ≤ abs + rel·|want|, with a message naming the check. */
function near(got: number, want: number, abs: number, rel: number, what: string): void {
  if (!(Math.abs(got - want) <= abs + rel * Math.abs(want))) {
    expect.fail(`${what}: got ${got}, want ${want} (± ${abs} + ${rel}·|want|)`);
  }
}

const presales = { id: 'presales', name: 'Presales', hoursPerWeek: 25, costPerHour: 120 };
const legal = { id: 'legal', name: 'Legal', hoursPerWeek: 6, costPerHour: 300 };

/**
 * busyScenario with reps at 85 an hour and two pools that run short: presales for both segments,
 * legal for the big deals; `more` adds pools, what the edge needs of them, or core's settings.
 */
function pooledScenario(
  trials: number,
  more: { pools?: SpecialistPool[]; edgeNeeds?: Record<string, number>; core?: Partial<Segment> },
): Scenario {
  return busyScenario({
    trials,
    team: {
      ...busyScenario().team,
      costPerSellingHour: 85,
      specialists: [presales, legal, ...(more.pools ?? [])],
    },
    segments: [
      segment('core', { specialistHoursPerSellingHour: { presales: 0.5 }, ...more.core }),
      edge({ specialistHoursPerSellingHour: { presales: 0.75, legal: 0.25, ...more.edgeNeeds } }),
    ],
  });
}

/**
 * A one-quarter world for a closed form: `unlimitedScenario`'s team (3 reps, 168 selling hours,
 * no overhead) and 1,500 trials after a warm-up to the steady state, `team` changed as given.
 */
function closedFormWorld(
  world: { name: string; seed: number; warmupWeeks: number } & Partial<Scenario['team']>,
  segments: Segment[],
  [a, b]: [Strategy, Strategy],
): Scenario {
  const { name, seed, warmupWeeks, ...team } = world;
  const base = unlimitedScenario(segments, {
    name,
    seed,
    trials: 1500,
    horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks },
    strategies: [a, b],
    compare: [a.id, b.id],
  });
  return validScenario({ ...base, team: { ...base.team, ...team } });
}

/** The sizes a closed form multiplies: reps, selling hours, trials and weeks a quarter (K). */
const worldSize = (s: Scenario) => ({ ...s.team, trials: s.trials, K: s.horizon.weeksPerQuarter });

/** E[X] and E[X²] of a lognormal quantity (docs/model.md §2: exp(μ + σ²/2), exp(2μ + 2σ²)). */
function lognormalMoments(q: { median: number; p90: number }) {
  const [, sigma] = muSigma(q);
  return {
    mean: q.median * Math.exp((sigma * sigma) / 2),
    meanSquare: q.median ** 2 * Math.exp(2 * sigma * sigma),
  };
}

/** A strategy that prospects `prospects` with its spare hours (§14), always unless `when` says. */
function prospector(
  id: string,
  name: string,
  pursue: Pursue,
  priority: Priority,
  prospects: Pursue,
  when: ProspectWhen = 'always',
): Strategy {
  return { id, name, pursue, priority, prospecting: { pursue: prospects, when } };
}

/** busyScenario's strategy with a quarter-end push. */
const pushing = busyScenario().strategies[2] as Strategy;

/** Hours worked on a segment's deals (won, lost or stalled) in a strategy's quarter. */
const dealHours = (c: SimulationChunk, st: number, q: number, s: number) =>
  seg(c, st, q, s, 'hoursWon') + seg(c, st, q, s, 'hoursLost') + seg(c, st, q, s, 'hoursStalled');

// -----------------------------------------------------------------------------------------------
// §12 shared specialists

describe('§12 shared specialists', () => {
  it('(a) a pool far above any possible demand gives the no-pool results (random scenarios, continuous draws)', () => {
    // Tolerance: per-trial columns to a relative 1e-9 (week-major play adds sums over reps in
    // another order, §3); aggregates of hours to 1/16 h per trial and money to 1 unit per trial
    // (each trial is rounded to those units before it is added, so a last-bit difference can
    // move one rounding); counts exactly.
    const continuous = scenarioArb.map((s) => {
      const widen = (q: { median: number; p90: number }) => ({
        median: q.median,
        p90: q.p90 > q.median * 1.01 ? q.p90 : q.median * 2.5,
      });
      return {
        ...s,
        trials: 3,
        segments: s.segments.map((g) => ({
          ...g,
          dealSize: widen(g.dealSize),
          effortHours: widen(g.effortHours),
        })),
      };
    });
    fc.assert(
      fc.property(
        continuous,
        fc.nat(100),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (s, start, k) => {
          const without = validScenario(s);
          // The largest possible weekly demand is Σ_s k·R·H·overtime ≤ 3 · 2 · 3 · 40 · 3 < 10⁵.
          const withPool = validScenario({
            ...s,
            team: {
              ...s.team,
              specialists: [{ id: 'big', name: 'Big pool', hoursPerWeek: 100_000 }],
            },
            segments: s.segments.map((g) => ({ ...g, specialistHoursPerSellingHour: { big: k } })),
          });
          const a = simulateChunk(without, start, 3);
          const b = simulateChunk(withPool, start, 3);
          const layout = layoutOf(a);
          const n = a.trialCount;
          for (let st = 0; st < s.strategies.length; st++) {
            for (let q = 0; q < s.horizon.quarters; q++) {
              // Every quarter column but the pool's own wasted hours (§12).
              for (const m of QUARTER_COLUMNS.filter((c) => c !== 'specialistHoursWasted')) {
                const x = col(a, st, q, m);
                const y = col(b, st, q, m);
                x.forEach((v, t) => {
                  near(y[t] as number, v, 1e-6, 1e-9, `st ${st} q${q} ${m} t${t}`);
                });
              }
              for (let g = 0; g < s.segments.length; g++) {
                for (const m of SEGMENT_AGGREGATES) {
                  const tol = m.startsWith('hours')
                    ? n / 16 + 1e-9
                    : ['bookings', 'listValueWon', 'costToServe'].includes(m)
                      ? n
                      : 0;
                  near(
                    seg(b, st, q, g, m),
                    seg(a, st, q, g, m),
                    tol,
                    0,
                    `st ${st} q${q} s${g} ${m}`,
                  );
                }
              }
              for (const m of TEAM_AGGREGATES) {
                const tol = m.startsWith('hours') ? n / 16 + 1e-9 : 0;
                near(team(b, st, q, m), team(a, st, q, m), tol, 0, `st ${st} q${q} ${m}`);
              }
            }
            const r = layout.columnOffset(st, layout.horizonColumn('retainedRecurringRevenue'), n);
            for (let t = 0; t < n; t++) {
              near(b.columns[r + t] as number, a.columns[r + t] as number, 1e-6, 1e-9, 'retained');
            }
          }
        },
      ),
      { seed: 2026_12_05, numRuns: 40 },
    );
  });

  it('(b) a pool of 0 hours: the segment that needs it wins nothing, and every pursued deal of it stalls exactly stallWeeks weeks after it arrives', () => {
    const stallWeeks = 3;
    const s = validScenario(
      busyScenario({
        trials: 2,
        horizon: { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 0 },
        dynamics: { delayPenaltyPerWeek: 0.05, stallWeeks },
        team: {
          ...busyScenario().team,
          specialists: [{ id: 'legal', name: 'Legal', hoursPerWeek: 0 }],
        },
        segments: [
          segment('core', { specialistHoursPerSellingHour: { legal: 0.5 } }),
          segment('edge', outOfProfile),
        ],
        // No push: a pulled-in deal is decided at the quarter's end whatever its progress (§7).
        strategies: busyScenario().strategies.slice(0, 2),
      }),
    );
    let checked = 0;
    for (let trial = 0; trial < 2; trial++) {
      const trace = traceTrial(s, trial);
      for (const st of trace.strategies) {
        const arrived = new Map<number, number>();
        const ends = new Map<number, { kind: string; week: number }>();
        for (const ev of st.events) {
          if (ev.segment !== 0) continue;
          if (ev.kind === 'arrived') arrived.set(ev.deal, ev.week);
          if (ev.kind === 'won' || ev.kind === 'lost' || ev.kind === 'stalled')
            ends.set(ev.deal, { kind: ev.kind, week: ev.week });
          if (ev.kind !== 'qualified-in') continue;
          checked++;
        }
        for (const ev of st.events) {
          if (ev.segment !== 0 || ev.kind !== 'qualified-in') continue;
          const a = arrived.get(ev.deal) as number;
          const end = ends.get(ev.deal);
          if (a + stallWeeks - 1 < trace.weeks) {
            expect(end, `deal ${ev.deal}`).toEqual({ kind: 'stalled', week: a + stallWeeks - 1 });
          } else expect(end, `deal ${ev.deal} (stalls after the horizon)`).toBeUndefined();
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    const chunk = simulateChunk(s, 0, 2);
    for (let st = 0; st < 2; st++) {
      for (let q = 0; q < 2; q++) {
        expect(seg(chunk, st, q, 0, 'wins')).toBe(0);
        expect(seg(chunk, st, q, 0, 'losses')).toBe(0);
        // They got no hour of work at all.
        expect(seg(chunk, st, q, 0, 'hoursWon') + seg(chunk, st, q, 0, 'hoursLost')).toBe(0);
        expect(seg(chunk, st, q, 0, 'hoursStalled')).toBe(0);
      }
    }
  });

  /** A team whose two pools run short: presales for both segments, legal for the big deals. */
  const pooled = validScenario(
    pooledScenario(12, {
      pools: [{ id: 'idle', name: 'Nobody needs it', hoursPerWeek: 5, costPerHour: 1000 }],
      edgeNeeds: { idle: 0 },
    }),
  );
  const k = [
    { presales: 0.5, legal: 0 },
    { presales: 0.75, legal: 0.25 },
  ];
  /** One chunk per trial, so each aggregate is that trial's (rounded as stated). */
  const perTrial = Array.from({ length: 12 }, (_, t) => simulateChunk(pooled, t, 1));

  it('(c) each pool gives at most weeks × hoursPerWeek a quarter, and the pools do run short', () => {
    // Tolerance: each hour aggregate is rounded to 1/16 h per trial: Σ_s k·3/32 h.
    let shortQuarters = 0;
    for (const c of perTrial) {
      for (let st = 0; st < 3; st++) {
        for (let q = 0; q < 2; q++) {
          for (const pool of ['presales', 'legal'] as const) {
            const cap = 13 * (pool === 'presales' ? 25 : 6);
            const used = k.reduce((sum, need, s) => sum + need[pool] * dealHours(c, st, q, s), 0);
            const tol = k.reduce((sum, need) => sum + (need[pool] * 3) / 32, 0) + 1e-9;
            expect(used).toBeLessThanOrEqual(cap + tol);
            if (used > 0.95 * cap) shortQuarters++;
          }
        }
      }
    }
    // The bound is met, not just respected: most strategy-quarters use nearly all of a pool.
    expect(shortQuarters).toBeGreaterThan(40);
  });

  it('specialist hours wasted = Σ_s K_s · (hours lost + hours stalled), trial by trial', () => {
    // Tolerance: two rounded hour aggregates per segment, 2/32 h each, times K_s.
    for (const c of perTrial) {
      for (let st = 0; st < 3; st++) {
        for (let q = 0; q < 2; q++) {
          let want = 0;
          let tol = 1e-9;
          k.forEach((need, s) => {
            const K = need.presales + need.legal;
            want += K * (seg(c, st, q, s, 'hoursLost') + seg(c, st, q, s, 'hoursStalled'));
            tol += (K * 2) / 32;
          });
          near(col(c, st, q, 'specialistHoursWasted')[0] as number, want, tol, 0, 'wasted');
        }
      }
    }
  });

  it('the team-wide allocation starves deals that hours alone would not: the pools cost wins', () => {
    const free = simulateChunk(
      validScenario({
        ...pooled,
        team: { ...pooled.team, specialists: [] },
        segments: pooled.segments.map(({ specialistHoursPerSellingHour: _, ...g }) => g),
      }),
      0,
      12,
    );
    const short = simulateChunk(pooled, 0, 12);
    const total = (c: SimulationChunk, m: SegmentAggregate) =>
      [0, 1, 2].reduce(
        (sum, st) =>
          sum + [0, 1].reduce((x, q) => x + seg(c, st, q, 0, m) + seg(c, st, q, 1, m), 0),
        0,
      );
    expect(total(short, 'stalls')).toBeGreaterThan(total(free, 'stalls'));
    expect(total(short, 'wins')).toBeLessThan(total(free, 'wins'));
  });
});

describe('§6 with §12: every hour is filed once, also for the deals that settle after the horizon', () => {
  it('hours by use add up to capacity each quarter with a pool that never runs short', () => {
    // Unlimited hours, fixed 8 h efforts over 4 weeks: the deals that arrive in the last three
    // weeks are open at the horizon, got hours in the last quarter, and are decided while
    // settling (§6); the last of them end in the same settling week. Their hours must be filed
    // (won or lost) like without the pool. Tolerance: each aggregate is rounded to 1/16 h per
    // trial, 1/32 h off at most: (3 deal uses + qualification + overhead + prospecting + idle +
    // capacity) · 1/32 h.
    const s = validScenario({
      ...busyScenario({ trials: 4 }),
      team: {
        ...busyScenario().team,
        sellingHoursPerWeek: 100,
        specialists: [{ id: 'big', name: 'Big pool', hoursPerWeek: 100_000 }],
      },
      segments: [
        segment('core', {
          effortHours: fixed(8),
          salesCycleWeeks: fixed(4),
          specialistHoursPerSellingHour: { big: 1 },
        }),
      ],
      strategies: busyScenario().strategies.slice(0, 2),
    });
    for (let t = 0; t < 4; t++) {
      const c = simulateChunk(s, t, 1);
      for (let st = 0; st < 2; st++) {
        for (let q = 0; q < 2; q++) {
          let used = team(c, st, q, 'hoursIdle');
          for (const m of [...HOUR_USES, 'hoursProspecting'] as const) used += seg(c, st, q, 0, m);
          near(used, team(c, st, q, 'hoursCapacity'), 8 / 32 + 1e-9, 0, `t${t} st${st} q${q}`);
        }
      }
    }
  });
});

// -----------------------------------------------------------------------------------------------
// §13 cost of sale and contribution

describe('§13 cost of sale and contribution', () => {
  const pooled = validScenario({
    ...pooledScenario(10, { core: { prospecting: { hoursPerOpportunity: 6, lagWeeks: 2 } } }),
    strategies: [
      ...busyScenario().strategies.slice(0, 2),
      { ...pushing, prospecting: { pursue: ['core'], when: 'during-push' } },
      prospector('prospect', 'Prospect', 'sweet-spot', 'expected-value-per-hour', 'sweet-spot'),
    ],
    compare: ['prospect', 'all'],
  });
  const specialistRate = [0.5 * 120, 0.75 * 120 + 0.25 * 300];

  it('cost of sale = rate · (capacity − idle) + Σ_s (Σ_p k·cost) · deal hours, trial by trial', () => {
    // Tolerance: the capacity and idle aggregates are rounded to 1/16 h per trial (85 · 2/32),
    // and each segment's three deal-hour aggregates too (rate_s · 3/32).
    for (let t = 0; t < 10; t++) {
      const c = simulateChunk(pooled, t, 1);
      for (let st = 0; st < 4; st++) {
        for (let q = 0; q < 2; q++) {
          const worked = team(c, st, q, 'hoursCapacity') - team(c, st, q, 'hoursIdle');
          let want = 85 * worked;
          let tol = (85 * 2) / 32 + 1e-6;
          specialistRate.forEach((r, s) => {
            want += r * dealHours(c, st, q, s);
            tol += (r * 3) / 32;
          });
          near(col(c, st, q, 'costOfSale')[0] as number, want, tol, 0, `t${t} st${st} q${q}`);
          // Prospecting hours are worked, not idle (§14): part of the rep hours priced.
          const used =
            seg(c, st, q, 0, 'hoursProspecting') +
            seg(c, st, q, 1, 'hoursProspecting') +
            [0, 1].reduce(
              (x, s) =>
                x +
                dealHours(c, st, q, s) +
                seg(c, st, q, s, 'hoursQualification') +
                seg(c, st, q, s, 'hoursOverhead'),
              0,
            );
          near(used, worked, 14 / 32 + 1e-6, 0, `t${t} st${st} q${q} hours worked by use`);
        }
      }
    }
  });

  it('contribution = gross margin − cost of sale in every trial and quarter (relative 1e-12)', () => {
    const c = simulateChunk(pooled, 0, 10);
    for (let st = 0; st < 4; st++) {
      for (let q = 0; q < 2; q++) {
        const m = col(c, st, q, 'margin');
        const k = col(c, st, q, 'costOfSale');
        col(c, st, q, 'contribution').forEach((x, t) => {
          near(x, (m[t] as number) - (k[t] as number), 1e-9, 1e-12, `st${st} q${q} t${t}`);
        });
        expect(Math.min(...k)).toBeGreaterThan(0);
      }
    }
  });

  it('with no rates, cost of sale is 0 and contribution is exactly gross margin', () => {
    const noRates = validScenario({
      ...pooled,
      team: {
        ...pooled.team,
        costPerSellingHour: undefined,
        specialists: (pooled.team.specialists ?? []).map(({ costPerHour: _, ...p }) => p),
      },
    });
    const c = simulateChunk(noRates, 0, 6);
    for (let st = 0; st < 4; st++) {
      for (let q = 0; q < 2; q++) {
        expect(col(c, st, q, 'costOfSale').every((x) => x === 0)).toBe(true);
        expect(col(c, st, q, 'contribution')).toEqual(col(c, st, q, 'margin'));
      }
    }
  });

  it('the waterfall’s parts add up to the mean contribution gap A − B (within the rounding of §10)', () => {
    // §10: each part is rounded to whole units per trial before it is summed: at most ½ unit per
    // part per trial away from the unrounded sum.
    const n = 10;
    const c = simulateChunk(pooled, 0, n);
    const layout = layoutOf(c);
    const a = pooled.strategies.findIndex((s) => s.id === pooled.compare[0]);
    const b = pooled.strategies.findIndex((s) => s.id === pooled.compare[1]);
    for (let q = 0; q < 2; q++) {
      let parts = 0;
      for (const p of WATERFALL_PARTS) parts += c.aggregates[layout.waterfallPart(q, p)] as number;
      const ca = col(c, a, q, 'contribution');
      const cb = col(c, b, q, 'contribution');
      const gap = ca.reduce((x, v, t) => x + v - (cb[t] as number), 0);
      near(parts, gap, (n * WATERFALL_PARTS.length) / 2 + 1e-6, 1e-12, `q${q} contribution`);
      // Without the cost-of-sale bar they add up to the margin gap, and it is not zero here.
      const costBar = c.aggregates[layout.waterfallPart(q, 'costOfSale')] as number;
      const ma = col(c, a, q, 'margin');
      const mb = col(c, b, q, 'margin');
      const marginGap = ma.reduce((x, v, t) => x + v - (mb[t] as number), 0);
      near(parts - costBar, marginGap, (n * WATERFALL_PARTS.length) / 2 + 1e-6, 1e-12, 'margin');
      expect(Math.abs(costBar)).toBeGreaterThan(1000);
      // The prospecting strategy wins deals the other never had.
      expect(c.aggregates[layout.waterfallPart(q, 'prospectedWins')] as number).toBeGreaterThan(0);
    }
  });

  it('closed form, unlimited hours: E[cost of sale per quarter] = rate · K·R·λ·(E[E] + q)  (|z| < 3, sample SE)', () => {
    // One pursued segment, no pools, no overhead, 168 selling hours: no deal ever starves, so a
    // quarter's deal hours average K·R·λ·E[E] in steady state (§9) and its qualification hours
    // K·R·λ·q. SE: the sample standard deviation of the per-trial cost over √trials.
    const rate = 90;
    const effort = spread(6, 15);
    const lambda = 1.5;
    const q = 0.75;
    const s = closedFormWorld(
      { name: 'Cost closed form', seed: 91, warmupWeeks: 30, costPerSellingHour: rate },
      [
        segment('core', {
          opportunitiesPerRepPerWeek: lambda,
          effortHours: effort,
          salesCycleWeeks: spread(4, 8),
          qualificationHours: q,
        }),
      ],
      [
        { id: 'all', name: 'All', pursue: 'all', priority: 'oldest-first' },
        { id: 'again', name: 'Again', pursue: 'all', priority: 'largest-first' },
      ],
    );
    const { reps: R, trials, K } = worldSize(s);
    const c = simulateChunk(s, 0, trials);
    const cost = col(c, 0, 0, 'costOfSale');
    const mean = cost.reduce((x, v) => x + v, 0) / trials;
    const sd = Math.sqrt(cost.reduce((x, v) => x + (v - mean) ** 2, 0) / (trials - 1));
    const se = sd / Math.sqrt(trials);
    const want = rate * K * R * lambda * (lognormalMoments(effort).mean + q);
    const z = (mean - want) / se;
    console.info(
      `§13 closed form: mean cost of sale ${mean.toFixed(1)}, expected ${want.toFixed(1)}, SE ${se.toFixed(1)}, z ${z.toFixed(2)}`,
    );
    expect(Math.abs(z)).toBeLessThan(3);
    // No hour is starved: nothing stalls.
    expect(seg(c, 0, 0, 0, 'stalls')).toBe(0);
  });
});

// -----------------------------------------------------------------------------------------------
// §14 prospecting

/**
 * No drawn arrivals at all; `core` and `other` can be prospected and qualify at 0 hours; each
 * strategy pursues only `third`, so every prospected deal is qualified out for free and every
 * hour of every week is spare.
 */
function prospectScenario(): Scenario {
  const none = { opportunitiesPerRepPerWeek: 0, qualificationHours: 0 };
  return {
    version: 1,
    name: 'Prospecting check',
    currency: 'USD',
    seed: 14,
    trials: 3,
    horizon: { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 0 },
    team: {
      reps: 2,
      sellingHoursPerWeek: 10,
      quotaPerRepPerQuarter: 100_000,
      overheadHoursPerActiveDeal: 0,
    },
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments: [
      segment('core', { ...none, prospecting: { hoursPerOpportunity: 3, lagWeeks: 2 } }),
      segment('other', { ...none, prospecting: { hoursPerOpportunity: 4, lagWeeks: 3 } }),
      segment('third', none),
    ],
    strategies: [
      prospector('one', 'One segment', ['third'], 'oldest-first', ['core']),
      prospector('two', 'Two segments', ['third'], 'oldest-first', ['core', 'other']),
    ],
    compare: ['one', 'two'],
  };
}

describe('§14 prospecting', () => {
  it('(a) I spare hours a week: ⌊Σ I / h⌋ opportunities, exactly (no drawn arrivals)', () => {
    // Every week each rep has I = 10 h spare, all spent prospecting, I/n for each of the n
    // prospected segments. The arrivals within the horizon are those sourced in weeks
    // 0 … T − 1 − ℓ: ⌊(T − ℓ)·(I/n) / h⌋ per rep and segment. Counts exact; the hours are
    // multiples of 1/16 here, so their aggregates are exact too.
    const s = validScenario(prospectScenario());
    const T = 26;
    const I = 10;
    const R = 2;
    const trials = 3;
    const c = simulateChunk(s, 0, trials);
    const prospected = (st: number, g: number) =>
      [0, 1].reduce((x, q) => x + seg(c, st, q, g, 'prospected'), 0);
    expect(prospected(0, 0)).toBe(trials * R * Math.floor(((T - 2) * I) / 3));
    expect(prospected(0, 1)).toBe(0);
    expect(prospected(1, 0)).toBe(trials * R * Math.floor(((T - 2) * (I / 2)) / 3));
    expect(prospected(1, 1)).toBe(trials * R * Math.floor(((T - 3) * (I / 2)) / 4));
    for (let q = 0; q < 2; q++) {
      expect(seg(c, 0, q, 0, 'hoursProspecting')).toBe(trials * R * 13 * I);
      expect(seg(c, 1, q, 0, 'hoursProspecting')).toBe((trials * R * 13 * I) / 2);
      expect(seg(c, 1, q, 1, 'hoursProspecting')).toBe((trials * R * 13 * I) / 2);
      for (let st = 0; st < 2; st++) {
        expect(team(c, st, q, 'hoursIdle')).toBe(0);
        expect(seg(c, st, q, 0, 'pursued') + seg(c, st, q, 1, 'pursued')).toBe(0);
        // A prospected arrival is an arrival (§14, layout.ts).
        expect(seg(c, st, q, 0, 'arrivals')).toBe(seg(c, st, q, 0, 'prospected'));
      }
    }
    // Week by week in the replay: the k-th opportunity is sourced in the week the bank passes
    // k·h, and arrives ℓ weeks later.
    const trace = traceTrial(s, 0);
    const one = trace.strategies[0];
    if (!one) throw new Error('no trace');
    for (let r = 0; r < R; r++) {
      for (let w = 2; w < T; w++) {
        const arrived = one.events.filter(
          (e) => e.kind === 'arrived' && e.rep === r && e.week === w,
        ).length;
        expect(arrived, `rep ${r} week ${w}`).toBe(
          Math.floor(((w - 1) * I) / 3) - Math.floor(((w - 2) * I) / 3),
        );
        const i = (r * trace.weeks + w) * 5;
        expect(Array.from(one.hours.subarray(i, i + 5))).toEqual([0, 0, 0, 0, I]);
      }
    }
  });

  it('(a) at scale: thousands of prospected deals a trial grow the world past its first buffers, every deal drawn', () => {
    // 10 reps × 40 h spare a week at 0.5 h per opportunity: 80 a rep-week, 1,920 a rep over the
    // 24 weeks whose opportunities arrive within the horizon — far past the world's first 1,024
    // slots, so prospecting alone must grow its arrays (a lost write would leave a deal undrawn).
    const base = prospectScenario();
    const s = validScenario({
      ...base,
      trials: 1,
      team: { ...base.team, reps: 10, sellingHoursPerWeek: 40 },
      segments: base.segments.map((g) =>
        g.id === 'core' ? { ...g, prospecting: { hoursPerOpportunity: 0.5, lagWeeks: 2 } } : g,
      ),
    });
    const c = simulateChunk(s, 0, 1);
    const prospected = [0, 1].reduce((x, q) => x + seg(c, 0, q, 0, 'prospected'), 0);
    expect(prospected).toBe(10 * Math.floor((24 * 40) / 0.5));
    const trace = traceTrial(s, 0);
    const arrived = (trace.strategies[0]?.events ?? []).filter((e) => e.kind === 'arrived');
    expect(arrived.length).toBe(prospected);
    for (const e of arrived) {
      expect(e.listValue, `deal ${e.deal}`).toBeGreaterThan(0);
      expect(Number.isFinite(e.listValue)).toBe(true);
    }
    // Each deal is drawn once: the deals are distinct.
    expect(new Set(arrived.map((e) => e.deal)).size).toBe(arrived.length);
  });

  it('(b) unlimited hours, one prospected segment: extra bookings per rep-week = I/h · w̄ · E[V] · (1 − d)  (|z| < 3)', () => {
    // 'core' has no drawn arrivals; its prospected deals need 10⁻⁶ h of work, so every week's
    // spare hours are I = 40 − O(10⁻⁵) h and a rep sources I/h = 4 deals a week (3 in its first
    // week). A prospects 'core', B does not; both pursue a drawn segment with deals of negligible
    // effort, identical under both (common random numbers), so A − B is the prospected deals'
    // bookings. Each is decided on time C = 3 weeks after it arrives (lag 2): in steady state
    // (warm-up 20 weeks) exactly N = 4·K·R are decided per quarter, each booking V(1 − d) with
    // probability w̄. Var per quarter = N·(1 − d)²·(w̄·E[V²] − w̄²·E[V]²); SE = √(Var / trials).
    const h = 10;
    const w = 0.35;
    const d = 0.15;
    const size = spread(20_000, 45_000);
    const { mean: EV, meanSquare: EV2 } = lognormalMoments(size);
    const s = closedFormWorld(
      { name: 'Prospecting closed form', seed: 1414, warmupWeeks: 20, sellingHoursPerWeek: 40 },
      [
        segment('core', {
          opportunitiesPerRepPerWeek: 0,
          winRate: w,
          discount: d,
          dealSize: size,
          salesCycleWeeks: fixed(3),
          effortHours: fixed(1e-6),
          qualificationHours: 0,
          prospecting: { hoursPerOpportunity: h, lagWeeks: 2 },
        }),
        segment('drawn', {
          opportunitiesPerRepPerWeek: 0.5,
          effortHours: fixed(1e-6),
          qualificationHours: 0,
        }),
      ],
      [
        prospector('a', 'Prospects', 'all', 'oldest-first', ['core']),
        { id: 'b', name: 'Does not', pursue: 'all', priority: 'oldest-first' },
      ],
    );
    const { reps: R, sellingHoursPerWeek: H, trials, K } = worldSize(s);
    const c = simulateChunk(s, 0, trials);
    const a = col(c, 0, 0, 'bookings');
    const b = col(c, 1, 0, 'bookings');
    const gap = a.map((x, t) => x - (b[t] as number));
    const mean = gap.reduce((x, v) => x + v, 0) / trials;
    const N = (H / h) * K * R;
    const want = N * w * EV * (1 - d);
    const se = Math.sqrt((N * (1 - d) ** 2 * (w * EV2 - w * w * EV * EV)) / trials);
    const z = (mean - want) / se;
    console.info(
      `§14(b): mean extra bookings ${mean.toFixed(0)} a quarter (${(mean / (K * R)).toFixed(1)} per rep-week), expected ${want.toFixed(0)} (${(want / (K * R)).toFixed(1)}), SE ${se.toFixed(0)}, z ${z.toFixed(2)}`,
    );
    expect(Math.abs(z)).toBeLessThan(3);
    // The count is the deterministic one: N prospected arrivals a quarter (steady state).
    expect(seg(c, 0, 0, 0, 'prospected')).toBe(trials * N);
    // B's own segment is untouched by A's prospecting (hours are unlimited).
    expect(seg(c, 0, 0, 1, 'bookings')).toBe(seg(c, 1, 0, 1, 'bookings'));
  });

  it('§10: a prospected deal the other strategy also sourced (and qualified out) is not in "prospected deals won by one"', () => {
    // No drawn arrivals. B pursues only `edge` (none arrive) and prospects `core` with every hour
    // of every week; A pursues `core`, works its deals, and so prospects with fewer spare hours:
    // B sources each of A's prospected deals no later than A does, so B had every one of them
    // (arrived, qualified out). A's wins are then sweet-spot deals B never worked (§10 table,
    // §14: "only that strategy sourced (the other never had it)").
    const none = { opportunitiesPerRepPerWeek: 0, qualificationHours: 0 };
    const s = validScenario({
      ...prospectScenario(),
      trials: 4,
      segments: [
        segment('core', {
          ...none,
          winRate: 0.5,
          prospecting: { hoursPerOpportunity: 4, lagWeeks: 1 },
        }),
        segment('edge', { ...none, sweetSpot: false }),
      ],
      strategies: [
        prospector('a', 'A', ['core'], 'oldest-first', ['core']),
        prospector('b', 'B', ['edge'], 'oldest-first', ['core']),
      ],
      compare: ['a', 'b'],
    });
    const c = simulateChunk(s, 0, 4);
    const layout = layoutOf(c);
    for (let q = 0; q < 2; q++) {
      expect(seg(c, 0, q, 0, 'wins')).toBeGreaterThan(0);
      expect(seg(c, 1, q, 0, 'prospected')).toBeGreaterThanOrEqual(seg(c, 0, q, 0, 'prospected'));
      expect(c.aggregates[layout.waterfallPart(q, 'prospectedWins')]).toBe(0);
      expect(c.aggregates[layout.waterfallPart(q, 'sweetSpotNeverWorked')]).toBeGreaterThan(0);
    }
  });

  it('(c) prospecting absent, or "during-push" with a push that never fires, plays exactly as without (bit-identical)', () => {
    const base = validScenario(
      busyScenario({
        trials: 4,
        segments: busyScenario().segments.map((g) => ({
          ...g,
          prospecting: { hoursPerOpportunity: 5, lagWeeks: 2 },
        })),
      }),
    );
    const plain = busyScenario().strategies;
    const neverPush = {
      ...(plain[2] as Strategy),
      quarterEndPush: { ...(plain[2] as Strategy).quarterEndPush, belowAttainment: 0 },
    } as Strategy;
    const variants: Scenario[] = [
      // Segments with prospecting settings, no strategy prospecting.
      validScenario({ ...base, strategies: [...plain.slice(0, 2), neverPush] }),
      // The same strategies, one of them "during-push" with a push that never fires.
      validScenario({
        ...base,
        strategies: [
          ...plain.slice(0, 2),
          { ...neverPush, prospecting: { pursue: ['core'], when: 'during-push' } },
        ],
      }),
    ];
    const reference = simulateChunk(
      validScenario({
        ...busyScenario({ trials: 4 }),
        strategies: [...plain.slice(0, 2), neverPush],
      }),
      0,
      4,
    );
    for (const v of variants) {
      const c = simulateChunk(v, 0, 4);
      expect(Array.from(c.columns)).toEqual(Array.from(reference.columns));
      expect(Array.from(c.aggregates)).toEqual(Array.from(reference.aggregates));
    }
  });

  it('common random numbers: a rep’s k-th prospected deal of a segment is the same deal for every strategy that sources it', () => {
    const s = validScenario(
      busyScenario({
        trials: 3,
        segments: [
          segment('core', { prospecting: { hoursPerOpportunity: 4, lagWeeks: 2 } }),
          segment('edge', {
            sweetSpot: false,
            opportunitiesPerRepPerWeek: 1.5,
            prospecting: { hoursPerOpportunity: 7, lagWeeks: 1 },
          }),
        ],
        strategies: [
          prospector('core', 'Core only', 'all', 'oldest-first', ['core']),
          prospector('both', 'Both', 'sweet-spot', 'largest-first', 'all'),
          { ...pushing, prospecting: { pursue: 'all', when: 'during-push' } },
        ],
        compare: ['core', 'both'],
      }),
    );
    let shared = 0;
    for (let trial = 0; trial < 3; trial++) {
      const base = new Simulator(s).drawWorld(trial).baseCount;
      const trace = traceTrial(s, trial);
      // Per strategy, rep and segment: the prospected arrivals in order (index, list value).
      const streams = trace.strategies.map((st) => {
        const m = new Map<string, { deal: number; value: number }[]>();
        for (const ev of st.events) {
          if (ev.kind !== 'arrived' || ev.deal < base) continue;
          const key = `${ev.rep}:${ev.segment}`;
          m.set(key, [...(m.get(key) ?? []), { deal: ev.deal, value: ev.listValue }]);
        }
        return m;
      });
      for (let i = 0; i < streams.length; i++) {
        for (let j = i + 1; j < streams.length; j++) {
          for (const [key, xs] of streams[i] as Map<string, { deal: number; value: number }[]>) {
            const ys =
              (streams[j] as Map<string, { deal: number; value: number }[]>).get(key) ?? [];
            for (let k = 0; k < Math.min(xs.length, ys.length); k++) {
              expect(ys[k], `trial ${trial} strategies ${i}, ${j} stream ${key} #${k}`).toEqual(
                xs[k],
              );
              shared++;
            }
          }
        }
      }
    }
    expect(shared).toBeGreaterThan(200);
  });

  it('results do not depend on chunking: trials [0, 7) in one chunk or in two give identical columns and aggregates', () => {
    const s = validScenario(
      busyScenario({
        trials: 7,
        team: {
          ...busyScenario().team,
          costPerSellingHour: 70,
          specialists: [{ id: 'se', name: 'Engineers', hoursPerWeek: 20, costPerHour: 150 }],
        },
        segments: [
          segment('core', {
            specialistHoursPerSellingHour: { se: 0.5 },
            prospecting: { hoursPerOpportunity: 5, lagWeeks: 2 },
          }),
          segment('edge', outOfProfile),
        ],
        strategies: [
          { id: 'all', name: 'All', pursue: 'all', priority: 'largest-first' },
          prospector('focus', 'Focus', 'sweet-spot', 'expected-value-per-hour', ['core']),
        ],
      }),
    );
    expect(attributionGroups(s).length).toBe(3);
    const whole = simulateChunk(s, 0, 7);
    const first = simulateChunk(s, 0, 3);
    const second = simulateChunk(s, 3, 4);
    const layout = layoutOf(whole);
    for (let c = 0; c < layout.totalColumns; c++) {
      const all = Array.from(whole.columns.subarray(c * 7, c * 7 + 7));
      const split = [
        ...first.columns.subarray(c * 3, c * 3 + 3),
        ...second.columns.subarray(c * 4, c * 4 + 4),
      ];
      expect(split, `column ${c}`).toEqual(all);
    }
    const sum = Array.from(first.aggregates, (x, i) => x + (second.aggregates[i] as number));
    expect(sum).toEqual(Array.from(whole.aggregates));
  });
});

// -----------------------------------------------------------------------------------------------
// §11 the attribution with the prospecting group

describe('§11 attribution with a differing prospecting group', () => {
  it('the shares add up to the rounded gap in bookings, margin and contribution, trial by trial', () => {
    const s = validScenario(
      busyScenario({
        trials: 6,
        team: { ...busyScenario().team, costPerSellingHour: 60 },
        segments: [
          segment('core', { prospecting: { hoursPerOpportunity: 5, lagWeeks: 2 } }),
          segment('edge', outOfProfile),
        ],
        strategies: [
          { id: 'all', name: 'All', pursue: 'all', priority: 'largest-first' },
          prospector('focus', 'Focus', 'sweet-spot', 'largest-first', 'sweet-spot'),
        ],
        compare: ['focus', 'all'],
      }),
    );
    const groups = attributionGroups(s);
    expect([...groups].sort()).toEqual(['prospecting', 'pursue']);
    const n = 6;
    const c = simulateChunk(s, 0, n);
    const layout = layoutOf(c);
    let nonZero = 0;
    for (let q = 0; q < 2; q++) {
      for (const m of ATTRIBUTION_METRICS) {
        // A = focus (strategy 1), B = all (strategy 0).
        const a = col(c, 1, q, m as QuarterColumn);
        const b = col(c, 0, q, m as QuarterColumn);
        for (let t = 0; t < n; t++) {
          let sum = 0;
          groups.forEach((_, g) => {
            const p = c.columns[layout.attributionOffset(g, q, m, n) + t] as number;
            expect(Number.isInteger(p)).toBe(true);
            if (p !== 0 && groups[g] === 'prospecting') nonZero++;
            sum += p;
          });
          expect(sum, `q${q} ${m} trial ${t}`).toBe(
            Math.round((a[t] as number) - (b[t] as number)) + 0,
          );
        }
      }
    }
    expect(nonZero).toBeGreaterThan(10);
    expect(QUARTER_COLUMNS).toContain('contribution');
  });
});
