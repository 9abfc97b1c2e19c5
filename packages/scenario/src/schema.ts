import { z } from 'zod';
import { formatValue, paramMessages } from './param-messages.ts';
import {
  BOUNDS,
  type NumberRule,
  PARAMETERS,
  type ParamSpec,
  type ParamUnit,
} from './parameters.ts';
import { PRIORITIES, PROSPECT_WHEN } from './types.ts';

// The bounds live in the parameter catalogue (parameters.ts); these names are kept for importers.
export { BOUNDS, type NumberRule };

/** Plain-sentence messages: the path is prefixed by formatIssues, so messages start lower-case. */
const typeMessage = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

function inBounds(n: number, rule: NumberRule): boolean {
  return (
    (rule.min === undefined || n >= rule.min) &&
    (rule.above === undefined || n > rule.above) &&
    (rule.max === undefined || n <= rule.max)
  );
}

const text = (max = 200) =>
  z
    .string({ error: typeMessage('a string') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });

const identifier = () =>
  // The empty string is left to text()'s "must not be empty", so it gets one message, not two.
  text(64).regex(/^(?:[A-Za-z0-9][A-Za-z0-9_-]*)?$/, {
    error: 'must start with a letter or digit and use only letters, digits, - and _',
  });

/** Most segments in a scenario (and so most ids a `pursue` list can name). */
export const MAX_SEGMENTS = 20;

/**
 * Smallest win rate above 0. With an uncertain rate the engine draws Beta(winRate·n, …): a
 * product winRate·n that underflows to 0 has no Beta distribution.
 */
export const MIN_WIN_RATE = 1e-9;

/** Largest p90 / median: wider spreads overflow the lognormal's tail into Infinity. */
export const MAX_SPREAD = 1000;

/** Most specialist pools in a team. */
export const MAX_SPECIALIST_POOLS = 8;

/** Most open deals a start can hold (a large team's pipeline; the world holds them every trial). */
export const MAX_PIPELINE_DEALS = 100_000;

const pursueRule = z.union(
  [
    z.literal('sweet-spot'),
    z.literal('all'),
    z
      .array(identifier(), { error: typeMessage('"sweet-spot", "all" or a list of segment ids') })
      .min(1, { error: 'must list at least one segment id' }),
  ],
  { error: 'must be "sweet-spot", "all" or a list of segment ids' },
);

// The length is checked before the union, for two reasons: a union reports an over-long list
// only with its generic message, and a list of a million ids should not be parsed id by id.
const pursue = z
  .unknown()
  .superRefine((value, ctx) => {
    if (Array.isArray(value) && value.length > MAX_SEGMENTS)
      ctx.addIssue({ code: 'custom', message: `must list at most ${MAX_SEGMENTS} segment ids` });
  })
  .pipe(pursueRule);

const priority = z.enum(PRIORITIES as [string, ...string[]], {
  error: `must be one of ${PRIORITIES.map((p) => `"${p}"`).join(', ')}`,
});

/**
 * The structural schema, its messages speaking money in `currency` (unknown: plain numbers).
 * Only messages depend on the currency: every schema accepts exactly the same scenarios.
 */
