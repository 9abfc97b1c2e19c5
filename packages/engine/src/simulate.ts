import {
  attributionGroups,
  comparedStrategies,
  mixStrategy,
  type Scenario,
} from '@sweetspot/scenario';
import { roundToTotal, shapleyValues, shapleyWeights } from './attribution.ts';
import {
  type CompiledScenario,
  type CompiledStrategy,
  compileScenario,
  compileStrategy,
} from './compile.ts';
import {
  ATTRIBUTION_METRICS,
  createChunk,
  type Layout,
  layoutFor,
  QUARTER_COLUMNS,
  type QuarterColumn,
  type SimulationChunk,
  WATERFALL_PARTS,
} from './layout.ts';
import { Rng, trialSeed } from './random/rng.ts';
import { StrategyRun, type TrialOutcome } from './strategy-run.ts';
import type { Tracer } from './trace.ts';
import { accumulateWaterfall, DealRecord } from './waterfall.ts';
import { World } from './world.ts';

/** A trial's per-quarter values of a quarter column (layout.ts), from the run's outcome. */
function quarterValues(out: TrialOutcome, column: QuarterColumn): Float64Array {
  return out[column];
}

const M = ATTRIBUTION_METRICS.length;

export interface SimulateOptions {
  /** Called after each trial with the number of trials done in this chunk (keep it cheap). */
  onTrial?: (done: number) => void;
}

/**
 * A reusable simulator for one scenario: compiles it once and keeps every buffer, so running
 * more trials allocates nothing but the result chunk.
 */
export class Simulator {
  readonly compiled: CompiledScenario;
  readonly layout: Layout;
  private readonly world: World;
  private readonly run: StrategyRun;
  private readonly rng = new Rng(0);
  /** Fixed-point scale of each aggregate cell of one strategy's block (quarterScales, repeated). */
  private readonly cellScales: number[] = [];

  /** Indices of the compared strategies A and B, and their per-deal records (docs/model.md §10). */
  private readonly compareA: number;
  private readonly compareB: number;
  private readonly recordA = new DealRecord();
  private readonly recordB = new DealRecord();
  private readonly sweetSpot: Uint8Array;
  private readonly waterfall: Float64Array;

  /**
   * Attribution of A − B to rule groups (docs/model.md §11): the strategy of each subset mask of
   * the G groups (bit set = A's rules), and scratch space for one trial.
   */
  private readonly groups: number;
  private readonly mixes: CompiledStrategy[] = [];
  private readonly weights: Float64Array;
  /** v[(mask · Q + q) · M + metric]: each ATTRIBUTION_METRICS value of each subset's strategy. */
  private readonly mixValues: Float64Array;
  private readonly subsetValue: Float64Array;
  private readonly parts: Float64Array;
  private readonly partOrder: Int32Array;

  constructor(scenario: Scenario) {
    this.compiled = compileScenario(scenario);
    const c = this.compiled;
    this.layout = layoutFor(scenario);
    this.world = new World(c.reps, c.totalWeeks, c.segments);
    this.run = new StrategyRun(c, this.layout);
    const ids = scenario.strategies.map((st) => st.id);
    this.compareA = ids.indexOf(scenario.compare[0]);
    this.compareB = ids.indexOf(scenario.compare[1]);
    this.sweetSpot = Uint8Array.from(scenario.segments, (seg) => (seg.sweetSpot ? 1 : 0));
    this.waterfall = new Float64Array(c.quarters * WATERFALL_PARTS.length);
    const groups = attributionGroups(scenario);
    this.groups = groups.length;
    if (this.groups > 0) {
      const [a, b] = comparedStrategies(scenario);
      for (let mask = 0; mask < 1 << this.groups; mask++) {
        const fromA = groups.filter((_, g) => (mask & (1 << g)) !== 0);
        this.mixes.push(compileStrategy(mixStrategy(a, b, fromA), scenario));
      }
    }
    this.weights = shapleyWeights(this.groups);
    this.mixValues = new Float64Array((1 << this.groups) * c.quarters * M);
    this.subsetValue = new Float64Array(1 << this.groups);
    this.parts = new Float64Array(this.groups);
    this.partOrder = new Int32Array(this.groups);
    const perQuarter = this.layout.aggregatesPerQuarter;
    for (let i = 0; i < this.layout.aggregatesPerStrategy; i++) {
      this.cellScales.push(this.layout.quarterScales[i % perQuarter] as number);
    }
  }

