/**
 * The page's side of the replay's worker: one worker per trace source, spawned on first use
 * through the app's worker bridge (crash → readable error, abort → terminate → respawn).
 */
import { createWorkerBridge } from '../worker-bridge.ts';
import type { TraceApi } from './traceApi.ts';
import type { TraceSource } from './traceLoader.ts';

/** Traces trials in a web worker; `dispose` ends the worker (a later trace starts a new one). */
export function workerTraceSource(): TraceSource {
  const bridge = createWorkerBridge<TraceApi>(
    () =>
      new Worker(new URL('./trace.worker.ts', import.meta.url), {
        type: 'module',
        name: 'sweetspot-replay',
      }),
    'replay worker',
  );
  return {
    trace: (scenario, trial, signal) => bridge.call((api) => api.trace(scenario, trial), signal),
    dispose: () => bridge.dispose(),
  };
}
