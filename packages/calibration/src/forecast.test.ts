import { Layout, simulateChunk } from '@sweetspot/engine';
import { defaultScenario } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario } from './build-scenario.ts';
import { type Calibration, type CalibrationResult, calibrate } from './calibrate.ts';
import { parseCsv } from './csv.ts';
import { dayNumber, formatDay, parseDate } from './dates.ts';
import { repQuotaChances } from './forecast-reps.ts';
import { forecastScenario } from './forecast-scenario.ts';
import {
  ageFactor,
  currentQuarter,
  decidedShare,
  forecastStart,
  openDealWinChance,
} from './forecast-start.ts';
import { fitAnchored } from './history.ts';
import { PLAIN_MAPPING } from './test-mapping.ts';
import { fitWinRate } from './winrate.ts';

const day = (text: string) => parseDate(text, 'ymd') as number;

describe('the current quarter', () => {
  it('starts in the fiscal year’s first month and every three months, across year ends', () => {
    expect(currentQuarter(day('2024-08-15'), 1, 13)).toEqual({
      from: '2024-07-01',
      to: '2024-09-30',
      week: 7,
      weeksLeft: 7,
    });
    expect(currentQuarter(day('2024-08-15'), 2, 13)).toMatchObject({
      from: '2024-08-01',
      to: '2024-10-31',
      week: 3,
    });
    expect(currentQuarter(day('2025-01-10'), 11, 13)).toMatchObject({
      from: '2024-11-01',
      to: '2025-01-31',
      week: 11, // 70 days in
    });
    // The last days of a 92-day quarter are in its week 14: counted as week 13.
    expect(currentQuarter(day('2024-09-30'), 1, 13).week).toBe(13);
  });

  it('always holds the day, lasts 89–92 days, and starts on a first of the month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 12 }), (d, fy) => {
        const q = currentQuarter(d, fy, 13);
        const from = day(q.from);
        const to = day(q.to);
        expect(from).toBeLessThanOrEqual(d);
        expect(to).toBeGreaterThanOrEqual(d);
        expect(to - from + 1).toBeGreaterThanOrEqual(89);
        expect(to - from + 1).toBeLessThanOrEqual(92);
        expect(q.from.endsWith('-01')).toBe(true);
        const month = Number(q.from.slice(5, 7));
        expect((((month - fy) % 3) + 3) % 3).toBe(0);
        expect(q.week).toBe(Math.min(13, Math.floor((d - from) / 7) + 1));
      }),
    );
  });
});

describe('an open deal’s age factor S_won(t) / S_lost(t)', () => {
  const won = fitAnchored([2, 3, 4, 4, 5, 6, 6, 7, 8, 10], 'p90');
  const lost = fitAnchored([4, 6, 8, 9, 10, 12, 14, 16, 20, 30], 'p90');
  if (!won || !lost) throw new Error('fits');
  const rate = fitWinRate(40, 60, 0.9);
  it('is 1 for a new deal or without a lost-cycle fit, and falls with age when losses take longer', () => {
    expect(ageFactor({ wonCycle: won, winRate: rate }, 20)).toBe(1);
    expect(ageFactor({ wonCycle: won, lostCycle: lost, winRate: rate }, 0)).toBe(1);
    const ages = [1, 4, 8, 12, 20, 40];
    const f = ages.map((t) => ageFactor({ wonCycle: won, lostCycle: lost, winRate: rate }, t));
    for (let i = 1; i < f.length; i++) expect(f[i] as number).toBeLessThan(f[i - 1] as number);
    // By hand at t = 8: z_won = ln(8/m_w)/σ_w, z_lost likewise; factor = Q(z_won)/Q(z_lost).
    const q = (z: number) => 0.5 * (1 - erf(z / Math.SQRT2));
    const zw = Math.log(8 / won.median) / won.sigma;
    const zl = Math.log(8 / lost.median) / lost.sigma;
    expect(f[2] as number).toBeCloseTo(q(zw) / q(zl), 6);
    expect(ageFactor({ wonCycle: won, lostCycle: won, winRate: rate }, 9)).toBe(1);
  });

  it('with deals that are never decided: a new deal is won with p·d, an old one almost never', () => {
    const fit = { wonCycle: won, lostCycle: lost, winRate: rate };
    const p = rate.mean;
    // By hand: at t → 0 both survivals are 1, so q = p·d / (p·d + (1 − p)·d + 1 − d) = p·d.
    expect(openDealWinChance(fit, 0, 0.7)).toBeCloseTo(p * 0.7, 12);
    expect(openDealWinChance(fit, 0, 1)).toBeCloseTo(p, 12);
    // Long past every won deal's cycle, an open deal is almost surely one that never closes.
    expect(openDealWinChance(fit, 200, 0.7)).toBeLessThan(1e-6);
    // The factor gives that chance back through the engine's rule q = pf / (pf + 1 − p).
    const f = ageFactor(fit, 6, 0.7);
    expect((p * f) / (p * f + 1 - p)).toBeCloseTo(openDealWinChance(fit, 6, 0.7), 12);
    expect(decidedShare({ oldEnough: { created: 100, stillOpen: 30 } })).toBeCloseTo(0.7, 12);
    expect(decidedShare({ oldEnough: { created: 10, stillOpen: 9 } })).toBe(1);
  });
});

/** erf by its Taylor series (|x| < 3 here), an oracle independent of the package. */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function ok(result: CalibrationResult): Calibration {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result;
}

/**
 * Two owners, deals created every 3 days from 2024-01-02; closed after 21 days, every third one
 * lost; those created from 2024-05-20 on are still open at the as-of date 2024-06-20 (one without
 * an amount, one of an owner "Zed" who owns nothing else).
 */
