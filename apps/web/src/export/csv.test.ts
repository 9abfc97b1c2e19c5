import { PER_TRIAL_CSV_HEADER, summarize } from '@sweetspot/analysis';
import { simulateChunk } from '@sweetspot/engine';
import { PRESETS, type Scenario, validateScenario } from '@sweetspot/scenario';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { headlineOf } from '../library/logic.ts';
import { BOM, perTrialCsvParts, SUMMARY_CSV_HEADER, summaryCsv } from './csv.ts';

function small(overrides: Partial<Scenario> = {}): Scenario {
  const base = structuredClone(PRESETS[0] as Scenario);
  const result = validateScenario({
    ...base,
    trials: 24,
    horizon: { ...base.horizon, quarters: 2, warmupWeeks: 13 },
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

function parse(text: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const body = text.slice(1);
  // Every line ends in CRLF, and there is no bare LF.
  expect(body.endsWith('\r\n')).toBe(true);
  expect(body.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  const parsed = Papa.parse<string[]>(body.trimEnd(), { skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('CSV exports', () => {
  const scenario = small();
  const chunk = simulateChunk(scenario, 0, scenario.trials);

  it('per-trial results: BOM, CRLF, one row per trial, strategy and quarter plus a horizon row', () => {
    const text = perTrialCsvParts(scenario, chunk).join('');
    const rows = parse(text);
    expect(rows[0]).toEqual([...PER_TRIAL_CSV_HEADER]);
    const strategies = scenario.strategies.length;
    const quarters = scenario.horizon.quarters;
    expect(rows.length).toBe(1 + scenario.trials * strategies * (quarters + 1));
    for (const row of rows) expect(row.length).toBe(PER_TRIAL_CSV_HEADER.length);
    // Quarter rows of a trial add up to its horizon row.
    const focus = rows.filter((r) => r[0] === '5' && r[1] === 'focus');
    const sum = focus.slice(0, quarters).reduce((s, r) => s + Number(r[3]), 0);
    expect(Number(focus[quarters]?.[3])).toBeCloseTo(sum, 6);
  });

  it('summary: BOM, CRLF, a long table with every period, subject and metric', () => {
    const summary = summarize(scenario, chunk);
    const rows = parse(summaryCsv(scenario, summary));
    expect(rows[0]).toEqual([...SUMMARY_CSV_HEADER]);
    for (const row of rows) expect(row.length).toBe(SUMMARY_CSV_HEADER.length);
    const periods = new Set(rows.slice(1).map((r) => r[4]));
    expect([...periods]).toEqual(['Q1', 'Q2', 'horizon']);
    const bookingsA = rows.find(
      (r) => r[4] === 'horizon' && r[5] === 'A: Focus on the sweet spot' && r[6] === 'bookings',
    );
    expect(Number(bookingsA?.[7])).toBe(summary.strategies.focus?.horizon.bookings.mean);
    const beats = rows.find((r) => r[4] === 'horizon' && r[6] === 'P(A beats B) on bookings');
    expect(Number(beats?.[7])).toBe(summary.comparison.horizon.bookings.pABeatsB);
  });

  it('summary rows for cost of sale, contribution, pools and prospecting only when the scenario uses them', () => {
    const plain = summaryCsv(scenario, summarize(scenario, chunk));
    for (const metric of [
      'cost of sale',
      'contribution',
      'specialist hours wasted',
      'hours prospecting',
    ])
      expect(plain).not.toContain(metric);
    const base = structuredClone(PRESETS[0] as Scenario);
    const priced = small({
      team: {
        ...base.team,
        costPerSellingHour: 100,
        specialists: [{ id: 'se', name: 'Sales engineers', hoursPerWeek: 40, costPerHour: 150 }],
      },
      segments: base.segments.map((seg) => ({
        ...seg,
        specialistHoursPerSellingHour: { se: seg.sweetSpot ? 0.25 : 1 },
        prospecting: { hoursPerOpportunity: 4, lagWeeks: 2 },
      })),
      strategies: base.strategies.map((st, i) =>
        i === 0 ? { ...st, prospecting: { pursue: 'sweet-spot', when: 'always' } } : st,
      ),
    });
    const summary = summarize(priced, simulateChunk(priced, 0, priced.trials));
    const rows = parse(summaryCsv(priced, summary));
    const find = (period: string, subject: string, metric: string) =>
      rows.find((r) => r[4] === period && r[5]?.startsWith(subject) && r[6] === metric);
    const a = summary.strategies[priced.compare[0]];
    expect(Number(find('horizon', 'A:', 'contribution')?.[7])).toBe(a?.horizon.contribution.mean);
    expect(Number(find('horizon', 'A − B', 'contribution')?.[7])).toBe(
      summary.comparison.horizon.contribution.meanDiff,
    );
    expect(Number(find('Q1', 'A:', 'cost of sale')?.[7])).toBe(a?.quarters[0]?.costOfSale.mean);
    expect(Number(find('Q1', 'A:', 'Sales engineers: hours used')?.[7])).toBe(
      a?.quarters[0]?.pools[0]?.used,
    );
    expect(Number(find('Q1', 'A:', 'hours prospecting')?.[7])).toBe(
      a?.quarters[0]?.hoursProspecting,
    );
  });

  it('neutralizes formulas in scenario and strategy names', () => {
    const hostile = small({
      name: '=HYPERLINK("http://evil.example","click")',
      strategies: [
        {
          ...(PRESETS[0] as Scenario).strategies[0],
          name: '+SUM(1,2)',
        } as Scenario['strategies'][0],
        {
          ...(PRESETS[0] as Scenario).strategies[1],
          name: '@cmd|calc',
        } as Scenario['strategies'][1],
        { id: 'third', name: '-2+3', pursue: 'all', priority: 'oldest-first' },
      ],
    });
    const c = simulateChunk(hostile, 0, hostile.trials);
    const text = summaryCsv(hostile, summarize(hostile, c));
    const rows = parse(text);
    for (const row of rows.slice(1)) {
      for (const cell of [row[0], row[5]]) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows[1]?.[0]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows.some((r) => r[5] === "'-2+3")).toBe(true);
    expect(rows.some((r) => r[5] === 'A: +SUM(1,2)')).toBe(true);
    // In the raw text the quotes inside the name are doubled (RFC 4180).
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('headline figures for the library come from the horizon', () => {
    const summary = summarize(scenario, chunk);
    const h = headlineOf(summary, 42);
    expect(h).toEqual({
      period: '2 quarters',
      currency: 'USD',
      trials: scenario.trials,
      a: {
        id: 'focus',
        name: 'Focus on the sweet spot',
        meanBookings: summary.strategies.focus?.horizon.bookings.mean,
      },
      b: {
        id: 'chase',
        name: 'Chase everything',
        meanBookings: summary.strategies.chase?.horizon.bookings.mean,
      },
      pABeatsB: summary.comparison.horizon.bookings.pABeatsB,
      computedAt: 42,
    });
  });
});
