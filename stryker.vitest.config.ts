/**
 * The Vitest configuration that `npm run mutation` (StrykerJS, stryker.config.mjs) runs against
 * every mutant: the tests that pin the model's rules, and nothing else. Not used by `npm test`.
 * See docs/testing.md.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** An absolute path inside this directory (in Stryker's sandbox: the sandbox copy). */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The tests run against every mutant, in the order they run: Stryker stops at a mutant's first
 * failing test, so the fast and sharp ones go first. Left out, because they are statistical,
 * slow under mutation (minutes each) and faster tests pin the same rules exactly (docs/testing.md,
 * "What the mutation run leaves out"):
 * - tests/engine-closed-form.test.ts: §9's moments follow from §2's draws (pinned bit for bit
 *   by packages/engine/src/mutation-kills.test.ts, μ and σ computed there from the model's
 *   formula) and from §3–§8 (pinned deal by deal against the reference model, same file);
 * - tests/engine-warmup.test.ts: whether each preset's warm-up is long enough is a property of
 *   the presets' numbers; that warm-up weeks are played and not reported is pinned exactly by the
 *   reference comparisons, whose scenarios have warm-ups of 0 to 10 weeks;
 * - tests/engine-horizon.test.ts: the last quarter's waste against the middle quarters'; settling
 *   (fates after the horizon, hours filed by fate, the 20,000-week stop) is pinned exactly by the
 *   reference comparisons.
 */
const TESTS = [
  'packages/engine/src/mutation-kills.test.ts',
  'packages/analysis/src/mutation-kills.test.ts',
  'packages/scenario/src/**/*.test.ts',
  'packages/analysis/src/**/*.test.ts',
  'packages/engine/src/**/*.test.ts',
  'tests/engine-rules.test.ts',
  'tests/engine-waterfall-trace.test.ts',
];

/** Runs the test files in the order of TESTS (Vitest's default is slowest first). */
class FastFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const path = spec.moduleId.replaceAll('\\', '/');
      const i = TESTS.findIndex((pattern) => path.includes(pattern.split('*')[0] as string));
      return i < 0 ? TESTS.length : i;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * Stryker's instrumented code counts, at every mutation site, how often each mutant's code runs
 * (its coverage), in every run. The counts are read after the initial run only (to pick each
 * mutant's tests); while a mutant is active they are never read, and counting them made the
 * engine's hot loop about 3.5 times slower still. This plugin makes the counting stop while a
 * mutant is active. It only shortens runs: a mutant's tests, their results and Stryker's
 * infinite-loop guard (the hit count of the active mutant, kept elsewhere) are unchanged. If a
 * later Stryker writes its counter differently, the pattern is not found and nothing changes.
 */
const COVER = /function cover\(\) \{\n(\s*)var c = cov\.static;/;
const skipCoverageWhileMutantActive: Plugin = {
  name: 'sweetspot:stryker-skip-coverage-while-mutant-active',
  enforce: 'pre',
  transform(code) {
    if (!COVER.test(code)) return null;
    return code.replace(
      COVER,
      (_, indent: string) =>
        `function cover() {\n${indent}if (ns.activeMutant !== undefined) return;\n${indent}var c = cov.static;`,
    );
  },
};

export default defineConfig({
  plugins: [skipCoverageWhileMutantActive],
  resolve: {
    // The workspace packages resolve to this directory's sources. Through node_modules they would
    // resolve (symlinks) to the original sources outside Stryker's sandbox, never mutated.
    alias: [
      {
        find: /^@sweetspot\/(engine|analysis|scenario)$/,
        replacement: `${here('packages')}/$1/src/index.ts`,
      },
    ],
  },
  test: {
    include: TESTS,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    sequence: { sequencer: FastFirst },
  },
});
