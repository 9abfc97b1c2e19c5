/**
 * CSV export and the trainer's trial picker read the per-trial columns of the displayed result:
 * the run controller keeps the chunk it summarized (DisplayedResult.chunk), preferring the one the
 * summary worker hands back (the one it sent was transferred away).
 */
import { summarize } from '@sweetspot/analysis';
import { simulateChunk } from '@sweetspot/engine';
import type { Runner } from '@sweetspot/runner';
import { defaultScenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { RunController } from '../run/controller.ts';
import type { Summarizer } from '../run/summaryClient.ts';

const scenario = { ...defaultScenario(), trials: 12 };
const chunk = simulateChunk(scenario, 0, scenario.trials);

function runner(): Runner {
  return { size: 1, dispose() {}, run: async () => chunk };
}

async function settled(controller: RunController): Promise<void> {
  for (let i = 0; i < 50 && !controller.getState().result?.final; i++)
    await new Promise((r) => setTimeout(r, 1));
}

/** A controller whose one run hands over a copy of `chunk`, summarized by `summarizer`, settled. */
async function settledRun(summarizer: Summarizer): Promise<RunController> {
  const sent = { ...chunk };
  const controller = new RunController({
    createRunner: () => ({ size: 1, dispose() {}, run: async () => sent }),
    summarizer,
  });
  controller.request(scenario);
  await settled(controller);
  return controller;
}

describe('the displayed result keeps its trials', () => {
  it('keeps the chunk when the summarizer ran in this thread', async () => {
    const summarizer: Summarizer = {
      summarize: async (s, c) => ({
        summary: summarize(s, c),
        ms: 0,
      }),
      dispose() {},
    };
    const controller = new RunController({ createRunner: runner, summarizer });
    controller.request(scenario);
    await settled(controller);
    expect(controller.getState().result?.chunk).toBe(chunk);
    controller.dispose();
  });

  it('uses the chunk handed back by the summarizer when the one sent was transferred away', async () => {
    const returned = { ...chunk, columns: chunk.columns.slice() };
    const summarizer: Summarizer = {
      summarize: async (s, c) => {
        const summary = summarize(s, c);
        // What a transfer to a worker does to the sender's view: detached, length 0.
        c.columns = new Float64Array(0);
        return { summary, ms: 0, chunk: returned };
      },
      dispose() {},
    };
    const controller = await settledRun(summarizer);
    expect(controller.getState().result?.chunk).toBe(returned);
    controller.dispose();
  });

  it('has no chunk rather than a detached one', async () => {
    const summarizer: Summarizer = {
      summarize: async (s, c) => {
        const summary = summarize(s, c);
        c.columns = new Float64Array(0);
        return { summary, ms: 0 };
      },
      dispose() {},
    };
    const controller = await settledRun(summarizer);
    expect(controller.getState().result?.final).toBe(true);
    expect(controller.getState().result?.chunk).toBeUndefined();
    controller.dispose();
  });
});
