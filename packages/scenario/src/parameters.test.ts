/**
 * The parameter catalogue against the scenario format: every catalogued path exists in a scenario,
 * every number a scenario holds is catalogued, and validation enforces exactly the catalogue's
 * bounds, saying each problem in the field's unit with its label.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, fullLabel, paramLabel } from './param-messages.ts';
import {
  BOUNDS,
  type CataloguedParam,
  type NumberRule,
  PARAMETER_LIST,
  PARAMETERS,
  paramAt,
} from './parameters.ts';
import { defaultScenario } from './presets.ts';
import { lognormalOfQuantiles, Z90 } from './quantiles.ts';
import { MIN_WIN_RATE } from './schema.ts';
import { push } from './test-strategies.ts';
import type { Scenario } from './types.ts';
import { validateScenario } from './validate.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests write arbitrary values anywhere.
type Json = any;

/**
 * The default scenario with every optional input set: pools, needs, prospecting, a push, and a
 * start from today's pipeline (which needs no warm-up: `withStart` false leaves it out).
 */
function fullScenario(withStart = true): Json {
  const s: Json = structuredClone(defaultScenario());
  if (withStart) {
    s.horizon.warmupWeeks = 0;
    s.start = {
      weekOfQuarter: 5,
      pipeline: [{ segment: s.segments[0].id, rep: 1, ageWeeks: 3, amount: 20_000, winOdds: 0.8 }],
      booked: [{ rep: 1, amount: 50_000, margin: 40_000 }],
      asOf: '2026-11-02',
    };
  }
  s.team.costPerSellingHour = 80;
  s.team.specialists = [{ id: 'se', name: 'Sales engineers', hoursPerWeek: 40, costPerHour: 90 }];
  for (const seg of s.segments) {
    seg.winRateUncertainty = 50;
    seg.sizeEffortCorrelation = 0.3;
    seg.sizeCycleCorrelation = 0.2;
    seg.specialistHoursPerSellingHour = { se: 0.5 };
    seg.prospecting = { hoursPerOpportunity: 6, lagWeeks: 3 };
  }
  s.strategies[0].quarterEndPush = { ...push };
  return s;
}

/** A concrete path of a catalogued parameter in fullScenario(): the first segment, pool, strategy. */
function concrete(param: CataloguedParam): string {
  return param.path.replace('[]', '[0]').replace('.*', '.se');
}

function read(s: Json, path: string): unknown {
  return path
    .split(/\.|\[|\]/)
    .filter((k) => k !== '')
    .reduce((o, k) => (o === undefined ? undefined : o[/^\d+$/.test(k) ? Number(k) : k]), s);
}

/** Sets a parameter; a quantile pair gets the value as both median and p90 (a fixed value). */
function write(s: Json, path: string, value: number): void {
  const keys = path.split(/\.|\[|\]/).filter((k) => k !== '');
  const last = keys.pop() as string;
  const parent = keys.reduce((o, k) => o[/^\d+$/.test(k) ? Number(k) : k], s);
  if (paramAt(path)?.param.quantiles) parent[last] = { median: value, p90: value };
  else parent[last] = value;
}

/** Every path of a number in a JSON value. */
function numberPaths(v: Json, path = ''): string[] {
  if (typeof v === 'number') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => numberPaths(x, `${path}[${i}]`));
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => numberPaths(x, path === '' ? k : `${path}.${k}`));
  return [];
}

