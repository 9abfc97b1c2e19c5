/** Checks of a chunk against its scenario, and per-trial views into its columns. */
import type { Layout, QuarterColumn, SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

/** Team quota per quarter: reps × quota per rep per quarter. */
export function teamQuota(scenario: Scenario): number {
  return scenario.team.reps * scenario.team.quotaPerRepPerQuarter;
}

/** Throws if the chunk was not produced for this scenario's strategies, quarters and segments. */
export function checkChunkShape(scenario: Scenario, chunk: SimulationChunk): void {
  const expected = [
    scenario.strategies.length,
    scenario.horizon.quarters,
    scenario.segments.length,
  ];
  const actual = [chunk.strategies, chunk.quarters, chunk.segments];
  if (expected.some((v, i) => v !== actual[i])) {
    throw new RangeError(
      `chunk has ${actual.join('/')} strategies/quarters/segments, scenario has ${expected.join('/')}`,
    );
  }
}

/** Index in `scenario.strategies` of a strategy id; throws if absent. */
export function strategyIndex(scenario: Scenario, id: string): number {
  const i = scenario.strategies.findIndex((s) => s.id === id);
  if (i < 0) throw new RangeError(`unknown strategy id ${JSON.stringify(id)}`);
  return i;
}

/** Per-trial views (no copies) into a chunk's columns. */
export class ChunkColumns {
  private readonly chunk: SimulationChunk;
  private readonly layout: Layout;

  constructor(chunk: SimulationChunk, layout: Layout) {
    this.chunk = chunk;
    this.layout = layout;
  }

  /** Trials in the chunk (length of every view). */
  get trialCount(): number {
    return this.chunk.trialCount;
  }

  private view(strategy: number, col: number): Float64Array {
    const n = this.chunk.trialCount;
    const start = this.layout.columnOffset(strategy, col, n);
    return this.chunk.columns.subarray(start, start + n);
  }

  /** One strategy's per-trial values of a quarter metric (quarter is 0-based). */
  quarter(strategy: number, quarter: number, metric: QuarterColumn): Float64Array {
    return this.view(strategy, this.layout.quarterColumn(quarter, metric));
  }

  /** One strategy's per-trial retained recurring revenue at the end of the horizon. */
  retained(strategy: number): Float64Array {
    return this.view(strategy, this.layout.horizonColumn('retainedRecurringRevenue'));
  }

  /** Writes Σ over quarters of a metric per trial into `out` and returns it. */
  sumOverQuarters(strategy: number, metric: QuarterColumn, out: Float64Array): Float64Array {
    out.fill(0);
    for (let q = 0; q < this.layout.quarters; q++) {
      const col = this.quarter(strategy, q, metric);
      for (let t = 0; t < col.length; t++) out[t] = (out[t] as number) + (col[t] as number);
    }
    return out;
  }
}
