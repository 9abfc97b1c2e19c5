/// <reference lib="webworker" />
// Summarizes chunks of trials off the main thread (a 10,000-trial summary takes ~80 ms).
import './zod-config.ts';
import type { SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { summarizeWithExtras } from './run/summarize-core.ts';

interface Request {
  id: number;
  scenario: Scenario;
  chunk: SimulationChunk;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.addEventListener('message', (event: MessageEvent<Request>) => {
  const { id, scenario, chunk } = event.data;
  try {
    const result = summarizeWithExtras(scenario, chunk);
    // The chunk goes back too (its buffers transferred, not copied): the page keeps the per-trial
    // columns of what it shows, for CSV export and the trainer's trial picker.
    const buffers = [chunk.columns.buffer, chunk.aggregates.buffer].filter(
      (b, i, all): b is ArrayBuffer => b instanceof ArrayBuffer && all.indexOf(b) === i,
    );
    scope.postMessage({ id, ok: true, result, chunk }, buffers);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id, ok: false, message });
  }
});
