/**
 * Parameters in words: values in their units ($1,000,000, 100%, 15 hours a week), validation
 * messages about a parameter, and the label that names a parameter of a given scenario ("Segment 2
 * (Out of profile): Win rate"). The one source of those words for the schema, the web editor and
 * the CLI.
 */
import { type NumberRule, type ParamSpec, type ParamUnit, paramAt } from './parameters.ts';

/** How a unit is typed and shown: percentages are stored 0–1 and typed 0–100. */
export function unitScale(unit: ParamUnit): number {
  return unit === 'percent' ? 100 : 1;
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

/** A number with grouping and without float noise: 1000000 → "1,000,000", 0.30000000000000004 → "0.3". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Beyond 2^53 the digits are not exact anyway; scientific notation is honest there.
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return n.toExponential();
  return plain.format(Number(n.toPrecision(12)));
}

/** True when Intl knows `code` as a currency. */
function knownCurrency(code: string | undefined): code is string {
  if (code === undefined || !/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** An amount of money: "$1,000,000" with a known currency, else "1,000,000". */
export function formatMoney(n: number, currency?: string): string {
  if (!knownCurrency(currency) || Math.abs(n) > Number.MAX_SAFE_INTEGER) return formatNumber(n);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: Number.isInteger(n) ? 0 : 2,
  }).format(n);
}

const plural = (n: number, one: string, many: string) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;

/** A stored value in its unit, as a person reads it: 0.3 → "30%", 15 hours-per-week → "15 hours a week". */
export function formatValue(unit: ParamUnit, value: number, currency?: string): string {
  switch (unit) {
    case 'percent':
      return `${formatNumber(value * 100)}%`;
    case 'money':
      return formatMoney(value, currency);
    case 'hours':
      return plural(value, 'hour', 'hours');
    case 'hours-per-week':
      return `${plural(value, 'hour', 'hours')} a week`;
    case 'weeks':
      return plural(value, 'week', 'weeks');
    case 'week':
      return `week ${formatNumber(value)}`;
    case 'multiplier':
      return `${formatNumber(value)}×`;
    default:
      return formatNumber(value);
  }
}

/** Messages about one parameter's value, lower-case: the field's label goes in front. */
export interface ParamMessages {
  required: string;
  notNumber: string;
  notWhole: string;
  min: string;
  above: string;
  max: string;
}

/** The messages for a value outside `bounds`, in `unit` (money in `currency` when known). */
export function paramMessages(
  unit: ParamUnit,
  bounds: NumberRule,
  currency?: string,
): ParamMessages {
  const v = (n: number | undefined) => (n === undefined ? '' : formatValue(unit, n, currency));
  return {
    required: 'is required',
    notNumber: 'must be a number',
    notWhole: 'must be a whole number',
    min: `must be at least ${v(bounds.min)}`,
    above: `must be greater than ${v(bounds.above)}`,
    max: `must be at most ${v(bounds.max)}`,
  };
}

/** What a scenario-shaped value gives for naming things; any part may be missing or wrong. */
type Named = { name?: unknown; id?: unknown } | undefined;
interface ScenarioLike {
  segments?: unknown;
  strategies?: unknown;
  team?: { specialists?: unknown } | undefined;
}

function itemAt(list: unknown, i: number): Named {
  return Array.isArray(list) ? (list[i] as Named) : undefined;
}

function nameOf(item: Named): string | undefined {
  return typeof item?.name === 'string' && item.name.trim() !== '' ? item.name.trim() : undefined;
}

/** "Segment 2 (Out of profile)", or "Segment 2" without a name. */
export function listItemName(what: string, list: unknown, i: number): string {
  const name = nameOf(itemAt(list, i));
  return name ? `${what} ${i + 1} (${name})` : `${what} ${i + 1}`;
}

/** A pool's name by id, for a specialist need. */
function poolName(scenario: ScenarioLike | undefined, id: string): string {
  const pools = scenario?.team?.specialists;
  const pool = Array.isArray(pools) ? (pools as Named[]).find((p) => p?.id === id) : undefined;
  return nameOf(pool) ?? `unknown pool "${id}"`;
}

/** A parameter's label with where it is: the part before the label, and the label itself. */
export interface ParamLabel {
  /** "Segment 2 (Out of profile)", "Team", "Specialist pools, Legal": undefined at the top level. */
  context: string | undefined;
  /** The field's label, with the quantile part or pool when the path names one: "Deal size, P90". */
  label: string;
}

/** The part of a scenario a group's fields are shown in. */
function contextOf(
  group: string,
  index: number | undefined,
  scenario: ScenarioLike | undefined,
): string | undefined {
  const i = index ?? 0;
  switch (group) {
    case 'horizon':
      return 'Horizon';
    case 'team':
      return 'Team';
    case 'dynamics':
      return 'Dynamics';
    case 'segment':
    case 'prospecting':
      return listItemName('Segment', scenario?.segments, i);
    case 'pool':
      return `Specialist pools, ${nameOf(itemAt(scenario?.team?.specialists, i)) ?? `pool ${i + 1}`}`;
    case 'push':
      return `${listItemName('Strategy', scenario?.strategies, i)}, quarter-end push`;
    case 'start':
      return 'Start from today';
    case 'pipelineDeal':
      return `Open deal ${i + 1}`;
    case 'booked':
      return `Bookings so far, entry ${i + 1}`;
    default:
      return undefined;
  }
}

/**
 * Names the parameter at a concrete path in `scenario`'s words ("Segment 2 (Out of profile)" /
 * "Win rate"), or undefined when the path is not a catalogued parameter.
 */
export function paramLabel(path: string, scenario?: ScenarioLike): ParamLabel | undefined {
  const match = paramAt(path);
  if (!match) return undefined;
  const { param, part, pool } = match;
  let label = param.label;
  if (part) label = `${label}, ${part === 'p90' ? 'P90' : 'median'}`;
  if (pool !== undefined) label = `${label} (${poolName(scenario, pool)})`;
  return { context: contextOf(param.group, match.index, scenario), label };
}

/** "Segment 2 (Out of profile): Win rate", or "Trials" at the top level. */
export function fullLabel(l: ParamLabel): string {
  return l.context ? `${l.context}: ${l.label}` : l.label;
}

/** The spec of the parameter at a path, for callers that only need its unit or bounds. */
export function paramSpecAt(path: string): ParamSpec | undefined {
  return paramAt(path)?.param;
}

/** How a percentage is written in a scenario file, for messages read beside the JSON. */
export const PERCENT_IN_FILE = 'written as a fraction in the file: 100% is 1';
