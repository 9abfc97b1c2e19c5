/**
 * Validation of the scenario format (docs/scenario-format.md): every field's bad values come back
 * as an exact path and a plain sentence, defaults are filled, the presets are valid and sourced,
 * and validateScenario / parseScenarioJson never throw, whatever they are given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue } from './param-messages.ts';
import { paramAt } from './parameters.ts';
import { defaultScenario, PRESETS, quarterEndPanic, saasMidMarket } from './presets.ts';
import type { Scenario } from './types.ts';
import {
  formatError,
  formatPath,
  parseScenarioJson,
  type ValidationError,
  type ValidationResult,
  validateScenario,
} from './validate.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests write arbitrary (invalid) values anywhere.
type Json = any;
type Path = (string | number)[];

/** A scenario exercising every field: a quarter-end push and an uncertain win rate. */
function fullScenario(): Json {
  const s: Json = JSON.parse(JSON.stringify(quarterEndPanic));
  s.segments[0].winRateUncertainty = 50;
  return s;
}

/** The formatted errors of a full scenario after `mutate`; [] when it validates. */
function errorsAfter(mutate: (s: Json) => void, base: () => Json = fullScenario): string[] {
  const s = base();
  mutate(s);
  const r = validateScenario(s);
  return r.ok ? [] : r.errors.map(formatError);
}

function setAt(s: Json, path: Path, value: unknown): void {
  let o = s;
  for (const key of path.slice(0, -1)) o = o[key];
  o[path[path.length - 1] as string | number] = value;
}

/** Test-table rows [`segments[1].name`, path], for readable test names. */
function named(paths: Path[]): [string, Path][] {
  return paths.map((p) => [p.length === 0 ? '(top level)' : formatPath(p), p]);
}

function deleteAt(s: Json, path: Path): void {
  let o = s;
  for (const key of path.slice(0, -1)) o = o[key];
  delete o[path[path.length - 1] as string | number];
}

/** A message is a plain sentence: lower-case start (the path comes first), no Zod jargon. */
const PLAIN = /^[a-z][^\n]*[^.\s]$/;
const JARGON = /Invalid input|Invalid option|Too (big|small)|received|expected [a-z]+,|\bNaN\b/;

function expectWellFormed(r: ValidationResult): void {
  if (r.ok) {
    expect(r.scenario.version).toBe(1);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.message).toBe('string');
    expect(e.message, formatError(e)).toMatch(PLAIN);
    // A JSON syntax error quotes the parser, and the parser quotes the text (NaN included).
    if (!e.message.startsWith('is not valid JSON: '))
      expect(e.message, formatError(e)).not.toMatch(JARGON);
  }
}

describe('formatPath and formatError', () => {
  it('formats paths as dotted fields and [index]es', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['segments', 1, 'dealSize', 'p90'])).toBe('segments[1].dealSize.p90');
    expect(formatPath(['compare', 0])).toBe('compare[0]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
  });

  it('prefixes the path, or gives the bare message for the whole scenario', () => {
    const e: ValidationError = { path: 'team.reps', message: 'must be at least 1' };
    expect(formatError(e)).toBe('team.reps: must be at least 1');
    expect(formatError({ path: '', message: 'must be a scenario object' })).toBe(
      'must be a scenario object',
    );
  });
});

describe('the scenario as a whole', () => {
  it('accepts the full scenario used as a base below', () => {
    expect(errorsAfter(() => {})).toEqual([]);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an array', []],
    ['a string', 'scenario'],
    ['a number', 1],
    ['a boolean', true],
  ])('rejects %s at the top level', (_, value) => {
    const r = validateScenario(value);
    expect(r).toEqual({ ok: false, errors: [{ path: '', message: 'must be a scenario object' }] });
  });

  it('rejects an empty object with one "is required" per required field', () => {
    const r = validateScenario({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatError)).toEqual([
      'version: must be 1 (the only scenario version this app reads)',
      'name: is required',
      'currency: is required',
      'seed: is required',
      'trials: is required',
      'horizon: is required',
      'team: is required',
      'dynamics: is required',
      'segments: is required',
      'strategies: is required',
      'compare: is required',
    ]);
  });

  it('does not modify its input, and returns a scenario with the defaults filled', () => {
    const input = fullScenario();
    delete input.horizon.weeksPerQuarter;
    const before = JSON.stringify(input);
    const r = validateScenario(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(r.ok && r.scenario.horizon.weeksPerQuarter).toBe(13);
  });

  it('reports an input whose fields throw when read as an error, not an exception', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
      },
    );
    const r = validateScenario(hostile);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.path).toBe('');
    const getter = fullScenario();
    Object.defineProperty(getter, 'name', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    expect(validateScenario(getter)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'could not be read as a scenario (Error: getter)' }],
    });
  });
});

describe('version and currency', () => {
  it('refuses a newer format version with a message saying so', () => {
    expect(errorsAfter((s) => (s.version = 2))).toEqual([
      'version: is 2: this scenario was made by a newer version of Sweetspot; this app reads version 1 — please update the app',
    ]);
  });

  it.each<[string, unknown]>([
    ['0', 0],
    ['"1"', '1'],
    ['null', null],
    ['1.5', 1.5],
    ['NaN', Number.NaN],
  ])('rejects version %s', (_, value) => {
    expect(errorsAfter((s) => (s.version = value))).toEqual([
      'version: must be 1 (the only scenario version this app reads)',
    ]);
  });

  it('rejects a missing version', () => {
    expect(errorsAfter((s) => delete s.version)).toEqual([
      'version: must be 1 (the only scenario version this app reads)',
    ]);
  });

  it.each(['usd', 'US', 'USDD', 'US D', '', '€€€', 'U1D'])('rejects currency %j', (value) => {
    expect(errorsAfter((s) => (s.currency = value))).toEqual([
      'currency: must be a three-letter ISO 4217 code such as "USD"',
    ]);
  });

  it('rejects a missing or non-string currency', () => {
    expect(errorsAfter((s) => delete s.currency)).toEqual(['currency: is required']);
    expect(errorsAfter((s) => (s.currency = 840))).toEqual(['currency: must be a string']);
    expect(errorsAfter((s) => (s.currency = null))).toEqual(['currency: must be a string']);
  });

  it('accepts any three upper-case letters', () => {
    expect(errorsAfter((s) => (s.currency = 'EUR'))).toEqual([]);
    expect(errorsAfter((s) => (s.currency = 'JPY'))).toEqual([]);
  });
});

/** A numeric field and its rules, as in schema.ts. */
interface NumberField {
  path: Path;
  min?: number;
  /** Exclusive lower bound. */
  above?: number;
  max?: number;
  int?: boolean;
  /** What omitting it does: an error (default), nothing (optional) or a default value. */
  omitted?: 'optional' | { default: number };
}

