/**
 * The rules of scripts/check-deps.mjs (the dependency-direction check of `npm test`), tried on
 * made-up workspaces laid out as the real ones: an upward import, an undeclared one, a relative
 * path into another workspace and a web feature reaching into a sibling are reported; the
 * imports docs/architecture.md allows are not.
 */
import { describe, expect, it } from 'vitest';
import {
  checkImport,
  layerOf,
  resolveImport,
  scanImports,
  type Workspace,
} from '../scripts/check-deps-rules.mjs';

const workspace = (
  dir: string,
  dependencies: string[] = [],
  more: Partial<Workspace> = {},
): Workspace => ({
  name: `@sweetspot/${dir.split('/')[1]}`,
  dir,
  kind: dir.startsWith('apps/') ? 'app' : 'package',
  dependencies: Object.fromEntries(dependencies.map((name) => [name, '*'])),
  exports: dir.startsWith('apps/') ? undefined : { '.': './src/index.ts' },
  ...more,
});

const WORKSPACES: Record<string, Workspace> = Object.fromEntries(
  [
    workspace('packages/scenario', ['zod']),
    workspace('packages/engine', ['@sweetspot/scenario']),
    workspace('packages/analysis', ['@sweetspot/engine', '@sweetspot/scenario']),
    workspace('packages/calibration', ['@sweetspot/engine', '@sweetspot/scenario']),
    workspace('packages/runner', ['@sweetspot/analysis', '@sweetspot/engine'], {
      exports: { '.': './src/index.ts', './node': './src/node.ts' },
    }),
    workspace('packages/decision', ['@sweetspot/runner', '@sweetspot/engine']),
    workspace('packages/testing', ['@sweetspot/scenario'], {
      exports: { '.': './src/index.ts', './browser': './src/browser.ts' },
    }),
    workspace('apps/cli', ['@sweetspot/runner', '@sweetspot/decision'], {
      devDependencies: { '@sweetspot/testing': '*' },
    }),
    workspace('apps/web', ['@sweetspot/engine', 'react'], {
      devDependencies: { vite: '*' },
    }),
  ].map((w) => [w.name, w]),
);
const ROOT = { devDependencies: { vitest: '*', 'fast-check': '*' } };

/** The rules an import breaks, by name only. */
const rules = (from: string, specifier: string) =>
  checkImport(from, specifier, WORKSPACES, ROOT).map((broken) => broken.rule);

