/**
 * The strict inequalities of docs/model.md at their exact boundary, on a world edited by hand
 * (random draws land on a boundary with probability about 2⁻³², so no seeded world tests them):
 * §4 a deal is won when its outcome draw U < p (U = p loses); §8 a won deal is still a customer at
 * the end when its churn draw U' < (1 − churn)^((T − 1 − w)/52) (equality churns). And §3 step 3
 * with no open deal: overhead is n × overhead = 0 hours, shared among no deal (no 0/0).
 */
import type { Scenario } from '@sweetspot/scenario';
import { effortlessSegment, unlimitedScenario, validScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { compileScenario } from './compile.ts';
import { layoutFor } from './layout.ts';
import { Rng, trialSeed } from './random/index.ts';
import { EV_WON, type RunObserver } from './strategy/observer.ts';
import { StrategyRun } from './strategy-run.ts';
import { World } from './world.ts';

// One rep, no warm-up, one quarter, hours to spare: every deal is decided on time, in the horizon.
// Strategy 0, the one played, pursues everything by expected value per hour.
const fixed = (x: number) => ({ median: x, p90: x });
const scenario: Scenario = validScenario(
  unlimitedScenario(
    [
      effortlessSegment({
        opportunitiesPerRepPerWeek: 1,
        winRate: 0.5,
        dealSize: fixed(1000),
        salesCycleWeeks: fixed(2),
        effortHours: fixed(2),
        discount: 0,
        annualChurn: 0.3,
      }),
    ],
    {
      name: 'Boundaries',
      trials: 1,
      horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks: 0 },
      team: {
        reps: 1,
        sellingHoursPerWeek: 100,
        quotaPerRepPerQuarter: 1,
        overheadHoursPerActiveDeal: 0,
      },
    },
  ),
);

/** Records the week each deal was won in. */
class Wins implements RunObserver {
  readonly watchesEveryWeek = false;
  readonly week = new Map<number, number>();
  event(kind: number, week: number, _rep: number, deal: number): void {
    if (kind === EV_WON) this.week.set(deal, week);
  }
  hours(): void {}
  push(): void {}
  stillOpen(): void {}
}

function setUp() {
  const c = compileScenario(scenario);
  const world = new World(c.reps, c.totalWeeks, c.segments);
  const rng = new Rng(0);
  rng.reseed(trialSeed(c.seed, 0), 0);
  world.generate(c, rng);
  const run = new StrategyRun(c, layoutFor(scenario));
  const st = c.strategies[0] as (typeof c.strategies)[number];
  const play = () => {
    const wins = new Wins();
    run.run(world, st, wins);
    return { wins, retained: run.outcome.retained };
  };
  return { c, world, play };
}

describe('the strict inequalities at their boundary', () => {
  it('§4: U = p loses, the next double below p wins', () => {
    const { world, play } = setUp();
    expect(world.count).toBeGreaterThan(3);
    const d = 1;
    world.outcomeDraw[d] = 0.5;
    expect(play().wins.week.has(d)).toBe(false);
    world.outcomeDraw[d] = 0.5 - 2 ** -54; // the largest double below 0.5
    expect(play().wins.week.has(d)).toBe(true);
  });

  it("§8: U' equal to the retention threshold churns, the next double below it stays", () => {
    const { c, world, play } = setUp();
    const d = 1;
    world.outcomeDraw[d] = 0; // won
    world.churnDraw[d] = 0.999_999; // churned: not counted
    const base = play();
    const w = base.wins.week.get(d);
    expect(w).toBeDefined();
    // The threshold from the model's formula (docs/model.md §8), T = 13 weeks.
    const threshold = (1 - 0.3) ** ((c.totalWeeks - 1 - (w as number)) / 52);
    world.churnDraw[d] = threshold;
    expect(play().retained).toBe(base.retained);
    // Just below the threshold, deal d's booked value (1000 × (1 − 0)) is retained too.
    world.churnDraw[d] = threshold - threshold * 2 ** -53;
    expect(play().retained).toBeCloseTo(base.retained + 999.9999999999998, 6);
  });
});

describe('§3 step 3 with no open deal', () => {
  it('spends no overhead and leaves every figure finite', () => {
    const sparse = validScenario({
      ...scenario,
      team: { ...scenario.team, overheadHoursPerActiveDeal: 0.5 },
      segments: scenario.segments.map((s) => ({ ...s, opportunitiesPerRepPerWeek: 0.05 })),
    });
    const c = compileScenario(sparse);
    const world = new World(c.reps, c.totalWeeks, c.segments);
    const rng = new Rng(0);
    rng.reseed(trialSeed(c.seed, 0), 0);
    world.generate(c, rng);
    // Few deals over 13 weeks: most weeks the rep has none open.
    expect(world.count).toBeLessThan(5);
    const run = new StrategyRun(c, layoutFor(sparse));
    run.run(world, c.strategies[0] as (typeof c.strategies)[number]);
    expect(run.outcome.aggregates.every(Number.isFinite)).toBe(true);
  });
});
