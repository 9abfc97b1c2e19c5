import type { CompiledScenario } from './compile.ts';
import { beta } from './random/beta.ts';
import { normal } from './random/normal.ts';
import { poisson } from './random/poisson.ts';
import { Rng } from './random/rng.ts';
import { truncatedNormal } from './random/truncated-normal.ts';

/**
 * A standard normal correlated ρ with `zSize`: ρ·zSize + √(1 − ρ²)·z (docs/model.md §2). With
 * ρ = 0 that is exactly z (0·zSize + 1·z), so a scenario without correlations draws what it
 * always has; the shortcut only saves the arithmetic.
 */
function withSize(z: number, zSize: number, rho: number): number {
  return rho === 0 ? z : rho * zSize + Math.sqrt(1 - rho * rho) * z;
}

/** Natural cycles are capped so that week arithmetic stays in int32 (docs/model.md §2). */
export const MAX_CYCLE_WEEKS = 10_000;

/**
 * One trial's world: every opportunity that arrives, with all its random attributes, drawn once
 * and shared by every strategy (common random numbers, docs/model.md §2). Structure of arrays;
 * buffers grow geometrically and are reused across trials, so steady-state generation allocates
 * nothing.
 */
export class World {
  readonly reps: number;
  readonly weeks: number;
  count = 0;
  /** Deals of rep r arriving in week w are [repWeekStart[r·weeks + w], repWeekStart[r·weeks + w + 1]). */
  readonly repWeekStart: Int32Array;
  /** Each segment's true win rate in this trial (a Beta draw when the rate is uncertain). */
  readonly winRate: Float64Array;
  /**
   * Opportunities arriving in week w in segment s, all reps together, at [w · segments + s]
   * (derived, so that strategies need not count arrivals one by one).
   */
  readonly arrivals: Int32Array;
  segment: Uint8Array;
  week: Int32Array;
  listValue: Float64Array;
  cycle: Int32Array;
  effort: Float64Array;
  /** Full-speed effort per week, effort / cycle (derived, kept to spare a division per week). */
  rate: Float64Array;
  outcomeDraw: Float64Array;
  churnDraw: Float64Array;
  /**
   * A start from today (docs/model.md §16): deals [0, pipelineCount) are the open pipeline, with
   * their own chance of a win for their age (`dealWinRate`); drawn deals follow them.
   */
  pipelineCount = 0;
  dealWinRate: Float64Array = new Float64Array(0);
  /** Deals drawn by `generate`; prospected deals are appended after them (docs/model.md §14). */
  baseCount = 0;
  /**
   * Prospected deals drawn so far in this trial, per stream (rep r, segment s) at r · segments
   * + s: the k-th deal of a stream is the same whichever strategy unlocks it first.
   */
  private readonly prospected: number[][];
  private readonly streams: (Rng | undefined)[];
  private readonly streamTrial: Int32Array;
  private readonly segments: number;
  /**
   * Seed of this trial's prospecting streams (set by the simulator after `generate`): a uint32,
   * so stored as a double from the start (a small-integer field that later holds 2^31 or more
   * changes the object's hidden class, and V8 deoptimizes the week loop once per process).
   */
  prospectSeed = 0.5;
  /** Bumped by `generate`: a stream last seeded in an earlier trial is reseeded on first use. */
  private epoch = 0;
  private anyProspected = false;

  constructor(reps: number, weeks: number, segments: number, capacity = 1024) {
    this.reps = reps;
    this.weeks = weeks;
    this.segments = segments;
    this.prospected = Array.from({ length: reps * segments }, () => []);
    this.streams = new Array(reps * segments).fill(undefined);
    this.streamTrial = new Int32Array(reps * segments).fill(-1);
    this.repWeekStart = new Int32Array(reps * weeks + 1);
    this.winRate = new Float64Array(segments);
    this.arrivals = new Int32Array(weeks * segments);
    this.segment = new Uint8Array(capacity);
    this.week = new Int32Array(capacity);
    this.listValue = new Float64Array(capacity);
    this.cycle = new Int32Array(capacity);
    this.effort = new Float64Array(capacity);
    this.rate = new Float64Array(capacity);
    this.outcomeDraw = new Float64Array(capacity);
    this.churnDraw = new Float64Array(capacity);
  }

