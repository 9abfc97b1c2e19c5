import { PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { problemLines, readScenarioText, scenarioFileText } from './scenarioFile.ts';

const preset = PRESETS[2] as Scenario;

describe('scenario files', () => {
  it('round-trips a scenario exactly', () => {
    const text = scenarioFileText(preset);
    expect(text.endsWith('}\n')).toBe(true);
    const back = readScenarioText(text);
    expect(back).toEqual({ ok: true, scenario: preset });
  });

  it('accepts a file saved with a byte-order mark', () => {
    expect(readScenarioText(`\uFEFF${scenarioFileText(preset)}`).ok).toBe(true);
  });

  it('reports every problem, each with its path', () => {
    const bad = structuredClone(preset) as unknown as Record<string, unknown> & Scenario;
    bad.team.reps = -3;
    (bad.segments[0] as { winRate: number }).winRate = 2;
    (bad.segments[1] as { dealSize: { median: number; p90: number } }).dealSize = {
      median: 100,
      p90: 10,
    };
    bad.currency = 'dollars';
    (bad as Record<string, unknown>).colour = 'blue';
    const result = readScenarioText(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'team.reps',
        'segments[0].winRate',
        'segments[1].dealSize.p90',
        'currency',
        'colour',
      ]),
    );
    const lines = problemLines(result.errors);
    expect(lines.length).toBe(result.errors.length);
    for (const line of lines) expect(line).toMatch(/^[\w[\].]+: .+/);
  });

  it('says what is wrong with a file that is not JSON', () => {
    const result = readScenarioText('{"version": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(problemLines(result.errors)[0]).toMatch(/^The file is not valid JSON/);
  });

  it('refuses a scenario from a newer version of the app', () => {
    const result = readScenarioText(JSON.stringify({ ...preset, version: 3 }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.newer).toBe(true);
      expect(problemLines(result.errors)[0]).toMatch(/version: is 3: .*newer version of Sweetspot/);
    }
  });
});
