import type { Runner } from '@sweetspot/runner';
import { defaultScenario } from '@sweetspot/scenario';
import { fakeIo } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { defineCommand } from './define-command.ts';
import { EXIT } from './exit-codes.ts';
import { format, out, seed, text, trials, whole } from './flags.ts';
import { UsageError } from './io.ts';
import { describeFailure } from './main.ts';

const HELP = 'Usage: sweetspot echo [scenario.json] [options]\n';

/** A command that prints its checked flags and the scenario's trials and seed. */
const echo = defineCommand({
  synopsis: 'echo [scenario]',
  summary: 'prints its flags',
  help: HELP,
  args: 'scenario',
  flags: {
    format: format(['table', 'json']),
    count: whole(1, 10),
    trials: trials(),
    seed: seed(),
    note: text(),
    out: out(),
  },
  async run(context) {
    const scenario = await context.scenario({ trials: context.flags.format === 'json' });
    const { format, count, note } = context.flags;
    await context.write(
      `${JSON.stringify({ format, count, note, trials: scenario.trials, seed: scenario.seed })}\n`,
    );
    return EXIT.ok;
  },
});

/** Runs `echo` and returns what it printed, parsed. */
async function echoed(args: string[]) {
  const { io, out } = fakeIo();
  expect(await echo(args, io)).toBe(EXIT.ok);
  return JSON.parse(out.stdout);
}

/** The exit code and message main gives for what a command threw. */
async function failure(promise: Promise<number>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the command should have failed').toBeDefined();
  return describeFailure(error);
}

