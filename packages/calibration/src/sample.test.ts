/**
 * Calibration on the shared CRM sample (../shared/data/crm-sales-opportunities), checked against
 * numbers computed here independently from the raw lines with plain loops.
 */
import { validateScenario } from '@sweetspot/scenario';
import { describeWithSample, readSample, SAMPLE_FILES } from '@sweetspot/testing/sample';
import { beforeAll, expect, it } from 'vitest';
import { buildScenario } from './build-scenario.ts';
import { type Calibration, calibrate, type SegmentFit } from './calibrate.ts';
import { type CsvTable, parseCsv } from './csv.ts';
import { type JoinSpec, joinTables } from './join.ts';
import { guessMapping } from './mapping.ts';
import { parseSegmentRule, type SegmentRule } from './segments.ts';

interface Raw {
  line: number;
  agent: string;
  product: string;
  account: string;
  stage: string;
  engage: string;
  close: string;
  value: string;
}

/** Splits on lines and commas: valid because the sample has no quotes (checked below). */
function splitCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

const day = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
  86_400_000;
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);
function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (
    (sorted[lo] as number) +
    (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - (sorted[lo] as number))
  );
}

interface Expected {
  won: number;
  lost: number;
  open: number;
  winMean: number;
  geoMeanWon: number;
  medianWon: number;
  naiveMedianWeeks: number;
  kmMedianWeeks: number;
  perRepPerWeek: number;
  discount: number;
}

/** Everything the calibration should find for one segment, from plain loops over raw rows. */
function expectedFor(
  seg: Raw[],
  used: Raw[],
  asOf: number,
  listPrice: (r: Raw) => number,
): Expected {
  let won = 0;
  let lost = 0;
  let logSum = 0;
  const wonValues: number[] = [];
  const discounts: number[] = [];
  const closedDays: number[] = [];
  const obs: { t: number; event: boolean }[] = [];
  for (const r of seg) {
    if (r.stage === 'Won') {
      won++;
      const v = Number(r.value);
      wonValues.push(v);
      logSum += Math.log(v);
      discounts.push(1 - v / listPrice(r));
    }
    if (r.stage === 'Lost') lost++;
    if (r.close !== '') {
      closedDays.push(day(r.close) - day(r.engage));
      obs.push({ t: day(r.close) - day(r.engage), event: true });
    } else obs.push({ t: asOf - day(r.engage), event: false });
  }
  const closedSorted = sortNum(closedDays);
  const naive = closedSorted[Math.ceil(0.5 * closedSorted.length) - 1] as number;
  // Kaplan–Meier by brute force: at each event time, S *= 1 − deaths / at risk.
  let s = 1;
  let km = Number.NaN;
  for (const t of sortNum([...new Set(obs.filter((o) => o.event).map((o) => o.t))])) {
    let atRisk = 0;
    let deaths = 0;
    for (const o of obs) {
      if (o.t >= t) atRisk++;
      if (o.event && o.t === t) deaths++;
    }
    s *= 1 - deaths / atRisk;
    if (Number.isNaN(km) && s <= 0.5) km = t;
  }
  const owners = new Set(used.map((r) => r.agent)).size;
  let minE = Number.POSITIVE_INFINITY;
  let maxE = Number.NEGATIVE_INFINITY;
  for (const r of used) {
    minE = Math.min(minE, day(r.engage));
    maxE = Math.max(maxE, day(r.engage));
  }
  const weeks = (maxE - minE + 1) / 7;
  return {
    won,
    lost,
    open: seg.length - won - lost,
    winMean: (1 + won) / (2 + won + lost),
    geoMeanWon: Math.exp(logSum / won),
    medianWon: type7(sortNum(wonValues), 0.5),
    naiveMedianWeeks: naive / 7,
    kmMedianWeeks: km / 7,
    perRepPerWeek: seg.length / (owners * weeks),
    discount: Math.min(0.95, Math.max(0, type7(sortNum(discounts), 0.5))),
  };
}

function rules(...specs: string[]): SegmentRule[] {
  return specs.map((s) => {
    const r = parseSegmentRule(s);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  });
}

