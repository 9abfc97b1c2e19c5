import { formatMoney, formatPercent, type RunSummary, summarize } from '@sweetspot/analysis';
import { simulateChunk } from '@sweetspot/engine';
import {
  defaultScenario,
  mechanismsUsed,
  type Scenario,
  validateScenario,
} from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { comparisonTable } from './table.ts';

/** The default scenario, small, with some of the mechanisms of docs/model.md §12–§14. */
function scenario(options: { rates?: boolean; pools?: boolean; prospects?: boolean } = {}) {
  const s: Scenario = { ...defaultScenario(), trials: 40, seed: 3 };
  s.horizon = { ...s.horizon, quarters: 2 };
  s.team = { ...s.team };
  s.segments = s.segments.map((g) => ({ ...g }));
  s.strategies = s.strategies.map((st) => ({ ...st }));
  const [icp, out] = s.segments as [Scenario['segments'][number], Scenario['segments'][number]];
  if (options.rates) s.team.costPerSellingHour = 120;
  if (options.pools) {
    s.team.specialists = [
      {
        id: 'se',
        name: 'Sales engineers',
        hoursPerWeek: 40,
        ...(options.rates ? { costPerHour: 150 } : {}),
      },
    ];
    icp.specialistHoursPerSellingHour = { se: 0.25 };
    out.specialistHoursPerSellingHour = { se: 1 };
  }
  if (options.prospects) {
    icp.prospecting = { hoursPerOpportunity: 4, lagWeeks: 2 };
    (s.strategies[0] as Scenario['strategies'][number]).prospecting = {
      pursue: 'sweet-spot',
      when: 'always',
    };
  }
  expect(validateScenario(s).ok).toBe(true);
  return s;
}

function table(s: Scenario): { text: string; summary: RunSummary; rows: Map<string, string[]> } {
  const summary = summarize(s, simulateChunk(s, 0, s.trials));
  const text = comparisonTable(s, summary);
  // Cells are separated by two spaces or more; labels and cells hold single spaces only.
  const lines = text.split('\n\n')[1]?.trimEnd().split('\n') ?? [];
  const rows = new Map(
    lines.slice(1).map((line) => {
      const [label, ...cells] = line.trimEnd().split(/ {2,}/);
      return [label as string, cells];
    }),
  );
  return { text, summary, rows };
}

const ALWAYS = (q: number) => [
  `Q${q} bookings (mean)`,
  `Q${q} bookings P10–P90`,
  `Q${q} gross margin (mean)`,
  `Q${q} P(team hits quota)`,
  `Q${q} reps at quota`,
  `Q${q} hours on lost/stalled deals`,
];
const HORIZON = [
  'Horizon bookings (mean)',
  'Horizon gross margin (mean)',
  'Retained recurring revenue',
  'P(hit quota every quarter)',
];

const money = (x: number) => formatMoney(x, 'USD', undefined, { compact: true });

