/**
 * Field paths: the same strings validateScenario uses (`segments[1].dealSize.p90`), so that an
 * error lands beside the input that can fix it, and the labels that name them in messages. The
 * numeric fields and their labels come from the parameter catalogue (packages/scenario,
 * parameters.ts). Pure TS, no React.
 */
import {
  fullLabel,
  listItemName,
  PARAMETERS,
  type ParamLabel,
  type ParamSpec,
  paramLabel,
  type Scenario,
  type ValidationError,
} from '@sweetspot/scenario';

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

const numeric = (group: Record<string, ParamSpec>) => Object.keys(group);

// The editor's numeric fields are the parameter catalogue's (packages/scenario, parameters.ts).
export const SCENARIO_FIELDS = ['name', 'currency', ...numeric(PARAMETERS.run)] as const;
export const HORIZON_FIELDS = numeric(PARAMETERS.horizon);
/** The precision a run stops at (docs/model.md §17), shown when the draft has one. */
export const PRECISION_FIELDS = numeric(PARAMETERS.precision);
/** Team fields, the optional cost per selling hour (docs/model.md §13) included. */
export const TEAM_FIELDS = numeric(PARAMETERS.team);
/** Fields of a specialist pool (docs/model.md §12); its id is made by the editor. */
export const POOL_FIELDS = ['name', ...numeric(PARAMETERS.pool)] as const;
/** A segment's prospecting settings (docs/model.md §14). */
export const SEGMENT_PROSPECTING_FIELDS = numeric(PARAMETERS.prospecting);
/** A strategy's prospecting (docs/model.md §14), shown while it prospects. */
export const STRATEGY_PROSPECTING_FIELDS = ['pursue', 'when'] as const;
export const DYNAMICS_FIELDS = numeric(PARAMETERS.dynamics);
/**
 * Segment fields with an input, as paths relative to the segment: a quantile pair has two.
 * Specialist needs are one per pool (editorFieldPaths).
 */
export const SEGMENT_FIELDS = [
  'name',
  'sweetSpot',
  ...Object.entries(PARAMETERS.segment as Record<string, ParamSpec>)
    .filter(([f]) => f !== 'specialistHoursPerSellingHour')
    .flatMap(([f, spec]) => (spec.quantiles ? [`${f}.median`, `${f}.p90`] : [f])),
];
export const STRATEGY_FIELDS = ['name', 'pursue', 'priority'] as const;
export const PUSH_FIELDS = ['pursue', ...numeric(PARAMETERS.push)];

