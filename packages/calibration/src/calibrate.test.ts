import { describe, expect, it } from 'vitest';
import { type Calibration, type CalibrationResult, calibrate } from './calibrate.ts';
import { parseCsv } from './csv.ts';
import { guessMapping } from './mapping.ts';
import { parseSegmentRule, type SegmentRule } from './segments.ts';
import { SYNTHETIC_AS_OF, SYNTHETIC_CSV } from './testing/synthetic.ts';

function rules(...specs: string[]): SegmentRule[] {
  return specs.map((s) => {
    const r = parseSegmentRule(s);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  });
}

const SEGMENTS = rules(
  'id=core;name=North;sweet=true;Region in north',
  'id=edge;name=South;Region = South',
);

function ok(result: CalibrationResult): Calibration {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result;
}

describe('calibrate (synthetic export with a known answer)', () => {
  it('fits win rate, deal size, censored cycle, arrivals and reports every unusable row', async () => {
    const table = await parseCsv(SYNTHETIC_CSV);
    const cal = ok(
      calibrate(table, {
        mapping: guessMapping(table.headers),
        segments: SEGMENTS,
        asOf: SYNTHETIC_AS_OF,
        fileName: 'x.csv',
      }),
    );
    const [core, edge] = cal.fits;
    if (!core || !edge) throw new Error('missing fits');
    expect(core).toMatchObject({ id: 'core', rows: 10, won: 4, lost: 2, open: 4 });
    expect(core.winRate.mean).toBeCloseTo(5 / 8, 12);
    expect(core.winRate.evidence).toBe(6);
    // Won amounts 1000, 2000, 4000, 8000: geometric mean √(2000·4000).
    expect(core.dealSize.median).toBeCloseTo(Math.sqrt(2000 * 4000), 6);
    expect(core.dealSize.empiricalMedian).toBe(3000);
    // Closed after 1..6 weeks, four open for 100 days: KM median 5 weeks, closed-only 3 weeks.
    expect(core.cycle.km.median).toBe(5);
    expect(core.cycle.naive.median).toBe(3);
    expect(core.cycle.censored).toBe(4);
    expect(core.cycle.median).toBe(5);
    // An open deal's forecast close date (A7, 2024-06-30) is ignored.
    expect(core.cycle.events).toBe(6);
    // Created dates span 2024-01-01 .. 2024-02-01 (32 days) and there are 3 owners.
    expect(cal.weeksSpanned).toBeCloseTo(32 / 7, 12);
    expect(cal.owners).toBe(3);
    expect(core.arrivals.perRepPerWeek).toBeCloseTo(10 / (3 * (32 / 7)), 12);
    expect(edge).toMatchObject({ won: 4, lost: 1, open: 0 });
    expect(edge.dealSize.n).toBe(3);
    expect(core.warnings[0]).toContain('only 6 closed deals');
    expect(core.discount).toMatchObject({ source: 'none', value: 0 });

    const byLine = cal.report.issues.map((i) => [i.line, i.reason, i.severity]);
    expect(byLine).toEqual([
      [17, 'duplicate-id', 'rejected'],
      [18, 'missing-stage', 'rejected'],
      [19, 'missing-created-date', 'rejected'],
      [20, 'bad-created-date', 'rejected'],
      [21, 'closed-before-created', 'rejected'],
      [22, 'missing-closed-date', 'rejected'],
      [23, 'no-segment', 'rejected'],
      [24, 'wrong-field-count', 'rejected'],
      [25, 'won-without-amount', 'partial'],
    ]);
    expect(cal.report).toMatchObject({
      rowsRead: 23,
      rowsUsed: 15,
      rowsRejected: 8,
      rowsPartial: 1,
    });
    expect(cal.report.counts.find((c) => c.reason === 'no-segment')?.count).toBe(1);
    expect(cal.asOf).toEqual({ date: SYNTHETIC_AS_OF, source: 'user' });
    expect(cal.outcomes.find((o) => o.value === 'Qualification')).toMatchObject({
      outcome: 'open',
      guessed: true,
    });
  });

  it('takes the as-of date from the data: the latest created or close date of a closed deal', async () => {
    const table = await parseCsv(SYNTHETIC_CSV);
    const cal = ok(calibrate(table, { mapping: guessMapping(table.headers), segments: SEGMENTS }));
    expect(cal.asOf).toEqual({ date: '2024-03-07', source: 'data' });
  });

  it('counts deals closed after a user as-of date as open, and rejects deals created after it', async () => {
    const table = await parseCsv(SYNTHETIC_CSV);
    const coreOnly = SEGMENTS.slice(0, 1);
    const cal = ok(
      calibrate(table, {
        mapping: guessMapping(table.headers),
        segments: coreOnly,
        asOf: '2024-01-20',
      }),
    );
    const core = cal.fits[0];
    expect(core).toMatchObject({ won: 2, lost: 0, open: 8 });
    expect(cal.report.counts.find((c) => c.reason === 'closed-after-as-of')?.count).toBe(4);
    expect(cal.report.counts.find((c) => c.reason === 'created-after-as-of')?.count).toBe(5);
    // With segment "edge" (all created 2024-02-01, after the as-of date) nothing is left to fit it.
    const later = calibrate(table, {
      mapping: guessMapping(table.headers),
      segments: SEGMENTS,
      asOf: '2024-01-31',
    });
    expect(later.ok).toBe(false);
    if (!later.ok) {
      expect(later.problems[0]?.code).toBe('unfittable');
      expect(later.report?.counts.find((c) => c.reason === 'created-after-as-of')?.count).toBe(5);
    }
  });

  it('asks instead of guessing when dates fit both dd/mm and mm/dd', async () => {
    const csv =
      'id,stage,amount,created,closed\n1,Won,10,03/04/17,05/06/17\n2,Lost,0,01/02/17,02/03/17\n';
    const table = await parseCsv(csv);
    const mapping = { stage: 'stage', amount: 'amount', created: 'created', closed: 'closed' };
    const result = calibrate(table, { mapping });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.code, p.column, p.candidates])).toEqual([
      ['ambiguous-date', 'created', ['dmy', 'mdy']],
      ['ambiguous-date', 'closed', ['dmy', 'mdy']],
    ]);
    const dmy = ok(calibrate(table, { mapping, dateOrder: 'dmy' }));
    expect(dmy.createdRange).toEqual({ from: '2017-02-01', to: '2017-04-03' });
    const mdy = ok(calibrate(table, { mapping, dateOrder: 'mdy' }));
    expect(mdy.createdRange).toEqual({ from: '2017-01-02', to: '2017-03-04' });
  });

  it('reads a ;-separated export with decimal commas and currency symbols', async () => {
    const csv =
      'Deal Stage;Amount;Create Date;Close Date\nWon;1.234,50 €;13.01.2024;15.02.2024\nWon;"2.000,00 €";01.02.2024;20.02.2024\nLost;0;03.02.2024;21.02.2024\nWon;500;03.02.2024;22.02.2024\n';
    const table = await parseCsv(csv);
    expect(table.delimiter).toBe(';');
    const cal = ok(calibrate(table, { mapping: guessMapping(table.headers), decimal: ',' }));
    expect(cal.fits[0]?.dealSize.empiricalMedian).toBe(1234.5);
    expect(cal.fits[0]?.dealSize.n).toBe(3);
    expect(cal.dates.created.order).toBe('dmy');
    // Read with a decimal point, the same amounts are unusable, and a hint says why.
    const wrong = ok(calibrate(table, { mapping: guessMapping(table.headers), decimal: '.' }));
    expect(wrong.report.counts.find((c) => c.reason === 'won-without-amount')?.count).toBe(2);
    expect(wrong.warnings.join(' ')).toContain('decimal comma');
  });

  it('estimates discount from list prices, clamped to [0, 0.95]', async () => {
    const csv =
      'stage,amount,list,created,closed\nWon,90,100,2024-01-01,2024-01-10\nWon,80,100,2024-01-01,2024-01-10\nWon,120,100,2024-01-01,2024-01-10\nLost,0,100,2024-01-01,2024-01-10\n';
    const table = await parseCsv(csv);
    const mapping = {
      stage: 'stage',
      amount: 'amount',
      listPrice: 'list',
      created: 'created',
      closed: 'closed',
    };
    const fit = ok(calibrate(table, { mapping })).fits[0];
    expect(fit?.discount.value).toBeCloseTo(0.1, 12);
    expect(fit?.listDealSize.median).toBeCloseTo((fit?.wonSize.median ?? 0) / 0.9, 9);
    const above = await parseCsv(csv.replace(/,90,/, ',150,').replace(/,80,/, ',130,'));
    expect(ok(calibrate(above, { mapping })).fits[0]?.discount.value).toBe(0);
  });

  it('returns structured problems for bad mapping, segments and as-of', async () => {
    const table = await parseCsv(SYNTHETIC_CSV);
    const mapping = guessMapping(table.headers);
    const noAmount = calibrate(table, { mapping: { ...mapping, amount: 'Revenue' } });
    expect(noAmount).toMatchObject({ ok: false, problems: [{ code: 'mapping' }] });
    const badColumn = calibrate(table, {
      mapping,
      segments: rules('id=a;sweet=true;Regoin in North'),
    });
    expect(badColumn).toMatchObject({ ok: false, problems: [{ code: 'segments' }] });
    const badAsOf = calibrate(table, { mapping, asOf: '10/04/2024' });
    expect(badAsOf).toMatchObject({ ok: false, problems: [{ code: 'as-of' }] });
  });
});
