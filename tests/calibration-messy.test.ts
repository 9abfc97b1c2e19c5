/**
 * Messy CRM exports (issue 14, part 5): three differently shaped exports written for these tests
 * (tests/fixtures/crm-*-messy, made by tests/fixtures/crm-generator/generate.py, which also writes
 * each one's expected.json: the lines of every planted problem) are calibrated end to end, through
 * the package and through the built CLI, and every planted problem must come out as the specific
 * row reason or warning docs/calibration.md promises — never as a failure of the whole run.
 *
 * - Salesforce report: `Opportunity ID`, `Stage`, `Amount` ($12,500.00), US dates (3/4/2024, some
 *   with `, 9:30 AM`), `Closed - No Decision`, `closed won` next to `Closed Won`, `NA` amounts,
 *   `null` owners, a repeated id, CRLF lines and the report's footer lines.
 * - HubSpot export: `Record ID`, `Deal Stage` (closedwon, closedlost, contractsent…), ISO
 *   timestamps (2024-03-04T10:00:00Z and 2024-03-04 10:00), `No bid`, `null` amounts, repeated ids.
 * - Spreadsheet: no id column, `status`, `project_total` (£), `date_sourced` / `date_decided` with
 *   month names (4 Mar 2024, 04-Mar-2024), `Passed` / `No decision`, `WON`, `-`, `—` and `NA`
 *   cells, a row pasted twice, a stage of `N/A`.
 * Each also has: an amount of 1e308, a negative amount, a date in 1900, a close date years in the
 * future, and open deals far older than any won deal took (stale).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildScenario,
  type Calibration,
  type CalibrationOptions,
  calibrate,
  guessMapping,
  parseCsv,
  parseSegmentRule,
  type RowReason,
} from '@sweetspot/calibration';
import { parseScenarioJson, validateScenario } from '@sweetspot/scenario';
import { HUBSPOT_MAPPING, SALESFORCE_MAPPING } from '@sweetspot/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, ROOT, scratchDir, sweetspot } from './helpers/cli.ts';

const FIXTURES = path.join(ROOT, 'tests/fixtures');

interface Fixture {
  dir: string;
  file: string;
  mapping: Record<string, string>;
  segments: string[];
  /** Stage values as the export writes them. */
  won: string;
  lost: string;
  noDecisionWord: string;
  dateFormat: string;
}

const SHAPES: Fixture[] = [
  {
    dir: 'crm-salesforce-messy',
    file: 'opportunities.csv',
    mapping: SALESFORCE_MAPPING,
    segments: [
      'id=new;name=New business;sweet=true;Type = New Business',
      'id=existing;name=Existing business;Type = Existing Business',
    ],
    won: 'Closed Won',
    lost: 'Closed Lost',
    noDecisionWord: 'Closed - No Decision',
    dateFormat: 'mm/dd/yyyy',
  },
  {
    dir: 'crm-hubspot-messy',
    file: 'deals.csv',
    mapping: HUBSPOT_MAPPING,
    segments: ['id=software;name=Software;sweet=true;Industry = Software', 'id=other;name=Other'],
    won: 'closedwon',
    lost: 'closedlost',
    noDecisionWord: 'No bid',
    dateFormat: 'yyyy-mm-dd',
  },
  {
    dir: 'crm-spreadsheet-messy',
    file: 'pipeline.csv',
    mapping: {
      stage: 'status',
      amount: 'project_total',
      created: 'date_sourced',
      closed: 'date_decided',
      owner: 'salesperson',
    },
    segments: [
      'id=health;name=Healthcare;sweet=true;sector in healthcare',
      'id=edu;name=Education;sector = Education',
    ],
    won: 'Won',
    lost: 'Lost',
    noDecisionWord: 'Passed',
    dateFormat: 'd mmm yyyy',
  },
];

type Expected = Record<string, number[]> & { asOf?: never };
const expected = (f: Fixture): Expected => {
  const raw = JSON.parse(readFileSync(path.join(FIXTURES, f.dir, 'expected.json'), 'utf8'));
  delete raw.asOf;
  return raw as Expected;
};
const csvPath = (f: Fixture) => path.join(FIXTURES, f.dir, f.file);