const SEG = (i: number, ...rest: Path): Path => ['segments', i, ...rest];
const PUSH = (...rest: Path): Path => ['strategies', 1, 'quarterEndPush', ...rest];

const NUMBER_FIELDS: NumberField[] = [
  { path: ['seed'], int: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  { path: ['trials'], int: true, min: 1, max: 1_000_000 },
  { path: ['horizon', 'quarters'], int: true, min: 1, max: 8 },
  { path: ['horizon', 'weeksPerQuarter'], int: true, min: 1, max: 26, omitted: { default: 13 } },
  { path: ['horizon', 'warmupWeeks'], int: true, min: 0, max: 104, omitted: { default: 13 } },
  { path: ['team', 'reps'], int: true, min: 1, max: 1000 },
  { path: ['team', 'sellingHoursPerWeek'], min: 0, max: 168 },
  { path: ['team', 'quotaPerRepPerQuarter'], min: 0.01, max: 1e15 },
  { path: ['team', 'overheadHoursPerActiveDeal'], min: 0, max: 40 },
  { path: ['dynamics', 'delayPenaltyPerWeek'], min: 0, max: 1 },
  { path: ['dynamics', 'stallWeeks'], int: true, min: 1, max: 52 },
  { path: SEG(1, 'opportunitiesPerRepPerWeek'), min: 0, max: 100 },
  { path: SEG(1, 'winRate'), min: 0, max: 1 },
  { path: SEG(0, 'winRateUncertainty'), min: 0.01, max: 1e9, omitted: 'optional' },
  { path: SEG(1, 'dealSize', 'median'), min: 1 },
  { path: SEG(1, 'salesCycleWeeks', 'median'), above: 0 },
  { path: SEG(1, 'effortHours', 'median'), min: 1e-6 },
  { path: SEG(1, 'discount'), min: 0, max: 0.95 },
  { path: SEG(1, 'costToServe'), min: 0, max: 1 },
  { path: SEG(1, 'annualChurn'), min: 0, max: 1 },
  { path: SEG(1, 'qualificationHours'), min: 0, max: 200 },
  { path: PUSH('fromWeek'), int: true, min: 1, max: 52 },
  { path: PUSH('belowAttainment'), min: 0, max: 10 },
  { path: PUSH('pullInWeeks'), int: true, min: 0, max: 52 },
  { path: PUSH('extraDiscount'), min: 0, max: 0.95 },
  { path: PUSH('pullInWinFactor'), min: 0, max: 1 },
  { path: PUSH('overtime'), min: 1, max: 3 },
];

describe.each(NUMBER_FIELDS)('number field $path', (field) => {
  const where = formatPath(field.path);
  const set = (value: unknown) => errorsAfter((s) => setAt(s, field.path, value));
  // Bounds are said in the field's unit (the catalogue's), money in the scenario's currency.
  const unit = paramAt(where)?.param.unit ?? 'count';
  const v = (n: number) => formatValue(unit, n, fullScenario().currency);
  /** The CLI's line for a message about this field (formatError adds how files write percent). */
  const line = (message: string) => formatError({ path: where, message });

  it('must be present, or is optional, or takes its default', () => {
    const s = fullScenario();
    deleteAt(s, field.path);
    const r = validateScenario(s);
    if (field.omitted === undefined) {
      expect(r.ok ? [] : r.errors.map(formatError)).toEqual([`${where}: is required`]);
    } else {
      expect(r.ok).toBe(true);
      if (r.ok && typeof field.omitted === 'object') {
        let v: Json = r.scenario;
        for (const key of field.path) v = v[key];
        expect(v).toBe(field.omitted.default);
      }
    }
  });

  it.each<[string, unknown]>([
    ['a numeric string', '5'],
    ['null', null],
    ['a boolean', true],
    ['an array', [1]],
    ['an object', { value: 1 }],
    ['NaN (only JS callers can pass it)', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
  ])('rejects %s', (_, value) => {
    expect(set(value)).toEqual([`${where}: must be a number`]);
  });

  if (field.min !== undefined && field.min > Number.MIN_SAFE_INTEGER) {
    const min = field.min;
    it(`rejects values below ${min}`, () => {
      const below = field.int ? min - 1 : min - 0.001;
      expect(set(below)).toEqual([line(`must be at least ${v(min)}`)]);
      expect(set(-1e9)).toEqual([line(`must be at least ${v(min)}`)]);
    });
  }

  if (field.above !== undefined) {
    const above = field.above;
    it(`rejects ${above} and below`, () => {
      expect(set(above)).toEqual([line(`must be greater than ${v(above)}`)]);
      expect(set(above - 1)).toEqual([line(`must be greater than ${v(above)}`)]);
    });
  }

  if (field.max !== undefined) {
    const max = field.max;
    it(`rejects values above ${max}`, () => {
      // max + 0.001 rounds back to max from 2^53 / 1000 on (quota's 10^15).
      const over = field.int ? max + 1 : max + Math.max(0.001, max * 1e-12);
      // Past 2^53 + 1 is not representable, so the seed is tested at 2^60.
      const value = max === Number.MAX_SAFE_INTEGER ? 2 ** 60 : over;
      expect(set(value)).toEqual([line(`must be at most ${v(max)}`)]);
    });
  }

  if (field.int) {
    it('rejects a fraction', () => {
      const value = (field.min !== undefined && field.min > -1000 ? field.min : 0) + 0.5;
      expect(set(value)).toEqual([`${where}: must be a whole number`]);
    });
  }
});

describe('bounds are inclusive where documented', () => {
  it.each<[Path, number]>([
    [['trials'], 1],
    [['trials'], 1_000_000],
    [['horizon', 'quarters'], 8],
    [['horizon', 'warmupWeeks'], 0],
    [['team', 'sellingHoursPerWeek'], 0],
    [['dynamics', 'delayPenaltyPerWeek'], 1],
    [SEG(1, 'winRate'), 0],
    [SEG(1, 'winRate'), 1],
    [SEG(1, 'opportunitiesPerRepPerWeek'), 0],
    [SEG(1, 'discount'), 0.95],
    [PUSH('overtime'), 1],
    [PUSH('pullInWeeks'), 0],
    [['seed'], -123],
    [['seed'], Number.MAX_SAFE_INTEGER],
  ])('accepts %j = %d', (path, value) => {
    expect(errorsAfter((s) => setAt(s, path, value))).toEqual([]);
  });
});

describe('text fields and ids', () => {
  const NAMES: Path[] = [['name'], SEG(1, 'name'), ['strategies', 0, 'name']];
  const IDS: Path[] = [SEG(1, 'id'), ['strategies', 0, 'id']];

  it.each(named([...NAMES, ...IDS]))('%s must be a non-empty string', (where, path) => {
    expect(errorsAfter((s) => deleteAt(s, path))).toContain(`${where}: is required`);
    expect(errorsAfter((s) => setAt(s, path, 7))).toContain(`${where}: must be a string`);
    expect(errorsAfter((s) => setAt(s, path, null))).toContain(`${where}: must be a string`);
    expect(errorsAfter((s) => setAt(s, path, ''))).toContain(`${where}: must not be empty`);
    expect(errorsAfter((s) => setAt(s, path, '   '))).toContain(`${where}: must not be empty`);
    // Exactly one message for the empty string.
    expect(
      errorsAfter((s) => setAt(s, path, '')).filter((e) => e.startsWith(`${where}:`)),
    ).toHaveLength(1);
  });

  it.each(named(NAMES))('%s has at most 200 characters', (where, path) => {
    expect(errorsAfter((s) => setAt(s, path, 'x'.repeat(200)))).toEqual([]);
    expect(errorsAfter((s) => setAt(s, path, 'x'.repeat(201)))).toEqual([
      `${where}: must be at most 200 characters`,
    ]);
  });

  it('trims names', () => {
    const s = fullScenario();
    s.name = '  Padded  ';
    const r = validateScenario(s);
    expect(r.ok && r.scenario.name).toBe('Padded');
  });

  it.each(['-x', '_x', 'a b', 'a.b', 'é', 'a/b'])('rejects the segment id %j', (id) => {
    expect(
      errorsAfter((s) => {
        s.segments[1].id = id;
      }),
    ).toEqual([
      'segments[1].id: must start with a letter or digit and use only letters, digits, - and _',
    ]);
  });

  it('accepts ids of letters, digits, - and _ up to 64 characters', () => {
    expect(errorsAfter((s) => (s.segments[1].id = 'Out_of-profile2'))).toEqual([]);
    expect(errorsAfter((s) => (s.segments[1].id = 'a'.repeat(64)))).toEqual([]);
    expect(errorsAfter((s) => (s.segments[1].id = 'a'.repeat(65)))).toEqual([
      'segments[1].id: must be at most 64 characters',
    ]);
  });

  it('sweetSpot must be true or false', () => {
    expect(errorsAfter((s) => delete s.segments[1].sweetSpot)).toEqual([
      'segments[1].sweetSpot: is required',
    ]);
    for (const value of ['yes', 1, null, 'true']) {
      expect(errorsAfter((s) => (s.segments[1].sweetSpot = value))).toEqual([
        'segments[1].sweetSpot: must be true or false',
      ]);
    }
  });
});

describe('quantile fields', () => {
  const QUANTILES = ['dealSize', 'salesCycleWeeks', 'effortHours'] as const;

  it.each(QUANTILES)('%s: p90 below the median names the median', (field) => {
    const median = saasMidMarket.segments[1]?.[field].median as number;
    const said = { dealSize: '$30,000', salesCycleWeeks: '13 weeks', effortHours: '24 hours' };
    expect(median).toBe({ dealSize: 30_000, salesCycleWeeks: 13, effortHours: 24 }[field]);
    expect(errorsAfter((s) => (s.segments[1][field].p90 = median * 0.99))).toEqual([
      `segments[1].${field}.p90: must be at least the median (${said[field]})`,
    ]);
  });

  it('the example from the brief, via formatError', () => {
    const s = defaultScenario() as Json;
    s.segments[1].dealSize.p90 = 20_000;
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { path: 'segments[1].dealSize.p90', message: 'must be at least the median ($30,000)' },
      ]);
      expect(r.errors.map(formatError)).toEqual([
        'segments[1].dealSize.p90: must be at least the median ($30,000)',
      ]);
    }
  });

  it.each(QUANTILES)('%s: p90 equal to the median is a fixed value, and valid', (field) => {
    expect(errorsAfter((s) => (s.segments[1][field].p90 = s.segments[1][field].median))).toEqual(
      [],
    );
  });

  it.each(QUANTILES)('%s: p90 must be a positive finite number', (field) => {
    const where = `segments[1].${field}.p90`;
    expect(errorsAfter((s) => delete s.segments[1][field].p90)).toEqual([`${where}: is required`]);
    expect(errorsAfter((s) => (s.segments[1][field].p90 = Number.NaN))).toEqual([
      `${where}: must be a number`,
    ]);
    expect(errorsAfter((s) => (s.segments[1][field].p90 = 'big'))).toEqual([
      `${where}: must be a number`,
    ]);
    expect(errorsAfter((s) => (s.segments[1][field].p90 = Number.POSITIVE_INFINITY))).toEqual([
      `${where}: must be a number`,
    ]);
  });

  it.each(QUANTILES)('%s: must be an object with median and p90', (field) => {
    const where = `segments[1].${field}`;
    expect(errorsAfter((s) => delete s.segments[1][field])).toEqual([`${where}: is required`]);
    for (const value of [5, null, 'x', [1, 2]]) {
      expect(errorsAfter((s) => (s.segments[1][field] = value))).toEqual([
        `${where}: must be an object with median and p90`,
      ]);
    }
  });
});

