/**
 * The package must run in a browser worker as well as in Node. tsconfig.json compiles src with
 * `types: []`, but @types/papaparse references the Node typings, so the compiler alone cannot
 * catch a stray Node or DOM global: this scan does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

const FORBIDDEN: readonly [string, RegExp][] = [
  [
    'Node built-in import',
    /from\s+['"](?:node:|fs|path|stream|util|buffer|os|crypto|worker_threads|child_process)['"/]/,
  ],
  ['require()', /\brequire\s*\(/],
  ['Node global', /\b(?:process|Buffer|__dirname|__filename|setImmediate|global)\b/],
  [
    'DOM or worker global',
    /\b(?:window|document|self|navigator|localStorage|FileReader|FileReaderSync|Blob|File|structuredClone|AbortSignal|postMessage)\b/,
  ],
];

/** Source without comments and quoted strings, so prose and messages do not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'/g, "''")
    .replace(/`(?:[^`\\]|\\.)*`/g, '``');
}

describe('portability', () => {
  const files = readdirSync(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('finds the source files', () => {
    expect(files).toContain('csv.ts');
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s uses no Node or DOM APIs', (file) => {
    const src = code(readFileSync(join(SRC, file), 'utf8'));
    for (const [what, pattern] of FORBIDDEN)
      expect(pattern.exec(src)?.[0], `${what} in ${file}`).toBeUndefined();
  });
});
