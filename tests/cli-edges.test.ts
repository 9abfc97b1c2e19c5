/**
 * The CLI's edges (issue 16): a reader that goes away (EPIPE), Ctrl-C while the output is being
 * built, empty and malformed flag values, a byte-order mark, the --workers cap and a huge export
 * given to calibrate. Through the built bin, except where a moment must be hit exactly.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInThreadRunner, type Runner } from '@sweetspot/runner';
import { defaultScenario } from '@sweetspot/scenario';
import { fakeIo } from '@sweetspot/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxWorkers } from '../apps/cli/src/args.ts';
import { main } from '../apps/cli/src/main.ts';
import {
  buildCli,
  CLI_BIN,
  type CliResult,
  exec,
  noStackTrace,
  ROOT,
  scratchDir,
  sweetspot,
} from './helpers/cli.ts';

const root = ROOT;
const bin = CLI_BIN;

const { dir, file } = scratchDir('sweetspot-edges-');

describe('CLI edges', () => {
  beforeAll(buildCli);

  it('ends quietly with 0 when the reader of standard output goes away (EPIPE)', async () => {
    // Our end of the pipe is closed as soon as the first rows arrive: the CLI's next write fails.
    const r = await new Promise<CliResult>((resolve, reject) => {
      const child = spawn(
        'node',
        [bin, 'run', '--trials', '200000', '--format', 'csv', '--workers', '2'],
        { cwd: root },
      );
      let stderr = '';
      let received = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        received += chunk.length;
        child.stdout.destroy();
      });
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        stderr += s;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: String(received), stderr }));
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeGreaterThan(0);

    // The shell's own way: `… | head -1`, with pipefail so the CLI's code is the pipeline's.
    const { stdout, stderr } = await exec(
      'bash',
      [
        '-c',
        `set -o pipefail; node '${bin}' run --trials 200000 --format csv --workers 2 | head -1; echo "exit $?"`,
      ],
      { cwd: root },
    );
    expect(stdout).toBe(
      'trial,strategy,quarter,bookings,margin,attainment,repsAtQuota,hoursWasted,retainedRecurringRevenue,costOfSale,contribution,specialistHoursWasted\r\nexit 0\n',
    );
    expect(stderr).toBe('');
  });

  it('Ctrl-C after the run, while the output is being built: 130 and nothing on standard output', async () => {
    // The Ctrl-C arrives as the last trials come back, before the summary is computed and printed.
    const inner = createInThreadRunner();
    const interrupting: Runner = {
      size: 1,
      dispose: () => inner.dispose(),
      async run(scenario, options) {
        const chunk = await inner.run(scenario, options);
        const listener = process.listeners('SIGINT').at(-1) as () => void;
        listener();
        return chunk;
      },
    };
    for (const format of ['table', 'json', 'csv']) {
      const { io, out } = fakeIo();
      const code = await main(['run', '--trials', '30', '--format', format], io, {
        runner: interrupting,
      });
      expect(code, format).toBe(130);
      expect(out.stdout, format).toBe('');
      expect(out.stderr, format).toBe('sweetspot: run cancelled\n');
    }
    inner.dispose();
  });

  it('Ctrl-C while --out FILE is being written deletes the partial file', async () => {
    const out = join(dir, 'partial.csv');
    const child = spawn(
      'node',
      [bin, 'run', '--trials', '200000', '--format', 'csv', '--workers', '2', '--out', out],
      { cwd: root },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Wait for the first rows to reach the file, then interrupt.
    while (!(existsSync(out) && statSync(out).size > 0))
      await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toBe('sweetspot: run cancelled\n');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses empty and malformed flag values, naming the flag', async () => {
    const max = maxWorkers();
    const cases: Array<[string[], string]> = [
      [['run', '--seed', ''], '--seed is empty'],
      [['run', '--seed', '1.5'], '--seed must be a whole number'],
      [['run', '--seed', '0x10'], '--seed must be a whole number'],
      [['run', '--seed'], "'--seed <value>' argument missing"],
      [
        ['run', '--trials', 'abc'],
        '--trials must be a whole number from 1 to 1,000,000 (got "abc")',
      ],
      [['run', '--trials', ''], '--trials is empty'],
      [['run', '--trials', '1e3'], '--trials must be a whole number'],
      [['run', '--trials', '0'], '--trials must be a whole number'],
      [['run', '--trials', '1000001'], '--trials must be a whole number'],
      [['run', '--workers', '0'], `--workers must be a whole number from 1 to ${max}`],
      [['run', '--workers', ''], `--workers must be a whole number from 1 to ${max}`],
      [['run', '--workers', String(max + 1)], `twice the ${availableParallelism()} core`],
      [['run', '--workers', '256'], 'got "256"'],
      [['run', '--format', ''], '--format must be one of table, json, csv (got "")'],
      [['run', '--format', 'xml'], '--format must be one of table, json, csv'],
      [['run', '--out', ''], '--out is empty'],
      [['run', ''], 'the scenario file name is empty'],
      [['explain', '--workers', '999'], '--workers must be a whole number'],
      [['sensitivity', '--seed', ''], '--seed is empty'],
      [['calibrate', 'x.csv', '--reps', ''], '--reps is empty'],
      [['calibrate', 'x.csv', '--name', ''], '--name is empty'],
      [['presets', '--format', ''], '--format is empty'],
    ];
    for (const [args, message] of cases) {
      const r = await sweetspot(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout, args.join(' ')).toBe('');
      noStackTrace(r);
    }
  });

  it('accepts a scenario file that starts with a UTF-8 byte-order mark', async () => {
    const bom = file(
      'bom.json',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify(defaultScenario())),
      ]),
    );
    const validate = await sweetspot('validate', bom);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('valid scenario "SaaS mid-market team"');
    const run = await sweetspot('run', bom, '--trials', '30', '--workers', '1', '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).trials).toBe(30);
  });

  it('calibrate refuses a 600 MB export before reading it, and stops a 66 MB one at 50 MB', async () => {
    const header = 'id,stage,amount,created,closed,owner,notes\n';
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, `${header}${'1,Won,100,2024-01-01,2024-02-01,a,x\n'.repeat(1000)}`);
    truncateSync(huge, 600 * 1024 * 1024);
    const time = '/usr/bin/time';
    const r = existsSync(time)
      ? await exec(time, ['-f', 'maxrss=%M', 'node', bin, 'calibrate', huge], { cwd: root }).then(
          () => ({ code: 0, stdout: '', stderr: '' }),
          (e: CliResult) => e,
        )
      : await sweetspot('calibrate', huge);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`sweetspot calibrate: ${huge}: the file is larger than 50 MB`);
    const rss = /maxrss=(\d+)/.exec(r.stderr);
    // Reading the file into a string would take over 600 MB (it used to fail with "Invalid string length").
    if (rss) expect(Number(rss[1]) / 1024).toBeLessThan(300);
    noStackTrace({ stdout: r.stdout, stderr: r.stderr.replace(/Command exited.*\n/, '') });

    // 66 MB of ordinary rows (fewer than the 500,000-row limit): read until the 50 MB limit.
    const big = join(dir, 'big.csv');
    const row = (i: number) =>
      `${i},${i % 3 ? 'Won' : 'Lost'},${1000 + (i % 5000)},2024-01-0${1 + (i % 9)},2024-03-1${i % 9},rep${i % 8},${'x'.repeat(100)}\n`;
    const block = Array.from({ length: 1000 }, (_, i) => row(i)).join('');
    writeFileSync(big, header + block.repeat(480));
    const stopped = await sweetspot('calibrate', big);
    expect(stopped.code).toBe(2);
    expect(stopped.stderr).toContain(`${big}: the file is larger than 50 MB`);
    noStackTrace(stopped);
  });
});
