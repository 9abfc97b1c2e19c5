/**
 * The Vitest configuration of a quick mutation run (stryker.quick.config.mjs): the full one
 * (stryker.vitest.config.ts) restricted to the test files in MUTATION_TESTS.
 */
import base from './stryker.vitest.config.ts';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by a manual mutation run, never by a turbo task
const tests = (process.env.MUTATION_TESTS ?? 'packages/engine/src/mutation-kills.test.ts').split(
  ',',
);
if (base.test) base.test.include = tests;
export default base;
