/**
 * What the decision commands (`sensitivity`, `breakeven`, `frontier`) share: how they show
 * metrics and inputs, how they choose the trials per run, check a metric against the scenario,
 * run an analysis and print its result.
 */
import { formatMoney, formatPercent } from '@sweetspot/analysis';
import {
  type Estimate,
  type Metric,
  type MetricSpec,
  type ParamRule,
  quotaOver,
  runToPrecision,
} from '@sweetspot/decision';
import type { Scenario } from '@sweetspot/scenario';
import type { CommandContext, CommandOptions } from './define-command.ts';
import type { Flags } from './flags.ts';
import { type Io, UsageError } from './io.ts';
import type { Session } from './runner-setup.ts';

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

/** Turns a library RangeError (bad path, range, option) into a usage error. */
export function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Refuses a metric the scenario cannot measure: a quarter past the horizon, retained by quarter. */
export function checkSpec(scenario: Scenario, spec: MetricSpec): void {
  const { quarter } = spec;
  if (quarter !== undefined && quarter > scenario.horizon.quarters)
    throw new UsageError(
      `--quarter must be at most ${scenario.horizon.quarters} for this scenario`,
    );
  if (spec.metric === 'retained' && quarter !== undefined)
    throw new UsageError('retained recurring revenue is measured over the horizon: drop --quarter');
}

/** --precision P as a target for the library: ±P points or ±P% of quota, up to 1,000,000 trials. */
export function precisionTarget(precision: number) {
  return { halfWidth: precision / 100, maxTrials: 1_000_000, batchTrials: 2_000 };
}

/** Refuses --trials with --precision. */
export function checkTrialsFlags(trials: number | undefined, precision: number | undefined): void {
  if (precision !== undefined && trials !== undefined)
    throw new UsageError('use --trials or --precision, not both');
}

/** The line that says how many trials a precision run chose and what it reached. */
export function precisionNote(
  scenario: Scenario,
  spec: MetricSpec,
  achieved: { trials: number; halfWidth: number; reached: boolean },
): string {
  const unit =
    spec.metric === 'pABeatsB'
      ? `${(achieved.halfWidth * 100).toFixed(2)} points`
      : `${((achieved.halfWidth / quotaOver(scenario, spec)) * 100).toFixed(2)}% of quota (${money(achieved.halfWidth, scenario.currency)})`;
  return `sweetspot: ${achieved.trials.toLocaleString('en-US')} trials give a 95% half-width of ±${unit}${achieved.reached ? '' : ' (the 1,000,000-trial cap; target not reached)'}\n`;
}

/** Reads --trials / --precision: the trials per run, possibly found by a precision run first. */
export async function chooseTrials(
  session: Session,
  scenario: Scenario,
  spec: MetricSpec,
  trials: number | undefined,
  precision: number | undefined,
  io: Io,
): Promise<number> {
  if (precision === undefined) return trials ?? scenario.trials;
  checkTrialsFlags(trials, precision);
  const result = await runToPrecision(
    session.runner,
    scenario,
    { ...spec, ...precisionTarget(precision) },
    { ...session.runOptions, ...precisionTarget(precision) },
  );
  session.bar?.clear();
  io.stderr(precisionNote(scenario, spec, result));
  return result.trials;
}

/** The part of a decision command's context `analyse` and `report` use. */
type DecisionContext = Pick<CommandContext<Flags, CommandOptions>, 'simulate' | 'write'> & {
  flags: { format: 'table' | 'json' };
};

/**
 * Runs an analysis on the command's runner: a progress bar for table output, "analysis
 * cancelled" on Ctrl-C, and the library's RangeErrors (a bad path or range) as usage errors.
 */
export function analyse<T>(
  context: DecisionContext,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  return context.simulate(
    { progress: context.flags.format === 'table', cancelled: 'analysis cancelled' },
    async (session) => {
      try {
        return await work(session);
      } catch (error) {
        if (error instanceof RangeError) throw new UsageError(error.message);
        throw error;
      }
    },
  );
}

/**
 * Writes the result: JSON (the scenario's name and seed, `extra`, then the result) or the
 * command's table.
 */
export async function report(
  context: DecisionContext,
  scenario: Scenario,
  result: object,
  table: () => string,
  extra: object = {},
): Promise<void> {
  await context.write(
    context.flags.format === 'json'
      ? `${JSON.stringify({ scenario: scenario.name, seed: scenario.seed, ...extra, ...result }, null, 2)}\n`
      : table(),
  );
}