  /** Plays strategy `index` on `world` with a tracer (one-trial replays; see trace.ts). */
  playStrategy(world: World, index: number, tracer: Tracer): void {
    this.run.run(
      world,
      this.compiled.strategies[index] as (typeof this.compiled.strategies)[number],
      tracer,
    );
  }

  /** Draws trial `trial`'s world from its own stream, seeded by (scenario seed, trial index). */
  drawWorld(trial: number): World {
    const seed = trialSeed(this.compiled.seed, trial);
    this.rng.reseed(seed, 0);
    this.world.generate(this.compiled, this.rng);
    this.world.prospectSeed = seed;
    return this.world;
  }

  /**
   * Splits this trial's A − B bookings, margin and contribution, quarter by quarter, among the
   * rule groups in which A and B differ (docs/model.md §11): plays the strategy of every subset of
   * the groups (A and B included) on the same world, takes the Shapley values, and rounds them to
   * whole units that add up to the rounded gap exactly.
   */
  private attribute(world: World, chunk: SimulationChunk, t: number): void {
    const G = this.groups;
    const Q = this.compiled.quarters;
    const v = this.mixValues;
    const full = (1 << G) - 1;
    const layout = this.layout;
    const n = chunk.trialCount;
    // A (all groups) and B (none) have been played already: their columns are the gap's ends.
    for (const [mask, si] of [
      [0, this.compareB],
      [full, this.compareA],
    ] as const) {
      for (let q = 0; q < Q; q++) {
        for (let m = 0; m < M; m++) {
          const metric = ATTRIBUTION_METRICS[m] as QuarterColumn;
          v[(mask * Q + q) * M + m] = chunk.columns[
            layout.columnOffset(si, layout.quarterColumn(q, metric), n) + t
          ] as number;
        }
      }
    }
    for (let mask = 1; mask < full; mask++) {
      this.run.run(world, this.mixes[mask] as CompiledStrategy);
      const out = this.run.outcome;
      for (let q = 0; q < Q; q++) {
        for (let m = 0; m < M; m++) {
          const values = quarterValues(out, ATTRIBUTION_METRICS[m] as QuarterColumn);
          v[(mask * Q + q) * M + m] = values[q] as number;
        }
      }
    }
    for (let q = 0; q < Q; q++) {
      for (let m = 0; m < M; m++) {
        for (let mask = 0; mask <= full; mask++) {
          this.subsetValue[mask] = v[(mask * Q + q) * M + m] as number;
        }
        shapleyValues(this.subsetValue, G, this.weights, this.parts);
        const gap = (this.subsetValue[full] as number) - (this.subsetValue[0] as number);
        roundToTotal(this.parts, gap, this.partOrder);
        const metric = ATTRIBUTION_METRICS[m] as (typeof ATTRIBUTION_METRICS)[number];
        for (let g = 0; g < G; g++) {
          const at = layout.attributionOffset(g, q, metric, n) + t;
          chunk.columns[at] = this.parts[g] as number;
        }
      }
    }
  }

