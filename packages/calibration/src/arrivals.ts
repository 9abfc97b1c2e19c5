/**
 * Arrival rate of a segment: opportunities created in it per distinct owner per week, over the
 * weeks spanned by the created dates of all used rows.
 */
import type { Opportunity } from './records.ts';
import type { Histogram } from './stats.ts';

export interface ArrivalFit {
  /** Opportunities created in the segment (used rows). */
  opportunities: number;
  /** Weeks spanned by the created dates of all used rows. */
  weeks: number;
  perWeek: number;
  /** Distinct owners over all used rows (0 when no owner column is mapped). */
  owners: number;
  /** perWeek / owners (undefined without owners). */
  perRepPerWeek?: number;
  /** Opportunities created per week (edges in weeks since the first created date). */
  weekly: Histogram;
}

/** Counts arrivals per week from `firstCreated` (a day number) over `weeks` weeks. */
export function fitArrivals(
  opps: readonly Opportunity[],
  firstCreated: number,
  weeks: number,
  owners: number,
): ArrivalFit {
  const weekCount = Math.max(1, Math.ceil(weeks));
  const weekly: Histogram = {
    edges: Array.from({ length: weekCount + 1 }, (_, k) => k),
    counts: new Array<number>(weekCount).fill(0),
  };
  for (const o of opps) {
    const k = Math.min(weekCount - 1, Math.floor((o.created - firstCreated) / 7));
    weekly.counts[k] = (weekly.counts[k] as number) + 1;
  }
  const arrivals: ArrivalFit = {
    opportunities: opps.length,
    weeks,
    perWeek: opps.length / weeks,
    owners: owners,
    weekly,
  };
  if (owners > 0) arrivals.perRepPerWeek = opps.length / (owners * weeks);
  return arrivals;
}
