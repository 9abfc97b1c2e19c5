import { createChunk, Layout, type SimulationChunk, simulateChunk } from '@sweetspot/engine';
import type { Runner, RunOptions } from '@sweetspot/runner';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import { describe, expect, it } from 'vitest';
import { defaultChunkSize, PRECISION_CHUNK, RunController, type RunnerKind } from './controller.ts';
import type { Summarized } from './summarize-core.ts';
import type { Summarizer } from './summaryClient.ts';

/** A run the test drives by hand. */
interface FakeRun {
  scenario: Scenario;
  options: RunOptions;
  aborted: boolean;
  resolve(chunk: SimulationChunk): void;
  reject(error: unknown): void;
  partial(done: number): void;
}

function chunkFor(scenario: Scenario, trials: number): SimulationChunk {
  const layout = new Layout(
    scenario.strategies.length,
    scenario.horizon.quarters,
    scenario.segments.length,
  );
  return createChunk(layout, 0, trials);
}

function fakeRunnerFactory() {
  const runs: FakeRun[] = [];
  const created: RunnerKind[] = [];
  let disposed = 0;
  const createRunner = (kind: RunnerKind): Runner => {
    created.push(kind);
    return {
      size: 2,
      dispose() {
        disposed++;
      },
      run(scenario, options = {}) {
        return new Promise<SimulationChunk>((resolve, reject) => {
          const run: FakeRun = {
            scenario,
            options,
            aborted: false,
            resolve,
            reject,
            partial(done) {
              options.onPartial?.({
                chunk: chunkFor(scenario, done),
                done,
                total: scenario.trials,
              });
            },
          };
          options.signal?.addEventListener('abort', () => {
            run.aborted = true;
            reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
          });
          if (kind === 'crash') {
            queueMicrotask(() =>
              reject(
                Object.assign(new Error('Simulation worker crashed: boom'), {
                  name: 'WorkerCrashedError',
                }),
              ),
            );
          }
          runs.push(run);
        });
      },
    };
  };
  return { runs, created, createRunner, disposedCount: () => disposed };
}

/** A summarizer the test resolves by hand, to control ordering. */
function manualSummarizer() {
  const calls: Array<{ trials: number; resolve(): void; reject(e: Error): void }> = [];
  const summarizer: Summarizer = {
    summarize(_scenario, chunk) {
      return new Promise<Summarized>((resolve, reject) => {
        calls.push({
          trials: chunk.trialCount,
          resolve: () =>
            resolve({
              summary: { trials: chunk.trialCount } as unknown as Summarized['summary'],
              ms: 1,
            }),
          reject,
        });
      });
    },
    dispose() {},
  };
  return { calls, summarizer };
}

