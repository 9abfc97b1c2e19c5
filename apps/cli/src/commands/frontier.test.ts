import { createInThreadRunner } from '@sweetspot/runner';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import type { Io } from '../io.ts';
import { frontierCommand } from './frontier.ts';

function fakeIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    interactive: false,
    readFile: async (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return content;
    },
    writeFile: async () => {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const small: Scenario = {
  ...defaultScenario(),
  trials: 100,
  horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks: 13 },
  team: { ...defaultScenario().team, reps: 2 },
};
const files = { 'small.json': JSON.stringify(small) };
const runner = createInThreadRunner();

describe('sweetspot frontier', () => {
  it('prints one row per share with the best points marked', async () => {
    const { io, out } = fakeIo(files);
    const code = await frontierCommand(['small.json', '--steps', '4'], io, { runner });
    expect(code).toBe(0);
    const text = out();
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
      [
        'small.json',
        '--steps',
        '2',
        '--strategy',
        'chase',
        '--design',
        'per-point',
        '--format',
        'json',
      ],
      io,
      { runner },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out());
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
