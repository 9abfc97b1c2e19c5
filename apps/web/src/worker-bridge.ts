/**
 * One bridge for every web worker of the app (as Squoosh reaches its workers): the worker's API
 * over comlink, spawned on first use, with a crash turned into a readable error and an abort
 * turned into terminate → respawn. A synchronous loop in a worker cannot be interrupted any other
 * way, and a fresh worker costs less than waiting for a stale answer.
 *
 * The simulation workers are reached the same way through @sweetspot/runner's pool
 * (`createBrowserPool`, comlink as well); every other worker goes through this module.
 */
import { type Remote, wrap } from 'comlink';

export interface WorkerBridge<T> {
  /**
   * Calls the worker: `use` receives its comlink proxy. Rejects with an `AbortError` when `signal`
   * aborts (the worker is terminated and replaced at the next call), and with a readable `Error`
   * when the worker crashes or fails to load.
   */
  call<R>(use: (api: Remote<T>) => Promise<R>, signal?: AbortSignal): Promise<R>;
  /** Terminates the worker; a later call spawns a new one. */
  dispose(): void;
}

interface Live<T> {
  worker: Worker;
  api: Remote<T>;
  /** Rejects when the worker ends (a crash, or terminated): every call in flight ends with it. */
  ended: Promise<never>;
  end(error: Error): void;
}

function abortError(): Error {
  return Object.assign(new Error('The work was cancelled'), { name: 'AbortError' });
}

/** A bridge to workers made by `createWorker` (e.g. `() => new Worker(new URL(…), { type: 'module' })`). */
export function createWorkerBridge<T>(
  createWorker: () => Worker,
  /** What the worker does, for messages: "The summary worker stopped: …". */
  name: string,
): WorkerBridge<T> {
  let live: Live<T> | undefined;

  const spawn = (): Live<T> => {
    const worker = createWorker();
    let end: (error: Error) => void = () => {};
    const ended = new Promise<never>((_, reject) => {
      end = reject;
    });
    // Raced per call; with no call in flight it must not be an unhandled rejection.
    ended.catch(() => {});
    const next: Live<T> = {
      worker,
      api: wrap<T>(worker),
      ended,
      end(error) {
        if (live === next) live = undefined;
        worker.terminate();
        end(error);
      },
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      next.end(new Error(`The ${name} stopped: ${event.message || 'it failed to load or threw'}`));
    });
    worker.addEventListener('messageerror', () =>
      next.end(new Error(`The ${name} stopped: a message could not be read`)),
    );
    return next;
  };

  return {
    call(use, signal) {
      if (signal?.aborted) return Promise.reject(abortError());
      try {
        live ??= spawn();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return Promise.reject(new Error(`The ${name} did not start: ${reason}`));
      }
      const current = live;
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          reject(abortError());
          // Other calls on this worker end with a readable error, never hang.
          current.end(new Error(`The ${name} was restarted: another request was cancelled`));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => {});
      const settled = () => {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      };
      const result = Promise.race([use(current.api), current.ended, aborted]);
      result.then(settled, settled);
      return result;
    },
    dispose() {
      live?.end(new Error(`The ${name} was closed`));
    },
  };
}
