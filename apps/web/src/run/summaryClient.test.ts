import type { SimulationChunk } from '@sweetspot/engine';
import { defaultScenario } from '@sweetspot/scenario';
import { transfer } from 'comlink';
import { describe, expect, it } from 'vitest';
import { type FakeWorker, fakeWorker } from '../fake-worker.ts';
import { chunkBuffers, createWorkerSummarizer, type SummaryWorkerApi } from './summaryClient.ts';

const scenario = defaultScenario();

function chunkOf(values: number[]): SimulationChunk {
  return {
    trialStart: 0,
    trialCount: values.length,
    strategies: 1,
    quarters: 1,
    segments: 1,
    columns: Float64Array.from(values),
    aggregates: Float64Array.from([values.length]),
  };
}

/** A worker that "summarizes" by adding up the columns, handing the chunk back as the real one does. */
const summingApi: SummaryWorkerApi = {
  summarize(_scenario, chunk) {
    const total = chunk.columns.reduce((a, b) => a + b, 0);
    const summary = { total } as unknown as ReturnType<SummaryWorkerApi['summarize']>['summary'];
    return transfer({ summary, ms: 1, chunk }, chunkBuffers(chunk));
  },
};

function summarizerOver(api: object) {
  const made: FakeWorker[] = [];
  const summarizer = createWorkerSummarizer(() => {
    const fake = fakeWorker(api);
    made.push(fake);
    return fake.worker;
  });
  return { summarizer, made };
}

const never = { summarize: () => new Promise(() => {}) };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the summary worker client', () => {
  it('transfers the chunk to the worker and gets it back with the summary', async () => {
    const { summarizer } = summarizerOver(summingApi);
    const sent = chunkOf([1, 2, 3]);
    const result = await summarizer.summarize(scenario, sent);
    expect(result.summary).toEqual({ total: 6 });
    expect(result.ms).toBe(1);
    // Transferred, not copied: the page's view is detached, the handed-back chunk holds the trials.
    expect(sent.columns.length).toBe(0);
    expect(Array.from(result.chunk?.columns ?? [])).toEqual([1, 2, 3]);
    expect(Array.from(result.chunk?.aggregates ?? [])).toEqual([3]);
    summarizer.dispose();
  });

  it('lists a buffer shared by columns and aggregates once', () => {
    const buffer = new ArrayBuffer(32);
    const chunk = {
      ...chunkOf([]),
      columns: new Float64Array(buffer, 0, 2),
      aggregates: new Float64Array(buffer, 16, 2),
    };
    expect(chunkBuffers(chunk)).toEqual([buffer]);
  });

  it('says what went wrong when the summary fails in the worker', async () => {
    const { summarizer, made } = summarizerOver({
      summarize: () => {
        throw new Error('strategy 3 is missing');
      },
    });
    await expect(summarizer.summarize(scenario, chunkOf([1]))).rejects.toThrow(
      'Could not summarize the results: strategy 3 is missing',
    );
    expect(made[0]?.terminated).toBe(false);
    summarizer.dispose();
  });

  it('rejects every summary in flight when the worker crashes, then uses a fresh worker', async () => {
    let crashNext = true;
    const { summarizer, made } = summarizerOver({
      summarize: (s: never, c: SimulationChunk) =>
        crashNext ? new Promise(() => {}) : summingApi.summarize(s, c),
    });
    const first = summarizer.summarize(scenario, chunkOf([1]));
    const second = summarizer.summarize(scenario, chunkOf([2]));
    await settle();
    crashNext = false;
    made[0]?.crash('out of memory');
    await expect(first).rejects.toThrow('The summary worker crashed: out of memory');
    await expect(second).rejects.toThrow('The summary worker crashed: out of memory');
    expect(made[0]?.terminated).toBe(true);
    expect((await summarizer.summarize(scenario, chunkOf([4, 5]))).summary).toEqual({ total: 9 });
    expect(made).toHaveLength(2);
    summarizer.dispose();
  });

  it('dispose stops the worker and rejects what is in flight; a later summary respawns', async () => {
    const { summarizer, made } = summarizerOver(never);
    const first = summarizer.summarize(scenario, chunkOf([1]));
    const second = summarizer.summarize(scenario, chunkOf([2]));
    await settle();
    summarizer.dispose();
    await expect(first).rejects.toThrow('The summary worker was stopped');
    await expect(second).rejects.toThrow('The summary worker was stopped');
    expect(made[0]?.terminated).toBe(true);
    const third = summarizer.summarize(scenario, chunkOf([3]));
    expect(made).toHaveLength(2);
    summarizer.dispose();
    await expect(third).rejects.toThrow('The summary worker was stopped');
  });
});
