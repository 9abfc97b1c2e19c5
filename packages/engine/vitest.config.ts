import { defineConfig } from 'vitest/config';

// The differential and property tests take seconds each, more on a busy machine: a generous
// timeout guards against hangs without failing a slow run (speed is measured by `npm run bench`).
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 120_000 } });
