import { parseArgs } from 'node:util';
import {
  type BreakEvenResult,
  breakEven,
  DIFF_METRICS,
  describeMetric,
  type MetricSpec,
  resolveParam,
} from '@sweetspot/decision';
import type { Scenario } from '@sweetspot/scenario';
import { choiceFlag, intFlag, rejectEmptyFlags, workersFlag } from '../args.ts';
import { type Io, UsageError } from '../io.ts';
import { loadScenario } from '../load-scenario.ts';
import {
  cancelled,
  chooseTrials,
  type DecisionCommandOptions,
  formatEstimate,
  formatParam,
  numberFlag,
  padTable,
  parseRange,
  setUp,
  usage,
  write,
} from './sensitivity.ts';

export const BREAKEVEN_HELP = `Usage: sweetspot breakeven [scenario.json] --param PATH [options]

Finds the value of one input at which strategies A and B tie (mean A − B = 0), with its
uncertainty, or says that there is no crossing in the range. See docs/decision.md.

Options:
  --param PATH       the input to vary, e.g. segments[1].winRate, segments[out].discount,
                     segments[1].costToServe, team.sellingHoursPerWeek (required)
  --metric M         bookings (default), margin or retained: the mean difference that should be 0
  --quarter Q        measure quarter Q (1-based) instead of the whole horizon
  --range LO:HI      values to search (default: the whole range for shares, base/4 to base×4
                     otherwise)
  --tolerance X      stop when the bracket is narrower than X (default: range / 1000)
  --trials N         trials per evaluation (default: the scenario's)
  --precision P      first run the scenario until the 95% half-width of the mean difference is
                     ±P% of quota, then use that many trials per evaluation
  --seed S           random seed (default: the scenario's)
  --format F         table (default) or json
  --workers N        worker threads (default: all cores)
  --out FILE         write the output to FILE instead of standard output
`;

/** The break-even result as text: the answer, then every evaluation. */
export function breakEvenTable(scenario: Scenario, result: BreakEvenResult): string {
  const cur = scenario.currency;
  const rule = resolveParam(scenario, result.param).rule;
  const fmt = (v: number) => formatParam(v, rule, cur, true);
  const lines = [
    `${scenario.name} — break-even of ${result.label} (${result.param}) on the ${describeMetric(result.spec)}`,
    `Searched ${fmt(result.range[0])} to ${fmt(result.range[1])}, ${result.trialsPerEvaluation.toLocaleString('en-US')} trials per evaluation, seed ${scenario.seed}`,
    '',
  ];
  if (result.crossing) {
    lines.push(
      `Break-even: ${result.label} = ${fmt(result.root)} (95%: ${fmt(result.interval[0])} to ${fmt(result.interval[1])})`,
      `Below it ${result.signBelow === 1 ? 'A' : 'B'} is ahead, above it ${result.signBelow === 1 ? 'B' : 'A'}.`,
    );
    if (!result.converged)
      lines.push('The search stopped at its evaluation limit before converging.');
    if (result.signChanges > 1) {
      lines.push(
        `The difference changes sign ${result.signChanges} times in the range: this is the lowest crossing; narrow --range to look at another.`,
      );
    }
  } else {
    const who = (s: number) => (s > 0 ? 'A is ahead' : s < 0 ? 'B is ahead' : 'they tie');
    lines.push(
      `No crossing between ${fmt(result.range[0])} and ${fmt(result.range[1])}: at the low end ${who(result.signAtLow)}, at the high end ${who(result.signAtHigh)}.`,
    );
  }
  const rows: string[][] = [[result.label, 'A − B (95% CI)']];
  for (const e of result.evaluations) {
    rows.push([fmt(e.value), formatEstimate(e.result, result.spec.metric, cur)]);
  }
  lines.push('', 'Evaluations (same seed and trials at every value):', padTable(rows));
  return `${lines.join('\n')}\n`;
}

/** `sweetspot breakeven`: the value of one input at which A and B tie. */
export async function breakevenCommand(
  args: string[],
  io: Io,
  options: DecisionCommandOptions = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      param: { type: 'string' },
      metric: { type: 'string' },
      quarter: { type: 'string' },
      range: { type: 'string' },
      tolerance: { type: 'string' },
      trials: { type: 'string' },
      precision: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  rejectEmptyFlags(values);
  if (values.help) {
    io.stdout(BREAKEVEN_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`breakeven takes at most one scenario file (got ${positionals.length})`);
  if (values.param === undefined)
    throw new UsageError('breakeven needs --param, e.g. --param segments[1].winRate');
  const format = choiceFlag('format', values.format, ['table', 'json'] as const, 'table');
  const metric = choiceFlag('metric', values.metric, DIFF_METRICS, 'bookings');
  const quarter = intFlag('quarter', values.quarter, 1, 8);
  const range = values.range === undefined ? undefined : parseRange('range', values.range);
  const tolerance = numberFlag('tolerance', values.tolerance, (n) => n > 0, 'a number above 0');
  const trials = intFlag('trials', values.trials, 1, 1_000_000);
  const precision = numberFlag('precision', values.precision, (n) => n > 0, 'a number above 0');
  const seed = intFlag('seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const workers = workersFlag(values.workers);
  const base = await loadScenario(io, positionals[0]);
  const scenario: Scenario = { ...base, seed: seed ?? base.seed };
  const param = values.param;
  const spec: MetricSpec = { metric, ...(quarter !== undefined ? { quarter } : {}) };
  usage(() => {
    resolveParam(scenario, param);
    if (quarter !== undefined && quarter > scenario.horizon.quarters)
      throw new RangeError(
        `--quarter must be at most ${scenario.horizon.quarters} for this scenario`,
      );
    if (metric === 'retained' && quarter !== undefined)
      throw new RangeError(
        'retained recurring revenue is measured over the horizon: drop --quarter',
      );
  });

  const { runner, bar, done } = setUp(
    io,
    options,
    workers,
    format === 'table' && values.out === undefined,
  );
  let result: BreakEvenResult;
  try {
    const perRun = await chooseTrials(runner, scenario, spec, trials, precision, options, bar, io);
    result = await breakEven(runner, scenario, {
      param,
      metric,
      ...(quarter !== undefined ? { quarter } : {}),
      ...(range ? { range } : {}),
      ...(tolerance !== undefined ? { tolerance } : {}),
      trials: perRun,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) => bar?.update(p.done, p.total),
    });
  } catch (error) {
    done();
    if (error instanceof RangeError) throw new UsageError(error.message);
    return cancelled(io, error);
  }
  done();
  if (format === 'json') {
    await write(
      io,
      values.out,
      `${JSON.stringify({ scenario: scenario.name, seed: scenario.seed, ...result }, null, 2)}\n`,
    );
  } else await write(io, values.out, breakEvenTable(scenario, result));
  return 0;
}
