import {
  type BreakEvenResult,
  breakEven,
  DIFF_METRICS,
  describeMetric,
  type MetricSpec,
  resolveParam,
} from '@sweetspot/decision';
import type { Scenario } from '@sweetspot/scenario';
import { numberFlag, parseRange } from '../args.ts';
import {
  analyse,
  checkSpec,
  chooseTrials,
  formatEstimate,
  formatParam,
  report,
  usage,
} from '../decision-shared.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { checked, choice, format, out, seed, trials, whole, workers } from '../flags.ts';
import { UsageError } from '../io.ts';
import { padTable } from '../table.ts';

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
export const breakevenCommand = defineCommand({
  synopsis: 'breakeven --param P',
  summary: 'the value of an input at which A and B tie',
  help: BREAKEVEN_HELP,
  args: 'scenario',
  flags: {
    param: checked((_name, value) => {
      if (value === undefined)
        throw new UsageError('breakeven needs --param, e.g. --param segments[1].winRate');
      return value;
    }),
    format: format(['table', 'json']),
    metric: choice(DIFF_METRICS, 'bookings'),
    quarter: whole(1, 8),
    range: checked((name, value) => (value === undefined ? undefined : parseRange(name, value))),
    tolerance: checked((name, value) => numberFlag(name, value, (n) => n > 0, 'a number above 0')),
    trials: trials(),
    precision: checked((name, value) => numberFlag(name, value, (n) => n > 0, 'a number above 0')),
    seed: seed(),
    workers: workers(),
    out: out(),
  },
  async run(context) {
    const { param, metric, quarter, range, tolerance, precision } = context.flags;
    const scenario = await context.scenario();
    const spec: MetricSpec = { metric, ...(quarter !== undefined ? { quarter } : {}) };
    usage(() => resolveParam(scenario, param));
    checkSpec(scenario, spec);
    const result = await analyse(context, async (session) => {
      const perRun = await chooseTrials(
        session,
        scenario,
        spec,
        context.flags.trials,
        precision,
        context.io,
      );
      return breakEven(session.runner, scenario, {
        param,
        metric,
        ...(quarter !== undefined ? { quarter } : {}),
        ...(range ? { range } : {}),
        ...(tolerance !== undefined ? { tolerance } : {}),
        trials: perRun,
        ...session.runOptions,
      });
    });
    await report(context, scenario, result, () => breakEvenTable(scenario, result));
    return EXIT.ok;
  },
});
