/**
 * Hostile input: random malformed CSV (wrong delimiters, missing columns, garbage values, huge
 * fields, formula-injection strings) must always end in a structured result — no exception, no
 * hang — and text must stay text.
 */
import { validateScenario } from '@sweetspot/scenario';
import { AMOUNT_SPELLINGS, EXPORT_HEADERS, renderCell, STAGE_WORDS } from '@sweetspot/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario } from './build-scenario.ts';
import { calibrate } from './calibrate.ts';
import { type CsvTable, parseCsv } from './csv.ts';
import { type ColumnMapping, guessMapping, MAPPING_FIELDS, outcomeTable } from './mapping.ts';
import type { SegmentRule } from './segments.ts';

const FORMULAS = [
  '=HYPERLINK("http://x")',
  '=HYPERLINK("http://x","click me")',
  '=1+1',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '=cmd|"/c calc"!A1',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, kept as plain text
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
];

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...FORMULAS) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('Won', 'Lost', 'Closed Won', 'Closed Lost', 'Engaging', 'won', ''),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2017-03-01',
      '03/04/17',
      '31/12/2017',
      '12/31/2017',
      '2017-02-30',
      '1.2.2017',
      'soon',
      '2017-13-01',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '$1,234.50',
      '1.234,50 €',
      '(5)',
      '-7',
      '0',
      '1e999',
      'NaN',
      '12,34',
      '5000',
      '1 000',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '"',
      '""',
      '"a"b',
      '\r',
      '\n',
      '\r\n',
      ',',
      ';',
      '\t',
      '\ufeff',
      '\u0000',
      '\ud800',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const header = fc.oneof(
  fc.constantFrom(...EXPORT_HEADERS, 'series', 'deal_stage', 'engage_date', 'close_value'),
  fc.constantFrom(...FORMULAS),
  fc.string({ maxLength: 8 }),
);

const csvText = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|', ' '),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    headers: fc.array(header, { maxLength: 8 }),
    rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
    quoting: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }),
    trailing: fc.constantFrom('', '\n', '\n\n\n', ',,,\n', '  \n'),
  })
  .map(({ delimiter, newline, bom, headers, rows, quoting, trailing }) => {
    const lines = [headers, ...rows].map((r, i) =>
      r
        .map((v, j) => renderCell(v, delimiter, quoting[(i + j) % quoting.length] as number))
        .join(delimiter),
    );
    return `${bom ? '\ufeff' : ''}${lines.join(newline)}${trailing}`;
  });

const isoDay = (d: number) =>
  new Date(Date.UTC(2016, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/** A plausible export (standard headers, mostly valid values) with a few cells vandalized. */
const nearlyValid = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    newline: fc.constantFrom('\n', '\r\n'),
    rows: fc.array(
      fc.record({
        stage: fc.constantFrom(...STAGE_WORDS),
        amount: fc.constantFrom(...AMOUNT_SPELLINGS),
        created: fc.integer({ min: 0, max: 700 }),
        cycle: fc.integer({ min: -3, max: 200 }),
        owner: fc.constantFrom('Ann', 'Bob', 'Cy', '__proto__', '=1+1', ''),
        series: fc.constantFrom('GTX', 'MG', 'gtx', ''),
      }),
      { minLength: 5, maxLength: 80 },
    ),
    vandalism: fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { maxLength: 6 }),
  })
  .map(({ delimiter, newline, rows, vandalism }) => {
    const table = rows.map((r) => [
      r.stage,
      r.amount,
      isoDay(r.created),
      /won|lost/i.test(r.stage) ? isoDay(r.created + r.cycle) : '',
      r.owner,
      r.series,
    ]);
    for (const [i, j, v] of vandalism) {
      const row = table[i % table.length] as string[];
      row[j % row.length] = v;
    }
    const lines = [
      ['Stage', 'Amount', 'Created Date', 'Close Date', 'Owner', 'series'],
      ...table,
    ].map((r) => r.map((v) => renderCell(v, delimiter, 2)).join(delimiter));
    return lines.join(newline) + newline;
  });

const anyText = fc.oneof(
  { weight: 4, arbitrary: nearlyValid },
  { weight: 3, arbitrary: csvText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }) },
);

