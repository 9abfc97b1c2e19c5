/**
 * The tornado reads its baseline from the main run's trials only when they are final and for the
 * scenario the panels analyse (finalTrialsOf).
 */
import { createChunk, layoutFor } from '@sweetspot/engine';
import { defaultScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import type { DisplayedResult, RunState } from '../run/controller.ts';
import { finalTrialsOf } from './panel.ts';

const scenario = defaultScenario();
const key = JSON.stringify(scenario);
const chunk = createChunk(layoutFor(scenario), 0, 4);

/** A run state showing a result for `resultKey`, final or not. */
function showing(resultKey: string, final: boolean): RunState {
  const result = { key: resultKey, final, chunk } as unknown as DisplayedResult;
  return { result } as unknown as RunState;
}

describe('finalTrialsOf', () => {
  it('hands over the trials of a final result for the same scenario', () => {
    expect(finalTrialsOf(showing(key, true), key)).toBe(chunk);
  });

  it('hands over nothing while the run refines, for another scenario, or with no result', () => {
    expect(finalTrialsOf(showing(key, false), key)).toBeUndefined();
    expect(
      finalTrialsOf(showing(JSON.stringify({ ...scenario, seed: 2 }), true), key),
    ).toBeUndefined();
    expect(finalTrialsOf(showing(key, true), undefined)).toBeUndefined();
    expect(finalTrialsOf({ result: undefined } as unknown as RunState, key)).toBeUndefined();
  });
});
