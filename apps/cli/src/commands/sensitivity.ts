import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatMoney, formatPercent } from '@sweetspot/analysis';
import {
  describeMetric,
  type Estimate,
  METRICS,
  type Metric,
  type MetricSpec,
  type ParamRule,
  quotaOver,
  resolveParam,
  runToPrecision,
  type TornadoInput,
  type TornadoResult,
  tornado,
} from '@sweetspot/decision';
import { isAbortError, type Runner } from '@sweetspot/runner';
import { createNodePool, defaultNodeWorkerUrl } from '@sweetspot/runner/node';
import type { Scenario } from '@sweetspot/scenario';
import { choiceFlag, intFlag, rejectEmptyFlags, workersFlag } from '../args.ts';
import { type Io, UsageError } from '../io.ts';
import { loadScenario } from '../load-scenario.ts';
import { ProgressBar } from '../progress-bar.ts';

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

/** Options of the decision commands (same as `run`'s). */
export interface DecisionCommandOptions {
  /** Aborts the analysis (Ctrl-C). */
  signal?: AbortSignal;
  /** For tests: a runner to use instead of a Node worker pool. */
  runner?: Runner;
}

/** The worker bundle next to the built CLI, or the runner's own (tsx bootstrap in development). */
export function workerUrl(): URL {
  const bundled = new URL('./worker-node.mjs', import.meta.url);
  return existsSync(bundled) ? bundled : defaultNodeWorkerUrl();
}

/** Parses a number flag, naming the flag when it is not a number in range. */
export function numberFlag(
  name: string,
  value: string | undefined,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new UsageError(`--${name} must be ${expected} (got "${value}")`);
  }
  return n;
}

/** Parses "lo:hi" into two numbers. */
export function parseRange(name: string, value: string): [number, number] {
  const m = /^\s*([^:]+):([^:]+)\s*$/.exec(value);
  const lo = m ? Number(m[1]) : Number.NaN;
  const hi = m ? Number(m[2]) : Number.NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new UsageError(`--${name} must be LOW:HIGH, two numbers (got "${value}")`);
  }
  return [lo, hi];
}

/**
 * Lines of a plain-text table: the first column (and any in `left`) left-aligned, the others
 * right-aligned.
 */
export function padTable(rows: string[][], left: readonly number[] = []): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === 0 || left.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Formats money compactly from a million up, whole units below. */
export function money(value: number, currency: string, signed = false): string {
  return formatMoney(value, currency, undefined, { compact: 'auto', signed });
}

/** An estimate of a metric with its interval: "+$1.2M [+$1.1M, +$1.3M]" or "62.1% [60.3%, 63.9%]". */
export function formatEstimate(e: Estimate, metric: Metric, currency: string): string {
  if (metric === 'pABeatsB') {
    return `${formatPercent(e.estimate, 1)} [${formatPercent(e.lo, 1)}, ${formatPercent(e.hi, 1)}]`;
  }
  return `${money(e.estimate, currency, true)} [${money(e.lo, currency, true)}, ${money(e.hi, currency, true)}]`;
}

/** A metric's value without its interval. */
export function formatMetric(
  value: number,
  metric: Metric,
  currency: string,
  signed = true,
): string {
  return metric === 'pABeatsB' ? formatPercent(value, 1) : money(value, currency, signed);
}

/**
 * An input's value in its unit: 12.5%, $30,000, 14 h, 3. `precise`: more digits (break-even
 * evaluations can be close together).
 */
export function formatParam(
  value: number,
  rule: ParamRule,
  currency: string,
  precise = false,
): string {
  if (rule.unit === 'share') {
    const whole = value * 100 === Math.round(value * 100);
    return formatPercent(value, whole ? 0 : precise ? 2 : 1);
  }
  if (rule.unit === 'money') return money(value, currency);
  const digits = Number(value.toPrecision(precise ? 5 : 4)).toLocaleString('en-US', {
    maximumFractionDigits: 6,
  });
  return rule.unit === 'hours' ? `${digits} h` : rule.unit === 'weeks' ? `${digits} wk` : digits;
}

/** The runner to use, the progress bar (on an interactive terminal, table output) and cleanup. */
export function setUp(
  io: Io,
  options: DecisionCommandOptions,
  workers: number | undefined,
  showProgress: boolean,
): { runner: Runner; bar: ProgressBar | undefined; done: () => void } {
  const runner = options.runner ?? createNodePool({ workers, workerUrl: workerUrl() });
  const bar = io.interactive && showProgress ? new ProgressBar(io.stderr) : undefined;
  return {
    runner,
    bar,
    done: () => {
      bar?.clear();
      if (!options.runner) runner.dispose();
    },
  };
}

