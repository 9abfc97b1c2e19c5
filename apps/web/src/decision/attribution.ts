/**
 * The split of the A − B gap among the rules that differ (docs/model.md §11), as the summary
 * carries it for a period. Pure TS.
 */
import type { Attribution, RunSummary } from '@sweetspot/analysis';
import type { Period } from '../results/derive.ts';
import type { WhyMetric } from './waterfall.ts';

/** The summary's attribution for a period and metric (undefined in summaries made before it). */
export function attributionOf(
  summary: RunSummary,
  period: Period,
  metric: WhyMetric,
): Attribution | undefined {
  const cmp = summary.comparison;
  const pair = period === 'year' ? cmp.horizon?.attribution : cmp.quarters[period]?.attribution;
  const a = pair?.[metric];
  return a && Array.isArray(a.parts) ? a : undefined;
}
