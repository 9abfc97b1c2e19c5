import { defaultScenario, parseScenarioJson } from '@sweetspot/scenario';
import { fakeIo } from '@sweetspot/testing';
import {
  describeWithSample,
  readSampleIfPresent,
  SAMPLE_FILES,
  sampleCalibrateArgs,
} from '@sweetspot/testing/sample';
import { describe, expect, it } from 'vitest';
import { parseAliasFlag, parseJoinFlag, parseMapFlag } from '../calibration-input.ts';
import { calibrateCommand } from './calibrate.ts';

/** A fake Io: in-memory files first, then the CRM sample's files by their names. */
const sampleIo = (files: Record<string, string> = {}) =>
  fakeIo(files, { fallback: readSampleIfPresent });

const SAMPLE_ARGS = sampleCalibrateArgs();

describe('flag parsers', () => {
  it('read --map, --join and --alias', () => {
    expect(parseMapFlag(['id=opportunity_id,stage=deal_stage', 'list-price=sales_price'])).toEqual({
      id: 'opportunity_id',
      stage: 'deal_stage',
      listPrice: 'sales_price',
    });
    expect(() => parseMapFlag(['size=close_value'])).toThrow(/FIELD=COLUMN/);
    // COLUMN=FILE[:KEY]: the key defaults to the column; a drive letter's colon is no key.
    const joins: [string, { column: string; file: string; key: string }][] = [
      [
        'account=data/accounts.csv:account',
        { column: 'account', file: 'data/accounts.csv', key: 'account' },
      ],
      ['product=products.csv', { column: 'product', file: 'products.csv', key: 'product' }],
      [
        'product=C:\\data\\products.csv',
        { column: 'product', file: 'C:\\data\\products.csv', key: 'product' },
      ],
    ];
    for (const [flag, join] of joins) expect(parseJoinFlag(flag)).toEqual(join);
    expect(parseAliasFlag('product:GTXPro=GTX Pro')).toEqual({
      column: 'product',
      from: 'GTXPro',
      to: 'GTX Pro',
    });
    expect(() => parseAliasFlag('GTXPro=GTX Pro')).toThrow(/COLUMN:FROM=TO/);
  });
});