describe('unknown keys are rejected at every level', () => {
  const OBJECTS: Path[] = [
    [],
    ['horizon'],
    ['team'],
    ['dynamics'],
    SEG(0),
    SEG(1),
    SEG(1, 'dealSize'),
    SEG(1, 'salesCycleWeeks'),
    SEG(1, 'effortHours'),
    ['strategies', 0],
    ['strategies', 1],
    PUSH(),
    ['provenance'],
  ];

  it.each(named(OBJECTS))('in %s', (where, path) => {
    const prefix = path.length === 0 ? '' : `${where}.`;
    expect(errorsAfter((s) => setAt(s, [...path, 'colour'], 'blue'))).toEqual([
      `${prefix}colour: is not a known field (check its spelling)`,
    ]);
  });

  it('one error per unknown key, misspellings included', () => {
    expect(
      errorsAfter((s) => {
        s.team.sellingHoursPerWk = 15;
        s.team.reps2 = 1;
      }),
    ).toEqual([
      'team.sellingHoursPerWk: is not a known field (check its spelling)',
      'team.reps2: is not a known field (check its spelling)',
    ]);
  });
});

describe('objects and lists', () => {
  it.each<[Path, string]>([
    [['horizon'], 'must be an object'],
    [['team'], 'must be an object'],
    [['dynamics'], 'must be an object'],
    [SEG(1), 'must be an object'],
    [['strategies', 0], 'must be an object'],
    [PUSH(), 'must be an object'],
    [['provenance'], 'must be an object'],
    [['segments'], 'must be a list of segments'],
    [['strategies'], 'must be a list of strategies'],
  ])('%j', (path, message) => {
    const where = formatPath(path);
    for (const value of [null, 5, 'x', ...(message.includes('list') ? [{}] : [[]])]) {
      expect(errorsAfter((s) => setAt(s, path, value))).toEqual([`${where}: ${message}`]);
    }
  });

  it.each([
    ['segments', 20, 'segment'],
    ['strategies', 8, 'strategy'],
  ] as const)('%s: 1 to %d', (list, most, one) => {
    expect(errorsAfter((s) => (s[list] = []))).toEqual([`${list}: must have at least one ${one}`]);
    // One too many, each a copy of the first with an id of its own.
    const tooMany = (s: Json) =>
      Array.from({ length: most + 1 }, (_, i) => ({ ...s[list][0], id: `s${i}` }));
    expect(errorsAfter((s) => (s[list] = tooMany(s)))).toEqual([
      `${list}: must have at most ${most} ${list}`,
    ]);
  });

  it('the push is optional', () => {
    expect(errorsAfter((s) => delete s.strategies[1].quarterEndPush)).toEqual([]);
  });

  it('an empty push lists every missing field', () => {
    expect(errorsAfter((s) => (s.strategies[1].quarterEndPush = {}))).toEqual([
      'strategies[1].quarterEndPush.fromWeek: is required',
      'strategies[1].quarterEndPush.belowAttainment: is required',
      'strategies[1].quarterEndPush.pursue: must be "sweet-spot", "all" or a list of segment ids',
      'strategies[1].quarterEndPush.pullInWeeks: is required',
      'strategies[1].quarterEndPush.extraDiscount: is required',
      'strategies[1].quarterEndPush.pullInWinFactor: is required',
      'strategies[1].quarterEndPush.overtime: is required',
    ]);
  });
});

