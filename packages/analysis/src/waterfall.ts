import {
  layoutOf,
  type SimulationChunk,
  WATERFALL_PARTS,
  type WaterfallPartName,
} from '@sweetspot/engine';
import type { ByGapMetric, Waterfall, WaterfallPart } from './types.ts';

/**
 * What each bar measures: which deals it counts, not why they went that way. A bar can move
 * because of any rule that differs between A and B; the attribution (docs/model.md §11) says
 * which rule accounts for how much of the gap.
 */
const LABELS: Record<WaterfallPartName, string> = {
  sweetSpotNeglect: 'Sweet-spot deals won by one, stalled or lost late by the other',
  sweetSpotNeverWorked: 'Sweet-spot deals won by one, never worked by the other',
  prospectedWins: 'Prospected deals won by one, never had by the other',
  outOfProfileWins: 'Out-of-profile deals won by only one',
  pullInOdds: 'Deals won by one, lost by the other after a pull-in',
  stillOpen: 'Deals won by one, still open at the end under the other',
  timing: 'Deals won by both, in different quarters',
  discountGiven: 'Discounts given (incl. pull-ins)',
  costToServe: 'Cost to serve',
  costOfSale: 'Cost of sale (hours worked × their rates)',
};

/** Mean per-trial value of each part summed over the given quarters (whole units, exact sums). */
function partMeans(
  chunk: SimulationChunk,
  quarters: readonly number[],
): Map<WaterfallPartName, number> {
  const layout = layoutOf(chunk);
  const n = chunk.trialCount;
  const out = new Map<WaterfallPartName, number>();
  for (const name of WATERFALL_PARTS) {
    let sum = 0;
    for (const q of quarters)
      sum += layout.aggregateValue(chunk.aggregates, layout.waterfallPart(q, name));
    out.set(name, n > 0 ? sum / n : Number.NaN);
  }
  return out;
}

function build(
  means: Map<WaterfallPartName, number>,
  names: readonly WaterfallPartName[],
): Waterfall {
  const parts: WaterfallPart[] = names.map((id) => ({
    id,
    label: LABELS[id],
    value: means.get(id) ?? 0,
  }));
  // The sum of whole-unit sums divided by n: the parts add up to the total exactly in the sums.
  const total = parts.reduce((acc, p) => acc + p.value, 0);
  return { parts, total };
}

const MARGIN_PARTS = WATERFALL_PARTS.filter((p) => p !== 'costOfSale');
const BOOKINGS_PARTS = MARGIN_PARTS.filter((p) => p !== 'costToServe');

/**
 * The exact decomposition of the mean A − B difference (docs/model.md §10, §13) over the given
 * reported quarters: bookings (mechanisms at list value, minus the difference in discounts
 * given), gross margin (the same, minus the difference in cost to serve) and contribution (the
 * same, minus the difference in cost of sale).
 */
export function waterfallOf(
  chunk: SimulationChunk,
  quarters: readonly number[],
): ByGapMetric<Waterfall> {
  const means = partMeans(chunk, quarters);
  return {
    bookings: build(means, BOOKINGS_PARTS),
    margin: build(means, MARGIN_PARTS),
    contribution: build(means, WATERFALL_PARTS),
  };
}
