import { createInThreadRunner } from '@sweetspot/runner';
import { argv, fakeIo, smallDefaultScenario } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { frontierCommand } from './frontier.ts';

const small = smallDefaultScenario(100, 1);
const files = { 'small.json': JSON.stringify(small) };
const runner = createInThreadRunner();

describe('sweetspot frontier', () => {
  it('prints one row per share with the best points marked', async () => {
    const { io, out } = fakeIo(files);
    const code = await frontierCommand(['small.json', '--steps', '4'], io, { runner });
    expect(code).toBe(0);
    const text = out.stdout;
    expect(text).toContain('strictness frontier of strategy "focus"');
    expect(text).toContain('one set of worlds for every share');
    for (const share of ['0%', '25%', '50%', '75%', '100%']) {
      expect(text).toMatch(new RegExp(`^${share} of Out of profile +${share} `, 'm'));
    }
    expect((text.match(/◆/g) ?? []).length).toBe(3 + 1); // one per metric, plus the legend
    expect(text).toMatch(/^Best: bookings at "/m);
  });

  it('prints JSON, with another strategy and the per-point design', async () => {
    const { io, out } = fakeIo(files);
    const code = await frontierCommand(
      argv('small.json --steps 2 --strategy chase --design per-point --format json'),
      io,
      { runner },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.strategy).toBe('chase');
    expect(json.design).toBe('per-point');
    expect(json.points).toHaveLength(3);
    expect(json.runs).toBe(2);
  });

  it('explains bad flags', async () => {
    const { io } = fakeIo(files);
    await expect(
      frontierCommand(['small.json', '--strategy', 'x'], io, { runner }),
    ).rejects.toThrow(/--strategy must be one of focus, chase/);
    await expect(frontierCommand(['small.json', '--steps', '0'], io, { runner })).rejects.toThrow(
      /--steps/,
    );
    await expect(
      frontierCommand(['small.json', '--steps', '30', '--design', 'shared-world'], io, { runner }),
    ).rejects.toThrow(/20-segment limit/);
  });
});