describe('pursue and priority', () => {
  const PURSUES: Path[] = [['strategies', 0, 'pursue'], PUSH('pursue')];
  const PURSUE_MESSAGE = 'must be "sweet-spot", "all" or a list of segment ids';

  it.each(named(PURSUES))('%s: rejects values that are not a pursue rule', (where, path) => {
    for (const value of ['none', 'everything', 5, null, {}, true, ['icp', 5]]) {
      expect(errorsAfter((s) => setAt(s, path, value))).toEqual([`${where}: ${PURSUE_MESSAGE}`]);
    }
    expect(errorsAfter((s) => deleteAt(s, path))).toEqual([`${where}: ${PURSUE_MESSAGE}`]);
  });

  it.each(named(PURSUES))('%s: an empty list or a malformed id', (where, path) => {
    expect(errorsAfter((s) => setAt(s, path, []))).toEqual([
      `${where}: must list at least one segment id`,
    ]);
    expect(errorsAfter((s) => setAt(s, path, ['icp', 'a b']))).toEqual([
      `${where}[1]: must start with a letter or digit and use only letters, digits, - and _`,
    ]);
  });

  it.each(named(PURSUES))('%s: every listed id must name a segment', (where, path) => {
    expect(errorsAfter((s) => setAt(s, path, ['icp', 'out']))).toEqual([]);
    expect(errorsAfter((s) => setAt(s, path, ['icp', 'smb', 'out', 'ent']))).toEqual([
      `${where}[1]: names an unknown segment ("smb")`,
      `${where}[3]: names an unknown segment ("ent")`,
    ]);
  });

  it('"sweet-spot" needs a segment marked as the sweet spot, for strategies and pushes', () => {
    expect(
      errorsAfter((s) => {
        s.segments[0].sweetSpot = false;
        s.strategies[1].quarterEndPush.pursue = 'sweet-spot';
      }),
    ).toEqual([
      'strategies[0].pursue: is "sweet-spot" but no segment is marked as the sweet spot',
      'strategies[1].pursue: is "sweet-spot" but no segment is marked as the sweet spot',
      'strategies[1].quarterEndPush.pursue: is "sweet-spot" but no segment is marked as the sweet spot',
    ]);
    // "all" and explicit lists do not need one.
    expect(
      errorsAfter((s) => {
        s.segments[0].sweetSpot = false;
        s.strategies[0].pursue = 'all';
        s.strategies[1].pursue = ['icp'];
      }),
    ).toEqual([]);
  });

  it('more than one sweet-spot segment is fine', () => {
    expect(errorsAfter((s) => (s.segments[1].sweetSpot = true))).toEqual([]);
  });

  it('priority must be one of the four rules', () => {
    const message =
      'strategies[0].priority: must be one of "expected-value-per-hour", "oldest-first", "closest-to-close", "largest-first"';
    for (const value of ['biggest-first', 'EXPECTED-VALUE-PER-HOUR', 0, null, ['oldest-first']]) {
      expect(errorsAfter((s) => (s.strategies[0].priority = value))).toEqual([message]);
    }
    expect(errorsAfter((s) => delete s.strategies[0].priority)).toEqual([message]);
    for (const value of ['oldest-first', 'closest-to-close', 'largest-first']) {
      expect(errorsAfter((s) => (s.strategies[0].priority = value))).toEqual([]);
    }
  });
});

