import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { perTrialCsvLines, type RunSummary, summarize } from '@sweetspot/analysis';
import type { SimulationChunk } from '@sweetspot/engine';
import { isAbortError, type Runner } from '@sweetspot/runner';
import { createNodePool, defaultNodeWorkerUrl } from '@sweetspot/runner/node';
import type { Scenario } from '@sweetspot/scenario';
import { choiceFlag, intFlag } from '../args.ts';
import { type Io, UsageError } from '../io.ts';
import { loadScenario } from '../load-scenario.ts';
import { ProgressBar } from '../progress-bar.ts';
import { comparisonTable } from '../table.ts';

export const RUN_FORMATS = ['table', 'json', 'csv'] as const;

export const RUN_HELP = `Usage: sweetspot run [scenario.json] [options]

Runs a scenario (the built-in default when no file is given) and compares strategies A and B.

Options:
  --trials N      number of trials (1 to 1,000,000; default: the scenario's)
  --seed S        random seed (default: the scenario's)
  --format F      table (default), json (full summary) or csv (per-trial rows)
  --workers N     worker threads (default: all cores)
  --out FILE      write the output to FILE instead of standard output
`;

/** The worker bundle next to the built CLI, or the runner's own (tsx bootstrap in development). */
export function workerUrl(): URL {
  const bundled = new URL('./worker-node.mjs', import.meta.url);
  return existsSync(bundled) ? bundled : defaultNodeWorkerUrl();
}

export interface RunCommandOptions {
  /** Aborts the run (Ctrl-C). */
  signal?: AbortSignal;
  /** For tests: a runner to use instead of a Node worker pool. */
  runner?: Runner;
}

/** `sweetspot run`: simulates a scenario on the worker pool and prints the comparison. */
export async function runCommand(
  args: string[],
  io: Io,
  options: RunCommandOptions = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trials: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(RUN_HELP);
    return 0;
  }
  if (positionals.length > 1)
    throw new UsageError(`run takes at most one scenario file (got ${positionals.length})`);
  const format = choiceFlag('format', values.format, RUN_FORMATS, 'table');
  const trials = intFlag('trials', values.trials, 1, 1_000_000);
  const seed = intFlag('seed', values.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const workers = intFlag('workers', values.workers, 1, 256);
  const base = await loadScenario(io, positionals[0]);
  const scenario: Scenario = { ...base, trials: trials ?? base.trials, seed: seed ?? base.seed };

  const runner = options.runner ?? createNodePool({ workers, workerUrl: workerUrl() });
  const bar =
    io.interactive && format === 'table' && values.out === undefined
      ? new ProgressBar(io.stderr)
      : undefined;
  let chunk: SimulationChunk;
  try {
    chunk = await runner.run(scenario, {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) => bar?.update(p.done, p.total),
    });
  } catch (error) {
    bar?.clear();
    if (isAbortError(error)) {
      io.stderr('sweetspot: run cancelled\n');
      return 130;
    }
    throw error;
  } finally {
    if (!options.runner) runner.dispose();
  }
  bar?.clear();

  const write = async (text: string) => {
    if (values.out === undefined) io.stdout(text);
    else await io.writeFile(values.out, text);
  };
  if (format === 'csv') {
    // Each line already ends in CRLF (RFC 4180).
    const lines: string[] = [];
    for (const line of perTrialCsvLines(scenario, chunk)) lines.push(line);
    await write(lines.join(''));
    return 0;
  }
  const summary: RunSummary = summarize(scenario, chunk);
  if (format === 'json') await write(`${JSON.stringify(summary, null, 2)}\n`);
  else await write(comparisonTable(scenario, summary));
  return 0;
}