/** Writes to --out or standard output. */
export async function write(io: Io, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) io.stdout(text);
  else await io.writeFile(out, text);
}

/** Returns 130 with a message for an abort, rethrows anything else. */
export function cancelled(io: Io, error: unknown): number {
  if (isAbortError(error)) {
    io.stderr('sweetspot: analysis cancelled\n');
    return 130;
  }
  throw error;
}

/** Turns a library RangeError (bad path, range, option) into a usage error. */
export function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Reads --trials / --precision: the trials per run, possibly found by a precision run first. */
export async function chooseTrials(
  runner: Runner,
  scenario: Scenario,
  spec: MetricSpec,
  trials: number | undefined,
  precision: number | undefined,
  options: DecisionCommandOptions,
  bar: ProgressBar | undefined,
  io: Io,
): Promise<number> {
  if (precision === undefined) return trials ?? scenario.trials;
  if (trials !== undefined) throw new UsageError('use --trials or --precision, not both');
  const result = await runToPrecision(
    runner,
    scenario,
    { ...spec, halfWidth: precision / 100 },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) => bar?.update(p.done, p.total),
      maxTrials: 1_000_000,
      batchTrials: 2_000,
    },
  );
  bar?.clear();
  const unit =
    spec.metric === 'pABeatsB'
      ? `${(result.halfWidth * 100).toFixed(2)} points`
      : `${(result.halfWidthRelative * 100).toFixed(2)}% of quota (${money(result.halfWidth, scenario.currency)})`;
  io.stderr(
    `sweetspot: ${result.trials.toLocaleString('en-US')} trials give a 95% half-width of ±${unit}${result.reached ? '' : ' (the 1,000,000-trial cap; target not reached)'}\n`,
  );
  return result.trials;
}

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
export async function sensitivityCommand(
  args: string[],
  io: Io,
  options: DecisionCommandOptions = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      metric: { type: 'string' },
      quarter: { type: 'string' },
      swing: { type: 'string' },
      input: { type: 'string', multiple: true },
      top: { type: 'string' },
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
    io.stdout(SENSITIVITY_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`sensitivity takes at most one scenario file (got ${positionals.length})`);
  const format = choiceFlag('format', values.format, ['table', 'json'] as const, 'table');
  const metric = choiceFlag('metric', values.metric, METRICS, 'bookings');
  const quarter = intFlag('quarter', values.quarter, 1, 8);
  const swing =
    numberFlag('swing', values.swing, (n) => n > 0 && n <= 1, 'a number above 0 and at most 1') ??
    0.25;
  const top = intFlag('top', values.top, 1, 1000);
  const trials = intFlag('trials', values.trials, 1, 1_000_000);
  const precision = numberFlag('precision', values.precision, (n) => n > 0, 'a number above 0');
  const seed = intFlag('seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const workers = workersFlag(values.workers);
  const inputs = values.input?.map(parseInput);
  const base = await loadScenario(io, positionals[0]);
  const scenario: Scenario = { ...base, seed: seed ?? base.seed };
  const spec: MetricSpec = { metric, ...(quarter !== undefined ? { quarter } : {}) };
  usage(() => {
    if (quarter !== undefined && quarter > scenario.horizon.quarters)
      throw new RangeError(
        `--quarter must be at most ${scenario.horizon.quarters} for this scenario`,
      );
    if (metric === 'retained' && quarter !== undefined)
      throw new RangeError(
        'retained recurring revenue is measured over the horizon: drop --quarter',
      );
    for (const input of inputs ?? []) resolveParam(scenario, input.path);
  });

  const { runner, bar, done } = setUp(
    io,
    options,
    workers,
    format === 'table' && values.out === undefined,
  );
  let result: TornadoResult;
  try {
    const perRun = await chooseTrials(runner, scenario, spec, trials, precision, options, bar, io);
    result = await tornado(runner, scenario, {
      metric,
      ...(quarter !== undefined ? { quarter } : {}),
      swing,
      trials: perRun,
      ...(inputs ? { inputs } : {}),
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
      `${JSON.stringify({ scenario: scenario.name, seed: scenario.seed, quota: quotaOver(scenario, spec), ...result }, null, 2)}\n`,
    );
  } else await write(io, values.out, tornadoTable(scenario, result, top));
  return 0;
}
