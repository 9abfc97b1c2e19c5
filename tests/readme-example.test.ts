/**
 * The README's worked example is what the CLI prints: every line of its table (trailing spaces
 * aside; "…" stands for the quarters left out) appears, in order, in the output of
 * `sweetspot run --trials 10000` on the default scenario.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The fenced block that follows the README's "`npx sweetspot run --trials 10000` prints". */
function readmeTable(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf('`npx sweetspot run --trials 10000` prints');
  expect(at).toBeGreaterThan(0);
  const open = readme.indexOf('```\n', at);
  const close = readme.indexOf('\n```', open + 4);
  return readme
    .slice(open + 4, close)
    .split('\n')
    .map((l) => l.trimEnd());
}

describe('README worked example', () => {
  it('prints exactly the figures the README shows', async () => {
    const { stdout } = await promisify(execFile)(
      'node',
      [join(root, 'apps/cli/bin/sweetspot.mjs'), 'run', '--trials', '10000', '--workers', '2'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    const printed = stdout.split('\n').map((l) => l.trimEnd());
    const shown = readmeTable().filter((l) => l !== '…');
    expect(shown.length).toBeGreaterThan(10);
    let from = 0;
    for (const line of shown) {
      const i = printed.indexOf(line, from);
      expect(i, `README line not printed (in order): ${line}`).toBeGreaterThanOrEqual(0);
      from = i + 1;
    }
  }, 180_000);
});
