/**
 * The A − B gap split among the rule groups in which A and B differ (docs/model.md §11), from
 * the engine's per-trial attribution columns: each group's mean share with its 95% interval.
 */
import { type AttributionMetric, layoutOf, type SimulationChunk } from '@sweetspot/engine';
import {
  attributionGroups,
  comparedStrategies,
  describeRule,
  differingRuleGroups,
  listInWords,
  RULE_GROUP_LABELS,
  type Scenario,
} from '@sweetspot/scenario';
import { meanCi95, meanSd } from './stat.ts';
import type { Attribution, AttributionPart, Diff } from './types.ts';

/** The words for each differing group: what it decides, and what A and B each do. */
function partHeads(scenario: Scenario): Omit<AttributionPart, 'mean' | 'ci95'>[] {
  const [a, b] = comparedStrategies(scenario);
  return differingRuleGroups(a, b, scenario).map((group) => ({
    group,
    label: RULE_GROUP_LABELS[group],
    a: describeRule(group, a, scenario),
    b: describeRule(group, b, scenario),
  }));
}

/**
 * The attribution of the A − B gap in `metric` over the given reported quarters. `gap` is the
 * paired difference over the same quarters: with a single differing group, that group is the
 * whole gap (its part is `gap`'s mean and interval); with none, there are no parts.
 * `buf` is scratch of at least trialCount entries.
 */
export function attributionOf(
  scenario: Scenario,
  chunk: SimulationChunk,
  metric: AttributionMetric,
  quarters: readonly number[],
  gap: Diff,
  buf: Float64Array,
): Attribution {
  const heads = partHeads(scenario);
  if (heads.length === 0) return { parts: [], total: 0 };
  if (heads.length === 1) {
    const head = heads[0] as (typeof heads)[number];
    return { parts: [{ ...head, mean: gap.meanDiff, ci95: gap.ci95 }], total: gap.meanDiff };
  }
  const layout = layoutOf(chunk);
  const n = chunk.trialCount;
  const groups = attributionGroups(scenario);
  if (layout.groups !== groups.length) {
    throw new RangeError(
      `the results hold ${layout.groups} attribution groups, the scenario needs ${groups.length}`,
    );
  }
  const values = buf.subarray(0, n);
  const parts: AttributionPart[] = heads.map((head, g) => {
    values.fill(0);
    for (const q of quarters) {
      const start = layout.attributionOffset(g, q, metric, n);
      for (let t = 0; t < n; t++) {
        values[t] = (values[t] as number) + (chunk.columns[start + t] as number);
      }
    }
    const { mean, sd } = meanSd(values);
    return { ...head, mean, ci95: meanCi95(mean, sd, n) };
  });
  // Whole units per trial that add up to the rounded gap: the sum of the means is the total.
  return { parts, total: parts.reduce((acc, p) => acc + p.mean, 0) };
}

/**
 * The parts of the gap, largest (in absolute value) first; none when fewer than two rule groups
 * differ (there is nothing to split). The verdict's clause and the trainer's slide both say them
 * in this order.
 */
export function partsLargestFirst(attribution: Attribution | undefined): AttributionPart[] {
  if (!attribution || attribution.parts.length < 2) return [];
  return [...attribution.parts].sort((x, y) => Math.abs(y.mean) - Math.abs(x.mean));
}

/**
 * The attribution as a clause for a headline: "of +$1.69M, +$1.22M comes from the order deals
 * are worked in and +$0.47M from which deals are pursued". Largest share first. Empty when
 * fewer than two rule groups differ (the whole gap is then one rule's, said elsewhere).
 */
export function attributionClause(
  attribution: Attribution,
  format: (value: number) => string,
): string {
  const parts = partsLargestFirst(attribution);
  if (parts.length === 0) return '';
  const pieces = parts.map((p, i) => `${format(p.mean)} ${i === 0 ? 'comes ' : ''}from ${p.label}`);
  return `of ${format(attribution.total)}, ${listInWords(pieces)}`;
}
