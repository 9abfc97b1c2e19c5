/**
 * When is the headline final? The precision of the figures a verdict states — each compared
 * strategy's bookings, margin, hours wasted and chance of hitting the team's quota over the
 * horizon, the A − B gaps in bookings and margin, and P(A > B) — tracked batch by batch so that a
 * run can stop as soon as every one is known well enough (docs/model.md §17).
 *
 * Trials are seeded by index (model §1), so a run stopped after the k-th batch is exactly the
 * fixed-count run of k · batch trials: the stopping point depends only on the seed, the scenario
 * and the precision asked for, never on the worker count or the machine.
 */
import { layoutOf, type SimulationChunk } from '@sweetspot/engine';
import { PARAMETERS, type Precision, type Scenario } from '@sweetspot/scenario';
import { strategyIndex, teamQuota } from './chunk.ts';
import { wilson } from './stat.ts';

/** Trials per batch: the run's length is a multiple of this, and the rule is checked per batch. */
export const PRECISION_BATCH = 250;

/** Batches before the rule may stop a run: a 95% interval from fewer trials is not trusted. */
export const PRECISION_MIN_BATCHES = 2;

/** The precision asked for: `scenario.precision`. */
export type PrecisionGoal = Precision;

/** What a precision-stopped run asks for when the scenario does not say (the catalogue's defaults). */
export const DEFAULT_PRECISION: PrecisionGoal = {
  relative: PARAMETERS.precision.relative.default,
  probability: PARAMETERS.precision.probability.default,
};

export type HeadlineFigureKind = 'money' | 'hours' | 'probability';

/** One headline figure's precision after the batches seen so far. */
export interface FigurePrecision {
  /** What the figure is, in words: "Bookings, Focus on the sweet spot" or "Bookings, A − B". */
  label: string;
  kind: HeadlineFigureKind;
  estimate: number;
  /** 95% half-width now. */
  halfWidth: number;
  /** The half-width wanted, in the figure's unit. */
  target: number;
  /**
   * The half-width in the goal's terms: a share of the figure (money, hours; a gap: of the larger
   * figure) or probability (chances).
   */
  achieved: number;
  met: boolean;
}

/** Where a precision-stopped run stands. */
export interface PrecisionStatus {
  trials: number;
  /** Every figure is within its target (and at least PRECISION_MIN_BATCHES batches are in). */
  met: boolean;
  figures: FigurePrecision[];
  /** The figure furthest from its target (largest halfWidth / target). */
  worst: FigurePrecision | undefined;
}

/** Running mean and sum of squared deviations (B. P. Welford, Technometrics 4(3), 1962). */
class Moments {
  n = 0;
  mean = 0;
  m2 = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  /** 95% half-width of the mean (normal approximation, z = 1.96). */
  halfWidth(): number {
    return this.n < 2
      ? Number.POSITIVE_INFINITY
      : 1.96 * Math.sqrt(this.m2 / (this.n - 1) / this.n);
  }
}

/** Wilson half-width of a count of successes out of n. */
function wilsonHalfWidth(successes: number, n: number): number {
  const [lo, hi] = wilson(successes, n);
  return (hi - lo) / 2;
}

/** Sums a strategy's per-trial quarter column over the reported quarters, for trial t. */
function yearOf(columns: Float64Array, offsets: number[], t: number): number {
  let sum = 0;
  for (const o of offsets) sum += columns[o + t] as number;
  return sum;
}

/**
 * Tracks the headline's precision over batches of trials in order.
 *
 * @example
 * const tracker = new HeadlinePrecision(scenario, DEFAULT_PRECISION);
 * tracker.add(batch0); tracker.add(batch1);
 * tracker.status().met; // true once every headline figure is within its target
 */
export class HeadlinePrecision {
  private readonly names: string[];
  /** The precision asked for. */
  readonly goal: PrecisionGoal;
  private readonly quarters: number;
  private readonly yearQuota: number;
  /** Scale below which a figure's relative target stops shrinking (money, hours). */
  private readonly moneyFloor: number;
  private readonly hoursFloor: number;
  /** Number of strategies compared (2, or 1 for a scenario with a single strategy). */
  private readonly compared: number;
  /** Index in the chunk of A and of B (`scenario.compare`). */
  private readonly index: number[];
  private readonly bookings: Moments[];
  private readonly margin: Moments[];
  private readonly wasted: Moments[];
  private readonly hits: number[];
  private readonly gapBookings = new Moments();
  private readonly gapMargin = new Moments();
  private aBeatsB = 0;
  private trials = 0;

