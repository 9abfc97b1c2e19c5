import { clearTimer, setTimer } from './timers.ts';
import type { RunProgress } from './types.ts';

/** Progress calls at most every 200 ms (≤ 5 a second). */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * Throttles progress reports: at most one call per interval, never decreasing, the latest value
 * delivered by a trailing timer, and `finish()` always ends with done === total.
 */
export class ProgressThrottle {
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastDone = -1;
  private latest = 0;
  private timer: unknown;

  constructor(
    private readonly callback: ((progress: RunProgress) => void) | undefined,
    private total: number,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  update(done: number): void {
    if (!this.callback) return;
    this.latest = Math.max(this.latest, done);
    if (this.timer !== undefined) return;
    const wait = this.lastTime + this.intervalMs - Date.now();
    if (wait <= 0) this.emit();
    else
      this.timer = setTimer(() => {
        this.timer = undefined;
        this.emit();
      }, wait);
  }

  /**
   * Reports done === total now (cancelling any pending report). A run stopped early by its rule
   * passes the trials it kept: the last report is then { done: kept, total: kept }.
   */
  finish(kept?: number): void {
    this.cancel();
    if (kept !== undefined && kept !== this.total) {
      this.total = kept;
      this.lastDone = -1;
    }
    this.latest = this.total;
    this.emit();
  }

  /** Drops any pending report; nothing is called afterwards unless `update`/`finish` are. */
  cancel(): void {
    if (this.timer !== undefined) clearTimer(this.timer);
    this.timer = undefined;
  }

  private emit(): void {
    if (!this.callback || this.latest <= this.lastDone) return;
    this.lastDone = this.latest;
    this.lastTime = Date.now();
    try {
      this.callback({ done: this.latest, total: this.total });
    } catch (error) {
      this.onError(error);
    }
  }
}

/**
 * Work is never silently huge: a run estimated longer than this in all says how long it will take
 * (the CLI on standard error, the app's run bar).
 */
export const ANNOUNCE_SECONDS = 10;

/**
 * How long a run has left, from the speed it has shown: the rate between its first report of
 * finished trials and the latest one (so the workers' start-up, before the first trials, does
 * not count), once at least `settleMs` lie between them.
 */
export class RunClock {
  private first: { at: number; done: number } | undefined;

  constructor(
    private readonly startedAt: number,
    private readonly settleMs = 500,
  ) {}

  /**
   * `done` of `total` trials at time `now` (ms, same clock as `startedAt`): the estimate of the
   * whole run's seconds and of the seconds left, or undefined while the speed is not yet known.
   */
  observe(done: number, total: number, now: number): { total: number; left: number } | undefined {
    if (!(done > 0) || done >= total) return undefined;
    if (!this.first) {
      this.first = { at: now, done };
      return undefined;
    }
    const span = now - this.first.at;
    const trials = done - this.first.done;
    if (span < this.settleMs || trials <= 0) return undefined;
    const left = ((total - done) * span) / trials / 1000;
    return { total: (now - this.startedAt) / 1000 + left, left };
  }
}

/**
 * "45 s", "3 min", "1 h 40 min": a run's estimated time as a person says it (the CLI's
 * announcement and the app's run bar).
 */
export function describeSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'a very long time';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
