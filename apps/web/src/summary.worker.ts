/// <reference lib="webworker" />
// Summarizes chunks of trials off the main thread (a 10,000-trial summary takes ~80 ms), reached
// through the worker bridge (run/summaryClient.ts).
import './zod-config.ts';
import { expose, transfer } from 'comlink';
import { summarizeTimed } from './run/summarize-core.ts';
import { chunkBuffers, type SummaryWorkerApi } from './run/summaryClient.ts';

const api: SummaryWorkerApi = {
  summarize(scenario, chunk) {
    // The chunk goes back too (its buffers transferred, not copied): the page keeps the per-trial
    // columns of what it shows, for CSV export and the trainer's trial picker.
    return transfer({ ...summarizeTimed(scenario, chunk), chunk }, chunkBuffers(chunk));
  },
};

expose(api);
