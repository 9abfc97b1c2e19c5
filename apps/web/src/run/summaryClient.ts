/** Main-thread side of the summary worker: one request at a time, chunk buffers transferred. */
import type { SimulationChunk } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import type { Summarized } from './summarize-core.ts';

/** A summary, and the chunk it summarizes when the summarizer hands it back (a worker does). */
export type SummarizedWithChunk = Summarized & { chunk?: SimulationChunk };

export interface Summarizer {
  summarize(scenario: Scenario, chunk: SimulationChunk): Promise<SummarizedWithChunk>;
  dispose(): void;
}

type Reply =
  | { id: number; ok: true; result: Summarized; chunk?: SimulationChunk }
  | { id: number; ok: false; message: string };

export function createWorkerSummarizer(createWorker: () => Worker): Summarizer {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r: SummarizedWithChunk) => void; reject: (e: Error) => void }
  >();

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
    worker?.terminate();
    worker = undefined; // a fresh one next time
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = createWorker();
    w.addEventListener('message', (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.chunk ? { ...reply.result, chunk: reply.chunk } : reply.result);
      else p.reject(new Error(`Could not summarize the results: ${reply.message}`));
    });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      failAll(`The summary worker crashed: ${event.message || 'unknown error'}`);
    });
    worker = w;
    return w;
  };

  return {
    summarize(scenario, chunk) {
      const w = ensure();
      const id = nextId++;
      return new Promise<SummarizedWithChunk>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const buffers = [chunk.columns.buffer, chunk.aggregates.buffer].filter(
          (b, i, all): b is ArrayBuffer => b instanceof ArrayBuffer && all.indexOf(b) === i,
        );
        w.postMessage({ id, scenario, chunk }, buffers);
      });
    },
    dispose() {
      failAll('The summary worker was stopped');
    },
  };
}

/** Summarizes in this thread (tests, and a fallback where workers are unavailable). */
export function createInThreadSummarizer(
  summarize: (scenario: Scenario, chunk: SimulationChunk) => Summarized,
): Summarizer {
  return {
    summarize: async (scenario, chunk) => summarize(scenario, chunk),
    dispose() {},
  };
}
