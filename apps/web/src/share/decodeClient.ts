/**
 * The page's side of the link decoder worker (decode.worker.ts): one short-lived worker per link,
 * ended as soon as it answers or fails, so nothing is left running. A worker that cannot start or
 * dies is reported as the link's problem, never thrown.
 */
import { decodeShareCode, type ShareDecodeResult } from '@sweetspot/scenario';

export interface DecodeRequest {
  id: number;
  code: string;
}

export interface DecodeReply {
  id: number;
  result: ShareDecodeResult;
}

/** Decodes a share code; resolves with the scenario or the reasons, never rejects. */
export type LinkDecoder = (code: string) => Promise<ShareDecodeResult>;

/** Worker-like: what the decoder needs (a real Worker, or a fake in tests). */
export interface DecodeWorkerLike {
  postMessage(message: DecodeRequest): void;
  addEventListener(type: 'message', listener: (event: { data: DecodeReply }) => void): void;
  addEventListener(
    type: 'error',
    listener: (event: { message?: string; preventDefault?: () => void }) => void,
  ): void;
  terminate(): void;
}

export function createDecodeWorker(): DecodeWorkerLike {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sweetspot-link-decoder',
  }) as unknown as DecodeWorkerLike;
}

const failed = (message: string): ShareDecodeResult => ({
  ok: false,
  errors: [{ path: '', message }],
});

/** A decoder that runs each link in its own worker made by `createWorker`. */
export function workerLinkDecoder(
  createWorker: () => DecodeWorkerLike = createDecodeWorker,
): LinkDecoder {
  let nextId = 1;
  return (code) =>
    new Promise<ShareDecodeResult>((resolve) => {
      const id = nextId++;
      let worker: DecodeWorkerLike;
      try {
        worker = createWorker();
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        resolve(failed(`the link could not be opened (its decoder did not start: ${detail})`));
        return;
      }
      let done = false;
      const finish = (result: ShareDecodeResult) => {
        if (done) return;
        done = true;
        worker.terminate();
        resolve(result);
      };
      worker.addEventListener('message', (event) => {
        if (event.data.id === id) finish(event.data.result);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault?.();
        finish(
          failed(
            `the link could not be opened (its decoder stopped: ${event.message || 'unknown error'})`,
          ),
        );
      });
      worker.postMessage({ id, code });
    });
}

/** Decodes in this thread: unit tests, and browsers without module workers. */
export const inThreadLinkDecoder: LinkDecoder = async (code) => decodeShareCode(code);

/** The app's decoder: a worker where the browser has them. */
export function appLinkDecoder(): LinkDecoder {
  return typeof Worker === 'undefined' ? inThreadLinkDecoder : workerLinkDecoder();
}
