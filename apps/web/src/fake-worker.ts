/**
 * For unit tests (Node, no browser): a stand-in for a `Worker` whose other side is a
 * MessageChannel port on which the test `expose`s an API in the same thread, so the comlink
 * traffic of apps/web/src/worker-bridge.ts is real while the worker's code is the test's.
 */
import { expose } from 'comlink';

export interface FakeWorker {
  /** What to hand to `createWorkerBridge` (or a client's `createWorker`). */
  worker: Worker;
  /** Whether `terminate()` was called. */
  readonly terminated: boolean;
  /** Dispatches a worker 'error' event, as a worker that throws at load or later does. */
  crash(message: string): void;
  /** Whether the last crash's event had its default (logging it) prevented. */
  readonly crashHandled: boolean;
}

/** A fake worker exposing `api`; after `terminate()` it goes silent, as a real one does. */
export function fakeWorker(api: object): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2);
  const events = new EventTarget();
  let terminated = false;
  let crashHandled = false;
  const worker = {
    postMessage(message: unknown, transfer?: Transferable[]) {
      if (!terminated) port1.postMessage(message, transfer ?? []);
    },
    addEventListener(type: string, listener: EventListener, options?: AddEventListenerOptions) {
      if (type === 'message') {
        port1.addEventListener(type, listener, options);
        port1.start();
      } else events.addEventListener(type, listener, options);
    },
    removeEventListener(type: string, listener: EventListener) {
      if (type === 'message') port1.removeEventListener(type, listener);
      else events.removeEventListener(type, listener);
    },
    terminate() {
      terminated = true;
      port1.close();
      port2.close();
    },
  };
  return {
    worker: worker as unknown as Worker,
    get terminated() {
      return terminated;
    },
    crash(message) {
      const event = Object.assign(new Event('error', { cancelable: true }), { message });
      events.dispatchEvent(event);
      crashHandled = event.defaultPrevented;
    },
    get crashHandled() {
      return crashHandled;
    },
  };
}