  constructor(scenario: Scenario, goal: PrecisionGoal = DEFAULT_PRECISION) {
    this.goal = goal;
    const ids =
      scenario.strategies.length >= 2 ? scenario.compare : [scenario.strategies[0]?.id ?? ''];
    this.index = ids.map((id) => strategyIndex(scenario, id));
    this.names = this.index.map((i) => (scenario.strategies[i] as { name: string }).name);
    this.compared = this.index.length;
    this.quarters = scenario.horizon.quarters;
    this.yearQuota = teamQuota(scenario) * this.quarters;
    // A figure under a tenth of the team's quota (or of its selling hours) over the horizon is
    // measured to the same absolute precision as one of that size: a relative target on a
    // figure near zero would ask for unbounded trials.
    this.moneyFloor = 0.1 * this.yearQuota;
    this.hoursFloor =
      0.1 *
      scenario.team.reps *
      scenario.team.sellingHoursPerWeek *
      scenario.horizon.weeksPerQuarter *
      this.quarters;
    const make = () => Array.from({ length: this.compared }, () => new Moments());
    this.bookings = make();
    this.margin = make();
    this.wasted = make();
    this.hits = new Array<number>(this.compared).fill(0);
  }

  /** Adds the next batch of trials (in trial order). */
  add(chunk: SimulationChunk): void {
    const layout = layoutOf(chunk);
    const n = chunk.trialCount;
    const cols = chunk.columns;
    const offsets = (s: number, metric: 'bookings' | 'margin' | 'hoursWasted') =>
      Array.from({ length: this.quarters }, (_, q) =>
        layout.columnOffset(this.index[s] as number, layout.quarterColumn(q, metric), n),
      );
    const bookingsAt = Array.from({ length: this.compared }, (_, s) => offsets(s, 'bookings'));
    const marginAt = Array.from({ length: this.compared }, (_, s) => offsets(s, 'margin'));
    const wastedAt = Array.from({ length: this.compared }, (_, s) => offsets(s, 'hoursWasted'));
    for (let t = 0; t < n; t++) {
      let bA = 0;
      let bB = 0;
      let mA = 0;
      let mB = 0;
      for (let s = 0; s < this.compared; s++) {
        const b = yearOf(cols, bookingsAt[s] as number[], t);
        const m = yearOf(cols, marginAt[s] as number[], t);
        (this.bookings[s] as Moments).add(b);
        (this.margin[s] as Moments).add(m);
        (this.wasted[s] as Moments).add(yearOf(cols, wastedAt[s] as number[], t));
        if (b >= this.yearQuota) this.hits[s] = (this.hits[s] as number) + 1;
        if (s === 0) {
          bA = b;
          mA = m;
        } else {
          bB = b;
          mB = m;
        }
      }
      if (this.compared === 2) {
        this.gapBookings.add(bA - bB);
        this.gapMargin.add(mA - mB);
        if (bA > bB) this.aBeatsB++;
      }
    }
    this.trials += n;
  }

  private relativeTarget(kind: 'money' | 'hours', size: number): number {
    const floor = kind === 'money' ? this.moneyFloor : this.hoursFloor;
    return this.goal.relative * Math.max(Math.abs(size), floor);
  }

  private figure(
    label: string,
    kind: HeadlineFigureKind,
    estimate: number,
    halfWidth: number,
    target: number,
  ): FigurePrecision {
    const scale = kind === 'probability' ? 1 : target / this.goal.relative;
    const achieved = halfWidth === 0 ? 0 : halfWidth / scale;
    return { label, kind, estimate, halfWidth, target, achieved, met: halfWidth <= target };
  }

  /** A mean's figure; its target is relative to `size` (the figure itself, or for a gap the larger of the two). */
  private meanFigure(
    label: string,
    kind: 'money' | 'hours',
    m: Moments,
    size = m.mean,
  ): FigurePrecision {
    return this.figure(label, kind, m.mean, m.halfWidth(), this.relativeTarget(kind, size));
  }

  /** A chance's figure: `successes` of the trials so far, with its Wilson half-width. */
  private chanceFigure(label: string, successes: number): FigurePrecision {
    const n = this.trials;
    return this.figure(
      label,
      'probability',
      n === 0 ? Number.NaN : successes / n,
      n === 0 ? Number.POSITIVE_INFINITY : wilsonHalfWidth(successes, n),
      this.goal.probability,
    );
  }

