import { describeError, ScenarioError } from '@sweetspot/runner';
import { formatError } from '@sweetspot/scenario';
import { benchCommand } from './commands/bench.ts';
import { breakevenCommand } from './commands/breakeven.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { explainCommand } from './commands/explain.ts';
import { frontierCommand } from './commands/frontier.ts';
import { presetsCommand } from './commands/presets.ts';
import { RUN_HELP, runCommand } from './commands/run.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { validateCommand } from './commands/validate.ts';
import { type Io, processIo, UsageError } from './io.ts';

export const HELP = `Sweetspot — Monte Carlo sales-strategy simulator

Usage: sweetspot <command> [options]

Commands:
  run [scenario.json]      simulate and compare strategies A and B (default scenario if no file)
  validate <scenario.json> check a scenario file and print every problem
  presets [--format json]  list the built-in scenarios
  calibrate <export.csv>   fit a scenario to a CRM opportunity export (see docs/calibration.md)
  explain [scenario]       why A and B differ: what differs, the gap by rule (§11), the exact waterfall (§10)
  sensitivity [scenario]   tornado: which inputs swing the A − B difference most (docs/decision.md)
  breakeven --param P      the value of an input at which A and B tie
  frontier [scenario]      bookings, margin and P(quota) against how much out-of-profile demand A pursues
  bench                    measure the engine's speed (see docs/benchmarks.md)

Run "sweetspot <command> --help" for a command's options.

${RUN_HELP}`;

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function main(args: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = args;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, io, { signal: controller.signal });
      case 'validate':
        return await validateCommand(rest, io);
      case 'presets':
        return await presetsCommand(rest, io);
      case 'calibrate':
        return await calibrateCommand(rest, io);
      case 'explain':
        return await explainCommand(rest, io, { signal: controller.signal });
      case 'sensitivity':
        return await sensitivityCommand(rest, io, { signal: controller.signal });
      case 'breakeven':
        return await breakevenCommand(rest, io, { signal: controller.signal });
      case 'frontier':
        return await frontierCommand(rest, io, { signal: controller.signal });
      case 'bench':
        return await benchCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}". Run "sweetspot --help" for the list.`);
    }
  } catch (error) {
    if (error instanceof ScenarioError) {
      io.stderr(
        `sweetspot: invalid scenario:\n${error.errors.map((e) => `  ${formatError(e)}`).join('\n')}\n`,
      );
      return 1;
    }
    const message =
      error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
        ? (error as Error).message
        : describeError(error);
    io.stderr(`sweetspot: ${message}\n`);
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
