/**
 * Test hooks for browser tests and benchmarks, on `window.__sweetspotTest` (documented in
 * docs/web.md). They only observe the app or make the next run fail; they cannot change results.
 *
 * - `?failWorker=1` in the URL: the first run uses workers that crash as they start.
 */
import type { RunController, RunState } from './controller.ts';

export interface SweetspotTestApi {
  /** The run controller's current state (phase, progress, timing, displayed result). */
  state(): RunState;
  /** The next run's workers crash as they start (exercises the error message and Retry). */
  failNextRun(): void;
  /** Subscribe to state changes; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

declare global {
  interface Window {
    __sweetspotTest?: SweetspotTestApi;
  }
}

export function installTestHooks(controller: RunController, search: string): void {
  if (new URLSearchParams(search).has('failWorker')) controller.armCrash();
  window.__sweetspotTest = {
    state: () => controller.getState(),
    failNextRun: () => controller.armCrash(),
    subscribe: (listener) => controller.subscribe(listener),
  };
}