/** A mapping drawn from the table's own headers (or nonsense), and segment rules over them. */
const plan = fc.record({
  guess: fc.oneof(
    { weight: 3, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  picks: fc.array(fc.integer({ min: -1, max: 9 }), {
    minLength: MAPPING_FIELDS.length,
    maxLength: MAPPING_FIELDS.length,
  }),
  segmentColumn: fc.integer({ min: 0, max: 9 }),
  segmentValue: cell,
  fromData: fc.boolean(),
  segmentName: fc.oneof(fc.constantFrom(...FORMULAS), fc.string({ minLength: 1, maxLength: 30 })),
  op: fc.constantFrom('in', 'not in', '=', '>=', 'between', 'none', 'none'),
  dateOrder: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('ymd', 'dmy', 'mdy') },
  ),
  decimal: fc.oneof(
    { weight: 4, arbitrary: fc.constant('.') },
    { weight: 1, arbitrary: fc.constant(',') },
  ),
});

function mappingFor(table: CsvTable, p: { guess: boolean; picks: number[] }): ColumnMapping {
  if (p.guess) return guessMapping(table.headers);
  const mapping: ColumnMapping = {};
  MAPPING_FIELDS.forEach((field, i) => {
    const k = p.picks[i] as number;
    mapping[field] =
      k < 0 ? 'no such column' : table.headers[k % Math.max(1, table.headers.length)];
  });
  return mapping;
}

function rulesFor(
  table: CsvTable,
  p: {
    segmentColumn: number;
    segmentValue: string;
    segmentName: string;
    op: string;
    fromData: boolean;
  },
): SegmentRule[] {
  const index = p.segmentColumn % Math.max(1, table.headers.length);
  const column = table.headers[index] ?? 'missing';
  // Half the time, a value that occurs in the column, so the segment matches something.
  const value =
    (p.fromData
      ? table.rows[p.segmentColumn % Math.max(1, table.rows.length)]?.[index]
      : undefined) ?? p.segmentValue;
  p = { ...p, segmentValue: value };
  const conditions: SegmentRule['conditions'] =
    p.op === 'none'
      ? []
      : p.op === 'in' || p.op === 'not in'
        ? [{ column, op: p.op, values: [p.segmentValue] }]
        : p.op === '='
          ? [{ column, op: '=', value: p.segmentValue }]
          : p.op === '>='
            ? [{ column, op: '>=', value: 5 }]
            : [{ column, op: 'between', low: 1, high: 1e6 }];
  if (conditions.length === 0)
    return [{ id: 'all', name: p.segmentName, sweetSpot: true, conditions }];
  return [
    { id: 'first', name: p.segmentName, sweetSpot: true, conditions },
    { id: 'rest', name: 'Everything else', sweetSpot: false, conditions: [] },
  ];
}

/** The whole pipeline; checks the result's shape and returns it. */
type Plan = typeof plan extends fc.Arbitrary<infer T> ? T : never;

async function pipeline(text: string, p: Plan) {
  const table = await parseCsv(text, { maxRows: 2000 });
  expect(table.lines).toHaveLength(table.rows.length);
  for (const row of table.rows) {
    expect(row).toHaveLength(table.headers.length);
    for (const v of row) expect(typeof v).toBe('string');
  }
  for (const issue of table.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
  const result = calibrate(table, {
    mapping: mappingFor(table, p),
    segments: rulesFor(table, p),
    decimal: p.decimal as '.' | ',',
    ...(p.dateOrder ? { dateOrder: p.dateOrder as 'ymd' } : {}),
  });
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) expect(typeof problem.message).toBe('string');
    return result;
  }
  for (const fit of result.fits) {
    for (const x of [
      fit.winRate.mean,
      fit.dealSize.median,
      fit.dealSize.p90,
      fit.cycle.median,
      fit.cycle.p90,
      fit.discount.value,
    ])
      expect(Number.isFinite(x)).toBe(true);
  }
  for (const issue of result.report.issues) expect(issue.line).toBeGreaterThanOrEqual(1);
  const built = buildScenario(result);
  if (built.ok) {
    expect(validateScenario(JSON.parse(JSON.stringify(built.scenario))).ok).toBe(true);
    expect(built.scenario.segments.map((s) => s.id)).toEqual(result.fits.map((f) => f.id));
  } else expect(built.errors.length).toBeGreaterThan(0);
  return result;
}

