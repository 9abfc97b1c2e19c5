import type {
  Priority,
  Pursue,
  QuarterEndPush,
  Scenario,
  Strategy,
  StrategyProspecting,
} from './types.ts';
import { listInWords } from './words.ts';

/**
 * The groups of rules a strategy is made of (docs/model.md §3, §7). Two strategies compared
 * differ in some of these groups; the gap between them is split among the groups that differ
 * (docs/model.md §11), so each group must be a set of rules that can be swapped on its own.
 */
export const RULE_GROUPS = ['pursue', 'priority', 'quarterEndPush', 'prospecting'] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

/** What each group decides, as a sales leader would say it. */
export const RULE_GROUP_LABELS: Record<RuleGroup, string> = {
  pursue: 'which deals are pursued',
  priority: 'the order deals are worked in',
  quarterEndPush: 'the quarter-end push',
  prospecting: 'prospecting with spare hours',
};

const PRIORITY_TEXT: Record<Priority, string> = {
  'expected-value-per-hour': 'highest expected value per hour first',
  'oldest-first': 'oldest first',
  'closest-to-close': 'closest to close first',
  'largest-first': 'largest first',
};

/** The segments a `pursue` rule takes, as a 0/1 mask over the scenario's segments. */
export function pursueMask(
  pursue: Pursue,
  scenario: { segments: ReadonlyArray<Pick<Scenario['segments'][number], 'id' | 'sweetSpot'>> },
): number[] {
  return scenario.segments.map((segment) => {
    if (pursue === 'all') return 1;
    if (pursue === 'sweet-spot') return segment.sweetSpot ? 1 : 0;
    return pursue.includes(segment.id) ? 1 : 0;
  });
}

/** The segments a `pursue` rule takes, in words ("only the sweet spot", "every segment", names). */
export function describePursue(pursue: Pursue, scenario: Pick<Scenario, 'segments'>): string {
  const mask = pursueMask(pursue, scenario);
  const taken = scenario.segments.filter((_, i) => mask[i] === 1);
  if (taken.length === scenario.segments.length) return 'every segment';
  if (taken.length === 0) return 'no segment';
  const sweet = scenario.segments.filter((s) => s.sweetSpot);
  if (sweet.length === taken.length && taken.every((s) => s.sweetSpot)) {
    return 'only the sweet spot';
  }
  return `only ${taken.map((s) => s.name).join(', ')}`;
}

/**
 * A push that can change nothing, as if absent: with `belowAttainment` 0 it never runs (booked
 * plus expected is never below 0).
 */
function effectivePush(push: QuarterEndPush | undefined): QuarterEndPush | undefined {
  return push !== undefined && push.belowAttainment > 0 ? push : undefined;
}

/** A share as a percentage, to two decimals at most: 0.9 → "90%", 0.9004 → "90.04%". */
function pct(x: number): string {
  return `${Math.round(x * 10_000) / 100}%`;
}

function describePush(push: QuarterEndPush | undefined, scenario: Scenario): string {
  if (effectivePush(push) === undefined || push === undefined) return 'no quarter-end push';
  const parts = [
    `from week ${push.fromWeek}, when booked plus expected is below ${pct(push.belowAttainment)} of quota: pursues ${describePursue(push.pursue, scenario)}`,
  ];
  if (push.pullInWeeks > 0) {
    parts.push(
      `pulls in deals due within ${push.pullInWeeks} week${push.pullInWeeks === 1 ? '' : 's'} (odds × ${Number(push.pullInWinFactor.toPrecision(4))}, ${pct(push.extraDiscount)} extra discount)`,
    );
  }
  if (push.overtime !== 1) parts.push(`works ${pct(push.overtime - 1)} overtime`);
  return `a quarter-end push ${parts.join('; ')}`;
}

/**
 * Prospecting that can source nothing, as if absent: no segment taken, or only "during-push"
 * without a push that can run.
 */
function effectiveProspecting(st: Strategy, scenario: Scenario): StrategyProspecting | undefined {
  const p = st.prospecting;
  if (p === undefined) return undefined;
  if (!pursueMask(p.pursue, scenario).includes(1)) return undefined;
  if (p.when === 'during-push' && effectivePush(st.quarterEndPush) === undefined) return undefined;
  return p;
}

function describeProspecting(st: Strategy, scenario: Scenario): string {
  const p = effectiveProspecting(st, scenario);
  if (p === undefined) return 'leaves spare hours idle';
  const when = p.when === 'always' ? 'every week' : 'in the weeks it pushes';
  return `prospects ${describePursue(p.pursue, scenario)} with spare hours ${when}`;
}