describeWithSample('sweetspot calibrate on the CRM sample', SAMPLE_FILES, () => {
  it('prints the fitted table and row report, and writes a valid scenario', async () => {
    const { io, out } = sampleIo();
    const code = await calibrateCommand([...SAMPLE_ARGS, '--out', 'scenario.json'], io);
    expect(out.stderr).toBe('');
    // GTX vs MG: each series mixes products of very different prices, so the team's median won
    // deal size is not replayed within 5%: a named gap, exit code 3 (the scenario is written).
    expect(code).toBe(3);
    expect(out.stdout).toContain('Backtest: the as-is strategy');
    expect(out.stdout).toMatch(/Gap: team median won deal size .*not lognormal-shaped/);
    expect(out.stdout).toContain('--accept-gaps');
    expect(out.stdout).toContain('GTX series');
    expect(out.stdout).toContain('win rate (posterior mean)');
    expect(out.stdout).toContain('cycle median wk: KM / closed-only');
    expect(out.stdout).toContain('Rows: 8,800 read');
    expect(out.stdout).toMatch(/500 +rejected +no created date/);
    expect(out.stdout).toMatch(/40 +rejected +matches no segment/);
    expect(out.stdout).toMatch(/First 20 of 540:\n {2}line \d+: no-segment — series "GTK"/);
    expect(out.stdout).toContain('kept from the base scenario');
    expect(out.stdout).toContain('(history: median per-owner quarterly bookings)');
    const written = parseScenarioJson(out.written['scenario.json'] as string);
    if (!written.ok) throw new Error(JSON.stringify(written.errors));
    expect(written.scenario.segments.map((s) => s.id)).toEqual(['gtx', 'mg']);
    expect(written.scenario.team.reps).toBe(30);
    expect(written.scenario.provenance?.calibration).toMatchObject({
      file: 'sales_pipeline.csv',
      asOf: '2017-12-31',
    });
  });

  it('guesses the mapping when --map is omitted and says what it guessed', async () => {
    const { io, out } = sampleIo();
    const args = [...SAMPLE_ARGS.filter((_, i) => i !== 1 && i !== 2), '--accept-gaps'];
    expect(await calibrateCommand(args, io)).toBe(0);
    expect(out.stderr).toContain('Guessed mapping');
    expect(out.stderr).toContain('stage=deal_stage');
    expect(out.stderr).toContain('listPrice=sales_price');
    expect(out.stdout).toContain('Stage values');
  });

  it('prints JSON with --format json', async () => {
    const { io, out } = sampleIo();
    expect(await calibrateCommand([...SAMPLE_ARGS, '--format', 'json', '--accept-gaps'], io)).toBe(
      0,
    );
    const json = JSON.parse(out.stdout);
    expect(json.backtest.strategy).toBe('as-is');
    expect(json.backtest.rows.length).toBe(15);
    expect(json.backtest.gaps.length).toBeGreaterThan(0);
    for (const g of json.backtest.gaps) expect(g.reason.length).toBeGreaterThan(10);
    expect(json.team.quota.source).toBe('history: median per-owner quarterly bookings');
    expect(json.scenario.version).toBe(1);
    expect(json.calibration.fits).toHaveLength(2);
    expect(json.calibration.report.issuesTotal).toBe(500 + 40);
    expect(json.calibration.report.issues).toHaveLength(540);
  });

  it('segments by sector, and suggests an alias for GTXPro when it is missing', async () => {
    const { io, out } = sampleIo();
    const args = [
      'sales_pipeline.csv',
      '--join',
      'account=accounts.csv',
      '--join',
      'product=products.csv',
      '--segment',
      'id=tech;name=Technology;sweet=true;sector in technolgy,software,telecommunications',
      '--segment',
      'id=other;name=Other sectors;sector not in technolgy,software,telecommunications',
    ];
    expect(await calibrateCommand(args, io)).toBe(0);
    expect(out.stdout).toContain("--alias 'product:GTXPro=GTX Pro'");
    expect(out.stdout).toContain('no-segment — account is empty');
  });
});

