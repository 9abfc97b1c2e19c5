import { describeError, type Runner, ScenarioError } from '@sweetspot/runner';
import { formatError } from '@sweetspot/scenario';
import { benchCommand } from './commands/bench.ts';
import { breakevenCommand } from './commands/breakeven.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { explainCommand } from './commands/explain.ts';
import { forecastCommand } from './commands/forecast.ts';
import { frontierCommand } from './commands/frontier.ts';
import { presetsCommand } from './commands/presets.ts';
import { runCommand } from './commands/run.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { validateCommand } from './commands/validate.ts';
import type { Command, CommandOptions } from './define-command.ts';
import { EXIT } from './exit-codes.ts';
import {
  type Io,
  isUsageError,
  OutputClosedError,
  onStdoutError,
  processIo,
  stdoutError,
  UsageError,
} from './io.ts';

/** Every command, in the order `sweetspot --help` lists them. */
const COMMANDS: readonly Command[] = [
  runCommand,
  validateCommand,
  presetsCommand,
  calibrateCommand,
  forecastCommand,
  explainCommand,
  sensitivityCommand,
  breakevenCommand,
  frontierCommand,
  benchCommand,
];

export const HELP = `Sweetspot — Monte Carlo sales-strategy simulator

Usage: sweetspot <command> [options]

Commands:
${COMMANDS.map(({ about }) => `  ${about.synopsis.padEnd(24)} ${about.summary}\n`).join('')}
Run "sweetspot <command> --help" for a command's options.

${runCommand.about.help}`;

export { EXIT };

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
  if (isUsageError(error)) return { code: EXIT.usage, message: error.message };
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
  options: CommandOptions,
): Promise<number> {
  const found = COMMANDS.find(({ about }) => about.name === command);
  if (found) return await found(rest, io, options);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  throw new UsageError(`unknown command "${command}". Run "sweetspot --help" for the list.`);
}
