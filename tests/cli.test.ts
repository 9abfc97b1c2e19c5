import { join } from 'node:path';
import { defaultScenario, validateScenario } from '@sweetspot/scenario';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, noStackTrace, scratchDir, sweetspot } from './helpers/cli.ts';

const { dir, file } = scratchDir('sweetspot-cli-');

describe('sweetspot CLI', () => {
  // Build once if the prepare step has not (e.g. a vitest run straight after editing).
  beforeAll(buildCli);

  it('runs the default scenario and prints the comparison table', async () => {
    const r = await sweetspot('run', '--trials', '300', '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SaaS mid-market team');
    // The first line is the verdict, as the web app and the report say it (analysis verdict.ts).
    expect(r.stdout.split('\n')[0]).toMatch(
      /^(Focus on the sweet spot|Chase everything) books \$[\d.]+[KM]? more a year than .+ \(\+[\d.]+%, 95% CI .+; more in .+ of simulated years\) — .+\.$/,
    );
    expect(r.stdout).toContain('A: Focus on the sweet spot');
    expect(r.stdout).toContain('B: Chase everything');
    expect(r.stdout).toMatch(/Q1 bookings \(mean\)/);
    expect(r.stdout).toContain('P(A > B)');
  });

  it('prints the documented JSON summary, identical for 1 and 2 workers', async () => {
    const json = (workers: string) =>
      sweetspot('run', '--trials', '400', '--seed', '5', '--format', 'json', '--workers', workers);
    const one = await json('1');
    const two = await json('2');
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

  it('stops a precision run when the headline is precise: same trials in table, JSON and CSV, any workers', async () => {
    const s = defaultScenario();
    s.team.reps = 3;
    s.horizon.quarters = 2;
    s.horizon.warmupWeeks = 13;
    s.precision = { relative: 0.03, probability: 0.06 };
    const path = file('precise.json', JSON.stringify(s));
    const one = await sweetspot('run', path, '--format', 'json', '--workers', '1');
    const two = await sweetspot('run', path, '--format', 'json', '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const json = JSON.parse(one.stdout);
    // Stopped at a whole number of 250-trial batches, before the cap, because it was precise.
    expect(json.trials % 250).toBe(0);
    expect(json.trials).toBeLessThan(s.trials);
    expect(json.precision.final).toBe(true);
    expect(json.precision.line).toMatch(
      /^final: ±[\d.]+% on money and hours, ±[\d.]+ points on chances \([\d,]+ trials\)$/,
    );
    for (const f of json.precision.figures) expect(f.halfWidth).toBeLessThanOrEqual(f.target);
    // A fixed run of exactly that many trials gives the same summary, bit for bit.
    const fixed = await sweetspot('run', path, '--format', 'json', '--trials', String(json.trials));
    const { precision: _p, ...summary } = json;
    expect(JSON.parse(fixed.stdout)).toEqual(summary);
    const table = await sweetspot('run', path, '--workers', '2');
    expect(table.stdout).toContain(`${json.trials.toLocaleString('en-US')} trials, seed`);
    expect(table.stdout).toContain(`Precision: ${json.precision.line}`);
    const csv = await sweetspot('run', path, '--format', 'csv');
    expect(csv.stdout.trim().split(/\r?\n/)).toHaveLength(1 + json.trials * 2 * 3);
    // Asking for more precision than the cap allows says so.
    const capped = await sweetspot('run', path, '--precision', '0.1', '--trials', '500');
    expect(capped.stdout).toMatch(
      /Precision: not as precise as asked \(±0\.1% on money and hours, ±6 points on chances\): stopped at the cap of 500 trials/,
    );
  });

  it('validate lists every problem with its path and exits 1', async () => {
    const s = defaultScenario() as unknown as Record<string, unknown>;
    const segments = s.segments as Array<Record<string, unknown>>;
    (segments[1] as { dealSize: { p90: number } }).dealSize.p90 = 100;
    (s.team as Record<string, unknown>).reps = 0;
    s.colour = 'blue';
    const r = await sweetspot('validate', file('bad.json', JSON.stringify(s)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('segments[1].dealSize.p90: must be at least the median ($30,000)');
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
    for (const kind of ['bookings', 'margin', 'contribution']) {
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

  it('shows cost of sale, contribution, specialist pools and prospecting when the scenario has them', async () => {
    // docs/model.md §12–§14: the default scenario with rates, a pool of sales engineers, and a
    // focus strategy that prospects the sweet spot with its spare hours.
    const s = defaultScenario();
    s.team.costPerSellingHour = 120;
    s.team.specialists = [
      { id: 'se', name: 'Sales engineers', hoursPerWeek: 40, costPerHour: 150 },
    ];
    const [icp, out] = s.segments;
    if (!icp || !out || !s.strategies[0]) throw new Error('the default scenario changed');
    icp.specialistHoursPerSellingHour = { se: 0.25 };
    out.specialistHoursPerSellingHour = { se: 1 };
    icp.prospecting = { hoursPerOpportunity: 4, lagWeeks: 2 };
    s.strategies[0].prospecting = { pursue: 'sweet-spot', when: 'always' };
    const path = file('priced.json', JSON.stringify({ ...s, trials: 200 }));

    const json = await sweetspot('run', path, '--format', 'json', '--workers', '2');
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    const [fq, cq] = [summary.strategies.focus.quarters[0], summary.strategies.chase.quarters[0]];
    expect(fq.costOfSale.mean).toBeGreaterThan(0);
    expect(fq.contribution.mean).toBeCloseTo(fq.margin.mean - fq.costOfSale.mean, 4);
    expect(cq.specialistHoursWasted.mean).toBeGreaterThan(0);
    expect(fq.pools).toEqual([
      {
        id: 'se',
        name: 'Sales engineers',
        used: expect.any(Number),
        capacity: 520,
        wasted: expect.any(Number),
      },
    ]);
    expect(fq.pools[0].used).toBeGreaterThan(0);
    expect(fq.hoursProspecting).toBeGreaterThan(0);
    expect(fq.prospected).toBeGreaterThan(0);
    expect(fq.segments[0].prospected).toBeGreaterThan(0);
    expect(cq.prospected).toBe(0);
    expect(summary.strategies.focus.horizon.contribution.mean).toBeGreaterThan(0);
    const c = summary.comparison;
    for (const key of ['costOfSale', 'contribution', 'specialistHoursWasted', 'hoursWasted']) {
      expect(c.quarters[0][key]).toHaveProperty('pABeatsB');
      expect(c.horizon[key]).toHaveProperty('meanDiff');
    }
    const bars = c.horizon.waterfall.contribution.parts.map((p: { id: string }) => p.id);
    expect(bars.slice(-3)).toEqual(['discountGiven', 'costToServe', 'costOfSale']);
    expect(c.horizon.attribution.contribution.parts.map((p: { group: string }) => p.group)).toEqual(
      ['pursue', 'prospecting'],
    );

    const table = await sweetspot('run', path, '--workers', '2');
    expect(table.code).toBe(0);
    for (const row of [
      /^Q1 cost of sale \(mean\) +\$[\d.]+K +\$[\d.]+K +[-+]\$[\d.]+K \[.*\] +\d+%$/m,
      /^Q1 contribution \(mean\) +\$/m,
      /^Q4 specialist hours on lost\/stalled deals +\d+ +\d+ *$/m,
      /^Q4 Sales engineers: hours used +\d+ of 520 \(\d+%\) +\d+ of 520 \(\d+%\) *$/m,
      /^Q2 hours prospecting +\d+ +0 *$/m,
      /^Q3 prospected opportunities +[\d.]+ +0\.0 *$/m,
      /^Horizon contribution \(mean\) +\$/m,
    ]) {
      expect(table.stdout).toMatch(row);
    }

    const explain = await sweetspot('explain', path, '--workers', '2');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Contribution (gross margin − cost of sale)');
    expect(explain.stdout).toContain('Cost of sale (hours worked × their rates)');
    expect(explain.stdout).toContain('Prospected deals won by one, never had by the other');

    const csv = await sweetspot('run', path, '--format', 'csv', '--trials', '3');
    expect(csv.stdout.split('\r\n')[0]).toBe(
      'trial,strategy,quarter,bookings,margin,attainment,repsAtQuota,hoursWasted,retainedRecurringRevenue,costOfSale,contribution,specialistHoursWasted',
    );
  });

  it('prints no row, bar or table of the new mechanisms for a scenario without them', async () => {
    const table = await sweetspot('run', '--trials', '100', '--workers', '2');
    expect(table.stdout).not.toMatch(/cost of sale|contribution|specialist|prospect/i);
    const explain = await sweetspot('explain', '--trials', '100', '--workers', '2');
    expect(explain.stdout).not.toMatch(/cost of sale|contribution|prospect/i);
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
