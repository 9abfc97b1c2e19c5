import { createInThreadRunner, isAbortError } from '@sweetspot/runner';
import { describe, expect, it } from 'vitest';
import { breakEven } from './breakeven.ts';
import { frontier } from './frontier.ts';
import type { DecisionProgress } from './index.ts';
import { runToPrecision } from './precision.ts';
import { smallRealistic } from './test-scenarios.ts';
import { tornado } from './tornado.ts';

type Analysis = (
  signal: AbortSignal,
  onProgress: (p: DecisionProgress) => void,
) => Promise<unknown>;

const runner = createInThreadRunner();
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
    it(`${name}: abort rejects promptly with an AbortError and stops reporting`, async () => {
      const controller = new AbortController();
      let abortedAt = 0;
      let reportsAfterAbort = 0;
      let last: DecisionProgress | undefined;
      const promise = analysis(controller.signal, (p) => {
        if (controller.signal.aborted) reportsAfterAbort++;
        last = p;
        // Abort once some work is done, from inside a progress callback.
        if (p.done > 0 && !controller.signal.aborted) {
          abortedAt = performance.now();
          controller.abort();
        }
      });
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      const delay = performance.now() - abortedAt;
      expect(isAbortError(error), String(error)).toBe(true);
      expect(abortedAt).toBeGreaterThan(0);
      expect(delay).toBeLessThan(500);
      expect(last && last.done <= last.total).toBe(true);
      const before = reportsAfterAbort;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reportsAfterAbort).toBe(before);
      // The runner is still usable.
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
