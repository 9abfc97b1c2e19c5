import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { type Remote, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { TestableSimulationApi } from './api.ts';
import { describeError } from './errors.ts';
import { createPool } from './pool.ts';
import type { Runner, WorkerHandle } from './types.ts';

/** The tsx bootstrap: runs `worker-node.ts` from source (tests, development). */
export const nodeWorkerBootstrapUrl: URL = new URL('./worker-node-bootstrap.mjs', import.meta.url);

/** The bundled worker written by `npm run build -w @sweetspot/runner`. */
export const builtNodeWorkerUrl: URL = new URL('../dist/worker-node.mjs', import.meta.url);

/**
 * `dist/worker-node.mjs` next to this package if it has been built, else the tsx bootstrap.
 * A bundle of this module (the CLI) has another `import.meta.url`: pass `workerUrl` there.
 */
export function defaultNodeWorkerUrl(): URL {
  return existsSync(fileURLToPath(builtNodeWorkerUrl))
    ? builtNodeWorkerUrl
    : nodeWorkerBootstrapUrl;
}

export interface NodeWorkerOptions {
  /** Worker script (a file URL or path). Default: `defaultNodeWorkerUrl()`. */
  workerUrl?: URL | string;
  /** Expose `crashForTest` in the worker (tests only). */
  testHooks?: boolean;
  /** Heap limits of each worker thread (exceeding them is reported as a crash). */
  resourceLimits?: ResourceLimits;
}

/** A Node worker thread as a pool `WorkerHandle`; `worker` is there for tests. */
export interface NodeWorkerHandle extends WorkerHandle {
  readonly api: Remote<TestableSimulationApi>;
  readonly worker: Worker;
}

function toUrl(url: URL | string): URL {
  if (url instanceof URL) return url;
  return /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url)
    ? new URL(url)
    : pathToFileURL(url);
}

/** Starts one worker thread running the simulation API behind comlink. */
export function spawnNodeWorker(options: NodeWorkerOptions = {}): NodeWorkerHandle {
  const worker = new Worker(toUrl(options.workerUrl ?? defaultNodeWorkerUrl()), {
    workerData: { sweetspotTestHooks: options.testHooks === true },
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
  });
  const api = wrap<TestableSimulationApi>(nodeEndpoint(worker));
  const callbacks: Array<(error: Error) => void> = [];
  let ended = false;
  const crash = (detail: string, cause?: unknown) => {
    if (ended) return;
    ended = true;
    const error = new Error(detail, cause === undefined ? undefined : { cause });
    for (const callback of callbacks) callback(error);
  };
  worker.on('error', (error) => crash(describeError(error), error));
  worker.on('messageerror', (error) =>
    crash(`a message could not be read (${describeError(error)})`, error),
  );
  worker.on('exit', (code) => crash(`the worker thread exited with code ${code}`));
  return {
    api,
    worker,
    terminate() {
      ended = true;
      worker.terminate().catch(() => {});
    },
    onCrash(callback) {
      callbacks.push(callback);
    },
    ref() {
      worker.ref();
    },
    unref() {
      worker.unref();
    },
  };
}

export interface NodePoolOptions extends NodeWorkerOptions {
  /** Number of worker threads. Default: `os.availableParallelism()`. */
  workers?: number;
}

/**
 * A pool of Node worker threads. Idle workers do not keep the process alive; call `dispose()`
 * when done anyway.
 */
export function createNodePool(options: NodePoolOptions = {}): Runner {
  const { workers = availableParallelism(), ...workerOptions } = options;
  return createPool({ size: workers, spawn: () => spawnNodeWorker(workerOptions) });
}