describe('cross-field rules', () => {
  it('segment ids are unique', () => {
    expect(errorsAfter((s) => (s.segments[1].id = 'icp'))).toEqual([
      'segments[1].id: duplicates another segment id ("icp")',
    ]);
  });

  it('strategy ids are unique', () => {
    expect(
      errorsAfter((s) => {
        s.strategies[1].id = 'focus';
        s.compare = ['focus', 'panic'];
      }),
    ).toEqual([
      'strategies[1].id: duplicates another strategy id ("focus")',
      'compare[1]: names an unknown strategy ("panic")',
    ]);
  });

  it('compare names two known, different strategies', () => {
    expect(errorsAfter((s) => (s.compare = ['focus', 'chase']))).toEqual([
      'compare[1]: names an unknown strategy ("chase")',
    ]);
    expect(errorsAfter((s) => (s.compare = ['panic', 'focus']))).toEqual([]);
    expect(errorsAfter((s) => (s.compare = ['focus', 'focus']))).toEqual([
      'compare[1]: must differ from compare[0]: compare two different strategies',
    ]);
    expect(errorsAfter((s) => (s.compare = ['nope', 'nope']))).toEqual([
      'compare[0]: names an unknown strategy ("nope")',
      'compare[1]: names an unknown strategy ("nope")',
      'compare[1]: must differ from compare[0]: compare two different strategies',
    ]);
  });

  it('compare is a pair of ids', () => {
    const pair = 'compare: must be a pair of strategy ids, like ["focus", "chase"]';
    for (const value of [[], ['focus'], ['focus', 'panic', 'focus'], 'focus', null, {}]) {
      expect(errorsAfter((s) => (s.compare = value))).toEqual([pair]);
    }
    expect(errorsAfter((s) => delete s.compare)).toEqual(['compare: is required']);
    expect(errorsAfter((s) => (s.compare = [1, 'panic']))).toEqual([
      'compare[0]: must be a string',
    ]);
    expect(errorsAfter((s) => (s.compare = ['focus', '']))).toEqual([
      'compare[1]: must not be empty',
    ]);
  });

  it('the push may not start after the last week of the quarter', () => {
    expect(errorsAfter((s) => (s.strategies[1].quarterEndPush.fromWeek = 13))).toEqual([]);
    expect(errorsAfter((s) => (s.strategies[1].quarterEndPush.fromWeek = 14))).toEqual([
      'strategies[1].quarterEndPush.fromWeek: must be at most the weeks per quarter (13)',
    ]);
    expect(
      errorsAfter((s) => {
        s.horizon.weeksPerQuarter = 6;
      }),
    ).toEqual(['strategies[1].quarterEndPush.fromWeek: must be at most the weeks per quarter (6)']);
    // Against the default when weeksPerQuarter is omitted.
    expect(
      errorsAfter((s) => {
        delete s.horizon.weeksPerQuarter;
        s.strategies[1].quarterEndPush.fromWeek = 14;
      }),
    ).toEqual([
      'strategies[1].quarterEndPush.fromWeek: must be at most the weeks per quarter (13)',
    ]);
  });

  it('reports all cross-field problems at once', () => {
    expect(
      errorsAfter((s) => {
        s.segments[1].id = 'icp';
        s.strategies[1].quarterEndPush.pursue = ['zzz'];
        s.strategies[1].quarterEndPush.fromWeek = 20;
        s.compare = ['focus', 'focus'];
      }),
    ).toEqual([
      'segments[1].id: duplicates another segment id ("icp")',
      'strategies[1].quarterEndPush.pursue[0]: names an unknown segment ("zzz")',
      'strategies[1].quarterEndPush.fromWeek: must be at most the weeks per quarter (13)',
      'compare[1]: must differ from compare[0]: compare two different strategies',
    ]);
  });
});

describe('provenance', () => {
  it('is optional, and calibration notes may hold anything', () => {
    expect(errorsAfter((s) => delete s.provenance)).toEqual([]);
    expect(errorsAfter((s) => (s.provenance = {}))).toEqual([]);
    expect(
      errorsAfter((s) => (s.provenance.calibration = { from: 'crm.csv', deals: [1, { a: null }] })),
    ).toEqual([]);
  });

  it('rejects bad descriptions, sources and calibration notes', () => {
    expect(errorsAfter((s) => (s.provenance.description = 5))).toEqual([
      'provenance.description: must be a string',
    ]);
    expect(errorsAfter((s) => (s.provenance.description = 'x'.repeat(5001)))).toEqual([
      'provenance.description: must be at most 5000 characters',
    ]);
    expect(errorsAfter((s) => (s.provenance.sources = 'Bridge Group'))).toEqual([
      'provenance.sources: must be a list of strings',
    ]);
    expect(errorsAfter((s) => (s.provenance.sources = ['ok', 3]))).toEqual([
      'provenance.sources[1]: must be a string',
    ]);
    expect(errorsAfter((s) => (s.provenance.sources = ['x'.repeat(1001)]))).toEqual([
      'provenance.sources[0]: must be at most 1000 characters',
    ]);
    expect(errorsAfter((s) => (s.provenance.sources = Array(101).fill('a')))).toEqual([
      'provenance.sources: must have at most 100 sources',
    ]);
    for (const value of [[], 'notes', 1, null]) {
      expect(errorsAfter((s) => (s.provenance.calibration = value))).toEqual([
        'provenance.calibration: must be an object',
      ]);
    }
  });
});

describe('defaults', () => {
  it('fills weeksPerQuarter 13 and warmupWeeks 13 when omitted', () => {
    const s = fullScenario();
    s.horizon = { quarters: 2 };
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.scenario.horizon).toEqual({ quarters: 2, weeksPerQuarter: 13, warmupWeeks: 13 });
  });

  it('keeps given values', () => {
    const s = fullScenario();
    s.horizon = { quarters: 3, weeksPerQuarter: 12, warmupWeeks: 0 };
    const r = validateScenario(s);
    expect(r.ok && r.scenario.horizon).toEqual({
      quarters: 3,
      weeksPerQuarter: 12,
      warmupWeeks: 0,
    });
  });

  it('leaves optional fields absent', () => {
    const r = validateScenario(defaultScenario());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect('winRateUncertainty' in (r.scenario.segments[0] as object)).toBe(false);
    expect('quarterEndPush' in (r.scenario.strategies[0] as object)).toBe(false);
  });
});

