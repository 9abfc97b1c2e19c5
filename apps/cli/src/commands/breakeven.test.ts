import { createInThreadRunner } from '@sweetspot/runner';
import { chaseTheBigOnes, type Scenario } from '@sweetspot/scenario';
import { commandTester, smallDefaultScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { breakevenCommand } from './breakeven.ts';

const small = smallDefaultScenario(150, 1);
/** Focus against chasing the biggest deals first: far ahead whatever out-of-profile deals cost. */
const bigOnes: Scenario = {
  ...structuredClone(chaseTheBigOnes),
  ...small,
  segments: small.segments,
};
bigOnes.strategies = structuredClone(chaseTheBigOnes.strategies);
bigOnes.compare = [...chaseTheBigOnes.compare];
const files = { 'small.json': JSON.stringify(small), 'big-ones.json': JSON.stringify(bigOnes) };
const { run, ok } = commandTester(breakevenCommand, files, { runner: createInThreadRunner() });

describe('sweetspot breakeven', () => {
  it('finds where A and B tie and prints the evaluations', async () => {
    const text = await ok('small.json --param team.sellingHoursPerWeek --range 5:60');
    expect(text).toMatch(
      /Break-even: Team: selling hours per week = [\d.]+ h \(95%: [\d.]+ h to [\d.]+ h\)/,
    );
    expect(text).toContain('Below it A is ahead, above it B.');
    expect(text).toContain('Evaluations (same seed and trials at every value):');
    expect(text).toMatch(/^5 h +\+\$/m);
    expect(text).toMatch(/^60 h +-\$/m);
  });

  it('says so when there is no crossing, and writes JSON to --out', async () => {
    const out = await run(
      'big-ones.json --param segments[out].costToServe --metric margin --format json --out r.json',
    );
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    const json = JSON.parse(out.written['r.json'] ?? '');
    expect(json.crossing).toBe(false);
    expect(json.signAtLow).toBe(1);
    expect(json.signAtHigh).toBe(1);
    expect(json.message).toMatch(/^No crossing/);
  });

  it('explains a missing or bad --param and a bad range', async () => {
    const bad: [args: string, error: RegExp][] = [
      ['small.json', /needs --param/],
      ['small.json --param team.nope', /unknown team field/],
      ['small.json --param segments[1].winRate --range 0:2', /outside the valid values/],
      [
        'small.json --param segments[1].winRate --metric pABeatsB',
        /--metric must be one of bookings, margin, retained/,
      ],
    ];
    for (const [args, error] of bad) await expect(run(args)).rejects.toThrow(error);
  });
});
