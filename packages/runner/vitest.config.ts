import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Worker tests start real threads (tsx-compiled on first use) and run the real engine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
