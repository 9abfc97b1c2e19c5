/**
 * An in-memory stand-in for the CLI's `Io` (apps/cli/src/io.ts): files to read from a record,
 * and everything the command prints or writes kept for the test to look at. Typed here by shape,
 * since a package may not import an app; it is assignable to `Io`.
 */
import { expect } from 'vitest';

/** The part of the CLI's `Io` a fake provides. */
export interface FakeIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  interactive: boolean;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, data: string) => Promise<void>;
}

/** What a command did through a fake Io. */
export interface FakeIoOutput {
  stdout: string;
  stderr: string;
  /** Files written, by path. */
  written: Record<string, string>;
  /** Every path asked for, in order (found or not). */
  read: string[];
}

export interface FakeIoOptions {
  /** Whether stderr counts as a terminal (progress bars); false by default. */
  interactive?: boolean;
  /** Where to look for a file that is not in `files` (undefined: not found). */
  fallback?: (path: string) => string | undefined;
}

/** A fake Io over the in-memory `files`; a missing file fails as Node's does (code ENOENT). */
export function fakeIo(
  files: Record<string, string> = {},
  options: FakeIoOptions = {},
): { io: FakeIo; out: FakeIoOutput } {
  const out: FakeIoOutput = { stdout: '', stderr: '', written: {}, read: [] };
  const io: FakeIo = {
    stdout: (s) => {
      out.stdout += s;
    },
    stderr: (s) => {
      out.stderr += s;
    },
    interactive: options.interactive ?? false,
    readFile: async (path) => {
      out.read.push(path);
      const content = Object.hasOwn(files, path) ? files[path] : options.fallback?.(path);
      if (content === undefined) {
        throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      }
      return content;
    },
    writeFile: async (path, data) => {
      out.written[path] = data;
    },
  };
  return { io, out };
}

/** A command line's arguments, split at spaces as a shell would split them (no quoting). */
export function argv(line: string): string[] {
  return line.split(' ').filter((word) => word !== '');
}

/** A CLI command as a test calls it (typed by shape, as FakeIo is). */
export type CommandUnderTest<O> = (args: string[], io: FakeIo, options?: O) => Promise<number>;

/**
 * Runs a CLI command on a fake Io over `files`; `args` as an array or a line split at spaces.
 * Resolves to its exit code and what it printed and wrote; rejects as the command does.
 */
export async function runCliCommand<O>(
  command: CommandUnderTest<O>,
  args: string | string[],
  files: Record<string, string> = {},
  options?: O,
): Promise<FakeIoOutput & { code: number }> {
  const { io, out } = fakeIo(files);
  const code = await command(typeof args === 'string' ? argv(args) : args, io, options);
  return { code, ...out };
}

/**
 * One CLI command under test, over in-memory `files` with `options`: `run(args)` resolves to its
 * exit code and output (and rejects as the command does); `ok(args)` checks that it exits with 0
 * and resolves to what it printed on standard output.
 */
export function commandTester<O>(
  command: CommandUnderTest<O>,
  files: Record<string, string> = {},
  options?: O,
): {
  run: (args: string | string[]) => Promise<FakeIoOutput & { code: number }>;
  ok: (args: string | string[]) => Promise<string>;
} {
  const run = (args: string | string[]) => runCliCommand(command, args, files, options);
  const ok = async (args: string | string[]) => {
    const result = await run(args);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  return { run, ok };
}
