/** The page's side of the calibration worker: requests as promises, parse progress, cancel. */
import type { Scenario } from '@sweetspot/scenario';
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
  WorkerRequest,
  WorkerResponse,
} from './types.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: ParseProgress) => void;
}

/** Worker-like: what the client needs (a real Worker, or a fake in tests). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export function createCalibrationWorker(): WorkerLike {
  return new Worker(new URL('./calibration.worker.ts', import.meta.url), {
    type: 'module',
    name: 'sweetspot-calibration',
  }) as unknown as WorkerLike;
}

export class CalibrationClient {
  private readonly worker: WorkerLike;
  private readonly pending = new Map<number, Pending>();
  private nextReq = 1;
  private nextFileId = 1;
  private dead: Error | undefined;

  constructor(worker: WorkerLike) {
    this.worker = worker;
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const m = event.data;
      const p = this.pending.get(m.req);
      if (!p) return;
      if (m.type === 'progress') {
        p.onProgress?.(m.progress);
        return;
      }
      this.pending.delete(m.req);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.message));
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault?.();
      this.dead = new Error(
        `the import worker stopped (${event.message || 'it could not start'}); close the import and try again`,
      );
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    });
  }

  private request<T>(
    make: (req: number) => WorkerRequest,
    onProgress?: (progress: ParseProgress) => void,
  ): { req: number; promise: Promise<T> } {
    const req = this.nextReq++;
    const promise = new Promise<T>((resolve, reject) => {
      if (this.dead) {
        reject(this.dead);
        return;
      }
      const entry: Pending = { resolve: resolve as (v: unknown) => void, reject };
      if (onProgress) entry.onProgress = onProgress;
      this.pending.set(req, entry);
      this.worker.postMessage(make(req));
    });
    return { req, promise };
  }

  /** Parses a file in the worker; `cancel()` stops it (the promise then says "cancelled"). */
  parse(
    file: File,
    onProgress: (progress: ParseProgress) => void,
  ): { fileId: number; promise: Promise<ParseOutcome>; cancel(): void } {
    const fileId = this.nextFileId++;
    const { req, promise } = this.request<ParseOutcome>(
      (r) => ({ type: 'parse', req: r, fileId, file }),
      onProgress,
    );
    return {
      fileId,
      promise,
      cancel: () => this.worker.postMessage({ type: 'cancel', req }),
    };
  }

  drop(fileId: number): void {
    if (!this.dead) this.worker.postMessage({ type: 'drop', fileId });
  }

  analyze(config: AnalyzeConfig): Promise<Analysis> {
    return this.request<Analysis>((req) => ({ type: 'analyze', req, config })).promise;
  }

  calibrate(config: CalibrateConfig, base: Scenario): Promise<CalibrateOutcome> {
    return this.request<CalibrateOutcome>((req) => ({ type: 'calibrate', req, config, base }))
      .promise;
  }

  forecast(config: ForecastConfig, base: Scenario): Promise<ForecastOutcome> {
    return this.request<ForecastOutcome>((req) => ({ type: 'forecast', req, config, base }))
      .promise;
  }

  forecastBacktest(config: ForecastConfig, base: Scenario): Promise<ForecastBacktestOutcome> {
    return this.request<ForecastBacktestOutcome>((req) => ({
      type: 'forecast-backtest',
      req,
      config,
      base,
    })).promise;
  }

  terminate(): void {
    this.worker.terminate();
    this.dead = new Error('the import was closed');
    for (const p of this.pending.values()) p.reject(this.dead);
    this.pending.clear();
  }
}