describe('fuzz: hostile CSV always ends in a structured report', () => {
  it('random malformed CSV text and mappings never throw', { timeout: 60_000 }, async () => {
    const outcomes = { ok: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(anyText, plan, async (text, p) => {
        const result = await pipeline(text, p);
        outcomes[result.ok ? 'ok' : 'failed']++;
      }),
      { numRuns: 300 },
    );
    // Both paths must be exercised: structured failures and complete scenarios.
    expect(outcomes.ok).toBeGreaterThan(10);
    expect(outcomes.failed).toBeGreaterThan(20);
  });

  it('1 MB fields (quoted, unquoted, unterminated, multi-line) are kept whole or reported, never lost', {
    timeout: 60_000,
  }, async () => {
    // Each field as it is written in the file, and the text a parser must give back for it
    // (undefined: an unterminated quote, which swallows the rest of the file and is reported).
    // How fast this goes is measured by `npm run bench -w @sweetspot/calibration`.
    const fields: Array<{ raw: string; text: string | undefined }> = [
      { raw: 'x'.repeat(1_000_000), text: 'x'.repeat(1_000_000) },
      { raw: `"${'y\n'.repeat(500_000)}"`, text: 'y\n'.repeat(500_000) },
      { raw: `"${'z'.repeat(1_000_000)}`, text: undefined },
      {
        raw: `=HYPERLINK("${'h'.repeat(1_000_000)}")`,
        text: `=HYPERLINK("${'h'.repeat(1_000_000)}")`,
      },
      { raw: '9'.repeat(1_000_000), text: '9'.repeat(1_000_000) },
    ];
    const outcomes = { ok: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.integer({ min: 0, max: 4 }),
        plan,
        async (field, at, p) => {
          const rows = ['Stage,Amount,Created Date,Close Date,Owner'];
          for (let i = 0; i < 5; i++) {
            const cells = ['Won', '100', '2017-01-01', '2017-02-01', `Rep ${i}`];
            if (i === at) cells[i] = field.raw;
            rows.push(cells.join(','));
          }
          const text = rows.join('\n');
          const table = await parseCsv(text, { maxRows: 2000 });
          if (field.text === undefined) {
            // The rows before the open quote survive; the quote is reported on its line.
            expect(table.rows).toHaveLength(at);
            expect(table.issues.map((i) => [i.line, i.reason])).toContainEqual([
              at + 2,
              'malformed-quotes',
            ]);
          } else {
            // Every row is kept, and the big field comes back whole, as text, in its cell.
            expect(table.rows).toHaveLength(5);
            expect(table.headers).toHaveLength(5);
            expect(table.rows[at]?.[at] === field.text).toBe(true);
          }
          const result = await pipeline(text, { ...p, guess: true });
          outcomes[result.ok ? 'ok' : 'failed']++;
        },
      ),
      { numRuns: 8 },
    );
    expect(outcomes.ok + outcomes.failed).toBe(8);
  });

  it('formula-like strings pass through as plain text, and odd names stay names', async () => {
    const lines = [
      'Stage,Amount,Created Date,Close Date,Owner,Note',
      ...FORMULAS.map(
        (f, i) =>
          `"${f.replace(/"/g, '""')}",100,2017-01-0${(i % 9) + 1},2017-02-01,"${f.replace(/"/g, '""')}","${f.replace(/"/g, '""')}"`,
      ),
      'Won,100,2017-01-01,2017-02-01,__proto__,x',
      'Lost,0,2017-01-01,2017-02-01,constructor,x',
    ];
    const table = await parseCsv(lines.join('\n'));
    expect(table.rows.map((r) => r[5])).toEqual([...FORMULAS, 'x', 'x']);
    const outcomes = outcomeTable(table.rows.map((r) => r[0] as string));
    expect(
      outcomes.filter((o) => FORMULAS.includes(o.value)).every((o) => o.outcome === 'open'),
    ).toBe(true);
    const result = calibrate(table, {
      mapping: guessMapping(table.headers),
      segments: [
        {
          id: 'all',
          name: FORMULAS[0] as string,
          sweetSpot: true,
          conditions: [{ column: 'Note', op: 'in', values: ['x', ...FORMULAS] }],
        },
      ],
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
    // Every owner counts as a name, including __proto__ and constructor.
    expect(result.owners).toBe(new Set(table.rows.map((r) => r[4])).size);
    const built = buildScenario(result, { name: FORMULAS[3] as string });
    if (!built.ok) throw new Error(built.errors.join('; '));
    expect(built.scenario.name).toBe(FORMULAS[3]);
    expect(built.scenario.segments[0]?.name).toBe(FORMULAS[0]);
    expect(validateScenario(built.scenario).ok).toBe(true);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
