import { describe, expect, it } from 'vitest';
import { type FakeWorker, fakeWorker } from './fake-worker.ts';
import { createWorkerBridge, WorkerStoppedError } from './worker-bridge.ts';

interface Api {
  double(n: number): number;
  /** Never answers: a worker stuck in a synchronous loop, as far as the page can tell. */
  hang(): Promise<never>;
  fail(message: string): never;
}

const api: Api = {
  double: (n) => 2 * n,
  hang: () => new Promise<never>(() => {}),
  fail: (message) => {
    throw new Error(message);
  },
};

/**
 * A bridge over fake workers, every worker it made (the last one is the live one), and a check
 * that a call answers from the `workers`-th worker made, which is alive.
 */
function bridgeOverFakes() {
  const made: FakeWorker[] = [];
  const bridge = createWorkerBridge<Api>(() => {
    const fake = fakeWorker(api);
    made.push(fake);
    return fake.worker;
  }, 'test worker');
  const answers = async (n: number, workers: number) => {
    expect(await bridge.call((w) => w.double(n))).toBe(2 * n);
    expect(made).toHaveLength(workers);
    expect(made[workers - 1]?.terminated).toBe(false);
  };
  return { bridge, made, answers };
}

/** Lets the bridge's call reach the fake worker before it is crashed or aborted. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the worker bridge', () => {
  it('calls the worker, spawning it once for every call', async () => {
    const { bridge, made, answers } = bridgeOverFakes();
    expect(made).toHaveLength(0); // spawned on first use
    await answers(21, 1);
    await answers(5, 1);
    bridge.dispose();
  });

  it('passes on an error the worker throws, and keeps the worker', async () => {
    const { bridge, answers } = bridgeOverFakes();
    const failed = bridge.call((w) => w.fail('no rows'));
    await expect(failed).rejects.toThrow('no rows');
    // The worker's own error, not the bridge's: callers tell the two apart by type.
    await expect(failed).rejects.not.toBeInstanceOf(WorkerStoppedError);
    await answers(1, 1);
    bridge.dispose();
  });

  it('rejects, never throws, when the caller’s use of the worker throws at once', async () => {
    const { bridge, answers } = bridgeOverFakes();
    const call = bridge.call(() => {
      throw new Error('released proxy');
    });
    await expect(call).rejects.toThrow('released proxy');
    await answers(2, 1);
    bridge.dispose();
  });

  it('turns a crash into a readable error, and the next call uses a fresh worker', async () => {
    const { bridge, made, answers } = bridgeOverFakes();
    const first = bridge.call((w) => w.hang());
    const second = bridge.call((w) => w.hang());
    await settle();
    made[0]?.crash('Maximum call stack size exceeded');
    for (const call of [first, second]) {
      await expect(call).rejects.toThrow(
        'The test worker stopped: Maximum call stack size exceeded',
      );
      await expect(call).rejects.toMatchObject({
        kind: 'crashed',
        reason: 'Maximum call stack size exceeded',
      });
      await expect(call).rejects.toBeInstanceOf(WorkerStoppedError);
    }
    expect(made[0]?.crashHandled).toBe(true);
    expect(made[0]?.terminated).toBe(true);
    await answers(4, 2);
    bridge.dispose();
  });

  it('says so when the crash carries no message', async () => {
    const { bridge, made } = bridgeOverFakes();
    const call = bridge.call((w) => w.hang());
    made[0]?.crash('');
    await expect(call).rejects.toThrow('The test worker stopped: it failed to load or threw');
    bridge.dispose();
  });

  it('on abort terminates the worker and rejects with an AbortError; the next call respawns', async () => {
    const { bridge, made, answers } = bridgeOverFakes();
    const controller = new AbortController();
    const call = bridge.call((w) => w.hang(), controller.signal);
    await settle();
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(made[0]?.terminated).toBe(true);
    await answers(3, 2);
    bridge.dispose();
  });

  it('rejects a call whose signal has already aborted without starting a worker', async () => {
    const { bridge, made } = bridgeOverFakes();
    await expect(bridge.call((w) => w.double(1), AbortSignal.abort())).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(made).toHaveLength(0);
  });

  it('an abort after a crash respawned the worker leaves the new worker alone', async () => {
    const { bridge, made, answers } = bridgeOverFakes();
    const controller = new AbortController();
    const stale = bridge.call((w) => w.hang(), controller.signal);
    made[0]?.crash('gone');
    await expect(stale).rejects.toThrow('The test worker stopped: gone');
    await answers(2, 2);
    controller.abort();
    expect(made[1]?.terminated).toBe(false);
    await answers(3, 2);
    bridge.dispose();
  });

  it('aborting one call ends the others on that worker with a readable error, never a hang', async () => {
    const { bridge, made } = bridgeOverFakes();
    const controller = new AbortController();
    const cancelled = bridge.call((w) => w.hang(), controller.signal);
    const other = bridge.call((w) => w.hang());
    await settle();
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await expect(other).rejects.toThrow(
      'The test worker was restarted: another request was cancelled',
    );
    await expect(other).rejects.toMatchObject({ kind: 'restarted' });
    bridge.dispose();
    expect(made[0]?.terminated).toBe(true);
  });

  it('dispose ends the calls in flight with a readable error', async () => {
    const { bridge, made } = bridgeOverFakes();
    const call = bridge.call((w) => w.hang());
    await settle();
    bridge.dispose();
    await expect(call).rejects.toThrow('The test worker was closed');
    await expect(call).rejects.toMatchObject({ kind: 'closed' });
    expect(made[0]?.terminated).toBe(true);
  });

  it('dispose terminates the worker, and a later call spawns a new one', async () => {
    const { bridge, made, answers } = bridgeOverFakes();
    await bridge.call((w) => w.double(1));
    bridge.dispose();
    expect(made[0]?.terminated).toBe(true);
    await answers(7, 2);
    bridge.dispose();
    expect(made[1]?.terminated).toBe(true);
  });
});
