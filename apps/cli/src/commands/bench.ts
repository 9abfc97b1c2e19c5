import { formatEngineBench, runEngineBench } from '@sweetspot/engine/bench';
import { defineCommand } from '../define-command.ts';
import { EXIT } from '../exit-codes.ts';
import { text, whole } from '../flags.ts';

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
export const benchCommand = defineCommand({
  synopsis: 'bench',
  summary: "measure the engine's speed (see docs/benchmarks.md)",
  help: BENCH_HELP,
  args: 'none',
  // --format is not checked: anything but json prints the table.
  flags: { trials: whole(100, 1_000_000), format: text() },
  async run(context) {
    const result = runEngineBench(context.flags.trials ?? 4000);
    await context.write(
      context.flags.format === 'json'
        ? `${JSON.stringify(result)}\n`
        : `${formatEngineBench(result)}\n`,
    );
    return EXIT.ok;
  },
});
