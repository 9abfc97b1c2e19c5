import { createInThreadRunner } from '@sweetspot/runner';
import { commandTester, fakeIo, smallDefaultScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../io.ts';
import { sensitivityCommand } from './sensitivity.ts';

const files = { 'small.json': JSON.stringify(smallDefaultScenario(60, 2)) };
const runner = createInThreadRunner();
const { run, ok } = commandTester(sensitivityCommand, files, { runner });

describe('sweetspot sensitivity', () => {
  it('prints a ranked tornado table', async () => {
    const text = await ok(
      'small.json --input segments[1].winRate --input team.sellingHoursPerWeek=10:20 --input segments[0].discount',
    );
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
    const json = JSON.parse(
      await ok(
        'small.json --metric pABeatsB --quarter 2 --swing 0.5 --input team.reps --format json',
      ),
    );
    expect(json.spec).toEqual({ metric: 'pABeatsB', quarter: 2 });
    expect(json.swing).toBe(0.5);
    expect(json.bars[0].low.value).toBe(1);
    expect(json.bars[0].high.value).toBe(3);
    expect(json.baseline.estimate).toBeGreaterThanOrEqual(0);
    expect(json.baseline.estimate).toBeLessThanOrEqual(1);
  });

  it('chooses the trials with --precision', async () => {
    const out = await run('small.json --precision 25 --input team.reps --format json');
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/2,000 trials give a 95% half-width of ±[\d.]+% of quota/);
    expect(JSON.parse(out.stdout).trialsPerRun).toBe(2_000);
  });

  it('explains bad flags and paths', async () => {
    const bad: [args: string, error: RegExp | typeof UsageError][] = [
      ['small.json --swing 2', UsageError],
      ['small.json --metric profit', /--metric must be one of/],
      ['small.json --input segments[9].winRate', /no segment\[9\]/],
      ['small.json --input team.reps=1', /LOW:HIGH/],
      ['small.json --quarter 3', /at most 2/],
      ['small.json --trials 10 --precision 1', /not both/],
    ];
    for (const [args, error] of bad) await expect(run(args)).rejects.toThrow(error);
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
