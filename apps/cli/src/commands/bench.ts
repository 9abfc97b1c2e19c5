import { parseArgs } from 'node:util';
import { formatEngineBench, runEngineBench } from '@sweetspot/engine/bench';
import { intFlag, rejectEmptyFlags } from '../args.ts';
import type { Io } from '../io.ts';

/** `sweetspot bench`: the engine benchmark, in this process (see docs/benchmarks.md). */
export async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { trials: { type: 'string' }, format: { type: 'string' } },
  });
  rejectEmptyFlags(values);
  const trials = intFlag('trials', values.trials, 100, 1_000_000) ?? 4000;
  const result = runEngineBench(trials);
  io.stdout(
    values.format === 'json' ? `${JSON.stringify(result)}\n` : `${formatEngineBench(result)}\n`,
  );
  return 0;
}
