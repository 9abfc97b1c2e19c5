/**
 * Every exit code docs/cli.md documents, each produced the way a person would produce it: through
 * the built bin (apps/cli/bin/sweetspot.mjs), except "a valid scenario whose simulation fails",
 * which needs a failing worker and runs `main` in-process with a runner that fails.
 */
import { spawn } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Runner, ScenarioError, WorkerCrashedError } from '@sweetspot/runner';
import { defaultScenario } from '@sweetspot/scenario';
import { fakeIo } from '@sweetspot/testing';
import { itWithSample, SAMPLE_DIR, sampleCalibrateArgs } from '@sweetspot/testing/sample';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../apps/cli/src/main.ts';
import { buildCli, CLI_BIN, noStackTrace, ROOT, scratchDir } from './helpers/cli.ts';

const root = ROOT;
const bin = CLI_BIN;

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `onStdout`/`onStart` may act on the child (send it a signal) while it runs. */
function sweetspot(
  args: string[],
  hooks: { onStart?: (kill: () => void) => void; onStdout?: (kill: () => void) => void } = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [bin, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const kill = () => {
      if (!signalled) child.kill('SIGINT');
      signalled = true;
    };
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      hooks.onStdout?.(kill);
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    hooks.onStart?.(kill);
  });
}

const { dir, file } = scratchDir('sweetspot-exit-');
/** A file of `bytes` zero bytes that takes no disk space (truncate leaves a hole). */
const bigFile = (name: string, bytes: number) => {
  const path = join(dir, name);
  writeFileSync(path, '');
  truncateSync(path, bytes);
  return path;
};

/** The exit codes listed in docs/cli.md's table, as numbers. */
function documentedCodes(): number[] {
  const doc = readFileSync(join(root, 'docs/cli.md'), 'utf8');
  const table = doc.slice(
    doc.indexOf('## Exit codes'),
    doc.indexOf('\n## ', doc.indexOf('## Exit codes') + 5),
  );
  return [...table.matchAll(/^\| `(\d+)` \|/gm)].map((m) => Number(m[1]));
}

describe('exit codes (docs/cli.md)', () => {
  beforeAll(buildCli);

  it('documents exactly 0, 1, 2, 3 and 130, and EXIT agrees', () => {
    expect(documentedCodes()).toEqual([0, 1, 2, 3, 130]);
    expect(Object.values(EXIT).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 130]);
  });

  itWithSample(
    '3: calibrate builds a scenario whose backtest misses the history (and --accept-gaps gives 0)',
    ['sales_pipeline.csv', 'products.csv', 'accounts.csv'],
    async () => {
      const at = (f: string) => join(SAMPLE_DIR, f);
      const args = ['calibrate', ...sampleCalibrateArgs(at)];
      const gap = await sweetspot(args);
      expect(gap.code).toBe(3);
      expect(gap.stdout).toMatch(/Gap: /);
      noStackTrace(gap);
      const accepted = await sweetspot([...args, '--accept-gaps']);
      expect(accepted.code).toBe(0);
    },
    120_000,
  );

  it('0: success', async () => {
    const good = file('good.json', JSON.stringify(defaultScenario()));
    for (const args of [
      ['validate', good],
      ['run', good, '--trials', '40', '--workers', '1', '--format', 'json'],
      ['--help'],
    ]) {
      const r = await sweetspot(args);
      expect(r.code, args.join(' ')).toBe(0);
      noStackTrace(r);
    }
  });

  it('1: validate finds problems in a JSON scenario', async () => {
    const s = defaultScenario() as unknown as { team: { reps: number } };
    s.team.reps = 0;
    const r = await sweetspot(['validate', file('bad.json', JSON.stringify(s))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('team.reps: must be at least 1');
    noStackTrace(r);
  });

  it('1: a valid scenario whose simulation fails (a worker crashes or rejects it)', async () => {
    const failing = (error: Error): Runner => ({
      size: 1,
      dispose: () => {},
      run: async () => {
        throw error;
      },
    });
    for (const [error, expected] of [
      [
        new WorkerCrashedError('out of memory'),
        'sweetspot: the simulation failed: Simulation worker crashed: out of memory',
      ],
      [
        new ScenarioError([{ path: 'team.quota', message: 'is too large' }]),
        'team.quota: is too large',
      ],
    ] as const) {
      for (const command of ['run', 'explain']) {
        const { io, out } = fakeIo();
        const code = await main([command, '--trials', '10'], io, { runner: failing(error) });
        expect(code, `${command}: ${error.message}`).toBe(1);
        expect(out.stderr).toContain(expected);
        expect(out.stdout).toBe('');
      }
    }
  });

  it('2: usage problems — command, flag, flag value, file, JSON, scenario', async () => {
    const cases: Array<[string[], string]> = [
      [[], 'Usage: sweetspot <command>'],
      [['fly'], 'unknown command "fly"'],
      [['run', '--colour'], "'--colour'"],
      [['run', '--trials', 'abc'], '--trials must be a whole number'],
      [['run', join(dir, 'nope.json')], 'no such file'],
      [['run', dir], 'it is a directory'],
      [['validate', file('broken.json', '{ "version": 1,')], 'is not valid JSON'],
      [['run', file('broken2.json', '{ "version": 1,')], 'is not valid JSON'],
      [
        ['run', file('invalid.json', JSON.stringify({ ...defaultScenario(), trials: -1 }))],
        'trials',
      ],
      [['run', '--trials', '10', '--out', join(dir, 'no-such-dir', 'out.json')], 'cannot write'],
      [['validate'], 'usage: sweetspot validate'],
    ];
    for (const [args, message] of cases) {
      const r = await sweetspot(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr, args.join(' ')).toContain(message);
      noStackTrace(r);
    }
  });

  it('2: a file over the size limit is refused without being read whole', async () => {
    const scenario = bigFile('huge.json', 11 * 1024 * 1024);
    const r = await sweetspot(['validate', scenario]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${scenario} is larger than 10 MB, the limit`);
    noStackTrace(r);
  });

  it('130: Ctrl-C during the run and while CSV is being written', async () => {
    // A moment into a long run (whether the CLI is still loading or already simulating, the
    // outcome must be the same); tests/cli-edges.test.ts covers the summary being built.
    const duringRun = await sweetspot(
      ['run', '--trials', '200000', '--format', 'json', '--workers', '2'],
      {
        onStart: (kill) => setTimeout(kill, 1500),
      },
    );
    for (const r of [duringRun]) {
      expect(r.signal).toBeNull();
      expect(r.code).toBe(130);
      expect(r.stdout).toBe('');
      noStackTrace(r);
    }
    // As soon as the first rows arrive: the rows so far end at a line boundary, no more follow.
    const writing = await sweetspot(
      ['run', '--trials', '200000', '--format', 'csv', '--workers', '2'],
      {
        onStdout: (kill) => kill(),
      },
    );
    expect(writing.code).toBe(130);
    expect(writing.stdout.length).toBeGreaterThan(0);
    expect(writing.stdout.endsWith('\r\n')).toBe(true);
    expect(writing.stdout.split('\r\n').length - 1).toBeLessThan(1 + 200_000 * 10);
    noStackTrace(writing);
  });
});
