/**
 * Reading and writing one numeric input of a scenario by its path, in the syntax of validation
 * messages (`segments[1].winRate`, `team.sellingHoursPerWeek`). A segment or strategy may also be
 * named by id (`segments[out].winRate`). A quantity given by quantiles (`segments[0].dealSize`)
 * is one input: its value is the median, and setting it scales median and p90 together (the
 * spread, p90 / median, is kept). `…dealSize.median` and `…dealSize.p90` address one quantile.
 */
import { PARAMETERS, type ParamSpec, type ParamUnit, type Scenario } from '@sweetspot/scenario';

/** Valid values of an input (the scenario format's range) and how to show it. */
export interface ParamRule {
  /** Inclusive lower bound, or exclusive when `above` is set. */
  min: number;
  max: number;
  /** The lower bound is exclusive (value > min). */
  above?: boolean;
  /** Whole numbers only. */
  int?: boolean;
  /** What the number is: for display and default break-even ranges. */
  unit: 'share' | 'money' | 'weeks' | 'hours' | 'count' | 'rate' | 'multiplier';
  label: string;
}

/**
 * The decision tools' display unit for each catalogue unit. Correlations are shown as shares,
 * as the tools have always shown them.
 */
const DISPLAY_UNIT: Record<ParamUnit, ParamRule['unit']> = {
  percent: 'share',
  correlation: 'share',
  money: 'money',
  hours: 'hours',
  'hours-per-week': 'hours',
  weeks: 'weeks',
  week: 'weeks',
  count: 'count',
  rate: 'rate',
  multiplier: 'multiplier',
};

/** A parameter rule from the catalogue (packages/scenario, parameters.ts): bounds, unit, name. */
function paramRule(spec: ParamSpec, label: string = spec.name): ParamRule {
  const bounds = spec.bounds;
  const above = bounds.above !== undefined;
  return {
    min: above ? (bounds.above as number) : (bounds.min ?? Number.NEGATIVE_INFINITY),
    max: bounds.max ?? Number.POSITIVE_INFINITY,
    ...(above ? { above: true } : {}),
    ...(bounds.int ? { int: true } : {}),
    unit: DISPLAY_UNIT[spec.unit],
    label,
  };
}

/** The rules of a catalogue group, by field, in catalogue order. */
function rulesOf(
  group: Record<string, ParamSpec>,
  except: string[] = [],
): Record<string, ParamRule> {
  return Object.fromEntries(
    Object.entries(group)
      .filter(([field]) => !except.includes(field))
      .map(([field, spec]) => [field, paramRule(spec)]),
  );
}

const S = PARAMETERS.segment;
/** A segment's own numbers; its specialist needs are one input per pool, resolved below. */
const SEGMENT_RULES = rulesOf(S, ['specialistHoursPerSellingHour']);

/** The numbers every segment has, in the catalogue's order: the tornado always varies them. */
const REQUIRED_SEGMENT_FIELDS = Object.entries(S as Record<string, ParamSpec>)
  .filter(([, spec]) => !spec.optional)
  .map(([field]) => field);

/** Inputs one level down in a segment: `segments[i].prospecting.hoursPerOpportunity`. */
const PROSPECTING_RULES = rulesOf(PARAMETERS.prospecting);

const QUANTILE_FIELDS = new Set(
  Object.entries(S as Record<string, ParamSpec>)
    .filter(([, spec]) => spec.quantiles)
    .map(([field]) => field),
);

const TEAM_RULES = rulesOf(PARAMETERS.team);

/** Inputs of a specialist pool: `team.specialists[i].hoursPerWeek`. */
const POOL_RULES = rulesOf(PARAMETERS.pool);

const DYNAMICS_RULES = rulesOf(PARAMETERS.dynamics);

const PUSH_RULES = rulesOf(PARAMETERS.push);

