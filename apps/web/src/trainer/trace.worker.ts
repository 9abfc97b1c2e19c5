/// <reference lib="webworker" />
// The replay's worker: traces one trial with the engine off the main thread (a trial of a large
// team takes long enough to freeze the slide), exposed with comlink and reached through the app's
// worker bridge (traceClient.ts). The trace's typed arrays are transferred, not copied.
import '../zod-config.ts';
import { expose, transfer } from 'comlink';
import { type TraceApi, traceApi, traceBuffers } from './traceApi.ts';

const api: TraceApi = {
  trace(scenario, trial) {
    const trace = traceApi.trace(scenario, trial);
    return transfer(trace, traceBuffers(trace));
  },
};

expose(api);