function fakeClock() {
  let now = 1000;
  const timers: Array<{ at: number; cb: () => void; id: number }> = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (cb: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ at: now + ms, cb, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      now += ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.splice(timers.indexOf(due), 1);
        due.cb();
      }
    },
    pending: () => timers.length,
  };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function setup() {
  const runners = fakeRunnerFactory();
  const summaries = manualSummarizer();
  const clock = fakeClock();
  const controller = new RunController({
    createRunner: runners.createRunner,
    summarizer: summaries.summarizer,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { controller, runners, summaries, clock };
}

/** The default scenario run for exactly `trials` trials (no precision target). */
function withTrials(trials: number): Scenario {
  const { precision: _fixed, ...scenario } = defaultScenario();
  return { ...scenario, trials };
}

describe('RunController', () => {
  it('runs the first request at once and shows partial then final results', async () => {
    const { controller, runners, summaries, clock } = setup();
    const requestedAt = clock.now();
    controller.request(withTrials(1000));
    expect(runners.runs).toHaveLength(1);
    expect(controller.getState().phase).toBe('running');
    // The first request starts at once: requested and started on the same tick of the clock.
    expect(controller.getState().timing).toEqual({ requestedAt, startedAt: requestedAt });
    const run = runners.runs[0] as FakeRun;
    clock.advance(40);
    run.partial(100);
    expect(summaries.calls).toHaveLength(1);
    clock.advance(15); // the summary takes 15 ms: the result is on screen when it arrives
    summaries.calls[0]?.resolve();
    await flush();
    expect(controller.getState().result?.done).toBe(100);
    expect(controller.getState().result?.final).toBe(false);
    expect(controller.getState().timing).toEqual({
      requestedAt,
      startedAt: requestedAt,
      firstResultAt: requestedAt + 55,
    });
    clock.advance(100);
    run.resolve(chunkFor(run.scenario, 1000));
    await flush();
    clock.advance(20);
    summaries.calls[1]?.resolve();
    await flush();
    const state = controller.getState();
    expect(state.phase).toBe('done');
    expect(state.result?.final).toBe(true);
    expect(state.result?.done).toBe(1000);
    // The final result keeps the first result's time and adds its own.
    expect(state.timing).toEqual({
      requestedAt,
      startedAt: requestedAt,
      firstResultAt: requestedAt + 55,
      finalResultAt: requestedAt + 175,
    });
  });

  it('debounces a burst of edits into one trailing run, aborting the leading one', async () => {
    const { controller, runners, clock } = setup();
    for (let i = 1; i <= 20; i++) {
      controller.request(withTrials(100 + i));
      clock.advance(30);
    }
    expect(runners.runs).toHaveLength(1); // the leading edge
    expect(controller.getState().scheduled).toBe(true);
    clock.advance(250);
    expect(runners.runs).toHaveLength(2);
    expect(runners.runs[0]?.aborted).toBe(true);
    expect(runners.runs[1]?.scenario.trials).toBe(120);
    expect(controller.getState().scheduled).toBe(false);
  });

  it('ignores a request for what is already running', () => {
    const { controller, runners, clock } = setup();
    controller.request(withTrials(500));
    clock.advance(10);
    controller.request(withTrials(600));
    clock.advance(10);
    controller.request(withTrials(500));
    clock.advance(1000);
    expect(runners.runs).toHaveLength(1);
    expect(runners.runs[0]?.aborted).toBe(false);
  });

  it('never shows results of an older run', async () => {
    const { controller, runners, summaries, clock } = setup();
    controller.request(withTrials(1000));
    runners.runs[0]?.partial(100); // summarizing (call 0)
    runners.runs[0]?.partial(200); // queued
    clock.advance(1000);
    controller.request(withTrials(2000)); // new run: queued partial dropped
    expect(runners.runs).toHaveLength(2);
    summaries.calls[0]?.resolve();
    await flush();
    expect(controller.getState().result).toBeUndefined();
    expect(summaries.calls).toHaveLength(1);
  });

  it('summarizes latest-only, and the final result wins over a queued partial', async () => {
    const { controller, runners, summaries } = setup();
    controller.request(withTrials(1000));
    const run = runners.runs[0] as FakeRun;
    run.partial(100);
    run.partial(200);
    run.partial(300);
    run.resolve(chunkFor(run.scenario, 1000));
    await flush();
    run.partial(400); // late partial must not replace the queued final
    summaries.calls[0]?.resolve();
    await flush();
    expect(summaries.calls).toHaveLength(2);
    expect(summaries.calls[1]?.trials).toBe(1000);
    summaries.calls[1]?.resolve();
    await flush();
    expect(controller.getState().result?.final).toBe(true);
  });

  it('stop() aborts and keeps the partial results', async () => {
    const { controller, runners, summaries } = setup();
    controller.request(withTrials(1000));
    runners.runs[0]?.partial(100);
    summaries.calls[0]?.resolve();
    await flush();
    runners.runs[0]?.partial(200); // summarizing when Stop is pressed
    controller.stop();
    summaries.calls[1]?.resolve();
    await flush();
    const state = controller.getState();
    expect(runners.runs[0]?.aborted).toBe(true);
    expect(state.phase).toBe('stopped');
    expect(state.result?.done).toBe(100); // frozen: the late summary is not shown
    expect(state.progress).toEqual({ done: 100, total: 1000 });
    expect(state.error).toBeUndefined();
  });

  it('reports a crash, then retry runs again on normal workers', async () => {
    const { controller, runners } = setup();
    controller.armCrash();
    controller.request(withTrials(1000));
    await flush();
    expect(runners.created).toEqual(['crash']);
    const state = controller.getState();
    expect(state.phase).toBe('error');
    expect(state.error?.kind).toBe('crash');
    expect(state.error?.message).toMatch(/crashed/);
    controller.retry();
    expect(runners.created).toEqual(['crash', 'normal']);
    expect(controller.getState().phase).toBe('running');
    expect(controller.getState().error).toBeUndefined();
  });

  it('reports a summarizer failure as an error', async () => {
    const { controller, runners, summaries } = setup();
    controller.request(withTrials(1000));
    runners.runs[0]?.partial(100);
    summaries.calls[0]?.reject(new Error('bad chunk'));
    await flush();
    expect(controller.getState().phase).toBe('error');
    expect(controller.getState().error?.kind).toBe('summary');
  });

  it('invalidate() cancels a scheduled run', () => {
    const { controller, runners, clock } = setup();
    controller.request(withTrials(1000));
    clock.advance(10);
    controller.request(withTrials(1001));
    expect(controller.getState().scheduled).toBe(true);
    controller.invalidate();
    expect(controller.getState().scheduled).toBe(false);
    clock.advance(1000);
    expect(runners.runs).toHaveLength(1);
  });

  it('spaces partial summaries out, but not the first nor the final', async () => {
    const { controller, runners, summaries, clock } = setup();
    controller.request(withTrials(1000));
    const run = runners.runs[0] as FakeRun;
    run.partial(100);
    expect(summaries.calls).toHaveLength(1); // the first goes at once
    summaries.calls[0]?.resolve();
    await flush();
    run.partial(200);
    expect(summaries.calls).toHaveLength(1); // held back
    clock.advance(299);
    expect(summaries.calls).toHaveLength(1);
    clock.advance(1);
    expect(summaries.calls).toHaveLength(2);
    expect(summaries.calls[1]?.trials).toBe(200);
    summaries.calls[1]?.resolve();
    await flush();
    run.partial(300);
    run.resolve(chunkFor(run.scenario, 1000));
    await flush();
    expect(summaries.calls).toHaveLength(3); // the final is not held back
    expect(summaries.calls[2]?.trials).toBe(1000);
  });

  it('picks chunk sizes from the run size', () => {
    const { controller, runners } = setup();
    controller.request(withTrials(10_000));
    expect(runners.runs[0]?.options.chunkSize).toBe(25);
    expect(defaultChunkSize(100, 2)).toBe(25);
    expect(defaultChunkSize(100_000, 2)).toBe(791);
    expect(defaultChunkSize(1_000_000, 2)).toBe(5000);
  });

  it('a scenario with precision runs with the headline stop rule; bar and words follow the batches judged', async () => {
    const { controller, runners, summaries } = setup();
    const scenario = defaultScenario();
    scenario.team.reps = 3;
    scenario.horizon = { quarters: 2, weeksPerQuarter: 13, warmupWeeks: 13 };
    scenario.precision = { relative: 0.05, probability: 0.1 };
    controller.request(scenario);
    const run = runners.runs[0] as FakeRun;
    const rule = run.options.stopRule;
    expect(rule?.every).toBe(250);
    expect(run.options.chunkSize).toBe(PRECISION_CHUNK);
    expect(controller.getState()).toMatchObject({ precise: true, precision: undefined });
    // The rule never stops after the first batch (at least two are needed).
    expect(rule?.add(simulateChunk(scenario, 0, 250))).toBe(false);
    const first = controller.getState();
    expect(first.precision?.trials).toBe(250);
    expect(first.progress).toEqual({ done: 250, total: first.precision?.expected });
    expect(first.precision?.expected).toBeGreaterThan(250);
    expect(first.precision?.reached).toMatch(
      /^±[\d.]+% on money and hours, ±[\d.]+ points on chances$/,
    );
    expect(rule?.add(simulateChunk(scenario, 250, 250))).toBe(true);
    const second = controller.getState();
    expect(second.precision?.met).toBe(true);
    expect(second.precision?.line).toMatch(/^final: .* \(500 trials\)$/);
    expect(second.progress).toEqual({ done: 500, total: 500 });
    run.resolve(chunkFor(scenario, 500));
    await flush();
    summaries.calls.at(-1)?.resolve();
    await flush();
    const done = controller.getState();
    expect(done.phase).toBe('done');
    expect(done.result?.done).toBe(500);
    expect(done.progress).toEqual({ done: 500, total: 500 });
    controller.dispose();
  });

  it('a run estimated over ten seconds says how long it has left; a shorter one does not', () => {
    const { controller, runners, clock } = setup();
    controller.request(withTrials(10_000));
    const run = runners.runs[0] as FakeRun;
    clock.advance(300); // the workers start: not counted in the speed
    run.options.onProgress?.({ done: 100, total: 10_000 });
    clock.advance(600);
    run.options.onProgress?.({ done: 800, total: 10_000 }); // 700 trials in 0.6 s: 8.8 s in all
    expect(controller.getState().secondsLeft).toBeUndefined();
    clock.advance(600);
    run.options.onProgress?.({ done: 1000, total: 10_000 }); // 900 in 1.2 s: 12 s left
    expect(controller.getState().secondsLeft).toBeCloseTo(12, 9);
    controller.dispose();
  });

  it('a keystroke never runs on the leading edge: "2" of "25" waits; Enter or leaving the field runs at once', () => {
    const { controller, runners, clock } = setup();
    controller.request(withTrials(2), { typing: true });
    expect(runners.runs).toHaveLength(0); // a quiet spell, but a half-typed number: it waits
    clock.advance(100);
    controller.request(withTrials(25), { typing: true });
    clock.advance(249);
    expect(runners.runs).toHaveLength(0);
    clock.advance(1);
    expect(runners.runs.map((r) => r.scenario.trials)).toEqual([25]);
    // Typing again, then Enter: the run starts without waiting for the pause.
    clock.advance(1000);
    controller.request(withTrials(30), { typing: true });
    expect(runners.runs).toHaveLength(1);
    controller.flush();
    expect(runners.runs.map((r) => r.scenario.trials)).toEqual([25, 30]);
    controller.flush(); // nothing waiting: nothing happens
    expect(runners.runs).toHaveLength(2);
    controller.dispose();
  });
});
