import { perTrialCsvLines, type RunSummary, summarize } from '@sweetspot/analysis';
import type { SimulationChunk } from '@sweetspot/engine';
import type { Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { format, out, seed, trials, workers } from '../flags.ts';
import type { Output } from '../io.ts';
import { comparisonTable } from '../table.ts';

export const RUN_FORMATS = ['table', 'json', 'csv'] as const;

export const RUN_HELP = `Usage: sweetspot run [scenario.json] [options]

Runs a scenario (the built-in default when no file is given) and compares strategies A and B.

Options:
  --trials N      number of trials (1 to 1,000,000; default: the scenario's)
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
  options: { signal?: AbortSignal; sliceTrials?: number } = {},
): Promise<void> {
  const total = scenario.trials;
  const maxSlice = Math.max(1, options.sliceTrials ?? CSV_SLICE_TRIALS);
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
    const chunk: SimulationChunk = await next;
    signal?.throwIfAborted();
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

/** `sweetspot run`: simulates a scenario on the worker pool and prints the comparison. */
export const runCommand = defineCommand({
  name: 'run',
  synopsis: 'run [scenario.json]',
  summary: 'simulate and compare strategies A and B (default scenario if no file)',
  help: RUN_HELP,
  args: 'scenario',
  flags: {
    format: format(RUN_FORMATS),
    trials: trials(),
    seed: seed(),
    workers: workers(),
    out: out(),
  },
  // The flags' own messages for an empty value name what they expect (tests/cli-edges.test.ts).
  emptyValues: 'check flags first',
  async run(context) {
    const { format } = context.flags;
    const { signal } = context.options;
    const scenario = await context.scenario({ trials: true });
    return context.simulate(
      { progress: format === 'table', cancelled: 'run cancelled' },
      async (session) => {
        let output: Output | undefined;
        try {
          if (format === 'csv') {
            output = await context.openOutput();
            await streamCsv(session.runner, scenario, output, session.signalOption);
          } else {
            const chunk = await session.runner.run(scenario, session.runOptions);
            session.bar?.clear();
            // The summary of a big run takes a while on this thread: a Ctrl-C meanwhile still counts.
            await turn();
            signal?.throwIfAborted();
            const summary: RunSummary = summarize(scenario, chunk);
            const text =
              format === 'json'
                ? `${JSON.stringify(summary, null, 2)}\n`
                : comparisonTable(scenario, summary);
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
