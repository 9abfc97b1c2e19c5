import { defaultScenario, type Scenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { buildScenario } from './build-scenario.ts';
import { type Calibration, calibrate } from './calibrate.ts';
import { parseCsv } from './csv.ts';
import { guessMapping } from './mapping.ts';
import { parseSegmentRule, type SegmentRule } from './segments.ts';
import { SYNTHETIC_AS_OF, SYNTHETIC_CSV } from './testing/synthetic.ts';

function rule(text: string): SegmentRule {
  const r = parseSegmentRule(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

async function calibration(segments: SegmentRule[]): Promise<Calibration> {
  const table = await parseCsv(SYNTHETIC_CSV);
  const result = calibrate(table, {
    mapping: guessMapping(table.headers),
    segments,
    asOf: SYNTHETIC_AS_OF,
    fileName: 'export.csv',
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result;
}

const SEGMENTS = [
  rule('id=core;name=North;sweet=true;Region in North'),
  rule('id=edge;name=South;Region = South'),
];

describe('buildScenario', () => {
  it('replaces segments with fitted ones, keeps non-CRM fields from the base, and validates', async () => {
    const cal = await calibration(SEGMENTS);
    const result = buildScenario(cal);
    if (!result.ok) throw new Error(result.errors.join('; '));
    const s = result.scenario;
    expect(validateScenario(s).ok).toBe(true);
    expect(s.version).toBe(1);
    expect(s.segments.map((x) => [x.id, x.sweetSpot])).toEqual([
      ['core', true],
      ['edge', false],
    ]);
    const base = defaultScenario();
    const baseSweet = base.segments.find((x) => x.sweetSpot);
    const baseOther = base.segments.find((x) => !x.sweetSpot);
    const [core, edge] = s.segments;
    const coreFit = cal.fits[0];
    expect(core).toMatchObject({
      winRate: 0.625,
      winRateUncertainty: 6,
      discount: 0,
      costToServe: baseSweet?.costToServe,
      annualChurn: baseSweet?.annualChurn,
      qualificationHours: baseSweet?.qualificationHours,
    });
    // The observed medians of won deals, not a fit's: the median is the median (the cycle plus
    // half a week: a deal is created during its first engine week).
    expect(core?.salesCycleWeeks.median).toBeCloseTo((coreFit?.wonCycle.median ?? 0) + 0.5, 3);
    expect(core?.dealSize.median).toBeCloseTo(coreFit?.wonSize.median ?? 0, 0);
    // Effort solved from the hours: proportional to the cycle median in every segment.
    const rate = (x: typeof core) =>
      (x?.effortHours.median ?? 0) / (x?.salesCycleWeeks.median ?? 1);
    expect(rate(core) / rate(edge)).toBeCloseTo(1, 2);
    // Arrivals: deals decided per owner-week in the steady window.
    expect(core?.opportunitiesPerRepPerWeek).toBeCloseTo(
      (cal.history.segments[0]?.decidedPerWeek ?? 0) / 3,
      3,
    );
    expect(edge).toMatchObject({
      costToServe: baseOther?.costToServe,
      annualChurn: baseOther?.annualChurn,
    });
    expect(s.team.reps).toBe(3);
    expect(s.strategies.slice(0, 2).map((x) => [x.id, x.pursue, x.priority])).toEqual([
      ['as-is', 'all', 'oldest-first'],
      ['focus', 'sweet-spot', 'oldest-first'],
    ]);
    expect(s.strategies.slice(2)).toEqual(base.strategies.filter((x) => x.id !== 'focus'));
    expect(s.compare).toEqual(['focus', 'as-is']);
    expect(s.team.sellingHoursPerWeek).toBe(base.team.sellingHoursPerWeek);
    expect(result.team.sellingHours.source).toBe('base scenario default');
    expect(result.team.quota.source).toMatch(/^history/);
    const record = s.provenance?.calibration as Record<string, unknown>;
    expect(record).toMatchObject({
      file: 'export.csv',
      rowsUsed: 15,
      rowsRejected: 8,
      asOf: SYNTHETIC_AS_OF,
      dateRange: { created: { from: '2024-01-01', to: '2024-02-01' } },
      keptFromBase: ['costToServe', 'annualChurn', 'qualificationHours'],
      solved: ['effortHours'],
    });
    expect(record.segments).toEqual([
      expect.objectContaining({ id: 'core', closed: 6, won: 4, lost: 2, open: 4, censored: 4 }),
      expect.objectContaining({ id: 'edge', closed: 5, wonWithAmount: 3 }),
    ]);
    expect(s.provenance?.description).toContain('Kept from the base scenario');
    expect(
      s.provenance?.sources?.some((x) => x.includes('created → closed time of won deals')),
    ).toBe(true);
  });

  it('honours a reps override and a base scenario, remapping pursue lists to sweet-spot / all', async () => {
    const base: Scenario = defaultScenario();
    base.strategies = [
      { id: 'focus', name: 'Focus', pursue: ['icp'], priority: 'expected-value-per-hour' },
      { id: 'other', name: 'Other', pursue: ['out'], priority: 'largest-first' },
    ];
    base.compare = ['focus', 'other'];
    const result = buildScenario(await calibration(SEGMENTS), { base, reps: 12, name: 'Mine' });
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.scenario.team.reps).toBe(12);
    expect(result.scenario.name).toBe('Mine');
    expect(result.scenario.strategies.map((s) => s.pursue)).toEqual(['all', 'sweet-spot', 'all']);
    expect(result.notes.filter((n) => n.includes('which are not fitted segments'))).toHaveLength(1);
  });

  it('refuses when no segment is the sweet spot', async () => {
    const cal = await calibration([
      rule('id=core;Region in North'),
      rule('id=edge;Region = South'),
    ]);
    const result = buildScenario(cal);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain('sweet spot');
  });

  it('keeps formula-like and odd names as plain text that validateScenario accepts', async () => {
    const hostile = '=HYPERLINK("http://x","click")';
    const cal = await calibration([
      rule(`id=core;name=${hostile};sweet=true;Region in North`),
      rule('id=edge;name=@SUM(A1:A9) +cmd|calc!A0;Region = South'),
    ]);
    const result = buildScenario(cal, { name: "-2+3+cmd|' /C calc'!A0" });
    if (!result.ok) throw new Error(result.errors.join('; '));
    expect(result.scenario.segments[0]?.name).toBe(hostile);
    expect(result.scenario.segments[1]?.name).toBe('@SUM(A1:A9) +cmd|calc!A0');
    expect(result.scenario.name).toBe("-2+3+cmd|' /C calc'!A0");
    const roundTrip = validateScenario(JSON.parse(JSON.stringify(result.scenario)));
    expect(roundTrip.ok).toBe(true);
  });
});