describe('parseScenarioJson', () => {
  it('parses a preset written as JSON', () => {
    const r = parseScenarioJson(JSON.stringify(saasMidMarket, null, 2));
    expect(r).toEqual({ ok: true, scenario: saasMidMarket });
  });

  it('reports a syntax error as a whole-scenario error', () => {
    for (const text of ['', '{', '{"version": 1,}', 'NaN', "{'a': 1}"]) {
      const r = parseScenarioJson(text);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]?.path).toBe('');
      expect(r.errors[0]?.message).toMatch(/^is not valid JSON: /);
    }
  });

  it('keeps a syntax error on one line even when the text quoted has line breaks', () => {
    const r = parseScenarioJson('{"name":\n\n x}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.message).toMatch(/^is not valid JSON: [^\n]+$/);
  });

  it('JSON cannot carry NaN, but 1e400 parses to Infinity and is caught', () => {
    const text = JSON.stringify(saasMidMarket).replace('"trials":10000', '"trials":1e400');
    expect(text).toContain('1e400');
    const r = parseScenarioJson(text);
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual(['trials: must be a number']);
  });

  it('valid JSON that is not an object', () => {
    expect(parseScenarioJson('[1, 2]')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be a scenario object' }],
    });
    expect(parseScenarioJson('null')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be a scenario object' }],
    });
  });
});

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.name, p] as const))('%s validates unchanged', (_, preset) => {
    const r = validateScenario(preset);
    expect(r).toEqual({ ok: true, scenario: preset });
    // And survives a round trip through a file.
    expect(parseScenarioJson(JSON.stringify(preset))).toEqual({ ok: true, scenario: preset });
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))(
    '%s says where its numbers come from',
    (_, preset) => {
      const description = preset.provenance?.description ?? '';
      const sources = preset.provenance?.sources ?? [];
      expect(description.trim().length).toBeGreaterThan(0);
      expect(sources.length).toBeGreaterThan(0);
      for (const line of sources) expect(line.trim().length).toBeGreaterThan(20);
      // Cited studies and stated assumptions both appear.
      expect(sources.some((line) => line.startsWith('Assumption:'))).toBe(true);
      expect(sources.some((line) => !line.startsWith('Assumption:'))).toBe(true);
    },
  );

  it('the presets have distinct names, and the default comes first', () => {
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    expect(PRESETS[0]).toBe(saasMidMarket);
  });

  it('defaultScenario is a fresh deep copy of the default preset', () => {
    const a = defaultScenario();
    expect(a).toEqual(saasMidMarket);
    a.team.reps = 99;
    (a.segments[0] as Scenario['segments'][number]).dealSize.median = 1;
    expect(saasMidMarket.team.reps).toBe(8);
    expect(saasMidMarket.segments[0]?.dealSize.median).toBe(25_000);
    expect(defaultScenario()).toEqual(saasMidMarket);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: validateScenario and parseScenarioJson never throw.

/** Every field name of the format, so that random objects reach deep into the schema. */
const FIELD_NAMES = [
  'version',
  'name',
  'currency',
  'seed',
  'trials',
  'horizon',
  'quarters',
  'weeksPerQuarter',
  'warmupWeeks',
  'team',
  'reps',
  'sellingHoursPerWeek',
  'quotaPerRepPerQuarter',
  'overheadHoursPerActiveDeal',
  'dynamics',
  'delayPenaltyPerWeek',
  'stallWeeks',
  'segments',
  'id',
  'sweetSpot',
  'opportunitiesPerRepPerWeek',
  'winRate',
  'winRateUncertainty',
  'dealSize',
  'salesCycleWeeks',
  'effortHours',
  'median',
  'p90',
  'discount',
  'costToServe',
  'annualChurn',
  'qualificationHours',
  'strategies',
  'pursue',
  'priority',
  'quarterEndPush',
  'fromWeek',
  'belowAttainment',
  'pullInWeeks',
  'extraDiscount',
  'pullInWinFactor',
  'overtime',
  'compare',
  'provenance',
  'description',
  'sources',
  'calibration',
  '__proto__',
  'constructor',
  'toString',
];

const anythingDeep = fc.anything({
  key: fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()),
  maxDepth: 6,
  maxKeys: 8,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});

/** Every path to a value inside a JSON value (the root excluded). */
function allPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      allPaths(v, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) allPaths(v, [...prefix, k], out);
  }
  return out;
}

const PRESET_JSON: Json[] = PRESETS.map((p) => JSON.parse(JSON.stringify(p)));
const PRESET_PATHS = PRESET_JSON.map((p) => allPaths(p));

/** One edit of a preset: set a path (existing or a new key under it) to a value, or delete it. */
const edit = fc.record({
  path: fc.nat(),
  action: fc.oneof(
    { weight: 4, arbitrary: fc.record({ set: fc.jsonValue({ maxDepth: 3 }) }) },
    { weight: 1, arbitrary: fc.constant({ delete: true as const }) },
    {
      weight: 1,
      arbitrary: fc.record({ key: fc.constantFrom(...FIELD_NAMES), set: fc.jsonValue() }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        set: fc.constantFrom<unknown>(
          Number.NaN,
          Number.POSITIVE_INFINITY,
          Number.NEGATIVE_INFINITY,
          -0,
          undefined,
          1e308,
          -1,
          0.5,
          2 ** 60,
          '',
          [],
          {},
        ),
      }),
    },
  ),
});

const mutatedPreset = fc
  .tuple(fc.nat(PRESETS.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }))
  .map(([which, edits]) => {
    const s = JSON.parse(JSON.stringify(PRESET_JSON[which]));
    const paths = PRESET_PATHS[which] as Path[];
    for (const e of edits) {
      const path = paths[e.path % paths.length] as Path;
      try {
        if ('delete' in e.action) deleteAt(s, path);
        else if ('key' in e.action) setAt(s, [...path, e.action.key], e.action.set);
        else setAt(s, path, e.action.set);
      } catch {
        // An earlier edit replaced a parent with a primitive: skip this edit.
      }
    }
    return s;
  });

