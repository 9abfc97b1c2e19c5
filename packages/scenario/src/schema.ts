import { z } from 'zod';
import { PRIORITIES } from './types.ts';

/** Plain-sentence messages: the path is prefixed by formatIssues, so messages start lower-case. */
const typeMessage = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

interface NumberRule {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  int?: boolean;
}

/** A finite number with plain-sentence bounds messages. */
function num(rule: NumberRule = {}) {
  let schema = z.number({ error: typeMessage('a finite number') });
  // Not z.int(): it also rejects whole numbers beyond 2^53, calling 2^60 "not a whole number".
  if (rule.int)
    schema = schema.refine((n) => Number.isInteger(n), { error: 'must be a whole number' });
  if (rule.min !== undefined)
    schema = schema.min(rule.min, { error: `must be at least ${rule.min}` });
  if (rule.above !== undefined)
    schema = schema.gt(rule.above, { error: `must be greater than ${rule.above}` });
  if (rule.max !== undefined)
    schema = schema.max(rule.max, { error: `must be at most ${rule.max}` });
  return schema;
}

const share = () => num({ min: 0, max: 1 });

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

/** Largest p90 / median: wider spreads overflow the lognormal's tail into Infinity. */
export const MAX_SPREAD = 1000;

const quantiles = (bounds: { above: number; max: number }) =>
  z
    .strictObject(
      { median: num(bounds), p90: num(bounds) },
      { error: typeMessage('an object with median and p90') },
    )
    .superRefine((q, ctx) => {
      if (q.p90 < q.median) {
        ctx.addIssue({
          code: 'custom',
          path: ['p90'],
          message: `must be at least the median (${q.median})`,
        });
      } else if (q.median > 0 && q.p90 > MAX_SPREAD * q.median) {
        ctx.addIssue({
          code: 'custom',
          path: ['p90'],
          message: `must be at most ${MAX_SPREAD} times the median (${q.median})`,
        });
      }
    });

const pursue = z.union(
  [
    z.literal('sweet-spot'),
    z.literal('all'),
    z
      .array(identifier(), { error: typeMessage('"sweet-spot", "all" or a list of segment ids') })
      .min(1, { error: 'must list at least one segment id' }),
  ],
  { error: 'must be "sweet-spot", "all" or a list of segment ids' },
);

const priority = z.enum(PRIORITIES as [string, ...string[]], {
  error: `must be one of ${PRIORITIES.map((p) => `"${p}"`).join(', ')}`,
});

const push = z.strictObject(
  {
    fromWeek: num({ int: true, min: 1, max: 52 }),
    belowAttainment: num({ min: 0, max: 10 }),
    pursue,
    pullInWeeks: num({ int: true, min: 0, max: 52 }),
    extraDiscount: num({ min: 0, max: 0.95 }),
    pullInWinFactor: share(),
    overtime: num({ min: 1, max: 3 }),
  },
  { error: typeMessage('an object') },
);

const segment = z.strictObject(
  {
    id: identifier(),
    name: text(),
    sweetSpot: z.boolean({ error: typeMessage('true or false') }),
    opportunitiesPerRepPerWeek: num({ min: 0, max: 100 }),
    winRate: share(),
    winRateUncertainty: num({ above: 0, max: 1e9 }).optional(),
    dealSize: quantiles({ above: 0, max: 1e12 }),
    salesCycleWeeks: quantiles({ above: 0, max: 520 }),
    effortHours: quantiles({ above: 0, max: 10_000 }),
    discount: num({ min: 0, max: 0.95 }),
    costToServe: share(),
    annualChurn: share(),
    qualificationHours: num({ min: 0, max: 200 }),
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
  },
  { error: typeMessage('an object') },
);

/** The structural schema; cross-field rules live in validateScenario. */
export const scenarioSchema = z.strictObject(
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
    seed: num({ int: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    trials: num({ int: true, min: 1, max: 1_000_000 }),
    horizon: z.strictObject(
      {
        quarters: num({ int: true, min: 1, max: 8 }),
        weeksPerQuarter: num({ int: true, min: 1, max: 26 }).default(13),
        warmupWeeks: num({ int: true, min: 0, max: 104 }).default(13),
      },
      { error: typeMessage('an object') },
    ),
    team: z.strictObject(
      {
        reps: num({ int: true, min: 1, max: 1000 }),
        sellingHoursPerWeek: num({ min: 0, max: 168 }),
        quotaPerRepPerQuarter: num({ above: 0 }),
        overheadHoursPerActiveDeal: num({ min: 0, max: 40 }),
      },
      { error: typeMessage('an object') },
    ),
    dynamics: z.strictObject(
      {
        delayPenaltyPerWeek: share(),
        stallWeeks: num({ int: true, min: 1, max: 52 }),
      },
      { error: typeMessage('an object') },
    ),
    segments: z
      .array(segment, { error: typeMessage('a list of segments') })
      .min(1, { error: 'must have at least one segment' })
      .max(20, { error: 'must have at most 20 segments' }),
    strategies: z
      .array(strategy, { error: typeMessage('a list of strategies') })
      .min(1, { error: 'must have at least one strategy' })
      .max(8, { error: 'must have at most 8 strategies' }),
    compare: z.tuple([identifier(), identifier()], {
      error: typeMessage('a pair of strategy ids, like ["focus", "chase"]'),
    }),
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
          calibration: z
            .record(z.string(), z.unknown(), { error: typeMessage('an object') })
            .optional(),
        },
        { error: typeMessage('an object') },
      )
      .optional(),
  },
  // Not typeMessage: "is required" would mean nothing for the scenario as a whole.
  { error: 'must be a scenario object' },
);
