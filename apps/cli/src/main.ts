import { describeError, type Runner, ScenarioError } from '@sweetspot/runner';
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
import {
  type Io,
  OutputClosedError,
  onStdoutError,
  processIo,
  stdoutError,
  UsageError,
} from './io.ts';

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

/** Exit codes (docs/cli.md lists them; tests/cli-exit-codes.test.ts checks each). */
export const EXIT = {
  ok: 0,
  /** `validate` found problems, or a valid scenario failed to simulate (rejected by a worker, a worker crashed). */
  failed: 1,
  /** A usage problem: command, flag or flag value, a file that cannot be read, is not JSON or not a valid scenario. */
  usage: 2,
  /** `calibrate` built a scenario whose backtest does not replay the history within 5%. */
  gaps: 3,
  /** Cancelled with Ctrl-C. */
  interrupted: 130,
} as const;

/** Dependencies tests may replace. */
export interface MainOptions {
  /** A runner for every command instead of a pool of Node worker threads. */
  runner?: Runner;
}

/** The exit code and the message for an error a command threw. */
export function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof ScenarioError) {
    return {
      code: EXIT.failed,
      message: `invalid scenario:\n${error.errors.map((e) => `  ${formatError(e)}`).join('\n')}`,
    };
  }
  if (
    error instanceof UsageError ||
    (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS')
  ) {
    return { code: EXIT.usage, message: (error as Error).message };
  }
  // Anything else happened while simulating a scenario that had passed validation.
  return { code: EXIT.failed, message: `the simulation failed: ${describeError(error)}` };
}

/**
 * Runs one CLI invocation and returns its exit code; never throws. Ctrl-C at any moment gives 130
 * and nothing more on standard output; standard output closing early (EPIPE, e.g. `| head`) ends
 * the command quietly with 0.
 */
export async function main(
  args: string[],
  io: Io = processIo(),
  options: MainOptions = {},
): Promise<number> {
  const [command, ...rest] = args;
  const controller = new AbortController();
  let interrupted = false;
  let pipeClosed = false;
  const onSigint = () => {
    interrupted = true;
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const unwatch = io.openOutput
    ? onStdoutError((error) => {
        if (error.code === 'EPIPE') pipeClosed = true;
        controller.abort();
      })
    : undefined;
  if (stdoutError()?.code === 'EPIPE') pipeClosed = true;
  // After Ctrl-C nothing more goes to standard output (one line on stderr says why we stop);
  // after EPIPE nothing goes anywhere.
  const halted = () => interrupted || pipeClosed;
  const guarded: Io = {
    ...io,
    stdout: (s) => {
      if (!halted()) io.stdout(s);
    },
    stderr: (s) => {
      if (!pipeClosed) io.stderr(s);
    },
  };
  if (io.openOutput) {
    const open = io.openOutput;
    guarded.openOutput = async (path) => {
      const output = await open(path);
      return {
        write: async (text) => {
          if (pipeClosed) throw new OutputClosedError('standard output closed');
          controller.signal.throwIfAborted();
          await output.write(text);
        },
        close: () => output.close(),
        discard: () => output.discard(),
      };
    };
  }
  const signal = controller.signal;
  const runner = options.runner ? { runner: options.runner } : {};
  let code: number;
  try {
    code = await dispatch(command, rest, guarded, { signal, ...runner });
  } catch (error) {
    const outputFailure = stdoutError();
    if (outputFailure && outputFailure.code !== 'EPIPE') {
      io.stderr(
        `sweetspot: cannot write to standard output (${outputFailure.code ?? outputFailure.message})\n`,
      );
      code = EXIT.usage;
    } else if (error instanceof OutputClosedError || pipeClosed) code = EXIT.ok;
    else if (interrupted) code = EXIT.interrupted;
    else {
      const failure = describeFailure(error);
      guarded.stderr(`sweetspot: ${failure.message}\n`);
      code = failure.code;
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    unwatch?.();
  }
  if (pipeClosed) return EXIT.ok;
  if (interrupted) return EXIT.interrupted;
  return code;
}

async function dispatch(
  command: string | undefined,
  rest: string[],
  io: Io,
  options: { signal: AbortSignal; runner?: Runner },
): Promise<number> {
  switch (command) {
    case 'run':
      return await runCommand(rest, io, options);
    case 'validate':
      return await validateCommand(rest, io);
    case 'presets':
      return await presetsCommand(rest, io);
    case 'calibrate':
      return await calibrateCommand(rest, io);
    case 'explain':
      return await explainCommand(rest, io, options);
    case 'sensitivity':
      return await sensitivityCommand(rest, io, options);
    case 'breakeven':
      return await breakevenCommand(rest, io, options);
    case 'frontier':
      return await frontierCommand(rest, io, options);
    case 'bench':
      return await benchCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new UsageError(`unknown command "${command}". Run "sweetspot --help" for the list.`);
  }
}
