/**
 * The command scaffold: every `sweetspot` command is `defineCommand({ help, flags, run })`. The
 * scaffold reads the flags (refusing unknown ones and empty values), answers `--help`, checks
 * the positional arguments, loads the scenario, sets up and disposes of the runner, sends the
 * output to `--out` or standard output and turns a Ctrl-C into exit code 130; the command's
 * `run` holds only what is its own.
 */
import { parseArgs } from 'node:util';
import type { Runner } from '@sweetspot/runner';
import type { Scenario } from '@sweetspot/scenario';
import { rejectEmptyFlags } from './args.ts';
import { EXIT } from './exit-codes.ts';
import type { Flags, FlagValues } from './flags.ts';
import { type Io, type Output, openOutput, UsageError, writeText } from './io.ts';
import { loadScenario } from './load-scenario.ts';
import { CancelledError, type Session, withRunner } from './runner-setup.ts';

/** What main (and tests) hand to every command. */
export interface CommandOptions {
  /** Aborts the command (Ctrl-C). */
  signal?: AbortSignal;
  /** For tests: a runner to use instead of a pool of Node worker threads. */
  runner?: Runner;
}

/**
 * The positional arguments a command takes: none, an optional scenario file (the built-in
 * default without one), or exactly one file (`one` is the message when there is not).
 */
export type Positionals = 'none' | 'scenario' | { one: string };

/** What a command is and does; `run` gets the checked flags and the scaffold's services. */
export interface CommandSpec<F extends Flags, O extends CommandOptions> {
  /**
   * How `sweetspot --help` shows the command, e.g. "run [scenario.json]"; its first word is the
   * command's name (the word after `sweetspot`).
   */
  synopsis: string;
  /** What it does, in one line of `sweetspot --help`. */
  summary: string;
  /** The text of `sweetspot <name> --help`. */
  help: string;
  args: Positionals;
  /** The command's flags, checked in this order (`--help`/`-h` is added). */
  flags: F;
  /**
   * 'refuse first' (default): any empty flag value is refused before anything else. 'check flags
   * first': each flag's own check explains an empty value (naming what it expects), and `--help`
   * wins over an empty value.
   */
  emptyValues?: 'refuse first' | 'check flags first';
  /** The command itself; returns the exit code. */
  run(context: CommandContext<F, O>): Promise<number>;
}

/** What a command's `run` gets. */
export interface CommandContext<F extends Flags, O extends CommandOptions> {
  io: Io;
  /** The flags, checked. */
  flags: FlagValues<F>;
  /** The positional argument, if any (always one when the command takes exactly one). */
  file: string | undefined;
  options: O;
  /**
   * The scenario file (or the built-in default), validated, with `--seed` applied and, with
   * `trials: true`, `--trials` (the other commands read `--trials` as trials per run).
   */
  scenario(apply?: { trials?: boolean }): Promise<Scenario>;
  /** Writes the whole output to `--out` or standard output. */
  write(text: string): Promise<void>;
  /** Opens `--out` or standard output for streaming. */
  openOutput(): Promise<Output>;
  /**
   * Runs `work` on a runner with a progress bar (when `progress` and the output goes to an
   * interactive terminal); on Ctrl-C prints "sweetspot: <cancelled>" and the command exits 130.
   */
  simulate<T>(
    how: { progress: boolean; cancelled: string },
    work: (session: Session) => Promise<T>,
  ): Promise<T>;
}

/** What `sweetspot --help` and main need to know about a command. */
export interface About {
  /** The word after `sweetspot`: the synopsis's first word. */
  name: string;
  synopsis: string;
  summary: string;
  help: string;
}

/** A command as main calls it. */
export type Command<O extends CommandOptions = CommandOptions> = ((
  args: string[],
  io: Io,
  options?: O,
) => Promise<number>) & { about: About };

/** Builds a command from its spec (see the module comment for what the scaffold does). */
export function defineCommand<F extends Flags, O extends CommandOptions = CommandOptions>(
  spec: CommandSpec<F, O>,
): Command<O> {
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> =
    {};
  for (const [name, flag] of Object.entries(spec.flags))
    config[name] = flag.multiple ? { type: flag.type, multiple: true } : { type: flag.type };
  config.help = { type: 'boolean', short: 'h' };
  const refuseEmptyFirst = spec.emptyValues !== 'check flags first';
  const commandName = spec.synopsis.split(' ')[0] as string;

  const command = async (args: string[], io: Io, options = {} as O): Promise<number> => {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: spec.args !== 'none',
      options: config,
    });
    if (refuseEmptyFirst) rejectEmptyFlags(values);
    if (values.help) {
      io.stdout(spec.help);
      return EXIT.ok;
    }
    if (spec.args === 'scenario' && positionals.length > 1)
      throw new UsageError(
        `${commandName} takes at most one scenario file (got ${positionals.length})`,
      );
    if (typeof spec.args === 'object' && positionals.length !== 1)
      throw new UsageError(spec.args.one);
    const flags: Record<string, unknown> = {};
    for (const [name, flag] of Object.entries(spec.flags))
      flags[name] = flag.parse(name, values[name]);
    if (!refuseEmptyFirst) rejectEmptyFlags(values);

    const known = flags as { out?: string; seed?: number; trials?: number; workers?: number };
    const file = positionals[0];
    const context: CommandContext<F, O> = {
      io,
      flags: flags as FlagValues<F>,
      file,
      options,
      async scenario(apply = {}) {
        const base = await loadScenario(io, file);
        return {
          ...base,
          ...(apply.trials ? { trials: known.trials ?? base.trials } : {}),
          seed: known.seed ?? base.seed,
        };
      },
      write: (text) => writeText(io, known.out, text),
      openOutput: () => openOutput(io, known.out),
      simulate: (how, work) =>
        withRunner(
          io,
          {
            runner: options.runner,
            workers: known.workers,
            signal: options.signal,
            progress: how.progress && known.out === undefined,
            cancelled: how.cancelled,
          },
          work,
        ),
    };
    try {
      return await spec.run(context);
    } catch (error) {
      // withRunner has said so on standard error.
      if (error instanceof CancelledError) return EXIT.interrupted;
      throw error;
    }
  };
  const about: About = {
    name: commandName,
    synopsis: spec.synopsis,
    summary: spec.summary,
    help: spec.help,
  };
  return Object.assign(command, { about });
}
