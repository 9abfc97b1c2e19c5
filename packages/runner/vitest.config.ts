import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // Worker tests start real threads (tsx-compiled on first use) and run the real engine.
      testTimeout: 120_000,
      hookTimeout: 60_000,
    },
  }),
);
