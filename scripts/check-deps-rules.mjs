/**
 * The rules of docs/architecture.md as plain functions: which workspace a file belongs to, what
 * an import specifier points at, and which rules an import breaks. No file system access here
 * (scripts/check-deps.mjs reads the tree), so tests/check-deps.test.ts can try each rule on
 * made-up imports.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

/** The packages, lowest layer first: a package may import only packages on a lower row. */
export const PACKAGE_LAYERS = [
  ['@sweetspot/scenario'],
  ['@sweetspot/engine'],
  ['@sweetspot/analysis', '@sweetspot/calibration'],
  ['@sweetspot/runner'],
  ['@sweetspot/decision'],
];

/**
 * The test helpers' package: outside the layers, a leaf no production code imports. Its files are
 * test code (they may use the root's test tools); it may import any package, and only test files
 * may import it (as a devDependency).
 */
export const TEST_PACKAGE = '@sweetspot/testing';

/** The web app's source folder: each folder directly under it is a feature. */
export const WEB_SRC = 'apps/web/src';

/**
 * The web app's features (folders directly under apps/web/src) in layers, lowest first. A
 * feature imports only features on a lower layer — never one on its own layer or above — so the
 * imports between features go one way and make no cycle (docs/architecture.md). `ui` holds the
 * shared components (chart frame, Plot wrapper, palette, modal, downloads); `app` the header tools.
 */
export const WEB_FEATURE_LAYERS = [
  ['ui', 'offline'],
  ['run', 'share', 'editor', 'import'],
  ['results', 'library'],
  ['decision'],
  ['export'],
  ['trainer'],
  ['app'],
];

/** The layer of a web feature, or undefined when it is in no layer (a new folder). */
export function webFeatureLayer(feature) {
  const row = WEB_FEATURE_LAYERS.findIndex((names) => names.includes(feature));
  return row === -1 ? undefined : row;
}

/** The web app's shell: it imports the features, and no feature imports it. */
export const WEB_SHELL = [`${WEB_SRC}/App.tsx`, `${WEB_SRC}/main.tsx`];

/** A path to source code (or to nothing but a folder), as opposed to a document or data. */
const CODE_FILE = /(\.(ts|tsx|mts|cts|js|mjs|cjs|jsx|json)|\/[^./]*)$/;

/** The layer of a package (0 = scenario), or undefined for an app or an unknown name. */
export function layerOf(packageName) {
  const row = PACKAGE_LAYERS.findIndex((names) => names.includes(packageName));
  return row === -1 ? undefined : row;
}

/**
 * The workspace that holds a file (a path relative to the repository root, with `/`), or
 * undefined when the file is in none. `workspaces` maps package names to their manifests.
 */
export function workspaceOf(file, workspaces) {
  for (const workspace of Object.values(workspaces)) {
    if (file.startsWith(`${workspace.dir}/`)) return workspace;
  }
  return undefined;
}

/** The web feature (folder directly under apps/web/src) that holds a file, or undefined. */
export function webFeatureOf(file) {
  if (!file.startsWith(`${WEB_SRC}/`)) return undefined;
  const parts = file.slice(WEB_SRC.length + 1).split('/');
  return parts.length > 1 ? parts[0] : undefined;
}

/** Whether a file is a test file (it may use the root's test tools, as vitest and fast-check). */
export function isTestFile(file) {
  return /\.test\.tsx?$/.test(file);
}

const BUILTINS = new Set(builtinModules);

/**
 * What an import specifier points at, seen from a file:
 * `{ kind: 'file', path }` for a relative import (path from the repository root, query dropped,
 * completed by `completePath` when the import leaves out the extension),
 * `{ kind: 'workspace', name, subpath, exported }` for `@sweetspot/<pkg>[/<subpath>]`,
 * `{ kind: 'builtin' }` for Node's own modules and `{ kind: 'external', name }` for the rest.
 */