/** A path resolved against a scenario. */
export interface ResolvedParam {
  /** Canonical path, with numeric indices: `segments[1].winRate`. */
  path: string;
  /** Human label: `Out of profile: win rate`, `Team: reps`. */
  label: string;
  rule: ParamRule;
  /** Current value (the median for a quantile pair). */
  value: number;
  /** Which part of the scenario the input belongs to. */
  group: 'segment' | 'team' | 'dynamics' | 'strategy';
  /** The segment index, for segment inputs. */
  segment?: number;
  /** The path names a whole quantile pair: setting it scales median and p90 together. */
  quantilePair: boolean;
}

type Token = string | number;

/** Splits `segments[1].dealSize.p90` into ['segments', 1, 'dealSize', 'p90']. */
export function parsePath(path: string): Token[] {
  const tokens: Token[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]+)\]|(\.)/gy;
  let last = 0;
  let expectName = true;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    last = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectName) throw new RangeError(`bad parameter path "${path}": expected "." or "["`);
      tokens.push(m[1]);
      expectName = false;
    } else if (m[2] !== undefined) {
      if (expectName) throw new RangeError(`bad parameter path "${path}": "[" must follow a name`);
      const inner = m[2].trim();
      tokens.push(/^\d+$/.test(inner) ? Number(inner) : inner);
    } else {
      if (expectName) throw new RangeError(`bad parameter path "${path}": unexpected "."`);
      expectName = true;
    }
  }
  if (last !== path.length || path.length === 0 || expectName) {
    throw new RangeError(
      `bad parameter path "${path}": write it like segments[1].winRate or team.sellingHoursPerWeek`,
    );
  }
  return tokens;
}

function indexIn(list: Array<{ id: string }>, key: Token, what: string, path: string): number {
  if (typeof key === 'number') {
    if (key < list.length) return key;
    throw new RangeError(
      `parameter path "${path}": there is no ${what}[${key}] (the scenario has ${list.length})`,
    );
  }
  const i = list.findIndex((item) => item.id === key);
  if (i < 0) {
    throw new RangeError(
      `parameter path "${path}": no ${what} has id "${key}" (ids: ${list.map((s) => s.id).join(', ')})`,
    );
  }
  return i;
}

function known(rules: Record<string, ParamRule>, prefix: string): string {
  return Object.keys(rules)
    .map((k) => `${prefix}${k}`)
    .join(', ');
}

/**
 * Resolves a parameter path against a scenario, or throws a RangeError saying what is wrong
 * (unknown field, index out of range, optional field absent).
 */
