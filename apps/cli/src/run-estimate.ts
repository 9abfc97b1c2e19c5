import { ANNOUNCE_SECONDS, describeSeconds, RunClock } from '@sweetspot/runner';

/**
 * Work is never silently huge: once a run has measured its own speed, a run estimated to take
 * more than ten seconds says so on standard error, once ("about 45 s for 20,000 trials at
 * 440 a second; Ctrl-C stops it"), from the speed measured since its first trials finished.
 */

/** Watches a run's progress and announces, once, a run estimated over ANNOUNCE_SECONDS. */
export class RunEstimate {
  private readonly clock: RunClock;
  private announced = false;

  constructor(
    private readonly say: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.clock = new RunClock(now());
  }

  /**
   * `done` of `total` trials are in (for a precision-stopped run, `total` is the trials it is
   * expected to need). Announces the estimate the first time it exceeds ANNOUNCE_SECONDS; the
   * speed is measured from the first trials finished on (runner RunClock), not from the start.
   */
  observe(done: number, total: number): void {
    if (this.announced) return;
    const estimate = this.clock.observe(done, total, this.now());
    if (!estimate || !(estimate.total > ANNOUNCE_SECONDS)) return;
    this.announced = true;
    const rate = Math.round((total - done) / Math.max(estimate.left, 1e-9));
    this.say(
      `sweetspot: this run will take about ${describeSeconds(estimate.total)} for ${total.toLocaleString('en-US')} trials ` +
        `at ${rate.toLocaleString('en-US')} a second; Ctrl-C stops it\n`,
    );
  }
}
