/** Main-thread side of the summary worker (over the worker bridge): chunk buffers transferred. */
import { type SimulationChunk, transferableBuffers } from '@sweetspot/engine';
import type { Scenario } from '@sweetspot/scenario';
import { transfer } from 'comlink';
import { createWorkerBridge, WorkerStoppedError } from '../worker-bridge.ts';
import type { Summarized } from './summarize-core.ts';

/** A summary, and the chunk it summarizes when the summarizer hands it back (a worker does). */
export type SummarizedWithChunk = Summarized & { chunk?: SimulationChunk };

export interface Summarizer {
  summarize(scenario: Scenario, chunk: SimulationChunk): Promise<SummarizedWithChunk>;
  dispose(): void;
}

/** What summary.worker.ts exposes. */
export interface SummaryWorkerApi {
  /** The chunk's summary, with the chunk handed back (its buffers transferred). */
  summarize(scenario: Scenario, chunk: SimulationChunk): SummarizedWithChunk;
}

/** The chunk's buffers, each once, to transfer rather than copy (a shared buffer cannot be). */
export function chunkBuffers(chunk: SimulationChunk): ArrayBuffer[] {
  return transferableBuffers([chunk.columns, chunk.aggregates]);
}

const NAME = 'summary worker';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A summarizer in the worker `createWorker` makes: a crash rejects, the next call respawns. */
export function createWorkerSummarizer(createWorker: () => Worker): Summarizer {
  const bridge = createWorkerBridge<SummaryWorkerApi>(createWorker, NAME);
  /** Counts dispose() calls: a call that began before one was stopped, not crashed. */
  let generation = 0;

  return {
    async summarize(scenario, chunk) {
      const started = generation;
      try {
        return await bridge.call((api) =>
          api.summarize(scenario, transfer(chunk, chunkBuffers(chunk))),
        );
      } catch (error) {
        if (!(error instanceof WorkerStoppedError)) {
          throw new Error(`Could not summarize the results: ${message(error)}`);
        }
        if (generation !== started) throw new Error('The summary worker was stopped');
        // The app has always said the summary worker "crashed".
        if (error.kind === 'crashed') throw new Error(`The ${NAME} crashed: ${error.reason}`);
        throw error;
      }
    },
    dispose() {
      generation++;
      bridge.dispose();
    },
  };
}
