import { createInThreadRunner } from '@sweetspot/runner';
import { argv, fakeIo, smallDefaultScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../io.ts';
import { sensitivityCommand } from './sensitivity.ts';

const small = smallDefaultScenario(60, 2);
const files = { 'small.json': JSON.stringify(small) };
const runner = createInThreadRunner();

describe('sweetspot sensitivity', () => {
  it('prints a ranked tornado table', async () => {
    const { io, out } = fakeIo(files);
    const code = await sensitivityCommand(
      argv(
        'small.json --input segments[1].winRate --input team.sellingHoursPerWeek=10:20 --input segments[0].discount',
      ),
      io,
      { runner },
    );
    expect(code).toBe(0);
    const text = out.stdout;
    expect(text).toContain('tornado of the mean A − B bookings, horizon');
    expect(text).toContain('60 trials per run, 7 runs');
    expect(text).toMatch(/Baseline: [+−-]?\$[\d,.]+[KM]? \[/);
    expect(text).toMatch(/Team: selling hours per week +10 h .* 15 h +20 h/);
    expect(text).toMatch(/Out of profile: win rate +11\.3%/);
    // Widest first: the bar chart shrinks down the table.
    const bars = text
      .split('\n')
      .filter((l) => /█/.test(l))
      .map((l) => (l.match(/█+/)?.[0] ?? '').length);
    expect(bars[0]).toBe(20);
    expect([...bars].sort((a, b) => b - a)).toEqual(bars);
  });

  it('prints JSON with --format json, on a quarter and on P(A beats B)', async () => {
    const { io, out } = fakeIo(files);
    const code = await sensitivityCommand(
      argv('small.json --metric pABeatsB --quarter 2 --swing 0.5 --input team.reps --format json'),
      io,
      { runner },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.spec).toEqual({ metric: 'pABeatsB', quarter: 2 });
    expect(json.swing).toBe(0.5);
    expect(json.bars[0].low.value).toBe(1);
    expect(json.bars[0].high.value).toBe(3);
    expect(json.baseline.estimate).toBeGreaterThanOrEqual(0);
    expect(json.baseline.estimate).toBeLessThanOrEqual(1);
  });

  it('chooses the trials with --precision', async () => {
    const { io, out } = fakeIo(files);
    const code = await sensitivityCommand(
      ['small.json', '--precision', '25', '--input', 'team.reps', '--format', 'json'],
      io,
      { runner },
    );
    expect(code).toBe(0);
    expect(out.stderr).toMatch(/2,000 trials give a 95% half-width of ±[\d.]+% of quota/);
    expect(JSON.parse(out.stdout).trialsPerRun).toBe(2_000);
  });

  it('explains bad flags and paths', async () => {
    const { io } = fakeIo(files);
    await expect(
      sensitivityCommand(['small.json', '--swing', '2'], io, { runner }),
    ).rejects.toThrow(UsageError);
    await expect(
      sensitivityCommand(['small.json', '--metric', 'profit'], io, { runner }),
    ).rejects.toThrow(/--metric must be one of/);
    await expect(
      sensitivityCommand(['small.json', '--input', 'segments[9].winRate'], io, { runner }),
    ).rejects.toThrow(/no segment\[9\]/);
    await expect(
      sensitivityCommand(['small.json', '--input', 'team.reps=1'], io, { runner }),
    ).rejects.toThrow(/LOW:HIGH/);
    await expect(
      sensitivityCommand(['small.json', '--quarter', '3'], io, { runner }),
    ).rejects.toThrow(/at most 2/);
    await expect(
      sensitivityCommand(['small.json', '--trials', '10', '--precision', '1'], io, { runner }),
    ).rejects.toThrow(/not both/);
  });

  it('returns 130 when cancelled', async () => {
    const { io, out } = fakeIo(files);
    const controller = new AbortController();
    const pending = sensitivityCommand(['small.json'], io, { runner, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toBe(130);
    expect(out.stderr).toContain('cancelled');
  });

  it('prints help', async () => {
    const { io, out } = fakeIo();
    expect(await sensitivityCommand(['--help'], io)).toBe(0);
    expect(out.stdout).toContain('Usage: sweetspot sensitivity');
  });
});