async function calibrateFixture(f: Fixture, extra: Partial<CalibrationOptions> = {}) {
  const table = await parseCsv(readFileSync(csvPath(f), 'utf8'));
  const mapping = guessMapping(table.headers, (h) => {
    const i = table.headers.indexOf(h);
    return table.rows.slice(0, 500).map((r) => r[i] ?? '');
  });
  const segments = f.segments.map((s, i) => {
    const p = parseSegmentRule(s, i);
    if (!p.ok) throw new Error(p.message);
    return p.value;
  });
  const result = calibrate(table, { mapping, segments, fileName: f.file, ...extra });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return { table, mapping, result };
}

/** The reason and severity reported for a line. */
function reasonAt(cal: Calibration, line: number): { reason: RowReason; severity: string }[] {
  return cal.report.issues
    .filter((i) => i.line === line)
    .map((i) => ({ reason: i.reason, severity: i.severity }));
}

for (const f of SHAPES) {
  describe(`${f.dir}: through the package`, () => {
    const exp = expected(f);

    it('guesses the mapping and the date formats', async () => {
      const { mapping, result } = await calibrateFixture(f);
      expect(mapping).toEqual(f.mapping);
      expect(result.dates.created.detection).toMatchObject({
        kind: 'detected',
        format: f.dateFormat,
      });
      expect(result.dates.closed.detection).toMatchObject({
        kind: 'detected',
        format: f.dateFormat,
      });
    });

    it('reports each planted problem by line, with its reason, and calibrates the rest', async () => {
      const { result: cal } = await calibrateFixture(f);
      const expectReason = (key: string, reason: RowReason, severity: 'rejected' | 'partial') => {
        for (const line of exp[key] ?? [])
          expect(reasonAt(cal, line), `${key} at line ${line}`).toContainEqual({
            reason,
            severity,
          });
      };
      expectReason('duplicateId', 'duplicate-id', 'rejected');
      expectReason('duplicateRow', 'duplicate-row', 'rejected');
      expectReason('date1900', 'implausible-date', 'rejected');
      expectReason('absurdAmount', 'implausible-amount', 'partial');
      expectReason('negativeAmount', 'won-without-amount', 'partial');
      expectReason('missingCreated', 'missing-created-date', 'rejected');
      expectReason('missingStage', 'missing-stage', 'rejected');
      expectReason('missingOwner', 'missing-owner', 'partial');
      expectReason('footer', 'wrong-field-count', 'rejected');
      expectReason('futureClose', 'closed-after-as-of', 'partial');
      for (const line of exp.negativeAmount ?? [])
        expect(cal.report.issues.find((i) => i.line === line)?.detail).toContain('negative');

      // NA, N/A, null, -, — are missing values, never bad dates or amounts.
      const bad = cal.report.issues.filter((i) =>
        ['bad-created-date', 'bad-closed-date', 'bad-list-price'].includes(i.reason),
      );
      expect(bad).toEqual([]);
      // Nothing else is reported: every issue is one that was planted (or a stale base deal).
      const planted = new Set(Object.values(exp).flat());
      const unplanted = cal.report.issues.filter(
        (i) => !planted.has(i.line) && i.reason !== 'stale-open',
      );
      expect(unplanted).toEqual([]);

      // The isolated future close date does not move the as-of date; it is warned about by line.
      const futureLine = (exp.futureClose ?? [])[0] as number;
      expect(cal.asOf.source).toBe('data');
      expect(cal.asOf.date < '2025-01-01').toBe(true);
      expect(cal.futureCloseLines).toEqual(exp.futureClose);
      expect(cal.warnings.join('\n')).toMatch(
        new RegExp(`close date after the as-of date .*line ${futureLine}:`),
      );
      // Stale open deals: every planted zombie is listed (a few real old open deals may be too).
      expect(cal.stale?.policy).toBe('open');
      for (const line of exp.stale ?? []) expect(cal.stale?.lines).toContain(line);
      expect(cal.stale?.count).toBeLessThanOrEqual((exp.stale?.length ?? 0) + 3);
      expect(cal.warnings.join('\n')).toContain(`${cal.stale?.count} open deals are stale`); // < 1,000
      // The absurd amount is named in a warning with its line.
      expect(cal.warnings.join('\n')).not.toContain('segments[0]');

      // The scenario is valid, with finite deal sizes.
      const built = buildScenario(cal, {});
      expect(built.ok, built.ok ? '' : built.errors.join('\n')).toBe(true);
      if (!built.ok) return;
      expect(validateScenario(built.scenario).ok).toBe(true);
      for (const s of built.scenario.segments) {
        expect(Number.isFinite(s.dealSize.p90)).toBe(true);
        expect(s.dealSize.p90).toBeLessThan(1e7);
      }
      const fits = cal.fits.map((x) => x.id);
      expect(fits).toEqual(f.segments.map((s) => /id=([^;]+)/.exec(s)?.[1]));
    });

    it('no-decision deals: lost by default, left out of win rates with exclude, dropped with ignore', async () => {
      const nd = exp.noDecision ?? [];
      expect(nd.length).toBeGreaterThan(5);
      const lost = await calibrateFixture(f);
      const exclude = await calibrateFixture(f, { noDecision: 'exclude' });
      const ignore = await calibrateFixture(f, { noDecision: 'ignore' });
      const sum = (cal: Calibration, k: 'won' | 'lost' | 'noDecision' | 'open') =>
        cal.fits.reduce((s, x) => s + x[k], 0);
      expect(lost.result.noDecision).toBe('lost');
      expect(sum(lost.result, 'noDecision')).toBe(0);
      expect(sum(exclude.result, 'noDecision')).toBe(nd.length);
      expect(sum(lost.result, 'lost')).toBe(sum(exclude.result, 'lost') + nd.length);
      expect(sum(lost.result, 'won')).toBe(sum(exclude.result, 'won'));
      // Excluded: not in the win rate's evidence, still opportunities (rows and arrivals).
      for (const [a, b] of lost.result.fits.map((x, i) => [x, exclude.result.fits[i]] as const)) {
        const evidence = (x: typeof a | undefined) =>
          (x?.winRate.wins ?? 0) + (x?.winRate.losses ?? 0);
        expect(evidence(b)).toBe(evidence(a) - (b?.noDecision ?? 0));
        expect(b?.rows).toBe(a.rows);
        expect(b?.arrivals.opportunities).toBe(a.arrivals.opportunities);
        if ((b?.noDecision ?? 0) > 0)
          expect(b?.warnings.join(' ')).toContain('closed without a decision');
      }
      const dropped = ignore.result.report.issues.filter((i) => i.reason === 'no-decision');
      expect(dropped.map((i) => i.line)).toEqual(nd);
      expect(sum(ignore.result, 'lost')).toBe(sum(exclude.result, 'lost'));
      expect(sum(ignore.result, 'noDecision')).toBe(0);
    });

    it('stale open deals: counted as lost or left out of the cycle when asked', async () => {
      const open = (await calibrateFixture(f)).result;
      const asLost = (await calibrateFixture(f, { stale: 'lost' })).result;
      const excluded = (await calibrateFixture(f, { stale: 'exclude' })).result;
      const n = open.stale?.count ?? 0;
      const sum = (cal: Calibration, k: 'lost' | 'open') => cal.fits.reduce((s, x) => s + x[k], 0);
      expect(sum(asLost, 'lost')).toBe(sum(open, 'lost') + n);
      expect(sum(asLost, 'open')).toBe(sum(open, 'open') - n);
      const censored = (cal: Calibration) => cal.fits.reduce((s, x) => s + x.cycle.censored, 0);
      expect(censored(excluded)).toBe(censored(open) - n);
      for (const line of open.stale?.lines ?? [])
        expect(reasonAt(excluded, line)).toContainEqual({
          reason: 'stale-open',
          severity: 'partial',
        });
    });
  });
}