  get capacity(): number {
    return this.segment.length;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.segment = grow(this.segment, (n) => new Uint8Array(n));
    this.week = grow(this.week, (n) => new Int32Array(n));
    this.listValue = grow(this.listValue, (n) => new Float64Array(n));
    this.cycle = grow(this.cycle, (n) => new Int32Array(n));
    this.effort = grow(this.effort, (n) => new Float64Array(n));
    this.rate = grow(this.rate, (n) => new Float64Array(n));
    this.outcomeDraw = grow(this.outcomeDraw, (n) => new Float64Array(n));
    this.churnDraw = grow(this.churnDraw, (n) => new Float64Array(n));
  }

  /**
   * Draws the trial's world from `rng` (already seeded for the trial). The order of draws is
   * part of the model's definition: per-segment win rates, then rep by rep, week by week,
   * segment by segment, the arrival count and, per deal, size, cycle, effort, outcome and churn.
   */
  generate(c: CompiledScenario, rng: Rng): void {
    const segments = c.segments;
    for (let s = 0; s < segments; s++) {
      const p = c.winRate[s] as number;
      const n = c.winEvidence[s] as number;
      this.winRate[s] = n > 0 && p > 0 && p < 1 ? beta(rng, p * n, (1 - p) * n) : p;
    }
    const pipeline = c.start.count;
    if (pipeline > 0) this.drawPipeline(c, rng);
    this.pipelineCount = pipeline;
    let count = pipeline;
    const weeks = this.weeks;
    const arrivals = this.arrivals;
    arrivals.fill(0);
    for (let r = 0; r < this.reps; r++) {
      for (let w = 0; w < weeks; w++) {
        this.repWeekStart[r * weeks + w] = count;
        for (let s = 0; s < segments; s++) {
          const k = poisson(rng, c.arrivalRate[s] as number);
          arrivals[w * segments + s] = (arrivals[w * segments + s] as number) + k;
          if (k > 0) {
            while (count + k > this.capacity) this.grow();
            this.drawDeals(c, rng, count, k, s, w);
            count += k;
          }
        }
      }
    }
    this.repWeekStart[this.reps * weeks] = count;
    this.count = count;
    this.baseCount = count;
    this.epoch = (this.epoch + 1) | 0;
    if (this.anyProspected) for (const list of this.prospected) list.length = 0;
    this.anyProspected = false;
  }

  /**
   * Draws deals [first, first + k) of segment s arriving in week w (room for them must exist):
   * per deal, lognormal draws exp(μ + σZ), one standard normal each, in this order (size, cycle,
   * effort), cycle and effort sharing the size's Z to the extent of their correlation (Gaussian
   * copula); then the outcome and churn draws. (A batch per call: the arrays are loaded once.)
   */
  private drawDeals(
    c: CompiledScenario,
    rng: Rng,
    first: number,
    k: number,
    s: number,
    w: number,
  ): void {
    const segment = this.segment;
    const week = this.week;
    const listValue = this.listValue;
    const cycleOf = this.cycle;
    const effortOf = this.effort;
    const rate = this.rate;
    const outcomeDraw = this.outcomeDraw;
    const churnDraw = this.churnDraw;
    const sizeMu = c.sizeMu[s] as number;
    const sizeSigma = c.sizeSigma[s] as number;
    const cycleMu = c.cycleMu[s] as number;
    const cycleSigma = c.cycleSigma[s] as number;
    const effortMu = c.effortMu[s] as number;
    const effortSigma = c.effortSigma[s] as number;
    const rhoCycle = c.sizeCycleRho[s] as number;
    const rhoEffort = c.sizeEffortRho[s] as number;
    for (let index = first; index < first + k; index++) {
      segment[index] = s;
      week[index] = w;
      const zSize = normal(rng);
      listValue[index] = Math.exp(sizeMu + sizeSigma * zSize);
      const zCycle = withSize(normal(rng), zSize, rhoCycle);
      const rounded = Math.round(Math.exp(cycleMu + cycleSigma * zCycle));
      const cycle = rounded < 1 ? 1 : rounded > MAX_CYCLE_WEEKS ? MAX_CYCLE_WEEKS : rounded;
      cycleOf[index] = cycle;
      const zEffort = withSize(normal(rng), zSize, rhoEffort);
      const effort = Math.exp(effortMu + effortSigma * zEffort);
      effortOf[index] = effort;
      rate[index] = effort / cycle;
      outcomeDraw[index] = rng.next();
      churnDraw[index] = rng.next();
    }
  }