describe('sweetspot run: the table', () => {
  it('a scenario without rates, pools or prospecting prints only the rows it always printed', () => {
    const { rows } = table(scenario());
    expect([...rows.keys()]).toEqual([...ALWAYS(1), ...ALWAYS(2), ...HORIZON]);
    expect(mechanismsUsed(scenario())).toEqual({
      pricesHours: false,
      specialists: false,
      prospects: false,
    });
  });

  it('with rates, pools and prospecting: every new row, A, B and A − B like margin', () => {
    const s = scenario({ rates: true, pools: true, prospects: true });
    const { rows, summary } = table(s);
    const quarter = (q: number) => [
      `Q${q} bookings (mean)`,
      `Q${q} bookings P10–P90`,
      `Q${q} gross margin (mean)`,
      `Q${q} cost of sale (mean)`,
      `Q${q} contribution (mean)`,
      `Q${q} P(team hits quota)`,
      `Q${q} reps at quota`,
      `Q${q} hours on lost/stalled deals`,
      `Q${q} specialist hours on lost/stalled deals`,
      `Q${q} Sales engineers: hours used`,
      `Q${q} hours prospecting`,
      `Q${q} prospected opportunities`,
    ];
    expect([...rows.keys()]).toEqual([
      ...quarter(1),
      ...quarter(2),
      'Horizon bookings (mean)',
      'Horizon gross margin (mean)',
      'Horizon cost of sale (mean)',
      'Horizon contribution (mean)',
      'Retained recurring revenue',
      'P(hit quota every quarter)',
    ]);
    const A = summary.strategies.focus;
    const B = summary.strategies.chase;
    if (!A || !B) throw new Error('strategies missing');
    const [qa, qb, dq] = [A.quarters[1], B.quarters[1], summary.comparison.quarters[1]];
    if (!qa || !qb || !dq) throw new Error('quarter missing');
    const diff = (d: { meanDiff: number; ci95: [number, number] }) =>
      `${d.meanDiff >= 0 ? '+' : ''}${money(d.meanDiff)} [${money(d.ci95[0])}, ${money(d.ci95[1])}]`;
    expect(rows.get('Q2 cost of sale (mean)')).toEqual([
      money(qa.costOfSale.mean),
      money(qb.costOfSale.mean),
      diff(dq.costOfSale),
      formatPercent(dq.costOfSale.pABeatsB),
    ]);
    expect(rows.get('Q2 contribution (mean)')).toEqual([
      money(qa.contribution.mean),
      money(qb.contribution.mean),
      diff(dq.contribution),
      formatPercent(dq.contribution.pABeatsB),
    ]);
    const h = summary.comparison.horizon;
    expect(rows.get('Horizon contribution (mean)')).toEqual([
      money(A.horizon.contribution.mean),
      money(B.horizon.contribution.mean),
      diff(h.contribution),
      formatPercent(h.contribution.pABeatsB),
    ]);
    // Hours: whole hours; the pool's hours used of its 13 × 40 a quarter.
    expect(rows.get('Q2 specialist hours on lost/stalled deals')).toEqual([
      qa.specialistHoursWasted.mean.toFixed(0),
      qb.specialistHoursWasted.mean.toFixed(0),
    ]);
    const pool = (used: number) => `${used.toFixed(0)} of 520 (${formatPercent(used / 520)})`;
    expect(rows.get('Q2 Sales engineers: hours used')).toEqual([
      pool(qa.pools[0]?.used as number),
      pool(qb.pools[0]?.used as number),
    ]);
    expect(rows.get('Q2 hours prospecting')).toEqual([qa.hoursProspecting.toFixed(0), '0']);
    expect(rows.get('Q2 prospected opportunities')).toEqual([qa.prospected.toFixed(1), '0.0']);
    // The new figures are not zero on this scenario.
    expect(qa.costOfSale.mean).toBeGreaterThan(0);
    expect(qa.contribution.mean).toBeLessThan(qa.margin.mean);
    expect(qb.specialistHoursWasted.mean).toBeGreaterThan(0);
    expect(qa.prospected).toBeGreaterThan(0);
  });

  it('each mechanism shows its own rows only', () => {
    const pools = [...table(scenario({ pools: true })).rows.keys()];
    expect(pools).toContain('Q1 Sales engineers: hours used');
    expect(pools).toContain('Q1 specialist hours on lost/stalled deals');
    expect(pools.some((l) => /cost of sale|contribution|prospect/.test(l))).toBe(false);

    const priced = [...table(scenario({ rates: true })).rows.keys()];
    expect(priced).toContain('Q1 cost of sale (mean)');
    expect(priced).toContain('Horizon contribution (mean)');
    expect(priced.some((l) => /specialist|Sales engineers|prospect/.test(l))).toBe(false);

    const prospects = [...table(scenario({ prospects: true })).rows.keys()];
    expect(prospects).toContain('Q1 hours prospecting');
    expect(prospects).toContain('Q1 prospected opportunities');
    expect(prospects.some((l) => /cost of sale|contribution|specialist/.test(l))).toBe(false);
  });

  it('a rate of a pool alone, or a rate of 0, counts as priced; a third strategy prospecting does not', () => {
    const s = scenario({ pools: true });
    s.team.specialists = [{ id: 'se', name: 'Sales engineers', hoursPerWeek: 40, costPerHour: 0 }];
    expect(mechanismsUsed(s).pricesHours).toBe(true);
    // Only the third strategy, not compared, prospects.
    const t = scenario({ prospects: true });
    const [focus, chase] = t.strategies as [
      Scenario['strategies'][number],
      Scenario['strategies'][number],
    ];
    const { prospecting, ...plain } = focus;
    t.strategies = [plain, chase, { ...focus, id: 'third', prospecting }];
    expect(validateScenario(t).ok).toBe(true);
    expect(mechanismsUsed(t).prospects).toBe(false);
  });
});