describe('defineCommand', () => {
  it('--help and -h print the help and exit 0 without reading the scenario', async () => {
    for (const flag of ['--help', '-h']) {
      const { io, out } = fakeIo();
      expect(await echo(['missing.json', '--count', '99', flag], io)).toBe(EXIT.ok);
      expect(out.stdout).toBe(HELP);
      expect(out.stderr).toBe('');
      expect(out.read).toEqual([]);
    }
  });

  it("names the command by its synopsis's first word, for main and `sweetspot --help`", () => {
    expect(echo.about).toEqual({
      name: 'echo',
      synopsis: 'echo [scenario]',
      summary: 'prints its flags',
      help: HELP,
    });
  });

  it('an unknown flag is a usage error (exit 2) naming the flag', async () => {
    const { io, out } = fakeIo();
    const { code, message } = await failure(echo(['--colour', 'red'], io));
    expect(code).toBe(EXIT.usage);
    expect(message).toContain("'--colour'");
    expect(out.stdout).toBe('');
  });

  it('--out writes the whole output to the file, and nothing to standard output', async () => {
    const { io, out } = fakeIo();
    expect(await echo(['--out', 'result.json', '--count', '3'], io)).toBe(EXIT.ok);
    expect(out.stdout).toBe('');
    expect(JSON.parse(out.written['result.json'] ?? '').count).toBe(3);
  });

  it('checks the flags in the order they are declared and names the first bad one', async () => {
    const { io } = fakeIo();
    const both = await failure(echo(['--trials', '0', '--format', 'xml'], io));
    expect(both).toEqual({
      code: EXIT.usage,
      message: '--format must be one of table, json (got "xml")',
    });
    const count = await failure(echo(['--count', '11'], io));
    expect(count.message).toBe('--count must be a whole number from 1 to 10 (got "11")');
  });

  it('refuses an empty value first, naming the flag, unless the flags explain it', async () => {
    const { io } = fakeIo();
    expect((await failure(echo(['--note', '', '--count', 'x'], io))).message).toBe(
      '--note is empty: give it a value',
    );
    const explained = defineCommand({
      synopsis: 'explained',
      summary: '',
      help: HELP,
      args: 'none',
      flags: { count: whole(1, 10), note: text() },
      emptyValues: 'check flags first',
      run: async () => EXIT.ok,
    });
    expect((await failure(explained(['--note', '', '--count', ''], io))).message).toBe(
      '--count is empty: give a whole number from 1 to 10',
    );
    // With the flags' own checks first, --help wins over an empty value.
    expect(await explained(['--note', '', '--help'], io)).toBe(EXIT.ok);
  });

  it('takes at most one scenario file, and none when the command says so', async () => {
    const { io } = fakeIo();
    expect((await failure(echo(['a.json', 'b.json'], io))).message).toBe(
      'echo takes at most one scenario file (got 2)',
    );
    const none = defineCommand({
      synopsis: 'none',
      summary: '',
      help: HELP,
      args: 'none',
      flags: {},
      run: async () => EXIT.ok,
    });
    expect((await failure(none(['a.json'], io))).code).toBe(EXIT.usage);
    const one = defineCommand({
      synopsis: 'one <file>',
      summary: '',
      help: HELP,
      args: { one: 'give one file' },
      flags: {},
      run: async (context) => (context.file === 'a.csv' ? EXIT.ok : EXIT.failed),
    });
    expect((await failure(one([], io))).message).toBe('give one file');
    expect(await one(['a.csv'], io)).toBe(EXIT.ok);
  });

  it('loads the scenario with --seed, and --trials only when the command asks', async () => {
    const base = defaultScenario();
    const scenario = { ...base, trials: 77, seed: 5 };
    const { io, out } = fakeIo({ 's.json': JSON.stringify(scenario) });
    expect(await echo(['s.json', '--seed', '9', '--trials', '12'], io)).toBe(EXIT.ok);
    expect(JSON.parse(out.stdout)).toMatchObject({ trials: 77, seed: 9 });
    expect(await echoed(['--format', 'json', '--trials', '12'])).toMatchObject({
      trials: 12,
      seed: base.seed,
    });
    const { io: noFile } = fakeIo();
    expect((await failure(echo(['nope.json'], noFile))).message).toBe(
      'cannot read nope.json: no such file or directory',
    );
  });

  describe('simulate', () => {
    /** A runner whose runs report progress and then fail with `error` (or succeed). */
    const runnerFailingWith = (error?: Error): Runner & { disposed: number } => {
      const runner = {
        size: 1,
        disposed: 0,
        dispose() {
          runner.disposed += 1;
        },
        run: async (_scenario: unknown, options?: { onProgress?: (p: object) => void }) => {
          options?.onProgress?.({ done: 5, total: 10 });
          if (error) throw error;
          return undefined as never;
        },
      };
      return runner;
    };
    const simulating = defineCommand({
      synopsis: 'sim',
      summary: '',
      help: HELP,
      args: 'none',
      flags: { format: format(['table', 'json']), out: out() },
      async run(context) {
        await context.simulate(
          { progress: context.flags.format === 'table', cancelled: 'sim cancelled' },
          async (session) => {
            await session.runner.run(defaultScenario(), session.runOptions);
          },
        );
        await context.write('done\n');
        return EXIT.ok;
      },
    });

    it('turns Ctrl-C into exit 130 with one line on standard error, and leaves a given runner alone', async () => {
      const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
      const runner = runnerFailingWith(abort);
      const { io, out } = fakeIo();
      expect(await simulating([], io, { runner })).toBe(EXIT.interrupted);
      expect(out.stderr).toBe('sweetspot: sim cancelled\n');
      expect(out.stdout).toBe('');
      expect(runner.disposed).toBe(0);
    });

    it('lets any other failure through to main', async () => {
      const { io, out } = fakeIo();
      const runner = runnerFailingWith(new Error('worker crashed'));
      const { code, message } = await failure(simulating([], io, { runner }));
      expect(code).toBe(EXIT.failed);
      expect(message).toContain('worker crashed');
      expect(out.stderr).toBe('');
    });

    it('draws and clears a progress bar only for table output to an interactive terminal', async () => {
      const runner = runnerFailingWith();
      const table = fakeIo({}, { interactive: true });
      expect(await simulating([], table.io, { runner })).toBe(EXIT.ok);
      expect(table.out.stderr).toContain(' 50%  5 / 10 trials');
      expect(table.out.stderr.endsWith('\r\x1b[2K')).toBe(true);
      for (const args of [
        ['--format', 'json'],
        ['--out', 'o.txt'],
      ]) {
        const quiet = fakeIo({}, { interactive: true });
        expect(await simulating(args, quiet.io, { runner })).toBe(EXIT.ok);
        expect(quiet.out.stderr, args.join(' ')).toBe('');
      }
    });
  });

  it('a flag check may throw a UsageError of its own', async () => {
    const strict = defineCommand({
      synopsis: 'strict',
      summary: '',
      help: HELP,
      args: 'none',
      flags: {
        param: {
          type: 'string',
          parse: (_name: string, raw: unknown) => {
            if (raw === undefined) throw new UsageError('strict needs --param');
            return raw as string;
          },
        },
      },
      run: async (context) => (context.flags.param === 'x' ? EXIT.ok : EXIT.failed),
    });
    const { io } = fakeIo();
    expect((await failure(strict([], io))).message).toBe('strict needs --param');
    expect(await strict(['--param', 'x'], io)).toBe(EXIT.ok);
  });
});
