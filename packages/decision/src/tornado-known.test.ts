/**
 * The tornado's baseline read from trials already simulated (`known`, the main run's): the result
 * is the same, bit for bit, as when the baseline is run, and the baseline is not run again when
 * the known trials are enough. Also the stopping rule read from known trials (precisionFromKnown)
 * against runToPrecision's.
 */
import { createInThreadRunner, type Runner } from '@sweetspot/runner';
import type { Scenario, Strategy } from '@sweetspot/scenario';
import { smallRealistic } from '@sweetspot/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type PrecisionTarget, precisionFromKnown, runToPrecision } from './precision.ts';
import { tornado } from './tornado.ts';
import { planTornado } from './tornado-plan.ts';

const runner = createInThreadRunner();
afterAll(() => runner.dispose());
const scenario = smallRealistic({ trials: 120 });
/** Two inputs, so that the test stays small: each gets a low and a high run. */
const inputs = ['team.sellingHoursPerWeek', 'segments[1].winRate'];

/** A runner that keeps the JSON of every scenario it is asked to run. */
function watching(inner: Runner): { ran: string[]; observed: Runner } {
  const ran: string[] = [];
  const observed: Runner = {
    get size() {
      return inner.size;
    },
    dispose() {},
    run(s, options) {
      ran.push(JSON.stringify(s));
      return inner.run(s, options);
    },
  };
  return { ran, observed };
}

describe('tornado with the main run’s trials as its baseline', () => {
  const base = JSON.stringify(planTornado(scenario, { inputs }).base);

  it('with a fixed trial count: the same result, and the baseline is not run', async () => {
    const known = await runner.run(scenario, { trials: 200 });
    const plain = await tornado(runner, scenario, { inputs, trials: 120 });
    const { ran, observed } = watching(runner);
    const reused = await tornado(observed, scenario, { inputs, trials: 120, known });
    expect(reused).toEqual(plain);
    expect(ran).toHaveLength(4); // low and high of two inputs
    expect(ran).not.toContain(base);
  });

  it('chosen by precision: the same trials, estimates and bars, and the baseline is not run', async () => {
    const precision = { halfWidth: 0.05, batchTrials: 50, maxTrials: 400 };
    const plain = await tornado(runner, scenario, { inputs, precision });
    expect(plain.trialsPerRun).toBeGreaterThan(50); // the rule looked at more than one batch
    const known = await runner.run(scenario, { trials: 400 });
    const { ran, observed } = watching(runner);
    const reused = await tornado(observed, scenario, { inputs, precision, known });
    expect(reused).toEqual(plain);
    expect(ran).not.toContain(base);
  });

  it('runs the baseline when the known trials are too few, too different or handed away', async () => {
    const precision = { halfWidth: 0.05, batchTrials: 50, maxTrials: 400 };
    const plain = await tornado(runner, scenario, { inputs, precision });
    const few = await runner.run(scenario, { trials: plain.trialsPerRun - 50 });
    const later = await runner.run(scenario, { trials: 400, trialStart: 1 });
    const other = await runner.run(
      {
        ...scenario,
        strategies: [...scenario.strategies, { ...(scenario.strategies[0] as Strategy), id: 'x' }],
      },
      { trials: 400 },
    );
    const detached = {
      ...(await runner.run(scenario, { trials: 400 })),
      columns: new Float64Array(),
    };
    for (const known of [few, later, other, detached]) {
      const { ran, observed } = watching(runner);
      expect(await tornado(observed, scenario, { inputs, precision, known })).toEqual(plain);
      expect(ran).toContain(base);
    }
  });
});

describe('precisionFromKnown', () => {
  const s: Scenario = smallRealistic();

  it('refuses bad targets and options as runToPrecision does, known trials or not', async () => {
    const known = await runner.run(s, { trials: 100 });
    const bad = { halfWidth: -1, batchTrials: 50, maxTrials: 100 };
    await expect(tornado(runner, s, { inputs, precision: bad, known })).rejects.toThrow(
      'the target half-width must be > 0 (got -1)',
    );
    expect(() =>
      precisionFromKnown(s, known, { metric: 'pABeatsB', halfWidth: 0.1 }, { batchTrials: 0 }),
    ).toThrow(/batchTrials/);
  });

  it.each<[string, PrecisionTarget, { batchTrials: number; maxTrials: number }]>([
    [
      'P(A beats B), stopped by the target',
      { metric: 'pABeatsB', halfWidth: 0.06 },
      { batchTrials: 60, maxTrials: 600 },
    ],
    [
      'a quarter’s bookings',
      { metric: 'bookings', quarter: 1, halfWidth: 0.05 },
      { batchTrials: 50, maxTrials: 600 },
    ],
    [
      'stopped by the cap, in a short last batch',
      { metric: 'pABeatsB', halfWidth: 0.001 },
      { batchTrials: 200, maxTrials: 500 },
    ],
  ])('decides as runToPrecision does: %s', async (_, target, options) => {
    const run = await runToPrecision(runner, s, target, options);
    const known = await runner.run(s, { trials: 600 });
    expect(precisionFromKnown(s, known, target, options)).toEqual({
      reached: run.reached,
      trials: run.trials,
      target: run.target,
      halfWidth: run.halfWidth,
      estimate: run.estimate,
    });
    // One batch short of what the rule needs: it cannot decide.
    const short = await runner.run(s, { trials: run.trials - 1 });
    expect(precisionFromKnown(s, short, target, options)).toBeUndefined();
  });
});
