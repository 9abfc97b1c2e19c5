/**
 * Immutable edits of a draft scenario. A draft has the Scenario shape but may hold values that
 * do not validate (NaN for a number field that does not parse, an empty name): validation, not
 * the editor, decides what is acceptable. Pure TS, no React.
 */
import type {
  Prospecting,
  Pursue,
  QuarterEndPush,
  Scenario,
  Segment,
  SpecialistPool,
  Strategy,
} from '@sweetspot/scenario';
import { defaultScenario } from '@sweetspot/scenario';
import type { PathKey } from './paths.ts';

/** Returns a copy of `root` with `value` at `path`, sharing every untouched branch. */
export function setIn<T>(root: T, path: readonly PathKey[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [PathKey, ...PathKey[]];
  const container = root as unknown as Record<PathKey, unknown> | unknown[];
  const child = (container as Record<PathKey, unknown>)[head];
  const next = setIn(child, rest, value);
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[head as number] = next;
    return copy as unknown as T;
  }
  const copy: Record<PathKey, unknown> = { ...(container as Record<PathKey, unknown>) };
  if (next === undefined && rest.length === 0) delete copy[head];
  else copy[head] = next;
  return copy as unknown as T;
}

/** Reads the value at `path` (undefined when any step is missing). */
export function getIn(root: unknown, path: readonly PathKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathKey, unknown>)[key];
  }
  return node;
}

/** A fresh id (`prefix-2`, `prefix-3`, …) not in `taken`. */
export function uniqueId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = used.size + 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!used.has(id)) return id;
  }
}

/**
 * Adds a segment copied from the last one (so its numbers are plausible), not the sweet spot. A
 * draft without segments (none loads: validation needs one, and the last cannot be removed) gets
 * a copy of the default scenario's sweet spot.
 */
export function addSegment(draft: Scenario): Scenario {
  const last = draft.segments[draft.segments.length - 1];
  const segment: Segment = {
    ...structuredClone(last ?? (defaultScenario().segments[0] as Segment)),
    id: uniqueId(
      'segment',
      draft.segments.map((s) => s.id),
    ),
    name: last ? `Segment ${draft.segments.length + 1}` : 'New segment',
    sweetSpot: !last,
  };
  return { ...draft, segments: [...draft.segments, segment] };
}

function withoutSegment(pursue: Pursue, id: string): Pursue {
  if (!Array.isArray(pursue)) return pursue;
  const kept = pursue.filter((p) => p !== id);
  return kept.length > 0 ? kept : 'all';
}

/** Removes a segment and drops it from every strategy's chosen segments. */
export function removeSegment(draft: Scenario, index: number): Scenario {
  const removed = draft.segments[index];
  if (!removed) return draft;
  return {
    ...draft,
    segments: draft.segments.filter((_, i) => i !== index),
    strategies: draft.strategies.map((st) => {
      const next: Strategy = { ...st, pursue: withoutSegment(st.pursue, removed.id) };
      if (st.quarterEndPush)
        next.quarterEndPush = {
          ...st.quarterEndPush,
          pursue: withoutSegment(st.quarterEndPush.pursue, removed.id),
        };
      if (st.prospecting)
        next.prospecting = {
          ...st.prospecting,
          pursue: withoutSegment(st.prospecting.pursue, removed.id),
        };
      return next;
    }),
  };
}

/** Adds a strategy that chases everything, oldest first. */
export function addStrategy(draft: Scenario): Scenario {
  const id = uniqueId(
    'strategy',
    draft.strategies.map((s) => s.id),
  );
  const strategy: Strategy = {
    id,
    name: `Strategy ${draft.strategies.length + 1}`,
    pursue: 'all',
    priority: 'oldest-first',
  };
  return { ...draft, strategies: [...draft.strategies, strategy] };
}

/** Removes a strategy; an A/B slot that named it takes another remaining strategy. */
export function removeStrategy(draft: Scenario, index: number): Scenario {
  const removed = draft.strategies[index];
  if (!removed || draft.strategies.length <= 1) return draft;
  const strategies = draft.strategies.filter((_, i) => i !== index);
  const ids = strategies.map((s) => s.id);
  const [a, b] = draft.compare;
  const pick = (id: string, other: string) =>
    id !== removed.id ? id : (ids.find((x) => x !== other) ?? ids[0] ?? id);
  const nextA = pick(a, b);
  const nextB = pick(b, nextA);
  return { ...draft, strategies, compare: [nextA, nextB] };
}

export const DEFAULT_PUSH: QuarterEndPush = {
  fromWeek: 9,
  belowAttainment: 0.9,
  pursue: 'all',
  pullInWeeks: 4,
  extraDiscount: 0.2,
  pullInWinFactor: 0.7,
  overtime: 1.2,
};

/** Turns a strategy's quarter-end push on (with default settings) or off. */
export function setPush(draft: Scenario, index: number, on: boolean): Scenario {
  return setStrategyOption(
    draft,
    index,
    'quarterEndPush',
    on ? { ...DEFAULT_PUSH, fromWeek: Math.min(9, draft.horizon.weeksPerQuarter || 9) } : undefined,
  );
}

