/** The app's runners: a browser worker pool, and a crashing one for the test hook. */
import type { Runner } from '@sweetspot/runner';
import { createBrowserPool } from '@sweetspot/runner/browser';
import type { RunnerKind } from './controller.ts';

export function createAppRunner(kind: RunnerKind): Runner {
  if (kind === 'crash') {
    return createBrowserPool({
      workers: 1,
      createWorker: () =>
        new Worker(new URL('../crash.worker.ts', import.meta.url), {
          type: 'module',
          name: 'sweetspot-crash-test',
        }),
    });
  }
  return createBrowserPool({
    createWorker: () =>
      new Worker(new URL('../sim.worker.ts', import.meta.url), {
        type: 'module',
        name: 'sweetspot-sim',
      }),
  });
}

export function createSummaryWorker(): Worker {
  return new Worker(new URL('../summary.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sweetspot-summary',
  });
}
