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
  for (const f of DYNAMICS_FIELDS) paths.add(`dynamics.${f}`);
  const segments = Array.isArray(draft.segments) ? draft.segments : [];
  segments.forEach((_, i) => {
    for (const f of SEGMENT_FIELDS) paths.add(`segments[${i}].${f}`);
  });
  const strategies = Array.isArray(draft.strategies) ? draft.strategies : [];
  strategies.forEach((strategy, i) => {
    for (const f of STRATEGY_FIELDS) paths.add(`strategies[${i}].${f}`);
    if (strategy?.quarterEndPush) {
      for (const f of PUSH_FIELDS) paths.add(`strategies[${i}].quarterEndPush.${f}`);
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
