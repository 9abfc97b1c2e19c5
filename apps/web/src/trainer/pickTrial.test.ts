import { simulateChunk } from '@sweetspot/engine';
import { PRESETS, type Scenario, validateScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { pickTrial, quarterColumns } from './pickTrial.ts';

function scenario(): Scenario {
  const base = structuredClone(PRESETS[1] as Scenario);
  const r = validateScenario({ ...base, trials: 41, horizon: { ...base.horizon, quarters: 2 } });
  if (!r.ok) throw new Error('invalid');
  return r.scenario;
}

describe('trial picker', () => {
  const s = scenario();
  // A chunk that does not start at trial 0, as a sub-range of a run would.
  const chunk = simulateChunk(s, 100, 41);

  it('typical: A − B nearest the median difference; extremes: B best and worst against A', () => {
    for (const quarter of [0, 1]) {
      const { a, b } = quarterColumns(s, chunk, quarter);
      const d = Array.from(a, (x, i) => x - (b[i] as number));
      const sorted = [...d].sort((x, y) => x - y);
      const median = sorted[20] as number; // 41 trials: the 21st
      const typical = pickTrial(s, chunk, quarter, 'typical');
      expect(typical.medianDiff).toBe(median);
      const dist = Math.min(...d.map((x) => Math.abs(x - median)));
      expect(Math.abs(typical.a - typical.b - median)).toBe(dist);
      const save = pickTrial(s, chunk, quarter, 'save');
      expect(save.a - save.b).toBe(Math.min(...d));
      const failure = pickTrial(s, chunk, quarter, 'failure');
      expect(failure.a - failure.b).toBe(Math.max(...d));
      // Trial numbers count from the chunk's start, and the figures are that trial's columns.
      for (const p of [typical, save, failure]) {
        expect(p.trial).toBeGreaterThanOrEqual(100);
        expect(p.trial).toBeLessThan(141);
        expect(a[p.trial - 100]).toBe(p.a);
        expect(b[p.trial - 100]).toBe(p.b);
      }
    }
  });
});