  /**
   * Draws the open pipeline of a start from today (docs/model.md §16) as deals [0, P): per deal,
   * in this order, the size's standard normal, the cycle's (truncated so that the natural cycle is
   * at least its age + 1 weeks: it is still open), the effort's, then the outcome and churn draws.
   * A known amount sets the list value (amount ÷ (1 − discount)) and the size's z for the copula.
   * Each deal's chance of a win: the odds of the trial's segment rate times its age factor.
   */
  private drawPipeline(c: CompiledScenario, rng: Rng): void {
    const start = c.start;
    const P = start.count;
    while (P > this.capacity) this.grow();
    if (this.dealWinRate.length < P) this.dealWinRate = new Float64Array(P);
    for (let i = 0; i < P; i++) {
      const s = start.segment[i] as number;
      const age = start.age[i] as number;
      this.segment[i] = s;
      this.week[i] = -age;
      const sizeMu = c.sizeMu[s] as number;
      const sizeSigma = c.sizeSigma[s] as number;
      const amount = start.amount[i] as number;
      let zSize = normal(rng);
      let list: number;
      if (Number.isNaN(amount)) list = Math.exp(sizeMu + sizeSigma * zSize);
      else {
        list = amount / (1 - (c.discount[s] as number));
        zSize = sizeSigma > 0 ? (Math.log(list) - sizeMu) / sizeSigma : 0;
      }
      this.listValue[i] = list;
      // Natural cycle C = round(C*) ≥ age + 1 ⇔ C* ≥ age + ½: the cycle's own normal is drawn
      // above the bound that gives, given the size's share of it (ρ·zSize).
      const cycleMu = c.cycleMu[s] as number;
      const cycleSigma = c.cycleSigma[s] as number;
      const rho = c.sizeCycleRho[s] as number;
      const root = Math.sqrt(1 - rho * rho);
      let cycle: number;
      if (cycleSigma > 0) {
        const bound = ((Math.log(age + 0.5) - cycleMu) / cycleSigma - rho * zSize) / root;
        const z = rho * zSize + root * truncatedNormal(rng, bound);
        cycle = Math.round(Math.exp(cycleMu + cycleSigma * z));
      } else {
        // A fixed cycle the deal has outlived: it ends this week.
        normal(rng);
        cycle = Math.round(Math.exp(cycleMu));
      }
      cycle = Math.min(MAX_CYCLE_WEEKS, Math.max(age + 1, cycle));
      this.cycle[i] = cycle;
      const zEffort = withSize(normal(rng), zSize, c.sizeEffortRho[s] as number);
      const effort = Math.exp((c.effortMu[s] as number) + (c.effortSigma[s] as number) * zEffort);
      this.effort[i] = effort;
      this.rate[i] = effort / cycle;
      this.outcomeDraw[i] = rng.next();
      this.churnDraw[i] = rng.next();
      const p = this.winRate[s] as number;
      const f = start.winOdds[i] as number;
      this.dealWinRate[i] = p <= 0 || p >= 1 ? p : (p * f) / (p * f + 1 - p);
    }
  }

  /** The chance of a win of deal d before any lateness: its own for an open deal at the start. */
  winRateOf(d: number): number {
    return d < this.pipelineCount
      ? (this.dealWinRate[d] as number)
      : (this.winRate[this.segment[d] as number] as number);
  }

  /**
   * The k-th (0-based) opportunity rep r prospects in segment s this trial (docs/model.md §14),
   * drawn on first use from the stream (trial seed, 1 + r · segments + s), independent of the
   * trial's other draws, and appended to the world. Unlocked in order k = 0, 1, … by each
   * strategy, so every strategy that prospects its k-th deal gets the same deal.
   * Its `week` is the week it was first unlocked; strategies keep their own arrival week.
   */
  prospect(c: CompiledScenario, r: number, s: number, k: number, w: number): number {
    const at = r * this.segments + s;
    const list = this.prospected[at] as number[];
    if (k < list.length) return list[k] as number;
    let rng = this.streams[at];
    if (rng === undefined) {
      rng = new Rng(this.prospectSeed, 1 + at);
      this.streams[at] = rng;
      this.streamTrial[at] = this.epoch;
    } else if (this.streamTrial[at] !== this.epoch) {
      rng.reseed(this.prospectSeed, 1 + at);
      this.streamTrial[at] = this.epoch;
    }
    const index = this.count;
    if (index === this.capacity) this.grow();
    this.drawDeals(c, rng, index, 1, s, w);
    this.count = index + 1;
    list.push(index);
    this.anyProspected = true;
    return index;
  }
}
