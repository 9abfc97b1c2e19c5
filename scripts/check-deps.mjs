#!/usr/bin/env node
/**
 * Checks the direction of imports (docs/architecture.md): reads every .ts/.tsx file under
 * packages/<name>/src and apps/<name>/src, and fails with one line per import that
 * - makes a package import an app, or an app another app;
 * - makes a package import a package that is not on a lower layer (PACKAGE_LAYERS);
 * - imports a workspace or npm package its package.json does not declare;
 * - reaches into another workspace by a relative path, or into a subpath it does not export;
 * - makes one web feature (a folder directly under apps/web/src) import another's modules.
 * - makes production code (not a *.test.ts file) import the test helpers, @sweetspot/testing.
 * The imports known to break a rule today are listed below, each with its reason, so that only
 * new ones fail. Run: `npm run check:deps` (the first step of `npm test`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkImport, scanImports } from './check-deps-rules.mjs';

/**
 * Imports that break a rule today, allowed one by one (the importing file and what it reaches)
 * so that a new one fails. Remove an entry when its import goes; the check warns about entries
 * that no longer occur.
 */
const EXCEPTIONS = [
  // The engine's fast-check arbitraries live in src/ beside the tests that use them and import
  // the root's test tools. They can move to @sweetspot/testing (they import only the scenario
  // package and fast-check), and this entry go with them.
  ...allow('undeclared-dependency', 'test helper in src/', {
    'packages/engine/src/test-arbitraries.ts': ['fast-check'],
  }),
];

/**
 * Exception entries for one rule, from importing file → what each import reaches; `base` is
 * the folder both paths are relative to (none: the repository root, or an npm package name).
 */
function allow(rule, reason, imports, base) {
  const full = (path) => (base ? `${base}/${path}` : path);
  return Object.entries(imports).flatMap(([from, targets]) =>
    targets.map((target) => ({ key: `${rule} ${full(from)} -> ${full(target)}`, reason })),
  );
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

/** The repository-relative path with `/`, whatever the platform. */
function repoPath(absolute) {
  return relative(ROOT, absolute).split(sep).join('/');
}

/** Every workspace manifest by package name, each with its folder and kind. */
function readWorkspaces(root) {
  const workspaces = {};
  for (const pattern of root.workspaces) {
    const parent = pattern.endsWith('/*') ? pattern.slice(0, -2) : undefined;
    const dirs = parent
      ? readdirSync(join(ROOT, parent), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => `${parent}/${entry.name}`)
      : [pattern];
    for (const dir of dirs) {
      const manifestPath = join(ROOT, dir, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      const kind = dir.startsWith('packages/')
        ? 'package'
        : dir.startsWith('apps/')
          ? 'app'
          : 'other';
      workspaces[manifest.name] = { ...manifest, dir, kind };
    }
  }
  return workspaces;
}

/** A relative import's path as written, or with the extension it leaves out (as bundlers do). */
function completePath(path) {
  const candidates = [path, `${path}.ts`, `${path}.tsx`, `${path}/index.ts`, `${path}/index.tsx`];
  return (
    candidates.find((candidate) =>
      statSync(join(ROOT, candidate), { throwIfNoEntry: false })?.isFile(),
    ) ?? path
  );
}

/** Every source file under a folder, skipping node_modules and build output. */
function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...sourceFiles(path));
    else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(path);
    }
  }
  return files;
}

const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const workspaces = readWorkspaces(root);
const allowed = new Map(EXCEPTIONS.map((entry) => [entry.key, entry]));
const used = new Set();
const failures = [];
let fileCount = 0;
let importCount = 0;

for (const workspace of Object.values(workspaces)) {
  if (workspace.kind === 'other') continue;
  for (const file of sourceFiles(join(ROOT, workspace.dir, 'src'))) {
    const from = repoPath(file);
    fileCount += 1;
    for (const { specifier, line } of scanImports(readFileSync(file, 'utf8'))) {
      importCount += 1;
      for (const broken of checkImport(from, specifier, workspaces, root, completePath)) {
        const key = `${broken.rule} ${from} -> ${broken.target}`;
        if (allowed.has(key)) {
          used.add(key);
          continue;
        }
        failures.push(`${from}:${line}: '${specifier}' breaks ${broken.rule}: ${broken.message}`);
      }
    }
  }
}

for (const key of allowed.keys()) {
  if (!used.has(key)) {
    console.warn(
      `check-deps: the exception "${key}" no longer occurs; remove it from ${repoPath(fileURLToPath(import.meta.url))}`,
    );
  }
}
if (failures.length > 0) {
  for (const failure of failures) console.error(failure);
  console.error(
    `dependency directions: ${failures.length} broken rule${failures.length === 1 ? '' : 's'} (docs/architecture.md)`,
  );
  process.exit(1);
}
console.log(`dependency directions: ok (${fileCount} files, ${importCount} imports)`);
const byReason = new Map();
for (const key of used) {
  const { reason } = allowed.get(key);
  byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
}
for (const [reason, count] of byReason) {
  console.log(`  ${count} known exceptions allowed (${reason}), listed in scripts/check-deps.mjs`);
}
