import { defaultScenario, encodeShareCode, PRESETS, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { hashWithShareCode, initialScenario, shareCodeFromHash, shareUrl } from './urlState.ts';

const preset = PRESETS[1] as Scenario;

describe('URL state', () => {
  it('reads the share code from the fragment, with or without other parameters', () => {
    expect(shareCodeFromHash('')).toBeUndefined();
    expect(shareCodeFromHash('#')).toBeUndefined();
    expect(shareCodeFromHash('#s=s1.abc')).toBe('s1.abc');
    expect(shareCodeFromHash('s=s1.abc')).toBe('s1.abc');
    expect(shareCodeFromHash('#view=trainer&s=s1.xyz')).toBe('s1.xyz');
    expect(shareCodeFromHash('#view=trainer')).toBeUndefined();
    expect(shareCodeFromHash('#s=')).toBe('');
    expect(shareCodeFromHash('#s=s1.a%2Db')).toBe('s1.a-b');
    expect(shareCodeFromHash('#s=%E0%A4%A')).toBe('%E0%A4%A'); // bad escape: left to the decoder
  });

  it('replaces the share code and keeps other parameters', () => {
    expect(hashWithShareCode('', 's1.new')).toBe('#s=s1.new');
    expect(hashWithShareCode('#s=s1.old', 's1.new')).toBe('#s=s1.new');
    expect(hashWithShareCode('#view=x&s=s1.old', 's1.new')).toBe('#s=s1.new&view=x');
  });

  it('builds a link that opens the same scenario, keeping the path and the query', async () => {
    const url = shareUrl('http://localhost:4173/app/?failWorker=1#s=s1.stale', preset);
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/app/');
    expect(parsed.search).toBe('?failWorker=1');
    const opened = await initialScenario(parsed.hash, defaultScenario);
    expect(opened.from).toBe('link');
    expect(opened.scenario).toEqual(preset);
    expect(opened.problem).toBeUndefined();
    // Seed and trials travel with the scenario.
    expect(opened.scenario.seed).toBe(preset.seed);
    expect(opened.scenario.trials).toBe(preset.trials);
  });

  it('starts from the default, with no message, when there is no link', async () => {
    const opened = await initialScenario('', defaultScenario);
    expect(opened).toEqual({ scenario: defaultScenario(), from: 'default' });
  });

  it('falls back to the default with the reasons when a link is malformed or tampered with', async () => {
    const code = encodeShareCode(preset);
    const broken = [
      `#s=${code.slice(0, -9)}`, // truncated
      `#s=${code.slice(0, 30)}Q${code.slice(31)}`, // a character changed
      '#s=hello',
      '#s=s7.abcdef', // a newer link format
      '#s=',
    ];
    for (const hash of broken) {
      const opened = await initialScenario(hash, defaultScenario);
      expect(opened.from, hash.slice(0, 40)).toBe('default');
      expect(opened.scenario).toEqual(defaultScenario());
      expect(opened.problem?.errors.length, hash.slice(0, 40)).toBeGreaterThan(0);
    }
    expect(
      (await initialScenario('#s=s7.abc', defaultScenario)).problem?.errors[0]?.message,
    ).toMatch(/newer version/);
  });

  it('refuses a link to a scenario of a newer format version, with a clear message', async () => {
    const newer = { ...preset, version: 2 } as unknown as Scenario;
    const opened = await initialScenario(`#s=${encodeShareCode(newer)}`, defaultScenario);
    expect(opened.from).toBe('default');
    expect(opened.problem?.errors.map((e) => e.message).join(' ')).toMatch(/newer version/);
  });
});
