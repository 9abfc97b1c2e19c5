import { type SimulationChunk, Simulator, transferableBuffers } from '@sweetspot/engine';
import { type Scenario, validateScenario } from '@sweetspot/scenario';
import { ScenarioError } from './errors.ts';
import { setTimer } from './timers.ts';

/**
 * The worker-side API. Worker entries expose it with comlink; the main thread only ever imports
 * this type (`import type`), never the engine through it.
 */
export interface SimulationApi {
  /**
   * Validates `scenario` (rejecting with a `ScenarioError` naming the field), simulates trials
   * [trialStart, trialStart + trialCount) and returns the chunk; behind comlink its two buffers
   * are transferred, not copied.
   */
  simulate(scenario: unknown, trialStart: number, trialCount: number): Promise<SimulationChunk>;
}

/**
 * Ways to make a worker fail, for tests. `crashForTest(kind)` arms the worker: its next
 * `simulate` call fails that way. 'throw': the call throws (an engine bug); 'exit': the worker
 * exits; 'uncaught': an uncaught exception kills it; 'hang': an endless synchronous loop;
 * 'oom': it allocates until it runs out of memory.
 */
export type CrashKind = 'throw' | 'exit' | 'uncaught' | 'hang' | 'oom';

/** The API with test hooks, exposed only when a worker is started with them enabled. */
export interface TestableSimulationApi extends SimulationApi {
  crashForTest(kind: CrashKind): Promise<void>;
}

/** The engine entry point, replaceable for tests of the runner itself. */
export type SimulateFn = (
  scenario: Scenario,
  trialStart: number,
  trialCount: number,
) => SimulationChunk;

export interface SimulationApiOptions {
  /** Default: the real engine (a `Simulator` kept for as long as the scenario does not change). */
  simulate?: SimulateFn;
  /** Marks the chunk's buffers for transfer (comlink's `transfer`); identity by default. */
  transfer?: (chunk: SimulationChunk, buffers: ArrayBuffer[]) => SimulationChunk;
  /** Ends the worker, for crashForTest('exit') (`process.exit`, `self.close`). */
  exit?: (code: number) => void;
  /** Add `crashForTest`. */
  testHooks?: boolean;
}

function checkRange(trialStart: number, trialCount: number): void {
  if (!Number.isSafeInteger(trialStart) || trialStart < 0)
    throw new RangeError(`trialStart must be a whole number ≥ 0 (got ${trialStart})`);
  if (!Number.isSafeInteger(trialCount) || trialCount < 0)
    throw new RangeError(`trialCount must be a whole number ≥ 0 (got ${trialCount})`);
}

export function createSimulationApi(
  options?: SimulationApiOptions & { testHooks?: false },
): SimulationApi;
export function createSimulationApi(
  options: SimulationApiOptions & { testHooks: true },
): TestableSimulationApi;
export function createSimulationApi(
  options?: SimulationApiOptions,
): SimulationApi | TestableSimulationApi;
export function createSimulationApi(
  options: SimulationApiOptions = {},
): SimulationApi | TestableSimulationApi {
  const transfer = options.transfer ?? ((chunk) => chunk);
  // Chunks of one run all carry the same scenario: validate and compile it once.
  let lastKey: string | undefined;
  let lastScenario: Scenario | undefined;
  let lastSimulator: Simulator | undefined;
  let armed: CrashKind | undefined;

  const prepare = (input: unknown): Scenario => {
    let key: string | undefined;
    try {
      key = JSON.stringify(input);
    } catch {
      key = undefined; // cycles and the like: validation will say what is wrong
    }
    if (key !== undefined && key === lastKey && lastScenario) return lastScenario;
    const result = validateScenario(input);
    if (!result.ok) throw new ScenarioError(result.errors);
    lastKey = key;
    lastScenario = result.scenario;
    lastSimulator = undefined;
    return result.scenario;
  };

  const engine: SimulateFn =
    options.simulate ??
    ((scenario, trialStart, trialCount) => {
      if (!lastSimulator || lastScenario !== scenario) lastSimulator = new Simulator(scenario);
      return lastSimulator.simulate(trialStart, trialCount);
    });

  const crash = (kind: CrashKind): void => {
    switch (kind) {
      case 'throw':
        throw new Error('crashForTest: the engine threw');
      case 'exit':
        options.exit?.(3);
        throw new Error('crashForTest: exit is not available here');
      case 'uncaught':
        setTimer(() => {
          throw new Error('crashForTest: uncaught exception');
        }, 0);
        return;
      case 'hang':
        for (;;) {
          // An endless synchronous loop: only terminate() stops it.
        }
      case 'oom': {
        const hog: number[][] = [];
        for (;;) hog.push(new Array<number>(1 << 20).fill(hog.length));
      }
    }
  };

  const api: SimulationApi = {
    async simulate(scenario, trialStart, trialCount) {
      if (armed) {
        const kind = armed;
        armed = undefined;
        crash(kind);
        if (kind === 'uncaught') return new Promise<SimulationChunk>(() => {});
      }
      checkRange(trialStart, trialCount);
      const valid = prepare(scenario);
      const chunk = engine(valid, trialStart, trialCount);
      return transfer(chunk, transferableBuffers([chunk.columns, chunk.aggregates]));
    },
  };
  if (!options.testHooks) return api;
  return {
    simulate: api.simulate,
    async crashForTest(kind: CrashKind) {
      armed = kind;
    },
  };
}
