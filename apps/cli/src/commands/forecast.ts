/**
 * `sweetspot forecast export.csv --as-of DATE`: where this quarter and the next land from today's
 * pipeline, as is, doubling down in the sweet spot, or casting a wider net (docs/calibration.md,
 * "Forecast"). The export is calibrated (and its history replayed) as `calibrate` does; the
 * simulation then starts from the open deals and the bookings so far (docs/model.md §16).
 */
import {
  type ForecastStrategy,
  type ForecastSummary,
  formatMoney,
  formatPercent,
  summarizeForecast,
} from '@sweetspot/analysis';
import {
  AS_IS_ID,
  backtestForecasts,
  type Calibration,
  type ForecastBacktest,
  type ForecastStart,
  forecastScenario,
  forecastStart,
  formatForecastBacktest,
  parseAmount,
  parseCsv,
  type RepQuotaChances,
  repQuotaChances,
} from '@sweetspot/calibration';
import type { Scenario } from '@sweetspot/scenario';
import {
  CALIBRATION_FLAGS,
  type CalibrateIo,
  calibrateExport,
  readCsv,
  readExport,
} from '../calibration-input.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { checked, format, out, seed, text, toggle, trials, whole, workers } from '../flags.ts';
import { UsageError } from '../io.ts';
import { padTable } from '../table.ts';

export const FORECAST_HELP = `Usage: sweetspot forecast <export.csv> --as-of YYYY-MM-DD [options]

Forecasts the rest of the current quarter and the next from the export's open deals and the
bookings so far, as is, doubling down in the sweet spot, and casting a wider net (see
docs/calibration.md, "Forecast"). The export is calibrated as "sweetspot calibrate" does (every
calibrate flag applies: --map, --won, --lost, --join, --segment, --split, --selling-hours,
--quota, --base, …); its backtest is shown.

  --as-of YYYY-MM-DD         today: open deals are those open then; later rows are not used
                             (default: the latest date in the file)
  --fiscal-year-start M      first month of the fiscal year, 1–12 (default 1: calendar quarters)
  --booked FILE              bookings so far this quarter per owner (a CSV with an owner and an
                             amount column), instead of the export's won deals
  --backtest                 instead: forecast every closed quarter of the export from its
                             weeks 4, 8 and 11 with only what was known then, and compare with
                             what closed (median error, share of actuals inside P10–P90)
  --backtest-weeks W,W,...   the weeks of each closed quarter to forecast from (default 4,8,11)
  --trials N                 trials (default 2,000; 500 per forecast with --backtest)
  --seed S                   random seed (default: the calibrated scenario's)
  --workers N                worker threads (default: all cores)
  --format table|json|csv    output format (default table)
  --out FILE                 write the output (json: also the scenario) to FILE

Strategies, from today: "as-is" (what the team did), "double-down" (the same, pursuing only the
sweet spot: open deals outside it are dropped), "wider-net" (the same, plus the quarter-end push
of "Quarter-end panic" when a rep is behind: chase everything, pull deals in at a discount,
overtime). Commit = P10, most likely = P50, best case = P90 of the team's bookings.

Exit 0 with a forecast; 2 when the export cannot be calibrated or the forecast cannot start.

Example:
  sweetspot forecast deals.csv --as-of 2024-08-15 --split product --booked booked.csv
`;

/** Trials per forecast of the backtest: many forecasts, each needing a calibration too. */
const BACKTEST_TRIALS = 500;

/** `--backtest-weeks 4,8,11`: weeks of a quarter, 1–13. */
function backtestWeeks(name: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const weeks = value.split(',').map((w) => w.trim());
  if (weeks.some((w) => !/^\d+$/.test(w) || Number(w) < 1 || Number(w) > 13))
    throw new UsageError(
      `--${name} must be weeks of the quarter from 1 to 13, like 4,8,11 (got "${value}")`,
    );
  return [...new Set(weeks.map(Number))].sort((a, b) => a - b);
}

/** The backtest, one row per as-of date. */
function backtestCsv(b: ForecastBacktest): string {
  const lines = [
    'as_of,quarter_from,quarter_to,booked_so_far,open_deals,p10,p25,p50,p75,p90,actual,p50_error,inside_p10_p90,inside_p25_p75,replay_within_5pct',
  ];
  for (const c of b.checks)
    lines.push(
      [
        c.asOf,
        c.quarter.from,
        c.quarter.to,
        c.bookedSoFar,
        c.openDeals,
        c.forecast.p10,
        c.forecast.p25,
        c.forecast.p50,
        c.forecast.p75,
        c.forecast.p90,
        c.actual,
        c.error,
        c.inside80,
        c.inside50,
        c.backtestOk,
      ].join(','),
    );
  return `${lines.join('\n')}\n`;
}

