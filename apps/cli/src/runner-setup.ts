import { existsSync } from 'node:fs';
import { isAbortError, type Runner } from '@sweetspot/runner';
import { createNodePool, defaultNodeWorkerUrl } from '@sweetspot/runner/node';
import type { Io } from './io.ts';
import { ProgressBar } from './progress-bar.ts';
import { RunEstimate } from './run-estimate.ts';

/** The worker bundle next to the built CLI, or the runner's own (tsx bootstrap in development). */
export function workerUrl(): URL {
  // In the bundle this module is part of dist/cli.mjs, so the URL is dist/worker-node.mjs.
  const bundled = new URL('./worker-node.mjs', import.meta.url);
  return existsSync(bundled) ? bundled : defaultNodeWorkerUrl();
}

/** Progress of a run or an analysis, in trials. */
export interface TrialProgress {
  done: number;
  total: number;
}

/** What a command simulates with: the runner, the progress bar and options ready to spread. */
export interface Session {
  runner: Runner;
  /** On an interactive terminal, when the output is a table on the terminal. */
  bar: ProgressBar | undefined;
  /** `{ signal }` when the command can be cancelled, else `{}` (exact optional properties). */
  signalOption: { signal?: AbortSignal };
  /** The signal and a progress callback that draws the bar and announces a long run. */
  runOptions: { signal?: AbortSignal; onProgress: (p: TrialProgress) => void };
  /** Announces, once, a run estimated over ten seconds (run-estimate.ts). */
  estimate: RunEstimate;
}

/** Thrown once a cancellation has been reported; the command scaffold turns it into exit 130. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface SessionSetup {
  /** A runner to use instead of a pool of Node worker threads (tests); not disposed here. */
  runner?: Runner | undefined;
  /** Worker threads of the pool (default: all cores). */
  workers?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Draw a progress bar on standard error (if it is a terminal). */
  progress: boolean;
  /** The line printed on Ctrl-C, after "sweetspot: ". */
  cancelled: string;
}

/**
 * Runs `work` on a runner (the given one, or a worker pool made for it and disposed after),
 * clears the progress bar whatever happens, and reports a cancellation on standard error before
 * throwing CancelledError.
 */
export async function withRunner<T>(
  io: Io,
  setup: SessionSetup,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const runner = setup.runner ?? createNodePool({ workers: setup.workers, workerUrl: workerUrl() });
  const bar = io.interactive && setup.progress ? new ProgressBar(io.stderr) : undefined;
  const signalOption = setup.signal ? { signal: setup.signal } : {};
  const estimate = new RunEstimate((line) => {
    bar?.clear();
    io.stderr(line);
  });
  try {
    return await work({
      runner,
      bar,
      signalOption,
      estimate,
      runOptions: {
        ...signalOption,
        onProgress: (p) => {
          estimate.observe(p.done, p.total);
          bar?.update(p.done, p.total);
        },
      },
    });
  } catch (error) {
    bar?.clear();
    if (isAbortError(error)) {
      io.stderr(`sweetspot: ${setup.cancelled}\n`);
      throw new CancelledError(setup.cancelled);
    }
    throw error;
  } finally {
    bar?.clear();
    if (!setup.runner) runner.dispose();
  }
}
