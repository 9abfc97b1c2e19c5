/// <reference lib="webworker" />
// The CRM import's worker: reads and parses files (papaparse, streamed), answers the editor's
// live questions and calibrates, all off the main thread. The file never leaves the browser.
import '../zod-config.ts';
import { ImportSession } from './core.ts';
import type { WorkerRequest, WorkerResponse } from './types.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new ImportSession();
/** Parse requests still running, and those the page cancelled. */
const running = new Set<number>();
const cancelled = new Set<number>();
/** Progress is posted at most this often (ms), plus once at the end. */
const PROGRESS_INTERVAL = 50;

function post(message: WorkerResponse): void {
  scope.postMessage(message);
}

function fail(req: number, error: unknown): void {
  post({
    type: 'result',
    req,
    ok: false,
    message: error instanceof Error ? error.message : String(error),
  });
}

async function parse(req: number, fileId: number, file: File): Promise<void> {
  running.add(req);
  let last = 0;
  try {
    const value = await session.parseFile(fileId, file, file.name, {
      cancelled: () => cancelled.has(req),
      onProgress: (progress) => {
        const now = performance.now();
        if (now - last < PROGRESS_INTERVAL && progress.bytes < progress.totalBytes) return;
        last = now;
        post({ type: 'progress', req, progress });
      },
    });
    post({ type: 'result', req, ok: true, value });
  } catch (error) {
    fail(req, error);
  } finally {
    running.delete(req);
    cancelled.delete(req);
  }
}

scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  switch (message.type) {
    case 'parse':
      void parse(message.req, message.fileId, message.file);
      return;
    case 'cancel':
      if (running.has(message.req)) cancelled.add(message.req);
      return;
    case 'drop':
      session.drop(message.fileId);
      return;
    case 'analyze':
      try {
        post({
          type: 'result',
          req: message.req,
          ok: true,
          value: session.analyze(message.config),
        });
      } catch (error) {
        fail(message.req, error);
      }
      return;
    case 'calibrate':
      try {
        const value = session.calibrate(message.config, message.base);
        post({ type: 'result', req: message.req, ok: true, value });
      } catch (error) {
        fail(message.req, error);
      }
      return;
    case 'forecast':
      try {
        const value = session.forecast(message.config, message.base);
        post({ type: 'result', req: message.req, ok: true, value });
      } catch (error) {
        fail(message.req, error);
      }
      return;
    case 'forecast-backtest':
      try {
        const value = session.forecastBacktest(message.config, message.base);
        post({ type: 'result', req: message.req, ok: true, value });
      } catch (error) {
        fail(message.req, error);
      }
      return;
  }
});
