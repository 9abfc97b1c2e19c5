import { budgetErrors } from './budget.ts';
import { PERCENT_IN_FILE, paramSpecAt } from './param-messages.ts';
import { pursueMask } from './rule-groups.ts';
import { scenarioSchemaFor } from './schema.ts';
import type { Pursue, Scenario, Start } from './types.ts';

/** One problem with a scenario: where (`segments[1].dealSize.p90`) and what, in a plain sentence. */
export interface ValidationError {
  path: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ValidationError[] };

/** Keys written bare in a path; any other key (empty, spaces, symbols) is quoted in brackets. */
const BARE_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a path array as `segments[1].dealSize.p90`. A key that is not a plain name is written
 * `["a b"]`, so that an unknown key "" or "a.b" still gets a path that says where it is.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && BARE_KEY.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * `path: message`, or just the message for the scenario as a whole: the form for readers of the
 * JSON (the CLI, share links). A bound in percent says how the file writes it (0.5 for 50%).
 */
export function formatError(error: ValidationError): string {
  if (error.path === '') return error.message;
  const inFile =
    paramSpecAt(error.path)?.unit === 'percent' && /\d%/.test(error.message)
      ? ` (${PERCENT_IN_FILE})`
      : '';
  return `${error.path}: ${error.message}${inFile}`;
}

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

function fromZodIssue(issue: ZodLikeIssue): ValidationError[] {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: 'is not a known field (check its spelling)',
    }));
  }
  // Unions report the first member's message; ours all carry the same custom text.
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/** Rules that need more than one field: ids unique and referenced ids present. */
function crossFieldErrors(s: Scenario): ValidationError[] {
  const errors: ValidationError[] = [];
  /** Adds `id` to `seen`, saying so when it was there already. */
  const unique = (seen: Set<string>, id: string, path: string, kind: string) => {
    if (seen.has(id)) errors.push({ path, message: `duplicates another ${kind} id ("${id}")` });
    seen.add(id);
  };
  const segmentIds = new Set<string>();
  for (const [i, seg] of s.segments.entries())
    unique(segmentIds, seg.id, `segments[${i}].id`, 'segment');
  const poolIds = new Set<string>();
  for (const [i, pool] of (s.team.specialists ?? []).entries())
    unique(poolIds, pool.id, `team.specialists[${i}].id`, 'pool');
  s.segments.forEach((seg, i) => {
    for (const id of Object.keys(seg.specialistHoursPerSellingHour ?? {})) {
      if (!poolIds.has(id))
        errors.push({
          path: formatPath(['segments', i, 'specialistHoursPerSellingHour', id]),
          message: `names an unknown specialist pool ("${id}"): add it to team.specialists`,
        });
    }
  });
  const hasSweetSpot = s.segments.some((seg) => seg.sweetSpot);
  const checkPursue = (p: Pursue, path: string) => {
    if (p === 'sweet-spot' && !hasSweetSpot)
      errors.push({ path, message: 'is "sweet-spot" but no segment is marked as the sweet spot' });
    if (Array.isArray(p)) {
      p.forEach((id, j) => {
        if (!segmentIds.has(id))
          errors.push({ path: `${path}[${j}]`, message: `names an unknown segment ("${id}")` });
      });
    }
  };
  const strategyIds = new Set<string>();
  s.strategies.forEach((st, i) => {
    unique(strategyIds, st.id, `strategies[${i}].id`, 'strategy');
    checkPursue(st.pursue, `strategies[${i}].pursue`);
    const push = st.quarterEndPush;
    const prospecting = st.prospecting;
    if (prospecting) {
      const path = `strategies[${i}].prospecting`;
      checkPursue(prospecting.pursue, `${path}.pursue`);
      const mask = pursueMask(prospecting.pursue, s);
      s.segments.forEach((seg, j) => {
        if (mask[j] === 1 && seg.prospecting === undefined)
          errors.push({
            path: `${path}.pursue`,
            message: `takes segment "${seg.id}", which has no prospecting settings (segments[${j}].prospecting)`,
          });
      });
      if (prospecting.when === 'during-push' && !push)
        errors.push({
          path: `${path}.when`,
          message: 'is "during-push" but the strategy has no quarterEndPush',
        });
    }
    if (push) {
      checkPursue(push.pursue, `strategies[${i}].quarterEndPush.pursue`);
      if (push.fromWeek > s.horizon.weeksPerQuarter)
        errors.push({
          path: `strategies[${i}].quarterEndPush.fromWeek`,
          message: `must be at most the weeks per quarter (${s.horizon.weeksPerQuarter})`,
        });
    }
  });
  if (s.start) errors.push(...startErrors(s, s.start, segmentIds));
  s.compare.forEach((id, i) => {
    if (!strategyIds.has(id))
      errors.push({ path: `compare[${i}]`, message: `names an unknown strategy ("${id}")` });
  });
  if (s.compare[0] === s.compare[1])
    errors.push({
      path: 'compare[1]',
      message: 'must differ from compare[0]: compare two different strategies',
    });
  return errors;
}

