import { type HeadlineStopRule, perTrialCsv } from '@sweetspot/analysis';
import { createChunk, layoutFor, type SimulationChunk } from '@sweetspot/engine';
import { createInThreadRunner, type Runner } from '@sweetspot/runner';
import { defaultScenario, type Scenario } from '@sweetspot/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Output, OutputClosedError } from '../io.ts';
import { applyPrecisionFlags, CSV_FIRST_SLICE_TRIALS, streamCsv } from './run.ts';

/** A stand-in engine: every cell a function of (seed, trial, column), so slicing cannot matter. */
function fakeSimulate(scenario: Scenario, trialStart: number, trialCount: number): SimulationChunk {
  const layout = layoutFor(scenario);
  const chunk = createChunk(layout, trialStart, trialCount);
  for (let t = 0; t < trialCount; t++)
    for (let c = 0; c < layout.totalColumns; c++)
      chunk.columns[c * trialCount + t] =
        ((Math.imul(scenario.seed + trialStart + t, 2654435761) ^ Math.imul(c + 1, 40503)) >>> 0) /
        7;
  return chunk;
}

/** A runner over the fake engine that records every run (its size) and how many overlap. */
function countingRunner() {
  const inner = createInThreadRunner({ simulate: fakeSimulate });
  const sizes: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const runner: Runner = {
    size: 1,
    dispose: () => inner.dispose(),
    async run(scenario, options) {
      sizes.push(options?.trials ?? scenario.trials);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await inner.run(scenario, options);
      } finally {
        inFlight--;
      }
    },
  };
  return { runner, sizes, maxInFlight: () => maxInFlight };
}

function memoryOutput() {
  const writes: string[] = [];
  const output: Output = {
    write: async (text) => {
      writes.push(text);
    },
    close: async () => {},
    discard: async () => {},
  };
  return { output, writes };
}

const scenario = (trials: number): Scenario => ({ ...defaultScenario(), trials, seed: 11 });

describe('run --format csv streams in slices', () => {
  it('writes exactly the rows of one big run, whatever the slice size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 25 }),
        async (trials, slice) => {
          const s = scenario(trials);
          const whole = perTrialCsv(s, fakeSimulate(s, 0, trials));
          const { runner, sizes } = countingRunner();
          const { output, writes } = memoryOutput();
          await streamCsv(runner, s, output, { sliceTrials: slice });
          runner.dispose();
          expect(writes.join('')).toBe(whole);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(trials);
          for (const size of sizes) expect(size).toBeLessThanOrEqual(slice);
        },
      ),
      { numRuns: 40, seed: 16 },
    );
  });

  it('holds at most two slices: the one being written and the next one running', async () => {
    const s = scenario(5_000);
    const { runner, sizes, maxInFlight } = countingRunner();
    const { output, writes } = memoryOutput();
    await streamCsv(runner, s, output, { sliceTrials: 1_500 });
    runner.dispose();
    // 1,000 first (quick first rows), then doubling up to the cap.
    expect(sizes).toEqual([CSV_FIRST_SLICE_TRIALS, 1_500, 1_500, 1_000]);
    expect(maxInFlight()).toBe(1);
    // Written in batches, never as one string of every line.
    expect(writes.length).toBeGreaterThan(10);
    for (const w of writes) expect(w.length).toBeLessThan(64 * 1024 + 1_000);
  });

  it('stops at the first write after an abort, and passes a closed output on', async () => {
    const s = scenario(3_000);
    const controller = new AbortController();
    const { runner } = countingRunner();
    let writes = 0;
    const aborting: Output = {
      write: async () => {
        writes++;
        controller.abort();
      },
      close: async () => {},
      discard: async () => {},
    };
    await expect(
      streamCsv(runner, s, aborting, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(writes).toBe(1);

    const closed: Output = {
      write: async () => {
        throw new OutputClosedError('EPIPE');
      },
      close: async () => {},
      discard: async () => {},
    };
    await expect(streamCsv(runner, s, closed)).rejects.toBeInstanceOf(OutputClosedError);
    // The next slice was already running: disposing rejects it, and nothing is left unhandled.
    runner.dispose();
  });
});

describe('run and precision', () => {
  it('--trials alone runs exactly that many; --precision flags ask for a precision run capped by trials', () => {
    const s = defaultScenario();
    expect(s.precision).toBeDefined();
    expect(applyPrecisionFlags(s, {})).toEqual(s);
    const fixed = applyPrecisionFlags({ ...s, trials: 300 }, { trials: 300 });
    expect(fixed.precision).toBeUndefined();
    expect(fixed.trials).toBe(300);
    expect(applyPrecisionFlags(s, { precision: 0.005 }).precision).toEqual({
      relative: 0.005,
      probability: s.precision?.probability,
    });
    const { precision: _p, ...plain } = s;
    expect(applyPrecisionFlags(plain, { precisionPoints: 0.01, trials: 900 }).precision).toEqual({
      relative: 0.01,
      probability: 0.01,
    });
  });

  it('CSV with a stop rule writes the rows of the batches judged, and no more', async () => {
    const { runner } = countingRunner();
    const { output, writes } = memoryOutput();
    const judged: number[] = [];
    const until = {
      every: 250,
      add(batch: SimulationChunk) {
        judged.push(batch.trialStart);
        return judged.length === 5;
      },
      tracker: { status: () => ({ met: judged.length >= 5 }) },
    } as unknown as HeadlineStopRule;
    await streamCsv(runner, scenario(20_000), output, { until });
    expect(judged).toEqual([0, 250, 500, 750, 1000]);
    const rows = writes.join('').trim().split(/\r?\n/);
    const trials = new Set(rows.slice(1).map((r) => r.split(',')[0]));
    expect(trials.size).toBe(1250);
    expect(writes.join('')).toBe(
      perTrialCsv(scenario(1250), fakeSimulate(scenario(1250), 0, 1250)),
    );
    runner.dispose();
  });
});
