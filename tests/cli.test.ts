/**
 * The CLI end to end, through the built bin (apps/cli/dist, made by `npm install`'s prepare step
 * or turbo's ^build): what a person typing `npx sweetspot …` sees.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultScenario, validateScenario } from '@sweetspot/scenario';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, exec, ROOT, sweetspot } from './helpers/cli.ts';

const root = ROOT;

const dir = mkdtempSync(join(tmpdir(), 'sweetspot-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const noStackTrace = (r: CliResult) => {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
};

describe('sweetspot CLI', () => {
  beforeAll(async () => {
    // Build once if the prepare step has not (e.g. a vitest run straight after editing).
    await exec('npm', ['run', 'build', '-w', '@sweetspot/cli'], { cwd: root });
  });

  it('runs the default scenario and prints the comparison table', async () => {
    const r = await sweetspot('run', '--trials', '300', '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SaaS mid-market team');
    expect(r.stdout).toContain('A: Focus on the sweet spot');
    expect(r.stdout).toContain('B: Chase everything');
    expect(r.stdout).toMatch(/Q1 bookings \(mean\)/);
    expect(r.stdout).toContain('P(A > B)');
  });

  it('prints the documented JSON summary, identical for 1 and 2 workers', async () => {
    const one = await sweetspot(
      'run',
      '--trials',
      '400',
      '--seed',
      '5',
      '--format',
      'json',
      '--workers',
      '1',
    );
    const two = await sweetspot(
      'run',
      '--trials',
      '400',
      '--seed',
      '5',
      '--format',
      'json',
      '--workers',
      '2',
    );
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const s = JSON.parse(one.stdout);
    expect(s).toMatchObject({ scenario: 'SaaS mid-market team', seed: 5, trials: 400 });
    const focus = s.strategies.focus;
    expect(focus.name).toBe('Focus on the sweet spot');
    expect(focus.quarters).toHaveLength(4);
    for (const key of ['mean', 'ci95', 'sd', 'p5', 'p10', 'p50', 'p90', 'p95']) {
      expect(focus.quarters[0].bookings).toHaveProperty(key);
      expect(focus.horizon.retainedRecurringRevenue).toHaveProperty(key);
    }
    expect(focus.quarters[0].pHitQuota).toBeGreaterThanOrEqual(0);
    expect(s.comparison).toMatchObject({ a: 'focus', b: 'chase' });
    for (const key of ['meanDiff', 'ci95', 'pABeatsB', 'pTie', 'p10', 'p50', 'p90']) {
      expect(s.comparison.quarters[0].bookings).toHaveProperty(key);
      expect(s.comparison.horizon.margin).toHaveProperty(key);
    }
  });

  it('prints per-trial CSV rows: trial, strategy, quarter, metrics', async () => {
    const r = await sweetspot('run', '--trials', '50', '--format', 'csv');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^trial,strategy,quarter,bookings,margin/);
    // 50 trials × 2 strategies × (4 quarters + 1 horizon row)
    expect(lines).toHaveLength(1 + 50 * 2 * 5);
  });

  it('runs a scenario file and honours --trials and --seed', async () => {
    const s = defaultScenario();
    s.horizon.quarters = 1;
    const path = file('one-quarter.json', JSON.stringify(s));
    const r = await sweetspot('run', path, '--trials', '200', '--seed', '9', '--format', 'json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.trials).toBe(200);
    expect(summary.seed).toBe(9);
    expect(summary.strategies.focus.quarters).toHaveLength(1);
  });

  it('validate lists every problem with its path and exits 1', async () => {
    const s = defaultScenario() as unknown as Record<string, unknown>;
    const segments = s.segments as Array<Record<string, unknown>>;
    (segments[1] as { dealSize: { p90: number } }).dealSize.p90 = 100;
    (s.team as Record<string, unknown>).reps = 0;
    s.colour = 'blue';
    const r = await sweetspot('validate', file('bad.json', JSON.stringify(s)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('segments[1].dealSize.p90: must be at least the median (30000)');
    expect(r.stderr).toContain('team.reps: must be at least 1');
    expect(r.stderr).toContain('colour: is not a known field');
    noStackTrace(r);
  });

  it('validate accepts a good file', async () => {
    const r = await sweetspot('validate', file('good.json', JSON.stringify(defaultScenario())));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid scenario');
  });

  it('gives clear messages for missing files, bad JSON, bad flags and unknown commands', async () => {
    const missing = await sweetspot('run', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const badJson = await sweetspot('run', file('broken.json', '{ "version": 1,'));
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('is not valid JSON');
    const badFlag = await sweetspot('run', '--trials', 'lots');
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('--trials must be a whole number');
    const unknownFlag = await sweetspot('run', '--colour');
    expect(unknownFlag.code).toBe(2);
    const unknown = await sweetspot('fly');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
    for (const r of [missing, badJson, badFlag, unknownFlag, unknown]) noStackTrace(r);
  });

  it('presets --format json prints complete, valid scenarios', async () => {
    const r = await sweetspot('presets', '--format', 'json');
    expect(r.code).toBe(0);
    const presets = JSON.parse(r.stdout) as unknown[];
    expect(presets.length).toBeGreaterThanOrEqual(2);
    for (const p of presets) expect(validateScenario(p).ok).toBe(true);
    const list = await sweetspot('presets');
    expect(list.stdout).toContain('Quarter-end panic');
  });

  it('explain prints a waterfall whose parts add up to its total', async () => {
    const r = await sweetspot('explain', '--trials', '200', '--format', 'json');
    expect(r.code).toBe(0);
    const w = JSON.parse(r.stdout);
    for (const kind of ['bookings', 'margin']) {
      const sum = w[kind].parts.reduce((a: number, p: { value: number }) => a + p.value, 0);
      expect(sum).toBeCloseTo(w[kind].total, 6);
    }
    const table = await sweetspot('explain', '--trials', '200', '--quarter', '2');
    expect(table.stdout).toContain(
      'Sweet-spot deals won by one, stalled or lost late by the other',
    );
    // No bar is labelled as a cost of chasing: bars say which deals they count.
    expect(table.stdout).not.toMatch(/neglect/i);
  });

  it('says what differs between A and B, and splits the gap when two rules differ', async () => {
    const run = await sweetspot('run', '--trials', '200', '--workers', '1');
    expect(run.stdout).toContain(
      'What differs: "Focus on the sweet spot" (A) and "Chase everything" (B) differ only in which deals are pursued',
    );
    const presets = JSON.parse((await sweetspot('presets', '--format', 'json')).stdout);
    const bigOnes = presets.find((p: { name: string }) => p.name === 'Chasing the big ones');
    const path = file('big-ones.json', JSON.stringify({ ...bigOnes, trials: 300 }));
    const r = await sweetspot('explain', path, '--format', 'json', '--workers', '1');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.difference).toMatch(/which deals are pursued .* and the order deals are worked in/);
    for (const kind of ['bookings', 'margin']) {
      const parts = out.attribution[kind].parts;
      expect(parts.map((p: { group: string }) => p.group)).toEqual(['pursue', 'priority']);
      const sum = parts.reduce((a: number, p: { mean: number }) => a + p.mean, 0);
      expect(sum).toBeCloseTo(out.attribution[kind].total, 6);
      // Both are exact splits of the same gap, rounded to whole units per trial: the attribution
      // within ½ unit per quarter (4 quarters), the waterfall within ½ per bar per quarter (≤ 8
      // bars): at most 2 + 16 units apart.
      expect(Math.abs(out.attribution[kind].total - out[kind].total)).toBeLessThanOrEqual(18);
    }
    const table = await sweetspot('run', path, '--workers', '1');
    expect(table.stdout).toMatch(
      /Horizon bookings gap: of \+\$[\d.]+[KM], \+\$[\d.]+[KM] comes from the order deals are worked in and \+\$[\d.]+[KM] from which deals are pursued/,
    );
  });
});
