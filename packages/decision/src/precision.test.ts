import { createInThreadRunner } from '@sweetspot/runner';
import { smallRealistic } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { evaluateMetric } from './metric.ts';
import {
  type PrecisionOptions,
  type PrecisionTarget,
  quotaOver,
  runToPrecision,
} from './precision.ts';

describe('runToPrecision', () => {
  const runner = createInThreadRunner();
  const scenario = smallRealistic();

  /**
   * Runs the scenario to `target` and checks what every run promises: it stopped `by` the target
   * (half-width within it) or the cap (not within it, all `maxTrials` run), with one trace point
   * per batch run and a chunk of exactly the trials run.
   */
  async function runStopping(
    by: 'target' | 'cap',
    target: PrecisionTarget,
    options: PrecisionOptions & { batchTrials: number; maxTrials: number },
  ) {
    const result = await runToPrecision(runner, scenario, target, options);
    expect(result.reached).toBe(by === 'target');
    expect(result.stoppedBy).toBe(by);
    const goal =
      target.halfWidth * (target.metric === 'pABeatsB' ? 1 : quotaOver(scenario, target));
    if (by === 'target') expect(result.halfWidth).toBeLessThanOrEqual(goal);
    else {
      expect(result.halfWidth).toBeGreaterThan(goal);
      expect(result.trials).toBe(options.maxTrials);
    }
    const batches = Math.ceil(result.trials / options.batchTrials);
    expect(result.trace.map((t) => t.trials)).toEqual(
      Array.from({ length: batches }, (_, i) =>
        Math.min((i + 1) * options.batchTrials, result.trials),
      ),
    );
    expect(result.chunk.trialCount).toBe(result.trials);
    return result;
  }

  it('stops at the first batch whose Wilson half-width on P(A beats B) is within the target', async () => {
    const result = await runStopping(
      'target',
      { metric: 'pABeatsB', halfWidth: 0.04 },
      { batchTrials: 150, maxTrials: 5_000 },
    );
    expect(result.halfWidth).toBeLessThanOrEqual(0.04);
    expect(result.trials).toBeLessThan(5_000);
    expect(result.trials % 150).toBe(0);
    expect(result.trace).toHaveLength(result.trials / 150);
    // Early stop: the batch before did not reach it.
    const before = result.trace[result.trace.length - 2];
    expect(before?.halfWidth).toBeGreaterThan(0.04);
    // The merged batches are exactly one run of the same trials.
    const one = await runner.run(scenario, { trials: result.trials });
    expect(result.chunk.columns).toEqual(one.columns);
    expect(Array.from(result.chunk.aggregates)).toEqual(Array.from(one.aggregates));
    expect(evaluateMetric(scenario, one, { metric: 'pABeatsB' })).toEqual(result.estimate);
    expect(result.scenario.trials).toBe(result.trials);
  });

  it('reaches a target on the mean difference as a share of quota, on one quarter', async () => {
    const result = await runStopping(
      'target',
      { metric: 'bookings', quarter: 1, halfWidth: 0.05 },
      { batchTrials: 100, maxTrials: 3_000 },
    );
    const quota = quotaOver(scenario, { metric: 'bookings', quarter: 1 });
    expect(quota).toBe(300_000);
    expect(result.halfWidth).toBeLessThanOrEqual(0.05 * quota);
    expect(result.halfWidthRelative).toBeCloseTo(result.halfWidth / quota, 12);
    expect(result.trace.at(-2)?.halfWidth ?? Number.POSITIVE_INFINITY).toBeGreaterThan(
      0.05 * quota,
    );
  });

  it('respects the cap and says the target was not reached', async () => {
    const result = await runStopping(
      'cap',
      { metric: 'pABeatsB', halfWidth: 0.001 },
      { batchTrials: 200, maxTrials: 500 },
    );
    // All 500 trials run, the half-width above 0.001 (checked by runStopping), in three batches.
    expect(result.trace.map((t) => t.trials)).toEqual([200, 400, 500]);
  });

  it('rejects bad targets and options', async () => {
    await expect(
      runToPrecision(runner, scenario, { metric: 'pABeatsB', halfWidth: 0 }),
    ).rejects.toThrow(/half-width/);
    await expect(
      runToPrecision(runner, scenario, { metric: 'bookings', halfWidth: 0.1 }, { maxTrials: 0 }),
    ).rejects.toThrow(/maxTrials/);
    await expect(
      runToPrecision(runner, scenario, { metric: 'retained', quarter: 1, halfWidth: 0.1 }),
    ).rejects.toThrow(/end of the horizon/);
  });
});