  /** Every headline figure with its half-width and target, after the batches added so far. */
  status(): PrecisionStatus {
    const n = this.trials;
    const figures: FigurePrecision[] = [];
    for (let s = 0; s < this.compared; s++) {
      const name = this.names[s] as string;
      figures.push(
        this.meanFigure(`Bookings, ${name}`, 'money', this.bookings[s] as Moments),
        this.meanFigure(`Margin, ${name}`, 'money', this.margin[s] as Moments),
        this.meanFigure(`Hours wasted, ${name}`, 'hours', this.wasted[s] as Moments),
        this.chanceFigure(`Chance of hitting the team's quota, ${name}`, this.hits[s] as number),
      );
    }
    if (this.compared === 2) {
      const larger = (a: Moments[]) =>
        Math.max(Math.abs((a[0] as Moments).mean), Math.abs((a[1] as Moments).mean));
      // A gap is measured against the figures it separates: ±1% of a gap near zero is no
      // precision a verdict needs.
      figures.push(
        this.meanFigure('Bookings, A − B', 'money', this.gapBookings, larger(this.bookings)),
        this.meanFigure('Margin, A − B', 'money', this.gapMargin, larger(this.margin)),
        this.chanceFigure('Chance that A books more than B', this.aBeatsB),
      );
    }
    let worst: FigurePrecision | undefined;
    let worstRatio = -1;
    for (const f of figures) {
      const ratio = f.target > 0 ? f.halfWidth / f.target : f.halfWidth > 0 ? Infinity : 0;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = f;
      }
    }
    const enough = n >= PRECISION_MIN_BATCHES * PRECISION_BATCH;
    return { trials: n, met: enough && figures.every((f) => f.met), figures, worst };
  }
}

/** A `StopRule` for the runner (packages/runner) that stops once the headline is precise. */
export interface HeadlineStopRule {
  every: number;
  add(batch: SimulationChunk): boolean;
  /** The tracker behind the rule: its status after the last batch judged. */
  tracker: HeadlinePrecision;
}

/**
 * The stop rule of a precision-stopped run: batches of PRECISION_BATCH trials, stop once every
 * headline figure meets `scenario.precision` (or the defaults).
 *
 * @example
 * const rule = headlineStopRule(scenario);
 * const chunk = await runner.run(scenario, { stopRule: rule });
 * rule.tracker.status(); // the precision reached, for the "final: ±…" line
 */
export function headlineStopRule(
  scenario: Scenario,
  goal: PrecisionGoal = scenario.precision ?? DEFAULT_PRECISION,
): HeadlineStopRule {
  const tracker = new HeadlinePrecision(scenario, goal);
  return {
    every: PRECISION_BATCH,
    add(batch) {
      tracker.add(batch);
      return tracker.status().met;
    },
    tracker,
  };
}

/** The widest half-widths now, in the goal's terms: share of money/hours figures, chances' points. */
function widestHalfWidths(status: PrecisionStatus): {
  relative: number;
  probability: number;
} {
  let relative = 0;
  let probability = 0;
  for (const f of status.figures) {
    if (f.kind === 'probability') probability = Math.max(probability, f.achieved);
    else relative = Math.max(relative, f.achieved);
  }
  return { relative, probability };
}

/**
 * Trials a precision-stopped run is expected to need, from where it stands: n · (h / t)² for the
 * figure furthest from its target (a half-width shrinks as 1/√n), at least one batch more than
 * now while not met, at most `cap`.
 *
 * @example
 * expectedTrials({ trials: 500, met: false, worst: { halfWidth: 2, target: 1 }, … }, 10_000); // 2,000
 */
export function expectedTrials(status: PrecisionStatus, cap: number): number {
  if (status.met) return status.trials;
  const worst = status.worst;
  const ratio = worst && worst.target > 0 ? worst.halfWidth / worst.target : 1;
  const scaled = Number.isFinite(ratio) ? Math.ceil(status.trials * ratio * ratio) : cap;
  return Math.min(cap, Math.max(status.trials + PRECISION_BATCH, scaled));
}

/** 0.008 → "0.8", 0.025 → "2.5", 0.12 → "12": a half-width in percent or points. */
function hundredths(x: number): string {
  return x >= 0.1 ? (100 * x).toFixed(0) : String(Number((100 * x).toFixed(1)));
}

/**
 * "±0.8% on money and hours, ±2.1 points on chances": half-widths in the goal's terms, in words.
 * (Every status has a chance: each compared strategy's P(hit quota), even with one strategy.)
 */
function describeHalfWidths(widths: PrecisionGoal): string {
  return `±${hundredths(widths.relative)}% on money and hours, ±${hundredths(widths.probability)} points on chances`;
}

/** The precision reached so far, in words: "±1.8% on money and hours, ±4 points on chances". */
export function describeReached(status: PrecisionStatus): string {
  return describeHalfWidths(widestHalfWidths(status));
}

/**
 * The line that says whether a precision-stopped run's headline is final: "final: ±0.8% on money
 * and hours, ±2.1 points on chances (3,250 trials)", or, when the cap stopped it first, "not as
 * precise as asked (±1% …): stopped at the cap of 20,000 trials with ±1.3% …; the least precise:
 * Chance that A books more than B".
 */
export function describePrecision(status: PrecisionStatus, goal: PrecisionGoal): string {
  const trials = status.trials.toLocaleString('en-US');
  const reached = describeReached(status);
  if (status.met) return `final: ${reached} (${trials} trials)`;
  return (
    `not as precise as asked (${describeHalfWidths(goal)}): stopped at the cap of ` +
    `${trials} trials with ${reached}` +
    (status.worst ? `; the least precise: ${status.worst.label}` : '')
  );
}
