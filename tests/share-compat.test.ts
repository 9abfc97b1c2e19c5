/**
 * Share links made before the presets changed (commit 422a691, the first version) keep loading
 * and give the same results: they carry their own numbers. The fixture holds each old preset's
 * link and, from the engine of that version, the sums over 12 trials (seed of the link) of
 * bookings, gross margin and reps at quota per strategy and quarter, and of retained recurring
 * revenue. The engine has changed since (settling the deals open at the horizon, attribution
 * columns), but none of those figures may move: the comparison is exact.
 */
import { readFileSync } from 'node:fs';
import { column, layoutOf, simulateChunk } from '@sweetspot/engine';
import { decodeShareCode, PRESETS } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';

interface OldPreset {
  code: string;
  cols: Record<string, number[]>;
  ret: number;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/presets-v0.1-share-links.json', import.meta.url), 'utf8'),
) as Record<string, OldPreset>;

describe('share links of the first presets', () => {
  it('are all there (three presets in that version)', () => {
    expect(Object.keys(fixture)).toHaveLength(3);
  });

  it.each(Object.entries(fixture))('%s: decodes to its own, older numbers', (name, old) => {
    const decoded = decodeShareCode(old.code);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.scenario.name).toBe(name);
    // The old numbers, not today's preset (which changed: 52-week warm-up, $130k quota, …).
    expect(decoded.scenario.horizon.warmupWeeks).toBe(26);
    expect(decoded.scenario.team.quotaPerRepPerQuarter).toBe(150_000);
    const today = PRESETS.find((p) => p.name === name);
    expect(today).toBeDefined();
    expect(decoded.scenario).not.toEqual(today);
  });

  it.each(Object.entries(fixture))('%s: gives exactly the old results', (_, old) => {
    const decoded = decodeShareCode(old.code);
    if (!decoded.ok) throw new Error('does not decode');
    const chunk = simulateChunk(decoded.scenario, 0, 12);
    const layout = layoutOf(chunk);
    let retained = 0;
    for (let s = 0; s < chunk.strategies; s++) {
      for (const m of ['bookings', 'margin', 'repsAtQuota'] as const) {
        const sums: number[] = [];
        for (let q = 0; q < layout.quarters; q++) {
          let t = 0;
          for (const x of column(chunk, s, layout.quarterColumn(q, m))) t += x;
          sums.push(t);
        }
        expect(sums, `${s}.${m}`).toEqual(old.cols[`${s}.${m}`]);
      }
      for (const x of column(chunk, s, layout.horizonColumn('retainedRecurringRevenue'))) {
        retained += x;
      }
    }
    expect(retained).toBe(old.ret);
  });
});
