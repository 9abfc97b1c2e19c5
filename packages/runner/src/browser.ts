import { wrap } from 'comlink';
import type { SimulationApi } from './api.ts';
import { createPool } from './pool.ts';
import type { Runner, WorkerHandle } from './types.ts';

/**
 * Default pool size: one worker per core but one (the page's), all of them on ≤ 2 cores, at most
 * 8; a browser that does not report its cores counts as 4.
 */
export function defaultBrowserWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 4 : 4;
  return Math.max(1, Math.min(8, cores <= 2 ? cores : cores - 1));
}

/** A Web Worker as a pool `WorkerHandle`. */
export function spawnBrowserWorker(
  createWorker: () => Worker,
): WorkerHandle & { readonly worker: Worker } {
  const worker = createWorker();
  const api = wrap<SimulationApi>(worker);
  const callbacks: Array<(error: Error) => void> = [];
  let ended = false;
  const crash = (detail: string) => {
    if (ended) return;
    ended = true;
    for (const callback of callbacks) callback(new Error(detail));
  };
  // Browsers have no exit event: an uncaught error (or a failed load) is the crash signal.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    crash(event.message || 'the worker failed to load or threw an uncaught error');
  });
  worker.addEventListener('messageerror', () => crash('a message could not be read'));
  return {
    api,
    worker,
    terminate() {
      ended = true;
      worker.terminate();
    },
    onCrash(callback) {
      callbacks.push(callback);
    },
  };
}

export interface BrowserPoolOptions {
  /** Number of workers. Default: `defaultBrowserWorkers()`. */
  workers?: number;
  /**
   * Creates one worker running `@sweetspot/runner/worker-browser`, e.g.
   * `() => new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })`.
   */
  createWorker: () => Worker;
}

export function createBrowserPool(options: BrowserPoolOptions): Runner {
  const size = options.workers ?? defaultBrowserWorkers();
  return createPool({ size, spawn: () => spawnBrowserWorker(options.createWorker) });
}