/** Trials by default: enough for P10/P90 within about 1.5% of the spread. */
const DEFAULT_TRIALS = 2_000;
/** Trials for each rep's chance of quota (one thread): enough for ±2 percentage points. */
const REP_TRIALS = 2_000;

/** `--booked FILE`: owner → amount, from a CSV whose columns are guessed by name. */
async function readBooked(io: CalibrateIo, path: string): Promise<Record<string, number>> {
  const table = await parseCsv(await readCsv(io, path));
  if (table.fatal) throw new UsageError(`${path}: ${table.fatal.message}`);
  const find = (pattern: RegExp) => table.headers.findIndex((h) => pattern.test(h));
  const owner = find(/owner|rep|agent|sales ?person|seller|name/i);
  const amount = find(/amount|booked|bookings|value|revenue/i);
  if (owner < 0 || amount < 0)
    throw new UsageError(
      `${path}: needs an owner column and an amount column (its columns: ${table.headers.join(', ')})`,
    );
  const booked: Record<string, number> = {};
  table.rows.forEach((row, i) => {
    const name = (row[owner] ?? '').trim();
    const value = parseAmount(row[amount] ?? '', '.');
    if (name === '' || value === undefined || value < 0)
      throw new UsageError(
        `${path}, line ${i + 2}: "${row[owner] ?? ''}", "${row[amount] ?? ''}" is not an owner and an amount`,
      );
    booked[name] = (booked[name] ?? 0) + value;
  });
  return booked;
}

export const forecastCommand = defineCommand({
  synopsis: 'forecast <export.csv>',
  summary: 'forecast this quarter and the next from today’s pipeline, by strategy',
  help: FORECAST_HELP,
  args: { one: `give one export file.\n${FORECAST_HELP}` },
  flags: {
    format: format(['table', 'json', 'csv']),
    ...CALIBRATION_FLAGS,
    'fiscal-year-start': whole(1, 12),
    booked: text(),
    backtest: toggle(),
    'backtest-weeks': checked((name, value) => backtestWeeks(name, value)),
    trials: trials(),
    seed: seed(),
    workers: workers(),
    out: out(),
  },
  async run(context) {
    const { io, flags } = context;
    const path = context.file as string;
    const input = await readExport(io, path, flags);
    if (flags.backtest) {
      const result = backtestForecasts(input.table, input.calibration, input.build, {
        weeks: flags['backtest-weeks'] ?? [4, 8, 11],
        trials: flags.trials ?? BACKTEST_TRIALS,
        ...(flags['fiscal-year-start'] !== undefined
          ? { fiscalYearStart: flags['fiscal-year-start'] }
          : {}),
      });
      if (!result.ok) throw new UsageError(result.message);
      const currency = input.build.base?.currency ?? 'USD';
      const money = (x: number) => formatMoney(x, currency, undefined, { compact: 'auto' });
      await context.write(
        flags.format === 'json'
          ? `${JSON.stringify(result.backtest, null, 2)}\n`
          : flags.format === 'csv'
            ? backtestCsv(result.backtest)
            : `${formatForecastBacktest(result.backtest, money)}\n`,
      );
      return EXIT.ok;
    }
    const booked = flags.booked !== undefined ? await readBooked(io, flags.booked) : undefined;
    const calibrated = await calibrateExport(io, path, flags, input, 'forecast');
    if (!calibrated.ok) return calibrated.code;
    const { result, replayed } = calibrated;
    const started = forecastStart(result, replayed.scenario, {
      ...(flags['fiscal-year-start'] !== undefined
        ? { fiscalYearStart: flags['fiscal-year-start'] }
        : {}),
      ...(booked ? { booked } : {}),
    });
    if (!started.ok) throw new UsageError(started.message);
    const built = forecastScenario(replayed.scenario, started, {
      trials: flags.trials ?? DEFAULT_TRIALS,
      // A base scenario's own strategies are the user's: kept. The built-in default's are not.
      keepStrategies: flags.base !== undefined,
    });
    if (!built.ok)
      throw new UsageError(`the forecast scenario is not valid:\n  ${built.errors.join('\n  ')}`);
    const scenario: Scenario =
      flags.seed !== undefined ? { ...built.scenario, seed: flags.seed } : built.scenario;
    const forecast = await context.simulate(
      { progress: flags.format === 'table', cancelled: 'forecast cancelled' },
      async (session) => {
        const chunk = await session.runner.run(scenario, session.runOptions);
        session.bar?.clear();
        return summarizeForecast(scenario, chunk, AS_IS_ID);
      },
    );
    const reps = repQuotaChances(scenario, Math.min(REP_TRIALS, scenario.trials));
    const owners = repNames(result, scenario.team.reps);
    const text =
      flags.format === 'json'
        ? `${JSON.stringify(
            {
              asOf: started.start.asOf,
              quarter: started.quarter,
              booked: started.booked,
              openDeals: started.openDeals,
              warnings: [...asOfWarnings(result), ...started.warnings],
              backtest: { ok: replayed.backtest.ok, gaps: replayed.backtest.gaps },
              strategies: forecast.strategies,
              versus: forecast.versus,
              comparison: forecast.summary.comparison,
              reps: reps.map((r) => ({ ...r, owners })),
              scenario,
            },
            null,
            2,
          )}\n`
        : flags.format === 'csv'
          ? forecastCsv(forecast, reps, owners)
          : forecastTable(
              path,
              scenario,
              started,
              forecast,
              reps,
              owners,
              replayed.backtest,
              asOfWarnings(result),
            );
    await context.write(text);
    return EXIT.ok;
  },
});

