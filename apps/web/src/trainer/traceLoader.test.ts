import { type TrialTrace, traceTrial } from '@sweetspot/engine';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { traceApi, traceBuffers } from './traceApi.ts';
import { KEPT_TRACES, TraceLoader, type TraceSource } from './traceLoader.ts';

/** A source whose traces the test settles by hand, recording every call. */
function fakeSource() {
  const calls: Array<{
    trial: number;
    signal: AbortSignal;
    resolve: (t: TrialTrace) => void;
    reject: (e: unknown) => void;
  }> = [];
  let disposed = 0;
  const source: TraceSource = {
    trace: (_scenario, trial, signal) =>
      new Promise<TrialTrace>((resolve, reject) => {
        calls.push({ trial, signal, resolve, reject });
      }),
    dispose: () => {
      disposed++;
    },
  };
  return { source, calls, disposed: () => disposed };
}

const traceOf = (trial: number) => ({ trial }) as unknown as TrialTrace;
const settled = () => new Promise((r) => setTimeout(r, 0));
const scenario = { name: 'one' } as unknown as Scenario;

describe('the replay’s trace loader', () => {
  it('shows loading, then the trace of the trial asked for', async () => {
    const { source, calls } = fakeSource();
    const loader = new TraceLoader(source);
    const seen: string[] = [];
    loader.subscribe(() => seen.push(loader.getState()?.status ?? 'none'));
    expect(loader.getState()).toBeUndefined();
    loader.show(scenario, 4);
    expect(loader.getState()).toEqual({ status: 'loading', trial: 4 });
    calls[0]?.resolve(traceOf(4));
    await settled();
    expect(loader.getState()).toEqual({ status: 'ready', trial: 4, trace: traceOf(4) });
    expect(seen).toEqual(['loading', 'ready']);
    // Asking again for the trial shown, or being traced, does not trace it again.
    loader.show(scenario, 4);
    expect(calls).toHaveLength(1);
  });

  it('cancels a trace no longer wanted, and never shows it', async () => {
    const { source, calls } = fakeSource();
    const loader = new TraceLoader(source);
    loader.show(scenario, 1);
    loader.show(scenario, 1);
    expect(calls).toHaveLength(1);
    loader.show(scenario, 2);
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(calls[1]?.signal.aborted).toBe(false);
    calls[0]?.resolve(traceOf(1));
    await settled();
    expect(loader.getState()).toEqual({ status: 'loading', trial: 2 });
    calls[1]?.resolve(traceOf(2));
    await settled();
    expect(loader.getState()?.status).toBe('ready');
    expect(loader.getState()?.trial).toBe(2);
  });

  it('says why a trace failed, and traces it again on retry', async () => {
    const { source, calls } = fakeSource();
    const loader = new TraceLoader(source);
    loader.show(scenario, 3);
    calls[0]?.reject(new Error('The replay worker stopped: it failed to load or threw'));
    await settled();
    expect(loader.getState()).toEqual({
      status: 'failed',
      trial: 3,
      message: 'The replay worker stopped: it failed to load or threw',
    });
    // Showing the failed trial again waits for the retry; the retry traces it.
    loader.show(scenario, 3);
    expect(calls).toHaveLength(1);
    loader.retry();
    expect(loader.getState()).toEqual({ status: 'loading', trial: 3 });
    calls[1]?.resolve(traceOf(3));
    await settled();
    expect(loader.getState()?.status).toBe('ready');
    // An error without words still gets a reason.
    loader.show(scenario, 5);
    calls[2]?.reject(new Error(''));
    await settled();
    expect(loader.getState()).toMatchObject({ status: 'failed', message: /could not be replayed/ });
  });

  it('shows a trial traced lately at once, the last few of the same scenario only', async () => {
    const { source, calls } = fakeSource();
    const loader = new TraceLoader(source);
    for (let t = 0; t <= KEPT_TRACES; t++) {
      loader.show(scenario, t);
      calls[t]?.resolve(traceOf(t));
      await settled();
    }
    loader.show(scenario, KEPT_TRACES - 1);
    expect(loader.getState()).toEqual({
      status: 'ready',
      trial: KEPT_TRACES - 1,
      trace: traceOf(KEPT_TRACES - 1),
    });
    expect(calls).toHaveLength(KEPT_TRACES + 1);
    // The oldest was dropped; another scenario's trial 1 is traced afresh.
    loader.show(scenario, 0);
    expect(calls).toHaveLength(KEPT_TRACES + 2);
    loader.show({ name: 'two' } as unknown as Scenario, 1);
    expect(calls).toHaveLength(KEPT_TRACES + 3);
    expect(calls.at(-1)?.trial).toBe(1);
  });

  it('stops: cancels the trace in flight and frees the source, then traces afresh', async () => {
    const { source, calls, disposed } = fakeSource();
    const loader = new TraceLoader(source);
    loader.show(scenario, 6);
    loader.stop();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(disposed()).toBe(1);
    // Shown again (a component mounted again): traced again, and the answer is shown.
    loader.show(scenario, 6);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(traceOf(6));
    await settled();
    expect(loader.getState()?.status).toBe('ready');
  });
});

describe('the worker’s trace', () => {
  it('is the engine’s trace, with every typed array moved once', () => {
    const s: Scenario = { ...defaultScenario(), trials: 20 };
    const trace = traceApi.trace(s, 3);
    expect(trace).toEqual(traceTrial(s, 3));
    const buffers = traceBuffers(trace);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const st of trace.strategies)
      for (const a of [st.hours, st.push, st.weeklyBookings]) expect(buffers).toContain(a.buffer);
  });
});
