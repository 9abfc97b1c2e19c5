/**
 * The Vitest settings every workspace shares; each `vitest.config.ts` extends them with
 * `mergeConfig` and adds only its own. turbo.json lists this file in `globalDependencies`, so a
 * change here re-runs every workspace's tests.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Many tests run the engine (statistical checks, replays, summaries of real runs); on a
    // loaded 2-core machine they outlast Vitest's 5 s default. The timeout only guards against a
    // hang: no test asserts a time (speed is measured by the benchmarks, docs/benchmarks.md).
    testTimeout: 60_000,
  },
});