/** The calibration's warnings a forecast depends on: no sweet spot to double down in, the as-of date. */
function asOfWarnings(result: Calibration): string[] {
  const split = result.split
    ? [
        `${result.split.message} (double-down is focus here): give --split or --segment (sweetspot calibrate shows the proposed split)`,
      ]
    : [];
  return [...split, ...result.warnings.filter((w) => w.includes('as-of date'))];
}

/** The reps' names: the owners in the order the calibration numbered them. */
function repNames(result: Calibration, reps: number): string[] {
  return Array.from({ length: reps }, (_, r) => result.ownerNames[r] ?? `Rep ${r + 1}`);
}

function quarterRows(
  st: readonly ForecastStrategy[],
  q: number,
  money: (x: number) => string,
): string[][] {
  return st.map((s) => {
    const x = s.quarters[q];
    if (!x) return [s.name];
    return [
      s.name,
      money(x.commit),
      money(x.mostLikely),
      money(x.bestCase),
      formatPercent(x.pHitQuota),
      x.repsAtQuota.toFixed(1),
      x.pulledIn.toFixed(1),
      x.openDealsAtEnd.toFixed(0),
    ];
  });
}

/** The forecast as tables for a person. */
function forecastTable(
  path: string,
  scenario: Scenario,
  started: ForecastStart,
  f: ForecastSummary,
  reps: readonly RepQuotaChances[],
  owners: readonly string[],
  backtest: { ok: boolean; gaps: readonly { segment: string; figure: string; gap: number }[] },
  calibrationWarnings: readonly string[],
): string {
  const money = (x: number) => formatMoney(x, scenario.currency, undefined, { compact: 'auto' });
  const signed = (x: number) =>
    formatMoney(x, scenario.currency, undefined, { compact: 'auto', signed: true });
  const q = started.quarter;
  const K = scenario.horizon.weeksPerQuarter;
  const teamQuota = scenario.team.reps * scenario.team.quotaPerRepPerQuarter;
  const open = started.openDeals.map((s) => `${s.segment} ${s.count.toLocaleString('en-US')}`);
  const head = [
    'strategy',
    'commit (P10)',
    'most likely (P50)',
    'best case (P90)',
    'P(team quota)',
    'reps at quota',
    'pulled in',
    'open at end',
  ];
  const out: string[] = [
    `Forecast from ${path} as of ${started.start.asOf}: week ${q.week} of ${K} of the quarter ${q.from} – ${q.to} (${q.weeksLeft} weeks left).`,
    `Booked so far: ${money(started.booked.total)} (${started.booked.source === 'given' ? 'as given' : `${started.booked.deals.toLocaleString('en-US')} won deals in the export`}); open deals: ${started.start.pipeline.length.toLocaleString('en-US')} (${open.join(', ')}); new deals keep arriving at the calibrated rates. Team quota: ${money(teamQuota)} a quarter (${scenario.team.reps} reps × ${money(scenario.team.quotaPerRepPerQuarter)}). ${scenario.trials.toLocaleString('en-US')} simulated quarters, the same worlds for every strategy.`,
    '',
    `This quarter (to ${q.to}): team bookings`,
    padTable([head, ...quarterRows(f.strategies, 0, money)], [0]),
    '',
    'Next quarter',
    padTable([head, ...quarterRows(f.strategies, 1, money)], [0]),
    '',
    `Against "${f.strategies.find((s) => s.id === f.baseline)?.name ?? f.baseline}" (paired, trial by trial):`,
  ];
  for (const v of f.versus) {
    const [q1, q2] = v.quarters;
    if (!q1 || !q2) continue;
    out.push(
      `  ${v.name}: this quarter ${signed(q1.p50)} (P10 ${signed(q1.p10)}, P90 ${signed(q1.p90)}; books more in ${formatPercent(q1.pABeatsB)} of trials), next quarter ${signed(q2.p50)} (books more in ${formatPercent(q2.pABeatsB)})`,
    );
  }
  out.push(
    `  What differs (${f.summary.comparison.a} vs ${f.summary.comparison.b}): ${f.summary.comparison.difference}`,
  );
  // Why the double-down gap arises this quarter, deal by deal (model §10), the bars that matter.
  const why = f.summary.comparison.quarters[0]?.waterfall.bookings;
  if (why) {
    const bars = why.parts
      .filter((p) => Math.abs(p.value) >= 0.005 * Math.max(1, Math.abs(why.total)))
      .map((p) => `${p.label} ${signed(p.value)}`);
    if (bars.length > 0)
      out.push(`  Why, this quarter (mean per simulated quarter, by deal): ${bars.join('; ')}.`);
  }
  out.push('', "Each rep's chance of reaching quota this quarter");
  const repRows = [
    ['rep', ...reps.map((r) => f.strategies.find((s) => s.id === r.strategy)?.id ?? r.strategy)],
    ...owners.map((name, i) => [
      name,
      ...reps.map((r) => formatPercent((r.chance[0] as number[])[i] as number)),
    ]),
  ];
  out.push(padTable(repRows, [0]));
  out.push(
    '',
    backtest.ok
      ? 'Calibration: the as-is replay reproduces the history within 5% (see sweetspot calibrate for the backtest).'
      : `Calibration: the as-is replay does NOT reproduce the history within 5% (${backtest.gaps.map((g) => `${g.segment} ${g.figure} ${(g.gap * 100).toFixed(1)}%`).join('; ')}): read the forecast with that in mind (sweetspot calibrate explains each gap).`,
  );
  const warnings = [...calibrationWarnings, ...started.warnings];
  if (warnings.length > 0) out.push('', 'Warnings:', ...warnings.map((w) => `  - ${w}`));
  return `${out.join('\n')}\n`;
}