function buildScenarioSchema(currency: string | undefined) {
  const P = PARAMETERS;
  const words = (spec: { unit: ParamUnit; bounds: NumberRule }) =>
    paramMessages(spec.unit, spec.bounds, currency);

  /** A finite number in the catalogue's bounds, with the catalogue's messages. */
  function num(spec: ParamSpec) {
    const m = words(spec);
    const rule = spec.bounds;
    let schema = z.number({
      error: (issue) => (issue.input === undefined ? m.required : m.notNumber),
    });
    // Not z.int(): it also rejects whole numbers beyond 2^53, calling 2^60 "not a whole number".
    if (rule.int) schema = schema.refine((n) => Number.isInteger(n), { error: m.notWhole });
    if (rule.min !== undefined) schema = schema.min(rule.min, { error: m.min });
    if (rule.above !== undefined) schema = schema.gt(rule.above, { error: m.above });
    if (rule.max !== undefined) schema = schema.max(rule.max, { error: m.max });
    return schema;
  }

  const quantiles = (spec: ParamSpec) =>
    z
      .strictObject(
        { median: num(spec), p90: num(spec) },
        { error: typeMessage('an object with median and p90') },
      )
      .superRefine((q, ctx) => {
        // A median out of bounds has its own message; comparing p90 with it would add a second.
        if (!inBounds(q.median, spec.bounds)) return;
        const median = formatValue(spec.unit, q.median, currency);
        if (q.p90 < q.median) {
          ctx.addIssue({
            code: 'custom',
            path: ['p90'],
            message: `must be at least the median (${median})`,
          });
        } else if (q.median > 0 && q.p90 > MAX_SPREAD * q.median) {
          ctx.addIssue({
            code: 'custom',
            path: ['p90'],
            message: `must be at most ${MAX_SPREAD.toLocaleString('en-US')} times the median (${median})`,
          });
        }
      });

  const push = z.strictObject(
    {
      fromWeek: num(P.push.fromWeek),
      belowAttainment: num(P.push.belowAttainment),
      pursue,
      pullInWeeks: num(P.push.pullInWeeks),
      extraDiscount: num(P.push.extraDiscount),
      pullInWinFactor: num(P.push.pullInWinFactor),
      overtime: num(P.push.overtime),
    },
    { error: typeMessage('an object') },
  );

  const need = P.segment.specialistHoursPerSellingHour;
  const needWords = words(need);
  // Not z.record: it rebuilds the object (a "__proto__" key would vanish) and its key messages
  // are generic; each key is checked as an id and each value as a ratio here.
  const specialistNeeds = z
    .unknown()
    .superRefine((value, ctx) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an object of pool ids and hours, like {"presales": 0.5}',
        });
        return;
      }
      const keys = Object.keys(value);
      if (keys.length > MAX_SPECIALIST_POOLS) {
        ctx.addIssue({
          code: 'custom',
          message: `must name at most ${MAX_SPECIALIST_POOLS} pools`,
        });
        return;
      }
      for (const key of keys) {
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(key) || key.length > 64) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'must be a pool id: a letter or digit, then letters, digits, - and _',
          });
          continue;
        }
        const v = (value as Record<string, unknown>)[key];
        const problem =
          typeof v !== 'number' || !Number.isFinite(v)
            ? needWords.notNumber
            : v < need.bounds.min
              ? needWords.min
              : v > need.bounds.max
                ? needWords.max
                : undefined;
        if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    })
    .transform((value) => ({ ...(value as Record<string, number>) }));

  const prospecting = z.strictObject(
    {
      hoursPerOpportunity: num(P.prospecting.hoursPerOpportunity),
      lagWeeks: num(P.prospecting.lagWeeks),
    },
    { error: typeMessage('an object') },
  );

  const specialistPool = z.strictObject(
    {
      id: identifier(),
      name: text(),
      hoursPerWeek: num(P.pool.hoursPerWeek),
      costPerHour: num(P.pool.costPerHour).optional(),
    },
    { error: typeMessage('an object') },
  );

  const S = P.segment;
  const winRate = S.winRate;
  const segment = z.strictObject(
    {
      id: identifier(),
      name: text(),
      sweetSpot: z.boolean({ error: typeMessage('true or false') }),
      opportunitiesPerRepPerWeek: num(S.opportunitiesPerRepPerWeek),
      winRate: num(winRate).refine((p) => p <= 0 || p >= MIN_WIN_RATE, {
        error: `must be ${formatValue(winRate.unit, 0)} or at least ${formatValue(winRate.unit, MIN_WIN_RATE)} (one in a billion)`,
      }),
      winRateUncertainty: num(S.winRateUncertainty).optional(),
      dealSize: quantiles(S.dealSize),
      salesCycleWeeks: quantiles(S.salesCycleWeeks),
      effortHours: quantiles(S.effortHours),
      sizeEffortCorrelation: num(S.sizeEffortCorrelation).optional(),
      sizeCycleCorrelation: num(S.sizeCycleCorrelation).optional(),
      discount: num(S.discount),
      costToServe: num(S.costToServe),
      annualChurn: num(S.annualChurn),
      qualificationHours: num(S.qualificationHours),
      specialistHoursPerSellingHour: specialistNeeds.optional(),
      prospecting: prospecting.optional(),
    },
    { error: typeMessage('an object') },
  );

  const strategy = z.strictObject(
    {
      id: identifier(),
      name: text(),
      pursue,
      priority,
      quarterEndPush: push.optional(),
      prospecting: z
        .strictObject(
          {
            pursue,
            when: z.enum(PROSPECT_WHEN as [string, ...string[]], {
              error: `must be one of ${PROSPECT_WHEN.map((w) => `"${w}"`).join(', ')}`,
            }),
          },
          { error: typeMessage('an object') },
        )
        .optional(),
    },
    { error: typeMessage('an object') },
  );

  const D = P.pipelineDeal;
  const B = P.booked;
  const start = z.strictObject(
    {
      weekOfQuarter: num(P.start.weekOfQuarter),
      pipeline: z
        .array(
          z.strictObject(
            {
              segment: identifier(),
              rep: num(D.rep),
              ageWeeks: num(D.ageWeeks),
              amount: num(D.amount).optional(),
              winOdds: num(D.winOdds).optional(),
            },
            { error: typeMessage('an object') },
          ),
          { error: typeMessage('a list of open deals') },
        )
        .max(MAX_PIPELINE_DEALS, {
          error: `must have at most ${MAX_PIPELINE_DEALS.toLocaleString('en-US')} open deals`,
        }),
      booked: z
        .array(
          z.strictObject(
            { rep: num(B.rep), amount: num(B.amount), margin: num(B.margin).optional() },
            { error: typeMessage('an object') },
          ),
          { error: typeMessage('a list of reps’ bookings') },
        )
        .max(1000, { error: 'must have at most 1000 entries (one per rep)' })
        .optional(),
      asOf: z
        .string({ error: typeMessage('a string') })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written yyyy-mm-dd' })
        .optional(),
    },
    { error: typeMessage('an object') },
  );

  const T = P.team;
  return z.strictObject(
    {
      version: z.literal(1, {
        error: (issue) =>
          Number.isInteger(issue.input) && (issue.input as number) > 1
            ? `is ${issue.input}: this scenario was made by a newer version of Sweetspot; this app reads version 1 — please update the app`
            : 'must be 1 (the only scenario version this app reads)',
      }),
      name: text(),
      currency: z
        .string({ error: typeMessage('a string') })
        .regex(/^[A-Z]{3}$/, { error: 'must be a three-letter ISO 4217 code such as "USD"' }),
      seed: num(P.run.seed),
      trials: num(P.run.trials),
      precision: z
        .strictObject(
          {
            relative: num(P.precision.relative).default(P.precision.relative.default),
            probability: num(P.precision.probability).default(P.precision.probability.default),
          },
          { error: typeMessage('an object') },
        )
        .optional(),
      horizon: z.strictObject(
        {
          quarters: num(P.horizon.quarters),
          weeksPerQuarter: num(P.horizon.weeksPerQuarter).default(
            P.horizon.weeksPerQuarter.default,
          ),
          warmupWeeks: num(P.horizon.warmupWeeks).default(P.horizon.warmupWeeks.default),
        },
        { error: typeMessage('an object') },
      ),
      team: z.strictObject(
        {
          reps: num(T.reps),
          sellingHoursPerWeek: num(T.sellingHoursPerWeek),
          quotaPerRepPerQuarter: num(T.quotaPerRepPerQuarter),
          overheadHoursPerActiveDeal: num(T.overheadHoursPerActiveDeal),
          costPerSellingHour: num(T.costPerSellingHour).optional(),
          specialists: z
            .array(specialistPool, { error: typeMessage('a list of specialist pools') })
            .max(MAX_SPECIALIST_POOLS, {
              error: `must have at most ${MAX_SPECIALIST_POOLS} pools`,
            })
            .optional(),
        },
        { error: typeMessage('an object') },
      ),
      dynamics: z.strictObject(
        {
          delayPenaltyPerWeek: num(P.dynamics.delayPenaltyPerWeek),
          stallWeeks: num(P.dynamics.stallWeeks),
        },
        { error: typeMessage('an object') },
      ),
      segments: z
        .array(segment, { error: typeMessage('a list of segments') })
        .min(1, { error: 'must have at least one segment' })
        .max(MAX_SEGMENTS, { error: `must have at most ${MAX_SEGMENTS} segments` }),
      strategies: z
        .array(strategy, { error: typeMessage('a list of strategies') })
        .min(1, { error: 'must have at least one strategy' })
        .max(8, { error: 'must have at most 8 strategies' }),
      compare: z.tuple([identifier(), identifier()], {
        error: typeMessage('a pair of strategy ids, like ["focus", "chase"]'),
      }),
      start: start.optional(),
      provenance: z
        .strictObject(
          {
            description: z
              .string({ error: typeMessage('a string') })
              .max(5000, { error: 'must be at most 5000 characters' })
              .optional(),
            sources: z
              .array(
                z
                  .string({ error: typeMessage('a string') })
                  .max(1000, { error: 'must be at most 1000 characters' }),
                { error: typeMessage('a list of strings') },
              )
              .max(100, { error: 'must have at most 100 sources' })
              .optional(),
            // Not z.record: it rebuilds the object (dropping a "__proto__" key) and does not look
            // inside; freeFormProblem walks it with limits and the value is kept as given.
            calibration: z
              .unknown()
              .superRefine((value, ctx) => {
                if (value === undefined) return;
                const problem = freeFormProblem(value);
                if (problem) ctx.addIssue({ code: 'custom', ...problem });
              })
              .optional(),
          },
          { error: typeMessage('an object') },
        )
        .optional(),
    },
    // Not typeMessage: "is required" would mean nothing for the scenario as a whole.
    { error: 'must be a scenario object' },
  );
}