  /** Simulates trials [trialStart, trialStart + trialCount) into a new chunk. */
  simulate(trialStart: number, trialCount: number, options: SimulateOptions = {}): SimulationChunk {
    const layout = this.layout;
    const chunk = createChunk(layout, trialStart, trialCount);
    const strategies = this.compiled.strategies;
    const Q = layout.quarters;
    const colRetained = layout.horizonColumn('retainedRecurringRevenue');
    // Where each strategy's per-trial values go (add the trial's offset), worked out once:
    // columnAt[(si · columns + m) · Q + q] for quarter column m.
    const columnStart = (si: number, c: number) => layout.columnOffset(si, c, trialCount);
    const C = QUARTER_COLUMNS.length;
    const columnAt: number[] = [];
    for (let si = 0; si < strategies.length; si++) {
      for (const name of QUARTER_COLUMNS) {
        for (let q = 0; q < Q; q++) columnAt.push(columnStart(si, layout.quarterColumn(q, name)));
      }
    }
    // The fixed-point scale of every aggregate cell of a strategy (layout.ts).
    const scales = this.cellScales;
    const columns = chunk.columns;
    const aggregates = chunk.aggregates;
    for (let t = 0; t < trialCount; t++) {
      const world = this.drawWorld(trialStart + t);
      for (let si = 0; si < strategies.length; si++) {
        const record =
          si === this.compareA ? this.recordA : si === this.compareB ? this.recordB : undefined;
        record?.reset(world.count, this.compiled);
        this.run.run(world, strategies[si] as (typeof strategies)[number], record);
        const out = this.run.outcome;
        for (let m = 0; m < C; m++) {
          const values = quarterValues(out, QUARTER_COLUMNS[m] as QuarterColumn);
          const base = (si * C + m) * Q;
          for (let q = 0; q < Q; q++)
            columns[(columnAt[base + q] as number) + t] = values[q] as number;
        }
        columns[columnStart(si, colRetained) + t] = out.retained;
        // Fixed-point, so that sums over trials are exact whatever the chunking (layout.ts).
        const aggBase = si * layout.aggregatesPerStrategy;
        const agg = out.aggregates;
        for (let i = 0; i < agg.length; i++) {
          const v = agg[i] as number;
          if (v !== 0) {
            aggregates[aggBase + i] =
              (aggregates[aggBase + i] as number) + Math.round(v * (scales[i] as number));
          }
        }
      }
      if (this.groups > 0) this.attribute(world, chunk, t);
      // Why A and B differ in this trial, deal by deal, rounded to whole units like all sums.
      if (this.compareA >= 0 && this.compareB >= 0) {
        const wf = this.waterfall;
        wf.fill(0);
        accumulateWaterfall(this.compiled, this.sweetSpot, world, this.recordA, this.recordB, wf);
        // Cost of sale is the teams' hours, not any one deal's: −(A − B) of the quarter (§13).
        const PARTS = WATERFALL_PARTS.length;
        const costPart = WATERFALL_PARTS.indexOf('costOfSale');
        const costColumn = QUARTER_COLUMNS.indexOf('costOfSale');
        for (let q = 0; q < Q; q++) {
          const costA = columns[(columnAt[(this.compareA * C + costColumn) * Q + q] as number) + t];
          const costB = columns[(columnAt[(this.compareB * C + costColumn) * Q + q] as number) + t];
          wf[q * PARTS + costPart] = -((costA as number) - (costB as number));
        }
        for (let i = 0; i < wf.length; i++) {
          const v = wf[i] as number;
          if (v !== 0) {
            const j = layout.waterfallOffset + i;
            aggregates[j] = (aggregates[j] as number) + Math.round(v);
          }
        }
      }
      options.onTrial?.(t + 1);
    }
    return chunk;
  }
}

/**
 * Simulates trials [trialStart, trialStart + trialCount) of a validated scenario. Each trial's
 * world is seeded from (scenario seed, trial index), so results do not depend on how trials are
 * split into chunks.
 */
export function simulateChunk(
  scenario: Scenario,
  trialStart: number,
  trialCount: number,
  options: SimulateOptions = {},
): SimulationChunk {
  return new Simulator(scenario).simulate(trialStart, trialCount, options);
}