describe('the parameter catalogue', () => {
  it('every catalogued path holds a number in the default preset (optional ones once set)', () => {
    const plain = defaultScenario() as Json;
    const full = fullScenario();
    expect(validateScenario(full).ok).toBe(true);
    for (const param of PARAMETER_LIST) {
      const path = concrete(param);
      const inPlain = ['run', 'horizon', 'team', 'dynamics', 'segment'].includes(param.group);
      const parts = param.quantiles ? [`${path}.median`, `${path}.p90`] : [path];
      for (const part of parts) {
        expect(typeof read(full, part), part).toBe('number');
        if (inPlain && !param.optional) expect(typeof read(plain, part), part).toBe('number');
        expect(paramAt(part)?.param, part).toBe(param);
      }
    }
  });

  it('every number a scenario holds is catalogued', () => {
    const full = validateScenario(fullScenario());
    if (!full.ok) throw new Error('fullScenario is invalid');
    const uncatalogued = numberPaths(full.scenario).filter(
      (p) => p !== 'version' && paramAt(p) === undefined,
    );
    expect(uncatalogued).toEqual([]);
  });

  it('keeps BOUNDS, the shape other code imports, equal to the catalogue', () => {
    expect(BOUNDS.segment.winRate).toEqual({ min: 0, max: 1 });
    expect(BOUNDS.team.quotaPerRepPerQuarter).toEqual({ min: 0.01, max: 1e15 });
    for (const param of PARAMETER_LIST)
      expect((BOUNDS as Json)[param.group][param.field], param.path).toBe(param.bounds);
  });

  it('matches paths as validation writes them, and nothing else', () => {
    expect(paramAt('segments[12].dealSize.p90')).toMatchObject({ index: 12, part: 'p90' });
    expect(paramAt('segments[0].specialistHoursPerSellingHour["a b"]')?.pool).toBe('a b');
    expect(paramAt('team.specialists[3].costPerHour')?.param.label).toBe('Loaded cost per hour');
    for (const path of ['segments[0].winRate.p90', 'segments[0].name', 'team', '', 'x.reps'])
      expect(paramAt(path), path).toBeUndefined();
  });

  it('says values in their units', () => {
    expect(formatValue('percent', 0.3)).toBe('30%');
    expect(formatValue('percent', MIN_WIN_RATE)).toBe('0.0000001%');
    expect(formatValue('money', 1e9, 'USD')).toBe('$1,000,000,000');
    expect(formatValue('money', 0.01, 'USD')).toBe('$0.01');
    expect(formatValue('money', 1e9, 'EUR')).toBe('€1,000,000,000');
    expect(formatValue('money', 1e9)).toBe('1,000,000,000');
    expect(formatValue('hours-per-week', 1)).toBe('1 hour a week');
    expect(formatValue('weeks', 0)).toBe('0 weeks');
    expect(formatValue('week', 1)).toBe('week 1');
    expect(formatValue('multiplier', 3)).toBe('3×');
  });
});

/** The next double above or below `x`. */
function step(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + BigInt((x > 0 ? 1 : -1) * dir));
  return view.getFloat64(0);
}

/** Values inside a rule: whole numbers for an int rule. */
function inside(rule: NumberRule): fc.Arbitrary<number> {
  const min = rule.above ?? (rule.min as number);
  const max = rule.max as number;
  if (rule.int) return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
  return fc.double({ min, max, minExcluded: rule.above !== undefined, noNaN: true });
}

/** The one value a parameter may not take inside its bounds, or its cross-field limit. */
function allowed(param: CataloguedParam, value: number, s: Json): boolean {
  if (param.field === 'winRate') return value === 0 || value >= MIN_WIN_RATE;
  if (param.group === 'push' && param.field === 'fromWeek')
    return value <= s.horizon.weeksPerQuarter;
  if (param.group === 'start' && param.field === 'weekOfQuarter')
    return value <= s.horizon.weeksPerQuarter;
  if (param.field === 'rep') return value <= s.team.reps;
  return true;
}

/** fullScenario for a parameter: the warm-up's range is only open without a start. */
function scenarioFor(param: CataloguedParam): Json {
  return fullScenario(param.path !== 'horizon.warmupWeeks');
}

/** The problems validation reports about a parameter's own path (budget rules aside). */
function problemsAt(s: Json, path: string): { path: string; message: string }[] {
  const r = validateScenario(s);
  return r.ok ? [] : r.errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
}