describe('validateScenario never throws', () => {
  it('on anything', () => {
    fc.assert(
      fc.property(anythingDeep, (value) => {
        expectWellFormed(validateScenario(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('on deep objects shaped like scenarios', () => {
    const deep = fc.dictionary(fc.constantFrom(...FIELD_NAMES), anythingDeep, { maxKeys: 14 });
    fc.assert(
      fc.property(deep, (value) => {
        expectWellFormed(validateScenario(value));
      }),
      { numRuns: 500 },
    );
  });

  it('on very deep nesting', () => {
    let v: Json = { median: 1, p90: 2 };
    for (let i = 0; i < 5000; i++) v = i % 2 === 0 ? [v] : { segments: v };
    expectWellFormed(validateScenario(v));
    expectWellFormed(validateScenario({ ...fullScenario(), segments: [v] }));
  });

  it('on presets with random fields set to random values', () => {
    fc.assert(
      fc.property(mutatedPreset, (s) => {
        const r = validateScenario(s);
        expectWellFormed(r);
        // A valid result is a fixed point: validating it again changes nothing.
        if (r.ok) expect(validateScenario(r.scenario)).toEqual(r);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseScenarioJson never throws', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expectWellFormed(parseScenarioJson(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('on random JSON text', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (text) => {
        expectWellFormed(parseScenarioJson(text));
      }),
      { numRuns: 500 },
    );
  });

  it('on preset JSON with characters deleted or inserted', () => {
    const text = JSON.stringify(saasMidMarket);
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(8), fc.string({ maxLength: 3 }), (at, cut, ins) => {
        expectWellFormed(parseScenarioJson(text.slice(0, at) + ins + text.slice(at + cut)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('docs/scenario-format.md', () => {
  it('its complete example is exactly the default preset', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/scenario-format.md', import.meta.url), 'utf8');
    const at = doc.indexOf('## A complete example');
    const open = doc.indexOf('```json\n', at) + '```json\n'.length;
    const json = doc.slice(open, doc.indexOf('\n```', open));
    expect(JSON.parse(json)).toEqual(saasMidMarket);
  });
});

describe('bounds that keep every computation finite (issue 16)', () => {
  it('refuses the quotas, evidence counts and win rates that once failed or changed numbers', () => {
    const q = 'team.quotaPerRepPerQuarter';
    expect(errorsAfter((s) => (s.team.quotaPerRepPerQuarter = 1.79e308))).toEqual([
      `${q}: must be at most $1,000,000,000,000,000`,
    ]);
    expect(errorsAfter((s) => (s.team.quotaPerRepPerQuarter = 1e-310))).toEqual([
      `${q}: must be at least $0.01`,
    ]);
    for (const n of [1e-320, 5e-324, 0.001]) {
      expect(errorsAfter((s) => (s.segments[0].winRateUncertainty = n))).toEqual([
        'segments[0].winRateUncertainty: must be at least 0.01',
      ]);
    }
    for (const p of [5e-324, 1e-12]) {
      expect(errorsAfter((s) => (s.segments[0].winRate = p))).toEqual([
        'segments[0].winRate: must be 0% or at least 0.0000001% (one in a billion) (written as a fraction in the file: 100% is 1)',
      ]);
    }
    expect(errorsAfter((s) => (s.segments[0].winRate = -1))).toEqual([
      'segments[0].winRate: must be at least 0% (written as a fraction in the file: 100% is 1)',
    ]);
    expect(errorsAfter((s) => (s.segments[0].winRate = 1e-9))).toEqual([]);
    expect(errorsAfter((s) => (s.segments[0].winRate = 0))).toEqual([]);
    // An effort whose weekly rate underflows to 0 would be settled for 20,000 weeks per rep.
    expect(
      errorsAfter((s) => (s.segments[0].effortHours = { median: 1e-321, p90: 1e-321 })),
    ).toEqual([
      'segments[0].effortHours.median: must be at least 0.000001 hours',
      'segments[0].effortHours.p90: must be at least 0.000001 hours',
    ]);
    expect(errorsAfter((s) => (s.segments[0].dealSize = { median: 0.5, p90: 1 }))).toEqual([
      'segments[0].dealSize.median: must be at least $1',
    ]);
  });

  it('limits a pursue list to 20 segment ids', () => {
    const ids = (s: Json) => s.segments.map((seg: Json) => seg.id);
    expect(errorsAfter((s) => (s.strategies[0].pursue = Array(20).fill(ids(s)[0])))).toEqual([]);
    expect(errorsAfter((s) => (s.strategies[0].pursue = Array(21).fill(ids(s)[0])))).toEqual([
      'strategies[0].pursue: must list at most 20 segment ids',
    ]);
    expect(errorsAfter((s) => (s.strategies[0].pursue = Array(1_000_000).fill(ids(s)[0])))).toEqual(
      ['strategies[0].pursue: must list at most 20 segment ids'],
    );
  });

  it('lists at most 100 problems, then says how many more there are', () => {
    const r = validateScenario({ ...fullScenario(), ...bigObject(250, (i) => [`x${i}`, 1]) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(101);
    expect(r.errors[0]).toEqual({
      path: 'x0',
      message: 'is not a known field (check its spelling)',
    });
    expect(formatError(r.errors[100] as ValidationError)).toBe(
      'has 150 more problems, not listed: fix the ones above first',
    );
  });

  it('refuses a scenario over the run budget, naming the fields and the limit', () => {
    const errors = errorsAfter((s) => {
      s.team.reps = 1000;
      s.horizon = { quarters: 8, weeksPerQuarter: 13, warmupWeeks: 52 };
      s.segments[0].opportunitiesPerRepPerWeek = 100;
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^team\.reps: mean [\d,]+ expected deals per trial, over the limit of 500,000 \(1,000 reps × [\d.]+ opportunities per rep-week × 156 simulated weeks, warm-up included\): /,
    );
    const rate = errorsAfter((s) => {
      s.segments[0].opportunitiesPerRepPerWeek = 100;
      s.segments[1].opportunitiesPerRepPerWeek = 100;
    });
    expect(rate[0]).toMatch(/^segments: bring 200 arrivals per rep-week in all/);
  });
});

function bigObject(n: number, entry: (i: number) => [string, unknown]): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => entry(i)));
}

describe('provenance.calibration: free-form, with limits (issue 16)', () => {
  const cal = 'provenance.calibration';
  const nested = (levels: number): Json => {
    let v: Json = 1;
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };

  it('accepts 32 levels and refuses 33, and 100,000 levels without a stack overflow', () => {
    expect(errorsAfter((s) => (s.provenance.calibration = nested(32)))).toEqual([]);
    expect(errorsAfter((s) => (s.provenance.calibration = nested(33)))).toEqual([
      `${cal}${'.a'.repeat(32)}: must not nest deeper than 32 levels`,
    ]);
    // Nested lists as in the issue: JSON.parse builds it, JSON.stringify would overflow.
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const errors = errorsAfter((s) => (s.provenance.calibration = { deep: JSON.parse(text) }));
    expect(errors).toEqual([`${cal}.deep${'[0]'.repeat(31)}: must not nest deeper than 32 levels`]);
  });

  it('limits the number of values, the characters and the key length', () => {
    expect(
      errorsAfter((s) => (s.provenance.calibration = { list: Array(19_998).fill(0) })),
    ).toEqual([]);
    expect(
      errorsAfter((s) => (s.provenance.calibration = { list: Array(19_999).fill(0) })),
    ).toEqual([`${cal}: must hold at most 20000 values`]);
    // A sparse list of a billion is refused without being walked.
    expect(errorsAfter((s) => (s.provenance.calibration = { list: new Array(1e9) }))).toEqual([
      `${cal}: must hold at most 20000 values`,
    ]);
    expect(
      errorsAfter((s) => (s.provenance.calibration = bigObject(30_000, (i) => [`k${i}`, i]))),
    ).toEqual([`${cal}: must hold at most 20000 values`]);
    expect(errorsAfter((s) => (s.provenance.calibration = { a: 'x'.repeat(499_999) }))).toEqual([]);
    expect(errorsAfter((s) => (s.provenance.calibration = { a: 'x'.repeat(500_000) }))).toEqual([
      `${cal}: must hold at most 500000 characters of keys and strings in all`,
    ]);
    expect(
      errorsAfter((s) => (s.provenance.calibration = { a: { ['k'.repeat(201)]: 1 } })),
    ).toEqual([`${cal}.a: must not have a key longer than 200 characters`]);
  });

  it('refuses "__proto__" keys and values JSON cannot hold, and keeps the notes as given', () => {
    const proto = JSON.parse('{"ok": 1, "x": {"__proto__": {"polluted": true}}}');
    expect(errorsAfter((s) => (s.provenance.calibration = proto))).toEqual([
      `${cal}.x: must not have a key named "__proto__"`,
    ]);
    expect(({} as Json).polluted).toBeUndefined();
    const bad: [unknown, string][] = [
      [Number.NaN, 'must be a finite number'],
      [() => 1, 'must be JSON data, not a function'],
      [10n, 'must be JSON data, not a bigint'],
      [new Date(0), 'must be JSON data, not a class instance'],
      [new Map(), 'must be JSON data, not a class instance'],
    ];
    for (const [value, message] of bad) {
      expect(errorsAfter((s) => (s.provenance.calibration = { v: [value] }))).toEqual([
        `${cal}.v[0]: ${message}`,
      ]);
    }
    const cyclic: Json = { a: {} };
    cyclic.a.self = cyclic;
    expect(errorsAfter((s) => (s.provenance.calibration = cyclic))[0]).toMatch(
      /: must not nest deeper than 32 levels$/,
    );
    const notes = {
      constructor: 'kept',
      list: [1, 'two', null, { three: true }],
      missing: undefined,
    };
    const s = fullScenario();
    s.provenance.calibration = notes;
    const r = validateScenario(s);
    expect(r.ok && r.scenario.provenance?.calibration).toBe(notes);
  });
});

describe('paths of odd keys (found by tests/fuzz-scenario.test.ts)', () => {
  it('quotes a key that is not a plain name, so an unknown "" key still has a path', () => {
    expect(formatPath(['a', '', 0, 'b c', 'x.y', 'ok_1', 'is-ok', '__proto__'])).toBe(
      'a[""][0]["b c"]["x.y"].ok_1.is-ok.__proto__',
    );
    const r = validateScenario({ ...fullScenario(), '': 0 });
    expect(r.ok ? [] : r.errors).toEqual([
      { path: '[""]', message: 'is not a known field (check its spelling)' },
    ]);
  });

  it('refuses a calibration list with named properties (structuredClone copies them)', () => {
    const list: Json = [1, 2];
    list.extra = { deep: true };
    expect(errorsAfter((s) => (s.provenance.calibration = { list }))).toEqual([
      'provenance.calibration.list: must be a plain list, without named properties',
    ]);
  });
});

describe('specialists, rates and prospecting (docs/model.md §12–§14)', () => {
  /** The full scenario with a pool, rates and prospecting on the first strategy. */
  function withMechanisms(): Json {
    const s = fullScenario();
    s.team.costPerSellingHour = 120;
    s.team.specialists = [
      { id: 'se', name: 'Sales engineers', hoursPerWeek: 40, costPerHour: 150 },
    ];
    s.segments[0].specialistHoursPerSellingHour = { se: 0.25 };
    s.segments[1].specialistHoursPerSellingHour = { se: 1 };
    s.segments[0].prospecting = { hoursPerOpportunity: 4, lagWeeks: 2 };
    s.strategies[0].prospecting = { pursue: 'sweet-spot', when: 'always' };
    return s;
  }

  it('accepts them, and keeps them as given', () => {
    const s = withMechanisms();
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.team.specialists).toEqual(s.team.specialists);
    expect(r.scenario.segments[1]?.specialistHoursPerSellingHour).toEqual({ se: 1 });
    expect(r.scenario.strategies[0]?.prospecting).toEqual({ pursue: 'sweet-spot', when: 'always' });
  });

  const POOL = (field: string): Path => ['team', 'specialists', 0, field];
  const NEEDS: Path = ['segments', 0, 'specialistHoursPerSellingHour'];
  const PROSPECTING = (field: string): Path => ['segments', 0, 'prospecting', field];
  const PROSPECTS = (field: string): Path => ['strategies', 0, 'prospecting', field];

  // Each row: where, the value set there, and the problem named after the path.
  it.each<[Path, unknown, string]>([
    [['team', 'costPerSellingHour'], -1, 'must be at least $0'],
    [['team', 'costPerSellingHour'], 'x', 'must be a number'],
    [['team', 'specialists'], {}, 'must be a list of specialist pools'],
    [POOL('hoursPerWeek'), -1, 'must be at least 0 hours a week'],
    [POOL('costPerHour'), -3, 'must be at least $0'],
    [POOL('id'), 'a b', 'must start with a letter or digit and use only letters, digits, - and _'],
    [NEEDS, [1], 'must be an object of pool ids and hours, like {"presales": 0.5}'],
    [[...NEEDS, 'se'], -0.5, 'must be at least 0'],
    [[...NEEDS, 'se'], 21, 'must be at most 20'],
    [[...NEEDS, 'se'], 'lots', 'must be a number'],
    [PROSPECTING('hoursPerOpportunity'), 0, 'must be greater than 0 hours'],
    [PROSPECTING('lagWeeks'), 0, 'must be at least 1 week'],
    [PROSPECTING('lagWeeks'), 1.5, 'must be a whole number'],
    [PROSPECTS('when'), 'sometimes', 'must be one of "always", "during-push"'],
    [PROSPECTS('pursue'), 7, 'must be "sweet-spot", "all" or a list of segment ids'],
  ])('names %j and its problem', (path, value, problem) => {
    const message = `${formatPath(path)}: ${problem}`;
    expect(errorsAfter((s) => setAt(s, path, value), withMechanisms)).toContain(message);
  });

  it('rejects a "__proto__" pool key and unknown fields', () => {
    const errors = errorsAfter((s) => {
      s.segments[0].specialistHoursPerSellingHour = JSON.parse('{"__proto__": 1}');
      s.team.specialists[0].colour = 'red';
    }, withMechanisms);
    expect(errors).toContain(
      'segments[0].specialistHoursPerSellingHour.__proto__: must be a pool id: a letter or digit, then letters, digits, - and _',
    );
    expect(errors).toContain(
      'team.specialists[0].colour: is not a known field (check its spelling)',
    );
  });

  it('names a pool that is not in the team, and a duplicate pool id', () => {
    expect(
      errorsAfter((s) => {
        s.segments[1].specialistHoursPerSellingHour = { legal: 2 };
      }, withMechanisms),
    ).toEqual([
      'segments[1].specialistHoursPerSellingHour.legal: names an unknown specialist pool ("legal"): add it to team.specialists',
    ]);
    expect(
      errorsAfter((s) => {
        s.team.specialists.push({ id: 'se', name: 'Again', hoursPerWeek: 1 });
      }, withMechanisms),
    ).toEqual(['team.specialists[1].id: duplicates another pool id ("se")']);
  });

  it('names a prospected segment without prospecting settings, and "during-push" without a push', () => {
    expect(
      errorsAfter((s) => {
        s.strategies[0].prospecting.pursue = 'all';
      }, withMechanisms),
    ).toEqual([
      `strategies[0].prospecting.pursue: takes segment "${saasMidMarket.segments[1]?.id}", which has no prospecting settings (segments[1].prospecting)`,
    ]);
    const noPush = withMechanisms();
    const i = noPush.strategies.findIndex((st: Json) => st.quarterEndPush === undefined);
    noPush.strategies[i].prospecting = { pursue: 'sweet-spot', when: 'during-push' };
    const r = validateScenario(noPush);
    expect(r.ok ? [] : r.errors.map(formatError)).toEqual([
      `strategies[${i}].prospecting.when: is "during-push" but the strategy has no quarterEndPush`,
    ]);
  });

  it('counts the most prospecting can source in the run budget', () => {
    const errors = errorsAfter((s) => {
      s.segments[0].prospecting.hoursPerOpportunity = 0.01;
    }, withMechanisms);
    expect(errors.some((e) => e.startsWith('segments: could bring up to'))).toBe(true);
  });
});
