/** Running the CLI in tests through the built bin (in-process: `main` with `fakeIo()`). */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const exec = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The bin a person runs (`npx sweetspot`). */
export const CLI_BIN = join(ROOT, 'apps/cli/bin/sweetspot.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sweetspot ...args` to its end; a non-zero exit is a result, not an error. */
export async function sweetspot(...args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec('node', [CLI_BIN, ...args], {
      cwd: ROOT,
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
