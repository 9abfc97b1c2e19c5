import { defineConfig } from 'vitest/config';
// Some tests simulate (summaries of real runs): a timeout that only guards against a hang.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], testTimeout: 60_000 } });
