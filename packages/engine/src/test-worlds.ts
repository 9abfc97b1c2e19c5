/**
 * What the engine's exact tests build and read their worlds with (test files only, not part of
 * the package API): quantities by median and p90, one segment with drawn sizes, cycles and efforts
 * that each test overrides where its world differs, a drawn deal's fields, and the lognormal
 * parameters of docs/model.md §2 written from the text (the tests' oracle; no engine code).
 */
import { type Quantiles, type Segment, Z90 } from '@sweetspot/scenario';
import type { World } from './world.ts';

/** A lognormal quantity by its median and 90th percentile (docs/model.md §2). */
export const spread = (median: number, p90: number): Quantiles => ({ median, p90 });

/** A quantity every deal has exactly: p90 = median. */
export const fixed = (x: number): Quantiles => spread(x, x);

/** A segment whose size, cycle and effort are drawn (p90 above the median); override anything. */
export function drawnSegment(id: string, overrides: Partial<Segment> = {}): Segment {
  return {
    id,
    name: id,
    sweetSpot: true,
    opportunitiesPerRepPerWeek: 1,
    winRate: 0.5,
    dealSize: spread(10_000, 30_000),
    salesCycleWeeks: spread(4, 8),
    effortHours: spread(8, 20),
    discount: 0.1,
    costToServe: 0.2,
    annualChurn: 0.3,
    qualificationHours: 0.5,
    ...overrides,
  };
}

/** μ and σ of a lognormal quantity from its median and p90, as docs/model.md §2 states them. */
export function muSigma(q: { median: number; p90: number }): [number, number] {
  const mu = Math.log(q.median);
  return [mu, q.p90 === q.median ? 0 : (Math.log(q.p90) - Math.log(q.median)) / Z90];
}

/** Deal `i` of a drawn world as the reference draws write it: its week, segment and draws (§2). */
export function drawnDeal(world: World, i: number) {
  return {
    week: world.week[i],
    segment: world.segment[i],
    V: world.listValue[i],
    C: world.cycle[i],
    E: world.effort[i],
    U: world.outcomeDraw[i],
    churn: world.churnDraw[i],
  };
}