/** Sets one optional rule of a strategy, or removes it (undefined). */
function setStrategyOption<K extends 'quarterEndPush' | 'prospecting'>(
  draft: Scenario,
  index: number,
  key: K,
  value: Strategy[K] | undefined,
): Scenario {
  const st = draft.strategies[index];
  if (!st) return draft;
  const next: Strategy = { ...st };
  if (value !== undefined) next[key] = value;
  else delete next[key];
  return setIn(draft, ['strategies', index], next);
}

/**
 * Adds a specialist pool (docs/model.md §12) with an id made like segments' ids (`pool-1`, …).
 * It changes nothing until a segment needs it.
 */
export function addPool(draft: Scenario): Scenario {
  const pools = draft.team.specialists ?? [];
  const id = uniqueId(
    'pool',
    pools.map((p) => p.id),
  );
  const pool: SpecialistPool = {
    id,
    name: `Specialist pool ${pools.length + 1}`,
    hoursPerWeek: 40,
  };
  return { ...draft, team: { ...draft.team, specialists: [...pools, pool] } };
}

/** A segment's specialist needs without pool `id`; undefined when none is left. */
function withoutNeed(
  needs: Record<string, number> | undefined,
  id: string,
): Record<string, number> | undefined {
  if (!needs || !(id in needs)) return needs;
  const { [id]: _, ...rest } = needs;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

function withNeeds(segment: Segment, needs: Record<string, number> | undefined): Segment {
  const next = { ...segment };
  if (needs) next.specialistHoursPerSellingHour = needs;
  else delete next.specialistHoursPerSellingHour;
  return next;
}

/**
 * Removes a specialist pool and every segment's need for it; without pools left, the team has
 * no `specialists` at all (the scenario is as if pools had never been added).
 */
export function removePool(draft: Scenario, index: number): Scenario {
  const pools = draft.team.specialists ?? [];
  const removed = pools[index];
  if (!removed) return draft;
  const kept = pools.filter((_, i) => i !== index);
  const team = { ...draft.team };
  if (kept.length > 0) team.specialists = kept;
  else delete team.specialists;
  return {
    ...draft,
    team,
    segments: draft.segments.map((seg) =>
      seg.specialistHoursPerSellingHour && removed.id in seg.specialistHoursPerSellingHour
        ? withNeeds(seg, withoutNeed(seg.specialistHoursPerSellingHour, removed.id))
        : seg,
    ),
  };
}

/**
 * Sets segment `index`'s specialist hours per selling hour for a pool; undefined removes the
 * need (and the segment's needs object once it is empty).
 */
export function setSpecialistNeed(
  draft: Scenario,
  index: number,
  poolId: string,
  value: number | undefined,
): Scenario {
  const seg = draft.segments[index];
  if (!seg) return draft;
  const needs =
    value === undefined
      ? withoutNeed(seg.specialistHoursPerSellingHour, poolId)
      : { ...seg.specialistHoursPerSellingHour, [poolId]: value };
  return setIn(draft, ['segments', index], withNeeds(seg, needs));
}

/** Weeks until a prospected opportunity arrives when only the hours are typed. */
export const DEFAULT_PROSPECTING_LAG = 4;

/**
 * Sets one of a segment's prospecting settings (docs/model.md §14). Emptying the hours per
 * opportunity removes the settings (the segment cannot be prospected); typing them first fills
 * in the weeks until arrival with a default, shown in its input.
 */
export function setSegmentProspecting(
  draft: Scenario,
  index: number,
  field: keyof Prospecting,
  value: number | undefined,
): Scenario {
  const seg = draft.segments[index];
  if (!seg) return draft;
  const next: Segment = { ...seg };
  const current = seg.prospecting as Partial<Prospecting> | undefined;
  if (field === 'hoursPerOpportunity') {
    if (value === undefined) delete next.prospecting;
    else
      next.prospecting = {
        hoursPerOpportunity: value,
        lagWeeks: current?.lagWeeks ?? DEFAULT_PROSPECTING_LAG,
      } as Prospecting;
  } else {
    const p: Partial<Prospecting> = { ...current };
    if (value === undefined) delete p.lagWeeks;
    else p.lagWeeks = value;
    if (Object.keys(p).length === 0) delete next.prospecting;
    else next.prospecting = p as Prospecting;
  }
  return setIn(draft, ['segments', index], next);
}

/**
 * Turns a strategy's prospecting on (the sweet spot, or every segment without one, every week)
 * or off.
 */
export function setStrategyProspecting(draft: Scenario, index: number, on: boolean): Scenario {
  const pursue = draft.segments.some((s) => s.sweetSpot) ? 'sweet-spot' : 'all';
  return setStrategyOption(
    draft,
    index,
    'prospecting',
    on ? { pursue, when: 'always' } : undefined,
  );
}