describe('sweetspot calibrate: errors', () => {
  /** The same three closed deals of Ann's and Bob's, created and closed on these dates. */
  const threeDeals = (dates: [created: string, closed: string][]) =>
    `Stage,Amount,Created Date,Close Date,Owner\n${['Won,100,', 'Lost,0,', 'Won,"$1,200",']
      .map((deal, i) => `${deal}${dates[i]?.join(',')},${i === 1 ? 'Bob' : 'Ann'}\n`)
      .join('')}`;
  // Every day at most 12: the dates read as dd/mm and as mm/dd. A day over 12 tells which.
  const ambiguous = threeDeals([
    ['03/04/17', '05/06/17'],
    ['01/02/17', '02/03/17'],
    ['02/03/17', '04/05/17'],
  ]);
  const clear = threeDeals([
    ['13/04/17', '25/06/17'],
    ['01/02/17', '20/03/17'],
    ['02/03/17', '14/05/17'],
  ]);

  it('asks for --date-format when dates are ambiguous, and works once told', async () => {
    const { io, out } = sampleIo({ 'x.csv': ambiguous });
    expect(await calibrateCommand(['x.csv'], io)).toBe(2);
    expect(out.stderr).toContain('fits dd/mm/yyyy and mm/dd/yyyy');
    expect(out.stderr).toContain('--date-format dd/mm/yyyy or --date-format mm/dd/yyyy');
    const again = sampleIo({ 'x.csv': ambiguous });
    expect(await calibrateCommand(['x.csv', '--date-format', 'dd/mm/yy'], again.io)).toBe(0);
    expect(again.out.stdout).toContain('Created 2017-02-01 to 2017-04-03');
  });

  it('turns every bad input into a message and exit code 2, never an exception', async () => {
    const cases: [string[], RegExp][] = [
      [[], /give one export file/],
      [['a.csv', 'b.csv'], /give one export file/],
      [['missing.csv'], /cannot read missing.csv: no such file/],
      [['x.csv', '--bogus'], /Unknown option/i],
      [['x.csv', '--format', 'xml'], /--format must be one of table, json/],
      [['x.csv', '--date-format', 'yyyy-dd-mm'], /--date-format must be/],
      [['x.csv', '--as-of', '31/12/2017'], /--as-of must be a date written yyyy-mm-dd/],
      [['x.csv', '--segment', 'id=bad id'], /--segment: segment id "bad id"/],
      [['x.csv', '--alias', 'product:a=b'], /no --join on column "product"/],
      [['x.csv', '--map', 'stage=Nope'], /mapping: stage .* names "Nope"/],
      [['x.csv', '--reps', '0'], /--reps must be a whole number/],
      [['x.csv', '--base', 'x.csv'], /x.csv is not a valid scenario/],
      [['x.csv', '--segment', 'id=a;Stage in Won'], /no segment is marked as the sweet spot/],
      [['empty.csv'], /empty.csv: the file has no rows/],
    ];
    for (const [args, message] of cases) {
      const { io, out } = sampleIo({ 'x.csv': clear, 'empty.csv': '\n\n' });
      let code: number | undefined;
      await expect(
        (async () => {
          code = await calibrateCommand(args, io);
        })(),
      ).resolves.toBeUndefined();
      expect(code, args.join(' ')).toBe(2);
      expect(out.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('reports a failing writeFile or readFile cleanly', async () => {
    const { io, out } = sampleIo({ 'x.csv': ambiguous });
    io.writeFile = async () => {
      throw new Error('disk full');
    };
    expect(
      await calibrateCommand(['x.csv', '--date-format', 'dd/mm/yyyy', '--out', 'o.json'], io),
    ).toBe(2);
    expect(out.stderr).toContain('cannot write o.json: disk full');
    const broken = sampleIo();
    broken.io.readFile = async () => {
      throw 'not even an Error';
    };
    expect(await calibrateCommand(['x.csv'], broken.io)).toBe(2);
    expect(broken.out.stderr).toContain('cannot read x.csv');
  });

  it('prints help', async () => {
    const { io, out } = sampleIo();
    expect(await calibrateCommand(['--help'], io)).toBe(0);
    expect(out.stdout).toContain('--segment SPEC');
  });
});

describeWithSample('sweetspot calibrate: the backtest on the CRM sample', SAMPLE_FILES, () => {
  it('replays the whole team within 5% and exits 0; --selling-hours and --quota are used as given', async () => {
    const { io, out } = sampleIo();
    const args = [
      ...SAMPLE_ARGS.filter((a, i) => a !== '--segment' && SAMPLE_ARGS[i - 1] !== '--segment'),
      '--selling-hours',
      '20',
      '--quota',
      '90000',
      '--out',
      'one.json',
    ];
    const code = await calibrateCommand(args, io);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('Every checked figure is within 5% of the history.');
    expect(code).toBe(0);
    const written = parseScenarioJson(out.written['one.json'] as string);
    if (!written.ok) throw new Error(JSON.stringify(written.errors));
    expect(written.scenario.team.sellingHoursPerWeek).toBe(20);
    expect(written.scenario.team.quotaPerRepPerQuarter).toBe(90000);
    expect(written.scenario.compare).toEqual(['focus', 'as-is']);
    expect(written.scenario.provenance?.calibration).toMatchObject({
      sellingHoursPerWeek: { value: 20, source: 'given' },
      quotaPerRepPerQuarter: { value: 90000, source: 'given' },
      backtest: { within5Percent: true, gaps: [] },
    });
  });

  it('refuses a bad --selling-hours', async () => {
    const { io, out } = sampleIo();
    expect(await calibrateCommand([...SAMPLE_ARGS, '--selling-hours', 'lots'], io)).toBe(2);
    expect(out.stderr).toContain('--selling-hours must be a number');
  });
});

describeWithSample(
  'sweetspot calibrate: the sweet-spot split and specialist pools',
  SAMPLE_FILES,
  () => {
    const ONE_TEAM = SAMPLE_ARGS.slice(0, SAMPLE_ARGS.indexOf('--segment'));

    it('with one segment, prints the proposed split and how to use it', async () => {
      const { io, out } = sampleIo();
      await calibrateCommand([...ONE_TEAM, '--accept-gaps'], io);
      expect(out.stdout).toContain(
        'Sweet spot: one segment: focus and as-is pursue the same deals, so the comparison shows no difference.',
      );
      expect(out.stdout).toMatch(
        /Proposed split \(clear\): product GTX Plus Pro, GTXPro, MG Advanced/,
      );
      expect(out.stdout).toContain('To use it: --split product');
    });

    it('--split product calibrates the proposed sweet spot against everything else', async () => {
      const { io, out } = sampleIo();
      const code = await calibrateCommand(
        [...ONE_TEAM, '--split', 'product', '--accept-gaps', '--format', 'json'],
        io,
      );
      expect(code).toBe(0);
      const json = JSON.parse(out.stdout);
      expect(json.scenario.segments.map((s: { sweetSpot: boolean }) => s.sweetSpot)).toEqual([
        true,
        false,
      ]);
      expect(json.calibration.appliedSplit.column).toBe('product');
      expect(json.calibration.split).toBeUndefined();
      expect(json.scenario.provenance.calibration.sweetSpotSplit.column).toBe('product');
    });

    it('--split and --specialist-hours refuse what cannot be used, naming it', async () => {
      const { io, out } = sampleIo();
      expect(await calibrateCommand([...ONE_TEAM, '--split', 'regional_offce'], io)).toBe(2);
      expect(out.stderr).toMatch(/no column "regional_offce"/);
      const second = sampleIo();
      expect(
        await calibrateCommand([...SAMPLE_ARGS, '--specialist-hours', 'presales=40'], second.io),
      ).toBe(2);
      expect(second.out.stderr).toContain('the base scenario has no specialist pool "presales"');
      const third = sampleIo();
      expect(
        await calibrateCommand([...SAMPLE_ARGS, '--specialist-hours', 'presales'], third.io),
      ).toBe(2);
      expect(third.out.stderr).toContain('must be POOL=HOURS');
    });

    it('solves a base scenario’s pool, or uses the hours given', async () => {
      const base = defaultScenario();
      base.team.specialists = [{ id: 'presales', name: 'Pre-sales', hoursPerWeek: 1 }];
      for (const s of base.segments)
        s.specialistHoursPerSellingHour = { presales: s.sweetSpot ? 0.2 : 0.4 };
      const files = { 'base.json': JSON.stringify(base) };
      const solved = sampleIo(files);
      await calibrateCommand([...SAMPLE_ARGS, '--base', 'base.json', '--accept-gaps'], solved.io);
      expect(solved.out.stdout).toMatch(
        /Specialists: Pre-sales [\d,.]+ hours a week, solved: the fewest at which deals still close at their pace/,
      );
      const given = sampleIo(files);
      await calibrateCommand(
        [
          ...SAMPLE_ARGS,
          '--base',
          'base.json',
          '--specialist-hours',
          'presales=5000',
          '--accept-gaps',
          '--out',
          'g.json',
        ],
        given.io,
      );
      expect(given.out.stdout).toContain('Specialists: Pre-sales 5,000 hours a week (given)');
      const written = parseScenarioJson(given.out.written['g.json'] as string);
      if (!written.ok) throw new Error(JSON.stringify(written.errors));
      expect(written.scenario.team.specialists?.[0]?.hoursPerWeek).toBe(5000);
      expect(written.scenario.segments.map((s) => s.specialistHoursPerSellingHour)).toEqual([
        { presales: 0.2 },
        { presales: 0.4 },
      ]);
    });
  },
);
