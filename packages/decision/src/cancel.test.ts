import { simulateChunk } from '@sweetspot/engine';
import { createInThreadRunner, isAbortError } from '@sweetspot/runner';
import { smallRealistic } from '@sweetspot/testing';
import { describe, expect, it } from 'vitest';
import { breakEven } from './breakeven.ts';
import { frontier } from './frontier.ts';
import type { DecisionProgress } from './index.ts';
import { runToPrecision } from './precision.ts';
import { tornado } from './tornado.ts';

type Analysis = (
  signal: AbortSignal,
  onProgress: (p: DecisionProgress) => void,
) => Promise<unknown>;

/** Engine calls (one per chunk), and those made after the analysis was aborted. */
const engine = { calls: 0, callsAfterAbort: 0, aborted: false };
const runner = createInThreadRunner({
  simulate: (scenario, trialStart, trialCount) => {
    engine.calls++;
    if (engine.aborted) engine.callsAfterAbort++;
    return simulateChunk(scenario, trialStart, trialCount);
  },
});
const scenario = smallRealistic({ trials: 2_000 });

const analyses: Record<string, Analysis> = {
  tornado: (signal, onProgress) => tornado(runner, scenario, { signal, onProgress }),
  breakEven: (signal, onProgress) =>
    breakEven(runner, scenario, { param: 'segments[1].winRate', signal, onProgress }),
  frontier: (signal, onProgress) => frontier(runner, scenario, { signal, onProgress }),
  runToPrecision: (signal, onProgress) =>
    runToPrecision(
      runner,
      scenario,
      { metric: 'pABeatsB', halfWidth: 0.0001 },
      { signal, onProgress, batchTrials: 500, maxTrials: 100_000 },
    ),
};

describe('cancellation', () => {
  for (const [name, analysis] of Object.entries(analyses)) {
    it(`${name}: abort rejects with an AbortError at once, stops the engine and stops reporting`, async () => {
      const controller = new AbortController();
      let reportsAfterAbort = 0;
      let last: DecisionProgress | undefined;
      let settledBeforeNextTask: boolean | undefined;
      engine.calls = 0;
      engine.callsAfterAbort = 0;
      engine.aborted = false;
      let settled = false;
      const promise = analysis(controller.signal, (p) => {
        if (controller.signal.aborted) reportsAfterAbort++;
        last = p;
        // Abort once some work is done, from inside a progress callback.
        if (p.done > 0 && !controller.signal.aborted) {
          engine.aborted = true;
          controller.abort();
          // Did the analysis settle before the next macrotask (no further chunk can run first)?
          setTimeout(() => {
            settledBeforeNextTask = settled;
          }, 0);
        }
      });
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      settled = true;
      expect(isAbortError(error), String(error)).toBe(true);
      expect(engine.aborted).toBe(true);
      expect(engine.calls).toBeGreaterThan(0);
      expect(last && last.done <= last.total).toBe(true);
      // Let any chunk or run still queued have its turn: none reaches the engine, none reports.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(settledBeforeNextTask).toBe(true);
      expect(engine.callsAfterAbort).toBe(0);
      expect(reportsAfterAbort).toBe(0);
      // The runner is still usable.
      engine.aborted = false;
      const chunk = await runner.run(scenario, { trials: 10 });
      expect(chunk.trialCount).toBe(10);
    });

    it(`${name}: an already-aborted signal rejects without running`, async () => {
      const controller = new AbortController();
      controller.abort();
      let progress = 0;
      await expect(analysis(controller.signal, () => progress++)).rejects.toSatisfy(isAbortError);
      expect(progress).toBe(0);
    });
  }
});