describe.each(PARAMETER_LIST.map((p) => [p.path, p] as const))(
  'validation enforces the catalogue’s bounds of %s',
  (_, param) => {
    const path = concrete(param);
    const rule = param.bounds as NumberRule;

    it('accepts every value inside them, the bounds included', () => {
      const edges = [rule.min, rule.max].filter((b): b is number => b !== undefined);
      fc.assert(
        fc.property(fc.oneof(inside(rule), fc.constantFrom(...edges, ...edges)), (value) => {
          const s = scenarioFor(param);
          fc.pre(allowed(param, value, s));
          write(s, path, value);
          expect(problemsAt(s, path)).toEqual([]);
        }),
        { numRuns: 40, seed: 20261205 },
      );
    });

    const outside: [string, number, string][] = [];
    const at = (n: number) => formatValue(param.unit, n, 'USD');
    if (rule.min !== undefined)
      outside.push([
        'just below the minimum',
        rule.int ? rule.min - 1 : step(rule.min, -1),
        `must be at least ${at(rule.min)}`,
      ]);
    if (rule.above !== undefined)
      outside.push([
        'at the exclusive minimum',
        rule.above,
        `must be greater than ${at(rule.above)}`,
      ]);
    if (rule.max !== undefined)
      outside.push([
        'just above the maximum',
        rule.int ? rule.max + 1 : step(rule.max, 1),
        `must be at most ${at(rule.max)}`,
      ]);

    it.each(outside)('refuses a value %s, naming the label and speaking the unit', (_, v, said) => {
      const s = scenarioFor(param);
      write(s, path, v);
      const problems = problemsAt(s, path);
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem.message).toBe(said);
        const label = paramLabel(problem.path, s);
        expect(label?.label.startsWith(param.label), problem.path).toBe(true);
        // The line a person reads names the field by its label, never by its path.
        const line = `${fullLabel(label as NonNullable<typeof label>)} ${problem.message}`;
        expect(line).toContain(param.label);
        expect(line).not.toContain(param.field);
      }
    });
  },
);

describe('labels say where a parameter is, in the scenario’s own names', () => {
  it('names segments, pools and strategies by number and name', () => {
    const s: Scenario = fullScenario();
    expect(fullLabel(paramLabel('segments[1].winRate', s) as Json)).toBe(
      'Segment 2 (Out of profile): Win rate',
    );
    expect(fullLabel(paramLabel('segments[0].dealSize.p90', s) as Json)).toBe(
      'Segment 1 (Sweet spot (mid-market SaaS)): Deal size, P90',
    );
    expect(fullLabel(paramLabel('segments[0].specialistHoursPerSellingHour.se', s) as Json)).toBe(
      'Segment 1 (Sweet spot (mid-market SaaS)): Specialist hours per selling hour (Sales engineers)',
    );
    expect(fullLabel(paramLabel('team.specialists[0].hoursPerWeek', s) as Json)).toBe(
      'Specialist pools, Sales engineers: Hours per week (whole team)',
    );
    expect(fullLabel(paramLabel('strategies[0].quarterEndPush.overtime', s) as Json)).toBe(
      'Strategy 1 (Focus on the sweet spot), quarter-end push: Push hours',
    );
    expect(fullLabel(paramLabel('trials', s) as Json)).toBe('Trials');
    // A nameless segment is still named by its place.
    const nameless = fullScenario();
    nameless.segments[1].name = ' ';
    expect(fullLabel(paramLabel('segments[1].winRate', nameless) as Json)).toBe(
      'Segment 2: Win rate',
    );
  });

  it('gives each group’s fields distinct labels', () => {
    for (const fields of Object.values(PARAMETERS)) {
      const labels = Object.values(fields).map((f) => f.label);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('quantiles → lognormal', () => {
  it('is exact for a fixed value and matches the formula to the bit', () => {
    expect(lognormalOfQuantiles({ median: 10, p90: 10 })).toEqual({ mu: Math.log(10), sigma: 0 });
    const { mu, sigma } = lognormalOfQuantiles({ median: 20_000, p90: 35_000 });
    expect(mu).toBe(Math.log(20_000));
    expect(sigma).toBe((Math.log(35_000) - Math.log(20_000)) / 1.2815515655446004);
  });

  it('puts the median and the p90 back where they were (within 1e-12, relative)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e12, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (median, spread) => {
          const p90 = median * spread;
          const { mu, sigma } = lognormalOfQuantiles({ median, p90 });
          expect(Math.abs(Math.exp(mu) / median - 1)).toBeLessThan(1e-12);
          expect(Math.abs(Math.exp(mu + Z90 * sigma) / p90 - 1)).toBeLessThan(1e-12);
          expect(sigma).toBeGreaterThanOrEqual(0);
        },
      ),
      { seed: 20261205 },
    );
  });
});