/** What strategy `st` does in rule group `group`, in words. */
export function describeRule(group: RuleGroup, st: Strategy, scenario: Scenario): string {
  if (group === 'pursue') return `pursues ${describePursue(st.pursue, scenario)}`;
  if (group === 'priority') return `works deals ${PRIORITY_TEXT[st.priority]}`;
  if (group === 'prospecting') return describeProspecting(st, scenario);
  return describePush(st.quarterEndPush, scenario);
}

/** A key that is equal for two strategies exactly when their rules in `group` act the same. */
function groupKey(group: RuleGroup, st: Strategy, scenario: Scenario): string {
  if (group === 'pursue') return pursueMask(st.pursue, scenario).join('');
  if (group === 'priority') return st.priority;
  if (group === 'prospecting') {
    const p = effectiveProspecting(st, scenario);
    return p === undefined ? '-' : `${pursueMask(p.pursue, scenario).join('')}/${p.when}`;
  }
  const push = effectivePush(st.quarterEndPush);
  if (push === undefined) return '-';
  // Same fields in a fixed order; `pursue` by its effect, not its spelling; the pull-in factors
  // only when deals can be pulled in.
  const pulls = push.pullInWeeks > 0;
  return JSON.stringify([
    push.fromWeek,
    push.belowAttainment,
    pursueMask(push.pursue, scenario).join(''),
    push.pullInWeeks,
    pulls ? push.extraDiscount : null,
    pulls ? push.pullInWinFactor : null,
    push.overtime,
  ]);
}

/** The rule groups in which strategies a and b act differently, in RULE_GROUPS order. */
export function differingRuleGroups(a: Strategy, b: Strategy, scenario: Scenario): RuleGroup[] {
  return RULE_GROUPS.filter((g) => groupKey(g, a, scenario) !== groupKey(g, b, scenario));
}

/** The two compared strategies of a (validated) scenario, A then B. */
export function comparedStrategies(scenario: Scenario): [Strategy, Strategy] {
  const find = (id: string) => {
    const st = scenario.strategies.find((s) => s.id === id);
    if (!st) throw new RangeError(`compared strategy "${id}" is not in the scenario`);
    return st;
  };
  return [find(scenario.compare[0]), find(scenario.compare[1])];
}

/**
 * The rule groups over which the A − B gap is split (docs/model.md §11): the groups in which the
 * compared strategies differ, when there are at least two (with one, that group is the whole
 * gap; with none, there is no gap).
 */
export function attributionGroups(scenario: Scenario): RuleGroup[] {
  // A scenario cut down to fewer strategies (a benchmark playing one strategy alone) compares
  // nothing: no attribution.
  const a = scenario.strategies.find((s) => s.id === scenario.compare[0]);
  const b = scenario.strategies.find((s) => s.id === scenario.compare[1]);
  if (!a || !b) return [];
  const groups = differingRuleGroups(a, b, scenario);
  return groups.length >= 2 ? groups : [];
}

/**
 * Strategies the engine plays on every trial's world: the scenario's own, plus, when two or more
 * rule groups differ, the 2^k − 2 intermediate strategies of the attribution (docs/model.md §11).
 */
export function strategiesPlayed(scenario: Scenario): number {
  const groups = attributionGroups(scenario).length;
  return scenario.strategies.length + (groups >= 2 ? 2 ** groups - 2 : 0);
}

/**
 * The strategy that follows A's rules in the groups of `fromA` and B's in every other group
 * (an intermediate strategy of the attribution, docs/model.md §11).
 */
export function mixStrategy(a: Strategy, b: Strategy, fromA: readonly RuleGroup[]): Strategy {
  const take = (g: RuleGroup) => (fromA.includes(g) ? a : b);
  const push = take('quarterEndPush').quarterEndPush;
  const prospecting = take('prospecting').prospecting;
  const mixed: Strategy = {
    id: `${a.id}~${b.id}:${fromA.join('+')}`,
    name: `${b.name} with ${a.name}'s ${fromA.map((g) => RULE_GROUP_LABELS[g]).join(' and ')}`,
    pursue: take('pursue').pursue,
    priority: take('priority').priority,
  };
  if (push !== undefined) mixed.quarterEndPush = push;
  if (prospecting !== undefined) mixed.prospecting = prospecting;
  return mixed;
}

/** One line saying exactly what differs between the compared strategies A and B. */
export function describeDifference(scenario: Scenario): string {
  const [a, b] = comparedStrategies(scenario);
  const groups = differingRuleGroups(a, b, scenario);
  const names = `"${a.name}" (A) and "${b.name}" (B)`;
  if (groups.length === 0) return `${names} follow the same rules: they cannot differ.`;
  const clause = (g: RuleGroup) =>
    `${RULE_GROUP_LABELS[g]} (A ${describeRule(g, a, scenario)}; B ${describeRule(g, b, scenario)})`;
  const joined = listInWords(groups.map(clause));
  return `${names} differ ${groups.length === 1 ? 'only ' : ''}in ${joined}; everything else is the same.`;
}
