import {
  describePrecision,
  expectedTrials,
  type HeadlineStopRule,
  headlineStopRule,
  PRECISION_BATCH,
  perTrialCsvLines,
  type RunSummary,
  summarize,
} from '@sweetspot/analysis';
import { copyTrials, createChunk, layoutOf, type SimulationChunk } from '@sweetspot/engine';
import type { Runner } from '@sweetspot/runner';
import { PARAMETERS, type Scenario } from '@sweetspot/scenario';
import { numberFlag } from '../args.ts';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { checked, format, out, seed, trials, workers } from '../flags.ts';
import type { Output } from '../io.ts';
import { comparisonTable } from '../table.ts';

export const RUN_FORMATS = ['table', 'json', 'csv'] as const;

export const RUN_HELP = `Usage: sweetspot run [scenario.json] [options]

Runs a scenario (the built-in default when no file is given) and compares strategies A and B.

A scenario with "precision" (every preset has it) stops as soon as every headline figure is
that precise — ±1% on money and hours, ±2.5 points on chances by default — and says so
("final: ±0.8% on money and hours, ±1.9 points on chances (1,500 trials)"); its "trials" is the
most it may use. Without it, the scenario runs exactly its "trials".

Options:
  --trials N      run exactly N trials (1 to 1,000,000); with --precision, the most to use
  --precision P   stop when money and hours figures are within ±P% (0.1 to 50)
  --precision-points P
                  stop when chances are within ±P percentage points (0.1 to 50)
  --seed S        random seed (default: the scenario's)
  --format F      table (default), json (full summary) or csv (per-trial rows, streamed)
  --workers N     worker threads (default: all cores; at most twice the cores)
  --out FILE      write the output to FILE instead of standard output
`;

/** Most trials simulated and written at a time by `--format csv`: memory does not grow with --trials. */
export const CSV_SLICE_TRIALS = 50_000;

/** The first slice: small, so the first rows come out at once (and `| head` ends at once). */
export const CSV_FIRST_SLICE_TRIALS = 1_000;

/** Text handed to the output at once: big enough to keep system calls few, small enough to not matter. */
const CSV_BATCH_CHARS = 64 * 1024;

/** One turn of the event loop, so that a Ctrl-C or a closed pipe arriving meanwhile is seen. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Simulates the trials in slices (1,000 trials, doubling up to `sliceTrials`) and writes each
 * slice's CSV rows as soon as it is done, while the next slice runs: at most two slices are held,
 * whatever the number of trials.
 * Rows are identical to one big run's (each trial is seeded from seed and trial index alone).
 */
export async function streamCsv(
  runner: Runner,
  scenario: Scenario,
  output: Output,
  options: { signal?: AbortSignal; sliceTrials?: number; until?: HeadlineStopRule } = {},
): Promise<void> {
  let total = scenario.trials;
  const { until } = options;
  // With a stop rule, slices stay small (a slice run past the stop is computed in vain) and are
  // whole batches, so the rows end exactly where the table's and JSON's run ends.
  const maxSlice = until
    ? PRECISION_BATCH * 8
    : Math.max(1, options.sliceTrials ?? CSV_SLICE_TRIALS);
  let slice = Math.min(CSV_FIRST_SLICE_TRIALS, maxSlice);
  const { signal } = options;
  const runSlice = (start: number, count: number) => {
    const pending = runner.run(scenario, {
      trialStart: start,
      trials: count,
      ...(signal ? { signal } : {}),
    });
    // Awaited later; until then a rejection (the run disposed after EPIPE) must not go unhandled.
    pending.catch(() => {});
    return pending;
  };
  let next: Promise<SimulationChunk> | undefined = runSlice(0, Math.min(slice, total));
  let batch = '';
  let start = 0;
  while (next !== undefined) {
    let chunk: SimulationChunk = await next;
    signal?.throwIfAborted();
    if (until) {
      const kept = judgeSlice(until, chunk);
      if (kept < chunk.trialCount || until.tracker.status().met) {
        chunk = firstTrials(chunk, kept);
        total = start + kept;
      }
    }
    // Every slice's lines start with the header; only the first slice's is kept.
    let skipHeader = start > 0;
    start += chunk.trialCount;
    slice = Math.min(2 * slice, maxSlice);
    next = start < total ? runSlice(start, Math.min(slice, total - start)) : undefined;
    for (const line of perTrialCsvLines(scenario, chunk)) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      batch += line;
      if (batch.length >= CSV_BATCH_CHARS) {
        await output.write(batch);
        batch = '';
        await turn();
        signal?.throwIfAborted();
      }
    }
  }
  signal?.throwIfAborted();
  if (batch !== '') await output.write(batch);
}

/**
 * Feeds a slice's batches to the stop rule in order; returns how many of its trials are kept (all,
 * or up to the end of the batch after which the rule stopped).
 */
