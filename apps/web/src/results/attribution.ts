/**
 * The split of the A − B gap among the rules that differ (docs/model.md §11), as the summary
 * carries it for a period. Pure TS.
 */
import { type Attribution, attributionClause, type RunSummary } from '@sweetspot/analysis';
import { money } from '../format.ts';
import type { Period } from './derive.ts';
import { gapSplitOf, type WhyMetric } from './waterfall.ts';

/** The summary's attribution for a period and metric (undefined in summaries made before it). */
export function attributionOf(
  summary: RunSummary,
  period: Period,
  metric: WhyMetric,
): Attribution | undefined {
  return gapSplitOf(summary, period, metric, 'attribution');
}

/**
 * "of +$2.39M, +$1.51M comes from the order deals are worked in and +$875K from which deals are
 * pursued": the bookings split for a period, in the scenario's currency; '' when fewer than two
 * rules differ (or the summary has no attribution).
 */
export function bookingsSplitClause(summary: RunSummary, period: Period, currency: string): string {
  const attribution = attributionOf(summary, period, 'bookings');
  return attribution
    ? attributionClause(attribution, (v) => money(v, currency, { signed: true }))
    : '';
}
