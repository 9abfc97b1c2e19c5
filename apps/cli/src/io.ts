import { readFile, writeFile } from 'node:fs/promises';

/** What a command may do to the outside world; tests pass a fake. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is an interactive terminal (progress bars go there). */
  interactive: boolean;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, data: string) => Promise<void>;
}

/** The real process streams and file system. */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    interactive: process.stderr.isTTY === true,
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, data) => writeFile(path, data, 'utf8'),
  };
}

/** A readable sentence for a file-system error, naming the file. */
export function describeFileError(path: string, error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return `cannot read ${path}: no such file`;
  if (code === 'EISDIR') return `cannot read ${path}: it is a directory`;
  if (code === 'EACCES') return `cannot read ${path}: permission denied`;
  return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
}

/** Thrown by commands for a clear, expected failure; main prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
