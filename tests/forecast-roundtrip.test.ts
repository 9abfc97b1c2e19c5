/**
 * The forecast's synthetic round trip (issue 15; docs/calibration.md "Forecast"): a team is
 * simulated from a known scenario; its CRM export is cut in week 7 of a quarter — closed deals
 * closed, open deals open with their amounts, nothing later — and forecast from there with the
 * package (calibrate, replay, start from today, simulate as is). The known continuation is what
 * the same simulated team actually booked that quarter. Over many independent teams (trials of
 * the generator), a forecast that is right in distribution puts the actual at a uniformly random
 * rank among its trials (the probability integral transform, Dawid 1984): about 80% of actuals
 * inside P10–P90, PIT values with mean ½ and a uniform spread.
 *
 * Tolerances: M = 40 forecasts; the PIT mean has standard error 1/√(12M) ≈ 0.046, checked within
 * 4 SE; the P10–P90 coverage within 4 binomial SE of 0.8 (≈ 0.25: a weak check, the PIT is the
 * strong one); the Kolmogorov–Smirnov distance of the PIT values to uniform below its 1% critical
 * value 1.63/√M. The forecast cannot know the generator's exact rates (it estimates them from one
 * history), which widens the real spread a little beyond the forecast's: the tolerances allow it.
 */
import {
  buildScenario,
  calibrate,
  forecastScenario,
  forecastStart,
  parseCsv,
  parseSegmentRule,
  replayHistory,
  scaleEffort,
  solveEffort,
} from '@sweetspot/calibration';
import { Layout, simulateChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { generatorTeam } from './helpers/generator-team.ts';
import { DAY_MS, TRACED_EXPORT_MAPPING, tracedExport } from './helpers/traced-export.ts';

/** Quarter 1 of the generator starts on 2024-01-01 (91 days: 13 weeks), after a 52-week warm-up. */
const Q1 = Date.UTC(2024, 0, 1) / DAY_MS;
const WARMUP = 52;
const DAY0 = Q1 - WARMUP * 7;
const CUT_WEEK = 7;

function generator(): Scenario {
  const s = generatorTeam({
    name: 'Forecast generator',
    seed: 777,
    horizon: { quarters: 1, weeksPerQuarter: 13, warmupWeeks: WARMUP },
    reps: 6,
    arrivals: [2, 1],
    rate: 0.8,
    names: ['a', 'b'],
  });
  return scaleEffort(s, solveEffort(s, 4).factor);
}

/**
 * Trial t's as-is history (helpers/traced-export.ts) cut at the start of week CUT_WEEK of quarter
 * 1, with `ghosts` of the opportunities entered again as rows never decided; the actual: every
 * won amount whose close date falls in quarter 1, by the same dates.
 */
function cutExport(gen: Scenario, t: number, ghosts = 0) {
  return tracedExport(gen, {
    day0: DAY0,
    trial: t,
    cut: Q1 + (CUT_WEEK - 1) * 7,
    ghosts,
    actual: { from: Q1, to: Q1 + 91 },
  });
}

/** The rank of `actual` among the forecast's trials, as a fraction in (0, 1) (mid-rank for ties). */
function pit(sorted: readonly number[], actual: number): number {
  let below = 0;
  let equal = 0;
  for (const x of sorted) {
    if (x < actual) below++;
    else if (x === actual) equal++;
  }
  return (below + 0.5 * equal + 0.5) / (sorted.length + 1);
}

/** M forecasts of independent teams: the PIT values and the P10–P90 coverage. */
async function roundTrips(
  M: number,
  ghosts: number,
): Promise<{ pits: number[]; inside80: number }> {
  const gen = generator();
  const pits: number[] = [];
  let inside80 = 0;
  const rule = (t: string, i: number) => {
    const r = parseSegmentRule(t, i);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  for (let t = 0; t < M; t++) {
    const { csv, asOf, actual } = cutExport(gen, t, ghosts);
    const cal = calibrate(await parseCsv(csv), {
      mapping: TRACED_EXPORT_MAPPING,
      outcomes: { won: ['Closed Won'], lost: ['Closed Lost'] },
      segments: [rule('id=a;name=a;sweet=true;Segment = a', 0), rule('id=b;name=b;Segment = b', 1)],
      asOf,
    });
    if (!cal.ok) throw new Error(cal.problems.map((p) => p.message).join('; '));
    const built = buildScenario(cal, { base: gen, sellingHours: 15 });
    if (!built.ok) throw new Error(built.errors.join('; '));
    const { scenario } = replayHistory(cal, built.scenario, { trials: 8 });
    const start = forecastStart(cal, scenario);
    if (!start.ok) throw new Error(start.message);
    expect(start.quarter).toMatchObject({ from: '2024-01-01', week: CUT_WEEK });
    const f = forecastScenario(scenario, start, { trials: 300 });
    if (!f.ok) throw new Error(f.errors.join('; '));
    const chunk = simulateChunk(f.scenario, 0, 300);
    const layout = new Layout(chunk.strategies, chunk.quarters, chunk.segments, chunk.groups ?? 0);
    const at = layout.columnOffset(0, layout.quarterColumn(0, 'bookings'), 300);
    const sorted = Array.from(chunk.columns.subarray(at, at + 300)).sort((x, y) => x - y);
    const u = pit(sorted, actual);
    pits.push(u);
    if (u >= 0.1 && u <= 0.9) inside80++;
  }
  return { pits, inside80 };
}

/** The checks of the file's header on M forecasts. */
function expectCalibrated(pits: number[], inside80: number): void {
  const M = pits.length;
  const mean = pits.reduce((a, b) => a + b, 0) / M;
  expect(Math.abs(mean - 0.5), `PIT mean ${mean.toFixed(3)}`).toBeLessThan(4 / Math.sqrt(12 * M));
  const cover = inside80 / M;
  expect(Math.abs(cover - 0.8), `P10–P90 coverage ${cover}`).toBeLessThan(4 * Math.sqrt(0.16 / M));
  const sortedPit = [...pits].sort((a, b) => a - b);
  const ks = Math.max(...sortedPit.map((u, i) => Math.max((i + 1) / M - u, u - i / M)));
  expect(
    ks,
    `PIT KS ${ks.toFixed(3)}; PITs ${sortedPit.map((u) => u.toFixed(2)).join(' ')}`,
  ).toBeLessThan(1.63 / Math.sqrt(M));
}

describe('forecast round trip on synthetic teams', () => {
  it('puts the known continuation at a uniformly random rank of the forecast (PIT)', async () => {
    const { pits, inside80 } = await roundTrips(40, 0);
    expectCalibrated(pits, inside80);
  }, 600_000);

  it('and still does when a fifth of the opportunities entered are never decided', async () => {
    // Those stay open: the export's old open deals tell the forecast how many never close, and
    // an open deal is discounted for it (docs/calibration.md "Forecast", the decided share).
    const { pits, inside80 } = await roundTrips(40, 0.2);
    expectCalibrated(pits, inside80);
  }, 600_000);
});
