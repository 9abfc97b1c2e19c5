/** Running the CLI in tests through the built bin (in-process: `main` with `fakeIo()`). */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'vitest';

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

/** Builds the CLI's bundle (apps/cli/dist), in case the prepare step has not since the last edit. */
export async function buildCli(): Promise<void> {
  await exec('npm', ['run', 'build', '-w', '@sweetspot/cli'], { cwd: ROOT });
}

/** A fresh temporary folder for a test file's inputs and outputs, and `file` to write one there. */
export function scratchDir(prefix: string): {
  dir: string;
  file: (name: string, content: string | Buffer) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  return { dir, file };
}

/** What the CLI printed holds no stack trace: a failure is said in words. */
export function noStackTrace(r: { stdout: string; stderr: string }): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
}