function smallExport(): string {
  const rows = ['Id,Stage,Amount,Created,Closed,Owner'];
  const start = dayNumber(2024, 1, 2) as number;
  const asOf = dayNumber(2024, 6, 20) as number;
  for (let i = 0; start + 3 * i <= asOf; i++) {
    const created = start + 3 * i;
    const owner = i % 2 === 0 ? 'Ann' : 'Bob';
    if (created + 21 <= asOf) {
      const won = i % 3 !== 0;
      rows.push(
        `D${i},${won ? 'Won' : 'Lost'},${won ? 1000 + 10 * i : ''},${formatDay(created)},${formatDay(created + 21)},${owner}`,
      );
    } else {
      rows.push(`D${i},Negotiation,${i === 50 ? '' : 2000},${formatDay(created)},,${owner}`);
    }
  }
  rows.push(`Z1,Negotiation,5000,2024-06-01,,Zed`);
  return rows.join('\n');
}

const MAPPING = PLAIN_MAPPING;

describe('the start of a forecast from an export', () => {
  it('takes the quarter, the open deals, their ages and amounts, and the bookings so far', async () => {
    const cal = ok(
      calibrate(await parseCsv(smallExport()), { mapping: MAPPING, asOf: '2024-06-20' }),
    );
    const built = buildScenario(cal, { base: defaultScenario(), reps: 2 });
    if (!built.ok) throw new Error(built.errors.join('; '));
    const f = forecastStart(cal, built.scenario);
    if (!f.ok) throw new Error(f.message);
    expect(f.quarter).toEqual({ from: '2024-04-01', to: '2024-06-30', week: 12, weeksLeft: 2 });
    // Open: created 2024-05-31 … 2024-06-18 (7 deals) and Zed's.
    expect(f.start.pipeline).toHaveLength(8);
    expect(f.start.pipeline.filter((d) => d.amount === undefined)).toHaveLength(1);
    expect(f.lines.withoutAmount).toHaveLength(1);
    // Zed is not one of the 2 reps (Ann, Bob in name order): his deal goes to a rep, named.
    expect(f.lines.ownerNotInTeam).toHaveLength(1);
    expect(f.warnings.some((w) => w.includes('not in the team of 2'))).toBe(true);
    // Ages: whole weeks begun since created — the youngest, created 2 days before, has had one.
    const youngest = f.start.pipeline.reduce((a, d) => Math.min(a, d.ageWeeks), 99);
    expect(youngest).toBe(1);
    expect(f.start.pipeline.find((d) => d.amount === 5000)?.ageWeeks).toBe(3); // Zed: 19 days
    // Bookings so far: won deals closed 2024-04-01 … 2024-06-20, by owner (Ann = rep 1).
    const wins = smallExport()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter(
        (c) =>
          c[1] === 'Won' && (c[4] as string) >= '2024-04-01' && (c[4] as string) <= '2024-06-20',
      );
    const byAnn = wins.filter((c) => c[5] === 'Ann').reduce((a, c) => a + Number(c[2]), 0);
    expect(f.start.booked?.find((b) => b.rep === 1)?.amount).toBe(byAnn);
    expect(f.booked.total).toBe(wins.reduce((a, c) => a + Number(c[2]), 0));
    // The scenario it makes is valid, starts there and asks the question.
    const s = forecastScenario(built.scenario, f, { trials: 50 });
    if (!s.ok) throw new Error(s.errors.join('; '));
    expect(s.scenario.horizon).toMatchObject({ quarters: 2, warmupWeeks: 0 });
    expect(s.scenario.strategies.map((st) => st.id).slice(0, 3)).toEqual([
      'as-is',
      'double-down',
      'wider-net',
    ]);
    expect(s.scenario.compare).toEqual(['double-down', 'as-is']);
  });

  it('refuses an as-of date that is not the calibration’s, and a bad fiscal month', async () => {
    const cal = ok(
      calibrate(await parseCsv(smallExport()), { mapping: MAPPING, asOf: '2024-06-20' }),
    );
    const built = buildScenario(cal, { base: defaultScenario() });
    if (!built.ok) throw new Error('build');
    const wrong = forecastStart(cal, built.scenario, { asOf: '2024-06-01' });
    expect(wrong.ok ? '' : wrong.message).toMatch(/calibrate with --as-of 2024-06-01/);
    const fy = forecastStart(cal, built.scenario, { fiscalYearStart: 13 });
    expect(fy.ok ? '' : fy.message).toMatch(/1–12/);
  });
});

describe('each rep’s chance of quota', () => {
  it('adds up to the team: Σ reps’ mean bookings = the engine’s mean team bookings, per quarter', async () => {
    const cal = ok(
      calibrate(await parseCsv(smallExport()), { mapping: MAPPING, asOf: '2024-06-20' }),
    );
    const built = buildScenario(cal, { base: defaultScenario() });
    if (!built.ok) throw new Error('build');
    const f = forecastStart(cal, built.scenario);
    if (!f.ok) throw new Error(f.message);
    const s = forecastScenario(built.scenario, f, { trials: 40 });
    if (!s.ok) throw new Error(s.errors.join('; '));
    const reps = repQuotaChances(s.scenario, 40);
    const chunk = simulateChunk(s.scenario, 0, 40);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
    reps.forEach((r, st) => {
      for (let q = 0; q < 2; q++) {
        const off = layout.columnOffset(st, layout.quarterColumn(q, 'bookings'), 40);
        const team =
          Array.from(chunk.columns.subarray(off, off + 40)).reduce((a, b) => a + b, 0) / 40;
        const sum = (r.meanBooked[q] as number[]).reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - team)).toBeLessThanOrEqual(1e-6 * (1 + team));
        for (const p of r.chance[q] as number[]) expect(p >= 0 && p <= 1).toBe(true);
      }
    });
  });
});
