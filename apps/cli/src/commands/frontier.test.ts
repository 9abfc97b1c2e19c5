import { createInThreadRunner } from '@sweetspot/runner';
import { commandTester, smallDefaultScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { frontierCommand } from './frontier.ts';

const files = { 'small.json': JSON.stringify(smallDefaultScenario(100, 1)) };
const { run, ok } = commandTester(frontierCommand, files, { runner: createInThreadRunner() });

describe('sweetspot frontier', () => {
  it('prints one row per share with the best points marked', async () => {
    const text = await ok(['small.json', '--steps', '4']);
    expect(text).toContain('strictness frontier of strategy "focus"');
    expect(text).toContain('one set of worlds for every share');
    for (const share of ['0%', '25%', '50%', '75%', '100%']) {
      expect(text).toMatch(new RegExp(`^${share} of Out of profile +${share} `, 'm'));
    }
    expect((text.match(/◆/g) ?? []).length).toBe(3 + 1); // one per metric, plus the legend
    expect(text).toMatch(/^Best: bookings at "/m);
  });

  it('prints JSON, with another strategy and the per-point design', async () => {
    const json = JSON.parse(
      await ok('small.json --steps 2 --strategy chase --design per-point --format json'),
    );
    expect(json.strategy).toBe('chase');
    expect(json.design).toBe('per-point');
    expect(json.points).toHaveLength(3);
    expect(json.runs).toBe(2);
  });

  it('explains bad flags', async () => {
    await expect(run(['small.json', '--strategy', 'x'])).rejects.toThrow(
      /--strategy must be one of focus, chase/,
    );
    await expect(run(['small.json', '--steps', '0'])).rejects.toThrow(/--steps/);
    await expect(run(['small.json', '--steps', '30', '--design', 'shared-world'])).rejects.toThrow(
      /20-segment limit/,
    );
  });
});
