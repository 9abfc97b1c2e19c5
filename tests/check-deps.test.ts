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

/** Checks each case: [the importing file, the specifier, the rules it breaks (exactly)]. */
function expectBroken(cases: [from: string, specifier: string, broken: string[]][]): void {
  for (const [from, specifier, broken] of cases) {
    expect(rules(from, specifier), `${from} imports ${specifier}`).toEqual(broken);
  }
}

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
    expectBroken([
      // decision is above calibration, but does not declare it.
      ['packages/decision/src/frontier.ts', '@sweetspot/calibration', ['undeclared-dependency']],
      ['packages/engine/src/rng.ts', 'lodash', ['undeclared-dependency']],
    ]);
  });

  it('accepts a declared import of a lower layer, a builtin, and a test tool in a test file', () => {
    expectBroken([
      ['packages/decision/src/frontier.ts', '@sweetspot/runner', []],
      ['packages/cli/src/x.ts', '@sweetspot/web', []], // not a workspace file
      ['apps/cli/src/main.ts', '@sweetspot/runner/node', []],
      ['apps/web/src/offline/plugin.ts', 'vite', []],
      ['packages/scenario/src/schema.ts', 'zod', []],
      ['packages/engine/src/rng.ts', 'node:crypto', []],
      ['packages/engine/src/rng.test.ts', 'fast-check', []],
      // …but not in the code the package ships.
      ['packages/engine/src/rng.ts', 'fast-check', ['undeclared-dependency']],
    ]);
  });

  it('lets only test files import @sweetspot/testing, as a devDependency, by its entry points', () => {
    expectBroken([
      ['apps/cli/src/main.test.ts', '@sweetspot/testing', []],
      ['apps/cli/src/main.test.ts', '@sweetspot/testing/browser', []],
      ['apps/cli/src/main.ts', '@sweetspot/testing', ['test-helpers-in-production']],
      ['apps/cli/src/main.test.ts', '@sweetspot/testing/src/x.ts', ['not-exported']],
      // The engine does not declare it.
      ['packages/engine/src/rng.test.ts', '@sweetspot/testing', ['undeclared-dependency']],
      // The package itself is test code outside the layers: it may import a declared package
      // and the root's test tools…
      ['packages/testing/src/scenarios.ts', '@sweetspot/scenario', []],
      ['packages/testing/src/browser.ts', 'vitest', []],
    ]);
    // …never an app.
    expect(rules('packages/testing/src/x.ts', '@sweetspot/web')).toContain('package-imports-app');
  });

  it('reports a package importing an app, and an app importing another', () => {
    expect(rules('packages/engine/src/x.ts', '@sweetspot/web')).toContain('package-imports-app');
    expect(rules('apps/cli/src/x.ts', '@sweetspot/web')).toContain('app-imports-app');
  });

  it("reports a subpath a package does not export (another package's internals)", () => {
    expectBroken([['apps/cli/src/main.ts', '@sweetspot/runner/src/pool.ts', ['not-exported']]]);
  });

  it('reports a relative import into another workspace, not one inside its own', () => {
    expectBroken([
      [
        'packages/engine/src/a.ts',
        '../../analysis/src/summary.ts',
        ['relative-import-crosses-boundary'],
      ],
      ['packages/engine/src/strategy/a.ts', '../rng.ts', []],
      // A test that reads a document beside the code is not an import.
      ['packages/scenario/src/a.test.ts', '../../../docs/format.md', []],
    ]);
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
    expectBroken([
      ['apps/web/src/editor/Field.tsx', '../App.tsx', ['web-feature-imports-shell']],
      ['apps/web/src/editor/Field.tsx', './paths.ts', []],
      ['apps/web/src/editor/Field.tsx', '../format.ts', []],
      ['apps/web/src/App.tsx', './results/ResultsPanel.tsx', []],
      // Downward: decision (layer 3) may import results (2) and ui (0); not the other way, and
      // not a feature on its own layer (run and share are both on layer 1).
      ['apps/web/src/decision/Tornado.tsx', '../results/derive.ts', []],
      ['apps/web/src/decision/Tornado.tsx', '../ui/palette.ts', []],
      [
        'apps/web/src/results/Verdict.tsx',
        '../decision/format.ts',
        ['web-feature-imports-sibling'],
      ],
      ['apps/web/src/run/controller.ts', '../share/urlState.ts', ['web-feature-imports-sibling']],
      // A new folder must be given a layer before anything imports it or it imports anything.
      ['apps/web/src/newthing/a.ts', '../ui/palette.ts', ['web-feature-imports-sibling']],
    ]);
  });

  it('resolves relative paths from the importing file, dropping queries', () => {
    expect(resolveImport('apps/web/src/run/runners.ts', '../sim.worker.ts?worker', {})).toEqual({
      kind: 'file',
      path: 'apps/web/src/sim.worker.ts',
    });
  });
});

/** Checks scanImports on source lines, each with the specifier it must find there, if any. */
function expectImports(lines: [source: string, specifier?: string][]): void {
  const source = lines.map(([line]) => line).join('\n');
  const found = lines.flatMap(([, specifier], i) =>
    specifier ? [{ specifier, line: i + 1 }] : [],
  );
  expect(scanImports(source)).toEqual(found);
}

describe('scanImports', () => {
  it('finds static, type-only, side-effect, re-export, dynamic and worker-URL imports', () => {
    expectImports([
      ["import { a, type B } from './a.ts';", './a.ts'],
      ["import type { C } from '@sweetspot/engine';", '@sweetspot/engine'],
      ["import './styles.css';", './styles.css'],
      ["export * from './d.ts';", './d.ts'],
      // A statement over several lines is found on its first line.
      ['export {', './e.ts'],
      ['  e,'],
      ["} from './e.ts';"],
      ["const f = () => import('./f.tsx');", './f.tsx'],
      [
        "new Worker(new URL('./g.worker.ts', import.meta.url), { type: 'module' });",
        './g.worker.ts',
      ],
    ]);
  });

  it('skips imports in comments and strings, and is not misled by quotes in a regex', () => {
    expectImports([
      ["// import { x } from '@sweetspot/web';"],
      ["/* import y from '@sweetspot/cli'; */"],
      ['const s = "import z from \'@sweetspot/decision\'";'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
      ['const t = `${\'import w from "@sweetspot/runner"\'}`;'],
      ["const r = /'/; import { ok } from './ok.ts';", './ok.ts'],
      ['const u = "https://example.com"; // a URL is not a comment'],
      ["import { last } from './last.ts';", './last.ts'],
    ]);
  });
});
