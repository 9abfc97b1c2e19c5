/**
 * Just enough of the page's globals for code that runs inside the browser (page.evaluate), typed
 * structurally: the tests' tsconfig has no DOM lib.
 */

export interface TimingView {
  requestedAt: number;
  startedAt: number;
  firstResultAt?: number;
  finalResultAt?: number;
}

export interface StateView {
  phase: 'idle' | 'running' | 'done' | 'stopped' | 'error';
  runId: number;
  runKey: string | undefined;
  latestKey: string | undefined;
  scheduled: boolean;
  progress: { done: number; total: number } | undefined;
  /** A precision-stopped run (docs/model.md §17). */
  precise: boolean;
  precision: { trials: number; expected: number; met: boolean; line: string } | undefined;
  secondsLeft: number | undefined;
  error: { message: string; kind: string } | undefined;
  timing: TimingView | undefined;
  result:
    | {
        runId: number;
        key: string;
        done: number;
        total: number;
        final: boolean;
      }
    | undefined;
}

/** The app's `window.__sweetspotTest` (apps/web/src/run/testHooks.ts). */
export interface TestApi {
  state(): StateView & {
    result?: StateView['result'] & {
      summary: {
        strategies: Record<
          string,
          { quarters: Array<{ bookings: { p50: number; mean: number }; pHitQuota: number }> }
        >;
        comparison: { horizon: { bookings: { pABeatsB: number; p50: number } } };
      };
    };
  };
  failNextRun(): void;
  subscribe(listener: () => void): () => void;
}

interface ObserverList {
  getEntries(): Array<{ startTime: number; duration: number }>;
}

export interface PageWindow {
  __sweetspotTest?: TestApi;
  __longTasks?: Array<{ start: number; duration: number }>;
  __reportCspViolation?: (text: string) => Promise<void>;
  document: {
    addEventListener(type: string, listener: (event: unknown) => void): void;
    activeElement: unknown;
  };
  PerformanceObserver: new (
    callback: (list: ObserverList) => void,
  ) => { observe(options: { type: string; buffered?: boolean }): void; disconnect(): void };
  requestAnimationFrame(callback: (t: number) => void): number;
}
