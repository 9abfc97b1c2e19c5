import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

/**
 * Browser tests: the production build of apps/web in headless Chromium (playwright-core).
 * Run from the repository root: `npx vitest run --config tests/vitest.browser.config.ts`; in
 * `npm test` they are the turbo task `test:browser`, which waits for every package's unit tests.
 * One file at a time, one fork: the tests drive real runs and must not compete for the CPU (they
 * check behaviour by events and counts; speed is measured by `npm run bench:ui`). The shared
 * settings apply, with this folder's browser files in place of a package's src/ and longer waits.
 */
export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['browser/**/*.browser.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    maxWorkers: 1,
    pool: 'forks',
    sequence: { concurrent: false },
  },
});
