import { ANNOUNCE_SECONDS, describeSeconds, RunClock } from '@sweetspot/runner';

/**
 * Work is never silently huge: once a run has measured its own speed, a run estimated to take
 * more than ten seconds says so on standard error, once ("about 45 s for 20,000 trials at
 * 440 a second; Ctrl-C stops it"), from the speed measured since its first trials finished.
 */

/**
 * Watches a run's progress and announces, once, a run estimated over ANNOUNCE_SECONDS by two
 * estimates in a row. Why two: with several workers, trials come in a chunk at a time, so the
 * first speed measured can count one worker's chunk while every worker was busy, and read about
 * half the real speed (measured before this rule, on two workers: 20,000 trials announced as
 * 25 s took 14.7 s, 100,000 announced as 2 min took 71 s). The next estimate has the other
 * workers' chunks in.
 */
export class RunEstimate {
  private readonly clock: RunClock;
  private announced = false;
  /** The trials done at the last estimate over ANNOUNCE_SECONDS, if the last one was. */
  private overAt: number | undefined;

  constructor(
    private readonly say: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.clock = new RunClock(now());
  }

  /**
   * `done` of `total` trials are in (for a precision-stopped run, `total` is the trials it is
   * expected to need). Announces the estimate the second time in a row it exceeds
   * ANNOUNCE_SECONDS; the speed is measured from the first trials finished on (runner RunClock),
   * not from the start.
   */
  observe(done: number, total: number): void {
    if (this.announced) return;
    const estimate = this.clock.observe(done, total, this.now());
    if (!estimate) return;
    if (!(estimate.total > ANNOUNCE_SECONDS)) {
      this.overAt = undefined;
      return;
    }
    // The first estimate over the line waits for the next one, at more trials done.
    if (this.overAt === undefined || this.overAt === done) {
      this.overAt = done;
      return;
    }
    this.announced = true;
    const rate = Math.round((total - done) / Math.max(estimate.left, 1e-9));
    this.say(
      `sweetspot: this run will take about ${describeSeconds(estimate.total)} for ${total.toLocaleString('en-US')} trials ` +
        `at ${rate.toLocaleString('en-US')} a second; Ctrl-C stops it\n`,
    );
  }
}