describe('check-deps rules', () => {
  it('reports a package importing a package on its own layer or above', () => {
    expect(rules('packages/engine/src/simulate.ts', '@sweetspot/analysis')).toContain(
      'upward-import',
    );
    // analysis and calibration share a layer: neither may import the other.
    expect(rules('packages/analysis/src/summary.ts', '@sweetspot/calibration')).toContain(
      'upward-import',
    );
    expect(layerOf('@sweetspot/engine')).toBeLessThan(layerOf('@sweetspot/analysis') ?? -1);
  });

  it('reports an import the package.json does not declare, even a legal direction', () => {
    // decision is above calibration, but does not declare it.
    expect(rules('packages/decision/src/frontier.ts', '@sweetspot/calibration')).toEqual([
      'undeclared-dependency',
    ]);
    expect(rules('packages/engine/src/rng.ts', 'lodash')).toEqual(['undeclared-dependency']);
  });

  it('accepts a declared import of a lower layer, a builtin, and a test tool in a test file', () => {
    expect(rules('packages/decision/src/frontier.ts', '@sweetspot/runner')).toEqual([]);
    expect(rules('packages/cli/src/x.ts', '@sweetspot/web')).toEqual([]); // not a workspace file
    expect(rules('apps/cli/src/main.ts', '@sweetspot/runner/node')).toEqual([]);
    expect(rules('apps/web/src/offline/plugin.ts', 'vite')).toEqual([]);
    expect(rules('packages/scenario/src/schema.ts', 'zod')).toEqual([]);
    expect(rules('packages/engine/src/rng.ts', 'node:crypto')).toEqual([]);
    expect(rules('packages/engine/src/rng.test.ts', 'fast-check')).toEqual([]);
    // …but not in the code the package ships.
    expect(rules('packages/engine/src/rng.ts', 'fast-check')).toEqual(['undeclared-dependency']);
  });

  it('lets only test files import @sweetspot/testing, as a devDependency, by its entry points', () => {
    expect(rules('apps/cli/src/main.test.ts', '@sweetspot/testing')).toEqual([]);
    expect(rules('apps/cli/src/main.test.ts', '@sweetspot/testing/browser')).toEqual([]);
    expect(rules('apps/cli/src/main.ts', '@sweetspot/testing')).toEqual([
      'test-helpers-in-production',
    ]);
    expect(rules('apps/cli/src/main.test.ts', '@sweetspot/testing/src/x.ts')).toEqual([
      'not-exported',
    ]);
    // The engine does not declare it.
    expect(rules('packages/engine/src/rng.test.ts', '@sweetspot/testing')).toEqual([
      'undeclared-dependency',
    ]);
    // The package itself is test code outside the layers: it may import a declared package
    // and the root's test tools, never an app.
    expect(rules('packages/testing/src/scenarios.ts', '@sweetspot/scenario')).toEqual([]);
    expect(rules('packages/testing/src/browser.ts', 'vitest')).toEqual([]);
    expect(rules('packages/testing/src/x.ts', '@sweetspot/web')).toContain('package-imports-app');
  });

  it('reports a package importing an app, and an app importing another', () => {
    expect(rules('packages/engine/src/x.ts', '@sweetspot/web')).toContain('package-imports-app');
    expect(rules('apps/cli/src/x.ts', '@sweetspot/web')).toContain('app-imports-app');
  });

  it("reports a subpath a package does not export (another package's internals)", () => {
    expect(rules('apps/cli/src/main.ts', '@sweetspot/runner/src/pool.ts')).toEqual([
      'not-exported',
    ]);
  });

  it('reports a relative import into another workspace, not one inside its own', () => {
    expect(rules('packages/engine/src/a.ts', '../../analysis/src/summary.ts')).toEqual([
      'relative-import-crosses-boundary',
    ]);
    expect(rules('packages/engine/src/strategy/a.ts', '../rng.ts')).toEqual([]);
    // A test that reads a document beside the code is not an import.
    expect(rules('packages/scenario/src/a.test.ts', '../../../docs/format.md')).toEqual([]);
  });

  it('lets a web feature import only features on a lower layer, never the shell', () => {
    // The exception key is the feature reached, so a listed file may use its other modules.
    expect(
      checkImport('apps/web/src/ui/ChartFrame.tsx', '../results/derive.ts', WORKSPACES, ROOT),
    ).toEqual([
      expect.objectContaining({
        rule: 'web-feature-imports-sibling',
        target: 'apps/web/src/results/',
      }),
    ]);
    expect(rules('apps/web/src/editor/Field.tsx', '../App.tsx')).toEqual([
      'web-feature-imports-shell',
    ]);
    expect(rules('apps/web/src/editor/Field.tsx', './paths.ts')).toEqual([]);
    expect(rules('apps/web/src/editor/Field.tsx', '../format.ts')).toEqual([]);
    expect(rules('apps/web/src/App.tsx', './results/ResultsPanel.tsx')).toEqual([]);
    // Downward: decision (layer 3) may import results (2) and ui (0); not the other way, and
    // not a feature on its own layer (run and share are both on layer 1).
    expect(rules('apps/web/src/decision/Tornado.tsx', '../results/derive.ts')).toEqual([]);
    expect(rules('apps/web/src/decision/Tornado.tsx', '../ui/palette.ts')).toEqual([]);
    expect(rules('apps/web/src/results/Verdict.tsx', '../decision/format.ts')).toEqual([
      'web-feature-imports-sibling',
    ]);
    expect(rules('apps/web/src/run/controller.ts', '../share/urlState.ts')).toEqual([
      'web-feature-imports-sibling',
    ]);
    // A new folder must be given a layer before anything imports it or it imports anything.
    expect(rules('apps/web/src/newthing/a.ts', '../ui/palette.ts')).toEqual([
      'web-feature-imports-sibling',
    ]);
  });

  it('resolves relative paths from the importing file, dropping queries', () => {
    expect(resolveImport('apps/web/src/run/runners.ts', '../sim.worker.ts?worker', {})).toEqual({
      kind: 'file',
      path: 'apps/web/src/sim.worker.ts',
    });
  });
});

describe('scanImports', () => {
  it('finds static, type-only, side-effect, re-export, dynamic and worker-URL imports', () => {
    const source = [
      "import { a, type B } from './a.ts';",
      "import type { C } from '@sweetspot/engine';",
      "import './styles.css';",
      "export * from './d.ts';",
      'export {',
      '  e,',
      "} from './e.ts';",
      "const f = () => import('./f.tsx');",
      "new Worker(new URL('./g.worker.ts', import.meta.url), { type: 'module' });",
    ].join('\n');
    expect(scanImports(source)).toEqual([
      { specifier: './a.ts', line: 1 },
      { specifier: '@sweetspot/engine', line: 2 },
      { specifier: './styles.css', line: 3 },
      { specifier: './d.ts', line: 4 },
      { specifier: './e.ts', line: 5 },
      { specifier: './f.tsx', line: 8 },
      { specifier: './g.worker.ts', line: 9 },
    ]);
  });

  it('skips imports in comments and strings, and is not misled by quotes in a regex', () => {
    const source = [
      "// import { x } from '@sweetspot/web';",
      "/* import y from '@sweetspot/cli'; */",
      'const s = "import z from \'@sweetspot/decision\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      'const t = `${\'import w from "@sweetspot/runner"\'}`;',
      "const r = /'/; import { ok } from './ok.ts';",
      'const u = "https://example.com"; // a URL is not a comment',
      "import { last } from './last.ts';",
    ].join('\n');
    expect(scanImports(source)).toEqual([
      { specifier: './ok.ts', line: 5 },
      { specifier: './last.ts', line: 7 },
    ]);
  });
});
