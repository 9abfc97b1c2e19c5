/** Types of scripts/check-deps-rules.mjs, for tests/check-deps.test.ts. */

/** A workspace's package.json, with the folder it is in and whether it is a package or an app. */
export interface Workspace {
  name: string;
  dir: string;
  kind: 'package' | 'app' | 'other';
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: string | Record<string, string>;
}

/** One rule an import breaks; `target` is what the import reaches (the key of an exception). */
export interface Broken {
  rule:
    | 'relative-import-crosses-boundary'
    | 'web-feature-imports-shell'
    | 'web-feature-imports-sibling'
    | 'undeclared-dependency'
    | 'package-imports-app'
    | 'app-imports-app'
    | 'upward-import'
    | 'not-exported';
  target: string;
  message: string;
}

export type Resolved =
  | { kind: 'file'; path: string }
  | { kind: 'workspace'; name: string; subpath: string; exported: boolean }
  | { kind: 'builtin' }
  | { kind: 'external'; name: string };

export const PACKAGE_LAYERS: string[][];
export const WEB_SRC: string;
export const WEB_SHELL: string[];
export function layerOf(packageName: string): number | undefined;
export function workspaceOf(
  file: string,
  workspaces: Record<string, Workspace>,
): Workspace | undefined;
export function webFeatureOf(file: string): string | undefined;
export function isTestFile(file: string): boolean;
export function resolveImport(
  from: string,
  specifier: string,
  workspaces: Record<string, Workspace>,
  completePath?: (path: string) => string,
): Resolved;
export function checkImport(
  from: string,
  specifier: string,
  workspaces: Record<string, Workspace>,
  root: { devDependencies?: Record<string, string> },
  completePath?: (path: string) => string,
): Broken[];
export function scanImports(source: string): { specifier: string; line: number }[];
