/**
 * What the replay's worker (trace.worker.ts) offers over comlink: the engine's trace of one trial.
 * The page holds this type only; the engine runs in the worker.
 */
import { type TrialTrace, traceTrial, transferableBuffers } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';

export interface TraceApi {
  /** The engine's trace of trial `trial` of `scenario` (the same world as in a run). */
  trace(scenario: Scenario, trial: number): TrialTrace;
}

/** The buffers of a trace's typed arrays, each once: moved to the page, not copied. */
export function traceBuffers(trace: TrialTrace): ArrayBuffer[] {
  return transferableBuffers(trace.strategies.flatMap((s) => [s.hours, s.push, s.weeklyBookings]));
}

/** The worker's side of the API: the engine's trace, as is. */
export const traceApi: TraceApi = {
  trace: (scenario, trial) => traceTrial(scenario, trial),
};
