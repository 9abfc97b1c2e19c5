/**
 * The page's side of the calibration worker, over the worker bridge: its API as promises, parse
 * progress, cancel. One worker holds the import's parsed files, so a crash ends the import.
 */
import type { Scenario } from '@sweetspot/scenario';
import { proxy, type Remote } from 'comlink';
import { createWorkerBridge, type WorkerBridge, WorkerStoppedError } from '../worker-bridge.ts';
import type {
  Analysis,
  AnalyzeConfig,
  CalibrateConfig,
  CalibrateOutcome,
  ForecastBacktestOutcome,
  ForecastConfig,
  ForecastOutcome,
  ParseOutcome,
  ParseProgress,
} from './types.ts';

/** What calibration.worker.ts exposes. */
export interface CalibrationWorkerApi {
  /** Reads a file into the session as `fileId`; `req` names the request for `cancel`. */
  parse(
    req: number,
    fileId: number,
    file: File,
    onProgress: (progress: ParseProgress) => void,
  ): Promise<ParseOutcome>;
  /** Stops the parse `req` (it then resolves "cancelled"); nothing if it has finished. */
  cancel(req: number): void;
  drop(fileId: number): void;
  analyze(config: AnalyzeConfig): Analysis;
  calibrate(config: CalibrateConfig, base: Scenario): CalibrateOutcome;
  forecast(config: ForecastConfig, base: Scenario): ForecastOutcome;
  forecastBacktest(config: ForecastConfig, base: Scenario): ForecastBacktestOutcome;
}

/** The calibration worker (a real Worker; tests hand the client a fake). */
export type WorkerLike = Worker;

export function createCalibrationWorker(): WorkerLike {
  return new Worker(new URL('./calibration.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sweetspot-calibration',
  });
}

const NAME = 'import worker';

const text = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class CalibrationClient {
  private readonly bridge: WorkerBridge<CalibrationWorkerApi>;
  /** Settles when the worker ends (a crash, or terminate()), with the client's death certificate. */
  private nextReq = 1;
  private nextFileId = 1;
  private dead: Error | undefined;

  constructor(worker: WorkerLike) {
    let handedOut = false;
    this.bridge = createWorkerBridge<CalibrationWorkerApi>(() => {
      // One worker only: it holds the parsed files. Asked again, the bridge has seen it end.
      if (handedOut) throw new Error(`The ${NAME} has ended`);
      handedOut = true;
      return worker;
    }, NAME);
    // A call that never ends on its own: it spawns the bridge now (a worker that fails to load
    // is noticed even before the first request) and settles only when the worker ends.
    void this.bridge
      .call(() => new Promise<never>(() => {}))
      .catch((error: unknown) => this.stopped(error));
  }

  /** The client's death certificate, written once: the worker crashed or the import closed. */
  private stopped(error: unknown): Error {
    // The dialog has its own sentence for a worker that crashed.
    const why =
      error instanceof WorkerStoppedError && error.kind === 'crashed' ? error.reason : text(error);
    this.dead ??= new Error(`the import worker stopped (${why}); close the import and try again`);
    return this.dead;
  }

  /** Comlink's types split a union result into a union of promises: callers name the result. */
  private request<T>(ask: (api: Remote<CalibrationWorkerApi>) => Promise<T>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    // (A worker that has ended is not spawned again: the bridge's call rejects, and the request
    // answers with the client's death certificate, written when it ended.)
    const call = this.bridge.call(ask);
    return call.catch((error: unknown) => {
      // The worker's end is the bridge's error; any other is the request's answer.
      if (error instanceof WorkerStoppedError) throw this.stopped(error);
      throw error instanceof Error ? error : new Error(text(error));
    });
  }

  /** Tells the worker something that needs no answer (nothing once it has stopped). */
  private tell(say: (api: Remote<CalibrationWorkerApi>) => Promise<void>): void {
    if (!this.dead) this.request(say).catch(() => {});
  }

  /** Parses a file in the worker; `cancel()` stops it (the promise then says "cancelled"). */
  parse(
    file: File,
    onProgress: (progress: ParseProgress) => void,
  ): { fileId: number; promise: Promise<ParseOutcome>; cancel(): void } {
    const fileId = this.nextFileId++;
    const req = this.nextReq++;
    return {
      fileId,
      promise: this.request<ParseOutcome>((api) => api.parse(req, fileId, file, proxy(onProgress))),
      cancel: () => this.tell((api) => api.cancel(req)),
    };
  }

  drop(fileId: number): void {
    this.tell((api) => api.drop(fileId));
  }

  analyze(config: AnalyzeConfig): Promise<Analysis> {
    return this.request<Analysis>((api) => api.analyze(config));
  }

  calibrate(config: CalibrateConfig, base: Scenario): Promise<CalibrateOutcome> {
    return this.request<CalibrateOutcome>((api) => api.calibrate(config, base));
  }

  forecast(config: ForecastConfig, base: Scenario): Promise<ForecastOutcome> {
    return this.request<ForecastOutcome>((api) => api.forecast(config, base));
  }

  forecastBacktest(config: ForecastConfig, base: Scenario): Promise<ForecastBacktestOutcome> {
    return this.request<ForecastBacktestOutcome>((api) => api.forecastBacktest(config, base));
  }

  terminate(): void {
    this.dead = new Error('the import was closed');
    this.bridge.dispose();
  }
}
