import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Calibration, type CalibrationResult, calibrate } from './calibrate.ts';
import { parseCsv } from './csv.ts';
import { parseSegmentRule, type SegmentRule } from './segments.ts';
import { formatSplitProposal, ratioEstimate } from './split.ts';
import { PLAIN_MAPPING } from './test-mapping.ts';

/** mulberry32 (Tommy Ettinger, public domain): a seeded generator for test data only. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const DAY0 = Date.UTC(2023, 0, 2) / 86_400_000;
function ymd(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

interface ExportShape {
  /** Median won amount per industry; Fintech's is the sweet spot's. */
  amounts: Record<string, number>;
  deals?: number;
  seed?: number;
}

/**
 * A synthetic export: 8 reps in two teams (Team is constant per rep), an Industry whose median
 * amount differs as given (same win rate 30% and cycle median 6 weeks everywhere), a Region and a
 * numeric Employees column that decide nothing.
 */
function exportCsv({ amounts, deals = 3000, seed = 7 }: ExportShape): string {
  const rand = mulberry32(seed);
  const industries = Object.keys(amounts);
  const rows = ['Id,Stage,Amount,Created,Closed,Owner,Team,Industry,Region,Employees'];
  for (let i = 0; i < deals; i++) {
    const rep = Math.floor(rand() * 8);
    const industry = industries[Math.floor(rand() * industries.length)] as string;
    const region = ['North', 'South', 'East', 'West'][Math.floor(rand() * 4)];
    const employees = Math.round(Math.exp(5 + 1.5 * normal(rand)));
    const created = DAY0 + Math.floor(rand() * 364);
    const weeks = Math.exp(Math.log(6) + 0.5 * normal(rand));
    const closed = created + Math.max(1, Math.round(weeks * 7));
    const won = rand() < 0.3;
    const amount = won
      ? Math.round(Math.exp(Math.log(amounts[industry] as number) + 0.6 * normal(rand)))
      : '';
    rows.push(
      `D${i},${won ? 'Won' : 'Lost'},${amount},${ymd(created)},${ymd(closed)},Rep ${rep},${rep < 4 ? 'East team' : 'West team'},${industry},${region},${employees}`,
    );
  }
  return rows.join('\n');
}

const MAPPING = PLAIN_MAPPING;

function ok(result: CalibrationResult): Calibration {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result;
}

function rules(...specs: string[]): SegmentRule[] {
  return specs.map((s) => {
    const r = parseSegmentRule(s);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  });
}

const DISTINCT = { Fintech: 30_000, Retail: 10_000, Health: 10_000, Logistics: 10_000 };

/** The calibration of an export whose Fintech deals are worth 3× the rest, in these segments. */
async function withSegments(...specs: string[]): Promise<Calibration> {
  const table = await parseCsv(exportCsv({ amounts: DISTINCT }));
  return ok(calibrate(table, { mapping: MAPPING, segments: rules(...specs) }));
}
const SAME = { Fintech: 10_000, Retail: 10_000, Health: 10_000, Logistics: 10_000 };

describe('ratioEstimate (won value per deal-week and its standard error)', () => {
  it('is Σa ÷ Σt, with the standard error of a mean ÷ t when every deal took the same weeks', () => {
    // With tᵢ = t for all i: R = ā / t and Var(R) = s²(a) / (n t²), the textbook mean's variance.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        (a, t) => {
          const n = a.length;
          const sumA = a.reduce((s, x) => s + x, 0);
          const sumAA = a.reduce((s, x) => s + x * x, 0);
          const { value, standardError } = ratioEstimate(
            n,
            sumA,
            n * t,
            sumAA,
            n * t * t,
            sumA * t,
          );
          const mean = sumA / n;
          const variance = a.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
          expect(value).toBeCloseTo(mean / t, 6);
          const expected = Math.sqrt(variance / n) / t;
          expect(Math.abs(standardError - expected)).toBeLessThanOrEqual(1e-6 * (1 + expected));
        },
      ),
    );
  });

  it('has the standard error a hand computation gives on three deals', () => {
    // a = (10, 0, 20), t = (1, 2, 3): R = 30/6 = 5; residuals 10−5, 0−10, 20−15 = 5, −10, 5;
    // Σ = 150; n = 3, t̄ = 2: Var = 150 / (2 · 3 · 4) = 6.25, SE = 2.5.
    const r = ratioEstimate(3, 30, 6, 500, 14, 70);
    expect(r.value).toBe(5);
    expect(r.standardError).toBeCloseTo(2.5, 12);
  });
});