export function resolveImport(from, specifier, workspaces, completePath = (path) => path) {
  const bare = specifier.replace(/[?#].*$/, '');
  if (bare.startsWith('.')) {
    return { kind: 'file', path: completePath(posix.join(posix.dirname(from), bare)) };
  }
  if (bare.startsWith('node:') || BUILTINS.has(bare)) return { kind: 'builtin' };
  const parts = bare.split('/');
  const name = bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const workspace = workspaces[name];
  if (!workspace) return { kind: 'external', name };
  const rest = parts.slice(bare.startsWith('@') ? 2 : 1).join('/');
  const subpath = rest === '' ? '.' : `./${rest}`;
  const exportsField = workspace.exports;
  // A workspace without an "exports" field (an app) exposes nothing by subpath.
  const exported =
    exportsField === undefined
      ? subpath === '.'
      : typeof exportsField === 'string'
        ? subpath === '.'
        : Object.hasOwn(exportsField, subpath);
  return { kind: 'workspace', name, subpath, exported };
}

/** Whether a manifest declares a dependency, in `dependencies` (or also devDependencies). */
function declares(manifest, name, { dev }) {
  return (
    Object.hasOwn(manifest.dependencies ?? {}, name) ||
    (dev && Object.hasOwn(manifest.devDependencies ?? {}, name))
  );
}

/**
 * The rules one import breaks, as `{ rule, target, message }` (`target` names what the import
 * reaches, the key of an exception). `root` is the root manifest: test files may import its
 * devDependencies (vitest, fast-check), which npm hoists for every workspace.
 */
export function checkImport(from, specifier, workspaces, root, completePath) {
  const source = workspaceOf(from, workspaces);
  if (!source) return [];
  const target = resolveImport(from, specifier, workspaces, completePath);
  const broken = [];
  const add = (rule, targetName, message) => broken.push({ rule, target: targetName, message });

  if (target.kind === 'file') {
    const reached = workspaceOf(target.path, workspaces);
    // Reading a document beside the code (a test that checks docs/*.md) is not an import.
    const isCode = reached !== undefined || CODE_FILE.test(target.path);
    if (reached !== source && isCode) {
      add(
        'relative-import-crosses-boundary',
        target.path,
        `a relative import leaves ${source.dir} (it reaches ${target.path}); ` +
          'import another workspace by its package name',
      );
      return broken;
    }
    const fromFeature = webFeatureOf(from);
    const toFeature = webFeatureOf(target.path);
    if (fromFeature && WEB_SHELL.includes(target.path)) {
      add(
        'web-feature-imports-shell',
        target.path,
        `the web feature ${fromFeature}/ imports the app's shell; the shell imports features, not the other way`,
      );
    }
    if (fromFeature && toFeature && fromFeature !== toFeature) {
      const fromLayer = webFeatureLayer(fromFeature);
      const toLayer = webFeatureLayer(toFeature);
      if (fromLayer === undefined || toLayer === undefined || toLayer >= fromLayer) {
        add(
          'web-feature-imports-sibling',
          `${WEB_SRC}/${toFeature}/`,
          fromLayer === undefined || toLayer === undefined
            ? `the web feature ${fromLayer === undefined ? fromFeature : toFeature}/ is in no layer; ` +
                'add it to WEB_FEATURE_LAYERS in scripts/check-deps-rules.mjs'
            : `the web feature ${fromFeature}/ imports ${toFeature}/, which is not on a lower layer; ` +
                'move what both need to a lower feature (ui/) or import only downward',
        );
      }
    }
    return broken;
  }
  if (target.kind === 'builtin') return broken;
  const testCode = isTestFile(from) || source.name === TEST_PACKAGE;
  if (target.kind === 'external') {
    const dev = source.kind === 'app' || testCode;
    const fromRoot = testCode && declares(root, target.name, { dev: true });
    if (!declares(source, target.name, { dev }) && !fromRoot) {
      add(
        'undeclared-dependency',
        target.name,
        `${target.name} is not declared in ${source.dir}/package.json`,
      );
    }
    return broken;
  }

  // An import of a workspace by name (@sweetspot/…).
  if (target.name === source.name) {
    if (!target.exported) {
      add('not-exported', specifier, `${specifier} is not in ${source.name}'s "exports"`);
    }
    return broken;
  }
  const reached = workspaces[target.name];
  if (target.name === TEST_PACKAGE) {
    if (!isTestFile(from)) {
      add(
        'test-helpers-in-production',
        target.name,
        `${target.name} holds test helpers: only test files (*.test.ts) may import it`,
      );
    } else if (!declares(source, target.name, { dev: true })) {
      add(
        'undeclared-dependency',
        target.name,
        `${target.name} is not in ${source.dir}/package.json "devDependencies"`,
      );
    }
    if (!target.exported) {
      add('not-exported', specifier, `${specifier} is not in ${target.name}'s "exports"`);
    }
    return broken;
  }
  if (reached.kind === 'app' && source.kind === 'package') {
    add('package-imports-app', target.name, `a package must not import an app (${target.name})`);
  } else if (reached.kind === 'app') {
    add('app-imports-app', target.name, `an app must not import another app (${target.name})`);
  } else if (source.kind === 'package' && source.name !== TEST_PACKAGE) {
    const from = layerOf(source.name);
    const to = layerOf(target.name);
    if (from === undefined || to === undefined || to >= from) {
      add(
        'upward-import',
        target.name,
        `${source.name} (layer ${from ?? '?'}) must not import ${target.name} ` +
          `(layer ${to ?? '?'}): packages import only lower layers`,
      );
    }
  }
  if (!declares(source, target.name, { dev: false })) {
    add(
      'undeclared-dependency',
      target.name,
      `${target.name} is not in ${source.dir}/package.json "dependencies"`,
    );
  }
  if (!target.exported) {
    add(
      'not-exported',
      specifier,
      `${specifier} is not in ${target.name}'s "exports" (import its public entry point)`,
    );
  }
  return broken;
}

/**
 * The import specifiers in a TypeScript source, with their line numbers: static imports and
 * re-exports (type-only ones too), side-effect imports, `import('…')` and
 * `new URL('…', import.meta.url)` (how workers are started). Comments are skipped, and so is
 * anything that only looks like an import inside a string.
 */
export function scanImports(source) {
  const { code, strings } = blankComments(source);
  const insideString = (index) => strings.some(([start, end]) => index > start && index < end);
  const patterns = [
    /\bimport\s+(?:type\s+)?[\w$*{}\s,]+?\s*from\s*(['"])([^'"\n]+)\1/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
    /\bnew\s+URL\s*\(\s*(['"])([^'"\n]+)\1\s*,\s*import\.meta\.url\s*\)/g,
  ];
  const found = [];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      if (insideString(match.index)) continue;
      const line = code.slice(0, match.index).split('\n').length;
      found.push({ specifier: match[2], line });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * The source with its comments blanked (newlines kept, so line numbers hold) and the spans of
 * its string and template literals. A `/` starts a regular expression where a value cannot
 * (after an operator or an opening bracket), so a quote inside `/'/` is not taken for a string.
 */
function blankComments(source) {
  let code = '';
  const strings = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      code += ' '.repeat(stop - i);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      code += source.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      const stop = endOfString(source, i);
      strings.push([i, stop - 1]);
      code += source.slice(i, stop);
      i = stop;
    } else if (c === '/' && startsRegex(code)) {
      const stop = endOfRegex(source, i);
      code += source.slice(i, stop);
      i = stop;
    } else {
      code += c;
      i += 1;
    }
  }
  return { code, strings };
}

const KEYWORDS_BEFORE_VALUE = new Set([
  'return',
  'typeof',
  'case',
  'in',
  'of',
  'void',
  'delete',
  'throw',
  'new',
  'else',
  'do',
  'yield',
  'await',
]);

/** Whether a `/` after this code starts a regular expression (where a value is expected). */
function startsRegex(code) {
  let end = code.length;
  while (end > 0 && /\s/.test(code[end - 1])) end -= 1;
  if (end === 0) return true;
  if (/[(,=:[!&|?{};+\-*%<>~^]/.test(code[end - 1])) return true;
  let start = end;
  while (start > 0 && /[\w$]/.test(code[start - 1])) start -= 1;
  return KEYWORDS_BEFORE_VALUE.has(code.slice(start, end));
}

/** The index just past the string or template literal that starts at `start`. */
function endOfString(source, start) {
  const quote = source[start];
  let i = start + 1;
  let depth = 0; // nesting of `${ … }` inside a template literal
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (quote === '`' && depth === 0 && c === '$' && source[i + 1] === '{') {
      depth = 1;
      i += 2;
      continue;
    }
    if (depth > 0) {
      // Inside a substitution: skip nested strings whole, count braces.
      if (c === '"' || c === "'" || c === '`') {
        i = endOfString(source, i);
        continue;
      }
      if (c === '{') depth += 1;
      if (c === '}') depth -= 1;
      i += 1;
      continue;
    }
    if (c === quote) return i + 1;
    if (c === '\n' && quote !== '`') return i + 1; // an unterminated string ends at the line
    i += 1;
  }
  return source.length;
}

/** The index just past the regular expression literal that starts at `start`. */
function endOfRegex(source, start) {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '\n') return i;
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      i += 1;
      while (/[a-z]/i.test(source[i] ?? '')) i += 1;
      return i;
    }
    i += 1;
  }
  return source.length;
}
