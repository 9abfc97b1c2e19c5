/** Discount of a segment: median of 1 − amount / list price over won deals, clamped to [0, 0.95]. */
import type { Opportunity } from './records.ts';
import { type Histogram, histogram, median } from './stats.ts';

export interface DiscountFit {
  /** 'list-price': from won amounts vs list prices; 'none': no list price mapped (0 used). */
  source: 'list-price' | 'none';
  n: number;
  /** Median of 1 − amount / list price before clamping (NaN when n = 0). */
  rawMedian: number;
  /** Clamped to [0, 0.95]: the scenario's discount. */
  value: number;
  histogram: Histogram;
}

/** Fits the discount; source "none" (and 0) when no list price column is mapped. */
export function fitDiscount(opps: readonly Opportunity[], hasListPrice: boolean): DiscountFit {
  if (!hasListPrice)
    return {
      source: 'none',
      n: 0,
      rawMedian: Number.NaN,
      value: 0,
      histogram: { edges: [], counts: [] },
    };
  const d = opps
    .filter((o) => o.amount !== undefined && o.listPrice !== undefined)
    .map((o) => 1 - (o.amount as number) / (o.listPrice as number));
  const raw = d.length > 0 ? median(d) : Number.NaN;
  return {
    source: 'list-price',
    n: d.length,
    rawMedian: raw,
    value: Number.isFinite(raw) ? Math.min(0.95, Math.max(0, raw)) : 0,
    histogram: histogram(d),
  };
}
