import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Replays and forecasts run the engine: on a loaded CI machine they outlast Vitest's 5 s
    // default. The timeout only guards against a hang (speed: the benchmarks).
    testTimeout: 60_000,
  },
});
