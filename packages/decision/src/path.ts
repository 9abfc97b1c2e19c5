/**
 * Reading and writing one numeric input of a scenario by its path, in the syntax of validation
 * messages (`segments[1].winRate`, `team.sellingHoursPerWeek`). A segment or strategy may also be
 * named by id (`segments[out].winRate`). A quantity given by quantiles (`segments[0].dealSize`)
 * is one input: its value is the median, and setting it scales median and p90 together (the
 * spread, p90 / median, is kept). `…dealSize.median` and `…dealSize.p90` address one quantile.
 */
import type { Scenario } from '@sweetspot/scenario';

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

const SEGMENT_RULES: Record<string, ParamRule> = {
  opportunitiesPerRepPerWeek: { min: 0, max: 100, unit: 'rate', label: 'arrivals per rep-week' },
  winRate: { min: 0, max: 1, unit: 'share', label: 'win rate' },
  winRateUncertainty: { min: 0, max: 1e9, above: true, unit: 'count', label: 'win-rate evidence' },
  dealSize: { min: 0, max: 1e12, above: true, unit: 'money', label: 'deal size' },
  salesCycleWeeks: { min: 0, max: 520, above: true, unit: 'weeks', label: 'sales cycle' },
  effortHours: { min: 0, max: 10_000, above: true, unit: 'hours', label: 'effort per deal' },
  discount: { min: 0, max: 0.95, unit: 'share', label: 'discount' },
  costToServe: { min: 0, max: 1, unit: 'share', label: 'cost to serve' },
  annualChurn: { min: 0, max: 1, unit: 'share', label: 'annual churn' },
  qualificationHours: { min: 0, max: 200, unit: 'hours', label: 'qualification hours' },
};

const QUANTILE_FIELDS = new Set(['dealSize', 'salesCycleWeeks', 'effortHours']);

const TEAM_RULES: Record<string, ParamRule> = {
  reps: { min: 1, max: 1000, int: true, unit: 'count', label: 'reps' },
  sellingHoursPerWeek: { min: 0, max: 168, unit: 'hours', label: 'selling hours per week' },
  quotaPerRepPerQuarter: {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    above: true,
    unit: 'money',
    label: 'quota per rep',
  },
  overheadHoursPerActiveDeal: {
    min: 0,
    max: 40,
    unit: 'hours',
    label: 'overhead hours per open deal',
  },
};

const DYNAMICS_RULES: Record<string, ParamRule> = {
  delayPenaltyPerWeek: { min: 0, max: 1, unit: 'share', label: 'delay penalty per week' },
  stallWeeks: { min: 1, max: 52, int: true, unit: 'weeks', label: 'stall weeks' },
};

const PUSH_RULES: Record<string, ParamRule> = {
  fromWeek: { min: 1, max: 52, int: true, unit: 'weeks', label: 'push from week' },
  belowAttainment: { min: 0, max: 10, unit: 'share', label: 'push below attainment' },
  pullInWeeks: { min: 0, max: 52, int: true, unit: 'weeks', label: 'pull-in weeks' },
  extraDiscount: { min: 0, max: 0.95, unit: 'share', label: 'pull-in extra discount' },
  pullInWinFactor: { min: 0, max: 1, unit: 'share', label: 'pull-in win factor' },
  overtime: { min: 1, max: 3, unit: 'multiplier', label: 'push overtime' },
};

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
  if (head === 'team' || head === 'dynamics') {
    const rules = head === 'team' ? TEAM_RULES : DYNAMICS_RULES;
    if (typeof key !== 'string' || field !== undefined) bad(`write ${head}.field`);
    const rule = rules[key as string];
    if (!rule) return bad(`unknown ${head} field "${String(key)}" (known: ${known(rules, '')})`);
    const obj = scenario[head] as unknown as Record<string, number>;
    return {
      path: `${head}.${key as string}`,
      label: `${head === 'team' ? 'Team' : 'Dynamics'}: ${rule.label}`,
      rule,
      value: obj[key as string] as number,
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
  return bad('it must start with segments[i], team, dynamics or strategies[i].quarterEndPush');
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

/** Every input the tornado varies by default, in scenario order. */
export function defaultInputPaths(scenario: Scenario): string[] {
  const paths: string[] = [];
  scenario.segments.forEach((_, i) => {
    for (const field of [
      'opportunitiesPerRepPerWeek',
      'winRate',
      'dealSize',
      'salesCycleWeeks',
      'effortHours',
      'discount',
      'costToServe',
      'annualChurn',
      'qualificationHours',
    ]) {
      paths.push(`segments[${i}].${field}`);
    }
  });
  for (const field of Object.keys(TEAM_RULES)) paths.push(`team.${field}`);
  for (const field of Object.keys(DYNAMICS_RULES)) paths.push(`dynamics.${field}`);
  return paths;
}
