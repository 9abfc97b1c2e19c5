import { formatPercent } from '@sweetspot/analysis';
import {
  describeMetric,
  type Estimate,
  METRICS,
  type MetricSpec,
  quotaOver,
  resolveParam,
  type TornadoInput,
  type TornadoResult,
  tornado,
} from '@sweetspot/decision';
import type { Scenario } from '@sweetspot/scenario';
import { numberFlag, parseRange } from '../args.ts';
import {
  analyse,
  checkSpec,
  checkTrialsFlags,
  formatEstimate,
  formatMetric,
  formatParam,
  precisionNote,
  precisionTarget,
  report,
  usage,
} from '../decision-shared.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import {
  checked,
  checkedList,
  choice,
  format,
  out,
  seed,
  trials,
  whole,
  workers,
} from '../flags.ts';
import { padTable } from '../table.ts';

export const SENSITIVITY_HELP = `Usage: sweetspot sensitivity [scenario.json] [options]

Tornado: sets each input lower and higher (same seed, same trials) and ranks the inputs by how
much they move the comparison of strategies A and B. See docs/decision.md.

Options:
  --metric M         bookings (default), margin, retained or pABeatsB: mean A − B of horizon
                     bookings, gross margin or retained recurring revenue, or P(A books more)
  --quarter Q        measure quarter Q (1-based) instead of the whole horizon
  --swing S          relative change, low = base × (1 − S), high = base × (1 + S) (default 0.25)
  --input PATH[=LO:HI]
                     vary only this input (repeatable), e.g. segments[1].winRate=0.1:0.2 or
                     team.sellingHoursPerWeek; default: every segment, team and dynamics input
  --top N            show only the N widest bars
  --trials N         trials per run (default: the scenario's)
  --precision P      first run the scenario until the 95% half-width of the metric is ±P
                     (percentage points for pABeatsB, % of quota otherwise), then use that many
                     trials per run
  --seed S           random seed (default: the scenario's)
  --format F         table (default) or json
  --workers N        worker threads (default: all cores)
  --out FILE         write the output to FILE instead of standard output
`;

/** Parses `--input path[=lo:hi]`. */
function parseInput(value: string): TornadoInput {
  const eq = value.indexOf('=');
  if (eq < 0) return { path: value.trim() };
  const [low, high] = parseRange('input', value.slice(eq + 1));
  return { path: value.slice(0, eq).trim(), low, high };
}

/** The tornado as a table, widest bar first, with a bar chart of the swings. */
export function tornadoTable(scenario: Scenario, result: TornadoResult, top?: number): string {
  const { spec } = result;
  const cur = scenario.currency;
  const bars = top === undefined ? result.bars : result.bars.slice(0, top);
  const widest = Math.max(...result.bars.map((b) => b.swing), 0);
  const rows: string[][] = [
    ['Input', 'Low', 'A − B at low', 'Base', 'High', 'A − B at high', 'Swing', ''],
  ];
  for (const bar of bars) {
    const rule = resolveParam(scenario, bar.path).rule;
    const side = (s: (typeof bar)['low']) =>
      s.skipped ? 'skipped' : formatMetric((s.result as Estimate).estimate, spec.metric, cur);
    const width = widest > 0 ? Math.round((bar.swing / widest) * 20) : 0;
    rows.push([
      bar.label,
      formatParam(bar.low.value, rule, cur),
      side(bar.low),
      formatParam(bar.base, rule, cur),
      formatParam(bar.high.value, rule, cur),
      side(bar.high),
      formatMetric(bar.swing, spec.metric, cur, false),
      '█'.repeat(width),
    ]);
  }
  const lines = [
    `${scenario.name} — tornado of the ${describeMetric(spec)}`,
    `±${formatPercent(result.swing)} per input, ${result.trialsPerRun.toLocaleString('en-US')} trials per run, ${result.runs} runs, seed ${scenario.seed}`,
    `Baseline: ${formatEstimate(result.baseline, spec.metric, cur)} (95% CI)`,
    '',
    padTable(rows, [7]),
  ];
  if (top !== undefined && result.bars.length > top) {
    lines.push(`… and ${result.bars.length - top} narrower bars (--top)`);
  }
  const skippedSides = result.bars.flatMap((b) =>
    [b.low, b.high].filter((s) => s.skipped).map((s) => `  ${b.label} = ${s.value}: ${s.skipped}`),
  );
  if (result.skipped.length > 0 || skippedSides.length > 0) {
    lines.push('', 'Not varied:');
    for (const s of result.skipped) lines.push(`  ${s.label}: ${s.reason}`);
    lines.push(...skippedSides);
  }
  lines.push(
    '',
    'Every run uses the same seed (common random numbers): differences between bars are far more',
    'precise than each value’s own interval. A side at its base value (a bound, a whole number)',
    'reuses the baseline.',
  );
  return `${lines.join('\n')}\n`;
}

/** `sweetspot sensitivity`: a tornado of A − B over the scenario's inputs. */
export const sensitivityCommand = defineCommand({
  synopsis: 'sensitivity [scenario]',
  summary: 'tornado: which inputs swing the A − B difference most (docs/decision.md)',
  help: SENSITIVITY_HELP,
  args: 'scenario',
  flags: {
    format: format(['table', 'json']),
    metric: choice(METRICS, 'bookings'),
    quarter: whole(1, 8),
    swing: checked(
      (name, value) =>
        numberFlag(name, value, (n) => n > 0 && n <= 1, 'a number above 0 and at most 1') ?? 0.25,
    ),
    top: whole(1, 1000),
    trials: trials(),
    precision: checked((name, value) => numberFlag(name, value, (n) => n > 0, 'a number above 0')),
    seed: seed(),
    workers: workers(),
    input: checkedList((_name, values) => values?.map(parseInput)),
    out: out(),
  },
  async run(context) {
    const { metric, quarter, swing, top, precision, input: inputs } = context.flags;
    const scenario = await context.scenario();
    const spec: MetricSpec = { metric, ...(quarter !== undefined ? { quarter } : {}) };
    checkSpec(scenario, spec);
    usage(() => {
      for (const input of inputs ?? []) resolveParam(scenario, input.path);
    });
    checkTrialsFlags(context.flags.trials, precision);
    // With --precision the tornado's own baseline runs until it is precise enough, and every
    // variant then runs that many trials: the baseline is not run twice.
    const result = await analyse(context, (session) =>
      tornado(session.runner, scenario, {
        ...spec,
        swing,
        ...(precision !== undefined
          ? { precision: precisionTarget(precision) }
          : { trials: context.flags.trials ?? scenario.trials }),
        ...(inputs ? { inputs } : {}),
        ...session.runOptions,
      }),
    );
    if (result.precision) {
      context.io.stderr(
        precisionNote(scenario, spec, { trials: result.trialsPerRun, ...result.precision }),
      );
    }
    await report(context, scenario, result, () => tornadoTable(scenario, result, top), {
      quota: quotaOver(scenario, spec),
    });
    return EXIT.ok;
  },
});