/** A start from today (docs/model.md §16) must fit the horizon, the team and the segments. */
function startErrors(s: Scenario, start: Start, segmentIds: Set<string>): ValidationError[] {
  const errors: ValidationError[] = [];
  if (s.horizon.warmupWeeks !== 0)
    errors.push({
      path: 'horizon.warmupWeeks',
      message: 'must be 0 when the scenario starts from a pipeline (start): there is no warm-up',
    });
  if (start.weekOfQuarter > s.horizon.weeksPerQuarter)
    errors.push({
      path: 'start.weekOfQuarter',
      message: `must be at most the weeks per quarter (${s.horizon.weeksPerQuarter})`,
    });
  let listed = 0;
  start.pipeline.forEach((deal, i) => {
    // One message per kind is enough for a pipeline of thousands.
    if (listed >= 20) return;
    if (!segmentIds.has(deal.segment)) {
      errors.push({
        path: `start.pipeline[${i}].segment`,
        message: `names an unknown segment ("${deal.segment}")`,
      });
      listed++;
    }
    if (deal.rep > s.team.reps) {
      errors.push({
        path: `start.pipeline[${i}].rep`,
        message: `is rep ${deal.rep}, but the team has ${s.team.reps}`,
      });
      listed++;
    }
  });
  const seen = new Set<number>();
  (start.booked ?? []).forEach((b, i) => {
    if (b.rep > s.team.reps)
      errors.push({
        path: `start.booked[${i}].rep`,
        message: `is rep ${b.rep}, but the team has ${s.team.reps}`,
      });
    if (seen.has(b.rep))
      errors.push({ path: `start.booked[${i}].rep`, message: `lists rep ${b.rep} twice` });
    seen.add(b.rep);
  });
  return errors;
}

/** Most problems listed; a file with thousands of unknown keys gets a readable answer. */
export const MAX_LISTED_ERRORS = 100;

function capErrors(errors: ValidationError[]): ValidationError[] {
  if (errors.length <= MAX_LISTED_ERRORS) return errors;
  const more = errors.length - MAX_LISTED_ERRORS;
  return [
    ...errors.slice(0, MAX_LISTED_ERRORS),
    { path: '', message: `has ${more} more problems, not listed: fix the ones above first` },
  ];
}

/**
 * Validates any JSON value as a scenario, filling defaults, and checks the run budget
 * (budget.ts). Never throws: every problem comes back as a path and a plain sentence.
 */
export function validateScenario(input: unknown): ValidationResult {
  let parsed: ReturnType<ReturnType<typeof scenarioSchemaFor>['safeParse']>;
  try {
    // Messages name amounts in the scenario's own currency when it has a valid one.
    const currency =
      typeof input === 'object' && input !== null
        ? (input as { currency?: unknown }).currency
        : undefined;
    parsed = scenarioSchemaFor(currency).safeParse(input);
  } catch (error) {
    // Defensive: exotic inputs (getters that throw, proxies) must not escape as exceptions.
    return {
      ok: false,
      errors: [{ path: '', message: `could not be read as a scenario (${String(error)})` }],
    };
  }
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => fromZodIssue(issue as ZodLikeIssue));
    return { ok: false, errors: capErrors(errors) };
  }
  const scenario = parsed.data as Scenario;
  const errors = crossFieldErrors(scenario);
  if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
  // The run budget only once every field is valid: its message quotes the fields' values.
  const budget = budgetErrors(scenario);
  return budget.length > 0 ? { ok: false, errors: budget } : { ok: true, scenario };
}

/** Parses scenario JSON text; syntax errors come back as a validation error, not an exception. */
export function parseScenarioJson(text: string): ValidationResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes the offending text, raw newlines and control characters included: keep the
    // message on one line, as `path: message` output (CLI, error lists) expects.
    const detail = (error instanceof Error ? error.message : String(error))
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the target.
      .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
      .trim();
    return { ok: false, errors: [{ path: '', message: `is not valid JSON: ${detail}` }] };
  }
  return validateScenario(value);
}
