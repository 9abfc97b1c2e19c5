/// <reference lib="webworker" />
// The CRM import's worker: reads and parses files (papaparse, streamed), answers the editor's
// live questions and calibrates, all off the main thread, reached through the worker bridge
// (client.ts). The file never leaves the browser.
import '../zod-config.ts';
import { expose, type Remote, releaseProxy } from 'comlink';
import type { CalibrationWorkerApi } from './client.ts';
import { ImportSession } from './core.ts';
import type { ParseProgress } from './types.ts';

const session = new ImportSession();
/** Parse requests still running, and those the page cancelled. */
const running = new Set<number>();
const cancelled = new Set<number>();
/** Progress is sent at most this often (ms), plus once at the end. */
const PROGRESS_INTERVAL = 50;

const api: CalibrationWorkerApi = {
  async parse(req, fileId, file, onProgress) {
    // A function from the page arrives as a comlink proxy: each call is a message back.
    const report = onProgress as unknown as Remote<(progress: ParseProgress) => void>;
    running.add(req);
    let last = 0;
    let reported: Promise<void> = Promise.resolve();
    try {
      return await session.parseFile(fileId, file, file.name, {
        cancelled: () => cancelled.has(req),
        onProgress: (progress) => {
          const now = performance.now();
          if (now - last < PROGRESS_INTERVAL && progress.bytes < progress.totalBytes) return;
          last = now;
          reported = report(progress);
        },
      });
    } finally {
      // Progress travels on its own channel: the last report reaches the page before the result.
      await reported.catch(() => {});
      report[releaseProxy]();
      running.delete(req);
      cancelled.delete(req);
    }
  },
  cancel(req) {
    if (running.has(req)) cancelled.add(req);
  },
  drop(fileId) {
    session.drop(fileId);
  },
  analyze: (config) => session.analyze(config),
  calibrate: (config, base) => session.calibrate(config, base),
  forecast: (config, base) => session.forecast(config, base),
  forecastBacktest: (config, base) => session.forecastBacktest(config, base),
};

expose(api);
