/**
 * The browser pool's wiring (comlink over a Worker-like object, crash and terminate), in Node: a
 * fake Worker whose "inside" is the simulation API exposed on the other end of a MessageChannel.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import { createSimulationApi } from './api.ts';
import { createBrowserPool, defaultBrowserWorkers } from './browser.ts';
import { WorkerCrashedError } from './errors.ts';
import { fakeSimulate, sameChunk, smallScenario } from './test-support.ts';

/** Enough of a DOM Worker for comlink and the pool. */
class FakeWorker {
  readonly port: MessagePort;
  private readonly inner: MessagePort;
  private readonly errorListeners: Array<
    (event: { message: string; preventDefault(): void }) => void
  > = [];
  terminated = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.inner = port2;
    expose(
      createSimulationApi({ simulate: fakeSimulate, transfer: (c, b) => transfer(c, b) }),
      port2 as never,
    );
  }

  postMessage(message: unknown, transferList?: unknown[]): void {
    this.port.postMessage(message, transferList as never);
  }

  addEventListener(type: string, listener: never): void {
    if (type === 'error') this.errorListeners.push(listener);
    else (this.port as unknown as EventTarget).addEventListener(type, listener);
  }

  removeEventListener(type: string, listener: never): void {
    (this.port as unknown as EventTarget).removeEventListener(type, listener);
  }

  terminate(): void {
    this.terminated = true;
    this.port.close();
    this.inner.close();
  }

  /** An uncaught error inside the worker. */
  fail(message: string): void {
    for (const listener of this.errorListeners) listener({ message, preventDefault() {} });
  }
}

describe('browser pool', () => {
  const scenario = smallScenario();
  const reference = fakeSimulate(scenario, 0, scenario.trials);

  it('runs through comlink with the same bytes, and recovers from a crashed worker', async () => {
    const workers: FakeWorker[] = [];
    const pool = createBrowserPool({
      workers: 2,
      createWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker as unknown as Worker;
      },
    });
    expect(pool.size).toBe(2);
    expect(sameChunk(await pool.run(scenario, { chunkSize: 333 }), reference)).toBe(true);
    expect(workers.length).toBe(2);

    const running = pool.run(scenario, { chunkSize: 50 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    workers[0]?.fail('Uncaught RangeError: Maximum call stack size exceeded');
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as Error).message).toBe(
      'Simulation worker crashed: Uncaught RangeError: Maximum call stack size exceeded',
    );
    expect(workers[0]?.terminated).toBe(true);
    expect(sameChunk(await pool.run(scenario), reference)).toBe(true);
    pool.dispose();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('defaults to the cores but one, at least 1, at most 8', () => {
    // docs/runner.md: hardwareConcurrency − 1 (all of them on ≤ 2 cores), at most 8.
    const expected: Array<[cores: number, workers: number]> = [
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 3],
      [6, 5],
      [8, 7],
      [9, 8],
      [16, 8],
      [64, 8],
    ];
    try {
      for (const [cores, workers] of expected) {
        vi.stubGlobal('navigator', { hardwareConcurrency: cores });
        expect(defaultBrowserWorkers(), `${cores} cores`).toBe(workers);
      }
      // A browser that does not say (0 or missing) is taken to have 4 cores: 3 workers.
      vi.stubGlobal('navigator', { hardwareConcurrency: 0 });
      expect(defaultBrowserWorkers()).toBe(3);
      vi.stubGlobal('navigator', undefined);
      expect(defaultBrowserWorkers()).toBe(3);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