/** The structural schema (messages without a currency); cross-field rules live in validateScenario. */
export const scenarioSchema = buildScenarioSchema(undefined);

const bySchemaCurrency = new Map<string, typeof scenarioSchema>();

/**
 * The schema whose messages speak money in `currency` ("$30,000"): built once per currency. An
 * unknown or malformed code gets the plain schema.
 */
export function scenarioSchemaFor(currency: unknown): typeof scenarioSchema {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return scenarioSchema;
  let schema = bySchemaCurrency.get(currency);
  if (!schema) {
    // Codes are only 17,576; the cap keeps a fuzzer's stream of codes from holding them all.
    if (bySchemaCurrency.size >= 16) bySchemaCurrency.clear();
    schema = buildScenarioSchema(currency);
    bySchemaCurrency.set(currency, schema);
  }
  return schema;
}

/** Limits of free-form JSON (`provenance.calibration`): see docs/scenario-format.md. */
export const FREE_FORM_LIMITS = {
  /** Levels of nesting, the object itself being level 1. */
  depth: 32,
  /** Values in all: every object, list, string, number, boolean and null, the object included. */
  values: 20_000,
  /** Characters of keys and strings in all. */
  characters: 500_000,
  /** Characters of one key. */
  keyLength: 200,
} as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The first problem of a free-form JSON object, or undefined: not a plain object, not JSON data,
 * a "__proto__" key, or over FREE_FORM_LIMITS. Iterative, so no nesting can overflow the stack,
 * and it stops at the first limit passed, so no size makes it slow.
 */
