/**
 * The team whose simulated history the closed loops calibrate back (calibration backtest,
 * forecast round trip): two segments, a sweet spot 'a' and an out-of-profile 'b', worked as is
 * (everything, oldest first) or with focus.
 */
import { type Scenario, validateScenario } from '@sweetspot/scenario';

export interface GeneratorTeam {
  name: string;
  seed: number;
  horizon: Scenario['horizon'];
  reps: number;
  /** Opportunities per rep-week of 'a' and 'b'. */
  arrivals: [number, number];
  /** Effort ∝ cycle (the method's assumption): hours per deal-week; p90 = 2 × median. */
  rate: number;
  /** The names of 'a' and 'b'. */
  names: [string, string];
}

/** The generator team, validated (defaults filled in); throws with every problem. */
export function generatorTeam(o: GeneratorTeam): Scenario {
  const seg = (i: 0 | 1, win: number, size: [number, number], cycle: [number, number]) => ({
    id: i === 0 ? 'a' : 'b',
    name: o.names[i],
    sweetSpot: i === 0,
    opportunitiesPerRepPerWeek: o.arrivals[i],
    winRate: win,
    dealSize: { median: size[0], p90: size[1] },
    salesCycleWeeks: { median: cycle[0], p90: cycle[1] },
    effortHours: { median: o.rate * cycle[0], p90: 2 * o.rate * cycle[0] },
    discount: 0,
    costToServe: 0.1,
    annualChurn: 0.1,
    qualificationHours: 0.25,
  });
  const s = {
    version: 1,
    name: o.name,
    currency: 'USD',
    seed: o.seed,
    trials: 1,
    horizon: o.horizon,
    team: {
      reps: o.reps,
      sellingHoursPerWeek: 15,
      quotaPerRepPerQuarter: 100_000,
      overheadHoursPerActiveDeal: 0.05,
    },
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments: [seg(0, 0.35, [20_000, 40_000], [6, 12]), seg(1, 0.2, [30_000, 70_000], [10, 20])],
    strategies: [
      { id: 'as-is', name: 'As is', pursue: 'all', priority: 'oldest-first' },
      { id: 'focus', name: 'Focus', pursue: 'sweet-spot', priority: 'oldest-first' },
    ],
    compare: ['focus', 'as-is'],
  };
  const v = validateScenario(s);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}
