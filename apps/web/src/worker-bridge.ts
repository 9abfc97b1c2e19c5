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
   * aborts (the worker is terminated and replaced at the next call), and with a readable
   * `WorkerStoppedError` when the worker crashes, fails to load or is closed.
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

/** How a worker call ended without the worker's answer. */
export type WorkerStop = 'crashed' | 'did-not-start' | 'restarted' | 'closed';

/**
 * A call ended by its worker's end, not by an answer: it crashed or failed to load (`crashed`),
 * could not be created (`did-not-start`), was restarted because another call was cancelled
 * (`restarted`) or closed (`closed`). `reason` is what went wrong, without the worker's name, for
 * callers that word the failure their own way; an error the worker's code throws is passed on as
 * it is, never as this.
 */
export class WorkerStoppedError extends Error {
  readonly kind: WorkerStop;
  readonly reason: string;

  constructor(worker: string, kind: WorkerStop, reason = '') {
    super(
      kind === 'crashed'
        ? `The ${worker} stopped: ${reason}`
        : kind === 'did-not-start'
          ? `The ${worker} did not start: ${reason}`
          : kind === 'restarted'
            ? `The ${worker} was restarted: another request was cancelled`
            : `The ${worker} was closed`,
    );
    this.name = 'WorkerStoppedError';
    this.kind = kind;
    this.reason = reason;
  }
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
      next.end(
        new WorkerStoppedError(name, 'crashed', event.message || 'it failed to load or threw'),
      );
    });
    worker.addEventListener('messageerror', () =>
      next.end(new WorkerStoppedError(name, 'crashed', 'a message could not be read')),
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
        return Promise.reject(new WorkerStoppedError(name, 'did-not-start', reason));
      }
      const current = live;
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          reject(abortError());
          // Other calls on this worker end with a readable error, never hang.
          current.end(new WorkerStoppedError(name, 'restarted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => {});
      const settled = () => {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      };
      // A `use` that throws before returning a promise rejects the call, as any other failure.
      const answer = Promise.resolve().then(() => use(current.api));
      const result = Promise.race([answer, current.ended, aborted]);
      result.then(settled, settled);
      return result;
    },
    dispose() {
      live?.end(new WorkerStoppedError(name, 'closed'));
    },
  };
}
