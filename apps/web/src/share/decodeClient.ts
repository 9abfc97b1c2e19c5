/**
 * The page's side of the link decoder worker (decode.worker.ts), over the worker bridge: one
 * short-lived worker per link, ended as soon as it answers or fails, so nothing is left running.
 * A worker that cannot start or dies is reported as the link's problem, never thrown.
 */
import { decodeShareCode, type ShareDecodeResult } from '@sweetspot/scenario';
import { createWorkerBridge, WorkerStoppedError } from '../worker-bridge.ts';

/** Decodes a share code; resolves with the scenario or the reasons, never rejects. */
export type LinkDecoder = (code: string) => Promise<ShareDecodeResult>;

/** What decode.worker.ts exposes. */
export interface DecodeWorkerApi {
  /** The link's scenario, or why it cannot be opened. */
  decode(code: string): ShareDecodeResult;
}

export function createDecodeWorker(): Worker {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sweetspot-link-decoder',
  });
}

const NAME = 'decoder';

const failed = (message: string): ShareDecodeResult => ({
  ok: false,
  errors: [{ path: '', message }],
});

const detail = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A decoder that runs each link in its own worker made by `createWorker`. */
export function workerLinkDecoder(createWorker: () => Worker = createDecodeWorker): LinkDecoder {
  return async (code) => {
    let worker: Worker;
    try {
      worker = createWorker();
    } catch (error) {
      return failed(`the link could not be opened (its decoder did not start: ${detail(error)})`);
    }
    const bridge = createWorkerBridge<DecodeWorkerApi>(() => worker, NAME);
    try {
      return await bridge.call<ShareDecodeResult>((api) => api.decode(code));
    } catch (error) {
      // The link's message has its own wording for a decoder that crashed.
      const why =
        error instanceof WorkerStoppedError && error.kind === 'crashed'
          ? error.reason
          : detail(error);
      return failed(`the link could not be opened (its decoder stopped: ${why})`);
    } finally {
      bridge.dispose();
    }
  };
}

/** Decodes in this thread: unit tests, and browsers without module workers. */
export const inThreadLinkDecoder: LinkDecoder = async (code) => decodeShareCode(code);

/** The app's decoder: a worker where the browser has them. */
export function appLinkDecoder(): LinkDecoder {
  return typeof Worker === 'undefined' ? inThreadLinkDecoder : workerLinkDecoder();
}
