/** Hand-made scenarios and chunks for the tests (not exported from the package). */
import {
  createChunk,
  Layout,
  type QuarterColumn,
  type SegmentAggregate,
  type SimulationChunk,
  type TeamAggregate,
} from '@sweetspot/engine';
import { defaultScenario, type Scenario, type Segment, type Strategy } from '@sweetspot/scenario';

/** The default team's sweet-spot segment with fewer, smaller, quicker and lighter deals. */
function segment(id: string, sweetSpot: boolean): Segment {
  const [sweet] = defaultScenario().segments as [Segment];
  return {
    ...sweet,
    id,
    name: `Segment ${id}`,
    sweetSpot,
    opportunitiesPerRepPerWeek: 1,
    dealSize: { median: 20_000, p90: 40_000 },
    salesCycleWeeks: { median: 8, p90: 14 },
    effortHours: { median: 6, p90: 12 },
  };
}

function strategy(id: string): Strategy {
  return { id, name: `Strategy ${id}`, pursue: 'all', priority: 'oldest-first' };
}

/** A scenario with 2 reps × quota 100 (team quota 200 a quarter), 2 segments, the given strategies. */
export function testScenario(strategyIds: string[], quarters: number): Scenario {
  return {
    version: 1,
    name: 'Test scenario',
    currency: 'USD',
    seed: 7,
    trials: 4,
    horizon: { quarters, weeksPerQuarter: 13, warmupWeeks: 0 },
    team: {
      reps: 2,
      sellingHoursPerWeek: 15,
      quotaPerRepPerQuarter: 100,
      overheadHoursPerActiveDeal: 0,
    },
    dynamics: { delayPenaltyPerWeek: 0.1, stallWeeks: 3 },
    segments: [segment('icp', true), segment('out', false)],
    strategies: strategyIds.map(strategy),
    compare: [strategyIds[0] ?? 'a', strategyIds[1] ?? 'b'],
  };
}

/** A chunk writer: sets per-trial columns and real-valued aggregates (scaled as the engine does). */
export class ChunkBuilder {
  readonly layout: Layout;
  readonly chunk: SimulationChunk;

  constructor(strategies: number, quarters: number, segments: number, trials: number) {
    this.layout = new Layout(strategies, quarters, segments);
    this.chunk = createChunk(this.layout, 0, trials);
  }

  private setColumn(s: number, col: number, values: number[]): this {
    const start = this.layout.columnOffset(s, col, this.chunk.trialCount);
    this.chunk.columns.set(values, start);
    return this;
  }

  quarter(s: number, q: number, metric: QuarterColumn, values: number[]): this {
    return this.setColumn(s, this.layout.quarterColumn(q, metric), values);
  }

  retained(s: number, values: number[]): this {
    return this.setColumn(s, this.layout.horizonColumn('retainedRecurringRevenue'), values);
  }

  private setAggregate(index: number, value: number): this {
    const scale = this.layout.quarterScales[index % this.layout.aggregatesPerQuarter] ?? 1;
    this.chunk.aggregates[index] = Math.round(value * scale);
    return this;
  }

  segment(
    s: number,
    q: number,
    g: number,
    values: Partial<Record<SegmentAggregate, number>>,
  ): this {
    for (const [m, v] of Object.entries(values)) {
      this.setAggregate(this.layout.segmentAggregate(s, q, g, m as SegmentAggregate), v);
    }
    return this;
  }

  team(s: number, q: number, values: Partial<Record<TeamAggregate, number>>): this {
    for (const [m, v] of Object.entries(values)) {
      this.setAggregate(this.layout.teamAggregate(s, q, m as TeamAggregate), v);
    }
    return this;
  }

  attainmentBin(s: number, q: number, bin: number, count: number): this {
    return this.setAggregate(this.layout.attainmentBin(s, q, bin), count);
  }
}