/** One row per strategy and quarter, then each rep's chance of quota as columns. */
function forecastCsv(
  f: ForecastSummary,
  reps: readonly RepQuotaChances[],
  owners: readonly string[],
): string {
  const cell = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const header = [
    'strategy',
    'quarter',
    'commit_p10',
    'most_likely_p50',
    'best_case_p90',
    'mean',
    'p_hit_team_quota',
    'reps_at_quota',
    'pulled_in',
    'open_deals_at_end',
    'vs_baseline_p50',
    'vs_baseline_p_books_more',
    ...owners.map((o) => `p_quota ${o}`),
  ];
  const lines = [header.map(cell).join(',')];
  for (const st of f.strategies) {
    const versus = f.versus.find((v) => v.id === st.id);
    const chances = reps.find((r) => r.strategy === st.id);
    st.quarters.forEach((x, q) => {
      const d = versus?.quarters[q];
      lines.push(
        [
          st.id,
          String(q + 1),
          x.commit,
          x.mostLikely,
          x.bestCase,
          x.mean,
          x.pHitQuota,
          x.repsAtQuota,
          x.pulledIn,
          x.openDealsAtEnd,
          d ? d.p50 : 0,
          d ? d.pABeatsB : '',
          ...((chances?.chance[q] as number[] | undefined) ?? []),
        ]
          .map((v) => cell(String(v)))
          .join(','),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}