describe('the proposed sweet-spot split', () => {
  it('with one segment, proposes the industry whose deals are worth more per deal-week', async () => {
    const table = await parseCsv(exportCsv({ amounts: DISTINCT }));
    const cal = ok(calibrate(table, { mapping: MAPPING }));
    const split = cal.split;
    expect(split?.reason).toBe('one-segment');
    const best = split?.candidates[0];
    expect(best?.column).toBe('Industry');
    expect(best?.sweet.label).toBe('Fintech');
    // Fintech's amounts are 3× at the same win rate and cycle: value per deal-week ≈ 3× (the
    // ratio's standard error at 750 closed deals a value is ≈ 7% of it, so 2.3–3.9 is ±4 SE).
    expect(best?.ratio).toBeGreaterThan(2.3);
    expect(best?.ratio).toBeLessThan(3.9);
    expect(split?.clear).toBe(true);
    expect(best?.rules.map((r) => r.sweetSpot)).toEqual([true, false]);
    expect(best?.specs[0]).toBe('id=fintech;name=Industry: Fintech;sweet=true;Industry in Fintech');
    // The team column is constant per rep: it describes the team, not the deals.
    expect(split?.skipped).toContainEqual({
      column: 'Team',
      reason: 'one value per rep: it describes the team, not the deals',
    });
    // Mapped columns are never candidates; Region and Employees decide nothing, so rank below.
    const columns = split?.candidates.map((c) => c.column);
    expect(columns).not.toContain('Stage');
    expect(columns).not.toContain('Owner');
    expect(columns?.slice(1).sort()).toEqual(['Employees', 'Region']);
    for (const c of split?.candidates.slice(1) ?? []) expect(c.z).toBeLessThan(best?.z ?? 0);
    const employees = split?.candidates.find((c) => c.column === 'Employees');
    expect(employees?.kind).toBe('bands');
    expect(employees?.groups).toHaveLength(3);
    expect(
      cal.warnings.some((w) => w.includes('proposed sweet-spot split (Industry: Fintech')),
    ).toBe(true);
    expect(formatSplitProposal(split as NonNullable<typeof split>)).toContain('--split Industry');
  });

  it('names segments that differ by less than their noise, and proposes a split', async () => {
    // North vs the rest: regions are drawn independently of everything, so no figure differs.
    const cal = await withSegments(
      'id=north;name=North;sweet=true;Region = North',
      'id=rest;name=Rest',
    );
    expect(cal.split?.reason).toBe('indistinguishable');
    expect(cal.split?.message).toContain('"North"');
    expect(cal.split?.candidates[0]?.column).toBe('Industry');
  });

  it('says nothing when the segments do differ', async () => {
    const cal = await withSegments(
      'id=fin;name=Fintech;sweet=true;Industry = Fintech',
      'id=rest;name=Rest',
    );
    expect(cal.split).toBeUndefined();
  });

  it('says so when every segment is the sweet spot', async () => {
    const cal = await withSegments(
      'id=fin;name=Fintech;sweet=true;Industry = Fintech',
      'id=rest;name=Rest;sweet=true',
    );
    expect(cal.split?.reason).toBe('all-sweet');
  });

  it('calls a split of identical industries not clear', async () => {
    const table = await parseCsv(exportCsv({ amounts: SAME, seed: 11 }));
    const cal = ok(calibrate(table, { mapping: MAPPING }));
    // Best of a few noise columns: its z is the maximum of a handful of roughly normal draws,
    // which stays under 3 but for a 1-in-100 seed; this seed is fixed.
    expect(cal.split?.clear).toBe(false);
    expect(formatSplitProposal(cal.split as NonNullable<Calibration['split']>)).toContain(
      'NOT clear',
    );
  });

  it('--split applies the proposal (auto or a named column), or says why it cannot', async () => {
    const table = await parseCsv(exportCsv({ amounts: DISTINCT }));
    const auto = ok(calibrate(table, { mapping: MAPPING, split: 'auto' }));
    expect(auto.fits.map((f) => [f.id, f.sweetSpot])).toEqual([
      ['fintech', true],
      ['other', false],
    ]);
    expect(auto.appliedSplit?.column).toBe('Industry');
    expect(auto.split).toBeUndefined();
    const region = ok(calibrate(table, { mapping: MAPPING, split: 'region' }));
    expect(region.appliedSplit?.column).toBe('Region');
    const typo = calibrate(table, { mapping: MAPPING, split: 'Industy' });
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.problems[0]?.message).toMatch(/did you mean "Industry"/);
    const team = calibrate(table, { mapping: MAPPING, split: 'Team' });
    if (!team.ok) expect(team.problems[0]?.message).toMatch(/Team.*describes the team/);
    else throw new Error('Team should not be split on');
    const both = calibrate(table, {
      mapping: MAPPING,
      split: 'auto',
      segments: rules('id=a;name=A;sweet=true'),
    });
    expect(both.ok).toBe(false);
  });
});
