/**
 * The "why" waterfall: the mean A − B difference of a period split into mechanisms
 * (docs/model.md §10), as floating bars from 0 to the total. Pure TS.
 */
import type { PeriodComparison, RunSummary, Waterfall, WaterfallPart } from '@sweetspot/analysis';
import type { Period } from './derive.ts';

export type WhyMetric = 'bookings' | 'margin' | 'contribution';

/** A split of the gap (waterfall or attribution) for a period and metric, if the summary has it. */
export function gapSplitOf<K extends 'waterfall' | 'attribution'>(
  summary: RunSummary,
  period: Period,
  metric: WhyMetric,
  key: K,
): PeriodComparison[K][WhyMetric] | undefined {
  const cmp = summary.comparison;
  // Summaries made before the engine recorded these splits have none: optional chaining.
  const pair = period === 'year' ? cmp.horizon?.[key] : cmp.quarters[period]?.[key];
  const split = pair?.[metric];
  return split && Array.isArray(split.parts) ? split : undefined;
}

/** The summary's waterfall for a period and metric, if the summary carries one. */
export function waterfallOf(
  summary: RunSummary,
  period: Period,
  metric: WhyMetric,
): Waterfall | undefined {
  return gapSplitOf(summary, period, metric, 'waterfall');
}

/** The metrics the Why panel offers: contribution only when the scenario prices hours. */
export function whyMetrics(pricesHours: boolean): WhyMetric[] {
  return pricesHours ? ['bookings', 'margin', 'contribution'] : ['bookings', 'margin'];
}

/**
 * The waterfall as the panel shows it: the "prospected deals" bar only when A or B prospects (it
 * is 0 otherwise, and a scenario without prospecting keeps the bars it always had).
 */
export function shownWaterfall(w: Waterfall, prospects: boolean): Waterfall {
  if (prospects) return w;
  const parts = w.parts.filter((p) => p.id !== 'prospectedWins' || p.value !== 0);
  return parts.length === w.parts.length ? w : { ...w, parts };
}

export interface WaterfallRow {
  /** Mechanism id, or 'total'. */
  id: WaterfallPart['id'] | 'total';
  label: string;
  value: number;
  /** The bar spans [start, end] (start > end for a negative part). */
  start: number;
  end: number;
  kind: 'up' | 'down' | 'total';
}

/**
 * Bars of the waterfall: each part floats from the running sum before it to the running sum
 * after it, starting at 0; the total bar goes from 0 to the sum of the parts.
 */
export function waterfallRows(w: Waterfall, totalLabel = 'A − B in all'): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  let at = 0;
  for (const part of w.parts) {
    rows.push({
      id: part.id,
      label: part.label,
      value: part.value,
      start: at,
      end: at + part.value,
      kind: part.value >= 0 ? 'up' : 'down',
    });
    at += part.value;
  }
  rows.push({
    id: 'total',
    label: totalLabel,
    value: w.total,
    start: 0,
    end: w.total,
    kind: 'total',
  });
  return rows;
}

/** Sum of the parts (equals `total` by construction; checked and shown). */
export function partsSum(w: Waterfall): number {
  return w.parts.reduce((sum, p) => sum + p.value, 0);
}

/**
 * Plain-language explanation of each bar (docs/model.md §10): which deals it counts. A bar is not
 * a cause: any rule that differs between A and B can move it (the attribution, §11, says which).
 */
export const MECHANISMS: Record<WaterfallPart['id'], { title: string; explain: string }> = {
  sweetSpotNeglect: {
    title: 'Sweet-spot deals won by one, stalled or lost late by the other',
    explain:
      'Sweet-spot deals one strategy won while under the other they stalled (starved of hours), or were lost after running past their natural cycle. Anything that takes hours from them counts here: chasing other deals, the order deals are worked in, or a quarter-end push.',
  },
  sweetSpotNeverWorked: {
    title: 'Sweet-spot deals won by one, never worked by the other',
    explain:
      'Sweet-spot deals one strategy won that the other never pursued: it qualified them out, or had no hours left to qualify them.',
  },
  prospectedWins: {
    title: 'Prospected deals won by one, never had by the other',
    explain:
      'Deals a rep sourced by prospecting with spare hours and won, which the other strategy never had because it did not prospect them (or not as many). Prospected deals both strategies had are counted in the other bars like any deal.',
  },
  outOfProfileWins: {
    title: 'Out-of-profile deals won by only one',
    explain:
      'Out-of-profile deals won by only one of the two strategies — usually the one that pursues them, but also the one that gives them hours first.',
  },
  pullInOdds: {
    title: 'Deals won by one, lost by the other after a pull-in',
    explain:
      'Sweet-spot deals one strategy won and the other lost after pulling them into a quarter-end push, where the odds of winning are lower.',
  },
  stillOpen: {
    title: 'Deals won by one, still open at the end under the other',
    explain:
      'Deals one strategy won that were still open under the other when the simulated horizon ended (what they do afterwards is not booked).',
  },
  timing: {
    title: 'Deals won by both, in different quarters',
    explain:
      'Deals both strategies won, but in different quarters (pulled in, or slipped). They move bookings from one quarter to another; over the whole horizon they add up to zero, except for deals one strategy won before the first reported quarter (in the warm-up).',
  },
  discountGiven: {
    title: 'Discounts given',
    explain:
      'The bars above count won deals at list price; this bar takes off the difference in discounts given (the usual discount plus any extra discount to pull a deal in).',
  },
  costToServe: {
    title: 'Cost to serve',
    explain:
      'Gross margin and contribution only: the difference in what it costs to serve the customers each strategy won.',
  },
  costOfSale: {
    title: 'Cost of sale',
    explain:
      'Contribution only: the difference in what the hours each strategy worked cost — rep hours spent selling (deals, qualifying, overhead, prospecting; not idle hours) at the loaded cost per selling hour, plus specialist hours at each pool’s cost per hour. A strategy that works more hours, or more hours of expensive specialists, pays more here.',
  },
};
