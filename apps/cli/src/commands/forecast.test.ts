import { createInThreadRunner } from '@sweetspot/runner';
import { fakeIo, sixteenMonthExport } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { forecastCommand } from './forecast.ts';

const ARGS = [
  'deals.csv',
  '--segment',
  'id=ent;name=Enterprise;sweet=true;Type = Enterprise',
  '--segment',
  'id=smb;name=SMB',
  '--trials',
  '200',
];
const run = async (args: string[], files: Record<string, string> = {}) => {
  const { io, out } = fakeIo({ 'deals.csv': sixteenMonthExport(), ...files });
  const runner = createInThreadRunner();
  try {
    const code = await forecastCommand(args, io, { runner });
    return { code, ...out };
  } finally {
    runner.dispose();
  }
};

describe('sweetspot forecast', () => {
  it('prints where this quarter and the next land, by strategy, against as is, and by rep', async () => {
    const r = await run([...ARGS, '--as-of', '2024-02-15']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'as of 2024-02-15: week 7 of 13 of the quarter 2024-01-01 – 2024-03-31 (7 weeks left)',
    );
    expect(r.stdout).toMatch(/Booked so far: \$[\d,.]+K? \(\d+ won deals in the export\)/);
    for (const name of [
      'As is: what the team did',
      'Double down: sweet spot only',
      'Cast a wider net',
    ])
      expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('commit (P10)');
    expect(r.stdout).toContain("Each rep's chance of reaching quota this quarter");
    expect(r.stdout).toMatch(/^Ann\s+\d+%/m);
  });

  it('gives JSON and CSV with the same figures', async () => {
    const json = await run([...ARGS, '--as-of', '2024-02-15', '--format', 'json']);
    const j = JSON.parse(json.stdout);
    expect(j.strategies.map((s: { id: string }) => s.id)).toEqual([
      'as-is',
      'double-down',
      'wider-net',
    ]);
    expect(j.quarter).toMatchObject({ from: '2024-01-01', week: 7 });
    expect(j.scenario.start.weekOfQuarter).toBe(7);
    const csv = await run([...ARGS, '--as-of', '2024-02-15', '--format', 'csv']);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^strategy,quarter,commit_p10,most_likely_p50,best_case_p90,/);
    expect(lines).toHaveLength(1 + 3 * 2);
    const asIsQ1 = lines[1]?.split(',');
    expect(Number(asIsQ1?.[3])).toBeCloseTo(j.strategies[0].quarters[0].mostLikely, 6);
  });

  it('--booked takes the bookings so far from a file, by owner', async () => {
    const r = await run(
      [...ARGS, '--as-of', '2024-02-15', '--booked', 'b.csv', '--format', 'json'],
      {
        'b.csv': 'Owner,Booked\nAnn,100000\nBob,50000\n',
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).booked).toMatchObject({ total: 150_000, source: 'given' });
  });

  it('--backtest forecasts closed quarters with only what was known then', async () => {
    const r = await run([...ARGS, '--backtest', '--backtest-weeks', '8', '--trials', '100']);
    expect(r.code).toBe(0);
    // Closed quarters with 13 weeks of history before them: 2023-Q3 … 2024-Q1 (2023-Q2 starts
    // 89 days after the first deal).
    for (const q of ['2023-07-01', '2023-10-01', '2024-01-01']) expect(r.stdout).toContain(q);
    expect(r.stdout).not.toContain('2023-04-01 –');
    expect(r.stdout).toMatch(/Median absolute error of the most likely forecast: \d+%/);
    expect(r.stdout).toMatch(/Actuals inside P10–P90: \d+%/);
  });

  it('names what is wrong: a bad week list, a bookings file without amounts, an unknown as-of', async () => {
    // Usage errors reach main, which prints them and exits 2 (tests/cli-edges.test.ts).
    await expect(run([...ARGS, '--backtest', '--backtest-weeks', '0,8'])).rejects.toThrow(
      '--backtest-weeks must be weeks of the quarter from 1 to 13',
    );
    await expect(
      run([...ARGS, '--booked', 'b.csv'], { 'b.csv': 'Owner,Region\nAnn,North\n' }),
    ).rejects.toThrow('needs an owner column and an amount column');
    await expect(run([...ARGS, '--as-of', '2024-02-31'])).rejects.toThrow(
      '--as-of must be a date written yyyy-mm-dd',
    );
  });
});