export function resolveParam(scenario: Scenario, path: string): ResolvedParam {
  const t = parsePath(path);
  const [head, key, field, sub, ...rest] = t;
  const bad = (why: string): never => {
    throw new RangeError(`parameter path "${path}": ${why}`);
  };
  if (head === 'segments') {
    if (key === undefined || typeof field !== 'string') bad('write segments[i].field');
    const i = indexIn(scenario.segments, key as Token, 'segment', path);
    const segment = scenario.segments[i];
    if (segment && (field === 'prospecting' || field === 'specialistHoursPerSellingHour')) {
      if (typeof sub !== 'string' || rest.length > 0) bad(`write segments[i].${field}.field`);
      const name = sub as string;
      let value: number | undefined;
      let r: ParamRule | undefined;
      let label: string;
      if (field === 'prospecting') {
        r = PROSPECTING_RULES[name];
        if (!r) bad(`unknown prospecting field "${name}" (known: ${known(PROSPECTING_RULES, '')})`);
        if (!segment.prospecting) bad(`segment "${segment.id}" has no prospecting settings`);
        value = segment.prospecting?.[name as 'lagWeeks'];
        label = `${segment.name}: ${(r as ParamRule).label}`;
      } else {
        const pool = (scenario.team.specialists ?? []).find((p) => p.id === name);
        value = segment.specialistHoursPerSellingHour?.[name];
        if (value === undefined) bad(`segment "${segment.id}" needs no hours of pool "${name}"`);
        const need = S.specialistHoursPerSellingHour;
        r = paramRule(need, `${pool?.name ?? name} ${need.name}`);
        label = `${segment.name}: ${r.label}`;
      }
      return {
        path: `segments[${i}].${field}.${name}`,
        label,
        rule: r as ParamRule,
        value: value as number,
        group: 'segment',
        segment: i,
        quantilePair: false,
      };
    }
    const rule = SEGMENT_RULES[field as string];
    if (!segment || !rule) {
      return bad(`unknown segment field "${String(field)}" (known: ${known(SEGMENT_RULES, '')})`);
    }
    const name = field as string;
    const canonical = `segments[${i}].${name}`;
    const label = `${segment.name}: ${rule.label}`;
    if (QUANTILE_FIELDS.has(name)) {
      const q = segment[name as 'dealSize'];
      if (rest.length > 0 || (sub !== undefined && sub !== 'median' && sub !== 'p90')) {
        bad(`${name} has two parts, median and p90`);
      }
      if (sub === undefined) {
        return {
          path: canonical,
          label,
          rule,
          value: q.median,
          group: 'segment',
          segment: i,
          quantilePair: true,
        };
      }
      return {
        path: `${canonical}.${sub}`,
        label: `${label} (${sub})`,
        rule,
        value: q[sub as 'median' | 'p90'],
        group: 'segment',
        segment: i,
        quantilePair: false,
      };
    }
    if (sub !== undefined) bad(`${name} is a number, not an object`);
    const value = segment[name as keyof typeof segment];
    if (typeof value !== 'number') {
      return bad(`segment "${segment.id}" has no ${name} (it is optional and not set)`);
    }
    return {
      path: canonical,
      label,
      rule,
      value,
      group: 'segment',
      segment: i,
      quantilePair: false,
    };
  }
  if (head === 'team' && key === 'specialists') {
    if (field === undefined || typeof sub !== 'string' || rest.length > 0)
      bad('write team.specialists[i].field');
    const pools = scenario.team.specialists ?? [];
    const i = indexIn(pools, field as Token, 'specialist pool', path);
    const pool = pools[i];
    const r = POOL_RULES[sub as string];
    if (!pool || !r)
      return bad(`unknown pool field "${String(sub)}" (known: ${known(POOL_RULES, '')})`);
    const value = pool[sub as 'hoursPerWeek' | 'costPerHour'];
    if (value === undefined)
      return bad(`pool "${pool.id}" has no ${String(sub)} (it is optional and not set)`);
    return {
      path: `team.specialists[${i}].${sub as string}`,
      label: `${pool.name}: ${r.label}`,
      rule: r,
      value,
      group: 'team',
      quantilePair: false,
    };
  }
  if (head === 'team' || head === 'dynamics') {
    const rules = head === 'team' ? TEAM_RULES : DYNAMICS_RULES;
    if (typeof key !== 'string' || field !== undefined) bad(`write ${head}.field`);
    const rule = rules[key as string];
    if (!rule) return bad(`unknown ${head} field "${String(key)}" (known: ${known(rules, '')})`);
    const obj = scenario[head] as unknown as Record<string, number>;
    const value = obj[key as string];
    if (typeof value !== 'number') return bad(`${head}.${String(key)} is optional and not set`);
    return {
      path: `${head}.${key as string}`,
      label: `${head === 'team' ? 'Team' : 'Dynamics'}: ${rule.label}`,
      rule,
      value,
      group: head,
      quantilePair: false,
    };
  }
  if (head === 'strategies') {
    if (key === undefined || field !== 'quarterEndPush' || typeof sub !== 'string' || rest.length)
      bad('write strategies[i].quarterEndPush.field');
    const i = indexIn(scenario.strategies, key as Token, 'strategy', path);
    const strategy = scenario.strategies[i];
    const rule = PUSH_RULES[sub as string];
    if (!strategy || !rule) {
      return bad(`unknown push field "${String(sub)}" (known: ${known(PUSH_RULES, '')})`);
    }
    const push = strategy.quarterEndPush;
    if (!push) return bad(`strategy "${strategy.id}" has no quarterEndPush`);
    const rule2 =
      sub === 'fromWeek'
        ? { ...rule, max: Math.min(rule.max, scenario.horizon.weeksPerQuarter) }
        : rule;
    return {
      path: `strategies[${i}].quarterEndPush.${sub as string}`,
      label: `${strategy.name}: ${rule.label}`,
      rule: rule2,
      value: push[sub as keyof typeof push] as number,
      group: 'strategy',
      quantilePair: false,
    };
  }
  return bad(
    'it must start with segments[i], team, team.specialists[i], dynamics or strategies[i].quarterEndPush',
  );
}

