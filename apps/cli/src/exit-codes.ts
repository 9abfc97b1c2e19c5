/** Exit codes (docs/cli.md lists them; tests/cli-exit-codes.test.ts checks each). */
export const EXIT = {
  ok: 0,
  /** `validate` found problems, or a valid scenario failed to simulate (rejected by a worker, a worker crashed). */
  failed: 1,
  /** A usage problem: command, flag or flag value, a file that cannot be read, is not JSON or not a valid scenario. */
  usage: 2,
  /** `calibrate` built a scenario whose backtest does not replay the history within 5%. */
  gaps: 3,
  /** Cancelled with Ctrl-C. */
  interrupted: 130,
} as const;
