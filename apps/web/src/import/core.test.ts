import { defaultScenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { ImportSession } from './core.ts';
import type { AnalyzeConfig, CalibrateConfig, ParsedFileInfo } from './types.ts';

const HEADER = 'id,owner,product,stage,created,close_date,amount';

/** A small export: `n` deals per product, alternating won / lost / open, with ISO dates. */
function exportCsv(n: number, dates: (i: number) => [string, string] = isoDates): string {
  const lines = [HEADER];
  let id = 0;
  for (const product of ['Alpha', 'AlphaPro', 'Beta']) {
    for (let i = 0; i < n; i++) {
      const stage = ['Won', 'Lost', 'Engaging'][i % 3] as string;
      const [created, closed] = dates(i);
      const amount =
        stage === 'Won' ? String(1000 + 37 * i + (product === 'Beta' ? 5000 : 0)) : '0';
      lines.push(
        [
          `D${++id}`,
          `Rep ${i % 4}`,
          product,
          stage,
          created,
          stage === 'Engaging' ? '' : closed,
          amount,
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function isoDates(i: number): [string, string] {
  const d = (day: number) => new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
  return [d(i * 3), d(i * 3 + 20 + (i % 17))];
}

const PRODUCTS = 'product,family,list_price\nAlpha,A,1200\nAlpha Pro,A,2400\nBeta,B,7000\n';

async function parsed(session: ImportSession, id: number, text: string, name: string) {
  const outcome = await session.parseText(id, text, name);
  if (outcome.status !== 'parsed') throw new Error(JSON.stringify(outcome));
  return outcome.info;
}

function config(main: ParsedFileInfo, extra: Partial<AnalyzeConfig> = {}): AnalyzeConfig {
  return {
    mainFileId: main.fileId,
    mapping: {
      id: 'id',
      owner: 'owner',
      stage: 'stage',
      created: 'created',
      closed: 'close_date',
      amount: 'amount',
    },
    joins: [],
    distinctColumns: [],
    ...extra,
  };
}

/** One segment of every deal, won and lost by name: the calibration of `main` as a file. */
function allDeals(
  main: ParsedFileInfo,
  fileName: string,
  extra: Partial<CalibrateConfig> = {},
): CalibrateConfig {
  return {
    ...config(main),
    segments: [{ id: 'all', name: 'All', sweetSpot: true, conditions: [] }],
    outcomes: { won: ['Won'], lost: ['Lost'] },
    dateOrder: {},
    fileName,
    ...extra,
  };
}

describe('ImportSession: reading files', () => {
  it('parses a CSV and describes it', async () => {
    const session = new ImportSession();
    const info = await parsed(session, 1, exportCsv(30), 'deals.csv');
    expect(info.rows).toBe(90);
    expect(info.headers).toEqual(HEADER.split(','));
    expect(info.delimiter).toBe(',');
    expect(info.encoding).toBe('utf-8');
    expect(info.sample).toHaveLength(5);
    expect(info.notes).toEqual([]);
  });

  it('reports progress in bytes and rows, and can be cancelled', async () => {
    const session = new ImportSession();
    const text = exportCsv(3000);
    const seen: number[] = [];
    let stop = false;
    const outcome = await session.parseFile(1, new Blob([text]), 'big.csv', {
      onProgress: (p) => {
        seen.push(p.bytes);
        expect(p.totalBytes).toBe(text.length);
        if (p.rows > 0) stop = true;
      },
      cancelled: () => stop,
    });
    expect(outcome.status).toBe('cancelled');
    expect(seen.length).toBeGreaterThan(0);
    expect(session.has(1)).toBe(false);
  });

  it.each([
    ['book.xlsx', 'x', 'spreadsheet workbook'],
    ['notes.pdf', 'x', 'PDF file, not a CSV'],
    ['empty.csv', '', 'is empty (0 bytes)'],
    ['blank.csv', '\n\n   \n', 'has no rows'],
    ['prose.txt', 'Dear team\nplease find the numbers attached\n', 'only one column'],
    ['header.csv', 'stage,amount,created,closed\n', 'no data rows'],
  ])('refuses %s with a clear message', async (name, text, message) => {
    const outcome = await new ImportSession().parseText(1, text, name);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.message).toContain(message);
  });

  it('refuses binary content whatever its name', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]);
    const a = await new ImportSession().parseFile(1, new Blob([zip]), 'export.csv');
    expect(a.status === 'failed' && a.message).toContain('zip archive');
    const bin = new Uint8Array(64).map((_, i) => (i * 7) % 256);
    const b = await new ImportSession().parseFile(1, new Blob([bin]), 'export.csv');
    expect(b.status === 'failed' && b.message).toContain('does not look like text');
  });

  it('reads Windows-1252 and UTF-16 exports', async () => {
    const latin = Uint8Array.from([
      ...new TextEncoder().encode('owner,stage\nM'),
      0xfc,
      ...new TextEncoder().encode('ller,Won\nRen'),
      0xe9,
      ...new TextEncoder().encode(',Lost\n'),
    ]);
    const a = await new ImportSession().parseFile(1, new Blob([latin]), 'latin.csv');
    expect(a.status).toBe('parsed');
    if (a.status === 'parsed') {
      expect(a.info.encoding).toBe('windows-1252');
      expect(a.info.sample[0]?.[0]).toBe('Müller');
      expect(a.info.notes.join(' ')).toContain('not UTF-8');
    }
    const text = 'owner\tstage\nZoë\tWon\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    const b = await new ImportSession().parseFile(1, new Blob([utf16]), 'unicode.txt');
    expect(b.status === 'parsed' && b.info.sample[0]).toEqual(['Zoë', 'Won']);
  });
});

describe('ImportSession: live analysis', () => {
  it('guesses the mapping, reads stage values and detects ISO dates', async () => {
    const session = new ImportSession();
    const main = await parsed(session, 1, exportCsv(30), 'deals.csv');
    const a = session.analyze(config(main, { mapping: {} }));
    expect(a.guess).toMatchObject({
      id: 'id',
      stage: 'stage',
      created: 'created',
      closed: 'close_date',
      amount: 'amount',
      owner: 'owner',
    });
    const b = session.analyze(config(main));
    expect(b.outcomes?.map((o) => [o.value, o.outcome, o.count])).toEqual([
      ['Engaging', 'open', 30],
      ['Lost', 'lost', 30],
      ['Won', 'won', 30],
    ]);
    expect(b.dates.created).toMatchObject({ kind: 'detected', order: 'ymd' });
  });

  it('says when dates are ambiguous instead of guessing', async () => {
    const session = new ImportSession();
    // Days and months both ≤ 12: every date reads day-first and month-first.
    const amb = (i: number): [string, string] => [
      `${String((i % 12) + 1).padStart(2, '0')}/03/2023`,
      `${String((i % 12) + 1).padStart(2, '0')}/05/2023`,
    ];
    const main = await parsed(session, 1, exportCsv(12, amb), 'us-or-eu.csv');
    const a = session.analyze(config(main));
    expect(a.dates.created).toMatchObject({ kind: 'ambiguous', candidates: ['dmy', 'mdy'] });
    // Without an answer calibration stops and asks; with one it fits.
    const cal = allDeals(main, 'us-or-eu.csv');
    const stopped = session.calibrate(cal, defaultScenario());
    expect(stopped.ok).toBe(false);
    expect(!stopped.ok && stopped.problems[0]?.code).toBe('ambiguous-date');
    const fitted = session.calibrate(
      { ...cal, dateOrder: { created: 'dmy', closed: 'dmy' } },
      defaultScenario(),
    );
    expect(fitted.ok).toBe(true);
  });

  it('joins a lookup table, suggests near misses and counts rows per segment', async () => {
    const session = new ImportSession();
    const main = await parsed(session, 1, exportCsv(30), 'deals.csv');
    const products = await parsed(session, 2, PRODUCTS, 'products.csv');
    const join = {
      fileId: products.fileId,
      column: 'product',
      key: 'product',
      aliases: {},
      source: 'products.csv',
    };
    const segments = [
      {
        id: 'a',
        name: 'A family',
        sweetSpot: true,
        conditions: [{ column: 'family', op: 'in' as const, values: ['A'] }],
      },
      {
        id: 'b',
        name: 'B family',
        sweetSpot: false,
        conditions: [{ column: 'family', op: 'in' as const, values: ['B'] }],
      },
    ];
    const a = session.analyze(
      config(main, { joins: [join], segments, distinctColumns: ['family'] }),
    );
    expect(a.columns).toContain('family');
    expect(a.guess.listPrice).toBe('list_price');
    const report = a.joins[0];
    expect(report?.matched).toBe(60);
    expect(report?.unmatched[0]).toMatchObject({ key: 'AlphaPro', rows: 30 });
    expect(report?.unmatched[0]?.suggestions).toEqual(['Alpha Pro']);
    expect(report?.lookupKeys).toEqual(['Alpha', 'Alpha Pro', 'Beta']);
    expect(a.segments).toEqual({ counts: [30, 30], none: 30, warnings: [] });
    expect(a.distinct.family?.values).toEqual([
      { value: 'A', count: 30 },
      { value: 'B', count: 30 },
    ]);
    // Accepting the alias moves the 30 AlphaPro rows into segment A.
    const fixed = session.analyze(
      config(main, { joins: [{ ...join, aliases: { AlphaPro: 'Alpha Pro' } }], segments }),
    );
    expect(fixed.joins[0]?.aliased).toBe(30);
    expect(fixed.segments).toEqual({ counts: [60, 30], none: 0, warnings: [] });
  });

  it('reports a bad segment column instead of throwing', async () => {
    const session = new ImportSession();
    const main = await parsed(session, 1, exportCsv(5), 'deals.csv');
    const a = session.analyze(
      config(main, {
        segments: [
          {
            id: 'x',
            name: 'X',
            sweetSpot: true,
            conditions: [{ column: 'sectr', op: '=', value: 'y' }],
          },
        ],
      }),
    );
    expect(a.segments && 'error' in a.segments && a.segments.error).toContain('no column "sectr"');
  });
});

describe('ImportSession: calibration', () => {
  it('fits, builds a valid scenario on the base, and writes a formula-safe row report', async () => {
    const session = new ImportSession();
    const text = `${exportCsv(30)}D999,=HYPERLINK("http://x"),Alpha,Won,,2023-05-01,100\n`;
    const main = await parsed(session, 1, text, 'deals.csv');
    const base = defaultScenario();
    const out = session.calibrate(allDeals(main, 'deals.csv'), base);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const fit = out.calibration.fits[0];
    expect(fit?.won).toBe(30);
    expect(fit?.winRate.mean).toBeCloseTo(31 / 62, 12);
    expect(out.build.ok).toBe(true);
    if (!out.build.ok) return;
    // As the CLI: buildScenario, then replayHistory; the replayed scenario is the one to open.
    expect(out.replay?.ok).toBe(true);
    if (!out.replay?.ok) return;
    const scenario = out.replay.scenario;
    expect(validateScenario(scenario).ok).toBe(true);
    expect(scenario.name).toBe(`${base.name} — calibrated from deals.csv`);
    // Strategies: as-is (what the team did) and focus, compared focus vs as-is.
    expect(scenario.strategies.slice(0, 2).map((s) => s.id)).toEqual(['as-is', 'focus']);
    expect(scenario.compare).toEqual(['focus', 'as-is']);
    // Effort is solved, not the base's: effort median = rate × cycle median, scaled from the
    // build's start by a factor in [1/64, 4] (docs/calibration.md, "Selling hours and effort").
    const seg = scenario.segments[0];
    const start = out.build.scenario.segments[0];
    if (!seg || !start) throw new Error('no segment');
    const record = scenario.provenance?.calibration as { effortHoursPerCycleWeek?: number };
    const rate = record.effortHoursPerCycleWeek ?? Number.NaN;
    expect(rate).toBeGreaterThan(0);
    expect(seg.effortHours.median / seg.salesCycleWeeks.median).toBeCloseTo(rate, 2);
    const factor = seg.effortHours.median / start.effortHours.median;
    expect(factor).toBeGreaterThanOrEqual(1 / 64 - 1e-9);
    expect(factor).toBeLessThanOrEqual(4 + 1e-9);
    // Team numbers: the base's selling hours (stated), the quota from the history.
    expect(out.replay.team.sellingHours).toEqual({
      value: base.team.sellingHoursPerWeek,
      source: 'base scenario default',
    });
    expect(out.replay.team.quota.source).toMatch(/^history: /);
    expect(scenario.team.quotaPerRepPerQuarter).toBe(out.replay.team.quota.value);
    // The backtest: the five figures for the team, the outcome recorded in the provenance.
    const bt = out.replay.backtest;
    expect(bt.strategy).toBe('as-is');
    expect(bt.rows.filter((r) => r.segment === 'team').map((r) => r.figure)).toEqual([
      'winRate',
      'wonPerQuarter',
      'bookingsPerQuarter',
      'medianWonDealSize',
      'medianWonCycleWeeks',
    ]);
    expect(bt.gaps).toEqual(bt.rows.filter((r) => r.within === false));
    expect(bt.ok).toBe(bt.gaps.length === 0);
    expect(bt.quarters.length).toBeGreaterThan(0);
    expect(bt.capacity.sellingHoursPerWeek).toBe(base.team.sellingHoursPerWeek);
    expect(scenario.provenance?.calibration).toMatchObject({
      file: 'deals.csv',
      rowsUsed: 90,
      backtest: { strategy: 'as-is', within5Percent: bt.ok },
    });
    expect(out.issuesTotal).toBe(1);
    expect(out.reportCsv).toContain('"missing-created-date"');
    // Re-importing onto the calibrated scenario does not stack name suffixes.
    const again = session.calibrate(allDeals(main, 'deals.csv'), scenario);
    expect(again.ok && again.replay?.ok && again.replay.scenario.name).toBe(scenario.name);
  });

  it('passes the team numbers and the no-decision and stale policies to the package', async () => {
    const session = new ImportSession();
    // Every sixth deal closed without a decision; open deals are old at the as-of date.
    const text = exportCsv(30).replace(
      /^(D\d*[05]),(Rep \d),(\w+),Lost,/gm,
      '$1,$2,$3,No decision,',
    );
    const main = await parsed(session, 1, text, 'deals.csv');
    const cal = (extra: Partial<CalibrateConfig>): CalibrateConfig =>
      allDeals(main, 'deals.csv', {
        outcomes: { won: ['Won'], lost: ['Lost'], noDecision: ['No decision'] },
        ...extra,
      });
    const byDefault = session.calibrate(cal({}), defaultScenario());
    const excluded = session.calibrate(cal({ noDecision: 'exclude' }), defaultScenario());
    if (!byDefault.ok || !excluded.ok) throw new Error('not calibrated');
    const nd = excluded.calibration.fits[0]?.noDecision ?? 0;
    expect(nd).toBe(text.match(/,No decision,/g)?.length);
    expect(nd).toBeGreaterThan(0);
    expect(byDefault.calibration.noDecision).toBe('lost');
    expect(excluded.calibration.noDecision).toBe('exclude');
    // Default (lost): no-decision deals are losses; exclude: left out of the win rate.
    expect(byDefault.calibration.fits[0]?.lost).toBe(
      (excluded.calibration.fits[0]?.lost ?? 0) + nd,
    );
    const given = session.calibrate(
      cal({ stale: 'exclude', team: { sellingHours: 22, quota: 12_345 } }),
      defaultScenario(),
    );
    if (!given.ok || !given.replay?.ok) throw new Error('not replayed');
    expect(given.replay.team.sellingHours).toEqual({ value: 22, source: 'given' });
    expect(given.replay.team.quota).toEqual({ value: 12_345, source: 'given' });
    expect(given.replay.scenario.team).toMatchObject({
      sellingHoursPerWeek: 22,
      quotaPerRepPerQuarter: 12_345,
    });
    expect(given.replay.backtest.capacity.sellingHoursPerWeek).toBe(22);
    expect(given.calibration.stale).toMatchObject({ policy: 'exclude' });
    expect(given.calibration.stale?.count).toBeGreaterThan(0);
  });

  it('returns problems (never throws) when nothing can be fitted', async () => {
    const session = new ImportSession();
    const main = await parsed(session, 1, exportCsv(6), 'deals.csv');
    const out = session.calibrate(
      {
        ...config(main),
        segments: [
          {
            id: 'none',
            name: 'None',
            sweetSpot: true,
            conditions: [{ column: 'product', op: 'in', values: ['Gamma'] }],
          },
        ],
        outcomes: { won: ['Won'], lost: ['Lost'] },
        dateOrder: {},
        fileName: 'deals.csv',
      },
      defaultScenario(),
    );
    expect(out.ok).toBe(false);
    expect(!out.ok && out.problems[0]?.message).toContain('no usable rows');
    expect(!out.ok && out.reportCsv).toContain('no-segment');
    const gone = session.calibrate(
      {
        ...config(main, { mainFileId: 42 }),
        segments: [],
        outcomes: {},
        dateOrder: {},
        fileName: 'x',
      },
      defaultScenario(),
    );
    expect(!gone.ok && gone.problems[0]?.message).toContain('no longer loaded');
  });
});