function judgeSlice(rule: HeadlineStopRule, chunk: SimulationChunk): number {
  for (let from = 0; from < chunk.trialCount; from += rule.every) {
    const count = Math.min(rule.every, chunk.trialCount - from);
    if (rule.add(firstTrials(chunk, count, from))) return from + count;
  }
  return chunk.trialCount;
}

/** Trials [from, from + count) of a chunk, as a chunk of its own (per-trial columns only). */
function firstTrials(chunk: SimulationChunk, count: number, from = 0): SimulationChunk {
  if (from === 0 && count === chunk.trialCount) return chunk;
  const layout = layoutOf(chunk);
  const part = createChunk(layout, chunk.trialStart + from, count);
  copyTrials(layout, chunk, from, part, 0, count);
  return part;
}

/** A percentage flag (0.1 to 50), as a fraction. */
const percentFlag = () =>
  checked((name, value) => {
    const n = numberFlag(name, value, (x) => x >= 0.1 && x <= 50, 'a number from 0.1 to 50');
    return n === undefined ? undefined : n / 100;
  });

/**
 * The scenario as the flags leave it: `--precision`/`--precision-points` ask for a
 * precision-stopped run (capped by `--trials` or the scenario's trials); `--trials` alone asks
 * for exactly that many trials.
 */
export function applyPrecisionFlags(
  scenario: Scenario,
  flags: {
    trials?: number | undefined;
    precision?: number | undefined;
    precisionPoints?: number | undefined;
  },
): Scenario {
  const { precision, precisionPoints } = flags;
  if (precision !== undefined || precisionPoints !== undefined) {
    const base = scenario.precision;
    return {
      ...scenario,
      precision: {
        relative: precision ?? base?.relative ?? PARAMETERS.precision.relative.default,
        probability:
          precisionPoints ?? base?.probability ?? PARAMETERS.precision.probability.default,
      },
    };
  }
  if (flags.trials === undefined || scenario.precision === undefined) return scenario;
  const { precision: _dropped, ...fixed } = scenario;
  return fixed;
}

/** `sweetspot run`: simulates a scenario on the worker pool and prints the comparison. */
export const runCommand = defineCommand({
  synopsis: 'run [scenario.json]',
  summary: 'simulate and compare strategies A and B (default scenario if no file)',
  help: RUN_HELP,
  args: 'scenario',
  flags: {
    format: format(RUN_FORMATS),
    trials: trials(),
    precision: percentFlag(),
    'precision-points': percentFlag(),
    seed: seed(),
    workers: workers(),
    out: out(),
  },
  // The flags' own messages for an empty value name what they expect (tests/cli-edges.test.ts).
  emptyValues: 'check flags first',
  async run(context) {
    const { format } = context.flags;
    const { signal } = context.options;
    const scenario = applyPrecisionFlags(await context.scenario({ trials: true }), {
      trials: context.flags.trials,
      precision: context.flags.precision,
      precisionPoints: context.flags['precision-points'],
    });
    const until = scenario.precision ? headlineStopRule(scenario) : undefined;
    return context.simulate(
      { progress: format === 'table', cancelled: 'run cancelled' },
      async (session) => {
        let output: Output | undefined;
        try {
          if (format === 'csv') {
            output = await context.openOutput();
            await streamCsv(session.runner, scenario, output, {
              ...session.signalOption,
              ...(until ? { until } : {}),
            });
          } else {
            const chunk = await session.runner.run(
              scenario,
              until
                ? {
                    ...session.signalOption,
                    // Progress of a precision run: trials judged of the trials it is expected
                    // to need, not of its cap.
                    stopRule: {
                      every: until.every,
                      add: (batch: SimulationChunk) => {
                        const stop = until.add(batch);
                        const status = until.tracker.status();
                        const expected = expectedTrials(status, scenario.trials);
                        session.estimate.observe(status.trials, expected);
                        session.bar?.update(status.trials, expected);
                        return stop;
                      },
                    },
                  }
                : session.runOptions,
            );
            session.bar?.clear();
            // The summary of a big run takes a while on this thread: a Ctrl-C meanwhile still counts.
            await turn();
            signal?.throwIfAborted();
            const ran = { ...scenario, trials: chunk.trialCount };
            const summary: RunSummary = summarize(ran, chunk);
            const status = until?.tracker.status();
            const precision =
              status && scenario.precision
                ? {
                    goal: scenario.precision,
                    final: status.met,
                    trials: status.trials,
                    line: describePrecision(status, scenario.precision),
                    figures: status.figures,
                  }
                : undefined;
            const text =
              format === 'json'
                ? `${JSON.stringify(precision ? { ...summary, precision } : summary, null, 2)}\n`
                : comparisonTable(ran, summary, precision?.line);
            await turn();
            signal?.throwIfAborted();
            output = await context.openOutput();
            await output.write(text);
          }
          await output.close();
          return EXIT.ok;
        } catch (error) {
          await output?.discard();
          throw error;
        }
      },
    );
  },
});
