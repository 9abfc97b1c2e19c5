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
    scope.postMessage({ id, ok: true, result: summarizeWithExtras(scenario, chunk) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id, ok: false, message });
  }
});