/** Every path the editor shows an input for, for this draft. */
export function editorFieldPaths(draft: Scenario): Set<string> {
  const paths = new Set<string>();
  for (const f of SCENARIO_FIELDS) paths.add(f);
  paths.add('precision');
  if (draft.precision) for (const f of PRECISION_FIELDS) paths.add(`precision.${f}`);
  for (const f of HORIZON_FIELDS) paths.add(`horizon.${f}`);
  for (const f of TEAM_FIELDS) paths.add(`team.${f}`);
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
 * Messages are kept as given: plainErrors has already named the part they are about.
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
    messages.push(error.message);
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

/** Labels of inputs that are not numbers, and of the optional mechanisms, as the editor shows them. */
export const LABELS = {
  costPerSellingHour: PARAMETERS.team.costPerSellingHour.label,
  specialists: 'Specialist pools',
  pool: {
    name: 'Name',
    hoursPerWeek: PARAMETERS.pool.hoursPerWeek.label,
    costPerHour: PARAMETERS.pool.costPerHour.label,
  },
  specialistNeed: PARAMETERS.segment.specialistHoursPerSellingHour.label,
  prospecting: {
    hoursPerOpportunity: PARAMETERS.prospecting.hoursPerOpportunity.label,
    lagWeeks: PARAMETERS.prospecting.lagWeeks.label,
  },
  strategyProspecting: 'Prospect with spare hours',
  strategyProspectingPursue: 'Prospects',
  strategyProspectingWhen: 'When',
  pursue: 'Pursues',
  pushPursue: 'Then pursues',
  push: 'Quarter-end push when behind',
  compare: ['Strategy A', 'Strategy B'],
} as const;

/** Labels of the scenario's parts and of its fields that are not catalogued numbers. */
const TOP: Record<string, string> = {
  name: 'Scenario name',
  currency: 'Currency',
  version: 'Scenario version',
  horizon: 'Horizon',
  team: 'Team',
  dynamics: 'Dynamics',
  segments: 'Segments',
  strategies: 'Strategies',
  compare: 'Compared strategies',
  provenance: 'Where the numbers come from',
};
const SEGMENT_PARTS: Record<string, string> = {
  name: 'Name',
  id: 'Id',
  sweetSpot: 'Sweet spot',
  prospecting: 'Prospecting',
  specialistHoursPerSellingHour: LABELS.specialistNeed,
};
const STRATEGY_PARTS: Record<string, string> = {
  name: 'Name',
  id: 'Id',
  pursue: LABELS.pursue,
  priority: 'Priority',
  quarterEndPush: LABELS.push,
  prospecting: LABELS.strategyProspecting,
};

/** The label of a path the editor names directly (not a deeper part of one), or undefined. */
function ownLabel(path: string, draft: Scenario): ParamLabel | undefined {
  const param = paramLabel(path, draft);
  if (param) return param;
  const top = TOP[path];
  if (top) return { context: undefined, label: top };
  let m = /^compare\[([01])\]$/.exec(path);
  if (m) return { context: undefined, label: LABELS.compare[Number(m[1]) as 0 | 1] };
  if (path === 'team.specialists') return { context: 'Team', label: LABELS.specialists };
  m = /^team\.specialists\[(\d+)\](?:\.(name|id))?$/.exec(path);
  if (m) {
    const i = Number(m[1]);
    const pool = poolsOf(draft)[i]?.name ?? `pool ${i + 1}`;
    if (m[2] === undefined) return { context: LABELS.specialists, label: pool };
    const context = `${LABELS.specialists}, ${pool}`;
    return { context, label: m[2] === 'id' ? 'Its id' : LABELS.pool.name };
  }
  m = /^segments\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (m) {
    const segment = listItemName('Segment', draft.segments, Number(m[1]));
    if (m[2] === undefined) return { context: undefined, label: segment };
    const part = SEGMENT_PARTS[m[2]];
    return part ? { context: segment, label: part } : undefined;
  }
  m = /^strategies\[(\d+)\](?:\.(\w+)(?:\.(pursue|when))?)?$/.exec(path);
  if (m) {
    const strategy = listItemName('Strategy', draft.strategies, Number(m[1]));
    if (m[2] === undefined) return { context: undefined, label: strategy };
    if (m[2] === 'quarterEndPush' && m[3] === 'pursue')
      return { context: `${strategy}, quarter-end push`, label: LABELS.pushPursue };
    if (m[2] === 'prospecting' && m[3] !== undefined)
      return {
        context: strategy,
        label: m[3] === 'pursue' ? 'Segments to prospect' : 'Prospect when',
      };
    const part = m[3] === undefined ? STRATEGY_PARTS[m[2]] : undefined;
    return part ? { context: strategy, label: part } : undefined;
  }
  return undefined;
}

/** The last step of a path in words: `[1]` → "item 2", `.colour` → "\"colour\"". */
function stepWords(step: string): string {
  const index = /^\[(\d+)\]$/.exec(step);
  if (index) return `item ${Number(index[1]) + 1}`;
  const quoted = /^\[("(?:[^"\\]|\\.)*")\]$/.exec(step);
  const key = quoted ? (JSON.parse(quoted[1] as string) as string) : step.replace(/^\./, '');
  return `"${key}"`;
}

/**
 * Names the field a path points at in the words of the editor ("Segment 2 (Out of profile)" /
 * "Win rate"). A path deeper than any named field (an unknown key, an entry of a list) is named
 * from its nearest named ancestor: "Team" / "\"colour\"", "Strategy 1 (Focus)" / "Pursues, item 2".
 * Undefined only for the scenario as a whole.
 */
export function fieldName(path: string, draft: Scenario): ParamLabel | undefined {
  if (path === '') return undefined;
  const steps: string[] = [];
  let at = path;
  while (at !== '') {
    const own = ownLabel(at, draft);
    if (own) {
      if (steps.length === 0) return own;
      const rest = steps.map(stepWords).join(', ');
      // An unknown key of a part ("Team" / "colour") is a field of it; an entry adds to a label.
      return own.context === undefined && steps.every((s) => !s.startsWith('['))
        ? { context: own.label, label: rest }
        : { context: own.context, label: `${own.label}, ${rest}` };
    }
    const parent = parentPath(at);
    steps.unshift(at.slice(parent.length));
    at = parent;
  }
  return { context: undefined, label: steps.map(stepWords).join(', ') };
}

/** The field a path names, in full: "Segment 2 (Out of profile): Win rate"; "Scenario" for ''. */
export function fieldLabel(path: string, draft: Scenario): string {
  const name = fieldName(path, draft);
  return name ? fullLabel(name) : 'Scenario';
}

/**
 * Validation messages in the editor's words: each starts with the label of its field ("Win rate
 * must be at most 100%"), so that it reads alone beside the field; the summary adds where the
 * field is (ErrorSummary). Messages that name other scenario paths say them with labels instead.
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
      message = `include segment "${segment}", which cannot be prospected: fill in its "${LABELS.prospecting.hoursPerOpportunity}" and "${LABELS.prospecting.lagWeeks}" under Segments`;
    } else if (/^is "during-push" but the strategy has no quarterEndPush$/.test(message)) {
      message =
        'is "only when behind plan", but the strategy has no quarter-end push: turn on "Quarter-end push when behind", or prospect every week';
    } else if (/: add it to team\.specialists$/.test(message)) {
      message = message.replace(
        /: add it to team\.specialists$/,
        ': add it under Team, Specialist pools',
      );
    } else if (message.startsWith('must differ from compare[0]:')) {
      message = message.replace('compare[0]', LABELS.compare[0]);
    }
    const name = fieldName(e.path, draft);
    return { ...e, message: `${name ? name.label : 'Scenario'} ${message}` };
  });
}

function nameAt(list: unknown, i: number, fallback: string): string {
  const item = Array.isArray(list) ? (list[i] as { name?: unknown } | undefined) : undefined;
  return typeof item?.name === 'string' && item.name.trim() !== '' ? item.name : fallback;
}