export function freeFormProblem(
  value: unknown,
): { path: (string | number)[]; message: string } | undefined {
  if (!isPlainObject(value)) return { path: [], message: 'must be an object' };
  const L = FREE_FORM_LIMITS;
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  let values = 1;
  let characters = 0;
  try {
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { v, path } = item;
      switch (typeof v) {
        case 'string':
          characters += v.length;
          if (characters > L.characters)
            return {
              path: [],
              message: `must hold at most ${L.characters} characters of keys and strings in all`,
            };
          continue;
        case 'number':
          if (!Number.isFinite(v)) return { path, message: 'must be a finite number' };
          continue;
        case 'boolean':
        case 'undefined': // JSON.stringify leaves it out: harmless.
          continue;
        case 'object':
          if (v === null) continue;
          break;
        default:
          return { path, message: `must be JSON data, not a ${typeof v}` };
      }
      if (path.length + 1 > L.depth)
        return { path, message: `must not nest deeper than ${L.depth} levels` };
      const isList = Array.isArray(v);
      if (!isList && !isPlainObject(v))
        return { path, message: 'must be JSON data, not a class instance' };
      // A list's length is checked before its keys are listed: new Array(2 ** 31) has none.
      if (isList && values + v.length > L.values)
        return { path: [], message: `must hold at most ${L.values} values` };
      // Own keys, not just indices: structuredClone copies a list's named properties too.
      const keys = Object.keys(v);
      values += keys.length;
      if (values > L.values) return { path: [], message: `must hold at most ${L.values} values` };
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const index = isList ? Number(key) : Number.NaN;
        if (isList && !(Number.isInteger(index) && index >= 0 && index < v.length))
          return { path, message: 'must be a plain list, without named properties' };
        if (key === '__proto__') return { path, message: 'must not have a key named "__proto__"' };
        if (key.length > L.keyLength)
          return { path, message: `must not have a key longer than ${L.keyLength} characters` };
        if (!isList) characters += key.length;
        stack.push({
          v: (v as Record<string, unknown>)[key],
          path: [...path, isList ? index : key],
        });
      }
      if (characters > L.characters)
        return {
          path: [],
          message: `must hold at most ${L.characters} characters of keys and strings in all`,
        };
    }
  } catch (error) {
    // Getters that throw, revoked proxies: only JavaScript callers can pass them.
    return { path: [], message: `could not be read (${String(error)})` };
  }
  return undefined;
}
