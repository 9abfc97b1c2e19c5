// StrykerJS mutation testing of the model's rule files: `npm run mutation` (slow; not part of
// `npm test` or CI). What it mutates, which tests it runs and the scores: docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // The machine is shared: one test runner at a time.
  concurrency: 1,
  mutate: [
    'packages/engine/src/strategy-run.ts',
    'packages/engine/src/strategy/*.ts',
    'packages/engine/src/attribution.ts',
    'packages/engine/src/waterfall.ts',
    'packages/engine/src/world.ts',
    'packages/engine/src/compile.ts',
    'packages/engine/src/random/truncated-normal.ts',
    'packages/analysis/src/*.ts',
    '!packages/analysis/src/*.test.ts',
    '!packages/analysis/src/test-fixture.ts',
    'packages/scenario/src/validate.ts',
    'packages/scenario/src/rule-groups.ts',
  ],
  // Only what the tests above need is copied to the sandbox.
  ignorePatterns: [
    '/apps',
    '/packages/calibration',
    '/packages/decision',
    '/packages/runner',
    '/tests/browser',
    '/test-results',
    '/.turbo',
    '/.ci',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  // The statistical tests are CPU-bound and the machine may be busy: generous timeouts.
  timeoutFactor: 3,
  timeoutMS: 30_000,
  tempDirName: '.stryker-tmp',
};
