// A quicker mutation run (docs/testing.md, "Quick runs"): the files given with --mutate, against
// only the test files listed in MUTATION_TESTS (comma-separated; default: the engine's
// mutation-kill tests). Incremental, so a re-run tests only what changed. For example:
//   MUTATION_TESTS=packages/engine/src/mutation-kills.test.ts \
//     npx stryker run stryker.quick.config.mjs --mutate 'packages/engine/src/strategy/*.ts'
import base from './stryker.config.mjs';

export default {
  ...base,
  vitest: { configFile: 'stryker.quick.vitest.config.ts', related: false },
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation-quick/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/mutation-quick/incremental.json',
  // Under load the instrumented first run can take long: it is not a test of speed.
  dryRunTimeoutMinutes: 60,
};
