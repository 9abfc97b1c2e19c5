/**
 * Each rep's chance of reaching quota, quarter by quarter, under each strategy of a scenario
 * (docs/calibration.md "Forecast"): the engine's per-trial columns are for the team, so the
 * trials are played here with an observer that adds up each rep's bookings (model §5), the
 * bookings so far of a start from today included (§16). Deterministic: trial t is the engine's
 * trial t.
 */
import { EV_WON, Simulator, type Tracer } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

class RepBookings implements Tracer {
  readonly watchesEveryWeek = false;
  /** booked[q · reps + r] in the current trial. */
  readonly booked: Float64Array;
  constructor(
    private readonly reps: number,
    private readonly from: number,
    private readonly weeksPerQuarter: number,
    quarters: number,
  ) {
    this.booked = new Float64Array(quarters * reps);
  }
  event(kind: number, week: number, rep: number, _deal: number, booked: number): void {
    if (kind !== EV_WON) return;
    const q = Math.floor((week - this.from) / this.weeksPerQuarter);
    if (q < 0 || q * this.reps >= this.booked.length) return;
    const i = q * this.reps + rep;
    this.booked[i] = (this.booked[i] as number) + booked;
  }
  hours(): void {}
  push(): void {}
  stillOpen(): void {}
}

export interface RepQuotaChances {
  strategy: string;
  /** chance[q][r]: share of trials in which rep r + 1 booked at least the quota in quarter q. */
  chance: number[][];
  /** Mean bookings of rep r + 1 in quarter q. */
  meanBooked: number[][];
}

/** Plays trials [0, trials) of every strategy and counts, per rep and quarter, quota reached. */
export function repQuotaChances(scenario: Scenario, trials: number): RepQuotaChances[] {
  const sim = new Simulator(scenario);
  const c = sim.compiled;
  const reps = c.reps;
  const Q = c.quarters;
  const collector = new RepBookings(reps, c.warmupWeeks, c.weeksPerQuarter, Q);
  const hits = scenario.strategies.map(() => new Float64Array(Q * reps));
  const sums = scenario.strategies.map(() => new Float64Array(Q * reps));
  for (let t = 0; t < trials; t++) {
    const world = sim.drawWorld(t);
    for (let s = 0; s < scenario.strategies.length; s++) {
      collector.booked.fill(0);
      // Bookings so far count toward quarter 1.
      for (let r = 0; r < reps; r++) collector.booked[r] = c.start.booked[r] as number;
      sim.playStrategy(world, s, collector);
      const h = hits[s] as Float64Array;
      const m = sums[s] as Float64Array;
      collector.booked.forEach((b, i) => {
        if (b >= c.quota) h[i] = (h[i] as number) + 1;
        m[i] = (m[i] as number) + b;
      });
    }
  }
  return scenario.strategies.map((st, s) => ({
    strategy: st.id,
    chance: Array.from({ length: Q }, (_, q) =>
      Array.from(
        { length: reps },
        (_, r) => ((hits[s] as Float64Array)[q * reps + r] as number) / trials,
      ),
    ),
    meanBooked: Array.from({ length: Q }, (_, q) =>
      Array.from(
        { length: reps },
        (_, r) => ((sums[s] as Float64Array)[q * reps + r] as number) / trials,
      ),
    ),
  }));
}
