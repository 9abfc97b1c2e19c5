import { createSimulationApi, type SimulateFn } from './api.ts';
import { createPool } from './pool.ts';
import { nextTask, setTimer } from './timers.ts';
import type { Runner, WorkerHandle } from './types.ts';

export interface InThreadWorkerOptions {
  /** Engine to run (default: the real one). */
  simulate?: SimulateFn;
  /** Extra delay before each chunk, in ms: lets tests keep a fake worker "busy". */
  delayMs?: number;
}

/** A `WorkerHandle` that computes in this thread, for tests and tiny runs. */
export interface InThreadWorkerHandle extends WorkerHandle {
  /** Simulates the worker dying on its own (tests). */
  crash(error: Error): void;
  readonly terminated: boolean;
  /** Chunks started so far. */
  readonly calls: number;
}

/**
 * A fake worker: each chunk runs on a later macrotask (so an abort can be seen between chunks),
 * synchronously, through the same `SimulationApi` as a real worker. After `terminate()` or a
 * crash, pending chunks never settle, like a killed thread's.
 */
export function createInThreadWorker(options: InThreadWorkerOptions = {}): InThreadWorkerHandle {
  const api = createSimulationApi(options.simulate ? { simulate: options.simulate } : {});
  const crashCallbacks: Array<(error: Error) => void> = [];
  let dead = false;
  let terminated = false;
  let calls = 0;
  const never = new Promise<never>(() => {});
  return {
    api: {
      async simulate(scenario, trialStart, trialCount) {
        calls++;
        if (options.delayMs)
          await new Promise<void>((resolve) => setTimer(resolve, options.delayMs ?? 0));
        else await nextTask();
        if (dead) return never;
        return api.simulate(scenario, trialStart, trialCount);
      },
    },
    terminate() {
      dead = true;
      terminated = true;
    },
    onCrash(callback) {
      crashCallbacks.push(callback);
    },
    crash(error) {
      if (dead) return;
      dead = true;
      for (const callback of crashCallbacks) callback(error);
    },
    get terminated() {
      return terminated;
    },
    get calls() {
      return calls;
    },
  };
}

/**
 * Runs in the calling thread, chunk by chunk, yielding between chunks so that an abort is seen
 * (it cannot interrupt a chunk). Same results, progress and partials as a worker pool.
 */
export function createInThreadRunner(options: { simulate?: SimulateFn } = {}): Runner {
  return createPool({ size: 1, spawn: () => createInThreadWorker(options) });
}