function checkFit(fit: SegmentFit | undefined, e: Expected): void {
  if (!fit) throw new Error('missing fit');
  expect([fit.won, fit.lost, fit.open]).toEqual([e.won, e.lost, e.open]);
  expect(fit.winRate.mean).toBeCloseTo(e.winMean, 12);
  expect(fit.winRate.evidence).toBe(e.won + e.lost);
  expect(fit.dealSize.median).toBeCloseTo(e.geoMeanWon, 6);
  expect(fit.dealSize.empiricalMedian).toBeCloseTo(e.medianWon, 9);
  expect(fit.cycle.naive.median).toBeCloseTo(e.naiveMedianWeeks, 12);
  expect(fit.cycle.km.median).toBeCloseTo(e.kmMedianWeeks, 12);
  expect(fit.arrivals.perRepPerWeek).toBeCloseTo(e.perRepPerWeek, 12);
  expect(fit.discount.value).toBeCloseTo(e.discount, 12);
  // Old open deals are censored, not dropped: time to close can only look longer.
  expect(fit.cycle.km.median).toBeGreaterThanOrEqual(fit.cycle.naive.median);
}

describeWithSample('calibration on the shared CRM sample', SAMPLE_FILES, () => {
  let raw: Raw[];
  let seriesOf: Map<string, string>;
  let priceOf: Map<string, number>;
  let sectorOf: Map<string, string>;
  let pipeline: CsvTable;
  let products: CsvTable;
  let accounts: CsvTable;
  let joins: JoinSpec[];

  beforeAll(async () => {
    const texts = ['sales_pipeline.csv', 'products.csv', 'accounts.csv'].map(readSample);
    for (const t of texts) {
      // The plain split below is only valid without quotes, and with one field count per file.
      expect(t.includes('"')).toBe(false);
      const widths = new Set(splitCsv(t).map((r) => r.length));
      expect(widths.size).toBe(1);
    }
    const [pipeText, prodText, acctText] = texts as [string, string, string];
    raw = splitCsv(pipeText)
      .slice(1)
      .map((f, i) => ({
        line: i + 2,
        agent: f[1] as string,
        product: f[2] as string,
        account: f[3] as string,
        stage: f[4] as string,
        engage: f[5] as string,
        close: f[6] as string,
        value: f[7] as string,
      }));
    seriesOf = new Map(
      splitCsv(prodText)
        .slice(1)
        .map((f) => [f[0] as string, f[1] as string]),
    );
    priceOf = new Map(
      splitCsv(prodText)
        .slice(1)
        .map((f) => [f[0] as string, Number(f[2])]),
    );
    sectorOf = new Map(
      splitCsv(acctText)
        .slice(1)
        .map((f) => [f[0] as string, f[1] as string]),
    );
    pipeline = await parseCsv(pipeText);
    products = await parseCsv(prodText);
    accounts = await parseCsv(acctText);
    joins = [
      {
        column: 'product',
        table: products,
        source: 'products.csv',
        aliases: { GTXPro: 'GTX Pro' },
      },
      { column: 'account', table: accounts, source: 'accounts.csv' },
    ];
  });

  const productKey = (p: string) => (p === 'GTXPro' ? 'GTX Pro' : p);
  const asOfOf = (rows: Raw[]) =>
    Math.max(
      ...rows
        .filter((r) => r.engage !== '')
        .map((r) => Math.max(day(r.engage), r.close ? day(r.close) : 0)),
    );

  /**
   * Checks fit i against figures computed independently from the rows of `used` that
   * `inSegment[i]` keeps (list prices from products.csv, the as-of date from the raw lines).
   */
  function checkFits(cal: Calibration, used: Raw[], inSegment: ((r: Raw) => boolean)[]): void {
    const asOf = asOfOf(raw);
    const price = (r: Raw) => priceOf.get(productKey(r.product)) as number;
    for (const [i, keep] of inSegment.entries()) {
      checkFit(cal.fits[i], expectedFor(used.filter(keep), used, asOf, price));
    }
  }

  function run(segments: SegmentRule[]): Calibration {
    const result = calibrate(pipeline, {
      mapping: { ...guessMapping(pipeline.headers), listPrice: 'sales_price' },
      joins,
      segments,
      fileName: 'sales_pipeline.csv',
    });
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
    return result;
  }

  it('reads all 8,800 rows and guesses the sample mapping', () => {
    expect(pipeline.rows).toHaveLength(8800);
    expect(pipeline.lines[8799]).toBe(8801);
    expect(guessMapping(pipeline.headers)).toMatchObject({
      stage: 'deal_stage',
      amount: 'close_value',
      created: 'engage_date',
      closed: 'close_date',
      owner: 'sales_agent',
    });
  });

  it('suggests "GTX Pro" for the pipeline\'s "GTXPro"', () => {
    const joined = joinTables(pipeline, [
      { column: 'product', table: products, source: 'products.csv' },
    ]);
    if (!joined.ok) throw new Error(joined.message);
    const gtxPro = raw.filter((r) => r.product === 'GTXPro');
    expect(joined.view.reports[0]?.unmatched).toEqual([
      {
        key: 'GTXPro',
        rows: gtxPro.length,
        firstLines: gtxPro.slice(0, 5).map((r) => r.line),
        suggestions: ['GTX Pro'],
      },
    ]);
  });

  it('segments by product series (GTX vs MG) match independent computations', () => {
    const cal = run(
      rules('id=gtx;name=GTX series;sweet=true;series in GTX', 'id=mg;name=MG series;series in MG'),
    );
    const dated = raw.filter((r) => r.engage !== '');
    const series = (r: Raw) => seriesOf.get(productKey(r.product));
    const used = dated.filter((r) => series(r) === 'GTX' || series(r) === 'MG');
    expect(cal.asOf.date).toBe('2017-12-31');
    checkFits(cal, used, [(r) => series(r) === 'GTX', (r) => series(r) === 'MG']);
    // Rejected: open deals with no engage date, and GTK deals (in no segment).
    const counts = Object.fromEntries(cal.report.counts.map((c) => [c.reason, c.count]));
    expect(counts).toEqual({
      'missing-created-date': raw.length - dated.length,
      'no-segment': dated.filter((r) => series(r) === 'GTK').length,
    });
    expect(cal.report.rowsUsed).toBe(used.length);
    const built = buildScenario(cal);
    if (!built.ok) throw new Error(built.errors.join('; '));
    expect(validateScenario(built.scenario).ok).toBe(true);
    expect(built.scenario.team.reps).toBe(new Set(used.map((r) => r.agent)).size);
  });

  it('segments by account sector match independent computations; empty accounts are in no segment', () => {
    const tech = ['technolgy', 'software', 'telecommunications'];
    const cal = run(
      rules(
        `id=tech;name=Technology;sweet=true;sector in ${tech.join(',')}`,
        'id=medical;name=Medical;sector = medical',
        `id=other;name=Other sectors;sector not in ${tech.join(',')},medical`,
      ),
    );
    const dated = raw.filter((r) => r.engage !== '');
    const sector = (r: Raw) => sectorOf.get(r.account) ?? '';
    const used = dated.filter((r) => sector(r) !== '');
    checkFits(cal, used, [
      (r) => tech.includes(sector(r)),
      (r) => sector(r) === 'medical',
      (r) => !tech.includes(sector(r)) && sector(r) !== 'medical',
    ]);
    const noSegment = cal.report.issues.filter((i) => i.reason === 'no-segment');
    expect(noSegment).toHaveLength(dated.length - used.length);
    expect(noSegment[0]?.detail).toBe('account is empty');
    const built = buildScenario(cal);
    if (!built.ok) throw new Error(built.errors.join('; '));
    const record = built.scenario.provenance?.calibration as {
      segments: { id: string; rows: number }[];
    };
    expect(record.segments.map((s) => s.rows)).toEqual(cal.fits.map((f) => f.rows));
  });

  it('points out the sample\'s "technolgy" spelling when a rule says "technology"', () => {
    const cal = run(
      rules(
        'id=tech;sweet=true;sector in technology,software',
        'id=rest;sector not in technology,software',
      ),
    );
    expect(cal.warnings).toContain(
      'segment "tech": no row has sector = "technology" (did you mean "technolgy"?)',
    );
  });
});
