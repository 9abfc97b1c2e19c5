import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// The differential and property tests take seconds each, more on a busy machine: a generous
// timeout guards against hangs without failing a slow run (speed is measured by `npm run bench`).
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 120_000 } }));
