import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';

/** Largest scenario file read (the biggest real ones are a few tens of KB). */
export const MAX_SCENARIO_BYTES = 10 * 1024 * 1024;

/** Where text output goes: standard output or an `--out` file, written with backpressure. */
export interface Output {
  /** Writes text; resolves once the destination can take more (so memory stays bounded). */
  write(text: string): Promise<void>;
  /** Flushes and closes a file (standard output stays open). */
  close(): Promise<void>;
  /** Stops writing; a partly written `--out` file is deleted (never left looking complete). */
  discard(): Promise<void>;
}

/** What a command may do to the outside world; tests pass a fake. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is an interactive terminal (progress bars go there). */
  interactive: boolean;
  /** A whole (small) text file; the real one refuses files over MAX_SCENARIO_BYTES. */
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, data: string) => Promise<void>;
  /** Opens a big text file to read in pieces (CSV exports), so a size limit stops reading early. */
  readChunks?: (path: string) => Promise<TextChunks>;
  /** Opens standard output (path undefined) or a file for streamed writing. */
  openOutput?: (path: string | undefined) => Promise<Output>;
}

/** An opened text file: its size in bytes (0 when unknown) and its text, piece by piece. */
export interface TextChunks {
  bytes: number;
  chunks: AsyncIterable<string>;
  /** Closes the file without reading it (after reading, it closes by itself). */
  close: () => Promise<void>;
}

/** Thrown when standard output's reader has gone away (EPIPE); the CLI then exits 0 quietly. */
export class OutputClosedError extends Error {
  override name = 'OutputClosedError';
}

/** Thrown by commands for a clear, expected failure; main prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A usage problem: a UsageError, or parseArgs refusing a flag (unknown, missing its value). */
export function isUsageError(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    ((error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') ?? false)
  );
}

/** The error standard output failed with (EPIPE when the reader closed), if it did. */
let stdoutFailure: NodeJS.ErrnoException | undefined;
const stdoutListeners = new Set<(error: NodeJS.ErrnoException) => void>();
let watchingStdout = false;

/** The error standard output failed with, if any (EPIPE: the reader went away). */
export function stdoutError(): NodeJS.ErrnoException | undefined {
  return stdoutFailure;
}

/**
 * Registers a callback for standard output failing (once per process a listener is attached, so
 * an EPIPE never surfaces as an uncaught 'error' event with a stack trace). Returns an unsubscribe.
 */
export function onStdoutError(listener: (error: NodeJS.ErrnoException) => void): () => void {
  if (!watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      stdoutFailure ??= error;
      // Also covers an error after main has returned: a closed pipe is not a failure.
      process.exitCode = error.code === 'EPIPE' ? 0 : 2;
      for (const l of stdoutListeners) l(error);
    });
  }
  stdoutListeners.add(listener);
  return () => stdoutListeners.delete(listener);
}

/** Resolves when `stream` can take more, or rejects if it fails or closes first. */
function drained(stream: NodeJS.WritableStream, onClosed: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.removeListener('drain', onDrain);
      stream.removeListener('error', onError);
      stream.removeListener('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(onClosed());
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}

function stdoutOutput(): Output {
  const out = process.stdout;
  const closed = () => new OutputClosedError(stdoutFailure?.message ?? 'standard output closed');
  return {
    async write(text) {
      if (stdoutFailure || out.destroyed) throw closed();
      if (!out.write(text)) await drained(out, closed);
      if (stdoutFailure) throw closed();
    },
    async close() {},
    async discard() {},
  };
}

async function fileOutput(path: string): Promise<Output> {
  const cannotWrite = (error: unknown) => new UsageError(describeFileError(path, error, 'write'));
  const stream: WriteStream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(cannotWrite(error)));
  });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure ??= cannotWrite(error);
  });
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text))
        await drained(stream, () => failure ?? cannotWrite(new Error('the file was closed')));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.end(() => (failure ? reject(failure) : resolve()));
      }),
    async discard() {
      stream.destroy();
      await unlink(path).catch(() => {});
    },
  };
}

/**
 * Opens a text file (UTF-8) to be read in pieces of about 1 MB; the reader stops as soon as the
 * caller stops iterating (a size limit), so a huge file is never read whole. Opening first makes
 * a missing file or a directory fail here, with its own message, not halfway through parsing.
 */
export async function readChunks(path: string): Promise<TextChunks> {
  const handle = await open(path, 'r');
  let bytes: number;
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    // 0 for pipes and devices, whose size is unknown until read.
    bytes = stat.isFile() ? stat.size : 0;
  } catch (error) {
    await handle.close();
    throw error;
  }
  // autoClose: destroying the stream (or reading to the end) closes the file.
  const stream = handle.createReadStream({ encoding: 'utf8', highWaterMark: 1024 * 1024 });
  const chunks = (async function* () {
    try {
      for await (const chunk of stream) yield chunk as string;
    } finally {
      stream.destroy();
    }
  })();
  return { bytes, chunks, close: async () => void stream.destroy() };
}

/** Reads a whole text file, refusing (without reading on) one larger than `maxBytes`. */
export async function readLimited(path: string, maxBytes: number): Promise<string> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const part of stream) {
      size += (part as Buffer).length;
      if (size > maxBytes) {
        throw new UsageError(`${path} is larger than ${formatBytes(maxBytes)}, the limit`);
      }
      parts.push(part as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).toString('utf8');
}

/** 10485760 → "10 MB" (binary megabytes, as the limits are set). */
export function formatBytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** The real process streams and file system. */
export function processIo(): Io {
  return {
    stdout: (s) => {
      // After EPIPE, further writes would only queue errors: drop them.
      if (!stdoutFailure && !process.stdout.destroyed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    interactive: process.stderr.isTTY === true,
    readFile: (path) => readLimited(path, MAX_SCENARIO_BYTES),
    writeFile: async (path, data) => {
      const out = await fileOutput(path);
      await out.write(data);
      await out.close();
    },
    readChunks,
    openOutput: async (path) => (path === undefined ? stdoutOutput() : fileOutput(path)),
  };
}

/**
 * Opens the command's output: `io.openOutput` when the Io has it, else one that hands text to
 * `io.stdout` / buffers it for `io.writeFile` (test fakes).
 */
export async function openOutput(io: Io, path: string | undefined): Promise<Output> {
  if (io.openOutput) return io.openOutput(path);
  let text = '';
  return {
    async write(s) {
      if (path === undefined) io.stdout(s);
      else text += s;
    },
    async close() {
      if (path !== undefined) await io.writeFile(path, text);
    },
    async discard() {},
  };
}

/**
 * Writes a whole text to `path` (standard output when undefined) through openOutput; a file that
 * fails halfway is removed rather than left looking complete.
 */
export async function writeText(io: Io, path: string | undefined, text: string): Promise<void> {
  const output = await openOutput(io, path);
  try {
    await output.write(text);
    await output.close();
  } catch (error) {
    await output.discard();
    throw error;
  }
}

/** A readable sentence for a file-system error, naming the file. */
export function describeFileError(
  path: string,
  error: unknown,
  verb: 'read' | 'write' = 'read',
): string {
  if (error instanceof UsageError) return error.message;
  const code = (error as { code?: string }).code;
  if (path === '') return 'the file name is empty';
  if (code === 'ENOENT') return `cannot ${verb} ${path}: no such file or directory`;
  if (code === 'EISDIR') return `cannot ${verb} ${path}: it is a directory`;
  if (code === 'EACCES') return `cannot ${verb} ${path}: permission denied`;
  return `cannot ${verb} ${path}: ${error instanceof Error ? error.message : String(error)}`;
}
