import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    // Some tests run the engine (the progressive tornado, the import's calibration): on a loaded
    // 2-core CI machine they take far longer than Vitest's 5 s default. The timeout only guards
    // against a hang; speed is measured by the benchmarks, as in the other packages' configs.
    testTimeout: 60_000,
  },
});