describe('as-of checks', () => {
  const f = SHAPES[1] as Fixture;
  it('a given as-of date far past the last created date is warned about, with the line', async () => {
    const { result } = await calibrateFixture(f, { asOf: '2025-06-30' });
    const w = result.warnings.find((x) => x.includes('after the last created date'));
    expect(w).toMatch(
      /as-of date 2025-06-30 is \d+ weeks after the last created date .*\(line \d+\)/,
    );
  });
  it('close dates after a given as-of date are listed by line and counted as open', async () => {
    const { result } = await calibrateFixture(f, { asOf: '2024-03-31' });
    expect(result.futureCloseLines.length).toBeGreaterThan(5);
    const w = result.warnings.find((x) => x.includes('close dates after the as-of date'));
    expect(w).toContain(`lines ${[...result.futureCloseLines].sort((a, b) => a - b)[0]},`);
  });
});

describe('messy exports through the CLI (npx sweetspot calibrate)', () => {
  const { dir: out, file: writeFile } = scratchDir('sweetspot-messy-');
  beforeAll(buildCli, 180_000);

  /** `sweetspot calibrate` on the fixture's export, with `args`. */
  const calibrateCli = (f: Fixture, ...args: string[]) =>
    sweetspot('calibrate', csvPath(f), ...args);

  for (const f of SHAPES) {
    it(`${f.dir}: calibrates, reports the planted rows and writes a valid scenario`, async () => {
      const exp = expected(f);
      const file = path.join(out, `${f.dir}.json`);
      const segs = f.segments.flatMap((s) => ['--segment', s]);
      const r = await calibrateCli(f, ...segs, '--out', file, '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as {
        calibration: Calibration & { report: { issuesTotal: number } };
      };
      const lines = (reason: string) =>
        json.calibration.report.issues.filter((i) => i.reason === reason).map((i) => i.line);
      expect(lines('implausible-amount')).toEqual(exp.absurdAmount);
      expect(lines('implausible-date')).toEqual(exp.date1900);
      expect(lines('closed-after-as-of')).toEqual(exp.futureClose);
      expect(json.calibration.stale?.lines).toEqual(expect.arrayContaining(exp.stale ?? []));
      const parsed = parseScenarioJson(readFileSync(file, 'utf8'));
      expect(parsed.ok).toBe(true);
      const v = await sweetspot('validate', file);
      expect(v.code).toBe(0);

      // The table output names the warnings and the lines.
      const t = await calibrateCli(f, ...segs);
      expect(t.code, t.stderr).toBe(0);
      expect(t.stdout).toContain('stale: open longer than');
      expect(t.stdout).toContain(`line ${(exp.absurdAmount ?? [])[0]}: implausible-amount`);
      expect(t.stdout).toContain('no-decision deals: counted as lost');
    });
  }

  it('a --won value no row has is an error listing the stages seen', async () => {
    const f = SHAPES[0] as Fixture;
    const r = await calibrateCli(f, '--won', 'Closed-Won', '--lost', f.lost);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stage values: the won value "Closed-Won" matches no row');
    expect(r.stderr).toContain('did you mean "Closed Won"');
    expect(r.stderr).toContain('stage values seen: "Closed Lost" (');
    expect(r.stderr).toContain('"Negotiation/Review"');
    expect(r.stderr).not.toContain('segments[0]');
  });

  it('a --won value matching differently written stages, and a near miss left open, are warnings', async () => {
    const f = SHAPES[0] as Fixture;
    const r = await calibrateCli(f, '--won', f.won, '--lost', f.lost);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'the won stage value "Closed Won" matches differently written stages: "Closed Won" (',
    );
    const s = SHAPES[2] as Fixture;
    const near = await calibrateCli(s, '--won', 'Won', '--lost', 'Lost,Los');
    expect(near.code).toBe(2);
    expect(near.stderr).toContain(
      'stage values: the lost value "Los" matches no row (did you mean "Lost"',
    );
  });

  it('--no-decision exclude and ignore, --stale lost', async () => {
    const f = SHAPES[2] as Fixture;
    const ex = await calibrateCli(f, '--no-decision', 'exclude');
    expect(ex.code, ex.stderr).toBe(0);
    expect(ex.stdout).toContain('rows: won/lost/no decision/open');
    expect(ex.stdout).toContain('no-decision deals: left out of win rates');
    const ig = await calibrateCli(f, '--no-decision', 'ignore', '--stale', 'lost');
    expect(ig.code, ig.stderr).toBe(0);
    expect(ig.stdout).toContain('closed without a decision, dropped');
    expect(ig.stdout).toContain('counted as lost, closed when they reached that age');
    const bad = await calibrateCli(f, '--no-decision', 'maybe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--no-decision must be one of lost, exclude, ignore');
  });

  it('a segment value that matches nothing suggests the nearest existing value', async () => {
    const f = SHAPES[0] as Fixture;
    // The rule tried, then every other deal in a second segment.
    const withRule = (rule: string) => calibrateCli(f, '--segment', rule, '--segment', 'id=rest');
    const r = await withRule('id=new;sweet=true;Type = New Busines');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'segment "new" matches no usable rows: no row has Type = "New Busines" (did you mean "New Business"?)',
    );
    const caseOnly = await withRule('id=new;sweet=true;Type in new business,Brand New');
    expect(caseOnly.code, caseOnly.stderr).toBe(0);
    expect(caseOnly.stdout).toContain('no row has Type = "Brand New"');
  });

  it('a missing required column lists the columns and the best candidates', async () => {
    const file = writeFile(
      'few-columns.csv',
      'Deal,Result,Charge,Kickoff,Signed\nA,Won,100,2024-01-01,2024-02-01\n',
    );
    const r = await sweetspot('calibrate', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no column was recognized for created, closed, amount');
    // Nothing in the names: the columns holding dates are the candidates for the date fields.
    expect(r.stderr).toContain(
      'created — the created (or engaged) date: best candidates "Kickoff", "Signed"',
    );
    expect(r.stderr).toContain('amount — the amount: best candidates "Charge"');
    expect(r.stderr).toContain(
      'Columns in the file: "Deal", "Result", "Charge", "Kickoff", "Signed"',
    );
  });
});