/** The current value of an input (the median of a quantile pair). */
export function getParam(scenario: Scenario, path: string): number {
  return resolveParam(scenario, path).value;
}

/** Clamps a value into an input's valid range and rounds whole-number inputs. */
export function clampParam(rule: ParamRule, value: number): number {
  let v = rule.int ? Math.round(value) : value;
  if (v > rule.max) v = rule.max;
  if (v < rule.min) v = rule.min;
  return v;
}

/** True when `value` is a valid value of an input. */
export function inRange(rule: ParamRule, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.int && !Number.isInteger(value)) return false;
  return (rule.above ? value > rule.min : value >= rule.min) && value <= rule.max;
}

/** A deep copy of a scenario (scenarios are plain JSON). */
export function cloneScenario(scenario: Scenario): Scenario {
  return JSON.parse(JSON.stringify(scenario)) as Scenario;
}

/**
 * A copy of `scenario` with one input set to `value` (the original is untouched). For a quantile
 * pair the median becomes `value` and p90 is scaled by the same factor. Throws a RangeError if
 * the path is unknown or the value outside the input's range; the caller still validates the
 * result with `validateScenario` (cross-field rules, e.g. p90 ≥ median after setting a median).
 */
export function setParam(scenario: Scenario, path: string, value: number): Scenario {
  const param = resolveParam(scenario, path);
  if (!inRange(param.rule, value)) {
    const { rule } = param;
    throw new RangeError(
      `${param.path} must be ${rule.int ? 'a whole number ' : ''}${rule.above ? 'greater than' : 'at least'} ${rule.min} and at most ${rule.max} (got ${value})`,
    );
  }
  const out = cloneScenario(scenario);
  const t = parsePath(param.path);
  if (param.quantilePair) {
    const seg = out.segments[param.segment as number];
    const q = seg?.[t[2] as 'dealSize'];
    if (q) {
      const factor = value / q.median;
      q.median = value;
      q.p90 = q.p90 === param.value ? value : q.p90 * factor;
      if (q.p90 < q.median) q.p90 = q.median; // rounding
    }
    return out;
  }
  let target: Record<string | number, unknown> = out as unknown as Record<string, unknown>;
  for (const token of t.slice(0, -1)) target = target[token] as Record<string | number, unknown>;
  target[t[t.length - 1] as string] = value;
  return out;
}

/** Every input the tornado varies by default, in scenario order (optional ones when set). */
export function defaultInputPaths(scenario: Scenario): string[] {
  const paths: string[] = [];
  scenario.segments.forEach((segment, i) => {
    for (const field of REQUIRED_SEGMENT_FIELDS) paths.push(`segments[${i}].${field}`);
    for (const field of ['sizeEffortCorrelation', 'sizeCycleCorrelation'] as const) {
      if (segment[field] !== undefined) paths.push(`segments[${i}].${field}`);
    }
    for (const pool of Object.keys(segment.specialistHoursPerSellingHour ?? {})) {
      paths.push(`segments[${i}].specialistHoursPerSellingHour.${pool}`);
    }
    if (segment.prospecting) {
      for (const field of Object.keys(PROSPECTING_RULES)) {
        paths.push(`segments[${i}].prospecting.${field}`);
      }
    }
  });
  for (const field of Object.keys(TEAM_RULES)) {
    if (scenario.team[field as keyof Scenario['team']] !== undefined) paths.push(`team.${field}`);
  }
  (scenario.team.specialists ?? []).forEach((pool, i) => {
    for (const field of Object.keys(POOL_RULES)) {
      if (pool[field as 'hoursPerWeek' | 'costPerHour'] !== undefined) {
        paths.push(`team.specialists[${i}].${field}`);
      }
    }
  });
  for (const field of Object.keys(DYNAMICS_RULES)) paths.push(`dynamics.${field}`);
  return paths;
}
