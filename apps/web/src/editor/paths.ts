/**
 * Field paths: the same strings validateScenario uses (`segments[1].dealSize.p90`), so that an
 * error lands beside the input that can fix it. Pure TS, no React.
 */
import type { Scenario, ValidationError } from '@sweetspot/scenario';

export type PathKey = string | number;

/** Formats a path array like validateScenario does: `segments[1].dealSize.p90`. */
export function pathString(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** A DOM id for a field path (ids may not contain brackets or dots in CSS selectors). */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

/** Id of the element holding a field's error message (for aria-describedby). */
export function errorId(path: string): string {
  return `${fieldId(path)}-error`;
}

export const SCENARIO_FIELDS = ['name', 'currency', 'seed', 'trials'] as const;
export const HORIZON_FIELDS = ['quarters', 'weeksPerQuarter', 'warmupWeeks'] as const;
export const TEAM_FIELDS = [
  'reps',
  'sellingHoursPerWeek',
  'quotaPerRepPerQuarter',
  'overheadHoursPerActiveDeal',
] as const;
/** Optional team field (docs/model.md §13): an input only, empty removes it. */
export const TEAM_COST_FIELD = 'costPerSellingHour';
/** Fields of a specialist pool (docs/model.md §12); its id is made by the editor. */
export const POOL_FIELDS = ['name', 'hoursPerWeek', 'costPerHour'] as const;
/** A segment's prospecting settings (docs/model.md §14). */
export const SEGMENT_PROSPECTING_FIELDS = ['hoursPerOpportunity', 'lagWeeks'] as const;
/** A strategy's prospecting (docs/model.md §14), shown while it prospects. */
export const STRATEGY_PROSPECTING_FIELDS = ['pursue', 'when'] as const;
export const DYNAMICS_FIELDS = ['delayPenaltyPerWeek', 'stallWeeks'] as const;
/** Segment fields with an input, as paths relative to the segment. */
export const SEGMENT_FIELDS = [
  'name',
  'sweetSpot',
  'opportunitiesPerRepPerWeek',
  'winRate',
  'winRateUncertainty',
  'dealSize.median',
  'dealSize.p90',
  'salesCycleWeeks.median',
  'salesCycleWeeks.p90',
  'effortHours.median',
  'effortHours.p90',
  'sizeEffortCorrelation',
  'sizeCycleCorrelation',
  'discount',
  'costToServe',
  'annualChurn',
  'qualificationHours',
] as const;
export const STRATEGY_FIELDS = ['name', 'pursue', 'priority'] as const;
export const PUSH_FIELDS = [
  'fromWeek',
  'belowAttainment',
  'pursue',
  'pullInWeeks',
  'extraDiscount',
  'pullInWinFactor',
  'overtime',
] as const;

/** Every path the editor shows an input for, for this draft. */
export function editorFieldPaths(draft: Scenario): Set<string> {
  const paths = new Set<string>();
  for (const f of SCENARIO_FIELDS) paths.add(f);
  for (const f of HORIZON_FIELDS) paths.add(`horizon.${f}`);
  for (const f of TEAM_FIELDS) paths.add(`team.${f}`);
  paths.add(`team.${TEAM_COST_FIELD}`);
  const pools = poolsOf(draft);
  // The pools section (list-wide problems) and each pool's card (its id, made by the editor).
  paths.add('team.specialists');
  pools.forEach((_, i) => {
    paths.add(`team.specialists[${i}]`);
    for (const f of POOL_FIELDS) paths.add(`team.specialists[${i}].${f}`);
  });
  for (const f of DYNAMICS_FIELDS) paths.add(`dynamics.${f}`);
  const segments = Array.isArray(draft.segments) ? draft.segments : [];
  segments.forEach((_, i) => {
    for (const f of SEGMENT_FIELDS) paths.add(`segments[${i}].${f}`);
    for (const pool of pools) paths.add(`segments[${i}].specialistHoursPerSellingHour.${pool.id}`);
    for (const f of SEGMENT_PROSPECTING_FIELDS) paths.add(`segments[${i}].prospecting.${f}`);
  });
  const strategies = Array.isArray(draft.strategies) ? draft.strategies : [];
  strategies.forEach((strategy, i) => {
    for (const f of STRATEGY_FIELDS) paths.add(`strategies[${i}].${f}`);
    if (strategy?.quarterEndPush) {
      for (const f of PUSH_FIELDS) paths.add(`strategies[${i}].quarterEndPush.${f}`);
    }
    if (strategy?.prospecting) {
      for (const f of STRATEGY_PROSPECTING_FIELDS) paths.add(`strategies[${i}].prospecting.${f}`);
    }
  });
  paths.add('compare[0]');
  paths.add('compare[1]');
  return paths;
}

/** Errors sorted into those shown beside a field and those only the summary can show. */
export interface PlacedErrors {
  /** Field path → messages for it. */
  byField: Map<string, string[]>;
  /** Errors whose path has no field (nor an ancestor with one): shown in the summary list. */
  unplaced: ValidationError[];
}

/** Parent of a path: `a.b[2]` → `a.b`, `a.b` → `a`, `a` → ''. */
export function parentPath(path: string): string {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  return m ? (m[1] ?? '') : '';
}

/**
 * Places each error on its own field, or on the nearest ancestor that has one (a bad entry in a
 * pursue list, `strategies[0].pursue[1]`, goes to the pursue control); the rest are unplaced.
 */
export function placeErrors(
  errors: readonly ValidationError[],
  fields: ReadonlySet<string>,
): PlacedErrors {
  const byField = new Map<string, string[]>();
  const unplaced: ValidationError[] = [];
  for (const error of errors) {
    let path = error.path;
    while (path !== '' && !fields.has(path)) path = parentPath(path);
    if (path === '') {
      unplaced.push(error);
      continue;
    }
    const messages = byField.get(path) ?? [];
    // Messages are relative to the error's own path; say which part when it is deeper.
    const suffix = error.path === path ? '' : error.path.slice(path.length);
    messages.push(suffix ? `${suffix.replace(/^\./, '')} ${error.message}` : error.message);
    byField.set(path, messages);
  }
  return { byField, unplaced };
}

/** The draft's specialist pools (none when absent or not a list). */
export function poolsOf(draft: Scenario): Array<{ id: string; name: string }> {
  const pools = (draft.team as { specialists?: unknown } | undefined)?.specialists;
  return Array.isArray(pools)
    ? pools.map((p, i) => ({
        id: typeof p?.id === 'string' ? p.id : '',
        name: typeof p?.name === 'string' && p.name.trim() !== '' ? p.name : `Pool ${i + 1}`,
      }))
    : [];
}

/** Labels of the optional mechanisms' inputs, exactly as the editor shows them. */
export const LABELS = {
  costPerSellingHour: 'Loaded cost per selling hour',
  specialists: 'Specialist pools',
  pool: {
    name: 'Name',
    hoursPerWeek: 'Hours per week (whole team)',
    costPerHour: 'Loaded cost per hour',
  },
  specialistNeed: 'Specialist hours per selling hour',
  prospecting: {
    hoursPerOpportunity: 'Prospecting: hours per new opportunity',
    lagWeeks: 'Prospecting: weeks until it arrives',
  },
  strategyProspecting: 'Prospect with spare hours',
  strategyProspectingPursue: 'Prospects',
  strategyProspectingWhen: 'When',
} as const;

function nameAt(list: unknown, i: number, fallback: string): string {
  const item = Array.isArray(list) ? (list[i] as { name?: unknown } | undefined) : undefined;
  return typeof item?.name === 'string' && item.name.trim() !== '' ? item.name : fallback;
}

/**
 * The field a path names, in the words of its label in the editor ("Enterprise: Prospecting:
 * hours per new opportunity"), for the new mechanisms' fields (docs/model.md §12–§14); undefined
 * for other paths, which the problem summary shows as before.
 */
export function fieldLabel(path: string, draft: Scenario): string | undefined {
  if (path === 'team.costPerSellingHour') return `Team: ${LABELS.costPerSellingHour}`;
  if (path === 'team.specialists') return LABELS.specialists;
  let m = /^team\.specialists\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (m) {
    const i = Number(m[1]);
    const pool = `${LABELS.specialists}, ${nameAt(draft.team?.specialists, i, `pool ${i + 1}`)}`;
    const field = m[2];
    if (field === undefined) return pool;
    if (field === 'id') return `${pool}: its id`;
    const label = LABELS.pool[field as keyof typeof LABELS.pool];
    return label ? `${pool}: ${label}` : undefined;
  }
  m = /^segments\[(\d+)\]\.(specialistHoursPerSellingHour|prospecting)(?:\.(.+))?$/.exec(path);
  if (m) {
    const i = Number(m[1]);
    const segment = nameAt(draft.segments, i, `Segment ${i + 1}`);
    const key = m[3];
    if (m[2] === 'specialistHoursPerSellingHour') {
      if (key === undefined) return `${segment}: ${LABELS.specialistNeed}`;
      const pool = poolsOf(draft).find((p) => p.id === key);
      return `${segment}: ${LABELS.specialistNeed} (${pool ? pool.name : `unknown pool "${key}"`})`;
    }
    if (key === undefined) return `${segment}: prospecting`;
    const label = LABELS.prospecting[key as keyof typeof LABELS.prospecting];
    return label ? `${segment}: ${label}` : undefined;
  }
  m = /^strategies\[(\d+)\]\.prospecting(?:\.(\w+))?/.exec(path);
  if (m) {
    const i = Number(m[1]);
    const strategy = nameAt(draft.strategies, i, `Strategy ${i + 1}`);
    const what = `${strategy}: ${LABELS.strategyProspecting}`;
    if (m[2] === 'pursue') return `${what}, which segments`;
    if (m[2] === 'when') return `${what}, when`;
    return what;
  }
  return undefined;
}

/**
 * Validation messages about the new mechanisms that name other scenario paths, said with the
 * editor's labels instead (the message beside a field and in the summary both read this way).
 */
export function plainErrors(
  errors: readonly ValidationError[],
  draft: Scenario,
): ValidationError[] {
  return errors.map((e) => {
    let message = e.message;
    const noProspecting =
      /^takes segment "([^"]*)", which has no prospecting settings \(segments\[(\d+)\]\.prospecting\)$/.exec(
        message,
      );
    if (noProspecting) {
      const i = Number(noProspecting[2]);
      const segment = nameAt(draft.segments, i, noProspecting[1] ?? `Segment ${i + 1}`);
      message = `takes segment "${segment}", which cannot be prospected: fill in its "${LABELS.prospecting.hoursPerOpportunity}" and "${LABELS.prospecting.lagWeeks}" under Segments`;
    } else if (/^is "during-push" but the strategy has no quarterEndPush$/.test(message)) {
      message =
        'is "only when behind plan", but the strategy has no quarter-end push: turn on "Quarter-end push when behind", or prospect every week';
    } else if (/: add it to team\.specialists$/.test(message)) {
      message = message.replace(
        /: add it to team\.specialists$/,
        ': add it under Team, Specialist pools',
      );
    }
    return message === e.message ? e : { ...e, message };
  });
}