describe('absurd amounts', () => {
  const csv = (amounts: string[]) =>
    `stage,amount,created,closed\n${amounts.map((a, i) => `Won,${a},2024-01-${String((i % 28) + 1).padStart(2, '0')},2024-03-01`).join('\n')}\nLost,0,2024-01-02,2024-02-01\n`;
  const run = async (amounts: string[]) => {
    const table = await parseCsv(csv(amounts));
    const r = calibrate(table, { mapping: guessMapping(table.headers) });
    if (!r.ok) throw new Error(r.problems[0]?.message);
    return r;
  };
  const flagged = (cal: Calibration) =>
    cal.report.issues.filter((i) => i.reason === 'implausible-amount').map((i) => i.line);

  it('a lone amount 5,000× the median is left out of the deal size, by line', async () => {
    const amounts = Array.from({ length: 30 }, (_, i) => String(9000 + i * 100));
    amounts[7] = '50000000';
    const cal = await run(amounts);
    expect(flagged(cal)).toEqual([9]);
    expect(cal.fits[0]?.dealSize.n).toBe(29);
    expect(cal.fits[0]?.won).toBe(30);
    expect(cal.warnings.join(' ')).toContain('line 9: left out of the deal-size fit');
  });

  it('a tier of large deals 2,000× the median has company and is kept', async () => {
    const amounts = [
      ...Array.from({ length: 25 }, (_, i) => String(40 + i)),
      ...Array.from({ length: 5 }, (_, i) => String(100000 + i * 1000)),
    ];
    const cal = await run(amounts);
    expect(flagged(cal)).toEqual([]);
    expect(cal.fits[0]?.dealSize.n).toBe(30);
  });

  it('amounts in thousands (median below 1) are refused in plain words, not a scenario path', async () => {
    const cal = await run(['0.45', '0.8', '0.6', '0.3']);
    const built = buildScenario(cal, {});
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.join(' ')).toContain(
      'segment "all": the typical won amount is 0.5, below 1 currency unit; are the amounts written in thousands or millions?',
    );
    expect(built.errors.join(' ')).not.toMatch(/segments\[\d\]/);
  });

  it('1e308 is refused even with few won deals, and the scenario stays valid', async () => {
    const cal = await run(['1000', '1200', '1e308', '900']);
    expect(flagged(cal)).toEqual([4]);
    const built = buildScenario(cal, {});
    expect(built.ok).toBe(true);
  });
});
