import { parseArgs } from 'node:util';
import { formatEngineBench, runEngineBench } from '@sweetspot/engine/bench';
import { intFlag, rejectEmptyFlags } from '../args.ts';
import type { Io } from '../io.ts';

export const BENCH_HELP = `Usage: sweetspot bench [options]

Measures the engine's speed in this process, on one core (see docs/benchmarks.md for what is
measured and how to read it).

Options:
  --trials N      trials per measurement (100 to 1,000,000; default 4,000)
  --format F      table (default) or json
  -h, --help      print this help

Example:
  sweetspot bench --trials 20000
`;

/** `sweetspot bench`: the engine benchmark, in this process (see docs/benchmarks.md). */
export async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      trials: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  rejectEmptyFlags(values);
  if (values.help) {
    io.stdout(BENCH_HELP);
    return 0;
  }
  const trials = intFlag('trials', values.trials, 100, 1_000_000) ?? 4000;
  const result = runEngineBench(trials);
  io.stdout(
    values.format === 'json' ? `${JSON.stringify(result)}\n` : `${formatEngineBench(result)}\n`,
  );
  return 0;
}
